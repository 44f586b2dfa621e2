"""Sign-in with the province's account against a real OpenID Connect provider (tests/oidc.py, started here).

The provider's development login form is filled with httpx; the app side runs in NiceGUI's User fixture
(tests/e2e/test_oidc_browser.py does the same in Chromium against the real server).
"""

import html
import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urljoin, urlparse

import httpx
import pytest
from nicegui.testing import User
from sqlmodel import select

import oidc
from core import db, settings
from models.audit import AuditEvent
from models.org import User as Account

APP = 'http://test'  # the User fixture's base URL
CALLBACK = f'{APP}/login/oidc/callback'


@pytest.fixture(scope='module')
def provider() -> Iterator[str]:
    with oidc.provider(CALLBACK) as issuer:
        yield issuer


@pytest.fixture
def configured(provider: str, monkeypatch, fresh_database) -> str:
    """The app set to sign in with the provider (only verified emails of example.go.th)."""
    monkeypatch.setenv('LAO_OIDC_ISSUER', provider)
    monkeypatch.setenv('LAO_OIDC_CLIENT_ID', oidc.CLIENT_ID)
    monkeypatch.setenv('LAO_OIDC_EMAIL_DOMAIN', 'example.go.th')
    config = settings.configure()
    settings.private_file(config.data_dir / 'oidc_client_secret', oidc.CLIENT_SECRET.encode())
    with db.session_scope(write=True) as session:
        account = session.exec(select(Account).where(Account.username == 'planner')).one()
        account.email = 'Kanya.P@example.go.th'
        session.add(account)
    return provider


def _form(page: str) -> tuple[str, dict[str, str]]:
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    fields = {html.unescape(name): html.unescape(value)
              for name, value in re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    return action, fields


async def _provider_login(start: str, login: str) -> str:
    """Follow the provider from its authorization URL through its login and consent forms; the URL it sends the
    browser back to (the app's callback)."""
    async with httpx.AsyncClient(timeout=20) as browser:
        response = await browser.get(start)
        for _ in range(12):
            if response.is_redirect:
                target = urljoin(str(response.url), response.headers['location'])
                if target.startswith(APP):
                    return target
                response = await browser.get(target)
                continue
            action, fields = _form(response.text)
            if fields.get('prompt') == 'login':
                fields.update(login=login, password='any')
            response = await browser.post(urljoin(str(response.url), action), data=fields)
    raise AssertionError('the provider never sent the browser back')


async def _start(user: User) -> str:
    response = await user.http_client.get('/login/oidc?next=/eplan')
    assert response.status_code in (302, 303, 307), response.text
    return response.headers['location']


def _actions() -> list[tuple[str, str]]:
    with db.session_scope() as session:
        return [(e.action, e.data) for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]


async def test_the_provider_account_signs_in_as_the_local_user(user: User, configured: str) -> None:
    await user.open('/login')
    await user.should_see(marker='oidc-button')
    authorize = await _start(user)
    query = parse_qs(urlparse(authorize).query)
    assert query['code_challenge_method'] == ['S256'] and query['state'] and query['nonce']
    back = await _provider_login(authorize, 'kanya.p')
    response = await user.http_client.get(back)
    assert response.headers['location'] == '/eplan'
    await user.open('/')
    await user.should_see('สวัสดี นางสาวกัญญา พรหมวิเศษ', retries=100)
    assert any(action == 'login' and json.loads(data).get('via') == 'oidc' for action, data in _actions())
    assert oidc.CLIENT_SECRET not in str(_actions())


async def test_an_account_no_local_user_has_is_refused(user: User, configured: str) -> None:
    back = await _provider_login(await _start(user), 'stranger')
    response = await user.http_client.get(back)
    assert response.headers['location'] == '/login?oidc=unknown'
    await user.open('/login?oidc=unknown')
    await user.should_see('บัญชีหน่วยงานนี้ไม่ตรงกับผู้ใช้งานในระบบ')
    await user.open('/')
    await user.should_see(marker='login-button')  # not signed in
    refused = [data for action, data in _actions() if action == 'oidc_login_refused']
    assert refused and json.loads(refused[-1])['email'] == 'stranger@example.go.th'
    assert json.loads(refused[-1])['reason'] == 'unknown'


async def test_a_tampered_state_is_refused(user: User, configured: str) -> None:
    back = await _provider_login(await _start(user), 'kanya.p')
    parts = urlparse(back)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query['state'] = query['state'][:-2] + ('xy' if not query['state'].endswith('xy') else 'zz')
    response = await user.http_client.get(parts.path, params=query)
    assert response.headers['location'] == '/login?oidc=failed'
    await user.open('/')
    await user.should_see(marker='login-button')
    assert any(action == 'oidc_login_refused' for action, _ in _actions())


async def test_no_provider_button_unless_configured(user: User) -> None:
    await user.open('/login')
    await user.should_see(marker='login-button')
    await user.should_not_see(marker='oidc-button')
