"""e-GP reports, declared once for screen, Excel and PDF (core/report.py): แบบ สขร.1 (the monthly summary of
procurement published for the public) with every column filled — ราคากลาง and the reason included — and the
front page's board (per status, per method, the files with self-check warnings)."""

from datetime import date

import pandas as pd
from sqlmodel import col, func, select

from apps.egp import rules
from apps.egp.resources import FILE_WORKFLOW, FILES, PLAN, VIEW
from core import db
from core.access import Principal, require
from core.report import Param, Report
from core.thai import fiscal_year, fiscal_year_range, format_date, format_money, today
from models.org import Division
from models.procurement import Bid, Contract, PlanItem, Procurement, Vendor

MONTHS = ['', 'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน',
          'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']
SKR1_COLUMNS = ['ลำดับที่', 'งานที่จัดซื้อหรือจัดจ้าง', 'วงเงินที่จะซื้อหรือจ้าง', 'ราคากลาง', 'วิธีซื้อหรือจ้าง',
                'รายชื่อผู้เสนอราคาและราคาที่เสนอ', 'ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง',
                'เหตุผลที่คัดเลือกโดยสังเขป', 'เลขที่และวันที่ของสัญญาหรือข้อตกลง']


def _year_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        years = set(session.exec(select(Procurement.fiscal_year).where(Procurement.org_id == actor.org_id)
                                 .distinct()).all())
    years.add(fiscal_year(today()))
    return {y: str(y) for y in sorted(years, reverse=True)}


def _month_choices(actor: Principal) -> dict[int, str]:
    return {m: MONTHS[m] for m in (10, 11, 12, *range(1, 10))}


FY = Param('fy', 'ปีงบประมาณ', choices=_year_choices, default=lambda actor: fiscal_year(today()))
MONTH = Param('month', 'เดือน', choices=_month_choices, default=lambda actor: today().month)


def month_range(fy: int, month: int) -> tuple[date, date]:
    year = fy - 543 - (1 if month >= 10 else 0)
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1)
    return first, last


def skr1(actor: Principal, fy: int, month: int) -> pd.DataFrame:
    """แบบ สขร.1: the files awarded in the month, each with its bidders and prices, the winner and the agreed price,
    the reason, and the contract's number and date."""
    require(actor, VIEW, where='egp/reports')
    with db.session_scope() as session:
        return skr1_frame(session, actor.org_id, fy, month)


AWARDED = ('awarded', 'contracted', 'completed')


def skr1_frame(session, org_id: int, fy: int, month: int) -> pd.DataFrame:
    """The rows of แบบ สขร.1 (no permission check: the caller's, or the public site's, which publishes this form)."""
    first, after = month_range(fy, month)
    files = session.exec(select(Procurement).where(
        Procurement.org_id == org_id, Procurement.awarded_on >= first, Procurement.awarded_on < after,
        col(Procurement.status).in_(AWARDED)).order_by(Procurement.awarded_on, Procurement.id)).all()
    ids = [f.id for f in files]
    bids = session.exec(select(Bid.procurement_id, Vendor.name, Bid.price, Bid.compliant).join(
        Vendor, Vendor.id == Bid.vendor_id).where(col(Bid.procurement_id).in_(ids or [0]))
        .order_by(Bid.procurement_id, Bid.price)).all()
    vendors = dict(session.exec(select(Vendor.id, Vendor.name).where(Vendor.org_id == org_id)).all())
    contracts = {c.procurement_id: c for c in session.exec(select(Contract).where(
        col(Contract.procurement_id).in_(ids or [0]))).all()}
    by_file: dict[int, list[str]] = {}
    for file_id, name, price, compliant in bids:
        by_file.setdefault(file_id, []).append(f'{name} {format_money(price)} บาท' + ('' if compliant else ' (ไม่ผ่าน)'))
    methods = rules.titles(rules.methods(first))
    rows = []
    for n, f in enumerate(files, 1):
        contract = contracts.get(f.id)
        agreed = contract.amount if contract else f.award_price
        rows.append({
            'ลำดับที่': n, 'งานที่จัดซื้อหรือจัดจ้าง': f.description, 'วงเงินที่จะซื้อหรือจ้าง': f.amount,
            'ราคากลาง': f.reference_price or f.amount, 'วิธีซื้อหรือจ้าง': methods.get(f.method, f.method),
            'รายชื่อผู้เสนอราคาและราคาที่เสนอ': '\n'.join(by_file.get(f.id, [])),
            'ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง': f'{vendors.get(f.vendor_id, "")} {format_money(agreed)} บาท',
            'เหตุผลที่คัดเลือกโดยสังเขป': f.award_reason,
            'เลขที่และวันที่ของสัญญาหรือข้อตกลง': (f'{contract.number_text} ลงวันที่ '
                                                  f'{format_date(contract.signed_on or contract.start_on)}'
                                                  if contract else 'อยู่ระหว่างจัดทำสัญญา'),
        })
    return pd.DataFrame(rows, columns=SKR1_COLUMNS)


def _skr1(actor: Principal, fy: int, month: int) -> tuple[pd.DataFrame, str]:
    return skr1(actor, fy, month), f'ประจำเดือน{MONTHS[month]} ปีงบประมาณ {fy}'


Report('egp', 'skr1', 'สรุปผลการดำเนินการจัดซื้อจัดจ้าง (แบบ สขร.1)', _skr1, VIEW,
       help='รายเดือน: งาน วงเงิน ราคากลาง วิธี ผู้เสนอราคา ผู้ได้รับคัดเลือก เหตุผล และสัญญา', params=(FY, MONTH),
       font_size=11, signers=(('ผู้จัดทำ', 'PROCUREMENT_OFFICER'), ('ผู้ตรวจสอบ', 'FIN_DIRECTOR')))


PLAN_COLUMNS = ['ลำดับที่', 'งาน/โครงการ', 'วงเงินงบประมาณ', 'วิธีจัดซื้อจัดจ้าง', 'เดือนที่คาดว่าจะประกาศ',
                'หน่วยงานเจ้าของงบ', 'วันที่เผยแพร่']


def annual_plan(actor: Principal, fy: int) -> pd.DataFrame:
    """แผนการจัดซื้อจัดจ้างประจำปี: the plan's lines in the order of their planned month (October first)."""
    require(actor, VIEW, where='egp/reports')
    with db.session_scope() as session:
        return plan_frame(session, actor.org_id, fy, PLAN.rules.visible(actor, PlanItem, VIEW))


def plan_frame(session, org_id: int, fy: int, condition=None) -> pd.DataFrame:
    """The rows of the annual procurement plan, within `condition` (a row scope) when one is given."""
    scope = [PlanItem.org_id == org_id, PlanItem.fiscal_year == fy]
    if condition is not None:
        scope.append(condition)
    items = session.exec(select(PlanItem).where(*scope)).all()
    divisions = dict(session.exec(select(Division.id, Division.name).where(Division.org_id == org_id)).all())
    methods = rules.titles(rules.methods(fiscal_year_range(fy)[0]))
    items = sorted(items, key=lambda i: ((i.planned_month - 10) % 12, i.id))
    return pd.DataFrame([{
        'ลำดับที่': n, 'งาน/โครงการ': i.description, 'วงเงินงบประมาณ': i.amount,
        'วิธีจัดซื้อจัดจ้าง': methods.get(i.method, i.method), 'เดือนที่คาดว่าจะประกาศ': MONTHS[i.planned_month],
        'หน่วยงานเจ้าของงบ': divisions.get(i.division_id, ''), 'วันที่เผยแพร่': i.published_on}
        for n, i in enumerate(items, 1)], columns=PLAN_COLUMNS)


Report('egp', 'plan', 'แผนการจัดซื้อจัดจ้างประจำปี', lambda actor, fy: (annual_plan(actor, fy), f'ปีงบประมาณ {fy}'),
       VIEW, help='งาน วงเงิน วิธี และเดือนที่คาดว่าจะประกาศ ตามรายการงบประมาณ', params=(FY,),
       signers=(('ผู้จัดทำ', 'PROCUREMENT_OFFICER'), ('ผู้เห็นชอบ', 'FIN_DIRECTOR'), ('ผู้อนุมัติ', 'MAYOR')))


def board(actor: Principal, fy: int) -> dict:
    """The fiscal year's board: files per status and per method (count and amount), and those with warnings."""
    require(actor, VIEW, where='egp')
    first, last = fiscal_year_range(fy)
    with db.session_scope() as session:
        scope = [Procurement.org_id == actor.org_id, Procurement.fiscal_year == fy]
        condition = FILES.rules.visible(actor, Procurement, VIEW)
        if condition is not None:
            scope.append(condition)
        by_status = session.exec(select(Procurement.status, func.count(), func.sum(Procurement.amount))
                                 .where(*scope).group_by(Procurement.status)).all()
        by_method = session.exec(select(Procurement.method, func.count(), func.sum(Procurement.amount))
                                 .where(*scope, Procurement.status != 'cancelled').group_by(Procurement.method)).all()
        warned = session.exec(select(Procurement).where(*scope, Procurement.warnings != '')
                              .order_by(Procurement.id.desc()).limit(50)).all()
    methods = rules.titles(rules.methods(first))
    return {
        'status': [(FILE_WORKFLOW.states.get(s, s), n, a) for s, n, a in by_status],
        'method': [(methods.get(m, m), n, a) for m, n, a in by_method],
        'warned': [(f.id, f.number_text, f.description, f.warnings) for f in warned],
    }
