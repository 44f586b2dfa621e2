"""e-LAAS reports, declared once for screen, Excel and PDF (core/report.py): remaining budget, trial balance, general
ledger, cash book, revenue vs estimate, expenditure by แผนงาน/งบ, มาตรา 35; the rows of the budget reports, the
front page's figures and the year's books as one workbook. The ledgers' rows come from books.py; the print forms
(voucher, receipt) are in prints.py."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

import pandas as pd
from sqlalchemy import Select, and_, bindparam
from sqlalchemy.orm import aliased
from sqlmodel import func, select

from apps.elaas import books, deposits, tax
from apps.elaas.budget import balance_warning, personnel_table
from apps.elaas.resources import account_choices
from core import db
from core.access import Principal, require
from core.report import Paging, Param, Report, Summary
from core.reports import to_xlsx
from core.thai import fiscal_year, format_date, format_money, today
from models.codes import ProgramCode
from models.finance import (
    Account,
    Budget,
    BudgetLine,
    ExpenseClass,
    Journal,
    JournalLine,
    Receipt,
    RevenueClass,
    RevenueEstimate,
)
from models.org import Division

ZERO = Decimal('0')
REMAINING_COLUMNS = ['งาน', 'หมวด', 'ประเภท', 'หน่วยงาน', 'รหัสงบประมาณ', 'โครงการ', 'อนุมัติ', 'โอนเพิ่ม', 'โอนลด',
                     'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ']


def _names(session, model, org_id: int, key: str = 'code') -> dict:
    return dict(session.exec(select(getattr(model, key), model.name).where(model.org_id == org_id)).all())


@cache
def remaining_query() -> Select:
    """The remaining-budget rows in one statement (parameters org_id, fy): each line's stored totals, its remainder
    and its names. Built once: composing the joins costs more than running them."""
    work, category, kind = aliased(ProgramCode), aliased(ExpenseClass), aliased(ExpenseClass)
    line = BudgetLine
    remaining = line.approved + line.transfer_in - line.transfer_out - line.committed - line.disbursed
    return (select(func.coalesce(work.name, line.work_code), func.coalesce(category.name, line.category_code),
                   func.coalesce(kind.name, line.type_code), func.coalesce(Division.name, ''), line.code, line.item,
                   line.approved, line.transfer_in, line.transfer_out, line.committed, line.disbursed, remaining)
            .select_from(line)
            .outerjoin(work, and_(work.org_id == line.org_id, work.code == line.work_code))
            .outerjoin(category, and_(category.org_id == line.org_id, category.code == line.category_code))
            .outerjoin(kind, and_(kind.org_id == line.org_id, kind.code == line.type_code))
            .outerjoin(Division, Division.id == line.division_id)
            .where(line.org_id == bindparam('org_id'), line.fiscal_year == bindparam('fy'))
            .order_by(line.work_code, line.type_code, line.id))


def remaining_budget(actor: Principal, fy: int) -> pd.DataFrame:
    """รายงานงบประมาณคงเหลือ (columns of New e-LAAS): one row per budget line, from its stored totals, in one query."""
    require(actor, 'elaas.report.view', where='elaas/remaining')
    with db.session_scope() as session:
        rows = session.connection().execute(remaining_query(), {'org_id': actor.org_id, 'fy': fy}).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=REMAINING_COLUMNS)


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


MONEY_COLUMNS = {'อนุมัติ': BudgetLine.approved, 'โอนเพิ่ม': BudgetLine.transfer_in, 'โอนลด': BudgetLine.transfer_out,
                 'ก่อหนี้ผูกพัน': BudgetLine.committed, 'เบิกจ่าย': BudgetLine.disbursed}


def _with_remaining(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{'คงเหลือ': df['อนุมัติ'] + df['โอนเพิ่ม'] - df['โอนลด'] - df['ก่อหนี้ผูกพัน'] - df['เบิกจ่าย']})


def expenditure_by_program(actor: Principal, fy: int) -> pd.DataFrame:
    """งบประมาณและรายจ่ายจำแนกตามแผนงาน × งบ: approved, transfers, committed, disbursed and remaining side by side
    (a budget just imported reads its money from day one, not 0)."""
    require(actor, 'elaas.report.view', where='elaas/expenditure')
    with db.session_scope() as session:
        rows = session.exec(select(BudgetLine.program_code, BudgetLine.group_code,
                                   *(func.sum(c) for c in MONEY_COLUMNS.values())).where(
            BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy)
            .group_by(BudgetLine.program_code, BudgetLine.group_code)
            .order_by(BudgetLine.program_code, BudgetLine.group_code)).all()
        programs = _names(session, ProgramCode, actor.org_id)
        groups = _names(session, ExpenseClass, actor.org_id)
    data = [[programs.get(p, p), groups.get(g, g), *(Decimal(v or 0) for v in values)] for p, g, *values in rows]
    return _with_remaining(pd.DataFrame(data, columns=['แผนงาน', 'งบ', *MONEY_COLUMNS]))


def execution_by_program(actor: Principal, fy: int) -> pd.DataFrame:
    """Budget execution per แผนงาน for the front page: approved, transfers, the budget after them, committed,
    disbursed and remaining."""
    require(actor, 'elaas.report.view', where='elaas')
    with db.session_scope() as session:
        return execution_frame(session, actor.org_id, fy)


def execution_frame(session, org_id: int, fy: int) -> pd.DataFrame:
    """The rows of `execution_by_program` (no permission check: the caller's, or the public site's filter)."""
    rows = session.exec(select(BudgetLine.program_code, *(func.sum(c) for c in MONEY_COLUMNS.values()))
                        .where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy)
                        .group_by(BudgetLine.program_code).order_by(BudgetLine.program_code)).all()
    programs = _names(session, ProgramCode, org_id)
    df = pd.DataFrame([[programs.get(p, p).replace('แผนงาน', ''), *(Decimal(v or 0) for v in values)]
                       for p, *values in rows], columns=['แผนงาน', *MONEY_COLUMNS])
    df.insert(4, 'งบประมาณ', df['อนุมัติ'] + df['โอนเพิ่ม'] - df['โอนลด'])  # after transfers
    return _with_remaining(df)


def personnel_report(actor: Principal, fy: int) -> tuple[pd.DataFrame, dict]:
    """ตารางสรุปค่าใช้จ่ายด้านบุคคลตามมาตรา 35."""
    require(actor, 'elaas.report.view', where='elaas/personnel')
    with db.session_scope() as session:
        table = personnel_table(session, actor.org_id, fy)
    df = pd.DataFrame([[code, name, amount] for code, name, amount in table['rows']],
                      columns=['รหัส', 'ประเภทรายจ่าย', 'จำนวนเงิน'])
    return df, table


def personnel_share(actor: Principal, fy: int) -> dict:
    """The budget's personnel-cost share (มาตรา 35) and its balance against the estimated revenue, as its detail
    page shows them to whoever may view the budget."""
    require(actor, 'elaas.budget.view', where='elaas/budgets')
    with db.session_scope() as session:
        budget = session.exec(select(Budget).where(Budget.org_id == actor.org_id, Budget.fiscal_year == fy)).first()
        return {**personnel_table(session, actor.org_id, fy),
                'balance': balance_warning(session, budget) if budget else None}


def budget_years(actor: Principal) -> list[int]:
    with db.session_scope() as session:
        return list(session.exec(select(Budget.fiscal_year).where(Budget.org_id == actor.org_id)
                                 .order_by(Budget.fiscal_year.desc())).all())


def books_workbook(actor: Principal, fy: int) -> bytes:
    """The fiscal year's books in one Excel workbook (for the days the national system is down)."""
    require(actor, 'elaas.report.view', where='elaas/export')
    with db.session_scope() as session:
        journal = session.exec(select(Journal.number_text, Journal.entry_date, Journal.book, Journal.source_type,
                                      Journal.description, JournalLine.account_code, JournalLine.debit,
                                      JournalLine.credit)
                               .join(JournalLine, JournalLine.journal_id == Journal.id)
                               .where(Journal.org_id == actor.org_id, Journal.fiscal_year == fy)
                               .order_by(Journal.entry_date, Journal.id, JournalLine.id)).all()
        names = dict(session.exec(select(Account.code, Account.name).where(Account.org_id == actor.org_id)).all())
    lines = pd.DataFrame([{'เลขที่': r[0], 'วันที่': r[1], 'สมุด': r[2], 'ที่มา': r[3], 'รายการ': r[4],
                           'รหัสบัญชี': r[5], 'ชื่อบัญชี': names.get(r[5], ''), 'เดบิต': r[6], 'เครดิต': r[7]}
                          for r in journal],
                         columns=['เลขที่', 'วันที่', 'สมุด', 'ที่มา', 'รายการ', 'รหัสบัญชี', 'ชื่อบัญชี', 'เดบิต',
                                  'เครดิต'])
    by_account: dict[str, list] = defaultdict(list)
    for r in journal:
        by_account[r[5]].append(r)
    ledger = []
    for code in sorted(by_account):
        running = ZERO
        for r in by_account[code]:
            running += r[6] - r[7]
            ledger.append({'รหัสบัญชี': code, 'ชื่อบัญชี': names.get(code, ''), 'วันที่': r[1], 'เลขที่': r[0],
                           'รายการ': r[4], 'เดบิต': r[6], 'เครดิต': r[7], 'คงเหลือ': running})
    sheets = [('สมุดรายวัน', lines), ('บัญชีแยกประเภท', pd.DataFrame(ledger)),
              ('งบทดลอง', books.trial_balance(actor, fy)), ('งบประมาณคงเหลือ', remaining_budget(actor, fy))]
    return to_xlsx([(name, df) for name, df in sheets])


# --- the declared reports ---------------------------------------------------------------------------------------

def _year_choices(actor: Principal) -> dict[int, str]:
    years = set(budget_years(actor)) | {fiscal_year(today())}
    return {year: f'ปีงบประมาณ {year}' for year in sorted(years, reverse=True)}


def _latest_year(actor: Principal) -> int:
    """The newest fiscal year with a budget (else the current one): what the reports open on."""
    years = budget_years(actor)
    return years[0] if years else fiscal_year(today())


def _month_choices(actor: Principal) -> dict[int | None, str]:
    return {None: 'ทั้งปี', **{month: books.THAI_MONTHS[month] for month in (10, 11, 12, *range(1, 10))}}


FY = Param('fy', 'ปีงบประมาณ', choices=_year_choices, default=_latest_year)
MONTH = Param('month', 'ณ สิ้นเดือน', choices=_month_choices)
ACCOUNT = Param('account', 'บัญชี', choices=account_choices, default='1101010101.001', searchable=True)
DAY = Param('date', 'วันที่ (วว/ดด/ปปปป พ.ศ.)', 'date', default=lambda actor: today())
VIEW = 'elaas.report.view'
# Who signs e-LAAS's papers: the books and budget reports are prepared in กองคลัง by its accountant
# (นักวิชาการเงินและบัญชี), checked by the division's head (ผู้อำนวยการกองคลัง) and approved by the ปลัด, who
# answers for the LAO's finances to the นายก (ระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน ... ของ อปท.).
FINANCE_SIGNERS = (('ผู้จัดทำ', 'ACCOUNTANT'), ('ผู้ตรวจสอบ', 'FIN_DIRECTOR'), ('ผู้อนุมัติ', 'CHIEF'))
BOOKS = 'elaas.journal.view'  # the books themselves (trial balance, ledger, cash book): finance's, not all readers'
Table = tuple[pd.DataFrame, str]


def _trial_balance(actor: Principal, fy: int, month: int | None) -> Table:
    end = books.as_of(fy, month)
    return books.trial_balance(actor, fy, month), f'ปีงบประมาณ {fy} ณ วันที่ {format_date(end, "long")}'


def _ledger_of(actor: Principal, fy: int, account: str) -> str:
    return f'บัญชี {account_choices(actor).get(account, account)} ปีงบประมาณ {fy}'


def _ledger(actor: Principal, fy: int, account: str) -> Table:
    return books.general_ledger(actor, fy, account), _ledger_of(actor, fy, account)


def _ledger_page(actor: Principal, offset: int, limit: int, fy: int, account: str) -> pd.DataFrame:
    return books.general_ledger(actor, fy, account, offset, limit)


def _ledger_summary(actor: Principal, fy: int, account: str) -> Summary:
    count, debit, credit = books.ledger_totals(actor, fy, account)
    return Summary(_ledger_of(actor, fy, account), count, {'เดบิต': debit, 'เครดิต': credit, 'คงเหลือ': debit - credit})


def _cash_book(actor: Principal, date: date) -> Table:
    df, brought, carried = books.cash_book(actor, date)
    return df, (f'วันที่ {format_date(date, "long")} ยอดยกมา {format_money(brought)} บาท · '
                f'ยอดยกไป {format_money(carried)} บาท')


def _personnel(actor: Principal, fy: int) -> Table:
    df, table = personnel_report(actor, fy)
    return df, (f'ปีงบประมาณ {fy}: งบประมาณรายจ่าย {format_money(table["total"])} บาท ค่าใช้จ่ายด้านบุคคล '
                f'{format_money(table["personnel"])} บาท ร้อยละ {table["pct"]} (เกณฑ์ไม่เกินร้อยละ {table["cap"]})')


def remaining_printed(df: pd.DataFrame) -> pd.DataFrame:
    """The remaining budget as printed on landscape A4, a budget line to a row: a heading per งาน and the division
    that spends it (one division runs a งาน, as a rule) instead of two columns, and a line's ประเภท and its item
    (โครงการ), the same for most lines, in one column."""
    item = df['ประเภท'].where(df['ประเภท'] == df['โครงการ'], df['ประเภท'] + ': ' + df['โครงการ'])
    work = df['งาน'].where(df['หน่วยงาน'] == '', df['งาน'] + ' · ' + df['หน่วยงาน'])
    return df.assign(**{'งาน': work, 'ประเภท: โครงการ': item})[
        ['งาน', 'หมวด', 'ประเภท: โครงการ', 'รหัสงบประมาณ', *REMAINING_COLUMNS[6:]]]


def _tax_month_choices(actor: Principal) -> dict[int, str]:
    return {month: books.THAI_MONTHS[month] for month in (10, 11, 12, *range(1, 10))}


def _last_month(actor: Principal) -> int:
    return (today().replace(day=1) - timedelta(days=1)).month  # the month whose forms are due now (by the 7th)


def _withholding(actor: Principal, fy: int, month: int, form: str) -> Table:
    year, month = tax.month_of(fy, month)
    df = tax.month_summary(actor, year, month, form)
    total = sum(df['ภาษีที่หักและนำส่ง'], ZERO)
    return df, (f'แบบ {tax.FORMS[form]} เดือน{books.month_title(year, month)}: {len(df)} ราย ภาษีที่หักและนำส่ง '
                f'{format_money(total)} บาท')


Report('elaas', 'remaining', 'รายงานงบประมาณคงเหลือ', lambda actor, fy: (
    remaining_budget(actor, fy), f'ปีงบประมาณ {fy}'), VIEW,
    help='อนุมัติ โอนเพิ่ม โอนลด ก่อหนี้ผูกพัน เบิกจ่าย คงเหลือ รายรายการ', params=(FY,),
    pdf_frame=remaining_printed, groups=('งาน',), font_size=10, signers=FINANCE_SIGNERS)
Report('elaas', 'trial-balance', 'งบทดลอง', _trial_balance, BOOKS, help='ยอดคงเหลือทุกบัญชี ณ สิ้นเดือน',
       params=(FY, MONTH), signers=FINANCE_SIGNERS)
Report('elaas', 'ledger', 'บัญชีแยกประเภท', _ledger, BOOKS, help='รายการเคลื่อนไหวและยอดคงเหลือของบัญชี',
       params=(FY, ACCOUNT), paging=Paging(_ledger_page, _ledger_summary), font_size=12, signers=FINANCE_SIGNERS)
Report('elaas', 'cash-book', 'สมุดเงินสด/เงินฝากรายวัน', _cash_book, BOOKS,
       help='รับ-จ่ายเงินสดและเงินฝากของวัน ยอดยกมาและยกไป', params=(DAY,), signers=FINANCE_SIGNERS)
Report('elaas', 'revenue', 'รายรับจริงเทียบประมาณการ', lambda actor, fy: (
    revenue_vs_estimate(actor, fy), f'ปีงบประมาณ {fy}'), VIEW, help='จำแนกตามประเภทรายรับ', params=(FY,),
    signers=FINANCE_SIGNERS)
Report('elaas', 'expenditure', 'งบประมาณและรายจ่ายจำแนกตามแผนงานและงบ', lambda actor, fy: (
    expenditure_by_program(actor, fy), f'ปีงบประมาณ {fy}'), VIEW,
    help='อนุมัติ โอน ก่อหนี้ผูกพัน เบิกจ่าย คงเหลือ ตามแผนงาน × งบ',
    params=(FY,), signers=FINANCE_SIGNERS)
Report('elaas', 'personnel', 'ตารางค่าใช้จ่ายด้านบุคคล (มาตรา 35)', _personnel, VIEW,
       help='ค่าใช้จ่ายบุคคลเทียบงบประมาณรายจ่าย', params=(FY,), landscape=False, signers=FINANCE_SIGNERS)
Report('elaas', 'withholding', 'ใบแนบภาษีเงินได้หัก ณ ที่จ่าย (ภ.ง.ด.3 / ภ.ง.ด.53)', _withholding, BOOKS,
       help='รายการภาษีหัก ณ ที่จ่ายของเดือน ตามแบบที่ยื่น (ผู้รับเป็นบุคคลธรรมดา ภ.ง.ด.3 นิติบุคคล ภ.ง.ด.53)',
       params=(FY, Param('month', 'เดือนที่จ่าย', choices=_tax_month_choices, default=_last_month),
               Param('form', 'แบบ', choices=lambda actor: dict(tax.FORMS), default='pnd53')),
       signers=FINANCE_SIGNERS)
Report('elaas', 'cash-position', 'รายงานเงินสดประจำวัน', lambda actor, date: deposits.cash_position(actor, date),
       'elaas.receipt.view', help='รับเงินสด นำฝากธนาคาร และเงินสดคงเหลือในตู้นิรภัยของวัน', params=(DAY,),
       landscape=False, signers=FINANCE_SIGNERS)
