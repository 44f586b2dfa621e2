"""e-LAAS pages (NiceGUI User, no browser): the front-page chart, the voucher flow through the pages, a refused
voucher keeps the form, reports, the period page, and the permission guard."""


from elaas_helpers import a_line
from nicegui.testing import User
from sqlmodel import select

from core import db
from core.thai import fiscal_year, today
from helpers import principal, sign_in
from models.finance import Voucher

STATES = {'check': 'ตรวจฎีกาแล้ว', 'approve': 'อนุมัติแล้ว'}
TODAY = f'{today():%d/%m/}{today().year + 543}'


async def test_front_page_shows_the_budget_execution_chart(user: User) -> None:
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    await user.open('/elaas')
    await user.should_see(marker='execution-chart', retries=100)
    chart = user.find(marker='execution-chart').elements.pop()
    assert [trace.name for trace in chart.figure.data] == ['งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ']


async def fill_voucher(user: User, line_id: int, amount: str) -> None:
    await user.open('/elaas/vouchers/new')
    await user.should_see(marker='field-payee', retries=100)
    user.find(marker='field-voucher_date').type(TODAY)
    user.find(marker='field-payee').type('ร้านหน้าจอทดสอบ')
    user.find(marker='field-description').type('ซื้อกระดาษ')
    user.find(marker='field-fund_source_id').elements.pop().value = 1
    user.find(marker='field-budget_line_id').elements.pop().value = line_id
    user.find(marker='field-amount').type(amount)
    user.find(marker='form-save').click()


async def test_voucher_over_the_remaining_budget_is_refused_on_the_form(user: User) -> None:
    line = a_line(principal('accountant').org_id)
    await sign_in(user, 'accountant', expect='สวัสดี')
    await fill_voucher(user, line.id, f'{line.remaining + 1:.2f}')
    await user.should_see('ขาดอีก 1.00 บาท', retries=100)
    assert user.find(marker='field-payee').elements.pop().value == 'ร้านหน้าจอทดสอบ'


async def switch(user: User, username: str) -> None:
    await user.open('/logout')
    await sign_in(user, username, expect='สวัสดี')


async def test_the_voucher_flow_through_the_pages(user: User) -> None:
    line = a_line(principal('accountant').org_id)
    await sign_in(user, 'accountant', expect='สวัสดี')
    await fill_voucher(user, line.id, '2,500')
    await user.should_see(marker='voucher-lines', retries=100)
    with db.session_scope() as session:
        voucher = session.exec(select(Voucher).where(Voucher.payee == 'ร้านหน้าจอทดสอบ')).one()
    path = f'/elaas/vouchers/{voucher.id}'
    for username, move in (('finance_dir', 'check'), ('palad', 'approve')):
        await switch(user, username)
        await user.open(path)
        user.find(marker=f'transition-{move}').click()
        await user.should_see(marker='workflow-state', content=STATES[move], retries=100)
    await switch(user, 'cashier')
    await user.open(path)
    await user.should_see(marker='voucher-pay', retries=100)
    user.find(marker='pay-reference').type('TR-777')
    user.find(marker='pay-confirm').click()
    await user.should_see('บันทึกการจ่ายเงินแล้ว', retries=100)
    await switch(user, 'accountant')
    await user.open(path)
    user.find(marker='transition-post').click()
    await user.should_see('บันทึกบัญชีแล้ว', retries=100)
    with db.session_scope() as session:
        assert session.get(Voucher, voucher.id).status == 'posted'
    await user.open(f'/elaas/reports/trial-balance?fy={fiscal_year(today())}')
    await user.should_see(marker='report-table', retries=100)
    rows = user.find(marker='report-table').elements.pop().rows
    assert any(row['c0'] == '5104010104.001' for row in rows)


async def test_every_report_renders(user: User) -> None:
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    for key in ('remaining', 'trial-balance', 'ledger', 'cash-book', 'revenue', 'expenditure', 'personnel'):
        await user.open(f'/elaas/reports/{key}')
        await user.should_see(marker='report-table', retries=100)
    await user.open('/elaas/periods')
    await user.should_see(marker='months', retries=100)


async def test_a_planner_may_not_open_the_vouchers(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/elaas/vouchers')
    await user.should_see(marker='no-access', retries=100)
    await user.open('/elaas/budget-lines')
    await user.should_see(marker='list-table', retries=100)


async def test_month_close_pins_and_shows_the_audit_anchor(user: User) -> None:
    """Closing a month appends the audit chains' heads to the anchors file; the period page shows the LAO's head."""
    from core import audit
    from core.settings import get_settings
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    await user.open('/elaas/periods')
    await user.should_see(marker='audit-anchor', retries=100)
    await user.should_see('ส่งออกสมุดบัญชี')
    on = today()
    user.find(marker=f'close-{on.year}-{on.month}').click()
    await user.should_see(marker=f'closed-{on.year}-{on.month}', retries=100)
    org_id = principal('finance_dir').org_id
    pinned = audit.read_anchor_file().chains[org_id]
    with db.session_scope() as session:
        close_event = session.exec(select(audit.AuditEvent).where(audit.AuditEvent.action == 'close_month')).one()
    assert pinned['last_id'] >= close_event.id and get_settings().anchors_path.exists()
    shown = user.find(marker='audit-anchor-hash').elements.pop().text  # the page after the close: a head since then
    with db.session_scope() as session:
        event = session.exec(select(audit.AuditEvent).where(audit.AuditEvent.hash == shown)).one()
    assert event.chain == org_id and event.id >= close_event.id


async def test_the_front_page_shows_this_years_spending_while_next_years_budget_is_drafted(user: User) -> None:
    from apps.elaas.resources import BUDGETS
    from core import resource
    this_year = fiscal_year(today())
    resource.create(BUDGETS, principal('planner'), {'fiscal_year': this_year + 1, 'title': 'ร่างข้อบัญญัติปีหน้า'})
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    await user.open('/elaas')
    await user.should_see(f'ภาพรวมการใช้จ่ายงบประมาณ ปีงบประมาณ {this_year}', retries=100)
