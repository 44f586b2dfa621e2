"""The demo's personnel register as a trainer sees it: everyone born at a plausible age for their service and none
past retirement, a salary history rising each 1 October up to this fiscal year, a year of leave of every common
type, and courses last year and this year."""

import itertools
from collections import Counter
from datetime import date

from hr_calendar import DEMO_TODAY, FIRST_DAY, FY
from sqlmodel import select

from apps.hr.rules import years_between
from core import db
from core.thai import fiscal_year
from models.hr import LeaveRequest, Person, SalaryRecord, Training


def _all(model):
    with db.session_scope() as session:
        return session.exec(select(model)).all()


def test_every_person_has_a_birth_date_plausible_for_their_service() -> None:
    people = _all(Person)
    assert len(people) >= 30
    for person in people:
        assert person.birth_date is not None, person.full_name
        # the driver came at 38
        assert 18 <= years_between(person.birth_date, person.service_start) <= 40, person.full_name
        assert years_between(person.birth_date, DEMO_TODAY) < 60, person.full_name
    assert len({p.birth_date.day for p in people}) > 10  # not all born on the same day of the month


def test_salaries_rise_each_1_october_up_to_this_fiscal_year() -> None:
    records = _all(SalaryRecord)
    for person in _all(Person):
        mine = sorted((r for r in records if r.person_id == person.id), key=lambda r: r.effective_date)
        assert mine[0].effective_date == person.service_start
        assert mine[-1].effective_date == FIRST_DAY  # this fiscal year's rise
        rises = [(r.effective_date, r.salary) for r in mine]
        assert all(a.salary < b.salary for a, b in itertools.pairwise(mine)), rises
        assert all((r.effective_date.month, r.effective_date.day) == (10, 1) for r in mine[1:])


def test_a_year_of_leave_and_courses_last_year_and_this() -> None:
    last_year = [r for r in _all(LeaveRequest) if r.fiscal_year == FY - 1 and r.status == 'approved']
    assert len({r.person_id for r in last_year}) >= 15
    assert set(Counter(r.leave_type for r in last_year)) >= {'vacation', 'sick', 'personal'}
    courses = Counter(fiscal_year(t.start_date) for t in _all(Training))
    assert courses[FY - 1] >= 30
    if (DEMO_TODAY - FIRST_DAY).days > 31:  # the demo's courses this year start three weeks after 1 October
        assert courses[FY] >= 3
    assert date(FIRST_DAY.year - 10, 10, 1) in {p.service_start for p in _all(Person)}  # ten years on 1 October
