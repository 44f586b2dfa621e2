"""Backup and restore: one archive holding a consistent copy of the database, the attachments and a manifest.

- The database is copied online and consistently: SQLite through its backup API (one read transaction), PostgreSQL
  through `pg_dump --snapshot` of a REPEATABLE READ transaction that also counts the rows and reads the audit
  anchors, so the manifest describes exactly the copy it sits beside.
- `manifest.json`: SHA-256 and size of every member, row counts per table, the audit chains' anchors, program
  version, time, database kind. The audit key travels in the archive too (without it the restored chains could
  not be verified), so an archive is as secret as the data dir: owner-only files, like everything else.
- Restore refuses an archive whose manifest is missing or whose checksums fail, replaces the database and the
  files, then checks: integrity, row counts against the manifest, and every audit chain.
- Retention (7 daily, 4 weekly, 12 monthly) is a pure function over the archives' times; a daily backup is made
  by the server's hourly check, and copied to a second folder (USB drive, network share) when one is set.
"""

import hashlib
import io
import json
import logging
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlmodel import Session, select

from core import audit, db
from core.access import Principal, require
from core.errors import Refusal
from core.settings import PRIVATE_FILE, ROOT, get_settings, open_private, private_dir, private_file
from core.thai import BANGKOK, format_datetime
from models.base import utcnow
from models.org import Organization

FORMAT = 1
PREFIX, SUFFIX = 'lao-', '.tar.gz'
STAMP = '%Y%m%d-%H%M%S'
SQLITE_MEMBER, PG_MEMBER, KEY_MEMBER = 'db/lao.sqlite3', 'db/lao.pgdump', 'secrets/audit_key'
PERMISSION = 'admin.backup.manage'
WARN_AFTER = timedelta(days=2)
POLICY_LIMITS = {'keep_daily': ('เก็บรายวัน (ชุด)', 1, 60), 'keep_weekly': ('เก็บรายสัปดาห์ (ชุด)', 0, 52),
                 'keep_monthly': ('เก็บรายเดือน (ชุด)', 0, 120)}
log = logging.getLogger(__name__)


def require_backup(actor: Principal) -> None:
    """An archive holds the whole install: on an install of several LAOs only the install's administrator (or the
    server's operator, on the command line) makes and reads backups, never one LAO's administrator."""
    require(actor, PERMISSION)
    if actor.install_admin:
        return
    with db.session_scope() as session:
        several = len(session.exec(select(Organization.id).limit(2)).all()) > 1
    if several:
        raise Refusal('ระบบนี้เก็บข้อมูลหลาย อปท.: การสำรองและกู้คืนทั้งระบบทำโดยผู้ดูแลการติดตั้ง '
                      'หรือผู้ดูแลเครื่องแม่ข่าย (คำสั่ง python main.py backup)')


def program_version() -> str:
    try:
        from importlib.metadata import version
        return version('lao-esystems')
    except Exception:  # running from a checkout that was not pip-installed
        import tomllib
        return tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['version']


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open('rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows per table (every table present, alembic_version included)."""
    names = sorted(inspect(connection).get_table_names())
    return {name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names}


def _lao_codes(session: Session) -> list[str]:
    return list(session.exec(select(Organization.dla_code).order_by(Organization.id)).all())


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore from PATH (Debian: postgresql-client), else the server's own bin folder."""
    found = shutil.which(name) or next((str(p) for p in sorted(Path('/usr/lib/postgresql').glob(f'*/bin/{name}'),
                                                              reverse=True)), None)
    if not found:
        raise Refusal(f'ไม่พบโปรแกรม {name} ซึ่งจำเป็นสำหรับสำรอง/กู้คืนฐานข้อมูล PostgreSQL '
                      '(ติดตั้งแพ็กเกจ postgresql-client แล้วลองใหม่)')
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password (which goes through the environment, not the process list)."""
    parsed = make_url(url)
    env = {**os.environ}
    if parsed.password:
        env['PGPASSWORD'] = parsed.password
    return parsed.set(drivername='postgresql', password=None).render_as_string(hide_password=False), env


# --- the snapshot ---------------------------------------------------------------------------------------------

@dataclass
class Snapshot:
    member: str
    counts: dict[str, int]
    anchors: list[audit.Anchor]
    lao_codes: list[str]


def _snapshot_sqlite(staging: Path) -> Snapshot:
    source_path = make_url(get_settings().db_url).database
    target = staging / 'lao.sqlite3'
    os.close(os.open(target, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    source, copy = sqlite3.connect(source_path, timeout=30), sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: one read transaction, a consistent copy under WAL
        copy.execute('PRAGMA journal_mode=DELETE')  # a self-contained file, no -wal beside it
    finally:
        copy.close()
        source.close()
    engine = create_engine(f'sqlite:///{target}')
    try:
        with Session(engine) as session:
            counts = table_counts(session.connection())
            return Snapshot(SQLITE_MEMBER, counts, audit.anchors(session), _lao_codes(session))
    finally:
        engine.dispose()


@contextmanager
def owner_done(engine) -> Iterator[None]:
    """Dispose of a short-lived owner engine when its block ends."""
    try:
        yield
    finally:
        engine.dispose()


def _snapshot_postgres(staging: Path) -> Snapshot:
    pg_dump = pg_tool('pg_dump')
    target = staging / 'lao.pgdump'
    # the whole install, every LAO: as the schema's owner (the fence's fence_owner policy), not the fenced runtime role
    dsn, env = _libpq(get_settings().owner_db_url)
    owner = db.make_engine(get_settings().owner_db_url)
    with owner_done(owner), owner.connect().execution_options(isolation_level='REPEATABLE READ') as connection:
        with connection.begin():
            snapshot = connection.execute(text('SELECT pg_export_snapshot()')).scalar_one()
            session = Session(bind=connection)
            counts = table_counts(connection)
            anchors, codes = audit.anchors(session), _lao_codes(session)
            done = subprocess.run([pg_dump, f'--snapshot={snapshot}', '--format=custom', '--no-owner',
                                   '--no-privileges', '--enable-row-security', f'--file={target}',
                                   f'--dbname={dsn}'], env=env, capture_output=True, text=True, timeout=3600)
            if done.returncode != 0:
                raise Refusal(f'pg_dump ไม่สำเร็จ: {done.stderr.strip()[:500]}')
    target.chmod(PRIVATE_FILE)
    return Snapshot(PG_MEMBER, counts, anchors, codes)


# --- creating an archive ------------------------------------------------------------------------------------------

@dataclass
class BackupInfo:
    """One archive as the admin page lists it (from its sidecar check file when present)."""

    path: Path
    created_at: datetime
    size: int
    kind: str = 'manual'
    ok: bool | None = None  # None: not checked yet
    message: str = ''

    @property
    def name(self) -> str:
        return self.path.name

    def age(self, now: datetime | None = None) -> timedelta:
        return (now or utcnow()) - self.created_at


def _stamp_of(name: str) -> datetime | None:
    """The Bangkok time in an archive's name (lao-<code>-<YYYYmmdd-HHMMSS>.tar.gz), as an aware datetime."""
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    parts = name[:-len(SUFFIX)].rsplit('-', 2)
    try:
        return datetime.strptime(f'{parts[1]}-{parts[2]}', STAMP).replace(tzinfo=BANGKOK)
    except (ValueError, IndexError):
        return None


def _sidecar(archive: Path) -> Path:
    return archive.with_name(archive.name + '.check.json')


def _write_sidecar(archive: Path, **values) -> None:
    private_file(_sidecar(archive), json.dumps(values, ensure_ascii=False).encode())


def _add(tar: tarfile.TarFile, name: str, path: Path | None = None, content: bytes | None = None) -> None:
    info = tarfile.TarInfo(name)
    info.mode, info.mtime = PRIVATE_FILE, int(utcnow().timestamp())
    if content is not None:
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
        return
    info.size = path.stat().st_size
    with path.open('rb') as f:
        tar.addfile(info, f)


def create(to: Path | None = None, *, kind: str = 'manual', actor: Principal | None = None) -> BackupInfo:
    """Write one archive into `to` (default: the data dir's backups folder), check it, and pin the anchors."""
    if actor is not None:
        require_backup(actor)
    settings = get_settings()
    folder = private_dir(Path(to) if to else settings.backups_dir)
    staging = private_dir(folder / f'.staging-{secrets.token_hex(6)}')
    try:
        snapshot = _snapshot_sqlite(staging) if settings.is_sqlite else _snapshot_postgres(staging)
        created = utcnow()
        code = snapshot.lao_codes[0] if len(snapshot.lao_codes) == 1 else (
            'multi' if snapshot.lao_codes else 'empty')
        name = f'{PREFIX}{code}-{created.astimezone(BANGKOK).strftime(STAMP)}{SUFFIX}'
        while (folder / name).exists():  # two backups within one second: the names, and retention, stay apart
            created += timedelta(seconds=1)
            name = f'{PREFIX}{code}-{created.astimezone(BANGKOK).strftime(STAMP)}{SUFFIX}'
        database_file = staging / PurePosixPath(snapshot.member).name
        members = {snapshot.member: database_file}
        files_root = settings.files_dir
        if files_root.exists():
            for path in sorted(p for p in files_root.rglob('*') if p.is_file()):
                members[f'files/{path.relative_to(files_root).as_posix()}'] = path
        key = audit.key(create=True)
        listed = {member: {'sha256': _sha256(path), 'size': path.stat().st_size} for member, path in members.items()}
        listed[KEY_MEMBER] = {'sha256': hashlib.sha256(key).hexdigest(), 'size': len(key)}
        manifest = {'format': FORMAT, 'program_version': program_version(), 'created_at': created.isoformat(),
                    'database': 'sqlite' if settings.is_sqlite else 'postgresql', 'kind': kind,
                    'lao_codes': snapshot.lao_codes, 'tables': snapshot.counts,
                    'anchors': [asdict(a) for a in snapshot.anchors], 'files': listed}
        partial = folder / f'.{name}.partial'
        with open_private(partial) as raw, tarfile.open(fileobj=raw, mode='w:gz') as tar:
            for member, path in members.items():
                _add(tar, member, path)
            _add(tar, KEY_MEMBER, content=key)
            _add(tar, 'manifest.json', content=json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        with partial.open('rb') as written:
            os.fsync(written.fileno())
        archive = folder / name
        os.replace(partial, archive)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = check(archive)
    _write_sidecar(archive, created_at=created.isoformat(), kind=kind, ok=result.ok, message=result.message,
                   checked_at=utcnow().isoformat(), lao_codes=snapshot.lao_codes)
    with db.session_scope() as session:
        audit.write_anchors(session, f'backup {name}', snapshot.anchors)
    by = {'org_id': actor.org_id, 'actor_id': actor.user_id, 'actor_name': actor.full_name} if actor else {
        'org_id': None, 'actor_name': 'ระบบ (สำรองข้อมูลอัตโนมัติ)'}
    audit.record_now('backup_created', object_type='Backup', object_id=name[:60],
                     data={'kind': kind, 'size': archive.stat().st_size, 'ok': result.ok}, **by)
    return BackupInfo(archive, created, archive.stat().st_size, kind, result.ok, result.message)


# --- checking an archive ------------------------------------------------------------------------------------------

@dataclass
class ArchiveCheck:
    ok: bool
    message: str
    manifest: dict = field(default_factory=dict)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and '..' not in path.parts and bool(path.parts)


def check(archive: Path) -> ArchiveCheck:
    """Read the whole archive once: every member listed in the manifest with the same SHA-256, nothing missing,
    nothing extra, no unsafe name. Returns the reason in Thai when it fails."""
    digests: dict[str, tuple[str, int]] = {}
    manifest = None
    try:
        with tarfile.open(archive, mode='r:gz') as tar:
            for member in tar:
                if not member.isfile() or not _safe_member(member.name):
                    return ArchiveCheck(False, f'ไฟล์สำรองมีรายการที่ไม่ปลอดภัย: {member.name}')
                stream = tar.extractfile(member)
                if member.name == 'manifest.json':
                    manifest = json.loads(stream.read().decode())
                    continue
                digest = hashlib.sha256()
                for chunk in iter(lambda s=stream: s.read(1 << 20), b''):
                    digest.update(chunk)
                digests[member.name] = (digest.hexdigest(), member.size)
    except (OSError, tarfile.TarError, EOFError, ValueError) as error:
        return ArchiveCheck(False, f'อ่านไฟล์สำรองไม่ได้ (ไฟล์เสียหรือไม่ใช่ไฟล์สำรองของระบบ): {error}')
    if manifest is None:
        return ArchiveCheck(False, 'ไฟล์สำรองไม่มี manifest.json (ไม่ใช่ไฟล์สำรองของระบบ หรือไม่ครบ)')
    listed = manifest.get('files', {})
    for name, expected in listed.items():
        if name not in digests:
            return ArchiveCheck(False, f'ไฟล์สำรองไม่ครบ: ไม่มี {name}', manifest)
        if digests[name] != (expected['sha256'], expected['size']):
            return ArchiveCheck(False, f'ค่าตรวจสอบ (SHA-256) ของ {name} ไม่ตรงกับ manifest: ไฟล์สำรองถูกแก้ไขหรือเสียหาย',
                                manifest)
    extra = sorted(set(digests) - set(listed))
    if extra:
        return ArchiveCheck(False, f'ไฟล์สำรองมีไฟล์ที่ไม่อยู่ใน manifest: {extra[0]}', manifest)
    if SQLITE_MEMBER not in listed and PG_MEMBER not in listed:
        return ArchiveCheck(False, 'ไฟล์สำรองไม่มีฐานข้อมูล', manifest)
    return ArchiveCheck(True, f'ตรวจแล้วครบถ้วน: {len(listed):,} ไฟล์ ค่าตรวจสอบตรงทุกไฟล์', manifest)


def recheck(actor: Principal, name: str) -> ArchiveCheck:
    require_backup(actor)
    archive = _archive_named(name)
    result = check(archive)
    info = _read_sidecar(archive)
    _write_sidecar(archive, created_at=info.get('created_at', ''), kind=info.get('kind', ''), ok=result.ok,
                   message=result.message, checked_at=utcnow().isoformat(), lao_codes=info.get('lao_codes', []))
    return result


# --- restoring ----------------------------------------------------------------------------------------------------

@dataclass
class RestoreReport:
    integrity: str
    counts_ok: bool
    count_differences: dict[str, tuple[int, int]]
    audit: audit.ChainCheck
    files: int
    manifest: dict

    @property
    def ok(self) -> bool:
        return self.integrity == 'ok' and self.counts_ok and self.audit.ok

    def lines(self) -> list[str]:
        """The three checks, in Thai, as the CLI prints them and the set-up wizard shows them."""
        tables = sum(1 for _ in self.manifest.get('tables', {}))
        counts = (f'จำนวนแถวตรงกับไฟล์สำรองทุกตาราง ({tables} ตาราง)' if self.counts_ok else
                  'จำนวนแถวไม่ตรง: ' + ', '.join(f'{t} {a}≠{b}' for t, (a, b) in self.count_differences.items()))
        return [f'ตรวจความสมบูรณ์ของฐานข้อมูล: {self.integrity}', counts,
                f'ตรวจบันทึกการใช้งาน: {self.audit.describe()}', f'ไฟล์แนบที่กู้คืน: {self.files:,} ไฟล์']


def database_is_empty() -> bool:
    with db.session_scope() as session:
        try:
            return session.exec(select(Organization.id).limit(1)).first() is None
        except Exception:  # no schema yet
            session.rollback()
            return True


def restore(archive: Path, *, replace: bool = False) -> RestoreReport:
    """Check the archive, put its database, files and audit key in place, then check the result.

    Without `replace` only an empty database (a fresh install) is restored into."""
    archive = Path(archive)
    result = check(archive)
    if not result.ok:
        raise Refusal(f'ไม่กู้คืน: {result.message}')
    manifest = result.manifest
    settings = get_settings()
    kind = 'sqlite' if settings.is_sqlite else 'postgresql'
    if manifest.get('database') != kind:
        raise Refusal(f'ไม่กู้คืน: ไฟล์สำรองเป็นฐานข้อมูล {manifest.get("database")} แต่ระบบนี้ใช้ {kind}')
    if not replace and not database_is_empty():
        raise Refusal('ไม่กู้คืน: ฐานข้อมูลนี้มีข้อมูล อปท. อยู่แล้ว (ใช้ --replace เพื่อแทนที่ทั้งหมด)')
    staging = private_dir(settings.data_dir / f'.restore-{secrets.token_hex(6)}')
    try:
        with tarfile.open(archive, mode='r:gz') as tar:
            for member in tar:
                if member.name in manifest['files']:
                    target = staging / member.name
                    private_dir(target.parent)
                    with tar.extractfile(member) as source, open_private(target) as out:
                        shutil.copyfileobj(source, out)
        for name, expected in manifest['files'].items():  # what was written is what was checked
            if _sha256(staging / name) != expected['sha256']:
                raise Refusal(f'ไม่กู้คืน: {name} เปลี่ยนไประหว่างกู้คืน')
        db.engine().dispose()
        if kind == 'sqlite':
            _put_sqlite(staging / SQLITE_MEMBER, Path(make_url(settings.db_url).database))
        else:
            _put_postgres(staging / PG_MEMBER)
        files = _put_files(staging / 'files', settings.files_dir)
        audit.retire_anchor_file('before-restore')  # those anchors describe the database just replaced
        private_file(settings.audit_key_path, (staging / KEY_MEMBER).read_bytes())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    db.init(settings)
    with db.owner_scope() as session:  # every LAO's rows
        connection = session.connection()
        integrity = (connection.execute(text('PRAGMA integrity_check')).scalar_one() if kind == 'sqlite'
                     else 'ok' if connection.execute(text('SELECT 1')).scalar_one() == 1 else 'error')
        counts = table_counts(connection)
    expected_counts = manifest.get('tables', {})
    differences = {t: (counts.get(t, 0), n) for t, n in expected_counts.items() if counts.get(t, 0) != n}
    db.migrate()  # an archive from an older program version is brought up to date
    anchored = [audit.Anchor(**a) for a in manifest.get('anchors', [])]
    with db.owner_scope() as session:
        if anchored:
            audit.write_anchors(session, f'restore {archive.name}', anchored)
        chain = audit.verify(session)
    audit.record_now('backup_restored', org_id=None, actor_name='ระบบ (กู้คืนข้อมูล)', object_type='Backup',
                     object_id=archive.name[:60], data={'ok': integrity == 'ok' and not differences and chain.ok,
                                                        'created_at': manifest.get('created_at')})
    return RestoreReport(integrity, not differences, differences, chain, files, manifest)


def _put_sqlite(source: Path, target: Path) -> None:
    private_dir(target.parent)
    incoming = target.with_name(target.name + '.restoring')
    shutil.copyfile(source, incoming)
    incoming.chmod(PRIVATE_FILE)
    with incoming.open('rb') as f:
        os.fsync(f.fileno())
    for companion in (target.with_name(target.name + '-wal'), target.with_name(target.name + '-shm')):
        companion.unlink(missing_ok=True)  # they belong to the database being replaced
    os.replace(incoming, target)


def _put_postgres(dump: Path) -> None:
    pg_restore = pg_tool('pg_restore')
    settings = get_settings()
    owner = db.make_engine(settings.owner_db_url)  # the schema's owner restores every LAO's rows
    with owner_done(owner), owner.begin() as connection:  # the schema emptied: the dump brings it back
        connection.execute(text('DROP SCHEMA public CASCADE'))
        connection.execute(text('CREATE SCHEMA public'))
    db.engine().dispose()
    dsn, env = _libpq(settings.owner_db_url)
    done = subprocess.run([pg_restore, '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error',
                           '--enable-row-security', f'--dbname={dsn}', str(dump)], env=env, capture_output=True,
                          text=True, timeout=3600)
    if done.returncode != 0:
        raise Refusal(f'pg_restore ไม่สำเร็จ: {done.stderr.strip()[:500]}')
    db.grant_runtime(settings.owner_db_url, settings.db_url)  # --no-privileges: the runtime role's grants again


def _put_files(source: Path, target: Path) -> int:
    if target.exists() and any(target.iterdir()):
        os.replace(target, target.with_name(f'files.before-restore-{utcnow():%Y%m%d%H%M%S}'))
    private_dir(target)
    count = 0
    if source.exists():
        for path in sorted(p for p in source.rglob('*') if p.is_file()):
            destination = target / path.relative_to(source)
            private_dir(destination.parent)
            os.replace(path, destination)
            count += 1
    return count


# --- retention and the daily backup -------------------------------------------------------------------------------

def retained(stamps: list[datetime], daily: int = 7, weekly: int = 4, monthly: int = 12) -> set[datetime]:
    """The backups to keep: the newest of each of the last `daily` days that have one, of the last `weekly` ISO
    weeks, of the last `monthly` months (days, weeks and months in Bangkok time). The newest is always kept."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set(ordered[:1])
    buckets = ((daily, lambda d: d), (weekly, lambda d: d.isocalendar()[:2]), (monthly, lambda d: (d.year, d.month)))
    for count, bucket_of in buckets:
        seen = []
        for stamp in ordered:
            bucket = bucket_of(stamp.astimezone(BANGKOK).date())
            if bucket in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(bucket)
            keep.add(stamp)
    return keep


def archives(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted((p for p in folder.iterdir() if _stamp_of(p.name) is not None), key=lambda p: _stamp_of(p.name))


def prune(folder: Path, policy: dict | None = None) -> list[str]:
    """Delete the archives the retention policy does not keep (with their check files); return their names."""
    policy = policy or load_policy()
    found = {_stamp_of(p.name): p for p in archives(folder)}
    keep = retained(list(found), policy['keep_daily'], policy['keep_weekly'], policy['keep_monthly'])
    removed = []
    for stamp, path in found.items():
        if stamp not in keep:
            path.unlink(missing_ok=True)
            _sidecar(path).unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def _policy_path() -> Path:
    return get_settings().data_dir / 'backup_settings.json'


def load_policy() -> dict:
    """Where and how long backups are kept (per install, in the data dir: a backup covers the whole database)."""
    policy = {'second_folder': '', 'keep_daily': 7, 'keep_weekly': 4, 'keep_monthly': 12}
    path = _policy_path()
    if path.exists():
        try:
            policy.update({k: v for k, v in json.loads(path.read_text()).items() if k in policy})
        except ValueError:
            log.warning('backup settings file %s is not JSON; defaults used', path)
    return policy


def save_policy(actor: Principal, values: dict) -> dict:
    """Validate every field (Thai message per field), save, audit."""
    require_backup(actor)
    errors, clean = {}, {}
    for key, (label, low, high) in POLICY_LIMITS.items():
        try:
            number = int(str(values.get(key, '')).strip())
        except ValueError:
            errors[key] = f'{label}: ต้องเป็นตัวเลขจำนวนเต็ม'
            continue
        if not low <= number <= high:
            errors[key] = f'{label}: ต้องอยู่ระหว่าง {low}–{high}'
        clean[key] = number
    folder = str(values.get('second_folder') or '').strip()
    if folder:
        path = Path(folder)
        if not path.is_absolute() or not path.is_dir():
            errors['second_folder'] = 'โฟลเดอร์สำรองที่สอง: ไม่พบโฟลเดอร์นี้ (ระบุเส้นทางเต็ม เช่น /media/usb/backup)'
        elif not os.access(path, os.W_OK):
            errors['second_folder'] = 'โฟลเดอร์สำรองที่สอง: ระบบเขียนไฟล์ลงโฟลเดอร์นี้ไม่ได้'
        elif path.resolve() == get_settings().backups_dir.resolve():
            errors['second_folder'] = 'โฟลเดอร์สำรองที่สอง: ต้องไม่ใช่โฟลเดอร์สำรองหลัก'
    clean['second_folder'] = folder
    if errors:
        raise Refusal(errors=errors)
    before = load_policy()
    private_file(_policy_path(), json.dumps(clean, ensure_ascii=False).encode())
    audit.record_now('backup_settings_changed', org_id=actor.org_id, actor_id=actor.user_id,
                     actor_name=actor.full_name, data=audit.changes(before, clean))
    return clean


def copy_to_second(info: BackupInfo, policy: dict) -> Path | None:
    """Copy one archive (and its check file) to the second folder and prune there too."""
    folder = policy.get('second_folder')
    if not folder:
        return None
    target = Path(folder) / info.name
    partial = target.with_name(f'.{info.name}.partial')
    with info.path.open('rb') as source, open_private(partial) as out:
        shutil.copyfileobj(source, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    if _sidecar(info.path).exists():
        shutil.copyfile(_sidecar(info.path), _sidecar(target))
        _sidecar(target).chmod(PRIVATE_FILE)
    prune(Path(folder), policy)
    return target


def daily_if_due(now: datetime | None = None) -> BackupInfo | None:
    """The scheduled backup: when the backups folder holds no archive of today (Bangkok), make one, copy it to the
    second folder, apply the retention. Also pins the audit anchors every time it runs."""
    today = (now or utcnow()).astimezone(BANGKOK).date()
    settings = get_settings()
    audit.pin_anchors('hourly check')
    if any(_stamp_of(p.name).date() == today for p in archives(settings.backups_dir)):
        return None
    if database_is_empty():
        return None  # nothing to keep before the set-up wizard has run
    policy = load_policy()
    info = create(kind='daily')
    try:
        copy_to_second(info, policy)
    except OSError as error:  # the USB drive is not plugged in: the local backup still counts
        log.warning('backup copy to the second folder failed: %s', error)
        audit.record_now('backup_copy_failed', org_id=None, actor_name='ระบบ (สำรองข้อมูลอัตโนมัติ)',
                         object_type='Backup', object_id=info.name[:60], data={'error': str(error)[:300]})
    prune(settings.backups_dir, policy)
    return info


# --- what the admin page and the home page show ------------------------------------------------------------------

def _read_sidecar(archive: Path) -> dict:
    try:
        return json.loads(_sidecar(archive).read_text())
    except (OSError, ValueError):
        return {}


def _info(archive: Path) -> BackupInfo:
    side = _read_sidecar(archive)
    created = datetime.fromisoformat(side['created_at']) if side.get('created_at') else _stamp_of(archive.name)
    return BackupInfo(archive, created, archive.stat().st_size, side.get('kind', ''), side.get('ok'),
                      side.get('message', ''))


def list_backups(actor: Principal | None = None) -> list[BackupInfo]:
    """Newest first."""
    if actor is not None:
        require_backup(actor)
    return [_info(p) for p in reversed(archives(get_settings().backups_dir))]


def last_good() -> BackupInfo | None:
    return next((b for b in list_backups() if b.ok), None)


def status_line(now: datetime | None = None) -> tuple[str, bool]:
    """The administrator's home-page line about backups, and whether it is a warning (none, or older than 2 days)."""
    good = last_good()
    if good is None:
        return 'ยังไม่มีไฟล์สำรองข้อมูลที่ตรวจแล้ว กรุณาสำรองข้อมูล', True
    age = good.age(now)
    days = age.days
    when = format_datetime(good.created_at)
    text_ = f'สำรองข้อมูลล่าสุด {when} ({"วันนี้" if days == 0 else f"{days} วันที่แล้ว"})'
    if age > WARN_AFTER:
        return text_ + ' — เกิน 2 วันแล้ว กรุณาสำรองข้อมูล', True
    return text_, False


def _archive_named(name: str) -> Path:
    folder = get_settings().backups_dir
    path = folder / Path(name).name
    if _stamp_of(path.name) is None or not path.is_file():
        raise Refusal('ไม่พบไฟล์สำรองนี้')
    return path


def archive_for_download(actor: Principal, name: str) -> Path:
    require_backup(actor)
    path = _archive_named(name)
    audit.record_now('backup_downloaded', org_id=actor.org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                     object_type='Backup', object_id=path.name[:60])
    return path
