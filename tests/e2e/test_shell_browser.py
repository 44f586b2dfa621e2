"""The shell in a real browser: persona switcher, menus by position, the page guard, the sign-in form, screenshots.

NiceGUI keeps `.mark('...')` markers on the server only (they are not rendered into the page), so in the
browser the marked elements are found by what the user sees: their role and Thai text, or a link's href.
Each helper below names the marker it stands for.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlmodel import select

from apps.admin import APP as ADMIN_APP
from core import db
from core.access import load_principal
from core.demo import DEMO_PASSWORD, PEOPLE
from core.menu import menu_for
from models.org import User

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / 'test-artifacts' / 'screenshots'
FULL_NAME = {person.username: person.full_name for person in PEOPLE}
ADMIN_GROUP = ADMIN_APP.title  # 'ผู้ดูแลระบบ'
NO_ACCESS = 'ท่านไม่มีสิทธิ์เข้าถึงหน้านี้'


# --- the marked elements, as the browser sees them -------------------------------------------------------------

def persona_button(page: Page, username: str) -> Locator:
    """Marker 'persona-<username>': a button inside the demo card ('persona-switcher') showing the full name."""
    switcher = page.locator('.q-card').filter(has_text='โหมดสาธิต')
    return switcher.get_by_role('button', name=re.compile(re.escape(FULL_NAME[username])))


def user_name(page: Page, username: str) -> Locator:
    """Marker 'user-name': the signed-in user's full name in the header."""
    return page.locator('header').get_by_text(FULL_NAME[username], exact=True)


def menu(page: Page) -> Locator:
    """Marker 'menu': the column in the left drawer."""
    return page.locator('aside.q-drawer')


def menu_groups(page: Page) -> set[str]:
    """The drawer's app groups (<details data-menu=<app>>), by their Thai title."""
    return set(menu(page).locator('details[data-menu] > summary > span').all_inner_texts())


def menu_link_markers(page: Page) -> set[str]:
    """'menu-link-<path>' for every app link in the drawer (the home link aside)."""
    links = menu(page).locator('details[data-menu] a[href]')
    hrefs = links.evaluate_all('links => links.map(a => a.getAttribute("href"))')
    return {f'menu-link-{href}' for href in hrefs}


def no_access(page: Page) -> Locator:
    """Marker 'no-access': the card the page guard shows instead of the page."""
    return page.locator('.q-card').filter(has_text=NO_ACCESS)


# --- flows ------------------------------------------------------------------------------------------------------

def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a searchable select (marker 'field-<name>'): type to filter, click it, see it chosen."""
    field = page.get_by_label(label, exact=True)
    field.click()
    field.fill(option)
    page.get_by_role('option').filter(has_text=option).first.click()
    page.keyboard.press('Escape')
    expect(field).to_have_value(re.compile(re.escape(option)))


def as_persona(page: Page, username: str) -> None:
    """Sign in with the login page's persona switcher and wait for the home page with the user's name."""
    page.goto('/login')
    persona_button(page, username).click()
    expect(page).to_have_url(re.compile(r'/$'))
    expect(user_name(page, username)).to_be_visible()
    expect(menu(page)).to_contain_text('หน้าหลัก')


def expected_menu(username: str) -> tuple[set[str], set[str]]:
    """The menu groups and link markers the server computes for this persona (same code, same demo LAO)."""
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.username == username)).one()
        menu_ = menu_for(load_principal(session, account.id))
    return {spec.title for spec, _ in menu_}, {f'menu-link-{entry.path}' for _, entries in menu_ for entry in entries}


# --- tests ------------------------------------------------------------------------------------------------------

def test_persona_switcher_signs_in_and_lands_on_home(page: Page) -> None:
    page.goto('/login')
    expect(page.locator('.q-card').filter(has_text='โหมดสาธิต')).to_be_visible()
    persona_button(page, 'planner').click()
    expect(page).to_have_url(re.compile(r'/$'))
    expect(user_name(page, 'planner')).to_be_visible()
    expect(page.get_by_text(f'สวัสดี {FULL_NAME["planner"]}', exact=True)).to_be_visible()
    expect(page.locator('header')).to_contain_text('นักวิเคราะห์นโยบายและแผน')


def test_positions_see_different_menus(page: Page, new_context) -> None:
    admin_links = {f'menu-link-{entry.path}' for entry in ADMIN_APP.entries}

    as_persona(page, 'admin')  # นักวิชาการคอมพิวเตอร์: system_admin + staff
    admin_groups, admin_markers = menu_groups(page), menu_link_markers(page)
    assert ADMIN_GROUP in admin_groups
    assert admin_links <= admin_markers
    assert (admin_groups, admin_markers) == expected_menu('admin')

    planner_page = new_context().new_page()  # a second, independent browser session
    as_persona(planner_page, 'planner')  # นักวิเคราะห์นโยบายและแผน: planner + staff
    planner_groups, planner_markers = menu_groups(planner_page), menu_link_markers(planner_page)
    assert ADMIN_GROUP not in planner_groups
    assert not planner_markers & admin_links
    assert (planner_groups, planner_markers) == expected_menu('planner')
    assert admin_markers != planner_markers


def test_forbidden_url_shows_no_access(page: Page) -> None:
    as_persona(page, 'planner')
    page.goto('/admin/users')
    expect(no_access(page)).to_be_visible()
    expect(page.get_by_text(NO_ACCESS, exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r'/admin/users$'))
    expect(menu(page)).not_to_contain_text(ADMIN_GROUP)


def test_sign_in_through_the_form(page: Page) -> None:
    page.goto('/login')
    username = page.get_by_label('ชื่อผู้ใช้', exact=True)  # marker 'username'
    password = page.get_by_label('รหัสผ่าน', exact=True)  # marker 'password'
    button = page.get_by_role('button', name='เข้าสู่ระบบ', exact=True)  # marker 'login-button'

    username.fill('palad')
    password.fill('not-the-password')
    button.click()
    expect(page.get_by_text('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง')).to_be_visible()
    expect(page).to_have_url(re.compile(r'/login$'))

    password.fill(DEMO_PASSWORD)
    button.click()
    expect(page).to_have_url(re.compile(r'/$'))
    expect(user_name(page, 'palad')).to_be_visible()
    expect(page.locator('header')).to_contain_text('ปลัดองค์การบริหารส่วนตำบล')


@pytest.mark.parametrize('username', ['mayor', 'palad', 'head_palad', 'planner', 'accountant', 'admin', 'teacher'])
def test_home_screenshot(page: Page, username: str) -> None:
    as_persona(page, username)
    expect(page.get_by_text(f'สวัสดี {FULL_NAME[username]}', exact=True)).to_be_visible()
    expect(page.locator('.q-card').first).to_be_visible()
    page.evaluate('document.fonts.ready.then(() => true)')  # Thai font and icons drawn before the shot
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f'home-{username}.png'
    page.screenshot(path=path)
    assert path.stat().st_size > 10_000
    assert page.viewport_size == {'width': 1366, 'height': 768}
