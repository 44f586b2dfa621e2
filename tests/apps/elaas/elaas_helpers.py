"""e-LAAS test helpers (a plain module, not a conftest): lines of the demo budget, service shortcuts."""

from datetime import date
from decimal import Decimal

from sqlmodel import select

from apps.elaas import vouchers
from core import db
from core.thai import today
from helpers import principal
from models.codes import FundSource
from models.finance import BudgetLine


def fund_id(org_id: int, code: str = '01') -> int:
    with db.session_scope() as session:
        return session.exec(select(FundSource.id).where(FundSource.org_id == org_id, FundSource.code == code)).one()


def a_line(org_id: int, type_code: str = '533001') -> BudgetLine:
    """A budget line of the demo budget (materials: no withholding surprises from personnel lines)."""
    with db.session_scope() as session:
        return session.exec(select(BudgetLine).where(BudgetLine.org_id == org_id, BudgetLine.type_code == type_code)
                            .order_by(BudgetLine.id)).first()


def reload(line_id: int) -> BudgetLine:
    with db.session_scope() as session:
        return session.get(BudgetLine, line_id)


def new_voucher(line_id: int, amount: str, username: str = 'accountant', withhold: bool = False,
                on: date | None = None, division_id: int | None = None) -> int:
    actor = principal(username)
    return vouchers.create_voucher(actor, {
        'voucher_date': on or today(), 'payee': 'ร้านทดสอบพาณิชย์', 'description': 'ซื้อวัสดุสำนักงาน',
        'fund_source_id': fund_id(actor.org_id), 'withhold': withhold, 'budget_line_id': line_id,
        'amount': Decimal(amount), 'division_id': division_id})


def pdf_letters(content: bytes) -> str:
    """The PDF's text as base letters only: pdftotext reorders Thai marks of shaped text, so compare without them."""
    import subprocess
    text = subprocess.run(['pdftotext', '-', '-'], input=content, capture_output=True, check=True).stdout.decode()
    return letters(text)


def letters(text: str) -> str:
    import unicodedata
    return ''.join(ch for ch in text if unicodedata.category(ch) not in ('Mn', 'Zs', 'Cf', 'Cc') and not ch.isspace())
