"""Finance rules read as an officer reads them: each cites where it comes from, none carries a placeholder date, the
นายก's voucher limit is "ไม่จำกัด" (a blank value, not 999,999,999,999), and only a limit may be left blank."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from elaas_helpers import new_voucher
from sqlmodel import select

from apps.elaas import vouchers
from apps.elaas.resources import FINANCE_RULES
from core import db, resource
from core.access import PermissionDenied
from core.errors import ValidationFailed
from core.thai import fiscal_year, fiscal_year_range, today
from helpers import principal
from models.finance import BudgetLine, FinanceRule


def _rules(org_id: int) -> dict[str, FinanceRule]:
    with db.session_scope() as session:
        return {r.key: r for r in session.exec(select(FinanceRule).where(FinanceRule.org_id == org_id)).all()}


def _checked(amount: str) -> int:
    accountant = principal('accountant')
    with db.session_scope() as session:
        lines = session.exec(select(BudgetLine).where(BudgetLine.org_id == accountant.org_id,
                                                      BudgetLine.fiscal_year == fiscal_year(today()))).all()
    voucher_id = new_voucher(max(lines, key=lambda line: line.remaining).id, amount)
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    return voucher_id


def test_every_seeded_rule_cites_its_source_and_none_starts_on_a_placeholder_day() -> None:
    rules = _rules(principal('admin').org_id)
    assert {'personnel_cap_pct', 'approve_limit.executive', 'receipts_per_book', 'budget_deficit_refused'} <= set(rules)
    assert all(r.clause and r.effective_from != date(2000, 1, 1) for r in rules.values()), rules
    executive = rules['approve_limit.executive']
    assert executive.value is None and 'พ.ศ. 2566' in executive.clause
    own = rules['receipts_per_book']
    assert own.value == Decimal('100.00') and 'ค่าของ อปท.' in own.clause
    assert own.effective_from <= fiscal_year_range(fiscal_year(today()))[0]


def test_the_register_shows_no_limit_in_words_and_reads_it_back_from_its_sheet() -> None:
    value = next(f for f in FINANCE_RULES.fields if f.name == 'value')
    assert resource.display(value, None) == 'ไม่จำกัด'
    admin = principal('admin')
    with db.session_scope() as session:
        rows = session.exec(select(FinanceRule).where(FinanceRule.org_id == admin.org_id)).all()
    frame = resource.to_frame(FINANCE_RULES, admin, rows)
    limits = frame[frame['รหัสเกณฑ์'] == 'approve_limit.executive']['ค่า'].tolist()
    assert limits == ['ไม่จำกัด'] and '999,999,999,999' not in frame.to_string()
    assert resource.clean_value(FINANCE_RULES, value, 'ไม่จำกัด') is None


def test_only_a_limit_may_be_left_blank() -> None:
    admin = principal('admin')
    with pytest.raises(ValidationFailed) as refused:
        resource.create(FINANCE_RULES, admin, {'key': 'receipts_per_book', 'value': '',
                                               'effective_from': today(), 'clause': 'ค่าของ อปท. เอง'})
    assert 'ค่า' in refused.value.errors['value']
    resource.create(FINANCE_RULES, admin, {'key': 'approve_limit.finance_director', 'value': '',
                                           'effective_from': today(), 'clause': 'ทดสอบ'})


def test_the_executive_approves_any_amount_until_a_dated_limit_says_otherwise() -> None:
    mayor = principal('mayor')
    vouchers.transition(mayor, _checked('250000.00'), 'approve')  # no limit of his own
    resource.create(FINANCE_RULES, principal('admin'), {
        'key': 'approve_limit.executive', 'value': '1,000', 'effective_from': today() - timedelta(days=1),
        'description': 'ทดสอบ', 'clause': 'ทดสอบ'})
    with pytest.raises(PermissionDenied, match=r'เกินวงเงินอนุมัติของท่าน \(1,000.00 บาท\)'):
        vouchers.transition(mayor, _checked('5000.00'), 'approve')
