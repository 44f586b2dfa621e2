"""The signed-in user's rights are cached per process (pages.layout.VIEWERS) and re-read whenever they change.

A page or a writing handler then costs one small query to know who acts; a change to roles, positions, delegation
orders or the account — made through any session, in any process — is seen on the very next request, so a tab left
open never acts on rights its user has lost."""

from sqlmodel import select

from core import db
from helpers import counted
from models.org import Assignment, DelegationOrder, Organization, Position, PositionRole
from models.org import User as Account
from pages.layout import VIEWERS


def _account(username: str) -> Account:
    with db.session_scope() as session:
        return session.exec(select(Account).where(Account.username == username)).one()


def _viewer(username: str):
    account = _account(username)
    return VIEWERS.get(account.id, account.session_version, None)


def test_a_second_request_costs_one_query_and_gives_the_same_rights() -> None:
    with counted() as first:
        viewer = _viewer('accountant')
    with counted() as second:
        again = _viewer('accountant')
    assert again is viewer
    assert len(second) == 2  # _account() above, and the stamp
    assert len(first) > len(second)


def test_a_removed_role_is_seen_on_the_next_request() -> None:
    assert _viewer('accountant').can('elaas.voucher.prepare')
    with db.session_scope(write=True) as session:
        account = session.exec(select(Account).where(Account.username == 'accountant')).one()
        position_ids = session.exec(select(Assignment.position_id).where(Assignment.user_id == account.id)).all()
        for link in session.exec(select(PositionRole).where(PositionRole.position_id.in_(position_ids))).all():
            session.delete(link)
    assert not _viewer('accountant').can('elaas.voucher.prepare')


def test_a_revoked_delegation_order_is_seen_on_the_next_request() -> None:
    before = _viewer('palad').principal
    assert before.delegations, 'the demo ปลัด acts under order 245/2567'
    with db.session_scope(write=True) as session:
        for order in session.exec(select(DelegationOrder).where(
                DelegationOrder.id.in_([d.order_id for d in before.delegations]))).all():
            order.revoked = True
    assert not _viewer('palad').principal.delegations


def test_a_deactivated_account_is_signed_out_at_once() -> None:
    assert _viewer('clerk') is not None
    with db.session_scope(write=True) as session:  # only the flag: the session version stays as it was
        session.exec(select(Account).where(Account.username == 'clerk')).one().is_active = False
    assert _viewer('clerk') is None


def test_a_renamed_position_shows_in_the_header_on_the_next_request() -> None:
    viewer = _viewer('accountant')
    with db.session_scope(write=True) as session:
        session.get(Position, viewer.current_position_id).title = 'นักวิชาการเงินและบัญชีชำนาญการพิเศษ'
    assert _viewer('accountant').current_position.startswith('นักวิชาการเงินและบัญชีชำนาญการพิเศษ')


def test_a_sign_in_does_not_renew_everyone_s_rights() -> None:
    """Login bookkeeping (time of last sign-in, a re-hashed password) is no change of rights: 50 staff signing in at
    eight o'clock do not make each other's next page re-read everything."""
    from core import auth
    account = _account('accountant')
    with db.session_scope() as session:
        before = session.get(Organization, account.org_id).access_version
    auth.signed_in(account.id, '127.0.0.1')
    with db.session_scope() as session:
        assert session.get(Organization, account.org_id).access_version == before


def test_tomorrow_re_reads_the_orders_in_force() -> None:
    """A delegation order ends by date: the day is part of what the cached rights are valid for."""
    from datetime import timedelta

    from core.thai import frozen_clock, now
    viewer = _viewer('palad')
    assert _viewer('palad') is viewer
    with frozen_clock(now() + timedelta(days=1)):
        assert _viewer('palad') is not viewer
