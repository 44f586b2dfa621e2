"""The shell: who is signed in, the page guard, and the frame (header, drawer menu, content)."""

import asyncio
import functools
import inspect
import ipaddress
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from nicegui import Client, app, run, ui
from nicegui.client import ClientConnectionTimeout
from sqlmodel import select

from core import audit, db
from core.access import Principal, access_stamp, load_principal
from core.errors import Denied, Refusal, SignedOut
from core.menu import MenuEntry, menu_for
from core.settings import get_settings
from models.org import Assignment, Division, Organization, Position, User


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as the shell shows them: principal, organisation and positions held."""

    principal: Principal
    org_name: str
    is_demo_org: bool
    positions: list[tuple[int, str]]  # (position id, 'title — division')
    current_position_id: int | None
    must_change_password: bool = False  # an account an administrator created: every page but the profile waits

    def can(self, permission: str, record=None) -> bool:
        return self.principal.can(permission, record)

    @property
    def current_position(self) -> str:
        return dict(self.positions).get(self.current_position_id, '')


class _Viewers:
    """Signed-in users' rights, cached per process by (user, position chosen) and kept while the user's access stamp
    (session version, active flag, the LAO's access_version, the day) is unchanged: a page or a writing handler then
    costs one small query to know who acts, not the five that build a principal. Every change to roles, positions,
    assignments, delegation orders or accounts renews the stamp in its own transaction (core/access.py), so the next
    request, in any process, re-reads the rights."""

    LIMIT = 2000

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, tuple[tuple, Viewer]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, user_id: int, session_version: int, position_id: int | None) -> Viewer | None:
        key = (user_id, position_id)
        with db.session_scope() as session:
            stamp = access_stamp(session, user_id)
            if stamp is None or stamp[0] != session_version or not stamp[1]:
                return None
            with self._lock:
                cached = self._entries.get(key)
                if cached is not None and cached[0] == stamp:
                    self._entries.move_to_end(key)
                    return cached[1]
            viewer = _load_viewer(session, user_id, position_id)
        if viewer is None or viewer.principal.session_version != session_version:  # changed since the stamp was read
            return None
        with self._lock:
            self._entries[key] = (stamp, viewer)
            while len(self._entries) > self.LIMIT:
                self._entries.popitem(last=False)
        return viewer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


VIEWERS = _Viewers()


def _load_viewer(session, user_id: int, position_id: int | None) -> Viewer | None:
    """The user as they act now: in the position chosen in the header (or their primary one)."""
    rows = session.exec(select(Position, Division, Assignment)
                        .join(Division, Division.id == Position.division_id)
                        .join(Assignment, Assignment.position_id == Position.id)
                        .where(Assignment.user_id == user_id, Position.is_active)
                        .order_by(Assignment.is_primary.desc(), Position.sort_order)).all()
    positions = [(p.id, f'{p.title}{" (รักษาการ)" if a.acting else ""} — {d.name}') for p, d, a in rows]
    ids = [p for p, _ in positions]
    current = position_id if position_id in ids else (ids[0] if ids else None)
    account = session.exec(select(User, Organization).join(Organization, Organization.id == User.org_id)
                           .where(User.id == user_id)).first()  # the user (read once, below) and the LAO
    principal = load_principal(session, user_id, current) if account is not None else None
    if principal is None:
        return None
    user, org = account
    return Viewer(principal, org.name, org.is_demo, positions, current, user.must_change_password)


def sign_in(user_id: int, org_id: int, session_version: int, session_hours: int) -> None:
    """Keep only what identifies the session in browser storage; everything else is read from the database."""
    app.storage.user.clear()
    app.storage.user.update(uid=user_id, oid=org_id, sv=session_version, exp=time.time() + session_hours * 3600)


def sign_out() -> None:
    app.storage.user.clear()


def _act_for(principal: Principal) -> None:
    """This page's task (and the pool calls it makes) acts for the principal's organisations: the fence's tenant."""
    db.set_tenant(principal.tenant)


async def current_viewer() -> Viewer | None:
    storage = app.storage.user
    if not storage.get('uid') or storage.get('exp', 0) < time.time():
        return None
    db.set_tenant((storage['oid'],) if storage.get('oid') else ())  # the account is found within its own LAO
    viewer = await run.io_bound(VIEWERS.get, storage['uid'], storage.get('sv', 0), storage.get('pos'))
    if viewer is not None:
        _act_for(viewer.principal)
    return viewer


async def acting(viewer: Viewer) -> Principal:
    """Who is acting now, re-read from the session and the database for every handler that writes: a tab left
    open after sign-out, expiry, deactivation or a removed role acts as the user is now (or not at all)."""
    storage = app.storage.user
    if storage.get('uid') != viewer.principal.user_id or storage.get('exp', 0) < time.time():
        raise SignedOut()
    # in the position this page was built for (another tab may have switched since)
    db.set_tenant(viewer.principal.tenant)
    now = await run.io_bound(VIEWERS.get, storage['uid'], storage.get('sv', 0), viewer.current_position_id)
    if now is None:
        raise SignedOut()
    _act_for(now.principal)
    return now.principal


def signed_out() -> None:
    """Send the user to sign in again; the sign-in page says why nothing was saved (a form keeps its draft)."""
    ui.navigate.to(f'/login?ended=1&next={quote(ui.context.client.request.url.path)}')


def refused(error: Exception) -> None:
    """Show a service's Thai refusal."""
    ui.notify(str(error), type='negative', multi_line=True, classes='multi-line-notification')


async def attempt(viewer: Viewer, work: Callable[[Principal], Any]) -> tuple[bool, Any]:
    """Run `work(principal)` off the event loop as the user signed in now; a sign-out or a Thai refusal is shown
    here. Returns (done, result)."""
    try:
        actor = await acting(viewer)
        return True, await run.io_bound(work, actor)
    except SignedOut:
        signed_out()
    except Refusal as error:
        refused(error)
    return False, None


async def act(viewer: Viewer, call: Callable, *args, success: str = 'บันทึกแล้ว', reload: bool = True,
              **kwargs) -> bool:
    """A writing service call (the principal passed first, before `args`) through `attempt`; on success the note and
    a reload. A repeated press while the same call runs on this page is ignored."""
    running = _running.setdefault(ui.context.client, set())
    if call in running:
        return False
    running.add(call)
    try:
        done, _ = await attempt(viewer, lambda actor: call(actor, *args, **kwargs))
    finally:
        running.discard(call)
    if done and success and reload:
        _carry_note(success)  # a note shown now would go with the page the reload replaces
    elif done and success:
        ui.notify(success, type='positive')
    if done and reload:
        ui.navigate.reload()
    return done


NOTE_KEY = 'note'  # app.storage.user: the success note a reload carries to the page it reloads


def _carry_note(text: str) -> None:
    request = ui.context.client.request
    app.storage.user[NOTE_KEY] = {'text': text, 'path': request.url.path if request else ''}


def _show_carried_note(here: str) -> None:
    note = app.storage.user.get(NOTE_KEY)
    if note and note.get('path') == here:
        del app.storage.user[NOTE_KEY]
        ui.notify(note['text'], type='positive')


_running: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page (client) -> service calls running on it


def signed_in_file(path: str) -> Callable:
    """Register a download route served only to a signed-in user. The handler runs off the event loop with
    (principal, **path parameters as text) and returns the Response; a refusal answers 403 or 404 in Thai."""
    def decorator(handler: Callable[..., Response]) -> Callable:
        @app.get(path)
        async def route(request: Request) -> Response:
            viewer = await current_viewer()
            if viewer is None:
                return _plain('กรุณาเข้าสู่ระบบ', 401)
            try:
                return await run.io_bound(handler, viewer.principal, **request.path_params)
            except Refusal as refusal:
                return _plain(str(refusal), 403 if isinstance(refusal, Denied) else 404)
        return handler
    return decorator


def _plain(text: str, status: int) -> Response:
    return Response(text, status_code=status, media_type='text/plain; charset=utf-8')


def _record_denial(viewer: Viewer, path: str, permission: str) -> None:
    audit.record_now('access_denied', org_id=viewer.principal.org_id, actor_id=viewer.principal.user_id,
                     actor_name=viewer.principal.full_name, object_type='page', object_id=path,
                     data={'permission': permission})


@dataclass(frozen=True)
class PageSpec:
    """A signed-in page as registered: what the page smoke test opens, and who may open it."""

    path: str  # the route, with its {parameters}
    permission: str | None
    title: str
    samples: Callable[[], list[str]] | None = None  # concrete addresses that together show every variant


FIRST_SIGN_IN = '/profile?first=1'  # where an account that must change its password goes first

# path -> spec; keyed by path because the app (and so every page) is registered again on each start in tests
PAGES: dict[str, PageSpec] = {}


def registered_pages() -> list[PageSpec]:
    """The signed-in pages of the running app (NiceGUI's own route table decides: a page registered by an earlier
    start, e.g. a test's own page, is not served now and is left out)."""
    served = set(Client.page_routes.values())
    return [spec for path, spec in PAGES.items() if path in served]


@dataclass(frozen=True)
class _Opened:
    """What opening a page found in its one trip off the event loop: who is signed in, what stops them, and what
    the page's `load` read."""

    viewer: Viewer | None
    refused: str = ''  # '' (open it), 'password' (a new one first) or 'permission' (recorded as denied)
    data: Any = None


def _open(user: tuple[int, int, int | None], here: str, permission: str | None, load: Callable | None,
          kwargs: dict) -> _Opened:
    """Who the signed-in user is now, whether they may open the page, and what it shows: all the page's database
    work before it draws, in one trip."""
    viewer = VIEWERS.get(*user)
    if viewer is None:
        return _Opened(None)
    if viewer.must_change_password and here != FIRST_SIGN_IN.split('?')[0]:
        return _Opened(viewer, 'password')  # a new password (and recovery codes) before any work
    if permission and not viewer.can(permission):
        _record_denial(viewer, here, permission)
        return _Opened(viewer, 'permission')
    return _Opened(viewer, data=load(viewer.principal, **kwargs) if load is not None else None)


def page(path: str, permission: str | None = None, title: str = '',
         samples: Callable[[], list[str]] | None = None, load: Callable[..., Any] | None = None) -> Callable:
    """Register a signed-in page. The builder receives the Viewer first; a missing permission shows 'no access'.

    The check runs on the server for every request, whatever the menu shows. `samples` gives the addresses that
    show each variant of the page (its path parameters filled, or its query choices, e.g. one per report); the
    page smoke test opens them. A Resource's record pages need none: the test takes real ids from the data.

    `load(principal, **path and query parameters)` reads what the page shows, in the same trip off the event loop
    as the check of who is signed in (a page costs one trip: on a busy PC every trip waits its turn for the event
    loop); its result comes to the builder second, after the Viewer. The builder draws, and goes to the database
    again only for what the user does next. A builder with a parameter named `query` gets the address's whole
    query as a dict (as does `load`): for pages whose query keys are data (a report's parameters).
    """
    def decorator(builder: Callable) -> Callable:
        signature = inspect.signature(builder)
        takes_query = 'query' in signature.parameters
        params = [p for p in list(signature.parameters.values())[2 if load else 1:]  # the viewer (and load's) first
                  if p.name != 'query']

        @functools.wraps(builder)
        async def guarded(**kwargs):
            here = ui.context.client.request.url.path
            storage = app.storage.user
            if not storage.get('uid') or storage.get('exp', 0) < time.time():
                return _to_sign_in(here)
            user = (storage['uid'], storage.get('sv', 0), storage.get('pos'))
            if takes_query:
                kwargs['query'] = dict(ui.context.client.request.query_params)
            result = await _build(here, _opened(here, user, permission, title, load, builder, kwargs))
            ui.on_exception(lambda error: handler_failure(error))  # from now, a button's bug: a Thai note
            return result

        guarded.__signature__ = signature.replace(parameters=params)
        del guarded.__wrapped__
        # NiceGUI's own limit (3 s by default) ends in its English page: keep it beyond ours, which raises PageTimeout
        # for the Thai error page (pages/errors.py)
        ui.page(path, title=title or 'ระบบงาน อปท.', response_timeout=get_settings().page_timeout + 5)(guarded)
        PAGES[path] = PageSpec(path, permission, title, samples)
        return builder
    return decorator


class PageTimeout(Exception):
    """A page builder ran past the settings' page_timeout; the user gets the Thai error page, not a blank wait."""

    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(f'page {path} took longer than {seconds:g} s to build')


async def _build(path: str, building: Awaitable) -> Any:
    """Await a page builder: a page ready within settings.first_paint seconds is answered whole; a slower one is
    answered at once with what it has built so far (the header, a spinner) and finishes over the page's connection,
    so NiceGUI's response timeout is never reached on a busy PC. Past settings.page_timeout it ends in the Thai
    error page (before the answer, as the response; after it, in place)."""
    settings = get_settings()
    client = ui.context.client
    with client:
        loading = ui.spinner('dots', size='xl').classes('self-center mt-16').mark('page-loading')
    task = _in_client(client, building)
    done, _ = await asyncio.wait({task}, timeout=min(settings.first_paint, settings.page_timeout))
    if task in done:
        loading.delete()
        return task.result()
    if settings.page_timeout <= settings.first_paint:
        task.cancel()
        raise PageTimeout(path, settings.page_timeout)
    try:
        await client.connected(timeout=settings.page_timeout)  # the answer goes out now, with the spinner
    except ClientConnectionTimeout:
        task.cancel()
        return None  # nobody is waiting for the rest (a plain HTTP request)
    try:
        result = await _within(settings.page_timeout - settings.first_paint, path, task)
    except Exception as error:  # noqa: BLE001 - every failure ends on the Thai error page, shown in place
        with client:
            loading.delete()
            late_failure(error)
        return None
    with client:
        loading.delete()
        if isinstance(result, Response) and 'location' in result.headers:  # a redirect decided late
            ui.navigate.to(result.headers['location'])
    return None


def _to_sign_in(here: str) -> RedirectResponse:
    sign_out()
    return RedirectResponse(f'/login?next={quote(here)}' if here != '/' else '/login')


async def _opened(here: str, user: tuple, permission: str | None, title: str, load: Callable | None,
                  builder: Callable, kwargs: dict) -> Any:
    """Open the page: its one trip (`_open`), then the sign-in, password or no-access answer, or the builder."""
    oid = app.storage.user.get('oid')
    db.set_tenant((oid,) if oid else ())  # this task's: the account is found within its own LAO
    opened = await run.io_bound(_open, user, here, permission, load, kwargs)
    if opened.viewer is None:
        return _to_sign_in(here)
    _act_for(opened.viewer.principal)
    if opened.refused == 'password':
        return RedirectResponse(FIRST_SIGN_IN)
    if opened.refused == 'permission':
        no_access(opened.viewer, title)
        return None
    result = builder(opened.viewer, opened.data, **kwargs) if load else builder(opened.viewer, **kwargs)
    return await result if inspect.isawaitable(result) else result


def _in_client(client, building: Awaitable) -> asyncio.Task:
    async def build() -> Any:
        with client:  # the builder's own task builds into the same page
            return await building
    task = asyncio.create_task(build())
    task.add_done_callback(lambda t: t.cancelled() or t.exception())  # a late failure is reported by its waiter
    return task


async def _within(limit: float, path: str, task: asyncio.Task) -> Any:
    """Wait for a page builder's task at most `limit` seconds, else raise PageTimeout at once.

    The task is left behind on timeout: cancelling it is not enough, because NiceGUI's run.io_bound swallows the
    cancellation (it returns None) and the builder would go on past any deadline.
    """
    done, _ = await asyncio.wait({task}, timeout=max(limit, 0))
    if task in done:
        return task.result()
    task.cancel()
    raise PageTimeout(path, limit)


def _no_late_failure_page(error: Exception) -> None:
    raise error


late_failure: Callable[[Exception], None] = _no_late_failure_page  # pages/errors.py shows its Thai error card
handler_failure: Callable[[Exception], None] = _no_late_failure_page  # pages/errors.py: a failed action's Thai note


def no_access(viewer: Viewer, title: str = '') -> None:
    with frame(viewer, 'ไม่มีสิทธิ์เข้าถึง'):
        with ui.card().classes('max-w-xl').mark('no-access'):
            ui.label('ท่านไม่มีสิทธิ์เข้าถึงหน้านี้').classes('text-xl font-bold text-red-700')
            ui.label(f'หน้า "{title}" ต้องใช้สิทธิ์ที่ตำแหน่งของท่านไม่มี' if title else
                     'หน้านี้ต้องใช้สิทธิ์ที่ตำแหน่งของท่านไม่มี')
            ui.label('การเข้าถึงครั้งนี้ถูกบันทึกไว้แล้ว หากท่านต้องใช้งานหน้านี้ กรุณาติดต่อผู้ดูแลระบบ').classes(
                'text-gray-600')
            ui.button('กลับหน้าหลัก', icon='home', on_click=lambda: ui.navigate.to('/'))


def _set_position(position_id: int) -> None:
    app.storage.user['pos'] = position_id
    ui.navigate.reload()


def _theme(background: str) -> None:
    ui.colors(primary='#1e4f8a', secondary='#5a7ca8', accent='#c5912b')
    ui.query('body').classes(background)


def public_card(title: str, heading: str = 'ระบบงานองค์กรปกครองส่วนท้องถิ่น', width: str = 'max-w-md') -> ui.card:
    """The centred card of a page open without sign-in (login, set-up, citizen e-service)."""
    _theme('bg-slate-100')
    with ui.column().classes('w-full items-center pt-10 gap-4'):
        ui.label(heading).classes('text-2xl font-bold text-primary')
        card = ui.card().classes(f'w-full {width} p-6')
        with card:
            ui.label(title).classes('text-lg font-medium')
    return card


def client_address(request: Request) -> str:
    """The caller's IP address, for the sign-in throttle and the public pages' rate limits: the direct peer, or,
    when the peer is one of the settings' trusted proxies, the nearest untrusted address in X-Forwarded-For (read
    from the right: each trusted proxy appends the address it received from; whatever the client wrote comes
    first and is never believed)."""
    peer = request.client.host if request.client else ''
    trusted = get_settings().trusted_networks
    if not trusted or not _within_networks(peer, trusted):
        return peer
    forwarded = [hop.strip() for header in request.headers.getlist('x-forwarded-for') for hop in header.split(',')]
    for hop in reversed(forwarded):
        if not _valid_address(hop):
            break  # a malformed hop: nothing before it can be trusted
        if not _within_networks(hop, trusted):
            return hop
        peer = hop
    return peer


def _valid_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _within_networks(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


_HOME_LINK = ('<a href="/" class="flex items-center gap-2 px-4 py-2 hover:bg-slate-100 w-full no-underline">'
              '<i class="q-icon notranslate material-icons text-primary" aria-hidden="true">home</i>'
              '<span class="text-slate-800">หน้าหลัก</span></a>')
_MENU_LINK = 'block pl-12 pr-3 py-1 text-sm text-slate-700 no-underline hover:bg-slate-100'


_MENU_GROUP = 'flex items-center gap-3 px-4 py-2 font-medium text-slate-800 cursor-pointer hover:bg-slate-100'


@functools.lru_cache(maxsize=512)
def menu_html(groups: tuple[tuple[str, str, str, tuple[MenuEntry, ...]], ...]) -> str:
    """The drawer's menu as one piece of HTML: the home link, then per app (key, title, icon, entries) a group the
    browser opens and closes by itself (`<details open>`, marked data-menu=<app>) holding its links. Every page draws
    the menu; as NiceGUI elements (an expansion per app, a link per entry) it was a third of a page's elements and
    of its server time, and each open or close was a round trip to the server."""
    parts = [_HOME_LINK]
    for key, title, icon, entries in groups:
        links = ''.join(f'<a href="{escape(e.path)}" class="{_MENU_LINK}">{escape(e.title)}</a>' for e in entries)
        parts.append(f'<details open data-menu="{escape(key)}"><summary class="{_MENU_GROUP}">'
                     f'<i class="q-icon notranslate material-icons text-slate-600" aria-hidden="true">{escape(icon)}'
                     f'</i><span>{escape(title)}</span></summary>{links}</details>')
    return ''.join(parts)


@contextmanager
def frame(viewer: Viewer, title: str) -> Iterator[ui.column]:
    """Header (LAO, user, position, sign-out), the drawer menu and the page content."""
    _theme('bg-slate-50')
    with ui.header(elevated=True).classes('items-center gap-3 px-3 py-1 bg-primary'):
        ui.button(icon='menu', on_click=lambda: drawer.toggle()).props('flat round dense color=white')
        with ui.link(target='/').classes('no-underline text-white'):
            ui.label(viewer.org_name).classes('text-base font-bold leading-tight').mark('org-name')
        if viewer.is_demo_org:
            ui.badge('ข้อมูลสาธิต', color='orange').mark('demo-badge')
        ui.space()
        with ui.column().classes('gap-0 items-end text-white'):
            ui.label(viewer.principal.full_name).classes('text-sm font-medium leading-tight').mark('user-name')
            if len(viewer.positions) > 1:
                ui.select(dict(viewer.positions), value=viewer.current_position_id,
                          on_change=lambda e: _set_position(e.value)).props(
                    'dense borderless dark options-dense').classes('text-xs min-w-[12rem]').mark('position-select')
            else:
                ui.label(viewer.current_position or 'ไม่มีตำแหน่ง').classes('text-xs opacity-90').mark('position')
        here = ui.context.client.request.url.path if ui.context.client.request else '/'
        _show_carried_note(here)
        ui.button(icon='help_outline', on_click=lambda: ui.navigate.to(f'/help/page?path={quote(here)}')).props(
            'flat round color=white').tooltip('คู่มือของหน้านี้').mark('help-button')  # apps/help: the page's section
        with ui.button(icon='account_circle').props('flat round color=white').mark('user-menu'):
            with ui.menu():
                ui.menu_item('ข้อมูลของฉัน / เปลี่ยนรหัสผ่าน', on_click=lambda: ui.navigate.to('/profile'))
                ui.menu_item('ออกจากระบบ', on_click=lambda: ui.navigate.to('/logout')).mark('logout')
    with ui.left_drawer(value=True, bordered=True).classes('bg-white px-0 py-2 w-60').props(
            'width=240 breakpoint=900') as drawer:
        groups = tuple((spec.key, spec.title, spec.icon, tuple(entries))
                       for spec, entries in menu_for(viewer.principal))
        ui.html(menu_html(groups), sanitize=False).classes('w-full').mark('menu')
    with ui.column().classes('w-full max-w-screen-xl mx-auto p-4 gap-4') as content:
        ui.label(title).classes('text-xl font-bold text-slate-800').mark('page-title')
        yield content
