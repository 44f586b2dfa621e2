"""The routes of sign-in with the province's account (OpenID Connect, authorization code flow with PKCE, state and
nonce, through authlib's Starlette client). Which local user it is, is core.oidc's rule."""

import hashlib

from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, run

from core import oidc
from core.settings import get_settings
from pages.layout import FIRST_SIGN_IN, client_address, sign_in

CALLBACK = '/login/oidc/callback'
_clients: dict[str, object] = {}  # one authlib client per configuration (it caches the provider's metadata)


def provider_client():
    """The authlib client for the settings now, or None when sign-in with the provider is off."""
    settings = get_settings()
    if not settings.oidc_enabled:
        return None
    secret = settings.oidc_client_secret()
    key = hashlib.sha256('\x1f'.join((settings.oidc_issuer, settings.oidc_client_id, secret)).encode()).hexdigest()
    if key not in _clients:
        registry = OAuth()
        _clients[key] = registry.register(
            name='province', client_id=settings.oidc_client_id, client_secret=secret,
            server_metadata_url=settings.oidc_issuer.rstrip('/') + '/.well-known/openid-configuration',
            client_kwargs={'scope': 'openid email profile', 'code_challenge_method': 'S256'})
    return _clients[key]


def _needs_userinfo(claims: dict) -> bool:
    settings = get_settings()
    return not claims.get(settings.oidc_username_claim) or bool(settings.oidc_email_domain and 'email' not in claims)


def _callback_url(request: Request) -> str:
    base = get_settings().public_url.rstrip('/') or str(request.base_url).rstrip('/')
    return base + CALLBACK


def safe_next(target: str | None) -> str:
    """A local path to go to after sign-in (never another site)."""
    return target if target and target.startswith('/') and not target.startswith('//') else '/'


def register() -> None:
    @app.get('/login/oidc')
    async def oidc_start(request: Request, next: str = '/'):  # noqa: A002 (the query's name)
        client = provider_client()
        if client is None:
            return RedirectResponse('/login')
        request.session['oidc_next'] = safe_next(next)
        return await client.authorize_redirect(request, _callback_url(request))

    @app.get(CALLBACK)
    async def oidc_callback(request: Request):
        client = provider_client()
        if client is None:
            return RedirectResponse('/login')
        address = client_address(request)
        try:
            token = await client.authorize_access_token(request)  # state, PKCE verifier, ID token and nonce
        except OAuthError as error:
            await run.io_bound(oidc.refuse_flow, error.error or 'oauth error', address)
            return RedirectResponse('/login?oidc=failed')
        claims = dict(token.get('userinfo') or {})  # the ID token's, its signature and nonce checked
        if _needs_userinfo(claims):  # many providers put email and names only in the userinfo answer
            answer = await client.userinfo(token=token)
            if answer.get('sub') != claims.get('sub'):
                await run.io_bound(oidc.refuse_flow, 'userinfo subject differs', address)
                return RedirectResponse('/login?oidc=failed')
            claims = {**dict(answer), **claims}
        result = await run.io_bound(oidc.sign_in, claims, address)
        if not result.ok:
            return RedirectResponse('/login?oidc=unknown')
        sign_in(result.user_id, result.org_id, result.session_version, result.session_hours)
        target = request.session.pop('oidc_next', '/')
        return RedirectResponse(FIRST_SIGN_IN if result.must_change_password else safe_next(target))
