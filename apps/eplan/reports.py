"""The standard e-Plan forms as tables, Excel and Thai PDF: ผ.01, ผ.02, ผ.03, ผด.02, monitoring and evaluation."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from apps.eplan import service
from core.access import Principal
from core.reports import to_pdf, to_xlsx


@dataclass(frozen=True)
class Report:
    key: str
    title: str
    build: Callable[[Principal, int | None, int], pd.DataFrame]  # (actor, edition id, fiscal year)
    landscape: bool = True
    by_year: bool = False  # the report is for a fiscal year (else: for a plan edition)


def _edition(build: Callable[[service.PlanData], pd.DataFrame]) -> Callable[[Principal, int | None, int], pd.DataFrame]:
    def run(actor: Principal, edition_id: int | None, year: int) -> pd.DataFrame:
        data = service.plan_data(actor, edition_id)
        return build(data) if data else pd.DataFrame()
    return run


REPORTS = {r.key: r for r in (
    Report('p01', 'ผ.01 บัญชีสรุปโครงการพัฒนา', _edition(service.p01)),
    Report('p02', 'ผ.02 รายละเอียดโครงการพัฒนา', _edition(service.p02)),
    Report('p03', 'ผ.03 บัญชีครุภัณฑ์', _edition(service.p03)),
    Report('action', 'ผด.02 แผนการดำเนินงาน', lambda actor, _, year: service.action_plan(actor, year), by_year=True),
    Report('monitoring', 'รายงานการติดตามโครงการตามแผนพัฒนาท้องถิ่น',
           lambda actor, _, year: service.monitoring(actor, year), by_year=True),
    Report('evaluation', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามยุทธศาสตร์)',
           lambda actor, _, year: service.evaluation(actor, year, 'ยุทธศาสตร์'), by_year=True),
    Report('evaluation_division', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามหน่วยงาน)',
           lambda actor, _, year: service.evaluation(actor, year, 'หน่วยงานรับผิดชอบ'), by_year=True),
)}


def subtitle(actor: Principal, report: Report, edition_id: int | None, year: int, org_name: str) -> str:
    if report.by_year:
        return f'{org_name} · ปีงบประมาณ พ.ศ. {year}'
    data = service.plan_data(actor, edition_id)
    title = data.edition.title if data else ''
    state = service.EDITION_STATES.get(data.edition.status, '') if data else ''
    return f'{title} ({state}) · {org_name}'


def build(actor: Principal, key: str, edition_id: int | None, year: int) -> pd.DataFrame:
    return REPORTS[key].build(actor, edition_id, year)


def xlsx(actor: Principal, key: str, edition_id: int | None, year: int, org_name: str) -> bytes:
    report = REPORTS[key]
    return to_xlsx([(report.title[:31], build(actor, key, edition_id, year))],
                   title=f'{report.title} — {subtitle(actor, report, edition_id, year, org_name)}')


def pdf(actor: Principal, key: str, edition_id: int | None, year: int, org_name: str, thai_digits: bool) -> bytes:
    report = REPORTS[key]
    df = build(actor, key, edition_id, year)
    if key == 'p02':  # the printed ผ.02 leaves the grouping columns to the heading rows of the real form
        df = df.drop(columns=['ยุทธศาสตร์/กลยุทธ์', 'แผนงาน', 'ค่าเป้าหมาย', 'พื้นที่', 'แหล่งเงิน', 'แบบ'])
    return to_pdf(df, report.title, subtitle(actor, report, edition_id, year, org_name), landscape=report.landscape,
                  thai_digits=thai_digits)
