"""Migration 0015f: an LAO set up before it keeps its finance rules, with the seeded placeholders replaced — the
นายก's 999,999,999,999 from 1 Jan 2000 becomes no limit from the 2566 finance regulation, receipts per book starts with
the fiscal year of the LAO's first receipt — and a rule the LAO set itself is left alone."""

import importlib
from datetime import date
from decimal import Decimal

from alembic import command
from sqlalchemy import MetaData, select
from test_money_migration import Filler, database  # noqa: F401 (the fixture)

from core.db import alembic_config, make_engine

MIGRATION = importlib.import_module('migrations.versions.0015f_finance_rules_cited')
PLACEHOLDER = date(2000, 1, 1)


def test_the_placeholders_become_no_limit_and_the_first_receipts_year(database) -> None:  # noqa: F811
    config = alembic_config(database)
    command.upgrade(config, MIGRATION.down_revision)
    engine = make_engine(database)
    with engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        filler = Filler(conn, meta)
        org_id = filler.parent('organization')
        rule = meta.tables['finance_rule']
        rows = [('approve_limit.executive', Decimal('999999999999'), PLACEHOLDER),
                ('receipts_per_book', Decimal('100'), PLACEHOLDER),
                ('personnel_cap_pct', Decimal('40'), date(1999, 11, 17)),
                ('approve_limit.finance_director', Decimal('50000'), date(2024, 1, 1))]  # the LAO's own: kept
        for key, value, since in rows:
            filler.row('finance_rule', org_id=org_id, key=key, value=value, effective_from=since, description='')
        filler.row('receipt', org_id=org_id, receipt_date=date(2026, 2, 3))
    command.upgrade(config, MIGRATION.revision)
    with engine.connect() as conn:
        meta = MetaData()
        meta.reflect(conn)
        rule = meta.tables['finance_rule']
        found = {r.key: r for r in conn.execute(select(rule)).all()}
    engine.dispose()
    executive = found['approve_limit.executive']
    assert executive.value is None and executive.effective_from == date(2023, 8, 4)
    assert 'พ.ศ. 2566' in executive.clause
    assert found['receipts_per_book'].effective_from == date(2025, 10, 1)  # FY 2569, of the first receipt
    assert 'มาตรา 35' in found['personnel_cap_pct'].clause
    own = found['approve_limit.finance_director']
    assert own.value == Decimal('50000') and own.effective_from == date(2024, 1, 1) and own.clause == ''
