"""e-Plan pages: front page and charts, reports, editions with their diff, a project in a draft, read-only approved
projects, the import page and who may open what."""

from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from sqlmodel import select

from apps.eplan import links
from apps.eplan.resources import EDITIONS
from core import db, resource
from core.report import REPORTS, report_table, report_xlsx
from helpers import principal, sign_in
from models.plan import PlanProject

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def in_force_id() -> int:
    with db.session_scope() as session:
        return links.edition_in_force(session, principal('planner').org_id).id


async def test_front_page_shows_the_plan_in_force_and_its_charts(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/eplan')
    await user.should_see('เพิ่มเติม/เปลี่ยนแปลง ครั้งที่ 2/2567', retries=50)
    await user.should_see('ประกาศใช้แล้ว')
    await user.should_see(marker='chart-strategy')
    await user.should_see(marker='chart-progress')


async def test_reports_page_shows_p01_then_p02_of_an_edition(user: User) -> None:
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.open('/eplan/reports?report=p01')  # the older address of a report leads to its page
    await user.should_see(marker='report-table', retries=50)
    rows = user.find(marker='report-table').elements.pop().rows
    assert rows[-1]['c0'] == 'รวมทั้งสิ้น'
    user.find(marker='report-which').elements.pop().value = 'p02'
    await user.should_see(marker='report-p02', retries=50)
    table = user.find(marker='report-table').elements.pop()
    column = next(c['field'] for c in table.columns if c['label'] == 'โครงการ')
    assert 'โครงการจัดหารถเก็บขนขยะมูลฝอยแบบอัดท้าย' in {row[column] for row in table.rows}


async def test_planner_starts_an_amendment_and_adds_a_project_with_field_errors_kept(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/eplan/editions/new')
    user.find(marker='field-reason').type('เพิ่มโครงการลานกีฬา')
    user.find(marker='form-save').click()
    await user.should_see(marker='edition-diff', retries=50)
    await user.should_see('ไม่มีโครงการที่เพิ่ม ตัดออก หรือเปลี่ยนแปลง')
    await user.open('/eplan/projects/new')
    await user.should_see(marker='field-name')
    assert user.find(marker='field-edition_id').elements.pop().value  # the draft is chosen for the planner
    for name in ('node_id', 'program_code_id', 'division_id', 'fund_source_id'):
        select_ = user.find(marker=f'field-{name}').elements.pop()
        select_.value = next(iter(select_.options))['value'] if isinstance(select_.options, list) else next(
            iter(select_.options))
    user.find(marker='field-name').type('โครงการก่อสร้างลานกีฬาอเนกประสงค์')
    user.find(marker='field-objective').type('เพื่อให้ประชาชนมีที่ออกกำลังกาย')
    user.find(marker='field-target').type('ลานกีฬา 1 แห่ง')
    user.find(marker='field-kpi').type('ร้อยละผู้ใช้ที่พึงพอใจ')
    user.find(marker='field-expected_result').type('ประชาชนสุขภาพดี')
    user.find(marker='field-budget_y4').type('350000.50')
    user.find(marker='form-save').click()
    await user.should_see('งบประมาณปีที่ 4: แผนพัฒนาใช้จำนวนเต็มบาท', retries=50)
    assert user.find(marker='field-name').elements.pop().value == 'โครงการก่อสร้างลานกีฬาอเนกประสงค์'
    user.find(marker='field-budget_y4').clear().type('350,000')
    user.find(marker='form-save').click()
    await user.should_see(marker='project-money', retries=50)
    await user.should_see(marker='detail-edit')


async def test_a_project_of_an_approved_edition_is_read_only(user: User) -> None:
    with db.session_scope() as session:
        project = session.exec(select(PlanProject).where(PlanProject.edition_id == in_force_id())).first()
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open(f'/eplan/projects/{project.id}')
    await user.should_see(marker='detail-locked', retries=50)
    await user.should_not_see(marker='detail-edit')
    await user.should_see('อยู่ในแผนฉบับ')


async def test_edition_page_shows_what_the_amendment_changed(user: User) -> None:
    await sign_in(user, 'mayor', expect='สวัสดี')
    await user.open(f'/eplan/editions/{in_force_id()}')
    await user.should_see(marker='edition-diff', retries=50)
    await user.should_see('+ โครงการจัดหารถเก็บขนขยะมูลฝอยแบบอัดท้าย', retries=50)
    await user.should_see('งบประมาณปีที่ 4')


async def test_submitted_plan_waits_on_the_palad_home_page(user: User) -> None:
    draft = resource.create(EDITIONS, principal('planner'), {'kind': 'correction', 'year': '2569'})
    resource.transition(EDITIONS, principal('planner'), draft, 'submit')
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.should_see('แผนพัฒนาท้องถิ่นรอพิจารณา/อนุมัติ')
    await user.open(f'/eplan/editions/{draft}')
    await user.should_see(marker='transition-review', retries=50)
    user.find(marker='transition-review').click()
    await user.should_see('ผ่านการพิจารณา', retries=50)


async def test_import_page_previews_row_errors(user: User) -> None:
    resource.create(EDITIONS, principal('planner'), {'kind': 'amendment', 'year': '2569'})
    p02 = REPORTS['eplan/p02']
    content = report_xlsx(p02, report_table(p02, principal('planner'), {'edition': in_force_id()}))
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/eplan/import')
    upload = user.find(marker='import-upload').elements.pop()
    await upload.handle_uploads([SmallFileUpload('plan.xlsx', XLSX, content)])
    await user.should_see(marker='import-summary', retries=100)
    await user.should_see('ใหม่ 0 แถว · แก้ไข 0 แถว · ไม่เปลี่ยนแปลง')  # the draft already holds every project
    await user.should_see('ไม่ผ่าน 0 แถว')
    await user.should_not_see(marker='import-commit')  # nothing to write
    await upload.handle_uploads([SmallFileUpload('plan.xlsx', XLSX, b'not an excel file')])
    await user.should_see(marker='import-error', retries=100)
    await user.should_see('ไฟล์: อ่านไม่ได้')


async def test_people_without_e_plan_rights_get_no_access(user: User) -> None:
    await sign_in(user, 'teacher', expect='สวัสดี')
    await user.open('/eplan')
    await user.should_see('ไม่มีสิทธิ์', retries=50)
    await user.open('/eplan/import')
    await user.should_see('ไม่มีสิทธิ์', retries=50)


async def test_the_action_plan_and_progress_registers_filter_by_the_fiscal_years_present(user: User) -> None:
    from apps.eplan.resources import ACTION_PLAN, PROGRESS
    from models.plan import ActionPlanItem, ProjectProgress
    await sign_in(user, 'planner', expect='สวัสดี')
    for register, model in ((ACTION_PLAN, ActionPlanItem), (PROGRESS, ProjectProgress)):
        with db.session_scope() as session:
            years = sorted(set(session.exec(select(model.fiscal_year)).all()))
        assert years, f'the demo has no {register.title}'
        await user.open(register.path)
        await user.should_see(marker='list-table', retries=50)
        choice = user.find(marker='filter-fiscal_year').elements.pop()
        assert [key for key in choice.options if key != ''] == years
        assert choice.options[years[0]] == str(years[0])  # a year, not '2,569'
        choice.value = years[0]
        await user.should_see(marker='list-count', content=f'ทั้งหมด {len(_of_year(model, years[0])):,} รายการ',
                              retries=50)


def _of_year(model, year: int) -> list:
    with db.session_scope() as session:
        return session.exec(select(model.id).where(model.fiscal_year == year)).all()
