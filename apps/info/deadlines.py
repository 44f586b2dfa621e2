"""The reporting calendar (M-R12): the deadlines each regulation sets (assets/info/deadlines.csv, dated rows citing
their clause, per LAO type), the LAO's own dated versions of them (the register `info/deadline-overrides`), the
reports made with their evidence (the register `info/filings`, e-Office letters linked to each), each period's status
for a fiscal year (done, done late, due soon, late, not yet) and the home-page reminder to the responsible seat from
15 days before the day until it is reported."""

import csv
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlmodel import Session, col, select

from apps.eplan import links as eplan
from core import db
from core.access import Principal, require
from core.dated import in_force
from core.menu import Notice
from core.settings import asset
from core.thai import THAI_MONTHS_SHORT, fiscal_year, fiscal_year_range, format_date, today
from models.info import DeadlineOverride, ReportFiling
from models.org import Organization, Position

VIEW, REPORT, EDIT = 'info.calendar.view', 'info.calendar.report', 'info.calendar.edit'
REMIND_DAYS = 15  # reminders from 15 days before the day (seed 001, approach 4.6)
EVERY = {'year': 'รายปี', 'quarter': 'รายไตรมาส', 'month': 'รายเดือน'}
STATUS = {'done': 'รายงานแล้ว', 'done_late': 'รายงานแล้ว (ล่าช้า)', 'late': 'เกินกำหนด', 'due_soon': 'ใกล้ครบกำหนด',
          'upcoming': 'ยังไม่ถึงกำหนด', 'inactive': 'ไม่ต้องรายงาน'}
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)  # period 1 = ต.ค. … 12 = ก.ย.


@dataclass(frozen=True)
class Rule:
    key: str
    name: str
    lao_types: tuple[str, ...]  # () = every type
    every: str
    when: str  # 'after' the period ends, or 'within' the fiscal year (an assessment of the year itself)
    month: int | None
    day: int | None
    lag_days: int | None
    seat: str
    evidence: str
    effective_from: date
    clause: str


@cache
def rules() -> tuple[Rule, ...]:
    def number(text: str) -> int | None:
        return int(text) if text.strip() else None
    with asset('info', 'deadlines.csv').open(encoding='utf-8') as handle:
        return tuple(Rule(r['key'], r['name'], tuple(t for t in r['lao_types'].split(';') if t and t != 'all'),
                          r['every'], r['when'], number(r['month']), number(r['day']), number(r['lag_days']), r['seat'],
                          r['evidence'], date.fromisoformat(r['effective_from']), r['clause'])
                     for r in csv.DictReader(handle))


def keys() -> dict[str, str]:
    """Each deadline's key and Thai name (the registers' choices)."""
    return {rule.key: rule.name for rule in rules()}


def periods_of(every: str) -> range:
    return range(1, {'year': 2, 'quarter': 5, 'month': 13}[every])


def period_title(every: str, fy: int, period: int) -> str:
    if every == 'quarter':
        return f'ไตรมาส {period}/{fy}'
    if every == 'month':
        month = FISCAL_MONTHS[period - 1]
        return f'{THAI_MONTHS_SHORT[month - 1]} {fy - 1 if month >= 10 else fy}'
    return f'ปีงบประมาณ {fy}'


def period_end(every: str, fy: int, period: int) -> date:
    first, last = fiscal_year_range(fy)
    if every == 'quarter':
        month = FISCAL_MONTHS[period * 3 - 1]
    elif every == 'month':
        month = FISCAL_MONTHS[period - 1]
    else:
        return last
    year = first.year if month >= 10 else last.year
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class Occurrence:
    key: str
    name: str
    fy: int
    period: int
    title: str  # the period, in Thai
    due: date
    seat: str
    clause: str
    evidence: str
    filing: ReportFiling | None
    status: str
    active: bool = True

    @property
    def status_title(self) -> str:
        return STATUS[self.status]


def _due(rule: Rule, override: DeadlineOverride | None, fy: int, period: int) -> date:
    end = period_end(rule.every, fy, period)
    month = override.month if override and override.month else rule.month
    day = override.day if override and override.day else rule.day
    lag = override.lag_days if override and override.lag_days is not None else rule.lag_days
    if rule.key == 'monitoring_report' and not (override and (override.month or override.day)):
        return eplan.monitoring_due(fy)[0]  # e-Plan's own dated rule (assets/eplan/deadlines.csv), not a copy
    if rule.every == 'year':
        if month is None:
            return end + timedelta(days=lag or 0)
        first, last = fiscal_year_range(fy)
        year = first.year if month >= 10 else last.year
        if rule.when == 'after' and date(year, month, 1) <= last:
            year += 1
        return date(year, month, min(day or 1, monthrange(year, month)[1]))
    if day is not None:  # the day of the month after the period
        following = end + timedelta(days=1)
        return following.replace(day=min(day, 28))
    return end + timedelta(days=lag or 0)


def _rule_for(key: str, on: date, lao_type: str) -> Rule | None:
    candidates = [r for r in rules() if r.key == key and (not r.lao_types or lao_type in r.lao_types)]
    if not candidates:
        return None
    try:
        return in_force(candidates, on, '')
    except Exception:  # a period before the first version of the rule: nothing was due then
        return None


def occurrences(session: Session, org_id: int, fy: int | tuple[int, ...], on: date | None = None,
                lao_type: str | None = None) -> list[Occurrence]:
    """Every deadline's periods of fiscal year `fy` (or of several years), each with its due day, seat, filing and
    status on `on`: two queries (the LAO's own deadlines, the years' reports), three without `lao_type`."""
    on = on or today()
    years = fy if isinstance(fy, tuple) else (fy,)
    if lao_type is None:
        lao_type = session.get(Organization, org_id).lao_type
    overrides: dict[str, list[DeadlineOverride]] = {}
    for row in session.exec(select(DeadlineOverride).where(DeadlineOverride.org_id == org_id)).all():
        overrides.setdefault(row.deadline_key, []).append(row)
    filings = {(f.deadline_key, f.fiscal_year, f.period): f for f in session.exec(select(ReportFiling).where(
        ReportFiling.org_id == org_id, col(ReportFiling.fiscal_year).in_(years))).all()}
    return [o for year in years for o in _occurrences(year, on, lao_type, overrides, filings)]


def _occurrences(fy: int, on: date, lao_type: str, overrides: dict[str, list[DeadlineOverride]],
                 filings: dict[tuple[str, int, int], ReportFiling]) -> list[Occurrence]:
    found = []
    for key in keys():
        for period in periods_of(next(r.every for r in rules() if r.key == key)):
            end = period_end(next(r.every for r in rules() if r.key == key), fy, period)
            rule = _rule_for(key, end, lao_type)
            if rule is None:
                continue
            override = None
            if overrides.get(key):
                try:
                    override = in_force(overrides[key], end, '')
                except Exception:
                    override = None
            due = _due(rule, override, fy, period)
            filing = filings.get((key, fy, period))
            active = override.active if override else True
            if not active:
                status = 'inactive'
            elif filing is not None:
                status = 'done' if filing.filed_on <= due else 'done_late'
            elif on > due:
                status = 'late'
            elif on >= due - timedelta(days=REMIND_DAYS):
                status = 'due_soon'
            else:
                status = 'upcoming'
            found.append(Occurrence(key, rule.name, fy, period, period_title(rule.every, fy, period), due,
                                    (override.seat if override and override.seat else rule.seat), rule.clause,
                                    rule.evidence, filing, status, active))
    return sorted(found, key=lambda o: (o.due, o.key))


def calendar(actor: Principal, fy: int | None = None) -> tuple[int, list[Occurrence], dict[str, str]]:
    """The status board: the fiscal year, its occurrences, and each seat code's title (who reports)."""
    require(actor, VIEW, where='info/calendar')
    fy = int(fy) if fy else fiscal_year(today())
    with db.session_scope() as session:
        rows = occurrences(session, actor.org_id, fy)
        titles = dict(session.exec(select(Position.code, Position.title).where(Position.org_id == actor.org_id)).all())
    return fy, rows, {code: titles.get(code) or titles.get(f'{code}-1') or code for code in {o.seat for o in rows}}


def _seats(session: Session, actor: Principal) -> tuple[set[str], str | None]:
    """The template codes of the seats the user acts in (the chosen one, or all held) and the LAO's type: one query."""
    ids = (actor.position_id,) if actor.position_id else actor.position_ids
    if not ids:
        return set(), None
    rows = session.exec(select(Position.code, Organization.lao_type).join(
        Organization, Organization.id == Position.org_id).where(col(Position.id).in_(ids))).all()
    codes = {code.rsplit('-', 1)[0] if code.rsplit('-', 1)[-1].isdigit() else code for code, _ in rows}
    return codes, (rows[0][1] if rows else None)


def reminders(actor: Principal, on: date | None = None) -> list[Occurrence]:
    """Unreported periods of the user's seats that are due within 15 days or late (this and last fiscal year):
    three queries (the seats, the LAO's own deadlines, the two years' reports)."""
    on = on or today()
    with db.session_scope() as session:
        seats, lao_type = _seats(session, actor)
        if not seats:
            return []
        fy = fiscal_year(on)
        rows = occurrences(session, actor.org_id, (fy - 1, fy), on, lao_type)
    return [o for o in rows if o.seat in seats and o.status in ('late', 'due_soon')]


def notices(actor: Principal) -> list[Notice]:
    if not actor.can(REPORT):
        return []
    lines = tuple(f'{o.name} ({o.title}) กำหนด {format_date(o.due)} · {o.status_title}' for o in reminders(actor))
    return [Notice(f'กำหนดส่งรายงาน {len(lines):,} เรื่อง', lines, '/info/calendar', 'report-reminders')]
