"""First-run set-up on an empty database: LAO from the DLA registry, structure from its template, first admin."""

import pytest
from nicegui.testing import User
from sqlmodel import func, select

from apps.admin.service import setup_lao
from core import auth, db
from core.structure import SetupError
from helpers import principal
from models.org import Division, Organization, Position

pytestmark = pytest.mark.empty_db

VALID = dict(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='medium',
             province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='นม 82401',
             admin_full_name='นายทดสอบ ระบบ', admin_username='itadmin', admin_password='first-admin-1',
             admin_confirm='first-admin-1')


async def _create_first_admin(user: User) -> None:
    """Fill in the first administrator, submit, and wait for the recovery codes."""
    user.find(marker='admin-name').type('นายทดสอบ ระบบ')
    user.find(marker='admin-username').type('itadmin')
    user.find(marker='admin-password').type('first-admin-1')
    user.find(marker='admin-confirm').type('first-admin-1')
    user.find(marker='setup-submit').click()
    await user.should_see(marker='recovery-codes', retries=100)


async def test_login_redirects_to_setup_on_an_empty_database(user: User) -> None:
    await user.open('/login')
    await user.should_see(marker='setup-submit')


async def test_wizard_fills_from_the_registry_and_shows_codes_once(user: User) -> None:
    await user.open('/setup')
    user.find(marker='dla-code').type('6300112')
    await user.should_see('พบในทะเบียน: องค์การบริหารส่วนตำบลจอหอ อ.เมืองนครราชสีมา')
    await _create_first_admin(user)
    assert len(user.find(marker='recovery-code').elements) == 10
    with db.session_scope() as session:
        org = session.exec(select(Organization)).one()
        assert (org.name, org.lao_type, org.province_name) == ('องค์การบริหารส่วนตำบลจอหอ', 'subdistrict_admin_org',
                                                               'นครราชสีมา')
        assert session.exec(select(func.count()).select_from(Division)).one() >= 6
    assert auth.login('itadmin', 'first-admin-1').ok
    first_admin = principal('itadmin')
    assert first_admin.can('admin.user.manage') and first_admin.can('help.view')
    await user.open('/setup')  # closed once an LAO exists
    await user.should_see(marker='login-button')


async def test_wizard_keeps_values_and_names_the_wrong_field(user: User) -> None:
    await user.open('/setup')
    user.find(marker='dla-code').type('6300112')
    user.find(marker='admin-name').type('นายทดสอบ ระบบ')
    user.find(marker='admin-username').type('itadmin')
    user.find(marker='admin-password').type('short')
    user.find(marker='admin-confirm').type('short')
    user.find(marker='setup-submit').click()
    await user.should_see('รหัสผ่านใหม่: ต้องยาวอย่างน้อย 8 ตัวอักษร', retries=50)
    assert user.find(marker='admin-name').elements.pop().value == 'นายทดสอบ ระบบ'


@pytest.mark.parametrize('change, message', [
    ({'dla_code': '630011'}, 'ต้องเป็นตัวเลข 7 หลัก'),
    ({'dla_code': '5300112'}, 'ไม่ตรงกับประเภท'),
    ({'dla_code': '6400112'}, 'ไม่ตรงกับรหัสจังหวัด'),
    ({'name': ' '}, 'ชื่อ อปท.: กรุณากรอก'),
    ({'admin_username': 'สมชาย'}, 'ชื่อผู้ใช้'),
    ({'admin_confirm': 'other-pass-1'}, 'ยืนยันรหัสผ่าน'),
])
def test_setup_refuses_bad_input_naming_the_field(change: dict, message: str) -> None:
    with pytest.raises(SetupError, match=message):
        setup_lao(**{**VALID, **change})
    with db.session_scope() as session:
        assert session.exec(select(Organization)).first() is None


@pytest.mark.parametrize('lao_type, size, code', [
    ('subdistrict_admin_org', 'small', '6300112'), ('subdistrict_admin_org', 'large', '6300112'),
    ('subdistrict_municipality', 'medium', '5300112'), ('town_municipality', 'large', '4300112'),
])
def test_every_type_and_size_gets_its_template(lao_type: str, size: str, code: str) -> None:
    setup_lao(**{**VALID, 'lao_type': lao_type, 'size': size, 'dla_code': code})
    with db.session_scope() as session:
        org = session.exec(select(Organization)).one()
        positions = session.exec(select(func.count()).select_from(Position)).one()
    assert org.structure_key and positions >= 15


async def test_an_unknown_code_clears_what_the_registry_filled_and_says_so(user: User) -> None:
    await user.open('/setup')
    user.find(marker='dla-code').type('6300112')
    await user.should_see('พบในทะเบียน: องค์การบริหารส่วนตำบลจอหอ')
    user.find(marker='dla-code').clear().type('6300999')
    await user.should_see('ไม่พบรหัส อปท. นี้ในทะเบียนกรมส่งเสริมการปกครองท้องถิ่น')
    await user.should_not_see('องค์การบริหารส่วนตำบลจอหอ')
    assert user.find(marker='org-name-input').elements.pop().value == ''
    assert user.find(marker='province').elements.pop().value is None
    assert user.find(marker='lao-type').elements.pop().value is None
    user.find(marker='dla-code').clear().type('630011')  # partial: nothing looked up either
    await user.should_see('ไม่พบรหัส อปท. นี้ในทะเบียน')
    user.find(marker='org-name-input').type('เทศบาลตำบลใหม่')  # typed by hand: a new code leaves it alone
    user.find(marker='dla-code').clear().type('6300998')
    assert user.find(marker='org-name-input').elements.pop().value == 'เทศบาลตำบลใหม่'


async def test_a_pasted_code_with_spaces_keeps_every_digit(user: User) -> None:
    await user.open('/setup')
    user.find(marker='dla-code').type(' 6300112 ')
    await user.should_see('พบในทะเบียน: องค์การบริหารส่วนตำบลจอหอ อ.เมืองนครราชสีมา')
    await _create_first_admin(user)
    with db.session_scope() as session:
        assert session.exec(select(Organization.dla_code)).one() == '6300112'


def test_codes_are_cleaned_before_they_are_checked() -> None:
    from core.lao_directory import check_dla_code, clean_dla_code, lookup
    assert clean_dla_code('\u00a0๖๓๐๐๑๑๒ ') == clean_dla_code('63-0011-2') == '6300112'
    assert check_dla_code(' 6300112') == ''
    assert lookup(' 6300112').name == 'จอหอ' and lookup('630011') is None
