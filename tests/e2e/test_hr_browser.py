"""HR in a real browser (the issue's Done-when flow): an officer files vacation leave on the form, which counts the
days as the dates are typed; the director endorses and the ปลัด approves on the request's page; the balance the
request shows drops by the days; the leave form prints with the officer's name; the division calendar shows the
leave; cancelling it returns the days."""

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select
from test_shell_browser import SCREENSHOTS, as_persona, choose

from core import db
from core.thai import today
from models.hr import Person
from models.org import User

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'apps' / 'hr'))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'apps' / 'elaas'))
from elaas_helpers import letters  # noqa: E402
from hr_calendar import weeks  # noqa: E402

pytestmark = pytest.mark.e2e


def _be(d: date) -> str:
    return f'{d.day:02d}/{d.month:02d}/{d.year + 543}'


def _clerk() -> Person:
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.username == 'clerk')).one()
        return session.exec(select(Person).where(Person.owner_id == account.id)).one()


def _left(page: Page) -> str:
    """The vacation days left as the request's card says them."""
    text = page.get_by_text(re.compile(r'^วันลาพักผ่อนคงเหลือ')).inner_text()
    return re.search(r':\s*([\d.]+) วัน', text).group(1)


def test_vacation_leave_from_the_form_to_the_calendar_and_back(page: Page, new_context) -> None:
    start = weeks(1, after=today())  # a clean working week of the server's fiscal year, clear of the demo's leave
    end = start + timedelta(days=1)
    clerk = _clerk()
    as_persona(page, 'clerk')
    page.goto('/hr/leave-requests/new')
    choose(page, 'ประเภทการลา *', 'ลาพักผ่อน')
    page.get_by_label('ตั้งแต่วันที่ *').fill(_be(start))
    page.get_by_label('ถึงวันที่ *').fill(_be(end))
    expect(page.get_by_text('นับเป็นวันลา 2 วัน')).to_be_visible()  # before anything is saved
    page.get_by_label('เหตุผลการลา').fill('พักผ่อนกับครอบครัว')
    page.get_by_role('button', name='บันทึก').click()
    expect(page).to_have_url(re.compile(r'/hr/leave-requests/\d+$'))
    request_url = page.url
    before = _left(page)
    page.get_by_role('button', name='ส่งใบลา').click()
    expect(page.get_by_text('รอ: หัวหน้าส่วนราชการ')).to_be_visible()

    for username, button in (('head_palad', 'เห็นควรอนุญาต'), ('palad', 'อนุญาต')):
        other = new_context().new_page()
        as_persona(other, username)
        other.goto(request_url)
        other.get_by_role('button', name=button, exact=True).click()
        expect(other.get_by_role('button', name=button, exact=True)).to_have_count(0)
    page.goto(request_url)
    expect(page.locator('.q-badge').filter(has_text=re.compile('^อนุญาตแล้ว$'))).to_be_visible()
    assert float(_left(page)) == float(before) - 2

    with page.expect_download() as download:
        page.get_by_role('button', name='พิมพ์').click()
    content = Path(download.value.path()).read_bytes()
    text = subprocess.run(['pdftotext', '-', '-'], input=content, capture_output=True, check=True).stdout.decode()
    assert letters(clerk.full_name) in letters(text) and letters('ลาพักผ่อน') in letters(text)

    page.goto(f'/hr/calendar?division={clerk.division_id}&month={start.month}&year={start.year + 543}')
    expect(page.get_by_role('main').get_by_text(clerk.full_name, exact=True)).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / 'hr-calendar.png'), full_page=True)

    page.goto(request_url)
    page.get_by_role('button', name='ยกเลิกวันลา').click()
    page.get_by_label(re.compile('เหตุผล|หมายเหตุ')).fill('ติดราชการด่วน')
    page.get_by_role('button', name='ยืนยัน').click()
    expect(page.locator('.q-badge').filter(has_text=re.compile('^ยกเลิกวันลา$'))).to_be_visible()
    assert _left(page) == before
