"""The leave form (แบบใบลา) printed from a request, placeholder until the official layout lands."""

from core.access import Principal
from core.pdf import FONT_FAMILY, thai_pdf


def leave_form(record, actor: Principal) -> bytes:
    pdf = thai_pdf(page_numbers=False)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=16)
    pdf.cell(0, 10, 'ใบลา', align='C')
    return bytes(pdf.output())
