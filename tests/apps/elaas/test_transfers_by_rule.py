"""Budget transfers by the rule (ระเบียบวิธีการงบประมาณ พ.ศ. 2563 ข้อ 26–27): the executive approves transfers
between existing items; a transfer to a new item, or one that changes a capital item, goes to the council and is
approved only with its resolution; the personnel cap (มาตรา 35) is checked on every transfer into personnel costs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from elaas_helpers import a_line, reload
from sqlmodel import select

from apps.elaas.budget import personnel_table, transfer_rule
from apps.elaas.resources import TRANSFERS
from core import db, resource
from core.errors import Refusal, ValidationFailed
from core.thai import today
from helpers import principal
from models.finance import BudgetLine, BudgetTransfer, FinanceRule

D = Decimal


def _transfer(**values) -> int:
    finance = principal('finance_dir')
    source = a_line(finance.org_id, '533001')
    return resource.create(TRANSFERS, finance, {'transfer_date': today(), 'from_line_id': source.id,
                                                'reason': 'ตั้งจ่ายรายการที่จำเป็นเร่งด่วน', 'amount': '2,000',
                                                **values})


def _get(transfer_id: int) -> BudgetTransfer:
    with db.session_scope() as session:
        return session.get(BudgetTransfer, transfer_id)


def test_a_transfer_to_a_new_item_goes_through_the_council_with_its_resolution() -> None:
    finance, mayor = principal('finance_dir'), principal('mayor')
    source = a_line(finance.org_id, '533001')
    with pytest.raises(ValidationFailed, match='ประเภทรายจ่ายของรายการใหม่: กรุณาระบุ'):
        _transfer(new_item='ค่าจัดซื้อเครื่องสูบน้ำ', new_work_code='00111')
    transfer_id = _transfer(new_item='ค่าจัดซื้อเครื่องสูบน้ำ', new_work_code='00111', new_type_code='533001')
    assert _get(transfer_id).kind == 'new_item' and _get(transfer_id).to_line_id is None

    with pytest.raises(Refusal, match='ต้องได้รับอนุมัติจากสภาท้องถิ่น .*ข้อ 27'):
        resource.transition(TRANSFERS, mayor, transfer_id, 'approve')
    resource.transition(TRANSFERS, mayor, transfer_id, 'propose')
    assert _get(transfer_id).status == 'council'
    with pytest.raises(Refusal, match='บันทึกมติสภา'):
        resource.transition(TRANSFERS, finance, transfer_id, 'council_approve')
    record = _get(transfer_id)
    values = {f.name: getattr(record, f.name) for f in TRANSFERS.form_fields(False)}
    with pytest.raises(ValidationFailed, match='แก้ไขได้เฉพาะมติสภา'):
        resource.update(TRANSFERS, finance, transfer_id, {**values, 'amount': D('9000.00')}, version=record.version)
    resource.update(TRANSFERS, finance, transfer_id, {**values, 'council_resolution': 'สมัยสามัญ สมัยที่ 4 ครั้งที่ 1',
                                                      'council_date': today()}, version=record.version)
    resource.transition(TRANSFERS, finance, transfer_id, 'council_approve')

    record = _get(transfer_id)
    assert record.status == 'approved' and record.to_line_id is not None
    with db.session_scope() as session:
        line = session.get(BudgetLine, record.to_line_id)
    assert (line.item, line.approved, line.transfer_in, line.type_code) == (
        'ค่าจัดซื้อเครื่องสูบน้ำ', D('0'), D('2000.00'), '533001')
    assert line.code.startswith(f'{record.fiscal_year % 100:02d}00111533001') and line.remaining == D('2000.00')
    assert reload(source.id).transfer_out == source.transfer_out + D('2000.00')


def test_an_ordinary_transfer_is_the_executive_and_a_capital_change_only_on_capital_items() -> None:
    finance, mayor = principal('finance_dir'), principal('mayor')
    target = a_line(finance.org_id, '534001')
    ordinary = _transfer(to_line_id=target.id)
    with pytest.raises(Refusal, match='อำนาจอนุมัติของผู้บริหารท้องถิ่น .*ข้อ 26'):
        resource.transition(TRANSFERS, mayor, ordinary, 'propose')
    resource.transition(TRANSFERS, mayor, ordinary, 'approve')
    with pytest.raises(ValidationFailed, match='ใช้เฉพาะรายการหมวดค่าครุภัณฑ์'):
        _transfer(to_line_id=target.id, changes_capital=True)


def test_the_rules_are_dated() -> None:
    assert transfer_rule('new_item', date(2020, 9, 30)).approver == 'council'
    with pytest.raises(Refusal, match='ไม่พบกฎการโอนงบประมาณ "new_item"'):
        transfer_rule('new_item', date(2020, 9, 29))


def test_a_transfer_into_personnel_costs_is_held_to_the_cap_in_force_on_its_date() -> None:
    finance, mayor = principal('finance_dir'), principal('mayor')
    with db.session_scope() as session:
        table = personnel_table(session, finance.org_id, a_line(finance.org_id).fiscal_year)
        salary = session.exec(select(BudgetLine).where(BudgetLine.org_id == finance.org_id,
                                                       BudgetLine.type_code == '522001')).first()
    tomorrow = today() + timedelta(days=1)
    with db.session_scope(write=True) as session:  # from tomorrow the cap is what the budget already spends
        session.add(FinanceRule(org_id=finance.org_id, key='personnel_cap_pct', value=table['pct'] - D('0.01'),
                                effective_from=tomorrow, description='ทดสอบเกณฑ์ใหม่'))
    try:
        today_transfer = _transfer(to_line_id=salary.id, amount='100')
        resource.transition(TRANSFERS, mayor, today_transfer, 'approve')  # today's cap still allows it
        later = _transfer(to_line_id=salary.id, amount='100', transfer_date=tomorrow)
        with pytest.raises(Refusal, match='เกินร้อยละ .*มาตรา 35'):
            resource.transition(TRANSFERS, mayor, later, 'approve')
    finally:
        with db.session_scope(write=True) as session:
            for rule in session.exec(select(FinanceRule).where(FinanceRule.description == 'ทดสอบเกณฑ์ใหม่')).all():
                session.delete(rule)


def test_a_finance_rule_not_in_force_refuses_naming_it() -> None:
    from apps.elaas.codes import required_rule
    org_id = principal('finance_dir').org_id
    with db.session_scope() as session:
        assert required_rule(session, org_id, 'personnel_cap_pct', date(1999, 11, 17)) == D('40')
        with pytest.raises(Refusal, match='ไม่พบเกณฑ์การเงิน "ค่าใช้จ่ายด้านบุคคลไม่เกินร้อยละของงบประมาณรายจ่าย '
                                          r'\(มาตรา 35\)" \(personnel_cap_pct\) ที่ใช้บังคับ ณ วันที่ 16 พฤศจิกายน 2542'):
            required_rule(session, org_id, 'personnel_cap_pct', date(1999, 11, 16))
