"""The demo an officer believes: its books, budget, revenue and payments hold what a real อบต.'s would on the demo's
date — the invariants the services keep, checked on the data the demo builder wrote."""

from collections import defaultdict
from decimal import Decimal

from sqlmodel import func, select

from apps.elaas.budget import balance_warning, personnel_table
from apps.elaas.codes import expense_classes, is_personnel
from apps.elaas.demo import AGENCIES, BANK_NAME, MONTHLY, PAYER_KINDS, POLITICAL
from core import db
from core.demo import PEOPLE
from core.thai import fiscal_year, today
from models.finance import Budget, BudgetLine, JournalLine, Receipt, RevenueEstimate, Voucher, VoucherLine

FY = fiscal_year(today())
CASH = '1101010101.001'
D = Decimal


def test_the_books_balance_and_no_budget_line_is_below_zero() -> None:
    with db.session_scope() as session:
        unbalanced = session.exec(select(JournalLine.journal_id).group_by(JournalLine.journal_id).having(
            func.abs(func.sum(JournalLine.debit) - func.sum(JournalLine.credit)) > 0.001)).all()
        lines = session.exec(select(BudgetLine).where(BudgetLine.fiscal_year == FY)).all()
    assert unbalanced == []
    assert [line.code for line in lines if line.remaining < 0] == []


def test_the_ordinance_is_balanced_and_within_the_personnel_cap() -> None:
    with db.session_scope() as session:
        budget = session.exec(select(Budget).where(Budget.fiscal_year == FY)).one()
        spending = session.exec(select(func.sum(BudgetLine.approved)).where(BudgetLine.fiscal_year == FY)).one()
        estimates = session.exec(select(func.sum(RevenueEstimate.amount)).where(
            RevenueEstimate.fiscal_year == FY)).one()
        assert balance_warning(session, budget) is None
        table = personnel_table(session, budget.org_id, FY)
    assert D(spending) <= budget.estimated_revenue == D(estimates)
    assert table['pct'] <= table['cap']


def test_every_receipt_comes_from_a_payer_of_its_kind() -> None:
    with db.session_scope() as session:
        receipts = session.exec(select(Receipt).where(Receipt.fiscal_year == FY)).all()
    assert receipts
    for receipt in receipts:
        code, payer = receipt.revenue_code, receipt.payer
        if code in AGENCIES:  # shared taxes and grants: from their agency, into the bank
            assert (payer, receipt.received_by) == (AGENCIES[code], 'transfer'), receipt.number_text
        elif code == '413001':  # interest: credited by the bank
            assert (payer, receipt.received_by) == (BANK_NAME, 'transfer'), receipt.number_text
        else:  # own revenue: paid at the office by people and businesses of the area
            assert payer in PAYER_KINDS[code] and receipt.received_by == 'cash', receipt.number_text
            assert not payer.startswith(('กรม', 'สำนักงาน', 'ธนาคาร')), receipt.number_text


def test_cash_on_hand_is_no_more_than_a_days_takings() -> None:
    with db.session_scope() as session:
        cash = session.exec(select(func.sum(JournalLine.debit - JournalLine.credit)).where(
            JournalLine.account_code == CASH)).one()
        receipts = session.exec(select(Receipt).where(Receipt.received_by == 'cash', Receipt.status == 'issued')).all()
    by_day: dict = defaultdict(Decimal)
    for receipt in receipts:
        by_day[receipt.receipt_date] += receipt.amount
    undeposited = sum((r.amount for r in receipts if r.deposit_id is None), D('0'))
    assert D(str(cash or 0)).quantize(D('0.01')) == undeposited
    assert undeposited <= max(by_day.values())
    assert all(r.receipt_date == today() for r in receipts if r.deposit_id is None)


def test_revenue_to_date_follows_its_season() -> None:
    """Land and building tax falls due in April and signboard tax in March: before then little of either is in;
    shared taxes come monthly, so to date about one twelfth for each month gone."""
    with db.session_scope() as session:
        got = dict(session.exec(select(Receipt.revenue_code, func.sum(Receipt.amount)).where(
            Receipt.fiscal_year == FY, Receipt.status == 'issued').group_by(Receipt.revenue_code)).all())
        estimate = dict(session.exec(select(RevenueEstimate.revenue_code, RevenueEstimate.amount).where(
            RevenueEstimate.fiscal_year == FY)).all())
    months = (today().year - (FY - 544)) * 12 + today().month - 10 + 1  # October is the first
    for code in ('421001', '421002', '421004'):
        share = D(str(got.get(code, 0))) / estimate[code]
        assert share <= D(months) / 12 * D('1.15'), code
    if today().month in (10, 11, 12, 1, 2):
        for code in ('411001', '411002'):
            assert D(str(got.get(code, 0))) / estimate[code] < D('0.15'), code


def test_pay_is_monthly_at_a_twelfth_of_its_line_and_political_pay_in_whole_baht() -> None:
    with db.session_scope() as session:
        classes = expense_classes(session, session.exec(select(Budget.org_id)).first())
        rows = session.exec(select(Voucher, VoucherLine, BudgetLine)
                            .join(VoucherLine, VoucherLine.voucher_id == Voucher.id)
                            .join(BudgetLine, BudgetLine.id == VoucherLine.budget_line_id)
                            .where(Voucher.fiscal_year == FY, Voucher.status != 'cancelled')).all()
    personnel = [(v, x, line) for v, x, line in rows if line.type_code in MONTHLY]
    assert {line.type_code for _, _, line in rows if is_personnel(classes, line.type_code)
            and line.group_code == '52'} <= set(MONTHLY)  # every งบบุคลากร line is paid monthly
    assert personnel
    for voucher, item, line in personnel:
        assert item.amount == (line.approved / 12).quantize(D('0.01')), voucher.number_text
        assert 'ประจำเดือน' in voucher.description
    political = {code for code, *_ in POLITICAL}
    assert all(item.amount == item.amount.to_integral_value() for _, item, line in personnel
               if line.type_code in political)


PUNS = ('เงินทอง', 'ช่างคิด', 'สอนดี', 'ขับดี', 'ตรวจตรา', 'บัญชีดี', 'เก็บเงิน', 'รักษ์ป่า', 'แผนดี', 'ช่างซ่อม')


def test_no_demo_person_bears_a_surname_punning_on_their_job() -> None:
    assert [p.full_name for p in PEOPLE if any(pun in p.full_name for pun in PUNS)] == []
