"""e-GP test helpers: a roomy budget line of the demo budget, a vendor, a file with its committees, moved along."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import select

from apps.egp.resources import BIDS, CONTRACTS, FILES, INSTALLMENTS, MEMBERS, VENDORS
from core import db, resource
from core.thai import today
from helpers import principal
from models.finance import BudgetLine


def valid_tax_id(n: int) -> str:
    """A 13-digit id with a correct check digit, made from n."""
    body = f'{0:1d}{10555600000 + n:011d}'[:12]
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(body)) % 11) % 10
    return body + str(check)


def roomy_line(org_id: int) -> BudgetLine:
    """The demo budget's line with the most left (a construction line)."""
    remaining = (BudgetLine.approved + BudgetLine.transfer_in - BudgetLine.transfer_out - BudgetLine.committed
                 - BudgetLine.disbursed)
    with db.session_scope() as session:
        return session.exec(select(BudgetLine).where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == _fy())
                            .order_by(remaining.desc(), BudgetLine.id)).first()


def _fy() -> int:
    from core.thai import fiscal_year
    return fiscal_year(today())


def line_remaining(line_id: int) -> Decimal:
    with db.session_scope() as session:
        return session.get(BudgetLine, line_id).remaining


def vendor(n: int = 1, name: str | None = None, **extra) -> int:
    return resource.create(VENDORS, principal('procurement'), {
        'name': name or f'ห้างหุ้นส่วนจำกัด ทดสอบการค้า {n}', 'tax_id': valid_tax_id(n), 'branch': '00000',
        'juristic': True, 'address': f'{n} หมู่ 2 ตำบลบ้านตัวอย่าง', **extra})


def new_file(line_id: int, amount: str, kind: str = 'buy', method: str = '', condition: str = '',
             reference_price: str = '', **extra) -> int:
    return resource.create(FILES, principal('procurement'), {
        'request_date': today(), 'budget_line_id': line_id, 'kind': kind, 'description': 'จัดซื้อวัสดุทดสอบ',
        'amount': amount, 'method': method, 'condition': condition, 'reference_price': reference_price or amount,
        'committee_order': 'คำสั่งที่ 101/2570 ลงวันที่ 1 ต.ค. 2569', **extra})


def add_members(file_id: int, committee: str, count: int) -> None:
    actor = principal('procurement')
    for i in range(count):
        resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': committee,
                                         'role': 'chair' if i == 0 and count > 1 else 'member',
                                         'name': f'นาย กรรมการ {committee} {i}', 'position': 'พนักงานส่วนตำบล'})


def move(register, record_id: int, name: str, username: str, note: str = '') -> None:
    resource.transition(register, principal(username), record_id, name, note)


def approved_file(line_id: int, amount: str, **kw) -> int:
    """A file requested, reviewed and approved, with an inspection committee of the size it needs."""
    file_id = new_file(line_id, amount, **kw)
    add_members(file_id, 'inspection', 1 if Decimal(amount) <= 100000 else 3)
    if kw.get('method') not in (None, '', 'specific'):
        add_members(file_id, 'evaluation', 3)
    move(FILES, file_id, 'request', 'procurement')
    move(FILES, file_id, 'review', 'finance_dir')
    move(FILES, file_id, 'approve', 'mayor')
    return file_id


def awarded_file(line_id: int, amount: str, price: str, vendor_id: int, **kw) -> int:
    file_id = approved_file(line_id, amount, **kw)
    resource.create(BIDS, principal('procurement'), {'procurement_id': file_id, 'vendor_id': vendor_id,
                                                     'price': price, 'compliant': True})
    move(FILES, file_id, 'award', 'procurement')
    return file_id


def contract_for(file_id: int, amount: str, installments: list[tuple[str, date]], rate: str = '0.10') -> int:
    actor = principal('procurement')
    contract_id = resource.create(CONTRACTS, actor, {
        'procurement_id': file_id, 'number_text': f'{file_id}/2570', 'amount': amount, 'start_on': today(),
        'end_on': installments[-1][1], 'warranty_days': 365, 'fine_rate_pct': rate, 'guarantee_kind': 'performance',
        'guarantee_form': 'bank_guarantee', 'guarantee_amount': str(Decimal(amount) * Decimal('0.05'))})
    for seq, (part, due) in enumerate(installments, 1):
        resource.create(INSTALLMENTS, actor, {'contract_id': contract_id, 'seq': seq, 'amount': part, 'due_on': due,
                                              'description': f'งวดที่ {seq}'})
    return contract_id


def all_accept(installment_id: int, on: date | None = None) -> None:
    """Every member of the installment's inspection committee accepts it (recorded by the procurement officer)."""
    from apps.egp import service
    from models.procurement import Installment
    with db.session_scope() as session:
        members = [m.id for m in service.inspectors(session, session.get(Installment, installment_id))]
    for member_id in members:
        service.decide(principal('procurement'), installment_id, member_id, 'accept', '', on or today())


def days(n: int) -> date:
    return today() + timedelta(days=n)
