"""Shared test helpers: sign in through the real login form; load a principal for service tests."""

from nicegui.testing import User
from sqlmodel import select

from core import db
from core.access import Principal, load_principal
from core.demo import DEMO_PASSWORD
from models.org import User as Account


async def sign_in(user: User, username: str, password: str = DEMO_PASSWORD, expect: str | None = None) -> None:
    """Sign in through the form; with `expect`, wait for the home page and that text on it."""
    await user.open('/login')
    user.find(marker='username').type(username)
    user.find(marker='password').type(password)
    user.find(marker='login-button').click()
    if expect:
        await user.should_see(marker='pending-total', retries=100)
        await user.should_see(expect)


def principal(username: str) -> Principal:
    with db.session_scope() as session:
        account = session.exec(select(Account).where(Account.username == username)).one()
        return load_principal(session, account.id)
