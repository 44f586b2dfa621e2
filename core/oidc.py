"""Sign-in with an OpenID Connect provider (the province's accounts): the provider's account maps to an existing
active local user, by username or email, and nothing else. A provider account never creates a user or carries
rights; an account that maps to no one is refused and audited. The flow itself (authlib) is in pages/oidc.py.
"""

from sqlalchemy import func
from sqlmodel import select

from core import audit, auth, db
from core.settings import get_settings
from models.org import User

UNKNOWN = 'บัญชีหน่วยงานนี้ไม่ตรงกับผู้ใช้งานในระบบ กรุณาติดต่อผู้ดูแลระบบให้บันทึกอีเมลหรือชื่อผู้ใช้ของท่าน'


def _refuse(reason: str, claims: dict, source: str) -> auth.LoginResult:
    audit.record_now('oidc_login_refused', org_id=None, data={
        'reason': reason, 'subject': str(claims.get('sub', ''))[:100], 'email': str(claims.get('email', ''))[:200],
        'from': source})
    return auth.LoginResult(False, UNKNOWN)


def refuse_flow(reason: str, source: str) -> None:
    """The provider's answer itself was refused (a tampered or replayed state, a provider error)."""
    audit.record_now('oidc_login_refused', org_id=None, data={'reason': reason[:200], 'from': source})


def sign_in(claims: dict, source: str) -> auth.LoginResult:
    """The local account for the provider's verified claims (the ID token's, checked by authlib), signed in."""
    settings = get_settings()
    value = str(claims.get(settings.oidc_username_claim) or '').strip().lower()
    if not value:
        return _refuse('no claim', claims, source)
    if settings.oidc_email_domain:
        email = str(claims.get('email') or '').lower()
        if claims.get('email_verified') is False or not email.endswith('@' + settings.oidc_email_domain.lower()):
            return _refuse('domain', claims, source)
    with db.tenant(sign_in=True), db.session_scope() as session:  # the fence's sign-in exception
        if '@' in value:
            users = session.exec(select(User).where(func.lower(User.email) == value)).all()
        else:
            users = session.exec(select(User).where(User.username == value)).all()
    if len(users) != 1:  # no one, or an email two accounts share: never guess
        return _refuse('unknown' if not users else 'ambiguous', claims, source)
    if not users[0].is_active:
        return _refuse('inactive', claims, source)
    return auth.signed_in(users[0].id, source, via='oidc')
