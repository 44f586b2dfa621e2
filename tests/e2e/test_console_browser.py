"""Every register's list page and every menu entry in a real browser, for personas who may view them: no console
error.

The registers come from the kit's registry and the entries from the apps' menus (a new Resource or menu entry is
covered without touching this file). The persona-switcher sign-in is shared with the shell's browser tests.
"""

import importlib

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, expect
from test_shell_browser import as_persona

from apps import APPS
from core.menu import menu_for
from core.resource import REGISTRY
from helpers import principal

pytestmark = pytest.mark.e2e

PERSONAS = ('palad', 'admin')  # '*.view' across the organisation; the administrator's registers besides


def list_pages(username: str) -> list[str]:
    for spec in APPS:  # declaring the registers (importing each app's pages) fills the kit's registry
        importlib.import_module(f'apps.{spec.key}.pages')
    actor, keys = principal(username), {spec.key for spec in APPS}  # not the test modules' own registers
    return sorted(r.path for r in REGISTRY.values() if r.app in keys and actor.can(r.view))


def menu_pages(username: str) -> list[str]:
    return sorted({entry.path for _, entries in menu_for(principal(username)) for entry in entries})


@pytest.mark.parametrize('username', PERSONAS)
def test_every_list_page_renders_without_a_console_error(page: Page, username: str) -> None:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == 'error':
            errors.append(f'{page.url}: {message.text}')

    def on_page_error(error: Error) -> None:
        errors.append(f'{page.url}: {error.message}')

    page.on('console', on_console)
    page.on('pageerror', on_page_error)
    as_persona(page, username)
    paths = list_pages(username)
    assert len(paths) >= 10
    for path in paths:
        page.goto(path)
        expect(page.locator('.q-table__container')).to_be_visible()
        expect(page.locator('.q-table__bottom')).to_be_visible()  # the pagination bar, drawn from its props
    page.locator('.q-table__bottom .q-select').click()  # the rows-per-page choices are the kit's, as numbers
    expect(page.get_by_role('option', name='100', exact=True)).to_be_visible()
    for path in set(menu_pages(username)) - set(paths):
        page.goto(path)
        expect(page.locator('header')).to_be_visible()
        expect(page.locator('.q-spinner-dots')).to_have_count(0)  # the page finished building (a busy PC answers
        # first with a spinner); not 'networkidle', which a socket.io polling transport may never reach
    assert not errors, f'{len(errors)} console errors:\n' + '\n'.join(errors)
