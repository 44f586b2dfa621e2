"""Each inspection committee member's decision on an installment (ตรวจรับ / ไม่ตรวจรับ with the reason and date): the
installment is accepted only when the rule in force says so (unanimous: ระเบียบ ข้อ 175), a member outside the file's
inspection committee is refused, a member decides once (a double-click records one decision), a redelivery starts a
new round."""

from datetime import timedelta
from decimal import Decimal

import pytest
from egp_helpers import awarded_file, contract_for, days, move, roomy_line, vendor
from sqlmodel import select

from apps.egp import service
from apps.egp.resources import CONTRACTS, INSTALLMENTS
from core import db, resource
from core.errors import Denied, Refusal, ValidationFailed
from core.thai import today
from helpers import principal
from models.procurement import CommitteeMember, Contract, InspectionDecision, Installment, Procurement


def _get(model, record_id: int):
    with db.session_scope() as session:
        return session.get(model, record_id)


def _delivered_installment(amount: str, n: int = 1) -> tuple[int, int]:
    """A signed contract of one installment delivered today: (file id, installment id)."""
    line = roomy_line(principal('procurement').org_id)
    file_id = awarded_file(line.id, amount, amount, vendor(n))
    contract_id = contract_for(file_id, amount, [(amount, days(10))])
    move(CONTRACTS, contract_id, 'sign', 'procurement')
    with db.session_scope() as session:
        part = session.exec(select(Installment).where(Installment.contract_id == contract_id)).one()
    resource.update(INSTALLMENTS, principal('procurement'), part.id, {
        'contract_id': contract_id, 'seq': 1, 'amount': amount, 'due_on': part.due_on, 'delivered_on': today(),
        'inspected_on': None, 'description': 'งวดที่ 1'})
    return file_id, part.id


def _members(file_id: int, committee: str = 'inspection') -> list[int]:
    with db.session_scope() as session:
        return list(session.exec(select(CommitteeMember.id).where(
            CommitteeMember.procurement_id == file_id, CommitteeMember.committee == committee)
            .order_by(CommitteeMember.id)).all())


def _decisions(installment_id: int) -> list[InspectionDecision]:
    with db.session_scope() as session:
        return list(session.exec(select(InspectionDecision).where(
            InspectionDecision.installment_id == installment_id)).all())


def test_three_inspectors_all_must_accept() -> None:
    file_id, part = _delivered_installment('150000')
    first, second, third = _members(file_id)
    officer = principal('procurement')
    service.decide(officer, part, first, 'accept')
    service.decide(officer, part, second, 'accept')
    with pytest.raises(Denied) as refused:  # two of three: not yet
        move(INSTALLMENTS, part, 'accept', 'procurement')
    assert 'ตรวจรับ 2 คน' in str(refused.value) and 'ยังไม่บันทึก 1 คน' in str(refused.value)
    assert 'ข้อ 175' in str(refused.value)
    assert _get(Installment, part).status == 'pending'
    service.decide(officer, part, third, 'accept')
    move(INSTALLMENTS, part, 'accept', 'procurement')
    accepted = _get(Installment, part)
    assert accepted.status == 'accepted' and accepted.voucher_id and accepted.inspected_on == today()
    assert _get(Procurement, file_id).status == 'completed'


def test_one_inspector_within_100000_decides_alone() -> None:
    file_id, part = _delivered_installment('80000', n=2)
    (only,) = _members(file_id)
    with pytest.raises(Denied):
        move(INSTALLMENTS, part, 'accept', 'procurement')
    service.decide(principal('procurement'), part, only, 'accept')
    move(INSTALLMENTS, part, 'accept', 'procurement')
    assert _get(Installment, part).status == 'accepted'


def test_a_dissent_blocks_acceptance_until_a_redelivery_is_accepted_by_all() -> None:
    file_id, part = _delivered_installment('150000', n=3)
    first, second, third = _members(file_id)
    officer = principal('procurement')
    with pytest.raises(ValidationFailed) as refused:  # a refusal needs its reason
        service.decide(officer, part, first, 'reject', '  ')
    assert 'reason' in refused.value.errors
    service.decide(officer, part, first, 'reject', 'สีไม่ตรงตามรายละเอียดคุณลักษณะ')
    service.decide(officer, part, second, 'accept')
    service.decide(officer, part, third, 'accept')
    with pytest.raises(Denied) as refused:  # two accept, one dissents: the rule is unanimous, the head decides
        move(INSTALLMENTS, part, 'accept', 'procurement')
    assert 'ไม่ตรวจรับ (ความเห็นแย้ง): สีไม่ตรงตามรายละเอียดคุณลักษณะ' in str(refused.value)
    assert 'รอหัวหน้าหน่วยงานของรัฐสั่งการ' in str(refused.value) and 'ข้อ 175 (4)' in str(refused.value)
    move(INSTALLMENTS, part, 'reject', 'procurement', 'ส่งมอบใหม่ภายใน 7 วัน')
    move(INSTALLMENTS, part, 'redeliver', 'procurement')
    assert _get(Installment, part).inspection_round == 2
    for member in (first, second, third):
        service.decide(officer, part, member, 'accept')
    move(INSTALLMENTS, part, 'accept', 'procurement')
    assert _get(Installment, part).status == 'accepted'
    rounds = sorted((d.round, d.decision) for d in _decisions(part))
    assert rounds == [(1, 'accept'), (1, 'accept'), (1, 'reject'), (2, 'accept'), (2, 'accept'), (2, 'accept')]


def test_a_member_outside_the_committee_is_refused() -> None:
    file_id, part = _delivered_installment('150000', n=4)
    other_file, _ = _delivered_installment('80000', n=5)
    (stranger,) = _members(other_file)
    with pytest.raises(ValidationFailed) as refused:
        service.decide(principal('procurement'), part, stranger, 'accept')
    assert 'ไม่ได้เป็นกรรมการตรวจรับพัสดุของสัญญา' in refused.value.errors['member_id']
    assert _decisions(part) == []


def test_a_member_decides_once_and_a_double_click_records_one_decision() -> None:
    file_id, part = _delivered_installment('80000', n=6)
    (only,) = _members(file_id)
    officer = principal('procurement')
    first = service.decide(officer, part, only, 'accept', key='click-1')
    assert service.decide(officer, part, only, 'accept', key='click-1') == first  # the same press again
    assert len(_decisions(part)) == 1
    with pytest.raises(Refusal) as refused:  # a second, different submission
        service.decide(officer, part, only, 'reject', 'เปลี่ยนใจ', key='click-2')
    assert 'บันทึกผลการตรวจรับงวดที่ 1 แล้ว' in str(refused.value)
    assert [d.decision for d in _decisions(part)] == ['accept']


def test_the_decision_date_and_who_may_record_it() -> None:
    file_id, part = _delivered_installment('80000', n=7)
    (only,) = _members(file_id)
    with pytest.raises(ValidationFailed) as refused:  # before the delivery
        service.decide(principal('procurement'), part, only, 'accept', decided_on=today() - timedelta(days=1))
    assert 'decided_on' in refused.value.errors
    with pytest.raises(Denied):  # neither the inspection officer nor the member
        service.decide(principal('finance_dir'), part, only, 'accept')
    assert _decisions(part) == []
    with db.session_scope(write=True) as session:  # the member is a staff member with an account
        member = session.get(CommitteeMember, only)
        member.user_id = principal('finance_dir').user_id
        session.add(member)
    service.decide(principal('finance_dir'), part, only, 'accept')
    assert [(d.decision, d.decided_on) for d in _decisions(part)] == [('accept', today())]


def test_decisions_only_on_a_pending_delivery_of_a_signed_contract() -> None:
    line = roomy_line(principal('procurement').org_id)
    file_id = awarded_file(line.id, '80000', '80000', vendor(8))
    contract_id = contract_for(file_id, '80000', [('80000', days(10))])
    with db.session_scope() as session:
        part = session.exec(select(Installment).where(Installment.contract_id == contract_id)).one()
    (only,) = _members(file_id)
    with pytest.raises(Refusal):  # the contract is not signed
        service.decide(principal('procurement'), part.id, only, 'accept')
    assert _get(Contract, contract_id).status == 'draft' and Decimal(part.amount) == Decimal('80000')


async def test_the_installment_page_records_each_members_decision(user) -> None:
    from helpers import sign_in
    file_id, part = _delivered_installment('80000', n=9)
    (only,) = _members(file_id)
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open(f'/egp/installments/{part}')
    await user.should_see(marker='installment-decisions', retries=100)
    await user.should_see('ยังไม่บันทึก 1 คน')
    user.find(marker=f'decision-accept-{only}').click()
    await user.should_see(marker=f'decision-{only}', retries=100)
    await user.should_see('ตรวจรับ 1 คน')
    assert [d.decision for d in _decisions(part)] == ['accept']


async def test_an_installment_not_yet_delivered_offers_no_decision(user) -> None:
    from helpers import sign_in
    file_id, part = _delivered_installment('80000', n=9)
    resource.update(INSTALLMENTS, principal('procurement'), part, {
        'contract_id': _get(Installment, part).contract_id, 'seq': 1, 'amount': '80000',
        'due_on': _get(Installment, part).due_on, 'delivered_on': None, 'inspected_on': None,
        'description': 'งวดที่ 1'})
    (only,) = _members(file_id)
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open(f'/egp/installments/{part}')
    await user.should_see(marker=f'decision-waits-{only}', retries=100)
    await user.should_not_see(marker=f'decision-accept-{only}')


def _dissenting(n: int) -> tuple[int, int]:
    """A delivered installment whose three inspectors split two to one: (file id, installment id)."""
    file_id, part = _delivered_installment('150000', n=n)
    first, second, third = _members(file_id)
    officer = principal('procurement')
    service.decide(officer, part, first, 'accept')
    service.decide(officer, part, second, 'reject', 'ขนาดไม่ตรงตามสัญญา')
    return file_id, part


def test_the_head_orders_acceptance_on_a_dissent_and_acceptance_proceeds() -> None:
    file_id, part = _dissenting(40)
    with pytest.raises(Refusal) as early:  # not every member has decided yet
        service.head_decide(principal('mayor'), part, 'accept', 'ขนาดคลาดเคลื่อนในเกณฑ์ที่ยอมรับได้')
    assert 'บันทึกครบ' in str(early.value)
    service.decide(principal('procurement'), part, _members(file_id)[2], 'accept')
    with pytest.raises(Denied):  # the procurement officer is not the head of the agency
        service.head_decide(principal('procurement'), part, 'accept', 'ยอมรับได้')
    with pytest.raises(ValidationFailed) as bare:
        service.head_decide(principal('mayor'), part, 'accept', '  ')
    assert 'head_note' in bare.value.errors
    with pytest.raises(Denied):  # before the order: refused
        move(INSTALLMENTS, part, 'accept', 'procurement')
    service.head_decide(principal('mayor'), part, 'accept', 'ขนาดคลาดเคลื่อนในเกณฑ์ที่ยอมรับได้', key='order-1')
    service.head_decide(principal('mayor'), part, 'accept', 'ขนาดคลาดเคลื่อนในเกณฑ์ที่ยอมรับได้', key='order-1')
    with pytest.raises(Refusal):  # once a round
        service.head_decide(principal('mayor'), part, 'reject', 'เปลี่ยนใจ')
    found = _get(Installment, part)
    assert (found.head_decision, found.head_round, found.head_decided_on) == ('accept', 1, today())
    move(INSTALLMENTS, part, 'accept', 'procurement')
    accepted = _get(Installment, part)
    assert accepted.status == 'accepted' and accepted.voucher_id


def test_the_head_refusing_keeps_the_installment_from_acceptance() -> None:
    file_id, part = _dissenting(41)
    service.decide(principal('procurement'), part, _members(file_id)[2], 'accept')
    service.head_decide(principal('mayor'), part, 'reject', 'ให้ผู้ขายเปลี่ยนของตามสัญญา')
    with pytest.raises(Denied) as refused:
        move(INSTALLMENTS, part, 'accept', 'procurement')
    assert 'สั่งการไม่ให้ตรวจรับ' in str(refused.value) and 'ให้ผู้ขายเปลี่ยนของตามสัญญา' in str(refused.value)
    move(INSTALLMENTS, part, 'reject', 'procurement', 'ส่งมอบใหม่')
    move(INSTALLMENTS, part, 'redeliver', 'procurement')
    assert service.head_order(_get(Installment, part)) is None  # a new round: the order was for the first


async def test_the_head_orders_on_the_installment_page(user) -> None:
    from helpers import sign_in
    file_id, part = _dissenting(42)
    service.decide(principal('procurement'), part, _members(file_id)[2], 'accept')
    await sign_in(user, 'mayor', expect='สวัสดี')
    await user.open(f'/egp/installments/{part}')
    await user.should_see(marker='head-order', retries=100)
    user.find(marker='head-note').type('ยอมรับได้ ไม่กระทบการใช้งาน')
    user.find(marker='head-accept').click()
    await user.should_see('สั่งการให้ตรวจรับ เมื่อ', retries=100)
    assert _get(Installment, part).head_decision == 'accept'
