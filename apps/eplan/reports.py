"""The standard e-Plan forms, shaped from the service's data and declared once for screen, Excel and Thai PDF
(core/report.py): ผ.01, ผ.02, ผ.03 of a plan edition; ผด.02 action plan, monitoring and evaluation of a fiscal year;
and the front page's chart data."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

import pandas as pd

from apps.eplan import service
from apps.eplan.links import register_reader
from apps.eplan.service import EDITION_STATES, FISCAL_MONTHS, NODE_KINDS, PROGRESS_STATES, PROJECT_FORMS, PlanData
from core.access import Principal
from core.report import Param, Report
from core.reports import BAR, Column
from core.thai import format_date
from models.plan import PLAN_YEARS, PlanProject

ZERO = Decimal('0')
Table = tuple[pd.DataFrame, str]  # the rows, and what they are of (the plan edition, or the fiscal year)


def baht(amount: Decimal) -> int:
    """Plan amounts are whole baht (ผ.01–ผ.03 print #,##0)."""
    return int(amount)


def _year_columns(data: PlanData) -> list[str]:
    return [f'งบประมาณ {data.year_label(n)} (บาท)' for n in range(1, PLAN_YEARS + 1)]


# --- the forms of a plan edition --------------------------------------------------------------------------------

def p01(data: PlanData) -> pd.DataFrame:
    """ผ.01 บัญชีสรุปโครงการพัฒนา: per strategy × แผนงาน, each year's number of projects and budget, with totals."""
    groups: dict[tuple, list[PlanProject]] = defaultdict(list)
    for p in data.projects:
        groups[(data.top[p.node_id].id, p.program_code_id)].append(p)
    kind = NODE_KINDS.get(next(iter(data.top.values())).kind, 'ยุทธศาสตร์') if data.top else 'ยุทธศาสตร์'
    records = []

    def row(title_top: str, title_program: str, projects: list[PlanProject]) -> dict:
        item = {kind: title_top, 'แผนงาน': title_program}
        for n in range(1, PLAN_YEARS + 1):
            year = data.year_label(n)
            with_budget = [p for p in projects if p.budget_for(n)]
            item[f'{year} จำนวน'] = len(with_budget)
            item[f'{year} งบประมาณ'] = baht(sum((p.budget_for(n) for p in projects), ZERO))
        item['รวม 5 ปี จำนวน'] = len(projects)
        item['รวม 5 ปี งบประมาณ'] = baht(sum((p.budget_total for p in projects), ZERO))
        return item

    for (top_id, program_id), projects in groups.items():
        node = data.nodes[top_id]
        records.append(row(f'{node.code}. {node.name}', data.labels['program_code_id'].get(program_id, ''),
                           projects))
    records.append(row('รวมทั้งสิ้น', '', data.projects))
    return pd.DataFrame(records)


P01_TOP = 'ยุทธศาสตร์'  # the printed ผ.01's group heading: the rows of each ยุทธศาสตร์ under its name


def p01_printed(df: pd.DataFrame) -> pd.DataFrame:
    """ผ.01 as the plan book prints it: the แผนงาน under a heading per ยุทธศาสตร์, the grand total on a row of its
    own, without a heading."""
    if df.empty:
        return df
    printed = df.rename(columns={df.columns[0]: P01_TOP})
    total = printed[P01_TOP] == 'รวมทั้งสิ้น'
    printed.loc[total, 'แผนงาน'] = 'รวมทั้งสิ้น'
    printed[P01_TOP] = printed[P01_TOP].where(~total, '')
    return printed.reset_index(drop=True)


def p01_layout(df: pd.DataFrame) -> list[Column] | None:
    """The printed ผ.01 (landscape, 12 pt): แผนงาน, then each year's number of projects and budget (the year over
    its unit, '-' for none), then the five years' totals."""
    if df.empty and not len(df.columns):
        return None
    numbers = [Column(key=c, label=c.replace(' จำนวน', '\nจำนวน').replace(' งบประมาณ', '\nงบประมาณ (บาท)'),
                      kind='int', zero='-', align='R') for c in df.columns if c.endswith((' จำนวน', ' งบประมาณ'))]
    return [Column(key='แผนงาน'), *numbers]


def p02(data: PlanData, form: str | None = None) -> pd.DataFrame:
    """ผ.02 รายละเอียดโครงการพัฒนา: one row per project, the five year columns, KPI, result, responsible division."""
    labels, years = data.labels, _year_columns(data)
    records = []
    for n, p in enumerate((p for p in data.projects if form is None or p.form == form), start=1):
        top = data.top[p.node_id]
        node = data.nodes[p.node_id]
        item = {'ที่': n, 'ยุทธศาสตร์': f'{top.code}. {top.name}', 'ยุทธศาสตร์/กลยุทธ์': f'{node.code} {node.name}',
                'แผนงาน': labels['program_code_id'].get(p.program_code_id, ''),
                'โครงการ': p.name, 'วัตถุประสงค์': p.objective, 'เป้าหมาย (ผลผลิตของโครงการ)': p.target}
        for i, column in enumerate(years, start=1):
            item[column] = baht(p.budget_for(i))
        item.update({'ตัวชี้วัด (KPI)': p.kpi, 'ค่าเป้าหมาย': p.kpi_target, 'ผลที่คาดว่าจะได้รับ': p.expected_result,
                     'หน่วยงานรับผิดชอบหลัก': labels['division_id'].get(p.division_id, ''),
                     'พื้นที่': labels['village_id'].get(p.village_id, '') if p.village_id else '',
                     'แหล่งเงิน': labels['fund_source_id'].get(p.fund_source_id, ''),
                     'แบบ': PROJECT_FORMS.get(p.form, p.form)})
        if data.edition.kind != 'first':
            item['เหตุผลความจำเป็น'] = p.reason
        records.append(item)
    columns = ['ที่', 'ยุทธศาสตร์', 'ยุทธศาสตร์/กลยุทธ์', 'แผนงาน', 'โครงการ', 'วัตถุประสงค์',
               'เป้าหมาย (ผลผลิตของโครงการ)', *years, 'ตัวชี้วัด (KPI)', 'ค่าเป้าหมาย', 'ผลที่คาดว่าจะได้รับ',
               'หน่วยงานรับผิดชอบหลัก', 'พื้นที่', 'แหล่งเงิน', 'แบบ']
    if data.edition.kind != 'first':
        columns.append('เหตุผลความจำเป็น')
    return pd.DataFrame(records, columns=columns)


def p03(data: PlanData) -> pd.DataFrame:
    """ผ.03 บัญชีครุภัณฑ์."""
    years = _year_columns(data)
    records = []
    for n, e in enumerate(data.equipment, start=1):
        item = {'ที่': n, 'แผนงาน': data.labels['program_code_id'].get(e.program_code_id, ''), 'หมวด/ประเภท': e.category,
                'รายการ': e.name, 'เป้าหมาย (ผลผลิตของครุภัณฑ์)': e.target}
        for i, column in enumerate(years, start=1):
            item[column] = baht(e.budget_for(i))
        item['หน่วยงานรับผิดชอบหลัก'] = data.labels['division_id'].get(e.division_id, '')
        records.append(item)
    return pd.DataFrame(records, columns=['ที่', 'แผนงาน', 'หมวด/ประเภท', 'รายการ', 'เป้าหมาย (ผลผลิตของครุภัณฑ์)',
                                          *years, 'หน่วยงานรับผิดชอบหลัก'])


def budget_by_strategy(data: PlanData) -> pd.DataFrame:
    """Budget per strategy per year (long form, for the chart)."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for p in data.projects:
        top = data.top[p.node_id]
        for n in range(1, PLAN_YEARS + 1):
            totals[(f'{top.code}. {top.name}', data.year_label(n))] += p.budget_for(n)
    return pd.DataFrame([{'ยุทธศาสตร์': k[0], 'ปีงบประมาณ': k[1], 'งบประมาณ (บาท)': v} for k, v in totals.items()])


# --- the forms of a fiscal year ---------------------------------------------------------------------------------

def action_plan(actor: Principal, year: int) -> pd.DataFrame:
    """ผด.02: the year's scheduled projects with a bar (BAR: a shaded cell on paper) in each month they run, October
    first."""
    rows, labels = service.scheduled_projects(actor, year)
    records = []
    for n, (item, project) in enumerate(rows, start=1):
        record = {'ที่': n, 'โครงการ': project.name, 'แผนงาน': labels['program_code_id'].get(project.program_code_id),
                  'งบประมาณ (บาท)': item.budget, 'สถานที่ดำเนินการ': item.location or (
                      labels['village_id'].get(project.village_id, '') if project.village_id else ''),
                  'หน่วยงานรับผิดชอบ': labels['division_id'].get(project.division_id, '')}
        for m, month in enumerate(FISCAL_MONTHS, start=1):
            record[month] = BAR if item.start_month <= m <= item.end_month else ''
        records.append(record)
    return pd.DataFrame(records, columns=['ที่', 'โครงการ', 'แผนงาน', 'งบประมาณ (บาท)', 'สถานที่ดำเนินการ',
                                          'หน่วยงานรับผิดชอบ', *FISCAL_MONTHS])


def action_summary(actor: Principal, year: int) -> pd.DataFrame:
    """ผด.01 บัญชีสรุปจำนวนโครงการและงบประมาณ: the year's action plan per strategy × แผนงาน — the number of projects
    and their share of all, the budget and its share, the divisions carrying them out — with each strategy's
    subtotal and the grand total (the action plan's own rows: what ผด.02 lists, summed)."""
    rows, labels = service.scheduled_projects(actor, year)
    if not rows:
        return pd.DataFrame(columns=ACTION_SUMMARY)
    count, total = len(rows), sum((item.budget for item, _ in rows), ZERO)
    groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for item, project in rows:
        strategy = labels['strategy_of'].get(project.node_id, '')
        groups[strategy][labels['program_code_id'].get(project.program_code_id, '') or '—'].append((item, project))

    def row(strategy: str, program: str, items: list) -> dict:
        budget = sum((item.budget for item, _ in items), ZERO)
        divisions = dict.fromkeys(labels['division_id'].get(p.division_id, '') for _, p in items)
        return {'ยุทธศาสตร์': strategy, 'แผนงาน': program, 'จำนวนโครงการ': len(items),
                'ร้อยละของโครงการทั้งหมด': (Decimal(len(items) * 100) / count).quantize(CENT),
                'งบประมาณ (บาท)': budget,
                'ร้อยละของงบประมาณทั้งหมด': (budget * 100 / total).quantize(CENT) if total else ZERO,
                'หน่วยดำเนินการ': ', '.join(d for d in divisions if d)}

    records = []
    for strategy, programs in sorted(groups.items()):
        for program, items in programs.items():
            records.append(row(strategy, program, items))
        if len(programs) > 1:
            records.append(row(strategy, 'รวม', [i for items in programs.values() for i in items]))
    records.append(row('รวมทั้งสิ้น', 'ทุกแผนงาน', rows))
    return pd.DataFrame(records, columns=ACTION_SUMMARY)


ACTION_SUMMARY = ['ยุทธศาสตร์', 'แผนงาน', 'จำนวนโครงการ', 'ร้อยละของโครงการทั้งหมด', 'งบประมาณ (บาท)',
                  'ร้อยละของงบประมาณทั้งหมด', 'หน่วยดำเนินการ']
CENT = Decimal('0.01')


def monitoring(actor: Principal, year: int) -> pd.DataFrame:
    """Per project planned for fiscal `year`: plan budget, budgeted/committed/disbursed (e-LAAS), status, %, KPI."""
    projects, labels = service.monitored_projects(actor, year)
    records = []
    for row in projects:
        p, entry, amounts = row.project, row.progress, row.money
        records.append({
            'ยุทธศาสตร์': f'{row.top.code}. {row.top.name}', 'โครงการ': p.name,
            'หน่วยงานรับผิดชอบ': labels['division_id'].get(p.division_id, ''),
            'งบตามแผน (บาท)': row.planned,
            'งบตามข้อบัญญัติ (บาท)': amounts.budgeted if amounts else ZERO,
            'ก่อหนี้ผูกพัน (บาท)': amounts.committed if amounts else ZERO,
            'เบิกจ่าย (บาท)': amounts.disbursed if amounts else ZERO,
            'สถานะ': PROGRESS_STATES[entry.status] if entry else PROGRESS_STATES['not_started'],
            'ความก้าวหน้า (%)': entry.physical_pct if entry else 0,
            'ตัวชี้วัด': p.kpi, 'ค่าเป้าหมาย': p.kpi_target,
            'ผลจริง': entry.kpi_actual if entry else None,
        })
    return pd.DataFrame(records)


def evaluation(actor: Principal, year: int, by: str = 'ยุทธศาสตร์') -> pd.DataFrame:
    """The evaluation summary: projects done vs planned and budget disbursed vs planned, by strategy or division."""
    detail = monitoring(actor, year)
    if detail.empty:
        return detail
    key = by if by in ('ยุทธศาสตร์', 'หน่วยงานรับผิดชอบ') else 'ยุทธศาสตร์'
    records = []
    for name, group in list(detail.groupby(key, sort=False)) + [('รวมทั้งสิ้น', detail)]:
        planned, done = len(group), int((group['สถานะ'] == PROGRESS_STATES['done']).sum())
        budget = sum(group['งบตามแผน (บาท)'], ZERO)
        paid = sum(group['เบิกจ่าย (บาท)'], ZERO)
        records.append({key: name, 'โครงการตามแผน': planned, 'ดำเนินการแล้วเสร็จ': done,
                        'ร้อยละแล้วเสร็จ': Decimal(done * 100 / planned).quantize(Decimal('0.01')) if planned else 0,
                        'งบตามแผน (บาท)': budget, 'เบิกจ่าย (บาท)': paid,
                        'ร้อยละเบิกจ่าย': (paid * 100 / budget).quantize(Decimal('0.01')) if budget else ZERO})
    return pd.DataFrame(records)


def progress_counts(actor: Principal, year: int) -> pd.DataFrame:
    """Projects per progress status in a fiscal year (for the chart)."""
    detail = monitoring(actor, year)
    counts = detail['สถานะ'].value_counts() if not detail.empty else {}
    return pd.DataFrame([{'สถานะ': title, 'จำนวนโครงการ': int(counts.get(title, 0))}
                         for title in PROGRESS_STATES.values()])


# --- the declared reports ---------------------------------------------------------------------------------------

P02_TEXT = ['โครงการ', 'วัตถุประสงค์', 'เป้าหมาย (ผลผลิตของโครงการ)']  # the official ผ.02's columns, in order
P02_AFTER_YEARS = ['ตัวชี้วัด (KPI)', 'ผลที่คาดว่าจะได้รับ', 'หน่วยงานรับผิดชอบหลัก', 'เหตุผลความจำเป็น']
P02_GROUPS = ('ยุทธศาสตร์', 'แผนงาน')


def _first_seen(series: pd.Series) -> pd.Series:
    """Each value's rank by where it first appears (strategies stay in the plan's order, not sorted as text)."""
    order = {value: n for n, value in enumerate(dict.fromkeys(series))}
    return series.map(order)


def p02_printed(df: pd.DataFrame) -> pd.DataFrame:
    """ผ.02 as the plan book prints it: the projects under a heading per ยุทธศาสตร์ and per แผนงาน, numbered from 1
    in each แผนงาน, the KPI with its target value."""
    if df.empty:
        return df
    printed = df.assign(_top=_first_seen(df['ยุทธศาสตร์']), _program=_first_seen(df['แผนงาน']))
    printed = printed.sort_values(['_top', '_program'], kind='stable').drop(columns=['_top', '_program'])
    kind = P02_GROUPS[0]
    printed[kind] = [value if value.startswith(kind) else f'{kind}ที่ {value}' for value in printed[kind]]
    printed['ที่'] = printed.groupby(list(P02_GROUPS), sort=False).cumcount() + 1
    printed['ตัวชี้วัด (KPI)'] = [f'{kpi} (ค่าเป้าหมาย {target})' if kpi and target else kpi
                                 for kpi, target in zip(printed['ตัวชี้วัด (KPI)'], printed['ค่าเป้าหมาย'], strict=True)]
    return printed.reset_index(drop=True)


def p02_layout(df: pd.DataFrame) -> list[Column] | None:
    """The printed ผ.02: the official form's columns (a year headed by the year over its unit, '-' for a year
    without budget); the reason column only for an edition that has it."""
    if df.empty and not len(df.columns):
        return None
    years = [Column(key=c, label=c.removeprefix('งบประมาณ ').replace(' ', '\n'), kind='int', zero='-')
             for c in df.columns if c.startswith('งบประมาณ ')]
    return [Column(key='ที่', kind='int', align='C'), *[Column(key=c) for c in P02_TEXT if c in df.columns], *years,
            *[Column(key=c) for c in P02_AFTER_YEARS if c in df.columns]]


def _of_edition(shape: Callable[[PlanData], pd.DataFrame]) -> Callable[..., Table]:
    def build(actor: Principal, edition: int | None) -> Table:
        data = service.plan_data(actor, edition)
        if data is None:
            return pd.DataFrame(), ''
        return shape(data), f'{data.edition.title} ({EDITION_STATES.get(data.edition.status, "")})'
    return build


def _of_year(shape: Callable[[Principal, int], pd.DataFrame]) -> Callable[..., Table]:
    def build(actor: Principal, year: int) -> Table:
        return shape(actor, year), f'ปีงบประมาณ พ.ศ. {year}'
    return build


def _with_deadline(shape: Callable[[Principal, int], pd.DataFrame]) -> Callable[..., Table]:
    """A monitoring or evaluation report, its subtitle naming when it is due to the executive and the council."""
    def build(actor: Principal, year: int) -> Table:
        due, rule = service.monitoring_due(year)
        return shape(actor, year), (f'ปีงบประมาณ พ.ศ. {year} · รายงานต่อผู้บริหารและสภาท้องถิ่นและประกาศภายใน '
                                    f'{format_date(due, "long")} ({rule.clause.split(" (")[0]})')
    return build


EDITION = Param('edition', 'ฉบับของแผน',
                choices=lambda actor: {None: 'ฉบับที่ใช้อยู่', **service.edition_choices(actor)})
YEAR = Param('year', 'ปีงบประมาณ', 'int', default=service.active_year)
VIEW = 'eplan.plan.view'
# Who signs e-Plan's papers: the plan's forms and its monitoring are drawn up by the planner (นักวิเคราะห์นโยบายและ
# แผน, the secretary of the plan's committees), checked by the head of สำนักปลัด, where planning sits, and put
# forward by the ปลัด, who presents the plan to the นายก (ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาของ อปท.).
PLAN_SIGNERS = (('ผู้จัดทำ', 'PLANNER'), ('ผู้ตรวจสอบ', 'HEAD_PALAD'), ('ผู้เสนอ', 'CHIEF'))

Report('eplan', 'p01', 'ผ.01 บัญชีสรุปโครงการพัฒนา', _of_edition(p01), VIEW, params=(EDITION,),
       help='จำนวนโครงการและงบประมาณรายปี แยกตามยุทธศาสตร์และแผนงาน', pdf_frame=p01_printed,
       pdf_columns=p01_layout, groups=(P01_TOP,), font_size=12, signers=PLAN_SIGNERS, tight=True)
Report('eplan', 'p02', 'ผ.02 รายละเอียดโครงการพัฒนา', _of_edition(p02), VIEW, params=(EDITION,),
       help='รายละเอียดโครงการ งบประมาณ 5 ปี ตัวชี้วัด และหน่วยงานรับผิดชอบ', pdf_frame=p02_printed,
       pdf_columns=p02_layout, groups=P02_GROUPS, font_size=10, signers=PLAN_SIGNERS)
Report('eplan', 'p03', 'ผ.03 บัญชีครุภัณฑ์', _of_edition(p03), VIEW, params=(EDITION,),
       help='ครุภัณฑ์ตามแผน งบประมาณรายปี', signers=PLAN_SIGNERS)
Report('eplan', 'action_summary', 'ผด.01 บัญชีสรุปจำนวนโครงการและงบประมาณ (แผนการดำเนินงาน)',
       _of_year(action_summary), VIEW, params=(YEAR,),
       help='จำนวนโครงการและงบประมาณของแผนการดำเนินงาน แยกตามยุทธศาสตร์และแผนงาน พร้อมร้อยละ',
       groups=('ยุทธศาสตร์',), font_size=12, signers=PLAN_SIGNERS)
Report('eplan', 'action', 'ผด.02 แผนการดำเนินงาน', _of_year(action_plan), VIEW, params=(YEAR,),
       help='โครงการของปีงบประมาณและช่วงเดือนที่ดำเนินการ', font_size=12, signers=PLAN_SIGNERS)
Report('eplan', 'monitoring', 'รายงานการติดตามโครงการตามแผนพัฒนาท้องถิ่น', _with_deadline(monitoring), VIEW,
       params=(YEAR,), help='งบตามแผน ข้อบัญญัติ ก่อหนี้ผูกพัน เบิกจ่าย และความก้าวหน้ารายโครงการ',
       signers=PLAN_SIGNERS)
Report('eplan', 'evaluation', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามยุทธศาสตร์)',
       _with_deadline(lambda actor, year: evaluation(actor, year, 'ยุทธศาสตร์')), VIEW, params=(YEAR,),
       help='โครงการที่แล้วเสร็จและการเบิกจ่ายเทียบแผน แยกตามยุทธศาสตร์', signers=PLAN_SIGNERS)
Report('eplan', 'evaluation_division', 'รายงานผลการประเมินผลแผนพัฒนาท้องถิ่น (ตามหน่วยงาน)',
       _with_deadline(lambda actor, year: evaluation(actor, year, 'หน่วยงานรับผิดชอบ')), VIEW, params=(YEAR,),
       help='โครงการที่แล้วเสร็จและการเบิกจ่ายเทียบแผน แยกตามหน่วยงาน', signers=PLAN_SIGNERS)

def projects_done(actor: Principal, year: int) -> tuple[int, int]:
    """(projects done, projects planned) of fiscal `year`, as the evaluation report counts them."""
    rows = monitoring(actor, year)
    return (0, 0) if rows.empty else (int((rows['สถานะ'] == PROGRESS_STATES['done']).sum()), len(rows))


for _name, _reader in (('monitoring', monitoring), ('active_year', service.active_year),
                       ('monitoring_due', service.monitoring_due), ('projects_done', projects_done)):
    register_reader(_name, _reader)
