"""A page costs one trip off the event loop (issue 13): who is signed in, whether they may open it and everything
it shows are read in one `run.io_bound` call. On a busy PC each trip waits its turn for the event loop, so a page of
three trips waited three times. Counted while the User fixture opens the page, signed in as a persona who may."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from nicegui import run
from nicegui.testing import User

from apps.admin.resources import USERS
from apps.elaas.resources import BUDGET_LINES, BUDGETS, VOUCHERS
from apps.eoffice.resources import INCOMING
from apps.eplan.resources import EDITIONS, PROJECTS
from apps.info.resources import VILLAGES
from core import resource
from core.demo import PEOPLE
from core.report import REPORTS
from core.resource import Resource
from helpers import principal, sign_in


@contextmanager
def trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the functions sent off the event loop while the block runs."""
    sent: list[str] = []
    original = run.io_bound

    async def counting(func, *args, **kwargs):
        sent.append(getattr(func, '__qualname__', repr(func)))
        return await original(func, *args, **kwargs)
    monkeypatch.setattr(run, 'io_bound', counting)
    yield sent
    monkeypatch.setattr(run, 'io_bound', original)


# every register whose detail page has an app's own cards (each read in the same trip), and a plain one
REGISTERS = [(VOUCHERS, 'accountant', 'voucher-lines'), (BUDGETS, 'finance_dir', 'budget-summary'),
             (BUDGET_LINES, 'finance_dir', 'line-remaining'), (EDITIONS, 'planner', 'edition-diff'),
             (PROJECTS, 'planner', 'project-money'), (USERS, 'admin', 'assignments'),
             (INCOMING, 'clerk', 'routing'), (VILLAGES, 'planner', 'detail-fields')]


@pytest.mark.parametrize(('register', 'username', 'card'), REGISTERS, ids=[r.ident for r, _, _ in REGISTERS])
async def test_list_and_detail_pages_cost_one_trip(user: User, monkeypatch, register: Resource, username: str,
                                                   card: str) -> None:
    actor = principal(username)
    await sign_in(user, username, expect=actor.full_name)
    record = resource.query(register, actor, per_page=1).rows[0]
    with trips(monkeypatch) as sent:
        await user.open(register.path)
        await user.should_see(marker='list-table')
    assert len(sent) == 1, f'{register.path}: {sent}'
    with trips(monkeypatch) as sent:
        await user.open(f'{register.path}/{record.id}')
        await user.should_see(marker=card)
    assert len(sent) == 1, f'{register.path}/{record.id}: {sent}'


async def test_a_page_refused_costs_one_trip_and_is_recorded(user: User, monkeypatch) -> None:
    await sign_in(user, 'driver', expect=principal('driver').full_name)
    with trips(monkeypatch) as sent:
        await user.open(VOUCHERS.path)
        await user.should_see(marker='no-access')
    assert len(sent) == 1, sent


@pytest.mark.parametrize(('address', 'username', 'marker'), [
    ('/', 'palad', 'pending-total'), ('/eplan', 'planner', 'plan-summary'), ('/elaas', 'finance_dir', 'report-fy'),
    ('/eoffice/inbox', 'palad', 'inbox-table'), ('/eoffice/overdue', 'palad', 'overdue-count'),
    ('/eoffice/numbers', 'clerk', 'burned-table'), (f'{PROJECTS.path}/new', 'planner', 'form-save')])
async def test_front_pages_and_forms_cost_one_trip(user: User, monkeypatch, address: str, username: str,
                                                  marker: str) -> None:
    await sign_in(user, username, expect=principal(username).full_name)
    with trips(monkeypatch) as sent:
        await user.open(address)
        await user.should_see(marker=marker)
    assert len(sent) == 1, f'{address}: {sent}'


async def test_an_edit_form_costs_one_trip(user: User, monkeypatch) -> None:
    planner = principal('planner')
    await sign_in(user, 'planner', expect=planner.full_name)
    project = resource.query(PROJECTS, planner, per_page=1).rows[0]
    with trips(monkeypatch) as sent:
        await user.open(f'{PROJECTS.path}/{project.id}/edit')
        await user.should_see(marker='form-save')
    assert len(sent) == 1, sent


@pytest.mark.parametrize('ident', sorted(REPORTS))
async def test_every_report_page_costs_one_trip(user: User, monkeypatch, ident: str) -> None:
    """The form's choices and the report's first rows (or first page) come in the page's one trip."""
    report = REPORTS[ident]
    username = next(p.username for p in PEOPLE if principal(p.username).can(report.permission))
    await sign_in(user, username, expect=principal(username).full_name)
    with trips(monkeypatch) as sent:
        await user.open(report.path)
        await user.should_see(marker='report-subtitle', retries=100)
    assert len(sent) == 1, f'{report.path}: {sent}'
