"""DataFrame -> Excel workbook, official A4 PDF (bundled Thai font) and plotly bar chart.

The libraries that make the files are imported when the first file is made, not at start (issue 13: fpdf2 with
PIL, openpyxl and plotly were a fifth of the server's start).
"""

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import pandas as pd

from core.pdf import BODY_SIZE, FONT_FAMILY, SMALL_SIZE, TITLE_SIZE, thai_pdf
from core.thai import format_date, format_datetime, format_money, local_zone, now, thai_words, to_thai_digits

if TYPE_CHECKING:  # fpdf2 (with PIL), openpyxl and plotly are imported when a file or chart is first made
    import plotly.graph_objects as go
    from fpdf import FPDF

CHART_FONT = 'Sarabun, Laksaman, sans-serif'
ZERO_WIDTH_SPACE = '\u200b'
BAR = '■'  # a cell that is a bar (ผด.02's months): on screen and in Excel the sign, on paper a shaded cell
BAR_FILL = (90, 90, 90)  # the bundled Thai font has no '■', so paper shades the cell instead
_NO_BREAK_IN_BRACKETS = re.compile(r'(?<=[(\[])\u200b|\u200b(?=[)\],.:;])')

# Excel dates: the cell holds the day (a serial number, so it sorts, filters and computes); the format shows it in the
# Buddhist era whatever the reader's own settings: [$-xxyyzzzz] is digits 01 (Western), calendar 07 (Thai Buddhist),
# locale 041E (Thai). Excel and LibreOffice both read this form; openpyxl (our import) sees a date cell.
XLSX_BE_DATE = '[$-107041E]d/m/yyyy'
XLSX_BE_DATETIME = '[$-107041E]d/m/yyyy h:mm'
XLSX_PERCENT = '0.00%'
_XLSX_FORMATS = {'money': '#,##0.00', 'int': '#,##0', 'date': XLSX_BE_DATE}
_SHEET_NAME_MAX = 31  # Excel's limit
# Top, right, bottom, left in mm: Thai stacks tone marks above vowels, so the top needs the most room.
_CELL_PADDING = (1.2, 1.5, 0.6, 1.5)
_DEFAULT_ALIGN = {'text': 'L', 'money': 'R', 'int': 'R', 'date': 'C'}

Kind = Literal['text', 'money', 'int', 'date']


class Column(TypedDict, total=False):
    """A PDF table column; only key is required, the rest is inferred from the data."""

    key: str
    label: str
    width: float
    align: Literal['L', 'R', 'C']
    kind: Kind


def breakable(text: str) -> str:
    """Text with zero-width spaces between Thai words, so fpdf2 wraps lines between words, not inside them."""
    joined = ''.join(
        part if part.isspace() else ZERO_WIDTH_SPACE.join(thai_words(part)) for part in re.split(r'(\s+)', text) if part
    )
    return _NO_BREAK_IN_BRACKETS.sub('', joined)  # '(บาท)' stays whole


def infer_kind(series: pd.Series) -> Kind:
    """Column kind from its data: Decimals and floats are money, dates and timestamps are dates."""
    if pd.api.types.is_bool_dtype(series):
        return 'text'
    if pd.api.types.is_integer_dtype(series):
        return 'int'
    if pd.api.types.is_float_dtype(series) or _all_instances(series, Decimal):
        return 'money'
    if pd.api.types.is_datetime64_any_dtype(series) or _all_instances(series, date):
        return 'date'
    return 'text'


def _all_instances(series: pd.Series, cls: type) -> bool:
    values = series.dropna()
    return len(values) > 0 and all(isinstance(value, cls) for value in values)


def _display_width(text: str) -> int:
    """Width in character cells: Thai vowels and tone marks above or below a consonant take none."""
    return sum(1 for char in text if unicodedata.category(char) != 'Mn')


def format_cell(value: Any, kind: Kind, thai_digits: bool = False) -> str:
    """One table value as printed: money by format_money, dates in Buddhist era, missing values blank."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ''
    if kind == 'money':
        return format_money(value, thai_digits)
    if kind == 'date':
        return format_date(value, 'short', thai_digits)
    text = f'{int(value):,}' if kind == 'int' else str(value)
    return to_thai_digits(text) if thai_digits else text


def _table_text(value: Any, kind: Kind, thai_digits: bool) -> str:
    text = format_cell(value, kind, thai_digits)
    return breakable(text) if kind == 'text' else text


def _without_timezone(series: pd.Series) -> pd.Series:
    """Timestamps with a time zone as Bangkok wall-clock time: Excel cells cannot hold a time zone."""
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert(local_zone()).dt.tz_localize(None)
    return series


def is_percent_heading(heading: Any) -> bool:
    """A column of percentages by its Thai heading: ร้อยละ…, or … (%)."""
    return str(heading).startswith('ร้อยละ') or '%' in str(heading)


def _percent_fraction(value: Any) -> Decimal | None:
    """A percentage (12.5, '12.50', Decimal) as the fraction an Excel percent cell holds (0.125); '-' or blank: None."""
    if value is None or isinstance(value, bool) or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    try:
        number = Decimal(str(value).replace(',', '').replace('%', '').strip())
    except ArithmeticError:
        return None
    return number / 100 if number.is_finite() else None


def sheet_name(title: str, taken: Collection[str] = ()) -> str:
    """A valid sheet name from a title: Excel's forbidden characters as spaces, cut at a word boundary within 31
    characters (a Thai word is never cut in half), and made unique among `taken` with ' (2)', ' (3)' …"""
    text = ' '.join(re.sub(r'[\[\]:*?/\\]', ' ', title).split()) or 'ข้อมูล'

    def shortened(limit: int) -> str:
        if len(text) <= limit:
            return text
        out = ''
        for part in re.split(r'(\s+)', text):
            for word in ([part] if part.isspace() else thai_words(part)):
                if len(out) + len(word) > limit:
                    return out.strip() or text[:limit]
                out += word
        return out.strip()

    name, n = shortened(_SHEET_NAME_MAX), 1
    while name in taken:
        n += 1
        suffix = f' ({n})'
        name = shortened(_SHEET_NAME_MAX - len(suffix)) + suffix
    return name


def _xlsx_format(series: pd.Series, kind: Kind, plain: bool) -> str | None:
    if kind == 'int' and plain:
        return '0'
    if kind == 'date' and any(isinstance(v, datetime) and (v.hour, v.minute, v.second) != (0, 0, 0)
                              for v in series.dropna()):
        return XLSX_BE_DATETIME
    return _XLSX_FORMATS.get(kind)


def to_xlsx(data: pd.DataFrame | Sequence[tuple[str, pd.DataFrame]], title: str | None = None,
            plain: Collection[str] = (), percent: Collection[str] | None = None) -> bytes:
    """Excel workbook, one sheet per DataFrame: optional title row, bold header, fitted widths, values an officer
    can compute with: money as numbers (#,##0.00), dates as date cells shown in the Buddhist era, percentages as
    numbers in percent format (0.00%).

    Columns named in `plain` are whole numbers shown without grouping (years, codes: 2570, not 2,570). Columns
    named in `percent` (by default those headed ร้อยละ… or … (%)) hold percentages as 12.5 or '12.50': written as
    the fraction 0.125, so Excel shows 12.50%; a '-' is left blank."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    sheets = [(title or 'ข้อมูล', data)] if isinstance(data, pd.DataFrame) else list(data)
    header_row = 3 if title else 1
    buffer = BytesIO()
    names: list[str] = []
    with pd.ExcelWriter(buffer, engine='openpyxl') as writer:
        for sheet_title, df in sheets:
            names.append(sheet_name(sheet_title, names))
            percents = [c for c in df.columns if (c in percent if percent is not None else is_percent_heading(c))]
            out = df.apply(_without_timezone)
            for column in percents:
                out[column] = out[column].map(_percent_fraction).astype(object)
            out.to_excel(writer, sheet_name=names[-1], index=False, startrow=header_row - 1)
            sheet = writer.sheets[names[-1]]
            if title:
                sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
            for column_number, column in enumerate(df.columns, start=1):
                sheet.cell(row=header_row, column=column_number).font = Font(bold=True)
                kind = infer_kind(df[column])
                number_format = XLSX_PERCENT if column in percents else _xlsx_format(df[column], kind,
                                                                                      column in plain)
                if number_format:
                    for (cell,) in sheet.iter_rows(
                        min_row=header_row + 1, min_col=column_number, max_col=column_number
                    ):
                        cell.number_format = number_format
                texts = [str(column), *format_column(df[column], kind)]
                width = max(_display_width(text) for text in texts) + 2
                sheet.column_dimensions[get_column_letter(column_number)].width = min(max(width, 8), 60)
            sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return buffer.getvalue()


def _wanted_width(pdf: 'FPDF', series: pd.Series, spec: Column, thai_digits: bool, size: float) -> float:
    """Width in mm that fits the column's values (up to a limit) and the longest word of its label."""
    pdf.set_font(FONT_FAMILY, '', size)
    # A sample is enough to size a column; measuring shaped text is not free.
    values = (format_cell(value, spec['kind'], thai_digits) for value in series.head(500))
    content = min(max((pdf.get_string_width(text) for text in values), default=0), 70)
    pdf.set_font(FONT_FAMILY, 'B', size)
    label = max((pdf.get_string_width(word) for word in thai_words(spec['label'])), default=0)
    return max(content, label, 8) + 2 * _CELL_PADDING[1] + 1


def _narrowest(pdf: 'FPDF', series: pd.Series, spec: Column, thai_digits: bool, size: float) -> float:
    """The least width in mm of a text column that breaks no word: its longest word (of a value or the label)."""
    pdf.set_font(FONT_FAMILY, '', size)
    texts = (format_cell(value, spec['kind'], thai_digits) for value in series.head(500))
    longest = max((pdf.get_string_width(word) for text in texts for word in thai_words(text) if not word.isspace()),
                  default=0)
    pdf.set_font(FONT_FAMILY, 'B', size)
    label = max((pdf.get_string_width(word) for word in thai_words(spec['label']) if not word.isspace()), default=0)
    return max(longest, label) + 2 * _CELL_PADDING[1] + 1


def _complete_columns(pdf: 'FPDF', df: pd.DataFrame, columns: Sequence[Column] | None, thai_digits: bool,
                      size: float = BODY_SIZE) -> list[Column]:
    """Column specs with every field set and a width in mm for each column (at font `size`).

    Numbers and dates keep the width they need; text columns, which wrap, absorb what is left or missing, but none
    narrower than its longest word: a table that cannot fit so comes out wider than the page (the caller then
    steps the font down)."""
    specs = [Column(**spec) for spec in columns] if columns else [Column(key=key) for key in df.columns]
    for spec in specs:
        spec.setdefault('label', str(spec['key']))
        spec.setdefault('kind', infer_kind(df[spec['key']]))
        spec.setdefault('align', _DEFAULT_ALIGN[spec['kind']])
    unsized = [spec for spec in specs if 'width' not in spec]
    wanted = [_wanted_width(pdf, df[spec['key']], spec, thai_digits, size) for spec in unsized]
    stretchable = [i for i, spec in enumerate(unsized) if spec['kind'] == 'text'] or list(range(len(unsized)))
    room = pdf.epw - sum(spec['width'] for spec in specs if 'width' in spec) - sum(
        wanted[i] for i in range(len(unsized)) if i not in stretchable)
    widths = dict.fromkeys(stretchable, 0.0)
    floors = {i: (_narrowest(pdf, df[unsized[i]['key']], unsized[i], thai_digits, size)
                  if unsized[i]['kind'] == 'text' else 10) for i in stretchable}
    free = list(stretchable)
    while free:  # share the room by what each column wants; a column below its floor keeps the floor
        share = max(room - sum(floors[i] for i in stretchable if i not in free), 0)
        total = sum(wanted[i] for i in free)
        pinned = [i for i in free if share * wanted[i] / total < floors[i]]
        if not pinned:
            widths.update({i: share * wanted[i] / total for i in free})
            break
        widths.update({i: floors[i] for i in pinned})
        free = [i for i in free if i not in pinned]
    for i, spec in enumerate(unsized):
        spec['width'] = widths[i] if i in widths else wanted[i]
    return specs


def to_pdf(
    df: pd.DataFrame,
    title: str,
    subtitle: str | None = None,
    landscape: bool = False,
    thai_digits: bool = False,
    columns: Sequence[Column] | None = None,
    footer_text: str | None = None,
    font_size: float | None = None,
) -> bytes:
    """Official A4 report: centred title, optional subtitle, printed-on date, table with headings on every page.

    Without `font_size`, a table too wide for the page steps its font down until it fits."""
    from fpdf import FontFace
    digits: Callable[[str], str] = to_thai_digits if thai_digits else str
    pdf = thai_pdf(landscape=landscape, footer_text=digits(footer_text) if footer_text else None)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, 'B', TITLE_SIZE)
    pdf.multi_cell(0, 8, breakable(digits(title)), align='C', new_x='LMARGIN', new_y='NEXT')
    if subtitle:
        pdf.set_font(FONT_FAMILY, '', BODY_SIZE)
        pdf.multi_cell(0, 7, breakable(digits(subtitle)), align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', SMALL_SIZE)
    printed_on = format_datetime(now(), 'long', thai_digits)
    pdf.cell(0, 6, f'พิมพ์เมื่อ {printed_on}', align='R', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2)

    for size in (font_size,) if font_size else (BODY_SIZE, SMALL_SIZE, 10, 8):  # wide forms step the font down
        specs = _complete_columns(pdf, df, columns, thai_digits, size)
        if sum(spec['width'] for spec in specs) <= pdf.epw:
            break
    widths = [spec['width'] for spec in specs]
    if sum(widths) > pdf.epw:  # still too wide at the smallest size: squeeze every column
        widths = [w * (pdf.epw - 0.01) / sum(widths) for w in widths]  # a hair under: float sums round up
    pdf.set_font(FONT_FAMILY, '', size)
    with pdf.table(
        width=sum(widths),
        col_widths=widths,
        align='LEFT',
        text_align=[spec['align'] for spec in specs],
        line_height=pdf.font_size * 1.4,
        padding=_CELL_PADDING,
        headings_style=FontFace(emphasis='BOLD', fill_color=(235, 235, 235)),
        repeat_headings=1,
    ) as table:
        heading = table.row()
        for spec in specs:
            heading.cell(breakable(digits(spec['label'])), align='C')
        bar = FontFace(fill_color=BAR_FILL)
        for record in df[[spec['key'] for spec in specs]].itertuples(index=False, name=None):
            row = table.row()
            for value, spec in zip(record, specs, strict=True):
                if value == BAR:
                    row.cell('', style=bar)
                else:
                    row.cell(_table_text(value, spec['kind'], thai_digits))
    return bytes(pdf.output())


def plotly_bar(df: pd.DataFrame, x: str, y: str | list[str], title: str, **kwargs: Any) -> 'go.Figure':
    """Bar chart with a Thai-friendly font and thousands separators; kwargs go to plotly.express.bar."""
    import plotly.express as px
    data = df.apply(lambda series: series.astype(float) if infer_kind(series) == 'money' else series)
    figure = px.bar(data, x=x, y=y, title=title, **kwargs)
    figure.update_layout(font_family=CHART_FONT, separators='.,')
    value_axis = figure.layout.xaxis if kwargs.get('orientation') == 'h' else figure.layout.yaxis
    value_axis.update(tickformat=',', hoverformat=',.2f')
    return figure


def format_column(series: pd.Series, kind: Kind, thai_digits: bool = False) -> list[str]:
    """A column's values as printed (format_cell), column by column rather than row by row; each distinct date is
    formatted once (a year has at most 366), the costly part of a long ledger."""
    values = series.tolist()
    if kind != 'date':
        return [format_cell(value, kind, thai_digits) for value in values]
    known: dict[Any, str] = {}
    return [known[value] if value in known else known.setdefault(value, format_cell(value, kind, thai_digits))
            for value in values]


def screen_table(df: pd.DataFrame, sortable: bool = True, first_id: int = 0) -> tuple[list[dict], list[dict]]:
    """Columns and rows for an on-screen table (ui.table): values formatted as printed, numbers right-aligned.

    Formatted column by column (format_column); `first_id` numbers the rows of a page after those before it."""
    kinds = {name: infer_kind(df[name]) for name in df.columns}
    columns = [{'name': f'c{i}', 'label': str(name), 'field': f'c{i}', 'sortable': sortable,
                'align': 'right' if kinds[name] in ('int', 'money') else 'left'} for i, name in enumerate(df.columns)]
    keys = [f'c{i}' for i in range(len(df.columns))]
    cells = [format_column(df[name], kinds[name]) for name in df.columns]
    rows = [{'id': n, **dict(zip(keys, values, strict=True))}
            for n, values in enumerate(zip(*cells, strict=True), start=first_id)]
    return columns, rows
