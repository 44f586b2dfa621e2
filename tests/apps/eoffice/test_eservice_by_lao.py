"""The e-service of an install of several LAOs: /e-service/<dla_code> files with that LAO; the plain /e-service
serves the only LAO, or asks to choose when there are several."""

import pytest
from nicegui.testing import User
from sqlmodel import select

from apps.admin import install
from apps.admin.service import setup_lao
from core import db
from helpers import principal
from models.office import Document


@pytest.mark.empty_db
async def test_the_plain_address_serves_the_only_lao(user: User) -> None:
    setup_lao(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='small',
              province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='', admin_full_name='นายแรก ตั้งค่า',
              admin_username='first', admin_password='first-pass-1', admin_confirm='first-pass-1')
    await user.open('/e-service')
    await user.should_see(marker='eservice-org')
    await user.should_see('องค์การบริหารส่วนตำบลจอหอ')


async def test_several_laos_the_citizen_chooses_and_files_with_the_one_chosen(user: User, demo_province) -> None:
    second = install.create_lao(principal('admin'), dla_code='6300116', size='small', admin_full_name='นายสอง',
                                admin_username='adm2')
    await user.open('/e-service')  # the demo holds three LAOs already: the citizen chooses
    await user.should_see(marker='eservice-lao')
    await user.should_see('เทศบาลตำบลหัวทะเล')
    await user.should_see('องค์การบริหารส่วนตำบลบ้านเกาะ')
    await user.should_not_see(marker='public-submit')
    await user.open('/e-service/6399998')
    await user.should_see(marker='eservice-unknown')
    await user.open('/e-service/6300116')
    await user.should_see('องค์การบริหารส่วนตำบลบ้านเกาะ')
    user.find(marker='public-request_type').elements.pop().value = 'complaint'
    for marker, text in (('public-name', 'นางสาวผู้ร้อง ทดสอบ'), ('public-contact', '081-000-0000'),
                         ('public-subject', 'ถนนชำรุด'), ('public-detail', 'ถนนหมู่ 3 เป็นหลุม')):
        user.find(marker=marker).type(text)
    user.find(marker='public-consent').elements.pop().value = True
    user.find(marker='public-submit').click()
    await user.should_see(marker='public-code', retries=50)
    with db.session_scope() as session:
        document = session.exec(select(Document).where(Document.channel == 'e-service')
                                .order_by(Document.id.desc())).first()
    assert document.org_id == second.org_id and 'ถนนชำรุด' in document.subject
    await user.open('/e-service/track')  # the fixed address still answers (not taken for a DLA code)
    await user.should_see(marker='track-code')
