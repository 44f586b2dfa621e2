"""The directory of ปลัด across the LAOs of one install: three organisations (the demo's and two made here), each
with its ปลัด from the positions (one acting, one seat vacant), for whoever holds the cross-LAO permission only (no
role grants it: the install's administrator does), read-only and audited."""

from dataclasses import replace

import pytest
from sqlmodel import select

from apps.hr.directory import ACROSS, palad_directory
from core import db
from core.errors import Denied
from core.structure import create_organization
from helpers import principal
from models.audit import AuditEvent
from models.hr import Person
from models.org import Assignment, Position, User


def _org(name: str, dla_code: str, district: str) -> tuple[int, int]:
    with db.session_scope(write=True) as session:
        org, _ = create_organization(session, name=name, dla_code=dla_code, lao_type='subdistrict_municipality',
                                     size='small', province_code='30', district_name=district)
        seat = session.exec(select(Position).where(Position.org_id == org.id, Position.code == 'CHIEF')).one()
        return org.id, seat.id


@pytest.fixture
def three_orgs():
    acting_org, seat = _org('เทศบาลตำบลทดสอบ', '5300101', 'เมืองนครราชสีมา')
    vacant_org, _ = _org('เทศบาลตำบลว่างปลัด', '5300102', 'โนนสูง')
    with db.session_scope(write=True) as session:
        user = User(org_id=acting_org, username='acting_palad_t', full_name='นายรักษา แทนปลัด', password_hash='x')
        session.add(user)
        session.flush()
        session.add(Assignment(org_id=acting_org, user_id=user.id, position_id=seat, is_primary=False, acting=True))
    return acting_org, vacant_org


def test_each_lao_with_its_palad_acting_or_vacant(three_orgs) -> None:
    acting_org, vacant_org = three_orgs
    reader = replace(principal('admin'), grants=((ACROSS, 'org'),))
    lines = {line.org_id: line for line in palad_directory(reader)}
    assert len(lines) == 3
    palad = principal('palad')
    with db.session_scope() as session:
        phone = session.exec(select(Person.phone).where(Person.owner_id == palad.user_id)).one()
    demo = lines[palad.org_id]
    assert (demo.holder, demo.acting, demo.phone) == (palad.full_name, False, phone)
    assert demo.seat.startswith('ปลัด')
    assert (lines[acting_org].holder, lines[acting_org].acting) == ('นายรักษา แทนปลัด', True)
    assert lines[acting_org].seat == 'ปลัดเทศบาล' or lines[acting_org].seat.startswith('ปลัด')
    assert (lines[vacant_org].holder, lines[vacant_org].phone) == ('', '')
    assert [line.district for line in palad_directory(reader)] == sorted(line.district for line in lines.values())
    with db.session_scope() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == 'palad_directory_read',
                                                       AuditEvent.org_id == reader.org_id)).all()
    assert len(events) == 2


def test_no_role_reads_across_laos_by_default(three_orgs) -> None:
    for username in ('admin', 'hr', 'palad', 'mayor'):
        with pytest.raises(Denied):
            palad_directory(principal(username))
