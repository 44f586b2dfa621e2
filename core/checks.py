"""Values given to a service directly (a test, the demo, another app, a page's own input): the same rules the kit's
fields check on the form and the import — amounts (exact, in the money range), tax and citizen ids (13 digits with
their check digit) — refused with a Thai message naming the field."""

from decimal import Decimal
from typing import Any

from core.errors import ValidationFailed
from core.thai import clean_citizen_id, parse_money
from models.types import MONEY_MAX, MoneyError, to_money


def amount(value: Any, field: str = 'amount', label: str = 'จำนวนเงิน', *, positive: bool = True) -> Decimal:
    """`value` (Decimal, int, float or typed text) as an exact 2-place amount within the money range; more than 0
    when `positive`, else not below 0. Refused as ValidationFailed({field: 'label: reason'})."""
    try:
        if value is None or value == '':
            raise MoneyError('กรุณากรอก')
        result = parse_money(value) if isinstance(value, str) else to_money(value)
    except ValueError as error:  # MoneyError is a ValueError, and so are parse_money's refusals
        raise ValidationFailed({field: f'{label}: {error}'}) from None
    if positive and result <= 0:
        raise ValidationFailed({field: f'{label}: ต้องมากกว่า 0'})
    if result < 0:
        raise ValidationFailed({field: f'{label}: ต้องไม่น้อยกว่า 0'})
    return result


def total(value: Decimal, field: str = 'amount', label: str = 'ยอดรวม') -> Decimal:
    """A sum about to be stored (a voucher's gross, a journal's amount): refused if the columns cannot hold it."""
    if value > MONEY_MAX:
        raise ValidationFailed({field: f'{label}: ต้องไม่เกิน {MONEY_MAX:,.2f} บาท (ยอดรวม {value:,.2f} บาท)'})
    return value


def tax_id(value: Any, field: str, label: str = 'เลขประจำตัวผู้เสียภาษี', *, required: bool = False) -> str:
    """A tax or citizen id: 13 digits with a valid check digit ('' when left blank and not required)."""
    text = '' if value is None else str(value).strip()
    if not text and not required:
        return ''
    try:
        return clean_citizen_id(text)
    except ValueError as error:
        raise ValidationFailed({field: f'{label}: {error}'}) from None
