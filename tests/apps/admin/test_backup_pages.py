"""Backup in the browser: the administrator presses one button and a checked archive appears; the home page warns
when there is no recent backup; only administrators reach it; a fresh install restores from an uploaded archive."""

import pytest
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from apps.admin.service import setup_lao
from core import auth, backup, settings
from helpers import principal, sign_in


async def test_admin_presses_backup_and_a_checked_archive_appears(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.should_see(marker='home-backup-warning')  # no backup yet
    await user.open('/admin/backup')
    await user.should_see('ยังไม่มีไฟล์สำรอง')
    user.find(marker='backup-now').click()
    await user.should_see(marker='backup-row', retries=200)
    await user.should_see('ตรวจแล้ว ครบถ้วน')
    found = backup.list_backups()
    assert len(found) == 1 and found[0].ok and found[0].path.exists()
    link = user.find(marker='backup-download').elements.pop().props['href']
    assert link == f'/admin/backup/download/{found[0].name}'
    downloaded = await user.http_client.get(link)
    assert downloaded.status_code == 200 and downloaded.content == found[0].path.read_bytes()
    await user.open('/')
    await user.should_see(marker='home-backup-ok')
    await user.should_see('วันนี้')


async def test_backup_settings_name_the_wrong_field(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/backup')
    user.find(marker='backup-second-folder').type('/no/such/usb')
    user.find(marker='backup-save-settings').click()
    await user.should_see('โฟลเดอร์สำรองที่สอง: ไม่พบโฟลเดอร์นี้', retries=50)
    assert backup.load_policy()['second_folder'] == ''


async def test_only_administrators_reach_backups(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.should_not_see(marker='home-backup-status')
    await user.open('/admin/backup')
    await user.should_see(marker='no-access')
    refused = await user.http_client.get('/admin/backup/download/lao-x-20260101-000000.tar.gz')
    assert refused.status_code == 403  # the planner's own session: signed in, but without the permission
    with pytest.raises(backup.Refusal):
        backup.archive_for_download(principal('planner'), 'lao-x-20260101-000000.tar.gz')


VALID = dict(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='medium',
             province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='นม 82401',
             admin_full_name='นายทดสอบ ระบบ', admin_username='itadmin', admin_password='first-admin-1',
             admin_confirm='first-admin-1')


@pytest.mark.empty_db
async def test_a_fresh_install_restores_from_an_uploaded_archive(user: User, tmp_path, empty_install) -> None:
    setup_lao(**VALID)
    auth.login('itadmin', 'first-admin-1')
    archive = backup.create(tmp_path / 'from-old-machine').path
    empty_install.open()  # the new machine: empty data dir and database
    assert backup.database_is_empty() and settings.get_settings().data_dir == empty_install.data_dir
    await user.open('/setup')
    await user.should_see(marker='setup-restore')
    upload = user.find(marker='restore-upload').elements.pop()
    tampered = archive.read_bytes()[:-100]
    await upload.handle_uploads([SmallFileUpload('broken.tar.gz', 'application/gzip', tampered)])
    await user.should_see(marker='restore-refused', retries=100)
    assert backup.database_is_empty()
    await upload.handle_uploads([SmallFileUpload(archive.name, 'application/gzip', archive.read_bytes())])
    await user.should_see(marker='restore-ok', retries=200)
    await user.should_see('ตรวจความสมบูรณ์ของฐานข้อมูล: ok')
    await user.should_see('จำนวนแถวตรงกับไฟล์สำรองทุกตาราง')
    await user.should_see('บันทึกการใช้งานครบถ้วน')
    assert auth.login('itadmin', 'first-admin-1').ok
    assert not list(empty_install.data_dir.glob('.upload-*'))  # the uploaded copy is not left behind
