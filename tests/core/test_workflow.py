"""Workflow: states, permissioned transitions, guards, no self-approval, approver from the record, audit, counts."""

from decimal import Decimal

import pytest
from sqlmodel import Field, select

from core import db
from core.access import PermissionDenied
from core.errors import Refusal
from core.workflow import Transition, Workflow, head_of_record_division
from helpers import principal
from models.audit import AuditEvent
from models.base import OrgScoped, Tracked


class WorkflowProbe(OrgScoped, Tracked, table=True):
    """A stand-in document for these tests only (created in each test database)."""

    __tablename__ = 'test_workflow_probe'
    id: int | None = Field(default=None, primary_key=True)
    division_id: int
    amount: Decimal = Field(max_digits=14, decimal_places=2)
    status: str = 'draft'


def limit_for_palad(session, record, actor) -> str | None:
    if record.amount > Decimal('100000') and 'executive' not in actor.role_keys:
        return 'วงเงินเกิน 100,000 บาท ต้องเสนอนายกอนุมัติ'
    return None


FLOW = Workflow(
    states={'draft': 'ร่าง', 'checked': 'ตรวจแล้ว', 'approved': 'อนุมัติแล้ว'},
    initial='draft',
    transitions=[
        Transition('check', 'ตรวจ', ('draft',), 'checked', 'hr.leave.approve', approvers=head_of_record_division),
        Transition('approve', 'อนุมัติ', ('checked',), 'approved', 'elaas.voucher.approve', guard=limit_for_palad,
                   no_self_approval=True),
        Transition('return', 'ส่งกลับแก้ไข', ('checked',), 'draft', 'elaas.voucher.approve', needs_note=True,
                   pending=False),
    ],
)


@pytest.fixture
def probe_table():
    WorkflowProbe.__table__.create(db.engine())


def _new(creator: str, amount: str, division_of: str = 'cashier') -> int:
    who = principal(creator)
    with db.session_scope(write=True) as session:
        record = WorkflowProbe(org_id=who.org_id, created_by=who.user_id, amount=Decimal(amount),
                               division_id=principal(division_of).division_ids[0])
        session.add(record)
        session.flush()
        return record.id


def _act(username: str, record_id: int, name: str, note: str = '') -> str:
    with db.session_scope(write=True) as session:
        record = session.get(WorkflowProbe, record_id)
        FLOW.apply(session, record, name, principal(username), note)
        return record.status


def test_approval_chain_with_the_right_people(probe_table) -> None:
    record_id = _new('cashier', '25000.00')
    with pytest.raises(PermissionDenied, match='ไม่มีสิทธิ์'):
        _act('head_palad', record_id, 'check')  # a division head, but of another division (scope)
    with pytest.raises(PermissionDenied, match='ผู้มีอำนาจ'):
        _act('palad', record_id, 'check')  # holds the permission org-wide, but is not this division's head
    assert _act('finance_dir', record_id, 'check') == 'checked'
    assert _act('palad', record_id, 'approve') == 'approved'
    with db.session_scope() as session:
        moves = [e.data for e in session.exec(select(AuditEvent).where(  # the demo's own moves are not this record's
            AuditEvent.action == 'transition', AuditEvent.object_type == 'WorkflowProbe')).all()]
    assert '"from":"draft"' in moves[0] and '"to":"approved"' in moves[1]


def test_guard_limits_by_amount(probe_table) -> None:
    record_id = _new('cashier', '250000.00')
    _act('finance_dir', record_id, 'check')
    with pytest.raises(PermissionDenied, match='ต้องเสนอนายกอนุมัติ'):
        _act('palad', record_id, 'approve')
    assert _act('mayor', record_id, 'approve') == 'approved'


def test_no_self_approval(probe_table) -> None:
    record_id = _new('palad', '1000.00')
    _act('finance_dir', record_id, 'check')
    with pytest.raises(PermissionDenied, match='ของตนเอง'):
        _act('palad', record_id, 'approve')


def test_wrong_state_and_missing_note_are_refused(probe_table) -> None:
    record_id = _new('cashier', '1000.00')
    with pytest.raises(PermissionDenied, match='ไม่ได้ในสถานะ "ร่าง"'):
        _act('palad', record_id, 'approve')
    _act('finance_dir', record_id, 'check')
    with pytest.raises(Refusal, match='หมายเหตุ'):
        _act('palad', record_id, 'return')
    assert _act('palad', record_id, 'return', 'แนบใบส่งของไม่ครบ') == 'draft'


def test_pending_counts_follow_who_can_act(probe_table) -> None:
    for amount in ('1000.00', '2000.00', '300000.00'):
        _act('finance_dir', _new('cashier', amount), 'check')
    _new('cashier', '500.00')
    with db.session_scope() as session:
        assert FLOW.pending_count(session, WorkflowProbe, principal('palad')) == 2  # not the one over the limit
        assert FLOW.pending_count(session, WorkflowProbe, principal('mayor')) == 3
        assert FLOW.pending_count(session, WorkflowProbe, principal('finance_dir')) == 1
        assert FLOW.pending_count(session, WorkflowProbe, principal('teacher')) == 0
