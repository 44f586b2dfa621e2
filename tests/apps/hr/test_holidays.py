"""The public-holiday calendar as data: each row says whether the Cabinet has announced it and where it comes from,
FY 2571 is there (provisional until announced), and a fiscal year without holiday data is said plainly where
working days are counted, not counted as a year without holidays."""

import csv
from datetime import date, timedelta

from hr_calendar import clock_at
from nicegui.testing import User
from sqlmodel import select

from apps.hr import rules
from core import db
from core.settings import asset
from core.thai import fiscal_year, fiscal_year_range, frozen_clock
from helpers import principal, sign_in
from models.hr import Holiday

with asset('codes', 'holidays.csv').open(encoding='utf-8') as _handle:
    ROWS = list(csv.DictReader(_handle))
YEARS = {fiscal_year(date.fromisoformat(row['date'])) for row in ROWS}
NO_DATA_FY = max(YEARS) + 1  # the first fiscal year the data does not reach


def test_every_row_says_its_status_and_source_and_no_row_falls_on_a_weekend() -> None:
    for row in ROWS:
        assert row['status'] in ('announced', 'provisional') and row['source'].strip(), row
        assert date.fromisoformat(row['date']).weekday() < 5, row  # a weekend holiday is listed by its substitute
    assert len({row['date'] for row in ROWS}) == len(ROWS)


def test_fiscal_year_2571_is_there_and_provisional_until_the_cabinet_announces_it() -> None:
    first, last = fiscal_year_range(2571)
    rows = {row['date']: row for row in ROWS if first <= date.fromisoformat(row['date']) <= last}
    assert len(rows) == 18
    assert {row['status'] for row in rows.values()} == {'provisional'}
    assert all('คณะรัฐมนตรี' in row['source'] for row in rows.values())
    # Songkran 13–15 April 2028 is Thursday to Saturday: the Saturday's substitute is Monday 17 April
    assert {'2028-04-13', '2028-04-14', '2028-04-17'} <= rows.keys() and '2028-04-15' not in rows
    assert rows['2028-04-17']['name'] == 'ชดเชยวันสงกรานต์'


def test_the_lao_calendar_marks_the_provisional_days_in_their_names() -> None:
    hr = principal('hr')
    with db.session_scope() as session:
        names = dict(session.exec(select(Holiday.holiday_date, Holiday.name).where(Holiday.org_id == hr.org_id)).all())
    assert names[date(2028, 4, 17)] == 'ชดเชยวันสงกรานต์' + rules.PROVISIONAL
    announced = next(date.fromisoformat(row['date']) for row in ROWS if row['status'] == 'announced')
    assert rules.PROVISIONAL not in names[announced]


def test_a_year_without_holiday_data_is_said_plainly_and_a_provisional_one_too() -> None:
    hr = principal('hr')
    first, last = fiscal_year_range(NO_DATA_FY)
    with db.session_scope() as session:
        assert rules.missing_holiday_years(session, hr.org_id, first - timedelta(days=1), first) == [NO_DATA_FY]
        warnings = rules.holiday_warnings(session, hr.org_id, first, first + timedelta(days=6))
        assert len(warnings) == 1 and f'ยังไม่มีข้อมูลวันหยุดราชการของปีงบประมาณ {NO_DATA_FY}' in warnings[0]
        songkran = rules.holiday_warnings(session, hr.org_id, date(2028, 4, 10), date(2028, 4, 21))
        assert len(songkran) == 1 and 'วันหยุดในช่วงนี้ 3 วันยังเป็นกำหนดเบื้องต้น' in songkran[0]
        announced = date.fromisoformat(next(row['date'] for row in ROWS if row['status'] == 'announced'))
        assert rules.holiday_warnings(session, hr.org_id, announced, announced + timedelta(days=6)) == []
    with db.session_scope(write=True) as session:  # HR deletes a year's holidays: that year is now without data
        for holiday in session.exec(select(Holiday).where(Holiday.org_id == hr.org_id,
                                                          Holiday.holiday_date >= date(2027, 10, 1))).all():
            session.delete(holiday)
    with db.session_scope() as session:
        assert rules.missing_holiday_years(session, hr.org_id, date(2027, 10, 1), last) == [2571, NO_DATA_FY]


async def test_the_leave_calendar_warns_for_a_month_without_holiday_data(user: User) -> None:
    first, _ = fiscal_year_range(NO_DATA_FY)
    with frozen_clock(clock_at()):
        await sign_in(user, 'hr', expect='สวัสดี')
        await user.open(f'/hr/calendar?month={first.month}&year={first.year + 543}')
        await user.should_see(marker='holiday-warning', retries=100)
        await user.should_see(f'ยังไม่มีข้อมูลวันหยุดราชการของปีงบประมาณ {NO_DATA_FY}', retries=100)
        await user.open('/hr/calendar?month=4&year=2571')
        await user.should_see('ยังเป็นกำหนดเบื้องต้น', retries=100)


def test_a_leave_request_in_a_year_without_holiday_data_says_so_on_its_page() -> None:
    from apps.hr import pages
    from apps.hr.resources import LEAVE_REQUESTS
    from core import resource as kit
    from models.hr import LeaveRequest, Person
    first, _ = fiscal_year_range(NO_DATA_FY)
    monday = first + timedelta(days=(7 - first.weekday()) % 7 + 7)
    hr = principal('hr')
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.owner_id == hr.user_id)).one()
    with frozen_clock(clock_at()):
        record_id = kit.create(LEAVE_REQUESTS, hr, {'person_id': person.id, 'leave_type': 'sick', 'start_date': monday,
                                                    'end_date': monday + timedelta(days=1), 'reason': 'ทดสอบ'})
    with db.session_scope() as session:
        record = session.get(LeaveRequest, record_id)
    *_, warnings = pages._request_read(hr, record)
    assert len(warnings) == 1 and f'ปีงบประมาณ {NO_DATA_FY}' in warnings[0] and 'เสาร์-อาทิตย์' in warnings[0]


def test_the_leave_form_counts_the_days_and_warns_as_the_dates_are_typed() -> None:
    from apps.hr.resources import LEAVE_REQUESTS
    from core import resource as kit
    from models.hr import Person
    hr = principal('hr')
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.owner_id == hr.user_id)).one()
    typed = {'person_id': person.id, 'leave_type': 'vacation', 'start_date': '10/4/2571', 'end_date': '21/4/2571'}
    with frozen_clock(clock_at()):
        notes = kit.form_notes(LEAVE_REQUESTS, hr, typed)
        assert notes[0] == 'นับเป็นวันลา 7 วัน'  # 10 weekdays less 3 Songkran days (provisional)
        assert 'วันหยุดในช่วงนี้ 3 วันยังเป็นกำหนดเบื้องต้น' in notes[1] and len(notes) == 2
        assert kit.form_notes(LEAVE_REQUESTS, hr, {**typed, 'end_date': '9/4/25'}) == []  # not a date yet: silent


async def test_the_leave_form_shows_its_notes_before_it_is_saved(user: User) -> None:
    with frozen_clock(clock_at()):
        await sign_in(user, 'hr', expect='สวัสดี')
        await user.open('/hr/leave-requests/new')
        await user.should_see(marker='field-leave_type', retries=100)
        user.find(marker='field-leave_type').elements.pop().value = 'vacation'
        user.find(marker='field-start_date').type('10/4/2571')
        user.find(marker='field-end_date').type('21/4/2571')
        await user.should_see(marker='form-note', retries=100)
        await user.should_see('ยังเป็นกำหนดเบื้องต้น', retries=100)
        await user.should_see('นับเป็นวันลา 7 วัน', retries=100)


def _forget_year(org_id: int, fy: int) -> None:
    """As an LAO set up before the suite's holiday data reached `fy`."""
    first, last = fiscal_year_range(fy)
    with db.session_scope(write=True) as session:
        for holiday in session.exec(select(Holiday).where(Holiday.org_id == org_id, Holiday.holiday_date >= first,
                                                          Holiday.holiday_date <= last)).all():
            session.delete(holiday)


def test_an_lao_set_up_before_the_data_reached_a_year_is_offered_it_once() -> None:
    from apps.hr import leave
    from core.access import PermissionDenied
    from core.errors import Refusal
    hr = principal('hr')
    _forget_year(hr.org_id, 2571)
    wanted = {d for d, _ in rules.bundled_holidays() if fiscal_year(d) == 2571}
    with frozen_clock(clock_at()):
        with db.session_scope() as session:
            assert 2571 in rules.offered_holiday_years(session, hr.org_id)
        try:
            leave.add_offered_holidays(principal('clerk'), 2571)
            raise AssertionError('a clerk added holidays')
        except PermissionDenied:
            pass
        assert leave.add_offered_holidays(hr, 2571, key='k-2571') == len(wanted)
        assert leave.add_offered_holidays(hr, 2571, key='k-2571') == len(wanted)  # a double-click: once
        try:
            leave.add_offered_holidays(hr, 2571)
            raise AssertionError('offered twice')
        except Refusal as refusal:
            assert 'ไม่มีวันหยุดปีงบประมาณ 2571 ให้เพิ่ม' in str(refusal)
        with db.session_scope() as session:
            held = dict(session.exec(select(Holiday.holiday_date, Holiday.name).where(
                Holiday.org_id == hr.org_id, Holiday.holiday_date.in_(wanted))).all())
            assert set(held) == wanted and 2571 not in rules.offered_holiday_years(session, hr.org_id)
    assert all(rules.PROVISIONAL in name for name in held.values())


async def test_hr_adds_the_offered_year_from_the_calendar(user: User) -> None:
    hr = principal('hr')
    _forget_year(hr.org_id, 2571)
    with frozen_clock(clock_at()):
        await sign_in(user, 'hr', expect='สวัสดี')
        await user.open('/hr/calendar')
        await user.should_see(marker='holiday-offer', retries=100)
        user.find(marker='holiday-add-2571').click()
        await user.should_see('เพิ่มวันหยุดราชการปีงบประมาณ 2571 แล้ว', retries=100)
        await user.should_not_see(marker='holiday-offer', retries=100)
