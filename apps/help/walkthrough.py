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
Check = Callable[[Session, int, int], bool]


def _project_ids(session: Session, org_id: int, user_id: int) -> list[int]:
    """The trainee's project: the newest plan project they added, and its rows in later editions (its lineage)."""
    newest = session.exec(select(PlanProject).where(PlanProject.org_id == org_id, PlanProject.created_by == user_id)
                          .order_by(col(PlanProject.id).desc())).first()
    if newest is None:
        return []
    lineage = newest.lineage_id or newest.id
    return list(session.exec(select(PlanProject.id).where(PlanProject.org_id == org_id,
                                                          PlanProject.lineage_id == lineage)).all()) or [newest.id]


def _line_ids(session: Session, org_id: int, user_id: int) -> list[int]:
    projects = _project_ids(session, org_id, user_id)
    if not projects:
        return []
    return list(session.exec(select(BudgetLine.id).where(BudgetLine.org_id == org_id,
                                                         col(BudgetLine.project_id).in_(projects))).all())


def _exists(session: Session, statement) -> bool:
    return session.exec(select(func.count()).select_from(statement.subquery())).one() > 0


def _voucher_of_project(statuses: tuple[str, ...]) -> Check:
    def check(session: Session, org_id: int, user_id: int) -> bool:
        lines = _line_ids(session, org_id, user_id)
        paid = (select(Voucher.id).join(VoucherLine, VoucherLine.voucher_id == Voucher.id)
                .where(Voucher.org_id == org_id, col(Voucher.status).in_(statuses),
                       col(VoucherLine.budget_line_id).in_(lines)))
        return bool(lines) and _exists(session, paid)
    return check


def _letters(org_id: int, user_id: int):
    return select(Document.id).where(Document.org_id == org_id, Document.register_key == 'incoming',
                                     Document.created_by == user_id)


def _letter_step(action: str) -> Check:
    def check(session: Session, org_id: int, user_id: int) -> bool:
        return _exists(session, select(RouteStep.id).where(RouteStep.org_id == org_id, RouteStep.action == action,
                                                           col(RouteStep.document_id).in_(_letters(org_id, user_id))))
    return check


def _leave(statuses: tuple[str, ...]) -> Check:
    def check(session: Session, org_id: int, user_id: int) -> bool:
        return _exists(session, select(LeaveRequest.id).where(LeaveRequest.org_id == org_id,
                                                              LeaveRequest.owner_id == user_id,
                                                              col(LeaveRequest.status).in_(statuses)))
    return check


CHECKS: dict[str, Check] = {
    'project_added': lambda session, org_id, user_id: bool(_project_ids(session, org_id, user_id)),
    'budget_line_of_project': lambda session, org_id, user_id: bool(_line_ids(session, org_id, user_id)),
    'procurement_of_project': lambda session, org_id, user_id: bool(lines := _line_ids(session, org_id, user_id))
    and _exists(session, select(Procurement.id).where(Procurement.org_id == org_id,
                                                      col(Procurement.budget_line_id).in_(lines))),
    'voucher_of_project_approved': _voucher_of_project(('approved', 'paid', 'posted')),
    'voucher_of_project_paid': _voucher_of_project(('paid', 'posted')),
    'letter_registered': lambda session, org_id, user_id: _exists(session, _letters(org_id, user_id)),
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


def _progress(session: Session, org_id: int, user_id: int, chosen: Flow) -> Progress:
    return Progress(chosen, tuple(CHECKS[s.check](session, org_id, user_id) for s in chosen.steps))


def mine(actor: Principal) -> list[Progress]:
    """The trainee's own progress in every flow."""
    require(actor, READ)
    with db.session_scope() as session:
        return [_progress(session, actor.org_id, actor.user_id, f) for f in flows()]


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
        return [UserProgress(u.id, u.full_name, tuple(_progress(session, actor.org_id, u.id, f) for f in flows()))
                for u in users]
