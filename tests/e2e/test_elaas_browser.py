"""e-LAAS in a real browser: the finance officer prepares a voucher against a budget line, the director checks it,
the ปลัด approves, it is paid and posted, and it shows in the general ledger, the trial balance and the
remaining-budget report; a voucher larger than the remaining budget is refused; a receipt prints its baht text."""

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select
from test_shell_browser import SCREENSHOTS, as_persona, choose

from core import db
from core.thai import format_money, today
from models.finance import BudgetLine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'apps' / 'elaas'))
from elaas_helpers import letters  # noqa: E402

pytestmark = pytest.mark.e2e
TODAY = f'{today():%d/%m/}{today().year + 543}'
PAYEE = 'ร้านเบราว์เซอร์พาณิชย์'


def demo_line() -> BudgetLine:
    """The demo budget's first office-materials line (the server's demo LAO is built from the same seed)."""
    with db.session_scope() as session:
        return session.exec(select(BudgetLine).where(BudgetLine.type_code == '533001')
                            .order_by(BudgetLine.id)).first()




def fill_voucher(page: Page, line: BudgetLine, amount: str) -> None:
    page.goto('/elaas/vouchers/new')
    page.get_by_label('วันที่ฎีกา *').fill(TODAY)
    page.get_by_label('จ่ายให้ (ผู้รับเงิน) *').fill(PAYEE)
    page.get_by_label('รายการ/วัตถุประสงค์ *').fill('ซื้อวัสดุสำนักงานผ่านเบราว์เซอร์')
    choose(page, 'แหล่งเงิน *', 'เงินงบประมาณ')
    choose(page, 'รายการงบประมาณ', line.code)
    page.get_by_label('จำนวนเงิน *').fill(amount)
    page.get_by_role('button', name='บันทึก').click()


def state(page: Page, title: str):
    return page.locator('.q-badge').filter(has_text=re.compile(f'^{title}$'))


def spent_and_left(page: Page, code: str) -> tuple[Decimal, Decimal]:
    """The line's เบิกจ่าย and คงเหลือ as the server's remaining-budget report shows them (its last two columns)."""
    page.goto('/elaas/reports/remaining')
    row = page.get_by_role('row').filter(has=page.get_by_role('cell', name=code, exact=True))
    expect(row).to_be_visible()
    cells = row.get_by_role('cell').all_inner_texts()
    return tuple(Decimal(text.replace(',', '')) for text in cells[-2:])


def test_voucher_from_preparation_to_the_books(page: Page, new_context) -> None:
    line = demo_line()
    as_persona(page, 'accountant')
    spent, left = spent_and_left(page, line.code)
    # more than the line can have left on the server, whatever the day (the server's demo is built when it starts,
    # this process's template earlier; across midnight in Bangkok the two demos differ by a day's payments)
    fill_voucher(page, line, format_money(line.approved + line.transfer_in + 1))
    expect(page.get_by_text('เกินงบประมาณคงเหลือ').first).to_be_visible()
    expect(page.get_by_label('จ่ายให้ (ผู้รับเงิน) *')).to_have_value(PAYEE)
    page.get_by_label('จำนวนเงิน *').fill('3,000')
    page.get_by_role('button', name='บันทึก').click()
    expect(state(page, 'จัดทำฎีกา')).to_be_visible()
    voucher_url = page.url
    assert re.search(r'/elaas/vouchers/\d+$', voucher_url)
    number = page.locator('[data-value-of="number_text"]').inner_text()  # เลขที่ฎีกา (เลขที่ผู้เบิก is another)
    assert re.fullmatch(r'\d+/\d{4}', number), number

    for username, button, after in (('finance_dir', 'ตรวจฎีกา', 'ตรวจฎีกาแล้ว'), ('palad', 'อนุมัติฎีกา', 'อนุมัติแล้ว')):
        other = new_context().new_page()
        as_persona(other, username)
        other.goto(voucher_url)
        other.get_by_role('button', name=button).click()
        expect(state(other, after)).to_be_visible()
    cashier = new_context().new_page()
    as_persona(cashier, 'cashier')
    cashier.goto(voucher_url)
    cashier.get_by_label('เลขที่เช็ค/อ้างอิงการโอน').fill('TR-BROWSER-1')
    cashier.get_by_role('button', name='บันทึกการจ่ายเงิน').click()
    expect(state(cashier, 'จ่ายเงินแล้ว')).to_be_visible()

    page.goto(voucher_url)
    page.get_by_role('button', name='บันทึกบัญชี').click()
    expect(state(page, 'บันทึกบัญชีแล้ว')).to_be_visible()

    page.goto('/elaas/reports/ledger')
    choose(page, 'บัญชี', '5104010104.001')
    page.get_by_role('button', name='แสดงรายงาน').click()
    expect(page.get_by_role('cell').filter(has_text=f'ฎีกา {number} {PAYEE}')).to_be_visible()
    page.goto('/elaas/reports/trial-balance')
    expect(page.get_by_role('cell', name='5104010104.001', exact=True)).to_be_visible()
    assert spent_and_left(page, line.code) == (spent + 3000, left - 3000)
    page.screenshot(path=str(SCREENSHOTS / 'elaas-remaining.png'), full_page=True)
    page.goto('/elaas')
    expect(page.locator('.js-plotly-plot .main-svg').first).to_be_visible()
    expect(page.locator('.js-plotly-plot .bars path').first).to_be_visible()  # drawn, not just laid out
    page.screenshot(path=str(SCREENSHOTS / 'elaas.png'), full_page=True)


def test_receipt_prints_its_amount_in_words(page: Page) -> None:
    import subprocess
    as_persona(page, 'revenue')
    page.goto('/elaas/receipts/new')
    page.get_by_label('วันที่ *').fill(TODAY)
    page.get_by_label('ได้รับเงินจาก *').fill('นายทดสอบ เบราว์เซอร์')
    choose(page, 'ประเภทรายรับ *', 'ภาษีป้าย')
    page.get_by_label('จำนวนเงิน *').fill('2,345.75')
    page.get_by_role('button', name='บันทึก').click()
    expect(state(page, 'ออกใบเสร็จแล้ว')).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role('button', name='พิมพ์').click()
    content = Path(download.value.path()).read_bytes()
    text = subprocess.run(['pdftotext', '-', '-'], input=content, capture_output=True, check=True).stdout.decode()
    assert letters('สองพันสามร้อยสี่สิบห้าบาทเจ็ดสิบห้าสตางค์') in letters(text)
    assert letters('ใบเสร็จรับเงิน') in letters(text)
