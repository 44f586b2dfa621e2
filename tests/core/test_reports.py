"""Tests for core.reports: Excel export, Thai PDF reports and the bar chart helper."""

import re
import shutil
import subprocess
import zlib
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from core.pdf import BREAK_HINT, FONT_DIR, thai_pdf
from core.reports import BAR, BAR_FILL, breakable, plotly_bar, to_pdf, to_xlsx, unbreakable_pieces

needs_poppler = pytest.mark.skipif(shutil.which('pdftotext') is None, reason='poppler-utils (pdftotext) not installed')


def villages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            'หมู่บ้าน': ['บ้านหนองบัว', 'บ้านโนนสำราญ', 'บ้านท่าน้ำ'],
            'ครัวเรือน': [152, 98, 1204],
            'งบประมาณ': [Decimal('1234567.50'), Decimal('0.29'), Decimal('21.21')],
        }
    )


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it in the order it was written (what copying and searching find)."""
    path = tmp_path / 'report.pdf'
    path.write_bytes(pdf)
    return subprocess.run(['pdftotext', '-raw', str(path), '-'], capture_output=True, check=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """Text of each page, whitespace removed (lines wrap where the layout puts them)."""
    return [re.sub(r'\s', '', page) for page in pdf_text(pdf, tmp_path).split('\f')[:-1]]


def test_fonts_and_licence_are_bundled():
    for name in ('Laksaman.ttf', 'Laksaman-Bold.ttf', 'LICENSE-Laksaman.txt'):
        assert (FONT_DIR / name).is_file()
    assert 'Font exception' in (FONT_DIR / 'LICENSE-Laksaman.txt').read_text()


def test_xlsx_values_and_formats():
    workbook = load_workbook(BytesIO(to_xlsx(villages(), title='จำนวนครัวเรือน ปี 2569')))
    sheet = workbook.active
    assert sheet['A1'].value == 'จำนวนครัวเรือน ปี 2569'
    assert [cell.value for cell in sheet[3]] == ['หมู่บ้าน', 'ครัวเรือน', 'งบประมาณ']
    assert all(cell.font.bold for cell in sheet[3])
    assert [cell.value for cell in sheet[4]] == ['บ้านหนองบัว', 152, 1234567.5]
    assert sheet['C5'].value == pytest.approx(0.29)
    assert {sheet[f'C{row}'].number_format for row in (4, 5, 6)} == {'#,##0.00'}
    assert sheet.column_dimensions['A'].width >= len('บ้านโนนสำราญ') - 2
    assert sheet.freeze_panes == 'A4'


def test_xlsx_several_sheets_without_title():
    other = pd.DataFrame({'รายการ': ['ค่าไฟฟ้า'], 'จำนวนเงิน': [Decimal('980.00')]})
    workbook = load_workbook(BytesIO(to_xlsx([('หมู่บ้าน', villages()), ('ค่าใช้จ่าย/เดือน', other)])))
    assert workbook.sheetnames == ['หมู่บ้าน', 'ค่าใช้จ่าย เดือน']
    sheet = workbook['ค่าใช้จ่าย เดือน']
    assert [cell.value for cell in sheet[1]] == ['รายการ', 'จำนวนเงิน']
    assert sheet['B2'].value == 980
    assert sheet['B2'].number_format == '#,##0.00'


def test_xlsx_writes_aware_timestamps_as_bangkok_time():
    events = pd.DataFrame({'เวลา': pd.to_datetime(['2026-01-05 03:00'], utc=True)})
    sheet = load_workbook(BytesIO(to_xlsx(events))).active
    assert sheet['A2'].value == datetime(2026, 1, 5, 10, 0)


def test_breakable_hints_a_break_between_thai_words_only():
    text = breakable('บ้านหนองบัว หมู่ที่ 5')
    assert text.replace(BREAK_HINT, '') == 'บ้านหนองบัว หมู่ที่ 5'
    assert f'บ้าน{BREAK_HINT}หนอง' in text
    assert ' ' in text
    for whole in ('01/10/2569', '1,040,000.00', '7000111521001001', 'ผ.02', '(บาท)', 'ปกติ', 'ความจำเป็น'):
        assert BREAK_HINT not in breakable(whole), whole
    assert breakable('คน/ครัวเรือน') == f'คน/{BREAK_HINT}ครัวเรือน'  # after a slash between Thai words
    assert unbreakable_pieces('เงินเดือน (ฝ่ายการเมือง)') == ['เงินเดือน', '(ฝ่าย', 'การเมือง)']


def test_a_long_compound_word_may_break_between_its_words_only():
    assert unbreakable_pieces('กองทุนบำเหน็จบำนาญข้าราชการ') == ['กองทุน', 'บำเหน็จ', 'บำนาญ', 'ข้าราชการ']
    assert unbreakable_pieces('ประชาสัมพันธ์') == ['ประชาสัมพันธ์']  # short enough to stay whole


@needs_poppler
def test_the_text_layer_holds_the_thai_as_typed(tmp_path):
    """Break hints never reach the PDF, and sara am (split by the shaper into two glyphs) reads back whole."""
    pdf = thai_pdf()
    pdf.add_page()
    typed = 'สำนักปลัดองค์การบริหารส่วนตำบล ทั่วไป ก่อหนี้ผูกพัน เบิกจ่าย ความจำเป็น'
    pdf.multi_cell(0, 8, breakable(typed))
    text = pdf_text(bytes(pdf.output()), tmp_path)
    assert not set(text) & {'\u200b', '\u200c', '\u2060', '\ufeff'}
    assert text.strip() == typed


def test_a_block_kept_together_on_a_new_page_reads_as_typed(tmp_path):
    """A signature block that moves whole to the next page (fpdf2 rewinds and draws it again with copied fonts)
    keeps the text layer's fixes: no space read after a tone mark moved left (ใฝ่รู้), sara am whole (ตำบล)."""
    pdf = thai_pdf()
    pdf.add_page()
    pdf.set_font('Laksaman', '', 16)
    pdf.cell(0, 8, 'ตำบลบ้านตัวอย่าง', new_x='LMARGIN', new_y='NEXT')  # the fonts hold glyphs before the copy
    pdf.set_y(pdf.page_break_trigger - 10)
    typed = ['(นางสาวสายใจ ใฝ่รู้)', 'ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'ผู้ตรวจรายงานการประชุม']
    with pdf.unbreakable() as kept:
        for line in typed:
            kept.set_x(pdf.l_margin + pdf.epw * 0.3)
            kept.cell(pdf.epw * 0.6, 8, line, align='C', new_x='LMARGIN', new_y='NEXT')
    assert kept.page_break_triggered
    pages = pdf_text(bytes(pdf.output()), tmp_path).split('\f')
    assert pages[1].split('\n')[-4:-1] == typed


@needs_poppler
def test_narrow_cells_wrap_between_words(tmp_path):
    """A column narrower than its text wraps only between words: each line read back is a run of whole words."""
    rows = pd.DataFrame({'รายการ': ['เพื่อก่อสร้างถนนคอนกรีตเสริมเหล็กให้ประชาชนสัญจรได้สะดวกปลอดภัย'] * 3,
                         'จำนวนเงิน': [Decimal('1234567.50')] * 3})
    columns = [{'key': 'รายการ', 'width': 30}, {'key': 'จำนวนเงิน'}]
    cell = rows['รายการ'][0]
    text = pdf_text(to_pdf(rows, 'ทดสอบ', columns=columns), tmp_path)
    lines = [line.replace('1,234,567.50', '').strip() for line in text.splitlines()]
    lines = [line for line in lines if line and line in cell]  # the cells' lines (a cut word would be one too)
    assert ''.join(lines) == cell * 3 and len(lines) >= 6
    pieces = unbreakable_pieces(cell)
    ends = {sum(len(p) for p in pieces[:n]) for n in range(len(pieces) + 1)}
    position = 0
    for line in lines:  # every line starts and ends where a word does
        assert position in ends and position + len(line) in ends, line
        position = (position + len(line)) % len(cell)


def _shaded_cells(pdf: bytes) -> int:
    """How many times the page streams fill a rectangle in BAR_FILL's colour."""
    found = re.findall(rb'stream\r?\n(.*?)\r?\nendstream', pdf, re.S)
    streams = b''.join(zlib.decompress(m) for m in found if m[:1] == b'x')  # the deflated ones (pages, fonts)
    colour = ' '.join(f'{c / 255:.4f}' for c in BAR_FILL).encode() + b' rg'
    return streams.count(colour)


@needs_poppler
def test_pdf_bars_are_shaded_cells_not_a_glyph_the_font_lacks(tmp_path):
    """ผด.02's months: the bundled font has no '■' (it printed nothing), so a bar is a shaded cell on paper."""
    months = pd.DataFrame([{'โครงการ': 'ซ่อมถนน', 'ต.ค.': BAR, 'พ.ย.': BAR, 'ธ.ค.': ''},
                           {'โครงการ': 'อบรม', 'ต.ค.': '', 'พ.ย.': '', 'ธ.ค.': BAR}])
    pdf = to_pdf(months, 'ผด.02 แผนการดำเนินงาน')
    (page,) = pdf_pages(pdf, tmp_path)
    assert 'ซ่อมถนน' in page and BAR not in page
    assert _shaded_cells(pdf) == 3


@needs_poppler
def test_pdf_many_rows_repeat_headings_and_number_pages(tmp_path):
    rows = pd.DataFrame(
        {
            'ลำดับ': range(1, 201),
            'รายการ': ['ค่าวัสดุสำนักงาน กระดาษ ปากกา แฟ้มเอกสาร'] * 200,
            'วันที่': [date(2026, 1, 5)] * 200,
            'จำนวนเงิน': [Decimal('12345.5')] * 200,
        }
    )
    pages = pdf_pages(to_pdf(rows, 'ทะเบียนฎีกา'), tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert 'ลำดับรายการวันที่จำนวนเงิน' in page
        assert f'หน้า{number}/{len(pages)}' in page
        assert ('ทะเบียนฎีกาพิมพ์เมื่อ' in page) == (number > 1)  # the running head; page 1 has the title
    assert pages[0].count('5ม.ค.2569') > 5
    assert '200ค่าวัสดุ' in pages[-1]


@needs_poppler
def test_pdf_thai_digits_and_explicit_columns(tmp_path):
    columns = [
        {'key': 'หมู่บ้าน', 'label': 'ชื่อหมู่บ้าน', 'width': 80},
        {'key': 'งบประมาณ', 'label': 'งบประมาณ (บาท)', 'kind': 'money', 'align': 'R'},
    ]
    pdf = to_pdf(villages(), 'งบประมาณ ปี 2569', landscape=True, thai_digits=True, columns=columns)
    (page,) = pdf_pages(pdf, tmp_path)
    assert 'งบประมาณปี๒๕๖๙' in page
    assert '๑,๒๓๔,๕๖๗.๕๐' in page
    assert 'ชื่อหมู่บ้าน' in page
    assert 'ครัวเรือน' not in page


@needs_poppler
def test_thai_pdf_is_reusable_for_letters(tmp_path):
    pdf = thai_pdf(footer_text='สำนักปลัด')
    pdf.add_page()
    pdf.multi_cell(0, 8, breakable('ขอเชิญประชุมสภาองค์การบริหารส่วนตำบล ' * 150))
    assert pdf.l_margin == 30 and pdf.r_margin == 20 and pdf.t_margin == 25
    pages = pdf_pages(bytes(pdf.output()), tmp_path)
    assert len(pages) >= 2
    assert 'ขอเชิญประชุมสภา' in pages[0]
    assert '-๒-' in pages[1]


def test_plotly_bar_uses_thai_font_and_separators():
    figure = plotly_bar(villages(), x='หมู่บ้าน', y='งบประมาณ', title='งบประมาณรายหมู่บ้าน')
    assert 'Sarabun' in figure.layout.font.family
    assert figure.layout.yaxis.tickformat == ','
    assert figure.layout.title.text == 'งบประมาณรายหมู่บ้าน'
    assert list(figure.data[0].y) == [1234567.5, 0.29, 21.21]
    horizontal = plotly_bar(villages(), x='ครัวเรือน', y='หมู่บ้าน', title='ครัวเรือน', orientation='h')
    assert horizontal.layout.xaxis.tickformat == ','


def test_screen_table_formats_like_print() -> None:
    from core.reports import screen_table
    df = pd.DataFrame({'รายการ': ['ค่าจ้าง', 'ค่าวัสดุ'], 'จำนวนเงิน': [Decimal('1234.5'), Decimal('20')],
                       'วันที่': [date(2026, 1, 5), date(2026, 2, 1)]})
    columns, rows = screen_table(df)
    assert [c['label'] for c in columns] == ['รายการ', 'จำนวนเงิน', 'วันที่']
    assert columns[1]['align'] == 'right'
    assert rows[0] == {'id': 0, 'c0': 'ค่าจ้าง', 'c1': '1,234.50', 'c2': '5 ม.ค. 2569'}


@needs_poppler
def test_pdf_group_headings_zero_dashes_and_signatures(tmp_path):
    """A grouped column prints as a heading over its rows, a column's `zero` stands for 0, signers sign below."""
    from core.signers import Signer
    rows = pd.DataFrame({'แผนงาน': ['แผนงานเคหะและชุมชน', 'แผนงานเคหะและชุมชน', 'แผนงานการศึกษา'],
                         'โครงการ': ['ก่อสร้างถนน', 'ขยายเขตไฟฟ้า', 'อาหารกลางวัน'], 'งบประมาณ': [100, 0, 250]})
    pdf = to_pdf(rows, 'ผ.02', org_name='องค์การบริหารส่วนตำบลหนองบัว', period='ปีงบประมาณ 2570',
                 columns=[{'key': 'โครงการ'}, {'key': 'งบประมาณ', 'zero': '-'}], groups=['แผนงาน'],
                 signatures=[('ผู้จัดทำ', Signer('นางสาวกัญญา พัฒนาการ', 'นักวิเคราะห์นโยบายและแผน')),
                             ('ผู้อนุมัติ', Signer('', 'ปลัดองค์การบริหารส่วนตำบลหนองบัว'))])
    (page,) = pdf_pages(pdf, tmp_path)
    assert page.index('องค์การบริหารส่วนตำบลหนองบัว') < page.index('ผ.02') < page.index('ปีงบประมาณ2570')
    assert 'แผนงานเคหะและชุมชนก่อสร้างถนน100ขยายเขตไฟฟ้า-แผนงานการศึกษาอาหารกลางวัน250' in page
    assert 'โครงการงบประมาณ' in page and 'แผนงานโครงการ' not in page  # the grouped column is no column
    assert 'ผู้จัดทำ(นางสาวกัญญาพัฒนาการ)นักวิเคราะห์นโยบายและแผน' in page.replace('.', '')
    assert 'ผู้อนุมัติ()ปลัดองค์การบริหารส่วนตำบลหนองบัว' in page.replace('.', '')  # a vacant seat: dots to fill in
    assert 'หน้า1/1' in page


@needs_poppler
def test_a_word_wider_than_its_fixed_column_breaks_between_its_dictionary_words(tmp_path):
    """Squeezed below a word's width, a cell breaks between the words the long one is made of (ผล|การ|ดำเนินงาน),
    never where fpdf2 would cut (inside a syllable)."""
    rows = pd.DataFrame({'เรื่อง': ['ผลการดำเนินงาน']})
    text = pdf_text(to_pdf(rows, 'ทดสอบ', columns=[{'key': 'เรื่อง', 'width': 20}]), tmp_path)
    lines = [line for line in text.splitlines() if line and line in 'ผลการดำเนินงาน']
    assert ''.join(lines) == 'ผลการดำเนินงาน' and len(lines) > 1
    assert set(lines) <= {'ผล', 'การ', 'ผลการ', 'ดำเนินงาน', 'ดำเนิน', 'งาน'}, lines


def test_group_headings_repeat_on_each_continuation_page_marked_continued(tmp_path) -> None:
    """A long group goes on over pages: each next page starts, under the column headings, with the group headings
    its first row is under, marked (ต่อ); a page that starts with a new group shows only that group's heading."""
    import subprocess

    import pandas as pd

    from core.reports import to_pdf
    rows = [{'ยุทธศาสตร์': 'ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน', 'แผนงาน': 'แผนงานเคหะและชุมชน',
             'โครงการ': f'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่ {n}', 'งบประมาณ': 100000 + n} for n in range(80)]
    rows += [{'ยุทธศาสตร์': 'ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต', 'แผนงาน': 'แผนงานสังคมสงเคราะห์',
              'โครงการ': f'โครงการช่วยเหลือผู้สูงอายุ {n}', 'งบประมาณ': 5000 + n} for n in range(5)]
    path = tmp_path / 'groups.pdf'
    path.write_bytes(to_pdf(pd.DataFrame(rows), 'บัญชีโครงการ', org_name='องค์การบริหารส่วนตำบลบ้านตัวอย่าง',
                            groups=('ยุทธศาสตร์', 'แผนงาน')))
    pages = subprocess.run(['pdftotext', '-raw', str(path), '-'], capture_output=True, check=True,
                           text=True).stdout.split('\f')
    assert len([p for p in pages if p.strip()]) >= 3
    flat = [''.join(p.split()) for p in pages]
    assert 'ยุทธศาสตร์ที่1การพัฒนาโครงสร้างพื้นฐาน(ต่อ)' not in flat[0]
    for page in flat[1:]:
        if 'หมู่ที่' in page:  # a page of the first group's rows
            assert 'ยุทธศาสตร์ที่1การพัฒนาโครงสร้างพื้นฐาน(ต่อ)' in page and 'แผนงานเคหะและชุมชน(ต่อ)' in page
    assert all(page.count('(ต่อ)') <= 2 for page in flat)
