"""Nothing lost, nothing doubled, in a real browser as staff break things: the same record open in two browsers (the
second save is refused, names the change and keeps what was typed), a double-click on บันทึก (one receipt, one
number), a tab left open after signing out (saves nothing, asks to sign in), nonsense in every field (Thai messages
naming each field). No browser console error along the way; a screenshot of each page."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_elaas_browser import TODAY
from test_shell_browser import SCREENSHOTS, as_persona, choose

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def no_new_traceback(server) -> None:
    """Whatever the user did, the server logs no traceback."""
    before = server.log.read_text(errors='replace').count('Traceback')
    yield
    assert server.log.read_text(errors='replace').count('Traceback') == before, server.log_tail()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on('console', lambda m: errors.append(m.text) if m.type == 'error' else None)
    return errors


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate('document.fonts.ready.then(() => true)')
    page.screenshot(path=SCREENSHOTS / f'guards-{name}.png', full_page=True)


def _village_edit_url(page: Page, name: str) -> str:
    page.goto('/info/villages')
    page.get_by_text(name, exact=True).first.click()
    expect(page).to_have_url(re.compile(r'/info/villages/\d+$'))
    return page.url + '/edit'


def test_two_people_on_one_record_the_second_save_is_refused_and_keeps_its_values(
        page: Page, browser: Browser, browser_context_args: dict, console_errors: list[str]) -> None:
    as_persona(page, 'planner')
    edit = _village_edit_url(page, 'บ้านหนองไผ่พัฒนา')
    other = browser.new_context(**browser_context_args).new_page()  # another PC, another browser
    as_persona(other, 'planner')
    other.goto(edit)
    page.goto(edit)
    other.get_by_label('ผู้ใหญ่บ้าน').fill('นายแท็บแรก บันทึกก่อน')
    other.get_by_role('button', name='บันทึก').click()
    expect(other).to_have_url(re.compile(r'/info/villages/\d+$'))

    page.get_by_label('จำนวนครัวเรือน').fill('777')
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text('ถูกแก้ไขโดยผู้อื่น').first).to_be_visible()
    expect(page.get_by_text('นายแท็บแรก บันทึกก่อน').first).to_be_visible()
    expect(page.get_by_role('button', name='โหลดข้อมูลล่าสุด')).to_be_visible()
    expect(page.get_by_label('จำนวนครัวเรือน')).to_have_value('777')  # what this tab typed is still there
    shot(page, 'stale-save')
    page.get_by_role('button', name='โหลดข้อมูลล่าสุด').click()
    expect(page.get_by_label('ผู้ใหญ่บ้าน')).to_have_value('นายแท็บแรก บันทึกก่อน')
    assert console_errors == []


def test_a_double_click_on_save_issues_one_receipt(page: Page, console_errors: list[str]) -> None:
    as_persona(page, 'revenue')
    page.goto('/elaas/receipts/new')
    page.get_by_label('วันที่ *').fill(TODAY)
    page.get_by_label('ได้รับเงินจาก *').fill('นายดับเบิล คลิก')
    choose(page, 'ประเภทรายรับ *', 'ภาษีป้าย')
    page.get_by_label('จำนวนเงิน *').fill('120')
    page.get_by_role('button', name='บันทึก').dblclick()
    expect(page).to_have_url(re.compile(r'/elaas/receipts/\d+$'))
    shot(page, 'receipt-after-double-click')
    page.goto('/elaas/receipts')
    page.get_by_placeholder('ค้นหา').fill('นายดับเบิล คลิก')
    expect(page.get_by_text('ทั้งหมด 1 รายการ')).to_be_visible()
    assert console_errors == []


def test_a_tab_left_open_after_sign_out_saves_nothing(page: Page, console_errors: list[str]) -> None:
    as_persona(page, 'planner')
    page.goto('/info/villages/new')
    page.get_by_label('หมู่ที่ *').fill('61')
    page.get_by_label('ชื่อหมู่บ้าน *').fill('บ้านแท็บที่ลืมปิด')
    other = page.context.new_page()
    other.goto('/logout')
    expect(other).to_have_url(re.compile(r'/login'))
    page.get_by_role('button', name='บันทึก').click()
    expect(page).to_have_url(re.compile(r'/login\?ended=1'))
    expect(page.get_by_text('กรุณาเข้าสู่ระบบใหม่').first).to_be_visible()
    shot(page, 'signed-out-tab')
    as_persona(page, 'planner')
    page.goto('/info/villages')
    page.get_by_placeholder('ค้นหา').fill('บ้านแท็บที่ลืมปิด')
    expect(page.get_by_text('ทั้งหมด 0 รายการ')).to_be_visible()
    page.goto('/info/villages/new')  # what was typed comes back as a draft
    expect(page.get_by_label('ชื่อหมู่บ้าน *')).to_have_value('บ้านแท็บที่ลืมปิด')
    assert console_errors == []


def test_nonsense_in_every_field_gets_a_thai_message_per_field(page: Page, console_errors: list[str]) -> None:
    as_persona(page, 'revenue')
    page.goto('/elaas/receipts/new')
    page.get_by_label('วันที่ *').fill('31/02/2569')
    page.get_by_label('ได้รับเงินจาก *').fill('นายพิมพ์ มั่ว')
    page.get_by_label('เลขประจำตัวผู้เสียภาษี').fill('1234567890123')
    choose(page, 'ประเภทรายรับ *', 'ภาษีป้าย')
    page.get_by_label('จำนวนเงิน *').fill('1e400')
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text(re.compile('วันที่: ')).first).to_be_visible()
    expect(page.get_by_text(re.compile('เลขประจำตัวผู้เสียภาษี: ')).first).to_be_visible()
    expect(page.get_by_text(re.compile('จำนวนเงิน: ')).first).to_be_visible()
    expect(page.get_by_label('ได้รับเงินจาก *')).to_have_value('นายพิมพ์ มั่ว')
    shot(page, 'nonsense-receipt')
    page.get_by_label('จำนวนเงิน *').fill('9' * 400)
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text(re.compile('จำนวนเงิน: ')).first).to_be_visible()
    assert console_errors == []


def test_the_administrator_backs_up_with_one_click(page: Page, console_errors: list[str]) -> None:
    as_persona(page, 'admin')
    page.goto('/admin/backup')
    expect(page.get_by_text(re.compile(r'^ไฟล์สำรอง \(\d+\)$'))).to_be_visible()  # the list is drawn
    manual = page.get_by_text('สำรองเอง', exact=True)  # the daily backup may also have run on a slow machine
    before = manual.count()
    page.get_by_role('button', name='สำรองข้อมูลตอนนี้').dblclick()  # a double-click makes one archive at a time
    expect(page.get_by_text('สำรองข้อมูลแล้ว').first).to_be_visible()
    expect(manual).to_have_count(before + 1)
    expect(page.get_by_text('ยังไม่มีไฟล์สำรองข้อมูลที่ตรวจแล้ว')).to_have_count(0)  # the status follows at once
    shot(page, 'backup')
    assert console_errors == []
