"""e-Office routing (เกษียนหนังสือ): present to an executive, the executive's order, assignment within a division,
acknowledgement and completion; the trail; what the user may do now; the inbox, the overdue list and the home page
counts."""

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import and_, case, false, func, or_
from sqlmodel import Session, col, select

from apps.eoffice.registers import (
    ASSIGN,
    OPEN_STATES,
    ORDER,
    REGISTER,
    SIGNING_STATES,
    STATUSES,
    URGENCY,
    VIEW,
    OfficeError,
    close_open_step,
    document_for_move,
    last_step,
    moved,
    visibility,
    visible_document,
)
from core import audit, db, thai
from core.access import PermissionDenied, Principal, delegation_refusal, require, users_with
from core.resource import VERSION_KEY
from models.base import utcnow
from models.office import CitizenRequest, Document, RouteStep
from models.org import Assignment, Division, Position, User

ACTIONS = {'register': 'ลงทะเบียน', 'present': 'เสนอ', 'order': 'เกษียนสั่งการ', 'assign': 'มอบหมาย',
           'complete': 'ดำเนินการเสร็จ', 'cancel': 'ยกเลิก', 'issue': 'ออกเลข', 'draft': 'ร่าง',
           'propose': 'เสนอลงนาม', 'sign': 'ลงนาม', 'send_back': 'ส่งคืนแก้ไข', 'dispatch': 'ส่งหนังสือ'}
WAITING_STATES = (*OPEN_STATES, *SIGNING_STATES)  # a letter in these states waits for its holder


# --- routing (เกษียนหนังสือ) ---------------------------------------------------------------------------------------

def _user(session: Session, actor: Principal, user_id: int | None) -> User:
    user = session.get(User, user_id) if user_id else None
    if user is None or user.org_id != actor.org_id or not user.is_active:
        raise OfficeError('ผู้รับ: กรุณาเลือกผู้รับหนังสือ')
    return user


def division_head(session: Session, division_id: int) -> int | None:
    """Who receives what is assigned to a division: the holder of its head seat (acting heads included)."""
    return session.exec(select(Assignment.user_id).join(Position, Position.id == Assignment.position_id)
                        .where(Position.division_id == division_id, Position.is_head)
                        .order_by(Assignment.acting, Assignment.id)).first()


def _move(session: Session, actor: Principal, document: Document, action: str, *, to_user: int | None,
          to_division: int | None = None, note: str = '', due: date | None = None, status: str) -> None:
    close_open_step(session, document)
    now = utcnow()
    session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action=action, from_user_id=actor.user_id,
                          from_name=actor.full_name, to_user_id=to_user, to_division_id=to_division,
                          text=note.strip()[:4000], due_date=due, sent_at=now,
                          completed_at=now if status == 'done' else None))
    document.owner_id = to_user if status != 'done' else None
    if to_division is not None:
        document.division_id = to_division
    if due is not None:
        document.due_date = due
    if status == 'done':
        document.closed_at = now
    before, document.status = document.status, status
    moved(document, actor)
    session.add(document)
    session.flush()
    audit.record_by(session, actor, f'route_{action}', 'Document', document.id,
                    {'to_user': to_user, 'to_division': to_division, 'text': note.strip(), 'status': status,
                     'due': due, 'from': before, 'to': status, VERSION_KEY: document.version})


def _holder_or(actor: Principal, document: Document, permission: str) -> None:
    if document.owner_id != actor.user_id and not actor.can(permission):
        raise PermissionDenied(permission, 'หนังสือนี้ไม่ได้อยู่ที่ท่าน')


def present(actor: Principal, document_id: int, to_user_id: int, note: str = '', *, version: int | None = None) -> None:
    """เสนอ: the registrar (or whoever holds the letter) presents it to an executive who writes the order."""
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        _holder_or(actor, document, REGISTER)
        _check_open(document)
        target = _user(session, actor, to_user_id)
        if target.id not in users_with(session, actor.org_id, ORDER):
            raise OfficeError(f'ผู้รับ: {target.full_name} ไม่มีอำนาจเกษียนสั่งการ')
        _move(session, actor, document, 'present', to_user=target.id, note=note or 'เพื่อโปรดพิจารณา',
              status='presented')


def _matter(actor: Principal, division_id: int | None) -> SimpleNamespace:
    """A division's matter, as the record an order's reach is checked on."""
    return SimpleNamespace(org_id=actor.org_id, division_id=division_id)


def _check_order_reaches(actor: Principal, division_id: int | None) -> None:
    """A deputy's order (คำสั่งมอบหมาย) over some divisions' matters lets them write orders on those only; a letter
    of another division goes on to the นายก (forwarding is always possible)."""
    matter = _matter(actor, division_id)
    if not actor.can(ORDER, matter):
        raise PermissionDenied(ORDER, delegation_refusal(actor, ORDER, record=matter))


def order(actor: Principal, document_id: int, note: str, division_id: int | None = None,
          to_user_id: int | None = None, due: date | None = None, *, version: int | None = None) -> None:
    """เกษียน: an executive writes the order: 'ทราบ' (filed), forward to another executive, or assign a division."""
    require(actor, ORDER, where='eoffice/order')
    if not (note or '').strip():
        raise OfficeError('ข้อความเกษียน: กรุณาระบุ เช่น "ทราบ" หรือ "มอบ กองคลัง ดำเนินการ"')
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        _check_open(document)
        if division_id or not to_user_id:  # handing it to a division, or filing it: a matter of that division
            _check_order_reaches(actor, division_id or document.division_id)
        if division_id:
            division = session.get(Division, division_id)
            if division is None or division.org_id != actor.org_id:
                raise OfficeError('มอบให้ส่วนราชการ: ไม่พบส่วนราชการนี้')
            head = division_head(session, division_id)
            _move(session, actor, document, 'order', to_user=head, to_division=division_id, note=note, due=due,
                  status='assigned')
        elif to_user_id:
            target = _user(session, actor, to_user_id)
            _move(session, actor, document, 'order', to_user=target.id, note=note, due=due, status='presented')
        else:
            _move(session, actor, document, 'order', to_user=None, note=note, status='done')


def assign(actor: Principal, document_id: int, to_user_id: int, note: str = '', due: date | None = None, *,
           version: int | None = None) -> None:
    """มอบหมาย: the head of the division (or its registrar) gives the letter to a person to act on."""
    require(actor, ASSIGN, where='eoffice/assign')
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        _check_open(document)
        if actor.scope(ASSIGN) != 'org' and document.division_id not in actor.division_ids:
            raise PermissionDenied(ASSIGN, 'มอบหมายได้เฉพาะหนังสือของส่วนราชการของท่าน')
        target = _user(session, actor, to_user_id)
        _move(session, actor, document, 'assign', to_user=target.id, note=note or 'ดำเนินการ', due=due,
              status='in_action')


def acknowledge(actor: Principal, document_id: int, *, version: int | None = None) -> None:
    """รับทราบ: the receiver confirms having the letter (time recorded)."""
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        step = last_step(session, document)
        if document.owner_id != actor.user_id or step is None or step.to_user_id != actor.user_id:
            raise PermissionDenied(VIEW, 'หนังสือนี้ไม่ได้อยู่ที่ท่าน')
        if step.acknowledged_at is None:
            step.acknowledged_at = utcnow()
            moved(document, actor)
            session.add_all([step, document])
            audit.record_by(session, actor, 'route_acknowledge', 'Document', document.id,
                            {'step': step.id, VERSION_KEY: document.version})


def complete(actor: Principal, document_id: int, note: str, *, version: int | None = None) -> None:
    """ดำเนินการเสร็จ: the holder records the result; for a citizen request the note is the answer they read."""
    if not (note or '').strip():
        raise OfficeError('ผลการดำเนินการ: กรุณาระบุ')
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        _holder_or(actor, document, ASSIGN)
        if document.owner_id != actor.user_id and document.division_id not in actor.division_ids \
                and actor.scope(ASSIGN) != 'org':
            raise PermissionDenied(ASSIGN, 'หนังสือนี้ไม่ได้อยู่ที่ท่าน')
        _check_open(document)
        request = session.exec(select(CitizenRequest).where(CitizenRequest.document_id == document.id)).first()
        if request is not None:
            request.answer, request.answered_at = note.strip()[:5000], utcnow()
            session.add(request)
        _move(session, actor, document, 'complete', to_user=None, note=note, status='done')


def _check_open(document: Document) -> None:
    if document.status not in OPEN_STATES:
        raise OfficeError(f'หนังสือนี้อยู่ในสถานะ "{STATUSES[document.status]}" ส่งต่อไม่ได้')


@dataclass(frozen=True)
class TrailStep:
    action: str
    from_name: str
    to_name: str
    text: str
    sent_at: datetime
    acknowledged_at: datetime | None
    completed_at: datetime | None
    due_date: date | None
    to_user_id: int | None = None


def trail_in(session: Session, document_id: int) -> list[TrailStep]:
    """The routing timeline, oldest first, in one query (the caller has checked the user may see the letter)."""
    rows = session.exec(select(RouteStep, User.full_name, Division.name)
                        .join(User, User.id == RouteStep.to_user_id, isouter=True)
                        .join(Division, Division.id == RouteStep.to_division_id, isouter=True)
                        .where(RouteStep.document_id == document_id).order_by(RouteStep.id)).all()
    return [TrailStep(s.action, s.from_name, ' · '.join(x for x in (division, person) if x), s.text, s.sent_at,
                      s.acknowledged_at, s.completed_at, s.due_date, s.to_user_id) for s, person, division in rows]


def trail(actor: Principal, document_id: int) -> list[TrailStep]:
    """The routing timeline, oldest first."""
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        return trail_in(session, document_id)


@dataclass(frozen=True)
class Moves:
    """What the user may do with a document now, and the people and divisions to choose from."""

    present: dict[int, str]
    order: bool
    divisions: dict[int, str]
    assign: dict[int, str]
    acknowledge: bool
    complete: bool
    cancel: bool
    use_reserved: bool


def _division_members(session: Session, division_id: int) -> dict[int, str]:
    rows = session.exec(select(User.id, User.full_name, Position.title)
                        .join(Assignment, Assignment.user_id == User.id)
                        .join(Position, Position.id == Assignment.position_id)
                        .where(Position.division_id == division_id, User.is_active)
                        .order_by(Position.sort_order)).all()
    return {user_id: f'{name} ({title})' for user_id, name, title in rows}


def moves_in(session: Session, actor: Principal, document: Document, last: TrailStep | None) -> Moves:
    """The moves open to the user on a letter whose newest trail step is `last`: a query only for the lists a
    move offers (executives to present to, divisions, the division's people)."""
    is_open = document.status in OPEN_STATES  # an outgoing paper moves by its signing step (apps/eoffice/signing.py)
    holder = document.owner_id == actor.user_id
    can_present = is_open and (holder or actor.can(REGISTER))
    can_order = is_open and actor.can(ORDER)
    can_assign = is_open and document.status in ('assigned', 'in_action') and actor.can(ASSIGN) and (
        actor.scope(ASSIGN) == 'org' or document.division_id in actor.division_ids)
    divisions = {d.id: d.name for d in session.exec(select(Division).where(
        Division.org_id == actor.org_id, Division.is_active, Division.kind != 'political')
        .order_by(Division.sort_order)).all()
        if actor.can(ORDER, _matter(actor, d.id))} if can_order else {}
    #   (a deputy is offered only the divisions his order names)
    return Moves(
        present=users_with(session, actor.org_id, ORDER) if can_present else {},
        order=can_order,
        divisions=divisions,
        assign=_division_members(session, document.division_id) if can_assign and document.division_id else {},
        acknowledge=is_open and holder and last is not None and last.to_user_id == actor.user_id
        and last.acknowledged_at is None,
        complete=is_open and (holder or can_assign),
        cancel=document.status != 'cancelled' and actor.can(REGISTER),
        use_reserved=document.status == 'reserved' and actor.can(REGISTER))


def moves(actor: Principal, document_id: int) -> Moves:
    with db.session_scope() as session:
        document = visible_document(session, actor, document_id)
        steps = trail_in(session, document_id)
        return moves_in(session, actor, document, steps[-1] if steps else None)


# --- lists: inbox, overdue, pending counts -----------------------------------------------------------------------

URGENCY_RANK = {key: n for n, key in enumerate(URGENCY)}


def inbox(actor: Principal, limit: int = 200) -> list[Document]:
    """Letters waiting for the user: held by them (to act on, to sign, to issue), and (registrars) citizen requests
    not yet taken."""
    require(actor, VIEW, where='eoffice/inbox')
    waiting = Document.owner_id == actor.user_id
    if actor.can(REGISTER):
        waiting = or_(waiting, and_(Document.owner_id.is_(None), Document.channel == 'e-service'))
    with db.session_scope() as session:
        rows = session.exec(select(Document).where(Document.org_id == actor.org_id, visibility(actor), waiting,
                                                   col(Document.status).in_(WAITING_STATES))
                            .order_by(Document.id.desc()).limit(limit)).all()
    return sorted(rows, key=lambda d: URGENCY_RANK.get(d.urgency, 9))


def overdue(actor: Principal, today: date | None = None, limit: int = 500) -> list[Document]:
    """Open letters past their due date, most urgent first, then the longest overdue."""
    require(actor, VIEW, where='eoffice/overdue')
    today = today or thai.today()
    with db.session_scope() as session:
        rows = session.exec(select(Document).where(Document.org_id == actor.org_id, visibility(actor),
                                                   col(Document.status).in_(OPEN_STATES),
                                                   Document.due_date < today)
                            .order_by(Document.due_date).limit(limit)).all()
    return sorted(rows, key=lambda d: (URGENCY_RANK.get(d.urgency, 9), d.due_date))


def pending_counts(actor: Principal) -> tuple[int, int, int]:
    """(letters held by the user to act on or to issue, citizen requests not yet taken by a registrar, papers
    waiting for the user's signature) — the home page counts."""
    if not actor.can(VIEW):
        return 0, 0, 0
    untaken = and_(Document.owner_id.is_(None), Document.channel == 'e-service') if actor.can(REGISTER) else false()
    mine = Document.owner_id == actor.user_id
    with db.session_scope() as session:
        held, citizens, to_sign = session.exec(select(
            _count_of(and_(mine, Document.status != 'proposed')), _count_of(untaken),
            _count_of(and_(mine, Document.status == 'proposed'))).where(
            Document.org_id == actor.org_id, visibility(actor), col(Document.status).in_(WAITING_STATES))).one()
    return held, citizens, to_sign


def _count_of(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


