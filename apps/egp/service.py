"""e-GP business rules: the hooks of the registers (vendors, files, committee members, bids, contracts,
installments), their workflow guards and effects, and the self-checks. Budget money goes through e-LAAS's
contract (`apps/elaas/links.py`) inside the same transaction: a reserve at the request, the contract's commitment
at signing, a draft ฎีกา at each accepted installment."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from apps.egp import rules
from apps.elaas import links as elaas
from apps.hr import links as hr
from core import audit, db, submissions
from core.access import Principal, require
from core.errors import Refusal, ValidationFailed
from core.resource import REGISTRY, Rules, Shared
from core.thai import fiscal_year, format_date, format_money, to_arabic_digits, today
from models.org import User
from models.procurement import (
    Announcement,
    Appeal,
    Bid,
    CommitteeMember,
    Contract,
    InspectionDecision,
    Installment,
    PlanItem,
    Procurement,
    Vendor,
)

ACTIVE = ('draft', 'requested', 'reviewed', 'approved', 'awarded', 'contracted', 'completed')
ROLES = {'chair': 'ประธานกรรมการ', 'member': 'กรรมการ', 'secretary': 'กรรมการและเลขานุการ'}
FILE_LOCKED_FIELDS = ('budget_line_id', 'kind', 'amount', 'method', 'condition', 'request_date')
CONTRACT_LOCKED_FIELDS = ('amount', 'start_on', 'end_on', 'fine_rate_pct', 'number_text', 'warranty_days')


def digits(text: str | None) -> str:
    return re.sub(r'[\s-]', '', to_arabic_digits(text or ''))


# --- vendors --------------------------------------------------------------------------------------------------------

class VendorRules(Shared):
    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        if not re.fullmatch(r'[0-9]{5}', digits(values.get('branch')) or '00000'):
            errors['branch'] = 'สาขา: ต้องเป็นตัวเลข 5 หลัก (00000 = สำนักงานใหญ่)'
        if values.get('blocked'):
            if not (values.get('blocked_reason') or '').strip():
                errors['blocked_reason'] = 'เหตุที่เป็นผู้ทิ้งงาน: กรุณากรอก (เช่น เลขที่หนังสือแจ้งเวียนชื่อ)'
            if not values.get('blocked_on'):
                errors['blocked_on'] = 'วันที่แจ้งเวียนชื่อผู้ทิ้งงาน: กรุณากรอก'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict, record) -> dict:
        return {**values, 'branch': digits(values.get('branch')) or '00000'}


# --- the annual procurement plan ----------------------------------------------------------------------------------

class PlanRules(Rules):  # a division director reads the lines of their own division
    def before_write(self, session: Session, actor: Principal, values: dict, record: PlanItem | None) -> dict:
        line = elaas.budget_line(session, actor.org_id, values.get('budget_line_id'))
        if line is None:
            raise ValidationFailed({'budget_line_id': 'รายการงบประมาณ: ไม่พบรายการนี้'})
        method = values.get('method') or rules.suggested_method('buy', values['amount'], today())
        return {**values, 'method': method, 'fiscal_year': line.fiscal_year, 'division_id': line.division_id}


# --- procurement files ----------------------------------------------------------------------------------------------

def _file(session: Session, actor: Principal, file_id: int | None, lock: bool = False) -> Procurement:
    query = select(Procurement).where(Procurement.id == file_id, Procurement.org_id == actor.org_id)
    found = session.exec(query.with_for_update() if lock else query).first()
    if found is None:
        raise ValidationFailed({'procurement_id': 'แฟ้มจัดซื้อจัดจ้าง: ไม่พบแฟ้มนี้'})
    return found


class FileRules(Rules):
    editable = ('draft', 'approved')  # approved: only the award's reason and e-GP's numbers (before_write)

    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        number = digits(values.get('egp_project_no'))
        if number and not re.fullmatch(r'[0-9]{11}', number):
            errors['egp_project_no'] = 'เลขที่โครงการ e-GP: ต้องเป็นตัวเลข 11 หลัก'
        if values.get('amount') is not None and values['amount'] <= 0:
            errors['amount'] = 'วงเงินที่จะซื้อหรือจ้าง: ต้องมากกว่า 0'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict, record: Procurement | None) -> dict:
        values = {**values, 'egp_project_no': digits(values.get('egp_project_no')),
                  'condition': values.get('condition') or ''}
        if record is not None and record.status != 'draft':
            moved = [n for n in FILE_LOCKED_FIELDS if n in values and values[n] != getattr(record, n)]
            if moved:
                labels = ', '.join(REGISTRY['egp/files'].field(n).label for n in moved)
                raise ValidationFailed({moved[0]: f'{labels}: แก้ไขได้เฉพาะเมื่อแฟ้มเป็นร่าง (จองงบประมาณแล้ว)'})
            return values
        line = elaas.budget_line(session, actor.org_id, values.get('budget_line_id'))
        if line is None:
            raise ValidationFailed({'budget_line_id': 'รายการงบประมาณ: ไม่พบรายการนี้'})
        on = values['request_date']
        if fiscal_year(on) != line.fiscal_year:
            raise ValidationFailed({'request_date': f'วันที่รายงานขอซื้อขอจ้าง: ต้องอยู่ในปีงบประมาณ {line.fiscal_year} '
                                                    f'ของรายการงบประมาณ'})
        if values.get('plan_item_id'):
            item = session.get(PlanItem, values['plan_item_id'])
            if item is None or item.org_id != actor.org_id or item.budget_line_id != line.id:
                raise ValidationFailed({'plan_item_id': 'รายการในแผนการจัดซื้อจัดจ้าง: ต้องเป็นรายการของรายการงบประมาณเดียวกัน'})
        method = values.get('method') or rules.suggested_method(values['kind'], values['amount'], on)
        if refusal := rules.method_refusal(values['kind'], method, values['amount'], values['condition'] or None, on):
            field = 'condition' if refusal.startswith('เหตุผล') else 'method'
            raise ValidationFailed({field: refusal})
        if rules.limit_applies('reference_price_publication', values['amount'], on) and not values.get(
                'reference_price'):
            raise ValidationFailed({'reference_price': 'ราคากลาง: ต้องระบุเมื่อวงเงินเกิน 500,000 บาท '
                                                       '(ต้องเผยแพร่ราคากลาง)'})
        return {**values, 'method': method, 'fiscal_year': line.fiscal_year, 'division_id': line.division_id}


def members_of(session: Session, file_id: int) -> dict[str, list[dict]]:
    rows = session.exec(select(CommitteeMember).where(CommitteeMember.procurement_id == file_id)
                        .order_by(CommitteeMember.id)).all()
    found: dict[str, list[dict]] = {}
    for m in rows:
        found.setdefault(m.committee, []).append({'name': m.name, 'role': m.role})
    return found


def committee_problems(session: Session, record: Procurement) -> list[str]:
    """What the file's committees lack (minimums, one chair, a person once), by the rules in force on its date."""
    found, members = [], members_of(session, record.id)
    for code in rules.committees(record.request_date):
        listed = members.get(code, [])
        minimum, _ = rules.committee_minimum(code, record.kind, record.method, record.amount, record.request_date)
        if listed or minimum:
            found += rules.committee_refusals(code, listed, record.kind, record.method, record.amount,
                                              record.request_date)
    return found


def request_guard(session: Session, record: Procurement, actor: Principal) -> str | None:
    if refusal := rules.method_refusal(record.kind, record.method, record.amount, record.condition or None,
                                       record.request_date):
        return refusal
    problems = [p for p in committee_problems(session, record) if not p.startswith(
        rules.committees(record.request_date)['tor']['title'])]
    if not record.committee_order.strip() and not rules.limit_applies('small_expense', record.amount,
                                                                      record.request_date, record.method):
        problems.append('คำสั่งแต่งตั้งคณะกรรมการ: กรุณาระบุเลขที่และวันที่ของคำสั่ง '
                        '(ออกเลขในทะเบียนคำสั่งของ e-Office แล้วเชื่อมหนังสือไว้ที่แฟ้ม)')
    return '; '.join(problems) or None


def reserve_budget(session: Session, record: Procurement, actor: Principal) -> None:
    """The request reserves the file's amount on its budget line (refused beyond what remains)."""
    record.commitment_id = elaas.reserve(session, actor, record.budget_line_id, record.amount, record.request_date,
                                         f'จองงบประมาณ {record.description}', f'แฟ้มจัดซื้อจัดจ้าง {record.number_text}')
    record.warnings = '\n'.join(self_checks(session, record))
    session.add(record)


def release_budget(session: Session, record: Procurement, actor: Principal) -> None:
    if record.commitment_id:
        elaas.release(session, actor, record.commitment_id, f'แฟ้ม {record.number_text} {record.status}')
        record.commitment_id = None
        session.add(record)


def _winning_bid(session: Session, record: Procurement) -> tuple[Bid, Vendor] | None:
    return session.exec(select(Bid, Vendor).join(Vendor, Vendor.id == Bid.vendor_id).where(
        Bid.procurement_id == record.id, Bid.compliant).order_by(Bid.price, Bid.id)).first()


def award_guard(session: Session, record: Procurement, actor: Principal) -> str | None:
    found = _winning_bid(session, record)
    if found is None:
        return 'ยังไม่มีผู้เสนอราคาที่ถูกต้องตามเงื่อนไข (บันทึกการเสนอราคาก่อน)'
    bid, vendor = found
    if vendor.blocked:
        return (f'{vendor.name} เป็นผู้ทิ้งงาน (ตั้งแต่ {format_date(vendor.blocked_on)}) '
                'ให้เป็นผู้ได้รับคัดเลือกไม่ได้ (พ.ร.บ. มาตรา 109)')
    if bid.price > record.amount:
        return (f'ราคาที่เสนอต่ำสุด {format_money(bid.price)} บาท สูงกว่าวงเงิน {format_money(record.amount)} บาท '
                '(ต่อรองราคา หรือยกเลิกแล้วดำเนินการใหม่)')
    return None


def award(session: Session, record: Procurement, actor: Principal) -> None:
    """The lowest compliant price wins (เกณฑ์ราคา); announced today (the demo dates its awards beforehand)."""
    bid, vendor = _winning_bid(session, record)
    record.vendor_id, record.award_price, record.awarded_on = vendor.id, bid.price, record.awarded_on or today()
    if not record.award_reason:
        record.award_reason = 'เสนอราคาต่ำสุด และคุณสมบัติและข้อเสนอถูกต้องตามเงื่อนไข (เกณฑ์ราคา)'
    record.warnings = '\n'.join(self_checks(session, record))
    session.add(record)


def result_announced_on(session: Session, record: Procurement) -> date | None:
    """The day the result was announced (ประกาศผลผู้ชนะ): its recorded announcement, else the award's date."""
    found = session.exec(select(Announcement.announced_on).where(
        Announcement.procurement_id == record.id, Announcement.kind == 'result')).first()
    return found or record.awarded_on


def appeal_ends(session: Session, record: Procurement) -> date | None:
    """The last day of the appeal window: the rule's working days after the result announcement, weekends and the
    LAO's holiday calendar (HR's วันหยุดราชการ) skipped."""
    days = rules.appeal_days(record.method, record.request_date)
    announced = result_announced_on(session, record)
    if not days or announced is None:
        return None
    off = hr.holidays_between(session, record.org_id, announced, announced + timedelta(days=7 * days + 60))
    return rules.working_days_after(announced, days, off)


def appeal_window_notes(session: Session, record: Procurement) -> list[str]:
    """What the user must know of the appeal window's count: a year the holiday calendar has no data for (counted
    with weekends only) or holidays still provisional, from HR's calendar; none when it is complete."""
    ends, announced = appeal_ends(session, record), result_announced_on(session, record)
    if ends is None or announced is None:
        return []
    return hr.holiday_warnings(session, record.org_id, announced, ends)


def undecided_appeals(session: Session, record: Procurement) -> list[Appeal]:
    return list(session.exec(select(Appeal).where(Appeal.procurement_id == record.id, Appeal.decision == 'pending')
                             .order_by(Appeal.filed_on, Appeal.id)).all())


# --- announcements and appeals ---------------------------------------------------------------------------------------

ANNOUNCEMENT_KINDS = {'invitation': 'ประกาศเชิญชวน', 'result': 'ประกาศผลผู้ชนะการเสนอราคา/ผู้ได้รับคัดเลือก'}
APPEAL_DECISIONS = {'pending': 'รอพิจารณาอุทธรณ์', 'dismissed': 'ไม่รับหรือยกอุทธรณ์', 'upheld': 'อุทธรณ์ฟังขึ้น'}
AWARDED = ('awarded', 'contracted', 'completed')


class AnnouncementRules(Shared):
    def locked(self, session: Session, record: Announcement) -> str | None:
        found = session.get(Procurement, record.procurement_id)
        if found is not None and found.status in ('contracted', 'completed'):
            return 'แก้ไขประกาศไม่ได้หลังลงนามสัญญาแล้ว'
        return None

    def before_write(self, session: Session, actor: Principal, values: dict, record) -> dict:
        found = _file(session, actor, values.get('procurement_id') or (record.procurement_id if record else None))
        on = values.get('announced_on')
        if found.status in ('draft', 'requested', 'reviewed', 'cancelled'):
            raise ValidationFailed({'procurement_id': f'แฟ้มจัดซื้อจัดจ้าง: {found.number_text} ยังไม่ได้รับอนุมัติ '
                                                      '(ประกาศได้หลังอนุมัติรายงานขอซื้อขอจ้าง)'})
        if on is not None and on < found.request_date:
            raise ValidationFailed({'announced_on': 'วันที่ประกาศ: ต้องไม่ก่อนวันที่รายงานขอซื้อขอจ้าง '
                                                    f'({format_date(found.request_date)})'})
        if (values.get('kind') or (record.kind if record else '')) == 'result':
            if found.status not in AWARDED:
                raise ValidationFailed({'kind': 'ประกาศผล: บันทึกผลการพิจารณา (ผู้ได้รับคัดเลือก) ก่อน'})
            invited = session.exec(select(Announcement.announced_on).where(
                Announcement.procurement_id == found.id, Announcement.kind == 'invitation')).first()
            if invited and on is not None and on < invited:
                raise ValidationFailed({'announced_on': 'วันที่ประกาศ: ประกาศผลต้องไม่ก่อนประกาศเชิญชวน '
                                                        f'({format_date(invited)})'})
        return {**values, 'egp_no': ' '.join((values.get('egp_no') or '').split())}


class AppealRules(Shared):
    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        decided, filed = values.get('decided_on'), values.get('filed_on')
        if (values.get('decision') or 'pending') != 'pending' and not decided:
            errors['decided_on'] = 'วันที่พิจารณาอุทธรณ์: กรุณากรอกเมื่อบันทึกผลการพิจารณา'
        if decided and filed and decided < filed:
            errors['decided_on'] = 'วันที่พิจารณาอุทธรณ์: ต้องไม่ก่อนวันที่ยื่นอุทธรณ์'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict, record) -> dict:
        found = _file(session, actor, values.get('procurement_id') or (record.procurement_id if record else None))
        appellant = ' '.join((values.get('appellant') or '').split())
        if not appellant and values.get('vendor_id'):
            vendor = session.get(Vendor, values['vendor_id'])
            appellant = vendor.name if vendor and vendor.org_id == actor.org_id else ''
        if not appellant:
            raise ValidationFailed({'appellant': 'ผู้อุทธรณ์: กรุณากรอกชื่อ หรือเลือกผู้เสนอราคา'})
        if not rules.appeal_days(found.method, found.request_date):
            method = rules.methods(found.request_date)[found.method]['title']
            raise ValidationFailed({'procurement_id': f'แฟ้มจัดซื้อจัดจ้าง: {method} ไม่มีระยะเวลาอุทธรณ์ '
                                                      '(พ.ร.บ. มาตรา 114)'})
        announced, ends = result_announced_on(session, found), appeal_ends(session, found)
        if announced is None or found.status not in AWARDED:
            raise ValidationFailed({'procurement_id': 'แฟ้มจัดซื้อจัดจ้าง: ยังไม่ได้ประกาศผล (อุทธรณ์ได้หลังประกาศผล)'})
        filed = values.get('filed_on')
        if record is None and filed is not None and not announced <= filed <= ends:
            raise ValidationFailed({'filed_on': f'วันที่ยื่นอุทธรณ์: ต้องอยู่ระหว่างวันประกาศผล {format_date(announced)} '
                                                f'ถึงวันครบกำหนดอุทธรณ์ {format_date(ends)} (พ.ร.บ. มาตรา 119)'})
        decision = values.get('decision') or 'pending'
        return {**values, 'appellant': appellant, 'decision': decision,
                'decided_on': values.get('decided_on') if decision != 'pending' else None}


# --- self-checks ----------------------------------------------------------------------------------------------------

def self_checks(session: Session, record: Procurement) -> list[str]:
    """Warnings a watchdog would raise, each with its reason: splitting, fewer than 3 bidders, a price at 99 % of
    ราคากลาง or more, เฉพาะเจาะจง in the year's last month, bidders sharing an address or a tax id prefix, a blocked
    bidder."""
    on = record.request_date
    checks = rules.checks(on)
    found = []
    bids = session.exec(select(Bid, Vendor).join(Vendor, Vendor.id == Bid.vendor_id)
                        .where(Bid.procurement_id == record.id)).all()
    if record.vendor_id and record.method == 'specific':
        window = checks['splitting']['days']
        limit = Decimal(str(rules.methods(on)['specific']['max']))
        total = session.exec(select(func.sum(Procurement.amount)).where(
            Procurement.org_id == record.org_id, Procurement.vendor_id == record.vendor_id,
            Procurement.kind == record.kind, Procurement.method == 'specific',
            col(Procurement.status).in_(ACTIVE),
            Procurement.request_date >= on - timedelta(days=window),
            Procurement.request_date <= on + timedelta(days=window))).one() or Decimal('0')
        if total > limit:
            found.append(f'อาจเป็นการแบ่งซื้อแบ่งจ้าง: {REGISTRY["egp/files"].field("kind").label}เดียวกันจากผู้ขายรายเดียวกัน '
                         f'ภายใน {window} วัน รวม {format_money(total)} บาท เกินวงเงินวิธีเฉพาะเจาะจง '
                         f'{format_money(limit)} บาท ({checks["splitting"]["clause"]})')
    few = checks['few_bidders']
    if record.method in few['methods'] and record.status in ('approved', 'awarded', 'contracted', 'completed') \
            and len(bids) < few['min_bidders']:
        found.append(f'ผู้เสนอราคา {len(bids)} ราย น้อยกว่า {few["min_bidders"]} ราย ({few["clause"]})')
    near = checks['near_reference_price']
    if record.award_price is not None and record.reference_price and \
            record.award_price * 100 >= record.reference_price * near['pct']:
        pct = (record.award_price * 100 / record.reference_price).quantize(Decimal('0.01'))
        found.append(f'ราคาที่ได้ {format_money(record.award_price)} บาท เท่ากับร้อยละ {pct} ของราคากลาง '
                     f'(ไม่ต่ำกว่าร้อยละ {near["pct"]}: {near["clause"]})')
    if not record.plan_item_id:
        found.append(f'ไม่อยู่ในแผนการจัดซื้อจัดจ้างประจำปี ({checks["not_in_plan"]["clause"]})')
    year_end = checks['year_end']
    if record.method in year_end['methods'] and on.month == year_end['month']:
        found.append(f'จัดซื้อจัดจ้างวิธีเฉพาะเจาะจงในเดือนสุดท้ายของปีงบประมาณ ({year_end["clause"]})')
    related = checks['related_bidders']
    seen: dict[str, str] = {}
    for _, vendor in bids:
        for key in (f'ที่อยู่เดียวกัน "{" ".join(vendor.address.split())}"' if vendor.address.strip() else '',
                    f'เลขประจำตัวผู้เสียภาษีขึ้นต้นเหมือนกัน ({vendor.tax_id[:related["tax_id_prefix"]]})'):
            if key and key in seen and seen[key] != vendor.name:
                found.append(f'ผู้เสนอราคา {seen[key]} และ {vendor.name} มี{key} ({related["clause"]})')
            elif key:
                seen[key] = vendor.name
    for _, vendor in bids:
        if vendor.blocked:
            found.append(f'{vendor.name} เป็นผู้ทิ้งงาน ตั้งแต่ {format_date(vendor.blocked_on)}: {vendor.blocked_reason} '
                         f'({checks["blocked_vendor"]["clause"]})')
    return found


# --- committee members and bids -------------------------------------------------------------------------------------

class MemberRules(Shared):
    def locked(self, session: Session, record: CommitteeMember) -> str | None:
        found = session.get(Procurement, record.procurement_id)
        if found is not None and found.status != 'draft':
            return 'แต่งตั้งหรือเปลี่ยนกรรมการได้เฉพาะเมื่อแฟ้มเป็นร่าง (ก่อนเสนอรายงานขอซื้อขอจ้าง)'
        return None

    def before_write(self, session: Session, actor: Principal, values: dict, record) -> dict:
        _file(session, actor, values.get('procurement_id'))
        name = ' '.join((values.get('name') or '').split())
        if values.get('user_id'):
            user = session.get(User, values['user_id'])
            name = name or (user.full_name if user else '')
        if not name:
            raise ValidationFailed({'name': 'ชื่อกรรมการ: กรุณากรอก หรือเลือกจากบุคลากร'})
        others = session.exec(select(CommitteeMember).where(
            CommitteeMember.procurement_id == values['procurement_id'],
            CommitteeMember.committee == values['committee'],
            CommitteeMember.id != (record.id if record else -1))).all()
        if any(' '.join(m.name.split()) == name for m in others):
            raise ValidationFailed({'name': f'ชื่อกรรมการ: {name} อยู่ในคณะกรรมการนี้แล้ว (หนึ่งคนต่อหนึ่งตำแหน่ง)'})
        if values.get('role') == 'chair' and any(m.role == 'chair' for m in others):
            raise ValidationFailed({'role': 'ตำแหน่งในคณะกรรมการ: คณะกรรมการนี้มีประธานกรรมการแล้ว'})
        return {**values, 'name': name}


class BidRules(Shared):
    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        if not values.get('compliant') and not (values.get('reason') or '').strip():
            return {'reason': 'เหตุผล: กรุณาระบุเหตุที่ข้อเสนอไม่ถูกต้องตามเงื่อนไข'}
        return {}

    def locked(self, session: Session, record: Bid) -> str | None:
        found = session.get(Procurement, record.procurement_id)
        if found is not None and found.status != 'approved':
            return 'บันทึกการเสนอราคาได้เมื่อรายงานขอซื้อขอจ้างได้รับอนุมัติแล้ว และก่อนบันทึกผลการพิจารณา'
        return None


# --- contracts and installments --------------------------------------------------------------------------------------

class ContractRules(Rules):
    editable = ('draft', 'signed')  # signed: only the guarantee's dates and e-GP's number (before_write)

    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        number = digits(values.get('egp_contract_no'))
        if number and not re.fullmatch(r'[0-9]{12}', number):
            errors['egp_contract_no'] = 'เลขคุมสัญญา e-GP: ต้องเป็นตัวเลข 12 หลัก'
        if values.get('start_on') and values.get('end_on') and values['end_on'] < values['start_on']:
            errors['end_on'] = 'วันสิ้นสุดสัญญา: ต้องไม่ก่อนวันเริ่มสัญญา'
        if values.get('amount') is not None and values['amount'] <= 0:
            errors['amount'] = 'จำนวนเงินตามสัญญา: ต้องมากกว่า 0'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict, record: Contract | None) -> dict:
        values = {**values, 'egp_contract_no': digits(values.get('egp_contract_no'))}
        if record is not None and record.status != 'draft':
            moved = [n for n in CONTRACT_LOCKED_FIELDS if n in values and values[n] != getattr(record, n)]
            if moved:
                raise ValidationFailed({moved[0]: 'แก้ไขได้เฉพาะก่อนลงนามสัญญา (หลังลงนามแก้ได้เฉพาะหลักประกันและเลข e-GP)'})
            return values
        found = _file(session, actor, values.get('procurement_id'))
        if found.status != 'awarded':
            raise ValidationFailed({'procurement_id': f'แฟ้มจัดซื้อจัดจ้าง: {found.number_text} ยังไม่ได้บันทึกผลการพิจารณา '
                                                      '(ทำสัญญาได้เมื่อได้ผู้ขาย/ผู้รับจ้างแล้ว)'})
        if values['amount'] > found.award_price:
            raise ValidationFailed({'amount': 'จำนวนเงินตามสัญญา: ต้องไม่เกินราคาที่ตกลง '
                                              f'{format_money(found.award_price)} บาท'})
        if refusal := rules.fine_rate_refusal(found.kind, values.get('fine_rate_pct') or Decimal('0'),
                                              found.request_date):
            raise ValidationFailed({'fine_rate_pct': refusal})
        due = values['end_on'] + timedelta(days=values.get('warranty_days') or 0)
        return {**values, 'vendor_id': found.vendor_id, 'division_id': found.division_id,
                'fiscal_year': found.fiscal_year, 'guarantee_return_due': due}


def _installments(session: Session, contract_id: int) -> list[Installment]:
    return list(session.exec(select(Installment).where(Installment.contract_id == contract_id)
                             .order_by(Installment.seq)).all())


def sign_guard(session: Session, record: Contract, actor: Principal) -> str | None:
    found = session.get(Procurement, record.procurement_id)
    if found.status != 'awarded':
        return 'แฟ้มจัดซื้อจัดจ้างยังไม่อยู่ในสถานะได้ผู้ขาย/ผู้รับจ้าง'
    vendor = session.get(Vendor, record.vendor_id)
    if vendor.blocked:
        return f'{vendor.name} เป็นผู้ทิ้งงาน ลงนามสัญญาไม่ได้ (พ.ร.บ. มาตรา 109)'
    ends = appeal_ends(session, found)
    if ends is not None and today() <= ends:
        return (f'ยังอยู่ในระยะเวลาอุทธรณ์ (ครบกำหนดวันที่ {format_date(ends)}) ลงนามสัญญาได้ตั้งแต่วันถัดไป '
                '(พ.ร.บ. มาตรา 119)')
    upheld = session.exec(select(Appeal).where(Appeal.procurement_id == found.id, Appeal.decision == 'upheld')).first()
    if upheld is not None:
        return (f'อุทธรณ์ของ {upheld.appellant} ฟังขึ้น (วันที่ {format_date(upheld.decided_on)}) ลงนามสัญญาไม่ได้ '
                'ต้องดำเนินการตามผลการพิจารณาอุทธรณ์ (พ.ร.บ. มาตรา 117)')
    if pending := undecided_appeals(session, found):
        return (f'มีอุทธรณ์ของ {pending[0].appellant} (ยื่นวันที่ {format_date(pending[0].filed_on)}) ยังไม่ได้วินิจฉัย '
                f'ลงนามสัญญาได้เมื่อวินิจฉัยอุทธรณ์ครบแล้ว (ระยะเวลาอุทธรณ์ครบกำหนดวันที่ {format_date(ends)}; '
                'พ.ร.บ. มาตรา 117)' if ends else
                f'มีอุทธรณ์ของ {pending[0].appellant} ยังไม่ได้วินิจฉัย ลงนามสัญญาได้เมื่อวินิจฉัยอุทธรณ์แล้ว')
    total = sum((i.amount for i in _installments(session, record.id)), Decimal('0'))
    if total != record.amount:
        return (f'งวดงานรวม {format_money(total)} บาท ไม่เท่ากับจำนวนเงินตามสัญญา {format_money(record.amount)} บาท '
                '(กำหนดงวดงานให้ครบก่อนลงนาม)')
    return None


def sign(session: Session, record: Contract, actor: Principal) -> None:
    """Signing: the file's reserve becomes the contract's commitment in e-LAAS; the file is contracted."""
    found = session.exec(select(Procurement).where(Procurement.id == record.procurement_id).with_for_update()).one()
    vendor = session.get(Vendor, record.vendor_id)
    elaas.commit(session, actor, found.commitment_id, record.amount, vendor.name, f'สัญญา {record.number_text}')
    record.signed_on = record.signed_on or today()  # the demo dates its contracts; a user's signing is today
    session.add(record)
    REGISTRY['egp/files'].workflow.apply(session, found, 'contract', actor, f'สัญญาเลขที่ {record.number_text}')


class InstallmentRules(Shared):
    editable = ('pending', 'rejected')

    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        if values.get('delivered_on') and values.get('inspected_on') and values['inspected_on'] < values[
                'delivered_on']:
            errors['inspected_on'] = 'วันที่ตรวจรับ: ต้องไม่ก่อนวันที่ส่งมอบ'
        if values.get('amount') is not None and values['amount'] <= 0:
            errors['amount'] = 'จำนวนเงินงวดนี้: ต้องมากกว่า 0'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict, record: Installment | None) -> dict:
        contract = session.get(Contract, values.get('contract_id') or (record.contract_id if record else None))
        if contract is None or contract.org_id != actor.org_id:
            raise ValidationFailed({'contract_id': 'สัญญา: ไม่พบสัญญานี้'})
        fixed = ('amount', 'due_on', 'seq')
        if contract.status != 'draft' and (record is None or any(
                n in values and values[n] != getattr(record, n) for n in fixed)):
            raise ValidationFailed({'amount': 'งวดงาน จำนวนเงินและวันครบกำหนด กำหนดได้ก่อนลงนามสัญญาเท่านั้น'})
        return values


INSPECT = 'egp.inspection.edit'
DECISIONS = {'accept': 'ตรวจรับ', 'reject': 'ไม่ตรวจรับ'}


def inspectors(session: Session, record: Installment) -> list[CommitteeMember]:
    """The members of the inspection committee of the installment's file."""
    contract = session.get(Contract, record.contract_id)
    return list(session.exec(select(CommitteeMember).where(
        CommitteeMember.procurement_id == contract.procurement_id, CommitteeMember.committee == 'inspection')
        .order_by(CommitteeMember.id)).all())


def decisions_of(session: Session, record: Installment) -> dict[int, InspectionDecision]:
    """The members' decisions of the installment's current round of inspection, by member id."""
    rows = session.exec(select(InspectionDecision).where(
        InspectionDecision.installment_id == record.id, InspectionDecision.round == record.inspection_round)).all()
    return {d.member_id: d for d in rows}


def inspection_state(session: Session, record: Installment) -> tuple[str, str]:
    """What the members' decisions make of the installment by the rule in force on the file's date
    ('accepted' / 'rejected' / 'pending') and why, in Thai."""
    contract = session.get(Contract, record.contract_id)
    on = session.get(Procurement, contract.procurement_id).request_date
    members, decided = inspectors(session, record), decisions_of(session, record)
    decided = {m: d for m, d in decided.items() if m in {x.id for x in members}}
    accepts = sum(1 for d in decided.values() if d.decision == 'accept')
    rejects = [d for d in decided.values() if d.decision == 'reject']
    rule = rules.inspection_rule(on)
    outcome = rules.inspection_outcome(len(members), accepts, len(rejects), on)
    need = 'ทุกคน' if rule['rule'] == 'unanimous' else 'เกินกึ่งหนึ่ง'
    if not members:
        return 'pending', 'ยังไม่มีคณะกรรมการตรวจรับพัสดุของแฟ้มนี้'
    text = (f'กรรมการตรวจรับ {len(members)} คน: ตรวจรับ {accepts} คน ไม่ตรวจรับ {len(rejects)} คน '
            f'ยังไม่บันทึก {len(members) - len(decided)} คน (ต้องตรวจรับ{need}: {rule["clause"]})')
    if outcome in ('rejected', 'dissent') and rejects:
        names = {m.id: m.name for m in members}
        text += '; ' + '; '.join(f'{names[d.member_id]} ไม่ตรวจรับ (ความเห็นแย้ง): {d.reason}' for d in rejects)
    if outcome == 'dissent':
        ordered = head_order(record)
        if ordered is None:
            return 'dissent', text + f'; กรรมการเห็นไม่ตรงกัน รอหัวหน้าหน่วยงานของรัฐสั่งการ ({rule["dissent_clause"]})'
        said = 'สั่งการให้ตรวจรับ' if ordered == 'accept' else 'สั่งการไม่ให้ตรวจรับ'
        text += (f'; หัวหน้าหน่วยงานของรัฐ{said} เมื่อ {format_date(record.head_decided_on)}: {record.head_note} '
                 f'({rule["dissent_clause"]})')
        return ('accepted' if ordered == 'accept' else 'rejected'), text
    return outcome, text


HEAD = 'egp.procurement.approve'  # หัวหน้าหน่วยงานของรัฐ: orders on a committee's dissent (ระเบียบ ข้อ 175 (4))


def head_order(record: Installment) -> str | None:
    """The head of the agency's order ('accept' / 'reject') for the installment's current round, or None."""
    if record.head_decision and record.head_round == record.inspection_round:
        return record.head_decision
    return None


def head_decide(actor: Principal, installment_id: int, decision: str, note: str, decided_on: date | None = None,
                key: str | None = None) -> None:
    """The head of the agency's order on a committee that disagrees: accept (acceptance proceeds) or not, dated,
    with a note; once a round; refused while the members agree or have not all decided."""
    require(actor, HEAD, where='egp/installments')

    def work(session: Session) -> int:
        record = session.exec(select(Installment).where(Installment.id == installment_id,
                                                        Installment.org_id == actor.org_id).with_for_update()).first()
        if record is None:
            raise ValidationFailed({'installment_id': 'งวดงาน: ไม่พบงวดนี้'})
        if record.status != 'pending':
            raise Refusal('สั่งการได้เมื่องวดนี้รอตรวจรับ')
        if head_order(record) is not None:
            raise Refusal(f'หัวหน้าหน่วยงานของรัฐสั่งการงวดที่ {record.seq} แล้ว '
                          f'({DECISIONS[record.head_decision]} เมื่อ {format_date(record.head_decided_on)})')
        outcome, text = inspection_state(session, record)
        if outcome != 'dissent':
            raise Refusal(f'สั่งการได้เมื่อกรรมการตรวจรับบันทึกครบและมีความเห็นแย้ง: {text}')
        if decision not in DECISIONS:
            raise ValidationFailed({'head_decision': 'คำสั่งการ: เลือก ตรวจรับ หรือ ไม่ตรวจรับ'})
        clean = ' '.join((note or '').split())
        if not clean:
            raise ValidationFailed({'head_note': 'เหตุผลการสั่งการ: กรุณาระบุ'})
        on = decided_on or today()
        latest = max(d.decided_on for d in decisions_of(session, record).values())
        if on < latest or on > today():
            raise ValidationFailed({'head_decided_on': f'วันที่สั่งการ: ต้องไม่ก่อนวันที่กรรมการตรวจ '
                                                       f'({format_date(latest)}) และไม่หลังวันนี้'})
        record.head_decision, record.head_round, record.head_decided_on = decision, record.inspection_round, on
        record.head_note, record.head_decided_by = clean[:500], actor.user_id
        session.add(record)
        audit.record_by(session, actor, 'inspection_head_order', 'Installment', record.id,
                        {'decision': decision, 'note': clean, 'round': record.inspection_round,
                         'decided_on': on.isoformat()})
        return record.id
    submissions.once(actor, key, 'egp.inspection.head', work)


def record_decision(session: Session, actor: Principal, record: Installment, member: CommitteeMember,
                    decision: str, reason: str, decided_on: date) -> InspectionDecision:
    """One member's decision on the installment, checked: a pending delivery of a signed contract, a member of its
    file's inspection committee, once a round, a reason for a refusal, a day from the delivery to today."""
    contract = session.get(Contract, record.contract_id)
    if record.org_id != actor.org_id or contract is None:
        raise ValidationFailed({'installment_id': 'งวดงาน: ไม่พบงวดนี้'})
    if contract.status != 'signed' or record.status != 'pending':
        raise Refusal('บันทึกผลการตรวจรับได้เมื่อสัญญาลงนามแล้วและงวดนี้รอตรวจรับ')
    if record.delivered_on is None:
        raise ValidationFailed({'delivered_on': 'วันที่ส่งมอบ: กรุณาบันทึกวันที่ส่งมอบของงวดนี้ก่อนตรวจรับ'})
    if member.org_id != actor.org_id or member.procurement_id != contract.procurement_id or \
            member.committee != 'inspection':
        raise ValidationFailed({'member_id': f'กรรมการ: {member.name} ไม่ได้เป็นกรรมการตรวจรับพัสดุของสัญญา '
                                             f'{contract.number_text}'})
    if decision not in DECISIONS:
        raise ValidationFailed({'decision': 'ผลการตรวจรับ: เลือก ตรวจรับ หรือ ไม่ตรวจรับ'})
    reason = ' '.join((reason or '').split())
    if decision == 'reject' and not reason:
        raise ValidationFailed({'reason': 'เหตุผลที่ไม่ตรวจรับ: กรุณาระบุ (ความเห็นแย้งของกรรมการ)'})
    if decided_on is None or decided_on < record.delivered_on or decided_on > today():
        raise ValidationFailed({'decided_on': f'วันที่ตรวจ: ต้องไม่ก่อนวันส่งมอบ ({format_date(record.delivered_on)}) '
                                              'และไม่หลังวันนี้'})
    earlier = decisions_of(session, record).get(member.id)
    if earlier is not None:
        raise Refusal(f'{member.name} บันทึกผลการตรวจรับงวดที่ {record.seq} แล้ว '
                      f'({DECISIONS[earlier.decision]} เมื่อ {format_date(earlier.decided_on)})')
    found = InspectionDecision(org_id=actor.org_id, installment_id=record.id, member_id=member.id,
                               round=record.inspection_round, decision=decision, reason=reason,
                               decided_on=decided_on, created_by=actor.user_id)
    session.add(found)
    session.flush()
    audit.record_by(session, actor, 'inspection_decision', 'Installment', record.id,
                    {'member': member.name, 'decision': decision, 'reason': reason, 'round': record.inspection_round,
                     'decided_on': decided_on.isoformat()})
    return found


def decide(actor: Principal, installment_id: int, member_id: int, decision: str, reason: str = '',
           decided_on: date | None = None, key: str | None = None) -> int:
    """A member's decision, recorded by the inspection officer (or by the member themselves, signed in); a repeated
    submission (a double-click) records it once."""
    def work(session: Session) -> int:
        record = session.exec(select(Installment).where(Installment.id == installment_id,
                                                        Installment.org_id == actor.org_id).with_for_update()).first()
        member = session.get(CommitteeMember, member_id)
        if record is None or member is None:
            raise ValidationFailed({'member_id': 'กรรมการหรืองวดงาน: ไม่พบรายการนี้'})
        if not (member.user_id and member.user_id == actor.user_id):
            require(actor, INSPECT, where='egp/installments')
        return record_decision(session, actor, record, member, decision, reason, decided_on or today()).id
    return submissions.once(actor, key, 'egp.inspection.decide', work)


def accept_guard(session: Session, record: Installment, actor: Principal) -> str | None:
    contract = session.get(Contract, record.contract_id)
    if contract.status != 'signed':
        return 'ตรวจรับได้เมื่อสัญญาลงนามแล้ว'
    if record.delivered_on is None:
        return 'กรุณาบันทึกวันที่ส่งมอบของงวดนี้ก่อน'
    earlier = [i for i in _installments(session, contract.id) if i.seq < record.seq and i.status != 'accepted']
    if earlier:
        return f'ต้องตรวจรับงวดที่ {earlier[0].seq} ก่อน'
    outcome, text = inspection_state(session, record)
    if outcome != 'accepted':
        return f'ยังตรวจรับไม่ได้: {text}'
    return None


def redeliver(session: Session, record: Installment, actor: Principal) -> None:
    """A new delivery after a refusal: the members decide again (a new round); the earlier decisions stay on file."""
    record.inspection_round += 1
    session.add(record)


def fine_of(session: Session, record: Installment) -> tuple[int, Decimal]:
    """Days late (delivery after the due date) and the fine, from the contract's daily rate."""
    contract = session.get(Contract, record.contract_id)
    found = session.get(Procurement, contract.procurement_id)
    late = max(0, (record.delivered_on - record.due_on).days) if record.delivered_on else 0
    fine = rules.late_fine(found.kind, contract.fine_rate_pct, late, record.amount, contract.amount,
                           found.request_date)
    return late, fine


def accept(session: Session, record: Installment, actor: Principal) -> None:
    """Acceptance: the fine deducted, a draft ฎีกา in e-LAAS for the rest, linked back; the last installment
    completes the contract and the file."""
    contract = session.exec(select(Contract).where(Contract.id == record.contract_id).with_for_update()).one()
    found = session.get(Procurement, contract.procurement_id)
    vendor = session.get(Vendor, contract.vendor_id)
    if record.inspected_on is None:  # the committee's date: its last member's decision
        record.inspected_on = max([d.decided_on for d in decisions_of(session, record).values()]
                                  + ([record.head_decided_on] if head_order(record) else []))
    record.days_late, record.fine = fine_of(session, record)
    due = record.amount - record.fine
    fine_text = (f' หักค่าปรับ {record.days_late} วัน {format_money(record.fine)} บาท' if record.fine else '')
    if due > 0:
        record.voucher_id = elaas.draft_voucher(
            session, actor, on=record.inspected_on, payee=vendor.name, payee_tax_id=vendor.tax_id,
            payee_address=vendor.address,
            description=f'{found.description} งวดที่ {record.seq} ตามสัญญา {contract.number_text}{fine_text}',
            line_id=found.budget_line_id, commitment_id=found.commitment_id, amount=due, withhold=vendor.juristic,
            supporting_docs='\n'.join(['ใบส่งมอบงาน/ใบแจ้งหนี้', f'ใบตรวจรับพัสดุ งวดที่ {record.seq}',
                                       f'สำเนาสัญญา {contract.number_text}'] + (
                                          [f'การคำนวณค่าปรับ{fine_text}'] if record.fine else [])))
    session.add(record)
    session.flush()
    if all(i.status == 'accepted' for i in _installments(session, contract.id)):
        REGISTRY['egp/contracts'].workflow.apply(session, contract, 'complete', actor, 'ตรวจรับครบทุกงวด')
        REGISTRY['egp/files'].workflow.apply(session, found, 'complete', actor, 'ตรวจรับครบทุกงวด')
    audit.record_by(session, actor, 'inspection', 'Installment', record.id,
                    {'days_late': record.days_late, 'fine': str(record.fine), 'voucher_id': record.voucher_id})


def check_refusal(refusal: str | None) -> None:
    if refusal:
        raise Refusal(refusal)


# --- what a file's and an installment's detail pages show ------------------------------------------------------------

def file_summary(actor: Principal, record: Procurement) -> dict:
    """A file's budget line and what remains on it, the method suggested and checked, the committees' problems, the
    self-checks as they stand, the appeal window's end."""
    with db.session_scope() as session:
        line = elaas.budget_line(session, actor.org_id, record.budget_line_id)
        on = record.request_date
        return {
            'line': line.label if line else '',
            'remaining': line.remaining if line else Decimal('0'),
            'reserved': elaas.commitment_left(session, actor.org_id, record.commitment_id)
            if record.commitment_id else None,
            'suggested': rules.methods(on)[rules.suggested_method(record.kind, record.amount, on)]['title'],
            'method': rules.method_refusal(record.kind, record.method, record.amount, record.condition or None, on),
            'no_agreement': rules.limit_applies('no_written_agreement', record.amount, on, record.method),
            'committees': committee_problems(session, record),
            'checks': self_checks(session, record),
            'appeal_ends': appeal_ends(session, record),
            'appeal_notes': appeal_window_notes(session, record),
            'announced': result_announced_on(session, record),
            'appeals_pending': len(undecided_appeals(session, record)),
        }


def installment_summary(actor: Principal, record: Installment) -> dict:
    """The fine as it stands, the ฎีกา, and the inspection committee's members with their decisions of this round
    (and whom this user may record for)."""
    with db.session_scope() as session:
        late, fine = fine_of(session, record)
        decided = decisions_of(session, record)
        members = [{'id': m.id, 'name': m.name, 'role': ROLES.get(m.role, m.role),
                    'decision': decided[m.id].decision if m.id in decided else None,
                    'reason': decided[m.id].reason if m.id in decided else '',
                    'decided_on': decided[m.id].decided_on if m.id in decided else None,
                    'may_record': record.status == 'pending' and m.id not in decided and (
                        actor.can(INSPECT) or bool(m.user_id and m.user_id == actor.user_id))}
                   for m in inspectors(session, record)]
        outcome, text = inspection_state(session, record)
        return {'days_late': late, 'fine': fine, 'voucher': elaas.voucher_label(session, actor.org_id,
                                                                                 record.voucher_id),
                'members': members, 'outcome': outcome, 'outcome_text': text,
                'may_order': outcome == 'dissent' and record.status == 'pending' and actor.can(HEAD)}
