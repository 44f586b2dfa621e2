"""Declared state machines with permissioned transitions (approval levels officer → director → ปลัด → นายก).

A transition names the permission it needs, may carry a guard (e.g. an amount limit, returning a Thai refusal),
may forbid self-approval (the preparer cannot approve their own record), and may derive who may act from the
record (e.g. the head of the record's division). Every transition is audited in the caller's transaction.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select

from core import audit
from core.access import Principal, delegation_refusal, require, scope_condition
from core.errors import Denied, Refusal
from models.base import utcnow
from models.org import Assignment, Position

Guard = Callable[[Session, Any, Principal], str | None]  # (session, record, actor) -> a Thai refusal, or None
Approvers = Callable[[Session, Any], set[int]]  # user ids who may act on this record
Where = Callable[[type, Principal], Any]  # (model, actor) -> an SQL condition on the model's table


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
    amount: Callable[[Any], Any] | None = None  # the amount the move commits (a voucher's gross): a delegation
    #   order's limit must cover it, and the order used is recorded on the move
    where: Where | None = None  # the guard and approvers as one SQL condition, so pending work is counted in one
    #   query; without it a guarded transition's count loads and checks each waiting record


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
            why = delegation_refusal(actor, transition.permission, record=record)
            return f'ท่านไม่มีสิทธิ์ "{transition.title}" ({transition.permission})' + (f': {why}' if why else '')
        if transition.amount is not None and not actor.by_role(transition.permission):
            amount = transition.amount(record)
            if actor.delegation(transition.permission, amount, record) is None:
                return delegation_refusal(actor, transition.permission, amount, record)
        if getattr(actor, 'read_only', False):  # a cross-LAO reader (core/access.py) moves nothing, whatever it reads
            return f'ผู้ตรวจสอบระดับจังหวัดอ่านได้อย่างเดียว "{transition.title}" ไม่ได้'
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
        data = {'transition': name, 'from': before, 'to': transition.target, 'note': note.strip(),
                '@version': record.version}
        amount = transition.amount(record) if transition.amount else None
        if (order := actor.acting_for(transition.permission, amount, record)) is not None:
            data['delegation'] = {'order_id': order.order_id, 'number': order.number, 'name': order.name,
                                  'what': order.what}  # the paper says "ปฏิบัติราชการแทน" with this order
        audit.record_by(session, actor, 'transition', object_type=type(record).__name__, object_id=record.id,
                        data=data)

    def pending_count(self, session: Session, model: type, actor: Principal, limit: int = 500) -> int:
        """Records waiting for this user's action (the home page's pending-work count): one query when every
        guarded transition says its guard in SQL (`where`)."""
        forward = [t for t in self.transitions if t.pending and actor.can(t.permission)]
        if not forward:
            return 0
        if any((t.guard or t.approvers) and t.where is None for t in forward):
            states = {s for t in forward for s in t.source}
            query = select(model).where(model.org_id == actor.org_id, col(getattr(model, self.field)).in_(states))
            return sum(1 for record in session.exec(query.limit(limit)).all()
                       if any(self.refusal(session, record, t, actor) is None for t in forward))
        waiting = or_(*[self._waiting(model, t, actor) for t in forward])
        return session.exec(select(func.count()).select_from(model).where(model.org_id == actor.org_id,
                                                                          waiting)).one()

    def _waiting(self, model: type, transition: Transition, actor: Principal):
        """`refusal(...) is None` as an SQL condition on the model's table."""
        conditions = [col(getattr(model, self.field)).in_(transition.source)]
        if (reach := scope_condition(model, actor, transition.permission)) is not None:
            conditions.append(reach)
        if transition.no_self_approval and hasattr(model, 'created_by'):
            conditions.append(or_(col(model.created_by).is_(None), model.created_by != actor.user_id))
        if transition.where is not None:
            conditions.append(transition.where(model, actor))
        return and_(*conditions)


def head_of_record_division(session: Session, record: Any) -> set[int]:
    """Approvers: whoever holds the head seat of the record's division (including acting heads)."""
    rows = session.exec(select(Assignment.user_id).join(Position, Position.id == Assignment.position_id)
                        .where(Position.division_id == record.division_id, Position.is_head)).all()
    return set(rows)
