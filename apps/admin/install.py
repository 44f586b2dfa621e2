"""The install's administrator (ผู้ดูแลระบบของการติดตั้ง): the LAOs of the install, each created from the DLA registry
with its structure template and a first administrator; who else administers the install; the cross-LAO readers.

The install.* permissions belong to no LAO role (core/access.py): the account created at first set-up holds them, and
only an install administrator gives them to another account. Each LAO's own administrator (admin.*) manages only its
own LAO (every admin service looks the record up within the actor's organisation).
"""

import secrets
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from apps.admin.service import check_username
from core import audit, auth, db
from core.access import READER_SCOPES, Principal, require
from core.errors import Refusal
from core.lao_directory import LAO_TYPE_SHORT, LAO_TYPES, SIZES, RegisteredLAO, clean_dla_code, registered_laos
from core.lao_directory import provinces as province_names
from core.structure import SetupError, create_organization
from models.org import Organization, RoleGrant, User

MANAGE = 'install.lao.manage'
GRANT = 'install.admin.grant'


class InstallError(Refusal):
    """A refusal whose Thai message names the field."""


@dataclass(frozen=True)
class InstalledLAO:
    id: int
    dla_code: str
    name: str
    kind: str  # อบต., ทต., …
    province: str
    district: str
    size: str
    users: int
    is_demo: bool


@dataclass(frozen=True)
class NewAccount:
    org_id: int
    username: str
    password: str  # shown once; the holder must change it at first sign-in


def laos(actor: Principal) -> list[InstalledLAO]:
    """Every LAO of the install, by province and DLA code, with its number of accounts."""
    require(actor, MANAGE, where='install')
    with db.session_scope() as session:
        counts = dict(session.exec(select(User.org_id, func.count(User.id)).group_by(User.org_id)).all())
        orgs = session.exec(select(Organization).order_by(Organization.province_code, Organization.dla_code)).all()
        return [InstalledLAO(o.id, o.dla_code, o.name, LAO_TYPE_SHORT.get(o.lao_type, o.lao_type), o.province_name,
                             o.district_name, SIZES.get(o.size, o.size), counts.get(o.id, 0), o.is_demo)
                for o in orgs]


def search_registry(actor: Principal, text: str, limit: int = 20) -> list[tuple[RegisteredLAO, bool]]:
    """Registered LAOs whose code begins with, or whose name contains, `text` (with whether the install has it)."""
    require(actor, MANAGE, where='install')
    text = (text or '').strip()
    if not text:
        return []
    code = clean_dla_code(text)
    with db.session_scope() as session:
        have = set(session.exec(select(Organization.dla_code)).all())
    found = [lao for lao in registered_laos().values()
             if (code and lao.dla_code.startswith(code)) or (not code and text in lao.full_name)]
    return [(lao, lao.dla_code in have) for lao in found[:limit]]


def one_time_password() -> str:
    """A first password to hand over once (letters and digits, 12 characters; changed at first sign-in)."""
    alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
    while True:
        password = ''.join(secrets.choice(alphabet) for _ in range(12))
        if not password.isdigit():
            return password


def _new_account(session, org_id: int, username: str, full_name: str, **flags) -> tuple[User, str]:
    if not full_name.strip():
        raise InstallError('', {'admin_full_name': 'ชื่อ-สกุล: กรุณากรอก'})
    if session.exec(select(User.id).where(User.username == username)).first():
        raise InstallError('', {'admin_username': f'ชื่อผู้ใช้: "{username}" มีผู้ใช้แล้ว'})
    password = one_time_password()
    user = User(org_id=org_id, username=username, full_name=full_name.strip(), must_change_password=True,
                password_hash=auth.hash_password(password), **flags)
    session.add(user)
    session.flush()
    return user, password


def _username(text: str) -> str:
    try:
        return check_username(text)
    except SetupError as error:
        raise InstallError('', {'admin_username': str(error)}) from error


def create_lao(actor: Principal, *, dla_code: str, size: str, admin_full_name: str, admin_username: str,
               letter_prefix: str = '', is_demo: bool = False) -> NewAccount:
    """An LAO of the registry with its divisions, positions and roles from the structure template of its type and
    size (as first set-up makes them), and its first administrator with a one-time password."""
    require(actor, MANAGE, where='install')
    lao = registered_laos().get(clean_dla_code(dla_code))
    if lao is None:
        raise InstallError('', {'dla_code': 'รหัส อปท.: ไม่พบในทะเบียนกรมส่งเสริมการปกครองท้องถิ่น'})
    if size not in SIZES:
        raise InstallError('', {'size': 'ขนาด: กรุณาเลือก'})
    username = _username(admin_username)
    with db.session_scope(write=True) as session:
        try:
            org, _ = create_organization(session, name=lao.full_name, dla_code=lao.dla_code, lao_type=lao.lao_type,
                                         size=size, province_code=lao.province_code,
                                         district_name=lao.district_name, letter_prefix=letter_prefix,
                                         is_demo=is_demo)
        except SetupError as error:
            raise InstallError('', {'dla_code' if 'รหัส' in str(error) else 'size': str(error)}) from error
        user, password = _new_account(session, org.id, username, admin_full_name)
        for role_key in ('system_admin', 'staff'):
            session.add(RoleGrant(org_id=org.id, user_id=user.id, role_key=role_key,
                                  reason='ผู้ดูแลระบบคนแรกของ อปท. (ผู้ดูแลระบบของการติดตั้งสร้าง)',
                                  created_by=None))
        audit.record(session, 'install_lao_created', org_id=org.id, actor_id=actor.user_id,
                     actor_name=actor.full_name, object_type='Organization', object_id=org.id,
                     data={'dla_code': org.dla_code, 'name': org.name, 'size': size, 'admin': username,
                           'by_org': actor.org_id})
        return NewAccount(org.id, username, password)


def create_reader(actor: Principal, *, org_id: int, reach: str, full_name: str, username: str) -> NewAccount:
    """A cross-LAO reader's account (ผู้ตรวจสอบระดับจังหวัด) kept in the LAO `org_id`: it reads the LAOs of that
    LAO's province ('province') or every LAO of the install ('install'), and writes nothing."""
    require(actor, MANAGE, where='install')
    if reach not in READER_SCOPES:
        raise InstallError('', {'reach': 'ขอบเขตการอ่าน: กรุณาเลือก'})
    username = _username(username)
    with db.session_scope(write=True) as session:
        if session.get(Organization, org_id) is None:
            raise InstallError('', {'org_id': 'อปท. ต้นสังกัดของบัญชี: กรุณาเลือก'})
        user, password = _new_account(session, org_id, username, full_name, reads_across=reach)
        audit.record(session, 'install_reader_created', org_id=org_id, actor_id=actor.user_id,
                     actor_name=actor.full_name, object_type='User', object_id=user.id,
                     data={'username': username, 'reach': reach})
        return NewAccount(org_id, username, password)


def install_admins(actor: Principal) -> list[tuple[int, str, str, str]]:
    """The install's administrators and readers: (user id, username, full name, what they hold)."""
    require(actor, MANAGE, where='install')
    with db.session_scope() as session:
        rows = session.exec(select(User, Organization.name).join(Organization, Organization.id == User.org_id)
                            .where((User.install_admin) | (User.reads_across != '')).order_by(User.id)).all()
        return [(u.id, u.username, f'{u.full_name} ({name})',
                 'ผู้ดูแลระบบของการติดตั้ง' if u.install_admin else READER_SCOPES.get(u.reads_across, ''))
                for u, name in rows]


def set_install_admin(actor: Principal, username: str, on: bool) -> None:
    """Give (or take back) the install's administration to an account of any LAO; only an install administrator
    may, and never to themself nor to a reader."""
    require(actor, GRANT, where='install')
    with db.session_scope(write=True) as session:
        user = session.exec(select(User).where(User.username == (username or '').strip().lower())).first()
        if user is None:
            raise InstallError('', {'username': 'ชื่อผู้ใช้: ไม่พบบัญชีนี้'})
        if user.id == actor.user_id:
            raise InstallError('', {'username': 'ชื่อผู้ใช้: เปลี่ยนสิทธิ์ของตนเองไม่ได้'})
        if user.reads_across and on:
            raise InstallError('', {'username': 'ชื่อผู้ใช้: บัญชีผู้ตรวจสอบ (อ่านอย่างเดียว) เป็นผู้ดูแลระบบไม่ได้'})
        user.install_admin = on
        user.session_version += 1
        session.add(user)
        audit.record(session, 'install_admin_granted' if on else 'install_admin_revoked', org_id=user.org_id,
                     actor_id=actor.user_id, actor_name=actor.full_name, object_type='User', object_id=user.id,
                     data={'username': user.username})


def province_choices() -> dict[str, str]:
    return province_names()


def type_title(lao_type: str) -> str:
    return LAO_TYPES.get(lao_type, lao_type)
