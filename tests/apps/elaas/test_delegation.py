"""Roles as the law says: the powers are the นายก's; the ปลัด and the deputies act beyond their roles only by a dated
delegation order in force on the day (คำสั่งมอบอำนาจ), up to its amount, and the approval records the order."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import yaml
from elaas_helpers import fund_id, letters, new_voucher, pdf_letters
from sqlmodel import select

from apps.admin.resources import DELEGATIONS
from apps.elaas import prints, vouchers
from apps.eplan.resources import EDITIONS
from core import db, resource
from core.access import PermissionDenied
from core.errors import NotFound, ValidationFailed
from core.resource import REGISTRY
from core.settings import asset
from core.thai import fiscal_year, today
from helpers import principal
from models.audit import AuditEvent
from models.finance import BudgetLine, Voucher
from models.org import Division
from models.plan import PlanEdition

MONEY_POWERS = ('elaas.voucher.approve', 'elaas.transfer.approve', 'elaas.budget.approve', 'elaas.journal.approve')


def _roomy_line() -> int:
    with db.session_scope() as session:
        lines = session.exec(select(BudgetLine).where(BudgetLine.org_id == principal('accountant').org_id,
                                                      BudgetLine.fiscal_year == fiscal_year(today()))).all()
    return max(lines, key=lambda line: line.remaining).id


def _checked_voucher(amount: str, division_id: int | None = None) -> int:
    voucher_id = new_voucher(_roomy_line(), amount, division_id=division_id)
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    return voucher_id


def _division(code: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(Division.id).where(Division.code == code)).one()


def _order(username: str, **values) -> int:
    """The นายก records an order for the user's (primary) position."""
    actor = principal(username)
    return resource.create(DELEGATIONS, principal('mayor'), {
        'number': '300/2569', 'order_date': today() - timedelta(days=10), 'position_id': actor.position_ids[0],
        'permission': 'elaas.voucher.approve', 'valid_from': today() - timedelta(days=10), **values})


def test_no_role_below_the_administrator_holds_an_app_wide_pattern() -> None:
    roles = yaml.safe_load(asset('roles.yaml').read_text(encoding='utf-8'))['roles']
    for role in roles:
        if role['key'] != 'system_admin':
            assert not [p for p in role['permissions'] if '*' in p], role['key']


def test_the_planner_prepares_the_plan_but_cannot_review_or_approve_it() -> None:
    planner = principal('planner')
    assert planner.can('eplan.plan.edit')
    assert not planner.can('eplan.plan.review') and not planner.can('eplan.plan.approve')
    edition_id = resource.create(EDITIONS, planner, {'kind': 'amendment', 'year': '2569', 'reason': 'ทดสอบ'})
    resource.transition(EDITIONS, planner, edition_id, 'submit')
    with pytest.raises(PermissionDenied):
        resource.transition(EDITIONS, planner, edition_id, 'review')
    resource.transition(EDITIONS, principal('palad'), edition_id, 'review')
    with pytest.raises(PermissionDenied):
        resource.transition(EDITIONS, planner, edition_id, 'approve')
    resource.transition(EDITIONS, principal('mayor'), edition_id, 'approve')
    with db.session_scope() as session:
        assert session.get(PlanEdition, edition_id).status == 'approved'


@pytest.mark.parametrize('username', ['deputy1', 'deputy2', 'deputy_palad'])
def test_deputies_hold_no_money_power_of_their_own(username: str) -> None:
    deputy = principal(username)
    assert not [power for power in MONEY_POWERS if deputy.can(power)]
    assert not deputy.can('eplan.plan.approve') and not deputy.can('eplan.plan.review')
    voucher_id = _checked_voucher('5000.00')
    with pytest.raises(PermissionDenied, match='คำสั่งมอบอำนาจ'):
        vouchers.transition(deputy, voucher_id, 'approve')


def test_a_deputy_without_any_order_is_told_there_is_none() -> None:
    voucher_id = _checked_voucher('5000.00')
    with pytest.raises(PermissionDenied, match='ไม่มีคำสั่งมอบอำนาจให้ตำแหน่งของท่านอนุมัติฎีกา'):
        vouchers.transition(principal('deputy1'), voucher_id, 'approve')


def test_an_expired_order_refuses_naming_it() -> None:
    """The demo's รองปลัด approved vouchers by order 120/2567 while the ปลัด was away; it has ended."""
    voucher_id = _checked_voucher('5000.00')
    with pytest.raises(PermissionDenied, match=r'คำสั่งมอบอำนาจที่ 120/2567 .*สิ้นสุดเมื่อ 30 เมษายน 2567'):
        vouchers.transition(principal('deputy_palad'), voucher_id, 'approve')
    _order('deputy_palad', number='301/2569', limit_amount='20000', valid_to=today() - timedelta(days=1))
    with pytest.raises(PermissionDenied, match=r'คำสั่งมอบอำนาจที่ 301/2569 .*สิ้นสุดเมื่อ'):
        vouchers.transition(principal('deputy_palad'), voucher_id, 'approve')


def test_with_an_order_in_force_a_deputy_approves_up_to_its_limit_and_the_approval_records_it() -> None:
    order_id = _order('deputy_palad', limit_amount='50,000', valid_to=today() + timedelta(days=30))
    deputy = principal('deputy_palad')
    assert deputy.can('elaas.voucher.approve') and not deputy.by_role('elaas.voucher.approve')
    small, big = _checked_voucher('40000.00'), _checked_voucher('60000.00')
    pending = resource.pending(REGISTRY['elaas/vouchers'], deputy)
    vouchers.transition(deputy, small, 'approve')
    assert resource.pending(REGISTRY['elaas/vouchers'], deputy) == pending - 1  # the big one is not theirs
    with pytest.raises(PermissionDenied, match='เกินวงเงินอนุมัติตามคำสั่งที่ 300/2569'):
        vouchers.transition(deputy, big, 'approve')
    with db.session_scope() as session:
        assert session.get(Voucher, small).approval_order_id == order_id
        event = session.exec(select(AuditEvent).where(AuditEvent.object_type == 'Voucher',
                                                      AuditEvent.object_id == str(small),
                                                      AuditEvent.action == 'transition')
                             .order_by(AuditEvent.id.desc())).first()
    assert json.loads(event.data)['delegation']['number'] == '300/2569'
    vouchers.transition(principal('mayor'), big, 'approve')  # the นายก, in his own right
    with db.session_scope() as session:
        assert session.get(Voucher, big).approval_order_id is None


def test_the_palad_approves_by_his_order_up_to_100000() -> None:
    palad = principal('palad')
    assert not palad.by_role('elaas.voucher.approve')
    assert palad.delegation('elaas.voucher.approve').limit == Decimal('100000.00')
    within = _checked_voucher('100000.00')
    vouchers.transition(palad, within, 'approve')
    with db.session_scope() as session:
        approved = session.get(Voucher, within)
    assert approved.approval_order_id is not None
    content = prints.voucher_pdf(approved, palad)
    assert letters('ปฏิบัติราชการแทนนายก') in pdf_letters(content) and '245/2567' in pdf_letters(content)


def test_a_revoked_order_gives_nothing() -> None:
    _order('deputy1', limit_amount='10000', revoked=True)
    assert not principal('deputy1').can('elaas.voucher.approve')


def test_order_rules_refuse_wrong_dates_and_limits() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _order('deputy1', valid_from=today(), valid_to=today() - timedelta(days=1))
    assert 'valid_to' in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        _order('deputy1', order_date=today(), valid_from=today() - timedelta(days=3))
    assert 'valid_from' in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        _order('deputy1', permission='eoffice.doc.order', limit_amount='1000')
    assert 'limit_amount' in refused.value.errors
    with pytest.raises(PermissionDenied):  # the ปลัด does not delegate the นายก's powers
        resource.create(DELEGATIONS, principal('palad'), {
            'number': '1/2569', 'order_date': today(), 'position_id': principal('palad').position_ids[0],
            'permission': 'elaas.voucher.approve', 'valid_from': today()})


def test_a_division_director_reads_their_divisions_vouchers_not_the_books() -> None:
    edu_dir = principal('edu_dir')
    for permission in ('elaas.receipt.view', 'elaas.journal.view', 'elaas.codes.view'):
        assert not edu_dir.can(permission), permission
    for register in ('elaas/receipts', 'elaas/journals', 'elaas/accounts'):
        with pytest.raises(PermissionDenied):
            resource.query(REGISTRY[register], edu_dir)
    with db.session_scope() as session:
        divisions = dict(session.exec(select(Division.code, Division.id).where(
            Division.org_id == edu_dir.org_id)).all())
    accountant = principal('accountant')
    ids = {code: vouchers.create_voucher(accountant, {
        'voucher_date': today(), 'payee': 'ร้านทดสอบ', 'description': 'วัสดุ', 'division_id': divisions[code],
        'fund_source_id': fund_id(accountant.org_id), 'budget_line_id': _roomy_line(), 'amount': Decimal('100')})
        for code in ('EDU', 'ENG')}
    seen = {v.id for v in resource.query(REGISTRY['elaas/vouchers'], edu_dir, per_page=10_000).rows}
    assert ids['EDU'] in seen and ids['ENG'] not in seen
    with pytest.raises((PermissionDenied, NotFound)):
        resource.get(REGISTRY['elaas/vouchers'], edu_dir, ids['ENG'])
    assert edu_dir.can('elaas.report.view')  # the budget reports of the whole organisation


def test_an_order_over_one_division_reaches_that_divisions_vouchers_only() -> None:
    edu, fin = _division('EDU'), _division('FIN')
    _order('deputy_palad', number='302/2569', limit_amount='50000', division_id=edu)
    deputy, register = principal('deputy_palad'), REGISTRY['elaas/vouchers']
    ours, theirs = _checked_voucher('1000.00', edu), _checked_voucher('1000.00', fin)
    pending = resource.pending(register, deputy)
    with db.session_scope() as session:  # the count in SQL is the refusal in Python, voucher by voucher
        waiting = session.exec(select(Voucher).where(Voucher.org_id == deputy.org_id, Voucher.status == 'checked'))
        assert pending == sum(1 for v in waiting.all() if register.workflow.refusal(
            session, v, register.workflow.transition('approve'), deputy) is None) >= 1
    with pytest.raises(PermissionDenied, match='302/2569 .*มอบเฉพาะเรื่องของกองการศึกษา'):
        vouchers.transition(deputy, theirs, 'approve')
    vouchers.transition(deputy, ours, 'approve')
    assert resource.pending(register, deputy) == pending - 1
    with db.session_scope() as session:
        assert session.get(Voucher, ours).approval_order_id is not None
