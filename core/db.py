"""Engine, transactions and migrations.

SQLite runs with WAL, synchronous=FULL, foreign keys and a busy timeout. Write transactions on SQLite
start with BEGIN IMMEDIATE so that two writers never interleave (numbering, balances and the audit chain
rely on it); on PostgreSQL the same code takes row or advisory locks.

The tenant (PostgreSQL's fence, migrations/fence.py): every transaction on PostgreSQL begins by setting
`app.org_ids` (transaction-local) to the organisations of the principal acting now, carried in a context variable:
set by the shell for a page and its handlers, by a principal's permission check in a service (`set_tenant`), or for
a block (`tenant(...)`). Nothing set: the transaction sees no tenant row (fail closed). NiceGUI's thread pool runs
each call in a copy of its caller's context (pages/layout.py), so a pool thread never keeps a previous call's
tenant. SQLite has no fence: not one statement more there.
"""

import asyncio
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DataError, StatementError
from sqlmodel import Session, create_engine, text

from core.errors import Refusal
from core.settings import PRIVATE_FILE, ROOT, Settings, get_settings, private_dir
from models.types import MoneyError

log = logging.getLogger(__name__)
_engine: Engine | None = None
_engine_pid: int | None = None  # the process that made the engine: a forked child (run.cpu_bound) makes its own
_after_write: ContextVar[list[Callable[[], None]] | None] = ContextVar('after_write', default=None)
_tenant: ContextVar[tuple[tuple[int, ...], bool]] = ContextVar('tenant', default=((), False))  # (org ids, sign-in)
_open_session: ContextVar[Session | None] = ContextVar('open_session', default=None)
# the test suite's hook (tests/conftest.py): the tenant of a transaction its own code begins (set-up, checks; None
# for the program's transactions, which keep theirs). None here: no hook, as in use
tests_own: Callable[[Connection], tuple[int, ...] | None] | None = None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    for pragma in ('journal_mode=WAL', 'synchronous=FULL', 'foreign_keys=ON', 'busy_timeout=15000'):
        cursor.execute(f'PRAGMA {pragma}')
    cursor.close()


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get('sqlite_begin', 'DEFERRED')
    conn.exec_driver_sql(f'BEGIN {mode}')


def private_sqlite(path: Path) -> None:
    """Create the database file owner-only before SQLite opens it: SQLite gives its -wal and -shm files the
    database file's permissions, so this one mode covers all three (existing files are tightened too)."""
    private_dir(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    for companion in (path, path.with_name(path.name + '-wal'), path.with_name(path.name + '-shm')):
        if companion.exists() and companion.stat().st_mode & 0o077:
            companion.chmod(PRIVATE_FILE)


def make_engine(url: str) -> Engine:
    if url.startswith('sqlite'):
        database = make_url(url).database
        if database and database != ':memory:':
            private_sqlite(Path(database))
        engine = create_engine(url, connect_args={'check_same_thread': False, 'timeout': 15})
        event.listen(engine, 'connect', _sqlite_pragmas)
        event.listen(engine, 'begin', _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def init(settings: Settings | None = None) -> Engine:
    """(Re)create the process engine for the configured database."""
    global _engine, _engine_pid
    settings = settings or get_settings()
    if _engine is not None:
        # a forked child must not close its parent's connections (PostgreSQL would end them): it only lets go
        _engine.dispose(close=_engine_pid == os.getpid())
    _engine = make_engine(settings.db_url)
    _engine_pid = os.getpid()
    return _engine


def engine() -> Engine:
    return _engine if _engine is not None and _engine_pid == os.getpid() else init()


def is_sqlite() -> bool:
    return engine().dialect.name == 'sqlite'


class BlockingOnLoop(RuntimeError):
    """A database session was opened on the event loop's thread, where it would freeze every user's page."""


def _check_off_loop() -> None:
    """The pages' rule: database work runs off the event loop (`run.io_bound`). Broken, it is logged (settings
    loop_guard='warn', the default) or raised (loop_guard='raise', as the tests run) — never silently slow."""
    mode = get_settings().loop_guard
    if mode == 'off':
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return  # a worker thread, a command-line run or a test: no event loop here
    if mode == 'raise':
        if _called_from_tests():
            return  # a test's own set-up and checks, not the program's
        raise BlockingOnLoop('database session opened on the event loop; run it with run.io_bound')
    log.warning('database session opened on the event loop (run it with run.io_bound)', stack_info=True)


def _called_from_tests() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(_TESTS):
            return True
        frame = frame.f_back
    return False


_TESTS = str(ROOT / 'tests') + os.sep


@contextmanager
def session_scope(write: bool = False) -> Iterator[Session]:
    """One transaction: commit on success, roll back on error. `write=True` takes the SQLite write lock up front."""
    _check_off_loop()
    token = _after_write.set([]) if write and _after_write.get() is None else None
    try:
        with Session(engine(), expire_on_commit=False) as session:
            if write and is_sqlite():
                session.connection(execution_options={'sqlite_begin': 'IMMEDIATE'})
            opened = _open_session.set(session)
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                if refusal := _out_of_range(error):
                    raise refusal from error
                raise
            finally:
                _open_session.reset(opened)
    finally:
        if token is not None:
            pending = _after_write.get()
            _after_write.reset(token)
            for callback in pending:
                callback()


_owner_engine: tuple[int, str, Engine] | None = None  # (pid, url, engine) for install-wide maintenance


@contextmanager
def owner_scope() -> Iterator[Session]:
    """One transaction as the schema's owner (DATABASE_OWNER_URL), whom the fence admits to every LAO's rows: only
    for install-wide maintenance (the audit chains' anchors and check, a restore's counts). Without a separate
    owner it is `session_scope()`."""
    global _owner_engine
    settings = get_settings()
    url = settings.owner_db_url
    if url == settings.db_url:
        with session_scope() as session:
            yield session
        return
    if _owner_engine is None or _owner_engine[:2] != (os.getpid(), url):
        _owner_engine = (os.getpid(), url, make_engine(url))
    _check_off_loop()
    with Session(_owner_engine[2], expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _out_of_range(error: BaseException) -> Refusal | None:
    """A value the database cannot hold that every check before the write missed (a bug, not the user's): a Thai
    refusal instead of a traceback, and a warning in the log for the developer."""
    if not (isinstance(error, DataError) or (isinstance(error, StatementError)
                                             and isinstance(error.orig, MoneyError | OverflowError))):
        return None
    log.warning('write refused, a value out of range reached the database: %s', error)
    return Refusal('บันทึกไม่ได้: มีข้อมูลที่ระบบเก็บไม่ได้ (เช่น จำนวนเงินเกิน 999,999,999,999.99 บาท หรืออักขระควบคุม) '
                   'กรุณาตรวจสอบข้อมูล')


def after_write(callback: Callable[[], None]) -> None:
    """Run `callback` once the current write transaction has ended (at once if there is none).

    Used for facts that must be recorded even when the transaction rolls back (an access denial), without
    opening a second writer while the first holds the SQLite write lock.
    """
    pending = _after_write.get()
    if pending is None:
        callback()
    else:
        pending.append(callback)


def tenant_ids() -> tuple[int, ...]:
    """The organisations the current context acts for (empty: none)."""
    return _tenant.get()[0]


def set_tenant(org_ids: Iterable[int], *, sign_in: bool = False):
    """Act for these organisations from now on in this context (a page's task, one pool call, a test); an open
    session's transaction follows at once. Returns the token to `reset_tenant` with."""
    value = (tuple(sorted({int(i) for i in org_ids})), sign_in)
    if _tenant.get() == value:
        return None
    token = _tenant.set(value)
    session = _open_session.get()
    if session is not None and session.in_transaction():
        _apply_tenant(session, None, session.connection())
    return token


def reset_tenant(token) -> None:
    if token is not None:
        _tenant.reset(token)
        session = _open_session.get()
        if session is not None and session.in_transaction():
            _apply_tenant(session, None, session.connection())


@contextmanager
def tenant(org_ids: Iterable[int] = (), *, sign_in: bool = False) -> Iterator[None]:
    """Act for these organisations inside the block (`sign_in=True`: also find accounts by username, before their
    organisation is known: the fence's named sign-in exception)."""
    token = set_tenant(org_ids, sign_in=sign_in)
    try:
        yield
    finally:
        reset_tenant(token)


def own_tenant(function):
    """Whatever tenant the call sets (a principal's check, a new LAO's creator) ends with it: for work run outside
    NiceGUI's pool (the demo at start, a command), whose context would otherwise keep it."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        token = _tenant.set(_tenant.get())
        try:
            return function(*args, **kwargs)
        finally:
            _tenant.reset(token)
    return call


@event.listens_for(Session, 'after_begin')
def _apply_tenant(_session, _transaction, connection) -> None:
    """Every PostgreSQL transaction starts with its tenant (one statement; none on SQLite)."""
    if connection.dialect.name != 'postgresql':
        return
    ids, sign_in = _tenant.get()
    if tests_own is not None and (own := tests_own(connection)) is not None:
        ids, sign_in = own, False
    connection.execute(text("SELECT set_config('app.org_ids', :ids, true), set_config('app.sign_in', :sign_in, true)"),
                       {'ids': ','.join(map(str, ids)), 'sign_in': 'on' if sign_in else ''})


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option('script_location', str(ROOT / 'migrations'))
    cfg.set_main_option('sqlalchemy.url', url.replace('%', '%%'))
    return cfg


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest migration (run at every start) as the schema's owner (DATABASE_OWNER_URL,
    else DATABASE_URL); on PostgreSQL with a separate runtime role, let that role use the tables (the fence's
    policies, not grants, keep the tenants apart)."""
    settings = get_settings()
    owner = url or settings.owner_db_url
    command.upgrade(alembic_config(owner), 'head')
    runtime = settings.db_url if url is None else None
    if runtime and not owner.startswith('sqlite'):
        grant_runtime(owner, runtime)


def grant_runtime(owner_url: str, runtime_url: str) -> None:
    """GRANT the runtime role (DATABASE_URL's user) the data of every table and sequence, when it is not the owner."""
    role = make_url(runtime_url).username
    if not role or role == make_url(owner_url).username:
        return
    owner = make_engine(owner_url)
    try:
        with owner.begin() as conn:
            quoted = conn.dialect.identifier_preparer.quote(role)
            conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO {quoted}')
            conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}')
            conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}')
    finally:
        owner.dispose()


def ping() -> bool:
    with Session(engine()) as session:
        return session.execute(text('SELECT 1')).scalar() == 1
