"""Roles from positions held plus grants; scopes; the one guard used by services and pages."""

import pytest
from sqlmodel import select

from core import db
from core.access import PermissionDenied, load_principal, require, users_with
from core.menu import menu_for
from helpers import principal
from models.audit import AuditEvent
from models.org import User


def test_roles_follow_positions_and_several_positions_give_the_union() -> None:
    head = principal('head_palad')  # หัวหน้าสำนักปลัด and acting ผอ.กองสวัสดิการสังคม
    assert len(head.position_ids) == 2 and len(head.division_ids) == 2
    assert 'division_head' in head.role_keys
    planner = principal('planner')
    assert planner.can('eplan.plan.edit') and planner.can('info.village.edit')
    assert not planner.can('admin.user.manage') and not planner.can('elaas.voucher.approve')
    assert principal('mayor').can('elaas.voucher.approve')
    assert principal('admin').can('admin.user.manage')
    assert principal('auditor').can('admin.audit.read') and not principal('auditor').can('admin.user.manage')
    assert not principal('finance_dir').can('admin.audit.read')  # a division head's '*.view' does not open it


def test_menus_differ_by_position() -> None:
    def keys(username: str) -> set[str]:
        return {spec.key for spec, _ in menu_for(principal(username))}
    assert 'admin' in keys('admin') and 'admin' not in keys('planner')
    assert {'info', 'help'} <= keys('teacher')


def test_scope_own_division_org() -> None:
    class Record:
        def __init__(self, org_id, division_id=None, created_by=None):
            self.org_id, self.division_id, self.created_by = org_id, division_id, created_by
    clerk = principal('clerk')  # registrar: division scope
    own_division = clerk.division_ids[0]
    assert clerk.can('eoffice.doc.register', Record(clerk.org_id, own_division))
    assert not clerk.can('eoffice.doc.register', Record(clerk.org_id, own_division + 1000))
    assert not clerk.can('eoffice.doc.register', Record(clerk.org_id + 1, own_division))  # another LAO
    teacher = principal('teacher')  # staff: own scope
    assert teacher.can('hr.leave.request', Record(teacher.org_id, created_by=teacher.user_id))
    assert not teacher.can('hr.leave.request', Record(teacher.org_id, created_by=teacher.user_id + 1))


def test_require_raises_in_thai_and_audits_the_denial() -> None:
    with pytest.raises(PermissionDenied, match='ไม่มีสิทธิ์'):
        require(principal('teacher'), 'admin.user.manage', where='test')
    with db.session_scope() as session:
        last = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last.action == 'access_denied' and 'admin.user.manage' in last.data


def test_denial_inside_a_write_transaction_is_recorded_after_it() -> None:
    with pytest.raises(PermissionDenied):
        with db.session_scope(write=True):
            require(principal('teacher'), 'admin.org.manage')
    with db.session_scope() as session:
        last = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last.action == 'access_denied' and 'admin.org.manage' in last.data


def test_acting_in_one_position_takes_its_division_only() -> None:
    """The header's switcher: a user with two positions acts in one at a time (its division, its roles)."""
    class Record:
        def __init__(self, org_id, division_id):
            self.org_id, self.division_id = org_id, division_id
    union = principal('head_palad')
    with db.session_scope() as session:
        central, welfare = (load_principal(session, union.user_id, p) for p in union.position_ids)
    assert central.position_id == union.position_ids[0] and central.position_ids == (union.position_ids[0],)
    assert len(central.division_ids) == len(welfare.division_ids) == 1
    assert central.division_ids != welfare.division_ids
    welfare_letter = Record(union.org_id, welfare.division_ids[0])
    assert union.can('eoffice.doc.assign', welfare_letter)
    assert welfare.can('eoffice.doc.assign', welfare_letter)
    assert not central.can('eoffice.doc.assign', welfare_letter)
    with db.session_scope() as session:  # a position not held: acts in every position held, never in that one
        assert load_principal(session, union.user_id, 999_999).division_ids == union.division_ids


@pytest.mark.parametrize('permission', ['eoffice.doc.order', 'eoffice.doc.assign', 'elaas.voucher.approve',
                                        'admin.user.manage', 'eplan.plan.view', 'nobody.has.this'])
def test_users_with_a_permission_in_one_query_agree_with_each_principal(permission: str) -> None:
    org_id = principal('mayor').org_id
    with db.session_scope() as session:
        expected = {u.id: u.full_name for u in session.exec(select(User).where(User.org_id == org_id, User.is_active)
                                                             .order_by(User.id)).all()
                    if not u.reads_across and load_principal(session, u.id).can(permission)}  # a reader: none
        assert users_with(session, org_id, permission) == expected
    assert permission == 'nobody.has.this' or expected
