"""Guided walkthroughs: every step's check turns true when the trainee's data is there, and not before; the
trainee sees their progress, the trainer everyone's. The data is put in place row by row (the apps' own tests
cover how their services make those rows), so each check is seen to turn on its own."""

import pytest
from nicegui.testing import User
from sqlmodel import col, select

from apps.help import walkthrough
from core import db
from core.demo import PEOPLE
from core.errors import Denied
from helpers import principal, sign_in
from models.finance import BudgetLine, Voucher, VoucherLine
from models.hr import LeaveRequest
from models.office import Document, RouteStep
from models.plan import PlanProject
from models.procurement import Procurement


def _done(actor, key: str) -> tuple[bool, ...]:
    return next(p.done for p in walkthrough.mine(actor) if p.flow.key == key)


def _copy(session, row, **changes):
    data = row.model_dump(exclude={'id'}) | changes
    new = type(row).model_validate(data)
    session.add(new)
    session.flush()
    return new


def _update(model, row_id: int, **changes) -> None:
    with db.session_scope(write=True) as session:
        row = session.get(model, row_id)
        for name, value in changes.items():
            setattr(row, name, value)
        session.add(row)


def test_every_check_of_the_data_is_known() -> None:
    assert {f.key for f in walkthrough.flows()} == {'plan-to-pay', 'letter', 'leave'}
    for flow in walkthrough.flows():
        for step in flow.steps:
            assert step.check in walkthrough.CHECKS and step.link.startswith('/') and step.instructions


def test_plan_to_pay_steps_turn_on_one_by_one() -> None:
    trainee = principal('teacher')
    assert _done(trainee, 'plan-to-pay') == (False,) * 5
    with db.session_scope(write=True) as session:
        demo_project = session.exec(select(PlanProject).order_by(col(PlanProject.id))).first()
        project = _copy(session, demo_project, lineage_id=0, name='โครงการฝึกอบรม', created_by=trainee.user_id)
        demo_line = session.exec(select(BudgetLine).order_by(col(BudgetLine.id))).first()
        line = _copy(session, demo_line, code='WT-1', project_id=None, created_by=None)
        project_id, line_id = project.id, line.id
        procurement_id = session.exec(select(Procurement.id)).first()
        voucher_id, voucher_line_id = session.exec(select(Voucher.id, VoucherLine.id).join(
            VoucherLine, VoucherLine.voucher_id == Voucher.id)).first()
    assert _done(trainee, 'plan-to-pay') == (True, False, False, False, False)
    assert _done(principal('clerk'), 'plan-to-pay')[0] is False  # another user's progress is their own
    _update(BudgetLine, line_id, project_id=project_id)
    assert _done(trainee, 'plan-to-pay') == (True, True, False, False, False)
    _update(Procurement, procurement_id, budget_line_id=line_id)
    assert _done(trainee, 'plan-to-pay') == (True, True, True, False, False)
    _update(VoucherLine, voucher_line_id, budget_line_id=line_id)
    _update(Voucher, voucher_id, status='checked')
    assert _done(trainee, 'plan-to-pay') == (True, True, True, False, False)
    _update(Voucher, voucher_id, status='approved')
    assert _done(trainee, 'plan-to-pay') == (True, True, True, True, False)
    _update(Voucher, voucher_id, status='paid')
    assert _done(trainee, 'plan-to-pay') == (True,) * 5


def test_letter_steps() -> None:
    trainee = principal('clerk')
    with db.session_scope(write=True) as session:
        theirs = session.exec(select(Document.id).where(Document.register_key == 'incoming',
                                                        Document.created_by == trainee.user_id)).all()
        for document_id in theirs:  # the demo's letters registered by the clerk: make them someone else's
            row = session.get(Document, document_id)
            row.created_by = principal('head_palad').user_id
            session.add(row)
    assert _done(trainee, 'letter') == (False, False, False)
    with db.session_scope(write=True) as session:
        demo = session.exec(select(Document).where(Document.register_key == 'incoming')).first()
        letter = _copy(session, demo, number=99_001, created_by=trainee.user_id, status='received')
        letter_id = letter.id
    assert _done(trainee, 'letter') == (True, False, False)
    with db.session_scope(write=True) as session:
        session.add(RouteStep(org_id=trainee.org_id, document_id=letter_id, action='present',
                              from_user_id=trainee.user_id, to_user_id=principal('palad').user_id))
    assert _done(trainee, 'letter') == (True, True, False)
    with db.session_scope(write=True) as session:
        session.add(RouteStep(org_id=trainee.org_id, document_id=letter_id, action='order',
                              from_user_id=principal('palad').user_id, text='มอบกองคลังดำเนินการ'))
    assert _done(trainee, 'letter') == (True, True, True)


def test_leave_steps() -> None:
    trainee = principal('driver')
    with db.session_scope(write=True) as session:
        for row in session.exec(select(LeaveRequest).where(LeaveRequest.owner_id == trainee.user_id)).all():
            row.owner_id = None  # the demo's requests of the driver: no longer his
            session.add(row)
    assert _done(trainee, 'leave') == (False, False)
    with db.session_scope(write=True) as session:
        demo = session.exec(select(LeaveRequest)).first()
        request_id = _copy(session, demo, owner_id=trainee.user_id, status='draft').id
    assert _done(trainee, 'leave') == (False, False)  # a draft is not filed
    _update(LeaveRequest, request_id, status='submitted')
    assert _done(trainee, 'leave') == (True, False)
    _update(LeaveRequest, request_id, status='approved')
    assert _done(trainee, 'leave') == (True, True)


def test_the_trainer_sees_everyone() -> None:
    with pytest.raises(Denied):
        walkthrough.everyone(principal('clerk'))
    rows = walkthrough.everyone(principal('admin'))
    assert len(rows) >= 25 and all(len(r.flows) == 3 for r in rows)
    # all users are checked at once; each one's row says what their own page says
    by_user = {r.user_id: tuple(p.done for p in r.flows) for r in rows}
    seen = set()
    for person in PEOPLE:
        actor = principal(person.username)
        mine = tuple(p.done for p in walkthrough.mine(actor))
        assert by_user[actor.user_id] == mine, person.username
        seen.add(mine)
    assert len(seen) > 1, 'the demo gives every user the same progress: the comparison proves nothing'


async def test_walkthrough_pages(user: User) -> None:
    await sign_in(user, 'clerk', expect='นางสาวสายใจ บุญมา')
    await user.open('/help/walkthroughs/plan-to-pay')
    await user.should_see(marker='walkthrough-step-1')
    await user.should_see('เพิ่มโครงการในแผนพัฒนาท้องถิ่น (ผ.02)')
    await user.open('/help/walkthroughs/progress')
    await user.should_see(marker='no-access')
