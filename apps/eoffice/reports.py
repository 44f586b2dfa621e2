"""e-Office print forms: the outgoing letter (หนังสือภายนอก) and the memo (บันทึกข้อความ) in the official layout.

A4, 16 pt Thai font (the bundled Laksaman, a TH Sarabun New clone), margins top 2.5 cm, left 3 cm, right 2 cm,
bottom 2 cm; dates in the Buddhist era; Thai digits on request. No ครุฑ image is bundled, so its 3 cm place is
marked by an outlined box.
"""

from typing import TYPE_CHECKING

from sqlmodel import select

from apps.eoffice import registers
from core import db
from core.access import Principal
from core.pdf import FONT_FAMILY, thai_pdf
from core.reports import breakable
from core.resource import REGISTRY, audit_read
from core.thai import format_date, to_thai_digits
from models.office import Document, DocumentLink
from models.org import Division, Organization

if TYPE_CHECKING:
    from fpdf import FPDF

DOCUMENTS = 'eoffice/documents'  # the register over all documents (apps/eoffice/resources.py)
LETTER_SIZE = 16
LINE = 7.5  # mm per line at 16 pt


def _digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else text


def _references(document: Document) -> list[str]:
    with db.session_scope() as session:
        rows = session.exec(select(Document).join(DocumentLink, DocumentLink.object_id == Document.id).where(
            DocumentLink.document_id == document.id, DocumentLink.object_type == 'Document',
            Document.secrecy == 'normal').order_by(Document.doc_date)).all()
    return [f'{"หนังสือ" if r.register_key != "memo" else "บันทึก"} ที่ {r.number_text} ลงวันที่ '
            f'{format_date(r.doc_date, "long")}' for r in rows]


def _labelled(pdf: 'FPDF', label: str, text: str, thai: bool) -> None:
    pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
    width = pdf.get_string_width(label) + 4
    pdf.cell(width, LINE, label)
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.multi_cell(0, LINE, breakable(_digits(text, thai)), new_x='LMARGIN', new_y='NEXT')


def _body(pdf: 'FPDF', body: str, thai: bool) -> None:
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    for paragraph in [p.strip() for p in (body or '').splitlines() if p.strip()]:
        pdf.set_x(pdf.l_margin + 25)  # the first line indented 2.5 cm, the next ones from the margin
        pdf.write(LINE, breakable(_digits(paragraph, thai)))
        pdf.ln(LINE)


def _marks(pdf: 'FPDF', document: Document) -> None:
    """Secrecy class centred at the top (and bottom); urgency at the top left, as stamped on paper."""
    pdf.set_auto_page_break(False)  # the marks sit in the margins
    if document.secrecy != 'normal':
        pdf.set_text_color(200, 0, 0)
        pdf.set_font(FONT_FAMILY, 'B', 20)
        pdf.set_xy(pdf.l_margin, 10)
        pdf.cell(pdf.epw, 8, registers.SECRECY[document.secrecy], align='C')
        pdf.set_xy(pdf.l_margin, pdf.h - 15)
        pdf.cell(pdf.epw, 8, registers.SECRECY[document.secrecy], align='C')
        pdf.set_text_color(0, 0, 0)
    if document.urgency != 'normal':
        pdf.set_text_color(200, 0, 0)
        pdf.set_font(FONT_FAMILY, 'B', 22)
        pdf.set_xy(pdf.l_margin, 18)
        pdf.cell(50, 10, registers.URGENCY[document.urgency])
        pdf.set_text_color(0, 0, 0)
    pdf.set_auto_page_break(True, margin=20)


def render_letter(document: Document, thai_digits: bool = True) -> bytes:
    """The letter as it is printed for signature: external letter for the outgoing register, memo otherwise."""
    with db.session_scope() as session:
        org = session.get(Organization, document.org_id)
        division = session.get(Division, document.division_id) if document.division_id else None
    pdf = thai_pdf()
    pdf.set_title(f'{registers.REGISTERS[document.register_key]} {document.number_text}')
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    _marks(pdf, document)
    date_text = _digits(format_date(document.doc_date, 'long'), thai_digits)
    if document.register_key == 'memo':
        pdf.set_xy(pdf.l_margin, 25)
        pdf.set_font(FONT_FAMILY, 'B', 29)
        pdf.cell(pdf.epw, 14, 'บันทึกข้อความ', align='C', new_x='LMARGIN', new_y='NEXT')
        _labelled(pdf, 'ส่วนราชการ', f'{division.name if division else ""} {org.name}', thai_digits)
        _labelled(pdf, 'ที่', document.number_text, thai_digits)
        _labelled(pdf, 'วันที่', date_text, thai_digits)
        _labelled(pdf, 'เรื่อง', document.subject, thai_digits)
        pdf.ln(2)
        _labelled(pdf, 'เรียน', document.recipient, thai_digits)
        _body(pdf, document.body, thai_digits)
    else:
        garuda_top = 25
        pdf.set_draw_color(150, 150, 150)
        pdf.rect(pdf.w / 2 - 13, garuda_top, 26, 30)  # the ครุฑ, 3 cm high, first page only
        pdf.set_font(FONT_FAMILY, '', 10)
        pdf.set_xy(pdf.w / 2 - 13, garuda_top + 12)
        pdf.cell(26, 6, 'ตราครุฑ', align='C')
        pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
        pdf.set_xy(pdf.l_margin, garuda_top + 22)
        pdf.cell(pdf.epw / 2, LINE, _digits(f'ที่ {document.number_text}', thai_digits))
        pdf.set_xy(pdf.l_margin + pdf.epw * 0.58, garuda_top + 22)
        pdf.multi_cell(pdf.epw * 0.42, LINE, breakable(f'{org.name}\nอำเภอ{org.district_name} '
                                                       f'จังหวัด{org.province_name}'), new_x='LMARGIN',
                       new_y='NEXT')
        pdf.ln(LINE / 2)
        pdf.set_x(pdf.l_margin + pdf.epw * 0.45)
        pdf.cell(0, LINE, date_text, new_x='LMARGIN', new_y='NEXT')
        pdf.ln(LINE / 2)
        _labelled(pdf, 'เรื่อง', document.subject, thai_digits)
        _labelled(pdf, 'เรียน', document.recipient, thai_digits)
        references = _references(document)
        if references:
            _labelled(pdf, 'อ้างถึง', '\n'.join(references), thai_digits)
        if document.enclosures:
            _labelled(pdf, 'สิ่งที่ส่งมาด้วย', document.enclosures, thai_digits)
        pdf.ln(LINE / 2)
        _body(pdf, document.body, thai_digits)
        pdf.ln(LINE)
        pdf.set_x(pdf.l_margin + pdf.epw * 0.45)
        pdf.cell(0, LINE, 'ขอแสดงความนับถือ', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(LINE * 3)
    for line in ('(' + '.' * 50 + ')', 'ตำแหน่ง ' + '.' * 40):
        pdf.set_x(pdf.l_margin + pdf.epw * 0.38)
        pdf.cell(pdf.epw * 0.5, LINE, line, align='C', new_x='LMARGIN', new_y='NEXT')
    if document.register_key != 'memo':
        pdf.ln(LINE * 2)
        pdf.multi_cell(pdf.epw * 0.6, LINE, breakable(f'{division.name if division else "สำนักปลัด"}\nโทร. '
                                                      '........................'), new_x='LMARGIN', new_y='NEXT')
    return bytes(pdf.output())


def print_letter(actor: Principal, document_id: int, thai_digits: bool = True) -> bytes:
    """The letter for a user who may see it; printing a secret letter is audited."""
    with db.session_scope() as session:
        document = registers.visible_document(session, actor, document_id)
    if document.register_key not in ('outgoing', 'memo'):
        raise registers.OfficeError('พิมพ์ตามแบบได้เฉพาะหนังสือส่งและบันทึกข้อความ')
    audit_read(REGISTRY[DOCUMENTS], actor, document, 'print')  # the registers declare what reads are audited
    return render_letter(document, thai_digits)
