"""Migration 0011b: an install seeded with the corrupted names gets DLA's names; a name its administrator changed
is kept; going back restores what was there."""

import importlib

from alembic import command
from sqlmodel import select

from core import db
from core.db import alembic_config
from models.finance import Account
from models.org import Organization

MIGRATION = importlib.import_module('migrations.versions.0011b_voucher_numbers_and_chart_names')
CASH_OTHER, LOANS = '1101030000.000', '1102010000.000'  # both seeded with misplaced vowels before


def _first_org(session) -> int:
    """The demo LAO (the install holds its province's other demo LAOs too)."""
    return session.exec(select(Organization.id).where(Organization.dla_code == '6300199')).one()


def _names() -> dict[str, str]:
    with db.session_scope() as session:
        return dict(session.exec(select(Account.code, Account.name).where(
            Account.code.in_((CASH_OTHER, LOANS)), Account.org_id == _first_org(session))).all())


def test_seeded_names_are_corrected_and_an_administrators_name_is_kept(fresh_database) -> None:
    renamed = {code: (old, new) for code, old, new in MIGRATION.RENAMED}
    assert _names() == {CASH_OTHER: renamed[CASH_OTHER][1], LOANS: renamed[LOANS][1]}  # a new LAO: DLA's names
    with db.session_scope(write=True) as session:
        account = session.exec(select(Account).where(Account.code == LOANS,
                                                     Account.org_id == _first_org(session))).one()
        account.name = 'ลูกหนี้เงินยืม (ตั้งชื่อเอง)'
        session.add(account)
    db.engine().dispose()
    config = alembic_config(fresh_database)
    command.downgrade(config, MIGRATION.down_revision)
    assert _names() == {CASH_OTHER: 'เงินฝากและรายการเทียบเท่าเงนิ สดอนื่', LOANS: 'ลูกหนี้เงินยืม (ตั้งชื่อเอง)'}
    db.engine().dispose()
    command.upgrade(config, 'head')
    assert _names() == {CASH_OTHER: 'เงินฝากและรายการเทียบเท่าเงินสดอื่น', LOANS: 'ลูกหนี้เงินยืม (ตั้งชื่อเอง)'}
