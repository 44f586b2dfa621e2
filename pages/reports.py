"""The report pages of every app, built from the declarations in core/report.py: an index per app and one page per
report — its parameters as widgets, the table, Excel and PDF. Nothing of a report is made on the event loop: the
rows and the screen table in a thread (a paged report's one page at a time, as the list pages), the files in a
worker process (run.cpu_bound: a long PDF's text shaping in a thread would hold the interpreter), with a progress
notice when a file takes more than two seconds."""

import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlencode

import pandas as pd
from fastapi.responses import RedirectResponse
from nicegui import events, run, ui

from core import db
from core.errors import Refusal
from core.report import (
    REPORTS,
    Param,
    Report,
    ReportForm,
    ReportPage,
    ReportTable,
    Summary,
    export,
    file_name,
    report_form,
    report_page,
    report_table,
    reports_of,
)
from core.reports import screen_table
from core.thai import format_date, format_money, today
from pages.layout import Viewer, frame, page
from pages.selects import LongSelect

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
ROWS_PER_PAGE = 100
PAGE_SIZES = [50, 100, 200]  # a paged report's choices (no "all": the point is not to send every row)
PROGRESS_AFTER = 2.0  # seconds before a file being made shows its progress notice
FILE_KINDS = {'xlsx': 'Excel', 'pdf': 'PDF'}
Shown = tuple[list[dict], list[dict]]


def show_table(df: pd.DataFrame, rows_per_page: int = 50, shown: Shown | None = None):
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
    def load(principal, query: dict[str, str]) -> tuple[ReportForm, Any]:
        return _opening(report, principal, query)

    @page(report.path, report.permission, report.title, load=load)
    async def report_page(viewer: Viewer, opened: tuple[ReportForm, Any], query: dict[str, str]) -> None:
        await _report_page(viewer, report, *opened)


def _input(param: Param, value: Any, choices: dict[Any, str] | None) -> ui.element:
    """The widget of one parameter (marker report-<name>)."""
    if param.kind == 'select':
        element = LongSelect(choices or {}, value=value, label=param.label, searchable=param.searchable).props(
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


def _build(report: Report, actor, values: Mapping[str, Any]) -> tuple[ReportTable, Shown]:
    """The report's rows and their screen form, in one go off the event loop."""
    table = report_table(report, actor, values)
    return table, screen_table(table.frame)


def _made(report: Report, actor, values: Mapping[str, Any]) -> tuple[ReportTable | ReportPage, Shown]:
    """What the page shows of the report for these parameters: its first page when paged, else its whole table."""
    return _page(report, actor, values) if report.paging else _build(report, actor, values)


def _opening(report: Report, actor, query: Mapping[str, str]) -> tuple[ReportForm, Any]:
    """The page's one trip: the form (choices and values from the address) and what it shows first, or the
    refusal to show it."""
    form = report_form(report, actor, query)
    try:
        return form, _made(report, actor, form.values)
    except Refusal as error:
        return form, error


def _page(report: Report, actor, values: Mapping[str, Any], page: int = 1, per_page: int | None = None,
          summary: Summary | None = None) -> tuple[ReportPage, Shown]:
    """One page of a paged report and its screen form, in one go off the event loop."""
    shown = report_page(report, actor, values, page, per_page, summary)
    return shown, screen_table(shown.frame, sortable=False, first_id=shown.offset)


def _export_in_worker(ident: str, actor, params: Mapping[str, Any], kind: Literal['xlsx', 'pdf'],
                      thai_digits: bool) -> bytes:
    """core.report.export in a worker process; a worker started fresh (spawn, forkserver) registers the apps' reports
    first, one forked from the server has them already."""
    import apps  # noqa: F401  (registers every app's reports in this process)
    with db.tenant(actor.tenant):  # the worker process serves other users' calls next: set and cleared per call
        return export(ident, actor, params, kind, thai_digits)


def _total_text(name: str, value: Any) -> str:
    return f'{name} {format_money(value) if isinstance(value, Decimal) else value}'


def _paged_table(report: Report, actor, first: ReportPage, shown: Shown) -> None:
    """A paged report's table in the page being built: server-side pagination as the list pages have it (the count
    above, Quasar asking for each page), the totals from SQL under it."""
    summary = first.summary
    ui.label(f'ทั้งหมด {summary.count:,} รายการ').classes('text-sm text-slate-600').mark('report-count')
    columns, rows = shown
    table = ui.table(columns=columns, rows=rows, row_key='id', pagination={
        'rowsPerPage': first.per_page, 'page': first.page, 'rowsNumber': summary.count,
    }).props('flat bordered dense wrap-cells').classes('w-full').mark('report-table')
    # a list, not the text "[50,100,200]" a props string would give (Quasar maps over it)
    table.props['rows-per-page-options'] = sorted({*PAGE_SIZES, first.per_page})
    if summary.totals:
        ui.label('รวม ' + ' · '.join(_total_text(name, value) for name, value in summary.totals.items())).classes(
            'text-sm font-medium').mark('report-totals')

    async def on_request(e: events.GenericEventArguments) -> None:
        wanted = {**table.pagination, **e.args['pagination']}
        page, (_, rows) = await run.io_bound(_page, report, actor, first.params, wanted.get('page', 1),
                                             wanted.get('rowsPerPage'), summary)
        table.rows = rows
        table.pagination = {**wanted, 'page': page.page, 'rowsPerPage': page.per_page, 'rowsNumber': summary.count}

    table.on('request', on_request)


def _progress(what: str) -> Callable[[], None]:
    """Past PROGRESS_AFTER seconds, a notice with a spinner and the seconds so far (marker report-progress);
    returns what ends it."""
    started = time.monotonic()
    notice: list[ui.notification] = []

    def tick() -> None:
        elapsed = time.monotonic() - started
        if elapsed < PROGRESS_AFTER:
            return
        text = f'กำลังสร้างไฟล์ {what} … {elapsed:.0f} วินาที'
        if notice:
            notice[0].message = text
        else:
            notice.append(ui.notification(text, spinner=True, timeout=None, type='ongoing').mark('report-progress'))

    timer = ui.timer(0.5, tick)

    def done() -> None:
        timer.cancel()
        for shown in notice:
            shown.delete()

    return done


async def _report_page(viewer: Viewer, report: Report, form: ReportForm, first: Any) -> None:
    actor = viewer.principal
    state: dict[str, Any] = {'params': None, 'asked': 0}
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

        def draw(result: Any) -> None:
            if isinstance(result, Refusal):
                state['params'] = None
                box.clear()
                with box:
                    ui.label(str(result)).classes('text-red-700').mark('report-refused')
                return
            made, shown = result
            state['params'] = made.params
            box.clear()
            with box:
                ui.label(made.subtitle).classes('text-slate-600').mark('report-subtitle')
                if made.frame.empty:
                    ui.label('ไม่มีข้อมูล').mark('report-empty')
                if isinstance(made, ReportPage):
                    _paged_table(report, actor, made, shown)
                else:
                    show_table(made.frame, ROWS_PER_PAGE, shown).mark('report-table')

        async def refresh() -> None:
            state['asked'] += 1
            asked = state['asked']
            try:
                result = await run.io_bound(_made, report, actor, chosen())
            except Refusal as error:
                result = error
            if asked == state['asked']:  # else a newer choice is being built: this one is out of date
                draw(result)

        async def download(kind: Literal['xlsx', 'pdf'], button: ui.button) -> None:
            params = state['params']
            if params is None:
                return
            button.disable()
            button.props('loading')
            done = _progress(FILE_KINDS[kind])
            try:
                content = await run.cpu_bound(_export_in_worker, report.ident, actor, params, kind, bool(thai.value))
            finally:
                done()
                button.props(remove='loading')
                button.enable()
            if content is not None:  # None: the server is stopping
                ui.download.content(content, file_name(report, kind, today()),
                                    XLSX if kind == 'xlsx' else 'application/pdf')

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
        draw(first)
