"""Demo mode: the demo LAO's people, --reset-demo rebuilding it, and refusal on a real LAO's database."""

import pytest
from sqlalchemy import delete
from sqlmodel import func, select

from apps.admin.service import setup_lao
from core import db
from core.demo import PEOPLE, ensure_demo
from helpers import principal
from models.info import Village
from models.org import Assignment, User
from models.plan import ProjectProgress


def _count(model) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_demo_lao_has_its_staff_and_one_person_with_two_positions() -> None:
    assert _count(User) == len(PEOPLE) >= 25
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
    assert _count(ProjectProgress) == progress > 0 and _count(User) == len(PEOPLE)


@pytest.mark.empty_db
def test_demo_mode_refuses_a_real_lao_database() -> None:
    setup_lao(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='medium',
              province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='', admin_full_name='นายจริง จัง',
              admin_username='realadmin', admin_password='real-admin-1', admin_confirm='real-admin-1')
    with pytest.raises(SystemExit, match='ข้อมูล อปท. จริง'):
        ensure_demo(reset=True)
    assert _count(User) == 1
