"""e-Office registers: the documents (หนังสือรับ/ส่ง, บันทึกข้อความ, คำสั่ง, ประกาศ), who sees which, their Thai search
index, their running numbers, reserved and cancelled numbers. With routing, links and the e-service, the only writer
of the office_* tables."""

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, false, or_, true
from sqlmodel import Session, col, select

from apps.eoffice import kinds
from core import audit, db, thai
from core.access import PermissionDenied, Principal, require
from core.errors import NotFound, Refusal, ValidationFailed
from core.numbering import Allocated, Series, allocate, burn, burned_numbers
from core.resource import REGISTRY, VERSION_KEY, stale
from core.thai import search_terms, today
from models.base import utcnow
from models.office import Document, RouteStep
from models.org import Assignment, Organization, Position

VIEW, REGISTER, ORDER, ASSIGN, SECRET = ('eoffice.doc.view', 'eoffice.doc.register', 'eoffice.doc.order',
                                         'eoffice.doc.assign', 'eoffice.doc.secret')

REGISTERS = {'incoming': 'หนังสือรับ', 'outgoing': 'หนังสือส่ง', 'memo': 'บันทึกข้อความ', 'order': 'คำสั่ง',
             'announcement': 'ประกาศ', 'evidence': 'หนังสือรับรองและรายงานการประชุม'}
# Correspondence is numbered per calendar year (ระเบียบงานสารบรรณ), each register its own running number.
SERIES = {
    'incoming': Series('eoffice.incoming', 'ทะเบียนหนังสือรับ', 'calendar', '{n}/{year}'),
    'outgoing': Series('eoffice.outgoing', 'ทะเบียนหนังสือส่ง', 'calendar', '{prefix}/{n}'),
    'memo': Series('eoffice.memo', 'ทะเบียนบันทึกข้อความ', 'calendar', 'บ.{n}/{year}'),
    'order': Series('eoffice.order', 'ทะเบียนคำสั่ง', 'calendar', '{n}/{year}'),
    'announcement': Series('eoffice.announcement', 'ทะเบียนประกาศ', 'calendar', '{n}/{year}'),
    'evidence': Series('eoffice.evidence', 'ทะเบียนหนังสือรับรองและรายงานการประชุม', 'calendar', '{n}/{year}'),
}
KINDS = {'external': 'หนังสือภายนอก', 'internal': 'หนังสือภายใน', 'stamped': 'หนังสือประทับตรา',
         'directive': 'หนังสือสั่งการ', 'publicity': 'หนังสือประชาสัมพันธ์',
         'evidence': 'หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน'}
DEFAULT_KIND = {'incoming': 'external', 'outgoing': 'external', 'memo': 'internal', 'order': 'directive',
                'announcement': 'publicity', 'evidence': 'evidence'}
# ชั้นความเร็ว; ด่วนภายใน carries the day and time the letter must reach its addressee (urgent_date, urgent_time)
URGENCY = {'most_urgent': 'ด่วนที่สุด', 'very_urgent': 'ด่วนมาก', 'urgent': 'ด่วน', 'within': 'ด่วนภายใน',
           'normal': 'ปกติ'}
URGENCY_DAYS = {'most_urgent': 1, 'very_urgent': 3, 'urgent': 7, 'within': 1, 'normal': 15}  # default time to act
TIME = re.compile(r'^([01]?\d|2[0-3])[.:]([0-5]\d)$')  # 9.30, 09.30, 09:30
SECRECY = {'top_secret': 'ลับที่สุด', 'very_secret': 'ลับมาก', 'secret': 'ลับ', 'normal': 'ปกติ'}
STATUSES = {'reserved': 'จองเลข', 'draft': 'ร่าง', 'proposed': 'เสนอลงนาม', 'signed': 'ลงนามแล้ว',
            'received': 'ลงรับแล้ว', 'issued': 'ออกเลขแล้ว', 'sent': 'ส่งแล้ว', 'presented': 'เสนอผู้บริหาร',
            'assigned': 'มอบกองดำเนินการ', 'in_action': 'อยู่ระหว่างดำเนินการ', 'done': 'เสร็จสิ้น',
            'cancelled': 'ยกเลิก'}
OPEN_STATES = ('received', 'presented', 'assigned', 'in_action')
SIGNING_STATES = ('proposed', 'signed')  # an outgoing paper waiting for its signer, then for its number
SIGNED_STATES = ('signed', 'issued', 'sent')  # what was signed stays as signed


class OfficeError(Refusal):
    """A refusal whose Thai message names what is wrong."""


# --- who sees what ------------------------------------------------------------------------------------------------

def _routed_to(user_id: int):
    return exists().where(RouteStep.document_id == Document.id, RouteStep.to_user_id == user_id)


def _sent_to(user_id: int):
    """Routed to the user by someone: presented, ordered or assigned to them. The registering step a registrar
    gives herself does not count, so a letter made secret after she logged it leaves her hands."""
    return exists().where(RouteStep.document_id == Document.id, RouteStep.to_user_id == user_id,
                          col(RouteStep.action).not_in(('register', 'issue')))


def _officer_seat(actor: Principal):
    """Whether the user acts in the seat the LAO named its secret-letter officer (นายทะเบียนหนังสือลับ)."""
    return exists().where(Organization.id == actor.org_id,
                          col(Organization.secret_officer_position_id).in_(actor.position_ids or (-1,)))


def cleared_condition(actor: Principal):
    """Who reads every secret letter of the LAO: the cleared (eoffice.doc.secret) and the secret-letter officer."""
    return true() if actor.can(SECRET) else _officer_seat(actor)


def visibility(actor: Principal):
    """The documents `actor` may see: the role scope of eoffice.doc.view, plus what was routed to them. A secret
    letter (ลับ, ลับมาก, ลับที่สุด) only by route — those it was presented, ordered or assigned to (its holder is the
    last of them) — and by the cleared and the secret-letter officer, whatever their role's scope: registering or
    holding a letter since it was logged is no route."""
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
    return or_(and_(Document.secrecy == 'normal', reach),
               and_(Document.secrecy != 'normal', or_(cleared_condition(actor), _sent_to(actor.user_id))))


def is_cleared(session: Session, actor: Principal) -> bool:
    """Whether the user reads and registers secret letters (clearance, or the officer's seat)."""
    return actor.can(SECRET) or session.exec(select(_officer_seat(actor))).one()


def officer_title(session: Session, org_id: int) -> str:
    """The secret-letter officer's seat as the refusals name it."""
    row = session.exec(select(Position.title).join(Organization, Organization.secret_officer_position_id
                                                   == Position.id).where(Organization.id == org_id)).first()
    return f'{row} (นายทะเบียนหนังสือลับ)' if row else 'นายทะเบียนหนังสือลับ (ผู้ดูแลระบบยังไม่ได้กำหนดตำแหน่งในหน้าตั้งค่า อปท.)'


def check_secrecy(session: Session, actor: Principal, secrecy: str | None, record: Document | None = None) -> None:
    """A secret letter is registered, and a letter's secrecy changed, only by the secret-letter officer or the
    cleared. The regulation (ระเบียบว่าด้วยการรักษาความลับของทางราชการ พ.ศ. 2544) gives secret documents a register
    and a keeper of their own: the general registrar passes a secret envelope unopened to the officer instead of
    logging what is inside (she would read its subject and stay on its route)."""
    before = record.secrecy if record is not None else 'normal'
    if (secrecy or 'normal') == before or is_cleared(session, actor):
        return
    what = 'หนังสือลับต้องลงทะเบียนโดย' if record is None else 'ชั้นความลับของหนังสือเปลี่ยนได้โดย'
    raise ValidationFailed({'secrecy': f'ชั้นความลับ: {what} {officer_title(session, actor.org_id)}'})


def is_secret(document: Document) -> bool:
    return document.secrecy != 'normal'


def visible_document(session: Session, actor: Principal, document_id: int, for_update: bool = False) -> Document:
    """The document if the user may see it (one query: the row and whether it is within reach)."""
    require(actor, VIEW, where='eoffice')
    query = select(Document, case((visibility(actor), 1), else_=0)).where(Document.id == document_id,
                                                                         Document.org_id == actor.org_id)
    found = session.exec(query.with_for_update() if for_update else query).first()
    if found is None:
        raise NotFound('ไม่พบหนังสือนี้')
    document, visible = found
    if not visible:
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


def take_numbers(session: Session, org_id: int, register_key: str, on: date, count: int = 1) -> list[Allocated]:
    return allocate(session, org_id, SERIES[register_key], on, count)


def _with_form(register_key: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values with the paper's form checked against the register and its kind (of the six) set from it."""
    if register_key == 'incoming':
        return values
    values['form'] = values.get('form') or kinds.USUAL_FORM[register_key]
    if kinds.FORMS.get(values['form']) is None or kinds.FORMS[values['form']].register != register_key:
        shown = ', '.join(kinds.forms_of(register_key).values())
        raise ValidationFailed({'form': f'แบบหนังสือ: {REGISTERS[register_key]}ใช้ได้เฉพาะแบบ {shown}'})
    values['kind'] = kinds.FORMS[values['form']].kind
    return values


def _due(values: dict[str, Any]) -> date:
    """When an incoming letter is due: its ด่วนภายใน day, else the usual time for its urgency."""
    if values['urgency'] == 'within' and values.get('urgent_date'):
        return values['urgent_date']
    return today() + timedelta(days=URGENCY_DAYS[values['urgency']])


def clock(text: str | None) -> str | None:
    """A time as the papers print it (09.30), or None when it is not a time of day."""
    found = TIME.match((text or '').strip())
    return f'{int(found.group(1)):02d}.{found.group(2)}' if found else None


def paper_errors(values: dict[str, Any], record: Document | None = None) -> dict[str, str]:
    """The rules of ด่วนภายใน and of a รายงานการประชุม's fields, in Thai, naming the field; `values` may be an edit's
    (the record gives the rest)."""
    def value(name: str):
        return values[name] if name in values else getattr(record, name, None)
    errors = {}
    if value('urgency') == 'within' and not value('urgent_date'):
        errors['urgent_date'] = 'ด่วนภายในวันที่: หนังสือด่วนภายในต้องระบุวันที่ที่ต้องถึงผู้รับ'
    if value('urgency') == 'within' and not (value('urgent_time') or '').strip():
        errors['urgent_time'] = 'ด่วนภายในเวลา: หนังสือด่วนภายในต้องระบุเวลา เช่น 10.00'
    for name, label in (('urgent_time', 'ด่วนภายในเวลา'), ('meeting_start', 'เริ่มประชุมเวลา'),
                        ('meeting_end', 'เลิกประชุมเวลา')):
        if (value(name) or '').strip() and clock(value(name)) is None:
            errors[name] = f'{label}: ต้องเป็นเวลา ชั่วโมง.นาที เช่น 09.30'
    if value('form') == 'minutes':
        for name, label in (('meeting_place', 'สถานที่ประชุม (ณ)'), ('meeting_start', 'เริ่มประชุมเวลา'),
                            ('attendees', 'ผู้มาประชุม')):
            if not (value(name) or '').strip():
                errors.setdefault(name, f'{label}: รายงานการประชุมต้องระบุ')
        start, end = clock(value('meeting_start')), clock(value('meeting_end'))
        if start and end and end <= start:
            errors['meeting_end'] = 'เลิกประชุมเวลา: ต้องหลังเวลาเริ่มประชุม'
    return errors


def with_clocks(values: dict[str, Any]) -> dict[str, Any]:
    """The times written as the papers print them (9:30 -> 09.30)."""
    return {**values, **{name: clock(values[name]) or '' for name in ('urgent_time', 'meeting_start', 'meeting_end')
                         if name in values and values[name] is not None}}


def new_document(session: Session, actor: Principal, register_key: str, values: dict[str, Any]) -> Document:
    """Register a document (the registers' create hook). An incoming letter is numbered in the register of the
    calendar year at once; an outgoing paper starts as a draft (ร่าง) and gets its number when issued, after it is
    signed (apps/eoffice/signing.py). Index it, start its trail."""
    register_key = values.pop('register_key', None) or register_key
    if register_key not in REGISTERS:
        raise ValidationFailed({'register_key': 'ทะเบียน: กรุณาเลือก'})
    values.setdefault('kind', DEFAULT_KIND[register_key])
    values['kind'] = values['kind'] or DEFAULT_KIND[register_key]
    values = _with_form(register_key, values)
    values['urgency'] = values.get('urgency') or 'normal'
    if errors := paper_errors(values):
        raise ValidationFailed(errors)
    values = with_clocks(values)
    values['secrecy'] = values.get('secrecy') or 'normal'
    check_secrecy(session, actor, values['secrecy'])
    values.pop('search_text', None)
    now = utcnow()
    incoming = register_key == 'incoming'
    allocated = take_numbers(session, actor.org_id, register_key, today())[0] if incoming else None
    values['division_id'] = values.get('division_id') or _home_division(session, actor)
    document = Document(org_id=actor.org_id, register_key=register_key, created_by=actor.user_id,
                        year=allocated.year if allocated else None, number=allocated.number if allocated else None,
                        number_text=allocated.text if allocated else '',
                        status='received' if incoming else 'draft', received_at=now if incoming else None,
                        owner_id=actor.user_id, due_date=_due(values) if incoming else None, **values)
    index_text(document)
    session.add(document)
    session.flush()
    session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='register' if incoming else 'draft',
                          from_user_id=actor.user_id, from_name=actor.full_name, to_user_id=actor.user_id,
                          text=f'{REGISTERS[register_key]} เลขที่ {allocated.text}' if allocated
                          else f'ร่าง{kinds.FORMS[values["form"]].title}', sent_at=now, acknowledged_at=now,
                          completed_at=None if incoming else now))
    values.update(number_text=document.number_text, register_key=register_key)  # kept in the audit of the creation
    return document


def reindexed(session: Session, actor: Principal, record: Document, values: dict[str, Any]) -> dict[str, Any]:
    """An edit's values with the search column recomputed from the letter as it will be."""
    check_secrecy(session, actor, values.get('secrecy', record.secrecy), record)
    if 'form' in values:
        values = _with_form(record.register_key, {**values})
    if errors := paper_errors(values, record):
        raise ValidationFailed(errors)
    values = with_clocks(values)
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
        block = take_numbers(session, actor.org_id, register_key, on, count)
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


# --- the trail's open step, the document a move changes ---------------------------------------------------------

def last_step(session: Session, document: Document) -> RouteStep | None:
    return session.exec(select(RouteStep).where(RouteStep.document_id == document.id)
                        .order_by(RouteStep.id.desc())).first()


def close_open_step(session: Session, document: Document) -> None:
    step = last_step(session, document)
    if step is not None and step.completed_at is None:
        now = utcnow()
        step.acknowledged_at = step.acknowledged_at or now
        step.completed_at = now
        session.add(step)


def document_for_move(session: Session, actor: Principal, document_id: int, version: int | None) -> Document:
    """The document a move changes, loaded FOR UPDATE (two moves at once take turns); a move made from a page that
    showed an older version is refused as the kit refuses a stale save, naming who moved the letter since."""
    document = visible_document(session, actor, document_id, for_update=True)
    if version is not None and document.version != version:
        raise stale(session, REGISTRY[f'eoffice/{document.register_key}'], document, version)
    return document


def moved(document: Document, actor: Principal) -> int:
    """Stamp a move on the document: its next version (a page or form showing the one before is stale)."""
    document.version = (document.version or 1) + 1
    document.updated_by, document.updated_at = actor.user_id, utcnow()
    return document.version


def use_reserved(actor: Principal, document_id: int, *, version: int | None = None) -> None:
    """A reserved number, its fields filled in, becomes a draft that keeps the number: it is signed, then issued
    under it (apps/eoffice/signing.py)."""
    require(actor, REGISTER, where='eoffice')
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        if document.status != 'reserved':
            raise OfficeError('เลขนี้ไม่ได้อยู่ในสถานะจองเลข')
        if document.subject.startswith('จองเลข:'):
            raise OfficeError('เรื่อง: กรุณาแก้ไขรายละเอียดหนังสือก่อนใช้เลขที่จอง')
        document.status, document.owner_id = 'draft', actor.user_id
        moved(document, actor)
        session.add(document)
        now = utcnow()
        session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='draft', from_user_id=actor.user_id,
                              from_name=actor.full_name, to_user_id=actor.user_id,
                              text=f'ใช้เลขที่จองไว้ {document.number_text}', sent_at=now, acknowledged_at=now,
                              completed_at=now))
        audit.record_by(session, actor, 'reserved_used', 'Document', document.id,
                        {'number_text': document.number_text, 'from': 'reserved', 'to': 'draft',
                         VERSION_KEY: document.version})


def cancel(actor: Principal, document_id: int, reason: str, *, version: int | None = None) -> None:
    """Cancel a document: its number is burned (listed, never reused)."""
    require(actor, REGISTER, where='eoffice')
    if not (reason or '').strip():
        raise OfficeError('เหตุผลการยกเลิก: กรุณาระบุ')
    with db.session_scope(write=True) as session:
        document = document_for_move(session, actor, document_id, version)
        if document.status == 'cancelled':
            raise OfficeError('หนังสือนี้ถูกยกเลิกไปแล้ว')
        if document.number is not None:  # a draft has no number yet: nothing to burn
            burn(session, actor, SERIES[document.register_key], Allocated(document.number, document.year,
                                                                          document.number_text), reason)
        close_open_step(session, document)
        before = document.status
        document.status, document.owner_id, document.closed_at = 'cancelled', None, utcnow()
        moved(document, actor)
        session.add(document)
        session.add(RouteStep(org_id=actor.org_id, document_id=document.id, action='cancel',
                              from_user_id=actor.user_id, from_name=actor.full_name, text=reason.strip()))
        audit.record_by(session, actor, 'cancel', 'Document', document.id,
                        {'reason': reason.strip(), 'from': before, 'to': 'cancelled', VERSION_KEY: document.version})


def burned(actor: Principal, year: int) -> list[tuple[str, Any]]:
    """The cancelled numbers of every register in a year: (register title, BurnedNumber)."""
    require(actor, VIEW, where='eoffice/numbers')
    with db.session_scope() as session:
        return [(REGISTERS[key], b) for key, series in SERIES.items()
                for b in burned_numbers(session, actor.org_id, series, year)]


def closed_document(session, document) -> str | None:
    """A cancelled or finished letter stays as it was (the kit hides its edit button and refuses changes)."""
    if document.status in ('cancelled', 'done'):
        return f'หนังสือนี้อยู่ในสถานะ "{STATUSES[document.status]}" จึงแก้ไขไม่ได้'
    if document.register_key != 'incoming' and document.status in SIGNED_STATES:
        return 'หนังสือนี้ลงนามแล้ว จึงแก้ไขไม่ได้ (แก้ไขได้โดยยกเลิกแล้วร่างใหม่)'
    if document.register_key != 'incoming' and document.status == 'proposed':
        return 'หนังสือนี้อยู่ระหว่างเสนอลงนาม แก้ไขได้เมื่อผู้ลงนามส่งคืนแก้ไข'
    return None
