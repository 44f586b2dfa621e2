"""LAO type + size -> divisions and positions -> default roles, from the templates in assets/structures/."""

from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, select

from core import audit, db
from core.errors import Refusal
from core.lao_directory import LAO_TYPES, SIZES, check_dla_code, clean_dla_code, provinces
from core.menu import all_apps
from core.settings import asset
from models.org import Division, Organization, Position, PositionRole, Role, WorkUnit

PositionType = Literal['political', 'local_executive', 'local_director', 'academic', 'general', 'mission_employee',
                       'general_employee', 'teacher']
POSITION_TYPES = {
    'political': 'ฝ่ายการเมือง', 'local_executive': 'บริหารท้องถิ่น', 'local_director': 'อำนวยการท้องถิ่น',
    'academic': 'วิชาการ', 'general': 'ทั่วไป', 'mission_employee': 'พนักงานจ้างตามภารกิจ',
    'general_employee': 'พนักงานจ้างทั่วไป', 'teacher': 'ครู/ครูผู้ดูแลเด็ก',
}
DIVISION_KINDS = {'political': 'ฝ่ายการเมือง', 'office': 'สำนัก', 'division': 'กอง', 'unit': 'หน่วย'}


class SeatTemplate(BaseModel, extra='forbid'):
    code: str
    title: str
    short: str = ''
    position_type: PositionType
    level: str | None = None
    unit: str | None = None
    count: int = Field(1, ge=1)
    head: bool = False
    roles: list[str]


class DivisionTemplate(BaseModel, extra='forbid'):
    code: str
    name: str
    kind: Literal['political', 'office', 'division', 'unit']
    units: list[str] = []
    positions: list[SeatTemplate]


class StructureTemplate(BaseModel, extra='forbid'):
    key: str
    title: str
    lao_type: str
    sizes: list[Literal['small', 'medium', 'large']]
    divisions: list[DivisionTemplate]


class RoleTemplate(BaseModel, extra='forbid'):
    key: str
    title: str
    description: str = ''
    scope: Literal['own', 'division', 'org']
    permissions: list[str]


@cache
def role_templates() -> dict[str, RoleTemplate]:
    data = yaml.safe_load(asset('roles.yaml').read_text(encoding='utf-8'))
    return {r['key']: RoleTemplate(**r) for r in data['roles']}


@cache
def templates() -> dict[str, StructureTemplate]:
    """All structure templates, validated; a broken template fails loudly at start."""
    found = {}
    for path in sorted(asset('structures').glob('*.yaml')):
        try:
            found[path.stem] = StructureTemplate(**yaml.safe_load(path.read_text(encoding='utf-8')))
        except ValidationError as error:
            raise ValueError(f'structure template {path.name}: {error}') from error
    return found


def template_for(lao_type: str, size: str) -> StructureTemplate:
    for template in templates().values():
        if template.lao_type == lao_type and size in template.sizes:
            return template
    raise SetupError(f'ยังไม่มีแม่แบบโครงสร้างสำหรับ {LAO_TYPES.get(lao_type, lao_type)} {SIZES.get(size, size)}')


def supported_types() -> dict[str, str]:
    types = {t.lao_type for t in templates().values()}
    return {k: v for k, v in LAO_TYPES.items() if k in types}


def seed_roles(session: Session, org_id: int) -> None:
    existing = set(session.exec(select(Role.key).where(Role.org_id == org_id)).all())
    for role in role_templates().values():
        if role.key not in existing:
            session.add(Role(org_id=org_id, key=role.key, title=role.title, description=role.description,
                             scope=role.scope, permissions='\n'.join(role.permissions)))


def apply_template(session: Session, org: Organization, template: StructureTemplate) -> dict[str, list[Position]]:
    """Create the divisions, work units, seats and their roles; return seats by template code."""
    seats: dict[str, list[Position]] = {}
    for d_order, d in enumerate(template.divisions):
        division = Division(org_id=org.id, code=d.code, name=d.name, kind=d.kind, sort_order=d_order)
        session.add(division)
        session.flush()
        units = {}
        for u_order, name in enumerate(d.units):
            units[name] = WorkUnit(org_id=org.id, division_id=division.id, name=name, sort_order=u_order)
            session.add(units[name])
        session.flush()
        for p_order, seat in enumerate(d.positions):
            for n in range(seat.count):
                code = seat.code if seat.count == 1 else f'{seat.code}-{n + 1}'
                position = Position(org_id=org.id, division_id=division.id, code=code, title=seat.title,
                                    short_title=seat.short or seat.title, position_type=seat.position_type,
                                    level=seat.level, is_head=seat.head, sort_order=d_order * 1000 + p_order * 10 + n,
                                    work_unit_id=units[seat.unit].id if seat.unit in units else None)
                session.add(position)
                session.flush()
                for role_key in dict.fromkeys(seat.roles):
                    session.add(PositionRole(org_id=org.id, position_id=position.id, role_key=role_key))
                seats.setdefault(seat.code, []).append(position)
    return seats


class SetupError(Refusal):
    """A Thai message naming the field that is wrong."""


def create_organization(session: Session, *, name: str, dla_code: str, lao_type: str, size: str,
                        province_code: str, district_name: str, letter_prefix: str = '',
                        is_demo: bool = False) -> tuple[Organization, dict[str, list[Position]]]:
    """Create an LAO with its structure from the template of its type and size (caller's write transaction)."""
    name, dla_code = name.strip(), clean_dla_code(dla_code)
    if not name:
        raise SetupError('ชื่อ อปท.: กรุณากรอก')
    if lao_type not in LAO_TYPES:
        raise SetupError('ประเภท อปท.: กรุณาเลือก')
    if size not in SIZES:
        raise SetupError('ขนาด: กรุณาเลือก')
    if province_code not in provinces():
        raise SetupError('จังหวัด: กรุณาเลือก')
    if not district_name.strip():
        raise SetupError('อำเภอ: กรุณาเลือก')
    if error := check_dla_code(dla_code, lao_type, province_code):
        raise SetupError(error)
    if session.exec(select(Organization).where(Organization.dla_code == dla_code)).first():
        raise SetupError(f'รหัส อปท.: {dla_code} ถูกตั้งค่าไว้แล้วในระบบนี้')
    try:
        template = template_for(lao_type, size)
    except ValueError as error:
        raise SetupError(f'ขนาด: {error}') from error
    org = Organization(name=name, dla_code=dla_code, lao_type=lao_type, size=size, structure_key=template.key,
                       province_code=province_code, province_name=provinces()[province_code],
                       district_name=district_name.strip(), letter_prefix=letter_prefix.strip(), is_demo=is_demo)
    session.add(org)
    session.flush()
    db.set_tenant((*db.tenant_ids(), org.id))  # its creator fills it in, in this context (the fence)
    seed_roles(session, org.id)
    seats = apply_template(session, org, template)
    for spec in all_apps():  # each app's starter data (code lists, …)
        if spec.seed_org:
            spec.seed_org(session, org)
    audit.record(session, 'org_created', org_id=org.id, object_type='Organization', object_id=org.id,
                 data={'name': name, 'dla_code': org.dla_code, 'template': template.key})
    return org, seats
