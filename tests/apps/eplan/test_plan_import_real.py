"""Plan files as real LAOs keep them: a project name repeated under another tactic or in other years, tactics written
as the plan does not have them, divisions named otherwise, names wrapped over lines, long targets."""

from io import BytesIO

import pandas as pd
from openpyxl import load_workbook
from sqlmodel import select

from apps.eplan import importer
from apps.eplan.resources import PROJECTS
from core import db, resource
from core.resource import REASON
from helpers import principal
from models.plan import PlanProject
from tests.apps.eplan.test_plan_service import start_amendment

GOOD = {'โครงการ': 'โครงการขุดสระน้ำสาธารณะ', 'ยุทธศาสตร์/กลยุทธ์': '4.1', 'แผนงาน': 'แผนงานการเกษตร',
        'หน่วยงานรับผิดชอบหลัก': 'กองช่าง', 'วัตถุประสงค์': 'เพื่อกักเก็บน้ำ', 'เป้าหมาย': 'สระน้ำ 1 แห่ง',
        'ตัวชี้วัด': 'ปริมาณน้ำ', 'ผลที่คาดว่าจะได้รับ': 'มีน้ำใช้ตลอดปี',
        'งบประมาณ 2566': '-', 'งบประมาณ 2567': '-', 'งบประมาณ 2568': '-', 'งบประมาณ 2569': '500,000',
        'งบประมาณ 2570': '-'}


def workbook(rows: list[dict]) -> bytes:
    buffer = BytesIO()
    pd.DataFrame(rows).to_excel(buffer, index=False)
    return buffer.getvalue()


def draft_projects(draft: int, name: str) -> list[PlanProject]:
    with db.session_scope() as session:
        return list(session.exec(select(PlanProject).where(PlanProject.edition_id == draft,
                                                           PlanProject.name == name)))


def test_a_name_repeated_under_another_tactic_or_in_other_years_is_another_project() -> None:
    draft = start_amendment()
    rows = [GOOD, {**GOOD, 'ยุทธศาสตร์/กลยุทธ์': '4.2'},  # another tactic
            {**GOOD, 'งบประมาณ 2569': '-', 'งบประมาณ 2570': '300,000'},  # another year
            {**GOOD, 'งบประมาณ 2569': '450,000'}]  # same tactic, name and year: a true duplicate
    report = importer.import_plan(principal('planner'), workbook(rows), commit=True)
    assert report.imported == 3 and len(draft_projects(draft, GOOD['โครงการ'])) == 3
    assert [(r.number, r.errors) for r in report.invalid] == [(5, [
        'โครงการ: "โครงการขุดสระน้ำสาธารณะ" ซ้ำกับแถวที่ 2 ในไฟล์ (ยุทธศาสตร์/กลยุทธ์ ชื่อ และปีที่มีงบประมาณเดียวกัน)'])]
    again = importer.import_plan(principal('planner'), workbook(rows[:3]), commit=True)
    assert again.counts['unchanged'] == 3 and again.imported == 0  # each row finds its own project again


def test_an_unknown_tactic_is_refused_with_the_value_and_the_choices_never_reassigned() -> None:
    start_amendment()
    rows = [{**GOOD, 'ยุทธศาสตร์': '6', 'กลยุทธ์': '6.', 'ยุทธศาสตร์/กลยุทธ์': None},
            {**GOOD, 'โครงการ': 'โครงการสอง', 'ยุทธศาสตร์/กลยุทธ์': '6.'},
            {**GOOD, 'โครงการ': 'โครงการสาม', 'ยุทธศาสตร์/กลยุทธ์': 'กลยุทธ์ที่ 9.9'},
            {**GOOD, 'โครงการ': 'โครงการสี่', 'ยุทธศาสตร์': '6', 'กลยุทธ์': '6.2', 'ยุทธศาสตร์/กลยุทธ์': None}]
    report = importer.import_plan(principal('planner'), workbook(rows))
    errors = {r.number: r.errors for r in report.invalid}
    assert len(errors[2]) == 1 and errors[2][0].startswith('กลยุทธ์: ไม่พบ "6." ในแผน ภายใต้ยุทธศาสตร์ 6 ')
    assert '"6.1 ' in errors[2][0] and '"6.2 ' in errors[2][0]
    assert errors[3][0].startswith('ยุทธศาสตร์/กลยุทธ์: "6." เป็นยุทธศาสตร์ที่มีกลยุทธ์ กรุณาระบุกลยุทธ์ (ที่มี: "6.1 ')
    assert errors[4][0].startswith('ยุทธศาสตร์/กลยุทธ์: ไม่พบ "กลยุทธ์ที่ 9.9" ในแผน (ที่มี: "1.1 ')
    assert [r.number for r in report.valid] == [5]


def test_line_breaks_in_a_name_become_spaces_and_long_targets_fit() -> None:
    draft = start_amendment()
    target = ('ถนนคอนกรีตเสริมเหล็ก กว้าง 5 เมตร\n' * 160)[:5000]
    rows = [{**GOOD, 'โครงการ': 'โครงการก่อสร้างถนน\nหมู่ที่ 3\r\nบ้านหนองใหญ่', 'เป้าหมาย': target},
            {**GOOD, 'โครงการ': 'โครงการเป้าหมายยาวเกิน', 'เป้าหมาย': target + 'ก'}]
    report = importer.import_plan(principal('planner'), workbook(rows), commit=True)
    assert report.imported == 1
    assert report.invalid[0].errors == ['เป้าหมาย (ผลผลิตของโครงการ): ยาวเกิน 5,000 ตัวอักษร (กรอกมา 5,001)']
    [stored] = draft_projects(draft, 'โครงการก่อสร้างถนน หมู่ที่ 3 บ้านหนองใหญ่')
    assert stored.target == target  # a long-text field keeps its lines


def test_a_division_named_otherwise_is_refused_once_then_mapped_for_the_next_file() -> None:
    planner = principal('planner')
    start_amendment()
    rows = [{**GOOD, 'หน่วยงานรับผิดชอบหลัก': 'สำนักช่าง', 'แผนงาน': 'การเกษตร'},
            {**GOOD, 'โครงการ': 'โครงการแผนงานไม่มี', 'แผนงาน': 'แผนงานอวกาศ'}]
    report = importer.import_plan(planner, workbook(rows))
    errors = {r.number: r.errors for r in report.invalid}
    assert errors[2] == ['หน่วยงานรับผิดชอบหลัก: ไม่พบ "สำนักช่าง" ในรายการ (ใกล้เคียง: "กองช่าง", "สำนักปลัด")']
    assert len(errors[3]) == 1 and errors[3][0].startswith('แผนงาน: ไม่พบ "แผนงานอวกาศ" ในรายการ')  # not also กรุณากรอก
    assert report.matched['program_code_id']['การเกษตร'].rule == 'loose'
    division = next(k for k, v in report.options['division_id'].items() if v == 'กองช่าง')
    resource.remember_choices(PROJECTS, planner, 'division_id', {'สำนักช่าง': division})
    again = importer.import_plan(planner, workbook(rows[:1]), commit=True)
    assert again.imported == 1 and again.matched['division_id']['สำนักช่าง'].rule == 'saved'


def test_the_refused_plan_rows_come_back_and_import_once_fixed() -> None:
    planner = principal('planner')
    draft = start_amendment()
    rows = [GOOD, {**GOOD, 'โครงการ': 'โครงการลานกีฬา', 'หน่วยงานรับผิดชอบหลัก': 'สำนักการช่าง'}]
    report = importer.import_plan(planner, workbook(rows), commit=True)
    assert report.imported == 1
    book = load_workbook(BytesIO(resource.refused_xlsx(PROJECTS, report)))
    sheet = book.active
    headings = [c.value for c in sheet[1]]
    assert headings[:2] == [REASON, 'แถวในไฟล์เดิม'] and sheet['A2'].value.startswith('หน่วยงานรับผิดชอบหลัก: ไม่พบ')
    sheet.cell(row=2, column=headings.index('หน่วยงานรับผิดชอบหลัก') + 1).value = 'กองช่าง'
    fixed = BytesIO()
    book.save(fixed)
    again = importer.import_plan(planner, fixed.getvalue(), commit=True)
    assert again.counts == {'new': 1, 'changed': 0, 'unchanged': 0, 'refused': 0}
    assert len(draft_projects(draft, 'โครงการลานกีฬา')) == 1
