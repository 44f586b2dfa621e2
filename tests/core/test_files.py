"""Attachments: LAO size/type rules, content checked against the extension, served only with permission."""

import pytest
from nicegui.testing import User

from apps.admin import service as admin
from apps.info.resources import VILLAGES
from core import files, resource
from core.access import PermissionDenied
from helpers import principal, sign_in

PDF = b'%PDF-1.4\n% test\n'


def _village_id() -> int:
    return resource.query(VILLAGES, principal('planner'), search='ท่าน้ำ').rows[0].id


def test_allowed_file_is_stored_outside_the_database_and_listed() -> None:
    planner = principal('planner')
    attachment = resource.attach(VILLAGES, planner, _village_id(), 'แผนที่หมู่บ้าน.pdf', PDF)
    assert attachment.content_type == 'application/pdf' and attachment.size == len(PDF)
    listed = resource.attachments(VILLAGES, principal('teacher'), _village_id())
    assert [a.filename for a in listed] == ['แผนที่หมู่บ้าน.pdf']
    found, content = resource.open_attachment(principal('teacher'), attachment.id)
    assert content == PDF and files.read(found) == PDF


@pytest.mark.parametrize('name, content, message', [
    ('virus.exe', b'MZ....', 'ไม่อนุญาต'),
    ('fake.pdf', b'<html>not a pdf</html>', 'ไม่ใช่ .pdf'),
    ('empty.png', b'', 'ไม่มีข้อมูล'),
])
def test_bad_files_are_refused_with_the_reason(name: str, content: bytes, message: str) -> None:
    with pytest.raises(files.FileRefused, match=message):
        resource.attach(VILLAGES, principal('planner'), _village_id(), name, content)


def test_size_limit_comes_from_the_lao_settings() -> None:
    admin.update_settings(principal('admin'), {'session_hours': 8, 'lockout_attempts': 20, 'lockout_minutes': 15,
                                               'attachment_max_mb': 1, 'attachment_types': 'pdf'})
    big = PDF + b'0' * (1024 * 1024)
    with pytest.raises(files.FileRefused, match='เกินกำหนด 1 MB'):
        resource.attach(VILLAGES, principal('planner'), _village_id(), 'big.pdf', big)


def test_attaching_needs_the_right_to_change_the_record() -> None:
    with pytest.raises(PermissionDenied):
        resource.attach(VILLAGES, principal('teacher'), _village_id(), 'x.pdf', PDF)


async def test_download_route_checks_the_session(user: User) -> None:
    attachment = resource.attach(VILLAGES, principal('planner'), _village_id(), 'map.pdf', PDF)
    anonymous = await user.http_client.get(f'/files/{attachment.id}')
    assert anonymous.status_code == 401
    await sign_in(user, 'teacher', expect='สวัสดี')
    await user.open(f'/info/villages/{_village_id()}')
    await user.should_see(marker='attachment-link')
