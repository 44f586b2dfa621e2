"""Backup and restore: backup → wipe → restore gives the same rows, the same files and an intact audit chain;
a tampered or incomplete archive is refused; retention keeps the right archives; the CLI does the same."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from apps.info.resources import VILLAGES
from core import audit, auth, backup, db, resource, settings
from core.errors import Refusal
from core.settings import ROOT
from core.thai import BANGKOK
from helpers import principal

PG_URL = os.environ.get('TEST_DATABASE_URL', '')
PDF = b'%PDF-1.4\n% backup test\n'


def _counts() -> dict[str, int]:
    with db.engine().connect() as connection:
        return backup.table_counts(connection)


def _file_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob('*')) if p.is_file()}


def _with_attachments() -> None:
    planner = principal('planner')
    village = resource.query(VILLAGES, planner, search='ท่าน้ำ').rows[0].id
    resource.attach(VILLAGES, planner, village, 'แผนที่.pdf', PDF)
    resource.attach(VILLAGES, planner, village, 'ภาพถ่าย.pdf', PDF + b'2')


def _dla_code() -> str:
    from sqlmodel import select

    from models.org import Organization
    with db.session_scope() as session:
        return session.exec(select(Organization.dla_code)).one()


def test_backup_wipe_restore_gives_the_same_rows_files_and_chain(tmp_path, empty_install) -> None:
    _with_attachments()
    auth.login('planner', 'demo1234')
    before_counts = _counts()
    before_files = _file_hashes(settings.get_settings().files_dir)
    with db.session_scope() as session:
        before_anchors = audit.anchors(session)
    info = backup.create(tmp_path / 'out')
    assert info.ok, info.message
    assert info.name.startswith(f'lao-{principal("admin").org_id and _dla_code()}-')
    assert oct(info.path.stat().st_mode & 0o777) == '0o600'

    empty_install.open()
    assert backup.database_is_empty()
    report = backup.restore(info.path)
    assert report.ok, report.lines()
    assert report.integrity == 'ok' and report.counts_ok and report.audit.ok
    after = _counts()
    assert {t: after[t] for t in before_counts if t != 'audit_event'} == \
           {t: n for t, n in before_counts.items() if t != 'audit_event'}
    assert after['audit_event'] == before_counts['audit_event'] + 1  # the snapshot, plus the restore's own note
    assert _file_hashes(empty_install.data_dir / 'files') == before_files and len(before_files) == 2
    with db.session_scope() as session:
        restored = {a.chain: a for a in audit.anchors(session)}
        assert audit.verify(session).ok
    for anchor in before_anchors:
        if anchor.chain != 0:
            assert restored[anchor.chain] == anchor
    assert auth.login('planner', 'demo1234').ok  # the LAO works again


def test_the_manifest_describes_the_copy(tmp_path) -> None:
    _with_attachments()
    info = backup.create(tmp_path)
    with tarfile.open(info.path) as tar:
        manifest = json.loads(tar.extractfile('manifest.json').read())
        names = tar.getnames()
    assert manifest['database'] == ('postgresql' if PG_URL else 'sqlite')
    assert manifest['program_version'] and manifest['created_at'] and manifest['lao_codes']
    assert manifest['tables']['organization'] == 1 and manifest['tables']['attachment'] == 2
    assert {a['chain'] for a in manifest['anchors']} and all(len(a['hash']) == 64 for a in manifest['anchors'])
    assert set(manifest['files']) | {'manifest.json'} == set(names)
    pinned = audit.read_anchor_file()  # the anchors were appended to the data dir's anchors file too
    assert all(pinned.chains[a['chain']]['hash'] == a['hash'] for a in manifest['anchors'])


def _rewrite(archive: Path, target: Path, change) -> Path:
    """Copy an archive member by member, letting `change(name, content)` alter or drop (None) each one."""
    with tarfile.open(archive) as source, tarfile.open(target, 'w:gz') as out:
        for member in source:
            content = change(member.name, source.extractfile(member).read())
            if content is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(content)
            out.addfile(info, io.BytesIO(content))
    return target


def test_a_tampered_or_incomplete_archive_is_refused(tmp_path, empty_install) -> None:
    _with_attachments()
    info = backup.create(tmp_path)
    flipped = _rewrite(info.path, tmp_path / 'lao-x-20260101-000000.tar.gz',
                       lambda name, data: data[:-1] + bytes([data[-1] ^ 1]) if name.startswith('files/') else data)
    no_manifest = _rewrite(info.path, tmp_path / 'lao-x-20260101-000001.tar.gz',
                           lambda name, data: None if name == 'manifest.json' else data)
    missing = _rewrite(info.path, tmp_path / 'lao-x-20260101-000002.tar.gz',
                       lambda name, data: None if name.startswith('files/') else data)
    broken = tmp_path / 'lao-x-20260101-000003.tar.gz'
    broken.write_bytes(info.path.read_bytes()[:2000])
    assert 'SHA-256' in backup.check(flipped).message
    assert 'manifest.json' in backup.check(no_manifest).message
    assert 'ไม่ครบ' in backup.check(missing).message
    assert not backup.check(broken).ok
    empty_install.open()
    for archive in (flipped, no_manifest, missing, broken):
        with pytest.raises(Refusal, match='ไม่กู้คืน'):
            backup.restore(archive)
    assert backup.database_is_empty()  # nothing was half-restored


def test_restore_refuses_a_database_that_holds_data(tmp_path) -> None:
    info = backup.create(tmp_path)
    with pytest.raises(Refusal, match='มีข้อมูล อปท. อยู่แล้ว'):
        backup.restore(info.path)


def _at(days_ago: int, hour: int = 2) -> datetime:
    today = datetime(2026, 12, 31, hour, tzinfo=BANGKOK)
    return today - timedelta(days=days_ago)


def test_retention_keeps_seven_daily_four_weekly_twelve_monthly() -> None:
    """Daily backups at 02:00 for 400 days up to Thursday 31 Dec 2026, plus a manual one on the 31st at 14:00 and
    on the 30th at 20:00: the newest of each day, ISO week and month is kept."""
    stamps = [_at(d) for d in range(400)] + [_at(0, hour=14), _at(1, hour=20)]
    on = lambda month, day, hour=2: datetime(2026, month, day, hour, tzinfo=BANGKOK)  # noqa: E731
    daily = {on(12, 31, 14), on(12, 30, 20), on(12, 29), on(12, 28), on(12, 27), on(12, 26), on(12, 25)}
    weekly = {on(12, 31, 14), on(12, 27), on(12, 20), on(12, 13)}  # ISO weeks 53, 52, 51, 50
    monthly = {on(12, 31, 14), on(11, 30), on(10, 31), on(9, 30), on(8, 31), on(7, 31), on(6, 30), on(5, 31),
               on(4, 30), on(3, 31), on(2, 28), on(1, 31)}
    assert backup.retained(stamps) == daily | weekly | monthly
    assert len(daily | weekly | monthly) == 20


def test_retention_after_backups_stopped_keeps_the_last_ones() -> None:
    """The PC was off for three weeks: the last seven backups still stay (counted by days that have one)."""
    stamps = [_at(d) for d in range(21, 40)]
    kept = backup.retained(stamps)
    assert {_at(d) for d in range(21, 28)} <= kept


def test_prune_deletes_only_what_retention_drops(tmp_path) -> None:
    folder = tmp_path / 'b'
    folder.mkdir()
    for days in range(30):
        stamp = _at(days).strftime(backup.STAMP)
        (folder / f'lao-6300101-{stamp}.tar.gz').write_bytes(b'x')
    removed = backup.prune(folder, {'keep_daily': 7, 'keep_weekly': 4, 'keep_monthly': 12})
    left = {backup._stamp_of(p.name) for p in backup.archives(folder)}
    assert left == backup.retained([_at(d) for d in range(30)]) and len(removed) == 30 - len(left)


def test_daily_backup_runs_once_a_day_and_copies_to_the_second_folder(tmp_path) -> None:
    second = tmp_path / 'usb'
    second.mkdir()
    backup.save_policy(principal('admin'), {'second_folder': str(second), 'keep_daily': '7', 'keep_weekly': '4',
                                            'keep_monthly': '12'})
    first = backup.daily_if_due()
    assert first is not None and first.ok and (second / first.name).exists()
    assert backup.daily_if_due() is None  # today's exists: no second archive
    with pytest.raises(Refusal) as refused:
        backup.save_policy(principal('admin'), {'second_folder': '/no/such/folder', 'keep_daily': '0',
                                                'keep_weekly': '4', 'keep_monthly': '12'})
    assert set(refused.value.errors) == {'second_folder', 'keep_daily'}


def test_home_status_warns_after_two_days(tmp_path) -> None:
    assert backup.status_line()[1]  # no backup yet: a warning
    info = backup.create()
    line, warn = backup.status_line()
    assert not warn and 'วันนี้' in line
    line, warn = backup.status_line(now=info.created_at + timedelta(days=3))
    assert warn and '3 วันที่แล้ว' in line


def _cli(*args: str, database_url: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTEST_CURRENT_TEST', 'NICEGUI_USER_SIMULATION') and not k.startswith('LAO_')}
    env['DATABASE_URL'] = database_url
    return subprocess.run([sys.executable, 'main.py', *args, '--data-dir', str(data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_backup_and_restore_on_the_command_line(fresh_database, tmp_path, empty_install) -> None:
    _with_attachments()
    data_dir = settings.get_settings().data_dir
    made = _cli('backup', '--to', str(tmp_path / 'cli'), database_url=fresh_database, data_dir=data_dir)
    assert made.returncode == 0, made.stdout + made.stderr
    archive = next((tmp_path / 'cli').glob('lao-*.tar.gz'))
    db.engine().dispose()
    empty_install.data_dir.mkdir(parents=True)
    restored = _cli('restore', str(archive), database_url=empty_install.url, data_dir=empty_install.data_dir)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert 'ตรวจความสมบูรณ์ของฐานข้อมูล: ok' in restored.stdout and 'จำนวนแถวตรงกับไฟล์สำรองทุกตาราง' in \
        restored.stdout and 'บันทึกการใช้งานครบถ้วน' in restored.stdout
    again = _cli('restore', str(archive), database_url=empty_install.url, data_dir=empty_install.data_dir)
    assert again.returncode == 1 and 'REFUSED' in again.stdout


def test_pg_dump_missing_is_said_clearly(monkeypatch) -> None:
    monkeypatch.setattr(backup.shutil, 'which', lambda name: None)
    monkeypatch.setattr(backup, 'Path', lambda *a: Path('/nonexistent-folder'))
    with pytest.raises(Refusal, match='pg_dump.*postgresql-client'):
        backup.pg_tool('pg_dump')


def test_backup_times_are_utc_aware() -> None:
    info = backup.create()
    assert info.created_at.tzinfo is not None and info.created_at <= datetime.now(UTC)
