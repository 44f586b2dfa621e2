"""An LAO set up before the role templates changed keeps its old roles (they are copied at set-up): the roles page
shows how each role and each position's roles differ from the current templates, and the administrator adopts
the template one by one, audited; the holders get the new rights on their next page."""

import pytest
from nicegui.testing import User
from sqlmodel import select

from apps.admin import service
from core import db
from core.access import PermissionDenied
from helpers import principal, sign_in
from models.audit import AuditEvent
from models.org import Assignment, PositionRole, Role
from models.org import User as Account


def _as_set_up_before_least_privilege() -> int:
    """What an LAO set up with the earlier templates has: the planner's role with 'eplan.*', a deputy's seat with
    the full executive role, no deputy role; returns the deputy's position."""
    with db.session_scope(write=True) as session:
        planner = session.exec(select(Role).where(Role.key == 'planner')).one()
        planner.permissions = 'eplan.*\ninfo.village.view'
        session.add(planner)
        for role in session.exec(select(Role).where(Role.key == 'deputy_executive')).all():
            session.delete(role)
        deputy = session.exec(select(Account).where(Account.username == 'deputy1')).one()
        seat = session.exec(select(Assignment.position_id).where(Assignment.user_id == deputy.id)).first()
        for row in session.exec(select(PositionRole).where(PositionRole.position_id == seat,
                                                           PositionRole.role_key == 'deputy_executive')).all():
            session.delete(row)
        session.add(PositionRole(org_id=deputy.org_id, position_id=seat, role_key='executive'))
    return seat


def test_the_drift_names_what_changes_and_adopting_it_takes_the_powers_away() -> None:
    admin = principal('admin')
    assert service.role_drift(admin) == [] and service.seat_drift(admin) == []  # the demo is set up from today's
    seat = _as_set_up_before_least_privilege()
    assert principal('planner').can('eplan.plan.approve') and principal('deputy1').can('elaas.voucher.approve')
    roles = {d.key: d for d in service.role_drift(admin)}
    assert set(roles) == {'planner', 'deputy_executive'}
    assert roles['planner'].removed == ('eplan.*',) and 'eplan.plan.edit' in roles['planner'].added
    assert roles['deputy_executive'].missing
    seats = service.seat_drift(admin)
    assert [(d.position_id, d.removed) for d in seats] == [(seat, ('executive',))]
    assert seats[0].added == ('deputy_executive',)

    with pytest.raises(PermissionDenied):
        service.adopt_role_template(principal('mayor'), 'planner')  # the administrator's task
    service.adopt_role_template(admin, 'planner')
    service.adopt_role_template(admin, 'deputy_executive')
    service.adopt_seat_template(admin, seat)
    assert service.role_drift(admin) == [] and service.seat_drift(admin) == []
    assert not principal('planner').can('eplan.plan.approve') and principal('planner').can('eplan.plan.edit')
    deputy = principal('deputy1')
    assert not deputy.can('elaas.voucher.approve') and deputy.can('elaas.voucher.view')
    with db.session_scope() as session:
        events = session.exec(select(AuditEvent.action).where(AuditEvent.action.in_(
            ['role_template_adopted', 'seat_template_adopted']))).all()
    assert sorted(events) == ['role_template_adopted', 'role_template_adopted', 'seat_template_adopted']


async def test_the_roles_page_shows_the_drift_and_adopts_it_with_one_press(user: User) -> None:
    seat = _as_set_up_before_least_privilege()
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/roles')
    await user.should_see(marker='role-drift')
    await user.should_see('− eplan.*')
    user.find(marker='adopt-planner').click()
    await user.should_see('ปรับบทบาทตามแม่แบบแล้ว')
    await user.should_see(marker=f'seat-drift-{seat}')
    user.find(marker=f'adopt-seat-{seat}').click()
    await user.should_see('ปรับบทบาทของตำแหน่งตามแม่แบบแล้ว')
    assert [d.position_id for d in service.seat_drift(principal('admin'))] == []
    assert not principal('planner').can('eplan.plan.approve')
