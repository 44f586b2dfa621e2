"""e-GP pages (NiceGUI User, no browser): the procurement officer starts a file from a budget line on the board's
button, a 600,000 เฉพาะเจาะจง without a condition is refused on the form (what was typed kept), the file saves,
its card shows the remaining budget, the request reserves the amount; the board; สขร.1 on screen."""

from decimal import Decimal

from egp_helpers import add_members, line_remaining, roomy_line
from nicegui.testing import User
from sqlmodel import select

from core import db
from core.thai import fiscal_year, today
from helpers import principal, sign_in
from models.procurement import Procurement

TODAY = f'{today():%d/%m/}{today().year + 543}'


async def fill_file(user: User, line_id: int, amount: str, method: str | None) -> None:
    assert user.find(marker='field-request_date').elements.pop().value == TODAY  # today, ready
    user.find(marker='field-budget_line_id').elements.pop().value = line_id
    user.find(marker='field-kind').elements.pop().value = 'buy'
    user.find(marker='field-description').type('จัดซื้อโต๊ะประชุมหน้าจอทดสอบ')
    user.find(marker='field-amount').type(amount)
    user.find(marker='field-reference_price').type(amount)
    user.find(marker='field-method').elements.pop().value = method
    user.find(marker='field-committee_order').type('คำสั่งที่ 55/2570')


async def test_the_officer_starts_a_file_the_method_is_checked_and_the_request_reserves(user: User) -> None:
    line = roomy_line(principal('procurement').org_id)
    before = line_remaining(line.id)
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open('/egp')
    await user.should_see(marker='board-status', retries=100)
    user.find(marker='egp-new-file').click()
    await user.should_see(marker='field-amount', retries=100)
    await fill_file(user, line.id, '600000', 'specific')
    user.find(marker='form-save').click()
    await user.should_see('ใช้ได้เมื่อวงเงินไม่เกิน 500,000.00 บาท', retries=100)
    assert user.find(marker='field-description').elements.pop().value == 'จัดซื้อโต๊ะประชุมหน้าจอทดสอบ'
    with db.session_scope() as session:
        assert session.exec(select(Procurement).where(Procurement.description.contains('หน้าจอทดสอบ'))).first() \
            is None
    user.find(marker='field-amount').clear()
    user.find(marker='field-amount').type('45,000')
    user.find(marker='field-reference_price').clear()
    user.find(marker='field-reference_price').type('45,000')
    user.find(marker='form-save').click()
    await user.should_see(marker='file-checks', retries=100)
    await user.should_see(marker='file-remaining', retries=100)
    with db.session_scope() as session:
        record = session.exec(select(Procurement).where(Procurement.description.contains('หน้าจอทดสอบ'))).one()
    assert (record.method, record.amount, record.status) == ('specific', Decimal('45000.00'), 'draft')
    await user.open(f'/egp/files/{record.id}')
    await user.should_see(marker='file-committee-problem', retries=100)  # no inspector yet
    add_members(record.id, 'inspection', 1)
    await user.open(f'/egp/files/{record.id}')
    await user.should_see(marker='transition-request', retries=100)
    user.find(marker='transition-request').click()
    await user.should_see(marker='file-reserved', retries=100)
    assert line_remaining(line.id) == before - Decimal('45000')


async def test_skr1_lists_the_months_awards_with_every_column(user: User) -> None:
    with db.session_scope() as session:
        awarded = session.exec(select(Procurement.awarded_on).where(Procurement.awarded_on.is_not(None))
                               .order_by(Procurement.awarded_on)).first()
    await sign_in(user, 'auditor', expect='สวัสดี')
    await user.open(f'/egp/reports/skr1?fy={fiscal_year(awarded)}&month={awarded.month}')
    await user.should_see(marker='report-table', retries=100)
    rows = user.find(marker='report-table').elements.pop().rows
    assert rows and all(all(str(value).strip() for value in row.values()) for row in rows)


async def test_the_front_page_downloads_the_years_ocds_package(user: User) -> None:
    import json

    from apps.egp import ocds
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open('/egp')
    await user.should_see(marker='egp-ocds', retries=100)
    user.find(marker='egp-ocds').click()
    response = await user.download.next(timeout=20)
    package = json.loads(response.content.decode('utf-8'))
    assert package['version'] == '1.1' and ocds.schema_errors(package) == []
