"""Sign-in, lockout, recovery codes, reset codes, persona switcher (NiceGUI User fixture)."""

from nicegui.testing import User

from helpers import sign_in


async def test_login_shows_home_with_name_and_position(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี นางสาวกัญญา พัฒนาการ')
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
