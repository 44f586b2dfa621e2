"""Receipts (ใบเสร็จรับเงิน): issued with a book/number per fiscal year and posted at once (cash Dr, revenue Cr);
cancelled with a reason — the receipt stays listed, its number is burned and the posting reversed."""

from sqlmodel import Session

from apps.elaas import books
from apps.elaas.codes import revenue_classes, rule
from core import audit, checks, db
from core.access import Principal, require
from core.numbering import Allocated, Series, burn, next_number
from core.resource import ValidationFailed
from core.thai import fiscal_year, format_money
from core.workflow import Transition, Workflow
from models.finance import Receipt

RECEIPT_SERIES = Series('elaas.receipt', 'ใบเสร็จรับเงิน', 'fiscal', '{n}/{year}')


def book_and_number(per_book: int, n: int) -> tuple[int, int]:
    """Receipt n of the year sits in book (n-1)//per_book + 1."""
    return (n - 1) // per_book + 1, n


def _cancel(session: Session, record: Receipt, actor: Principal) -> None:
    """Reverse the posting (in the receipt's month, which must still be open) and burn the number."""
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


def issue(actor: Principal, clean: dict) -> int:
    """Issue and post a receipt (refused in a closed month)."""
    require(actor, 'elaas.receipt.issue', where='elaas/receipts')
    clean = {**clean, 'amount': checks.amount(clean.get('amount')),
             'payer_tax_id': checks.tax_id(clean.get('payer_tax_id'), 'payer_tax_id')}
    with db.session_scope(write=True) as session:
        classes = revenue_classes(session, actor.org_id)
        kind = classes.get(clean['revenue_code'])
        if kind is None or kind.level != 'type':
            raise ValidationFailed({'revenue_code': 'ประเภทรายรับ: ไม่มีในรายการให้เลือก'})
        try:
            books.ensure_open(session, actor.org_id, clean['receipt_date'])
        except books.PeriodClosed as error:
            raise ValidationFailed({'receipt_date': f'วันที่: {error}'}) from error
        allocated = next_number(session, actor.org_id, RECEIPT_SERIES, clean['receipt_date'])
        per_book = int(rule(session, actor.org_id, 'receipts_per_book', clean['receipt_date']) or 100)
        book_no, number = book_and_number(per_book, allocated.number)
        receipt = Receipt(org_id=actor.org_id, created_by=actor.user_id, number_text=allocated.text,
                          fiscal_year=fiscal_year(clean['receipt_date']), book_no=book_no, number=number,
                          status=WORKFLOW.initial, **clean)
        session.add(receipt)
        session.flush()
        account = kind.account_code or classes[kind.parent_code].account_code
        entries = books.entries_from_rules(session, actor.org_id, 'receipt', {'gross': receipt.amount},
                                           [(account, receipt.amount, None)])
        journal = books.post(session, actor, on=receipt.receipt_date, book='receipts', source_type='receipt',
                             source_id=receipt.id, description=f'ใบเสร็จ {receipt.number_text} {receipt.payer}: '
                                                               f'{kind.name}', entries=entries)
        receipt.journal_id = journal.id
        session.add(receipt)
        audit.record_by(session, actor, 'create', 'Receipt', receipt.id,
                        {**clean, 'number_text': allocated.text, 'amount': format_money(receipt.amount)})
        return receipt.id


def cancel(actor: Principal, receipt_id: int, reason: str) -> None:
    with db.session_scope(write=True) as session:
        receipt = session.get(Receipt, receipt_id)
        if receipt is None or receipt.org_id != actor.org_id:
            raise LookupError('ไม่พบใบเสร็จนี้')
        WORKFLOW.apply(session, receipt, 'cancel', actor, reason)
