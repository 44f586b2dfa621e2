"""The signing step of outgoing papers, declared as the kit's workflow (core/workflow.py): ร่าง → เสนอลงนาม → ลงนาม →
ออกเลข → ส่ง, with ส่งคืนแก้ไข from the signer back to the draft: the number and the date are given when the signed
paper is issued (the outgoing flow of งานสารบรรณ, REFERENCE §7.5; a reserved number, จองเลข, is kept).

Who signs is the paper's form's rule (apps/eoffice/kinds.py): the นายก, or the holder of a delegation order of
eoffice.doc.order in force that reaches the letter's division (ปฏิบัติราชการแทน); the head of the letter's division
(หนังสือประทับตรา, บันทึกข้อความ); or its writer (รายงานการประชุม). The check is the transition's, run by the kit in
the service on every call; the kit's transitions load the letter FOR UPDATE, check its version and submission key
(a double-click signs once) and audit every move. The signature is stored on the letter as it is printed."""

from sqlmodel import Session, col, select

from apps.eoffice import kinds
from apps.eoffice.registers import (
    ORDER,
    REGISTER,
    REGISTERS,
    STATUSES,
    VIEW,
    close_open_step,
    index_text,
    take_numbers,
    visible_document,
)
from core import audit, db, thai
from core import resource as kit
from core.access import Principal, in_force, load_principal
from core.signers import MAYOR_SEAT, Signer, head_signer, user_signer
from core.workflow import Transition, Workflow
from models.base import utcnow
from models.office import Document, RouteStep
from models.org import Assignment, DelegationOrder, Division, Position, User

SIGNER_TITLES = {kinds.EXECUTIVE: 'นายก หรือผู้ได้รับมอบอำนาจตามคำสั่งที่ยังมีผล',
                 kinds.DIVISION_HEAD: 'หัวหน้าส่วนราชการเจ้าของเรื่อง', kinds.WRITER: 'ผู้จัดทำ'}
SIGN_MOVE = {kinds.EXECUTIVE: 'sign', kinds.DIVISION_HEAD: 'sign_as_head', kinds.WRITER: 'sign_as_writer'}


# --- who may sign ---------------------------------------------------------------------------------------------------

def _seat_holders(session: Session, org_id: int, condition) -> list[int]:
    return list(session.exec(select(Assignment.user_id).join(Position, Position.id == Assignment.position_id)
                             .join(User, User.id == Assignment.user_id)
                             .where(Position.org_id == org_id, Position.is_active, User.is_active, condition)
                             .order_by(Assignment.acting, Assignment.id)).all())


def _mayor_seat():
    return col(Position.code).in_((MAYOR_SEAT, f'{MAYOR_SEAT}-1'))


def _division_head(session: Session, document: Document) -> int | None:
    found = _seat_holders(session, document.org_id, (Position.division_id == document.division_id) & Position.is_head)
    return found[0] if found else None


def _division_name(session: Session, document: Document) -> str:
    division = session.get(Division, document.division_id) if document.division_id else None
    return division.name if division else 'ส่วนราชการที่ไม่ระบุ'


def intended_signer(session: Session, document: Document) -> int | None:
    """Whom a draft is proposed to: the holder of a delegation order in force reaching its division (the deputy
    over กองช่าง signs กองช่าง's letters), else the นายก; the division's head; or the writer."""
    rule = kinds.form_of(document).signer
    if rule == kinds.WRITER:
        return document.created_by
    if rule == kinds.DIVISION_HEAD:
        return _division_head(session, document)
    delegated = session.exec(
        select(Assignment.user_id).join(DelegationOrder, DelegationOrder.position_id == Assignment.position_id)
        .where(DelegationOrder.org_id == document.org_id, DelegationOrder.permission == ORDER, in_force(),
               DelegationOrder.division_id == document.division_id).order_by(DelegationOrder.id)).first()
    mayors = _seat_holders(session, document.org_id, _mayor_seat())
    return delegated or (mayors[0] if mayors else None)


def _executive(session: Session, document: Document, actor: Principal) -> str | None:
    """The นายก's seat (held or acted in), or a delegation order in force reaching the letter's division."""
    form = kinds.form_of(document)
    if form.signer != kinds.EXECUTIVE:
        return f'{form.title}ลงนามโดย{SIGNER_TITLES[form.signer]}'
    mayor = session.exec(select(Position.id).where(Position.org_id == actor.org_id, _mayor_seat(),
                                                   col(Position.id).in_(actor.position_ids or (-1,)))).first()
    if mayor is not None or actor.delegation(ORDER, record=document) is not None:
        return None
    return (f'ลงนาม{form.title}ได้เฉพาะนายก หรือผู้ได้รับมอบอำนาจตามคำสั่งที่ยังมีผลซึ่งครอบคลุมเรื่องของ'
            f'{_division_name(session, document)} ตำแหน่งของท่านเกษียนสั่งการหนังสือได้ แต่ไม่มีคำสั่งมอบอำนาจให้ลงนาม')


def _head(session: Session, document: Document, actor: Principal) -> str | None:
    form = kinds.form_of(document)
    if form.signer != kinds.DIVISION_HEAD:
        return f'{form.title}ลงนามโดย{SIGNER_TITLES[form.signer]}'
    head = _division_head(session, document)
    if head == actor.user_id:
        return None
    name = session.get(User, head).full_name if head else 'ยังไม่มีผู้ดำรงตำแหน่ง'
    return f'ลงนาม{form.title}ได้เฉพาะหัวหน้า{_division_name(session, document)} ({name})'


def _writer(session: Session, document: Document, actor: Principal) -> str | None:
    form = kinds.form_of(document)
    if form.signer != kinds.WRITER:
        return f'{form.title}ลงนามโดย{SIGNER_TITLES[form.signer]}'
    return None if document.created_by == actor.user_id else f'ลงนาม{form.title}ได้เฉพาะผู้จัดทำ'


def _may_sign(session: Session, document: Document, actor: Principal) -> str | None:
    """Sending back to the draft: the one it was proposed to, or whoever may sign it."""
    rule = kinds.form_of(document).signer
    if document.owner_id == actor.user_id or (
            (rule != kinds.EXECUTIVE or actor.can(ORDER, document)) and SIGN_GUARDS[rule](session, document, actor)
            is None):
        return None
    return 'ส่งคืนแก้ไขได้เฉพาะผู้ที่หนังสือเสนอลงนามถึง หรือผู้มีอำนาจลงนาม'


SIGN_GUARDS = {kinds.EXECUTIVE: _executive, kinds.DIVISION_HEAD: _head, kinds.WRITER: _writer}


def signer_of(session: Session, principal: Principal, document: Document) -> Signer:
    """The lines under the signature when `principal` signs: as the นายก, ปฏิบัติราชการแทน under the order used,
    as the division's head (รักษาราชการแทน when acting in the seat), or as the writer."""
    rule = kinds.form_of(document).signer
    if rule == kinds.EXECUTIVE:
        return user_signer(session, principal, ORDER, record=document)
    if rule == kinds.DIVISION_HEAD and document.division_id and _division_head(session, document) == principal.user_id:
        return head_signer(session, document.org_id, document.division_id) or user_signer(session, principal)
    return user_signer(session, principal)


def printed_signer(session: Session, document: Document) -> Signer | None:
    """The signature a paper prints: the stored one once signed, else the one it goes to for signing (None: no
    one holds that seat now; a blank line is printed)."""
    if document.signer_name or document.signed_at:
        return Signer(document.signer_name, document.signer_position, document.signer_capacity, document.signer_for)
    user_id = document.owner_id if document.status == 'proposed' else intended_signer(session, document)
    principal = load_principal(session, user_id) if user_id else None
    return signer_of(session, principal, document) if principal else None


# --- the moves' effects (inside the kit's transaction, after the state changed) ------------------------------------

def _step(session: Session, document: Document, actor: Principal, action: str, text: str,
          to_user: int | None, done: bool = True) -> None:
    close_open_step(session, document)
    now = utcnow()
    session.add(RouteStep(org_id=document.org_id, document_id=document.id, action=action, from_user_id=actor.user_id,
                          from_name=actor.full_name, to_user_id=to_user, text=text, sent_at=now,
                          acknowledged_at=now if done else None, completed_at=now if done else None))
    document.owner_id = to_user


def _proposed(session: Session, document: Document, actor: Principal) -> None:
    signer = intended_signer(session, document)
    _step(session, document, actor, 'propose', f'เสนอลงนาม{kinds.form_of(document).title}', signer, done=False)


def _signed(session: Session, document: Document, actor: Principal) -> None:
    signer = signer_of(session, actor, document)
    order = actor.acting_for(ORDER, record=document) if kinds.form_of(document).signer == kinds.EXECUTIVE else None
    document.signed_by, document.signed_at = actor.user_id, utcnow()
    document.signer_name, document.signer_position = signer.name, signer.position
    document.signer_capacity, document.signer_for = signer.capacity, signer.for_position
    document.signed_under = order.name if order else ''
    text = ' '.join(x for x in ('ลงนามแล้ว', signer.capacity, signer.for_position, document.signed_under) if x)
    _step(session, document, actor, 'sign', text, document.created_by)


def _sent_back(session: Session, document: Document, actor: Principal) -> None:
    _step(session, document, actor, 'send_back', 'ส่งคืนแก้ไข', document.created_by)


def _issued(session: Session, document: Document, actor: Principal) -> None:
    """ออกเลข: the running number of the register for the calendar year of the day it is issued (a reserved number
    is kept), and that day as the paper's date."""
    on = thai.today()
    if document.number is None:
        allocated = take_numbers(session, document.org_id, document.register_key, on)[0]
        document.year, document.number, document.number_text = allocated.year, allocated.number, allocated.text
    document.doc_date = on
    index_text(document)
    _step(session, document, actor, 'issue', f'{REGISTERS[document.register_key]} เลขที่ {document.number_text}',
          document.created_by)
    audit.record_by(session, actor, 'numbered', 'Document', document.id,
                    {'number_text': document.number_text, 'doc_date': on})


def _dispatched(session: Session, document: Document, actor: Principal) -> None:
    _step(session, document, actor, 'dispatch', 'ส่งหนังสือแล้ว', None)
    document.closed_at = utcnow()


SIGNING = Workflow(states=STATUSES, initial='draft', transitions=(
    Transition('propose', 'เสนอลงนาม', ('draft',), 'proposed', REGISTER, effect=_proposed, pending=False),
    Transition('sign', 'ลงนาม', ('proposed',), 'signed', ORDER, guard=_executive, effect=_signed, pending=False),
    Transition('sign_as_head', 'ลงนาม', ('proposed',), 'signed', VIEW, guard=_head, effect=_signed, pending=False),
    Transition('sign_as_writer', 'ลงนาม', ('proposed',), 'signed', VIEW, guard=_writer, effect=_signed,
               pending=False),
    Transition('send_back', 'ส่งคืนแก้ไข', ('proposed',), 'draft', VIEW, guard=_may_sign, needs_note=True,
               effect=_sent_back, pending=False),
    Transition('issue', 'ออกเลข', ('signed',), 'issued', REGISTER, effect=_issued, pending=False),
    Transition('dispatch', 'ส่งหนังสือ', ('issued',), 'sent', REGISTER, effect=_dispatched, pending=False),
))


# --- the service calls -----------------------------------------------------------------------------------------------

def move(actor: Principal, document_id: int, name: str, note: str = '', *, version: int | None = None,
         key: str | None = None) -> None:
    """Take one move of the signing workflow on a paper ('sign' takes the signature its form asks for)."""
    with db.session_scope() as session:
        document = visible_document(session, actor, document_id)
    if name == 'sign':
        name = SIGN_MOVE[kinds.form_of(document).signer]
    kit.transition(kit.REGISTRY[f'eoffice/{document.register_key}'], actor, document_id, name, note, version=version,
                   key=key)


def propose(actor: Principal, document_id: int, **kw) -> None:
    move(actor, document_id, 'propose', **kw)


def sign(actor: Principal, document_id: int, **kw) -> None:
    move(actor, document_id, 'sign', **kw)


def issue(actor: Principal, document_id: int, **kw) -> None:
    move(actor, document_id, 'issue', **kw)


def dispatch(actor: Principal, document_id: int, **kw) -> None:
    move(actor, document_id, 'dispatch', **kw)
