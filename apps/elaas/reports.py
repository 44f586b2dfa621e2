"""e-LAAS budget reports (remaining budget, revenue vs estimate, expenditure by แผนงาน/งบ, มาตรา 35) and the
official print-outs (voucher, receipt)."""

from decimal import Decimal

import pandas as pd
from sqlmodel import func, select

from apps.elaas.budget import personnel_table
from core import db
from core.access import Principal, require
from core.reports import FONT_FAMILY, ThaiPDF, breakable
from core.thai import baht_text, format_date, format_money, today
from models.codes import FundSource, ProgramCode
from models.finance import Budget, BudgetLine, ExpenseClass, Receipt, RevenueClass, RevenueEstimate, Voucher
from models.org import Division, Organization

ZERO = Decimal('0')
REMAINING_COLUMNS = ['งาน', 'หมวด', 'ประเภท', 'หน่วยงาน', 'รหัสงบประมาณ', 'โครงการ', 'อนุมัติ', 'โอนเพิ่ม', 'โอนลด',
                     'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ']


def _names(session, model, org_id: int, key: str = 'code') -> dict:
    return dict(session.exec(select(getattr(model, key), model.name).where(model.org_id == org_id)).all())


def remaining_budget(actor: Principal, fy: int) -> pd.DataFrame:
    """รายงานงบประมาณคงเหลือ (columns of New e-LAAS): one row per budget line, from its stored totals."""
    require(actor, 'elaas.report.view', where='elaas/remaining')
    with db.session_scope() as session:
        lines = session.exec(select(BudgetLine.work_code, BudgetLine.category_code, BudgetLine.type_code,
                                    BudgetLine.division_id, BudgetLine.code, BudgetLine.item, BudgetLine.approved,
                                    BudgetLine.transfer_in, BudgetLine.transfer_out, BudgetLine.committed,
                                    BudgetLine.disbursed)
                             .where(BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy)
                             .order_by(BudgetLine.work_code, BudgetLine.type_code, BudgetLine.id)).all()
        works = _names(session, ProgramCode, actor.org_id)
        classes = _names(session, ExpenseClass, actor.org_id)
        divisions = _names(session, Division, actor.org_id, 'id')
    rows = [[works.get(w, w), classes.get(c, c), classes.get(t, t), divisions.get(d, ''), code, item, a, i, o, k, x,
             a + i - o - k - x] for w, c, t, d, code, item, a, i, o, k, x in lines]
    return pd.DataFrame(rows, columns=REMAINING_COLUMNS)


def revenue_vs_estimate(actor: Principal, fy: int) -> pd.DataFrame:
    """รายรับจริงเทียบประมาณการ by revenue type."""
    require(actor, 'elaas.report.view', where='elaas/revenue')
    with db.session_scope() as session:
        classes = session.exec(select(RevenueClass).where(RevenueClass.org_id == actor.org_id)
                               .order_by(RevenueClass.sort_order)).all()
        estimates = dict(session.exec(select(RevenueEstimate.revenue_code, RevenueEstimate.amount).where(
            RevenueEstimate.org_id == actor.org_id, RevenueEstimate.fiscal_year == fy)).all())
        actual = dict(session.exec(select(Receipt.revenue_code, func.sum(Receipt.amount)).where(
            Receipt.org_id == actor.org_id, Receipt.fiscal_year == fy, Receipt.status == 'issued')
            .group_by(Receipt.revenue_code)).all())
    names = {c.code: c.name for c in classes}
    rows = []
    for c in classes:
        if c.level != 'type':
            continue
        estimate, received = Decimal(estimates.get(c.code, 0)), Decimal(actual.get(c.code, 0) or 0)
        if not estimate and not received:
            continue
        pct = (received * 100 / estimate).quantize(Decimal('0.01')) if estimate else None
        rows.append([names.get(c.parent_code, ''), c.name, estimate, received, received - estimate,
                     f'{pct}' if pct is not None else '-'])
    return pd.DataFrame(rows, columns=['หมวด', 'ประเภท', 'ประมาณการ', 'รับจริง', 'สูง(ต่ำ)กว่าประมาณการ', 'ร้อยละ'])


def expenditure_by_program(actor: Principal, fy: int, column: str = 'disbursed') -> pd.DataFrame:
    """รายจ่ายจริงจำแนกตามแผนงาน × งบ (เบิกจ่าย)."""
    require(actor, 'elaas.report.view', where='elaas/expenditure')
    with db.session_scope() as session:
        rows = session.exec(select(BudgetLine.program_code, BudgetLine.group_code,
                                   func.sum(getattr(BudgetLine, column))).where(
            BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy)
            .group_by(BudgetLine.program_code, BudgetLine.group_code)).all()
        programs = _names(session, ProgramCode, actor.org_id)
        groups = _names(session, ExpenseClass, actor.org_id)
    group_codes = sorted({g for _, g, _ in rows})
    table: dict[str, dict[str, Decimal]] = {}
    for program, group, amount in rows:
        table.setdefault(program, {})[group] = Decimal(amount or 0)
    data = []
    for program in sorted(table):
        values = [table[program].get(g, ZERO) for g in group_codes]
        data.append([programs.get(program, program), *values, sum(values, ZERO)])
    return pd.DataFrame(data, columns=['แผนงาน', *[groups.get(g, g) for g in group_codes], 'รวม'])


def execution_by_program(actor: Principal, fy: int) -> pd.DataFrame:
    """Budget execution per แผนงาน for the front page chart: budget, committed, disbursed."""
    require(actor, 'elaas.report.view', where='elaas')
    with db.session_scope() as session:
        rows = session.exec(select(BudgetLine.program_code,
                                   func.sum(BudgetLine.approved + BudgetLine.transfer_in - BudgetLine.transfer_out),
                                   func.sum(BudgetLine.committed), func.sum(BudgetLine.disbursed))
                            .where(BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy)
                            .group_by(BudgetLine.program_code).order_by(BudgetLine.program_code)).all()
        programs = _names(session, ProgramCode, actor.org_id)
    return pd.DataFrame([[programs.get(p, p).replace('แผนงาน', ''), Decimal(b or 0), Decimal(c or 0), Decimal(d or 0)]
                         for p, b, c, d in rows], columns=['แผนงาน', 'งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย'])


def personnel_report(actor: Principal, fy: int) -> tuple[pd.DataFrame, dict]:
    """ตารางสรุปค่าใช้จ่ายด้านบุคคลตามมาตรา 35."""
    require(actor, 'elaas.report.view', where='elaas/personnel')
    with db.session_scope() as session:
        table = personnel_table(session, actor.org_id, fy)
    df = pd.DataFrame([[code, name, amount] for code, name, amount in table['rows']],
                      columns=['รหัส', 'ประเภทรายจ่าย', 'จำนวนเงิน'])
    return df, table


def personnel_share(actor: Principal, fy: int) -> dict:
    """The budget's personnel-cost share (มาตรา 35), as its detail page shows it to whoever may view the budget."""
    require(actor, 'elaas.budget.view', where='elaas/budgets')
    with db.session_scope() as session:
        return personnel_table(session, actor.org_id, fy)


def budget_years(actor: Principal) -> list[int]:
    with db.session_scope() as session:
        return list(session.exec(select(Budget.fiscal_year).where(Budget.org_id == actor.org_id)
                                 .order_by(Budget.fiscal_year.desc())).all())


# --- print-outs ----------------------------------------------------------------------------------------------------

def _org(session, org_id: int) -> Organization:
    return session.get(Organization, org_id)


def voucher_pdf(record: Voucher, actor: Principal) -> bytes:
    """ฎีกาเบิกเงิน: header, lines, deductions, amount in words, the approval trail's signature blocks."""
    from apps.elaas.vouchers import PAY_METHODS, lines_of
    lines = lines_of(actor, record.id)
    with db.session_scope() as session:
        org = _org(session, record.org_id)
        fund = session.get(FundSource, record.fund_source_id)
    pdf = ThaiPDF()
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
    return bytes(pdf.output())


def receipt_pdf(record: Receipt, actor: Principal) -> bytes:
    """ใบเสร็จรับเงิน in the official style: book/number, date, payer, item, amount and the amount in words."""
    with db.session_scope() as session:
        org = _org(session, record.org_id)
        kind = session.exec(select(RevenueClass).where(RevenueClass.org_id == record.org_id,
                                                       RevenueClass.code == record.revenue_code)).first()
    pdf = ThaiPDF()
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
