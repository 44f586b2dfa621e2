"""Browser tests: the real server as a subprocess, driven by Playwright in Debian's Chromium.

One server per test session (`python main.py --demo` on a free port, its own data dir and, when
TEST_DATABASE_URL is set, its own fresh PostgreSQL database). Every test gets a fresh browser context.
Never `playwright install`: the browser is /usr/bin/chromium (`apt-get install chromium chromium-driver`).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path('/usr/bin/chromium')
PAGE_TIMEOUT_MS = 30_000
START_TIMEOUT_S = 60
SERVER_LOG = pytest.StashKey[Path]()

# The child must not believe it runs inside NiceGUI's own test fixtures, nor inherit this process's settings.
DROPPED_VARIABLES = ('PYTEST_CURRENT_TEST', 'NICEGUI_USER_SIMULATION', 'NICEGUI_SCREEN_TEST_PORT', 'DATABASE_URL',
                     'DATABASE_OWNER_URL')


@dataclass(frozen=True)
class Server:
    url: str
    log: Path
    process: subprocess.Popen

    def log_tail(self, lines: int = 80) -> str:
        text = self.log.read_text(errors='replace') if self.log.exists() else ''
        return '\n'.join(text.splitlines()[-lines:])


@pytest.fixture(scope='session')
def chromium() -> Path:
    """Debian's Chromium; without it the browser tests are skipped, except in CI (CI=true) where that is a failure."""
    if not CHROMIUM.exists():
        message = f'{CHROMIUM} is missing: apt-get install chromium chromium-driver'
        if os.environ.get('CI', '').lower() == 'true':
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope='session')
def browser_type_launch_args(chromium: Path) -> dict:
    return {
        'executable_path': str(chromium),
        'headless': True,
        'args': ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run'],
    }


@pytest.fixture(scope='session')
def browser_context_args(browser_context_args: dict, base_url: str) -> dict:
    return {**browser_context_args, 'base_url': base_url, 'viewport': {'width': 1366, 'height': 768},
            'locale': 'th-TH', 'timezone_id': 'Asia/Bangkok'}


@pytest.fixture(autouse=True)
def _timeouts(context: BrowserContext) -> None:
    """Page loads get 30 s (a slow CI machine, a cold server); so do the expect() waits that follow them."""
    context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    expect.set_options(timeout=PAGE_TIMEOUT_MS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f'{url}/status', timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope='session')
def server_database() -> Iterator[str | None]:
    """With TEST_DATABASE_URL: a fresh PostgreSQL database for the server (dropped at the end); else None (SQLite)."""
    admin_url = os.environ.get('TEST_DATABASE_URL', '')
    if not admin_url:
        yield None
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = f'lao_e2e_{os.getpid()}'
    admin = create_engine(make_url(admin_url).set(database='postgres'), isolation_level='AUTOCOMMIT',
                          poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE {name}'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
        admin.dispose()


@contextmanager
def launch(work: Path, env_extra: dict[str, str] | None = None, database: str | None = None,
           port: int | None = None) -> Iterator[Server]:
    """`python main.py --demo` on a free port (or `port`) with its own data dir under `work` (which may already hold
    secrets the server reads), SQLite unless `database`; killed (process group) at the end."""
    data_dir = work / 'data'
    log = work / 'server.log'
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_VARIABLES and not k.startswith('LAO_')}
    if database:  # TEST_FENCED=1: the server runs as the fenced application role (tests/conftest.py)
        from sqlalchemy.engine import make_url
        runtime = make_url(database).set(username='lao_app', password='lao_app').render_as_string(hide_password=False)
        fenced = os.environ.get('TEST_FENCED', '') == '1'
        env['DATABASE_OWNER_URL'], env['DATABASE_URL'] = database, runtime if fenced else database
    env['LAO_LOOP_GUARD'] = 'warn'  # logged, and checked when the server stops
    env.update(env_extra or {})
    port = port or free_port()
    url = f'http://127.0.0.1:{port}'
    command = [sys.executable, str(ROOT / 'main.py'), '--demo', '--port', str(port), '--host', '127.0.0.1',
               '--data-dir', str(data_dir)]
    with log.open('wb') as out:
        # cwd: NiceGUI keeps its per-browser storage in ./.nicegui; keep it out of the repository
        process = subprocess.Popen(command, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    running = Server(url, log, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(url):
            if time.monotonic() > deadline:
                pytest.fail(f'server did not answer /status within {START_TIMEOUT_S} s; its log:\n'
                            f'{running.log_tail()}', pytrace=False)
            try:
                code = process.wait(timeout=0.25)  # doubles as the pause between polls
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f'server exited with code {code} before answering; its log:\n{running.log_tail()}',
                        pytrace=False)
        yield running
    finally:
        _stop(process)
    blocking = [line for line in running.log_tail(10**9).splitlines() if 'opened on the event loop' in line]
    assert not blocking, f'the server opened database sessions on the event loop: {blocking[:3]}'


@pytest.fixture(scope='session')
def server(chromium, server_database, tmp_path_factory, pytestconfig) -> Iterator[Server]:
    """The demo server the browser tests share (its own PostgreSQL database when TEST_DATABASE_URL is set)."""
    work = tmp_path_factory.mktemp('e2e-server')
    pytestconfig.stash[SERVER_LOG] = work / 'server.log'
    with launch(work, database=server_database) as running:
        yield running


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope='session')
def base_url(server: Server) -> str:
    return server.url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last: while the (session-wide) sync Playwright is alive it marks its asyncio loop as
    running between calls, and every async test after it fails with 'cannot be called from a running event loop'.
    """
    items.sort(key=lambda item: item.get_closest_marker('e2e') is not None)  # stable: order kept within groups


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A failed browser test shows the end of the server's log next to the traceback."""
    report = yield
    log = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log is not None and log.exists():
        tail = '\n'.join(log.read_text(errors='replace').splitlines()[-80:])
        report.sections.append(('server log (last 80 lines)', tail))
    return report
