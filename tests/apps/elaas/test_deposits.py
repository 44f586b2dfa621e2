"""Cash deposits (ใบนำฝาก): cash receipts wait in the safe until banked, transfers go to the bank at once; a deposit
banks every waiting receipt once, even when two are made at the same moment; cancelling gives them back; the day's
cash position and the home page's reminder."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, func, select

from apps.elaas import deposits, receipts
from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal
from core.thai import today
from helpers import principal
from models.finance import CashDeposit, JournalLine, Receipt

D = Decimal
DEPOSITS = 'elaas/deposits'


def _receipt(amount: str, received_by: str = 'cash', on=None) -> Receipt:
    receipt_id = receipts.issue(principal('revenue'), {
        'receipt_date': on or today(), 'payer': 'นายสมหมาย ใจงาม', 'revenue_code': '411002', 'amount': amount,
        'received_by': received_by})
    with db.session_scope() as session:
        return session.get(Receipt, receipt_id)


def _lines(journal_id: int) -> set[tuple[str, Decimal, Decimal]]:
    with db.session_scope() as session:
        return {(x.account_code, x.debit, x.credit) for x in session.exec(
            select(JournalLine).where(JournalLine.journal_id == journal_id)).all()}


def _deposit(reference: str = 'KTB-0001', username: str = 'cashier', on=None) -> CashDeposit:
    deposit_id = resource.create(resource.REGISTRY[DEPOSITS], principal(username),
                                 {'deposit_date': on or today(), 'reference': reference})
    with db.session_scope() as session:
        return session.get(CashDeposit, deposit_id)


def test_cash_waits_for_its_deposit_and_a_transfer_goes_to_the_bank() -> None:
    cash = _receipt('1250.00')
    grant = _receipt('350000.00', 'transfer')
    assert ('1101010101.001', D('1250.00'), D('0')) in _lines(cash.journal_id)  # เงินสด
    assert ('1101030102.001', D('350000.00'), D('0')) in _lines(grant.journal_id)  # เงินฝากธนาคาร
    waiting, total = deposits.waiting_cash(principal('cashier'))
    assert waiting >= 1 and total >= D('1250.00')

    deposit = _deposit()
    assert deposit.amount == total and deposit.receipts_count == waiting and deposit.number_text
    assert _lines(deposit.journal_id) == {('1101030102.001', total, D('0')), ('1101010101.001', D('0'), total)}
    assert deposits.waiting_cash(principal('cashier')) == (0, D('0'))
    with db.session_scope() as session:
        assert session.get(Receipt, cash.id).deposit_id == deposit.id
        assert session.get(Receipt, grant.id).deposit_id is None  # never cash: nothing to bank
    with pytest.raises(Refusal, match='ไม่มีเงินสดรอนำฝาก'):
        _deposit('KTB-0002')

    with pytest.raises(Refusal, match='นำฝากธนาคารแล้ว: ยกเลิกใบนำฝากก่อน'):
        receipts.cancel(principal('accountant'), cash.id, 'ออกผิดราย')
    resource.transition(resource.REGISTRY[DEPOSITS], principal('accountant'), deposit.id, 'cancel',
                        'ธนาคารแจ้งยอดไม่ตรง')
    assert deposits.waiting_cash(principal('cashier')) == (waiting, total)  # the receipts wait again
    receipts.cancel(principal('accountant'), cash.id, 'ออกผิดราย')
    assert _deposit('KTB-0003').amount == total - D('1250.00')


def test_two_deposits_at_once_bank_each_receipt_once() -> None:
    _receipt('700.00')
    _receipt('300.00')
    waiting, total = deposits.waiting_cash(principal('cashier'))
    start, results = threading.Barrier(2), []

    def deposit(reference: str) -> None:
        start.wait()
        try:
            results.append(_deposit(reference).amount)
        except Refusal as error:
            results.append(str(error))

    threads = [threading.Thread(target=deposit, args=(f'SCB-{n}',)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == sorted([total, f'ไม่มีเงินสดรอนำฝากจากใบเสร็จถึงวันที่ {_long(today())}'],
                                              key=str)
    assert deposits.waiting_cash(principal('cashier'))[0] == 0 < waiting


def _long(day) -> str:
    from core.thai import format_date
    return format_date(day, 'long')


def test_the_day_cash_position_and_the_reminder_of_yesterday_cash() -> None:
    _deposit_all()
    yesterday = today() - timedelta(days=1)
    late = _receipt('480.00', on=yesterday)
    assert deposits.overdue_count(principal('cashier')) == 1
    assert deposits.overdue_count(principal('revenue')) == 0  # who does not deposit is not reminded
    today_cash = _receipt('520.00')
    transfer = _receipt('9000.00', 'transfer')
    df, subtitle = deposits.cash_position(principal('accountant'), today())
    rows = df.set_index('เลขที่ใบเสร็จ')
    assert rows.loc[today_cash.number_text, 'นำฝากโดย'] == 'รอนำฝาก'
    assert rows.loc[transfer.number_text, 'นำฝากโดย'] == '' and late.number_text not in rows.index
    assert 'คงเหลือในตู้นิรภัย 1,000.00 บาท' in subtitle  # yesterday's 480 and today's 520, all else banked
    deposit = _deposit('KTB-0100')
    _, subtitle = deposits.cash_position(principal('accountant'), today())
    assert deposit.amount == D('1000.00') and 'คงเหลือในตู้นิรภัย 0.00 บาท' in subtitle
    assert deposits.overdue_count(principal('cashier')) == 0


def _deposit_all() -> None:
    if deposits.waiting_cash(principal('cashier'))[0]:
        _deposit('KTB-SETUP')


def test_only_finance_deposits_and_not_in_the_future() -> None:
    _receipt('100.00')
    with pytest.raises(PermissionDenied):
        _deposit('X-1', username='revenue')
    with pytest.raises(Exception, match='ต้องไม่เกินวันนี้'):
        _deposit('X-2', on=today() + timedelta(days=1))


def test_cash_in_the_books_is_the_cash_not_yet_banked() -> None:
    """The books' cash from receipts and deposits equals the cash receipts still waiting: in the demo, about a day's
    takings, never the year's."""
    from models.finance import Journal
    with db.session_scope() as session:
        debit, credit = session.exec(
            select(func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0))
            .join(Journal, Journal.id == JournalLine.journal_id)
            .where(JournalLine.account_code == '1101010101.001',
                   col(Journal.source_type).in_(('receipt', 'receipt-rev', 'deposit', 'deposit-rev')))).one()
    waiting, total = deposits.waiting_cash(principal('cashier'))
    assert D(str(debit)) - D(str(credit)) == total
    with db.session_scope() as session:
        banked = session.exec(select(func.count()).select_from(CashDeposit).where(
            CashDeposit.status == 'deposited')).one()
    assert banked > 30  # the demo banked its cash day by day
