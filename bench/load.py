"""Benchmark: a whole office at once — 50 signed-in staff on one process, as their browsers talk to it.

Each virtual member of staff signs in as a demo persona (the persona buttons of the demo's login page), then works
the registers that persona may open (assets/access_matrix.yaml): opens a list, searches it, opens a record; between
actions they pause as people do (office pace: 2–5 s; 5× the pace: 0.4–1 s). Each action is what a browser does:
the page's HTTP answer, then its connection (NiceGUI's socket.io), waiting until the page has finished building
(the spinner of a page answered shell-first is gone) or, for a search, until the table's new rows arrived.
An action is an error page when the answer is an HTTP error, shows the Thai error page or failure notice (its
reference number), or nothing arrives within 20 s.

The floor: the same sessions at the same pace against a bare NiceGUI page with a 20-row table (bench/bare_page.py),
opening it and asking it for a new page of rows, run beside ours in the same invocation.
Data: the demo LAO plus `--years` generated fiscal years of books (bench/elaas_data.py; 10 years = about
1,000,000 journal lines and 100,000 vouchers).

Usage: python -m bench.load [--sessions 50] [--seconds 90] [--years 10]; writes bench/results/load.{md,json}.
Goals (issue 13): office pace p95 ≤ 200 ms per action and 0 error pages; 5× the pace p95 ≤ 1 s, 0 error pages.
"""

import argparse
import asyncio
import functools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx
import socketio
import yaml

from bench.footprint import _port, _rss_mb

ROOT = Path(__file__).resolve().parents[1]
BUSY = ('elaas/vouchers', 'elaas/receipts', 'elaas/journals', 'elaas/commitments', 'eoffice/incoming',
        'eoffice/outgoing', 'eoffice/memo', 'eplan/projects')  # the registers an office works in all day
PACES = {'office pace': (2.0, 5.0), '5× the pace': (0.4, 1.0)}
GOALS = {'office pace': 200.0, '5× the pace': 1000.0}  # p95 ms per action; and no error page at all
FAILURE = 'รหัสอ้างอิง'  # the Thai error page and the failure notice both give a reference number
WAIT = 20.0
_ELEMENTS = re.compile(r'parseElements\(String\.raw`(.*?)`\)', re.S)
_CLIENT = re.compile(r"'client_id': '([^']+)', 'next_message_id': (\d+)")
_UNESCAPE = (('&#36;', '$'), ('&#96;', '`'), ('&gt;', '>'), ('&lt;', '<'), ('&amp;', '&'))


class Failed(Exception):
    """What a user would have seen as an error: an HTTP error, the Thai error page, or a page that never came."""


class Tab:
    """One page as a browser tab holds it: the elements of its HTTP answer, kept current over its connection."""

    def __init__(self, html: str) -> None:
        found, ids = _ELEMENTS.search(html), _CLIENT.search(html)
        if not found or not ids:
            raise Failed('not a NiceGUI page')
        raw = found.group(1)
        for escaped, plain in _UNESCAPE:
            raw = raw.replace(escaped, plain)
        self.elements: dict[str, dict] = json.loads(raw)
        self.client_id, self.next_id = ids.group(1), int(ids.group(2))
        self.messages: asyncio.Queue = asyncio.Queue()
        self.sio: socketio.AsyncClient | None = None

    async def connect(self, base: str, cookie: str, tab_id: str) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on('*', self._received)
        query = urlencode({'client_id': self.client_id, 'next_message_id': self.next_id, 'implicit_handshake': 'true',
                           'tab_id': tab_id, 'document_id': str(uuid.uuid4())})
        await self.sio.connect(f'{base}?{query}', socketio_path='/_nicegui_ws/socket.io', transports=['websocket'],
                               headers={'Cookie': cookie}, wait_timeout=WAIT)

    async def _received(self, event: str, data) -> None:
        if isinstance(data, dict):
            self.next_id = max(self.next_id, int(data.pop('_id', self.next_id - 1)) + 1)
            if event == 'update':
                for element_id, element in data.items():
                    if element is None:
                        self.elements.pop(element_id, None)
                    else:
                        self.elements[element_id] = element
        self.messages.put_nowait((event, data))

    def find(self, tag: str, **props) -> list[str]:
        return [i for i, e in self.elements.items() if e.get('tag') == tag
                and all(e.get('props', {}).get(k) == v for k, v in props.items())]

    def texts(self, element_id: str) -> str:
        element = self.elements.get(element_id, {})
        return element.get('text', '') + ' '.join(self.texts(str(c)) for c in element.get('children', []))

    async def until(self, done) -> None:
        """Wait for messages until done(event, data) holds; a failure shown on the way is raised."""
        deadline = time.perf_counter() + WAIT
        while True:
            try:
                event, data = await asyncio.wait_for(self.messages.get(), deadline - time.perf_counter())
            except TimeoutError as error:
                raise Failed(f'nothing within {WAIT:g} s') from error
            if FAILURE in json.dumps(data, ensure_ascii=False):
                raise Failed('error page')
            if done(event, data):
                return
            if event == 'open':
                raise Failed(f'sent to {data}')

    async def fire(self, element_id: str, kind: str, *args) -> None:
        listener = next(e['listener_id'] for e in self.elements[element_id]['events'] if e['type'] == kind)
        await self.sio.emit('event', {'id': int(element_id), 'client_id': self.client_id, 'listener_id': listener,
                                      'args': [json.dumps(a) for a in args]})

    async def close(self) -> None:
        if self.sio is not None and self.sio.connected:
            await self.sio.disconnect()


@dataclass
class Staff:
    """One member of staff in a browser: a persona, the registers they work in, and the tab they have open."""
    base: str
    persona: str
    registers: list[str]
    http: httpx.AsyncClient = None
    tab: Tab | None = None
    ids: dict[str, list[int]] = field(default_factory=dict)
    persona_name: str = ''
    showing: str = ''
    tab_id: str = field(default_factory=lambda: str(uuid.uuid4()))  # a browser tab keeps its id from page to page

    def cookie(self) -> str:
        return '; '.join(f'{k}={v}' for k, v in self.http.cookies.items())

    async def open(self, path: str) -> Tab:
        """Go to a page as a browser does: the answer, then the connection, until the page has finished building."""
        if self.tab is not None:
            await self.tab.close()
            self.tab = None
        try:
            answer = await self.http.get(path)
        except (httpx.ReadError, httpx.RemoteProtocolError):  # a kept-alive connection the server had just closed:
            answer = await self.http.get(path)  # a browser sends the request again on a new one, and so do we
        if answer.status_code >= 400 or FAILURE in answer.text:
            raise Failed(f'HTTP {answer.status_code}')
        tab = self.tab = Tab(answer.text)
        self.showing = path
        spinners = tab.find('q-spinner-dots')
        await tab.connect(self.base, self.cookie(), self.tab_id)
        if spinners:  # answered with its shell: finished when the spinner goes
            await tab.until(lambda event, data: event == 'update' and all(data.get(s, 1) is None for s in spinners))
        return tab

    async def sign_in(self) -> None:
        tab = await self.open('/login')
        button = next(i for i in tab.find('q-btn') if self.persona_name in tab.texts(i))
        await tab.fire(button, 'click')
        await tab.until(lambda event, data: event == 'open')

    async def list_page(self, register: str) -> None:
        tab = await self.open(f'/{register}')
        self._remember(register, tab)

    def _remember(self, register: str, tab: Tab) -> None:
        for table in tab.find('nicegui-table'):
            self.ids[register] = [row['id'] for row in tab.elements[table]['props'].get('rows', [])]

    async def search(self, register: str) -> float:
        """Type a few letters of a shown row into the list's search box; the seconds until the new rows came."""
        tab = self.tab
        table = tab.find('nicegui-table')[0]
        rows = tab.elements[table]['props'].get('rows') or [{}]
        term = 'ฅฅฅฅ'  # matches nothing: the rows change (work_day does not search a list that shows none)
        for _ in range(5):  # a few letters of one shown row that not every shown row has, so the rows change
            words = [v for v in random.choice(rows).values() if isinstance(v, str) and len(v) >= 4 and
                     not v[0].isdigit()]
            word = random.choice(words) if words else ''
            start = random.randrange(max(len(word) - 3, 1))
            if word and not all(any(word[start:start + 4] in str(v) for v in row.values()) for row in rows):
                term = word[start:start + 4]
                break
        box = next(i for i in tab.find('nicegui-input') if tab.elements[i]['props'].get('placeholder') == 'ค้นหา')
        began = time.perf_counter()
        await tab.fire(box, 'update:value', term)
        await tab.until(lambda event, data: event == 'update' and table in data)
        self._remember(register, tab)
        return time.perf_counter() - began

    async def record(self, register: str) -> None:
        if not self.ids.get(register):
            await self.list_page(register)
        if self.ids.get(register):
            await self.open(f'/{register}/{random.choice(self.ids[register])}')


async def _timed(work) -> tuple[float, str | None]:
    began = time.perf_counter()
    try:
        await work
    except Failed as error:
        return time.perf_counter() - began, str(error)
    except Exception as error:  # noqa: BLE001 - a broken connection is an error page to the user too
        return time.perf_counter() - began, f'{type(error).__name__}: {error}'
    return time.perf_counter() - began, None


ARRIVAL = 20.0  # seconds over which the staff sign in, before the measured run


@dataclass
class Run:
    """One run: the staff sign in over ARRIVAL seconds, then all work for `seconds`; every action is logged."""
    sessions: int
    seconds: float
    pid: int
    log: list = field(default_factory=list)
    started: float = 0.0
    cpu: float = 0.0
    rss: list = field(default_factory=list)
    arrived: asyncio.Barrier | None = None

    async def begin(self) -> float:
        """Wait until everyone has signed in; the time the measured part ends."""
        if await self.arrived.wait() == 0:
            self.started, self.cpu, self.rss = time.perf_counter(), _cpu_s(self.pid), [_rss_mb(self.pid)]
        await asyncio.sleep(0)
        return self.started + self.seconds

    def add(self, kind: str, took: float, error: str | None, path: str) -> None:
        if self.started:
            self.log.append((kind, took, error, path))


async def work_day(staff: Staff, pace: tuple[float, float], run: Run) -> None:
    """Sign in, then list, search and open records with pauses until the time is up."""
    async with httpx.AsyncClient(base_url=staff.base, timeout=WAIT, follow_redirects=True) as http:
        staff.http = http
        await asyncio.sleep(random.uniform(0, ARRIVAL))  # people do not all come in at the same instant
        took, error = await _timed(staff.sign_in())
        signed_in = error is None
        until = await run.begin()
        if not signed_in:
            run.add('sign in', took, error, '/login')
            return
        while time.perf_counter() < until:
            await asyncio.sleep(random.uniform(*pace))
            register = random.choice(staff.registers)
            action = random.choices(('list', 'search', 'record'), weights=(4, 3, 3))[0]
            if action == 'search' and staff.showing != f'/{register}':
                took, error = await _timed(staff.list_page(register))
                run.add('list', took, error, staff.showing)
                if error:
                    continue
                await asyncio.sleep(random.uniform(*pace))
            if action == 'search' and not staff.ids.get(register):
                action = 'list'  # nobody searches a list that shows nothing (and the page would not change)
            work = {'list': staff.list_page, 'search': staff.search, 'record': staff.record}[action](register)
            took, error = await _timed(work)
            run.add(action, took, error, staff.showing)
        if staff.tab is not None:
            await staff.tab.close()


async def floor_day(base: str, pace: tuple[float, float], run: Run) -> None:
    """The floor's member of staff: opens the bare page at the same pace."""
    async with httpx.AsyncClient(base_url=base, timeout=WAIT) as http:
        staff = Staff(base, '', [], http)
        await asyncio.sleep(random.uniform(0, ARRIVAL))
        took, error = await _timed(staff.open('/'))
        until = await run.begin()
        while time.perf_counter() < until:
            await asyncio.sleep(random.uniform(*pace))
            took, error = await _timed(staff.open('/'))
            run.add('list', took, error, '/')
        if staff.tab is not None:
            await staff.tab.close()


async def per_tab(staff: list[Staff], pid: int) -> float:
    """MB of the server's memory per open tab: every member of staff opens one page and keeps it open (the floor's
    staff, the bare page); the server's RSS before and after, once one page of each kind has warmed it up."""
    async def one(member: Staff, http: httpx.AsyncClient) -> None:
        member.http = http
        if member.persona:
            await member.sign_in()
            await member.list_page(member.registers[0])
        else:
            await member.open('/')

    async with httpx.AsyncClient(base_url=staff[0].base, timeout=WAIT, follow_redirects=True) as warm:
        await one(Staff(staff[0].base, staff[0].persona, staff[0].registers, persona_name=staff[0].persona_name),
                  warm)
        await asyncio.sleep(3)
        before = _rss_mb(pid)
        clients = [httpx.AsyncClient(base_url=staff[0].base, timeout=WAIT, follow_redirects=True) for _ in staff]
        for member, http in zip(staff, clients, strict=True):
            await one(member, http)
        await asyncio.sleep(3)
        after = _rss_mb(pid)
        for member, http in zip(staff, clients, strict=True):
            await member.tab.close()
            member.tab, member.showing = None, ''
            await http.aclose()
    return (after - before) / len(staff)


def _cpu_s(pid: int) -> float:
    fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


async def _run(days, run: Run) -> dict:
    run.arrived = asyncio.Barrier(len(days))

    async def sample() -> None:
        while True:
            await asyncio.sleep(1)
            if run.started:
                run.rss.append(_rss_mb(run.pid))
    sampler = asyncio.create_task(sample())
    await asyncio.gather(*(day(run) for day in days))
    sampler.cancel()
    wall, log = time.perf_counter() - run.started, run.log
    actions = [t * 1000 for kind, t, error, _ in log if error is None]
    errors = [f'{kind} {path}: {error}' for kind, _, error, path in log if error]
    slowest = sorted(log, key=lambda e: -e[1])[:10]
    q = statistics.quantiles(actions, n=100) if len(actions) > 1 else [0.0] * 99
    return {'actions': len(log), 'errors': len(errors), 'error_examples': sorted(set(errors))[:8],
            'p50_ms': q[49], 'p95_ms': q[94], 'max_ms': max(actions, default=0.0),
            'by_kind': {kind: round(statistics.median(t * 1000 for k, t, e, _ in log if k == kind and e is None), 1)
                        for kind in sorted({k for k, _, e, _ in log if e is None})},
            'slowest': [f'{k} {path} {t * 1000:.0f} ms' for k, t, _, path in slowest],
            'server_cpu_share': (_cpu_s(run.pid) - run.cpu) / wall,
            'rss_mb': {'start': run.rss[0], 'max': max(run.rss), 'end': run.rss[-1],
                       'per_session': (max(run.rss) - run.rss[0]) / len(days)}}


def _start(command: list[str], port: int, cwd: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(('LAO_', 'NICEGUI_', 'PYTEST_'))}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    began = time.perf_counter()
    while True:
        try:
            if httpx.get(f'http://127.0.0.1:{port}/status', timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.perf_counter() - began > 180:
            raise RuntimeError(f'{command[1]} did not start')
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def prepare(folder: Path, years: int) -> list[tuple[str, str, list[str]]]:
    """Build the demo LAO with `years` fiscal years of books; return (username, full name, registers) per persona."""
    sys.path.insert(0, str(ROOT / 'bench'))
    os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')
    from elaas_data import generate
    from sqlmodel import select

    from core import db, demo, settings
    from core.thai import fiscal_year, today
    from models.org import User
    settings.configure(data_dir=folder, demo=True)
    db.init()
    db.migrate()
    demo.build_demo()
    this_year = fiscal_year(today())
    if years:
        with db.session_scope(write=True) as session:
            accountant = session.exec(select(User).where(User.username == 'accountant')).one()
            generate(session, accountant.org_id, accountant.id, list(range(this_year - years, this_year)))
    matrix = yaml.safe_load((ROOT / 'assets' / 'access_matrix.yaml').read_text(encoding='utf-8'))
    people = []
    for persona in demo.personas():
        may = [r for r in BUSY if matrix['registers'][r]['view'] in ('everyone', ) or
               persona.username in matrix['registers'][r]['view']]
        people.append((persona.username, persona.full_name, may))
    db.engine().dispose()
    return people


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--sessions', type=int, default=50)
    parser.add_argument('--seconds', type=float, default=90)
    parser.add_argument('--years', type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix='lao-load-'))
    began = time.perf_counter()
    people = [p for p in prepare(work / 'data', args.years) if p[2]]
    made = time.perf_counter() - began
    results = {}
    for pace_name, pace in PACES.items():
        for who in ('ours', 'floor'):
            port = _port()
            base = f'http://127.0.0.1:{port}'
            if who == 'ours':
                process = _start([sys.executable, str(ROOT / 'main.py'), '--demo', '--port', str(port), '--host',
                                  '127.0.0.1', '--data-dir', str(work / 'data')], port, work)
                staff = [Staff(base, username, registers, persona_name=name)
                         for username, name, registers in (people[i % len(people)] for i in range(args.sessions))]
                days = [functools.partial(work_day, s, pace) for s in staff]
            else:
                process = _start([sys.executable, str(ROOT / 'bench' / 'bare_page.py'), str(port)], port, work)
                staff = [Staff(base, '', []) for _ in range(args.sessions)]
                days = [functools.partial(floor_day, base, pace)] * args.sessions
            try:
                tab_mb = asyncio.run(per_tab(staff, process.pid)) if pace_name == 'office pace' else None
                run = Run(args.sessions, args.seconds, process.pid)
                results.setdefault(pace_name, {})[who] = asyncio.run(_run(days, run))
                if tab_mb is not None:
                    results[pace_name][who]['rss_mb']['per_open_tab'] = tab_mb
            finally:
                _stop(process)
            print(pace_name, who, json.dumps(results[pace_name][who], ensure_ascii=False), flush=True)
    write(args, people, made, results)


def write(args, people, made: float, results: dict) -> None:
    lines = ['# A whole office at once: 50 signed-in staff on one process', '',
             f'{args.sessions} sessions for {args.seconds:g} s per run, signed in as {len(people)} demo personas '
             f'(round robin), each working the registers it may open ({", ".join(BUSY)}): list 40 %, search 30 %, '
             f'record 30 %. Data: the demo plus {args.years} generated fiscal years (made in {made:.0f} s). Each '
             'action is an HTTP answer plus the page\'s connection until it finished building (a search: until the '
             'new rows arrived). The floor: the same number of sessions opening a bare NiceGUI page with a 20-row '
             'table at the same pace, run beside ours.', '',
             '| pace | | actions | error pages | p50 ms | p95 ms | max ms | server CPU | RSS start → max MB | '
             'goal | |', '|---|---|---:|---:|---:|---:|---:|---:|---|---|---|']
    for pace_name, runs in results.items():
        for who, r in runs.items():
            verdict = ''
            if who == 'ours':
                verdict = 'pass' if r['errors'] == 0 and r['p95_ms'] <= GOALS[pace_name] else 'FAIL'
            goal = f"p95 ≤ {GOALS[pace_name]:.0f} ms, 0 errors" if who == 'ours' else ''
            lines.append(f"| {pace_name} | {who} | {r['actions']} | {r['errors']} | {r['p50_ms']:.0f} | "
                         f"{r['p95_ms']:.0f} | {r['max_ms']:.0f} | {r['server_cpu_share']:.0%} | "
                         f"{r['rss_mb']['start']:.0f} → {r['rss_mb']['max']:.0f} | {goal} | {verdict} |")
    tabs = {who: r['rss_mb'].get('per_open_tab') for who, r in results.get('office pace', {}).items()}
    if tabs.get('ours') is not None:
        lines += ['', f"Server memory per open tab ({args.sessions} tabs opened and kept, one page each): ours "
                      f"{tabs['ours']:.2f} MB, the bare page {tabs['floor']:.2f} MB (goal ≤ 1 MB)."]
    lines += ['', 'Median ms by action (ours): ' + '; '.join(
        f"{pace}: " + ', '.join(f'{k} {v}' for k, v in runs['ours']['by_kind'].items())
        for pace, runs in results.items())]
    for pace_name, runs in results.items():
        if runs['ours']['error_examples']:
            lines += ['', f'Errors at {pace_name}: ' + '; '.join(runs['ours']['error_examples'])]
    text = '\n'.join(lines) + '\n'
    print(text)
    out = ROOT / 'bench' / 'results'
    (out / 'load.md').write_text(text, encoding='utf-8')
    (out / 'load.json').write_text(json.dumps({'sessions': args.sessions, 'seconds': args.seconds,
                                               'years': args.years, 'results': results}, indent=1,
                                              ensure_ascii=False))


if __name__ == '__main__':
    main()
