"""The HR side for other apps, read-only: who is on approved leave on a day (the home page's 'ผู้ลาวันนี้'); the LAO's
holiday calendar (วันหยุดราชการ: the public holidays seeded from assets/codes/holidays.csv plus the LAO's own)."""

from datetime import date

from sqlmodel import Session

from core.access import Principal


def away_on(actor: Principal, on: date | None = None) -> list[tuple]:
    """(person's name, division id, leave type title, request) of everyone on approved leave on the day."""
    from apps.hr import leave
    return leave.away_on(actor, on)


def holidays_between(session: Session, org_id: int, start: date, end: date) -> dict[date, str]:
    """{day: name} of the LAO's holiday calendar from `start` to `end` (inclusive), in the caller's transaction."""
    from apps.hr import rules
    return rules.holidays_between(session, org_id, start, end)


def holiday_warnings(session: Session, org_id: int, start: date, end: date) -> list[str]:
    """Thai notes for counting working days from `start` to `end`: a fiscal year without holiday data (counted with
    weekends only), holidays still provisional; none when the calendar covers the range."""
    from apps.hr import rules
    return rules.holiday_warnings(session, org_id, start, end)


__all__ = ['away_on', 'holiday_warnings', 'holidays_between']
