"""Files only for the owner: the data dir, the database and its -wal/-shm, secrets, anchors, attachments and
backups are created 0700/0600 whatever the umask; an oversized upload is refused from its headers."""

import os
import stat
from pathlib import Path

import pytest
from nicegui.testing import User
from sqlalchemy import text
from sqlmodel import func, select

from apps.admin import service as admin
from apps.info.resources import VILLAGES
from core import audit, backup, db, files, resource, settings
from helpers import principal, sign_in
from models.files import Attachment
from pages.uploads import MULTIPART_OVERHEAD

PDF = b'%PDF-1.4\n% owner only\n'


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_everything_under_the_data_dir_is_owner_only_whatever_the_umask(fresh_database, tmp_path, loose_umask):
    data_dir = tmp_path / 'new' / 'data'
    settings.configure(data_dir=data_dir, database_url=fresh_database, demo=False)
    db.init()
    assert _mode(data_dir) == '0o700'
    settings.get_settings().storage_secret()
    audit.record_now('probe', org_id=None)
    audit.pin_anchors('test')
    planner = principal('planner')
    village = resource.query(VILLAGES, planner, search='ท่าน้ำ').rows[0].id
    attachment = resource.attach(VILLAGES, planner, village, 'แผนที่.pdf', PDF)
    stored = settings.get_settings().files_dir / attachment.stored_as
    info = backup.create()
    for path in (data_dir / 'storage_secret', data_dir / 'audit_key', data_dir / 'audit_anchors.jsonl', stored,
                 info.path, info.path.with_name(info.name + '.check.json')):
        assert _mode(path) == '0o600', path
    for folder in (data_dir / 'files', stored.parent, stored.parent.parent, data_dir / 'backups'):
        assert _mode(folder) == '0o700', folder

    sqlite_file = data_dir / 'own.sqlite3'
    engine = db.make_engine(f'sqlite:///{sqlite_file}')
    with engine.begin() as connection:  # a write under WAL: the -wal and -shm files exist now
        connection.execute(text('CREATE TABLE t (x int)'))
        connection.execute(text('INSERT INTO t VALUES (1)'))
        for path in (sqlite_file, Path(f'{sqlite_file}-wal'), Path(f'{sqlite_file}-shm')):
            assert path.exists() and _mode(path) == '0o600', path
    engine.dispose()


def test_an_existing_loose_install_is_tightened_at_start(tmp_path, loose_umask) -> None:
    data_dir = tmp_path / 'old'
    data_dir.mkdir(mode=0o755)
    database = data_dir / 'lao.sqlite3'
    database.write_bytes(b'')
    database.chmod(0o644)
    settings.configure(data_dir=data_dir, database_url=f'sqlite:///{database}', demo=False)
    db.init()
    assert _mode(data_dir) == '0o700' and _mode(database) == '0o600'


def _set_limit(megabytes: int) -> None:
    admin.update_settings(principal('admin'), {'session_hours': 8, 'lockout_attempts': 20, 'lockout_minutes': 15,
                                               'attachment_max_mb': megabytes, 'attachment_types': 'pdf'})


def _attachments() -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(Attachment)).one()


async def test_an_upload_above_the_lao_limit_is_refused_before_its_body_is_read(user: User) -> None:
    _set_limit(1)
    village = resource.query(VILLAGES, principal('planner'), search='ท่าน้ำ').rows[0].id
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open(f'/info/villages/{village}')
    await user.should_see(marker='attachment-upload')
    upload = user.find(marker='attachment-upload').elements.pop()
    assert upload.props['max-file-size'] == 1024 * 1024  # the browser is told the LAO's limit
    url = upload.props['url']
    before = _attachments()

    pulled = []

    async def body():
        for _ in range(64):  # 4 MB in 64 KB chunks: counted as the server pulls them
            pulled.append(1)
            yield b'0' * 65536
    response = await user.http_client.post(url, content=body(), headers={
        'content-type': 'multipart/form-data; boundary=x', 'content-length': str(64 * 65536)})
    assert response.status_code == 413 and 'เกินกำหนด 1 MB' in response.text
    assert len(pulled) <= 1  # refused from the headers: the body was not read
    no_length = await user.http_client.post(url, content=body(), headers={'content-type': 'multipart/form-data'})
    assert no_length.status_code == 411
    assert _attachments() == before

    allowed = await user.http_client.post(url, files={'file': ('แผนที่.pdf', PDF, 'application/pdf')})
    assert allowed.status_code == 200
    await user.should_see(marker='attachment-link', retries=100)  # the same route takes a file within the limit
    assert _attachments() == before + 1


def test_the_service_checks_the_size_too() -> None:
    _set_limit(1)
    limit = files.rules_for(principal('planner').org_id).max_bytes
    village = resource.query(VILLAGES, principal('planner'), search='ท่าน้ำ').rows[0].id
    with pytest.raises(files.FileRefused, match='เกินกำหนด 1 MB'):
        resource.attach(VILLAGES, principal('planner'), village, 'big.pdf', PDF + b'0' * limit)
    assert MULTIPART_OVERHEAD < limit
