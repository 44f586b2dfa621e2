"""Ten staff at once on one server (the machine's two cores): every page each opens from their menu, all ten
navigating together, answers without an error page — no HTTP 500, no NiceGUI timeout page, no Thai error card.

Each client is its own browser context (its own session) signed in as a different persona; the pages come from
each persona's menu, so new apps are covered without editing this file.
"""

import re

import pytest
from playwright.sync_api import Page, Response, expect
from test_shell_browser import as_persona

from core.menu import menu_for
from helpers import principal

pytestmark = pytest.mark.e2e

PERSONAS = ('mayor', 'palad', 'head_palad', 'planner', 'finance_dir', 'accountant', 'cashier', 'clerk', 'admin',
            'edu_dir')
PAGES_EACH = 8
FAILED_PAGE = re.compile(r'เกิดข้อผิดพลาด|took longer than the response_timeout|Internal Server Error')


def menu_pages(username: str) -> list[str]:
    return ['/', *sorted({entry.path for _, entries in menu_for(principal(username)) for entry in entries})]


def test_ten_staff_navigating_together_get_no_error_page(new_context) -> None:
    clients: list[tuple[Page, list[str]]] = []
    failures: list[str] = []

    def watch(response: Response) -> None:
        if response.request.resource_type == 'document' and response.status >= 500:
            failures.append(f'{response.status} {response.url}')

    for username in PERSONAS:
        page = new_context().new_page()
        as_persona(page, username)
        page.on('response', watch)
        paths = menu_pages(username)
        clients.append((page, [paths[n * len(paths) // PAGES_EACH] for n in range(PAGES_EACH)]))

    for step in range(PAGES_EACH):
        for page, paths in clients:  # all ten ask at once; nobody waits for the others
            page.evaluate('path => { window.leaving = true; window.location.assign(path) }', paths[step])
        for page, _ in clients:
            page.wait_for_function('() => !window.leaving && document.readyState === "complete"')  # the new page
            expect(page.locator('header')).to_be_visible()
            expect(page.locator('.q-spinner-dots')).to_have_count(0)  # the page finished, not only its shell
            page.wait_for_load_state('load')
            if FAILED_PAGE.search(page.content()):
                failures.append(f'error page at {page.url}')
    assert not failures, failures
