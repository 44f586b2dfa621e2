"""Receipts (ใบเสร็จรับเงิน): issued with a book/number per fiscal year and posted at once (cash Dr, revenue Cr; bank Dr
for money transferred, as grants and shared taxes are); cancelled with a reason — the receipt stays listed, its
number is burned and the posting reversed. Cash waits in the safe for its ใบนำฝาก (deposits.py)."""

from sqlmodel import Session

from apps.elaas import books
from apps.elaas.codes import required_rule, revenue_classes
from core import checks
from core.access import Principal
from core.errors import Refusal, ValidationFailed
from core.numbering import Allocated, Series, burn, next_number
from core.resource import REGISTRY, create, transition
from core.thai import fiscal_year
from core.workflow import Transition, Workflow
from models.finance import Receipt

RECEIPT_SERIES = Series('elaas.receipt', 'ใบเสร็จรับเงิน', 'fiscal', '{n}/{year}')


def book_and_number(per_book: int, n: int) -> tuple[int, int]:
    """Receipt n of the year sits in book (n-1)//per_book + 1."""
    return (n - 1) // per_book + 1, n


RECEIVED_BY = {'cash': 'เงินสด', 'transfer': 'โอนเข้าบัญชีเงินฝากธนาคาร'}


def _cancel(session: Session, record: Receipt, actor: Principal) -> None:
    """Reverse the posting (in the receipt's month, which must still be open) and burn the number; a receipt whose
    cash is banked is cancelled only after its ใบนำฝาก."""
    if record.deposit_id is not None:
        raise Refusal(f'ใบเสร็จ {record.number_text} นำฝากธนาคารแล้ว: ยกเลิกใบนำฝากก่อน แล้วจึงยกเลิกใบเสร็จ')
    if record.journal_id:
        books.reverse(session, actor, record.journal_id, record.receipt_date,
                      f'ยกเลิกใบเสร็จรับเงิน {record.number_text}: {record.cancel_reason}')
    burn(session, actor, RECEIPT_SERIES, Allocated(record.number, record.fiscal_year, record.number_text),
         record.cancel_reason)


WORKFLOW = Workflow(
    states={'issued': 'ออกใบเสร็จแล้ว', 'cancelled': 'ยกเลิก'},
    initial='issued',
    transitions=[Transition('cancel', 'ยกเลิกใบเสร็จ', ('issued',), 'cancelled', 'elaas.receipt.cancel',
                            needs_note=True, pending=False, note_field='cancel_reason', effect=_cancel)],
)


def new_receipt(session: Session, actor: Principal, clean: dict) -> Receipt:
    """Issue and post a receipt (the kit's create hook; refused in a closed month)."""
    clean.update(received_by=clean.get('received_by') or 'cash', amount=checks.amount(clean.get('amount')),
                 payer_tax_id=checks.tax_id(clean.get('payer_tax_id'), 'payer_tax_id'))
    if clean['amount'] <= 0:
        raise ValidationFailed({'amount': 'จำนวนเงิน: ต้องมากกว่า 0'})
    classes = revenue_classes(session, actor.org_id)
    kind = classes.get(clean['revenue_code'])
    if kind is None or kind.level != 'type':
        raise ValidationFailed({'revenue_code': 'ประเภทรายรับ: ไม่มีในรายการให้เลือก'})
    try:
        books.ensure_open(session, actor.org_id, clean['receipt_date'])
    except books.PeriodClosed as error:
        raise ValidationFailed({'receipt_date': f'วันที่: {error}'}) from error
    allocated = next_number(session, actor.org_id, RECEIPT_SERIES, clean['receipt_date'])
    per_book = int(required_rule(session, actor.org_id, 'receipts_per_book', clean['receipt_date']))
    book_no, number = book_and_number(per_book, allocated.number)
    clean['number_text'] = allocated.text  # kept in the audit of the creation
    receipt = Receipt(org_id=actor.org_id, created_by=actor.user_id, fiscal_year=fiscal_year(clean['receipt_date']),
                      book_no=book_no, number=number, status=WORKFLOW.initial, **clean)
    session.add(receipt)
    session.flush()
    account = kind.account_code or classes[kind.parent_code].account_code
    event = 'receipt' if receipt.received_by == 'cash' else 'receipt_transfer'  # cash waits for its ใบนำฝาก
    entries = books.entries_from_rules(session, actor.org_id, event, {'gross': receipt.amount},
                                       [(account, receipt.amount, None)])
    journal = books.post(session, actor, on=receipt.receipt_date, book='receipts', source_type='receipt',
                         source_id=receipt.id, description=f'ใบเสร็จ {receipt.number_text} {receipt.payer}: '
                                                           f'{kind.name}', entries=entries)
    receipt.journal_id = journal.id
    return receipt


def issue(actor: Principal, values: dict, key: str | None = None) -> int:
    """Issue a receipt through its register's rules (service callers and the demo)."""
    return create(REGISTRY['elaas/receipts'], actor, values, key=key)


def cancel(actor: Principal, receipt_id: int, reason: str, *, version: int | None = None) -> None:
    """Cancel a receipt (service callers); the register's own button takes the same path."""
    transition(REGISTRY['elaas/receipts'], actor, receipt_id, 'cancel', reason, version=version)
