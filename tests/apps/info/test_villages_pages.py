"""The villages register's pages, built from its declaration: list, search, form errors, autosave, detail."""

from nicegui.testing import User

from apps.info.resources import VILLAGES
from core import drafts, resource
from helpers import principal, sign_in


async def test_list_counts_and_searches(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages')
    await user.should_see('ทั้งหมด 10 รายการ', retries=50)
    user.find(marker='list-search').type('ท่าน้ำ')
    await user.should_see('ทั้งหมด 1 รายการ', retries=50)
    rows = user.find(marker='list-table').elements.pop().rows
    assert [r['name'] for r in rows] == ['บ้านท่าน้ำ']


async def test_form_errors_name_the_field_and_keep_every_value(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages/new')
    user.find(marker='field-number').type('3')
    user.find(marker='field-name').type('บ้านทดสอบ')
    user.find(marker='field-households').type('สิบสอง')
    user.find(marker='form-save').click()
    await user.should_see('จำนวนครัวเรือน: ต้องเป็นจำนวนเต็ม', retries=50)
    assert user.find(marker='field-households').elements.pop().error == 'จำนวนครัวเรือน: ต้องเป็นจำนวนเต็ม'
    assert user.find(marker='field-name').elements.pop().value == 'บ้านทดสอบ'
    user.find(marker='field-households').clear().type('12')
    user.find(marker='form-save').click()
    await user.should_see('หมู่ที่: "3" มีอยู่แล้วในทะเบียน', retries=50)
    user.find(marker='field-number').clear().type('21')
    user.find(marker='form-save').click()
    await user.should_see(marker='detail-fields', retries=50)
    await user.should_see('บ้านทดสอบ')


async def test_typing_is_autosaved_and_restored_until_saved(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages/new')
    user.find(marker='field-name').type('บ้านพิมพ์ค้าง')
    await user.should_see('บันทึกร่างอัตโนมัติแล้ว', retries=50)
    planner = principal('planner')
    assert drafts.load(planner, '/info/villages/new')[0]['name'] == 'บ้านพิมพ์ค้าง'
    await user.open('/info/villages/new')  # as after a closed browser or a restart
    await user.should_see(marker='draft-notice')
    assert user.find(marker='field-name').elements.pop().value == 'บ้านพิมพ์ค้าง'
    user.find(marker='field-number').type('30')
    user.find(marker='form-save').click()
    await user.should_see(marker='detail-fields', retries=50)
    assert drafts.load(planner, '/info/villages/new') is None


async def test_discarding_a_draft(user: User) -> None:
    drafts.save(principal('planner'), '/info/villages/new', {'name': 'บ้านร่าง'})
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages/new')
    await user.should_see(marker='draft-notice')
    user.find(marker='draft-discard').click()
    await user.should_not_see(marker='draft-notice', retries=50)
    assert drafts.load(principal('planner'), '/info/villages/new') is None


async def test_detail_shows_history_and_edit_only_for_editors(user: User) -> None:
    village_id = resource.query(VILLAGES, principal('planner'), search='โนนสำราญ').rows[0].id
    resource.update(VILLAGES, principal('planner'), village_id, {'number': '3', 'name': 'บ้านโนนสำราญ',
                                                                 'households': '150', 'population': '471'})
    await sign_in(user, 'teacher', expect='สวัสดี')
    await user.open(f'/info/villages/{village_id}')
    await user.should_see('150')
    await user.should_see(marker='detail-history')
    await user.should_not_see(marker='detail-edit')
    await user.open(f'/info/villages/{village_id}/edit')
    await user.should_see(marker='no-access')


async def test_admin_edits_a_division_through_the_register(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/divisions')
    await user.should_see('ทั้งหมด 7 รายการ', retries=50)
    assert 'กองคลัง' in [r['name'] for r in user.find(marker='list-table').elements.pop().rows]
    await user.open('/admin/divisions/new')
    user.find(marker='field-code').type('AGRI')
    user.find(marker='field-name').type('กองส่งเสริมการเกษตร')
    user.find(marker='field-kind').elements.pop().value = 'division'
    user.find(marker='form-save').click()
    await user.should_see(marker='detail-fields', retries=50)
    await user.should_see('กองส่งเสริมการเกษตร')
