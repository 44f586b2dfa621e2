"""Leave: every rule at its limits, the approval route from the structure and delegation orders, the ledger
invariant (balance = sum, never negative), cancellation, holidays added after approval, and the rollover caps."""

from datetime import date, timedelta

import pytest
from hr_calendar import (
    CLOCK_DAY,
    FIRST_DAY,
    FY,
    LAST_DAY,
    NEXT_FIRST_DAY,
    clock_at,
    first_working_day,
    last_working_day,
    weeks,
)
from sqlalchemy import text
from sqlmodel import select

from apps.hr import leave, rollover, rules
from apps.hr.resources import HOLIDAYS, LEAVE_REQUESTS, PERSONS
from apps.hr.rules import count_halves, rule_for
from core import db
from core import resource as kit
from core.errors import Denied, Refusal, ValidationFailed
from core.thai import frozen_clock
from helpers import principal
from models.hr import LeaveLedgerEntry, LeaveRequest, Person
from models.org import DelegationOrder, Position, User

# The demo's fiscal year and its dates (hr_calendar): W is the Monday of four clean weeks, LATER one more after them
W = weeks(4)
LATER = weeks(1, after=W + timedelta(weeks=4))


def day(n: int, base: date = W) -> date:
    return base + timedelta(days=n)


@pytest.fixture(autouse=True)
def clock():
    with frozen_clock(clock_at()):
        yield


def _person_of(username: str) -> Person:
    with db.session_scope() as session:
        user = session.exec(select(User).where(User.username == username)).one()
        return leave.person_of(session, user.org_id, user.id)


def _balance(person_id: int, kind: str = 'vacation', fy: int = FY) -> int:
    with db.session_scope() as session:
        return leave.balance(session, person_id, kind, fy)


def _ledger_sum(person_id: int, kind: str = 'vacation', fy: int = FY) -> int:
    with db.session_scope() as session:
        return sum(e.halves for e in leave.ledger(session, person_id, fy) if e.leave_type == kind)


_ids = iter(range(5000, 6000))


def _citizen_id() -> str:
    digits = f'1{next(_ids):011d}'
    return digits + str((11 - sum(int(d) * (13 - i) for i, d in enumerate(digits)) % 11) % 10)


def _new_person(service_start: date, category: str = 'local_official', seat: str = 'DISASTER_OFFICER') -> int:
    hr = principal('hr')
    with db.session_scope() as session:
        position = session.exec(select(Position).where(Position.org_id == hr.org_id,
                                                       Position.code.like(f'{seat}%'))).first()
    return kit.create(PERSONS, hr, {'citizen_id': _citizen_id(), 'title': 'นาย', 'first_name': 'ทดสอบ',
                                    'last_name': f'สิทธิ{next(_ids)}', 'category': category,
                                    'position_id': position.id, 'service_start': service_start, 'is_active': True})


def _request(actor, person_id: int, kind: str, start: date, end: date, **extra) -> int:
    return kit.create(LEAVE_REQUESTS, actor, {'person_id': person_id, 'leave_type': kind, 'start_date': start,
                                              'end_date': end, 'reason': 'ทดสอบ', **extra})


def _move(username: str, record_id: int, name: str, note: str = '') -> None:
    kit.transition(LEAVE_REQUESTS, principal(username), record_id, name, note)


def _status(record_id: int) -> str:
    with db.session_scope() as session:
        return session.get(LeaveRequest, record_id).status


# --- the route and the ledger ---------------------------------------------------------------------------------------

def test_staff_request_goes_director_then_palad_and_the_ledger_takes_and_returns_the_days() -> None:
    clerk = principal('clerk')
    person = _person_of('clerk')
    before = _balance(person.id)
    record = _request(clerk, person.id, 'vacation', day(7), day(8))
    _move('clerk', record, 'submit')
    with pytest.raises(Denied):  # the ปลัด decides only after the director
        _move('palad', record, 'approve')
    with pytest.raises(Denied):  # another division's director is not this request's
        _move('finance_dir', record, 'endorse')
    _move('head_palad', record, 'endorse')
    assert _balance(person.id) == before  # nothing taken until approved
    _move('palad', record, 'approve')
    assert _status(record) == 'approved'
    assert _balance(person.id) == before - 4 == _ledger_sum(person.id)
    with pytest.raises(Refusal):  # a cancellation needs its reason
        _move('clerk', record, 'cancel')
    _move('clerk', record, 'cancel', 'ติดราชการด่วน')
    assert _balance(person.id) == before == _ledger_sum(person.id)
    with db.session_scope() as session:
        kinds = [e.kind for e in session.exec(select(LeaveLedgerEntry).where(
            LeaveLedgerEntry.request_id == record)).all()]
    assert kinds == ['taking', 'cancellation']


def test_a_director_goes_to_the_palad_then_the_mayor_and_the_palad_to_the_mayor() -> None:
    director = _person_of('eng_dir')
    record = _request(principal('eng_dir'), director.id, 'personal', day(9), day(9))
    _move('eng_dir', record, 'submit')
    with pytest.raises(Denied):  # the head of กองช่าง may not endorse their own leave
        _move('eng_dir', record, 'endorse')
    _move('palad', record, 'endorse')
    with pytest.raises(Denied):
        _move('palad', record, 'approve')
    _move('mayor', record, 'approve')
    assert _status(record) == 'approved'

    palad = _person_of('palad')
    own = _request(principal('palad'), palad.id, 'vacation', day(10), day(10))
    _move('palad', own, 'submit')
    with pytest.raises(Denied):  # no self-approval
        _move('palad', own, 'approve')
    _move('mayor', own, 'approve')
    assert _status(own) == 'approved'


def test_the_acting_director_endorses_her_division_but_her_own_leave_goes_up() -> None:
    head = _person_of('head_palad')
    record = _request(principal('head_palad'), head.id, 'vacation', day(14), day(14))
    _move('head_palad', record, 'submit')
    with db.session_scope() as session:
        assert session.get(LeaveRequest, record).route == 'chief,mayor'
    with pytest.raises(Denied):
        _move('head_palad', record, 'endorse')


def test_a_delegation_order_in_force_lets_its_holder_decide() -> None:
    clerk, person = principal('clerk'), _person_of('clerk')
    record = _request(clerk, person.id, 'vacation', day(15), day(15))
    _move('clerk', record, 'submit')
    _move('head_palad', record, 'endorse')
    with pytest.raises(Denied):
        _move('deputy_palad', record, 'approve')
    deputy = principal('deputy_palad')
    with db.session_scope(write=True) as session:
        session.add(DelegationOrder(org_id=deputy.org_id, number=f'300/{FIRST_DAY.year + 543}',
                                    order_date=day(31, FIRST_DAY),
                                    position_id=deputy.position_ids[0], permission='hr.leave.approve',
                                    valid_from=day(31, FIRST_DAY)))
    _move('deputy_palad', record, 'approve')
    assert _status(record) == 'approved'


def test_hr_files_for_another_but_staff_only_for_themselves() -> None:
    clerk = principal('clerk')
    other = _person_of('engineer')
    with pytest.raises(ValidationFailed) as refused:
        _request(clerk, other.id, 'vacation', day(7), day(7))
    assert 'ผู้ลา' in refused.value.errors['person_id']
    record = _request(principal('hr'), other.id, 'vacation', day(7), day(7))
    _move('hr', record, 'submit')
    with pytest.raises(Denied):  # the one who filed it may not decide it either
        _move('hr', record, 'endorse')


# --- the rules at their limits -----------------------------------------------------------------------------------

def test_no_vacation_before_six_months_of_service_and_on_the_day_it_is_allowed() -> None:
    on = day(9) if day(9).day <= 28 else day(2)  # a Wednesday whose day every month has
    person = _new_person(rules.add_months(on, -6))  # six months of service on it
    hr = principal('hr')
    early = _request(hr, person, 'vacation', on - timedelta(1), on - timedelta(1))
    with pytest.raises(Refusal) as refused:
        _move('hr', early, 'submit')
    assert 'ครบ 6 เดือน' in refused.value.errors['start_date']
    on_time = _request(hr, person, 'vacation', on, on)
    _move('hr', on_time, 'submit')
    assert _status(on_time) == 'submitted'


def test_vacation_may_use_the_balance_exactly_never_beyond() -> None:
    person = _new_person(date(2020, 1, 6))
    hr = principal('hr')
    assert _balance(person) == 20  # this year's 10 days, allocated when registered
    too_long = _request(hr, person, 'vacation', day(0), day(14), end_half=True)  # 10.5 days
    with pytest.raises(Refusal):
        _move('hr', too_long, 'submit')
    over = _request(hr, person, 'vacation', day(0), day(11), end_half=True)  # 9.5 days
    _move('hr', over, 'submit')
    _move('head_palad', over, 'endorse')
    _move('palad', over, 'approve')
    assert _balance(person) == 1 == _ledger_sum(person)
    half = _request(hr, person, 'vacation', LATER, LATER, start_half=True)
    _move('hr', half, 'submit')
    _move('head_palad', half, 'endorse')
    _move('palad', half, 'approve')
    assert _balance(person) == 0
    more = _request(hr, person, 'vacation', day(1, LATER), day(1, LATER), start_half=True)
    with pytest.raises(Refusal) as refused:
        _move('hr', more, 'submit')
    assert 'คงเหลือ 0 วัน' in refused.value.errors['end_date']


def test_two_requests_approved_against_one_balance_cannot_overdraw_it() -> None:
    person = _new_person(date(2020, 1, 6))
    hr = principal('hr')
    first = _request(hr, person, 'vacation', day(0), day(11))  # 10 days
    second = _request(hr, person, 'vacation', LATER, LATER)
    for record in (first, second):  # both pass when submitted: the balance is 10
        _move('hr', record, 'submit')
        _move('head_palad', record, 'endorse')
    _move('palad', first, 'approve')
    with pytest.raises(Refusal):
        _move('palad', second, 'approve')
    assert _balance(person) == 0 and _status(second) == 'endorsed'


def test_personal_leave_is_15_days_in_the_first_year_and_45_after() -> None:
    hr = principal('hr')
    first_year = _new_person(day(4, FIRST_DAY))
    record = _request(hr, first_year, 'personal', day(0), day(18))  # 15 working days
    _move('hr', record, 'submit')
    extra = _request(hr, first_year, 'personal', LATER, LATER)
    _move('head_palad', record, 'endorse')
    _move('palad', record, 'approve')
    with pytest.raises(Refusal) as refused:
        _move('hr', extra, 'submit')
    assert 'ไม่เกิน 15 วัน' in refused.value.errors['end_date']
    later = _new_person(day(4, FIRST_DAY).replace(year=FIRST_DAY.year - 6))
    record = _request(hr, later, 'personal', LATER, LATER)
    _move('hr', record, 'submit')


def test_sick_leave_of_30_days_needs_a_certificate_attached_29_does_not() -> None:
    hr = principal('hr')
    person = _new_person(date(2015, 1, 5))
    with db.session_scope() as session:
        holidays = leave.holidays_between(session, hr.org_id, W, LAST_DAY)
    end = W
    while count_halves(W, end, False, False, 'working', holidays) < 60:
        end = date.fromordinal(end.toordinal() + 1)
    thirty = _request(hr, person, 'sick', W, end)
    with pytest.raises(Refusal) as refused:
        _move('hr', thirty, 'submit')
    assert 'ใบรับรองแพทย์' in refused.value.errors['reason']
    kit.attach(LEAVE_REQUESTS, hr, thirty, 'ใบรับรองแพทย์.pdf', b'%PDF-1.4 certificate')
    _move('hr', thirty, 'submit')
    other = _new_person(date(2015, 1, 5))
    shorter = _request(hr, other, 'sick', W, date.fromordinal(end.toordinal() - 1))
    _move('hr', shorter, 'submit')  # 29 days: no certificate asked


def test_half_days_and_working_days() -> None:
    weekend_and_holiday = {date(2027, 4, 13), date(2027, 4, 14), date(2027, 4, 15)}
    assert count_halves(date(2027, 4, 12), date(2027, 4, 16), False, False, 'working', weekend_and_holiday) == 4
    assert count_halves(date(2027, 4, 12), date(2027, 4, 16), True, True, 'working', weekend_and_holiday) == 2
    assert count_halves(date(2027, 1, 4), date(2027, 1, 4), True, False, 'working', set()) == 1
    assert count_halves(date(2027, 1, 9), date(2027, 1, 10), False, False, 'working', set()) == 0  # a weekend
    assert count_halves(date(2027, 1, 9), date(2027, 1, 10), False, False, 'calendar', set()) == 4
    person = _new_person(date(2015, 1, 5))
    hr = principal('hr')
    with pytest.raises(Refusal) as refused:  # maternity is counted in whole calendar days
        _move('hr', _request(hr, person, 'maternity', W, W, start_half=True), 'submit')
    assert 'ครึ่งวัน' in refused.value.errors['start_half']


def test_a_leave_across_30_september_is_refused_and_1_october_is_the_new_year() -> None:
    hr = principal('hr')
    person = _new_person(date(2015, 1, 5))
    last, first = last_working_day(LAST_DAY), first_working_day(NEXT_FIRST_DAY)
    across = _request(hr, person, 'vacation', last, first)
    with pytest.raises(Refusal) as refused:
        _move('hr', across, 'submit')
    assert 'ข้ามปีงบประมาณ' in refused.value.errors['end_date']
    with db.session_scope() as session:
        assert session.get(LeaveRequest, _request(hr, person, 'vacation', first, first)
                           ).fiscal_year == FY + 1
        assert session.get(LeaveRequest, across).fiscal_year == FY


def test_categories_without_carry_over_and_the_dated_rule() -> None:
    assert rule_for('vacation', 'mission_employee', date(2027, 1, 1)).carry is False
    assert rule_for('vacation', 'local_official', date(2027, 1, 1)).carry is True
    assert rule_for('vacation', 'local_official', date(2000, 1, 1)) is None  # before the ระเบียบ's row
    assert 'ระเบียบ' in rule_for('sick', 'teacher', date(2027, 1, 1)).source


# --- the ledger's invariant -----------------------------------------------------------------------------------------

def test_the_ledger_is_append_only_in_the_database() -> None:
    with pytest.raises(Exception, match='append-only'):
        with db.session_scope(write=True) as session:
            session.execute(text('UPDATE hr_leave_ledger SET halves = 100'))
    with pytest.raises(Exception, match='append-only'):
        with db.session_scope(write=True) as session:
            session.execute(text('DELETE FROM hr_leave_ledger'))


def test_a_holiday_added_after_approval_changes_no_balance_until_hr_adjusts_with_the_reason() -> None:
    clerk, person = principal('clerk'), _person_of('clerk')
    record = _request(clerk, person.id, 'vacation', day(21), day(23))  # Mon–Wed: 3 days
    _move('clerk', record, 'submit')
    _move('head_palad', record, 'endorse')
    _move('palad', record, 'approve')
    after_approval = _balance(person.id)
    hr = principal('hr')
    kit.create(HOLIDAYS, hr, {'holiday_date': day(22), 'name': 'วันหยุดพิเศษตามมติคณะรัฐมนตรี'})
    assert _balance(person.id) == after_approval  # never silently
    found = [d for d in leave.holiday_discrepancies(hr) if d.request_id == record]
    assert len(found) == 1 and (found[0].counted, found[0].now) == (6, 4)
    assert 'วันหยุดพิเศษ' in found[0].holidays
    with pytest.raises(Denied):
        leave.settle_discrepancy(clerk, record)
    leave.settle_discrepancy(hr, record, key='k1')
    leave.settle_discrepancy(hr, record, key='k1')  # a double-click settles once
    assert _balance(person.id) == after_approval + 2 == _ledger_sum(person.id)
    assert not [d for d in leave.holiday_discrepancies(hr) if d.request_id == record]
    with db.session_scope() as session:
        entry = session.exec(select(LeaveLedgerEntry).where(LeaveLedgerEntry.request_id == record,
                                                            LeaveLedgerEntry.kind == 'adjustment')).one()
    assert 'วันหยุด' in entry.reason
    _move('clerk', record, 'cancel', 'เปลี่ยนแผน')  # the cancellation returns what the ledger holds: 2 days
    assert _balance(person.id) == after_approval + 6


def test_a_manual_adjustment_needs_a_reason_and_may_not_make_the_balance_negative() -> None:
    hr, person = principal('hr'), _new_person(date(2015, 1, 5))
    with pytest.raises(Refusal) as refused:
        leave.adjust(hr, person, 'vacation', FY, '1', '')
    assert 'เหตุผล' in refused.value.errors['reason']
    with pytest.raises(Refusal):
        leave.adjust(hr, person, 'vacation', FY, '-10.5', 'แก้ไขข้อมูลยกมา')
    with pytest.raises(Refusal):
        leave.adjust(hr, person, 'vacation', FY, '0.3', 'แก้ไข')
    leave.adjust(hr, person, 'vacation', FY, '-0.5', 'บันทึกวันลาครึ่งวันจากสมุดลาเดิม')
    assert _balance(person) == 19
    with pytest.raises(Denied):
        leave.adjust(principal('clerk'), person, 'vacation', FY, '5', 'ขอเพิ่ม')


# --- the 1 October rollover ------------------------------------------------------------------------------------------

def test_rollover_previews_the_caps_at_the_ten_year_boundary_then_commits_once() -> None:
    hr = principal('hr')
    ten = _new_person(NEXT_FIRST_DAY.replace(year=NEXT_FIRST_DAY.year - 10))  # ten years on the next 1 October
    almost = _new_person(day(1, NEXT_FIRST_DAY.replace(year=NEXT_FIRST_DAY.year - 10)))  # a day short
    employee = _new_person(date(2015, 1, 5), category='mission_employee')
    for person in (ten, almost):
        leave.adjust(hr, person, 'vacation', FY, '15', 'ยกมาจากสมุดลาเดิม')  # 25 days left
    leave.adjust(hr, employee, 'vacation', FY, '-3', 'ลาแล้วตามสมุดลาเดิม')
    lines = {line.person_id: line for line in rollover.preview(hr, FY + 1)}
    assert (lines[ten].cap, lines[ten].carry, lines[ten].new_balance) == (30, 40, 60)
    assert (lines[almost].cap, lines[almost].carry, lines[almost].new_balance) == (20, 20, 40)
    assert 'ตัด 15 วัน' in lines[almost].note  # 25 left, 10 carried with the new 10
    assert (lines[employee].carry, lines[employee].new_balance) == (0, 20)
    assert not any(line.done for line in lines.values())
    with db.session_scope() as session:
        before = session.exec(select(LeaveLedgerEntry.id)).all()
    assert len(before) == len(set(before))
    with pytest.raises(Denied):
        rollover.commit(principal('clerk'), FY + 1)
    posted = rollover.commit(hr, FY + 1, key='r1')
    assert posted == len(lines)
    assert rollover.commit(hr, FY + 1, key='r2') == 0  # a second run posts nothing
    assert _balance(ten, fy=FY + 1) == 60 and _balance(almost, fy=FY + 1) == 40
    assert _balance(employee, fy=FY + 1) == 20
    assert all(line.done for line in rollover.preview(hr, FY + 1))
    assert _balance(ten) == 50  # the old year's ledger is left as it was


def test_a_person_registered_mid_year_gets_this_years_allocation_once() -> None:
    person = _new_person(CLOCK_DAY - timedelta(days=15))
    with db.session_scope() as session:
        entries = session.exec(select(LeaveLedgerEntry).where(LeaveLedgerEntry.person_id == person)).all()
    assert [(e.kind, e.halves, e.fiscal_year) for e in entries] == [('allocation', 20, FY)]


def test_citizen_id_check_digit_is_checked_on_the_register() -> None:
    hr = principal('hr')
    with pytest.raises(ValidationFailed) as refused:
        kit.create(PERSONS, hr, {'citizen_id': '1234567890123', 'title': 'นาย', 'first_name': 'ก',
                                 'last_name': 'ข', 'category': 'local_official', 'service_start': date(2020, 1, 1)})
    assert 'เลขประจำตัวประชาชน' in refused.value.errors['citizen_id']


# --- the register and the structure -----------------------------------------------------------------------------

def test_the_manpower_report_shows_the_vacancy_the_structure_and_the_register_imply() -> None:
    from apps.hr import reports
    hr = principal('hr')
    frame, _ = reports.vacancies(hr)
    assert frame['ตำแหน่ง'].tolist() == ['ผู้อำนวยการกองสวัสดิการสังคม']  # held only by an acting head
    totals = reports.manpower(hr)[0].iloc[-1].tolist()
    assert totals[0] == 'รวม' and totals[1] == totals[2] + totals[3] and totals[3] == 1
    with pytest.raises(Denied):
        reports.vacancies(principal('clerk'))


def test_every_change_of_a_person_is_audited() -> None:
    hr = principal('hr')
    person = _new_person(date(2015, 1, 5))
    with db.session_scope() as session:
        version = session.get(Person, person).version
    kit.update(PERSONS, hr, person, {**_values(person), 'phone': '081-234-5678'}, version=version)
    events = kit.history(PERSONS, hr, person)
    assert {'create', 'update'} <= {e.action for e in events}
    assert any('081-234-5678' in e.data for e in events if e.action == 'update')
    with pytest.raises(Denied):
        kit.update(PERSONS, principal('clerk'), person, _values(person))


def _values(person_id: int) -> dict:
    with db.session_scope() as session:
        person = session.get(Person, person_id)
        return {f.name: getattr(person, f.name) for f in PERSONS.form_fields(creating=False)}


def test_the_pending_count_in_sql_agrees_with_the_approvers_for_every_persona() -> None:
    from core.demo import PEOPLE
    from core.workflow import Workflow
    for person in PEOPLE:
        actor = principal(person.username)
        with db.session_scope() as session:
            sql = LEAVE_REQUESTS.workflow.pending_count(session, LeaveRequest, actor)
            loose = Workflow(LEAVE_REQUESTS.workflow.states, 'draft', [
                t.__class__(**{**t.__dict__, 'where': None}) for t in LEAVE_REQUESTS.workflow.transitions])
            by_record = loose.pending_count(session, LeaveRequest, actor)
        assert sql == by_record, person.username
    assert kit.pending(LEAVE_REQUESTS, principal('finance_dir')) == 1  # the accountant's vacation
    assert kit.pending(LEAVE_REQUESTS, principal('palad')) == 2  # the planner's (endorsed) and the director's


def test_a_persons_history_is_reached_as_the_person_and_discipline_only_by_hr_with_every_read_audited() -> None:
    from apps.hr.resources import DISCIPLINE, TRAININGS
    from models.audit import AuditEvent
    clerk, hr = principal('clerk'), principal('hr')
    own = _person_of('clerk')
    record = kit.create(TRAININGS, hr, {'person_id': own.id, 'course': 'การเขียนหนังสือราชการ', 'organiser': 'สถ.จ.',
                                        'start_date': day(32, FIRST_DAY), 'end_date': day(33, FIRST_DAY), 'hours': 12})
    assert kit.get(TRAININGS, clerk, record).course == 'การเขียนหนังสือราชการ'  # her own
    with pytest.raises(Denied):
        kit.get(TRAININGS, principal('engineer'), record)  # another's
    with pytest.raises(ValidationFailed):
        kit.create(TRAININGS, hr, {'person_id': own.id, 'course': 'ย้อนวัน', 'start_date': day(33, FIRST_DAY),
                                   'end_date': day(32, FIRST_DAY)})
    case = kit.query(DISCIPLINE, hr).rows[0]
    with pytest.raises(Denied):
        kit.get(DISCIPLINE, principal('palad'), case.id)
    kit.detail(DISCIPLINE, hr, case.id)
    with db.session_scope() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.object_type == 'Discipline',
                                                     AuditEvent.action == 'view')).first() is not None


def test_the_three_year_table_counts_a_retirement_at_the_end_of_its_fiscal_year() -> None:
    from apps.hr import reports
    hr = principal('hr')
    driver = _person_of('driver')
    retires = reports.retires_in(driver)
    frame, _ = reports.manpower_plan(hr, retires)
    palad = frame[frame['ส่วนราชการ'] == 'สำนักปลัด'].iloc[0]
    assert palad[f'ว่าง {retires}'] == 0 and palad[f'ว่าง {retires + 1}'] == 1  # gone after 30 September
    summary, _ = reports.training_summary(hr, FY - 1)
    assert summary['จำนวนหลักสูตร'].sum() > 0


def test_the_demos_rollover_preview_shows_both_caps() -> None:
    lines = {line.name: line for line in rollover.preview(principal('hr'), FY)}
    clerk, planner = lines['นางสาวสายใจ บุญมา'], lines['นางสาวกัญญา พรหมวิเศษ']
    assert (clerk.service_years, clerk.cap, clerk.carry, clerk.old_balance) == (10, 30, 40, 42)
    assert (planner.cap, planner.carry, planner.old_balance) == (20, 20, 44)
    assert not clerk.done and 'ตัด 1 วัน' in clerk.note and 'ตัด 12 วัน' in planner.note
