"""The report kit: a report is declared once — its parameters, a build (actor, **parameters) → (DataFrame, subtitle),
its permission and PDF layout — and every report gets the same screen table, Excel workbook and Thai PDF.

Apps declare their reports in their `reports.py` (imported at start by `apps/__init__.py`); declaring a report makes
it known here, as declaring a Resource does. The generic page (`pages/reports.py`) asks `report_form` for the
parameter widgets, shows `report_table` (or, for a report that declares `Paging`, `report_page` one page at a time)
off the event loop, and makes the files with `export` in a worker process.

A long report (the general ledger: tens of thousands of lines) declares how it is read a page at a time: a function
giving the rows of one page (offset, limit) and one giving their count and totals, both in SQL. Its screen then
never holds more than a page; the full rows are built only for the Excel and PDF files.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pandas as pd

from core import db
from core.access import Principal, require
from core.errors import ValidationFailed
from core.reports import Column, to_pdf, to_xlsx
from core.signers import Signer, seat_signer
from core.thai import parse_be_date
from models.org import Organization

ParamKind = Literal['select', 'int', 'date']
Choices = Callable[[Principal], dict[Any, str]]
Layout = Sequence[Column] | Callable[[pd.DataFrame], Sequence[Column]]


@dataclass(frozen=True)
class Param:
    """One input of a report: the page shows a widget for it (marker `report-<name>`), the address may carry it
    (`?<name>=<value>`) and the build receives it as the keyword `name`."""

    name: str
    label: str  # Thai
    kind: ParamKind = 'select'
    default: Any = None  # a value, or fn(actor) -> value
    choices: Choices | None = None  # a select's options for this actor: value -> Thai text
    searchable: bool = False  # a long select the user types into (e.g. the chart of accounts)

    def default_for(self, actor: Principal) -> Any:
        return self.default(actor) if callable(self.default) else self.default


@dataclass(frozen=True)
class Summary:
    """What a paged report's rows are of, how many there are and their totals (column -> value), from SQL."""

    of: str
    count: int
    totals: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Paging:
    """How a long report is read on the server one page at a time (the screen); Excel and PDF take every row."""

    rows: Callable[..., pd.DataFrame]  # (actor, offset, limit, **parameters) -> one page of rows, in report order
    summary: Callable[..., Summary]  # (actor, **parameters) -> what they are of, their count and totals
    per_page: int = 100


@dataclass(frozen=True)
class Report:
    """A standard report of an app: rows built for the actor from the parameters, then screen, Excel and PDF."""

    app: str
    key: str
    title: str  # Thai, printed as the heading
    build: Callable[..., tuple[pd.DataFrame, str]]  # (actor, **parameters) -> (rows, what they are of)
    permission: str
    help: str = ''  # one Thai line for the app's report index
    params: tuple[Param, ...] = ()
    landscape: bool = True
    pdf_columns: Layout | None = None  # the printed columns (an official form's widths); default: every column
    pdf_frame: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # the printed table from the rows, if it differs
    font_size: float | None = None  # the PDF's largest table font (stepped down until the table fits)
    paging: Paging | None = None  # a long report's screen, a page at a time; default: the whole table
    groups: tuple[str, ...] = ()  # columns the PDF prints as heading rows over their rows (outer level first)
    signers: tuple[tuple[str, str], ...] = ()  # who signs the PDF: (role printed, seat code), e.g. ('ผู้จัดทำ', 'CHIEF')
    tight: bool = False  # closer cell sides: a form of many number columns (ผ.01's twelve) keeps its font size

    def __post_init__(self) -> None:
        REPORTS[self.ident] = self  # declaring a report makes it known to the report pages

    @property
    def ident(self) -> str:
        return f'{self.app}/{self.key}'

    @property
    def path(self) -> str:
        return f'/{self.app}/reports/{self.key}'


REPORTS: dict[str, Report] = {}  # 'app/key' -> report, in the order declared


def reports_of(app: str, actor: Principal | None = None) -> list[Report]:
    """An app's reports in the order declared (only those the actor may see, given an actor)."""
    return [r for r in REPORTS.values() if r.app == app and (actor is None or actor.can(r.permission))]


@dataclass(frozen=True)
class ReportForm:
    """What the report page asks for: each select's options and each parameter's starting value."""

    choices: dict[str, dict[Any, str]]
    values: dict[str, Any]


@dataclass(frozen=True)
class ReportTable:
    """A report's rows and its subtitle (what they are of, and the LAO), as screen, Excel and PDF show them."""

    frame: pd.DataFrame
    subtitle: str
    params: dict[str, Any] = field(default_factory=dict)
    of: str = ''  # what the rows are of (the period), without the LAO
    org_id: int | None = None
    org_name: str = ''


@dataclass(frozen=True)
class ReportPage:
    """One page of a paged report as the screen shows it: its rows, the subtitle, the parameters and the summary."""

    frame: pd.DataFrame
    subtitle: str
    params: dict[str, Any]
    summary: Summary
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _choices(report: Report, actor: Principal) -> dict[str, dict[Any, str]]:
    return {p.name: p.choices(actor) for p in report.params if p.kind == 'select' and p.choices is not None}


def _clean(param: Param, raw: Any, actor: Principal, options: dict[Any, str] | None) -> Any:
    """One parameter's value from a widget or the address; a select falls back to its default, a bad number or
    date is refused in Thai."""
    if param.kind == 'select':
        if options is None or raw in options:
            return raw
        by_text = {str(value): value for value in options}
        return by_text.get(str(raw), param.default_for(actor))
    if raw is None or raw == '':
        return param.default_for(actor)
    if param.kind == 'int':
        try:
            return int(float(raw))
        except (TypeError, ValueError, OverflowError):
            raise ValidationFailed({param.name: f'{param.label}: ต้องเป็นตัวเลข'}) from None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        pass
    try:
        return parse_be_date(str(raw))
    except ValueError as error:
        raise ValidationFailed({param.name: f'{param.label}: {error}'}) from error


def report_form(report: Report, actor: Principal, given: Mapping[str, Any] | None = None) -> ReportForm:
    """The choices of the report's selects and each parameter's value: as given (e.g. the address's query), else
    its default."""
    require(actor, report.permission, where=report.ident)
    choices = _choices(report, actor)
    values = {}
    for param in report.params:
        raw = (given or {}).get(param.name)
        try:
            values[param.name] = (param.default_for(actor) if raw is None
                                  else _clean(param, raw, actor, choices.get(param.name)))
        except ValidationFailed:
            values[param.name] = param.default_for(actor)  # a mistyped address opens on the default
    return ReportForm(choices, values)


def _values(report: Report, actor: Principal, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The build's parameters: those given, checked; the missing ones take their default."""
    require(actor, report.permission, where=report.ident)
    choices = _choices(report, actor)
    given = params or {}
    return {p.name: _clean(p, given[p.name], actor, choices.get(p.name)) if p.name in given
            else p.default_for(actor) for p in report.params}


def _org_name(actor: Principal) -> str:
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
        return org.name if org else ''


def _subtitle(of: str, org_name: str) -> str:
    return ' · '.join(part for part in (of, org_name) if part)


def report_table(report: Report, actor: Principal, params: Mapping[str, Any] | None = None) -> ReportTable:
    """Build the report for the actor: parameters checked (missing ones take their default), then the rows; the
    subtitle names what the rows are of and the LAO."""
    values = _values(report, actor, params)
    df, of = report.build(actor, **values)
    org_name = _org_name(actor)
    return ReportTable(df, _subtitle(of, org_name), values, of, actor.org_id, org_name)


def report_page(report: Report, actor: Principal, params: Mapping[str, Any] | None = None, page: int = 1,
                per_page: int | None = None, summary: Summary | None = None) -> ReportPage:
    """One page of a paged report (its summary computed unless the page already holds it for these parameters)."""
    if report.paging is None:
        raise ValueError(f'{report.ident} is not paged')
    values = _values(report, actor, params)
    summary = summary or report.paging.summary(actor, **values)
    per_page = max(int(per_page or report.paging.per_page), 1)
    page = min(max(int(page), 1), max((summary.count + per_page - 1) // per_page, 1))
    rows = report.paging.rows(actor, (page - 1) * per_page, per_page, **values)
    return ReportPage(rows, _subtitle(summary.of, _org_name(actor)), values, summary, page, per_page)


def report_xlsx(report: Report, table: ReportTable) -> bytes:
    """The report as an Excel workbook: one sheet named by the report, its title and subtitle above the table."""
    return to_xlsx([(report.title, table.frame)], title=f'{report.title} — {table.subtitle}')


def signatures(report: Report, org_id: int | None) -> list[tuple[str, Signer]]:
    """The report's signers as printed: each declared seat's holder now (a vacant seat prints its title over a
    dotted line); a seat this LAO does not have is left out."""
    if org_id is None or not report.signers:
        return []
    with db.session_scope() as session:
        found = [(role, seat_signer(session, org_id, seat)) for role, seat in report.signers]
    return [(role, signer) for role, signer in found if signer is not None]


def report_pdf(report: Report, table: ReportTable, thai_digits: bool = False) -> bytes:
    """The report as an official A4 PDF in the bundled Thai font, in the report's layout: the LAO, the title and
    the period on top, the signatures its form asks for below."""
    frame = report.pdf_frame(table.frame) if report.pdf_frame else table.frame
    layout = report.pdf_columns
    columns = layout(frame) if callable(layout) else layout
    return to_pdf(frame, report.title, landscape=report.landscape, thai_digits=thai_digits, columns=columns,
                  font_size=report.font_size, org_name=table.org_name, period=table.of, groups=report.groups,
                  signatures=signatures(report, table.org_id), tight=report.tight)


def export(ident: str, actor: Principal, params: Mapping[str, Any], kind: Literal['xlsx', 'pdf'],
           thai_digits: bool = False) -> bytes:
    """The report's file, built from scratch: what the page runs in a worker process (`run.cpu_bound`), so neither
    the rows of a long report nor the PDF's text shaping hold the server's interpreter. Everything it takes is
    plain data (a report holds functions, so it is named by its ident and looked up here)."""
    report = REPORTS[ident]
    table = report_table(report, actor, params)
    return report_xlsx(report, table) if kind == 'xlsx' else report_pdf(report, table, thai_digits)


def file_name(report: Report, extension: str, on: date) -> str:
    return f'{report.app}-{report.key}-{on.isoformat()}.{extension}'
