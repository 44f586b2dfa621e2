"""Sign-in, throttled failures, first sign-in of an account an administrator made (NiceGUI User fixture)."""

from nicegui.testing import User

from core import auth
from helpers import principal, sign_in


async def test_login_shows_home_with_name_and_position(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี นางสาวกัญญา พรหมวิเศษ')
    await user.should_see('นักวิเคราะห์นโยบายและแผน')
    await user.should_see('องค์การบริหารส่วนตำบลบ้านตัวอย่าง')


async def test_wrong_password_is_refused(user: User) -> None:
    await sign_in(user, 'planner', 'wrong-password')
    await user.should_see('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง', retries=100)
    await user.open('/')
    await user.should_see(marker='login-button')


async def test_pages_require_sign_in(user: User) -> None:
    await user.open('/admin/users')
    await user.should_see(marker='login-button')


async def test_an_account_an_administrator_made_changes_its_password_and_gets_its_codes_once(user: User) -> None:
    from apps.admin import service
    admin = principal('admin')
    user_id = service.create_user(admin, username='newclerk', full_name='นางสาวใหม่ ใจดี', password='first-pass-1',
                                  confirm='first-pass-1')
    assert [u for u, _, _ in service.users_without_codes(admin)].count(user_id) == 1
    await sign_in(user, 'newclerk', 'first-pass-1')
    await user.should_see(marker='must-change', retries=100)
    await user.open('/eoffice')  # no work before the new password
    await user.should_see(marker='must-change', retries=100)
    user.find(marker='old-pw').type('first-pass-1')
    user.find(marker='new-pw').type('my-own-pass-2')
    user.find(marker='confirm-pw').type('my-own-pass-2')
    user.find(marker='change-password').click()
    await user.should_see(marker='recovery-codes', retries=100)
    codes = [element.text for element in user.find(marker='recovery-code').elements]
    assert len(set(codes)) == 10
    user.find(marker='codes-done').click()
    await user.should_see(marker='pending-total', retries=100)
    assert user_id not in [u for u, _, _ in service.users_without_codes(admin)]
    await user.open('/profile')
    await user.should_see('เหลือรหัสที่ยังไม่ได้ใช้ 10 รหัส')
    await user.should_not_see(marker='recovery-codes')  # shown once only
    auth.recover_password('newclerk', codes[0], 'recovered-3x', 'recovered-3x')  # offline self-recovery works


async def test_the_administrator_sees_who_has_no_codes_and_failed_sign_ins(user: User) -> None:
    auth.login('cashier', 'bad-password', '10.0.0.66')
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.should_see(marker='home-sign-in-failures')
    await user.open('/admin/sign-in')
    await user.should_see('นายสมศักดิ์ คงมั่น (cashier) จากเครื่อง 10.0.0.66: 1 ครั้ง')
    await user.should_see(marker='user-without-codes')
