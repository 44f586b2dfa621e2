"""G2G: the ปลัด exports the LAO's package (its own reports, a workbook, a manifest signing both); another install
imports it for benchmarking — checked against its manifest and the DLA registry, shown before it is written, once per
LAO, fiscal year and day (the same package twice changes nothing, a corrected one replaces it), refused in Thai when
it is not a package, was altered, names an unregistered LAO or a day to come."""

import hashlib
import json
import zipfile
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from nicegui.testing import User
from openpyxl import load_workbook
from sqlmodel import func, select

from apps.info import g2g
from core import db
from core.access import PermissionDenied
from core.errors import Refusal
from core.lao_directory import registered_laos
from core.report import REPORTS, report_table
from core.thai import fiscal_year, today
from helpers import principal, sign_in
from models.info import G2GPackage
from models.org import Organization

FY = fiscal_year(today())
REGISTERED = next(lao for lao in registered_laos().values() if lao.lao_type == 'subdistrict_admin_org')


@pytest.fixture
def exported() -> tuple[str, bytes]:
    return g2g.export_package(principal('palad'), FY)


@pytest.fixture
def no_demo_package() -> None:
    """Without the demo's own package (the same LAO, year and day as the tests' export)."""
    with db.session_scope(write=True) as session:
        for found in session.exec(select(G2GPackage)).all():
            session.delete(found)


def _files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, 'w') as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _resigned(files: dict[str, bytes], **manifest_changes) -> bytes:
    """The package with its manifest changed and its files signed again (as a corrected export would be)."""
    manifest = json.loads(files['manifest.json'])
    manifest.update(manifest_changes)
    manifest['files'] = {n: hashlib.sha256(files[n]).hexdigest() for n in ('data.json', 'workbook.xlsx')}
    return _zip({**files, 'manifest.json': json.dumps(manifest, ensure_ascii=False).encode()})


def _count() -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(G2GPackage)).one()


def test_the_package_holds_the_lao_s_own_reports_signed_by_its_manifest(exported) -> None:
    name, content = exported
    palad = principal('palad')
    with db.session_scope() as session:
        org = session.get(Organization, palad.org_id)
    assert name == f'g2g-{org.dla_code}-{FY}-{today().isoformat()}.zip'
    files = _files(content)
    manifest = json.loads(files['manifest.json'])
    assert manifest['lao']['dla_code'] == org.dla_code and manifest['fiscal_year'] == FY
    assert manifest['files'] == {n: hashlib.sha256(files[n]).hexdigest() for n in ('data.json', 'workbook.xlsx')}
    parts = {p['report']: p for p in json.loads(files['data.json'])['reports']}
    assert set(parts) == set(g2g.PACKAGE) and not manifest['omitted']
    remaining = REPORTS['elaas/remaining']
    own = report_table(remaining, palad, {'fy': FY}).frame
    packed = g2g.frame_of(parts['elaas/remaining'])
    money = [c for c in own.columns if isinstance(own[c].iloc[0], Decimal)]
    assert money and all(sum(packed[c], Decimal(0)) == sum(own[c], Decimal(0)) for c in money)
    sheets = load_workbook(BytesIO(files['workbook.xlsx'])).sheetnames
    assert len(sheets) == len(parts)


def test_a_report_the_exporter_may_not_read_is_left_out_and_named() -> None:
    finance = principal('finance_dir')
    with pytest.raises(PermissionDenied):
        g2g.export_package(finance, FY)
    with pytest.raises(PermissionDenied):
        g2g.read_package(principal('palad'), b'')  # the ปลัด exports; importing is the install's


def test_import_once_then_same_then_a_corrected_package_replaces_it(exported, no_demo_package) -> None:
    admin = principal('admin')
    _, content = exported
    before = _count()
    preview = g2g.read_package(admin, content)
    assert preview.status == 'new' and _count() == before  # the check writes nothing
    status, first = g2g.import_package(admin, content, key='g2g-1')
    assert status == 'new' and _count() == before + 1
    assert g2g.import_package(admin, content, key='g2g-1') == ('same', first)  # a double-click: one package
    assert g2g.import_package(admin, content) == ('same', first) and _count() == before + 1
    files = _files(content)
    data = json.loads(files['data.json'])
    data['reports'][0]['title'] += ' (แก้ไข)'
    corrected = _resigned({**files, 'data.json': json.dumps(data, ensure_ascii=False).encode()})
    assert g2g.import_package(admin, corrected) == ('replaces', first) and _count() == before + 1
    found, parts = g2g.package(admin, first)
    assert parts[0]['title'].endswith('(แก้ไข)') and found.lao_name == 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง'


def test_a_registered_lao_is_named_as_the_registry_names_it(exported) -> None:
    files = _files(exported[1])
    manifest = json.loads(files['manifest.json'])
    content = _resigned(files, lao={**manifest['lao'], 'dla_code': REGISTERED.dla_code, 'name': 'ชื่อที่พิมพ์ผิด'})
    preview = g2g.read_package(principal('admin'), content)
    assert preview.sender.registered and preview.sender.full_name == REGISTERED.full_name


@pytest.mark.parametrize(('change', 'refusal'), [
    ('not_zip', 'ไม่ใช่ชุดข้อมูล G2G'),
    ('altered', 'data.json ไม่ตรงกับรายการไฟล์'),
    ('ill_formed', 'หลักแรกต้องเป็นประเภท อปท.'),
    ('wrong_type', 'ไม่ตรงกับประเภท เทศบาลตำบล'),
    ('registered_type', 'เป็นองค์การบริหารส่วนตำบลในทะเบียน แต่ชุดข้อมูลระบุเป็นเทศบาลตำบล'),
    ('future', 'เป็นวันในอนาคต'),
    ('no_manifest', 'ไม่พบไฟล์ manifest.json'),
])
def test_what_is_not_a_sound_package_is_refused_in_thai(exported, change, refusal) -> None:
    files = _files(exported[1])
    manifest = json.loads(files['manifest.json'])
    content = {
        'not_zip': lambda: 'ชื่อ,จำนวน\n'.encode(),
        'altered': lambda: _zip({**files, 'data.json': files['data.json'].replace(b'"reports"', b'"reports" ')}),
        'ill_formed': lambda: _resigned(files, lao={**manifest['lao'], 'dla_code': '9999999'}),
        'wrong_type': lambda: _resigned(files, lao={**manifest['lao'], 'lao_type': 'subdistrict_municipality'}),
        'registered_type': lambda: _resigned(files, lao={**manifest['lao'], 'dla_code': REGISTERED.dla_code,
                                                         'lao_type': 'subdistrict_municipality'}),
        'future': lambda: _resigned(files, as_of=(today() + timedelta(days=1)).isoformat()),
        'no_manifest': lambda: _zip({k: v for k, v in files.items() if k != 'manifest.json'}),
    }[change]()
    before = _count()
    with pytest.raises(Refusal, match=refusal):
        g2g.import_package(principal('admin'), content)
    assert _count() == before


async def test_the_imported_package_reads_as_its_reports(user: User, exported, no_demo_package) -> None:
    _, package_id = g2g.import_package(principal('admin'), exported[1])
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/info/g2g/imported')
    await user.should_see(marker='g2g-packages', retries=100)
    await user.open(f'/info/g2g/imported/{package_id}')
    await user.should_see(marker='g2g-report-elaas/remaining', retries=100)
    await user.should_see('รายงานงบประมาณคงเหลือ', retries=100)



def test_the_demo_s_package_was_exported_by_the_palad_and_imported_by_the_administrator() -> None:
    admin = principal('admin')
    (found,) = g2g.packages(admin)
    assert found.fiscal_year == FY and found.lao_name == 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง'
    assert found.exported_by == principal('palad').full_name and found.imported_by == admin.user_id
    assert found.reports == len(g2g.PACKAGE) and g2g.demo_package_ids() == [found.id]


async def test_the_import_page_previews_then_imports_once(user: User, exported, no_demo_package) -> None:
    from nicegui.elements.upload_files import SmallFileUpload
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/info/g2g/imported')
    await user.should_see(marker='g2g-none', retries=100)
    upload = user.find(marker='g2g-upload').elements.pop()
    await upload.handle_uploads([SmallFileUpload('g2g.zip', 'application/zip', b'not a zip')])
    await user.should_see(marker='g2g-refused', retries=100)
    assert _count() == 0
    await upload.handle_uploads([SmallFileUpload('g2g.zip', 'application/zip', exported[1])])
    await user.should_see('ชุดใหม่', retries=100)
    assert _count() == 0  # the preview writes nothing
    commit = user.find(marker='g2g-commit')
    commit.click()
    commit.click()  # a double-click
    await user.should_see(marker='g2g-packages', retries=100)
    assert _count() == 1
