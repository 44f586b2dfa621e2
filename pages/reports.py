"""The report pages of every app, built from the declarations in core/report.py: an index per app and one page per
report — its parameters as widgets, the table, Excel and PDF. The rows, the screen table and both files are made
off the event loop."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from fastapi.responses import RedirectResponse
from nicegui import run, ui

from core.errors import Refusal
from core.report import (
    REPORTS,
    Param,
    Report,
    ReportTable,
    file_name,
    report_form,
    report_pdf,
    report_table,
    report_xlsx,
    reports_of,
)
from core.reports import screen_table
from core.thai import format_date, today
from pages.layout import Viewer, frame, page

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
ROWS_PER_PAGE = 100


def show_table(df: pd.DataFrame, rows_per_page: int = 50, shown: tuple[list[dict], list[dict]] | None = None):
    """A DataFrame as a table in the page being built (`shown`: its screen_table, when made off the event loop)."""
    columns, rows = shown or screen_table(df)
    return ui.table(columns=columns, rows=rows, row_key='id', pagination=rows_per_page).props(
        'flat bordered dense wrap-cells').classes('w-full')


def register_reports(app: str, permission: str, title: str) -> None:
    """The app's report index at /<app>/reports and a page per declared report at /<app>/reports/<key>.

    The index also takes the older address of a report, /<app>/reports?report=<key>&…, and leads to its page."""

    @page(f'/{app}/reports', permission, title)
    async def index(viewer: Viewer):
        query = dict(ui.context.client.request.query_params)
        report = REPORTS.get(f'{app}/{query.pop("report", "")}')
        if report is not None:
            return RedirectResponse(report.path + (f'?{urlencode(query)}' if query else ''))
        with frame(viewer, title):
            for shown in reports_of(app, viewer.principal):
                with ui.row().classes('items-baseline gap-2'):
                    ui.link(shown.title, shown.path).classes('text-base font-medium').mark(f'report-link-{shown.key}')
                    ui.label(shown.help).classes('text-sm text-slate-600')
        return None

    for report in reports_of(app):
        _register(report)


def _register(report: Report) -> None:
    @page(report.path, report.permission, report.title)
    async def report_page(viewer: Viewer) -> None:
        await _report_page(viewer, report, dict(ui.context.client.request.query_params))


def _input(param: Param, value: Any, choices: dict[Any, str] | None) -> ui.element:
    """The widget of one parameter (marker report-<name>)."""
    if param.kind == 'select':
        element = ui.select(choices or {}, value=value, label=param.label, with_input=param.searchable).props(
            'outlined dense options-dense').classes('w-96' if param.searchable else 'w-48')
    elif param.kind == 'int':
        element = ui.number(param.label, value=value, format='%d', step=1).props(
            'outlined dense debounce=600').classes('w-36')
    else:
        element = ui.input(param.label, value=format_date(value, 'numeric') if value else '',
                           placeholder='วว/ดด/ปปปป').props('outlined dense debounce=600').classes('w-56')
    return element.mark(f'report-{param.name}')


def _address_text(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _build(report: Report, actor, values: Mapping[str, Any]) -> tuple[ReportTable, tuple[list[dict], list[dict]]]:
    """The report's rows and their screen form, in one go off the event loop."""
    table = report_table(report, actor, values)
    return table, screen_table(table.frame)


async def _report_page(viewer: Viewer, report: Report, query: dict[str, str]) -> None:
    actor = viewer.principal
    form = await run.io_bound(report_form, report, actor, query)
    state: dict[str, Any] = {'table': None, 'asked': 0}
    with frame(viewer, report.title):
        if report.help:
            ui.label(report.help).classes('text-sm text-slate-600 -mt-3')
        with ui.row().classes('w-full items-end gap-3'):
            which = ui.select({r.key: r.title for r in reports_of(report.app, actor)}, value=report.key,
                              label='รายงาน').props('outlined dense').classes('w-96').mark('report-which')
            inputs = {p.name: _input(p, form.values[p.name], form.choices.get(p.name)) for p in report.params}
            thai = ui.checkbox('เลขไทย (PDF)').mark('report-thai')
        with ui.row().classes('gap-2'):
            show = ui.button('แสดงรายงาน', icon='refresh').props('outline').mark('report-show')
            excel = ui.button('Excel', icon='download').props('outline').mark('report-xlsx report-excel')
            pdf = ui.button('PDF', icon='picture_as_pdf').props('outline').mark('report-pdf')
        box = ui.column().classes('w-full').mark(f'report-{report.key}')

        def chosen() -> dict[str, Any]:
            return {name: element.value for name, element in inputs.items()}

        async def refresh() -> None:
            state['asked'] += 1
            asked = state['asked']
            try:
                table, shown = await run.io_bound(_build, report, actor, chosen())
            except Refusal as error:
                if asked == state['asked']:
                    state['table'] = None
                    box.clear()
                    with box:
                        ui.label(str(error)).classes('text-red-700').mark('report-refused')
                return
            if asked != state['asked']:  # a newer choice is being built: this one is out of date
                return
            state['table'] = table
            box.clear()
            with box:
                ui.label(table.subtitle).classes('text-slate-600').mark('report-subtitle')
                if table.frame.empty:
                    ui.label('ไม่มีข้อมูล').mark('report-empty')
                show_table(table.frame, ROWS_PER_PAGE, shown).mark('report-table')

        async def download(kind: str, button: ui.button) -> None:
            table = state['table']
            if table is None:
                return
            button.disable()
            try:
                if kind == 'xlsx':
                    content = await run.io_bound(report_xlsx, report, table)
                    ui.download.content(content, file_name(report, 'xlsx', today()), XLSX)
                else:
                    ui.notify('กำลังสร้าง PDF …')
                    content = await run.io_bound(report_pdf, report, table, bool(thai.value))
                    ui.download.content(content, file_name(report, 'pdf', today()), 'application/pdf')
            finally:
                button.enable()

        def open_other() -> None:
            """Another report of the app, on the parameters chosen here that it also takes."""
            query = {name: _address_text(value) for name, value in chosen().items() if value not in (None, '')}
            target = REPORTS[f'{report.app}/{which.value}']
            ui.navigate.to(target.path + (f'?{urlencode(query)}' if query else ''))

        show.on_click(refresh)
        excel.on_click(lambda: download('xlsx', excel))
        pdf.on_click(lambda: download('pdf', pdf))
        which.on_value_change(open_other)
        for element in inputs.values():
            element.on_value_change(refresh)
        await refresh()
