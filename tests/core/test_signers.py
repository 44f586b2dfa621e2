"""The names and positions printed under signatures come from the seats and the orders in force."""

from sqlmodel import select

from core import db
from core.signers import Signer, head_signer, order_signer, printed_title, seat_signer, user_signer
from helpers import principal
from models.org import DelegationOrder, Division, Organization

ORG = 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง'


def test_titles_naming_the_lao_kind_carry_its_place_name():
    org = Organization(name='เทศบาลตำบลบ้านตัวอย่าง', dla_code='1', lao_type='', size='', structure_key='',
                       province_code='', province_name='', district_name='')
    assert printed_title('ปลัดเทศบาล', org) == 'ปลัดเทศบาลตำบลบ้านตัวอย่าง'
    assert printed_title('นายกเทศมนตรีตำบล', org) == 'นายกเทศมนตรีตำบล'
    assert printed_title('ผู้อำนวยการกองคลัง', org) == 'ผู้อำนวยการกองคลัง'


def test_seats_print_their_holders():
    with db.session_scope() as session:
        org_id = session.exec(select(Organization.id)).one()
        assert seat_signer(session, org_id, 'MAYOR') == Signer('นายสมชาย ใจดี', f'นายก{ORG}')
        assert seat_signer(session, org_id, 'CHIEF') == Signer('นางสุนีย์ วงศ์ใหญ่', f'ปลัด{ORG}')
        assert seat_signer(session, org_id, 'NO_SUCH_SEAT') is None
        finance = session.exec(select(Division).where(Division.name == 'กองคลัง')).one()
        assert head_signer(session, org_id, finance.id) == Signer('นางรัตนา จันทร์หอม', 'ผู้อำนวยการกองคลัง')


def test_one_acting_in_a_seat_signs_raksa_ratchakan_thaen():
    with db.session_scope() as session:
        welfare = session.exec(select(Division).where(Division.name == 'กองสวัสดิการสังคม')).one()
        signer = head_signer(session, welfare.org_id, welfare.id)
    assert signer == Signer('นางสาววรรณา ทองดี', 'หัวหน้าสำนักปลัด', 'รักษาราชการแทน', 'ผู้อำนวยการกองสวัสดิการสังคม')
    assert signer.lines() == ['(นางสาววรรณา ทองดี)', 'หัวหน้าสำนักปลัด', 'รักษาราชการแทน',
                              'ผู้อำนวยการกองสวัสดิการสังคม']


def test_a_user_acting_under_an_order_signs_patibat_ratchakan_thaen():
    palad = principal('palad')
    order = next(d for d in palad.delegations)
    with db.session_scope() as session:
        own = user_signer(session, palad)
        delegated = user_signer(session, palad, order.permission, order.limit)
    assert own == Signer('นางสุนีย์ วงศ์ใหญ่', f'ปลัด{ORG}')
    assert delegated == Signer('นางสุนีย์ วงศ์ใหญ่', f'ปลัด{ORG}', 'ปฏิบัติราชการแทน', f'นายก{ORG}')


def test_a_vacant_seat_leaves_the_name_to_be_written_in():
    assert Signer('', 'ผู้อำนวยการกองช่าง').lines()[0].startswith('(....')


def test_an_act_recorded_under_an_order_keeps_its_capacity_after_the_order_ends():
    deputy_palad = principal('deputy_palad')  # the demo's order 120/2567 for him has ended
    assert deputy_palad.delegation('elaas.voucher.approve') is None
    with db.session_scope() as session:
        today_s = user_signer(session, deputy_palad, 'elaas.voucher.approve')
        recorded = user_signer(session, deputy_palad, 'elaas.voucher.approve', delegated=True)
        palad_own = user_signer(session, principal('palad'), 'elaas.voucher.approve', delegated=False)
    assert today_s.capacity == '' and recorded.capacity == 'ปฏิบัติราชการแทน'
    assert recorded.for_position == f'นายก{ORG}' and palad_own == Signer('นางสุนีย์ วงศ์ใหญ่', f'ปลัด{ORG}')


def test_a_paper_printed_before_the_act_names_the_holder_of_the_orders_seat():
    palad = principal('palad')
    order = next(d for d in palad.delegations if d.permission == 'elaas.voucher.approve')
    with db.session_scope() as session:
        signer = order_signer(session, session.get(DelegationOrder, order.order_id))
    assert signer == Signer('นางสุนีย์ วงศ์ใหญ่', f'ปลัด{ORG}', 'ปฏิบัติราชการแทน', f'นายก{ORG}')
