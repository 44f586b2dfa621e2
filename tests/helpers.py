"""Shared test helpers: sign in through the real login form; load a principal for service tests; a new empty
install to restore into."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from nicegui.testing import User
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlmodel import select

from core import auth, db, settings, throttle
from core.access import Principal, load_principal
from core.demo import DEMO_PASSWORD
from models.base import utcnow
from models.org import Organization, SignInFailure
from models.org import User as Account

_PG_URL = os.environ.get('TEST_DATABASE_URL', '')


async def sign_in(user: User, username: str, password: str = DEMO_PASSWORD, expect: str | None = None) -> None:
    """Sign in through the form; with `expect`, wait for the home page and that text on it."""
    await user.open('/login')
    user.find(marker='username').type(username)
    user.find(marker='password').type(password)
    user.find(marker='login-button').click()
    if expect:
        await user.should_see(marker='pending-total', retries=100)
        await user.should_see(expect)


def fill(user: User, values: dict[str, str]) -> None:
    """Type into the kit's form fields (markers field-<name>), in order."""
    for name, typed in values.items():
        user.find(marker=f'field-{name}').type(typed)


TRANSACTION_CONTROL = ('BEGIN', 'COMMIT', 'ROLLBACK', "SELECT SET_CONFIG('APP.ORG_IDS'")


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL statements the engine sends while the block runs (transaction control left out: BEGIN, COMMIT,
    ROLLBACK and, on PostgreSQL, the fence's tenant that opens every transaction, core/db.py _apply_tenant)."""
    statements: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            statements.append(statement)

    event.listen(db.engine(), 'before_cursor_execute', note)
    try:
        yield statements
    finally:
        event.remove(db.engine(), 'before_cursor_execute', note)


def principal(username: str) -> Principal:
    with db.session_scope() as session:
        account = session.exec(select(Account).where(Account.username == username)).one()
        return load_principal(session, account.id)


def signed_in_principal(username: str) -> Principal:
    """The user as their pages act after sign-in: in their primary seat only (a holder of two seats, such as an
    acting director, sees the other seat's division after switching to it in the header)."""
    from pages.layout import _load_viewer
    with db.session_scope() as session:
        account = session.exec(select(Account).where(Account.username == username)).one()
        return _load_viewer(session, account.id, None).principal


class EmptyInstall:
    """A new, empty data dir (and, on PostgreSQL, a new empty database): 'the machine was replaced'."""

    def __init__(self, tmp_path: Path) -> None:
        self.data_dir = tmp_path / 'new-install'
        self.database = ''
        if _PG_URL:
            self.database = f'lao_restore_{os.getpid()}_{tmp_path.name[-12:].replace("-", "_")}'
            with self._admin().connect() as conn:
                conn.execute(text(f'CREATE DATABASE {self.database}'))
            self.url = make_url(_PG_URL).set(database=self.database).render_as_string(hide_password=False)
        else:
            self.url = f'sqlite:///{self.data_dir / "lao.sqlite3"}'

    @staticmethod
    def _admin():
        return create_engine(make_url(_PG_URL).set(database='postgres'), isolation_level='AUTOCOMMIT',
                             poolclass=NullPool)

    def open(self) -> None:
        db.engine().dispose()
        settings.configure(data_dir=self.data_dir, database_url=self.url, database_owner_url=self.url, demo=False)
        db.init()
        db.migrate()

    def drop(self) -> None:
        db.engine().dispose()
        if self.database:
            with self._admin().connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS {self.database} WITH (FORCE)'))


class ThrottleClock:
    """The sign-in throttle's clock, moved by the test (the failures it stores are stamped by it too)."""

    def __init__(self, monkeypatch) -> None:
        self.at = utcnow()
        monkeypatch.setattr(throttle, 'now', lambda: self.at)

    def advance(self, **delta) -> None:
        self.at += timedelta(**delta)


def fail_sign_ins(clock: ThrottleClock, username: str, times: int, address: str = '') -> auth.LoginResult:
    """Wrong passwords for a name from an address, each after its throttle's wait; returns the last outcome."""
    for _ in range(times):
        result = auth.login(username, 'wrong-password', address)
        assert not result.ok and not result.retry_after, result.message
        clock.advance(seconds=throttle.MAX_WAIT + 1)
    return result


def lock_at(username: str, address: str) -> None:
    """Store the LAO's limit of failed sign-ins of an account from one address, just now: it is locked there."""
    with db.session_scope(write=True) as session:
        account = session.exec(select(Account).where(Account.username == username)).one()
        limit = session.get(Organization, account.org_id).lockout_attempts
        session.add_all(SignInFailure(username=username, address=address, kind='password', user_id=account.id,
                                      org_id=account.org_id, at=throttle.now()) for _ in range(limit))
