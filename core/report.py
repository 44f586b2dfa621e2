"""The report kit: a report is declared once — its parameters, a build (actor, **parameters) → (DataFrame, subtitle),
its permission and PDF layout — and every report gets the same screen table, Excel workbook and Thai PDF.

Apps declare their reports in their `reports.py` (imported at start by `apps/__init__.py`); declaring a report makes
it known here, as declaring a Resource does. The generic page (`pages/reports.py`) asks `report_form` for the
parameter widgets and runs `report_table`, `report_xlsx` and `report_pdf` off the event loop.
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
    font_size: float | None = None  # the PDF's table font; default: stepped down until the table fits

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


def report_table(report: Report, actor: Principal, params: Mapping[str, Any] | None = None) -> ReportTable:
    """Build the report for the actor: parameters checked (missing ones take their default), then the rows; the
    subtitle names what the rows are of and the LAO."""
    require(actor, report.permission, where=report.ident)
    choices = _choices(report, actor)
    given = params or {}
    values = {p.name: _clean(p, given[p.name], actor, choices.get(p.name)) if p.name in given
              else p.default_for(actor) for p in report.params}
    df, of = report.build(actor, **values)
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
    subtitle = ' · '.join(part for part in (of, org.name if org else '') if part)
    return ReportTable(df, subtitle, values)


def report_xlsx(report: Report, table: ReportTable) -> bytes:
    """The report as an Excel workbook: one sheet named by the report, its title and subtitle above the table."""
    return to_xlsx([(report.title, table.frame)], title=f'{report.title} — {table.subtitle}')


def report_pdf(report: Report, table: ReportTable, thai_digits: bool = False) -> bytes:
    """The report as an official A4 PDF in the bundled Thai font, in the report's layout."""
    layout = report.pdf_columns
    columns = layout(table.frame) if callable(layout) else layout
    return to_pdf(table.frame, report.title, table.subtitle, landscape=report.landscape, thai_digits=thai_digits,
                  columns=columns, font_size=report.font_size)


def file_name(report: Report, extension: str, on: date) -> str:
    return f'{report.app}-{report.key}-{on.isoformat()}.{extension}'
