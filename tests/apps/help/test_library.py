"""The knowledge library: everyone reads and searches it in Thai, only the administrator (or a granted librarian)
adds, tags are kept in one spelling, files attach, and the assistant finds an entry by its title."""

import pytest
from nicegui.testing import User

from apps.help import board, library
from core import resource
from core.errors import Denied, Refusal, ValidationFailed
from helpers import principal, sign_in


def test_categories_are_data() -> None:
    assert library.categories()['regulation'] == 'ระเบียบ กฎหมาย และหนังสือสั่งการ'
    assert set(library.categories()) >= {'regulation', 'document', 'research', 'practice', 'download'}


def test_demo_entries_and_thai_search() -> None:
    clerk = principal('clerk')
    rows = resource.query(library.LIBRARY, clerk, search='งบประมาณ').rows
    titles = [r.title for r in rows]
    assert 'ระเบียบกระทรวงมหาดไทยว่าด้วยวิธีการงบประมาณขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2563' in titles
    rows = resource.query(library.LIBRARY, clerk, search='ลาป่วย').rows  # a tag
    assert [r.title for r in rows] == ['ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการลาของข้าราชการ พ.ศ. 2555']
    rows = resource.query(library.LIBRARY, clerk, filters={'category': 'download'}).rows
    assert [r.title for r in rows] == ['แบบฟอร์มขออนุญาตใช้รถส่วนกลาง']


def test_only_the_keeper_adds() -> None:
    values = {'title': 'คู่มือการปิดงวดบัญชี', 'category': 'document', 'tags': 'ปิดงวด,  บัญชี | ปิดงวด'}
    with pytest.raises(Denied):
        resource.create(library.LIBRARY, principal('clerk'), values)
    new_id = resource.create(library.LIBRARY, principal('admin'), values)
    entry = resource.get(library.LIBRARY, principal('clerk'), new_id)
    assert entry.tags == 'ปิดงวด, บัญชี'
    resource.attach(library.LIBRARY, principal('admin'), new_id, 'คู่มือ.pdf', b'%PDF-1.4\n% test\n')
    assert [a.filename for a in resource.attachments(library.LIBRARY, principal('teacher'), new_id)] == ['คู่มือ.pdf']
    with pytest.raises(Denied):
        resource.attach(library.LIBRARY, principal('clerk'), new_id, 'อื่น.pdf', b'%PDF-1.4\n% test\n')
    with pytest.raises(Refusal) as twice:  # one entry per title: the import's key
        resource.create(library.LIBRARY, principal('admin'), {'title': 'คู่มือการปิดงวดบัญชี', 'category': 'document'})
    assert 'title' in twice.value.errors
    with pytest.raises(ValidationFailed) as refused:
        resource.create(library.LIBRARY, principal('admin'), {'title': '', 'category': 'nope'})
    assert set(refused.value.errors) == {'title', 'category'}


def test_the_assistant_finds_a_library_entry() -> None:
    found = board.ask_assistant(principal('clerk'), 'ระเบียบการรักษาความลับของทางราชการ')
    assert found.sure
    assert found.best.source.kind == 'library'
    assert found.best.source.link.startswith('/help/library/')


async def test_library_pages(user: User) -> None:
    await sign_in(user, 'clerk', expect='นางสาวสายใจ บุญมา')
    await user.open('/help/library')
    await user.should_see(marker='list-table')
    rows = user.find(marker='list-table').elements.pop().rows
    assert 'ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 และที่แก้ไขเพิ่มเติม' in [r['title'] for r in rows]
    user.find(marker='help-button').click()
    await user.should_see(marker='manual-section')
