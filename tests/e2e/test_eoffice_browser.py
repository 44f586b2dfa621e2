"""e-Office in a real browser, the whole citizen flow: a citizen files a complaint at /e-service and gets a code;
the registrar presents it to the ปลัด; the ปลัด assigns กองช่าง; กองช่าง answers; the citizen reads the answer.

Markers are not in the browser DOM: elements are found by their Thai label, role or text.
"""

import re

import pytest
from playwright.sync_api import Page, expect
from test_shell_browser import FULL_NAME, SCREENSHOTS, as_persona

pytestmark = pytest.mark.e2e

SUBJECT = 'ไฟถนนดับหน้าวัดบ้านท่าน้ำ'
NAME = 'นายทดสอบ <b>ตัวหนา</b>'
ANSWER = 'กองช่างเปลี่ยนหลอดไฟถนนหน้าวัดเรียบร้อยแล้ว'


def choose(page: Page, label: str, option: str) -> None:
    """A Quasar select: open it by its label, pick the option by its text."""
    page.get_by_label(label).click()
    page.get_by_role('option', name=option).first.click()


def test_citizen_complaint_is_routed_answered_and_read_by_code(page: Page, new_context) -> None:
    page.goto('/e-service/6300199')
    choose(page, 'ประเภทเรื่อง *', 'ร้องเรียน/ร้องทุกข์')
    page.get_by_label('ชื่อ-สกุล *').fill(NAME)
    page.get_by_label('ช่องทางติดต่อกลับ (โทรศัพท์/อีเมล) *').fill('081-234-0000')
    page.get_by_role('button', name='ส่งคำร้อง').click()
    expect(page.get_by_text('เรื่อง: กรุณากรอก').first).to_be_visible()  # refused, nothing typed is lost
    expect(page.get_by_label('ชื่อ-สกุล *')).to_have_value(NAME)
    page.get_by_label('เรื่อง *', exact=True).fill(SUBJECT)
    page.get_by_label('รายละเอียด *').fill('ไฟถนนดับมาสามคืน <script>alert(1)</script>')
    page.get_by_text('ข้าพเจ้ายินยอม').click()
    page.get_by_role('button', name='ส่งคำร้อง').click()
    expect(page.get_by_text('ส่งคำร้องเรียบร้อยแล้ว')).to_be_visible()
    code = page.get_by_text(re.compile(r'^ES-[A-Z0-9]{4}-[A-Z0-9]{4}$')).inner_text().strip()

    clerk = new_context().new_page()
    as_persona(clerk, 'clerk')
    clerk.goto('/eoffice/inbox')
    clerk.get_by_text(SUBJECT).first.click()
    expect(clerk).to_have_url(re.compile(r'/eoffice/incoming/\d+$'))
    document_path = re.sub(r'^https?://[^/]+', '', clerk.url)
    expect(clerk.get_by_text(f'รหัสติดตาม {code} ·', exact=False)).to_be_visible()
    expect(clerk.get_by_text(f'ผู้ยื่น {NAME}', exact=False)).to_be_visible()  # markup shown as text
    choose(clerk, 'เสนอถึง', FULL_NAME['palad'])
    clerk.get_by_role('button', name='เสนอ', exact=True).click()
    expect(clerk.get_by_text('เสนอผู้บริหาร').first).to_be_visible()
    clerk.close()

    palad = new_context().new_page()
    as_persona(palad, 'palad')
    palad.goto('/eoffice/inbox')
    palad.get_by_text(SUBJECT).first.click()
    choose(palad, 'มอบให้ส่วนราชการ (ถ้ามี)', 'กองช่าง')
    palad.get_by_label('ข้อความเกษียน').fill('มอบ กองช่าง ดำเนินการ')
    palad.get_by_role('button', name='บันทึกเกษียน').click()
    expect(palad.get_by_text('มอบกองดำเนินการ').first).to_be_visible()
    palad.close()

    eng = new_context().new_page()
    as_persona(eng, 'eng_dir')
    eng.goto(document_path)
    expect(eng.get_by_text('มอบ กองช่าง ดำเนินการ').first).to_be_visible()  # the order on the timeline
    eng.get_by_label('ผลการดำเนินการ / คำตอบ').fill(ANSWER)
    eng.get_by_role('button', name='ดำเนินการเสร็จ').click()
    expect(eng.get_by_text('เสร็จสิ้น').first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    eng.screenshot(path=SCREENSHOTS / 'eoffice-document.png', full_page=True)
    eng.close()

    page.goto(f'/e-service/track?code={code}')
    expect(page.get_by_text('สถานะ: ดำเนินการแล้ว')).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_text('มอบกองช่างดำเนินการ')).to_be_visible()
    page.screenshot(path=SCREENSHOTS / 'eoffice-tracking.png', full_page=True)
