"""Query budgets: a full page render (NiceGUI User fixture, signed in as the persona) runs a bounded number of SQL
statements, whatever the data: the home page's pending counts are one query per register (approval limits in SQL),
who may act on a letter is one query over positions, roles and grants, detail pages read their sections with joins.

Counted: every statement the engine sends while the page is opened and built, the check of the signed-in user's
rights included (one query while they are unchanged: pages.layout.VIEWERS). Not counted: SQLite's `BEGIN`
(transaction control, one per session; PostgreSQL's driver opens its transactions without a statement). Each budget
sits a little above what the page needs now; a page that starts querying per record (per pending voucher, per user,
per trail step) goes far past it.
"""

from decimal import Decimal

import pytest
from nicegui.testing import User
from sqlmodel import select

from apps.elaas import vouchers
from apps.eoffice import links, routing
from apps.eoffice.resources import INCOMING
from apps.info.resources import VILLAGES
from core import db, resource
from core.thai import fiscal_year, today
from helpers import counted, principal, sign_in
from models.codes import FundSource
from models.finance import BudgetLine
from models.office import DocumentLink

# the home pages of the นายก and the ปลัด: +2 for HR (its leave requests' pending count, one query, and who is away
# today, one query), +1 for e-GP (the files awaiting their approval or review, one query per register); the ปลัด +3
# for Info's reporting reminders (the seats held, the LAO's own deadlines, the two years' reports: one query each)
BUDGETS = {'home-mayor': 11, 'home-palad': 13, 'voucher-preparer': 12, 'voucher-approver': 8, 'letter-registrar': 12,
           'letter-executive': 12}


async def _render(user: User, path: str, marker: str) -> int:
    with counted() as statements:
        await user.open(path)
        await user.should_see(marker=marker)
    return len(statements)


def _within(name: str, count: int) -> None:
    assert count <= BUDGETS[name], f'{name}: {count} SQL statements, budget {BUDGETS[name]}'


def _voucher(lines: int, checked: bool = False) -> int:
    accountant = principal('accountant')
    with db.session_scope() as session:
        budget_line = max(session.exec(select(BudgetLine).where(BudgetLine.org_id == accountant.org_id,
                                                                BudgetLine.fiscal_year == fiscal_year(today()))).all(),
                          key=lambda line: line.remaining)
        fund_id = session.exec(select(FundSource.id).where(FundSource.org_id == accountant.org_id)).first()
    voucher_id = vouchers.create_voucher(accountant, {
        'voucher_date': today(), 'payee': 'ร้านงบประมาณทดสอบ', 'description': 'ซื้อวัสดุ', 'fund_source_id': fund_id,
        'budget_line_id': budget_line.id, 'amount': Decimal('1200.00')})
    for n in range(lines - 1):
        vouchers.add_line(accountant, voucher_id, {'budget_line_id': budget_line.id, 'amount': Decimal(100 + n)})
    if checked:
        vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    return voucher_id


def _letter(steps: int) -> int:
    """An incoming letter with a trail, a letter referring to it and a linked village."""
    clerk, palad, mayor = principal('clerk'), principal('palad'), principal('mayor')
    base = {'kind': 'external', 'doc_date': '18/11/2569', 'sender': 'อำเภอเมือง', 'recipient': 'นายก อบต.',
            'subject': 'ขอความร่วมมือสำรวจถนน', 'urgency': 'urgent', 'secrecy': 'normal'}
    letter = resource.create(INCOMING, clerk, base)
    reply = resource.create(INCOMING, clerk, {**base, 'subject': 'ตอบรับการสำรวจถนน'})
    links.link(clerk, reply, 'Document', letter)
    village = resource.query(VILLAGES, principal('planner'), per_page=1).rows[0]
    with db.session_scope(write=True) as session:  # as a planner it was routed to would link it
        session.add(DocumentLink(org_id=clerk.org_id, document_id=letter, object_type='Village', object_id=village.id,
                                 created_by=clerk.user_id))
    for n in range(steps):  # forwarded between the executives, then back to the นายก
        routing.present(clerk, letter, (palad if n % 2 else mayor).user_id, f'เสนอครั้งที่ {n + 1}')
    return letter


async def test_home_pages_of_the_mayor_and_the_palad(user: User) -> None:
    for _ in range(3):  # waiting vouchers: one approval check each used to cost queries
        _voucher(1, checked=True)
    for username in ('mayor', 'palad'):
        await sign_in(user, username, expect='สวัสดี')
        _within(f'home-{username}', await _render(user, '/', 'pending-total'))
        await user.open('/logout')


@pytest.mark.parametrize('lines', [2, 6])
async def test_voucher_detail_with_its_lines(user: User, lines: int) -> None:
    editable, checked = _voucher(lines), _voucher(lines, checked=True)
    await sign_in(user, 'accountant', expect='สวัสดี')
    _within('voucher-preparer', await _render(user, f'/elaas/vouchers/{editable}', 'voucher-add-line'))
    await user.open('/logout')
    await sign_in(user, 'palad', expect='สวัสดี')
    _within('voucher-approver', await _render(user, f'/elaas/vouchers/{checked}', 'transition-approve'))


@pytest.mark.parametrize('steps', [1, 5])
async def test_letter_detail_with_its_trail_moves_and_links(user: User, steps: int) -> None:
    letter = _letter(steps)
    await sign_in(user, 'clerk', expect='สวัสดี')
    _within('letter-registrar', await _render(user, f'/eoffice/incoming/{letter}', 'route-present'))
    await user.open('/logout')
    await sign_in(user, 'mayor' if steps % 2 else 'palad', expect='สวัสดี')
    _within('letter-executive', await _render(user, f'/eoffice/incoming/{letter}', 'route-order'))


async def test_a_list_page_opens_in_one_trip_after_the_rights_check(user: User, monkeypatch) -> None:
    """The voucher register as the accountant opens it: the rights check, then one trip for its choices, filter
    options, opening filters and first page (not one each); a bounded number of statements."""
    from nicegui import run
    trips = []
    real = run.io_bound

    async def counting(func, *args, **kwargs):
        trips.append(getattr(func, '__name__', repr(func)))
        return await real(func, *args, **kwargs)

    await sign_in(user, 'accountant', expect='สวัสดี')
    monkeypatch.setattr(run, 'io_bound', counting)
    count = await _render(user, '/elaas/vouchers', 'list-table')
    assert len(trips) <= 2, trips
    assert count <= 10, f'the voucher list: {count} SQL statements'
