"""The report kit (core/report.py): every registered report builds for the demo LAO and exports to Excel and PDF;
parameters are read from the address or a widget, defaulted, and refused in Thai when they cannot be read."""

from datetime import date
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from core import report as kit
from core.access import Principal
from core.demo import PEOPLE
from core.errors import Denied, ValidationFailed
from core.report import REPORTS, Param, Report, report_form, report_pdf, report_table, report_xlsx, reports_of
from helpers import principal


def allowed(report: Report) -> Principal:
    """The first demo persona who may see the report."""
    for person in PEOPLE:
        actor = principal(person.username)
        if actor.can(report.permission):
            return actor
    raise AssertionError(f'no demo persona may see {report.ident}')


def test_the_apps_register_their_reports() -> None:
    assert {r.key for r in reports_of('elaas')} == {'remaining', 'trial-balance', 'ledger', 'cash-book', 'revenue',
                                                     'expenditure', 'personnel', 'withholding', 'cash-position'}
    assert [r.key for r in reports_of('eplan')][:3] == ['p01', 'p02', 'p03']
    assert all(r.help for r in REPORTS.values())
    assert reports_of('elaas', principal('teacher')) == []


@pytest.mark.parametrize('ident', list(REPORTS))
def test_every_report_builds_for_the_demo_and_exports(ident: str) -> None:
    report = REPORTS[ident]
    actor = allowed(report)
    table = report_table(report, actor)
    assert isinstance(table.frame, pd.DataFrame) and len(table.frame.columns)
    assert table.subtitle.endswith('องค์การบริหารส่วนตำบลบ้านตัวอย่าง')
    assert set(table.params) == {p.name for p in report.params}
    sheet = load_workbook(BytesIO(report_xlsx(report, table))).active
    assert sheet['A1'].value == f'{report.title} — {table.subtitle}'
    assert [cell.value for cell in sheet[3]] == [str(c) for c in table.frame.columns]
    assert report_pdf(report, table).startswith(b'%PDF')


def test_the_demo_reports_have_rows() -> None:
    for ident in ('elaas/remaining', 'elaas/trial-balance', 'elaas/personnel', 'eplan/p01', 'eplan/p02',
                  'eplan/action', 'eplan/monitoring'):
        report = REPORTS[ident]
        assert len(report_table(report, allowed(report)).frame), ident


@pytest.fixture
def sample(monkeypatch) -> Report:
    """A throw-away report with one parameter of each kind (kept out of the apps' registry)."""
    monkeypatch.setattr(kit, 'REPORTS', dict(REPORTS))

    def build(actor: Principal, fy: int, count: int, on: date) -> tuple[pd.DataFrame, str]:
        return pd.DataFrame({'ปี': [fy], 'จำนวน': [count], 'วันที่': [on]}), f'ปีงบประมาณ {fy}'

    return Report('test', 'sample', 'รายงานทดสอบ', build, 'elaas.report.view', help='ทดสอบ', params=(
        Param('fy', 'ปีงบประมาณ', choices=lambda actor: {2569: '2569', 2570: '2570'}, default=2570),
        Param('count', 'จำนวน', 'int', default=lambda actor: 3),
        Param('on', 'วันที่', 'date', default=date(2026, 1, 5)),
    ))


def test_parameters_come_from_the_address_or_their_defaults(sample: Report) -> None:
    actor = principal('accountant')
    assert kit.REPORTS['test/sample'] is sample
    form = report_form(sample, actor, {'fy': '2569', 'count': '7', 'on': '5/1/2569'})
    assert form.choices == {'fy': {2569: '2569', 2570: '2570'}}
    assert form.values == {'fy': 2569, 'count': 7, 'on': date(2026, 1, 5)}
    # a value not offered, or one that cannot be read, opens the report on the default
    assert report_form(sample, actor, {'fy': '1999', 'count': 'x', 'on': '2026-02-01'}).values == {
        'fy': 2570, 'count': 3, 'on': date(2026, 2, 1)}
    table = report_table(sample, actor, {'count': 4.0})
    assert table.params == {'fy': 2570, 'count': 4, 'on': date(2026, 1, 5)}
    assert table.frame.iloc[0].tolist() == [2570, 4, date(2026, 1, 5)]


def test_a_parameter_that_cannot_be_read_is_refused_in_thai(sample: Report) -> None:
    actor = principal('accountant')
    with pytest.raises(ValidationFailed) as refused:
        report_table(sample, actor, {'on': '31/2/2569'})
    assert refused.value.errors['on'].startswith('วันที่: ')
    with pytest.raises(ValidationFailed, match='จำนวน: ต้องเป็นตัวเลข'):
        report_table(sample, actor, {'count': 'สิบ'})


def test_a_report_needs_its_permission(sample: Report) -> None:
    with pytest.raises(Denied):
        report_table(sample, principal('teacher'))
    with pytest.raises(Denied):
        report_form(sample, principal('teacher'))


def test_a_report_is_signed_by_the_seats_it_declares(monkeypatch) -> None:
    """The signers are whoever holds the declared seats now; a seat this LAO lacks is left out."""
    monkeypatch.setattr(kit, 'REPORTS', dict(REPORTS))
    report = Report('test', 'signed', 'รายงานทดสอบ', lambda actor: (pd.DataFrame({'ก': [1]}), ''), 'elaas.report.view',
                    help='ทดสอบ', signers=(('ผู้จัดทำ', 'ACCOUNTANT'), ('ผู้ตรวจสอบ', 'NO_SUCH_SEAT'),
                                           ('ผู้อนุมัติ', 'CHIEF')))
    table = report_table(report, principal('accountant'))
    assert table.org_name == 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง' and table.of == ''
    signed = kit.signatures(report, table.org_id)
    assert [(role, signer.name) for role, signer in signed] == [('ผู้จัดทำ', 'นางสาวนิภา บุญประเสริฐ'),
                                                               ('ผู้อนุมัติ', 'นางสุนีย์ วงศ์ใหญ่')]
    assert signed[1][1].position == 'ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง'


def test_the_printed_table_may_differ_from_the_screens() -> None:
    """The remaining budget prints a heading per งาน (with its division) and ประเภท with its item in one column."""
    report = REPORTS['elaas/remaining']
    table = report_table(report, allowed(report))
    printed = report.pdf_frame(table.frame)
    assert len(printed) == len(table.frame) and 'หน่วยงาน' not in printed and 'โครงการ' not in printed
    first = table.frame.iloc[0]
    assert printed['งาน'][0] == f'{first["งาน"]} · {first["หน่วยงาน"]}'
    differs = table.frame[table.frame['ประเภท'] != table.frame['โครงการ']].index[0]
    assert printed['ประเภท: โครงการ'][differs] == (f'{table.frame["ประเภท"][differs]}: '
                                                  f'{table.frame["โครงการ"][differs]}')


def test_p02_prints_under_its_strategy_and_program_headings() -> None:
    """ผ.02 on paper: projects grouped by ยุทธศาสตร์ then แผนงาน, numbered from 1 in each แผนงาน, '-' for a year
    without budget, the official columns in order."""
    from apps.eplan.reports import p02_layout, p02_printed
    report = REPORTS['eplan/p02']
    frame = report_table(report, principal('planner')).frame
    printed = p02_printed(frame)
    assert sorted(printed['โครงการ']) == sorted(frame['โครงการ'])
    assert all(value.startswith('ยุทธศาสตร์') for value in printed['ยุทธศาสตร์'])
    runs = (printed[['ยุทธศาสตร์', 'แผนงาน']] != printed[['ยุทธศาสตร์', 'แผนงาน']].shift()).any(axis=1).cumsum()
    assert printed.groupby(runs)['ที่'].apply(list).map(lambda n: n == list(range(1, len(n) + 1))).all()
    assert len(set(runs)) == len(printed[['ยุทธศาสตร์', 'แผนงาน']].drop_duplicates())  # each group printed once
    columns = p02_layout(printed)
    assert [c['key'] for c in columns][:4] == ['ที่', 'โครงการ', 'วัตถุประสงค์', 'เป้าหมาย (ผลผลิตของโครงการ)']
    assert [c['label'] for c in columns if c.get('zero') == '-'] == [f'{year}\n(บาท)' for year in range(2566, 2571)]
    assert report.groups == ('ยุทธศาสตร์', 'แผนงาน')
