"""Receipts and the books: numbering per book, cancellation (number burned, posting reversed), closed months,
manual journal vouchers with approval, opening balances, year-end carry-forward and the books workbook."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from elaas_helpers import a_line, letters, new_voucher, pdf_letters
from sqlmodel import func, select

from apps.elaas import books, receipts, reports, vouchers
from apps.elaas.resources import JOURNALS, RECEIPTS
from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal, ValidationFailed
from core.numbering import burned_numbers
from core.thai import baht_text, fiscal_year, today
from helpers import principal
from models.finance import Journal, JournalLine, Receipt

FY = fiscal_year(today())


def issue(amount: str, on: date | None = None, username: str = 'revenue') -> int:
    return resource.create(RECEIPTS, principal(username), {
        'receipt_date': on or today(), 'payer': 'นายทดสอบ ชำระภาษี', 'revenue_code': '411002',
        'amount': amount})


def totals(journal_id: int) -> tuple[Decimal, Decimal]:
    with db.session_scope() as session:
        lines = session.exec(select(JournalLine).where(JournalLine.journal_id == journal_id)).all()
    return sum((x.debit for x in lines), Decimal('0')), sum((x.credit for x in lines), Decimal('0'))


def test_receipt_is_numbered_posted_and_prints_its_amount_in_words() -> None:
    with db.session_scope() as session:  # the demo's receipts of the year to date come first
        issued = session.exec(select(func.count()).select_from(Receipt).where(Receipt.fiscal_year == FY)).one()
    receipt_id = issue('1,234.50')
    receipt = resource.get(RECEIPTS, principal('revenue'), receipt_id)
    n, book = issued + 1, issued // 100 + 1
    assert receipt.number == n and receipt.book_no == book and receipt.number_text == f'{n}/{FY}'
    assert totals(receipt.journal_id) == (Decimal('1234.50'), Decimal('1234.50'))
    content = resource.print_record(RECEIPTS, principal('revenue'), receipt_id)
    assert baht_text(Decimal('1234.50')) == 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์'
    assert letters('หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์') in pdf_letters(content)
    assert letters(f'เล่มที่ {book}') in pdf_letters(content)


def test_cancelled_receipt_stays_listed_with_its_number_burned_and_its_posting_reversed() -> None:
    receipt_id = issue('500')
    with pytest.raises(PermissionDenied):
        resource.transition(RECEIPTS, principal('planner'), receipt_id, 'cancel', 'x')
    with pytest.raises(Refusal, match='เหตุผล'):
        resource.transition(RECEIPTS, principal('accountant'), receipt_id, 'cancel', ' ')
    resource.transition(RECEIPTS, principal('accountant'), receipt_id, 'cancel', 'ชื่อผู้ชำระผิด')
    receipt = resource.get(RECEIPTS, principal('revenue'), receipt_id)
    assert receipt.status == 'cancelled' and receipt.cancel_reason == 'ชื่อผู้ชำระผิด'
    listed = resource.query(RECEIPTS, principal('revenue'), search=receipt.number_text)
    assert [r.id for r in listed.rows] == [receipt_id]
    with db.session_scope() as session:
        burned = burned_numbers(session, receipt.org_id, receipts.RECEIPT_SERIES, FY)
        reversal = session.exec(select(Journal).where(Journal.source_type.in_(('receipt', 'receipt-rev')),
                                                      Journal.source_id == receipt_id)).all()
        cash = session.exec(select(JournalLine).where(JournalLine.journal_id.in_([j.id for j in reversal]),
                                                      JournalLine.account_code == '1101010101.001')).all()
    assert receipt.number_text in [b.text for b in burned]
    assert len(reversal) == 2 and sum(x.debit - x.credit for x in cash) == 0
    assert issue('10') != receipt_id  # the next receipt takes a new number, never the burned one
    assert resource.get(RECEIPTS, principal('revenue'), issue('10')).number == receipt.number + 2


def test_a_closed_month_refuses_every_posting() -> None:
    on = today()
    with pytest.raises(PermissionDenied):
        books.close_month(principal('accountant'), on.year, on.month)
    line = a_line(principal('accountant').org_id)
    voucher_id = new_voucher(line.id, '100')
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TR', on)
    books.close_month(principal('finance_dir'), on.year, on.month)
    with pytest.raises(Refusal, match='ปิดแล้ว'):
        books.close_month(principal('finance_dir'), on.year, on.month)
    with pytest.raises(books.PeriodClosed, match='ปิดแล้ว'):
        vouchers.transition(principal('accountant'), voucher_id, 'post')
    with pytest.raises(ValidationFailed, match='ปิดแล้ว'):
        issue('100')
    with pytest.raises(ValidationFailed, match='ปิดแล้ว'):
        resource.create(JOURNALS, principal('accountant'), {
            'entry_date': on, 'description': 'นำเงินสดฝากธนาคาร', 'debit_account': '1101030102.001',
            'credit_account': '1101010101.001', 'amount': '100'})
    with db.session_scope() as session:
        posted = session.exec(select(Journal).where(Journal.source_type == 'voucher',
                                                    Journal.source_id == voucher_id)).first()
    assert posted is None


def test_manual_journal_voucher_posts_only_when_approved_by_another_person() -> None:
    accountant = principal('accountant')
    journal_id = resource.create(JOURNALS, accountant, {
        'entry_date': today(), 'description': 'นำเงินสดฝากธนาคาร', 'debit_account': '1101030102.001',
        'credit_account': '1101010101.001', 'amount': '5,000'})
    assert totals(journal_id) == (0, 0)
    with pytest.raises(ValidationFailed, match='เครดิต'):
        resource.create(JOURNALS, accountant, {'entry_date': today(), 'description': 'x',
                                                'debit_account': '1101030102.001',
                                                'credit_account': '1101030102.001', 'amount': '1'})
    with pytest.raises(PermissionDenied):
        resource.transition(JOURNALS, accountant, journal_id, 'approve')
    resource.transition(JOURNALS, principal('palad'), journal_id, 'approve')
    assert totals(journal_id) == (Decimal('5000.00'), Decimal('5000.00'))
    assert resource.get(JOURNALS, accountant, journal_id).status == 'posted'


def test_opening_balances_and_year_end_carry_forward() -> None:
    director = principal('finance_dir')
    next_year = FY + 1
    first = date(next_year - 544, 10, 1)
    sheet = BytesIO()
    pd.DataFrame({'รหัสบัญชี': ['1101030102.001', '3102010101.001'], 'เดบิต': ['1,000', ''],
                  'เครดิต': ['', '999']}).to_excel(sheet, index=False)
    with pytest.raises(Refusal, match='ไม่สมดุล'):
        books.import_opening(principal('accountant'), next_year + 1, sheet.getvalue())
    journal_id = books.carry_forward(director, FY)
    with pytest.raises(Refusal, match='ยกยอด'):
        books.carry_forward(director, FY)
    with db.session_scope() as session:
        journal = session.get(Journal, journal_id)
        carried = session.exec(select(JournalLine).where(JournalLine.journal_id == journal_id)).all()
    assert journal.entry_date == first and journal.fiscal_year == next_year
    assert sum(x.debit for x in carried) == sum(x.credit for x in carried)
    accounts = {x.account_code for x in carried}
    assert not any(code[0] in '45' for code in accounts)  # revenue and expense close into เงินสะสม
    with db.session_scope() as session:
        old = books.balances(session, director.org_id, FY)
        new = books.balances(session, director.org_id, next_year)
    assert new['1101030102.001'] == old['1101030102.001']
    surplus = -sum(v for k, v in old.items() if k[0] in '45')
    assert new['3102010101.001'] == old.get('3102010101.001', 0) - surplus
    with pytest.raises(Refusal, match='ยอดยกมา'):
        books.import_opening(principal('accountant'), next_year, sheet.getvalue())


def test_books_workbook_has_every_book_of_the_year() -> None:
    content = reports.books_workbook(principal('accountant'), FY)
    sheets = pd.read_excel(BytesIO(content), sheet_name=None)
    assert set(sheets) == {'สมุดรายวัน', 'บัญชีแยกประเภท', 'งบทดลอง', 'งบประมาณคงเหลือ'}
    with db.session_scope() as session:
        count = session.exec(select(JournalLine).where(JournalLine.fiscal_year == FY)).all()
    assert len(sheets['สมุดรายวัน']) >= len(count) and len(sheets['งบประมาณคงเหลือ']) > 100


def test_receipts_to_date_match_the_revenue_report() -> None:
    from apps.elaas.reports import revenue_vs_estimate
    report = revenue_vs_estimate(principal('accountant'), FY)
    with db.session_scope() as session:
        issued = session.exec(select(Receipt).where(Receipt.status == 'issued', Receipt.fiscal_year == FY)).all()
    assert sum(report['รับจริง'], Decimal('0')) == sum((r.amount for r in issued), Decimal('0'))
    assert (report['ประมาณการ'] > 0).all()
