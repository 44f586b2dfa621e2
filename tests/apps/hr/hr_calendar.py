"""The HR tests' calendar, derived from the demo's own clock instead of pinned to one fiscal year: the demo LAO is
built on today's date (core.demo's context.today), its vacation allocations are for this fiscal year and the last,
and its own leave lies within some weeks of that day. The tests freeze the clock early in the same fiscal year and
take their leave in whole weeks that are working days by the holiday calendar the demo seeds
(assets/codes/holidays.csv) and that none of the demo's own requests touch."""

import csv
from datetime import date, datetime, time, timedelta

from core.settings import asset
from core.thai import fiscal_year, fiscal_year_range, local_zone, today

FY = fiscal_year(today())  # the demo's fiscal year
FIRST_DAY, LAST_DAY = fiscal_year_range(FY)
NEXT_FIRST_DAY, _ = fiscal_year_range(FY + 1)
CLOCK_DAY = FIRST_DAY + timedelta(days=61)  # 1 December: the tests' "today", in the demo's fiscal year
DEMO_TODAY = today()
DEMO_REACH = timedelta(days=45)  # the demo files leave from a month before its day to a month after


def clock_at(day: date = CLOCK_DAY) -> datetime:
    """10:00 on the LAO's clock on `day` (for core.thai.frozen_clock)."""
    return datetime.combine(day, time(10), local_zone())


with asset('codes', 'holidays.csv').open(encoding='utf-8') as _handle:
    HOLIDAYS = {date.fromisoformat(row['date']): row['name'] for row in csv.DictReader(_handle)}


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def _clean(monday: date) -> bool:
    days = [monday + timedelta(n) for n in range(5)]
    return (all(is_working_day(d) for d in days) and FIRST_DAY < monday and days[-1] < LAST_DAY
            and abs(monday - DEMO_TODAY) > DEMO_REACH)


def weeks(count: int, after: date = CLOCK_DAY) -> date:
    """The Monday starting `count` consecutive clean weeks (every weekday a working day, clear of the demo's own
    leave) after `after`, in the demo's fiscal year."""
    monday = after + timedelta(days=7 - after.weekday())
    while monday + timedelta(weeks=count) <= LAST_DAY:
        if all(_clean(monday + timedelta(weeks=n)) for n in range(count)):
            return monday
        monday += timedelta(weeks=1)
    raise AssertionError(f'no {count} clean weeks in fiscal year {FY}')


def last_working_day(before: date) -> date:
    day = before
    while not is_working_day(day):
        day -= timedelta(1)
    return day


def first_working_day(on: date) -> date:
    day = on
    while not is_working_day(day):
        day += timedelta(1)
    return day
