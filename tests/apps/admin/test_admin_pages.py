"""Administration: users, positions held (several per person), extra roles, LAO settings."""

import pytest
from nicegui.testing import User

from apps.admin import service
from core import auth
from core.access import PermissionDenied
from helpers import ThrottleClock, fail_sign_ins, fill, principal, sign_in


def test_create_user_assign_two_positions_and_grant_a_role() -> None:
    admin = principal('admin')
    choices = service.position_choices(admin)
    vacant = [pid for pid, title in choices.items() if '(ว่าง)' in title]
    user_id = service.create_user(admin, username='newbie', full_name='นายใหม่ มาทำงาน', password='start-pass-1',
                                  confirm='start-pass-1', position_id=vacant[0])
    service.assign_position(admin, user_id, vacant[1], acting=True)
    service.grant_role(admin, user_id, 'auditor', 'คำสั่ง อบต. ที่ 12/2569')
    newbie = principal('newbie')
    assert set(newbie.position_ids) == {vacant[0], vacant[1]} and 'auditor' in newbie.role_keys
    result = auth.login('newbie', 'start-pass-1')
    assert result.ok and result.must_change_password
    with pytest.raises(service.AdminError, match='อยู่แล้ว'):
        service.assign_position(admin, user_id, vacant[0])
    service.revoke_role(admin, user_id, 'auditor')
    assert 'auditor' not in principal('newbie').role_keys


def test_only_administrators_manage_users() -> None:
    with pytest.raises(PermissionDenied):
        service.create_user(principal('planner'), username='x1x', full_name='x', password='abcdefgh1',
                            confirm='abcdefgh1')
    with pytest.raises(PermissionDenied):
        service.update_settings(principal('mayor'), {})


def test_duplicate_username_is_refused_in_thai() -> None:
    with pytest.raises(service.AdminError, match='มีผู้ใช้แล้ว'):
        service.create_user(principal('admin'), username='planner', full_name='ซ้ำ', password='abcdefgh1',
                            confirm='abcdefgh1')


def test_settings_validate_every_field(monkeypatch) -> None:
    admin = principal('admin')
    with pytest.raises(service.AdminError) as error:
        service.update_settings(admin, {'session_hours': '0', 'lockout_attempts': 'ห้า', 'lockout_minutes': '15',
                                        'attachment_max_mb': '10', 'attachment_types': 'pdf'})
    assert 'ระยะเวลาใช้งาน' in str(error.value) and 'จำนวนครั้ง' in str(error.value)
    service.update_settings(admin, {'session_hours': '4', 'lockout_attempts': '10', 'lockout_minutes': '20',
                                    'attachment_max_mb': '25', 'attachment_types': 'PDF, .png'})
    org = service.get_settings_of(admin)
    assert (org.session_hours, org.lockout_attempts, org.attachment_types) == (4, 10, 'pdf,png')
    fail_sign_ins(ThrottleClock(monkeypatch), 'cashier', 10, '10.0.0.66')
    assert 'ถูกระงับชั่วคราว' in auth.login('cashier', 'demo1234', '10.0.0.66').message


async def test_admin_adds_a_user_through_the_users_register(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/users/new')
    fill(user, {'username': 'trial', 'full_name': 'นางสาวทดลอง ใช้งาน', 'password': 'trial-pass-1',
                'confirm': 'trial-pass-2'})
    user.find(marker='form-save').click()
    await user.should_see('ยืนยันรหัสผ่าน: ไม่ตรงกับรหัสผ่านเริ่มต้น', retries=50)
    assert user.find(marker='field-full_name').elements.pop().value == 'นางสาวทดลอง ใช้งาน'
    user.find(marker='field-confirm').clear().type('trial-pass-1')
    user.find(marker='form-save').click()
    await user.should_see(marker='assignments', retries=100)
    await user.should_see('นางสาวทดลอง ใช้งาน')
    assert auth.login('trial', 'trial-pass-1').must_change_password
    from core import drafts
    assert drafts.load(principal('admin'), '/admin/users/new') is None  # saved: no draft, and never a password


async def test_user_list_searches_by_name(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/users')
    await user.should_see('ทั้งหมด 26 รายการ', retries=50)  # the 25 staff and the provincial reader's account
    user.find(marker='list-search').type('ศรีวงศ์')
    await user.should_see('ทั้งหมด 1 รายการ', retries=50)


async def test_assign_a_second_position_on_the_user_page(user: User) -> None:
    admin = principal('admin')
    vacant = next(pid for pid, title in service.position_choices(admin).items() if '(ว่าง)' in title)
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open(f'/admin/users/{principal("legal").user_id}')
    await user.should_see(marker='assignments')
    user.find(marker='assign-position').elements.pop().value = vacant
    user.find(marker='assign-acting').elements.pop().value = True
    user.find(marker='assign-button').click()
    await user.should_see('(รักษาราชการแทน)', retries=100)
    assert vacant in principal('legal').position_ids


async def test_admin_issues_a_reset_code_on_the_page(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open(f'/admin/users/{principal("teacher").user_id}')
    user.find(marker='issue-reset').click()
    await user.should_see(marker='reset-code', retries=100)
    code = user.find(marker='reset-code').elements.pop().text
    auth.recover_password('teacher', code, 'teacher-new1', 'teacher-new1')
    assert auth.login('teacher', 'teacher-new1').ok


async def test_settings_page_shows_errors_and_keeps_values(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/settings')
    field = user.find(marker='setting-session_hours')
    field.clear().type('99')
    user.find(marker='save-settings').click()
    await user.should_see('ต้องอยู่ระหว่าง 1–24', retries=50)
    assert user.find(marker='setting-session_hours').elements.pop().value == '99'


async def test_audit_log_page_lists_logins(user: User) -> None:
    await sign_in(user, 'auditor', expect='สวัสดี')
    await user.open('/admin/audit')
    await user.should_see(marker='audit-table')
    table = user.find(marker='audit-table').elements.pop()
    assert any(row['action'] == 'login' for row in table.rows)


async def test_a_bad_username_on_the_users_form_is_refused_in_thai(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/users/new')
    fill(user, {'username': 'Bad User!', 'full_name': 'นางสาวทดลอง ใช้งาน', 'password': 'trial-pass-1',
                'confirm': 'trial-pass-1'})
    user.find(marker='form-save').click()
    await user.should_see('ชื่อผู้ใช้: ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข จุด (.) ขีดล่าง (_) และขีด (-) ยาว 3–32 ตัว',
                          retries=50)
    assert user.find(marker='field-username').elements.pop().value == 'Bad User!'
