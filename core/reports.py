"""DataFrame -> Excel workbook, official A4 PDF (bundled Thai font) and plotly bar chart.

The libraries that make the files are imported when the first file is made, not at start (issue 13: fpdf2 with
PIL, openpyxl and plotly were a fifth of the server's start).
"""

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import pandas as pd

from core.pdf import BODY_SIZE, BREAK_HINT, FONT_FAMILY, SMALL_SIZE, TITLE_SIZE, thai_pdf
from core.thai import format_date, format_datetime, format_money, local_zone, now, thai_words, to_thai_digits

if TYPE_CHECKING:  # fpdf2 (with PIL), openpyxl and plotly are imported when a file or chart is first made
    import plotly.graph_objects as go
    from fpdf import FPDF

    from core.signers import Signer

CHART_FONT = 'Sarabun, Laksaman, sans-serif'
BAR = '■'  # a cell that is a bar (ผด.02's months): on screen and in Excel the sign, on paper a shaded cell
BAR_FILL = (90, 90, 90)  # the bundled Thai font has no '■', so paper shades the cell instead

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
# A form of many number columns (ผ.01: twelve) keeps its 12 pt by closer sides: numbers have no marks to crowd.
_TIGHT_PADDING = (1.2, 0.8, 0.6, 0.8)
_LINE_HEIGHT = 1.3  # × the font size: room for Thai's stacked vowels and tone marks
_REPORT_MARGINS = (20, 15)  # top and bottom of a report's page in mm (the running head sits above the top)
_DEFAULT_ALIGN = {'text': 'L', 'money': 'R', 'int': 'R', 'date': 'C'}

Kind = Literal['text', 'money', 'int', 'date']


class Column(TypedDict, total=False):
    """A PDF table column; only key is required, the rest is inferred from the data."""

    key: str
    label: str
    width: float
    align: Literal['L', 'R', 'C']
    kind: Kind
    zero: str  # printed for a zero (ผ.02: '-' for a year without budget); default: the number


def _word_start(char: str) -> bool:
    """A character a Thai word may start with: a consonant or a leading vowel (เ แ โ ใ ไ)."""
    return '\u0e01' <= char <= '\u0e2e' or '\u0e40' <= char <= '\u0e44'


def _may_break(before: str, after: str) -> bool:
    """Whether a line may wrap between two Thai words ending in `before` and starting with `after`: between Thai
    letters, after a slash or bracket that follows Thai, before an opening bracket; never inside a number, a date
    or a code (01/10/2569, 1,040,000.00, ผ.02) and never before ๆ, ฯ or closing punctuation."""
    thai_before = '\u0e01' <= before <= '\u0e4e'
    return (_word_start(after) and (thai_before or before in ')]/')) or (thai_before and after in '([')


_LONG_WORD = 14  # letters: a dictionary word longer than this is a compound a line may break between its parts


@functools.cache
def _dictionary_split(word: str) -> tuple[str, ...] | None:
    """The fewest dictionary words, other than the word itself, that make up a Thai word; None: there are none."""
    if not _word_start(word[0]):
        return None
    from pythainlp.corpus.common import thai_words as dictionary
    known = dictionary()
    def rank(parts: tuple[str, ...]) -> tuple[int, int]:  # fewest words, then no short one (ดำเนิน|งาน, not ดำ|เนินงาน)
        return len(parts), -min(map(len, parts))

    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)  # best[i]: the words making word[:i]
    for end in range(1, len(word) + 1):
        for start in range(end - 1, -1, -1):
            found = best[start]
            if found is not None and (start, end) != (0, len(word)) and word[start:end] in known:
                candidate = (*found, word[start:end])
                if best[end] is None or rank(candidate) < rank(best[end]):
                    best[end] = candidate
    return best[-1]


def _compound_parts(word: str) -> tuple[str, ...]:
    """A compound word longer than _LONG_WORD letters (กองทุนบำเหน็จบำนาญข้าราชการ, องค์การบริหารส่วนตำบล) as the
    dictionary words it is made of (a long one split again), so a narrow column may wrap between them; a shorter
    word, or one not made of dictionary words, stays whole."""
    parts = _dictionary_split(word) if len(word) > _LONG_WORD else None
    return tuple(piece for part in parts for piece in _compound_parts(part)) if parts else (word,)


def breakable(text: str) -> str:
    """Text with a break hint (BREAK_HINT) between Thai words, so fpdf2 wraps lines between words and never inside
    one; the page drops the hints before printing (core/pdf.py), so the PDF's text is the text as given."""
    parts = []
    for part in re.split(r'(\s+)', text):
        if not part or part.isspace():
            parts.append(part)
            continue
        words = [piece for word in thai_words(part) for piece in _compound_parts(word)]
        joined = words[0] if words else part
        for word in words[1:]:
            joined += (BREAK_HINT if _may_break(joined[-1], word[0]) else '') + word
        parts.append(joined)
    return ''.join(parts)


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of a text a line never breaks inside (what `breakable` leaves between its hints and spaces)."""
    return [piece for piece in re.split(f'[\\s{BREAK_HINT}]+', breakable(text)) if piece]


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


def _cell_texts(series: pd.Series, spec: Column, thai_digits: bool) -> list[str]:
    """A column's values as the table prints them (a zero as the column's `zero`, if it has one)."""
    zero = spec.get('zero')
    texts = format_column(series, spec['kind'], thai_digits)
    if zero is None:
        return texts
    return [zero if value == 0 and not isinstance(value, bool) else text
            for value, text in zip(series.tolist(), texts, strict=True)]


def _widest(pdf: 'FPDF', texts: Collection[str], style: str, size: float) -> float:
    pdf.set_font(FONT_FAMILY, style, size)
    return max((pdf.get_string_width(text) for text in texts), default=0)


def _measured(pdf: 'FPDF', texts: Sequence[str], size: float) -> list[float]:
    """Each value's printed width in mm (each distinct value measured once)."""
    pdf.set_font(FONT_FAMILY, '', size)
    known: dict[str, float] = {}
    return [known[text] if text in known else known.setdefault(text, pdf.get_string_width(text)) for text in texts]


def _wanted_width(pdf: 'FPDF', texts: Sequence[str], spec: Column, size: float, side: float) -> float:
    """Width in mm that fits the column's values (up to a limit) and the longest piece of its label (`side`: the
    cell's padding on each side)."""
    content = min(_widest(pdf, set(texts), '', size), 70)
    label = _widest(pdf, unbreakable_pieces(spec['label']), 'B', size)
    return max(content, label, 8) + 2 * side + 1


def _narrowest(pdf: 'FPDF', texts: Sequence[str], spec: Column, size: float, side: float) -> float:
    """The least width in mm of a text column that breaks no word: its widest unbreakable piece (of a value or of
    the label)."""
    pieces = {piece for text in set(texts) for piece in unbreakable_pieces(text)}
    longest = max(_widest(pdf, pieces, '', size), _widest(pdf, unbreakable_pieces(spec['label']), 'B', size))
    return longest + 2 * side + 1


def _complete_columns(pdf: 'FPDF', df: pd.DataFrame, columns: Sequence[Column] | None, thai_digits: bool,
                      size: float = BODY_SIZE, side: float = _CELL_PADDING[1]) -> list[Column]:
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
    texts = [[text if text != BAR else '' for text in _cell_texts(df[spec['key']].head(2000), spec, thai_digits)]
             for spec in unsized]  # a sample sizes the columns; a bar is a shaded cell, not a character
    wanted = [_wanted_width(pdf, texts[i], spec, size, side) for i, spec in enumerate(unsized)]
    stretchable = [i for i, spec in enumerate(unsized) if spec['kind'] == 'text'] or list(range(len(unsized)))
    room = pdf.epw - sum(spec['width'] for spec in specs if 'width' in spec) - sum(
        wanted[i] for i in range(len(unsized)) if i not in stretchable)
    floors = {i: (_narrowest(pdf, texts[i], unsized[i], size, side) if unsized[i]['kind'] == 'text' else 10)
              for i in stretchable}
    measured = {i: _measured(pdf, texts[i][:500], size) for i in stretchable}
    wanting = {i: wanted[i] for i in stretchable}
    widths = _shared(room, floors, wanting, measured)
    # a heading on one line ("นำฝากโดย", not "นำฝาก / โดย") where the page has room for every heading so and it
    # costs the table's rows next to no lines (a long heading over short values would take the width that saves
    # the wrapped columns' lines)
    labelled = {i: max(floors[i], _widest(pdf, {unsized[i]['label']}, 'B', size) + 2 * side + 1)
                for i in stretchable}
    if labelled != floors and sum(labelled.values()) <= room:
        headed = _shared(room, labelled, wanting, measured)
        plain, more = _row_lines(measured, widths, side), _row_lines(measured, headed, side)
        if more <= plain + max(1.0, 0.02 * plain):
            widths = headed
    for i, spec in enumerate(unsized):
        spec['width'] = widths[i] if i in widths else wanted[i]
    return specs


def _row_lines(measured: dict[int, list[float]], widths: dict[int, float], side: float) -> float:
    """The lines the table's rows take (the sampled rows), each row as many as its most wrapped text cell."""
    import numpy as np
    if not measured:
        return 0.0
    keys = list(measured)
    texts = np.array([measured[i] for i in keys], dtype=float).T
    room = np.maximum(np.array([widths[i] for i in keys]) - 2 * side - 0.5, 1)
    return float(np.ceil(texts / room).max(axis=1, initial=1).sum())


def _shared(room: float, floors: dict[int, float], wanted: dict[int, float],
            measured: dict[int, list[float]]) -> dict[int, float]:
    """The text columns' widths in `room` mm: each starts at its floor (its longest word) and the rest is handed out
    a step at a time to the column where it saves most lines of the table (`measured`: each row's text width per
    column); what saves nothing more goes to the columns in proportion to what they want."""
    if not floors:
        return {}
    import numpy as np
    keys = list(floors)
    texts = np.array([measured[i] for i in keys], dtype=float).T  # rows × columns
    widths = np.array([floors[i] for i in keys], dtype=float)
    inner = 2 * _CELL_PADDING[1] + 0.5

    def lines(candidate: 'np.ndarray') -> float:
        return float(np.ceil(texts / np.maximum(candidate - inner, 1)).max(axis=1, initial=1).sum())

    left = room - widths.sum()
    step = max(left / 40, 0.5)
    current = lines(widths)
    while left >= step:  # the widening (a few steps, on one column) that saves most lines per mm
        best, gain, saved = None, 0.0, 0.0
        for n in range(len(keys)):
            for more in (step * k for k in (1, 2, 4, 8, 16) if step * k <= left):
                candidate = widths.copy()
                candidate[n] += more
                fewer = current - lines(candidate)
                if fewer / more > gain:
                    best, gain, saved = (n, more), fewer / more, fewer
        if best is None:
            break
        widths[best[0]] += best[1]
        left -= best[1]
        current -= saved
    if left > 0:
        share = np.array([wanted[i] for i in keys])
        widths += left * share / share.sum()
    return dict(zip(keys, widths.tolist(), strict=True))


def _table_height(pdf: 'FPDF', df: pd.DataFrame, specs: Sequence[Column], thai_digits: bool, size: float,
                  padding: tuple[float, ...]) -> float:
    """About how tall the table is in mm with these column widths: each row as many lines as its most wrapped
    text cell needs (the words measured whole), and its padding."""
    sample = df.head(2000)  # a long register is sized on its first rows, as its columns are
    if not len(sample):
        return 0.0
    text = {n: spec for n, spec in enumerate(specs) if spec['kind'] == 'text'}
    measured = {n: _measured(pdf, _cell_texts(sample[spec['key']], spec, thai_digits), size)
                for n, spec in text.items()}
    lines = _row_lines(measured, {n: spec['width'] for n, spec in text.items()}, padding[1]) or len(sample)
    return (lines / len(sample) * size * _LINE_HEIGHT * 0.3528 + padding[0] + padding[2]) * len(df)


def _landscape_is_shorter(pdf: 'FPDF', df: pd.DataFrame, shown: Sequence[Column], thai_digits: bool, size: float,
                          padding: tuple[float, ...]) -> bool:
    """For a table that may take either way: landscape when its words do not fit across a portrait page at 10 pt,
    or when it prints on fewer pages so (a register of long names and subjects wraps each row over many lines on
    a portrait page)."""
    if sum(spec['width'] for spec in _complete_columns(pdf, df, shown, thai_digits, 10, padding[1])) > pdf.epw:
        return True
    wide = thai_pdf(landscape=True, page_numbers=False)
    pages = []
    for page in (pdf, wide):
        specs = _complete_columns(page, df, shown, thai_digits, size, padding[1])
        if sum(spec['width'] for spec in specs) > page.epw:
            return page is pdf
        room = page.eph - _REPORT_MARGINS[0] - _REPORT_MARGINS[1] + page.t_margin + page.b_margin
        pages.append(math.ceil(_table_height(page, df, specs, thai_digits, size, padding) / room))
    return pages[1] < pages[0]


def _squeezed(widths: list[float], text: list[bool], room: float) -> list[float]:
    """Widths that fit `room` (a hair under: float sums round up): the text columns give up what is missing, in
    proportion, so numbers and dates stay whole; only if that is not enough every column shrinks."""
    room -= 0.01
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    wrapping = sum(w for w, t in zip(widths, text, strict=True) if t)
    if wrapping > excess + 10 * sum(text):  # each text column keeps at least 10 mm
        return [w - excess * w / wrapping if t else w for w, t in zip(widths, text, strict=True)]
    return [w * room / sum(widths) for w in widths]


class _Fitter:
    """Cell text with its break hints, for a column `room` mm wide: a piece wider than the column (a table squeezed
    below its words' widths) may also break between the dictionary words it is made of, else between its character
    clusters, never between a letter and its vowel or tone mark — so fpdf2 never has to cut a line where it likes."""

    def __init__(self, pdf: 'FPDF', room: float) -> None:
        self.pdf, self.room, self.known = pdf, room, {}

    def __call__(self, text: str) -> str:
        return ''.join(self._piece(part) for part in re.split(f'([\\s{BREAK_HINT}]+)', breakable(text)))

    def _piece(self, piece: str) -> str:
        if not piece or piece[0].isspace() or piece[0] == BREAK_HINT:
            return piece
        if piece not in self.known:
            self.known[piece] = self._narrowed(piece)
        return self.known[piece]

    def _narrowed(self, piece: str) -> str:
        """The piece, if it fits; else hinted between the dictionary words it is made of (each narrowed in turn),
        else between its character clusters."""
        if self.pdf.get_string_width(piece) <= self.room:
            return piece
        parts = _dictionary_split(piece)
        if parts:
            return BREAK_HINT.join(self._narrowed(part) for part in parts)
        from pythainlp.tokenize import subword_tokenize
        return BREAK_HINT.join(subword_tokenize(piece, engine='tcc'))


def _keep_with_next(table: Any, rows: Sequence[int], tail: float = 0) -> None:
    """Never leave these rows (group headings) last on a page: fpdf2 keeps a row whole on a page by its
    'pagebreak_height', which for each of them is made to take the row after it in too. The last row takes `tail` mm
    in too (the signatures under the table): they never start a page alone, the last rows go over with them."""
    import dataclasses
    layout = table._compute_rows_info  # fpdf2 2.8's table lays out its rows here before it draws them

    def rows_info() -> Any:
        infos = list(layout())
        for n in sorted(rows, reverse=True):  # a heading over a heading takes in both, and the row under them
            if n + 1 < len(infos):
                taken = infos[n].height + infos[n + 1].pagebreak_height
                infos[n] = dataclasses.replace(infos[n], pagebreak_height=taken)
        if tail and infos:
            infos[-1] = dataclasses.replace(infos[-1], pagebreak_height=infos[-1].pagebreak_height + tail)
        return iter(infos)

    table._compute_rows_info = rows_info


def _continued_groups(table: Any, pdf: 'FPDF', width: float, line_height: float,
                      open_groups: dict[int, list[tuple[int, str]]], heading_level: dict[int, int]) -> None:
    """On each page after the first, repeat under the column headings the group headings the page's first row is
    under, marked (ต่อ): a reader of page 7 sees which ยุทธศาสตร์/แผนงาน (or account, or งาน) its rows belong to.
    fpdf2 repeats only the column headings: its row drawing is wrapped to draw the others after them."""
    draw_row = table._render_table_row  # fpdf2 2.8's table draws each row (the headings again on a new page) here
    state = {'page': pdf.page, 'fresh': False}

    def render(i: int, *args: Any, **kwargs: Any) -> Any:
        if pdf.page != state['page']:
            state['page'], state['fresh'] = pdf.page, True
        elif state['fresh'] and i > 0:  # the page's first row after the column headings
            state['fresh'] = False
            level = heading_level.get(i, len(open_groups.get(i, ())))
            for _level, text in [g for g in open_groups.get(i, ()) if g[0] < level]:
                with pdf.local_context(fill_color=(245, 245, 245), font_style='B'):
                    pdf.set_x(pdf.l_margin)
                    pdf.multi_cell(width, line_height, f'{text} (ต่อ)', border=1, fill=True, padding=_CELL_PADDING,
                                   new_x='LMARGIN', new_y='NEXT')
        return draw_row(i, *args, **kwargs)

    table._render_table_row = render


def _title_block(pdf: 'FPDF', lines: Sequence[tuple[str, str, float]]) -> None:
    """The first page's heading: each (text, style, size) centred, wrapping between words."""
    for text, style, size in lines:
        pdf.set_font(FONT_FAMILY, style, size)
        pdf.multi_cell(0, size * 0.5, breakable(text), align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2)


def _running_heads(pdf: 'FPDF', left: str, printed: str, digits: Callable[[str], str]) -> None:
    """Every page's head, once the page count is known: what the paper is (from the second page on), when it was
    printed, and 'หน้า x/y'."""
    pdf.set_auto_page_break(False)
    total = pdf.pages_count
    for number in range(1, total + 1):
        pdf.page = number
        # fpdf2 remembers the font last set in the document, not on this page: set another first, so that the
        # page's stream does get this one (else the head is drawn in the page's last font, its marks misplaced)
        pdf.set_font(FONT_FAMILY, '', SMALL_SIZE + 1)
        pdf.set_font(FONT_FAMILY, '', SMALL_SIZE)
        pdf.set_xy(pdf.l_margin, 12)
        right = f'พิมพ์เมื่อ {printed}   หน้า {digits(f"{number}/{total}")}'
        room = pdf.epw - pdf.get_string_width(right) - 4
        if number > 1:
            pdf.cell(room, 6, _shortened(pdf, left, room), align='L')
        pdf.set_xy(pdf.l_margin, 12)
        pdf.cell(0, 6, right, align='R')
    pdf.page = total


def _shortened(pdf: 'FPDF', text: str, room: float) -> str:
    """The text cut to fit `room` mm on one line, at a word, with '…'."""
    if pdf.get_string_width(text) <= room:
        return text
    pieces = re.split(f'[{BREAK_HINT}]', breakable(text))
    while pieces and pdf.get_string_width(''.join(pieces) + '…') > room:
        pieces.pop()
    return ''.join(pieces).rstrip() + '…'


_SIGNATURE_LINE = 7  # mm


def _signature_layout(pdf: 'FPDF', signatures: Sequence[tuple[str, 'Signer']]) -> tuple[float, list[list[str]], float]:
    """The signatures' font size, each column's lines ('ลงชื่อ ..... <role>', then the signer's printed lines) and
    the height in mm they need."""
    width = pdf.epw / len(signatures)
    pdf.set_font(FONT_FAMILY, '', BODY_SIZE)
    if any(pdf.get_string_width(line) > width - 4 for _, signer in signatures for line in signer.lines()[:2]):
        pdf.set_font(FONT_FAMILY, '', SMALL_SIZE)  # a name and position each on one line, in three columns
    dots = [min(36, int((width - 6 - pdf.get_string_width(f'ลงชื่อ{role}')) / pdf.get_string_width('.')))
            for role, _ in signatures]  # the dotted line as long as the column allows
    blocks = [[f'ลงชื่อ{"." * n}{role}', *signer.lines()] for n, (role, signer) in zip(dots, signatures, strict=True)]
    needed = 14 + _SIGNATURE_LINE * max(len(block) + 1 for block in blocks)  # a long position may take a 2nd line
    return pdf.font_size_pt, blocks, needed


def _signature_block(pdf: 'FPDF', signatures: Sequence[tuple[str, 'Signer']]) -> None:
    """Side by side under the table, kept on one page (with the table's last rows: `_keep_with_next`)."""
    line = _SIGNATURE_LINE
    width = pdf.epw / len(signatures)
    size, blocks, needed = _signature_layout(pdf, signatures)
    if pdf.y + needed > pdf.page_break_trigger:  # no table above (else its last rows came over with them)
        pdf.add_page()
    pdf.set_font(FONT_FAMILY, '', size)
    top = pdf.y + 12
    for n, block in enumerate(blocks):
        pdf.set_xy(pdf.l_margin + n * width, top)
        for text in block:
            pdf.set_x(pdf.l_margin + n * width)
            pdf.multi_cell(width, line, breakable(text), align='C', new_x='LEFT', new_y='NEXT')


def to_pdf(
    df: pd.DataFrame,
    title: str,
    subtitle: str | None = None,
    landscape: bool | None = False,
    thai_digits: bool = False,
    columns: Sequence[Column] | None = None,
    footer_text: str | None = None,
    font_size: float | None = None,
    *,
    org_name: str | None = None,
    period: str | None = None,
    groups: Sequence[str] = (),
    signatures: Sequence[tuple[str, 'Signer']] = (),
    tight: bool = False,
) -> bytes:
    """Official A4 report: the LAO's name, the title, the period and the subtitle centred on the first page; on
    every page when it was printed and 'หน้า x/y' (from the second page also the LAO and title); the table with its
    headings on every page; then the signatures, each (role, signer) as 'ลงชื่อ ..... ผู้จัดทำ' over the name and
    position.

    `groups` are columns printed not as columns but as a heading row above the rows of each value (the first the
    outer level). Without `font_size`, a table too wide for the page steps its font down until it fits. `landscape`
    None: portrait unless the table's words do not fit across it at 10 pt. `tight`: closer cell sides (a form of
    many number columns keeps its font size)."""
    from fpdf import FontFace
    from fpdf.enums import TableCellFillMode
    digits: Callable[[str], str] = to_thai_digits if thai_digits else str
    shown = [spec for spec in (columns or [Column(key=key) for key in df.columns]) if spec['key'] not in groups]
    footer = digits(footer_text) if footer_text else None
    padding = _TIGHT_PADDING if tight else _CELL_PADDING
    pdf = thai_pdf(landscape=bool(landscape), footer_text=footer, page_numbers=False)
    if landscape is None and _landscape_is_shorter(pdf, df, shown, thai_digits, font_size or BODY_SIZE, padding):
        pdf = thai_pdf(landscape=True, footer_text=footer, page_numbers=False)
    pdf.set_title(title)
    # A report's head is one small line (_running_heads): the table may start higher and end lower than a letter.
    pdf.set_top_margin(_REPORT_MARGINS[0])
    pdf.set_auto_page_break(True, margin=_REPORT_MARGINS[1] + (6 if footer_text else 0))
    pdf.add_page()
    heading = [(org_name, 'B', TITLE_SIZE), (title, 'B', TITLE_SIZE), (period, '', BODY_SIZE),
               (subtitle, '', BODY_SIZE)]
    _title_block(pdf, [(digits(text), style, size) for text, style, size in heading if text])

    for size in [s for s in (BODY_SIZE, SMALL_SIZE, 10, 8) if s <= (font_size or BODY_SIZE)] or [font_size]:
        specs = _complete_columns(pdf, df, shown, thai_digits, size, padding[1])  # wide forms step the font down
        if sum(spec['width'] for spec in specs) <= pdf.epw:
            break
    widths = _squeezed([spec['width'] for spec in specs], [spec['kind'] == 'text' for spec in specs], pdf.epw)
    tail = _signature_layout(pdf, signatures)[2] if signatures else 0  # kept with the table's last rows
    pdf.set_font(FONT_FAMILY, '', size)
    fitters = [_Fitter(pdf, width - padding[1] - padding[3] - 0.2) for width in widths]
    cells = [_cell_texts(df[spec['key']], spec, thai_digits) for spec in specs]
    group_values = [df[key].tolist() for key in groups]
    with pdf.table(
        width=sum(widths),
        col_widths=widths,
        align='LEFT',
        text_align=[spec['align'] for spec in specs],
        line_height=pdf.font_size * _LINE_HEIGHT,
        padding=padding,
        headings_style=FontFace(emphasis='BOLD', fill_color=(235, 235, 235)),
        cell_fill_mode=TableCellFillMode.NONE,
        repeat_headings=1,
    ) as table:
        row = table.row()
        for spec, fit in zip(specs, fitters, strict=True):
            row.cell(fit(digits(spec['label'])), align='C')
        bar = FontFace(fill_color=BAR_FILL)
        group_style = FontFace(emphasis='BOLD', fill_color=(245, 245, 245))
        shown_groups: list[Any] = [object()] * len(groups)
        headings: list[int] = []  # the rows that are group headings
        heading_level: dict[int, int] = {}  # a group heading row -> its level
        open_groups: dict[int, list[tuple[int, str]]] = {}  # a row -> the group headings it is under (level, text)
        under: list[tuple[int, str]] = []
        for n in range(len(df)):
            for level, values in enumerate(group_values):
                if values[n] != shown_groups[level]:
                    shown_groups[level:] = [values[n], *[object()] * (len(groups) - level - 1)]
                    under = [g for g in under if g[0] < level]
                    if values[n] is not None and str(values[n]):
                        headings.append(len(table.rows))
                        heading_level[len(table.rows)] = level
                        open_groups[len(table.rows)] = list(under)
                        table.row().cell(breakable(digits(str(values[n]))), colspan=len(specs), align='L',
                                         style=group_style)
                        under.append((level, breakable(digits(str(values[n])))))
            open_groups[len(table.rows)] = list(under)
            row = table.row()
            for column, spec, fit in zip(cells, specs, fitters, strict=True):
                text = column[n]
                if text == BAR:
                    row.cell('', style=bar)
                else:
                    row.cell(fit(text) if spec['kind'] == 'text' else text)
        _keep_with_next(table, headings, tail)
        if groups:
            _continued_groups(table, pdf, sum(widths), pdf.font_size * _LINE_HEIGHT, open_groups, heading_level)
    if signatures:
        _signature_block(pdf, signatures)
    _running_heads(pdf, ' · '.join(digits(part) for part in (org_name, title) if part),
                   format_datetime(now(), 'long', thai_digits), digits)
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
