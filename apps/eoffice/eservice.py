"""The citizens' e-service (/e-service, no sign-in): a request or complaint lands as an incoming letter at the
central registry; the citizen follows it by tracking code; each address is throttled."""

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, select, text

from apps.eoffice.registers import URGENCY_DAYS, index_text, take_numbers, visible_document
from core import audit, db, thai
from core.access import Principal
from core.errors import ValidationFailed
from core.files import FileRefused, Rules, check, rules_for, save
from core.settings import get_settings
from models.base import utcnow
from models.office import CitizenRequest, Document, PublicHit, RouteStep
from models.org import Division, Organization

REQUEST_TYPES = {'request': 'คำร้องทั่วไป', 'complaint': 'ร้องเรียน/ร้องทุกข์', 'information': 'ขอข้อมูลข่าวสาร',
                 'report': 'แจ้งเหตุ/ขอความช่วยเหลือ'}
CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'  # no 0/O, 1/I: read over the phone
SUBMIT_LIMIT, TRACK_LIMIT, LIMIT_WINDOW = 3, 30, timedelta(minutes=10)
MAX_DETAIL, MAX_FILES = 5000, 3
PUBLIC_TYPES = ('pdf', 'jpg', 'jpeg', 'png')
_PUBLIC_LOCK = 7_240_601  # PostgreSQL advisory lock key serialising the public rate-limit check


def public_org_id() -> int | None:
    with db.session_scope() as session:
        return session.exec(select(Organization.id).order_by(Organization.id)).first()


def _serving(function):
    """A citizen arrives without signing in: the e-service acts for the LAO it serves (the fence's tenant), the
    one named (`org_id=`) or the public one, for this call only."""
    @functools.wraps(function)
    def fenced(*args, **kwargs):
        if db.is_sqlite():  # no fence there: no extra query
            return function(*args, **kwargs)
        org_id = kwargs.get('org_id') or public_org_id()
        with db.tenant(() if org_id is None else (org_id,)):
            return function(*args, **kwargs)
    return fenced


def public_orgs() -> list[tuple[str, str]]:
    """The install's LAOs as the e-service offers them: (DLA code, name), in the order they were set up."""
    with db.session_scope() as session:
        return [tuple(row) for row in session.exec(select(Organization.dla_code, Organization.name)
                                                   .order_by(Organization.id)).all()]


def org_by_code(dla_code: str) -> tuple[int, str] | None:
    """The LAO the address /e-service/<dla_code> names: (id, name); None for a code the install does not hold."""
    with db.session_scope() as session:
        row = session.exec(select(Organization.id, Organization.name).where(
            Organization.dla_code == (dla_code or '').strip())).first()
        return tuple(row) if row else None


def client_key(address: str) -> str:
    """The submitter's address, hashed with the install's secret: enough to count, not to identify."""
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


@_serving
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
        allocated = take_numbers(session, org_id, 'incoming', thai.today())[0]
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


@_serving
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


def request_in(session: Session, document_id: int) -> CitizenRequest | None:
    """The citizen request behind a letter (the caller has checked the user may see the letter)."""
    return session.exec(select(CitizenRequest).where(CitizenRequest.document_id == document_id)).first()


def citizen_request_of(actor: Principal, document_id: int) -> CitizenRequest | None:
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        return request_in(session, document_id)
