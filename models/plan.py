"""e-Plan: the local development plan (แผนพัฒนาท้องถิ่น) — its five-year cycle, strategy/issue hierarchy, editions
(the approved plan and each amendment), projects (ผ.02) and equipment (ผ.03) per edition, the annual action plan
(แผนการดำเนินงาน) and progress entries.

Each edition holds a full copy of the plan's projects, so an older edition stays readable as it was approved and two
editions can be compared row by row. `lineage_id` is the identity of one project across editions (the id of the row
that first introduced it); budget lines, action-plan items and progress entries point at a project row, and
reports that follow a project over time group by its lineage.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import event, text
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Field, Index, UniqueConstraint

from models.base import OrgScoped, Tracked
from models.types import money

PLAN_YEARS = 5


class PlanCycle(OrgScoped, Tracked, table=True):
    """A five-year plan, e.g. แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)."""

    __tablename__ = 'plan_cycle'
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    start_year: int  # first fiscal year (BE), e.g. 2566
    structure: str = Field(default='strategy', max_length=10)  # strategy (ยุทธศาสตร์) | issue (ประเด็นการพัฒนา)
    vision: str = Field(default='', max_length=2000)

    @property
    def end_year(self) -> int:
        return self.start_year + PLAN_YEARS - 1

    @property
    def years(self) -> list[int]:
        return [self.start_year + n for n in range(PLAN_YEARS)]


class PlanNode(OrgScoped, table=True):
    """One node of the plan's hierarchy: ยุทธศาสตร์ → กลยุทธ์ (2566–2570) or ประเด็นการพัฒนา (2571–2575)."""

    __tablename__ = 'plan_node'
    __table_args__ = (UniqueConstraint('cycle_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key='plan_cycle.id', index=True)
    parent_id: int | None = Field(default=None, foreign_key='plan_node.id')
    kind: str = Field(max_length=10)  # strategy | tactic | issue
    code: str = Field(max_length=20)  # 1, 1.2, …
    name: str = Field(max_length=500)
    goal: str = Field(default='', max_length=2000)  # เป้าประสงค์
    sort_order: int = 0


OPEN_EDITION = text("status IN ('draft', 'submitted', 'reviewed')")


class PlanEdition(OrgScoped, Tracked, table=True):
    """A version of the plan: ฉบับแรก, ทบทวน, แก้ไข (ข้อ 21) or เพิ่มเติม/เปลี่ยนแปลง (ข้อ 22) ครั้งที่ N/พ.ศ."""

    __tablename__ = 'plan_edition'
    # one edition in preparation per plan cycle (the schema holds it when two planners start one at once)
    __table_args__ = (Index('uq_plan_edition_open', 'cycle_id', unique=True, sqlite_where=OPEN_EDITION,
                            postgresql_where=OPEN_EDITION),)
    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key='plan_cycle.id', index=True)
    kind: str = Field(max_length=12)  # first | review | correction | amendment
    number: int = 1  # ครั้งที่
    year: int  # พ.ศ. of the edition
    title: str = Field(max_length=300)
    reason: str = Field(default='', max_length=2000)
    based_on_id: int | None = Field(default=None, foreign_key='plan_edition.id')
    status: str = Field(default='draft', max_length=12, index=True)
    approved_on: date | None = None
    announced_on: date | None = None


class PlanBudgetYears(OrgScoped, Tracked):
    """The five yearly budget columns of a ผ.02/ผ.03 row (whole baht, no free-form text)."""

    budget_y1: Decimal = money()
    budget_y2: Decimal = money()
    budget_y3: Decimal = money()
    budget_y4: Decimal = money()
    budget_y5: Decimal = money()

    def budget_for(self, index: int) -> Decimal:
        """The budget of the plan's year `index` (1–5)."""
        return getattr(self, f'budget_y{index}')

    @property
    def budget_total(self) -> Decimal:
        return sum((self.budget_for(n) for n in range(1, PLAN_YEARS + 1)), Decimal('0'))


class PlanProject(PlanBudgetYears, table=True):
    """A development project (ผ.02 row) in one edition of the plan."""

    __tablename__ = 'plan_project'
    id: int | None = Field(default=None, primary_key=True)
    edition_id: int = Field(foreign_key='plan_edition.id', index=True)
    lineage_id: int = Field(default=0, index=True)
    seq: int = 0  # ที่ (order within its strategy/แผนงาน)
    node_id: int = Field(foreign_key='plan_node.id')
    program_code_id: int = Field(foreign_key='program_code.id')  # แผนงาน
    form: str = Field(default='p02', max_length=8)  # p02 | p02_1 | p02_2
    name: str = Field(max_length=500)
    objective: str = Field(default='', max_length=2000)
    target: str = Field(default='', max_length=5000)  # เป้าหมาย (ผลผลิตของโครงการ); real ผ.02 cells run to 2,426
    kpi: str = Field(default='', max_length=1000)
    kpi_target: Decimal | None = money(default=None)
    expected_result: str = Field(default='', max_length=5000)
    division_id: int = Field(foreign_key='division.id')
    village_id: int | None = Field(default=None, foreign_key='village.id')
    fund_source_id: int = Field(foreign_key='fund_source.id')
    reason: str = Field(default='', max_length=2000)  # เหตุผลความจำเป็น (editions after the first)


class PlanEquipment(PlanBudgetYears, table=True):
    """An equipment item (ผ.03 บัญชีครุภัณฑ์) in one edition of the plan."""

    __tablename__ = 'plan_equipment'
    id: int | None = Field(default=None, primary_key=True)
    edition_id: int = Field(foreign_key='plan_edition.id', index=True)
    lineage_id: int = Field(default=0, index=True)
    seq: int = 0
    program_code_id: int = Field(foreign_key='program_code.id')
    category: str = Field(max_length=40)  # ประเภทครุภัณฑ์
    name: str = Field(max_length=500)
    target: str = Field(default='', max_length=5000)
    division_id: int = Field(foreign_key='division.id')
    reason: str = Field(default='', max_length=2000)


class ActionPlanItem(OrgScoped, Tracked, table=True):
    """A project scheduled in the annual action plan (แผนการดำเนินงาน, ผด.02) of a fiscal year, by month."""

    __tablename__ = 'action_plan_item'
    __table_args__ = (UniqueConstraint('org_id', 'fiscal_year', 'project_id'),)
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int = Field(index=True)
    project_id: int = Field(foreign_key='plan_project.id', index=True)
    start_month: int = Field(default=1, ge=1, le=12)  # 1 = ต.ค. … 12 = ก.ย. (fiscal order)
    end_month: int = Field(default=12, ge=1, le=12)
    budget: Decimal = money()
    location: str = Field(default='', max_length=300)


class ProjectProgress(OrgScoped, Tracked, table=True):
    """A progress entry of a project in a fiscal year (monitoring); photos are attachments."""

    __tablename__ = 'project_progress'
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key='plan_project.id', index=True)
    fiscal_year: int = Field(index=True)
    report_date: date
    status: str = Field(default='not_started', max_length=12)
    physical_pct: int = Field(default=0, ge=0, le=100)
    kpi_actual: Decimal | None = money(default=None)
    note: str = Field(default='', max_length=2000)


@event.listens_for(PlanProject, 'after_insert')
@event.listens_for(PlanEquipment, 'after_insert')
def _start_lineage(mapper, connection, target) -> None:
    """A row created new (not copied from an earlier edition) starts its own lineage."""
    if not target.lineage_id:
        table = mapper.local_table
        connection.execute(table.update().where(table.c.id == target.id).values(lineage_id=target.id))
        set_committed_value(target, 'lineage_id', target.id)
