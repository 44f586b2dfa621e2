"""The import flow after the checks: the preview shows each change field by field as the officer reads it, the
commit writes once per submission, and the refused rows come back as a workbook with a Thai reason column that
imports again once fixed."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import func, select

from apps.admin.resources import POSITIONS
from apps.elaas.resources import BUDGET_LINES
from apps.info.resources import VILLAGES
from core import db, resource
from core.errors import ValidationFailed
from core.resource import REASON
from helpers import principal
from models.info import Village


def sheet(headings: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    book.active.append(headings)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def villages() -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(Village)).one()


HEADINGS = ['หมู่ที่', 'ชื่อหมู่บ้าน', 'ผู้ใหญ่บ้าน', 'จำนวนครัวเรือน', 'จำนวนประชากร']


def test_refused_rows_come_back_with_their_reasons_and_import_once_fixed() -> None:
    planner = principal('planner')
    content = sheet(HEADINGS, [[11, 'บ้านนาดี', 'นายดี มาก', 50, 160], [12, 'บ้านโคก', '', 'สิบ', 30],
                               [13, '', '', 5, 9]])
    report = resource.import_xlsx(VILLAGES, planner, content, commit=True)
    assert report.imported == 1 and villages() == 11
    book = load_workbook(BytesIO(resource.refused_xlsx(VILLAGES, report)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == (REASON, 'แถวในไฟล์เดิม', *HEADINGS)
    assert rows[1] == ('จำนวนครัวเรือน: ต้องเป็นจำนวนเต็ม', 3, 12, 'บ้านโคก', None, 'สิบ', 30)
    assert rows[2] == ('ชื่อหมู่บ้าน: กรุณากรอก', 4, 13, None, None, 5, 9)
    book.active['F2'] = 10  # the officer fixes both rows in the spreadsheet
    book.active['D3'] = 'บ้านโคกใหม่'
    fixed = BytesIO()
    book.save(fixed)
    again = resource.import_xlsx(VILLAGES, planner, fixed.getvalue(), commit=True)
    assert again.counts == {'new': 2, 'changed': 0, 'unchanged': 0, 'refused': 0} and villages() == 13


def test_a_preview_shows_each_change_as_the_officer_reads_it() -> None:
    admin = principal('admin')
    book = load_workbook(BytesIO(resource.export_xlsx(POSITIONS, admin)))
    top = [c.value for c in book.active[1]]
    division, title = top.index('ส่วนราชการ') + 1, top.index('ชื่อตำแหน่ง') + 1
    before = book.active.cell(row=2, column=division).value
    book.active.cell(row=2, column=division).value = 'กองคลัง'
    old_title = book.active.cell(row=2, column=title).value
    book.active.cell(row=2, column=title).value = f'{old_title} (ทดลอง)'
    out = BytesIO()
    book.save(out)
    report = resource.import_xlsx(POSITIONS, admin, out.getvalue())
    [changed] = report.of('changed')
    assert report.shown_changes(POSITIONS, changed) == [
        ('ชื่อตำแหน่ง', old_title, f'{old_title} (ทดลอง)'), ('ส่วนราชการ', before, 'กองคลัง')]


def test_the_same_commit_sent_twice_writes_once() -> None:
    planner = principal('planner')
    content = sheet(HEADINGS, [[11, 'บ้านนาดี', '', 50, 160]])
    first = resource.import_xlsx(VILLAGES, planner, content, commit=True, key='import-once-1')
    second = resource.import_xlsx(VILLAGES, planner, content, commit=True, key='import-once-1')
    assert first.imported == 1 and second.imported == 0 and villages() == 11
    assert second.counts == {'new': 0, 'changed': 0, 'unchanged': 1, 'refused': 0}  # as the first left it


def test_columns_are_matched_by_heading_and_the_officers_mapping_is_kept() -> None:
    planner = principal('planner')
    content = sheet(['หมู่ที่', 'ชื่อ หมู่บ้าน', 'ประชากร (คน)', 'หมายเหตุ'], [[11, 'บ้านนาดี', 160, 'สำรวจ 2569']])
    columns, fields = resource.column_mapping(VILLAGES, planner, content)
    assert columns == {'หมู่ที่': 'number', 'ชื่อ หมู่บ้าน': 'name', 'ประชากร (คน)': None, 'หมายเหตุ': None}
    assert fields['population'] == 'จำนวนประชากร'
    resource.remember_columns(VILLAGES, planner, {'ประชากร (คน)': 'population'})
    report = resource.import_xlsx(VILLAGES, planner, content, commit=True)
    assert report.imported == 1
    with db.session_scope() as session:
        assert session.exec(select(Village.population).where(Village.number == 11)).one() == 160
    resource.remember_columns(VILLAGES, planner, {'ชื่อ หมู่บ้าน': ''})  # set aside: the name is not read
    assert resource.column_mapping(VILLAGES, planner, content)[0]['ชื่อ หมู่บ้าน'] is None
    with pytest.raises(ValidationFailed, match='ไม่มีคอลัมน์ ชื่อหมู่บ้าน'):
        resource.import_xlsx(VILLAGES, planner, sheet(['หมู่ที่', 'ชื่อ หมู่บ้าน'], [[12, 'บ้านใหม่']]))


@pytest.mark.parametrize('encoding', ['utf-8', 'utf-8-sig', 'tis-620'])
def test_a_csv_file_imports_in_utf8_with_or_without_bom_or_tis620(encoding: str) -> None:
    planner = principal('planner')
    text = 'หมู่ที่,ชื่อหมู่บ้าน,ผู้ใหญ่บ้าน,จำนวนครัวเรือน,จำนวนประชากร\n11,บ้านนาดี,นายดี มาก,"1,050",3200\n'
    report = resource.import_xlsx(VILLAGES, planner, text.encode(encoding), commit=True)
    assert report.counts == {'new': 1, 'changed': 0, 'unchanged': 0, 'refused': 0} and report.imported == 1
    with db.session_scope() as session:
        stored = session.exec(select(Village).where(Village.number == 11)).one()
    assert (stored.name, stored.head_name, stored.households, stored.population) == (
        'บ้านนาดี', 'นายดี มาก', 1050, 3200)


def test_a_commit_refuses_a_row_whose_record_changed_since_the_preview() -> None:
    planner = principal('planner')
    book = load_workbook(BytesIO(resource.export_xlsx(VILLAGES, planner)))
    book.active['E2'] = 999  # จำนวนประชากร of หมู่ที่ 1
    book.active['E3'] = 888  # and of หมู่ที่ 2
    out = BytesIO()
    book.save(out)
    preview = resource.import_xlsx(VILLAGES, planner, out.getvalue())
    assert preview.counts['changed'] == 2
    with db.session_scope() as session:
        first = session.exec(select(Village).where(Village.number == 1)).one()
    resource.update(VILLAGES, planner, first.id, {**first.model_dump(), 'head_name': 'นายใหม่ ใจดี'},
                    version=first.version)  # meanwhile, in another tab
    report = resource.import_xlsx(VILLAGES, planner, out.getvalue(), commit=True, versions=preview.versions)
    assert report.imported == 1 and [r.number for r in report.invalid] == [2]
    assert report.invalid[0].errors[0].startswith('หมู่บ้านนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ตรวจไฟล์ (ผู้ใหญ่บ้าน โดย ')
    with db.session_scope() as session:
        assert session.get(Village, first.id).population != 999  # not written over


def test_a_registers_own_export_needs_no_column_mapping() -> None:
    planner = principal('planner')
    columns, _ = resource.column_mapping(BUDGET_LINES, planner, resource.export_xlsx(BUDGET_LINES, planner))
    assert None not in columns.values() and 'เบิกจ่าย' not in columns  # display-only columns are not offered


def test_an_import_is_one_event_for_the_file_and_one_per_record_written_each_pointing_at_it() -> None:
    import json

    from core import audit
    from models.audit import AuditEvent
    planner = principal('planner')
    content = sheet(HEADINGS, [[11, 'บ้านนาดี', '', 50, 160], [12, 'บ้านนาเหนือ', '', 40, 120]])
    report = resource.import_xlsx(VILLAGES, planner, content, commit=True)
    assert report.imported == 2
    with db.session_scope() as session:
        summary = session.exec(select(AuditEvent).where(  # the demo's G2G package is an import of another kind
            AuditEvent.action == 'import', AuditEvent.object_type != 'G2GPackage')).one()
        created = session.exec(select(AuditEvent).where(AuditEvent.action == 'create',
                                                        AuditEvent.object_type == 'Village')
                               .order_by(AuditEvent.seq.desc()).limit(2)).all()
        numbers = dict(session.exec(select(Village.id, Village.number).where(Village.number >= 11)).all())
        check = audit.verify(session)
    assert json.loads(summary.data) == {'where': 'info/villages', 'new': 2, 'changed': 0, 'unchanged': 0,
                                        'refused': 0}
    assert {numbers[int(e.object_id)] for e in created} == {11, 12}  # each record's history starts at the import
    assert all(json.loads(e.data)['@import'] == summary.id for e in created)
    assert check.ok, check  # the batch kept the chain


def test_a_name_another_record_holds_refuses_the_row_and_a_new_division_renews_everyones_rights() -> None:
    from apps.admin.resources import DIVISIONS
    from models.org import Organization
    admin = principal('admin')
    with db.session_scope() as session:
        version = session.exec(select(Organization.access_version)).first()
    content = sheet(['รหัส', 'ชื่อส่วนราชการ', 'ประเภท'], [['X9', 'กองคลัง', 'กอง'],
                                                          ['X8', 'กองยุทธศาสตร์และงบประมาณ', 'กอง'],
                                                          ['X7', 'กองยุทธศาสตร์และงบประมาณ', 'กอง']])
    report = resource.import_xlsx(DIVISIONS, admin, content, commit=True)
    refused = {r.number: r.errors for r in report.invalid}
    assert list(refused) == [2, 4], refused
    assert 'มีอยู่แล้วในทะเบียน' in refused[2][0] and 'ซ้ำกับแถวที่ 3 ในไฟล์' in refused[4][0]
    assert report.imported == 1
    with db.session_scope() as session:
        assert session.exec(select(Organization.access_version)).first() != version


def test_a_file_without_a_column_leaves_that_field_on_file_alone_and_gives_new_rows_its_default() -> None:
    planner = principal('planner')
    with db.session_scope() as session:
        first = session.exec(select(Village).order_by(Village.number)).first()
    content = sheet(['หมู่ที่', 'ชื่อหมู่บ้าน', 'จำนวนประชากร'], [[first.number, first.name, first.population + 7],
                                                               [31, 'บ้านใหม่พัฒนา', 90]])
    report = resource.import_xlsx(VILLAGES, planner, content, commit=True)
    assert report.counts == {'new': 1, 'changed': 1, 'unchanged': 0, 'refused': 0}
    assert list(report.of('changed')[0].changes) == ['population']  # the yearly refresh: population only
    with db.session_scope() as session:
        after = session.get(Village, first.id)
        new = session.exec(select(Village).where(Village.number == 31)).one()
    assert (after.head_name, after.households, after.population) == (first.head_name, first.households,
                                                                      first.population + 7)
    assert new.households == 0 and new.head_name == ''


def test_a_service_call_that_leaves_out_a_yes_no_field_gets_its_default() -> None:
    from apps.egp.resources import VENDORS
    from models.procurement import Vendor
    officer = principal('procurement')
    vendor_id = resource.create(VENDORS, officer, {'name': 'ร้านค่าเริ่มต้นพาณิชย์', 'tax_id': '0105555000013'})
    with db.session_scope() as session:
        vendor = session.get(Vendor, vendor_id)
    assert (vendor.juristic, vendor.is_active, vendor.blocked, vendor.branch) == (True, True, False, '00000')
