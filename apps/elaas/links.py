"""The e-LAAS side of procurement, for other apps (e-GP) to call inside their own transaction.

- `budget_line(session, org_id, line_id)`: what a file needs of its budget line (code, item, year, owner division,
  fund source, remaining budget), or None; `line_choices(actor)`: the lines of approved budgets with what remains.
- `reserve(...)`: a commitment (ก่อหนี้ผูกพัน) through the commitments register's own rules (`core.resource.insert`:
  the line locked, refused below zero naming the line and the shortfall, numbered, audited).
- `commit(...)`: the reserve becomes the contract's commitment: its amount moved to the contract's (the difference
  charged or given back under the same guard), the vendor and contract number recorded.
- `release(...)`: a cancelled file gives back what its commitment did not use.
- `execution_by_program(actor, fy)` / `budget_years(actor)`: read-only, the budget execution per แผนงาน as the
  front page and its reports give it (for the executive board).
- `public_budget(session, org_id)`: read-only, for the public site: the latest budget announced in force (never a
  draft or one before the council and the supervisor), its execution per แผนงาน and its receipts and payments per
  quarter of the fiscal year.
- `personnel_share(session, org_id, fy)`: read-only, the มาตรา 35 table of a fiscal year's budget (its total, its
  personnel share, the percentage and the cap in force), for HR's manpower plan.
- `paid_vouchers(session, org_id, ids)`: read-only, the paid ones among the given vouchers (number, date paid, gross),
  for e-GP's OCDS export (a contract's implementation transactions).
- `draft_voucher(...)`: a draft ฎีกา (status prepared) against the commitment, through the vouchers register's rules,
  for finance to complete, check and pay (the procurement officer holds no elaas.voucher.prepare: the voucher is
  filed by this contract on the acceptance's behalf, audited as theirs).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from apps.elaas.budget import charge, line_label, lock_line, personnel_table
from apps.elaas.resources import line_choices as _line_choices
from apps.elaas.vouchers import WORKFLOW as VOUCHER_WORKFLOW
from core import audit
from core.access import Principal
from core.errors import NotFound, Refusal
from core.resource import REGISTRY, VERSION_KEY, WHAT_KEY, insert, stamp
from core.thai import format_money
from models.finance import BudgetLine, Commitment, Voucher


@dataclass(frozen=True)
class LineInfo:
    id: int
    code: str
    item: str
    fiscal_year: int
    division_id: int
    fund_source_id: int
    project_id: int | None
    type_code: str
    remaining: Decimal

    @property
    def label(self) -> str:
        return f'{self.code} {self.item}'.strip()


def budget_line(session: Session, org_id: int, line_id: int | None) -> LineInfo | None:
    line = session.get(BudgetLine, line_id) if line_id else None
    if line is None or line.org_id != org_id:
        return None
    return LineInfo(line.id, line.code, line.item, line.fiscal_year, line.division_id, line.fund_source_id,
                    line.project_id, line.type_code, line.remaining)


def line_choices(actor: Principal) -> dict[int, str]:
    """Budget lines of approved budgets of this and last fiscal year, with what remains on each."""
    return _line_choices(actor)


def reserve(session: Session, actor: Principal, line_id: int, amount: Decimal, on: date, description: str,
            reference: str, vendor: str = '(รอผลการจัดหา)') -> int:
    """Reserve `amount` on the line (a commitment), refused beyond its remaining budget; the commitment's id."""
    clean = {'commit_date': on, 'line_id': line_id, 'vendor': vendor, 'description': description[:1000],
             'reference': reference[:100], 'amount': amount}
    return insert(session, REGISTRY['elaas/commitments'], actor, clean, {'source': 'egp'}).id


def _locked(session: Session, actor: Principal, commitment_id: int) -> Commitment:
    commitment = session.exec(select(Commitment).where(Commitment.id == commitment_id,
                                                       Commitment.org_id == actor.org_id)
                              .with_for_update().execution_options(populate_existing=True)).first()
    if commitment is None:
        raise NotFound('ไม่พบก่อหนี้ผูกพันของรายการนี้')
    return commitment


def _changed(session: Session, actor: Principal, commitment: Commitment, what: str, data: dict) -> None:
    stamp(commitment, actor)
    session.add(commitment)
    audit.record_by(session, actor, 'update', 'Commitment', commitment.id,
                    {**data, WHAT_KEY: what, VERSION_KEY: commitment.version, 'source': 'egp'})


def commit(session: Session, actor: Principal, commitment_id: int, amount: Decimal, vendor: str,
           reference: str) -> None:
    """The reserve becomes the contract's commitment of `amount` (more is charged to the line under its guard, less
    is given back)."""
    commitment = _locked(session, actor, commitment_id)
    if commitment.status != 'open' or commitment.used:
        raise Refusal(f'ก่อหนี้ผูกพัน {commitment.number_text}: ไม่อยู่ในสถานะผูกพันอยู่ หรือมีการเบิกจ่ายแล้ว')
    delta = amount - commitment.amount
    if delta:
        charge(session, actor.org_id, commitment.line_id, 'committed', delta, 'ก่อหนี้ผูกพันตามสัญญา (ส่วนที่เพิ่ม)')
    old = [str(commitment.amount), str(amount)]
    commitment.amount, commitment.vendor, commitment.reference = amount, vendor[:300], reference[:100]
    _changed(session, actor, commitment, f'ก่อหนี้ผูกพันตามสัญญา {reference} {format_money(amount)} บาท',
             {'amount': old, 'vendor': vendor, 'reference': reference})


def release(session: Session, actor: Principal, commitment_id: int, note: str) -> None:
    """Cancel the commitment: what it did not use goes back to the line."""
    commitment = _locked(session, actor, commitment_id)
    if commitment.status != 'open':
        return
    charge(session, actor.org_id, commitment.line_id, 'committed', -(commitment.amount - commitment.used),
           'คืนก่อหนี้ผูกพัน')
    commitment.status = 'cancelled'
    _changed(session, actor, commitment, f'ยกเลิกก่อหนี้ผูกพัน: {note}', {'note': note})


def commitment_left(session: Session, org_id: int, commitment_id: int) -> Decimal:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None or commitment.org_id != org_id:
        return Decimal('0')
    return commitment.amount - commitment.used


def draft_voucher(session: Session, actor: Principal, *, on: date, payee: str, payee_tax_id: str, description: str,
                  line_id: int, commitment_id: int, amount: Decimal, supporting_docs: str,
                  withhold: bool = True, payee_address: str = '') -> int:
    """A draft ฎีกา (prepared) of `amount` against the commitment, for finance to complete; its id."""
    line = lock_line(session, actor.org_id, line_id)
    clean = {'voucher_date': on, 'payee': payee[:300], 'payee_tax_id': payee_tax_id,
             'payee_address': payee_address[:500], 'description': description[:1000],
             'division_id': line.division_id, 'fund_source_id': line.fund_source_id, 'withhold': withhold,
             'budget_line_id': line.id, 'commitment_id': commitment_id, 'account_code': '', 'amount': amount,
             'supporting_docs': supporting_docs[:1000]}
    return insert(session, REGISTRY['elaas/vouchers'], actor, clean, {'source': 'egp'}).id


def voucher_label(session: Session, org_id: int, voucher_id: int | None) -> str:
    """A voucher's number and state, in Thai ('' when none)."""
    voucher = session.get(Voucher, voucher_id) if voucher_id else None
    if voucher is None or voucher.org_id != org_id:
        return ''
    return f'ฎีกา {voucher.number_text} ({VOUCHER_WORKFLOW.states.get(voucher.status, voucher.status)})'


@dataclass(frozen=True)
class PaidVoucher:
    id: int
    number_text: str
    paid_on: date
    gross: Decimal


def paid_vouchers(session: Session, org_id: int, voucher_ids: list[int]) -> dict[int, PaidVoucher]:
    """The paid vouchers among `voucher_ids` (paid, or paid and posted, with a payment date), by id."""
    if not voucher_ids:
        return {}
    rows = session.exec(select(Voucher).where(
        Voucher.org_id == org_id, Voucher.id.in_(voucher_ids), Voucher.status.in_(('paid', 'posted')),
        Voucher.paid_on.is_not(None))).all()
    return {v.id: PaidVoucher(v.id, v.number_text, v.paid_on, v.gross) for v in rows}


def execution_by_program(actor: Principal, fy: int):
    """Read-only: budget, committed and disbursed per แผนงาน (the e-LAAS front page's own figures), a DataFrame."""
    from apps.elaas import reports
    return reports.execution_by_program(actor, fy)


def revenue_collected(actor: Principal, fy: int) -> Decimal:
    """Read-only: the year's revenue received (รับจริง of the report รายรับจริงเทียบประมาณการ)."""
    from apps.elaas import reports
    frame = reports.revenue_vs_estimate(actor, fy)
    return sum(frame['รับจริง'], Decimal('0')) if not frame.empty else Decimal('0')


def budget_years(actor: Principal) -> list[int]:
    """Read-only: the fiscal years that have budget lines, the latest first."""
    from apps.elaas import reports
    return reports.budget_years(actor)


@dataclass(frozen=True)
class PersonnelShare:
    fiscal_year: int
    total: Decimal  # the year's budget (approved amounts of its lines); 0: no budget in e-LAAS
    personnel: Decimal  # its personnel lines (codes.is_personnel)
    pct: Decimal
    cap: Decimal  # the finance rule personnel_cap_pct in force at the year's end (มาตรา 35)


def personnel_share(session: Session, org_id: int, fy: int) -> PersonnelShare:
    """Read-only: e-LAAS's own ตารางมาตรา 35 for the fiscal year (refused, naming the rule, when the cap is missing)."""
    table = personnel_table(session, org_id, fy)
    return PersonnelShare(fy, table['total'], table['personnel'], table['pct'], table['cap'])


@dataclass(frozen=True)
class PublicBudget:
    fiscal_year: int
    title: str
    announced_on: date | None
    execution: object  # DataFrame: per แผนงาน the budget after transfers, committed, disbursed, remaining
    quarters: tuple[tuple[int, Decimal, Decimal], ...]  # (quarter 1-4, received, paid from the budget)
    updated: object  # the latest change among the budget, its lines' money and its payments


PUBLISHED_BUDGET = 'approved'  # ประกาศใช้แล้ว (apps/elaas/resources.py BUDGET_WORKFLOW)


def public_budget(session: Session, org_id: int) -> PublicBudget | None:
    """Read-only: the newest budget that is announced in force, or None; its money as e-LAAS's own front page gives it
    and, per quarter (ต.ค.–ธ.ค. first), the issued receipts and the budget payments of paid vouchers."""
    from sqlalchemy import func

    from apps.elaas.reports import execution_frame
    from core.thai import fiscal_year_range
    from models.finance import Budget, Receipt, VoucherLine
    budget = session.exec(select(Budget).where(Budget.org_id == org_id, Budget.status == PUBLISHED_BUDGET)
                          .order_by(Budget.fiscal_year.desc())).first()
    if budget is None:
        return None
    fy = budget.fiscal_year
    start, _end = fiscal_year_range(fy)

    def quarter(day: date) -> int:
        return ((day.year - start.year) * 12 + day.month - start.month) // 3 + 1

    received = session.exec(select(Receipt.receipt_date, Receipt.amount).where(
        Receipt.org_id == org_id, Receipt.fiscal_year == fy, Receipt.status == 'issued')).all()
    paid = session.exec(select(Voucher.paid_on, VoucherLine.amount)
                        .join(VoucherLine, VoucherLine.voucher_id == Voucher.id)
                        .where(Voucher.org_id == org_id, Voucher.fiscal_year == fy, Voucher.status == 'paid',
                               VoucherLine.budget_line_id.is_not(None))).all()
    totals = {q: [Decimal('0'), Decimal('0')] for q in range(1, 5)}
    for day, amount in received:
        if 1 <= quarter(day) <= 4:
            totals[quarter(day)][0] += Decimal(amount or 0)
    for day, amount in paid:
        if day is not None and 1 <= quarter(day) <= 4:
            totals[quarter(day)][1] += Decimal(amount or 0)
    latest = [budget.updated_at or budget.created_at, *session.exec(select(
        func.max(BudgetLine.updated_at)).where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy)).all(),
        *session.exec(select(func.max(Voucher.updated_at)).where(
            Voucher.org_id == org_id, Voucher.fiscal_year == fy, Voucher.status == 'paid')).all()]
    return PublicBudget(fy, budget.title, budget.announced_on, execution_frame(session, org_id, fy),
                        tuple((q, r, p) for q, (r, p) in totals.items()), max(d for d in latest if d is not None))


__all__ = ['LineInfo', 'PaidVoucher', 'PersonnelShare', 'PublicBudget', 'budget_line', 'budget_years', 'commit',
           'commitment_left', 'draft_voucher', 'execution_by_program', 'line_choices', 'line_label', 'paid_vouchers',
           'personnel_share', 'public_budget', 'revenue_collected',
           'release', 'reserve', 'voucher_label']
