"""The e-Plan side of the plan → budget → payment spine, for other apps (e-LAAS, e-GP) to call.

- `project_in_force(session, org_id, project_id)`: the row of that project in the plan edition now in force, or None
  (a budget line may only fund a project of the current plan).
- `register_money_source(fn)`: e-LAAS registers a function giving, per project lineage and fiscal year, the amounts
  budgeted, committed and disbursed; e-Plan's monitoring report sums what the registered sources give
  (zeros while none is registered).
- `monitoring(actor, year)` / `active_year(actor)`: read-only, the monitoring report's rows (progress and money per
  project) for the executive board.
- `public_plans(session, org_id)`: read-only, the editions in force (never a draft) for the public site.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from models.plan import PlanEdition, PlanProject

IN_FORCE_STATES = ('approved', 'announced')


@dataclass(frozen=True)
class ProjectMoney:
    budgeted: Decimal = Decimal('0')  # approved budget lines + transfers (ข้อบัญญัติ)
    committed: Decimal = Decimal('0')  # open commitments (ก่อหนี้ผูกพัน)
    disbursed: Decimal = Decimal('0')  # paid vouchers (เบิกจ่าย)

    def __add__(self, other: 'ProjectMoney') -> 'ProjectMoney':
        return ProjectMoney(self.budgeted + other.budgeted, self.committed + other.committed,
                            self.disbursed + other.disbursed)


MoneySource = Callable[[Session, int, int], dict[int, ProjectMoney]]  # (session, org_id, fiscal_year) -> by lineage
_MONEY_SOURCES: list[MoneySource] = []  # fixed at import time by the apps, never changed per user


def register_money_source(source: MoneySource) -> None:
    if source not in _MONEY_SOURCES:
        _MONEY_SOURCES.append(source)


def project_money(session: Session, org_id: int, fiscal_year: int) -> dict[int, ProjectMoney]:
    """Budgeted, committed and disbursed per project lineage in a fiscal year, from every registered source."""
    total: dict[int, ProjectMoney] = {}
    for source in _MONEY_SOURCES:
        for lineage, amounts in source(session, org_id, fiscal_year).items():
            total[lineage] = total.get(lineage, ProjectMoney()) + amounts
    return total


def edition_in_force(session: Session, org_id: int) -> PlanEdition | None:
    """The latest approved (or announced) edition of the newest plan cycle."""
    return session.exec(select(PlanEdition).where(
        PlanEdition.org_id == org_id, col(PlanEdition.status).in_(IN_FORCE_STATES))
        .order_by(PlanEdition.cycle_id.desc(), PlanEdition.id.desc())).first()


def project_in_force(session: Session, org_id: int, project_id: int) -> PlanProject | None:
    """The in-force row of the project `project_id` belongs to (by lineage), or None if the current plan lacks it."""
    project = session.get(PlanProject, project_id)
    edition = edition_in_force(session, org_id)
    if project is None or project.org_id != org_id or edition is None:
        return None
    return session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id,
                                                  PlanProject.lineage_id == project.lineage_id)).first()


# Read-only views of e-Plan's reports for other apps (the executive board, the reporting calendar). They live in
# e-Plan's service and reports, which import this module, so they register here when e-Plan's reports load (at start).
_READERS: dict[str, Callable] = {}


def register_reader(name: str, reader: Callable) -> None:
    _READERS[name] = reader


def active_year(actor) -> int:
    """Read-only: the plan's active fiscal year (the front page's)."""
    return _READERS['active_year'](actor)


def monitoring(actor, year: int):
    """Read-only: the monitoring report's rows (per project: plan, budget, committed, disbursed, status, progress)."""
    return _READERS['monitoring'](actor, year)


def monitoring_due(fy: int):
    """Read-only: (the day the monitoring report of fiscal year `fy` is due, the dated rule it follows)."""
    return _READERS['monitoring_due'](fy)


@dataclass(frozen=True)
class PublicPlan:
    """An edition of the development plan as the public site shows it: only an approved or announced one."""

    cycle: str
    years: str
    edition: str
    status: str  # IN_FORCE_STATES
    approved_on: object
    announced_on: object
    projects: int
    budget_by_year: tuple[tuple[int, Decimal], ...]
    updated: object  # the edition's last change (or creation)


def public_plans(session: Session, org_id: int) -> list[PublicPlan]:
    """Read-only, for the public site: the edition in force of each plan cycle (approved or announced; never a draft
    or one under review), its project count and budget per plan year."""
    from models.plan import PlanCycle
    cycles = session.exec(select(PlanCycle).where(PlanCycle.org_id == org_id)
                          .order_by(PlanCycle.start_year.desc())).all()
    found = []
    for cycle in cycles:
        edition = session.exec(select(PlanEdition).where(
            PlanEdition.org_id == org_id, PlanEdition.cycle_id == cycle.id,
            col(PlanEdition.status).in_(IN_FORCE_STATES))
            .order_by(PlanEdition.id.desc())).first()
        if edition is None:
            continue
        projects = session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)).all()
        budget = tuple((year, sum((p.budget_for(n) for p in projects), Decimal('0')))
                       for n, year in enumerate(cycle.years, 1))
        found.append(PublicPlan(cycle.title, f'{cycle.start_year}–{cycle.end_year}', edition.title, edition.status,
                                edition.approved_on, edition.announced_on, len(projects), budget,
                                edition.updated_at or edition.created_at))
    return found


def projects_done(actor, year: int) -> tuple[int, int]:
    """Read-only: (projects done, projects planned) of fiscal `year`, as the evaluation report counts them."""
    return _READERS['projects_done'](actor, year)
