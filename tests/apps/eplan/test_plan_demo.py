"""The demo's plan as an officer reads it: each project with its own KPI and a physical target, budgets that follow
the plan from year to year, and the next five-year plan (2571–2575) in drafting while 2566–2570 is in force."""

from itertools import pairwise

from sqlmodel import select

from apps.eplan import links
from core import db
from helpers import principal
from models.plan import PlanCycle, PlanEdition, PlanNode, PlanProject

WORKS = ('ก่อสร้าง', 'ซ่อมแซมถนน', 'ขยายเขต', 'ติดตั้ง', 'ขุด', 'ปรับปรุงระบบประปา')
UNITS = ('เมตร', 'บ่อ', 'ต้น', 'แห่ง', 'จุด', 'คัน', 'หลัง')


def _projects(edition_id: int) -> list[PlanProject]:
    with db.session_scope() as session:
        return list(session.exec(select(PlanProject).where(PlanProject.edition_id == edition_id)).all())


def test_each_project_has_its_own_kpi_and_works_a_physical_target() -> None:
    with db.session_scope() as session:
        edition = links.edition_in_force(session, principal('planner').org_id)
    projects = _projects(edition.id)
    assert len({p.kpi for p in projects}) == len(projects)
    for project in projects:
        assert project.kpi and project.kpi_target is not None, project.name
        if project.name.startswith(tuple(f'โครงการ{w}' for w in WORKS)):
            assert any(unit in project.target for unit in UNITS), project.name
            assert 'คน/ครัวเรือน' not in project.target


def test_budgets_follow_the_plan_from_year_to_year() -> None:
    with db.session_scope() as session:
        edition = links.edition_in_force(session, principal('planner').org_id)
    for project in _projects(edition.id):
        years = [project.budget_for(n) for n in range(1, 6)]
        funded = [amount for amount in years if amount]
        assert funded, project.name
        if len(funded) > 1:  # a yearly activity: its budget goes on, rising with prices at most a tenth a year
            first = years.index(funded[0])
            assert all(years[first:]), project.name
            assert all(b >= a and b <= a * 11 / 10 for a, b in pairwise(funded)), project.name


def test_the_next_plan_is_in_drafting_by_development_issue() -> None:
    org_id = principal('planner').org_id
    with db.session_scope() as session:
        cycle = session.exec(select(PlanCycle).where(PlanCycle.org_id == org_id, PlanCycle.start_year == 2571)).one()
        draft = session.exec(select(PlanEdition).where(PlanEdition.cycle_id == cycle.id)).one()
        kinds = {n.kind for n in session.exec(select(PlanNode).where(PlanNode.cycle_id == cycle.id)).all()}
        in_force = links.edition_in_force(session, org_id)
        old_cycle = session.get(PlanCycle, in_force.cycle_id)
    assert (cycle.title, cycle.structure, draft.kind, draft.status) == (
        'แผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575)', 'issue', 'first', 'draft')
    assert kinds == {'issue'} and len(_projects(draft.id)) >= 30
    assert old_cycle.start_year == 2566  # the plan in force stays the one being carried out
