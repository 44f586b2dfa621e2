"""e-Plan rules on the demo plan: editions and their approval, read-only approved editions, the diff, ผ.01 = Σ ผ.02,
the Excel round trip, the action plan and the monitoring roll-up."""

from decimal import Decimal

import pandas as pd
import pytest
from sqlmodel import select

from apps.eplan import importer, links, reports, service
from apps.eplan.resources import EDITIONS, PROJECTS
from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal, ValidationFailed
from core.report import REPORTS, report_pdf, report_table, report_xlsx
from helpers import principal
from models.plan import PlanEdition, PlanProject


def in_force() -> PlanEdition:
    with db.session_scope() as session:
        return links.edition_in_force(session, principal('planner').org_id)


def start_amendment(reason: str = 'ทดสอบ') -> int:
    return resource.create(EDITIONS, principal('planner'), {'kind': 'amendment', 'year': '2569', 'reason': reason})


def project_values(edition_id: int, **overrides) -> dict:
    planner = principal('planner')
    choices = resource.choices_for(PROJECTS, planner)
    values = {
        'edition_id': edition_id, 'node_id': next(iter(choices['node_id'])),
        'program_code_id': next(iter(choices['program_code_id'])), 'name': 'โครงการก่อสร้างลานกีฬาอเนกประสงค์',
        'objective': 'เพื่อให้ประชาชนมีสถานที่ออกกำลังกาย', 'target': 'ลานกีฬา 1 แห่ง', 'budget_y4': '350,000',
        'budget_y5': '0', 'kpi': 'ร้อยละของผู้ใช้ที่พึงพอใจ', 'expected_result': 'ประชาชนมีสุขภาพดี',
        'division_id': next(iter(choices['division_id'])), 'fund_source_id': next(iter(choices['fund_source_id'])),
        'form': 'p02',
    }
    return {**values, **overrides}


def approve(edition_id: int) -> None:
    resource.transition(EDITIONS, principal('planner'), edition_id, 'submit')
    resource.transition(EDITIONS, principal('palad'), edition_id, 'review')
    resource.transition(EDITIONS, principal('mayor'), edition_id, 'approve')


def test_the_demo_plan_is_in_force_with_sixty_projects_and_two_amendments() -> None:
    edition = in_force()
    assert edition.kind == 'amendment' and edition.number == 2 and edition.status == 'announced'
    data = service.plan_data(principal('planner'))
    assert 55 <= len(data.projects) <= 70 and len({data.top[p.node_id].id for p in data.projects}) == 6
    assert all(p.lineage_id for p in data.projects)


def test_p01_totals_equal_the_sum_of_p02() -> None:
    data = service.plan_data(principal('planner'))
    p01, p02 = reports.p01(data), reports.p02(data)
    total = p01[p01.iloc[:, 0] == 'รวมทั้งสิ้น'].iloc[0]
    groups = p01[p01.iloc[:, 0] != 'รวมทั้งสิ้น']
    for n in range(1, 6):
        year = data.year_label(n)
        column = f'งบประมาณ {year} (บาท)'
        assert total[f'{year} งบประมาณ'] == sum(p02[column], Decimal('0')) == sum(groups[f'{year} งบประมาณ'])
        assert total[f'{year} จำนวน'] == int((p02[column] > 0).sum()) == groups[f'{year} จำนวน'].sum()
    assert total['รวม 5 ปี จำนวน'] == len(p02)


def test_a_new_edition_copies_the_plan_and_keeps_each_projects_identity() -> None:
    base = in_force()
    edition_id = start_amendment()
    with db.session_scope() as session:
        old = session.exec(select(PlanProject).where(PlanProject.edition_id == base.id)).all()
        new = session.exec(select(PlanProject).where(PlanProject.edition_id == edition_id)).all()
        edition = session.get(PlanEdition, edition_id)
    assert edition.title.endswith('เพิ่มเติม/เปลี่ยนแปลง ครั้งที่ 3/2569') and edition.based_on_id == base.id
    assert sorted(p.lineage_id for p in old) == sorted(p.lineage_id for p in new)
    assert {p.id for p in old}.isdisjoint({p.id for p in new})
    with pytest.raises(Refusal, match='ยังไม่อนุมัติอยู่แล้ว'):
        start_amendment()


def test_only_a_draft_edition_changes_and_only_the_planner_edits_it() -> None:
    planner = principal('planner')
    with db.session_scope() as session:
        approved = session.exec(select(PlanProject).where(PlanProject.edition_id == in_force().id)).first()
    values = project_values(approved.edition_id, name=approved.name)
    with pytest.raises(Refusal, match='แก้ไขไม่ได้'):
        resource.update(PROJECTS, planner, approved.id, values)
    with pytest.raises(Refusal, match='แก้ไขไม่ได้'):
        resource.create(PROJECTS, planner, project_values(approved.edition_id))
    with pytest.raises(Refusal, match='แก้ไขไม่ได้'):
        resource.delete(PROJECTS, planner, approved.id)
    draft = start_amendment()
    with pytest.raises(PermissionDenied):
        resource.create(PROJECTS, principal('engineer'), project_values(draft))
    assert resource.create(PROJECTS, planner, project_values(draft))


def test_budget_rules_name_the_field() -> None:
    draft = start_amendment()
    with pytest.raises(ValidationFailed) as failed:
        resource.create(PROJECTS, principal('planner'), project_values(draft, budget_y4='1,000.50'))
    assert failed.value.errors['budget_y4'].startswith('งบประมาณปีที่ 4: แผนพัฒนาใช้จำนวนเต็มบาท')
    with pytest.raises(ValidationFailed) as failed:
        resource.create(PROJECTS, principal('planner'), project_values(draft, budget_y4='0'))
    assert 'ต้องมีงบประมาณอย่างน้อยหนึ่งปี' in failed.value.errors['budget_y1']


def test_approval_flow_puts_the_new_project_in_force() -> None:
    draft = start_amendment()
    project_id = resource.create(PROJECTS, principal('planner'), project_values(draft))
    with pytest.raises(PermissionDenied):  # the planner cannot review their own plan
        resource.transition(EDITIONS, principal('planner'), draft, 'review')
    resource.transition(EDITIONS, principal('planner'), draft, 'submit')
    assert resource.pending(EDITIONS, principal('palad')) == 1
    with pytest.raises(PermissionDenied):  # the นายก approves only what the ปลัด has reviewed
        resource.transition(EDITIONS, principal('mayor'), draft, 'approve')
    resource.transition(EDITIONS, principal('palad'), draft, 'review')
    assert resource.pending(EDITIONS, principal('mayor')) == 1
    resource.transition(EDITIONS, principal('mayor'), draft, 'approve')
    edition = in_force()
    assert edition.id == draft and edition.approved_on is not None
    data = service.plan_data(principal('mayor'))
    assert 'โครงการก่อสร้างลานกีฬาอเนกประสงค์' in set(reports.p02(data)['โครงการ'])
    with db.session_scope() as session:
        assert links.project_in_force(session, edition.org_id, project_id).id == project_id


def test_a_project_of_an_older_edition_resolves_to_its_row_in_force() -> None:
    base = in_force()
    with db.session_scope() as session:
        old = session.exec(select(PlanProject).where(PlanProject.edition_id == base.id)).first()
    draft = start_amendment()
    approve(draft)
    with db.session_scope() as session:
        current = links.project_in_force(session, base.org_id, old.id)
    assert current.edition_id == draft and current.lineage_id == old.lineage_id


def test_the_diff_lists_added_removed_and_changed_projects() -> None:
    planner = principal('planner')
    base = in_force()
    draft = start_amendment()
    resource.create(PROJECTS, planner, project_values(draft))
    with db.session_scope() as session:
        rows = session.exec(select(PlanProject).where(PlanProject.edition_id == draft).order_by(PlanProject.id)).all()
    removed, changed = rows[0], rows[1]
    resource.delete(PROJECTS, planner, removed.id)
    values = {f.name: getattr(changed, f.name) for f in PROJECTS.form_fields(creating=False)}
    resource.update(PROJECTS, planner, changed.id, {**values, 'budget_y5': Decimal(999_000)})
    result = service.diff(planner, base.id, draft)
    assert result.added == ['โครงการก่อสร้างลานกีฬาอเนกประสงค์'] and result.removed == [removed.name]
    [change] = result.changed
    assert change.name == changed.name
    assert change.fields == [('งบประมาณปีที่ 5', f'{changed.budget_y5:,.0f}' if changed.budget_y5 else '—',
                              '999,000')]
    assert service.diff(planner, base.based_on_id, base.id).added  # the demo's second amendment added projects


def test_excel_export_of_the_plan_imports_back_unchanged() -> None:
    planner = principal('planner')
    base = in_force()
    p02 = REPORTS['eplan/p02']
    content = report_xlsx(p02, report_table(p02, planner, {'edition': base.id}))
    draft = start_amendment()
    with db.session_scope() as session:
        ids = session.exec(select(PlanProject.id).where(PlanProject.edition_id == draft)).all()
    for project_id in ids:  # an empty draft, to be filled from the workbook
        resource.delete(PROJECTS, planner, project_id)
    preview = importer.import_plan(planner, content)
    assert not preview.invalid and len(preview.valid) == len(ids)
    assert importer.import_plan(planner, content, commit=True).imported == len(ids)
    assert service.diff(planner, base.id, draft).empty
    again = importer.import_plan(planner, content, commit=True)
    assert again.imported == 0  # the same workbook twice changes nothing


def test_import_reports_each_bad_row_and_keeps_the_good_ones() -> None:
    planner = principal('planner')
    draft = start_amendment()
    good = {'โครงการ': 'โครงการขุดสระน้ำสาธารณะ', 'ยุทธศาสตร์/กลยุทธ์': '4.1', 'แผนงาน': 'แผนงานการเกษตร',
            'หน่วยงานรับผิดชอบหลัก': 'กองช่าง', 'วัตถุประสงค์': 'เพื่อกักเก็บน้ำ', 'เป้าหมาย': 'สระน้ำ 1 แห่ง',
            'ตัวชี้วัด': 'ปริมาณน้ำ', 'ผลที่คาดว่าจะได้รับ': 'มีน้ำใช้ตลอดปี',
            'งบประมาณ 2566': '-', 'งบประมาณ 2567': '-', 'งบประมาณ 2568': '-', 'งบประมาณ 2569': '500,000',
            'งบประมาณ 2570': '-'}
    rows = [good, {**good, 'โครงการ': 'โครงการไม่มีกลยุทธ์', 'ยุทธศาสตร์/กลยุทธ์': '9.9'},
            {**good, 'โครงการ': 'โครงการมีสตางค์', 'งบประมาณ 2569': '1,000.25'},
            {**good, 'โครงการ': ''}]
    from io import BytesIO
    buffer = BytesIO()
    pd.DataFrame(rows).to_excel(buffer, index=False)
    report = importer.import_plan(planner, buffer.getvalue(), commit=True)
    assert report.imported == 1
    errors = {row.number: ' '.join(row.errors) for row in report.invalid}
    assert 'ยุทธศาสตร์/กลยุทธ์: ไม่พบ "9.9"' in errors[3]
    assert 'งบประมาณปีที่ 4: แผนพัฒนาใช้จำนวนเต็มบาท' in errors[4]
    assert 'ชื่อโครงการ: กรุณากรอก' in errors[5]
    data = service.plan_data(planner, draft)
    assert 'โครงการขุดสระน้ำสาธารณะ' in {p.name for p in data.projects}


def test_the_action_plan_and_monitoring_roll_up(monkeypatch) -> None:
    planner = principal('planner')
    action = reports.action_plan(planner, 2569)
    assert len(action) > 20 and set(action['ต.ค.']) <= {'■', ''}
    assert service.schedule_year(planner, 2570) == 0  # already scheduled: nothing added twice
    draft = start_amendment()
    resource.create(PROJECTS, planner, project_values(draft, budget_y4='0', budget_y5='120,000'))
    approve(draft)
    assert service.schedule_year(planner, 2570) == 1  # the approved amendment's new project
    detail = reports.monitoring(planner, 2569)
    assert (detail['เบิกจ่าย (บาท)'] == 0).all()  # the demo books start in FY 2570: nothing paid in 2569
    current = reports.monitoring(planner, 2570)  # e-LAAS budget lines follow their projects into the new edition
    assert sum(current['งบตามข้อบัญญัติ (บาท)'], Decimal(0)) > 0 and sum(current['เบิกจ่าย (บาท)'], Decimal(0)) > 0
    first = service.plan_data(planner).projects
    lineage = next(p.lineage_id for p in first if p.budget_y4)
    monkeypatch.setattr(links, '_MONEY_SOURCES', [])
    links.register_money_source(lambda session, org_id, year: {lineage: links.ProjectMoney(
        Decimal(100), Decimal(20), Decimal(70))} if year == 2569 else {})
    detail = reports.monitoring(planner, 2569)
    assert sum(detail['เบิกจ่าย (บาท)'], Decimal(0)) == Decimal(70)
    summary = reports.evaluation(planner, 2569)
    total = summary.iloc[-1]
    assert total['โครงการตามแผน'] == len(detail) and total['เบิกจ่าย (บาท)'] == Decimal(70)
    assert total['ดำเนินการแล้วเสร็จ'] == int((detail['สถานะ'] == 'ดำเนินการแล้วเสร็จ').sum()) > 0


def test_the_action_plan_summary_p01_adds_up_to_the_action_plan() -> None:
    """ผด.01 is ผด.02 summed: per strategy × แผนงาน, each strategy's subtotal, the grand total; shares of 100 %."""
    planner = principal('planner')
    action, summary = reports.action_plan(planner, 2570), reports.action_summary(planner, 2570)
    total = summary.iloc[-1]
    assert total['ยุทธศาสตร์'] == 'รวมทั้งสิ้น' and total['จำนวนโครงการ'] == len(action) > 20
    assert total['งบประมาณ (บาท)'] == sum(action['งบประมาณ (บาท)'], Decimal(0))
    assert total['ร้อยละของโครงการทั้งหมด'] == total['ร้อยละของงบประมาณทั้งหมด'] == Decimal('100.00')
    parts = summary[(summary['แผนงาน'] != 'รวม') & (summary['ยุทธศาสตร์'] != 'รวมทั้งสิ้น')]
    assert parts['จำนวนโครงการ'].sum() == len(action) and parts['ยุทธศาสตร์'].nunique() > 1
    assert sum(parts['งบประมาณ (บาท)'], Decimal(0)) == total['งบประมาณ (บาท)']
    assert abs(sum(parts['ร้อยละของงบประมาณทั้งหมด'], Decimal(0)) - 100) < Decimal('0.01') * len(parts)
    for strategy, rows in parts.groupby('ยุทธศาสตร์'):
        subtotal = summary[(summary['ยุทธศาสตร์'] == strategy) & (summary['แผนงาน'] == 'รวม')]
        if len(rows) > 1:
            assert subtotal.iloc[0]['จำนวนโครงการ'] == rows['จำนวนโครงการ'].sum()
    assert all(summary.iloc[:-1]['หน่วยดำเนินการ'])  # every row names who carries it out
    assert reports.action_summary(planner, 2590).empty  # a year with no action plan: no rows, not a failure


def test_reports_need_the_view_permission() -> None:
    with pytest.raises(PermissionDenied):
        service.plan_data(principal('teacher'))
    with pytest.raises(PermissionDenied):
        importer.import_plan(principal('engineer'), b'')


def test_the_pdf_forms_render_in_thai() -> None:
    planner = principal('planner')
    for key in ('p01', 'p02'):
        report = REPORTS[f'eplan/{key}']
        content = report_pdf(report, report_table(report, planner), thai_digits=key == 'p01')
        assert content.startswith(b'%PDF') and len(content) > 5_000
