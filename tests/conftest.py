"""Test set-up: a fresh database per test, cloned from templates built once per session.

SQLite by default; the same suite runs against PostgreSQL when TEST_DATABASE_URL is set (a role that may
CREATE DATABASE and CREATE ROLE). Templates: `demo` (the demo LAO, the default) and `empty` (mark a test
`empty_db`). With TEST_FENCED=1 as well, the app runs as the role `lao_app`, neither the owner nor BYPASSRLS,
fenced by row-level security (migrations/fence.py), while TEST_DATABASE_URL's role owns the schema and migrates
(DATABASE_OWNER_URL); a transaction the tests' own code begins (set-up, checks) acts for every LAO of the database,
the program's transactions (pages, services) get no such help. Not yet the default: some tests still read or write
as no tenant (see tests/core/test_fence.py, which runs as a fenced role in every PostgreSQL run).
"""

import contextlib
import itertools
import os
import shutil
import sys
import warnings
from pathlib import Path

import pytest
import sqlalchemy
import sqlmodel
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')
os.environ.setdefault('LAO_LOOP_GUARD', 'raise')  # the program's database work on the event loop fails the test
import apps  # noqa: E402,F401  (the apps register themselves into core's registries)

pytest_plugins = ['nicegui.testing.user_plugin']

PG_URL = os.environ.get('TEST_DATABASE_URL', '')
FENCED = bool(PG_URL) and os.environ.get('TEST_FENCED', '') == '1'
RUNTIME_ROLE = 'lao_app'  # the application's role on PostgreSQL when FENCED: not the owner, not BYPASSRLS
_counter = itertools.count()
_TESTS = os.path.dirname(os.path.abspath(__file__)) + os.sep
# what lies between a `with db.session_scope()` (or a session's first query) and the transaction's begin event
# (SQLAlchemy's compiled parts and generated functions name themselves 'lib/sqlalchemy/…' and '<…>')
_PASSING = (os.path.dirname(sqlalchemy.__file__), os.path.dirname(sqlmodel.__file__), contextlib.__file__,
            os.path.join(os.path.dirname(_TESTS[:-1]), 'core', 'db.py'), 'lib/sqlalchemy/', '<')


def _runtime(url: str) -> str:
    """The same database as the application's role (FENCED), else as the owner."""
    if not FENCED:
        return url
    return make_url(url).set(username=RUNTIME_ROLE, password=RUNTIME_ROLE).render_as_string(hide_password=False)


def _tests_own(connection) -> tuple[int, ...] | None:
    """The tenant of a transaction a test's own code begins (a check, a fixture's set-up, a helper): every LAO. A
    transaction the program begins (a page's pool call, a service a test calls) keeps its own tenant: None."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(_TESTS):
            return tuple(connection.exec_driver_sql('SELECT id FROM organization').scalars())
        if not name.startswith(_PASSING):
            return None  # the program's code began it
        frame = frame.f_back
    return None


def _ensure_runtime_role() -> None:
    with _pg_admin().connect() as conn:
        if not conn.execute(text('SELECT 1 FROM pg_roles WHERE rolname = :r'), {'r': RUNTIME_ROLE}).first():
            conn.execute(text(f"CREATE ROLE {RUNTIME_ROLE} LOGIN PASSWORD '{RUNTIME_ROLE}' NOBYPASSRLS"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line('markers', 'empty_db: start from an empty (migrated) database instead of the demo LAO')


def _pg_admin():
    # NullPool: the connection closes when the block ends (a pooled one per call stayed open until the engine was
    # collected, and a long run ran the server out of connection slots)
    return create_engine(make_url(PG_URL).set(database='postgres'), isolation_level='AUTOCOMMIT', poolclass=NullPool)


def _build(url: str, data_dir: Path, with_demo: bool) -> None:
    from core import db, demo, settings
    if FENCED:  # migrated by the owner, built (the demo LAO) by the application's fenced role
        settings.configure(data_dir=data_dir, database_url=_runtime(url), database_owner_url=url, demo=False)
    else:
        settings.configure(data_dir=data_dir, database_url=url, demo=False)
    db.init()
    db.migrate()
    if with_demo:  # the demo LAO and its provincial reader; a test wanting the province's peers adds them
        demo.build_demo(peers=False)
    db.engine().dispose()


@pytest.fixture(scope='session')
def db_templates(tmp_path_factory) -> dict[str, str]:
    """Migrated template databases, built once: name -> URL (SQLite file or PostgreSQL database name)."""
    root = tmp_path_factory.mktemp('templates')
    templates = {}
    if FENCED:
        from core import db
        _ensure_runtime_role()
        db.tests_own = _tests_own
    for name in ('empty', 'demo'):
        if PG_URL:
            database = f'lao_tpl_{name}_{os.getpid()}'
            with _pg_admin().connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS {database}'))
                conn.execute(text(f'CREATE DATABASE {database}'))
            url = make_url(PG_URL).set(database=database).render_as_string(hide_password=False)
        else:
            url = f'sqlite:///{root / f"{name}.sqlite3"}'
        _build(url, root / name, with_demo=name == 'demo')
        templates[name] = url
        if not (root / name / 'audit_key').exists():  # the empty template has no events yet: give it its key
            from core import audit
            audit.key(create=True)
    templates['_root'] = root
    yield templates
    if PG_URL:
        with _pg_admin().connect() as conn:
            for name in ('empty', 'demo'):
                conn.execute(text(f'DROP DATABASE IF EXISTS lao_tpl_{name}_{os.getpid()}'))


@pytest.fixture(autouse=True)
def fresh_database(request, db_templates, tmp_path, monkeypatch) -> str:
    """Every test gets its own copy of a template database and data dir; the app and services both use it."""
    from core import db, settings
    template = 'empty' if request.node.get_closest_marker('empty_db') else 'demo'
    data_dir = tmp_path / 'data'
    data_dir.mkdir()
    # The template's events are signed with its audit key (outside the database): the copy needs the same key.
    shutil.copy(db_templates['_root'] / template / 'audit_key', data_dir / 'audit_key')
    if PG_URL:
        database = f'lao_t{os.getpid()}_{next(_counter)}'
        with _pg_admin().connect() as conn:
            conn.execute(text(f'CREATE DATABASE {database} TEMPLATE {make_url(db_templates[template]).database}'))
        url = make_url(PG_URL).set(database=database).render_as_string(hide_password=False)
    else:
        target = data_dir / 'lao.sqlite3'
        shutil.copy(make_url(db_templates[template]).database, target)
        url = f'sqlite:///{target}'
    monkeypatch.setenv('DATABASE_URL', _runtime(url))
    if FENCED:
        monkeypatch.setenv('DATABASE_OWNER_URL', url)
    monkeypatch.setenv('LAO_DATA_DIR', str(data_dir))
    monkeypatch.setenv('LAO_DEMO', '1' if template == 'demo' else '0')
    settings.configure()
    db.init()
    from pages.layout import VIEWERS
    VIEWERS.clear()  # rights cached by an earlier test's database
    tenant = db._tenant.set(((), False))  # noqa: SLF001 - the test's thread acts for no one until a principal acts
    yield url
    try:
        db._tenant.reset(tenant)  # noqa: SLF001
    except ValueError:  # set in another context (an async test's)
        db._tenant.set(((), False))  # noqa: SLF001
    db.engine().dispose()
    if PG_URL:
        _drop_test_database(database)


@pytest.fixture
def demo_province() -> None:
    """The demo's province: its two other demo LAOs (อบต.สีมุม, ทต.หัวทะเล), built through the services as --demo
    builds them."""
    from sqlmodel import select

    from apps.admin.demo_peers import seed_peers
    from core import db
    from models.org import Organization
    with db.session_scope() as session:
        main = session.exec(select(Organization).where(Organization.dla_code == '6300199')).one()
    seed_peers(main)


@pytest.fixture
def empty_install(tmp_path):
    """A new, empty install (data dir and database) to restore a backup into; opened by the test."""
    from helpers import EmptyInstall
    install = EmptyInstall(tmp_path)
    yield install
    install.drop()


def _drop_test_database(database: str) -> None:
    """Drop a per-test database. FORCE ends our own leftover connections; a server process we may not end (an
    autovacuum worker) only delays the drop, and a database left behind in the throw-away cluster harms nothing."""
    from sqlalchemy.exc import ProgrammingError
    with _pg_admin().connect() as conn:
        try:
            conn.execute(text(f'DROP DATABASE IF EXISTS {database} WITH (FORCE)'))
        except ProgrammingError:
            warnings.warn(f'test database {database} left behind (a server process still used it)', stacklevel=1)


@pytest.fixture(autouse=True)
def nicegui_stopped_after_a_failure():
    """NiceGUI's lifespan (`nicegui.nicegui._lifespan`) skips its shutdown when the test inside the User fixture
    raises, so the app stays 'started' and every later User test in the worker fails its set-up ("Unable to
    register another startup handler"): one failure must stay one failure."""
    yield
    from nicegui import app
    from nicegui.app.app import State
    if app.is_started:
        app._state = State.STOPPED  # noqa: SLF001 - the state its skipped stop() would have left
