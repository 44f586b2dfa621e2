"""Exact money in e-LAAS on both databases: the largest amount posts and balances to the satang; larger, negative,
NaN or many-place amounts are refused on the form, the import and every service with a Thai message naming the
field (never an InvalidOperation, DataError or OverflowError)."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from elaas_helpers import a_line, fund_id, new_voucher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from apps.elaas import books, budget, receipts, vouchers
from apps.elaas.resources import RECEIPTS
from core import db, resource
from core.errors import ValidationFailed
from core.thai import fiscal_year
from helpers import principal
from models.finance import BudgetLine, Journal, JournalLine, Receipt
from models.types import MONEY_MAX

THAI = re.compile('[\u0e00-\u0e7f]')
TOO_BIG = 'ต้องไม่เกิน 999,999,999,999.99 บาท'
FY = fiscal_year(date.today())
ACCOUNT = '2102040103.001'  # a non-budget account (withholding tax payable), paid from fund 06


def test_a_receipt_of_the_largest_amount_posts_and_balances_to_the_satang() -> None:
    revenue = principal('revenue')
    receipt_id = resource.create(RECEIPTS, revenue, {'receipt_date': date.today(), 'payer': 'บริษัท ใหญ่มาก จำกัด',
                                                     'revenue_code': '411002', 'amount': '999,999,999,999.99'})
    with db.session_scope() as session:
        receipt = session.get(Receipt, receipt_id)
        lines = session.exec(select(JournalLine).where(JournalLine.journal_id == receipt.journal_id)).all()
        journal = session.get(Journal, receipt.journal_id)
    assert receipt.amount == MONEY_MAX and journal.amount == MONEY_MAX
    assert sum((x.debit for x in lines), Decimal('0')) == sum((x.credit for x in lines), Decimal('0')) == MONEY_MAX
    trial = books.trial_balance(principal('accountant'), FY)
    assert trial.iloc[-1]['เดบิต'] == trial.iloc[-1]['เครดิต']
    assert (trial['เดบิต'] == MONEY_MAX + trial['เดบิต'] - MONEY_MAX).all()  # exact Decimals, no float residue


@pytest.mark.parametrize('typed', ['1,000,000,000,000.00', '100000000000000000000', '9' * 400, '1e400', 'NaN',
                                   'Infinity', '-5', '12.345'])
def test_the_receipt_form_refuses_impossible_amounts_naming_the_field(typed: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        resource.create(RECEIPTS, principal('revenue'), {'receipt_date': date.today(), 'payer': 'นายทดสอบ',
                                                         'revenue_code': '411002', 'amount': typed})
    assert set(refused.value.errors) == {'amount'}
    assert refused.value.errors['amount'].startswith('จำนวนเงิน: ')


@pytest.mark.parametrize('amount', [Decimal('1e20'), Decimal('1000000000000'), Decimal('0.001'), Decimal('NaN'),
                                    '1e400', 10 ** 30, Decimal('-1'), Decimal('0')])
def test_services_given_amounts_directly_refuse_them_naming_the_field(amount) -> None:
    accountant, revenue = principal('accountant'), principal('revenue')
    line = a_line(accountant.org_id)
    calls = {
        'receipt': lambda: receipts.issue(revenue, {'receipt_date': date.today(), 'payer': 'นายทดสอบ',
                                                    'revenue_code': '411002', 'amount': amount}),
        'voucher': lambda: vouchers.create_voucher(accountant, {
            'voucher_date': date.today(), 'payee': 'ร้านทดสอบ', 'description': 'ทดสอบ',
            'fund_source_id': fund_id(accountant.org_id, '06'), 'account_code': ACCOUNT, 'amount': amount}),
        'commitment': lambda: budget.create_commitment(principal('procurement'), {
            'commit_date': date.today(), 'line_id': line.id, 'vendor': 'หจก.ทดสอบ', 'description': 'ทดสอบ',
            'amount': amount}),
    }
    for name, call in calls.items():
        with pytest.raises(ValidationFailed) as refused:
            call()
        assert list(refused.value.errors) == ['amount'], name
        assert refused.value.errors['amount'].startswith('จำนวนเงิน: '), (name, refused.value.errors)
        assert THAI.search(refused.value.errors['amount'].removeprefix('จำนวนเงิน: '))


def test_a_voucher_whose_lines_add_up_beyond_the_range_is_refused() -> None:
    accountant = principal('accountant')
    voucher_id = vouchers.create_voucher(accountant, {
        'voucher_date': date.today(), 'payee': 'ร้านทดสอบ', 'description': 'เงินรับฝาก',
        'fund_source_id': fund_id(accountant.org_id, '06'), 'account_code': ACCOUNT, 'amount': MONEY_MAX})
    with pytest.raises(ValidationFailed, match='ยอดขอเบิกรวมของฎีกา: ต้องไม่เกิน'):
        vouchers.add_line(accountant, voucher_id, {'account_code': ACCOUNT, 'amount': Decimal('0.01')})
    assert [line.amount for line, _ in vouchers.lines_of(accountant, voucher_id)] == [MONEY_MAX]


def test_opening_balances_refuse_negative_and_oversized_cells_by_row_and_side() -> None:
    buffer = BytesIO()
    pd.DataFrame({'รหัสบัญชี': ['1101010101.001', '3000000000.001', '1101030102.001'],
                  'เดบิต': ['1000000000000', '', '-5'], 'เครดิต': ['', '1e20', '']}).to_excel(buffer, index=False)
    with pytest.raises(ValidationFailed) as refused:
        books.import_opening(principal('accountant'), FY + 1, buffer.getvalue())
    message = refused.value.errors['file']
    assert f'แถวที่ 2: เดบิต: {TOO_BIG}' in message
    assert 'แถวที่ 3: เครดิต: จำนวนเงินไม่ถูกต้อง' in message
    assert 'แถวที่ 4: เดบิต: ต้องไม่น้อยกว่า 0.00 บาท' in message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=Decimal('0.01'), max_value=MONEY_MAX, places=2))
def test_any_amount_in_range_round_trips_through_a_voucher_line(amount: Decimal) -> None:
    accountant = principal('accountant')
    voucher_id = vouchers.create_voucher(accountant, {
        'voucher_date': date.today(), 'payee': 'ร้านทดสอบ', 'description': 'เงินรับฝาก',
        'fund_source_id': fund_id(accountant.org_id, '06'), 'account_code': ACCOUNT, 'amount': amount})
    (line, _), = vouchers.lines_of(accountant, voucher_id)
    assert line.amount == amount


def test_budget_money_from_the_demo_stays_exact() -> None:
    """A voucher charged to a budget line moves the line's totals by exactly its amount."""
    accountant = principal('accountant')
    line = a_line(accountant.org_id)
    new_voucher(line.id, '0.01')
    new_voucher(line.id, '0.02')
    with db.session_scope() as session:
        after = session.get(BudgetLine, line.id)
    assert after.disbursed - line.disbursed == Decimal('0.03')


async def test_the_receipt_form_shows_the_range_in_thai_and_keeps_what_was_typed(user) -> None:
    from helpers import sign_in
    await sign_in(user, 'revenue', expect='สวัสดี')
    await user.open('/elaas/receipts/new')
    user.find(marker='field-payer').type('บริษัท ใหญ่มาก จำกัด')
    user.find(marker='field-amount').type('100000000000000000000')
    user.find(marker='form-save').click()
    await user.should_see(f'จำนวนเงิน: {TOO_BIG}', retries=50)
    assert user.find(marker='field-amount').elements.pop().value == '100000000000000000000'
    assert user.find(marker='field-payer').elements.pop().value == 'บริษัท ใหญ่มาก จำกัด'
