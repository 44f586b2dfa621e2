"""The install's administrator: LAOs from the DLA registry, each LAO's administrator fenced to its own LAO."""

import asyncio

import pytest

from apps.admin import install, service
from core import auth, db
from core.access import PermissionDenied, load_principal
from core.errors import NotFound
from core.resource import REGISTRY, update
from helpers import principal
from models.org import Division, Organization, Position, RoleGrant, User


def _second_lao() -> install.NewAccount:
    return install.create_lao(principal('admin'), dla_code='6300116', size='small', admin_full_name='นายสอง ดูแล',
                              admin_username='admin2')


def test_the_install_administrator_creates_an_lao_from_the_registry() -> None:
    admin = principal('admin')
    assert admin.can('install.lao.manage')
    found = install.search_registry(admin, 'บ้านเกาะ')
    assert any(lao.dla_code == '6300116' and not have for lao, have in found)
    assert [lao.dla_code for lao, _ in install.search_registry(admin, '630011')][:1] == ['6300112']  # by code
    account = _second_lao()
    assert len(account.password) >= 8
    with db.session_scope() as session:
        org = session.get(Organization, account.org_id)
        assert (org.name, org.lao_type, org.province_code, org.district_name, org.size) == (
            'องค์การบริหารส่วนตำบลบ้านเกาะ', 'subdistrict_admin_org', '30', 'เมืองนครราชสีมา', 'small')
        assert session.exec(Division.__table__.select().where(Division.org_id == org.id)).first() is not None
        assert session.exec(Position.__table__.select().where(Position.org_id == org.id)).first() is not None
        user = session.exec(User.__table__.select().where(User.username == 'admin2')).first()
        grants = session.exec(RoleGrant.__table__.select().where(RoleGrant.user_id == user.id)).all()
        assert {g.role_key for g in grants} == {'system_admin', 'staff'} and user.must_change_password
    result = auth.login('admin2', account.password)  # the one-time password signs in once, then must change
    assert result.ok and result.must_change_password and result.org_id == account.org_id
    assert [lao.dla_code for lao in install.laos(admin) if lao.dla_code == '6300116'] == ['6300116']
    with pytest.raises(install.InstallError, match='ตั้งค่าไว้แล้ว'):  # a second click creates nothing twice
        _second_lao()
    with pytest.raises(install.InstallError, match='ไม่พบในทะเบียน'):
        install.create_lao(admin, dla_code='6399999', size='small', admin_full_name='x', admin_username='xx3')


def test_no_lao_role_gives_the_install_administration() -> None:
    mayor, palad = principal('mayor'), principal('palad')
    for actor in (mayor, palad):
        with pytest.raises(PermissionDenied):
            install.laos(actor)
    admin2 = principal_of(_second_lao().username)
    assert admin2.can('admin.user.manage') and not admin2.can('install.lao.manage')  # admin.* is the LAO's only
    with pytest.raises(PermissionDenied):
        install.set_install_admin(admin2, 'admin2', True)
    install.set_install_admin(principal('admin'), 'admin2', True)  # only another install administrator grants it
    assert principal_of('admin2').can('install.lao.manage')
    with pytest.raises(install.InstallError, match='ตนเอง'):
        install.set_install_admin(principal('admin'), 'admin', False)


def principal_of(username: str):
    with db.session_scope() as session:
        user = session.exec(User.__table__.select().where(User.username == username)).first()
        return load_principal(session, user.id)


def test_an_lao_administrator_cannot_see_or_change_another_lao() -> None:
    _second_lao()
    admin2 = principal_of('admin2')
    home = principal('admin')
    planner_id = principal('planner').user_id
    own = {u for u, *_ in service.users_without_codes(admin2)}
    assert planner_id not in own
    refused = [
        lambda: service.set_active(admin2, planner_id, False),
        lambda: service.unlock(admin2, planner_id),
        lambda: service.user_assignments(admin2, planner_id),
        lambda: service.user_grants(admin2, planner_id),
        lambda: service.grant_role(admin2, planner_id, 'system_admin', 'ลองข้าม อปท.'),
        lambda: service.revoke_role(admin2, planner_id, 'staff'),
        lambda: service.account_access(admin2, planner_id),
        lambda: service.assign_position(admin2, planner_id, next(iter(service.position_choices(admin2)))),
        lambda: service.assign_position(home, home.user_id, next(iter(service.position_choices(admin2)))),
    ]
    for call in refused:
        with pytest.raises((service.AdminError, PermissionDenied)):
            call()
    with pytest.raises(NotFound):  # the users register (the kit) finds no record of another LAO
        update(REGISTRY['admin/users'], admin2, planner_id, {'full_name': 'ถูกแก้ข้าม อปท.'})
    assert service.get_settings_of(admin2).dla_code == '6300116'
    mine = service.get_settings_of(admin2)
    values = {key: getattr(mine, key) for key in (*service.SETTING_LIMITS, 'attachment_types')}
    service.update_settings(admin2, {**values, 'phone': '0 4400 1111'})
    assert service.get_settings_of(admin2).phone == '0 4400 1111'
    assert service.get_settings_of(home).phone != '0 4400 1111'
    assert principal('planner').full_name == 'นางสาวกัญญา พรหมวิเศษ'
    assert all(e.org_id == admin2.org_id for e in service.audit_events(admin2))


async def test_the_install_page_creates_an_lao_and_shows_its_first_password_once(user) -> None:
    from helpers import sign_in
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/install')
    await user.should_see('องค์การบริหารส่วนตำบลบ้านตัวอย่าง')  # the install's LAOs
    user.find(marker='registry-search').type('บ้านเกาะ')
    pick = user.find(marker='registry-pick').elements.pop()
    for _ in range(50):
        if '6300116' in pick.options:
            break
        await asyncio.sleep(0.1)
    assert 'องค์การบริหารส่วนตำบลบ้านเกาะ' in pick.options['6300116']
    pick.value = '6300116'
    user.find(marker='new-lao-admin-name').type('นายสอง ดูแล')
    user.find(marker='new-lao-admin-username').type('bankoh_admin')
    user.find(marker='new-lao-submit').click()
    await user.should_see(marker='one-time-password', retries=50)
    password = user.find(marker='one-time-password-value').elements.pop().text
    assert auth.login('bankoh_admin', password).must_change_password
    with db.session_scope() as session:
        assert session.exec(Organization.__table__.select().where(Organization.dla_code == '6300116')).first()


async def test_an_lao_administrator_gets_no_install_page(user, demo_province) -> None:
    from helpers import sign_in
    await sign_in(user, 'simum_admin', expect='สวัสดี')
    await user.open('/install')
    await user.should_see(marker='no-access')
