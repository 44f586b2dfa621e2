"""The kit's pages as a user meets them: a double-click on บันทึก makes one record; a form left open in a tab after
the account was deactivated saves nothing and keeps what was typed as a draft; a stale edit shows who changed what."""

from nicegui.testing import User
from sqlmodel import func, select

from apps.info.resources import VILLAGES
from core import db, drafts, resource
from helpers import fill, principal, sign_in
from models.info import Village
from models.org import User as Account


def _count(name: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(Village).where(Village.name == name)).one()


async def test_a_double_click_on_save_makes_one_record(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages/new')
    await user.should_see(marker='field-name', retries=100)
    fill(user, {'number': '51', 'name': 'บ้านกดสองที'})
    save = user.find(marker='form-save')
    save.click()
    save.click()
    await user.should_see('บันทึกแล้ว', retries=100)
    assert _count('บ้านกดสองที') == 1


async def test_a_tab_left_open_after_deactivation_saves_nothing_and_keeps_a_draft(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages/new')
    await user.should_see(marker='field-name', retries=100)
    fill(user, {'number': '52', 'name': 'บ้านแท็บค้าง'})
    with db.session_scope(write=True) as session:  # meanwhile the administrator deactivates the account
        account = session.exec(select(Account).where(Account.username == 'planner')).one()
        account.is_active, account.session_version = False, account.session_version + 1
        session.add(account)
    user.find(marker='form-save').click()
    await user.should_see('กรุณาเข้าสู่ระบบใหม่', retries=100)
    assert _count('บ้านแท็บค้าง') == 0
    with db.session_scope() as session:
        planner_id = session.exec(select(Account.id).where(Account.username == 'planner')).one()
    stored = [d for d in drafts.mine(_principal_of(planner_id)) if d.form_key == '/info/villages/new']
    assert stored and 'บ้านแท็บค้าง' in stored[0].data


def _principal_of(user_id: int):
    from core.access import Principal
    return Principal(user_id=user_id, org_id=1, username='planner', full_name='')


async def test_a_stale_edit_is_refused_and_names_the_change(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    with db.session_scope() as session:
        village = session.exec(select(Village).where(Village.name == 'บ้านท่าน้ำ')).one()
    await user.open(f'/info/villages/{village.id}/edit')
    await user.should_see(marker='field-head_name', retries=100)
    values = {'number': str(village.number), 'name': village.name, 'head_name': 'นายคนแรก',
              'households': str(village.households), 'population': str(village.population)}
    resource.update(VILLAGES, principal('planner'), village.id, values, version=village.version)  # another tab
    user.find(marker='field-households').clear().type('321')
    user.find(marker='form-save').click()
    await user.should_see(marker='form-reload', retries=100)
    await user.should_see('นายคนแรก')
    with db.session_scope() as session:
        assert session.get(Village, village.id).households == village.households


async def test_every_card_a_register_names_is_offered_once_the_apps_are_up(user: User) -> None:
    """A register asks for another app's card by name (`cards={'letters': ''}`); the card must be there however the
    apps were imported (the village page lost its letters when the Info app began to register before e-Office)."""
    from pages.kit import CARDS
    await user.open('/login')
    named = {(ident, name) for ident, register in resource.REGISTRY.items() for name in register.cards}
    assert named, 'no register names a card'
    assert sorted((ident, name) for ident, name in named if name not in CARDS) == []
