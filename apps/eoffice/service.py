"""e-Office rules: registers and their numbers, routing (เกษียนหนังสือ), secrecy, the Thai search index, links to
records of other apps, and citizen requests from /e-service. The only writer of the office_* tables."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, false, func, or_, true
from sqlmodel import Session, col, select, text

from core import audit, db, thai
from core.access import PermissionDenied, Principal, load_principal, require
from core.errors import NotFound, Refusal, ValidationFailed
from core.numbering import Allocated, Series, allocate, burn
from core.resource import REGISTRY
from core.thai import search_terms, today
from models.base import utcnow
from models.office import CitizenRequest, Document, DocumentLink, PublicHit, RouteStep
from models.org import Assignment, Division, Organization, Position, User

VIEW, REGISTER, ORDER, ASSIGN, SECRET = ('eoffice.doc.view', 'eoffice.doc.register', 'eoffice.doc.order',
                                         'eoffice.doc.assign', 'eoffice.doc.secret')

REGISTERS = {'incoming': 'หนังสือรับ', 'outgoing': 'หนังสือส่ง', 'memo': 'บันทึกข้อความ', 'order': 'คำสั่ง',
             'announcement': 'ประกาศ'}
# Correspondence is numbered per calendar year (ระเบียบงานสารบรรณ), each register its own running number.
SERIES = {
    'incoming': Series('eoffice.incoming', 'ทะเบียนหนังสือรับ', 'calendar', '{n}/{year}'),
    'outgoing': Series('eoffice.outgoing', 'ทะเบียนหนังสือส่ง', 'calendar', '{prefix}/{n}'),
    'memo': Series('eoffice.memo', 'ทะเบียนบันทึกข้อความ', 'calendar', 'บ.{n}/{year}'),
    'order': Series('eoffice.order', 'ทะเบียนคำสั่ง', 'calendar', '{n}/{year}'),
    'announcement': Series('eoffice.announcement', 'ทะเบียนประกาศ', 'calendar', '{n}/{year}'),
}
KINDS = {'external': 'หนังสือภายนอก', 'internal': 'หนังสือภายใน', 'stamped': 'หนังสือประทับตรา',
         'directive': 'หนังสือสั่งการ', 'publicity': 'หนังสือประชาสัมพันธ์',
         'evidence': 'หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน'}
DEFAULT_KIND = {'incoming': 'external', 'outgoing': 'external', 'memo': 'internal', 'order': 'directive',
                'announcement': 'publicity'}
URGENCY = {'most_urgent': 'ด่วนที่สุด', 'very_urgent': 'ด่วนมาก', 'urgent': 'ด่วน', 'normal': 'ปกติ'}
URGENCY_DAYS = {'most_urgent': 1, 'very_urgent': 3, 'urgent': 7, 'normal': 15}  # default time to act
SECRECY = {'top_secret': 'ลับที่สุด', 'very_secret': 'ลับมาก', 'secret': 'ลับ', 'normal': 'ปกติ'}
STATUSES = {'reserved': 'จองเลข', 'received': 'ลงรับแล้ว', 'issued': 'ออกเลขแล้ว', 'presented': 'เสนอผู้บริหาร',
            'assigned': 'มอบกองดำเนินการ', 'in_action': 'อยู่ระหว่างดำเนินการ', 'done': 'เสร็จสิ้น',
            'cancelled': 'ยกเลิก'}
OPEN_STATES = ('received', 'presented', 'assigned', 'in_action')
ACTIONS = {'register': 'ลงทะเบียน', 'present': 'เสนอ', 'order': 'เกษียนสั่งการ', 'assign': 'มอบหมาย',
           'complete': 'ดำเนินการเสร็จ', 'cancel': 'ยกเลิก', 'issue': 'ออกเลข'}
REQUEST_TYPES = {'request': 'คำร้องทั่วไป', 'complaint': 'ร้องเรียน/ร้องทุกข์', 'information': 'ขอข้อมูลข่าวสาร',
                 'report': 'แจ้งเหตุ/ขอความช่วยเหลือ'}
CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'  # no 0/O, 1/I: read over the phone
SUBMIT_LIMIT, TRACK_LIMIT, LIMIT_WINDOW = 3, 30, timedelta(minutes=10)
MAX_DETAIL, MAX_FILES = 5000, 3
PUBLIC_TYPES = ('pdf', 'jpg', 'jpeg', 'png')
_PUBLIC_LOCK = 7_240_601  # PostgreSQL advisory lock key serialising the public rate-limit check


class OfficeError(Refusal):
    """A refusal whose Thai message names what is wrong."""


# --- who sees what ------------------------------------------------------------------------------------------------

def _routed_to(user_id: int):
    return exists().where(RouteStep.document_id == Document.id, RouteStep.to_user_id == user_id)


def visibility(actor: Principal):
    """The documents `actor` may see: the role scope of eoffice.doc.view, plus what was routed to them; a secret
    document only by those it is routed to (or who registered it) and those cleared (eoffice.doc.secret)."""
    mine = or_(Document.created_by == actor.user_id, Document.owner_id == actor.user_id, _routed_to(actor.user_id))
    scope = actor.scope(VIEW)
    if scope == 'org':
        reach = true()
    elif scope == 'division':
        reach = or_(mine, col(Document.division_id).in_(actor.division_ids or (-1,)))
    elif scope == 'own':
        reach = mine
    else:
        return false()
    if actor.can(SECRET):
        return reach
    return and_(reach, or_(Document.secrecy == 'normal', mine))


def is_secret(document: Document) -> bool:
    return document.secrecy != 'normal'


def visible_document(session: Session, actor: Principal, document_id: int) -> Document:
    require(actor, VIEW, where='eoffice')
    document = session.get(Document, document_id)
    if document is None or document.org_id != actor.org_id:
        raise NotFound('ไม่พบหนังสือนี้')
    if session.exec(select(Document.id).where(Document.id == document_id, visibility(actor))).first() is None:
        raise PermissionDenied(VIEW, 'ท่านไม่มีสิทธิ์เข้าถึงหนังสือนี้')
    return document


SEARCHED = ('number_text', 'ref_no', 'sender', 'recipient', 'subject', 'body')


def _search_text(value_of) -> str:
    return search_terms(' '.join(v for name in SEARCHED if (v := value_of(name))))[:40000]


def index_text(document: Document) -> None:
    """The segmented search column: Thai has no spaces between words, so pythainlp splits them once, on save."""
    document.search_text = _search_text(lambda name: getattr(document, name))


def path_of(document: Document) -> str:
    return f'/eoffice/{document.register_key}/{document.id}'


# --- registering, numbering, reserving, cancelling ---------------------------------------------------------------

def _home_division(session: Session, actor: Principal) -> int | None:
    row = session.exec(select(Position.division_id).join(Assignment, Assignment.position_id == Position.id)
                       .where(Assignment.user_id == actor.user_id)
                       .order_by(Assignment.is_primary.desc(), Position.sort_order)).first()
    return row


def _number(session: Session, org_id: int, register_key: str, on: date, count: int = 1) -> list[Allocated]:
    return allocate(session, org_id, SERIES[register_key], on, count)


def new_document(session: Session, actor: Principal, register_key: str, values: dict[str, Any]) -> Document:
    """Register a document (the registers' create hook): number it in its register for the calendar year, index
    it, start its trail."""
    register_key = values.pop('register_key', None) or register_key
    if register_key not in REGISTERS:
        raise ValidationFailed({'register_key': 'ทะเบียน: กรุณาเลือก'})
    values.setdefault('kind', DEFAULT_KIND[register_key])
    values['kind'] = values['kind'] or DEFAULT_KIND[register_key]
    values['urgency'] = values.get('urgency') or 'normal'
    values['secrecy'] = values.get('secrecy') or 'normal'
    values.pop('search_text', None)
    now = utcnow()
    incoming = register_key == 'incoming'
    on = today() if incoming else values['doc_date']
    allocated = _number(session, actor.org_id, register_key, on)[0]
    document = Document(org_id=actor.org_id, register_key=register_key, created_by=actor.user_id,
                        year=allocated.year, number=allocated.number, number_text=allocated.text,
                        status='received' if incoming else 'issued', received_at=now if incoming else None,
                        division_id=_home_division(session, actor), owner_id=actor.user_id if incoming else None,
                        due_date=today() + timedelta(days=URGENCY_DAYS[values['urgency']]) if incoming
                        else None, **values)
    index_text(document)
    session.add(document)
    session.flush()
    session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='register' if incoming else 'issue',
                          from_user_id=actor.user_id, from_name=actor.full_name, to_user_id=actor.user_id,
                          text=f'{REGISTERS[register_key]} เลขที่ {allocated.text}', sent_at=now,
                          acknowledged_at=now, completed_at=None if incoming else now))
    values.update(number_text=allocated.text, register_key=register_key)  # kept in the audit of the creation
    return document


def reindexed(record: Document, values: dict[str, Any]) -> dict[str, Any]:
    """An edit's values with the search column recomputed from the letter as it will be."""
    return {**values, 'search_text': _search_text(lambda name: values.get(name, getattr(record, name)))}


def reserve_numbers(actor: Principal, register_key: str, count: int, note: str, on: date | None = None) -> list[str]:
    """จองเลข: take a block of numbers now for documents signed later; each waits as a 'reserved' document."""
    require(actor, REGISTER, where='eoffice/numbers')
    if register_key not in REGISTERS or register_key == 'incoming':
        raise OfficeError('ทะเบียน: จองเลขได้เฉพาะทะเบียนหนังสือส่ง บันทึกข้อความ คำสั่ง และประกาศ')
    if not isinstance(count, int) or not 1 <= count <= 50:
        raise OfficeError('จำนวนเลขที่จอง: ต้องเป็น 1–50')
    on = on or thai.today()
    with db.session_scope(write=True) as session:
        block = _number(session, actor.org_id, register_key, on, count)
        division_id = _home_division(session, actor)
        for allocated in block:
            document = Document(org_id=actor.org_id, register_key=register_key, created_by=actor.user_id,
                                year=allocated.year, number=allocated.number, number_text=allocated.text,
                                doc_date=on, subject=f'จองเลข: {note.strip() or "รอใช้"}'[:500], status='reserved',
                                kind=DEFAULT_KIND[register_key], division_id=division_id)
            index_text(document)
            session.add(document)
        audit.record_by(session, actor, 'numbers_reserved', 'NumberSeries', SERIES[register_key].key,
                        {'numbers': [a.text for a in block], 'note': note.strip()})
    return [a.text for a in block]


def use_reserved(actor: Principal, document_id: int) -> None:
    """A reserved number, its fields filled in, becomes an issued document."""
    require(actor, REGISTER, where='eoffice')
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        if document.status != 'reserved':
            raise OfficeError('เลขนี้ไม่ได้อยู่ในสถานะจองเลข')
        if document.subject.startswith('จองเลข:'):
            raise OfficeError('เรื่อง: กรุณาแก้ไขรายละเอียดหนังสือก่อนใช้เลขที่จอง')
        document.status = 'issued'
        session.add(document)
        now = utcnow()
        session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='issue', from_user_id=actor.user_id,
                              from_name=actor.full_name, to_user_id=actor.user_id, text='ใช้เลขที่จองไว้',
                              sent_at=now, acknowledged_at=now, completed_at=now))
        audit.record_by(session, actor, 'reserved_used', 'Document', document.id, {'number_text': document.number_text})


def cancel(actor: Principal, document_id: int, reason: str) -> None:
    """Cancel a document: its number is burned (listed, never reused)."""
    require(actor, REGISTER, where='eoffice')
    if not (reason or '').strip():
        raise OfficeError('เหตุผลการยกเลิก: กรุณาระบุ')
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        if document.status == 'cancelled':
            raise OfficeError('หนังสือนี้ถูกยกเลิกไปแล้ว')
        burn(session, actor, SERIES[document.register_key], Allocated(document.number, document.year,
                                                                      document.number_text), reason)
        _close_open_step(session, document)
        document.status, document.owner_id, document.closed_at = 'cancelled', None, utcnow()
        session.add(document)
        session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='cancel',
                              from_user_id=actor.user_id, from_name=actor.full_name, text=reason.strip()))
        audit.record_by(session, actor, 'cancel', 'Document', document.id, {'reason': reason.strip()})


def burned(actor: Principal, year: int) -> list[tuple[str, Any]]:
    """The cancelled numbers of every register in a year: (register title, BurnedNumber)."""
    from core.numbering import burned_numbers
    require(actor, VIEW, where='eoffice/numbers')
    with db.session_scope() as session:
        return [(REGISTERS[key], b) for key, series in SERIES.items()
                for b in burned_numbers(session, actor.org_id, series, year)]


# --- routing (เกษียนหนังสือ) ---------------------------------------------------------------------------------------

def _open_step(session: Session, document: Document) -> RouteStep | None:
    return session.exec(select(RouteStep).where(RouteStep.document_id == document.id)
                        .order_by(RouteStep.id.desc())).first()


def _close_open_step(session: Session, document: Document) -> None:
    step = _open_step(session, document)
    if step is not None and step.completed_at is None:
        now = utcnow()
        step.acknowledged_at = step.acknowledged_at or now
        step.completed_at = now
        session.add(step)


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
    _close_open_step(session, document)
    now = utcnow()
    session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action=action, from_user_id=actor.user_id,
                          from_name=actor.full_name, to_user_id=to_user, to_division_id=to_division,
                          text=note.strip()[:4000], due_date=due, sent_at=now,
                          completed_at=now if status == 'done' else None))
    document.status, document.owner_id = status, to_user if status != 'done' else None
    if to_division is not None:
        document.division_id = to_division
    if due is not None:
        document.due_date = due
    if status == 'done':
        document.closed_at = now
    document.updated_by, document.updated_at = actor.user_id, now
    session.add(document)
    session.flush()
    audit.record_by(session, actor, f'route_{action}', 'Document', document.id,
                    {'to_user': to_user, 'to_division': to_division, 'text': note.strip(), 'status': status,
                     'due': due})


def _holder_or(actor: Principal, document: Document, permission: str) -> None:
    if document.owner_id != actor.user_id and not actor.can(permission):
        raise PermissionDenied(permission, 'หนังสือนี้ไม่ได้อยู่ที่ท่าน')


def present(actor: Principal, document_id: int, to_user_id: int, note: str = '') -> None:
    """เสนอ: the registrar (or whoever holds the letter) presents it to an executive who writes the order."""
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        _holder_or(actor, document, REGISTER)
        _check_open(document)
        target = _user(session, actor, to_user_id)
        if not load_principal(session, target.id).can(ORDER):
            raise OfficeError(f'ผู้รับ: {target.full_name} ไม่มีอำนาจเกษียนสั่งการ')
        _move(session, actor, document, 'present', to_user=target.id, note=note or 'เพื่อโปรดพิจารณา',
              status='presented')


def order(actor: Principal, document_id: int, note: str, division_id: int | None = None,
          to_user_id: int | None = None, due: date | None = None) -> None:
    """เกษียน: an executive writes the order: 'ทราบ' (filed), forward to another executive, or assign a division."""
    require(actor, ORDER, where='eoffice/order')
    if not (note or '').strip():
        raise OfficeError('ข้อความเกษียน: กรุณาระบุ เช่น "ทราบ" หรือ "มอบ กองคลัง ดำเนินการ"')
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        _check_open(document)
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


def assign(actor: Principal, document_id: int, to_user_id: int, note: str = '', due: date | None = None) -> None:
    """มอบหมาย: the head of the division (or its registrar) gives the letter to a person to act on."""
    require(actor, ASSIGN, where='eoffice/assign')
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        _check_open(document)
        if actor.scope(ASSIGN) != 'org' and document.division_id not in actor.division_ids:
            raise PermissionDenied(ASSIGN, 'มอบหมายได้เฉพาะหนังสือของส่วนราชการของท่าน')
        target = _user(session, actor, to_user_id)
        _move(session, actor, document, 'assign', to_user=target.id, note=note or 'ดำเนินการ', due=due,
              status='in_action')


def acknowledge(actor: Principal, document_id: int) -> None:
    """รับทราบ: the receiver confirms having the letter (time recorded)."""
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
        step = _open_step(session, document)
        if document.owner_id != actor.user_id or step is None or step.to_user_id != actor.user_id:
            raise PermissionDenied(VIEW, 'หนังสือนี้ไม่ได้อยู่ที่ท่าน')
        if step.acknowledged_at is None:
            step.acknowledged_at = utcnow()
            session.add(step)
            audit.record_by(session, actor, 'route_acknowledge', 'Document', document.id, {'step': step.id})


def complete(actor: Principal, document_id: int, note: str) -> None:
    """ดำเนินการเสร็จ: the holder records the result; for a citizen request the note is the answer they read."""
    if not (note or '').strip():
        raise OfficeError('ผลการดำเนินการ: กรุณาระบุ')
    with db.session_scope(write=True) as session:
        document = visible_document(session, actor, document_id)
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
    if document.status in ('done', 'cancelled', 'reserved'):
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


def trail(actor: Principal, document_id: int) -> list[TrailStep]:
    """The routing timeline, oldest first."""
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        rows = session.exec(select(RouteStep, User, Division)
                            .join(User, User.id == RouteStep.to_user_id, isouter=True)
                            .join(Division, Division.id == RouteStep.to_division_id, isouter=True)
                            .where(RouteStep.document_id == document_id).order_by(RouteStep.id)).all()
    return [TrailStep(s.action, s.from_name, ' · '.join(x for x in (d.name if d else '', u.full_name if u else '')
                                                        if x), s.text, s.sent_at, s.acknowledged_at, s.completed_at,
                      s.due_date) for s, u, d in rows]


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


def _users_who_can(session: Session, org_id: int, permission: str) -> dict[int, str]:
    users = session.exec(select(User).where(User.org_id == org_id, User.is_active).order_by(User.id)).all()
    found = {}
    for user in users:
        principal = load_principal(session, user.id)
        if principal and principal.can(permission):
            found[user.id] = user.full_name
    return found


def _division_members(session: Session, division_id: int) -> dict[int, str]:
    rows = session.exec(select(User.id, User.full_name, Position.title)
                        .join(Assignment, Assignment.user_id == User.id)
                        .join(Position, Position.id == Assignment.position_id)
                        .where(Position.division_id == division_id, User.is_active)
                        .order_by(Position.sort_order)).all()
    return {user_id: f'{name} ({title})' for user_id, name, title in rows}


def moves(actor: Principal, document_id: int) -> Moves:
    with db.session_scope() as session:
        document = visible_document(session, actor, document_id)
        step = _open_step(session, document)
        is_open = document.status in OPEN_STATES or document.status == 'issued'
        holder = document.owner_id == actor.user_id
        can_present = is_open and (holder or actor.can(REGISTER))
        can_assign = is_open and document.status in ('assigned', 'in_action') and actor.can(ASSIGN) and (
            actor.scope(ASSIGN) == 'org' or document.division_id in actor.division_ids)
        divisions = {d.id: d.name for d in session.exec(select(Division).where(
            Division.org_id == actor.org_id, Division.is_active, Division.kind != 'political')
            .order_by(Division.sort_order)).all()}
        return Moves(
            present=_users_who_can(session, actor.org_id, ORDER) if can_present else {},
            order=is_open and actor.can(ORDER),
            divisions=divisions,
            assign=_division_members(session, document.division_id) if can_assign and document.division_id else {},
            acknowledge=is_open and holder and step is not None and step.to_user_id == actor.user_id
            and step.acknowledged_at is None,
            complete=is_open and (holder or can_assign),
            cancel=document.status != 'cancelled' and actor.can(REGISTER),
            use_reserved=document.status == 'reserved' and actor.can(REGISTER))


# --- lists: inbox, overdue, pending counts -----------------------------------------------------------------------

URGENCY_RANK = {key: n for n, key in enumerate(URGENCY)}


def inbox(actor: Principal, limit: int = 200) -> list[Document]:
    """Letters waiting for the user: held by them, and (registrars) citizen requests not yet taken."""
    require(actor, VIEW, where='eoffice/inbox')
    waiting = Document.owner_id == actor.user_id
    if actor.can(REGISTER):
        waiting = or_(waiting, and_(Document.owner_id.is_(None), Document.channel == 'e-service'))
    with db.session_scope() as session:
        rows = session.exec(select(Document).where(Document.org_id == actor.org_id, visibility(actor), waiting,
                                                   col(Document.status).in_(OPEN_STATES))
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


def pending_counts(actor: Principal) -> tuple[int, int]:
    """(letters held by the user, citizen requests not yet taken by a registrar) — the home page counts."""
    if not actor.can(VIEW):
        return 0, 0
    with db.session_scope() as session:
        base = select(func.count()).select_from(Document).where(
            Document.org_id == actor.org_id, visibility(actor), col(Document.status).in_(OPEN_STATES))
        held = session.exec(base.where(Document.owner_id == actor.user_id)).one()
        citizens = session.exec(base.where(Document.owner_id.is_(None), Document.channel == 'e-service')).one() \
            if actor.can(REGISTER) else 0
    return held, citizens


# --- links to records of any app ---------------------------------------------------------------------------------

def owner_resource(object_type: str, actor: Principal):
    """The register showing records of this model that the user may open (several may share one model)."""
    candidates = [r for r in REGISTRY.values() if r.model.__name__ == object_type and not r.fixed]
    candidates += [r for r in REGISTRY.values() if r.model.__name__ == object_type and r.fixed]
    return next((r for r in candidates if actor.can(r.view)), None)


def _check_object(session: Session, actor: Principal, object_type: str, object_id: int, change: bool) -> None:
    if object_type == 'Document':
        visible_document(session, actor, object_id)
        if change:
            require(actor, REGISTER, where='eoffice/links')
        return
    resource = owner_resource(object_type, actor)
    if resource is None:
        raise PermissionDenied(VIEW, 'ท่านไม่มีสิทธิ์ดูรายการนี้')
    record = session.get(resource.model, object_id)
    if record is None or getattr(record, 'org_id', None) != actor.org_id:
        raise NotFound('ไม่พบรายการนี้')
    require(actor, resource.edit if change else resource.view, where='eoffice/links')


def letters_of(actor: Principal, object_type: str, object_id: int) -> list[Document]:
    """The letters linked to a record, limited to the ones the user may see."""
    if not actor.can(VIEW):
        return []
    with db.session_scope() as session:
        query = select(Document).join(DocumentLink, DocumentLink.document_id == Document.id).where(
            DocumentLink.org_id == actor.org_id, DocumentLink.object_type == object_type,
            DocumentLink.object_id == object_id, visibility(actor)).order_by(Document.doc_date, Document.id)
        return list(session.exec(query).all())


def link(actor: Principal, document_id: int, object_type: str, object_id: int) -> None:
    with db.session_scope(write=True) as session:
        visible_document(session, actor, document_id)
        _check_object(session, actor, object_type, object_id, change=True)
        if object_type == 'Document' and object_id == document_id:
            raise OfficeError('หนังสืออ้างถึงตัวเองไม่ได้')
        if session.exec(select(DocumentLink.id).where(
                DocumentLink.document_id == document_id, DocumentLink.object_type == object_type,
                DocumentLink.object_id == object_id)).first() is not None:
            raise OfficeError('หนังสือนี้เชื่อมโยงไว้แล้ว')
        session.add(DocumentLink(org_id=actor.org_id, document_id=document_id, object_type=object_type,
                                 object_id=object_id, created_by=actor.user_id))
        audit.record_by(session, actor, 'link', 'Document', document_id, {'object': f'{object_type}:{object_id}'})


def unlink(actor: Principal, document_id: int, object_type: str, object_id: int) -> None:
    with db.session_scope(write=True) as session:
        visible_document(session, actor, document_id)
        _check_object(session, actor, object_type, object_id, change=True)
        row = session.exec(select(DocumentLink).where(
            DocumentLink.document_id == document_id, DocumentLink.object_type == object_type,
            DocumentLink.object_id == object_id)).first()
        if row is not None:
            session.delete(row)
            audit.record_by(session, actor, 'unlink', 'Document', document_id,
                            {'object': f'{object_type}:{object_id}'})


@dataclass(frozen=True)
class LinkedRecord:
    object_type: str
    object_id: int
    title: str  # the register's title
    label: str
    path: str


def records_of(actor: Principal, document_id: int) -> list[LinkedRecord]:
    """The other side: records (of any app) the letter is linked to, those the user may open."""
    found = []
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        rows = session.exec(select(DocumentLink).where(DocumentLink.document_id == document_id)
                            .order_by(DocumentLink.id)).all()
        for row in rows:
            if row.object_type == 'Document':
                other = session.exec(select(Document).where(Document.id == row.object_id, visibility(actor))).first()
                if other is not None:
                    found.append(LinkedRecord('Document', other.id, REGISTERS[other.register_key],
                                              f'{other.number_text} {other.subject}', path_of(other)))
                continue
            resource = owner_resource(row.object_type, actor)
            record = session.get(resource.model, row.object_id) if resource else None
            if record is not None and record.org_id == actor.org_id:
                found.append(LinkedRecord(row.object_type, row.object_id, resource.title,
                                          str(getattr(record, resource.label, row.object_id)),
                                          f'{resource.path}/{row.object_id}'))
    return found


def find_documents(actor: Principal, text_: str, limit: int = 15) -> list[Document]:
    """Documents by number or words, for the 'add a letter' picker (only what the user may see)."""
    require(actor, VIEW, where='eoffice')
    terms = search_terms(text_ or '').split()
    if not terms:
        return []
    with db.session_scope() as session:
        query = select(Document).where(Document.org_id == actor.org_id, visibility(actor),
                                       Document.status != 'reserved')
        for term in terms:
            query = query.where(or_(col(Document.search_text).contains(term, autoescape=True),
                                    col(Document.number_text).contains(term, autoescape=True)))
        return list(session.exec(query.order_by(Document.id.desc()).limit(limit)).all())


# --- citizen e-services (no sign-in) -----------------------------------------------------------------------------

def public_org_id() -> int | None:
    with db.session_scope() as session:
        return session.exec(select(Organization.id).order_by(Organization.id)).first()


def client_key(address: str) -> str:
    """The submitter's address, hashed with the install's secret: enough to count, not to identify."""
    from core.settings import get_settings
    salt = get_settings().storage_secret()
    return hashlib.sha256(f'{salt}|{address}'.encode()).hexdigest()[:64]


def _throttle(session: Session, action: str, key: str, limit: int) -> bool:
    """Record one use; False when the address has used the action `limit` times within the window."""
    if session.get_bind().dialect.name == 'postgresql':
        session.execute(text('SELECT pg_advisory_xact_lock(:k)'), {'k': _PUBLIC_LOCK})
    since = utcnow() - LIMIT_WINDOW
    session.execute(delete(PublicHit).where(PublicHit.action == action, PublicHit.client_key == key,
                                            PublicHit.at < since))  # spent hits: the table stays small
    used = session.exec(select(func.count()).select_from(PublicHit).where(
        PublicHit.action == action, PublicHit.client_key == key, PublicHit.at >= since)).one()
    if used >= limit:
        return False
    session.add(PublicHit(action=action, client_key=key))
    return True


def _central_division(session: Session, org_id: int) -> int | None:
    """Citizen requests land at the central registry (สำนักปลัด / สำนักงานปลัด)."""
    divisions = session.exec(select(Division).where(Division.org_id == org_id, Division.is_active)
                             .order_by(Division.sort_order)).all()
    office = next((d for d in divisions if d.kind == 'office'), None) or next(
        (d for d in divisions if d.kind != 'political'), None)
    return office.id if office else None


def check_public_form(values: dict[str, Any], files: list[tuple[str, bytes]], org_id: int) -> dict[str, Any]:
    """Clean the citizen's form; raise ValidationFailed naming every wrong field in Thai."""
    from core.files import FileRefused, Rules, check, rules_for
    errors, clean = {}, {}
    limits = {'name': ('ชื่อ-สกุล', 200), 'contact': ('ช่องทางติดต่อกลับ', 200), 'subject': ('เรื่อง', 200),
              'detail': ('รายละเอียด', MAX_DETAIL)}
    for name, (label, limit) in limits.items():
        value = str(values.get(name) or '').strip().replace('\x00', '')
        if not value:
            errors[name] = f'{label}: กรุณากรอก'
        elif len(value) > limit:
            errors[name] = f'{label}: ยาวเกิน {limit:,} ตัวอักษร (กรอกมา {len(value):,})'
        clean[name] = value
    if values.get('request_type') not in REQUEST_TYPES:
        errors['request_type'] = 'ประเภทเรื่อง: กรุณาเลือก'
    clean['request_type'] = values.get('request_type')
    if values.get('consent') is not True:
        errors['consent'] = 'ความยินยอม: กรุณายินยอมให้ อปท. ใช้ข้อมูลเพื่อดำเนินการตามคำร้อง'
    if len(files) > MAX_FILES:
        errors['files'] = f'ไฟล์แนบ: แนบได้ไม่เกิน {MAX_FILES} ไฟล์'
    else:
        org_rules = rules_for(org_id)
        rules = Rules(org_rules.max_bytes, tuple(t for t in PUBLIC_TYPES if t in org_rules.types) or PUBLIC_TYPES)
        for filename, content in files:
            try:
                check(filename, content, rules)
            except FileRefused as error:
                errors['files'] = f'ไฟล์แนบ: {error}'
                break
    if errors:
        raise ValidationFailed(errors)
    return clean


def submit_request(values: dict[str, Any], files: list[tuple[str, bytes]], address: str,
                   org_id: int | None = None) -> str:
    """A citizen files a request or complaint: it lands as an incoming document; returns the tracking code."""
    org_id = org_id or public_org_id()
    if org_id is None:
        raise ValidationFailed({'form': 'ระบบยังไม่พร้อมรับคำร้อง'})
    clean = check_public_form(values, files, org_id)
    key = client_key(address)
    code = 'ES-' + '-'.join(''.join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(2))
    now = utcnow()
    with db.session_scope(write=True) as session:
        if not _throttle(session, 'submit', key, SUBMIT_LIMIT):
            raise ValidationFailed({'form': f'ส่งคำร้องได้ไม่เกิน {SUBMIT_LIMIT} ครั้งใน '
                                            f'{int(LIMIT_WINDOW.total_seconds() // 60)} นาที กรุณารอสักครู่แล้วส่งใหม่'})
        org = session.get(Organization, org_id)
        allocated = _number(session, org_id, 'incoming', thai.today())[0]
        document = Document(org_id=org_id, register_key='incoming', kind='external', year=allocated.year,
                            number=allocated.number, number_text=allocated.text, doc_date=thai.today(),
                            received_at=now, sender=clean['name'], recipient=f'นายก{org.name}',
                            subject=f'{REQUEST_TYPES[clean["request_type"]]}: {clean["subject"]}',
                            body=clean['detail'], channel='e-service', status='received',
                            division_id=_central_division(session, org_id),
                            due_date=thai.today() + timedelta(days=URGENCY_DAYS['normal']))
        index_text(document)
        session.add(document)
        session.flush()
        session.add(CitizenRequest(org_id=org_id, document_id=document.id, tracking_code=code,
                                   request_type=clean['request_type'], name=clean['name'],
                                   contact=clean['contact'], client_key=key, consent_at=now))
        session.add(RouteStep(org_id=org_id, document_id=document.id, action='register', from_name=clean['name'],
                              text=f'ยื่นทาง e-service รหัสติดตาม {code}', sent_at=now))
        audit.record(session, 'citizen_request', org_id=org_id, actor_name=f'ประชาชน: {clean["name"]}',
                     object_type='Document', object_id=document.id,
                     data={'tracking_code': code, 'number_text': allocated.text, 'files': [f for f, _ in files]})
        document_id = document.id
    citizen = Principal(user_id=None, org_id=org_id, username='e-service', full_name=f'ประชาชน: {clean["name"]}')
    from core.files import save
    for filename, content in files:  # checked above; the request is already safe in the database
        save(citizen, 'Document', document_id, filename, content)
    return code


@dataclass(frozen=True)
class Tracking:
    code: str
    number_text: str
    subject: str
    filed_at: datetime
    status: str
    steps: list[tuple[datetime, str]]
    answer: str
    answered_at: datetime | None


def track(code: str, address: str) -> Tracking | None:
    """What a citizen may read by tracking code: the status, the dated steps (no staff names) and the answer."""
    code = (code or '').strip().upper()
    with db.session_scope(write=True) as session:
        if not _throttle(session, 'track', client_key(address), TRACK_LIMIT):
            raise ValidationFailed({'code': 'ตรวจสอบสถานะถี่เกินไป กรุณารอสักครู่'})
    if not code:
        return None
    with db.session_scope() as session:
        found = session.exec(select(CitizenRequest, Document).join(Document, Document.id == CitizenRequest.document_id)
                             .where(CitizenRequest.tracking_code == code)).first()
        if found is None:
            return None
        request, document = found
        rows = session.exec(select(RouteStep, Division).join(Division, Division.id == RouteStep.to_division_id,
                                                              isouter=True)
                            .where(RouteStep.document_id == document.id).order_by(RouteStep.id)).all()
    steps = []
    for step, division in rows:
        if step.action == 'register':
            steps.append((step.sent_at, 'รับเรื่องแล้ว'))
        elif step.action == 'present':
            steps.append((step.sent_at, 'เสนอผู้บริหารพิจารณา'))
        elif step.action == 'order' and division is not None:
            steps.append((step.sent_at, f'มอบ{division.name}ดำเนินการ'))
        elif step.action == 'assign':
            steps.append((step.sent_at, 'เจ้าหน้าที่กำลังดำเนินการ'))
        elif step.action == 'complete':
            steps.append((step.sent_at, 'ดำเนินการแล้ว'))
        elif step.action == 'cancel':
            steps.append((step.sent_at, 'ยุติเรื่อง'))
    status = {'received': 'รับเรื่องแล้ว รอเจ้าหน้าที่ดำเนินการ', 'presented': 'อยู่ระหว่างผู้บริหารพิจารณา',
              'assigned': 'อยู่ระหว่างดำเนินการ', 'in_action': 'อยู่ระหว่างดำเนินการ', 'done': 'ดำเนินการแล้ว',
              'cancelled': 'ยุติเรื่อง'}.get(document.status, 'รับเรื่องแล้ว')
    return Tracking(request.tracking_code, document.number_text, document.subject, request.created_at, status,
                    steps, request.answer, request.answered_at)


def citizen_request_of(actor: Principal, document_id: int) -> CitizenRequest | None:
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        return session.exec(select(CitizenRequest).where(CitizenRequest.document_id == document_id)).first()


def closed_document(session, document) -> str | None:
    """A cancelled or finished letter stays as it was (the kit hides its edit button and refuses changes)."""
    if document.status in ('cancelled', 'done'):
        return f'หนังสือนี้อยู่ในสถานะ "{STATUSES[document.status]}" จึงแก้ไขไม่ได้'
    return None
