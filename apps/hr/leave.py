"""Leave (ระบบการลา): the rules checked on a request, who approves it, and the append-only ledger.

A balance is the sum of a person's ledger entries for one leave type and fiscal year, never a stored number.
Approving a request posts its taking; cancelling an approved one posts the days back; a holiday added after an
approval changes nothing by itself: it is offered to HR as an adjustment with its reason (holiday_discrepancies).
The approval route is decided when the request is submitted, from the seat of the person asking (REFERENCE §8.5):
staff → the head of their division → the ปลัด; a division's head → the ปลัด → the นายก; the ปลัด → the นายก. The
approvers of each step are whoever holds the seat at the time of acting (acting heads included) and, for the last
step, the holders of a delegation order of hr.leave.approve in force reaching the request's division; never the
person on leave or the one who filed the request."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, false, func, or_, true
from sqlmodel import Session, col, select

from apps.hr.rules import (
    CATEGORIES,
    add_months,
    bundled_holidays,
    count_halves,
    days_text,
    holidays_between,
    leave_types,
    offered_holiday_years,
    rule_for,
)
from core import audit, db, submissions
from core.access import Principal, in_force, require
from core.errors import Refusal
from core.signers import MAYOR_SEAT
from core.thai import fiscal_year, fiscal_year_range, format_date, today
from models.files import Attachment
from models.hr import Holiday, LeaveLedgerEntry, LeaveRequest, Person
from models.org import Assignment, DelegationOrder, Position, User

REQUEST, APPROVE, MANAGE = 'hr.leave.request', 'hr.leave.approve', 'hr.leave.manage'
CHIEF_SEAT = 'CHIEF'
STEP_TITLES = {'head': 'หัวหน้าส่วนราชการ', 'chief': 'ปลัด', 'mayor': 'นายก'}
KINDS = {'allocation': 'สิทธิประจำปี', 'carry_forward': 'ยกมาจากปีก่อน', 'taking': 'ลา', 'cancellation': 'ยกเลิกวันลา',
         'adjustment': 'ปรับปรุง'}
ACTIVE = ('submitted', 'endorsed', 'approved')


# --- the ledger ------------------------------------------------------------------------------------------------------

def post(session: Session, actor: Principal, person_id: int, leave_type: str, fy: int, kind: str, halves: int,
         reason: str = '', request_id: int | None = None, key: str | None = None,
         on: date | None = None) -> LeaveLedgerEntry:
    """Append one ledger entry (the only way the ledger changes); `key` makes it once-only (an allocation, a
    carry-forward, a request's taking)."""
    entry = LeaveLedgerEntry(org_id=actor.org_id, person_id=person_id, leave_type=leave_type, fiscal_year=fy,
                             kind=kind, halves=halves, request_id=request_id, reason=reason, dedupe_key=key,
                             entry_date=on or today(), created_by=actor.user_id)
    session.add(entry)
    session.flush()
    audit.record_by(session, actor, 'leave_ledger', object_type='Person', object_id=person_id, data={
        'leave_type': leave_type, 'fiscal_year': fy, 'kind': kind, 'halves': halves, 'reason': reason,
        'request_id': request_id})
    return entry


def balance(session: Session, person_id: int, leave_type: str, fy: int) -> int:
    """The ledger's sum, in half days."""
    return session.exec(select(func.coalesce(func.sum(LeaveLedgerEntry.halves), 0)).where(
        LeaveLedgerEntry.person_id == person_id, LeaveLedgerEntry.leave_type == leave_type,
        LeaveLedgerEntry.fiscal_year == fy)).one()


def used(session: Session, person_id: int, leave_type: str, fy: int) -> int:
    """Half days taken (net of cancellations and adjustments of takings) in a fiscal year."""
    return -session.exec(select(func.coalesce(func.sum(LeaveLedgerEntry.halves), 0)).where(
        LeaveLedgerEntry.person_id == person_id, LeaveLedgerEntry.leave_type == leave_type,
        LeaveLedgerEntry.fiscal_year == fy,
        col(LeaveLedgerEntry.kind).in_(('taking', 'cancellation', 'adjustment')),
        col(LeaveLedgerEntry.request_id).is_not(None))).one()


def has_entry(session: Session, org_id: int, key: str) -> bool:
    return session.exec(select(LeaveLedgerEntry.id).where(LeaveLedgerEntry.org_id == org_id,
                                                          LeaveLedgerEntry.dedupe_key == key)).first() is not None


def allocate(session: Session, actor: Principal, person: Person, fy: int) -> LeaveLedgerEntry | None:
    """The year's vacation allocation (once per person and year) where the person's category has one."""
    start, _ = fiscal_year_range(fy)
    rule = rule_for('vacation', person.category, max(start, person.service_start))
    key = f'alloc:{person.id}:vacation:{fy}'
    if rule is None or not rule.allocation_days or has_entry(session, actor.org_id, key):
        return None
    return post(session, actor, person.id, 'vacation', fy, 'allocation', 2 * rule.allocation_days,
                f'สิทธิลาพักผ่อนประจำปีงบประมาณ {fy}', key=key, on=max(start, person.service_start))


# --- who approves ----------------------------------------------------------------------------------------------------

def _holders(session: Session, org_id: int, *conditions) -> list[int]:
    return list(session.exec(select(Assignment.user_id).join(Position, Position.id == Assignment.position_id)
                             .join(User, User.id == Assignment.user_id)
                             .where(Position.org_id == org_id, Position.is_active, User.is_active, *conditions)
                             .order_by(Assignment.acting, Assignment.id)).all())


def _seat(code: str):
    return col(Position.code).in_((code, f'{code}-1'))


def route_for(session: Session, person: Person) -> str:
    """The approval steps of a request of this person, from the seat they hold."""
    position = session.get(Position, person.position_id) if person.position_id else None
    code = position.code.split('-')[0] if position is not None else ''
    if code == CHIEF_SEAT:
        return 'mayor'
    if code == f'DEPUTY_{CHIEF_SEAT}':
        return 'chief'
    heads = _holders(session, person.org_id, Position.division_id == person.division_id, Position.is_head)
    if (position is not None and position.is_head) or (person.owner_id is not None and person.owner_id in heads):
        return 'chief,mayor'
    return 'head,chief' if heads else 'chief'


def step_of(record: LeaveRequest) -> str | None:
    """The step waiting now: the first for a submitted request, the last for an endorsed one."""
    steps = record.route.split(',') if record.route else []
    if record.status == 'submitted' and steps:
        return steps[0]
    if record.status == 'endorsed' and len(steps) > 1:
        return steps[-1]
    return None


def step_approvers(session: Session, record: LeaveRequest, step: str | None) -> set[int]:
    """Who may act on the step: the seat's holders, and for the deciding step the holders of an order in force."""
    if step is None:
        return set()
    if step == 'head':
        found = set(_holders(session, record.org_id, Position.division_id == record.division_id, Position.is_head))
    else:
        found = set(_holders(session, record.org_id, _seat(CHIEF_SEAT if step == 'chief' else MAYOR_SEAT)))
        if step == record.route.split(',')[-1]:
            found |= set(session.exec(
                select(Assignment.user_id).join(DelegationOrder, DelegationOrder.position_id == Assignment.position_id)
                .where(DelegationOrder.org_id == record.org_id, DelegationOrder.permission == APPROVE, in_force(),
                       or_(col(DelegationOrder.division_id).is_(None),
                           DelegationOrder.division_id == record.division_id))).all())
    return found - {record.owner_id, record.created_by}


def endorsers(session: Session, record: LeaveRequest) -> set[int]:
    steps = record.route.split(',') if record.route else []
    return step_approvers(session, record, step_of(record)) if record.status == 'submitted' and len(steps) > 1 \
        else set()


def deciders(session: Session, record: LeaveRequest) -> set[int]:
    steps = record.route.split(',') if record.route else []
    if record.status == 'endorsed' or (record.status == 'submitted' and len(steps) == 1):
        return step_approvers(session, record, step_of(record))
    return set()


def current_approvers(session: Session, record: LeaveRequest) -> set[int]:
    return step_approvers(session, record, step_of(record))


def waiting_for(session: Session, record: LeaveRequest) -> str:
    """Whom the request waits for, in Thai (names of the step's approvers)."""
    step = step_of(record)
    if step is None:
        return ''
    ids = current_approvers(session, record)
    names = session.exec(select(User.full_name).where(col(User.id).in_(ids or {-1}))).all()
    return f'{STEP_TITLES[step]} ({", ".join(names) or "ยังไม่มีผู้ดำรงตำแหน่ง"})'


# --- the rules of one request -----------------------------------------------------------------------------------------

def counted_halves(session: Session, record: LeaveRequest, person: Person) -> int:
    rule = rule_for(record.leave_type, person.category, record.start_date)
    counting = rule.counting if rule else 'working'
    holidays = holidays_between(session, record.org_id, record.start_date, record.end_date)
    return count_halves(record.start_date, record.end_date, record.start_half, record.end_half, counting, holidays)


def problems(session: Session, record: LeaveRequest, person: Person) -> dict[str, str]:
    """Every rule the request breaks, field -> Thai message naming the field (empty: it may go on)."""
    errors: dict[str, str] = {}
    title = leave_types().get(record.leave_type, record.leave_type)
    rule = rule_for(record.leave_type, person.category, record.start_date)
    if rule is None:
        return {'leave_type': f'ประเภทการลา: {CATEGORIES.get(person.category, person.category)} ไม่มีสิทธิ{title}'}
    if record.end_date < record.start_date:
        return {'end_date': 'ถึงวันที่: ต้องไม่ก่อนวันเริ่มลา'}
    if fiscal_year(record.start_date) != fiscal_year(record.end_date):
        _, last = fiscal_year_range(fiscal_year(record.start_date))
        return {'end_date': f'ถึงวันที่: การลาข้ามปีงบประมาณ ให้ยื่นใบลาถึงวันที่ {format_date(last, "long")} '
                            'แล้วยื่นใบลาใหม่สำหรับปีงบประมาณถัดไป'}
    if (record.start_half or record.end_half) and not rule.half_day:
        errors['start_half'] = f'ครึ่งวัน: {title}ลาเป็นครึ่งวันไม่ได้'
    halves = counted_halves(session, record, person)
    if halves <= 0:
        errors['start_date'] = 'วันที่ลา: ช่วงที่ลาไม่มีวันทำการ (วันหยุดราชการหรือเสาร์-อาทิตย์ทั้งหมด)'
        return errors
    if rule.min_service_months:
        earliest = add_months(person.service_start, rule.min_service_months)
        if record.start_date < earliest:
            errors['start_date'] = (f'วันที่ลา: {title}ได้เมื่อรับราชการครบ {rule.min_service_months} เดือน '
                                    f'(ครบวันที่ {format_date(earliest, "long")})')
    fy = fiscal_year(record.start_date)
    if rule.balance == 'ledger':
        left = balance(session, person.id, record.leave_type, fy)
        if halves > left:
            errors['end_date'] = (f'วันที่ลา: {title}คงเหลือ {days_text(left)} วัน ลาได้ไม่เกินวันคงเหลือ '
                                  f'(ขอลา {days_text(halves)} วัน)')
    elif rule.balance == 'limit' and rule.limit_days:
        limit = rule.limit_days
        if rule.first_year_limit_days and fiscal_year(person.service_start) == fy:
            limit = rule.first_year_limit_days
        taken = used(session, person.id, record.leave_type, fy)
        if taken + halves > 2 * limit:
            errors['end_date'] = (f'วันที่ลา: {title}ได้ไม่เกิน {limit} วันต่อปีงบประมาณ ใช้ไปแล้ว {days_text(taken)} วัน '
                                  f'ขอลาอีก {days_text(halves)} วัน')
    if rule.certificate_from_days and halves >= 2 * rule.certificate_from_days and not session.exec(
            select(Attachment.id).where(Attachment.org_id == record.org_id, Attachment.object_type == 'LeaveRequest',
                                        Attachment.object_id == record.id)).first():
        errors['reason'] = (f'ใบรับรองแพทย์: {title}ตั้งแต่ {rule.certificate_from_days} วันขึ้นไป '
                            'ต้องแนบใบรับรองแพทย์ก่อนส่งใบลา')
    overlap = session.exec(select(LeaveRequest.id).where(
        LeaveRequest.person_id == person.id, LeaveRequest.id != record.id, col(LeaveRequest.status).in_(ACTIVE),
        LeaveRequest.start_date <= record.end_date, LeaveRequest.end_date >= record.start_date)).first()
    if overlap is not None:
        errors['start_date'] = 'วันที่ลา: ซ้อนกับใบลาอื่นของผู้ลาที่ยื่นหรืออนุญาตแล้ว'
    return errors


def refuse_if_broken(session: Session, record: LeaveRequest) -> None:
    person = session.get(Person, record.person_id)
    if errors := problems(session, record, person):
        raise Refusal('\n'.join(errors.values()), errors)


# --- the workflow's guards and effects (core/workflow.py calls them in the move's transaction) ----------------------

def may_file(session: Session, record: LeaveRequest, actor: Principal) -> str | None:
    if actor.user_id in (record.owner_id, record.created_by) or actor.can(MANAGE):
        return None
    return 'ยื่นหรือถอนใบลาได้เฉพาะผู้ลา ผู้จัดทำใบลา หรือเจ้าหน้าที่บริหารงานบุคคล'


def on_submit(session: Session, record: LeaveRequest, actor: Principal) -> None:
    person = session.get(Person, record.person_id, with_for_update=True)
    record.halves = counted_halves(session, record, person)
    record.route = route_for(session, person)
    refuse_if_broken(session, record)
    session.add(record)


def on_approve(session: Session, record: LeaveRequest, actor: Principal) -> None:
    """Lock the person, check the rules again (another leave may have been approved since), post the taking."""
    person = session.get(Person, record.person_id, with_for_update=True)
    record.halves = counted_halves(session, record, person)
    refuse_if_broken(session, record)
    record.decided_on = today()
    session.add(record)
    post(session, actor, person.id, record.leave_type, record.fiscal_year, 'taking', -record.halves,
         f'ใบลาเลขที่ {record.id}', request_id=record.id, key=f'take:{record.id}', on=record.start_date)


def on_cancel(session: Session, record: LeaveRequest, actor: Principal) -> None:
    """The days of an approved leave come back through the ledger (the taking and its adjustments, reversed)."""
    net = session.exec(select(func.coalesce(func.sum(LeaveLedgerEntry.halves), 0)).where(
        LeaveLedgerEntry.request_id == record.id)).one()
    post(session, actor, record.person_id, record.leave_type, record.fiscal_year, 'cancellation', -net,
         f'ยกเลิกวันลา ใบลาเลขที่ {record.id}: {record.note}'.strip(), request_id=record.id,
         key=f'cancel:{record.id}')


def on_decided(session: Session, record: LeaveRequest, actor: Principal) -> None:
    record.decided_on = today()
    session.add(record)


# --- reading ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Balance:
    leave_type: str
    title: str
    entitled: str  # Thai: what the person has this year
    used: int
    left: int | None  # half days; None: no limit


def person_of(session: Session, org_id: int, user_id: int) -> Person | None:
    return session.exec(select(Person).where(Person.org_id == org_id, Person.owner_id == user_id,
                                             Person.is_active)).first()


def balances(session: Session, person: Person, fy: int) -> list[Balance]:
    start, _ = fiscal_year_range(fy)
    found = []
    for code, title in leave_types().items():
        rule = rule_for(code, person.category, max(start, person.service_start))
        if rule is None:
            continue
        taken = used(session, person.id, code, fy)
        if rule.balance == 'ledger':
            left = balance(session, person.id, code, fy)
            found.append(Balance(code, title, f'{days_text(left + taken)} วัน', taken, left))
        elif rule.balance == 'limit' and rule.limit_days:
            limit = rule.limit_days
            if rule.first_year_limit_days and fiscal_year(person.service_start) == fy:
                limit = rule.first_year_limit_days
            found.append(Balance(code, title, f'{limit} วัน' + (' (นับวันต่อเนื่อง)' if rule.counting == 'calendar'
                                                                else ''), taken, 2 * limit - taken))
        elif taken:
            found.append(Balance(code, title, 'ตามที่ได้รับอนุญาต', taken, None))
    return found


def ledger(session: Session, person_id: int, fy: int | None = None) -> list[LeaveLedgerEntry]:
    query = select(LeaveLedgerEntry).where(LeaveLedgerEntry.person_id == person_id)
    if fy is not None:
        query = query.where(LeaveLedgerEntry.fiscal_year == fy)
    return list(session.exec(query.order_by(LeaveLedgerEntry.fiscal_year, LeaveLedgerEntry.leave_type,
                                            LeaveLedgerEntry.id)).all())


def my_leave(actor: Principal, fy: int | None = None) -> tuple[Person | None, int, list[Balance], list, list]:
    """The signed-in person's record, the year, balances, ledger and requests (the page's one trip)."""
    require(actor, REQUEST, where='hr/my-leave')
    fy = fy or fiscal_year(today())
    with db.session_scope() as session:
        person = person_of(session, actor.org_id, actor.user_id)
        if person is None:
            return None, fy, [], [], []
        requests = session.exec(select(LeaveRequest).where(LeaveRequest.person_id == person.id)
                                .order_by(col(LeaveRequest.start_date).desc())).all()
        return person, fy, balances(session, person, fy), ledger(session, person.id, fy), list(requests)


def away_on(actor: Principal, on: date | None = None, division_id: int | None = None) -> list[tuple]:
    """Who is on approved leave on a day: (person's name, division id, leave type title, request)."""
    on = on or today()
    with db.session_scope() as session:
        query = select(Person.full_name, LeaveRequest).join(Person, Person.id == LeaveRequest.person_id).where(
            LeaveRequest.org_id == actor.org_id, LeaveRequest.status == 'approved', LeaveRequest.start_date <= on,
            LeaveRequest.end_date >= on)
        if division_id is not None:
            query = query.where(LeaveRequest.division_id == division_id)
        titles = leave_types()
        return [(name, r.division_id, titles.get(r.leave_type, r.leave_type), r)
                for name, r in session.exec(query.order_by(Person.full_name)).all()]


# --- HR's corrections ------------------------------------------------------------------------------------------------

def adjust(actor: Principal, person_id: int, leave_type: str, fy: int, days: str, reason: str, *,
           key: str | None = None) -> None:
    """A manual ledger adjustment (days may be negative, in halves: '1.5'); the reason is required."""
    require(actor, MANAGE, where='hr/adjust')
    errors = {}
    try:
        value = float(str(days).strip())
        halves = round(value * 2)
        if halves / 2 != value or halves == 0:
            raise ValueError
    except ValueError:
        errors['days'] = 'จำนวนวัน: ต้องเป็นจำนวนวันหรือครึ่งวัน (เช่น 1, 0.5, -2) และไม่เป็นศูนย์'
    if leave_type not in leave_types():
        errors['leave_type'] = 'ประเภทการลา: กรุณาเลือก'
    if not (reason or '').strip():
        errors['reason'] = 'เหตุผล: กรุณาระบุเหตุผลของการปรับปรุง'
    if errors:
        raise Refusal('\n'.join(errors.values()), errors)

    def work(session: Session) -> None:
        person = session.get(Person, person_id, with_for_update=True)
        if person is None or person.org_id != actor.org_id:
            raise Refusal('ไม่พบบุคลากรนี้')
        rule = rule_for(leave_type, person.category, fiscal_year_range(fy)[1])
        if rule is not None and rule.balance == 'ledger' and balance(session, person.id, leave_type, fy) + halves < 0:
            raise Refusal('จำนวนวัน: ปรับปรุงแล้ววันลาคงเหลือติดลบไม่ได้', {'days': 'จำนวนวัน: วันคงเหลือติดลบไม่ได้'})
        post(session, actor, person.id, leave_type, fy, 'adjustment', halves, reason.strip())

    submissions.once(actor, key, f'adjust hr/leave {person_id}', work)


@dataclass(frozen=True)
class Discrepancy:
    request_id: int
    person_id: int
    person_name: str
    leave_type: str
    fiscal_year: int
    counted: int  # half days the ledger holds for the request
    now: int  # half days the calendar gives today
    holidays: str  # the holidays within the leave, as now on the calendar


def add_offered_holidays(actor: Principal, fy: int, key: str | None = None) -> int:
    """Add a fiscal year's days from the suite's holiday data to the LAO's calendar (an LAO set up before the data
    reached that year); days already on the calendar stay as HR keyed them. Leave approved before is never changed:
    holiday_discrepancies offers it to HR. Returns how many days were added."""
    require(actor, MANAGE, where='hr/holidays')
    first, last = fiscal_year_range(fy)

    def work(session: Session) -> int:
        if fy not in offered_holiday_years(session, actor.org_id):
            raise Refusal(f'ปฏิทินวันหยุดราชการ: ไม่มีวันหยุดปีงบประมาณ {fy} ให้เพิ่ม (มีในปฏิทินแล้ว หรือไม่มีในข้อมูลของระบบ)')
        added = [Holiday(org_id=actor.org_id, holiday_date=day, name=name)
                 for day, name in bundled_holidays() if first <= day <= last]
        session.add_all(added)
        session.flush()
        audit.record_by(session, actor, 'create', object_type='Holiday', object_id=f'FY{fy}', data={
            'what': f'เพิ่มวันหยุดราชการปีงบประมาณ {fy} จากข้อมูลของระบบ', 'days': len(added)})
        return len(added)

    return submissions.once(actor, key, f'holidays hr/{fy}', work)


def holiday_discrepancies(actor: Principal) -> list[Discrepancy]:
    """Approved requests whose days the holiday calendar now counts differently from the ledger (a holiday added or
    removed after the approval): offered to HR, never applied silently."""
    require(actor, MANAGE, where='hr/holidays')
    found = []
    with db.session_scope() as session:
        rows = session.exec(select(LeaveRequest, Person).join(Person, Person.id == LeaveRequest.person_id).where(
            LeaveRequest.org_id == actor.org_id, LeaveRequest.status == 'approved')).all()
        for record, person in rows:
            held = -session.exec(select(func.coalesce(func.sum(LeaveLedgerEntry.halves), 0)).where(
                LeaveLedgerEntry.request_id == record.id)).one()
            now = counted_halves(session, record, person)
            if now != held:
                days = holidays_between(session, actor.org_id, record.start_date, record.end_date)
                found.append(Discrepancy(record.id, person.id, person.full_name, record.leave_type,
                                         record.fiscal_year, held, now,
                                         ', '.join(f'{format_date(d)} {n}' for d, n in sorted(days.items()))))
    return found


def settle_discrepancy(actor: Principal, request_id: int, *, key: str | None = None) -> None:
    """Post the difference the calendar now gives as an adjustment of the request, naming the holidays."""
    require(actor, MANAGE, where='hr/holidays')

    def work(session: Session) -> None:
        record = session.get(LeaveRequest, request_id, with_for_update=True)
        if record is None or record.org_id != actor.org_id or record.status != 'approved':
            raise Refusal('ไม่พบใบลาที่อนุญาตแล้วนี้')
        person = session.get(Person, record.person_id, with_for_update=True)
        held = -session.exec(select(func.coalesce(func.sum(LeaveLedgerEntry.halves), 0)).where(
            LeaveLedgerEntry.request_id == record.id)).one()
        now = counted_halves(session, record, person)
        if now == held:
            return
        days = holidays_between(session, actor.org_id, record.start_date, record.end_date)
        reason = (f'ปฏิทินวันหยุดเปลี่ยนหลังอนุญาตใบลาเลขที่ {record.id}: นับได้ {days_text(now)} วัน '
                  f'(เดิม {days_text(held)} วัน) วันหยุด: ' + (', '.join(f'{format_date(d)} {n}'
                                                                   for d, n in sorted(days.items())) or '-'))
        post(session, actor, person.id, record.leave_type, record.fiscal_year, 'adjustment', held - now, reason,
             request_id=record.id)

    submissions.once(actor, key, f'settle hr/leave {request_id}', work)


# --- the approvers as SQL (the home page's pending count is one query: core/workflow.py `where`) ---------------------

def _holds(actor: Principal, *conditions):
    """EXISTS: the actor holds an active seat matching the conditions (on Position)."""
    return exists(select(Assignment.id).join(Position, Position.id == Assignment.position_id).where(
        Assignment.user_id == actor.user_id, Position.is_active, *conditions))


def _ordered(model, actor: Principal):
    """The actor's delegation orders of hr.leave.approve in force reach the record's division."""
    orders = actor.orders(APPROVE)
    if any(order.division_id is None for order in orders):
        return true()
    divisions = [order.division_id for order in orders]
    return col(model.division_id).in_(divisions) if divisions else false()


def _not_own(model, actor: Principal):
    return and_(or_(col(model.owner_id).is_(None), model.owner_id != actor.user_id),
                or_(col(model.created_by).is_(None), model.created_by != actor.user_id))


def _seat_of(step: str, model, actor: Principal):
    if step == 'head':
        return _holds(actor, Position.division_id == model.division_id, Position.is_head)
    return _holds(actor, _seat(CHIEF_SEAT if step == 'chief' else MAYOR_SEAT))


def endorsing_where(model, actor: Principal):
    return and_(model.status == 'submitted', _not_own(model, actor), or_(
        and_(col(model.route).like('head,%'), _seat_of('head', model, actor)),
        and_(col(model.route).like('chief,%'), _seat_of('chief', model, actor))))


def deciding_where(model, actor: Principal):
    last_is = {step: or_(model.route == step, col(model.route).like(f'%,{step}')) for step in ('chief', 'mayor')}
    deciding = or_(model.status == 'endorsed', and_(model.status == 'submitted', ~col(model.route).like('%,%')))
    return and_(deciding, _not_own(model, actor), or_(
        *[and_(last_is[step], or_(_seat_of(step, model, actor), _ordered(model, actor))) for step in last_is]))
