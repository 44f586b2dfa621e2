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


def test_typing_during_a_network_drop_is_kept_by_the_browser(page: Page) -> None:
    as_persona(page, 'planner')
    cut = {'on': False}

    def relay(ws) -> None:  # the browser's socket to the server, which we can cut from the client side
        server = ws.connect_to_server()
        ws.on_message(lambda message: None if cut['on'] else server.send(message))

    page.route_web_socket(re.compile(r'.*socket\.io.*'), relay)
    page.goto('/info/villages/new')
    page.get_by_label('ชื่อหมู่บ้าน *').fill('บ้านก่อนเน็ตหลุด')
    expect(page.get_by_text('บันทึกร่างอัตโนมัติแล้ว')).to_be_visible()

    cut['on'] = True  # from here the server hears nothing of what is typed
    page.get_by_label('ผู้ใหญ่บ้าน').fill('นายระหว่าง เน็ตหลุด')
    page.wait_for_function(
        "(localStorage.getItem('lao-draft:/info/villages/new') || '').includes('นายระหว่าง เน็ตหลุด')")
    page.close()  # the tab is closed before the connection comes back

    again = page.context.new_page()
    again.goto('/info/villages/new')
    expect(again.get_by_text('กู้คืนข้อมูลที่พิมพ์ไว้ในเครื่องนี้ระหว่างที่การเชื่อมต่อขาดหาย')).to_be_visible()
    expect(again.get_by_label('ผู้ใหญ่บ้าน')).to_have_value('นายระหว่าง เน็ตหลุด')
    expect(again.get_by_label('ชื่อหมู่บ้าน *')).to_have_value('บ้านก่อนเน็ตหลุด')
