"""The two invariants under any sequence of documents and under concurrent use: the books balance, and no budget
line goes below zero (its stored totals always equal what the documents add up to)."""

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_DOWN, Decimal

from elaas_helpers import a_line, new_voucher, reload
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select

from apps.elaas import receipts, vouchers
from apps.elaas.budget import BudgetExceeded
from apps.elaas.resources import COMMITMENTS, TRANSFERS
from core import db, resource
from core.errors import ValidationFailed
from core.thai import fiscal_year, today
from helpers import principal
from models.finance import BudgetLine, BudgetTransfer, Commitment, JournalLine, Voucher, VoucherLine

FY = fiscal_year(today())
TYPES = ('533001', '534003', '531002')


def recomputed(session) -> dict[int, tuple]:
    """(transfer in, transfer out, committed, disbursed) of every line, from the documents themselves."""
    totals: dict[int, list] = defaultdict(lambda: [Decimal('0')] * 4)
    for t in session.exec(select(BudgetTransfer).where(BudgetTransfer.status == 'approved')).all():
        totals[t.to_line_id][0] += t.amount
        totals[t.from_line_id][1] += t.amount
    for c in session.exec(select(Commitment).where(Commitment.status != 'cancelled')).all():
        totals[c.line_id][2] += c.amount - c.used
    rows = session.exec(select(VoucherLine).join(Voucher, Voucher.id == VoucherLine.voucher_id)
                        .where(Voucher.status != 'cancelled', VoucherLine.budget_line_id.is_not(None))).all()
    for x in rows:
        totals[x.budget_line_id][3] += x.amount
    return {k: tuple(v) for k, v in totals.items()}


def assert_invariants() -> None:
    with db.session_scope() as session:
        debit, credit = session.exec(select(func.sum(JournalLine.debit), func.sum(JournalLine.credit))).one()
        assert Decimal(str(debit)).quantize(Decimal('0.01')) == Decimal(str(credit)).quantize(Decimal('0.01'))
        unbalanced = session.exec(select(JournalLine.journal_id).group_by(JournalLine.journal_id).having(
            func.abs(func.sum(JournalLine.debit) - func.sum(JournalLine.credit)) > 0.001)).all()  # SQLite sums REAL
        assert unbalanced == []
        expected = recomputed(session)
        for line in session.exec(select(BudgetLine).where(BudgetLine.fiscal_year == FY)).all():
            assert line.remaining >= 0, line.code
            stored = (line.transfer_in, line.transfer_out, line.committed, line.disbursed)
            assert stored == expected.get(line.id, (Decimal('0'),) * 4), line.code


step = st.one_of(
    st.tuples(st.just('voucher'), st.integers(0, 2), st.integers(1, 600)),
    st.tuples(st.just('commit'), st.integers(0, 2), st.integers(1, 600)),
    st.tuples(st.just('transfer'), st.integers(0, 2), st.integers(1, 600)),
    st.tuples(st.just('receipt'), st.integers(0, 2), st.integers(1, 600)),
    st.tuples(st.just('cancel'), st.integers(0, 2), st.integers(1, 600)),
    st.tuples(st.just('post'), st.integers(0, 2), st.integers(1, 600)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, min_size=1, max_size=8))
def test_any_sequence_of_documents_keeps_the_books_balanced_and_no_line_below_zero(steps) -> None:
    org_id = principal('accountant').org_id
    lines = [a_line(org_id, t) for t in TYPES]
    mine: list[int] = []
    for kind, index, percent in steps:
        line = reload(lines[index].id)
        amount = (line.approved * percent / 1000).quantize(Decimal('0.01')) or Decimal('1.00')
        try:
            if kind == 'voucher':
                mine.append(new_voucher(line.id, str(amount), withhold=percent % 2 == 0))
            elif kind == 'commit':
                resource.create(COMMITMENTS, principal('procurement'), {
                    'commit_date': today(), 'line_id': line.id, 'vendor': 'ผู้ขาย', 'description': 'สัญญา',
                    'amount': str(amount)})
            elif kind == 'transfer':
                target = lines[(index + 1) % len(lines)]
                transfer = resource.create(TRANSFERS, principal('finance_dir'), {
                    'transfer_date': today(), 'from_line_id': line.id, 'to_line_id': target.id,
                    'amount': str(amount), 'reason': 'ทดสอบ'})
                resource.transition(TRANSFERS, principal('mayor'), transfer, 'approve')
            elif kind == 'receipt':
                receipts.issue(principal('revenue'), {'receipt_date': today(), 'payer': 'ผู้ชำระ',
                                                      'revenue_code': '412001', 'amount': amount})
            elif kind == 'cancel' and mine:
                vouchers.transition(principal('accountant'), mine.pop(index % len(mine)), 'cancel', 'ยกเลิก')
            elif kind == 'post' and mine:
                voucher_id = mine.pop(index % len(mine))
                vouchers.transition(principal('finance_dir'), voucher_id, 'check')
                vouchers.transition(principal('mayor'), voucher_id, 'approve')
                vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TR', today())
                vouchers.transition(principal('accountant'), voucher_id, 'post')
        except ValidationFailed:  # BudgetExceeded is one
            pass  # a refusal is a correct outcome; the invariants must hold either way
        assert_invariants()


def test_concurrent_vouchers_never_overspend_a_line() -> None:
    org_id = principal('accountant').org_id
    line = a_line(org_id, '534003')
    each = (line.remaining / 5).quantize(Decimal('0.01'), ROUND_DOWN)  # room for exactly 5 of the 12 attempts

    def attempt(_: int) -> bool:
        try:
            new_voucher(line.id, str(each))
            return True
        except BudgetExceeded:
            return False

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(attempt, range(12)))
    assert results.count(True) == 5
    after = reload(line.id)
    assert after.remaining == line.remaining - 5 * each >= 0
    assert_invariants()


def test_concurrent_transfer_approvals_and_vouchers_keep_the_source_line_non_negative() -> None:
    org_id = principal('accountant').org_id
    source, target = a_line(org_id, '531002'), a_line(org_id, '533001')
    half = (source.remaining / 2).quantize(Decimal('0.01'), ROUND_DOWN)
    transfers = [resource.create(TRANSFERS, principal('finance_dir'), {
        'transfer_date': today(), 'from_line_id': source.id, 'to_line_id': target.id, 'amount': str(half),
        'reason': 'ทดสอบพร้อมกัน'}) for _ in range(2)]

    def approve(transfer_id: int) -> bool:
        try:
            resource.transition(TRANSFERS, principal('mayor'), transfer_id, 'approve')
            return True
        except BudgetExceeded:
            return False

    def spend(_: int) -> bool:
        try:
            new_voucher(source.id, str(half))
            return True
        except BudgetExceeded:
            return False

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = [f.result() for f in [pool.submit(approve, t) for t in transfers] + [pool.submit(spend, 0),
                                                                                    pool.submit(spend, 1)]]
    assert done.count(True) == 2  # the line holds two halves, whoever comes first
    assert reload(source.id).remaining >= 0
    assert_invariants()
