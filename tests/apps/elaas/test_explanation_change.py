"""แก้ไขเปลี่ยนแปลงคำชี้แจง (ระเบียบวิธีการงบประมาณ พ.ศ. 2563 ข้อ 29): a change to the explanation of a ครุภัณฑ์ /
ที่ดินและสิ่งก่อสร้าง line moves no money, goes to the council and is approved only with its resolution; on approval
the line takes the new explanation and the old one stays on the transfer and in the line's history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from elaas_helpers import a_line, reload

from apps.elaas.budget import transfer_rule
from apps.elaas.resources import BUDGET_LINES, TRANSFERS
from core import db, resource
from core.errors import Refusal, ValidationFailed
from core.thai import today
from helpers import principal
from models.finance import BudgetLine, BudgetTransfer

D = Decimal
NEW = 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก กว้าง 5 เมตร ยาว 180 เมตร หนา 0.15 เมตร (ย้ายจุดก่อสร้างไปซอยวัด) ตามแบบ อบต.'


def _change(line_id: int, **values) -> int:
    return resource.create(TRANSFERS, principal('finance_dir'), {
        'transfer_date': today(), 'from_line_id': line_id, 'amount': '0', 'new_explanation': NEW,
        'reason': 'ที่ดินจุดเดิมไม่ได้รับอนุญาตให้ใช้ประโยชน์ จึงย้ายสถานที่ก่อสร้าง', **values})


def _get(transfer_id: int) -> BudgetTransfer:
    with db.session_scope() as session:
        return session.get(BudgetTransfer, transfer_id)


def test_a_capital_line_takes_its_new_explanation_only_by_the_councils_resolution() -> None:
    finance, mayor = principal('finance_dir'), principal('mayor')
    line = a_line(finance.org_id, '542003')
    before = reload(line.id)
    transfer_id = _change(line.id)
    record = _get(transfer_id)
    assert (record.kind, record.amount, record.to_line_id) == ('explanation_change', D('0'), None)

    with pytest.raises(Refusal, match='ต้องได้รับอนุมัติจากสภาท้องถิ่น .*ข้อ 29'):
        resource.transition(TRANSFERS, mayor, transfer_id, 'approve')
    resource.transition(TRANSFERS, mayor, transfer_id, 'propose')
    with pytest.raises(Refusal, match='บันทึกมติสภา'):
        resource.transition(TRANSFERS, finance, transfer_id, 'council_approve')
    assert reload(line.id).explanation == before.explanation  # nothing changed without the resolution

    record = _get(transfer_id)
    values = {f.name: getattr(record, f.name) for f in TRANSFERS.form_fields(False)}
    with pytest.raises(ValidationFailed, match='แก้ไขได้เฉพาะมติสภา'):
        resource.update(TRANSFERS, finance, transfer_id, {**values, 'new_explanation': 'อย่างอื่น'},
                        version=record.version)
    resource.update(TRANSFERS, finance, transfer_id, {**values, 'council_resolution': 'สมัยสามัญ สมัยที่ 3 ครั้งที่ 2',
                                                      'council_date': today()}, version=record.version)
    resource.transition(TRANSFERS, finance, transfer_id, 'council_approve')

    after = reload(line.id)
    assert after.explanation == NEW and after.version == before.version + 1
    assert (after.approved, after.transfer_in, after.transfer_out) == (
        before.approved, before.transfer_in, before.transfer_out)  # no money moved
    assert _get(transfer_id).old_explanation == before.explanation
    event = resource.history(BUDGET_LINES, finance, line.id)[0]
    assert event.action == 'update' and NEW in event.data and 'มติสภา' in event.data


def test_refused_outside_capital_items_with_money_or_with_a_target() -> None:
    org_id = principal('finance_dir').org_id
    materials, capital = a_line(org_id, '533001'), a_line(org_id, '542003')
    with pytest.raises(ValidationFailed, match='ไม่อยู่ในหมวดค่าครุภัณฑ์หรือค่าที่ดินและสิ่งก่อสร้าง') as refused:
        _change(materials.id)
    assert set(refused.value.errors) == {'from_line_id'}
    with pytest.raises(ValidationFailed) as refused:
        _change(capital.id, amount='500', to_line_id=materials.id)
    assert set(refused.value.errors) == {'amount', 'to_line_id'}
    assert 'ไม่มีการโอนเงิน' in refused.value.errors['amount']
    with db.session_scope(write=True) as session:
        session.get(BudgetLine, capital.id).explanation = NEW
    with pytest.raises(ValidationFailed, match='คำชี้แจงใหม่: ยังเหมือนคำชี้แจงเดิม'):
        _change(capital.id)


def test_the_rule_is_in_force_from_its_effective_date() -> None:
    rule = transfer_rule('explanation_change', date(2020, 9, 30))
    assert rule.approver == 'council' and 'ข้อ 29' in rule.clause
    with pytest.raises(Refusal, match='ไม่พบกฎการโอนงบประมาณ "explanation_change" ที่ใช้บังคับ ณ วันที่ 29 กันยายน 2563'):
        transfer_rule('explanation_change', date(2020, 9, 29))


def test_a_change_dated_before_the_rule_is_refused_naming_it() -> None:
    line = a_line(principal('finance_dir').org_id, '542003')
    with pytest.raises(Refusal, match='explanation_change'):
        _change(line.id, transfer_date=date(2020, 9, 29))
    assert _get(_change(line.id, transfer_date=today() - timedelta(days=1))).kind == 'explanation_change'


def test_a_capital_change_to_an_existing_line_takes_its_resolution_in_the_councils_hands() -> None:
    finance, mayor = principal('finance_dir'), principal('mayor')
    source, target = a_line(finance.org_id, '542003'), a_line(finance.org_id, '541001')
    transfer_id = resource.create(TRANSFERS, finance, {
        'transfer_date': today(), 'from_line_id': source.id, 'to_line_id': target.id, 'amount': '1,000',
        'changes_capital': True, 'reason': 'เปลี่ยนขนาดตู้เหล็กเป็นแบบ 4 ลิ้นชัก'})
    resource.transition(TRANSFERS, mayor, transfer_id, 'propose')
    record = _get(transfer_id)  # its blank new-item fields come back from the form as None: not a change
    values = {f.name: getattr(record, f.name) for f in TRANSFERS.form_fields(False)}
    resource.update(TRANSFERS, finance, transfer_id, {**values, 'new_work_code': None, 'new_type_code': None,
                                                      'council_resolution': 'สมัยวิสามัญ สมัยที่ 1 ครั้งที่ 1',
                                                      'council_date': today()}, version=record.version)
    resource.transition(TRANSFERS, finance, transfer_id, 'council_approve')
    assert reload(target.id).transfer_in == target.transfer_in + D('1000.00')


def test_the_demo_holds_a_change_before_the_council_that_its_resolution_approves() -> None:
    finance = principal('finance_dir')
    with db.session_scope() as session:
        from sqlmodel import select
        record = session.exec(select(BudgetTransfer).where(BudgetTransfer.kind == 'explanation_change')).one()
    assert record.status == 'council' and record.amount == D('0')
    values = {f.name: getattr(record, f.name) for f in TRANSFERS.form_fields(False)}
    resource.update(TRANSFERS, finance, record.id, {**values, 'council_resolution': 'สมัยสามัญ สมัยที่ 4 ครั้งที่ 1',
                                                    'council_date': today()}, version=record.version)
    resource.transition(TRANSFERS, finance, record.id, 'council_approve')
    assert reload(record.from_line_id).explanation == record.new_explanation
