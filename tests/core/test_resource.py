"""The Resource kit's rules, through the villages register: validation, uniqueness, scope, audit, Excel."""

import subprocess
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from apps.admin.resources import DIVISIONS
from apps.elaas.resources import BUDGETS
from apps.info.resources import VILLAGES
from core import resource
from core.access import PermissionDenied
from core.errors import Refusal, ValidationFailed
from core.reports import to_xlsx
from core.resource import FormField, clean_value
from helpers import principal


def test_validation_names_every_wrong_field_in_thai() -> None:
    with pytest.raises(ValidationFailed) as failed:
        resource.create(VILLAGES, principal('planner'), {'number': '๑๐๐', 'name': '', 'households': '-3',
                                                         'population': 'มาก'})
    errors = failed.value.errors
    assert errors['number'] == 'หมู่ที่: ต้องไม่เกิน 99'
    assert errors['name'] == 'ชื่อหมู่บ้าน: กรุณากรอก'
    assert errors['households'] == 'จำนวนครัวเรือน: ต้องไม่น้อยกว่า 0'
    assert errors['population'] == 'จำนวนประชากร: ต้องเป็นจำนวนเต็ม'


def test_duplicate_number_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationFailed, match='หมู่ที่: "3" มีอยู่แล้ว'):
        resource.create(VILLAGES, principal('planner'), {'number': '3', 'name': 'บ้านซ้ำ'})


def test_create_update_delete_are_audited_with_changes() -> None:
    planner = principal('planner')
    new_id = resource.create(VILLAGES, planner, {'number': '11', 'name': 'บ้านใหม่พัฒนา', 'households': '1,204'})
    resource.update(VILLAGES, planner, new_id, {'number': '11', 'name': 'บ้านใหม่พัฒนา', 'households': '1250'})
    events = resource.history(VILLAGES, planner, new_id)
    assert [e.action for e in events] == ['update', 'create']
    assert '"households":[1204,1250]' in events[0].data
    resource.delete(VILLAGES, planner, new_id)
    with pytest.raises(Refusal):
        resource.get(VILLAGES, planner, new_id)


def test_permissions_are_checked_by_the_service() -> None:
    with pytest.raises(PermissionDenied):
        resource.create(VILLAGES, principal('teacher'), {'number': '12', 'name': 'บ้านไม่มีสิทธิ์'})
    assert resource.query(VILLAGES, principal('teacher')).total == 10  # staff may read


def test_query_pages_sorts_and_finds_thai_words_inside_compounds() -> None:
    planner = principal('planner')
    page = resource.query(VILLAGES, planner, sort='population', descending=True, per_page=3, page=1)
    assert page.total == 10 and [v.population for v in page.rows] == [815, 684, 661]
    found = resource.query(VILLAGES, planner, search='ไผ่')  # inside บ้านหนองไผ่พัฒนา
    assert [v.name for v in found.rows] == ['บ้านหนองไผ่พัฒนา']
    assert resource.query(VILLAGES, planner, search='หนอง บัว').total == 1


def test_excel_round_trip_and_row_report() -> None:
    planner = principal('planner')
    content = resource.export_xlsx(VILLAGES, planner)
    df = pd.read_excel(__import__('io').BytesIO(content), header=None)
    assert 'บ้านท่าน้ำ' in df.to_string()
    again = resource.import_xlsx(VILLAGES, planner, content)  # the export re-imports: every row on file, unchanged
    assert again.counts == {'new': 0, 'changed': 0, 'unchanged': 10, 'refused': 0}
    sheet = pd.DataFrame([
        {'หมู่ที่': 11, 'ชื่อหมู่บ้าน': 'บ้านนาดี', 'ผู้ใหญ่บ้าน': 'นายดี มาก', 'จำนวนครัวเรือน': 50,
         'จำนวนประชากร': 160},
        {'หมู่ที่': 12, 'ชื่อหมู่บ้าน': '', 'ผู้ใหญ่บ้าน': '', 'จำนวนครัวเรือน': 5, 'จำนวนประชากร': 9},
        {'หมู่ที่': 11, 'ชื่อหมู่บ้าน': 'บ้านซ้ำในไฟล์', 'ผู้ใหญ่บ้าน': '', 'จำนวนครัวเรือน': 1,
         'จำนวนประชากร': 2},
        {'หมู่ที่': 13, 'ชื่อหมู่บ้าน': 'บ้านโคกใหม่', 'ผู้ใหญ่บ้าน': '', 'จำนวนครัวเรือน': 'สิบ',
         'จำนวนประชากร': 30},
    ])
    report = resource.import_xlsx(VILLAGES, planner, to_xlsx(sheet, title='นำเข้าหมู่บ้าน'), commit=True)
    assert report.imported == 1 and [r.number for r in report.invalid] == [5, 6, 7]  # title, blank, headings above
    assert 'ชื่อหมู่บ้าน: กรุณากรอก' in report.invalid[0].errors
    assert 'ซ้ำกับแถวที่ 4' in report.invalid[1].errors[0]
    assert 'จำนวนครัวเรือน: ต้องเป็นจำนวนเต็ม' in report.invalid[2].errors
    assert resource.query(VILLAGES, planner).total == 11


def test_unreadable_upload_is_reported_not_raised() -> None:
    with pytest.raises(ValidationFailed, match='อ่านไม่ได้'):
        resource.import_xlsx(VILLAGES, principal('planner'), b'not a spreadsheet')


@pytest.mark.parametrize('kind, raw, expected', [
    ('money', '1,234.5', Decimal('1234.50')), ('date', '5/1/2569', __import__('datetime').date(2026, 1, 5)),
    ('int', '๑๒', 12), ('citizen_id', '1-1037-00001-00-1', None),
])
def test_field_kinds_clean_text(kind: str, raw: str, expected) -> None:
    f = FormField('x', 'ช่อง', kind)
    if expected is None:
        with pytest.raises(ValueError, match='หลักตรวจสอบ'):
            clean_value(VILLAGES, f, raw)
    else:
        assert clean_value(VILLAGES, f, raw) == expected


def test_years_export_without_grouping_in_excel_and_pdf(tmp_path) -> None:
    """A year (an int field with thousands=False) is 2569 in the workbook's format and on paper, never 2,569."""
    finance_dir = principal('finance_dir')
    sheet = load_workbook(BytesIO(resource.export_xlsx(BUDGETS, finance_dir))).active
    heading = [cell.value for cell in sheet[1]]
    years = [row[heading.index('ปีงบประมาณ')] for row in sheet.iter_rows(min_row=2)]
    money = [row[heading.index('ประมาณการรายรับ')] for row in sheet.iter_rows(min_row=2)]
    assert years and all(isinstance(c.value, int) and c.number_format == '0' for c in years)
    assert all(c.number_format == '#,##0.00' for c in money if c.value is not None)
    path = tmp_path / 'budgets.pdf'
    path.write_bytes(resource.export_pdf(BUDGETS, finance_dir))
    text = subprocess.run(['pdftotext', str(path), '-'], capture_output=True, check=True, text=True).stdout
    assert str(years[0].value) in text and f'{years[0].value:,}' not in text


def test_yes_no_fields_export_in_thai_and_import_back() -> None:
    admin = principal('admin')
    sheet = load_workbook(BytesIO(resource.export_xlsx(DIVISIONS, admin))).active
    heading = [cell.value for cell in sheet[1]]
    shown = {row[heading.index('ใช้งานอยู่')].value for row in sheet.iter_rows(min_row=2)}
    assert shown and shown <= {'ใช่', 'ไม่ใช่'}
    assert resource.clean_value(DIVISIONS, DIVISIONS.field('is_active'), 'ใช่') is True
    assert resource.clean_value(DIVISIONS, DIVISIONS.field('is_active'), 'ไม่ใช่') is False
