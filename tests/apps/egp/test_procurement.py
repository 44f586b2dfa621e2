"""The procurement file end to end through the services: vendors (tax id, blocked), a file from a budget line (method
checked, ราคากลาง, e-GP number), committees, the reserve at the request (refused beyond the remaining budget), award,
contract signing (the commitment in e-LAAS), inspection with a late fine and the draft ฎีกา finance completes; the
self-checks."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from egp_helpers import (
    add_members,
    all_accept,
    approved_file,
    awarded_file,
    contract_for,
    days,
    line_remaining,
    move,
    new_file,
    roomy_line,
    valid_tax_id,
    vendor,
)
from sqlmodel import select

from apps.egp.reports import annual_plan
from apps.egp.resources import BIDS, CONTRACTS, FILES, INSTALLMENTS, MEMBERS, PLAN, VENDORS
from core import db, resource
from core.errors import Denied, Refusal, ValidationFailed
from core.thai import frozen_clock, local_zone, today
from helpers import principal
from models.finance import BudgetLine, Commitment, Voucher
from models.procurement import Bid, Contract, Installment, PlanItem, Procurement


def _get(model, record_id):
    with db.session_scope() as session:
        return session.get(model, record_id)


def test_vendor_tax_id_is_checked_and_a_blocked_vendor_needs_reason_and_date() -> None:
    actor = principal('procurement')
    with pytest.raises(ValidationFailed) as refused:
        resource.create(VENDORS, actor, {'name': 'ร้านผิดเลข', 'tax_id': '0105556001235'})
    assert 'หลักตรวจสอบ' in refused.value.errors['tax_id']
    with pytest.raises(ValidationFailed) as refused:
        resource.create(VENDORS, actor, {'name': 'ร้านทิ้งงาน', 'tax_id': valid_tax_id(7), 'blocked': True})
    assert set(refused.value.errors) == {'blocked_reason', 'blocked_on'}
    vendor(7, blocked=True, blocked_reason='หนังสือแจ้งเวียน ว 12/2569', blocked_on=today())
    with pytest.raises(ValidationFailed) as refused:  # the same tax id and branch again
        vendor(7, name='ชื่ออื่น')
    assert 'มีอยู่แล้ว' in refused.value.errors['tax_id']
    vendor(7, name='สาขา 2', branch='00002')  # another branch is another vendor
    with pytest.raises(Denied):
        resource.create(VENDORS, principal('accountant'), {'name': 'x', 'tax_id': valid_tax_id(8)})


def test_method_is_suggested_and_checked_and_the_egp_number_format() -> None:
    line = roomy_line(principal('procurement').org_id)
    small = new_file(line.id, '45000')
    assert _get(Procurement, small).method == 'specific'
    big = new_file(line.id, '700000', reference_price='690000')
    assert _get(Procurement, big).method == 'e_bidding'
    with pytest.raises(ValidationFailed) as refused:
        new_file(line.id, '600000', method='specific')
    assert '500,000.00' in refused.value.errors['method']
    new_file(line.id, '600000', method='specific', condition='s56_2_c')  # sole distributor: allowed
    with pytest.raises(ValidationFailed) as refused:
        new_file(line.id, '600000', method='selection')
    assert 'ต้องระบุเหตุ' in refused.value.errors['condition']
    with pytest.raises(ValidationFailed) as refused:
        new_file(line.id, '600000', reference_price='0')
    assert 'ราคากลาง' in refused.value.errors['reference_price']
    with pytest.raises(ValidationFailed) as refused:
        new_file(line.id, '45000', egp_project_no='6701234567')
    assert '11 หลัก' in refused.value.errors['egp_project_no']
    file_id = new_file(line.id, '45000', egp_project_no='๖๗๐๑๒๓๔๕๖๗๘')  # Thai digits typed
    assert _get(Procurement, file_id).egp_project_no == '67012345678'


def test_committees_one_chair_a_person_once_and_minimums_at_request() -> None:
    line = roomy_line(principal('procurement').org_id)
    unordered = new_file(line.id, '50000', committee_order='')
    add_members(unordered, 'inspection', 1)
    with pytest.raises(Denied) as refused:  # committees are appointed by an order
        move(FILES, unordered, 'request', 'procurement')
    assert 'คำสั่งแต่งตั้งคณะกรรมการ' in str(refused.value)
    file_id = new_file(line.id, '150000')
    actor = principal('procurement')
    resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'inspection', 'role': 'chair',
                                     'name': 'นายสมชาย ใจดี'})
    with pytest.raises(ValidationFailed) as refused:
        resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'inspection', 'role': 'chair',
                                         'name': 'นางสาวอื่น'})
    assert 'มีประธานกรรมการแล้ว' in refused.value.errors['role']
    with pytest.raises(ValidationFailed) as refused:
        resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'inspection', 'role': 'member',
                                         'name': 'นายสมชาย  ใจดี'})
    assert 'อยู่ในคณะกรรมการนี้แล้ว' in refused.value.errors['name']
    with pytest.raises(Denied) as refused:  # 150,000: three inspectors, not one
        move(FILES, file_id, 'request', 'procurement')
    assert 'อย่างน้อย 3 คน' in str(refused.value)
    staff = principal('engineer')
    resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'inspection', 'role': 'member',
                                     'user_id': staff.user_id})  # a staff member: the name comes from the account
    resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'inspection', 'role': 'member',
                                     'name': 'นายภายนอก ผู้เชี่ยวชาญ', 'outsider': True})
    move(FILES, file_id, 'request', 'procurement')
    assert _get(Procurement, file_id).status == 'requested'
    with pytest.raises(Refusal):  # the committees are fixed once the report is sent
        resource.create(MEMBERS, actor, {'procurement_id': file_id, 'committee': 'tor', 'role': 'member',
                                         'name': 'นายเพิ่ม ภายหลัง'})


def test_the_request_reserves_the_amount_and_is_refused_beyond_the_remaining_budget() -> None:
    line = roomy_line(principal('procurement').org_id)
    before = line_remaining(line.id)
    file_id = new_file(line.id, '90000')
    add_members(file_id, 'inspection', 1)
    move(FILES, file_id, 'request', 'procurement')
    record = _get(Procurement, file_id)
    assert line_remaining(line.id) == before - Decimal('90000')
    assert _get(Commitment, record.commitment_id).amount == Decimal('90000')
    too_much = str(line_remaining(line.id) + Decimal('1'))
    other = new_file(line.id, too_much, method='e_bidding')
    add_members(other, 'inspection', 3)
    add_members(other, 'evaluation', 3)
    with pytest.raises(ValidationFailed) as refused:
        move(FILES, other, 'request', 'procurement')
    message = ' '.join(refused.value.errors.values())
    assert line.code in message and 'ขาดอีก 1.00 บาท' in message
    assert _get(Procurement, other).status == 'draft'
    # sent back by the ปลัด: the reserve goes back to the line
    move(FILES, file_id, 'return', 'palad', 'แก้ไขรายละเอียด')
    assert line_remaining(line.id) == before
    assert _get(Procurement, file_id).commitment_id is None


def test_the_preparer_cannot_approve_and_the_mayor_approves() -> None:
    line = roomy_line(principal('procurement').org_id)
    file_id = new_file(line.id, '50000')
    add_members(file_id, 'inspection', 1)
    move(FILES, file_id, 'request', 'procurement')
    with pytest.raises(Denied):
        move(FILES, file_id, 'approve', 'procurement')
    move(FILES, file_id, 'review', 'finance_dir')
    move(FILES, file_id, 'approve', 'mayor')
    assert _get(Procurement, file_id).status == 'approved'


def test_award_signing_inspection_fine_and_draft_voucher() -> None:
    line = roomy_line(principal('procurement').org_id)
    before = line_remaining(line.id)
    seller = vendor(1)
    file_id = awarded_file(line.id, '300000', '295000', seller)
    record = _get(Procurement, file_id)
    assert (record.vendor_id, record.award_price) == (seller, Decimal('295000'))
    assert line_remaining(line.id) == before - Decimal('300000')  # the reserve, before the contract
    contract_id = contract_for(file_id, '295000', [('95000', days(10)), ('200000', days(20))], rate='0.20')
    move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert _get(Contract, contract_id).status == 'signed'
    assert _get(Procurement, file_id).status == 'contracted'
    commitment = _get(Commitment, record.commitment_id)
    assert commitment.amount == Decimal('295000') and commitment.reference == f'สัญญา {file_id}/2570'
    assert line_remaining(line.id) == before - Decimal('295000')  # the remaining budget drops by the commitment
    actor = principal('procurement')
    with db.session_scope() as session:
        first, second = session.exec(select(Installment).where(
            Installment.contract_id == contract_id).order_by(Installment.seq)).all()
    with pytest.raises(Denied):  # no dates yet
        move(INSTALLMENTS, first.id, 'accept', 'procurement')
    resource.update(INSTALLMENTS, actor, first.id, {'contract_id': contract_id, 'seq': 1, 'amount': '95000',
                                                   'due_on': first.due_on, 'delivered_on': first.due_on,
                                                   'inspected_on': first.due_on, 'description': 'งวดที่ 1'})
    with pytest.raises(Denied):  # delivered, but the inspector has not decided yet
        move(INSTALLMENTS, first.id, 'accept', 'procurement')
    with frozen_clock(datetime.combine(first.due_on, datetime.min.time().replace(hour=10), local_zone())):
        all_accept(first.id, first.due_on)
        move(INSTALLMENTS, first.id, 'accept', 'procurement')
    accepted = _get(Installment, first.id)
    assert (accepted.days_late, accepted.fine) == (0, Decimal('0'))
    voucher = _get(Voucher, accepted.voucher_id)
    assert (voucher.status, voucher.gross, voucher.payee) == ('prepared', Decimal('95000.00'),
                                                             'ห้างหุ้นส่วนจำกัด ทดสอบการค้า 1')
    late = second.due_on + timedelta(days=4)  # four days late: 0.20 % a day of 200,000 = 400 a day
    resource.update(INSTALLMENTS, actor, second.id, {'contract_id': contract_id, 'seq': 2, 'amount': '200000',
                                                    'due_on': second.due_on, 'delivered_on': late,
                                                    'inspected_on': late, 'description': 'งวดที่ 2'})
    moment = datetime.combine(late, datetime.min.time().replace(hour=10), local_zone())
    with frozen_clock(moment):
        all_accept(second.id, late)
        move(INSTALLMENTS, second.id, 'accept', 'procurement')
    accepted = _get(Installment, second.id)
    assert (accepted.days_late, accepted.fine) == (4, Decimal('1600.00'))
    voucher = _get(Voucher, accepted.voucher_id)
    assert voucher.gross == Decimal('198400.00') and 'หักค่าปรับ 4 วัน 1,600.00 บาท' in voucher.description
    assert _get(Contract, contract_id).status == 'completed' and _get(Procurement, file_id).status == 'completed'
    # finance completes the draft ฎีกา (the procurement officer may not)
    from apps.elaas.resources import VOUCHERS
    with pytest.raises(Denied):
        resource.transition(VOUCHERS, principal('procurement'), voucher.id, 'check')
    resource.transition(VOUCHERS, principal('finance_dir'), voucher.id, 'check')
    assert _get(Voucher, voucher.id).status == 'checked'
    assert _get(Commitment, record.commitment_id).used == Decimal('293400.00')


def test_signing_waits_for_the_appeal_window_and_a_blocked_vendor_is_not_awarded() -> None:
    line = roomy_line(principal('procurement').org_id)
    winner, blocked = vendor(2), vendor(3, blocked=True, blocked_reason='ว 5/2569', blocked_on=today())
    file_id = approved_file(line.id, '800000', method='e_bidding', reference_price='800000')
    actor = principal('procurement')
    resource.create(BIDS, actor, {'procurement_id': file_id, 'vendor_id': blocked, 'price': '700000',
                                  'compliant': True})
    resource.create(BIDS, actor, {'procurement_id': file_id, 'vendor_id': winner, 'price': '795000',
                                  'compliant': True})
    with pytest.raises(Denied) as refused:
        move(FILES, file_id, 'award', 'procurement')
    assert 'ผู้ทิ้งงาน' in str(refused.value)
    bid_id = resource.create(BIDS, actor, {'procurement_id': file_id, 'vendor_id': vendor(6), 'price': '790000',
                                           'compliant': False, 'reason': 'ไม่แนบหนังสือรับรองผลงาน'})
    assert bid_id  # a non-compliant offer needs its reason (refused below) and never wins
    with pytest.raises(ValidationFailed):
        resource.create(BIDS, actor, {'procurement_id': file_id, 'vendor_id': vendor(9), 'price': '1',
                                      'compliant': False})
    with db.session_scope() as session:
        blocked_bid = session.exec(select(Bid).where(Bid.procurement_id == file_id, Bid.vendor_id == blocked)).one()
    resource.update(BIDS, actor, blocked_bid.id, {'procurement_id': file_id, 'vendor_id': blocked, 'price': '700000',
                                                  'compliant': False, 'reason': 'เป็นผู้ทิ้งงาน'})
    resource.delete(BIDS, actor, bid_id)
    move(FILES, file_id, 'award', 'procurement')
    record = _get(Procurement, file_id)
    assert record.vendor_id == winner and record.award_price == Decimal('795000')
    assert 'เป็นผู้ทิ้งงาน' in record.warnings  # a blocked bidder stays a warning on the file
    contract_id = contract_for(file_id, '795000', [('795000', days(60))])
    with pytest.raises(Denied) as refused:
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert 'ระยะเวลาอุทธรณ์' in str(refused.value)
    later = datetime.combine(today() + timedelta(days=12), datetime.min.time().replace(hour=9), local_zone())
    with frozen_clock(later):
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert _get(Contract, contract_id).status == 'signed'


def test_self_checks_warn_on_splitting_few_bidders_price_near_reference_and_blocked_bidders() -> None:
    line = roomy_line(principal('procurement').org_id)
    seller = vendor(4)
    first = awarded_file(line.id, '300000', '299000', seller, reference_price='300000')
    warnings = _get(Procurement, first).warnings
    assert 'ร้อยละ 99.67 ของราคากลาง' in warnings
    second = awarded_file(line.id, '250000', '240000', seller, reference_price='260000')
    assert 'อาจเป็นการแบ่งซื้อแบ่งจ้าง' in _get(Procurement, second).warnings
    bidding = approved_file(line.id, '900000', method='e_bidding', reference_price='950000')
    resource.create(BIDS, principal('procurement'), {'procurement_id': bidding, 'vendor_id': vendor(5),
                                                     'price': '850000', 'compliant': True})
    move(FILES, bidding, 'award', 'procurement')
    assert 'ผู้เสนอราคา 1 ราย น้อยกว่า 3 ราย' in _get(Procurement, bidding).warnings


def test_self_checks_warn_on_related_bidders_and_year_end_specific_purchases() -> None:
    line = roomy_line(principal('procurement').org_id)
    actor = principal('procurement')
    bidding = approved_file(line.id, '900000', method='e_bidding', reference_price='990000')
    same_place = {'address': '99/9 หมู่ 9 ตำบลเดียวกัน'}
    for n, price in ((11, '850000'), (12, '860000'), (13, '870000')):
        resource.create(BIDS, actor, {'procurement_id': bidding, 'vendor_id': vendor(n, **same_place),
                                      'price': price, 'compliant': True})
    move(FILES, bidding, 'award', 'procurement')
    warnings = _get(Procurement, bidding).warnings
    assert 'มีที่อยู่เดียวกัน' in warnings and 'เลขประจำตัวผู้เสียภาษีขึ้นต้นเหมือนกัน' in warnings
    september = datetime(today().year + (today().month >= 10), 9, 15, 10, tzinfo=local_zone())
    with frozen_clock(september):
        file_id = awarded_file(roomy_line(actor.org_id).id, '20000', '19000', vendor(14), reference_price='30000')
        assert 'เดือนสุดท้ายของปีงบประมาณ' in _get(Procurement, file_id).warnings


def test_the_annual_plan_links_files_and_a_file_outside_it_is_warned() -> None:
    actor = principal('procurement')
    line = roomy_line(actor.org_id)
    item = resource.create(PLAN, actor, {'budget_line_id': line.id, 'description': 'จัดซื้อเครื่องพิมพ์',
                                         'amount': '40000', 'planned_month': 11})
    assert _get(PlanItem, item).method == 'specific'
    planned = awarded_file(line.id, '40000', '39000', vendor(15), reference_price='45000', plan_item_id=item)
    outside = awarded_file(line.id, '20000', '19500', vendor(16), reference_price='25000')
    assert 'แผนการจัดซื้อจัดจ้าง' not in _get(Procurement, planned).warnings
    assert 'ไม่อยู่ในแผนการจัดซื้อจัดจ้างประจำปี' in _get(Procurement, outside).warnings
    with db.session_scope() as session:
        other = session.exec(select(BudgetLine.id).where(BudgetLine.org_id == actor.org_id, BudgetLine.id != line.id,
                                                         BudgetLine.fiscal_year == line.fiscal_year)).first()
    with pytest.raises(ValidationFailed) as refused:
        new_file(other, '1000', plan_item_id=item)
    assert 'งบประมาณเดียวกัน' in refused.value.errors['plan_item_id']
    rows = annual_plan(actor, _get(Procurement, planned).fiscal_year)
    assert 'จัดซื้อเครื่องพิมพ์' in set(rows['งาน/โครงการ']) and rows['ลำดับที่'].tolist() == list(range(1, len(rows) + 1))
