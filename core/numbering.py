"""Gapless running numbers per (organisation, series, year).

A number is allocated inside the caller's transaction, so it exists only if the document does: a rolled-back
document leaves no gap. The counter row is locked by the database (SQLite: the write transaction's
BEGIN IMMEDIATE; PostgreSQL: SELECT ... FOR UPDATE). A cancelled document's number is burned: listed, never reused.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core import audit
from core.access import Principal
from core.errors import Refusal
from core.thai import be_year, fiscal_year, to_thai_digits
from models.numbering import BurnedNumber, NumberCounter
from models.org import Organization


@dataclass(frozen=True)
class Series:
    """How a kind of document is numbered, e.g. Series('elaas.voucher', 'ฎีกา', 'fiscal', 'ฎ.{n}/{year}')."""

    key: str
    title: str
    year_rule: Literal['fiscal', 'calendar']
    format: str  # placeholders: {n} running number, {year} BE year, {prefix} the LAO's letter prefix

    def year_of(self, on: date) -> int:
        return fiscal_year(on) if self.year_rule == 'fiscal' else be_year(on)

    def render(self, number: int, year: int, prefix: str = '', thai_digits: bool = False) -> str:
        text = self.format.format(n=number, year=year, prefix=prefix)
        return to_thai_digits(text) if thai_digits else text


@dataclass(frozen=True)
class Allocated:
    number: int
    year: int
    text: str


def _locked_counter(session: Session, org_id: int, series: Series, year: int) -> NumberCounter:
    query = select(NumberCounter).where(NumberCounter.org_id == org_id, NumberCounter.series == series.key,
                                        NumberCounter.year == year).with_for_update()
    counter = session.exec(query).first()
    if counter is None:
        try:
            with session.begin_nested():
                session.add(NumberCounter(org_id=org_id, series=series.key, year=year))
        except IntegrityError:  # another transaction created it first; take its row lock below
            pass
        counter = session.exec(query.execution_options(populate_existing=True)).one()
    return counter


def allocate(session: Session, org_id: int, series: Series, on: date, count: int = 1) -> list[Allocated]:
    """The next `count` numbers of the series for the year `on` falls in (inside the caller's write transaction)."""
    year = series.year_of(on)
    counter = _locked_counter(session, org_id, series, year)
    first = counter.last + 1
    counter.last += count
    session.add(counter)
    session.flush()
    prefix = session.get(Organization, org_id).letter_prefix
    return [Allocated(n, year, series.render(n, year, prefix)) for n in range(first, first + count)]


def next_number(session: Session, org_id: int, series: Series, on: date) -> Allocated:
    return allocate(session, org_id, series, on)[0]


def burn(session: Session, actor: Principal, series: Series, allocated: Allocated, reason: str) -> BurnedNumber:
    """Record a cancelled document's number so it is never reused and stays listed."""
    if not reason.strip():
        raise Refusal('เหตุผลการยกเลิก: กรุณาระบุ')
    burned = BurnedNumber(org_id=actor.org_id, series=series.key, year=allocated.year, number=allocated.number,
                          text=allocated.text, reason=reason.strip(), burned_by=actor.user_id)
    session.add(burned)
    session.flush()
    audit.record_by(session, actor, 'number_burned', object_type='NumberSeries', object_id=series.key,
                 data={'number': allocated.text, 'reason': burned.reason})
    return burned


def burned_numbers(session: Session, org_id: int, series: Series, year: int) -> list[BurnedNumber]:
    return list(session.exec(select(BurnedNumber).where(
        BurnedNumber.org_id == org_id, BurnedNumber.series == series.key, BurnedNumber.year == year)
        .order_by(BurnedNumber.number)).all())
