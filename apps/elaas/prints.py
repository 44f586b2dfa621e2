"""e-LAAS print forms in the official style: the voucher (ฎีกาเบิกเงิน), the receipt (ใบเสร็จรับเงิน) and the
withholding-tax certificate (หนังสือรับรองการหักภาษี ณ ที่จ่าย, 50 ทวิ).

Every signature line prints who signs it (name, position, the capacity they act in) and the day, read from the
record's approval trail (the audit of its moves) and the seats (core/signers.py); a step not yet taken leaves
dotted lines to be filled in by hand.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from apps.elaas import tax
from apps.elaas.codes import account_names, expense_classes
from apps.elaas.vouchers import APPROVE, PAY_METHODS, lines_of, standing_order
from core import db, files
from core.access import Principal, load_principal
from core.errors import Refusal
from core.pdf import FONT_FAMILY, thai_pdf
from core.reports import breakable
from core.resource import REGISTRY, audit_read, get
from core.signers import MAYOR_SEAT, Signer, order_signer, seat_signer, user_signer
from core.thai import baht_text, format_citizen_id, format_date, format_money, local_zone
from models.audit import AuditEvent
from models.codes import FundSource, ProgramCode
from models.finance import BudgetLine, Receipt, RevenueClass, Voucher
from models.org import DelegationOrder, Division, Organization

PADDING = (1.6, 1.5)  # mm above/below and beside a table cell's text: Thai marks never touch the rules
DOTS = '.' * 38


@dataclass(frozen=True)
class Signature:
    """One signature line of a form: what the signer states, the role, who (None: to be written in) and when."""

    role: str
    statement: str = ''
    signer: Signer | None = None
    on: date | None = None
    extra: tuple[str, ...] = ()  # lines under the position (the delegation order)


def _local_date(moment: datetime) -> date:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(local_zone()).date()


RESTART = ('return', 'return_by_approver')  # moves after which a voucher is checked and approved afresh


def _moves(session: Session, record) -> dict[str, AuditEvent]:
    """The audited moves of the record that still stand, by transition: a voucher sent back starts its checks again,
    so a check or approval before the last return is not printed."""
    events = session.exec(select(AuditEvent).where(
        AuditEvent.org_id == record.org_id, AuditEvent.object_type == type(record).__name__,
        AuditEvent.object_id == str(record.id), AuditEvent.action == 'transition').order_by(AuditEvent.id)).all()
    moves: dict[str, AuditEvent] = {}
    for event in events:
        name = json.loads(event.data).get('transition')
        moves = {} if name in RESTART else {**moves, name: event}
    return moves


def _signer(session: Session, user_id: int | None, fallback_name: str = '', permission: str | None = None,
            amount=None, record=None, delegated: bool | None = None) -> Signer | None:
    """The user as they sign (their seat, and the capacity `permission` gives them on `record`)."""
    if user_id is None:
        return None
    actor = load_principal(session, user_id)
    if actor is None:  # no longer active: the name as the trail kept it
        return Signer(fallback_name, '')
    return user_signer(session, actor, permission, amount, record, delegated)


def _signature_lines(signature: Signature) -> list[str]:
    signer = signature.signer
    lines = [signature.statement] if signature.statement else []
    lines.append(f'ลงชื่อ {DOTS} {signature.role}')
    if signer is None:
        lines += [f'({DOTS})', f'ตำแหน่ง {DOTS}']
    else:
        lines += [line for line in signer.lines() if line]
    lines += list(signature.extra)
    lines.append(f'วันที่ {format_date(signature.on, "long")}' if signature.on else f'วันที่ {DOTS}')
    return lines


def _signatures(pdf, columns: list[list[Signature]], line_height: float = 5.6, gap: float = 3) -> None:
    """Signature blocks stacked in side-by-side columns, each line centred in its column (a long position wraps)."""
    width = pdf.epw / len(columns)
    needed = max(sum(len(_signature_lines(s)) * line_height + gap for s in stack) for stack in columns)
    if pdf.get_y() + needed > pdf.page_break_trigger:  # the signatures stay together on one page
        pdf.add_page()
    top, bottom = pdf.get_y(), pdf.get_y()
    for n, stack in enumerate(columns):
        pdf.set_y(top)
        for signature in stack:
            for line in _signature_lines(signature):
                pdf.set_x(pdf.l_margin + n * width)
                pdf.multi_cell(width, line_height, line, align='C', new_x='LEFT', new_y='NEXT')
            pdf.set_y(pdf.get_y() + gap)
        bottom = max(bottom, pdf.get_y())
    pdf.set_y(bottom)


def _classification(programs: dict[str, str], classes: dict, line: BudgetLine) -> list[str]:
    """A budget line as the ฎีกา states it: แผนงาน/งาน, งบ/หมวด/ประเภท in words, the รายการ and its code."""
    def name(code: str) -> str:
        return classes[code].name if code in classes else code
    return [f'{programs.get(line.program_code, line.program_code)} {programs.get(line.work_code, line.work_code)}',
            f'{name(line.group_code)} หมวด{name(line.category_code)} ประเภท{name(line.type_code)}',
            f'รายการ {line.item} (รหัสงบประมาณ {line.code})']


def voucher_pdf(record: Voucher, actor: Principal) -> bytes:
    """ฎีกาเบิกเงิน on one A4 page: its three numbers, the payee, each line with its budget classification in words,
    deductions and the net amount in words, the supporting documents, and the five signatures (ผู้เบิก, ผู้ตรวจฎีกา,
    ผู้อนุมัติ in the capacity the amount calls for, ผู้รับเงิน, ผู้จ่ายเงิน) with names, positions and dates."""
    lines = lines_of(actor, record.id)
    attachments = files.attachments_of(record.org_id, 'Voucher', record.id)
    with db.session_scope() as session:
        org = session.get(Organization, record.org_id)
        fund = session.get(FundSource, record.fund_source_id)
        division = session.get(Division, record.division_id) if record.division_id else None
        order = session.get(DelegationOrder, record.approval_order_id) if record.approval_order_id else None
        ids = [line.budget_line_id for line, _ in lines if line.budget_line_id]
        budget_lines = {b.id: b for b in session.exec(select(BudgetLine).where(col(BudgetLine.id).in_(ids)))}
        programs = dict(session.exec(select(ProgramCode.code, ProgramCode.name)
                                     .where(ProgramCode.org_id == record.org_id)).all())
        classes = expense_classes(session, record.org_id)
        accounts = account_names(session, record.org_id, [line.account_code for line, _ in lines if line.account_code])
        moves = _moves(session, record)
        check, approve, paid = moves.get('check'), moves.get('approve'), moves.get('pay')
        if approve:  # who approved, in the capacity the approval rested on
            approver = _signer(session, approve.actor_id, approve.actor_name, APPROVE, record.gross, record,
                               delegated=order is not None)
        elif record.status != 'cancelled':  # not yet: who will, by the amount (the order, else the นายก)
            order = standing_order(session, record)
            approver = order_signer(session, order) if order else seat_signer(session, record.org_id, MAYOR_SEAT)
        else:
            approver = None
        signatures = [
            Signature('ผู้เบิก', 'ขอเบิกเงินตามรายการข้างต้น', _signer(session, record.created_by), record.voucher_date),
            Signature('ผู้ตรวจฎีกา', 'ได้ตรวจสอบแล้ว เห็นควรอนุมัติ',
                      _signer(session, check.actor_id, check.actor_name) if check else None,
                      _local_date(check.at) if check else None),
            Signature('ผู้อนุมัติ', 'อนุมัติให้จ่ายได้', approver, _local_date(approve.at) if approve else None,
                      (f'ตามคำสั่งที่ {order.number} ลงวันที่ {format_date(order.order_date)}',)
                      if order is not None and approver is not None else ()),
            Signature('ผู้รับเงิน', 'ได้รับเงินถูกต้องแล้ว', Signer(record.payee, ''), record.paid_on),
            Signature('ผู้จ่ายเงิน', 'ได้จ่ายเงินถูกต้องแล้ว',
                      _signer(session, paid.actor_id, paid.actor_name) if paid else None, record.paid_on),
        ]
    pdf = thai_pdf()
    pdf.set_margins(left=20, top=20, right=15)  # a long voucher's next pages start below their page number
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_page()
    pdf.set_y(12)  # the form's first page uses the sheet from the top
    pdf.set_font(FONT_FAMILY, 'B', 18)
    pdf.cell(0, 9, 'ฎีกาเบิกเงิน', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.cell(0, 7, f'{org.name} อำเภอ{org.district_name} จังหวัด{org.province_name}', align='C', new_x='LMARGIN',
             new_y='NEXT')
    pdf.cell(0, 7, '    '.join(f'{label} {value or DOTS[:20]}' for label, value in (
        ('เลขที่ฎีกา', record.number_text), ('เลขที่ผู้เบิก', record.requester_no),
        ('เลขที่คลังรับ', record.treasury_no))), align='R', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 6.5, f'ส่วนราชการที่ขอเบิก {division.name if division else org.name}', new_x='LMARGIN',
             new_y='NEXT')
    pdf.multi_cell(0, 6.5, breakable(f'วันที่ {format_date(record.voucher_date, "long")}    ปีงบประมาณ พ.ศ. '
                                     f'{record.fiscal_year}    แหล่งเงิน {fund.name if fund else ""}'),
                   new_x='LMARGIN', new_y='NEXT', align='L')
    pdf.multi_cell(0, 6.5, breakable(f'จ่ายให้ {record.payee}' + (
        f'    เลขประจำตัวผู้เสียภาษี {record.payee_tax_id}' if record.payee_tax_id else '')),
        new_x='LMARGIN', new_y='NEXT', align='L')
    pdf.multi_cell(0, 6.5, breakable(f'เพื่อ {record.description}'), new_x='LMARGIN', new_y='NEXT', align='L')
    pdf.ln(1.5)
    pdf.set_font(FONT_FAMILY, '', 13)
    with pdf.table(col_widths=(9, 121, 35), text_align=('C', 'L', 'R'), line_height=5.8, padding=PADDING,
                   first_row_as_headings=True) as table:
        table.row(['ที่', 'รายการ (แผนงาน งาน งบ หมวด ประเภทรายจ่าย ตามข้อบัญญัติ)', 'จำนวนเงิน (บาท)'])
        for n, (line, target) in enumerate(lines, start=1):
            budget_line = budget_lines.get(line.budget_line_id)
            detail = (_classification(programs, classes, budget_line) if budget_line is not None
                      else [f'บัญชี {line.account_code} {accounts.get(line.account_code, "")}'.strip()])
            if budget_line is not None and line.commitment_id:
                detail.append(target[len(budget_line.code):].strip())  # the commitment it pays off
            text = '\n'.join([line.description or record.description, *detail])
            table.row([str(n), breakable(text), format_money(line.amount)])
        for label, amount in (('รวมเงินที่ขอเบิก', record.gross), ('หัก ภาษีเงินได้ ณ ที่จ่าย', record.wht),
                              ('คงจ่ายสุทธิ', record.net)):
            table.row(['', label, format_money(amount)])
    pdf.ln(1)
    pdf.multi_cell(0, 6.2, breakable(f'จำนวนเงินสุทธิ (ตัวอักษร) ({baht_text(record.net)})'), new_x='LMARGIN',
                   new_y='NEXT', align='L')
    documents = [d.strip() for d in record.supporting_docs.splitlines() if d.strip()]
    documents += [f'ไฟล์แนบ: {a.filename}' for a in attachments]
    pdf.multi_cell(0, 6.2, breakable('เอกสารประกอบฎีกา: ' + ('  '.join(f'({n})\u00a0{d}' for n, d in enumerate(
        documents, start=1)) if documents else '-')), new_x='LMARGIN', new_y='NEXT', align='L')
    if record.paid_on:
        pdf.cell(0, 6.2, f'จ่ายโดย {PAY_METHODS.get(record.pay_method, "")} {record.pay_reference} '
                         f'เมื่อ {format_date(record.paid_on, "long")}', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2.5)
    pdf.set_font(FONT_FAMILY, '', 13)
    preparer, checker, approver_line, payee, payer = signatures
    _signatures(pdf, [[preparer, approver_line], [checker, payee, payer]])
    return bytes(pdf.output())


def receipt_pdf(record: Receipt, actor: Principal) -> bytes:
    """ใบเสร็จรับเงิน in the official style: the LAO, book/number, the receipt's own date, the payer and address,
    item, amount in words, and the cashier (the one who issued it) by name and position."""
    with db.session_scope() as session:
        org = session.get(Organization, record.org_id)
        kind = session.exec(select(RevenueClass).where(RevenueClass.org_id == record.org_id,
                                                       RevenueClass.code == record.revenue_code)).first()
        cashier = _signer(session, record.created_by)
    pdf = thai_pdf()
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.cell(0, 7, f'เล่มที่ {record.book_no}', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 7, f'เลขที่ {record.number_text}', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, 'B', 20)
    pdf.cell(0, 10, 'ใบเสร็จรับเงิน', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 15)
    pdf.cell(0, 8, org.name, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 8, breakable(' '.join(org.address_lines())), align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 8, f'วันที่ {format_date(record.receipt_date, "long")}', align='R', new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 8, breakable(f'ได้รับเงินจาก {record.payer}' + (
        f'    เลขประจำตัวผู้เสียภาษี {record.payer_tax_id}' if record.payer_tax_id else '')),
        new_x='LMARGIN', new_y='NEXT', align='L')
    if record.payer_address.strip():
        pdf.multi_cell(0, 8, breakable(f'ที่อยู่ {" ".join(record.payer_address.split())}'), new_x='LMARGIN',
                       new_y='NEXT', align='L')
    pdf.ln(2)
    with pdf.table(col_widths=(115, 45), text_align=('L', 'R'), line_height=7, padding=PADDING,
                   first_row_as_headings=True) as table:
        table.row(['รายการ', 'จำนวนเงิน (บาท)'])
        table.row([breakable(f'{kind.name if kind else record.revenue_code} {record.description}'.strip()),
                   format_money(record.amount)])
        table.row(['รวมเงิน', format_money(record.amount)])
    pdf.ln(2)
    pdf.multi_cell(0, 8, breakable(f'จำนวนเงิน (ตัวอักษร) ({baht_text(record.amount)})'), new_x='LMARGIN',
                   new_y='NEXT', align='L')
    if record.status == 'cancelled':
        pdf.set_font(FONT_FAMILY, 'B', 18)
        pdf.set_text_color(200, 0, 0)
        pdf.cell(0, 12, f'ยกเลิก: {record.cancel_reason}', align='C', new_x='LMARGIN', new_y='NEXT')
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT_FAMILY, '', 15)
    pdf.ln(8)
    pdf.set_font(FONT_FAMILY, '', 14)
    _signatures(pdf, [[], [Signature('ผู้รับเงิน', signer=cashier, on=record.receipt_date)]], line_height=7.5)
    return bytes(pdf.output())


def _box(pdf, ticked: bool, label: str, width: float) -> None:
    """A tick box (drawn: the bundled font has no box glyph) and its label, on the current line."""
    x, y = pdf.get_x(), pdf.get_y()
    pdf.rect(x + 1, y + 1.6, 3.6, 3.6)
    if ticked:
        pdf.line(x + 1.5, y + 3.6, x + 2.7, y + 4.8)
        pdf.line(x + 2.7, y + 4.8, x + 4.3, y + 1.9)
    pdf.set_x(x + 6)
    pdf.cell(width - 6, 6.8, label)


def _party(pdf, title: str, name: str, tax_id: str, address: str) -> None:
    pdf.set_font(FONT_FAMILY, 'B', 14)
    pdf.cell(0, 7, title, new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.multi_cell(0, 6.8, breakable(f'ชื่อ {name}'), new_x='LMARGIN', new_y='NEXT', align='L')
    pdf.cell(0, 6.8, f'เลขประจำตัวผู้เสียภาษีอากร {format_citizen_id(tax_id) if tax_id else DOTS[:26]}',
             new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 6.8, breakable(f'ที่อยู่ {" ".join(address.split()) or DOTS}'), new_x='LMARGIN',
                   new_y='NEXT', align='L')


COPIES = ('ฉบับที่ 1 (สำหรับผู้ถูกหักภาษี ณ ที่จ่าย ใช้แนบพร้อมกับแบบแสดงรายการภาษี)',
          'ฉบับที่ 2 (สำหรับผู้ถูกหักภาษี ณ ที่จ่าย เก็บไว้เป็นหลักฐาน)')


def wht_certificate_pdf(record: Voucher, actor: Principal) -> bytes:
    """หนังสือรับรองการหักภาษี ณ ที่จ่าย ตามมาตรา 50 ทวิ แห่งประมวลรัษฎากร of a paid voucher, in its two copies: the
    LAO as the payer who withholds (name, tax id, address), the payee, the form it is filed on (ภ.ง.ด.3 / ภ.ง.ด.53),
    the income type, the day paid, the amount paid before VAT and the tax withheld, in figures and words, and the
    one who paid, by name and position."""
    if not record.wht or record.status not in tax.PAID:
        raise Refusal('หนังสือรับรองการหักภาษี ณ ที่จ่ายออกได้เมื่อฎีกาที่หักภาษีจ่ายเงินแล้ว')
    rule = tax.tax_rule(record.income_type, record.payee_kind, record.paid_on)
    with db.session_scope() as session:
        org = session.get(Organization, record.org_id)
        paid = _moves(session, record).get('pay')
        payer = _signer(session, paid.actor_id, paid.actor_name) if paid else None
    pdf = thai_pdf(page_numbers=False)
    pdf.set_margins(left=20, top=15, right=15)
    for copy in COPIES:
        pdf.add_page()
        pdf.set_font(FONT_FAMILY, '', 12)
        pdf.cell(0, 6, copy, new_x='LMARGIN', new_y='NEXT')
        pdf.cell(0, 6, f'เลขที่ {record.number_text} (ฎีกา)', align='R', new_x='LMARGIN', new_y='NEXT')
        pdf.set_font(FONT_FAMILY, 'B', 18)
        pdf.cell(0, 9, 'หนังสือรับรองการหักภาษี ณ ที่จ่าย', align='C', new_x='LMARGIN', new_y='NEXT')
        pdf.set_font(FONT_FAMILY, '', 14)
        pdf.cell(0, 7, 'ตามมาตรา 50 ทวิ แห่งประมวลรัษฎากร', align='C', new_x='LMARGIN', new_y='NEXT')
        pdf.ln(2)
        _party(pdf, 'ผู้มีหน้าที่หักภาษี ณ ที่จ่าย', org.name, org.tax_id, ' '.join(org.address_lines()))
        pdf.ln(1)
        _party(pdf, 'ผู้ถูกหักภาษี ณ ที่จ่าย', record.payee, record.payee_tax_id, record.payee_address)
        pdf.ln(1)
        pdf.cell(30, 6.8, 'ลำดับที่ในแบบ')
        for form, label in tax.FORMS.items():
            _box(pdf, rule.form == form, label, 32)
        pdf.ln(8)
        pdf.set_font(FONT_FAMILY, '', 13)
        with pdf.table(col_widths=(68, 31, 38, 38), text_align=('L', 'C', 'R', 'R'), line_height=6.2,
                       padding=PADDING, first_row_as_headings=True) as table:
            table.row([breakable(heading) for heading in (
                'ประเภทเงินได้พึงประเมินที่จ่าย', 'วัน เดือน ปี ที่จ่าย', 'จำนวนเงินที่จ่าย', 'ภาษีที่หักและนำส่งไว้')])
            table.row([breakable(f'{rule.name} (หักร้อยละ {rule.rate_pct.normalize():f})'),
                       format_date(record.paid_on), format_money(record.gross - record.vat), format_money(record.wht)])
            table.row(['', 'รวม', format_money(record.gross - record.vat), format_money(record.wht)])
        pdf.ln(1)
        pdf.set_font(FONT_FAMILY, '', 14)
        pdf.multi_cell(0, 6.8, breakable(f'รวมเงินภาษีที่หักนำส่ง (ตัวอักษร) ({baht_text(record.wht)})'),
                       new_x='LMARGIN', new_y='NEXT', align='L')
        if record.vat:
            pdf.multi_cell(0, 6.8, breakable(f'จำนวนเงินที่จ่ายข้างต้นไม่รวมภาษีมูลค่าเพิ่ม {format_money(record.vat)} '
                                             f'บาท (ยอดจ่ายรวมภาษีมูลค่าเพิ่ม {format_money(record.gross)} บาท)'),
                           new_x='LMARGIN', new_y='NEXT', align='L')
        pdf.cell(22, 6.8, 'ผู้จ่ายเงิน')
        _box(pdf, True, '(1) หัก ณ ที่จ่าย', 45)
        _box(pdf, False, '(2) ออกให้ตลอดไป', 45)
        _box(pdf, False, '(3) ออกให้ครั้งเดียว', 45)
        pdf.ln(8)
        pdf.multi_cell(0, 6.8, breakable('ขอรับรองว่าข้อความและตัวเลขดังกล่าวข้างต้นถูกต้องตรงกับความจริงทุกประการ'),
                       new_x='LMARGIN', new_y='NEXT', align='L')
        pdf.ln(3)
        _signatures(pdf, [[], [Signature('ผู้จ่ายเงิน', signer=payer, on=record.paid_on)]], line_height=6.8)
    return bytes(pdf.output())


def print_wht_certificate(actor: Principal, voucher_id: int) -> bytes:
    """The 50 ทวิ certificate of a voucher the user may see (printing it is audited as the voucher's print)."""
    resource = REGISTRY['elaas/vouchers']
    record = get(resource, actor, voucher_id)
    audit_read(resource, actor, record, 'print')
    return wht_certificate_pdf(record, actor)
