"""The budget and its control: ordinance and lines (with the plan link and the personnel-cost cap), transfers,
commitments, and the one guard every document goes through — a line never goes below zero.

The guard locks the budget line's row (PostgreSQL: SELECT … FOR UPDATE; SQLite: the write transaction's
BEGIN IMMEDIATE already serialises writers), re-reads its totals and refuses with the line and the shortfall.
"""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import Any

from sqlalchemy import true
from sqlmodel import Session, func, select

from apps.elaas.codes import expense_classes, is_personnel, required_rule
from apps.eplan.links import ProjectMoney, project_in_force, register_money_source
from core import audit, checks, db, submissions
from core.access import Principal, require
from core.dated import in_force
from core.errors import NotFound, Refusal, ValidationFailed
from core.numbering import Series, next_number
from core.resource import REGISTRY, VERSION_KEY, WHAT_KEY, check_version, create, stamp
from core.settings import asset
from core.thai import fiscal_year, format_date, format_money, today
from models.codes import ProgramCode
from models.finance import Budget, BudgetLine, BudgetTransfer, Commitment
from models.org import Organization
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


UNSPLIT = 'ยังไม่แจกแจง'  # a line set at งาน × งบ (its source stops there): no ประเภทรายจ่าย yet


def unsplit(line: BudgetLine) -> bool:
    return not line.type_code


def unsplit_refusal(line: BudgetLine, field: str = 'budget_line_id') -> ValidationFailed:
    return ValidationFailed({field: f'รายการงบประมาณ "{line_label(line)}" {UNSPLIT}ประเภทรายจ่าย (ตั้งไว้ระดับงาน × งบ) '
                                    'ให้แจกแจงรายการก่อนจึงใช้ได้'})


def charge(session: Session, org_id: int, line_id: int, column: str, amount: Decimal, what: str) -> BudgetLine:
    """Add `amount` to the line's `column` (committed / disbursed / transfer_out) unless the line would go below
    zero or is not yet broken down to its ประเภทรายจ่าย; a negative amount gives budget back."""
    line = lock_line(session, org_id, line_id)
    if amount > 0 and unsplit(line):
        raise unsplit_refusal(line)
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
    kind = func.coalesce(func.nullif(BudgetLine.type_code, ''), BudgetLine.group_code)  # unsplit: its งบ
    rows = session.exec(select(kind, func.sum(BudgetLine.approved)).where(
        BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy).group_by(kind)).all()
    total = sum((Decimal(a or 0) for _, a in rows), Decimal('0'))
    by_type = [(code, classes[code].name if code in classes else code, Decimal(amount or 0))
               for code, amount in rows if is_personnel(classes, code)]
    personnel = sum((a for _, _, a in by_type), Decimal('0'))
    cap = required_rule(session, org_id, 'personnel_cap_pct', date(fy - 543, 9, 30))
    pct = (personnel * 100 / total).quantize(Decimal('0.01')) if total else Decimal('0')
    return {'total': total, 'personnel': personnel, 'pct': pct, 'cap': cap, 'rows': sorted(by_type)}


def personnel_refusal(session: Session, org_id: int, fy: int) -> str | None:
    table = personnel_table(session, org_id, fy)
    if table['pct'] > table['cap']:
        return (f'ค่าใช้จ่ายด้านบุคคล {format_money(table["personnel"])} บาท เท่ากับร้อยละ {table["pct"]} ของงบประมาณ '
                f'เกินร้อยละ {table["cap"]} ที่กำหนด (มาตรา 35) กรุณาปรับลดก่อนอนุมัติ')
    return None


# --- the ordinance's path: the council's three readings, the overseer's endorsement, the announcement ---------------

@dataclass(frozen=True)
class OrdinanceRule:
    lao_type: str
    authority: str  # นายอำเภอ | ผู้ว่าราชการจังหวัด
    days: int  # deemed endorsed when they have not answered within these days of receiving it
    effective_from: date
    clause: str


@cache
def ordinance_rules() -> tuple[OrdinanceRule, ...]:
    with asset('elaas', 'ordinance_rules.csv').open(encoding='utf-8') as handle:
        return tuple(OrdinanceRule(r['lao_type'], r['authority'], int(r['days']),
                                   date.fromisoformat(r['effective_from']), r['clause'])
                     for r in csv.DictReader(handle))


def ordinance_rule(lao_type: str, on: date) -> OrdinanceRule:
    return in_force((r for r in ordinance_rules() if r.lao_type == lao_type), on,
                    f'ไม่พบกฎผู้ให้ความเห็นชอบข้อบัญญัติของ อปท. ประเภท {lao_type} (assets/elaas/ordinance_rules.csv)')


def _rule_of(session: Session, record: Budget, on: date) -> OrdinanceRule:
    return ordinance_rule(session.get(Organization, record.org_id).lao_type, on)


def endorsed_by_law(session: Session, record: Budget) -> date | None:
    """The day the ordinance counts as endorsed: the overseer's own day, or the day after the legal days from its
    sending when no answer came (None: neither yet)."""
    if record.endorsed_on is not None:
        return record.endorsed_on
    if record.sent_on is None:
        return None
    deemed = record.sent_on + timedelta(days=_rule_of(session, record, record.sent_on).days)
    return deemed if deemed <= today() else None


def balance_warning(session: Session, record: Budget) -> str | None:
    """The ordinance's spending against its estimated revenue, in figures, when it spends more."""
    spending = session.exec(select(func.coalesce(func.sum(BudgetLine.approved), 0)).where(
        BudgetLine.org_id == record.org_id, BudgetLine.fiscal_year == record.fiscal_year)).one()
    spending = Decimal(spending or 0)
    if spending <= record.estimated_revenue:
        return None
    return (f'ประมาณการรายจ่าย {format_money(spending)} บาท สูงกว่าประมาณการรายรับ '
            f'{format_money(record.estimated_revenue)} บาท อยู่ {format_money(spending - record.estimated_revenue)} บาท '
            '(งบประมาณไม่สมดุล)')


def submit_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    """To the council: within the personnel cap; an unbalanced draft is refused when the LAO's rule says so (else
    its page warns with the figures)."""
    warning = balance_warning(session, record)
    on = today()
    refused = required_rule(session, record.org_id, 'budget_deficit_refused', on)
    if warning and refused:
        return f'{warning}: ปรับประมาณการรายจ่ายหรือรายรับก่อนเสนอสภา'
    return personnel_refusal(session, record.org_id, record.fiscal_year)


def _dates_refusal(pairs: list[tuple[str, date | None]]) -> str | None:
    """Each named date given, none in the future, each not before the one before it."""
    for label, day in pairs:
        if day is None:
            return f'บันทึก{label}ก่อน'
        if day > today():
            return f'{label}: ต้องไม่เกินวันนี้'
    for (before, earlier), (label, later) in pairwise(pairs):
        if later < earlier:
            return f'{label}ต้องไม่ก่อน{before}'
    return None


def passed_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    return _dates_refusal([('วันที่สภารับหลักการ (วาระที่ 1)', record.first_reading_on),
                           ('วันที่แปรญัตติ (วาระที่ 2)', record.second_reading_on),
                           ('วันที่สภาเห็นชอบ (วาระที่ 3)', record.council_passed_on)]) \
        or personnel_refusal(session, record.org_id, record.fiscal_year)


def send_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    return _dates_refusal([('วันที่สภาเห็นชอบ (วาระที่ 3)', record.council_passed_on),
                           ('วันที่ส่งผู้กำกับดูแล', record.sent_on)])


def endorse_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    """Endorsed on the overseer's day, or deemed so once the legal days have passed without an answer."""
    if record.endorsed_on is not None:
        return _dates_refusal([('วันที่ส่งผู้กำกับดูแล', record.sent_on),
                               ('วันที่ได้รับความเห็นชอบ', record.endorsed_on)])
    if endorsed_by_law(session, record) is None:
        rule_ = _rule_of(session, record, record.sent_on or today())
        deemed = record.sent_on + timedelta(days=rule_.days) if record.sent_on else None
        return (f'ยังไม่ได้รับความเห็นชอบจาก{rule_.authority}: บันทึกวันที่ได้รับความเห็นชอบ หรือเมื่อครบ {rule_.days} '
                f'วันโดยไม่มีคำตอบจะถือว่าเห็นชอบ ({rule_.clause})'
                + (f' ตั้งแต่วันที่ {format_date(deemed, "long")}' if deemed else ''))
    return None


def budget_approval_guard(session: Session, record: Budget, actor: Principal) -> str | None:
    """The announcement: on or after the endorsement, within the personnel cap."""
    endorsed = endorsed_by_law(session, record)
    if endorsed is None:
        return 'ประกาศใช้ได้เมื่อได้รับความเห็นชอบจากผู้กำกับดูแลแล้ว'
    return _dates_refusal([('วันที่ได้รับความเห็นชอบ', endorsed), ('วันที่ประกาศใช้', record.announced_on)]) \
        or personnel_refusal(session, record.org_id, record.fiscal_year)


ORDINANCE_DATES = ('first_reading_on', 'second_reading_on', 'council_passed_on', 'sent_on', 'endorsed_on',
                   'announced_on')


def check_budget(session: Session, actor: Principal, clean: dict, record: Budget | None) -> dict:
    """After it leaves the draft, only the path's dates are recorded on the ordinance; what it holds stays."""
    if record is None or record.status == 'draft':
        return clean
    only_these_change(clean, record, ORDINANCE_DATES,
                      'เสนอสภาแล้ว: บันทึกได้เฉพาะวันที่ตามขั้นตอน (ส่งกลับเป็นร่างเพื่อแก้ไข)')
    return clean


def only_these_change(clean: dict, record: Any, allowed: tuple[str, ...], refusal: str) -> None:
    """A record past its draft takes only the `allowed` fields; any other changed value refuses at its field."""
    def differs(name: str, value: Any) -> bool:  # a blank select comes back as None for a column kept as ''
        held = getattr(record, name, value)
        return value != held and not (value in (None, '') and held in (None, ''))

    changed = [k for k, v in clean.items() if k not in allowed and differs(k, v)]
    if changed:
        raise ValidationFailed({changed[0]: refusal})


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
    return {**clean, **line_codes(session, actor.org_id, fy, clean, record)}


@dataclass(frozen=True)
class Part:
    """One ประเภทรายจ่าย of a line being broken down (แจกแจง): what, and how much of the line's money."""

    type_code: str
    item: str
    amount: Any  # typed text or Decimal; checked as money


def split_choices(actor: Principal, line: BudgetLine) -> dict[str, str] | None:
    """The ประเภทรายจ่าย a line not yet broken down may be split into (those under its งบ), for whoever may; else
    None (the line is broken down, or the user may not)."""
    if not unsplit(line) or not actor.can('elaas.budget.edit'):
        return None
    with db.session_scope() as session:
        classes = expense_classes(session, actor.org_id)
    under = {c.code for c in classes.values() if c.level == 'category' and c.parent_code == line.group_code}
    return {c.code: f'{c.code} {c.name}' for c in sorted(classes.values(), key=lambda c: c.code)
            if c.level == 'type' and c.parent_code in under}


ITEM_LENGTH = BudgetLine.__table__.c.item.type.length  # รายการ/โครงการ as its column holds it


def split_line(actor: Principal, line_id: int, parts: list[Part], *, version: int | None = None,
               key: str | None = None) -> int:
    """แจกแจง a line set at งาน × งบ into its ประเภทรายจ่าย. The parts keep the line's money to the satang and each
    type belongs to the line's งบ; the first part keeps the line itself (its id, code and links), the others are new
    lines of the same งาน, division, fund and project. Allowed in any state of the ordinance (the money of each งาน
    × งบ stays as approved); audited as one `split` event and a `create` per new line."""
    require(actor, 'elaas.budget.edit', where='elaas/budget-lines')
    errors: dict[str, str] = {}
    amounts = []
    for n, part in enumerate(parts, 1):
        if not part.type_code:
            errors[f'type_code_{n}'] = f'บรรทัดที่ {n} ประเภทรายจ่าย: กรุณาเลือก'
        if not part.item.strip():
            errors[f'item_{n}'] = f'บรรทัดที่ {n} รายการ: กรุณากรอก'
        elif len(part.item.strip()) > ITEM_LENGTH:
            errors[f'item_{n}'] = (f'บรรทัดที่ {n} รายการ: ยาวได้ไม่เกิน {ITEM_LENGTH} ตัวอักษร '
                                   f'(กรอกมา {len(part.item.strip())})')
        try:
            amounts.append(checks.amount(part.amount, f'amount_{n}', f'บรรทัดที่ {n} จำนวนเงิน'))
        except ValidationFailed as failed:
            errors.update(failed.errors)
    if len(parts) < 1:
        errors['parts'] = 'รายการที่แจกแจง: กรุณาเพิ่มอย่างน้อย 1 บรรทัด'
    if errors:
        raise ValidationFailed(errors)
    lines = REGISTRY['elaas/budget-lines']

    def work(session: Session) -> int:
        line = lock_line(session, actor.org_id, line_id)
        check_version(session, lines, line, version)
        session.exec(select(Budget).where(Budget.org_id == actor.org_id, Budget.fiscal_year == line.fiscal_year)
                     .with_for_update()).first()  # lines of one year are numbered one at a time
        if not unsplit(line):
            raise Refusal(f'รายการ "{line_label(line)}" แจกแจงประเภทรายจ่ายแล้ว')
        if line.transfer_in or line.transfer_out or line.committed or line.disbursed:
            raise Refusal(f'รายการ "{line_label(line)}" มีการโอนหรือใช้เงินแล้ว แจกแจงไม่ได้')
        total = sum(amounts, Decimal('0'))
        if total != line.approved:
            raise ValidationFailed({'parts': f'รายการที่แจกแจง: รวม {format_money(total)} บาท ไม่เท่ากับงบประมาณของ'
                                             f'รายการ {format_money(line.approved)} บาท (ต่างกัน '
                                             f'{format_money(abs(total - line.approved))} บาท)'})
        fields = {'work_code': line.work_code, 'group_code': line.group_code, 'project_id': line.project_id}
        codes = [line_codes(session, actor.org_id, line.fiscal_year, {**fields, 'type_code': p.type_code}, line)
                 for p in parts]  # every type under the line's งบ, before anything is written
        first = parts[0]
        before = {'type_code': line.type_code, 'item': line.item, 'approved': line.approved}
        line.type_code, line.item, line.approved = first.type_code, first.item.strip(), amounts[0]
        line.category_code = codes[0]['category_code']
        stamp(line, actor)
        session.add(line)
        ids = [line.id]
        for part, amount in zip(parts[1:], amounts[1:], strict=True):
            values = {**fields, 'type_code': part.type_code}
            values.update(line_codes(session, actor.org_id, line.fiscal_year, values))
            new = BudgetLine(org_id=actor.org_id, fiscal_year=line.fiscal_year, item=part.item.strip(), approved=amount,
                             division_id=line.division_id, fund_source_id=line.fund_source_id,
                             explanation=line.explanation, created_by=actor.user_id, **values)
            session.add(new)
            session.flush()
            ids.append(new.id)
            audit.record_by(session, actor, 'create', object_type='BudgetLine', object_id=new.id,
                            data={'split_from': line.id, 'code': new.code, 'type_code': new.type_code,
                                  'item': new.item, 'approved': new.approved, VERSION_KEY: new.version})
        audit.record_by(session, actor, 'split', object_type='BudgetLine', object_id=line.id, data={
            'before': before, 'parts': [{'line': i, 'type_code': p.type_code, 'item': p.item.strip(), 'amount': a}
                                        for i, p, a in zip(ids, parts, amounts, strict=True)],
            WHAT_KEY: f'แจกแจงประเภทรายจ่ายเป็น {len(parts)} รายการ', VERSION_KEY: line.version})
        return line.id

    return submissions.once(actor, key, f'split budget line {line_id}', work)


def line_codes(session: Session, org_id: int, fy: int, clean: dict, record: BudgetLine | None = None) -> dict:
    """A line's แผนงาน, งบ and หมวด from its งาน and ประเภทรายจ่าย, its plan project checked against the plan in force,
    and its รหัสงบประมาณ when it has none (the caller holds the year's budget row locked while numbering)."""
    classes = expense_classes(session, org_id)
    if clean.get('type_code'):
        kind = classes.get(clean['type_code'])
        if kind is None or kind.level != 'type':
            raise ValidationFailed({'type_code': 'ประเภทรายจ่าย: ไม่มีในรายการให้เลือก'})
        category = classes[kind.parent_code]
        if clean.get('group_code') and clean['group_code'] != category.parent_code:
            raise ValidationFailed({'group_code': f'งบ: ประเภทรายจ่าย "{kind.name}" อยู่ใน'
                                                  f'{classes[category.parent_code].name} ไม่ใช่งบที่เลือก'})
        levels = dict(category_code=category.code, group_code=category.parent_code)
    else:  # a source that stops at งบ (งาน × งบ): the line is not yet broken down (ยังไม่แจกแจง)
        group = classes.get(clean.get('group_code') or '')
        if group is None or group.level != 'group':
            raise ValidationFailed({'type_code': 'ประเภทรายจ่าย: กรุณาเลือก (หรือเลือกงบ สำหรับรายการระดับงาน × งบ '
                                                 'ที่จะแจกแจงภายหลัง)'})
        levels = dict(type_code='', category_code='', group_code=group.code)
    work = session.exec(select(ProgramCode).where(ProgramCode.org_id == org_id,
                                                  ProgramCode.code == clean['work_code'])).first()
    if work is None or work.level != 'work':
        raise ValidationFailed({'work_code': 'งาน: ต้องเป็นรหัสงาน (ระดับงาน) เช่น 00111'})
    derived = dict(program_code=work.parent_code, **levels)
    if clean.get('project_id'):
        project = session.get(PlanProject, clean['project_id'])
        if project is None or project.org_id != org_id:
            raise ValidationFailed({'project_id': 'โครงการตามแผนพัฒนา: ไม่พบโครงการนี้'})
        if project_in_force(session, org_id, project.id) is None:
            raise ValidationFailed({'project_id': f'โครงการตามแผนพัฒนา: "{project.name}" ไม่อยู่ในแผนพัฒนาท้องถิ่นฉบับที่'
                                                  'ใช้บังคับอยู่ จึงตั้งงบประมาณไม่ได้ (ให้เพิ่มเติม/เปลี่ยนแปลงแผนก่อน)'})
    if not (record and record.code) and not clean.get('code'):
        n = 1 + session.exec(select(func.count()).select_from(BudgetLine).where(
            BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy)).one()
        while True:  # the budget row is locked (below), so no one else numbers a line of this year meanwhile
            code = f'{fy % 100:02d}{clean["work_code"]}{clean.get("type_code") or levels["group_code"]}{n:03d}'
            if session.exec(select(BudgetLine.id).where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy,
                                                        BudgetLine.code == code)).first() is None:
                break
            n += 1
        derived['code'] = code
    return derived


# --- transfers -----------------------------------------------------------------------------------------------------

CAPITAL_CATEGORIES = ('541000', '542000')  # ค่าครุภัณฑ์, ค่าที่ดินและสิ่งก่อสร้าง


@dataclass(frozen=True)
class TransferRule:
    kind: str
    name: str
    approver: str  # executive | council
    effective_from: date
    clause: str


@cache
def transfer_rules() -> tuple[TransferRule, ...]:
    with asset('elaas', 'transfer_rules.csv').open(encoding='utf-8') as handle:
        return tuple(TransferRule(r['kind'], r['name'], r['approver'], date.fromisoformat(r['effective_from']),
                                  r['clause']) for r in csv.DictReader(handle))


def transfer_rule(kind: str, on: date) -> TransferRule:
    """The rule of a transfer kind in force on a date; a missing one refuses, naming it."""
    return in_force((r for r in transfer_rules() if r.kind == kind), on,
                    f'ไม่พบกฎการโอนงบประมาณ "{kind}" ที่ใช้บังคับ ณ วันที่ {format_date(on, "long")} '
                    '(assets/elaas/transfer_rules.csv)')


def transfer_kind(source: BudgetLine, target: BudgetLine | None, changes_capital: bool,
                  explanation: bool = False) -> str:
    """What the transfer is, by the regulation's words: a คำชี้แจง changed, to a new item, a capital item changed, or
    ordinary."""
    if explanation:
        return 'explanation_change'
    if target is None:
        return 'new_item'
    if changes_capital:
        return 'capital_change'
    return 'ordinary'


def check_transfer(session: Session, actor: Principal, clean: dict, record: BudgetTransfer | None) -> dict:
    """A transfer request: its kind follows from what it does (ข้อ 26–27); a new item names its งาน, ประเภท and
    รายการ; "changes a capital item" only where a line is ครุภัณฑ์ or ที่ดินและสิ่งก่อสร้าง. In the council's hands
    only its resolution is recorded; what was proposed stays as proposed."""
    if record is not None and record.status == 'council':
        return _council_fields(clean, record)
    if (clean.get('new_explanation') or '').strip():
        return _check_explanation_change(session, clean)
    clean = {**clean, 'amount': checks.amount(clean.get('amount'))}
    source = session.get(BudgetLine, clean['from_line_id'])
    target = session.get(BudgetLine, clean['to_line_id']) if clean.get('to_line_id') else None
    if target is None and not (clean.get('new_item') or '').strip():
        raise ValidationFailed({'to_line_id': 'โอนเพิ่มให้รายการ: กรุณาเลือก หรือระบุรายการใหม่ที่จะตั้งจ่าย'})
    if target is not None and (clean.get('new_item') or '').strip():
        raise ValidationFailed({'new_item': 'รายการใหม่: เลือกรายการที่มีอยู่แล้ว หรือระบุรายการใหม่ อย่างใดอย่างหนึ่ง'})
    for line, name in ((source, 'from_line_id'), (target, 'to_line_id')):
        if line is not None and unsplit(line):
            raise unsplit_refusal(line, name)
    if target is not None and clean['from_line_id'] == clean['to_line_id']:
        raise ValidationFailed({'to_line_id': 'โอนเพิ่มรายการ: ต้องเป็นคนละรายการกับรายการที่โอนลด'})
    if target is not None and source.fiscal_year != target.fiscal_year:
        raise ValidationFailed({'to_line_id': 'โอนเพิ่มรายการ: ต้องเป็นงบประมาณปีเดียวกัน'})
    if clean['amount'] > source.remaining:
        raise ValidationFailed({'amount': f'จำนวนเงิน: เกินงบประมาณคงเหลือของรายการ "{line_label(source)}" '
                                          f'(คงเหลือ {format_money(source.remaining)} บาท)'})
    derived: dict = {'fiscal_year': source.fiscal_year}
    if target is None:
        errors = {f: f'{label}: กรุณาระบุสำหรับรายการใหม่' for f, label in (
            ('new_work_code', 'งานของรายการใหม่'), ('new_type_code', 'ประเภทรายจ่ายของรายการใหม่')) if not clean.get(f)}
        if errors:
            raise ValidationFailed(errors)
        try:  # refused now, not at the council's approval
            line_codes(session, actor.org_id, source.fiscal_year, {
                'work_code': clean['new_work_code'], 'type_code': clean['new_type_code'],
                'project_id': clean.get('new_project_id'), 'code': 'checked'})
        except ValidationFailed as error:
            raise ValidationFailed({f'new_{k.removesuffix("_id")}_id' if k == 'project_id' else f'new_{k}': v
                                    for k, v in error.errors.items()}) from None
    capital = {source.category_code, target.category_code if target else
               expense_classes(session, actor.org_id)[clean['new_type_code']].parent_code} & set(CAPITAL_CATEGORIES)
    if clean.get('changes_capital') and not capital:
        raise ValidationFailed({'changes_capital': 'เปลี่ยนลักษณะ ปริมาณ คุณภาพ: ใช้เฉพาะรายการหมวดค่าครุภัณฑ์ '
                                                   'หรือค่าที่ดินและสิ่งก่อสร้าง'})
    derived['kind'] = transfer_kind(source, target, bool(clean.get('changes_capital')))
    transfer_rule(derived['kind'], clean['transfer_date'])  # a kind without its rule refuses, naming it
    return {**clean, **derived}


def _check_explanation_change(session: Session, clean: dict) -> dict:
    """แก้ไขเปลี่ยนแปลงคำชี้แจง (ข้อ 29): one line of ค่าครุภัณฑ์ or ค่าที่ดินและสิ่งก่อสร้าง gets a new explanation;
    no money moves, so no target line, no new item and an amount of 0."""
    amount = checks.amount(clean.get('amount') or '0', positive=False)
    line = session.get(BudgetLine, clean['from_line_id'])
    errors = {}
    if clean.get('to_line_id'):
        errors['to_line_id'] = 'โอนเพิ่มให้รายการ: การแก้ไขคำชี้แจงไม่มีการโอนเงิน ให้เว้นว่าง'
    if (clean.get('new_item') or '').strip():
        errors['new_item'] = 'รายการใหม่: การแก้ไขคำชี้แจงไม่ตั้งรายการใหม่ ให้เว้นว่าง'
    if amount:
        errors['amount'] = 'จำนวนเงิน: การแก้ไขคำชี้แจงไม่มีการโอนเงิน ให้ระบุ 0'
    if line is not None and line.category_code not in CAPITAL_CATEGORIES:
        errors['from_line_id'] = (f'โอนลดจากรายการ: "{line_label(line)}" ไม่อยู่ในหมวดค่าครุภัณฑ์หรือค่าที่ดินและ'
                                  'สิ่งก่อสร้าง การแก้ไขคำชี้แจง (ข้อ 29) ใช้ได้เฉพาะรายการสองหมวดนี้')
    elif line is not None and clean['new_explanation'].strip() == line.explanation.strip():
        errors['new_explanation'] = 'คำชี้แจงใหม่: ยังเหมือนคำชี้แจงเดิมของรายการ'
    if errors:
        raise ValidationFailed(errors)
    if unsplit(line):
        raise unsplit_refusal(line, 'from_line_id')
    kind = transfer_kind(line, None, False, explanation=True)
    transfer_rule(kind, clean['transfer_date'])  # a kind without its rule refuses, naming it
    return {**clean, 'amount': amount, 'changes_capital': False, 'kind': kind, 'fiscal_year': line.fiscal_year}


COUNCIL_FIELDS = ('council_resolution', 'council_date')


def _council_fields(clean: dict, record: BudgetTransfer) -> dict:
    only_these_change(clean, record, COUNCIL_FIELDS, 'เสนอสภาท้องถิ่นแล้ว: แก้ไขได้เฉพาะมติสภาและวันที่ประชุม '
                      '(ให้สภาไม่อนุมัติแล้วขอโอนใหม่)')
    return {k: v for k, v in clean.items() if k in COUNCIL_FIELDS}


def approver_refusal(session: Session, record: BudgetTransfer, actor: Principal) -> str | None:
    """The executive approves only the kinds within their power; the others go to the council."""
    rule = transfer_rule(record.kind, record.transfer_date)
    if rule.approver != 'executive':
        return f'{rule.name} ต้องได้รับอนุมัติจากสภาท้องถิ่น ({rule.clause}): ใช้ "เสนอสภาท้องถิ่น"'
    return personnel_transfer_refusal(session, record)


def council_refusal(session: Session, record: BudgetTransfer, actor: Principal) -> str | None:
    """Only a council kind goes to the council."""
    rule = transfer_rule(record.kind, record.transfer_date)
    if rule.approver != 'council':
        return f'{rule.name} เป็นอำนาจอนุมัติของผู้บริหารท้องถิ่น ({rule.clause}) ไม่ต้องเสนอสภา'
    return None


def resolution_refusal(session: Session, record: BudgetTransfer, actor: Principal) -> str | None:
    """The council's approval is recorded with its resolution and the day it met (not before the request)."""
    if not record.council_resolution.strip() or record.council_date is None:
        return 'บันทึกมติสภา (ครั้ง/สมัย/เลขที่) และวันที่ประชุมก่อน แล้วจึงบันทึกว่าสภาอนุมัติ'
    if record.council_date < record.transfer_date:
        return 'วันที่ประชุมสภาต้องไม่ก่อนวันที่ขอโอน'
    return personnel_transfer_refusal(session, record)


def personnel_transfer_refusal(session: Session, record: BudgetTransfer) -> str | None:
    """A transfer into personnel costs from other costs must keep them within the cap (มาตรา 35) of the budget as
    it stands after every approved transfer."""
    if record.kind == 'explanation_change':
        return None  # no money moves
    classes = expense_classes(session, record.org_id)
    source = session.get(BudgetLine, record.from_line_id)
    target_type = session.get(BudgetLine, record.to_line_id).type_code if record.to_line_id else record.new_type_code
    if not is_personnel(classes, target_type) or is_personnel(classes, source.type_code):
        return None
    rows = session.exec(select(BudgetLine.type_code, func.sum(BudgetLine.approved + BudgetLine.transfer_in
                                                              - BudgetLine.transfer_out)).where(
        BudgetLine.org_id == record.org_id, BudgetLine.fiscal_year == record.fiscal_year)
        .group_by(BudgetLine.type_code)).all()
    total = sum((Decimal(a or 0) for _, a in rows), Decimal('0'))
    personnel = sum((Decimal(a or 0) for code, a in rows if is_personnel(classes, code)), Decimal('0'))
    cap = required_rule(session, record.org_id, 'personnel_cap_pct', record.transfer_date)
    after = personnel + record.amount
    if total and after * 100 > cap * total:
        return (f'โอนเข้าค่าใช้จ่ายด้านบุคคลแล้วจะเป็น {format_money(after)} บาท ร้อยละ '
                f'{(after * 100 / total).quantize(Decimal("0.01"))} ของงบประมาณ เกินร้อยละ {cap} (มาตรา 35)')
    return None


def apply_transfer(session: Session, record: BudgetTransfer, actor: Principal) -> None:
    """On approval: a new item is set up first (approved 0, under the source line's division and fund); then take
    from the source line (never below zero) and give to the target; both lines locked. A คำชี้แจง change moves no
    money: the line takes the new explanation, and the old one stays on the transfer and in the line's history."""
    if record.kind == 'explanation_change':
        line = lock_line(session, actor.org_id, record.from_line_id)
        record.old_explanation, line.explanation = line.explanation, record.new_explanation
        stamp(line, actor)
        session.add_all([line, record])
        audit.record_by(session, actor, 'update', object_type='BudgetLine', object_id=line.id, data={
            'explanation': [record.old_explanation, line.explanation],
            WHAT_KEY: f'แก้ไขเปลี่ยนแปลงคำชี้แจงตามมติสภา ({record.number_text} {record.council_resolution})',
            VERSION_KEY: line.version})
        return
    if record.to_line_id is None:
        session.exec(select(Budget).where(Budget.org_id == record.org_id, Budget.fiscal_year == record.fiscal_year)
                     .with_for_update()).first()  # lines of one year are numbered one at a time
        source = session.get(BudgetLine, record.from_line_id)
        fields = {'work_code': record.new_work_code, 'type_code': record.new_type_code,
                  'project_id': record.new_project_id}
        line = BudgetLine(org_id=record.org_id, created_by=actor.user_id, fiscal_year=record.fiscal_year,
                          item=record.new_item, division_id=source.division_id, fund_source_id=source.fund_source_id,
                          explanation=f'ตั้งจ่ายเป็นรายการใหม่โดยการโอน {record.number_text}', **fields,
                          **line_codes(session, record.org_id, record.fiscal_year, fields))
        session.add(line)
        session.flush()
        record.to_line_id = line.id
        session.add(record)
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
