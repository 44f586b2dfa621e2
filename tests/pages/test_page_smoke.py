"""Every registered page opened by every demo persona, as the access matrix says (NiceGUI User fixture, no browser).

The pages come from the shell's page registry (`pages.layout.registered_pages`), so a new page — a new Resource's
list, form and detail, a new report, a new app — is covered without touching this file; who may open it comes from
assets/access_matrix.yaml (tests/pages/test_access_matrix.py checks the matrix against the rights). A Resource's
record pages get a real id from the demo data, one the persona may see; other pages with variants declare `samples`.
A page the persona is named for passes when it answers 200 with its title (`page-title`) and neither the no-access
nor the not-found card, shows no error notification and logs no ERROR; on a register's list and record pages every
button shown (add, import, edit, delete, each workflow move) must be an action the matrix names the persona for.
Every other page shows the no-access card. About 4,000 page openings (2 cores).
"""

import logging

import pytest
from nicegui import Client, ui
from nicegui.testing import User
from nicegui.testing.user_notify import UserNotify
from sqlmodel import select

from core import db
from core import resource as kit
from core.access import Principal
from core.settings import get_settings
from helpers import sign_in, signed_in_principal
from matrix import PERSONAS
from matrix import load as access_matrix
from pages.layout import PageSpec, Viewer, frame, page, registered_pages

USERNAMES = list(PERSONAS)  # the demo LAO's people and the provincial reader
# Registers the demo leaves empty, with the reason; their record pages are opened with an unknown id (the kit's
# not-found page). The test fails when one of them gets demo records, or another register has none.
WITHOUT_DEMO_RECORDS: dict[str, str] = {}


class Notifications(UserNotify):
    """The simulated ui.notify, keeping the error notifications apart."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def __call__(self, message: str, **kwargs) -> None:
        super().__call__(message, **kwargs)
        if kwargs.get('type') == 'negative':
            self.errors.append(str(message))


def _record_resource(path: str) -> kit.Resource | None:
    """The Resource whose record page (detail or edit) this route is."""
    return next((r for r in kit.REGISTRY.values()
                 if path in (f'{r.path}/{{record_id}}', f'{r.path}/{{record_id}}/edit')), None)


def _register_of(path: str) -> kit.Resource | None:
    """The Resource whose list this route is."""
    return next((r for r in kit.REGISTRY.values() if path == r.path), None)


BUTTONS = {'list-add': 'edit', 'list-import': 'edit', 'detail-edit': 'edit', 'detail-delete': 'delete'}


def shown_actions(user: User, resource: kit.Resource) -> set[str]:
    """The register's actions the open page offers as buttons."""
    markers = {m for element in user.client.elements.values() for m in element._markers}
    moves = {m.removeprefix('transition-') for m in markers if m.startswith('transition-')}
    return moves | {action for marker, action in BUTTONS.items() if marker in markers}


def _any_record(resource: kit.Resource, actor: Principal) -> int | None:
    model = resource.model
    query = select(model.id).where(model.org_id == actor.org_id)
    for name, value in resource.fixed.items():
        query = query.where(getattr(model, name) == value)
    with db.session_scope() as session:
        return session.exec(query.order_by(model.id).limit(1)).first()


def addresses(spec: PageSpec, actor: Principal) -> list[tuple[str, str]]:
    """The concrete addresses that show this page (and each of its variants) to this persona, each with the marker
    that proves it rendered as it should."""
    if spec.samples is not None:
        return [(address, 'page-title') for address in spec.samples()]
    if '{' not in spec.path:
        return [(spec.path, 'list-table' if _register_of(spec.path) else 'page-title')]
    resource = _record_resource(spec.path)
    assert resource is not None, f'{spec.path} has path parameters: declare samples= on its page()'
    seen = kit.query(resource, actor, per_page=1).rows if actor.can(resource.view) else []
    if seen:  # a record this persona finds in the register; its page has drawn its buttons with its fields
        detail = spec.path.endswith('}')
        return [(spec.path.replace('{record_id}', str(seen[0].id)), 'detail-fields' if detail else 'page-title')]
    record_id = _any_record(resource, actor)
    if record_id is None:
        assert resource.ident in WITHOUT_DEMO_RECORDS, f'the demo data has no {resource.title}: add one'
        record_id = 0
    else:
        assert resource.ident not in WITHOUT_DEMO_RECORDS, f'{resource.ident} has demo records now: unlist it'
    # a record out of this persona's reach (or none at all): the kit's not-found page, never a failure
    return [(spec.path.replace('{record_id}', str(record_id)), 'not-found')]


class Opener:
    """Opens addresses for one signed-in user and collects what went wrong on each."""

    def __init__(self, user: User, caplog: pytest.LogCaptureFixture) -> None:
        self.user = user
        self.caplog = caplog
        self.notifications = Notifications()
        user.notify = self.notifications
        self.problems: list[str] = []

    async def open(self, address: str, marker: str | None = 'page-title', absent: tuple[str, ...] = ()) -> None:
        logged = len(self.caplog.records)
        shown = len(self.notifications.errors)
        try:
            await self.user.open(address)
            # a page slower than settings.first_paint (a busy machine) is answered with a spinner and finishes over
            # its connection: wait for it, up to the page's own time limit (its Thai error page comes then)
            await self.user.should_not_see(marker='page-loading', retries=int(get_settings().page_timeout * 10) + 10)
            if marker:
                await self.user.should_see(marker=marker)
            for other in absent:
                await self.user.should_not_see(marker=other)
        except Exception as error:  # noqa: BLE001 - a page that fails in any way is reported with the others
            self.problems.append(f'{address}: {type(error).__name__}: {error}')
        errors = [r for r in self.caplog.records[logged:] if r.levelno >= logging.ERROR]
        self.problems += [f'{address}: ERROR log: {r.getMessage()[:300]}' for r in errors]
        self.problems += [f'{address}: error notification: {m}' for m in self.notifications.errors[shown:]]


@pytest.mark.parametrize('username', USERNAMES)
async def test_every_page_opens_for_the_persona_as_the_matrix_says(
        user: User, caplog: pytest.LogCaptureFixture, username: str) -> None:
    await sign_in(user, username, expect='สวัสดี')
    actor, declared = signed_in_principal(username), access_matrix()  # the seat its pages act in
    specs = registered_pages()
    assert len(specs) > 100, 'the page registry looks empty'
    opener = Opener(user, caplog)
    allowed = [spec for spec in specs if username in (declared.page(spec) or ())]
    for spec in allowed:
        resource = _register_of(spec.path) or _record_resource(spec.path)
        for address, marker in addresses(spec, actor):
            await opener.open(address, marker, absent=tuple({'no-access', 'not-found'} - {marker}))
            if resource is not None and marker in ('list-table', 'detail-fields'):
                offered = {a for a in shown_actions(user, resource) if username not in declared.action(resource, a)}
                opener.problems += [f'{address}: offers {a}, which the matrix does not give' for a in sorted(offered)]
    for spec in specs:
        if spec not in allowed:
            await opener.open(addresses(spec, actor)[0][0], marker='no-access')
    assert not opener.problems, f'{username}: {len(opener.problems)} problems:\n' + '\n'.join(opener.problems)


async def test_every_route_is_a_registered_page_or_a_public_one(user: User, caplog) -> None:
    """A page made with a bare ui.page has no permission check: only these public pages may be one; each opens."""
    public = {'/login', '/logout', '/recover', '/setup', '/e-service', '/e-service/track', '/e-service/{dla_code}'}
    served = set(Client.page_routes.values())
    registered = {spec.path for spec in registered_pages()}
    assert served - registered == public
    opener = Opener(user, caplog)
    for path in sorted(public - {'/logout', '/setup'}):  # sign-out and the finished set-up only redirect
        await opener.open(path, marker=None)
    assert not opener.problems, '\n'.join(opener.problems)


async def test_the_check_catches_an_error_notification_an_error_log_and_a_missing_title(
        user: User, caplog: pytest.LogCaptureFixture) -> None:
    @page('/test/notifies', title='ทดสอบ')
    async def notifies(viewer: Viewer) -> None:
        with frame(viewer, 'ทดสอบ'):
            ui.notify('บันทึกไม่ได้', type='negative')

    @page('/test/logs', title='ทดสอบ')
    async def logs(viewer: Viewer) -> None:
        with frame(viewer, 'ทดสอบ'):
            logging.getLogger('lao.test').error('something broke')

    @page('/test/untitled', title='ทดสอบ')
    async def untitled(viewer: Viewer) -> None:
        ui.label('no frame, no title')

    await sign_in(user, 'clerk', expect='สวัสดี')
    opener = Opener(user, caplog)
    for path in ('/test/notifies', '/test/logs', '/test/untitled', '/'):
        await opener.open(path)
    assert [problem.split(': ')[0] for problem in opener.problems] == ['/test/notifies', '/test/logs', '/test/untitled']
    caplog.clear()  # the ERROR line was the point
