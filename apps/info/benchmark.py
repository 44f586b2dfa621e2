"""Benchmarking many LAOs (M-P7): for the LAOs the user may read (core.access.readable_orgs: a provincial reader's
province, or the user's own LAO), each LAO's key indicators side by side, read through each app's links.py as that
LAO's own reports give them, with a ranking and per-capita figures compared within the LAO's peer group (same type and
size: an อบต. ขนาดเล็ก is compared with อบต. ขนาดเล็ก, never with a เทศบาลนคร).

Declared as a kit report (info/benchmark): the screen, the Excel workbook and the PDF come from core/report.py."""

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlmodel import select

from apps.elaas import links as elaas
from apps.eoffice import links as eoffice
from apps.eplan import links as eplan
from apps.info import figures
from core import db
from core.access import Principal, readable_orgs, reading_in, require
from core.errors import Refusal
from core.lao_directory import LAO_TYPE_SHORT, SIZES
from core.report import Param, Report
from core.thai import fiscal_year, today
from models.org import Organization

VIEW = 'info.benchmark.view'
ZERO = Decimal('0')
HUNDRED = Decimal('100')

# what the table may be ranked by: column -> whether more is better
MEASURES = {
    'เบิกจ่าย (%)': True,
    'รายได้ต่อหัว (บาท)': True,
    'งบประมาณต่อหัว (บาท)': True,
    'ค่าใช้จ่ายบุคคล (%)': False,  # มาตรา 35 caps it: less is better
    'โครงการแล้วเสร็จ (%)': True,
    'หนังสือเกินกำหนด': False,
}


@dataclass(frozen=True)
class LAOFigures:
    org_id: int
    name: str
    kind: str  # อบต. ขนาดเล็ก …
    population: int | None
    budget: Decimal
    disbursed: Decimal
    revenue: Decimal
    personnel_pct: Decimal | None
    projects_done: int
    projects: int
    overdue: int


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal('0.01')) if whole else None


def _per_head(amount: Decimal, population: int | None) -> Decimal | None:
    return (Decimal(amount) / population).quantize(Decimal('0.01')) if population else None


def _population(actor: Principal, fy: int) -> int | None:
    """The latest population total up to fiscal year `fy` (the LAO's figure, else its villages' sum)."""
    rows, _ = figures._rows(actor)  # noqa: SLF001 - the info app's own reader
    mine = [f for f in rows if f.indicator == 'population_total' and f.fiscal_year <= fy]
    if not mine:
        return None
    year = max(f.fiscal_year for f in mine)
    whole = [f.value for f in mine if f.fiscal_year == year and f.village_id is None]
    return whole[0] if whole else sum(f.value for f in mine if f.fiscal_year == year)


def lao_figures(actor: Principal, fy: int) -> LAOFigures:
    """One LAO's indicators (the actor as it reads that LAO), each from its app's own report."""
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
        name, kind = org.name, f'{LAO_TYPE_SHORT.get(org.lao_type, org.lao_type)} {SIZES.get(org.size, org.size)}'
        try:
            personnel = elaas.personnel_share(session, org.id, fy).pct if actor.can('elaas.report.view') else None
        except Refusal:
            personnel = None  # the cap rule of that year is missing: the table leaves it blank
    execution = elaas.execution_by_program(actor, fy) if actor.can('elaas.report.view') else None
    budget = sum(execution['งบประมาณ'], ZERO) if execution is not None and not execution.empty else ZERO
    disbursed = sum(execution['เบิกจ่าย'], ZERO) if execution is not None and not execution.empty else ZERO
    revenue = elaas.revenue_collected(actor, fy) if actor.can('elaas.report.view') else ZERO
    done, planned = eplan.projects_done(actor, fy) if actor.can('eplan.plan.view') else (0, 0)
    overdue = len(eoffice.overdue(actor)) if actor.can('eoffice.doc.view') else 0
    population = _population(actor, fy) if actor.can(figures.VIEW) else None
    return LAOFigures(actor.org_id, name, kind, population, budget, disbursed, revenue, personnel, done, planned,
                      overdue)


def readable(actor: Principal) -> list[int]:
    with db.session_scope() as session:
        return readable_orgs(session, actor)


def compare(actor: Principal, fy: int, by: str = 'เบิกจ่าย (%)') -> pd.DataFrame:
    """The readable LAOs side by side for fiscal year `fy`, ranked by `by`; per-capita figures also as a share of
    their peer group's mean (same type and size, 100 = the group's mean)."""
    require(actor, VIEW, where='info/benchmark')
    with db.session_scope() as session:
        readers = [reading_in(session, actor, org_id) for org_id in readable_orgs(session, actor)]
    rows = []
    for reader in readers:
        f = lao_figures(reader, fy)
        rows.append({
            'อปท.': f.name, 'ประเภทและขนาด': f.kind, 'ประชากร (คน)': f.population,
            'งบประมาณ (บาท)': f.budget, 'เบิกจ่าย (บาท)': f.disbursed, 'เบิกจ่าย (%)': _pct(f.disbursed, f.budget),
            'รายได้จัดเก็บ (บาท)': f.revenue, 'ค่าใช้จ่ายบุคคล (%)': f.personnel_pct,
            'โครงการแล้วเสร็จ': f'{f.projects_done:,}/{f.projects:,}',
            'โครงการแล้วเสร็จ (%)': _pct(Decimal(f.projects_done), Decimal(f.projects)),
            'หนังสือเกินกำหนด': f.overdue,
            'งบประมาณต่อหัว (บาท)': _per_head(f.budget, f.population),
            'รายได้ต่อหัว (บาท)': _per_head(f.revenue, f.population),
        })
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    for column in ('งบประมาณต่อหัว (บาท)', 'รายได้ต่อหัว (บาท)'):
        frame[column.replace(' (บาท)', '') + ' เทียบกลุ่ม (%)'] = _versus_group(frame, column)
    by = by if by in MEASURES else 'เบิกจ่าย (%)'
    frame.insert(0, 'อันดับ', _rank(frame[by], MEASURES[by]))
    return frame.sort_values('อันดับ', kind='stable').reset_index(drop=True)


def _versus_group(frame: pd.DataFrame, column: str) -> list[Decimal | None]:
    """Each LAO's value as a percentage of the mean of its peer group (same type and size) in the table."""
    means = {}
    for kind, group in frame.groupby('ประเภทและขนาด'):
        values = [v for v in group[column] if v is not None and not pd.isna(v)]
        means[kind] = sum(values, ZERO) / len(values) if values else None
    return [_pct(value, means[kind]) if value is not None and not pd.isna(value) and means[kind] else None
            for kind, value in zip(frame['ประเภทและขนาด'], frame[column], strict=True)]


def _rank(values: pd.Series, more_is_better: bool) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4); an LAO without the figure comes last, unranked."""
    known = sorted({v for v in values if v is not None and not pd.isna(v)}, reverse=more_is_better)
    places, place = {}, 1
    for value in known:
        places[value] = place
        place += sum(1 for v in values if v == value)
    return [places.get(v) if v is not None and not pd.isna(v) else None for v in values]


def _years(actor: Principal) -> dict[int, str]:
    this = fiscal_year(today())
    years = set(elaas.budget_years(actor)) if actor.can('elaas.report.view') else set()
    return {year: f'ปีงบประมาณ {year}' for year in sorted(years | set(range(this, this - 3, -1)), reverse=True)}


def _latest(actor: Principal) -> int:
    years = elaas.budget_years(actor) if actor.can('elaas.report.view') else []
    return years[0] if years else fiscal_year(today())


def _built(actor: Principal, fy: int, by: str) -> tuple[pd.DataFrame, str]:
    """The table and what it is of: how many LAOs (the heading names the reader's own LAO, not the ones compared)."""
    frame = compare(actor, fy, by)
    return frame, f'เปรียบเทียบ {len(frame):,} อปท. ปีงบประมาณ {fy} จัดอันดับตาม{by}'


FY = Param('fy', 'ปีงบประมาณ', default=_latest, choices=_years)
BY = Param('by', 'จัดอันดับตาม', default='เบิกจ่าย (%)', choices=lambda actor: {m: m for m in MEASURES})

BENCHMARK = Report('info', 'benchmark', 'เปรียบเทียบ อปท. (Benchmarking)',
                   lambda actor, fy, by: _built(actor, fy, by), VIEW,
                   help='งบประมาณ รายได้ การเบิกจ่าย ค่าใช้จ่ายบุคคล โครงการแล้วเสร็จ หนังสือเกินกำหนด และค่าต่อหัว'
                        'เทียบกลุ่ม อปท. ประเภทและขนาดเดียวกัน', params=(FY, BY), landscape=True, font_size=8)


def current(actor: Principal) -> list[str]:
    """The names of the LAOs the table compares (the page's heading)."""
    with db.session_scope() as session:
        ids = readable_orgs(session, actor)
        return list(session.exec(select(Organization.name).where(Organization.id.in_(ids))
                                 .order_by(Organization.id)).all())
