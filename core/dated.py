"""Rules kept as dated data (a row per version, each with the day it takes effect and the clause it cites): the one
in force on a day. A day before every version refuses with the caller's Thai message naming the rule; no value in
code stands in for it."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from core.errors import Refusal

T = TypeVar('T')


def in_force(rows: Iterable[T], on: date, missing: str,
             since: Callable[[Any], date] = lambda row: row.effective_from) -> T:
    """Of the versions of one rule, the latest that took effect on or before `on`."""
    found = [row for row in rows if since(row) <= on]
    if not found:
        raise Refusal(missing)
    return max(found, key=since)
