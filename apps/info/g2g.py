"""G2G export and import (M-P7): an LAO's dated package of its own standard reports — basic data, the plan, the
budget and its execution, revenue, procurement, manpower — as data (data.json), as a workbook an officer can open
(workbook.xlsx, BE date cells) and a manifest (manifest.json: the LAO, the fiscal year, the day, every file's
SHA-256). A province office (or any install) imports it for benchmarking: checked against its manifest and the DLA
registry, reported before it is written, and idempotent by LAO, fiscal year and day (the same package twice changes
nothing; a corrected package of the same day replaces the first).

The package holds each report exactly as the app builds it for the exporting officer (core.report), so its numbers
are the LAO's own reports; a report the officer may not read is left out and named in the manifest."""

import hashlib
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

import pandas as pd
from sqlmodel import select

from core import audit, db, submissions
from core.access import Principal, require
from core.errors import NotFound, Refusal
from core.lao_directory import LAO_TYPES, check_dla_code, clean_dla_code, lookup, provinces
from core.report import REPORTS, report_table
from core.reports import infer_kind, to_xlsx
from core.thai import fiscal_year, format_date, now, today
from models.info import G2GPackage
from models.org import Organization

EXPORT, IMPORT = 'info.g2g.export', 'info.g2g.import'
FORMAT, VERSION = 'lao-g2g', 1
# The reports a package holds, in order (version 1 of the format); each takes the package's fiscal year where it
# has a fiscal-year parameter, its own default otherwise (the plan in force, the structure today).
PACKAGE = ('info/by-year', 'eplan/p01', 'eplan/monitoring', 'elaas/remaining', 'elaas/expenditure', 'elaas/revenue',
           'elaas/personnel', 'egp/plan', 'hr/manpower')
YEAR_PARAMS = ('fy', 'year')
MAX_ZIP = 20 * 1024 * 1024  # bytes of the uploaded file
MAX_UNPACKED = 80 * 1024 * 1024  # bytes of its files together, as the zip says before any is read
NOT_A_PACKAGE = 'แฟ้มนี้ไม่ใช่ชุดข้อมูล G2G: ต้องเป็นไฟล์ .zip ที่ส่งออกจากเมนู "ส่งออกชุดข้อมูล G2G"'


def _cell(value: Any, kind: str) -> Any:
    if value is None or (not isinstance(value, str | Decimal | date) and pd.isna(value)):
        return None
    if kind == 'money':
        return str(Decimal(str(value)).quantize(Decimal('0.01')))
    if kind == 'date':
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if kind == 'int':
        return int(value)
    return str(value)


def _frame_data(df: pd.DataFrame) -> dict:
    kinds = [infer_kind(df[c]) for c in df.columns]
    return {'columns': [str(c) for c in df.columns], 'kinds': kinds,
            'rows': [[_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in df.itertuples(index=False)]}


def frame_of(part: dict) -> pd.DataFrame:
    """A report of a package back as a DataFrame: money as Decimal, dates as dates (for screen and workbook)."""
    def typed(value: Any, kind: str) -> Any:
        if value is None:
            return None
        if kind == 'money':
            return Decimal(value)
        if kind == 'date':
            return date.fromisoformat(value)
        return value
    rows = [[typed(v, k) for v, k in zip(row, part['kinds'], strict=True)] for row in part['rows']]
    return pd.DataFrame(rows, columns=part['columns'])


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def export_package(actor: Principal, fy: int) -> tuple[str, bytes]:
    """The LAO's package for fiscal year `fy` as of today: (file name, zip bytes)."""
    require(actor, EXPORT, where='info/g2g')
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
    parts, omitted = [], []
    for ident in PACKAGE:
        report = REPORTS.get(ident)
        if report is None:
            continue
        if not actor.can(report.permission):
            omitted.append({'report': ident, 'title': report.title, 'reason': 'ผู้ส่งออกไม่มีสิทธิดูรายงานนี้'})
            continue
        params = {p.name: fy for p in report.params if p.name in YEAR_PARAMS}
        table = report_table(report, actor, params)
        parts.append({'report': ident, 'title': report.title, 'of': table.of,
                      'params': {k: str(v) for k, v in table.params.items()}, **_frame_data(table.frame)})
    day, moment = today(), now()
    data = json.dumps({'reports': parts}, ensure_ascii=False, indent=1).encode()
    workbook = to_xlsx([(p['title'], frame_of(p)) for p in parts] or [('ว่าง', pd.DataFrame())],
                       title=f'ชุดข้อมูล G2G {org.name} ปีงบประมาณ {fy} ณ วันที่ {format_date(day, "long")}')
    manifest = {
        'format': FORMAT, 'version': VERSION, 'fiscal_year': fy, 'as_of': day.isoformat(),
        'exported_at': moment.isoformat(), 'exported_by': actor.full_name,
        'lao': {'dla_code': org.dla_code, 'name': org.name, 'lao_type': org.lao_type,
                'province_name': org.province_name},
        'reports': [{'report': p['report'], 'title': p['title'], 'rows': len(p['rows'])} for p in parts],
        'omitted': omitted,
        'files': {'data.json': _sha(data), 'workbook.xlsx': _sha(workbook)},
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('manifest.json', json.dumps(manifest, ensure_ascii=False, indent=1))
        archive.writestr('data.json', data)
        archive.writestr('workbook.xlsx', workbook)
    with db.session_scope(write=True) as session:
        audit.record_by(session, actor, 'export', object_type='G2GPackage', object_id=f'FY{fy}', data={
            'what': f'ส่งออกชุดข้อมูล G2G ปีงบประมาณ {fy}', 'reports': [p['report'] for p in parts]})
    return f'g2g-{org.dla_code}-{fy}-{day.isoformat()}.zip', buffer.getvalue()


@dataclass(frozen=True)
class Sender:
    """The LAO a package comes from: as the DLA registry has it, or (a code the bundled registry does not hold yet:
    an LAO formed since, a trainer's demo LAO) as its manifest says, the code checked for its type and province."""

    dla_code: str
    full_name: str
    lao_type: str
    province_name: str
    registered: bool


@dataclass(frozen=True)
class Package:
    """A package as read and checked, before anything is written."""

    manifest: dict
    data: bytes
    sha256: str
    sender: Sender
    status: str  # 'new', 'same' (this very package is on file), 'replaces' (another of the same LAO, year and day)

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.manifest['as_of'])


STATUS = {'new': 'ชุดใหม่', 'same': 'นำเข้าแล้ว (ชุดเดียวกัน ไม่เปลี่ยนแปลง)',
          'replaces': 'แทนชุดเดิมของ อปท. ปีงบประมาณและวันที่เดียวกัน'}


def _read(content: bytes) -> tuple[dict, bytes, bytes]:
    if len(content) > MAX_ZIP:
        raise Refusal(f'ชุดข้อมูลใหญ่เกิน {MAX_ZIP // (1024 * 1024)} MB')
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        names = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError) as error:
        raise Refusal(NOT_A_PACKAGE) from error
    if sum(info.file_size for info in names.values()) > MAX_UNPACKED:
        raise Refusal('ชุดข้อมูลเมื่อแตกไฟล์ใหญ่เกินกำหนด')
    missing = [name for name in ('manifest.json', 'data.json', 'workbook.xlsx') if name not in names]
    if missing:
        raise Refusal(f'{NOT_A_PACKAGE} (ไม่พบไฟล์ {", ".join(missing)} ในชุดข้อมูล)')
    try:
        manifest = json.loads(archive.read('manifest.json'))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise Refusal('manifest.json ของชุดข้อมูลอ่านไม่ได้') from error
    return manifest, archive.read('data.json'), archive.read('workbook.xlsx')


def _checked(manifest: dict, data: bytes, workbook: bytes) -> dict:
    """Refuse, naming what is wrong, unless the manifest is this format's and its files are the ones it signs."""
    if not isinstance(manifest, dict) or manifest.get('format') != FORMAT:
        raise Refusal(NOT_A_PACKAGE)
    if manifest.get('version') != VERSION:
        raise Refusal(f'ชุดข้อมูลรุ่นที่ {manifest.get("version")} ระบบนี้อ่านได้เฉพาะรุ่นที่ {VERSION}')
    files = manifest.get('files') or {}
    for name, content in (('data.json', data), ('workbook.xlsx', workbook)):
        if files.get(name) != _sha(content):
            raise Refusal(f'{name} ไม่ตรงกับรายการไฟล์ของชุดข้อมูล (ถูกแก้ไขหลังส่งออก หรือไฟล์เสีย)')
    lao = manifest.get('lao') or {}
    try:
        fy, as_of = int(manifest['fiscal_year']), date.fromisoformat(manifest['as_of'])
        datetime.fromisoformat(manifest['exported_at'])
        parts = json.loads(data)['reports']
    except (KeyError, TypeError, ValueError) as error:
        raise Refusal('รายการไฟล์ของชุดข้อมูลไม่ครบ (ปีงบประมาณ วันที่ข้อมูล หรือวันเวลาส่งออก)') from error
    if as_of > today():
        raise Refusal(f'วันที่ข้อมูล {format_date(as_of, "long")} เป็นวันในอนาคต')
    if not 2400 < fy < 2700 or abs(fiscal_year(as_of) - fy) > 5:
        raise Refusal(f'ปีงบประมาณ {fy} ไม่สอดคล้องกับวันที่ข้อมูล {format_date(as_of, "long")}')
    if lao.get('lao_type') not in LAO_TYPES:
        raise Refusal('ประเภท อปท. ในชุดข้อมูลไม่ถูกต้อง')
    for part in parts:
        if not {'report', 'title', 'columns', 'kinds', 'rows'} <= set(part) or \
                any(len(row) != len(part['columns']) for row in part['rows']):
            raise Refusal(f'ข้อมูลรายงาน "{part.get("title", "?")}" ในชุดข้อมูลไม่ครบ')
        try:
            frame_of(part)
        except (InvalidOperation, ValueError, TypeError) as error:
            raise Refusal(f'ข้อมูลรายงาน "{part["title"]}" มีค่าที่อ่านไม่ได้') from error
    return lao


def _sender(lao: dict) -> Sender:
    code = clean_dla_code(str(lao.get('dla_code', '')))
    registered = lookup(code)
    if registered is not None:
        if registered.lao_type != lao['lao_type']:
            raise Refusal(f'รหัส อปท. {code} เป็น{LAO_TYPES[registered.lao_type]}ในทะเบียน '
                          f'แต่ชุดข้อมูลระบุเป็น{LAO_TYPES[lao["lao_type"]]}')
        return Sender(code, registered.full_name, registered.lao_type,
                      provinces().get(registered.province_code, ''), True)
    if error := check_dla_code(code, lao['lao_type']):
        raise Refusal(error)
    name = str(lao.get('name') or '').strip()[:200]
    if not name:
        raise Refusal(f'รหัส อปท. {code}: ไม่มีในทะเบียนและชุดข้อมูลไม่ระบุชื่อ อปท.')
    return Sender(code, name, lao['lao_type'], provinces().get(code[1:3], ''), False)


def read_package(actor: Principal, content: bytes) -> Package:
    """Check an uploaded package and say what importing it would do (nothing is written)."""
    require(actor, IMPORT, where='info/g2g/imported')
    manifest, data, workbook = _read(content)
    lao = _checked(manifest, data, workbook)
    sender = _sender(lao)
    sha = _sha(data)
    with db.session_scope() as session:
        on_file = session.exec(select(G2GPackage.sha256).where(
            G2GPackage.org_id == actor.org_id, G2GPackage.dla_code == sender.dla_code,
            G2GPackage.fiscal_year == int(manifest['fiscal_year']),
            G2GPackage.as_of == date.fromisoformat(manifest['as_of']))).first()
    status = 'new' if on_file is None else 'same' if on_file == sha else 'replaces'
    return Package(manifest, data, sha, sender, status)


def import_package(actor: Principal, content: bytes, key: str | None = None) -> tuple[str, int]:
    """Import a checked package: (status, the package's id). The same package twice changes nothing."""
    package = read_package(actor, content)

    def work(session) -> int:
        fy = int(package.manifest['fiscal_year'])
        found = session.exec(select(G2GPackage).where(
            G2GPackage.org_id == actor.org_id, G2GPackage.dla_code == package.sender.dla_code,
            G2GPackage.fiscal_year == fy, G2GPackage.as_of == package.as_of).with_for_update()).first()
        if found is not None and found.sha256 == package.sha256:
            return found.id
        record = found or G2GPackage(org_id=actor.org_id, dla_code=package.sender.dla_code, fiscal_year=fy,
                                     as_of=package.as_of)
        sender = package.sender
        record.lao_name, record.lao_type, record.province_name = sender.full_name, sender.lao_type, sender.province_name
        record.exported_at = datetime.fromisoformat(package.manifest['exported_at']).astimezone(UTC)
        record.exported_by = str(package.manifest.get('exported_by') or '')[:200]
        record.sha256, record.data = package.sha256, package.data.decode()
        record.reports = len(package.manifest.get('reports') or [])
        record.imported_at, record.imported_by = datetime.now(UTC), actor.user_id
        if found is not None:
            record.version += 1
        session.add(record)
        session.flush()
        audit.record_by(session, actor, 'import', object_type='G2GPackage', object_id=record.id, data={
            'what': f'นำเข้าชุดข้อมูล G2G {record.lao_name} ปีงบประมาณ {fy}', 'status': package.status,
            'as_of': package.as_of.isoformat(), 'sha256': package.sha256})
        return record.id

    package_id = submissions.once(actor, key, f'import info/g2g {package.sender.dla_code}', work)
    return package.status, package_id


def packages(actor: Principal) -> list[G2GPackage]:
    require(actor, IMPORT, where='info/g2g/imported')
    with db.session_scope() as session:
        return list(session.exec(select(G2GPackage).where(G2GPackage.org_id == actor.org_id).order_by(
            G2GPackage.province_name, G2GPackage.lao_name, G2GPackage.fiscal_year.desc(),
            G2GPackage.as_of.desc())).all())


def package(actor: Principal, package_id: int) -> tuple[G2GPackage, list[dict]]:
    """An imported package and its reports (as exported)."""
    require(actor, IMPORT, where='info/g2g/imported')
    with db.session_scope() as session:
        found = session.get(G2GPackage, package_id)
        if found is None or found.org_id != actor.org_id:
            raise NotFound('ไม่พบชุดข้อมูลนี้')
        return found, json.loads(found.data)['reports']


def demo_package_ids() -> list[int]:
    """The demo's imported packages (the page smoke test opens them)."""
    with db.session_scope() as session:
        return list(session.exec(select(G2GPackage.id).order_by(G2GPackage.id).limit(1)).all())


def seed_demo_after(org: Organization, peers: bool = True) -> None:
    """The demo's package: the ปลัด exports this fiscal year's, the administrator imports it (a trainer shows both
    ends of the exchange on one install). `peers`: the province's other demo LAOs are built too (not used here)."""
    from core.access import load_principal
    from models.org import User
    with db.tenant((org.id,)):
        with db.session_scope() as session:
            users = {u.username: u.id for u in session.exec(select(User).where(User.org_id == org.id)).all()}
            palad, admin = (load_principal(session, users[name]) for name in ('palad', 'admin'))
        _, content = export_package(palad, fiscal_year(today()))
        import_package(admin, content)
