"""The child of test_power_loss (not a test): writes through the real services in an endless burst and prints one
line per committed record, flushed, so the parent knows exactly what was committed when it pulls the plug.

Lines: `DRAFT <form key>` once, then `COMMIT <kind> <id> <number text>` after each commit returns.
"""

import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlmodel import select  # noqa: E402

from core import db, drafts, resource, settings  # noqa: E402
from core.access import load_principal  # noqa: E402
from models.org import User  # noqa: E402

DRAFT_KEY = '/eoffice/outgoing/new'
DRAFT = {'subject': 'ร่างหนังสือที่พิมพ์ค้างไว้ก่อนไฟดับ', 'recipient': 'นายอำเภอ', 'doc_date': '2/1/2570'}


def principal(username: str):
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.username == username)).one()
        return load_principal(session, account.id)


def say(*parts) -> None:
    print(*parts, flush=True)


def main() -> None:
    settings.configure()
    db.init()
    from apps.elaas import receipts, vouchers
    from apps.eoffice import registers as office
    from apps.eoffice import signing
    from apps.eoffice.resources import OUTGOING
    from models.codes import FundSource
    from models.finance import BudgetLine

    accountant, revenue, clerk = principal('accountant'), principal('revenue'), principal('clerk')
    mayor = principal('mayor')
    with db.session_scope() as session:
        line_id = session.exec(select(BudgetLine.id).where(BudgetLine.org_id == accountant.org_id,
                                                           BudgetLine.type_code == '533001')
                               .order_by(BudgetLine.id)).first()
        fund_id = session.exec(select(FundSource.id).where(FundSource.org_id == accountant.org_id,
                                                           FundSource.code == '01')).one()
    def issued_letter(subject: str) -> int:
        """An outgoing letter drafted, signed by the นายก and issued: its number is given at issue."""
        letter = resource.create(OUTGOING, clerk, {'form': 'external', 'doc_date': be_today, 'recipient': 'นายอำเภอ',
                                                   'subject': subject, 'urgency': 'normal', 'secrecy': 'normal'})
        signing.propose(clerk, letter)
        signing.sign(mayor, letter)
        signing.issue(clerk, letter)
        return letter

    drafts.save(clerk, DRAFT_KEY, DRAFT)
    say('DRAFT', DRAFT_KEY)
    today = date.today()
    be_today = f'{today.day}/{today.month}/{today.year + 543}'
    for index in range(1_000_000):
        kind = index % 4
        if kind == 0:
            record_id = vouchers.create_voucher(accountant, {
                'voucher_date': today, 'payee': 'ร้านทดสอบ', 'description': f'วัสดุ {index}', 'fund_source_id': fund_id,
                'withhold': False, 'budget_line_id': line_id, 'amount': Decimal('1.00')})
            say('COMMIT voucher', record_id)
        elif kind == 1:
            record_id = receipts.issue(revenue, {'receipt_date': today, 'payer': f'ผู้ชำระ {index}',
                                                 'revenue_code': '412001', 'amount': Decimal('10.00')})
            say('COMMIT receipt', record_id)
        elif kind == 2:
            record_id = issued_letter(f'หนังสือที่ {index}')
            say('COMMIT letter', record_id)
        else:
            letter = issued_letter(f'ยกเลิก {index}')
            office.cancel(clerk, letter, 'ออกเลขผิด')  # burned: a gap that must be listed
            say('COMMIT burned', letter)


if __name__ == '__main__':
    main()
