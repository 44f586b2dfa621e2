"""Engine, transactions and migrations.

SQLite runs with WAL, synchronous=FULL, foreign keys and a busy timeout. Write transactions on SQLite
start with BEGIN IMMEDIATE so that two writers never interleave (numbering, balances and the audit chain
rely on it); on PostgreSQL the same code takes row or advisory locks.
"""

import asyncio
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DataError, StatementError
from sqlmodel import Session, create_engine, text

from core.errors import Refusal
from core.settings import PRIVATE_FILE, ROOT, Settings, get_settings, private_dir
from models.types import MoneyError

log = logging.getLogger(__name__)
_engine: Engine | None = None
_engine_pid: int | None = None  # the process that made the engine: a forked child (run.cpu_bound) makes its own
_after_write: ContextVar[list[Callable[[], None]] | None] = ContextVar('after_write', default=None)


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
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                if refusal := _out_of_range(error):
                    raise refusal from error
                raise
    finally:
        if token is not None:
            pending = _after_write.get()
            _after_write.reset(token)
            for callback in pending:
                callback()


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


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option('script_location', str(ROOT / 'migrations'))
    cfg.set_main_option('sqlalchemy.url', url.replace('%', '%%'))
    return cfg


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest migration (run at every start)."""
    command.upgrade(alembic_config(url or get_settings().db_url), 'head')


def ping() -> bool:
    with Session(engine()) as session:
        return session.execute(text('SELECT 1')).scalar() == 1
