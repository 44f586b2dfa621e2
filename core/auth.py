"""Local accounts: argon2 passwords, throttled sign-in (core.throttle), recovery codes and administrator-issued
reset codes.

Hashing is slow on purpose (about 150 ms); callers on the event loop run these functions through
`nicegui.run.io_bound`. Every login, failure, lock, recovery and reset is audited.
"""

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import update
from sqlmodel import Session, select

from core import audit, db, throttle
from core.access import Principal, require
from core.errors import Refusal
from models.base import utcnow
from models.org import Organization, RecoveryCode, ResetCode, User

passwords = PasswordHash((Argon2Hasher(),))
# Recovery and reset codes carry about 60 bits of randomness, so a light argon2 is enough and keeps
# generating ten of them fast.
codes = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8192, parallelism=1),))


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown (made on first need: 0.15 s less at start)."""
    return passwords.hash('not-a-real-password')

CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'  # no 0/O, 1/I
RECOVERY_CODE_COUNT = 10
RESET_CODE_HOURS = 24
MIN_PASSWORD_LENGTH = 8

BAD_LOGIN = 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง'
BAD_CODE = 'ชื่อผู้ใช้หรือรหัสกู้คืนไม่ถูกต้อง หรือรหัสนี้ถูกใช้ไปแล้ว'


class AuthError(Refusal):
    """A refusal whose Thai message is safe to show."""


@dataclass
class LoginResult:
    ok: bool
    message: str = ''
    user_id: int | None = None
    org_id: int | None = None
    session_version: int = 0
    session_hours: int = 8
    must_change_password: bool = False
    retry_after: int = 0  # seconds, when refused by the throttle


def hash_password(password: str) -> str:
    return passwords.hash(password)


def check_new_password(password: str, confirm: str | None = None) -> None:
    """Raise AuthError with a Thai message naming what is wrong with a new password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f'รหัสผ่านใหม่: ต้องยาวอย่างน้อย {MIN_PASSWORD_LENGTH} ตัวอักษร')
    if password.isdigit():
        raise AuthError('รหัสผ่านใหม่: ต้องมีตัวอักษรอื่นนอกจากตัวเลข')
    if confirm is not None and confirm != password:
        raise AuthError('ยืนยันรหัสผ่าน: ไม่ตรงกับรหัสผ่านใหม่')


def _format_code(raw: str) -> str:
    return '-'.join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _normalise_code(code: str) -> str:
    return ''.join(ch for ch in code.upper() if ch.isalnum())


def new_code(length: int = 12) -> str:
    return _format_code(''.join(secrets.choice(CODE_ALPHABET) for _ in range(length)))


def _find_user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == throttle.name_of(username))).first()


def _org_of(user_id: int) -> tuple[int, ...]:
    """The account's organisation, read through the fence's sign-in exception (PostgreSQL only)."""
    with db.tenant(sign_in=True), db.session_scope() as session:
        org_id = session.exec(select(User.org_id).where(User.id == user_id)).first()
    return () if org_id is None else (org_id,)


def for_account(function):
    """Run a function of an account (its id first) as the account's own organisation: sign-in and password
    changes come before (or without) a principal. SQLite has no fence: nothing is read."""
    @functools.wraps(function)
    def fenced(user_id: int, *args, **kwargs):
        if db.is_sqlite():
            return function(user_id, *args, **kwargs)
        with db.tenant(_org_of(user_id)):
            return function(user_id, *args, **kwargs)
    return fenced


def _checked_in(username: str, source: str) -> tuple[User | None, throttle.Verdict]:
    """The account by this name (if any) and whether the name may try from this address now (found through the
    fence's sign-in exception: the account's organisation is not known yet)."""
    with db.tenant(sign_in=True), db.session_scope() as session:
        user = _find_user(session, username)
        return user, throttle.check(session, username, source, user)


def login(username: str, password: str, source: str = '') -> LoginResult:
    """Check a username and password from a client address; a name failing from an address is slowed and then
    locked there (core.throttle); every outcome but a throttled try is audited."""
    user, verdict = _checked_in(username, source)
    with db.tenant((user.org_id,) if user else ()):
        return _login(user, verdict, username, password, source)


def _login(user: User | None, verdict: throttle.Verdict, username: str, password: str, source: str) -> LoginResult:
    if verdict.refused:  # not audited: the failures that caused it were, and refusals cost an attacker nothing
        return LoginResult(False, verdict.message, retry_after=verdict.wait or verdict.locked_minutes * 60)
    if user is None or not user.is_active:
        passwords.verify(password, _dummy_hash())  # same cost whether or not the user exists
        after = throttle.fail(username, source, 'password', user, 'login_failed',
                              {'reason': 'inactive' if user else 'unknown'})
        return LoginResult(False, after.message if after.locked_minutes else BAD_LOGIN)
    valid, new_hash = passwords.verify_and_update(password, user.password_hash)
    if not valid:
        after = throttle.fail(username, source, 'password', user, 'login_failed', {'reason': 'password'})
        return LoginResult(False, after.message if after.locked_minutes else BAD_LOGIN)
    return signed_in(user.id, source, new_hash=new_hash)


@for_account
def signed_in(user_id: int, source: str, new_hash: str | None = None, via: str = '') -> LoginResult:
    """A sign-in that passed (a password here, or the province's provider): clear this name's failures at this
    address, stamp and audit it, and return what the session keeps."""
    with db.session_scope(write=True) as session:
        user = session.get(User, user_id)
        throttle.clear(session, user.username, source)
        values = {'last_login_at': utcnow(), **({'password_hash': new_hash} if new_hash else {})}
        session.exec(update(User).where(User.id == user.id).values(**values))
        audit.record(session, 'login', org_id=user.org_id, actor_id=user.id, actor_name=user.full_name,
                     object_type='User', object_id=user.id, data={'from': source, **({'via': via} if via else {})})
        org = session.get(Organization, user.org_id)
        return LoginResult(True, user_id=user.id, org_id=user.org_id, session_version=user.session_version,
                           session_hours=org.session_hours, must_change_password=user.must_change_password)


def _set_password(session: Session, user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    throttle.clear(session, user.username)
    user.must_change_password = False
    user.session_version += 1  # signs out every other session of this user
    session.add(user)


@for_account
def change_password(user_id: int, old_password: str, new_password: str, confirm: str, source: str = '') -> list[str]:
    """Set a new password. An account with no recovery codes left (e.g. one an administrator just created or
    reset) gets its ten codes now, returned to be shown once."""
    check_new_password(new_password, confirm)
    with db.session_scope() as session:
        user = session.get(User, user_id)
        verdict = throttle.check(session, user.username, source, user)
    if verdict.refused:
        raise AuthError(verdict.message)
    if not passwords.verify(old_password, user.password_hash):
        after = throttle.fail(user.username, source, 'password', user, 'password_change_failed',
                              {'reason': 'old password'})
        raise AuthError(after.message if after.locked_minutes else 'รหัสผ่านเดิม: ไม่ถูกต้อง')
    with db.session_scope(write=True) as session:
        user = session.get(User, user_id)
        _set_password(session, user, new_password)
        audit.record(session, 'password_changed', org_id=user.org_id, actor_id=user.id, actor_name=user.full_name,
                     object_type='User', object_id=user.id)
    return regenerate_recovery_codes(user_id) if remaining_recovery_codes(user_id) == 0 else []


@for_account
def regenerate_recovery_codes(user_id: int) -> list[str]:
    """Replace the user's recovery codes with ten new one-time codes; they are shown once and never stored plain."""
    new_codes = [new_code() for _ in range(RECOVERY_CODE_COUNT)]
    hashed = [(_normalise_code(c)[:4], codes.hash(_normalise_code(c))) for c in new_codes]
    with db.session_scope(write=True) as session:
        user = session.get(User, user_id)
        for old in session.exec(select(RecoveryCode).where(RecoveryCode.user_id == user_id)).all():
            session.delete(old)
        for lookup, code_hash in hashed:
            session.add(RecoveryCode(org_id=user.org_id, user_id=user_id, lookup=lookup, code_hash=code_hash))
        audit.record(session, 'recovery_codes_issued', org_id=user.org_id, actor_id=user.id,
                     actor_name=user.full_name, object_type='User', object_id=user.id, data={'count': len(new_codes)})
    return new_codes


@for_account
def remaining_recovery_codes(user_id: int) -> int:
    with db.session_scope() as session:
        return len(session.exec(select(RecoveryCode.id).where(RecoveryCode.user_id == user_id,
                                                               RecoveryCode.used_at.is_(None))).all())


def issue_reset_code(actor: Principal, user_id: int) -> str:
    """An administrator issues a one-time reset code (valid 24 h) to give the user in person."""
    code = new_code(8)
    code_hash = codes.hash(_normalise_code(code))
    with db.session_scope(write=True) as session:
        user = session.get(User, user_id)
        if user is None or user.org_id != actor.org_id:
            raise AuthError('ไม่พบผู้ใช้งาน')
        require(actor, 'admin.user.manage', user, where='issue_reset_code')
        for old in session.exec(select(ResetCode).where(ResetCode.user_id == user_id, ResetCode.used_at.is_(None))):
            old.used_at = utcnow()  # only the newest code works
            session.add(old)
        session.add(ResetCode(org_id=user.org_id, user_id=user_id, code_hash=code_hash, issued_by=actor.user_id,
                              expires_at=utcnow() + timedelta(hours=RESET_CODE_HOURS)))
        audit.record_by(session, actor, 'reset_code_issued', 'User', user.id)
    return code


def recover_password(username: str, code: str, new_password: str, confirm: str, source: str = '') -> list[str]:
    """Self-service: a recovery code or an administrator's reset code sets a new password (no internet needed).
    An account left with no recovery codes gets ten new ones, returned to be shown once."""
    check_new_password(new_password, confirm)
    raw = _normalise_code(code)
    kind = 'recovery' if len(raw) == 12 else 'reset'
    user, verdict = _checked_in(username, source)
    with db.tenant((user.org_id,) if user else ()):
        return _recover(user, verdict, username, raw, kind, new_password, source)


def _recover(user: User | None, verdict: throttle.Verdict, username: str, raw: str, kind: str, new_password: str,
             source: str) -> list[str]:
    if verdict.refused:
        raise AuthError(verdict.message)
    if user is None or not user.is_active or len(raw) not in (8, 12):
        after = throttle.fail(username, source, kind, user, 'recovery_failed', {'kind': kind})
        raise AuthError(after.message if after.locked_minutes else BAD_CODE)
    with db.session_scope() as session:
        if len(raw) == 12:
            candidates = session.exec(select(RecoveryCode).where(
                RecoveryCode.user_id == user.id, RecoveryCode.lookup == raw[:4], RecoveryCode.used_at.is_(None))).all()
        else:
            candidates = session.exec(select(ResetCode).where(
                ResetCode.user_id == user.id, ResetCode.used_at.is_(None), ResetCode.expires_at > utcnow())).all()
    match = next((c for c in candidates if codes.verify(raw, c.code_hash)), None)
    if match is None:
        after = throttle.fail(username, source, kind, user, 'recovery_failed', {'kind': kind})
        raise AuthError(after.message if after.locked_minutes else BAD_CODE)
    with db.session_scope(write=True) as session:
        model = type(match)  # one use only, held by the database: of two requests at once, one claims the code
        claimed = session.execute(update(model).where(model.id == match.id, model.used_at.is_(None))
                                  .values(used_at=utcnow())).rowcount
        if claimed != 1:  # used by a concurrent request a moment ago
            raise AuthError(BAD_CODE)
        user = session.get(User, user.id)
        _set_password(session, user, new_password)
        action = 'password_recovered' if isinstance(match, RecoveryCode) else 'password_reset'
        audit.record(session, action, org_id=user.org_id, actor_id=user.id, actor_name=user.full_name,
                     object_type='User', object_id=user.id)
    return regenerate_recovery_codes(user.id) if remaining_recovery_codes(user.id) == 0 else []
