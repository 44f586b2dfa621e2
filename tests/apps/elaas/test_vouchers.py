"""Vouchers (ฎีกา): the whole approval flow into the books, the budget guard, approval limits and cancellation."""

from datetime import datetime
from decimal import Decimal

import pytest
from elaas_helpers import a_line, letters, new_voucher, pdf_letters, reload
from sqlmodel import select

from apps.elaas import books, reports, vouchers
from apps.elaas.budget import BudgetExceeded
from core import db
from core.access import PermissionDenied
from core.errors import Conflict, Refusal, ValidationFailed
from core.report import REPORTS, report_table
from core.thai import fiscal_year, frozen_clock, local_zone, today
from helpers import principal
from models.finance import JournalLine, Voucher

FY = fiscal_year(today())


def get(voucher_id: int) -> Voucher:
    with db.session_scope() as session:
        return session.get(Voucher, voucher_id)


def test_prepared_checked_approved_paid_posted_shows_in_the_books() -> None:
    line = a_line(principal('accountant').org_id)
    before = reload(line.id)
    voucher_id = new_voucher(line.id, '12000.00', withhold=True)
    voucher = get(voucher_id)
    assert (voucher.gross, voucher.wht, voucher.net) == (Decimal('12000.00'), Decimal('120.00'), Decimal('11880.00'))
    assert voucher.number_text.endswith(f'/{FY}')
    assert reload(line.id).remaining == before.remaining - Decimal('12000.00')

    with pytest.raises(PermissionDenied, match='ตนเอง|สิทธิ์'):
        vouchers.transition(principal('accountant'), voucher_id, 'check')
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    with pytest.raises(ValidationFailed, match='เลขที่เช็ค'):
        vouchers.pay(principal('cashier'), voucher_id, 'cheque', '', today())
    vouchers.pay(principal('cashier'), voucher_id, 'cheque', 'CH-0001', today())
    vouchers.transition(principal('accountant'), voucher_id, 'post')
    voucher = get(voucher_id)
    assert voucher.status == 'posted' and voucher.journal_id

    with db.session_scope() as session:
        posted = session.exec(select(JournalLine).where(JournalLine.journal_id == voucher.journal_id)).all()
    assert sum(x.debit for x in posted) == sum(x.credit for x in posted) == Decimal('12000.00')
    assert {(x.account_code, x.debit, x.credit) for x in posted} == {
        ('5104010104.001', Decimal('12000.00'), Decimal('0')),  # วัสดุ: the หมวด's account
        ('1101030102.001', Decimal('0'), Decimal('11880.00')),  # bank, net
        ('2102040103.001', Decimal('0'), Decimal('120.00'))}  # withholding tax payable

    accountant = principal('accountant')
    ledger = books.general_ledger(accountant, FY, '5104010104.001')
    assert any(f'ฎีกา {voucher.number_text} ' in text for text in ledger['รายการ'])
    trial = books.trial_balance(accountant, FY)
    total = trial.iloc[-1]
    assert total['เดบิต'] == total['เครดิต']
    wht_row = trial[trial['รหัสบัญชี'] == '2102040103.001'].iloc[0]
    assert wht_row['เครดิต'] >= Decimal('120.00')
    remaining = reports.remaining_budget(accountant, FY)
    row = remaining[remaining['รหัสงบประมาณ'] == line.code].iloc[0]
    assert row['เบิกจ่าย'] == before.disbursed + Decimal('12000.00')
    assert row['คงเหลือ'] == before.remaining - Decimal('12000.00')


def test_a_voucher_larger_than_the_remaining_budget_is_refused_naming_line_and_shortfall() -> None:
    line = a_line(principal('accountant').org_id)
    too_much = line.remaining + Decimal('250.50')
    with pytest.raises(BudgetExceeded) as refused:
        new_voucher(line.id, str(too_much))
    assert line.code in str(refused.value) and 'ขาดอีก 250.50 บาท' in str(refused.value)
    assert reload(line.id).remaining == line.remaining  # nothing taken
    with db.session_scope() as session:
        assert session.exec(select(Voucher).where(Voucher.payee == 'ร้านทดสอบพาณิชย์')).first() is None


def test_the_palad_approves_up_to_the_limit_and_the_mayor_above_it() -> None:
    line = a_line(principal('accountant').org_id, '532001')
    assert line.remaining >= 150000, 'the demo service line is too small to test the limit on'
    big = new_voucher(line.id, '150000.00')
    vouchers.transition(principal('finance_dir'), big, 'check')
    with pytest.raises(PermissionDenied, match='เกินวงเงินอนุมัติ'):
        vouchers.transition(principal('palad'), big, 'approve')
    vouchers.transition(principal('mayor'), big, 'approve')
    assert get(big).status == 'approved'


def test_cancelling_gives_the_budget_back_and_returned_vouchers_can_be_fixed() -> None:
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '1000.00')
    vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': Decimal('500.00')})
    assert get(voucher_id).gross == Decimal('1500.00')
    assert reload(line.id).remaining == line.remaining - Decimal('1500.00')
    vouchers.transition(principal('finance_dir'), voucher_id, 'return', 'แนบใบส่งของไม่ครบ')
    with pytest.raises(Refusal, match='เหตุผล'):
        vouchers.transition(principal('accountant'), voucher_id, 'cancel', '')
    vouchers.transition(principal('accountant'), voucher_id, 'cancel', 'ผู้ขายยกเลิกการส่งของ')
    assert get(voucher_id).status == 'cancelled'
    assert reload(line.id).remaining == line.remaining
    with pytest.raises(Refusal, match='ยกเลิก'):
        vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': Decimal('1')})


def test_non_budget_payment_posts_to_the_named_account() -> None:
    actor = principal('accountant')
    from elaas_helpers import fund_id
    voucher_id = vouchers.create_voucher(actor, {
        'voucher_date': today(), 'payee': 'สำนักงานสรรพากรพื้นที่', 'description': 'นำส่งภาษีหัก ณ ที่จ่าย',
        'fund_source_id': fund_id(actor.org_id, '06'), 'account_code': '2102040103.001', 'amount': Decimal('120')})
    for who, move in (('finance_dir', 'check'), ('palad', 'approve')):
        vouchers.transition(principal(who), voucher_id, move)
    vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TR-9', today())
    vouchers.transition(actor, voucher_id, 'post')
    with db.session_scope() as session:
        lines = session.exec(select(JournalLine).where(JournalLine.journal_id == get(voucher_id).journal_id)).all()
    assert {(x.account_code, x.debit) for x in lines if x.debit} == {('2102040103.001', Decimal('120.00'))}
    with pytest.raises(ValidationFailed, match='ผังบัญชี'):
        vouchers.create_voucher(actor, {'voucher_date': today(), 'payee': 'x', 'description': 'x',
                                        'fund_source_id': fund_id(actor.org_id), 'account_code': '9999',
                                        'amount': Decimal('1')})


def test_voucher_pdf_carries_the_net_amount_in_words() -> None:
    from apps.elaas.resources import VOUCHERS
    from core import resource
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '12000.00', withhold=True)
    content = resource.print_record(VOUCHERS, principal('accountant'), voucher_id)
    assert letters('หนึ่งหมื่นหนึ่งพันแปดร้อยแปดสิบบาทถ้วน') in pdf_letters(content)


def test_a_line_added_twice_from_one_submission_is_one_line_and_one_charge() -> None:
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '1000.00')
    shown = get(voucher_id).version
    first = vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': '300.00'},
                              version=shown, key='add-line-1')
    again = vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': '300.00'},
                              version=shown, key='add-line-1')  # the double-click's second event
    assert first == again
    assert get(voucher_id).gross == Decimal('1300.00')
    assert reload(line.id).remaining == line.remaining - Decimal('1300.00')


def test_a_line_change_from_a_page_showing_an_older_voucher_is_refused_naming_what_changed() -> None:
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '1000.00')
    shown = get(voucher_id).version
    vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': '200.00'},
                      version=shown)
    with pytest.raises(Conflict, match='เพิ่มรายการ 200.00 บาท') as refused:
        vouchers.add_line(principal('accountant'), voucher_id, {'budget_line_id': line.id, 'amount': '50.00'},
                          version=shown)
    assert refused.value.changes[0]['by']
    lines = vouchers.lines_of(principal('accountant'), voucher_id)
    with pytest.raises(Conflict):
        vouchers.remove_line(principal('accountant'), voucher_id, lines[0][0].id, version=shown)
    assert get(voucher_id).gross == Decimal('1200.00')


def test_one_payment_per_submission_and_none_from_a_stale_page() -> None:
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '1000.00')
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    shown = get(voucher_id).version
    cashier = principal('cashier')
    vouchers.pay(cashier, voucher_id, 'transfer', 'TR-1', today(), version=shown, key='pay-1')
    vouchers.pay(cashier, voucher_id, 'transfer', 'TR-1', today(), version=shown, key='pay-1')  # repeated event
    paid = get(voucher_id)
    assert (paid.status, paid.pay_reference) == ('paid', 'TR-1')
    with pytest.raises(Conflict, match='สถานะ'):
        vouchers.pay(cashier, voucher_id, 'transfer', 'TR-2', today(), version=shown, key='pay-2')
    assert get(voucher_id).pay_reference == 'TR-1'


def test_the_trial_balance_is_never_taken_at_a_day_still_to_come() -> None:
    """Its default (the whole year) and a month not yet ended are taken today, and the report says so."""
    finance_dir = principal('finance_dir')
    with frozen_clock(datetime(2026, 12, 1, 9, 0, tzinfo=local_zone())):  # 1 Dec 2569, fiscal year 2570
        assert books.as_of(2570, None) == today() == books.as_of(2570, 3)
        assert books.as_of(2570, 10) == books.month_end(2570, 10)  # October has ended
        assert books.as_of(2569, None) == books.month_end(2569, None)
        subtitle = report_table(REPORTS['elaas/trial-balance'], finance_dir, {'fy': 2570}).subtitle
    assert subtitle.startswith('ปีงบประมาณ 2570 ณ วันที่ 1 ธันวาคม 2569'), subtitle
