"""Workbooks an officer can compute with: dates are date cells shown in the Buddhist era, money and percentages
are numbers in their formats, sheet names are cut between words, and a register's export imports back."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlmodel import select

from apps.elaas import books
from apps.elaas.reports import books_workbook
from apps.elaas.resources import FINANCE_RULES
from core import db, resource
from core.errors import ValidationFailed
from core.report import REPORTS, report_table, report_xlsx
from core.reports import XLSX_BE_DATE, XLSX_BE_DATETIME, XLSX_PERCENT, sheet_name, to_xlsx
from core.thai import fiscal_year, thai_words, today
from helpers import principal
from models.finance import FinanceRule


def _sheet(content: bytes, name: str | None = None):
    workbook = load_workbook(BytesIO(content))
    return workbook[name] if name else workbook.active


def test_the_buddhist_era_format_names_the_thai_calendar_and_locale():
    # [$-xxyyzzzz]: xx 01 Western digits, yy 07 the Thai Buddhist calendar, zzzz 041E Thai: Excel and LibreOffice
    # show 5/1/2569 for a cell holding 5 Jan 2026, whatever the reader's own regional settings
    assert re.fullmatch(r'\[\$-107041E\]d/m/yyyy', XLSX_BE_DATE)
    assert XLSX_BE_DATETIME.startswith(XLSX_BE_DATE)


def test_dates_are_date_cells_money_and_percentages_numbers():
    df = pd.DataFrame({'วันที่': [date(2026, 1, 5), date(2025, 10, 1)],
                       'เวลา': [datetime(2026, 1, 5, 9, 30), datetime(2026, 1, 6, 14, 0)],
                       'รับจริง': [Decimal('1234.50'), Decimal('0.29')],
                       'ร้อยละ': ['12.50', '-'],  # as a report computes it: text, '-' where there is no estimate
                       'ความก้าวหน้า (%)': [40, 100]})
    sheet = _sheet(to_xlsx(df))
    assert sheet['A2'].value == datetime(2026, 1, 5) and sheet['A2'].is_date
    assert sheet['A2'].number_format == XLSX_BE_DATE
    assert sheet['B2'].value == datetime(2026, 1, 5, 9, 30) and sheet['B2'].number_format == XLSX_BE_DATETIME
    assert sheet['C2'].data_type == 'n' and sheet['C2'].value == pytest.approx(1234.5)
    assert sheet['C2'].number_format == '#,##0.00'
    assert sheet['D2'].data_type == 'n' and sheet['D2'].value == pytest.approx(0.125)
    assert sheet['D2'].number_format == XLSX_PERCENT and sheet['D3'].value is None
    assert sheet['E2'].value == pytest.approx(0.4) and sheet['E3'].value == pytest.approx(1)
    assert sheet['E2'].number_format == XLSX_PERCENT


def test_percent_columns_can_be_named():
    df = pd.DataFrame({'สัดส่วน': [Decimal('35.25')], 'ร้อยละ (ข้อความ)': ['ไม่ใช่ตัวเลข']})
    sheet = _sheet(to_xlsx(df, percent=['สัดส่วน']))
    assert sheet['A2'].value == pytest.approx(0.3525) and sheet['A2'].number_format == XLSX_PERCENT
    assert sheet['B2'].value == 'ไม่ใช่ตัวเลข'


def test_long_sheet_names_are_cut_between_words_and_kept_unique():
    title = 'รายงานรายรับจริงประกอบงบแสดงฐานะการเงินประจำปี'
    name = sheet_name(title)
    words = thai_words(title)
    assert len(name) <= 31 and name == ''.join(words[:len(thai_words(name))])  # whole words only
    assert len(name) + len(words[len(thai_words(name))]) > 31  # the next word would not have fitted
    assert sheet_name('งบทดลอง: ต.ค./2569') == 'งบทดลอง ต.ค. 2569'
    assert sheet_name(title, taken=[name]).endswith(' (2)') and len(sheet_name(title, taken=[name])) <= 31
    workbook = load_workbook(BytesIO(to_xlsx([(title, pd.DataFrame({'a': [1]})), (title, pd.DataFrame({'a': [2]}))])))
    assert workbook.sheetnames == [name, sheet_name(title, taken=[name])]


def test_a_register_export_has_be_date_cells_and_imports_back_with_the_same_dates():
    admin = principal('admin')
    content = resource.export_xlsx(FINANCE_RULES, admin)
    sheet = _sheet(content)
    headings = [cell.value for cell in sheet[1]]
    column = headings.index('มีผลตั้งแต่') + 1
    key_column = headings.index('รหัสเกณฑ์') + 1
    cells = [sheet.cell(row=row, column=column) for row in range(2, sheet.max_row + 1)]
    assert cells and all(cell.is_date and cell.number_format == XLSX_BE_DATE for cell in cells)
    exported = {sheet.cell(row=row, column=key_column).value: sheet.cell(row=row, column=column).value.date()
                for row in range(2, sheet.max_row + 1)}
    for row in range(2, sheet.max_row + 1):  # the same rules under new keys: the file's own date cells go back in
        sheet.cell(row=row, column=key_column).value += '.copy'  # a limit's copy is a limit: "ไม่จำกัด" goes back
    edited = BytesIO()
    sheet.parent.save(edited)
    report = resource.import_xlsx(FINANCE_RULES, admin, edited.getvalue(), commit=True)
    assert report.imported == len(exported) and not report.invalid
    with db.session_scope() as session:
        copies = session.exec(select(FinanceRule).where(FinanceRule.key.endswith('.copy'))).all()
    assert {rule.key.removesuffix('.copy'): rule.effective_from for rule in copies} == exported
    assert [rule.value for rule in copies if rule.key.startswith('approve_limit.')] == [None]


def test_the_books_workbook_dates_are_be_date_cells():
    sheet = _sheet(books_workbook(principal('accountant'), fiscal_year(today())), 'สมุดรายวัน')
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index('วันที่') + 1)
    assert cell.is_date and cell.number_format == XLSX_BE_DATE


@pytest.mark.parametrize('upload', [
    lambda content: resource.import_xlsx(FINANCE_RULES, principal('admin'), content),
    lambda content: books.import_opening(principal('accountant'), fiscal_year(today()) + 1, content),
])
def test_an_unreadable_upload_is_told_in_thai_only(upload):
    with pytest.raises(ValidationFailed) as refused:
        upload(b'PK\x03\x04 not really a workbook')
    message = refused.value.errors['file']
    assert 'อ่านไม่ได้' in message  # and no exception class (BadZipFile, ValueError): only the file type's name
    assert not re.search(r'[A-Za-z]', message.replace('Excel (.xlsx)', '')), message


def test_a_reports_percentage_column_is_numbers_in_percent_format():
    report = REPORTS['elaas/revenue']
    sheet = _sheet(report_xlsx(report, report_table(report, principal('accountant'), {'fy': fiscal_year(today())})))
    headings = [cell.value for cell in sheet[3]]  # title, subtitle, then the headings
    cells = [sheet.cell(row=row, column=headings.index('ร้อยละ') + 1) for row in range(4, sheet.max_row + 1)]
    numbers = [cell for cell in cells if cell.value is not None]
    assert numbers and all(cell.data_type == 'n' and cell.number_format == XLSX_PERCENT for cell in numbers)
    assert all(cell.value is None for cell in cells if cell not in numbers)  # '-' (no estimate): a blank cell
