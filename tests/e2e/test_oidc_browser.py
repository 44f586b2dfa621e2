"""Sign-in with the province's account, end to end in Chromium: the real server set to a real OpenID Connect provider
(tests/oidc.py), the provider's own login and consent pages, back to the app signed in as the local user.

This server is a second one, on SQLite, set up with the provider's issuer and client (the secret in its data dir);
the shared demo server has no provider. Accounts map by `preferred_username` to the local usernames.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Server, free_port, launch
from playwright.sync_api import Page, expect

import oidc

pytestmark = pytest.mark.e2e


@pytest.fixture(scope='module')
def oidc_server(chromium, tmp_path_factory) -> Iterator[Server]:
    port = free_port()
    with oidc.provider(f'http://127.0.0.1:{port}/login/oidc/callback') as issuer:
        work: Path = tmp_path_factory.mktemp('e2e-oidc-server')
        (work / 'data').mkdir()
        secret = work / 'data' / 'oidc_client_secret'
        secret.write_text(oidc.CLIENT_SECRET)
        secret.chmod(0o600)
        settings = {'LAO_OIDC_ISSUER': issuer, 'LAO_OIDC_CLIENT_ID': oidc.CLIENT_ID,
                    'LAO_OIDC_USERNAME_CLAIM': 'preferred_username', 'LAO_OIDC_EMAIL_DOMAIN': 'example.go.th'}
        with launch(work, settings, port=port) as running:
            yield running


def _through_the_provider(page: Page, server: Server, login: str) -> None:
    page.goto(f'{server.url}/login')
    page.get_by_text('เข้าสู่ระบบด้วยบัญชีหน่วยงาน').click()
    page.wait_for_url(re.compile(r'^http://127\.0\.0\.1:\d+/interaction/'))  # the provider's own login page
    assert not page.url.startswith(server.url)
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill('any')
    page.locator('button[type="submit"]').click()
    page.locator('button[type="submit"]').click()  # the provider's consent page: continue


def test_the_province_account_signs_in_as_the_local_user_in_the_browser(page: Page, oidc_server: Server) -> None:
    _through_the_provider(page, oidc_server, 'planner')
    expect(page.get_by_text('สวัสดี นางสาวกัญญา พรหมวิเศษ')).to_be_visible()
    assert page.url.startswith(oidc_server.url)
    page.goto(f'{oidc_server.url}/eplan/projects')  # a page of the planner's, without a password typed
    expect(page.locator('.q-table__container')).to_be_visible()


def test_an_account_without_a_local_user_is_sent_back_to_the_login_page(page: Page, oidc_server: Server) -> None:
    _through_the_provider(page, oidc_server, 'stranger')
    expect(page.get_by_text('บัญชีหน่วยงานนี้ไม่ตรงกับผู้ใช้งานในระบบ')).to_be_visible()
    page.goto(f'{oidc_server.url}/')
    expect(page.get_by_role('button', name='เข้าสู่ระบบ', exact=True)).to_be_visible()  # still signed out
