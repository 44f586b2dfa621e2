"""The LAO's basic data by year (M-INFO; REFERENCE §6): the indicator set DLA collects (assets/info/indicators.csv,
dated, per village where it applies), each year's figure a row of the register `info/figures` with its as-of day
and its source, so the history stays; the reports lay the years side by side (every figure with its source and
date) and the villages' population and households per year."""

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd
from sqlmodel import select

from core import db
from core.access import Principal, require
from core.settings import asset
from core.thai import format_date
from models.info import InfoFigure, Village

VIEW = 'info.village.view'


@dataclass(frozen=True)
class Indicator:
    key: str
    category: str
    name: str
    unit: str
    per_village: bool
    effective_from: date
    source_hint: str


@cache
def indicators() -> tuple[Indicator, ...]:
    with asset('info', 'indicators.csv').open(encoding='utf-8') as handle:
        return tuple(Indicator(r['key'], r['category'], r['name'], r['unit'], r['per_village'] == '1',
                               date.fromisoformat(r['effective_from']), r['source_hint'])
                     for r in csv.DictReader(handle))


def choices(actor=None) -> dict[str, str]:
    return {i.key: f'{i.category}: {i.name} ({i.unit})' for i in indicators()}


def _rows(actor: Principal) -> tuple[list[InfoFigure], dict[int, Village]]:
    require(actor, VIEW, where='info/figures')
    with db.session_scope() as session:
        figures = list(session.exec(select(InfoFigure).where(InfoFigure.org_id == actor.org_id)
                                    .order_by(InfoFigure.fiscal_year)).all())
        villages = {v.id: v for v in session.exec(select(Village).where(Village.org_id == actor.org_id)).all()}
    return figures, villages


def by_year(actor: Principal, years: int = 3) -> pd.DataFrame:
    """The LAO-wide figures (villages summed where only theirs are kept) of the last `years` years side by side, each
    with the source and as-of day of its latest figure."""
    figures, _ = _rows(actor)
    shown = sorted({f.fiscal_year for f in figures})[-years:]
    records = []
    for indicator in indicators():
        mine = [f for f in figures if f.indicator == indicator.key]
        if not mine:
            continue
        whole = {f.fiscal_year: f for f in mine if f.village_id is None}
        values = {}
        for year in shown:
            if year in whole:
                values[year] = whole[year].value
            elif parts := [f.value for f in mine if f.fiscal_year == year]:
                values[year] = sum(parts)
        latest = max(mine, key=lambda f: (f.fiscal_year, f.as_of))
        records.append({'หมวด': indicator.category, 'ข้อมูล': indicator.name, 'หน่วย': indicator.unit,
                        **{f'ปี {year}': values.get(year) for year in shown},
                        'ณ วันที่': format_date(latest.as_of), 'แหล่งข้อมูล': latest.source})
    df = pd.DataFrame(records)
    for year in shown:
        if f'ปี {year}' in df:
            df[f'ปี {year}'] = df[f'ปี {year}'].astype('Int64')
    return df


def villages_by_year(actor: Principal, fy: int) -> pd.DataFrame:
    """Population and households per village in a fiscal year, with the change from the year before."""
    figures, villages = _rows(actor)
    keys = ('population_male', 'population_female', 'population_total', 'households')

    def value(year: int, village_id: int, key: str) -> int | None:
        return next((f.value for f in figures if f.fiscal_year == year and f.village_id == village_id
                     and f.indicator == key), None)
    records = []
    for village in sorted(villages.values(), key=lambda v: v.number):
        this = {k: value(fy, village.id, k) for k in keys}
        before = value(fy - 1, village.id, 'population_total')
        source = next((f for f in figures if f.fiscal_year == fy and f.village_id == village.id), None)
        records.append({'หมู่ที่': village.number, 'หมู่บ้าน': village.name, 'ชาย': this['population_male'],
                        'หญิง': this['population_female'], 'รวม': this['population_total'],
                        'ครัวเรือน': this['households'],
                        'เพิ่ม(ลด)จากปีก่อน': (this['population_total'] - before
                                             if this['population_total'] is not None and before is not None else None),
                        'ณ วันที่': format_date(source.as_of) if source else '',
                        'แหล่งข้อมูล': source.source if source else ''})
    df = pd.DataFrame(records)
    for column in ('ชาย', 'หญิง', 'รวม', 'ครัวเรือน', 'เพิ่ม(ลด)จากปีก่อน'):
        if column in df:
            df[column] = df[column].astype('Int64')
    return df
