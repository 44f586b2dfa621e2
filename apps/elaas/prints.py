"""e-LAAS print forms in the official style: the voucher (ฎีกาเบิกเงิน) and the receipt (ใบเสร็จรับเงิน)."""

from sqlmodel import select

from apps.elaas.vouchers import PAY_METHODS, lines_of
from core import db
from core.access import Principal
from core.pdf import FONT_FAMILY, thai_pdf
from core.reports import breakable
from core.thai import baht_text, format_date, format_money, today
from models.codes import FundSource
from models.finance import Receipt, RevenueClass, Voucher
from models.org import DelegationOrder, Organization


def _org(session, org_id: int) -> Organization:
    return session.get(Organization, org_id)


def voucher_pdf(record: Voucher, actor: Principal) -> bytes:
    """ฎีกาเบิกเงิน: header, lines, deductions, amount in words, the approval trail's signature blocks."""
    lines = lines_of(actor, record.id)
    with db.session_scope() as session:
        org = _org(session, record.org_id)
        fund = session.get(FundSource, record.fund_source_id)
        order = session.get(DelegationOrder, record.approval_order_id) if record.approval_order_id else None
    pdf = thai_pdf()
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, 'B', 18)
    pdf.cell(0, 9, 'ฎีกาเบิกเงิน', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 15)
    pdf.cell(0, 8, org.name, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 8, f'เลขที่ {record.number_text}    วันที่ {format_date(record.voucher_date, "long")}', align='R',
             new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 8, breakable(f'จ่ายให้ {record.payee}' + (f' (เลขประจำตัวผู้เสียภาษี {record.payee_tax_id})'
                                                                 if record.payee_tax_id else '')),
                   new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 8, breakable(f'เพื่อ {record.description}'), new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 8, f'แหล่งเงิน {fund.name if fund else ""}', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2)
    with pdf.table(col_widths=(10, 110, 40), text_align=('C', 'L', 'R'), line_height=7) as table:
        table.row(['ที่', 'รายการ (เบิกจากงบประมาณ)', 'จำนวนเงิน (บาท)'])
        for n, (line, target) in enumerate(lines, start=1):
            table.row([str(n), breakable(f'{line.description or record.description} — {target}'),
                       format_money(line.amount)])
        table.row(['', 'รวมเงินที่ขอเบิก', format_money(record.gross)])
        table.row(['', 'หัก ภาษีเงินได้ ณ ที่จ่าย', format_money(record.wht)])
        table.row(['', 'คงจ่ายสุทธิ', format_money(record.net)])
    pdf.ln(2)
    pdf.multi_cell(0, 8, breakable(f'จำนวนเงินสุทธิ (ตัวอักษร) ({baht_text(record.net)})'), new_x='LMARGIN',
                   new_y='NEXT')
    if record.paid_on:
        pdf.cell(0, 8, f'จ่ายโดย {PAY_METHODS.get(record.pay_method, "")} {record.pay_reference} '
                       f'เมื่อ {format_date(record.paid_on, "long")}', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(6)
    for role in ('ผู้จัดทำฎีกา', 'ผู้ตรวจฎีกา (ผู้อำนวยการกองคลัง)', 'ผู้อนุมัติ', 'ผู้รับเงิน'):
        pdf.cell(0, 9, f'ลงชื่อ ........................................ {role}', align='R', new_x='LMARGIN',
                 new_y='NEXT')
        if role == 'ผู้อนุมัติ' and order is not None:  # approved under the นายก's order, not in one's own right
            for text in (f'ปฏิบัติราชการแทนนายก{org.name}',
                         f'ตามคำสั่งที่ {order.number} ลงวันที่ {format_date(order.order_date, "long")}'):
                pdf.cell(0, 7, text, align='R', new_x='LMARGIN', new_y='NEXT')
    return bytes(pdf.output())


def receipt_pdf(record: Receipt, actor: Principal) -> bytes:
    """ใบเสร็จรับเงิน in the official style: book/number, date, payer, item, amount and the amount in words."""
    with db.session_scope() as session:
        org = _org(session, record.org_id)
        kind = session.exec(select(RevenueClass).where(RevenueClass.org_id == record.org_id,
                                                       RevenueClass.code == record.revenue_code)).first()
    pdf = thai_pdf()
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.cell(0, 7, f'เล่มที่ {record.book_no}', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 7, f'เลขที่ {record.number_text}', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, 'B', 20)
    pdf.cell(0, 10, 'ใบเสร็จรับเงิน', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 15)
    pdf.cell(0, 8, org.name, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.cell(0, 8, f'อำเภอ{org.district_name} จังหวัด{org.province_name}', align='C', new_x='LMARGIN',
             new_y='NEXT')
    pdf.cell(0, 8, f'วันที่ {format_date(record.receipt_date, "long")}', align='R', new_x='LMARGIN', new_y='NEXT')
    pdf.multi_cell(0, 8, breakable(f'ได้รับเงินจาก {record.payer}'), new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2)
    with pdf.table(col_widths=(120, 40), text_align=('L', 'R'), line_height=8) as table:
        table.row(['รายการ', 'จำนวนเงิน (บาท)'])
        table.row([breakable(f'{kind.name if kind else record.revenue_code} {record.description}'.strip()),
                   format_money(record.amount)])
        table.row(['รวมเงิน', format_money(record.amount)])
    pdf.ln(2)
    pdf.multi_cell(0, 8, breakable(f'จำนวนเงิน (ตัวอักษร) ({baht_text(record.amount)})'), new_x='LMARGIN',
                   new_y='NEXT')
    if record.status == 'cancelled':
        pdf.set_font(FONT_FAMILY, 'B', 18)
        pdf.set_text_color(200, 0, 0)
        pdf.cell(0, 12, f'ยกเลิก: {record.cancel_reason}', align='C', new_x='LMARGIN', new_y='NEXT')
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT_FAMILY, '', 15)
    pdf.ln(8)
    pdf.cell(0, 9, 'ลงชื่อ ........................................ ผู้รับเงิน', align='R', new_x='LMARGIN',
             new_y='NEXT')
    pdf.cell(0, 9, f'ตำแหน่ง ........................................  ({format_date(today(), "short")})',
             align='R', new_x='LMARGIN', new_y='NEXT')
    return bytes(pdf.output())
