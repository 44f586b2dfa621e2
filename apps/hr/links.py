"""The HR side for other apps, read-only: who is on approved leave on a day (the home page's 'ผู้ลาวันนี้')."""

from datetime import date

from core.access import Principal


def away_on(actor: Principal, on: date | None = None) -> list[tuple]:
    """(person's name, division id, leave type title, request) of everyone on approved leave on the day."""
    from apps.hr import leave
    return leave.away_on(actor, on)


__all__ = ['away_on']
