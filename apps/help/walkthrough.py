"""Guided walkthroughs (บทเรียนทีละขั้น, issue 20 item 7): flows as data (assets/help/walkthroughs.yaml), each step
with its instructions, its page and a check on the trainee's own data in this LAO — one function per check kind,
keyed by name in the data. Nothing is stored: a step is done when the data says so, so progress is always true to
the records. The trainer (`help.walkthrough.progress`) sees each user's progress.

The checks read the shared tables in models/ (no other app's service is called): they only count rows."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import yaml
from sqlmodel import Session, col, func, select

from core import db
from core.access import Principal, require
from core.settings import ROOT
from models.finance import BudgetLine, Voucher, VoucherLine
from models.hr import LeaveRequest
from models.office import Document, RouteStep
from models.org import User
from models.plan import PlanProject
from models.procurement import Procurement

READ = 'help.view'
PROGRESS = 'help.walkthrough.progress'
FLOWS_FILE = ROOT / 'assets' / 'help' / 'walkthroughs.yaml'
Check = Callable[[Session, int, list[int]], set[int]]  # (session, org, users) -> the users for whom the step is done


def _projects(session: Session, org_id: int, users: list[int]) -> dict[int, int]:
    """Each trainee's project: the newest plan project they added, and its rows in later editions (its lineage).
    Answers project id -> user, for all the users in two queries."""
    newest = session.exec(select(PlanProject.created_by, func.max(PlanProject.id))
                          .where(PlanProject.org_id == org_id, col(PlanProject.created_by).in_(users))
                          .group_by(PlanProject.created_by)).all()
    if not newest:
        return {}
    heads = session.exec(select(PlanProject.id, PlanProject.lineage_id)
                         .where(col(PlanProject.id).in_([project for _, project in newest]))).all()
    lineage_of = {project: lineage or project for project, lineage in heads}
    owner = {lineage_of[project]: user for user, project in newest}
    mine = {project: user for user, project in newest}
    for project, lineage in session.exec(select(PlanProject.id, PlanProject.lineage_id)
                                         .where(PlanProject.org_id == org_id,
                                                col(PlanProject.lineage_id).in_(list(owner)))).all():
        mine[project] = owner[lineage]
    return mine


def _lines(session: Session, org_id: int, users: list[int]) -> dict[int, int]:
    """The budget lines of each trainee's project: line id -> user."""
    projects = _projects(session, org_id, users)
    if not projects:
        return {}
    return {line: projects[project] for line, project in session.exec(
        select(BudgetLine.id, BudgetLine.project_id).where(BudgetLine.org_id == org_id,
                                                           col(BudgetLine.project_id).in_(list(projects)))).all()}


def _voucher_of_project(statuses: tuple[str, ...]) -> Check:
    def check(session: Session, org_id: int, users: list[int]) -> set[int]:
        lines = _lines(session, org_id, users)
        if not lines:
            return set()
        paid = session.exec(select(VoucherLine.budget_line_id).join(Voucher, VoucherLine.voucher_id == Voucher.id)
                            .where(Voucher.org_id == org_id, col(Voucher.status).in_(statuses),
                                   col(VoucherLine.budget_line_id).in_(list(lines))).distinct()).all()
        return {lines[line] for line in paid}
    return check


def _procurement_of_project(session: Session, org_id: int, users: list[int]) -> set[int]:
    lines = _lines(session, org_id, users)
    if not lines:
        return set()
    bought = session.exec(select(Procurement.budget_line_id).where(
        Procurement.org_id == org_id, col(Procurement.budget_line_id).in_(list(lines))).distinct()).all()
    return {lines[line] for line in bought}


def _letters(org_id: int, users: list[int]):
    return select(Document.id).where(Document.org_id == org_id, Document.register_key == 'incoming',
                                     col(Document.created_by).in_(users))


def _letter_registered(session: Session, org_id: int, users: list[int]) -> set[int]:
    return set(session.exec(select(Document.created_by).where(
        col(Document.id).in_(_letters(org_id, users))).distinct()).all())


def _letter_step(action: str) -> Check:
    def check(session: Session, org_id: int, users: list[int]) -> set[int]:
        return set(session.exec(select(Document.created_by).join(RouteStep, RouteStep.document_id == Document.id)
                                .where(RouteStep.org_id == org_id, RouteStep.action == action,
                                       col(Document.id).in_(_letters(org_id, users))).distinct()).all())
    return check


def _leave(statuses: tuple[str, ...]) -> Check:
    def check(session: Session, org_id: int, users: list[int]) -> set[int]:
        return set(session.exec(select(LeaveRequest.owner_id).where(
            LeaveRequest.org_id == org_id, col(LeaveRequest.owner_id).in_(users),
            col(LeaveRequest.status).in_(statuses)).distinct()).all())
    return check


CHECKS: dict[str, Check] = {
    'project_added': lambda session, org_id, users: set(_projects(session, org_id, users).values()),
    'budget_line_of_project': lambda session, org_id, users: set(_lines(session, org_id, users).values()),
    'procurement_of_project': _procurement_of_project,
    'voucher_of_project_approved': _voucher_of_project(('approved', 'paid', 'posted')),
    'voucher_of_project_paid': _voucher_of_project(('paid', 'posted')),
    'letter_registered': _letter_registered,
    'letter_presented': _letter_step('present'),
    'letter_ordered': _letter_step('order'),
    'leave_submitted': _leave(('submitted', 'endorsed', 'approved')),
    'leave_approved': _leave(('approved',)),
}


@dataclass(frozen=True)
class Step:
    title: str
    instructions: str
    link: str
    check: str


@dataclass(frozen=True)
class Flow:
    key: str
    title: str
    description: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Progress:
    flow: Flow
    done: tuple[bool, ...]

    @property
    def count(self) -> int:
        return sum(self.done)

    @property
    def current(self) -> int | None:
        """The first step not yet done (its index), or None when all are."""
        return next((n for n, d in enumerate(self.done) if not d), None)


@cache
def flows() -> tuple[Flow, ...]:
    rows = yaml.safe_load(FLOWS_FILE.read_text(encoding='utf-8'))
    out = tuple(Flow(r['key'], r['title'], r.get('description', ''), tuple(Step(**s) for s in r['steps']))
                for r in rows)
    unknown = {s.check for f in out for s in f.steps} - set(CHECKS)
    if unknown:
        raise ValueError(f'walkthroughs.yaml names unknown checks: {sorted(unknown)}')
    return out


def flow(key: str) -> Flow | None:
    return next((f for f in flows() if f.key == key), None)


def _progress(session: Session, org_id: int, users: list[int]) -> dict[int, tuple[Progress, ...]]:
    """Every flow's progress for each of the users: each check runs once for all of them (a few queries each)."""
    done = {check: CHECKS[check](session, org_id, users) for check in {s.check for f in flows() for s in f.steps}}
    return {user: tuple(Progress(f, tuple(user in done[s.check] for s in f.steps)) for f in flows())
            for user in users}


def mine(actor: Principal) -> list[Progress]:
    """The trainee's own progress in every flow."""
    require(actor, READ)
    with db.session_scope() as session:
        return list(_progress(session, actor.org_id, [actor.user_id])[actor.user_id])


@dataclass(frozen=True)
class UserProgress:
    user_id: int
    name: str
    flows: tuple[Progress, ...]


def everyone(actor: Principal) -> list[UserProgress]:
    """For the trainer: each active user of the LAO, their progress in every flow."""
    require(actor, PROGRESS)
    with db.session_scope() as session:
        users = session.exec(select(User).where(User.org_id == actor.org_id, User.is_active == True)  # noqa: E712
                             .order_by(User.full_name)).all()
        progress = _progress(session, actor.org_id, [u.id for u in users])
        return [UserProgress(u.id, u.full_name, progress[u.id]) for u in users]
