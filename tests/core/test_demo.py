"""Demo mode: the demo LAO's people, --reset-demo rebuilding it, and refusal on a real LAO's database."""

import pytest
from sqlalchemy import delete
from sqlmodel import func, select

from apps.admin.service import setup_lao
from core import db
from core.demo import PEOPLE, ensure_demo
from helpers import principal
from models.info import Village
from models.org import Assignment, Organization, User
from models.plan import ProjectProgress


def _count(model) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _staff() -> int:
    """The main demo LAO's people in their seats (its provincial reader holds none)."""
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(User).join(Organization).where(
            Organization.dla_code == '6300199', User.reads_across == '')).one()


def test_demo_lao_has_its_staff_and_one_person_with_two_positions() -> None:
    assert _staff() == len(PEOPLE) >= 25
    assert _count(Village) == 10
    assert len(principal('head_palad').position_ids) == 2
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(Assignment).where(Assignment.acting)).one() == 1


def test_reset_demo_rebuilds_the_data() -> None:
    progress = _count(ProjectProgress)
    with db.session_scope(write=True) as session:
        session.exec(delete(ProjectProgress))
    ensure_demo(reset=False)  # --demo on an existing demo database keeps it as it is
    assert _count(ProjectProgress) == 0
    ensure_demo(reset=True)
    assert _count(ProjectProgress) == progress > 0 and _staff() == len(PEOPLE)


def test_the_demo_province_holds_three_laos_and_a_provincial_reader(demo_province) -> None:
    """Benchmarking's demo: a small อบต. and a เทศบาลตำบล of the registry beside the demo LAO, in its province, each
    with its people, an announced budget, receipts and its population; the provincial reader reads all three."""
    from apps.info import benchmark
    with db.session_scope() as session:
        orgs = session.exec(select(Organization).order_by(Organization.id)).all()
    assert [(o.dla_code, o.lao_type, o.province_code) for o in orgs] == [
        ('6300199', 'subdistrict_admin_org', '30'), ('6300121', 'subdistrict_admin_org', '30'),
        ('5300104', 'subdistrict_municipality', '30')]
    reader = principal('province_reader')
    assert reader.read_only and not reader.can('elaas.budget.edit')
    frame = benchmark.compare(reader, benchmark._latest(principal('mayor')))  # noqa: SLF001
    assert len(frame) == 3 and (frame['งบประมาณ (บาท)'] > 0).all() and (frame['รายได้จัดเก็บ (บาท)'] > 0).all()
    assert frame['ประชากร (คน)'].notna().all()


@pytest.mark.empty_db
def test_demo_mode_refuses_a_real_lao_database() -> None:
    setup_lao(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='medium',
              province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='', admin_full_name='นายจริง จัง',
              admin_username='realadmin', admin_password='real-admin-1', admin_confirm='real-admin-1')
    with pytest.raises(SystemExit, match='ข้อมูล อปท. จริง'):
        ensure_demo(reset=True)
    assert _count(User) == 1
