"""Administration rules: first-run set-up, users, assignments, grants and the LAO's settings."""

import io
import re
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core import audit, auth, db, files, throttle
from core.access import Principal, parse_permissions, require
from core.errors import Refusal
from core.menu import PendingWork
from core.pdf import thai_pdf
from core.resource import REGISTRY, create
from core.structure import SetupError, create_organization, role_templates, template_for
from core.thai import clean_citizen_id
from models.audit import AuditEvent
from models.org import (
    Assignment,
    Division,
    Organization,
    Position,
    PositionRole,
    RecoveryCode,
    Role,
    RoleGrant,
    SignInFailure,
    User,
)

USERNAME = re.compile(r'[a-z0-9._-]{3,32}')


def needs_setup() -> bool:
    """True while the database holds no organisation (the first-run wizard is open only then)."""
    with db.session_scope() as session:
        return session.exec(select(Organization.id).limit(1)).first() is None


def check_username(username: str) -> str:
    """ASCII lower-case letters, digits, dot, underscore and dash, 3–32 characters (upper case is lowered, as
    sign-in does); anything else is refused in Thai, naming the field."""
    username = (username or '').strip()
    lowered = username.lower() if username.isascii() else username
    if not USERNAME.fullmatch(lowered):
        raise SetupError('ชื่อผู้ใช้: ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข จุด (.) ขีดล่าง (_) และขีด (-) ยาว 3–32 ตัว'
                         + (f' (กรอกมา {len(username):,} ตัว)' if not 3 <= len(username) <= 32 else ''))
    return lowered


@dataclass
class SetupResult:
    org_id: int
    username: str
    recovery_codes: list[str]


@db.own_tenant
def setup_lao(*, name: str, dla_code: str, lao_type: str, size: str, province_code: str, district_name: str,
              letter_prefix: str, admin_full_name: str, admin_username: str, admin_password: str,
              admin_confirm: str) -> SetupResult:
    """First run: the LAO from its template, and its first administrator with ten recovery codes."""
    username = check_username(admin_username)
    if not admin_full_name.strip():
        raise SetupError('ชื่อ-สกุลผู้ดูแลระบบ: กรุณากรอก')
    try:
        auth.check_new_password(admin_password, admin_confirm)
    except auth.AuthError as error:
        raise SetupError(str(error)) from error
    password_hash = auth.hash_password(admin_password)
    with db.session_scope(write=True) as session:
        if session.exec(select(Organization.id).limit(1)).first() is not None:
            raise SetupError('ระบบนี้ตั้งค่าไปแล้ว')
        org, _ = create_organization(session, name=name, dla_code=dla_code, lao_type=lao_type, size=size,
                                     province_code=province_code, district_name=district_name,
                                     letter_prefix=letter_prefix)
        # the account created at first set-up is also the install's administrator (it creates the install's other LAOs)
        user = User(org_id=org.id, username=username, full_name=admin_full_name.strip(), password_hash=password_hash,
                    install_admin=True)
        session.add(user)
        session.flush()
        for role_key in ('system_admin', 'staff'):  # no position yet: the administrator assigns one later
            session.add(RoleGrant(org_id=org.id, user_id=user.id, role_key=role_key, reason='ผู้ดูแลระบบคนแรก'))
        audit.record(session, 'user_created', org_id=org.id, actor_id=user.id, actor_name=user.full_name,
                     object_type='User', object_id=user.id, data={'username': username, 'first_admin': True})
        org_id, user_id = org.id, user.id
    return SetupResult(org_id, username, auth.regenerate_recovery_codes(user_id))


# --- users, positions held, extra roles -------------------------------------------------------------------------

class AdminError(Refusal):
    """A refusal whose Thai message names the field."""


def _get_user(session, actor: Principal, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.org_id != actor.org_id:
        raise AdminError('ไม่พบผู้ใช้งาน')
    return user


def new_user(session: Session, actor: Principal, values: dict) -> User:
    """A new account (the users register's create hook) with an initial password the user must change at first
    sign-in; each refusal names its form field."""
    errors = {}
    try:
        username = check_username(values.get('username') or '')
    except SetupError as error:
        errors['username'] = str(error)
    full_name = (values.get('full_name') or '').strip()
    if not full_name:
        errors['full_name'] = 'ชื่อ-สกุล: กรุณากรอก'
    try:
        auth.check_new_password(values.get('password') or '', values.get('confirm') or '')
    except auth.AuthError as error:
        errors['password'] = str(error).replace('รหัสผ่านใหม่', 'รหัสผ่านเริ่มต้น')
    if not errors and session.exec(select(User.id).where(User.username == username)).first():
        errors['username'] = f'ชื่อผู้ใช้: "{username}" มีผู้ใช้แล้ว'
    if errors:
        raise AdminError('', errors)
    user = User(org_id=actor.org_id, username=username, full_name=full_name,
                password_hash=auth.hash_password(values['password']), must_change_password=True,
                email=(values.get('email') or '').strip(), phone=(values.get('phone') or '').strip())
    session.add(user)
    session.flush()
    if values.get('position_id'):
        _assign(session, actor, user, values['position_id'], acting=False)
    return user


def create_user(actor: Principal, *, username: str, full_name: str, password: str, confirm: str,
                position_id: int | None = None, email: str = '', phone: str = '') -> int:
    """A new account through the users register's rules (service callers and the demo)."""
    return create(REGISTRY['admin/users'], actor, dict(username=username, full_name=full_name, password=password,
                                                       confirm=confirm, position_id=position_id, email=email,
                                                       phone=phone))


def set_active(actor: Principal, user_id: int, active: bool) -> None:
    require(actor, 'admin.user.manage')
    with db.session_scope(write=True) as session:
        user = _get_user(session, actor, user_id)
        if user.id == actor.user_id and not active:
            raise AdminError('ไม่สามารถระงับบัญชีของตนเองได้')
        user.is_active = active
        user.session_version += 1
        session.add(user)
        audit.record_by(session, actor, 'user_activated' if active else 'user_deactivated', 'User', user.id)


def unlock(actor: Principal, user_id: int) -> None:
    """Clear the account's failed sign-ins at every address (it is then neither slowed nor locked anywhere)."""
    require(actor, 'admin.user.manage')
    with db.session_scope(write=True) as session:
        user = _get_user(session, actor, user_id)
        throttle.clear(session, user.username)
        audit.record_by(session, actor, 'user_unlocked', object_type='User', object_id=user.id)


def _assign(session, actor: Principal, user: User, position_id: int, acting: bool) -> None:
    position = session.get(Position, position_id)
    if position is None or position.org_id != actor.org_id:
        raise AdminError('ตำแหน่ง: ไม่พบตำแหน่งนี้')
    if session.exec(select(Assignment.id).where(Assignment.user_id == user.id,
                                                Assignment.position_id == position_id)).first():
        raise AdminError(f'ตำแหน่ง: {user.full_name} ดำรงตำแหน่ง {position.title} อยู่แล้ว')
    first = session.exec(select(Assignment.id).where(Assignment.user_id == user.id)).first() is None
    session.add(Assignment(org_id=actor.org_id, user_id=user.id, position_id=position_id, acting=acting,
                           is_primary=first, created_by=actor.user_id))
    audit.record_by(session, actor, 'position_assigned', object_type='User', object_id=user.id,
                 data={'position': position.title, 'position_id': position.id, 'acting': acting})


def assign_position(actor: Principal, user_id: int, position_id: int | None, acting: bool = False) -> None:
    """Let a user hold one more position (small LAOs: one person, several duties)."""
    require(actor, 'admin.user.manage')
    if not position_id:
        raise AdminError('ตำแหน่ง: กรุณาเลือก')
    with db.session_scope(write=True) as session:
        _assign(session, actor, _get_user(session, actor, user_id), position_id, acting)


def remove_assignment(actor: Principal, user_id: int, position_id: int) -> None:
    require(actor, 'admin.user.manage')
    with db.session_scope(write=True) as session:
        user = _get_user(session, actor, user_id)
        row = session.exec(select(Assignment).where(Assignment.user_id == user.id,
                                                    Assignment.position_id == position_id)).first()
        if row is None:
            raise AdminError('ไม่พบการดำรงตำแหน่งนี้')
        session.delete(row)
        audit.record_by(session, actor, 'position_unassigned', object_type='User', object_id=user.id,
                     data={'position_id': position_id})


def user_assignments(actor: Principal, user_id: int) -> list[tuple[int, str, bool]]:
    require(actor, 'admin.user.manage')
    with db.session_scope() as session:
        _get_user(session, actor, user_id)
        rows = session.exec(select(Assignment, Position, Division).join(Position, Position.id == Assignment.position_id)
                            .join(Division, Division.id == Position.division_id)
                            .where(Assignment.user_id == user_id).order_by(Position.sort_order)).all()
    return [(p.id, f'{p.title} — {d.name}', a.acting) for a, p, d in rows]


def position_choices(actor: Principal) -> dict[int, str]:
    """Every active position with its holders, for the assignment picker."""
    with db.session_scope() as session:
        rows = session.exec(select(Position, Division).join(Division, Division.id == Position.division_id)
                            .where(Position.org_id == actor.org_id, Position.is_active)
                            .order_by(Position.sort_order)).all()
        holders = dict(session.exec(select(Assignment.position_id, User.full_name)
                                    .join(User, User.id == Assignment.user_id)
                                    .where(Assignment.org_id == actor.org_id)).all())
    return {p.id: f'{p.title} — {d.name}' + (f' (ผู้ดำรง: {holders[p.id]})' if p.id in holders else ' (ว่าง)')
            for p, d in rows}


def user_grants(actor: Principal, user_id: int) -> list[str]:
    """The extra roles granted to one user."""
    require(actor, 'admin.user.manage')
    with db.session_scope() as session:
        _get_user(session, actor, user_id)
        return list(session.exec(select(RoleGrant.role_key).where(RoleGrant.user_id == user_id)).all())


def role_choices(actor: Principal) -> dict[str, str]:
    with db.session_scope() as session:
        return {r.key: r.title for r in session.exec(select(Role).where(Role.org_id == actor.org_id)).all()}


def grant_role(actor: Principal, user_id: int, role_key: str | None, reason: str) -> None:
    require(actor, 'admin.role.manage')
    if not role_key:
        raise AdminError('บทบาท: กรุณาเลือก')
    if not reason.strip():
        raise AdminError('เหตุผล: กรุณาระบุ (เช่น คำสั่งมอบหมายงานที่ .../2569)')
    with db.session_scope(write=True) as session:
        user = _get_user(session, actor, user_id)
        if session.exec(select(Role.id).where(Role.org_id == actor.org_id, Role.key == role_key)).first() is None:
            raise AdminError('บทบาท: ไม่พบบทบาทนี้')
        if session.exec(select(RoleGrant.id).where(RoleGrant.user_id == user.id,
                                                   RoleGrant.role_key == role_key)).first():
            raise AdminError('บทบาท: ผู้ใช้นี้ได้รับบทบาทนี้อยู่แล้ว')
        session.add(RoleGrant(org_id=actor.org_id, user_id=user.id, role_key=role_key, reason=reason.strip(),
                              created_by=actor.user_id))
        audit.record_by(session, actor, 'role_granted', object_type='User', object_id=user.id,
                        data={'role': role_key, 'reason': reason.strip()})


def revoke_role(actor: Principal, user_id: int, role_key: str) -> None:
    require(actor, 'admin.role.manage')
    with db.session_scope(write=True) as session:
        user = _get_user(session, actor, user_id)
        grant = session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id,
                                                     RoleGrant.role_key == role_key)).first()
        if grant is None:
            raise AdminError('ไม่พบบทบาทเพิ่มเติมนี้')
        if role_key == 'system_admin' and user.id == actor.user_id:
            raise AdminError('ไม่สามารถถอนบทบาทผู้ดูแลระบบของตนเองได้')
        session.delete(grant)
        audit.record_by(session, actor, 'role_revoked', object_type='User', object_id=user.id, data={'role': role_key})


def roles_overview(actor: Principal) -> list[Role]:
    require(actor, 'admin.role.manage')
    with db.session_scope() as session:
        return list(session.exec(select(Role).where(Role.org_id == actor.org_id).order_by(Role.id)).all())


@dataclass(frozen=True)
class RoleDrift:
    """How one of the LAO's roles differs from the current template (assets/roles.yaml): roles are copied at
    set-up, so an LAO set up before a template changed keeps the old text until the administrator adopts the new."""

    key: str
    title: str
    added: tuple[str, ...]  # in the template, not in the LAO's role
    removed: tuple[str, ...]  # in the LAO's role, not in the template
    scope: tuple[str, str] | None  # (the LAO's, the template's) when they differ
    missing: bool = False  # the template has a role the LAO does not


def role_drift(actor: Principal) -> list[RoleDrift]:
    require(actor, 'admin.role.manage')
    with db.session_scope() as session:
        held = {r.key: r for r in session.exec(select(Role).where(Role.org_id == actor.org_id)).all()}
    drift = []
    for key, template in role_templates().items():
        role = held.get(key)
        now = parse_permissions(role.permissions) if role else []
        added = tuple(p for p in template.permissions if p not in now)
        removed = tuple(p for p in now if p not in template.permissions)
        scope = (role.scope, template.scope) if role and role.scope != template.scope else None
        if role is None or added or removed or scope:
            drift.append(RoleDrift(key, template.title, added, removed, scope, missing=role is None))
    return drift


@dataclass(frozen=True)
class SeatDrift:
    """A position whose roles differ from its seat in the LAO's structure template (by the seat's code)."""

    position_id: int
    title: str
    added: tuple[str, ...]  # role keys the template gives the seat, which the position lacks
    removed: tuple[str, ...]  # role keys the position carries, which the template does not give


def _template_seats(org: Organization) -> dict[str, list[str]]:
    """Seat code -> the template's role keys, for the structure template of the LAO's type and size."""
    try:
        template = template_for(org.lao_type, org.size)
    except SetupError:
        return {}
    return {seat.code: list(dict.fromkeys(seat.roles))
            for division in template.divisions for seat in division.positions}


def seat_drift(actor: Principal) -> list[SeatDrift]:
    require(actor, 'admin.role.manage')
    with db.session_scope() as session:
        seats = _template_seats(session.get(Organization, actor.org_id))
        positions = session.exec(select(Position).where(Position.org_id == actor.org_id, Position.is_active)
                                 .order_by(Position.sort_order)).all()
        carried: dict[int, list[str]] = {}
        for position_id, key in session.exec(select(PositionRole.position_id, PositionRole.role_key).where(
                PositionRole.org_id == actor.org_id).order_by(PositionRole.id)).all():
            carried.setdefault(position_id, []).append(key)
    drift = []
    for position in positions:
        code = position.code if position.code in seats else position.code.rsplit('-', 1)[0]  # SEAT-2: a 2nd seat
        wanted = seats.get(code)
        if wanted is None:
            continue  # a position the administrator added: no template to compare with
        now = carried.get(position.id, [])
        added, removed = tuple(k for k in wanted if k not in now), tuple(k for k in now if k not in wanted)
        if added or removed:
            drift.append(SeatDrift(position.id, position.title, added, removed))
    return drift


def adopt_seat_template(actor: Principal, position_id: int) -> None:
    """Give the position the roles its seat has in the structure template; audited with what changed."""
    found = next((d for d in seat_drift(actor) if d.position_id == position_id), None)
    if found is None:
        raise Refusal('ตำแหน่งนี้มีบทบาทตรงตามแม่แบบแล้ว')
    with db.session_scope(write=True) as session:
        for key in found.removed:
            for row in session.exec(select(PositionRole).where(PositionRole.position_id == position_id,
                                                               PositionRole.role_key == key)).all():
                session.delete(row)
        for key in found.added:
            session.add(PositionRole(org_id=actor.org_id, position_id=position_id, role_key=key))
        session.flush()
        audit.record_by(session, actor, 'seat_template_adopted', 'Position', position_id,
                        {'added': list(found.added), 'removed': list(found.removed)})


def adopt_role_template(actor: Principal, key: str) -> None:
    """Give the LAO's role the template's permissions and scope (or add the template's role the LAO lacks);
    audited with what changed. Everyone holding the role gets the new rights on their next page."""
    require(actor, 'admin.role.manage')
    template = role_templates().get(key)
    if template is None:
        raise Refusal('ไม่พบบทบาทนี้ในแม่แบบ')
    with db.session_scope(write=True) as session:
        role = session.exec(select(Role).where(Role.org_id == actor.org_id, Role.key == key)).first()
        before = {'permissions': parse_permissions(role.permissions), 'scope': role.scope} if role else None
        role = role or Role(org_id=actor.org_id, key=key)
        role.title, role.description, role.scope = template.title, template.description, template.scope
        role.permissions = '\n'.join(template.permissions)
        session.add(role)
        session.flush()
        audit.record_by(session, actor, 'role_template_adopted', 'Role', role.id, {
            'key': key, 'before': before, 'after': {'permissions': template.permissions, 'scope': template.scope}})


# --- the LAO's settings -----------------------------------------------------------------------------------------

SETTING_LIMITS = {  # field -> (Thai label, minimum, maximum)
    'session_hours': ('ระยะเวลาใช้งานต่อการเข้าระบบ (ชั่วโมง)', 1, 24),
    'lockout_attempts': ('จำนวนครั้งที่ใส่รหัสผิดจากเครื่องเดียวก่อนระงับชื่อผู้ใช้นั้นที่เครื่องนั้น', 10, 100),
    'lockout_minutes': ('ระยะเวลาระงับ (นาที)', 1, 1440),
    'attachment_max_mb': ('ขนาดไฟล์แนบสูงสุด (MB)', 1, 200),
}


ADDRESS_FIELDS = {  # field -> (Thai label, longest) -- the address printed on the LAO's letters
    'address_line': ('ที่ตั้ง (เลขที่ หมู่ที่ ถนน)', 200),
    'subdistrict_name': ('ตำบล', 100),
    'postcode': ('รหัสไปรษณีย์', 5),
    'phone': ('โทรศัพท์ (พิมพ์ท้ายหนังสือ)', 60),
    'tax_id': ('เลขประจำตัวผู้เสียภาษีอากรของ อปท. (พิมพ์ในหนังสือรับรองการหักภาษี ณ ที่จ่าย)', 13),
}
GARUDA_RULES = files.Rules(2 * 1024 * 1024, ('png', 'svg'))  # the ครุฑ: one PNG or SVG image, up to 2 MB


def get_settings_of(actor: Principal) -> Organization:
    require(actor, 'admin.org.manage')
    with db.session_scope() as session:
        return session.get(Organization, actor.org_id)


def _seats(session: Session, org_id: int) -> dict[int, str]:
    rows = session.exec(select(Position.id, Position.title, Division.name).join(
        Division, Division.id == Position.division_id).where(Position.org_id == org_id, Position.is_active)
        .order_by(Division.sort_order, Position.sort_order)).all()
    return {position_id: f'{title} ({division})' for position_id, title, division in rows}


def settings_seats(actor: Principal) -> dict[int, str]:
    """The positions the secret-letter officer's seat is chosen from: id -> "title (division)"."""
    require(actor, 'admin.org.manage')
    with db.session_scope() as session:
        return _seats(session, actor.org_id)


def update_settings(actor: Principal, values: dict) -> None:
    """Validate every field first (Thai message naming each wrong field), then save and audit the changes."""
    require(actor, 'admin.org.manage')
    errors, clean = [], {}
    for key, (label, low, high) in SETTING_LIMITS.items():
        try:
            number = int(str(values.get(key, '')).strip())
        except ValueError:
            errors.append(f'{label}: ต้องเป็นตัวเลขจำนวนเต็ม')
            continue
        if not low <= number <= high:
            errors.append(f'{label}: ต้องอยู่ระหว่าง {low}–{high}')
        clean[key] = number
    types = sorted({t.strip().lower().lstrip('.') for t in str(values.get('attachment_types', '')).split(',')} - {''})
    if not types or not all(t.isalnum() and len(t) <= 5 for t in types):
        errors.append('ชนิดไฟล์แนบที่อนุญาต: ระบุนามสกุลไฟล์คั่นด้วยจุลภาค เช่น pdf,jpg,png')
    clean['attachment_types'] = ','.join(types)
    clean['letter_prefix'] = str(values.get('letter_prefix', '')).strip()[:30]
    for key, (label, longest) in ADDRESS_FIELDS.items():
        if key in values:  # a form without the address leaves it as it is
            clean[key] = str(values[key] or '').strip()
            if len(clean[key]) > longest:
                errors.append(f'{label}: ยาวได้ไม่เกิน {longest} ตัวอักษร')
    if clean.get('postcode') and not re.fullmatch(r'\d{5}', clean['postcode']):
        errors.append('รหัสไปรษณีย์: ต้องเป็นตัวเลข 5 หลัก')
    if clean.get('tax_id'):
        try:
            clean['tax_id'] = clean_citizen_id(clean['tax_id'])
        except ValueError as error:
            errors.append(f'{ADDRESS_FIELDS["tax_id"][0]}: {error}')
    if errors:
        raise AdminError('\n'.join(errors))
    with db.session_scope(write=True) as session:
        if 'secret_officer_position_id' in values:  # a form without the field leaves the seat as it is
            seat = values['secret_officer_position_id'] or None
            if seat is not None and seat not in _seats(session, actor.org_id):
                raise AdminError('นายทะเบียนหนังสือลับ: ไม่พบตำแหน่งนี้ใน อปท.')
            clean['secret_officer_position_id'] = seat
        org = session.get(Organization, actor.org_id)
        before = {k: getattr(org, k) for k in clean}
        for key, value in clean.items():
            setattr(org, key, value)
        session.add(org)
        audit.record_by(session, actor, 'org_settings_changed', 'Organization', org.id, audit.changes(before, clean))


def set_garuda(actor: Principal, filename: str, content: bytes) -> None:
    """The ครุฑ printed on the LAO's letters (ตั้งค่า อปท.): a PNG or SVG kept as an attachment of the organisation;
    an image the PDF maker cannot draw is refused before it is kept."""
    require(actor, 'admin.org.manage')
    files.check(filename, content, GARUDA_RULES)
    if not _drawable(content):
        raise AdminError(f'ไฟล์ {filename}: เปิดเป็นภาพไม่ได้ กรุณาใช้ไฟล์ PNG หรือ SVG ของตราครุฑ')
    attachment = files.save(actor, 'Organization', actor.org_id, filename, content, GARUDA_RULES)
    with db.session_scope(write=True) as session:
        org = session.get(Organization, actor.org_id)
        before, org.garuda_attachment_id = org.garuda_attachment_id, attachment.id
        session.add(org)
        audit.record_by(session, actor, 'org_settings_changed', 'Organization', org.id,
                        {'garuda_attachment_id': [before, attachment.id], 'file': attachment.filename})


def _drawable(content: bytes) -> bool:
    """Whether fpdf2 draws the image (as the letters will)."""
    pdf = thai_pdf()
    pdf.add_page()
    try:
        pdf.image(io.BytesIO(content), x=10, y=10, h=30)
        pdf.output()
    except Exception:  # noqa: BLE001 -- any failure to decode means the file is not a usable image
        return False
    return True


def audit_events(actor: Principal, limit: int = 200, action: str | None = None) -> list:
    require(actor, 'admin.audit.read')
    with db.session_scope() as session:
        query = select(AuditEvent).where(AuditEvent.org_id == actor.org_id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(session.exec(query.order_by(AuditEvent.id.desc()).limit(limit)).all())


def account_access(actor: Principal, user_id: int) -> tuple[list[str], int]:
    """For the users register's detail page: the addresses the account is locked at now, and how many unused
    recovery codes it has."""
    require(actor, 'admin.user.manage')
    with db.session_scope() as session:
        user = _get_user(session, actor, user_id)
        return throttle.locked_addresses(session, user), _unused_codes(session, actor).get(user.id, 0)


def _unused_codes(session: Session, actor: Principal) -> dict[int, int]:
    return dict(session.exec(select(RecoveryCode.user_id, func.count()).where(
        RecoveryCode.org_id == actor.org_id, RecoveryCode.used_at.is_(None)).group_by(RecoveryCode.user_id)).all())


def users_without_codes(actor: Principal) -> list[tuple[int, str, str]]:
    """Active accounts with no unused recovery code (id, name, username): they cannot recover offline until they
    next set a password (at their first sign-in, or after a reset code)."""
    require(actor, 'admin.user.manage')
    with db.session_scope() as session:
        having = _unused_codes(session, actor)
        users = session.exec(select(User).where(User.org_id == actor.org_id, User.is_active)
                             .order_by(User.full_name)).all()
        return [(u.id, u.full_name, u.username) for u in users if not having.get(u.id)]


def recent_sign_in_failures(actor: Principal) -> list[throttle.FailureSummary]:
    """Failed sign-ins of the LAO's accounts in the last day, by name and address (the administrator's home)."""
    require(actor, 'admin.user.manage')
    with db.session_scope() as session:
        return throttle.recent(session, actor.org_id)


def pending_work(actor: Principal) -> list:
    """Work for administrators on the home page: accounts locked at some address after failed sign-ins."""
    if not actor.can('admin.user.manage'):
        return []
    with db.session_scope() as session:
        users = session.exec(select(User).join(SignInFailure, SignInFailure.user_id == User.id).where(
            User.org_id == actor.org_id, ~SignInFailure.cleared,
            SignInFailure.at > throttle.now() - throttle.LOCK_WINDOW).distinct()).all()
        locked = [u for u in users if throttle.locked_addresses(session, u)]
    return [PendingWork('บัญชีผู้ใช้ที่ถูกระงับชั่วคราว', len(locked), '/admin/users')]
