"""Declared state machines with permissioned transitions (approval levels officer → director → ปลัด → นายก).

A transition names the permission it needs, may carry a guard (e.g. an amount limit, returning a Thai refusal),
may forbid self-approval (the preparer cannot approve their own record), and may derive who may act from the
record (e.g. the head of the record's division). Every transition is audited in the caller's transaction.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from core import audit
from core.access import Principal, require
from core.errors import Denied, Refusal
from models.base import utcnow
from models.org import Assignment, Position

Guard = Callable[[Session, Any, Principal], str | None]  # (session, record, actor) -> a Thai refusal, or None
Approvers = Callable[[Session, Any], set[int]]  # user ids who may act on this record


@dataclass(frozen=True)
class Transition:
    name: str
    title: str  # the button, e.g. 'อนุมัติ'
    source: tuple[str, ...]
    target: str
    permission: str
    guard: Guard | None = None
    no_self_approval: bool = False
    approvers: Approvers | None = None
    needs_note: bool = False  # e.g. sending back requires a reason
    pending: bool = True  # when available, counts as work waiting for the user (False for 'send back')
    effect: Callable[[Session, Any, Principal], None] | None = None  # runs in the same transaction after the move
    #   (e.g. stamp the approval date, supersede the previous edition, post to the books); may raise a Thai refusal
    note_field: str | None = None  # the record's attribute that keeps the note (e.g. a cancellation reason)
    button: bool = True  # False: the app offers its own form for this move (e.g. payment details), not a bare button


@dataclass(frozen=True)
class Workflow:
    states: dict[str, str]  # state -> Thai title
    initial: str
    transitions: Sequence[Transition]
    field: str = 'status'

    def transition(self, name: str) -> Transition:
        return next(t for t in self.transitions if t.name == name)

    def refusal(self, session: Session, record: Any, transition: Transition, actor: Principal) -> str | None:
        """Why `actor` may not take `transition` on `record` now (Thai), or None."""
        state = getattr(record, self.field)
        if state not in transition.source:
            return f'ทำรายการ "{transition.title}" ไม่ได้ในสถานะ "{self.states.get(state, state)}"'
        if not actor.can(transition.permission, record):
            return f'ท่านไม่มีสิทธิ์ "{transition.title}" ({transition.permission})'
        if transition.no_self_approval and getattr(record, 'created_by', None) == actor.user_id:
            return f'ผู้จัดทำรายการ "{transition.title}" รายการของตนเองไม่ได้'
        if transition.approvers is not None and actor.user_id not in transition.approvers(session, record):
            return f'"{transition.title}" ต้องทำโดยผู้มีอำนาจของรายการนี้'
        if transition.guard is not None:
            return transition.guard(session, record, actor)
        return None

    def available(self, session: Session, record: Any, actor: Principal) -> list[Transition]:
        """The buttons this user may press on this record now."""
        return [t for t in self.transitions if self.refusal(session, record, t, actor) is None]

    def apply(self, session: Session, record: Any, name: str, actor: Principal, note: str = '') -> None:
        """Move the record to the transition's target state; refuse with a Thai reason; audit the move."""
        transition = self.transition(name)
        require(actor, transition.permission, record, where=f'workflow:{name}')
        if reason := self.refusal(session, record, transition, actor):
            raise Denied(transition.permission, reason)
        if transition.needs_note and not note.strip():
            raise Refusal('หมายเหตุ: กรุณาระบุเหตุผล', {'note': 'หมายเหตุ: กรุณาระบุเหตุผล'})
        before = getattr(record, self.field)
        setattr(record, self.field, transition.target)
        record.version = (getattr(record, 'version', None) or 1) + 1  # a form opened before this move is stale
        if hasattr(record, 'updated_by'):
            record.updated_by, record.updated_at = actor.user_id, utcnow()
        session.add(record)
        session.flush()
        if transition.note_field is not None:
            setattr(record, transition.note_field, note.strip())
        if transition.effect is not None:
            transition.effect(session, record, actor)
        audit.record_by(session, actor, 'transition', object_type=type(record).__name__, object_id=record.id,
                     data={'transition': name, 'from': before, 'to': transition.target, 'note': note.strip(),
                           '@version': record.version})

    def pending_count(self, session: Session, model: type, actor: Principal, limit: int = 500) -> int:
        """Records waiting for this user's action (the home page's pending-work count)."""
        forward = [t for t in self.transitions if t.pending]
        states = {s for t in forward if actor.can(t.permission) for s in t.source}
        if not states:
            return 0
        query = select(model).where(model.org_id == actor.org_id, col(getattr(model, self.field)).in_(states))
        if not any(t.approvers or t.no_self_approval or t.guard for t in forward):
            return session.exec(select(func.count()).select_from(query.subquery())).one()
        return sum(1 for record in session.exec(query.limit(limit)).all()
                   if any(self.refusal(session, record, t, actor) is None for t in forward))


def head_of_record_division(session: Session, record: Any) -> set[int]:
    """Approvers: whoever holds the head seat of the record's division (including acting heads)."""
    rows = session.exec(select(Assignment.user_id).join(Position, Position.id == Assignment.position_id)
                        .where(Position.division_id == record.division_id, Position.is_head)).all()
    return set(rows)
