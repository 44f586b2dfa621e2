"""Cash deposits (ใบนำฝาก): the cash a day's receipts brought in is banked the same day, or in the safe until the next
working day (ระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน การฝากเงิน การเก็บรักษาเงิน และการตรวจเงินของ
องค์กรปกครองส่วนท้องถิ่น): a deposit takes every cash receipt issued up to its date and not yet banked, posts
bank Dr / cash Cr, and marks them; cancelled with a reason, its posting is reversed and the receipts wait again.
The daily cash position (received, banked, left in the safe) and the home page's reminder of cash not banked."""

from datetime import date
from decimal import Decimal

import pandas as pd
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from apps.elaas import books
from apps.elaas.receipts import RECEIVED_BY
from core import db
from core.access import Principal, require
from core.errors import Refusal, ValidationFailed
from core.numbering import Series, next_number
from core.thai import fiscal_year, format_date, format_money, today
from core.workflow import Transition, Workflow
from models.finance import CashDeposit, Receipt

DEPOSIT_SERIES = Series('elaas.deposit', 'ใบนำฝาก', 'fiscal', '{n}/{year}')
ZERO = Decimal('0')


def _waiting(up_to: date):
    """The cash receipts issued on or before `up_to` whose cash is not banked yet (SQL condition)."""
    return (Receipt.received_by == 'cash', Receipt.status == 'issued', col(Receipt.deposit_id).is_(None),
            Receipt.receipt_date <= up_to)


def new_deposit(session: Session, actor: Principal, clean: dict) -> CashDeposit:
    """Bank the cash waiting up to the deposit's date (the kit's create hook): refused when none waits, or when its
    month is closed. The receipts are taken under the write lock, so two deposits never bank one receipt."""
    on, reference = clean['deposit_date'], (clean.get('reference') or '').strip()
    if on > today():
        raise ValidationFailed({'deposit_date': 'วันที่นำฝาก: ต้องไม่เกินวันนี้'})
    try:
        books.ensure_open(session, actor.org_id, on)
    except books.PeriodClosed as error:
        raise ValidationFailed({'deposit_date': f'วันที่นำฝาก: {error}'}) from error
    receipts = session.exec(select(Receipt).where(Receipt.org_id == actor.org_id, *_waiting(on))
                            .with_for_update()).all()
    if not receipts:
        raise Refusal(f'ไม่มีเงินสดรอนำฝากจากใบเสร็จถึงวันที่ {format_date(on, "long")}')
    amount = sum((r.amount for r in receipts), ZERO)
    number = next_number(session, actor.org_id, DEPOSIT_SERIES, on)
    deposit = CashDeposit(org_id=actor.org_id, created_by=actor.user_id, number_text=number.text,
                          fiscal_year=fiscal_year(on), deposit_date=on, reference=reference,
                          receipts_count=len(receipts), amount=amount, status=WORKFLOW.initial)
    session.add(deposit)
    session.flush()
    session.execute(update(Receipt).where(col(Receipt.id).in_([r.id for r in receipts]))
                    .values(deposit_id=deposit.id))
    entries = books.entries_from_rules(session, actor.org_id, 'deposit', {'gross': amount}, [])
    journal = books.post(session, actor, on=on, book='general', source_type='deposit', source_id=deposit.id,
                         description=f'ใบนำฝาก {deposit.number_text} นำฝากเงินสดจากใบเสร็จ {len(receipts)} ฉบับ '
                                     f'(ธนาคาร {reference})', entries=entries)
    deposit.journal_id = journal.id
    clean['number_text'] = deposit.number_text  # kept in the audit of the creation
    return deposit


def _cancel(session: Session, record: CashDeposit, actor: Principal) -> None:
    """Reverse the posting (its month must still be open) and let its receipts wait for the next deposit."""
    if record.journal_id:
        books.reverse(session, actor, record.journal_id, record.deposit_date,
                      f'ยกเลิกใบนำฝาก {record.number_text}: {record.cancel_reason}')
    session.execute(update(Receipt).where(Receipt.deposit_id == record.id).values(deposit_id=None))


WORKFLOW = Workflow(
    states={'deposited': 'นำฝากแล้ว', 'cancelled': 'ยกเลิก'},
    initial='deposited',
    transitions=[Transition('cancel', 'ยกเลิกใบนำฝาก', ('deposited',), 'cancelled', 'elaas.deposit.make',
                            needs_note=True, pending=False, note_field='cancel_reason', effect=_cancel)],
)


def waiting_cash(actor: Principal, up_to: date | None = None) -> tuple[int, Decimal]:
    """How many cash receipts up to a date (today) wait to be banked, and their total."""
    require(actor, 'elaas.receipt.view')
    with db.session_scope() as session:
        count, total = session.exec(select(func.count(), func.coalesce(func.sum(Receipt.amount), 0)).where(
            Receipt.org_id == actor.org_id, *_waiting(up_to or today()))).one()
    return count, Decimal(total or 0)


def overdue_count(actor: Principal) -> int:
    """Cash receipts of earlier days not banked yet (the home page's reminder, for those who deposit)."""
    if not actor.can('elaas.deposit.make'):
        return 0
    day_before = date.fromordinal(today().toordinal() - 1)
    return waiting_cash(actor, day_before)[0]


POSITION_COLUMNS = ['เลขที่ใบเสร็จ', 'ผู้ชำระเงิน', 'รับโดย', 'จำนวนเงิน', 'นำฝากโดย']


def cash_position(actor: Principal, on: date) -> tuple[pd.DataFrame, str]:
    """รายงานเงินสดประจำวัน: the day's receipts (cash and transfers) and the deposit that banked each, with the cash
    brought forward in the safe, received, banked and left at the day's end."""
    require(actor, 'elaas.receipt.view')
    with db.session_scope() as session:
        day = session.exec(select(Receipt, CashDeposit.number_text).outerjoin(
            CashDeposit, CashDeposit.id == Receipt.deposit_id).where(
            Receipt.org_id == actor.org_id, Receipt.receipt_date == on, Receipt.status == 'issued')
            .order_by(Receipt.id)).all()
        received_before = session.exec(select(func.coalesce(func.sum(Receipt.amount), 0)).where(
            Receipt.org_id == actor.org_id, Receipt.received_by == 'cash', Receipt.status == 'issued',
            Receipt.receipt_date < on)).one()
        banked_before = session.exec(select(func.coalesce(func.sum(CashDeposit.amount), 0)).where(
            CashDeposit.org_id == actor.org_id, CashDeposit.status == 'deposited',
            CashDeposit.deposit_date < on)).one()
        banked_today = session.exec(select(func.coalesce(func.sum(CashDeposit.amount), 0)).where(
            CashDeposit.org_id == actor.org_id, CashDeposit.status == 'deposited',
            CashDeposit.deposit_date == on)).one()
    rows = [{'เลขที่ใบเสร็จ': r.number_text, 'ผู้ชำระเงิน': r.payer, 'รับโดย': RECEIVED_BY.get(r.received_by, ''),
             'จำนวนเงิน': r.amount, 'นำฝากโดย': number or ('' if r.received_by == 'transfer' else 'รอนำฝาก')}
            for r, number in day]
    brought = Decimal(received_before or 0) - Decimal(banked_before or 0)
    cash_today = sum((r.amount for r, _ in day if r.received_by == 'cash'), ZERO)
    left = brought + cash_today - Decimal(banked_today or 0)
    return pd.DataFrame(rows, columns=POSITION_COLUMNS), (
        f'วันที่ {format_date(on, "long")}: เงินสดยกมา {format_money(brought)} บาท รับเงินสด {format_money(cash_today)} '
        f'บาท นำฝากธนาคาร {format_money(Decimal(banked_today or 0))} บาท คงเหลือในตู้นิรภัย {format_money(left)} บาท')
