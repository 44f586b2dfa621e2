"""The ordinance's path: the council's three readings in order, the overseer by LAO type (the นายอำเภอ for an อบต.)
endorsing or deemed to endorse after the legal days, no announcement before the endorsement, the budget's balance
against the estimated revenue warned with its figures or refused as the LAO's rule says."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select
from test_budget import line_values

from apps.elaas.budget import ordinance_rule
from apps.elaas.resources import BUDGET_LINES, BUDGETS
from core import db, resource
from core.errors import Refusal
from core.thai import fiscal_year, frozen_clock, local_zone, today
from helpers import principal
from models.finance import Budget, FinanceRule

FY = fiscal_year(today())


def _draft(fy: int, revenue: str = '1,000,000') -> int:
    planner = principal('planner')
    budget_id = resource.create(BUDGETS, planner, {'fiscal_year': fy, 'title': f'ข้อบัญญัติ {fy}',
                                                   'estimated_revenue': revenue})
    resource.create(BUDGET_LINES, planner, line_values(fy, approved='400,000'))
    return budget_id


def _record(budget_id: int, **dates) -> None:
    planner = principal('planner')
    budget = resource.get(BUDGETS, planner, budget_id)
    values = {f.name: getattr(budget, f.name) for f in BUDGETS.form_fields(False)}
    resource.update(BUDGETS, planner, budget_id, {**values, **dates}, version=budget.version)


def _status(budget_id: int) -> str:
    return resource.get(BUDGETS, principal('planner'), budget_id).status


def test_the_council_reads_it_three_times_the_district_chief_endorses_then_it_is_announced() -> None:
    planner, mayor = principal('planner'), principal('mayor')
    budget_id = _draft(FY + 2)
    resource.transition(BUDGETS, planner, budget_id, 'submit')
    with pytest.raises(Refusal, match='บันทึกวันที่สภารับหลักการ'):
        resource.transition(BUDGETS, planner, budget_id, 'pass')
    day = today() - timedelta(days=30)
    _record(budget_id, first_reading_on=day, second_reading_on=day - timedelta(days=1), council_passed_on=day)
    with pytest.raises(Refusal, match='วันที่แปรญัตติ \\(วาระที่ 2\\)ต้องไม่ก่อนวันที่สภารับหลักการ'):
        resource.transition(BUDGETS, planner, budget_id, 'pass')
    with pytest.raises(Refusal, match='บันทึกได้เฉพาะวันที่ตามขั้นตอน'):
        _record(budget_id, estimated_revenue=Decimal('5000000.00'))
    _record(budget_id, second_reading_on=day + timedelta(days=7), council_passed_on=day + timedelta(days=8))
    resource.transition(BUDGETS, planner, budget_id, 'pass')
    with pytest.raises(Refusal, match='ลงนามประกาศใช้|ไม่พบการดำเนินการ|ทำได้|สถานะ'):
        resource.transition(BUDGETS, mayor, budget_id, 'approve')  # not before the overseer
    _record(budget_id, sent_on=day + timedelta(days=10))
    resource.transition(BUDGETS, mayor, budget_id, 'send')
    _record(budget_id, endorsed_on=day + timedelta(days=20))
    resource.transition(BUDGETS, planner, budget_id, 'endorse')
    with pytest.raises(Refusal, match='บันทึกวันที่ประกาศใช้'):
        resource.transition(BUDGETS, mayor, budget_id, 'approve')
    _record(budget_id, announced_on=day + timedelta(days=19))
    with pytest.raises(Refusal, match='วันที่ประกาศใช้ต้องไม่ก่อนวันที่ได้รับความเห็นชอบ'):
        resource.transition(BUDGETS, mayor, budget_id, 'approve')
    _record(budget_id, announced_on=day + timedelta(days=21))
    resource.transition(BUDGETS, mayor, budget_id, 'approve')
    assert _status(budget_id) == 'approved'


def test_without_an_answer_it_is_deemed_endorsed_after_the_legal_days() -> None:
    rule = ordinance_rule('subdistrict_admin_org', today())
    assert (rule.authority, rule.days) == ('นายอำเภอ', 15) and 'มาตรา 87' in rule.clause
    planner, mayor = principal('planner'), principal('mayor')
    budget_id = _draft(FY + 3)
    resource.transition(BUDGETS, planner, budget_id, 'submit')
    sent = today() - timedelta(days=14)
    _record(budget_id, first_reading_on=sent - timedelta(days=20), second_reading_on=sent - timedelta(days=10),
            council_passed_on=sent - timedelta(days=3))
    resource.transition(BUDGETS, planner, budget_id, 'pass')
    _record(budget_id, sent_on=sent)
    resource.transition(BUDGETS, mayor, budget_id, 'send')
    with pytest.raises(Refusal, match='ยังไม่ได้รับความเห็นชอบจากนายอำเภอ.*ครบ 15 วัน'):
        resource.transition(BUDGETS, planner, budget_id, 'endorse')  # day 14: not yet
    tomorrow = today() + timedelta(days=1)
    from datetime import datetime, time
    with frozen_clock(datetime.combine(tomorrow, time(9), local_zone())):
        resource.transition(BUDGETS, planner, budget_id, 'endorse')  # day 15: deemed endorsed
    assert _status(budget_id) == 'endorsed'


def test_an_unbalanced_draft_is_warned_or_refused_as_the_rule_says() -> None:
    planner = principal('planner')
    budget_id = _draft(FY + 4, revenue='300,000')  # spends 400,000
    with db.session_scope(write=True) as session:
        session.add(FinanceRule(org_id=planner.org_id, key='budget_deficit_refused', value=Decimal('1'),
                                effective_from=date(2020, 10, 1), description='ทดสอบงบประมาณไม่สมดุล'))
    try:
        with pytest.raises(Refusal, match='ประมาณการรายจ่าย 400,000.00 บาท สูงกว่าประมาณการรายรับ 300,000.00 บาท '
                                          'อยู่ 100,000.00 บาท'):
            resource.transition(BUDGETS, planner, budget_id, 'submit')
    finally:
        with db.session_scope(write=True) as session:
            for rule in session.exec(select(FinanceRule).where(
                    FinanceRule.description == 'ทดสอบงบประมาณไม่สมดุล')).all():
                session.delete(rule)
    resource.transition(BUDGETS, planner, budget_id, 'submit')  # the LAO's own rule: a warning only
    from apps.elaas.reports import personnel_share
    assert 'สูงกว่าประมาณการรายรับ' in personnel_share(planner, FY + 4)['balance']
    with db.session_scope() as session:
        assert session.exec(select(Budget).where(Budget.id == budget_id)).one().status == 'submitted'
