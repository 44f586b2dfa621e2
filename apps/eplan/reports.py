"""The standard e-Plan forms as tables, Excel and Thai PDF: ผ.01, ผ.02, ผ.03, ผด.02, monitoring and evaluation."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from apps.eplan import service
from core.access import Principal
from core.reports import to_pdf, to_xlsx

Table = tuple[pd.DataFrame, str]  # the rows, and what they are of (the plan edition, or the fiscal year)


@dataclass(frozen=True)
class Report:
    key: str
    title: str
    build: Callable[[Principal, int | None, int], Table]  # (actor, edition id, fiscal year)
    landscape: bool = True
    by_year: bool = False  # the report is for a fiscal year (else: for a plan edition)


def _edition(build: Callable[[service.PlanData], pd.DataFrame]) -> Callable[[Principal, int | None, int], Table]:
    def run(actor: Principal, edition_id: int | None, year: int) -> Table:
        data = service.plan_data(actor, edition_id)
        if data is None:
            return pd.DataFrame(), ''
        return build(data), f'{data.edition.title} ({service.EDITION_STATES.get(data.edition.status, "")})'
    return run


def _year(build: Callable[[Principal, int], pd.DataFrame]) -> Callable[[Principal, int | None, int], Table]:
    def run(actor: Principal, edition_id: int | None, year: int) -> Table:
        return build(actor, year), f'ปีงบประมาณ พ.ศ. {year}'
    return run


REPORTS = {r.key: r for r in (
    Report('p01', 'ผ.01 บัญชีสรุปโครงการพัฒนา', _edition(service.p01)),
    Report('p02', 'ผ.02 รายละเอียดโครงการพัฒนา', _edition(service.p02)),
    Report('p03', 'ผ.03 บัญชีครุภัณฑ์', _edition(service.p03)),
    Report('action', 'ผด.02 แผนการดำเนินงาน', _year(service.action_plan), by_year=True),
    Report('monitoring', 'รายงานการติดตามโครงการตามแผนพัฒนาท้องถิ่น', _year(service.monitoring), by_year=True),
    Report('evaluation', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามยุทธศาสตร์)',
           _year(lambda actor, year: service.evaluation(actor, year, 'ยุทธศาสตร์')), by_year=True),
    Report('evaluation_division', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามหน่วยงาน)',
           _year(lambda actor, year: service.evaluation(actor, year, 'หน่วยงานรับผิดชอบ')), by_year=True),
)}


def table(actor: Principal, key: str, edition_id: int | None, year: int, org_name: str) -> Table:
    """A report's rows and its subtitle (what it is of, and the LAO), from one read of the data."""
    df, of = REPORTS[key].build(actor, edition_id, year)
    return df, f'{of} · {org_name}' if of else org_name


def xlsx(actor: Principal, key: str, edition_id: int | None, year: int, org_name: str) -> bytes:
    report = REPORTS[key]
    df, subtitle = table(actor, key, edition_id, year, org_name)
    return to_xlsx([(report.title[:31], df)], title=f'{report.title} — {subtitle}')


def pdf(actor: Principal, key: str, edition_id: int | None, year: int, org_name: str, thai_digits: bool) -> bytes:
    report = REPORTS[key]
    df, subtitle = table(actor, key, edition_id, year, org_name)
    columns, size = None, None
    if key == 'p02':  # the printed ผ.02: the columns of the official form, in widths that fit landscape A4
        columns, size = P02_COLUMNS, 10
        years = [c for c in df.columns if c.startswith('งบประมาณ ')]
        df = df.rename(columns={c: c.removeprefix('งบประมาณ ') for c in years})
        columns = [*columns[:4], *({'key': c.removeprefix('งบประมาณ '), 'width': 20} for c in years), *columns[4:]]
        if 'เหตุผลความจำเป็น' not in df.columns:
            columns = [c for c in columns if c['key'] != 'เหตุผลความจำเป็น']
    return to_pdf(df, report.title, subtitle, landscape=report.landscape,
                  thai_digits=thai_digits, columns=columns, font_size=size)


P02_COLUMNS = [  # widths in mm; the five year columns (20 mm each) go after the first four
    {'key': 'ที่', 'width': 7}, {'key': 'โครงการ', 'width': 32}, {'key': 'วัตถุประสงค์', 'width': 26},
    {'key': 'เป้าหมาย (ผลผลิตของโครงการ)', 'width': 22}, {'key': 'ตัวชี้วัด (KPI)', 'width': 18},
    {'key': 'ผลที่คาดว่าจะได้รับ', 'width': 22}, {'key': 'หน่วยงานรับผิดชอบหลัก', 'width': 19},
    {'key': 'เหตุผลความจำเป็น', 'width': 19},
]
