"""Failed sign-ins slow further attempts instead of locking the account for everyone (OWASP ASVS V2.2).

Every failure is a row (name typed, client address, time) in the database, so several processes serving one LAO
agree. From one address, after a few free failures each further try of that name must wait twice as long as the
one before, and so must any name once the address has failed many times; after the LAO's limit the name locks at
that address only, for the LAO's lock time. Failures of a name from other addresses make each of its sign-ins pause a
few seconds (the page waits, off the event loop) but never refuse it: wrong passwords typed at one desk never keep
the mayor out at another. A success clears that name's failures at that address.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from core import audit, db
from models.base import utcnow
from models.org import Organization, SignInFailure, User

WINDOW = timedelta(minutes=15)  # failures this recent slow the next try
LOCK_WINDOW = timedelta(days=1)  # failures this recent count towards the lock
KEEP = timedelta(days=7)  # older rows are pruned
FREE_PER_NAME = 3  # failures of one name at one address before each try must wait
FREE_PER_ADDRESS = 10  # failures of any names from one address before each try must wait
MAX_WAIT = 300  # seconds
FREE_PAUSE = 3  # failures of one name from any address before its sign-ins pause
MAX_PAUSE = 8  # seconds
DEFAULT_LIMIT, DEFAULT_MINUTES = Organization.model_fields['lockout_attempts'].default, \
    Organization.model_fields['lockout_minutes'].default


def now() -> datetime:
    """The throttle's clock (tests move it)."""
    return utcnow()


def name_of(username: str) -> str:
    return username.strip().lower()[:60]


@dataclass(frozen=True)
class Verdict:
    wait: int = 0  # seconds before this name may try again from this address
    locked_minutes: int = 0  # > 0: the name is locked at this address for about this long

    @property
    def refused(self) -> bool:
        return bool(self.wait or self.locked_minutes)

    @property
    def message(self) -> str:
        if self.locked_minutes:
            return (f'บัญชีนี้ถูกระงับชั่วคราวสำหรับการเข้าระบบจากเครื่องนี้ เพราะใส่รหัสผิดหลายครั้ง '
                    f'กรุณาลองใหม่ในอีกประมาณ {self.locked_minutes} นาที หรือติดต่อผู้ดูแลระบบ')
        return f'ใส่รหัสผิดหลายครั้ง ลองใหม่ได้ในอีก {self.wait} วินาที' if self.wait else ''


def _policy(session: Session, user: User | None) -> tuple[int, int]:
    """The LAO's lock limit and minutes for this account (the defaults for a name no account has)."""
    org = session.get(Organization, user.org_id) if user else None
    return (org.lockout_attempts, org.lockout_minutes) if org else (DEFAULT_LIMIT, DEFAULT_MINUTES)


def _backoff(count: int, free: int, limit: int) -> int:
    return 0 if count <= free else min(limit, 2 ** (count - free))


def _times(session: Session, *conditions) -> list[datetime]:
    return list(session.exec(select(SignInFailure.at).where(~SignInFailure.cleared, *conditions)
                             .order_by(SignInFailure.at.desc())).all())


def check(session: Session, username: str, address: str, user: User | None) -> Verdict:
    """May this name try to sign in from this address now? Read before any password or code is checked."""
    moment, name = now(), name_of(username)
    limit, minutes = _policy(session, user)
    pair = _times(session, SignInFailure.username == name, SignInFailure.address == address,
                  SignInFailure.at > moment - LOCK_WINDOW)
    if len(pair) >= limit:
        until = pair[0] + timedelta(minutes=minutes)
        if until > moment:
            return Verdict(locked_minutes=max(1, int((until - moment).total_seconds() // 60) + 1))
    recent = [at for at in pair if at > moment - WINDOW]
    from_address = _times(session, SignInFailure.address == address, SignInFailure.at > moment - WINDOW)
    waits = [recent[0] + timedelta(seconds=_backoff(len(recent), FREE_PER_NAME, MAX_WAIT))] if recent else []
    if from_address:
        waits.append(from_address[0] + timedelta(seconds=_backoff(len(from_address), FREE_PER_ADDRESS, MAX_WAIT)))
    left = max((w - moment).total_seconds() for w in waits) if waits else 0
    return Verdict(wait=int(left) + 1 if left > 0 else 0)


def pause(username: str, address: str) -> float:
    """Seconds a sign-in of this name from this address waits before it is checked: the name's recent failures
    from other addresses (its failures from this one already make it wait, see `check`). Read through the fence's
    sign-in exception: the name's organisation is not known yet."""
    with db.tenant(sign_in=True), db.session_scope() as session:
        count = session.exec(select(func.count()).select_from(SignInFailure).where(
            ~SignInFailure.cleared, SignInFailure.username == name_of(username),
            SignInFailure.address != address[:64], SignInFailure.at > now() - WINDOW)).one()
    return float(_backoff(count, FREE_PAUSE, MAX_PAUSE))


def fail(username: str, address: str, kind: str, user: User | None, action: str, data: dict) -> Verdict:
    """Store one failure (and audit it), prune old ones; returns the verdict for the next try, auditing a lock."""
    name = name_of(username)
    with db.session_scope(write=True) as session:
        session.execute(delete(SignInFailure).where(SignInFailure.at < now() - KEEP))
        session.add(SignInFailure(at=now(), username=name, address=address[:64], kind=kind,
                                  user_id=user.id if user else None, org_id=user.org_id if user else None))
        actor = dict(actor_id=user.id, actor_name=user.full_name, object_type='User', object_id=user.id) if user \
            else {}
        audit.record(session, action, org_id=user.org_id if user else None, **actor,
                     data={**data, 'username': name, 'from': address})
        session.flush()
        verdict = check(session, name, address, user)
        if verdict.locked_minutes:
            audit.record(session, 'lockout', org_id=user.org_id if user else None, **actor,
                         data={'username': name, 'from': address, 'minutes': verdict.locked_minutes})
    return verdict


def clear(session: Session, username: str, address: str | None = None) -> None:
    """A success (at one address) or an administrator's unlock (every address): earlier failures stop counting."""
    conditions = [SignInFailure.username == name_of(username), ~SignInFailure.cleared]
    if address is not None:
        conditions.append(SignInFailure.address == address[:64])
    session.execute(update(SignInFailure).where(*conditions).values(cleared=True))


def locked_addresses(session: Session, user: User) -> list[str]:
    """The addresses this account is locked at now."""
    limit, minutes = _policy(session, user)
    moment = now()
    rows = session.exec(select(SignInFailure.address, func.count(), func.max(SignInFailure.at)).where(
        ~SignInFailure.cleared, SignInFailure.username == user.username, SignInFailure.at > moment - LOCK_WINDOW)
        .group_by(SignInFailure.address)).all()
    return [address for address, count, last in rows
            if count >= limit and _aware(last) + timedelta(minutes=minutes) > moment]


def _aware(moment: datetime) -> datetime:
    """Aggregates (MAX) come back without the column type's time zone on SQLite."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FailureSummary:
    username: str
    full_name: str  # '' when no account has this name
    address: str
    count: int
    last_at: datetime


def recent(session: Session, org_id: int, since: timedelta = timedelta(days=1), limit: int = 10) \
        -> list[FailureSummary]:
    """Failed sign-ins of this LAO's accounts, by name and address, newest first."""
    rows = session.exec(select(SignInFailure.username, User.full_name, SignInFailure.address, func.count(),
                               func.max(SignInFailure.at))
                        .join(User, User.id == SignInFailure.user_id)
                        .where(SignInFailure.org_id == org_id, SignInFailure.at > now() - since)
                        .group_by(SignInFailure.username, User.full_name, SignInFailure.address)
                        .order_by(func.max(SignInFailure.at).desc()).limit(limit)).all()
    return [FailureSummary(u, n, a, c, _aware(t)) for u, n, a, c, t in rows]
