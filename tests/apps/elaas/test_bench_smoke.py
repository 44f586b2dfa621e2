"""The benchmark's data generator at a tiny size: it writes books the reports agree with (not the benchmark itself)."""

import sys
from decimal import Decimal
from pathlib import Path

from apps.elaas import books, reports
from core import db
from core.thai import fiscal_year, today
from helpers import principal

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'bench'))
from elaas_data import generate  # noqa: E402


def test_generator_writes_balanced_books_within_budget() -> None:
    accountant = principal('accountant')
    years = [fiscal_year(today()) - 2, fiscal_year(today()) - 1]
    with db.session_scope(write=True) as session:
        counts = generate(session, accountant.org_id, accountant.user_id, years, lines=20, vouchers=60, receipts=40)
    assert counts['vouchers'] == 120 and counts['receipts'] == 80 and counts['journals'] == 200
    trial = books.trial_balance(accountant, years[-1])
    assert trial.iloc[-1]['เดบิต'] == trial.iloc[-1]['เครดิต'] > 0
    remaining = reports.remaining_budget(accountant, years[-1])
    assert len(remaining) == 20 and (remaining['คงเหลือ'] >= 0).all()
    assert sum(remaining['เบิกจ่าย'], Decimal('0')) > 0
