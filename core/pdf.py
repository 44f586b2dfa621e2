"""The suite's A4 page: fpdf2 with the bundled Thai font, official margins, text shaping and Thai page numbers.

fpdf2 (and PIL with it) is imported when the first paper is made, not at start: `thai_pdf()` makes the page class
on its first call.

Thai is written without spaces between words, so text handed to fpdf2 carries a break hint (BREAK_HINT, U+200B)
between words (`core.reports.breakable`): fpdf2 wraps lines only there or at spaces. The page drops the hints before
the text is shaped, so they never reach the PDF: its text layer holds the Thai as typed, and copying or searching
it works. It also hands a SARA AM (ำ), which the shaper splits into two glyphs, to the glyph that takes the room:
otherwise a text extractor sees a gap where the unlabelled half sits and reads "สำ นัก".
"""

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from core.thai import to_thai_digits

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).parent.parent / 'assets' / 'fonts'
FONT_FAMILY = 'Laksaman'
TITLE_SIZE = 16
BODY_SIZE = 14
SMALL_SIZE = 12
BREAK_HINT = '\u200b'  # where a line may wrap inside Thai text; never printed
_FONT_FILES = {
    '': 'Laksaman.ttf',
    'B': 'Laksaman-Bold.ttf',
    'I': 'Laksaman-Italic.ttf',
    'BI': 'Laksaman-BoldItalic.ttf',
}


def thai_pdf(landscape: bool = False, footer_text: str | None = None, page_numbers: bool = True) -> 'FPDF':
    """A new A4 document in the suite's layout (portrait unless `landscape`; `footer_text` on every page; a letter's
    '- ๒ -' from the second page unless `page_numbers` is off, as for a report, which numbers its own pages)."""
    return _page_class()(landscape=landscape, footer_text=footer_text, page_numbers=page_numbers)


@functools.cache
def _page_class() -> type:
    from fpdf import FPDF

    class ThaiPDF(FPDF):
        """A4 in millimetres, official Thai margins, the bundled Thai font, text shaping, '- ๒ -' page numbers."""

        def __init__(self, landscape: bool = False, footer_text: str | None = None, page_numbers: bool = True) -> None:
            super().__init__(orientation='landscape' if landscape else 'portrait', unit='mm', format='A4')
            for style, file_name in _FONT_FILES.items():
                self.add_font(FONT_FAMILY, style, FONT_DIR / file_name)
            for font in self.fonts.values():
                font.__class__ = _clean_font_class()  # the same font, its text layer kept clean (see above)
            # Without shaping, Thai tone marks and upper vowels are misplaced or vanish.
            self.set_text_shaping(True)
            self.set_lang('th')
            side_margins = (15, 15) if landscape else (30, 20)
            self.set_margins(left=side_margins[0], top=25, right=side_margins[1])
            self.set_auto_page_break(True, margin=20)
            self.set_font(FONT_FAMILY, size=BODY_SIZE)
            self.footer_text = footer_text
            self.page_numbers = page_numbers

        def header(self) -> None:
            """Page number in Thai digits, top centre, from the second page on."""
            if self.page_numbers and self.page_no() > 1:
                self.set_font(FONT_FAMILY, size=BODY_SIZE)
                self.set_y(12)
                self.cell(0, 8, f'- {to_thai_digits(str(self.page_no()))} -', align='C')
                self.set_y(self.t_margin)

        def footer(self) -> None:
            """The footer text, if any, centred in the bottom margin of every page."""
            if self.footer_text:
                self.set_y(-15)
                self.set_font(FONT_FAMILY, size=SMALL_SIZE)
                self.cell(0, 6, self.footer_text, align='C')

    return ThaiPDF


_SHAPING_KEYS = ('fragment_direction', 'script', 'language')  # what shaping depends on (and the features, never set)
_WIDTHS: dict[tuple, tuple[int, float]] = {}  # (font, text, size, shaping) -> fpdf2's (glyphs, width)


class _GlyphInfo(NamedTuple):
    """What fpdf2 reads of a shaped glyph (harfbuzz's own are read-only)."""

    codepoint: int
    cluster: int


@functools.cache
def _clean_font_class() -> type:
    from fpdf.fonts import TTFFont

    class CleanTextFont(TTFFont):
        """fpdf2's font, shaping text without its break hints and giving a split vowel's text to its wide half.

        fpdf2 breaks lines on the characters it holds (the hints included) and shapes each piece of a line only
        when it draws or measures it, so dropping the hints here changes neither line breaks nor widths (a hint is
        zero wide) but keeps them out of the PDF."""

        __slots__ = ()

        def __deepcopy__(self, memo: dict) -> Any:
            # fpdf2's copy (made when an unbreakable block rewinds to start on a new page) is a plain TTFFont: the
            # block would be drawn again without these fixes (a space read into ใฝ่รู้, ตำบล split at its vowel).
            copy = super().__deepcopy__(memo)
            copy.__class__ = type(self)
            return copy

        def shape_text(self, text: str, *args: Any) -> Any:
            shaped = super().shape_text(text.replace(BREAK_HINT, ''), *args)
            # A mark the shaper moves left (a tone mark over a tall consonant: ฝ่, ป่) is drawn at its own place, and
            # the next letter at the pen's: the mark, zero wide, would leave a gap that copying reads as a space
            # ("ฝ่ าย"). It is given a width up to where the pen is (only the PDF's text extent: fpdf2 places the
            # next letter itself).
            moved = [info for info in shaped if info['x_offset'] < 0 and not info['x_advance']]
            if moved:
                glyphs = {code: glyph for glyph, code in self.subset.items()}
                for info in moved:
                    glyph = glyphs.get(info['mapped_char'])
                    if glyph is not None and not glyph.glyph_width:
                        wide = type(glyph)(glyph.glyph_id, glyph.unicode, glyph.glyph_name,
                                           round(-info['x_offset'] * self.scale))
                        info['mapped_char'] = self.subset.pick_glyph(wide)
            return shaped

        def shaped_text_width(self, text: str, font_size_pt: float, params: Any) -> tuple[int, float]:
            # fpdf2 measures a line as it grows, character by character, shaping the whole of it each time; a
            # table's rows repeat the same texts. A text's width in a font at a size never changes: it is shaped
            # once (the cache is emptied when it grows large).
            key = (self.fontkey, text, font_size_pt, *(params.get(k) for k in _SHAPING_KEYS))
            width = _WIDTHS.get(key)
            if width is None:
                if len(_WIDTHS) > 200_000:
                    _WIDTHS.clear()
                width = _WIDTHS[key] = super().shaped_text_width(text, font_size_pt, params)
            return width

        def perform_harfbuzz_shaping(self, text: str, *args: Any) -> Any:
            infos, positions = super().perform_harfbuzz_shaping(text, *args)
            # fpdf2 labels the first glyph of a cluster with the cluster's text and leaves the others unlabelled.
            # When the shaper splits a character (SARA AM: NIKHAHIT + SARA AA), the zero-wide half would take the
            # label and the wide half, unlabelled, read as a gap: the zero-wide glyph joins the cluster before it.
            clusters = [info.cluster for info in infos]
            if len(set(clusters[1:])) == len(clusters) - 1:  # nothing split (as when measuring one character)
                return infos, positions
            glyphs = [_GlyphInfo(info.codepoint, info.cluster) for info in infos]
            for i in range(1, len(glyphs) - 1):
                if glyphs[i].cluster == glyphs[i + 1].cluster != glyphs[i - 1].cluster and not positions[i].x_advance:
                    glyphs[i] = glyphs[i]._replace(cluster=glyphs[i - 1].cluster)
            return glyphs, positions

    return CleanTextFont
