"""Consistency checks of the organisation templates in assets/structures/*.yaml.

Plain data checks (yaml + pathlib only): schema, codes, roles, units, heads, and which
(lao_type, size) pairs the templates cover.
"""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STRUCTURES = ROOT / 'assets' / 'structures'
ROLES_FILE = ROOT / 'assets' / 'roles.yaml'

LAO_TYPES = {
    'subdistrict_admin_org',
    'subdistrict_municipality',
    'town_municipality',
    'city_municipality',
    'provincial_admin_org',
}
SIZES = {'small', 'medium', 'large'}
KINDS = {'political', 'office', 'division', 'unit'}
LEVELS = {
    'political': {None},
    'local_executive': {'ต้น', 'กลาง', 'สูง'},
    'local_director': {'ต้น', 'กลาง', 'สูง'},
    'academic': {'ปฏิบัติการ', 'ชำนาญการ', 'ชำนาญการพิเศษ', 'เชี่ยวชาญ'},
    'general': {'ปฏิบัติงาน', 'ชำนาญงาน', 'อาวุโส'},
    'mission_employee': {None},
    'general_employee': {None},
    'teacher': {None},
}
TEMPLATE_KEYS = {'key', 'title', 'lao_type', 'sizes', 'divisions'}
DIVISION_KEYS = {'code', 'name', 'kind', 'units', 'positions'}
POSITION_KEYS = {'code', 'title', 'short', 'position_type', 'level', 'unit', 'count', 'head', 'roles'}

FILES = sorted(STRUCTURES.glob('*.yaml'))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding='utf-8'))


def positions(data: dict):
    for division in data['divisions']:
        for position in division['positions']:
            yield division, position


def role_keys() -> set[str]:
    return {role['key'] for role in load(ROLES_FILE)['roles']}


def test_templates_exist():
    assert FILES, f'no templates in {STRUCTURES}'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_schema(path):
    data = load(path)
    assert set(data) == TEMPLATE_KEYS
    assert data['key'] == path.stem
    assert isinstance(data['title'], str) and data['title'].strip()
    assert data['lao_type'] in LAO_TYPES
    sizes = data['sizes']
    assert isinstance(sizes, list) and sizes, 'sizes must be a non-empty list'
    assert set(sizes) <= SIZES
    assert len(sizes) == len(set(sizes)), 'duplicate size'
    assert isinstance(data['divisions'], list) and data['divisions']
    for division in data['divisions']:
        assert set(division) == DIVISION_KEYS, division.get('code')
        assert isinstance(division['code'], str) and division['code'].isascii()
        assert isinstance(division['name'], str) and division['name'].strip()
        assert division['kind'] in KINDS
        assert isinstance(division['units'], list)
        assert all(isinstance(u, str) and u.strip() for u in division['units'])
        assert len(division['units']) == len(set(division['units'])), f'duplicate unit in {division["code"]}'
        assert isinstance(division['positions'], list) and division['positions'], division['code']
        for position in division['positions']:
            where = f'{division["code"]}/{position.get("code")}'
            assert set(position) == POSITION_KEYS, where
            assert isinstance(position['code'], str) and position['code'].isascii(), where
            assert isinstance(position['title'], str) and position['title'].strip(), where
            assert isinstance(position['short'], str) and position['short'].strip(), where
            assert position['position_type'] in LEVELS, where
            assert position['level'] in LEVELS[position['position_type']], where
            assert isinstance(position['count'], int) and not isinstance(position['count'], bool), where
            assert position['count'] >= 1, where
            assert isinstance(position['head'], bool), where
            assert isinstance(position['roles'], list) and position['roles'], where
            assert len(position['roles']) == len(set(position['roles'])), where


def test_size_coverage():
    covered: dict[tuple[str, str], str] = {}
    for path in FILES:
        data = load(path)
        for size in data['sizes']:
            pair = (data['lao_type'], size)
            assert pair not in covered, f'{pair} covered by both {covered[pair]} and {path.name}'
            covered[pair] = path.name
    required = [('subdistrict_admin_org', size) for size in ('small', 'medium', 'large')]
    required += [('subdistrict_municipality', size) for size in SIZES]
    required += [('town_municipality', size) for size in SIZES]
    for pair in required:
        assert pair in covered, f'no template for {pair}'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_codes_unique(path):
    data = load(path)
    division_codes = [d['code'] for d in data['divisions']]
    assert len(division_codes) == len(set(division_codes)), 'duplicate division code'
    position_codes = [p['code'] for _, p in positions(data)]
    duplicates = {c for c in position_codes if position_codes.count(c) > 1}
    assert not duplicates, f'duplicate position codes: {duplicates}'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_roles(path):
    known = role_keys()
    for division, position in positions(load(path)):
        where = f'{division["code"]}/{position["code"]}'
        unknown = set(position['roles']) - known
        assert not unknown, f'{where}: unknown roles {unknown}'
        assert 'staff' in position['roles'], f'{where}: every seat has staff'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_units(path):
    for division, position in positions(load(path)):
        if position['unit'] is not None:
            assert position['unit'] in division['units'], f'{division["code"]}/{position["code"]}: {position["unit"]}'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_heads(path):
    for division in load(path)['divisions']:
        heads = [p for p in division['positions'] if p['head']]
        if division['kind'] == 'political':
            assert len(heads) <= 1, division['code']
        else:
            assert len(heads) == 1, f'{division["code"]}: {len(heads)} heads'
        for head in heads:
            assert head['count'] == 1, f'{division["code"]}/{head["code"]}: a head seat has count 1'


@pytest.mark.parametrize('path', FILES, ids=lambda p: p.stem)
def test_chief_and_executive(path):
    data = load(path)
    chiefs = [p for _, p in positions(data) if 'chief_administrator' in p['roles'] and p['title'].startswith('ปลัด')]
    assert len(chiefs) == 1, [p['code'] for p in chiefs]
    assert chiefs[0]['count'] == 1
    assert any('executive' in p['roles'] for _, p in positions(data))


def test_demo_template_seats():
    """sao-medium is the demo LAO's template: it must hold the seats the demo data refers to."""
    data = load(STRUCTURES / 'sao-medium.yaml')
    titles = {p['title'] for _, p in positions(data)}
    required = [
        'นายกองค์การบริหารส่วนตำบล',
        'รองนายกองค์การบริหารส่วนตำบล',
        'เลขานุการนายกองค์การบริหารส่วนตำบล',
        'ปลัดองค์การบริหารส่วนตำบล',
        'รองปลัดองค์การบริหารส่วนตำบล',
        'หัวหน้าสำนักปลัด',
        'ผู้อำนวยการกองคลัง',
        'ผู้อำนวยการกองช่าง',
        'ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม',
        'นักวิเคราะห์นโยบายและแผน',
        'นักวิชาการเงินและบัญชี',
        'เจ้าพนักงานการเงินและบัญชี',
        'เจ้าพนักงานจัดเก็บรายได้',
        'นักทรัพยากรบุคคล',
        'เจ้าพนักงานธุรการ',
        'นิติกร',
        'นักวิชาการคอมพิวเตอร์',
        'นายช่างโยธา',
        'นักวิชาการตรวจสอบภายใน',
        'นักวิชาการศึกษา',
        'ครู',
    ]
    missing = [t for t in required if t not in titles]
    assert not missing, missing
    assert titles & {'นักวิชาการพัสดุ', 'เจ้าพนักงานพัสดุ'}
    deputies = [p for _, p in positions(data) if p['title'] == 'รองนายกองค์การบริหารส่วนตำบล']
    assert deputies[0]['count'] == 2
    clerk_divisions = {d['code'] for d, p in positions(data) if p['title'] == 'เจ้าพนักงานธุรการ'}
    assert {'PALAD', 'FIN'} <= clerk_divisions
