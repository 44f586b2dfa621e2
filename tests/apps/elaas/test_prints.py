"""The ฎีกา and the receipt as an LAO files them: numbers, the budget classification in words, every signer by name,
position, capacity and date, the supporting documents; the receipt dated as issued and signed by its cashier."""

import re
import subprocess
from datetime import timedelta
from decimal import Decimal

from elaas_helpers import fund_id, letters, pdf_letters
from sqlmodel import select

from apps.elaas import receipts, vouchers
from apps.elaas.resources import RECEIPTS, VOUCHERS
from core import db, files, resource
from core.thai import fiscal_year, format_date, frozen_clock, now, today
from helpers import principal
from models.finance import BudgetLine, Voucher
from models.org import DelegationOrder, Division

ORG = 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง'
FY = fiscal_year(today())


def _materials_line(**where) -> BudgetLine:
    """The demo's line with the most left, of office materials in งานบริหารทั่วไป unless told otherwise."""
    where = {'type_code': '533001', 'work_code': '00111', **where}
    with db.session_scope() as session:
        lines = session.exec(select(BudgetLine).where(BudgetLine.fiscal_year == FY, *[
            getattr(BudgetLine, name) == value for name, value in where.items() if value])).all()
    return max(lines, key=lambda line: line.remaining)


def _finance_division() -> int:
    with db.session_scope() as session:
        return session.exec(select(Division.id).where(Division.name == 'กองคลัง')).one()


def _voucher(amount: str, **values) -> int:
    actor = principal('accountant')
    return vouchers.create_voucher(actor, {
        'voucher_date': today(), 'payee': 'ห้างหุ้นส่วนจำกัด ทดสอบพาณิชย์', 'payee_tax_id': '0103556012340',
        'description': 'ซื้อวัสดุสำนักงาน', 'fund_source_id': fund_id(actor.org_id), 'withhold': True,
        'budget_line_id': _materials_line().id, 'amount': Decimal(amount), 'division_id': _finance_division(),
        **values})


def _pages(content: bytes) -> int:
    info = subprocess.run(['pdfinfo', '-'], input=content, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith('Pages:')))


def _print(voucher_id: int) -> tuple[str, bytes]:
    content = resource.print_record(VOUCHERS, principal('accountant'), voucher_id)
    return pdf_letters(content), content


def test_a_paid_voucher_names_every_signer_the_classification_and_its_documents() -> None:
    voucher_id = _voucher('45000.00', supporting_docs='ใบส่งของ/ใบแจ้งหนี้ เลขที่ 123/2569\nใบตรวจรับพัสดุ')
    files.save(principal('accountant'), 'Voucher', voucher_id, 'ใบเสนอราคา.pdf', b'%PDF-1.4 quotation')
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')  # 45,000: within the ปลัด's order 245/2567
    vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TRF-0001', today())
    with db.session_scope() as session:
        voucher = session.get(Voucher, voucher_id)
    assert re.fullmatch(rf'\d+/{FY}', voucher.requester_no) and re.fullmatch(rf'\d+/{FY}', voucher.treasury_no)
    text, content = _print(voucher_id)
    assert _pages(content) == 1
    for expected in (
            f'เลขที่ฎีกา {voucher.number_text}', f'เลขที่ผู้เบิก {voucher.requester_no}',
            f'เลขที่คลังรับ {voucher.treasury_no}',
            'ส่วนราชการที่ขอเบิก กองคลัง', 'เลขประจำตัวผู้เสียภาษี 0103556012340',
            # the classification in words, not the 16-digit code alone
            'แผนงานบริหารงานทั่วไป งานบริหารทั่วไป', 'งบดำเนินงาน หมวดค่าวัสดุ ประเภทวัสดุสำนักงาน',
            '(1) ใบส่งของ/ใบแจ้งหนี้ เลขที่ 123/2569', '(2) ใบตรวจรับพัสดุ', '(3) ไฟล์แนบ: ใบเสนอราคา.pdf',
            # ผู้เบิก, ผู้ตรวจฎีกา, ผู้อนุมัติ under the order, ผู้รับเงิน, ผู้จ่ายเงิน: names, positions, dates
            'ขอเบิกเงินตามรายการข้างต้น', '(นางสาวนิภา บุญประเสริฐ)', 'นักวิชาการเงินและบัญชี',
            '(นางรัตนา จันทร์หอม)', 'ผู้อำนวยการกองคลัง',
            '(นางสุนีย์ วงศ์ใหญ่)', f'ปลัด{ORG}', 'ปฏิบัติราชการแทน', f'นายก{ORG}', 'ตามคำสั่งที่ 245/2567',
            'ได้รับเงินถูกต้องแล้ว', '(ห้างหุ้นส่วนจำกัด ทดสอบพาณิชย์)',
            'ได้จ่ายเงินถูกต้องแล้ว', '(นายสมศักดิ์ คงมั่น)', 'เจ้าพนักงานการเงินและบัญชี',
            f'วันที่ {format_date(today(), "long")}'):
        assert letters(expected) in text, expected
    assert text.count(letters(f'วันที่ {format_date(today(), "long")}')) >= 6  # the voucher's and five signatures


def test_the_mayor_approves_above_the_order_in_his_own_right() -> None:
    voucher_id = _voucher('150000.00', budget_line_id=_materials_line(type_code=None, work_code=None).id)
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('mayor'), voucher_id, 'approve')
    text, _ = _print(voucher_id)
    assert letters('(นายสมชาย ใจดี)') in text and letters(f'นายก{ORG}') in text
    assert letters('ปฏิบัติราชการแทน') not in text and letters('ตามคำสั่งที่') not in text


def test_steps_not_yet_taken_leave_lines_to_fill_in_and_name_who_will_approve() -> None:
    voucher_id = _voucher('1200.00')
    text, _ = _print(voucher_id)
    assert letters('(นางสาวนิภา บุญประเสริฐ)') in text  # the preparer is known from the start
    assert letters('เลขที่คลังรับ ....') in text and letters('นางรัตนา') not in text  # not checked yet
    assert letters('เอกสารประกอบฎีกา:') in text and letters('ไฟล์แนบ') not in text
    # 1,200 baht goes to the ปลัด under order 245/2567: her name is printed for her to sign
    assert letters('(นางสุนีย์ วงศ์ใหญ่)') in text and letters('ปฏิบัติราชการแทน') in text
    assert letters('ตามคำสั่งที่ 245/2567') in text
    above = _voucher('150000.00', budget_line_id=_materials_line(type_code=None, work_code=None).id)
    text, _ = _print(above)  # beyond the order's 100,000: the นายก
    assert letters('(นายสมชาย ใจดี)') in text and letters('ปฏิบัติราชการแทน') not in text


def test_the_treasury_number_is_given_once_and_each_division_numbers_its_own() -> None:
    first = _voucher('1000.00')
    other = _voucher('1000.00', division_id=None)
    vouchers.transition(principal('finance_dir'), first, 'check')
    vouchers.transition(principal('palad'), first, 'return_by_approver', 'แนบใบส่งของ')
    vouchers.transition(principal('accountant'), first, 'resubmit')
    text, _ = _print(first)
    assert letters('นางรัตนา') not in text  # sent back: the check before it no longer stands
    vouchers.transition(principal('finance_dir'), first, 'check')
    assert letters('(นางรัตนา จันทร์หอม)') in _print(first)[0]
    second = _voucher('1000.00')
    vouchers.transition(principal('finance_dir'), second, 'check')
    with db.session_scope() as session:
        numbers = {v.id: (v.requester_no, v.treasury_no) for v in session.exec(select(Voucher).where(
            Voucher.id.in_((first, other, second))))}
    (asked, received), (asked_next, received_next) = (
        [int(n.split('/')[0]) for n in numbers[v]] for v in (first, second))
    assert (asked_next, received_next) == (asked + 1, received + 1)  # the second check kept the first's number
    assert numbers[other] == (f'1/{FY}', '')  # no division: its own series; not checked: no เลขที่คลังรับ yet


def test_the_receipt_carries_its_own_date_the_payer_address_and_the_cashier() -> None:
    issued_on = today()
    receipt_id = receipts.issue(principal('revenue'), {
        'receipt_date': issued_on, 'payer': 'นายมานะ ขยันดี', 'revenue_code': '411002', 'amount': Decimal('240'),
        'payer_address': '99 หมู่ 3 ตำบลบ้านตัวอย่าง'})
    printed_on = now() + timedelta(days=5)
    with frozen_clock(printed_on):  # a copy printed days later still carries the day it was issued
        text = pdf_letters(resource.print_record(RECEIPTS, principal('cashier'), receipt_id))
    for expected in (ORG, 'หมู่ที่ 1 ถนนมิตรภาพ ตำบลบ้านตัวอย่าง', 'จังหวัดนครราชสีมา 30000',  # the LAO's address
                     'ที่อยู่ 99 หมู่ 3 ตำบลบ้านตัวอย่าง', '(นางสาวจันทร์เพ็ญ แสงทอง)', 'เจ้าพนักงานจัดเก็บรายได้',
                     'ผู้รับเงิน'):
        assert letters(expected) in text, expected
    assert text.count(letters(f'วันที่ {format_date(issued_on, "long")}')) == 2  # the receipt's, the signature's
    assert letters(format_date(printed_on.date(), 'long')) not in text
    assert letters(format_date(printed_on.date())) not in text



def test_a_voucher_approved_under_an_order_that_has_since_ended_still_says_so() -> None:
    voucher_id = _voucher('30000.00')
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    with db.session_scope(write=True) as session:
        order = session.get(DelegationOrder, session.get(Voucher, voucher_id).approval_order_id)
        order.valid_to = today() - timedelta(days=1)  # the order ends after the approval
        session.add(order)
    text, _ = _print(voucher_id)
    assert letters('ปฏิบัติราชการแทน') in text and letters('ตามคำสั่งที่ 245/2567') in text


def test_every_demo_voucher_prints_the_trail_that_brought_it_to_its_state() -> None:
    """The demo's vouchers were moved by the seats the law names, on dated days: a printed ฎีกา past its check names
    the ผู้อำนวยการกองคลัง, past approval the ปลัด under order 245/2567 (up to 100,000) or the นายก, with the days."""
    from apps.elaas.prints import _moves
    with db.session_scope() as session:
        demo = session.exec(select(Voucher).where(Voucher.status.in_(('checked', 'approved', 'paid', 'posted')))
                            .order_by(Voucher.id)).all()
        trails = {v.id: _moves(session, v) for v in demo}
    assert len(demo) > 200
    for voucher in demo:
        moves = trails[voucher.id]
        assert moves['check'].actor_name == 'นางรัตนา จันทร์หอม', voucher.number_text
        if voucher.status != 'checked':
            expected = 'นางสุนีย์ วงศ์ใหญ่' if voucher.gross <= 100_000 else 'นายสมชาย ใจดี'
            assert moves['approve'].actor_name == expected, voucher.number_text
            assert moves['check'].at <= moves['approve'].at
        if voucher.status in ('paid', 'posted'):
            assert moves['pay'].actor_name == 'นายสมศักดิ์ คงมั่น' and moves['approve'].at <= moves['pay'].at
    approved = [v for v in demo if v.status != 'checked']
    assert any(v.gross > 100_000 for v in approved)  # the นายก approves some in his own right
    for states, small in ((('approved',), True), (('posted',), True), (('approved', 'paid', 'posted'), False)):
        for voucher in [next(v for v in reversed(approved) if v.status in states and (v.gross <= 100_000) == small)]:
            status = voucher.status
            text, _ = _print(voucher.id)
            moves = trails[voucher.id]
            for expected in ('(นางรัตนา จันทร์หอม)', 'ผู้อำนวยการกองคลัง',
                             f'วันที่ {format_date(_local(moves["check"].at), "long")}',
                             f'วันที่ {format_date(_local(moves["approve"].at), "long")}',
                             *(('(นางสุนีย์ วงศ์ใหญ่)', f'ปลัด{ORG}', 'ปฏิบัติราชการแทน', 'ตามคำสั่งที่ 245/2567') if small
                               else ('(นายสมชาย ใจดี)', f'นายก{ORG}')),
                             *(('(นายสมศักดิ์ คงมั่น)',) if status == 'posted' else ())):
                assert letters(expected) in text, (voucher.number_text, expected)
            if status == 'posted':  # no signature left to write in by hand
                assert letters(DOTS_LINE) not in text, voucher.number_text


DOTS_LINE = f'({"." * 38})'


def _local(moment):
    from datetime import UTC

    from core.thai import local_zone
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(local_zone()).date()
