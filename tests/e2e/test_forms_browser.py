"""A Resource form in a real browser: typing is autosaved, a reload restores it, saving clears the draft."""

import re

import pytest
from playwright.sync_api import Page, expect
from test_shell_browser import as_persona

pytestmark = pytest.mark.e2e


def test_draft_survives_a_reload_and_saving_clears_it(page: Page) -> None:
    as_persona(page, 'planner')
    page.goto('/info/villages/new')
    page.get_by_label('ชื่อหมู่บ้าน *').fill('บ้านทดสอบเบราว์เซอร์')
    page.get_by_label('ผู้ใหญ่บ้าน').fill('นายพิมพ์ ค้างไว้')
    expect(page.get_by_text('บันทึกร่างอัตโนมัติแล้ว')).to_be_visible()

    page.reload()  # as after a closed tab, a dropped network or a restarted server
    expect(page.get_by_text('กู้คืนข้อมูลที่พิมพ์ค้างไว้')).to_be_visible()
    expect(page.get_by_label('ชื่อหมู่บ้าน *')).to_have_value('บ้านทดสอบเบราว์เซอร์')
    expect(page.get_by_label('ผู้ใหญ่บ้าน')).to_have_value('นายพิมพ์ ค้างไว้')

    page.get_by_label('หมู่ที่ *').fill('ห้า')
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text('หมู่ที่: ต้องเป็นจำนวนเต็ม').first).to_be_visible()
    expect(page.get_by_label('ชื่อหมู่บ้าน *')).to_have_value('บ้านทดสอบเบราว์เซอร์')  # nothing typed is lost

    page.get_by_label('หมู่ที่ *').fill('42')
    page.get_by_role('button', name='บันทึก').click()
    expect(page).to_have_url(re.compile(r'/info/villages/\d+$'))
    expect(page.get_by_text('บ้านทดสอบเบราว์เซอร์').first).to_be_visible()

    page.goto('/info/villages/new')
    expect(page.get_by_label('ชื่อหมู่บ้าน *')).to_have_value('')
    expect(page.get_by_text('กู้คืนข้อมูลที่พิมพ์ค้างไว้')).to_have_count(0)
