"""The suite's A4 page: fpdf2 with the bundled Thai font, official margins, text shaping and Thai page numbers.

fpdf2 (and PIL with it) is imported when the first paper is made, not at start: `thai_pdf()` makes the page class
on its first call.
"""

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from core.thai import to_thai_digits

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).parent.parent / 'assets' / 'fonts'
FONT_FAMILY = 'Laksaman'
TITLE_SIZE = 16
BODY_SIZE = 14
SMALL_SIZE = 12
_FONT_FILES = {
    '': 'Laksaman.ttf',
    'B': 'Laksaman-Bold.ttf',
    'I': 'Laksaman-Italic.ttf',
    'BI': 'Laksaman-BoldItalic.ttf',
}


def thai_pdf(landscape: bool = False, footer_text: str | None = None) -> 'FPDF':
    """A new A4 document in the suite's layout (portrait unless `landscape`; `footer_text` on every page)."""
    return _page_class()(landscape=landscape, footer_text=footer_text)


@functools.cache
def _page_class() -> type:
    from fpdf import FPDF

    class ThaiPDF(FPDF):
        """A4 in millimetres, official Thai margins, the bundled Thai font, text shaping, '- ๒ -' page numbers."""

        def __init__(self, landscape: bool = False, footer_text: str | None = None) -> None:
            super().__init__(orientation='landscape' if landscape else 'portrait', unit='mm', format='A4')
            for style, file_name in _FONT_FILES.items():
                self.add_font(FONT_FAMILY, style, FONT_DIR / file_name)
            # Without shaping, Thai tone marks and upper vowels are misplaced or vanish.
            self.set_text_shaping(True)
            self.set_lang('th')
            side_margins = (15, 15) if landscape else (30, 20)
            self.set_margins(left=side_margins[0], top=25, right=side_margins[1])
            self.set_auto_page_break(True, margin=20)
            self.set_font(FONT_FAMILY, size=BODY_SIZE)
            self.footer_text = footer_text

        def header(self) -> None:
            """Page number in Thai digits, top centre, from the second page on."""
            if self.page_no() > 1:
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
