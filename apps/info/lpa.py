"""The LPA self-assessment (ประเมินประสิทธิภาพของ อปท. ด้วยตนเอง): the year's indicator checklist as dated data
(assets/info/lpa.csv, a set per assessment year, each row citing its basis), each indicator's evidence read from the
suite (the reporting calendar's filings, the plan in force, the budget of the year, the villages register), the
LAO's own score where it judges otherwise (the register `info/lpa-scores`, with its evidence), and the summary per
dimension."""

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlmodel import Session, func, select

from apps.elaas import links as elaas
from apps.eplan import links as eplan
from apps.info import deadlines
from core import db
from core.access import Principal, require
from core.errors import Refusal
from core.settings import asset
from core.thai import fiscal_year, fiscal_year_range, today
from models.info import LpaScore, Village

VIEW, EDIT = 'info.lpa.view', 'info.lpa.edit'


@dataclass(frozen=True)
class Indicator:
    effective_from: date
    code: str
    dimension: str
    indicator: str
    points: int
    evidence: str  # how the suite checks it: plan_in_force, budget_year, villages, ontime:<deadline>, all:<deadline>,
    #                manual (the LAO scores it with its evidence)
    clause: str


@cache
def _all() -> tuple[Indicator, ...]:
    with asset('info', 'lpa.csv').open(encoding='utf-8') as handle:
        return tuple(Indicator(date.fromisoformat(r['effective_from']), r['code'], r['dimension'], r['indicator'],
                               int(r['points']), r['evidence'], r['clause']) for r in csv.DictReader(handle))


def checklist(fy: int) -> tuple[Indicator, ...]:
    """The indicator set in force for fiscal year `fy`: the latest set taking effect on or before the year's start."""
    start = fiscal_year_range(fy)[0]
    sets = sorted({i.effective_from for i in _all() if i.effective_from <= start})
    if not sets:
        raise Refusal(f'ไม่พบตัวชี้วัด LPA ของปีงบประมาณ {fy} (assets/info/lpa.csv)')
    return tuple(i for i in _all() if i.effective_from == sets[-1])


@dataclass(frozen=True)
class Item:
    indicator: Indicator
    met: bool | None  # by the suite's records (None: judged by the LAO only)
    found: str  # what the records show, in Thai
    path: str  # the records behind it
    own: LpaScore | None

    @property
    def score(self) -> int:
        if self.own is not None:
            return self.own.score
        return self.indicator.points if self.met else 0


def _filings(rows: list[deadlines.Occurrence], key: str, on_time: bool) -> tuple[bool, str]:
    due = [o for o in rows if o.key == key and o.active and o.due <= today()]
    if not due:
        return False, 'ยังไม่ถึงกำหนดรายงานของปีนี้'
    good = [o for o in due if o.filing is not None and (o.status == 'done' or not on_time)]
    late = [o.title for o in due if o not in good]
    return not late, (f'รายงาน{"ตรงเวลา" if on_time else "แล้ว"} {len(good)}/{len(due)} งวด'
                      + (f' · ยังไม่ครบ: {", ".join(late)}' if late else ''))


def _check(session: Session, actor: Principal, indicator: Indicator, fy: int,
           rows: list[deadlines.Occurrence]) -> tuple[bool | None, str, str]:
    kind, _, key = indicator.evidence.partition(':')
    if kind in ('ontime', 'all'):
        met, found = _filings(rows, key, kind == 'ontime')
        return met, found, f'/info/calendar?fy={fy}'
    if kind == 'plan_in_force':
        edition = eplan.edition_in_force(session, actor.org_id)
        return edition is not None, edition.title if edition else 'ยังไม่มีแผนที่อนุมัติ/ประกาศใช้', '/eplan/editions'
    if kind == 'budget_year':
        years = elaas.budget_years(actor) if actor.can('elaas.budget.view') else []
        return fy in years, f'ข้อบัญญัติงบประมาณปี {fy}' + ('' if fy in years else ' ยังไม่มี'), '/elaas/budgets'
    if kind == 'villages':
        count = session.exec(select(func.count()).select_from(Village).where(Village.org_id == actor.org_id)).one()
        return count > 0, f'ทะเบียนหมู่บ้าน {count:,} หมู่บ้าน', '/info/villages'
    return None, 'อปท. ประเมินเองพร้อมหลักฐาน', '/info/lpa-scores'


def assessment(actor: Principal, fy: int | None = None) -> tuple[int, list[Item]]:
    """Every indicator of the year with its evidence and score (the year assessed: the last completed one)."""
    require(actor, VIEW, where='info/lpa')
    fy = int(fy) if fy else fiscal_year(today()) - 1
    indicators = checklist(fy)
    with db.session_scope() as session:
        rows = deadlines.occurrences(session, actor.org_id, fy)
        own = {s.code: s for s in session.exec(select(LpaScore).where(LpaScore.org_id == actor.org_id,
                                                                     LpaScore.fiscal_year == fy)).all()}
        items = [Item(i, *_check(session, actor, i, fy, rows), own.get(i.code)) for i in indicators]
    return fy, items


@dataclass(frozen=True)
class Line:
    dimension: str
    points: int
    score: int

    @property
    def percent(self) -> float:
        return round(self.score * 100 / self.points, 2) if self.points else 0.0


def summary(items: list[Item]) -> list[Line]:
    """Full points and score per dimension, in checklist order, then the total."""
    points: dict[str, int] = defaultdict(int)
    scores: dict[str, int] = defaultdict(int)
    for item in items:
        points[item.indicator.dimension] += item.indicator.points
        scores[item.indicator.dimension] += item.score
    lines = [Line(d, points[d], scores[d]) for d in points]
    return [*lines, Line('รวมทั้งสิ้น', sum(points.values()), sum(scores.values()))]
