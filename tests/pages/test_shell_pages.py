"""Menu per role, forbidden URLs, persona switcher, recovery page, profile (NiceGUI User fixture)."""

import re

from nicegui.testing import User
from sqlmodel import select

from core import auth, db
from core.access import load_principal
from helpers import lock_at, principal, sign_in
from models.audit import AuditEvent
from models.finance import Voucher


def menu_html(user: User) -> str:
    """The drawer's menu (marker 'menu': one HTML element, a <details data-menu=<app>> group per app)."""
    return ''.join(element.content for element in user.find(marker='menu').elements)


def menu_paths(user: User) -> set[str]:
    """The paths the drawer's menu links to, the home link aside."""
    return set(re.findall(r'href="([^"]+)"', menu_html(user))) - {'/'}


def menu_groups(user: User) -> set[str]:
    """The apps whose group the drawer's menu shows."""
    return set(re.findall(r'data-menu="([^"]+)"', menu_html(user)))


async def test_menu_follows_roles(user: User) -> None:
    await sign_in(user, 'admin', expect='นายกิตติ ศรีวงศ์')
    assert 'admin' in menu_groups(user)
    assert '/admin/users' in menu_paths(user)
    assert not any(path.startswith('/eplan') for path in menu_paths(user))


async def test_planner_sees_no_admin_menu(user: User) -> None:
    await sign_in(user, 'planner', expect='นางสาวกัญญา พรหมวิเศษ')
    assert 'info' in menu_groups(user) and 'admin' not in menu_groups(user)


async def test_forbidden_url_shows_no_access_and_is_audited(user: User) -> None:
    await sign_in(user, 'planner', expect='นางสาวกัญญา พรหมวิเศษ')
    await user.open('/admin/users')
    await user.should_see(marker='no-access')
    await user.should_see('ท่านไม่มีสิทธิ์เข้าถึงหน้านี้')
    await user.should_not_see(marker='users-table')
    with db.session_scope() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == 'access_denied')).one()
    assert event.object_id == '/admin/users' and event.actor_name == 'นางสาวกัญญา พรหมวิเศษ'


async def test_the_position_switcher_switches_what_the_user_acts_as(user: User) -> None:
    """Two positions: the user acts in the one chosen (its division's vouchers, not the other's)."""
    head = principal('head_palad')
    with db.session_scope() as session:
        central, welfare = (load_principal(session, head.user_id, p) for p in head.position_ids)
        counts = [len(session.exec(select(Voucher.id).where(Voucher.division_id == p.division_ids[0],
                                                           Voucher.org_id == head.org_id)).all())
                  for p in (central, welfare)]
    assert counts[0] != counts[1], 'the demo has vouchers of สำนักปลัด'
    await sign_in(user, 'head_palad', expect='นางสาววรรณา ทองดี')
    switcher = user.find(marker='position-select').elements.pop()
    assert switcher.value == central.position_id
    await user.open('/elaas/vouchers')
    await user.should_see(f'ทั้งหมด {counts[0]} รายการ')

    switcher = user.find(marker='position-select').elements.pop()
    switcher.value = welfare.position_id
    await user.should_see('ผู้อำนวยการกองสวัสดิการสังคม', retries=100)
    await user.open('/elaas/vouchers')
    assert user.find(marker='position-select').elements.pop().value == welfare.position_id
    await user.should_see(f'ทั้งหมด {counts[1]} รายการ')


async def test_persona_switcher_signs_in_in_demo_mode(user: User) -> None:
    await user.open('/login')
    await user.should_see(marker='persona-switcher')
    user.find(marker='persona-palad').click()
    await user.should_see('สวัสดี นางสุนีย์ วงศ์ใหญ่', retries=100)


async def test_no_persona_switcher_unless_demo_mode(user: User, monkeypatch) -> None:
    from core import settings
    monkeypatch.setenv('LAO_DEMO', '0')
    settings.configure()
    await user.open('/login')
    await user.should_see(marker='login-button')
    await user.should_not_see(marker='persona-switcher')


async def test_the_login_page_says_when_to_try_again(user: User) -> None:
    for _ in range(5):  # the test client's address
        auth.login('cashier', 'bad-password', '127.0.0.1')
    await sign_in(user, 'cashier', 'demo1234')
    await user.should_see('ลองใหม่ได้ในอีก', retries=100)


async def test_recovery_page_sets_a_new_password(user: User) -> None:
    codes = auth.regenerate_recovery_codes(principal('legal').user_id)
    await user.open('/recover')
    user.find(marker='recover-username').type('legal')
    user.find(marker='recover-code').type(codes[0])
    user.find(marker='recover-new').type('legal-new-9')
    user.find(marker='recover-confirm').type('legal-new-9')
    user.find(marker='recover-button').click()
    await user.should_see('ตั้งรหัสผ่านใหม่แล้ว', retries=100)
    await sign_in(user, 'legal', 'legal-new-9', expect='สวัสดี นายอนุชา ศรีสวัสดิ์')


async def test_recovery_page_rejects_a_wrong_code(user: User) -> None:
    await user.open('/recover')
    user.find(marker='recover-username').type('legal')
    user.find(marker='recover-code').type('AAAA-BBBB-CCCC')
    user.find(marker='recover-new').type('legal-new-9')
    user.find(marker='recover-confirm').type('legal-new-9')
    user.find(marker='recover-button').click()
    await user.should_see(auth.BAD_CODE, retries=100)


async def test_session_ends_when_password_changes_elsewhere(user: User) -> None:
    await sign_in(user, 'hr', expect='นางพิมพ์ใจ สายบุญ')
    auth.change_password(principal('hr').user_id, 'demo1234', 'elsewhere-1', 'elsewhere-1')
    await user.open('/')
    await user.should_see(marker='login-button')


async def test_home_lists_the_users_apps(user: User) -> None:
    await sign_in(user, 'teacher', expect='สวัสดี')
    await user.should_see(marker='app-card-info')
    await user.should_see(marker='app-card-help')
    await user.should_not_see(marker='app-card-admin')


async def test_executive_reads_the_audit_log_but_does_not_manage_users(user: User) -> None:
    await sign_in(user, 'mayor', expect='สวัสดี')
    assert '/admin/audit' in menu_paths(user) and '/admin/users' not in menu_paths(user)


async def test_status_endpoint(user: User) -> None:
    response = await user.http_client.get('/status')
    assert response.json()['status'] == 'ok'


async def test_home_shows_pending_work_and_unsaved_drafts(user: User) -> None:
    from core import drafts
    lock_at('cashier', '10.0.0.66')  # locked at one address: work for the administrator
    drafts.save(principal('admin'), '/admin/divisions/new', {'name': 'กองใหม่'})
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.should_see(marker='pending-admin')
    await user.should_see('บัญชีผู้ใช้ที่ถูกระงับชั่วคราว')
    await user.should_see(marker='my-drafts')
    await user.should_see('งานที่รอท่านดำเนินการ 1 รายการ')


async def test_first_password_change_shows_the_recovery_codes(user: User) -> None:
    await sign_in(user, 'driver', expect='สวัสดี')
    await user.open('/profile?first=1')
    user.find(marker='old-pw').type('demo1234')
    user.find(marker='new-pw').type('driver-new-1')
    user.find(marker='confirm-pw').type('driver-new-1')
    user.find(marker='change-password').click()
    await user.should_see(marker='recovery-codes', retries=100)
    assert len(user.find(marker='recovery-code').elements) == 10
