"""The budget and its control: ordinance and lines (with the plan link and the personnel-cost cap), transfers,
commitments, and the one guard every document goes through — a line never goes below zero.

The guard locks the budget line's row (PostgreSQL: SELECT … FOR UPDATE; SQLite: the write transaction's
BEGIN IMMEDIATE already serialises writers), re-reads its totals and refuses with the line and the shortfall.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import true
from sqlmodel import Session, func, select

from apps.elaas.codes import expense_classes, is_personnel, rule
from apps.eplan.links import ProjectMoney, project_in_force, register_money_source
from core import checks
from core.access import Principal
from core.errors import NotFound, ValidationFailed
from core.numbering import Series, next_number
from core.resource import REGISTRY, create
from core.thai import fiscal_year, format_money
from models.codes import ProgramCode
from models.finance import Budget, BudgetLine, BudgetTransfer, Commitment
from models.plan import PlanProject

COMMITMENT_SERIES = Series('elaas.commitment', 'ก่อหนี้ผูกพัน', 'fiscal', 'ผก.{n}/{year}')


class BudgetExceeded(ValidationFailed):
    """A document would take a budget line below zero (the message names the line and the shortfall); the form
    shows it at the amount and keeps every value typed."""

    def __init__(self, message: str, field: str = 'amount') -> None:
        super().__init__({field: message})


def line_label(line: BudgetLine) -> str:
    return f'{line.code} {line.item}'.strip()


def lock_line(session: Session, org_id: int, line_id: int) -> BudgetLine:
    """The budget line, locked for this transaction and re-read from the database."""
    line = session.exec(select(BudgetLine).where(BudgetLine.id == line_id, BudgetLine.org_id == org_id)
                        .with_for_update().execution_options(populate_existing=True)).first()
    if line is None:
        raise NotFound('ไม่พบรายการงบประมาณนี้')
    return line


def ensure_usable(session: Session, line: BudgetLine) -> None:
    budget = session.exec(select(Budget).where(Budget.org_id == line.org_id,
                                               Budget.fiscal_year == line.fiscal_year)).first()
    if budget is None or budget.status != 'approved':
        raise ValidationFailed({'budget_line_id': f'รายการงบประมาณ "{line_label(line)}": ข้อบัญญัติงบประมาณปี '
                                                  f'{line.fiscal_year} ยังไม่ได้รับอนุมัติ ใช้เบิกจ่ายไม่ได้'})


def charge(session: Session, org_id: int, line_id: int, column: str, amount: Decimal, what: str) -> BudgetLine:
    """Add `amount` to the line's `column` (committed / disbursed / transfer_out) unless the line would go below
    zero; a negative amount gives budget back."""
    line = lock_line(session, org_id, line_id)
    if amount > 0 and amount > line.remaining:
        shortfall = amount - line.remaining
        raise BudgetExceeded(f'{what} {format_money(amount)} บาท เกินงบประมาณคงเหลือของรายการ "{line_label(line)}" '
                             f'(คงเหลือ {format_money(line.remaining)} บาท ขาดอีก {format_money(shortfall)} บาท)')
    setattr(line, column, getattr(line, column) + amount)
    session.add(line)
    session.flush()
    return line


# --- ordinance and lines -----------------------------------------------------------------------------------------

def personnel_table(session: Session, org_id: int, fy: int) -> dict[str, Any]:
    """ตารางมาตรา 35: personnel cost against the year's total budget, and the cap in force."""
    classes = expense_classes(session, org_id)
    rows = session.exec(select(BudgetLine.type_code, func.sum(BudgetLine.approved)).where(
        BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy).group_by(BudgetLine.type_code)).all()
    total = sum((Decimal(a or 0) for _, a in rows), Decimal('0'))
    by_type = [(code, classes[code].name if code in classes else code, Decimal(amount or 0))
               for code, amount in rows if is_personnel(classes, code)]
    personnel = sum((a for _, _, a in by_type), Decimal('0'))
    cap = rule(session, org_id, 'personnel_cap_pct', date(fy - 543, 9, 30)) or Decimal('40')
    pct = (personnel * 100 / total).quantize(Decimal('0.01')) if total else Decimal('0')
    return {'total': total, 'personnel': personnel, 'pct': pct, 'cap': cap, 'rows': sorted(by_type)}


def personnel_refusal(session: Session, org_id: int, fy: int) -> str | None:
    table = personnel_table(session, org_id, fy)
    if table['pct'] > table['cap']:
        return (f'ค่าใช้จ่ายด้านบุคคล {format_money(table["personnel"])} บาท เท่ากับร้อยละ {table["pct"]} ของงบประมาณ '
                f'เกินร้อยละ {table["cap"]} ที่กำหนด (มาตรา 35) กรุณาปรับลดก่อนอนุมัติ')
    return None


def budget_approval_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    return personnel_refusal(session, record.org_id, record.fiscal_year)


def awaiting_approval(model: type, actor: Principal):
    """Counting pending ordinances: one over the personnel cap still waits on its approver (to send it back), so
    the count needs no check of the cap."""
    return true()


def check_line(session: Session, actor: Principal, clean: dict, record: BudgetLine | None) -> dict:
    """A budget line: its year's ordinance still a draft, the codes consistent, a project of the plan in force."""
    fy = clean.get('fiscal_year', record.fiscal_year if record else None)
    budget = session.exec(select(Budget).where(Budget.org_id == actor.org_id, Budget.fiscal_year == fy)
                          .with_for_update()).first()  # lines of one year are numbered one at a time
    if budget is None:
        raise ValidationFailed({'fiscal_year': f'ปีงบประมาณ: ยังไม่มีข้อบัญญัติงบประมาณปี {fy} ให้สร้างก่อน'})
    if budget.status != 'draft':
        raise ValidationFailed({'fiscal_year': f'ปีงบประมาณ: ข้อบัญญัติปี {fy} ไม่อยู่ในสถานะร่าง แก้ไขรายการไม่ได้ '
                                               '(ใช้การโอนงบประมาณแทน)'})
    clean = {**clean, 'approved': checks.amount(clean.get('approved'), 'approved', 'งบประมาณอนุมัติ', positive=False)}
    classes = expense_classes(session, actor.org_id)
    kind = classes.get(clean['type_code'])
    if kind is None or kind.level != 'type':
        raise ValidationFailed({'type_code': 'ประเภทรายจ่าย: ไม่มีในรายการให้เลือก'})
    category = classes[kind.parent_code]
    work = session.exec(select(ProgramCode).where(ProgramCode.org_id == actor.org_id,
                                                  ProgramCode.code == clean['work_code'])).first()
    if work is None or work.level != 'work':
        raise ValidationFailed({'work_code': 'งาน: ต้องเป็นรหัสงาน (ระดับงาน) เช่น 00111'})
    derived = dict(program_code=work.parent_code, category_code=category.code, group_code=category.parent_code)
    if clean.get('project_id'):
        project = session.get(PlanProject, clean['project_id'])
        if project is None or project.org_id != actor.org_id:
            raise ValidationFailed({'project_id': 'โครงการตามแผนพัฒนา: ไม่พบโครงการนี้'})
        if project_in_force(session, actor.org_id, project.id) is None:
            raise ValidationFailed({'project_id': f'โครงการตามแผนพัฒนา: "{project.name}" ไม่อยู่ในแผนพัฒนาท้องถิ่นฉบับที่'
                                                  'ใช้บังคับอยู่ จึงตั้งงบประมาณไม่ได้ (ให้เพิ่มเติม/เปลี่ยนแปลงแผนก่อน)'})
    if not (record and record.code) and not clean.get('code'):
        n = 1 + session.exec(select(func.count()).select_from(BudgetLine).where(
            BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy)).one()
        while True:  # the budget row is locked (below), so no one else numbers a line of this year meanwhile
            code = f'{fy % 100:02d}{clean["work_code"]}{clean["type_code"]}{n:03d}'
            if session.exec(select(BudgetLine.id).where(BudgetLine.org_id == actor.org_id, BudgetLine.fiscal_year == fy,
                                                        BudgetLine.code == code)).first() is None:
                break
            n += 1
        derived['code'] = code
    return {**clean, **derived}


# --- transfers -----------------------------------------------------------------------------------------------------

def check_transfer(session: Session, actor: Principal, clean: dict, record: BudgetTransfer | None) -> dict:
    clean = {**clean, 'amount': checks.amount(clean.get('amount'))}
    if clean['from_line_id'] == clean['to_line_id']:
        raise ValidationFailed({'to_line_id': 'โอนเพิ่มรายการ: ต้องเป็นคนละรายการกับรายการที่โอนลด'})
    source, target = session.get(BudgetLine, clean['from_line_id']), session.get(BudgetLine, clean['to_line_id'])
    if source.fiscal_year != target.fiscal_year:
        raise ValidationFailed({'to_line_id': 'โอนเพิ่มรายการ: ต้องเป็นงบประมาณปีเดียวกัน'})
    if clean['amount'] > source.remaining:
        raise ValidationFailed({'amount': f'จำนวนเงิน: เกินงบประมาณคงเหลือของรายการ "{line_label(source)}" '
                                          f'(คงเหลือ {format_money(source.remaining)} บาท)'})
    return {**clean, 'fiscal_year': source.fiscal_year}


def apply_transfer(session: Session, record: BudgetTransfer, actor: Principal) -> None:
    """On approval: take from the source line (never below zero), give to the target; both lines locked."""
    for line_id in sorted((record.from_line_id, record.to_line_id)):  # one lock order: no deadlock between transfers
        lock_line(session, actor.org_id, line_id)
    charge(session, actor.org_id, record.from_line_id, 'transfer_out', record.amount, 'โอนลด')
    target = lock_line(session, actor.org_id, record.to_line_id)
    target.transfer_in = checks.total(target.transfer_in + record.amount, 'amount', 'โอนเพิ่มรวมของรายการ')
    session.add(target)


# --- commitments ---------------------------------------------------------------------------------------------------

def new_commitment(session: Session, actor: Principal, clean: dict) -> Commitment:
    """ก่อหนี้ผูกพัน (the kit's create hook): reserve budget on a line (refused below zero), numbered per fiscal
    year."""
    clean['amount'] = checks.amount(clean.get('amount'))
    if clean['amount'] <= 0:
        raise ValidationFailed({'amount': 'จำนวนเงิน: ต้องมากกว่า 0'})
    line = lock_line(session, actor.org_id, clean['line_id'])
    ensure_usable(session, line)
    if fiscal_year(clean['commit_date']) != line.fiscal_year:
        raise ValidationFailed({'commit_date': f'วันที่: ต้องอยู่ในปีงบประมาณ {line.fiscal_year}'})
    charge(session, actor.org_id, line.id, 'committed', clean['amount'], 'ก่อหนี้ผูกพัน')
    number = next_number(session, actor.org_id, COMMITMENT_SERIES, clean['commit_date'])
    clean['number_text'] = number.text  # kept in the audit of the creation
    return Commitment(org_id=actor.org_id, created_by=actor.user_id, fiscal_year=line.fiscal_year, status='open',
                      **clean)


def create_commitment(actor: Principal, values: dict, key: str | None = None) -> int:
    """Record a commitment through its register's rules (service callers and the demo)."""
    return create(REGISTRY['elaas/commitments'], actor, values, key=key)


def release_commitment(session: Session, record: Commitment, actor: Principal) -> None:
    """Cancelling (or closing) gives the unused part back to the line."""
    charge(session, actor.org_id, record.line_id, 'committed', -(record.amount - record.used), 'คืนก่อหนี้ผูกพัน')


# --- e-Plan monitoring ---------------------------------------------------------------------------------------------

def plan_money(session: Session, org_id: int, fy: int) -> dict[int, ProjectMoney]:
    """Budgeted, committed and disbursed per plan-project lineage (registered with e-Plan's monitoring)."""
    rows = session.exec(select(PlanProject.lineage_id, func.sum(BudgetLine.approved + BudgetLine.transfer_in
                                                                - BudgetLine.transfer_out),
                               func.sum(BudgetLine.committed), func.sum(BudgetLine.disbursed))
                        .join(PlanProject, PlanProject.id == BudgetLine.project_id)
                        .where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy)
                        .group_by(PlanProject.lineage_id)).all()
    return {lineage: ProjectMoney(Decimal(b or 0), Decimal(c or 0), Decimal(d or 0)) for lineage, b, c, d in rows}


register_money_source(plan_money)
