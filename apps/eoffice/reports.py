"""e-Office print forms: every paper in its official layout, drawn from its form's blocks (apps/eoffice/kinds.py).

A4, 16 pt Thai font (the bundled Laksaman, a TH Sarabun New clone), margins top 2.5 cm, left 3 cm, right 2 cm,
bottom 2 cm; dates in the Buddhist era; Thai digits on request. The ครุฑ is the image the LAO set in its settings
(the official emblem is not bundled); until then a drawn outline holds its place. Urgency in red, 32 pt bold, above
the ครุฑ; secrecy in red at the top and bottom of every page; the lines after the body (closing, signature, the
owner unit) are kept together on one page.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import select

from apps.eoffice import kinds, registers
from apps.eoffice.signing import printed_signer
from core import db, files
from core.access import Principal
from core.pdf import FONT_FAMILY, thai_pdf
from core.reports import breakable
from core.resource import REGISTRY, audit_read
from core.signers import Signer
from core.thai import format_date, to_thai_digits
from models.office import Document, DocumentLink
from models.org import Division, Organization

if TYPE_CHECKING:
    from fpdf import FPDF

DOCUMENTS = 'eoffice/documents'  # the register over all documents (apps/eoffice/resources.py)
LETTER_SIZE = 16
URGENCY_SIZE = 32  # not smaller than 32 pt (the forms of the ระเบียบงานสารบรรณ)
SECRECY_SIZE = 22
WITHIN_SIZE = 16  # the day and time of ด่วนภายใน, under its 32 pt mark
LINE = 7.5  # mm per line at 16 pt
RED = (200, 0, 0)
TAIL = ('effective', 'given_at', 'closing', 'signature', 'stamp', 'recorder', 'owner')  # kept on one page
CENTRE_COLUMN = 0.45  # where the date, closing and signature begin, as a share of the text width


@dataclass(frozen=True)
class Paper:
    """Everything one paper prints, read once."""

    document: Document
    form: kinds.Form
    org: Organization
    division: str
    signer: Signer | None
    references: list[str]
    garuda: bytes | None
    thai: bool

    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai else text

    def date(self, day=None, era: bool = False) -> str:
        """A date as printed: '5 มกราคม 2570', or with 'พ.ศ.' before the year (orders, announcements)."""
        text = format_date(day or self.document.doc_date, 'long')
        if era:
            head, _, year = text.rpartition(' ')
            text = f'{head} พ.ศ. {year}'
        return self.digits(text)

    @property
    def number(self) -> str:
        """The number, or its place left blank until issued (ที่ นม 89901/……)."""
        if self.document.number_text:
            return self.digits(self.document.number_text)
        if self.document.register_key == 'outgoing' and self.org.letter_prefix:
            return self.digits(f'{self.org.letter_prefix}/') + '.' * 12
        return '.' * 12

    def address(self) -> list[str]:
        """The LAO's address as the external letter prints it: name, place, ตำบล, อำเภอ, จังหวัด and postcode."""
        return [self.digits(line) for line in (self.org.name, *self.org.address_lines())]


def _references(session, document: Document) -> list[str]:
    rows = session.exec(select(Document).join(DocumentLink, DocumentLink.object_id == Document.id).where(
        DocumentLink.document_id == document.id, DocumentLink.object_type == 'Document',
        Document.secrecy == 'normal').order_by(Document.doc_date)).all()
    return [f'{"หนังสือ" if r.register_key != "memo" else "บันทึก"} ที่ {r.number_text} ลงวันที่ '
            f'{format_date(r.doc_date, "long")}' for r in rows]


def _garuda_image(org: Organization) -> bytes | None:
    if not org.garuda_attachment_id:
        return None
    attachment = files.get(org.id, org.garuda_attachment_id)
    return files.read(attachment) if attachment is not None else None


def paper(document: Document, thai_digits: bool = True) -> Paper:
    with db.session_scope() as session:
        org = session.get(Organization, document.org_id)
        division = session.get(Division, document.division_id) if document.division_id else None
        return Paper(document, kinds.form_of(document), org, division.name if division else 'สำนักปลัด',
                     printed_signer(session, document), _references(session, document), _garuda_image(org),
                     thai_digits)


# --- the blocks -----------------------------------------------------------------------------------------------------

def _labelled(pdf: 'FPDF', label: str, text: str) -> None:
    pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
    pdf.cell(pdf.get_string_width(label) + 4, LINE, label)
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.multi_cell(0, LINE, breakable(text), new_x='LMARGIN', new_y='NEXT')


def _from_centre(pdf: 'FPDF', text: str, style: str = '') -> None:
    pdf.set_font(FONT_FAMILY, style, LETTER_SIZE)
    pdf.set_x(pdf.l_margin + pdf.epw * CENTRE_COLUMN)
    pdf.cell(0, LINE, text, new_x='LMARGIN', new_y='NEXT')


def _centred(pdf: 'FPDF', text: str, style: str = '', size: int = LETTER_SIZE) -> None:
    pdf.set_font(FONT_FAMILY, style, size)
    pdf.multi_cell(pdf.epw, LINE if size <= LETTER_SIZE else size * 0.5, breakable(text), align='C',
                   new_x='LMARGIN', new_y='NEXT')


def _garuda(pdf: 'FPDF', p: Paper) -> None:
    """The ครุฑ: 3 cm centred at the top (กระดาษตราครุฑ), 1.5 cm at the top left (บันทึกข้อความ)."""
    height = p.form.garuda_mm
    if not height:
        return
    top = 15 if height < 30 else 20
    x = pdf.l_margin if height < 30 else pdf.w / 2 - height * 0.45
    if p.garuda is not None:
        pdf.image(io.BytesIO(p.garuda), x=x, y=top, h=height)
    else:  # a drawn outline until the LAO sets its emblem (ตั้งค่า อปท.)
        pdf.set_draw_color(120, 120, 120)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.ellipse(x, top, height * 0.9, height)
        pdf.set_dash_pattern()
        if height >= 30:
            pdf.set_font(FONT_FAMILY, '', 9)
            pdf.set_xy(x, top + height / 2 - 3)
            pdf.cell(height * 0.9, 6, 'ตราครุฑ', align='C')
    pdf.set_y(max(pdf.get_y(), top + height + 2) if height >= 30 else top)


def _ref_address(pdf: 'FPDF', p: Paper) -> None:
    """ที่ … at the left; the LAO's address at the right, level with it (แบบที่ 1, 3, 10)."""
    top = pdf.get_y()
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.cell(pdf.epw / 2, LINE, f'ที่ {p.number}')
    pdf.set_xy(pdf.l_margin + pdf.epw * 0.5, top)
    pdf.multi_cell(pdf.epw * 0.5, LINE, breakable('\n'.join(p.address())), new_x='LMARGIN', new_y='NEXT')
    pdf.ln(LINE / 3)


def _date(pdf: 'FPDF', p: Paper) -> None:
    _from_centre(pdf, p.date())
    pdf.ln(LINE / 3)


def _memo_head(pdf: 'FPDF', p: Paper) -> None:
    """บันทึกข้อความ: the heading beside the small ครุฑ, then ส่วนราชการ / ที่ and วันที่ on one line / เรื่อง."""
    pdf.set_xy(pdf.l_margin, 17)
    pdf.set_font(FONT_FAMILY, 'B', 29)
    pdf.cell(pdf.epw, 12, p.form.heading, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_y(max(pdf.get_y(), 15 + p.form.garuda_mm + 2))
    _labelled(pdf, 'ส่วนราชการ', p.digits(f'{p.division} {p.org.name} โทร. {p.org.phone}'.strip()))
    line = pdf.get_y()
    pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
    pdf.cell(pdf.get_string_width('ที่') + 4, LINE, 'ที่')
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.cell(pdf.epw * 0.5 - pdf.get_string_width('ที่') - 4, LINE, p.number)
    pdf.set_xy(pdf.l_margin + pdf.epw * 0.5, line)
    pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
    pdf.cell(pdf.get_string_width('วันที่') + 4, LINE, 'วันที่')
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.cell(0, LINE, p.date(), new_x='LMARGIN', new_y='NEXT')
    _labelled(pdf, 'เรื่อง', p.digits(p.document.subject))
    pdf.ln(LINE / 3)


def _heading(pdf: 'FPDF', p: Paper) -> None:
    _centred(pdf, p.digits(p.form.heading.format(org=p.org.name, subject=p.document.subject)), 'B', 18)


def _number(pdf: 'FPDF', p: Paper) -> None:
    _centred(pdf, f'{p.form.number_label} {p.number}')


def _subject_centred(pdf: 'FPDF', p: Paper) -> None:
    _centred(pdf, f'เรื่อง {p.digits(p.document.subject)}')
    _centred(pdf, '-' * 24)


def _subject(pdf: 'FPDF', p: Paper) -> None:
    _labelled(pdf, 'เรื่อง', p.digits(p.document.subject))


def _salutation(pdf: 'FPDF', p: Paper) -> None:
    _labelled(pdf, p.form.salutation, p.digits(p.document.recipient))


def _reference_lines(pdf: 'FPDF', p: Paper) -> None:
    if p.references:
        _labelled(pdf, 'อ้างถึง', p.digits('\n'.join(p.references)))


def _enclosures(pdf: 'FPDF', p: Paper) -> None:
    if p.document.enclosures:
        _labelled(pdf, 'สิ่งที่ส่งมาด้วย', p.digits(p.document.enclosures))


def _paragraphs(pdf: 'FPDF', paragraphs: list[str]) -> None:
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    for paragraph in paragraphs:
        pdf.set_x(pdf.l_margin + 25)  # the first line indented 2.5 cm, the next ones from the margin
        pdf.write(LINE, breakable(paragraph))
        pdf.ln(LINE)


def _body(pdf: 'FPDF', p: Paper) -> None:
    pdf.ln(LINE / 3)
    _paragraphs(pdf, [p.digits(x.strip()) for x in (p.document.body or '').splitlines() if x.strip()])


def _effective(pdf: 'FPDF', p: Paper) -> None:
    _paragraphs(pdf, [f'ทั้งนี้ ตั้งแต่วันที่ {p.date(p.document.effective_date or p.document.doc_date, era=True)} '
                      'เป็นต้นไป'])


def _given_at(pdf: 'FPDF', p: Paper) -> None:
    pdf.ln(LINE / 2)
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.set_x(pdf.l_margin + pdf.epw * 0.3)
    pdf.cell(0, LINE, f'{kinds.GIVEN_AT[p.form.kind]} {p.date(era=True)}', new_x='LMARGIN', new_y='NEXT')


def _closing(pdf: 'FPDF', p: Paper) -> None:
    pdf.ln(LINE / 2)
    _from_centre(pdf, 'ขอแสดงความนับถือ')


def _signature_lines(pdf: 'FPDF', p: Paper, extra: tuple[str, ...] = ()) -> None:
    pdf.ln(LINE * 2.5)
    lines = (p.signer or Signer('', '')).lines() + list(extra)
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    for line in lines:
        pdf.set_x(pdf.l_margin + pdf.epw * 0.3)
        pdf.cell(pdf.epw * 0.6, LINE, p.digits(line), align='C', new_x='LMARGIN', new_y='NEXT')


def _signature(pdf: 'FPDF', p: Paper) -> None:
    _signature_lines(pdf, p)


def _recorder(pdf: 'FPDF', p: Paper) -> None:
    """ผู้จดรายงานการประชุม (who wrote and signs it), then ผู้ตรวจรายงานการประชุม when one is named."""
    _signature_lines(pdf, p, ('ผู้จดรายงานการประชุม',))
    d = p.document
    if d.checker_name:
        pdf.ln(LINE * 2)
        pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
        for line in (f'({d.checker_name})', d.checker_position, 'ผู้ตรวจรายงานการประชุม'):
            if line:
                pdf.set_x(pdf.l_margin + pdf.epw * 0.3)
                pdf.cell(pdf.epw * 0.6, LINE, p.digits(line), align='C', new_x='LMARGIN', new_y='NEXT')


def _stamp(pdf: 'FPDF', p: Paper) -> None:
    """หนังสือประทับตรา: the LAO's name stamped in place of a signature, initialled by the division's head."""
    pdf.ln(LINE)
    _from_centre(pdf, p.org.name)
    pdf.set_font(FONT_FAMILY, '', 12)
    pdf.set_x(pdf.l_margin + pdf.epw * CENTRE_COLUMN)
    name = p.signer.name if p.signer and p.signer.name else '.' * 20
    pdf.cell(0, LINE, p.digits(f'(ตราชื่อส่วนราชการ) ลงชื่อย่อกำกับตรา: {name}'), new_x='LMARGIN', new_y='NEXT')
    pdf.ln(LINE / 2)


def _owner(pdf: 'FPDF', p: Paper) -> None:
    """ส่วนราชการเจ้าของเรื่อง and its telephone, at the bottom left after the signature."""
    pdf.ln(LINE)
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.multi_cell(pdf.epw * 0.6, LINE, breakable(p.digits(f'{p.division}\nโทร. {p.org.phone or "." * 24}')),
                   new_x='LMARGIN', new_y='NEXT')


def _meeting_head(pdf: 'FPDF', p: Paper) -> None:
    """แบบที่ 11: ครั้งที่ n/ปี, เมื่อ (the day), ณ (the place), centred under the heading."""
    _centred(pdf, f'ครั้งที่ {p.number}')
    _centred(pdf, f'เมื่อวันที่ {p.date(era=True)}')
    if p.document.meeting_place:
        _centred(pdf, p.digits(f'ณ {p.document.meeting_place}'))
    _centred(pdf, '-' * 24)


def _people(pdf: 'FPDF', p: Paper, label: str, text: str) -> None:
    """ผู้มาประชุม / ผู้ไม่มาประชุม / ผู้เข้าร่วมประชุม: the label, then one numbered line a person."""
    people = [line.strip() for line in (text or '').splitlines() if line.strip()]
    if not people:
        return
    pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
    pdf.cell(0, LINE, label, new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    for n, person in enumerate(people, 1):
        pdf.set_x(pdf.l_margin + 10)
        pdf.cell(10, LINE, p.digits(f'{n}.'))
        pdf.multi_cell(pdf.epw - 20, LINE, breakable(p.digits(person)), new_x='LMARGIN', new_y='NEXT')


def _attendance(pdf: 'FPDF', p: Paper) -> None:
    d = p.document
    _people(pdf, p, 'ผู้มาประชุม', d.attendees)
    _people(pdf, p, 'ผู้ไม่มาประชุม', d.absentees)
    _people(pdf, p, 'ผู้เข้าร่วมประชุม', d.participants)
    if d.meeting_start:
        pdf.ln(LINE / 3)
        pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
        pdf.cell(0, LINE, p.digits(f'เริ่มประชุมเวลา {d.meeting_start} น.'), new_x='LMARGIN', new_y='NEXT')


def _agenda(pdf: 'FPDF', p: Paper) -> None:
    """The items: each block's first line its title (ระเบียบวาระที่ n added when not written), the rest its text and
    resolution; then เลิกประชุมเวลา."""
    blocks = [[line.strip() for line in block.splitlines() if line.strip()]
              for block in (p.document.agenda or '').replace('\r', '').split('\n\n')]
    for n, lines in enumerate([b for b in blocks if b], 1):
        title = lines[0] if lines[0].startswith('ระเบียบวาระ') else f'ระเบียบวาระที่ {n} {lines[0]}'
        pdf.ln(LINE / 3)
        pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
        pdf.multi_cell(pdf.epw, LINE, breakable(p.digits(title)), new_x='LMARGIN', new_y='NEXT')
        _paragraphs(pdf, [p.digits(line) for line in lines[1:]])
    if p.document.meeting_end:
        pdf.ln(LINE / 3)
        pdf.set_font(FONT_FAMILY, 'B', LETTER_SIZE)
        pdf.cell(0, LINE, p.digits(f'เลิกประชุมเวลา {p.document.meeting_end} น.'), new_x='LMARGIN', new_y='NEXT')


BLOCKS: dict[str, Callable[['FPDF', Paper], None]] = {
    'garuda': _garuda, 'ref_address': _ref_address, 'date': _date, 'memo_head': _memo_head, 'heading': _heading,
    'number': _number, 'subject_centred': _subject_centred, 'subject': _subject, 'salutation': _salutation,
    'references': _reference_lines, 'enclosures': _enclosures, 'body': _body, 'effective': _effective,
    'given_at': _given_at, 'closing': _closing, 'signature': _signature, 'recorder': _recorder, 'stamp': _stamp,
    'owner': _owner, 'meeting_head': _meeting_head, 'attendance': _attendance, 'agenda': _agenda,
}


# --- the marks on every page ----------------------------------------------------------------------------------------

def urgency_marks(document: Document, thai: bool = True) -> tuple[str, str]:
    """The urgency as printed: the mark (ด่วนที่สุด … ด่วนภายใน) and, for ด่วนภายใน, the day and time it must reach
    its addressee ('' when none)."""
    if document.urgency == 'normal':
        return '', ''
    mark = registers.URGENCY[document.urgency]
    when = ''
    if document.urgency == 'within' and document.urgent_date:
        when = f'วันที่ {format_date(document.urgent_date, "long")}'
        if document.urgent_time:
            when += f' เวลา {document.urgent_time} น.'
    return mark, to_thai_digits(when) if thai else when


def _marked(pdf: 'FPDF', document: Document, thai: bool = True) -> None:
    """Secrecy in red at the top and bottom centre of every page; urgency in red 32 pt bold at the top left of the
    first page, above the ครุฑ."""
    secrecy = registers.SECRECY[document.secrecy] if document.secrecy != 'normal' else ''
    urgency, within = urgency_marks(document, thai)
    page_header, page_footer = pdf.header, pdf.footer

    def mark(y: float, text: str, size: int, align: str = 'C') -> None:
        pdf.set_text_color(*RED)
        pdf.set_font(FONT_FAMILY, 'B', size)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(pdf.epw, size * 0.4, text, align=align)
        pdf.set_text_color(0, 0, 0)

    def header() -> None:
        page_header()
        if secrecy:
            mark(3, secrecy, SECRECY_SIZE)
        if urgency and pdf.page_no() == 1:
            mark(8, urgency, URGENCY_SIZE, 'L')
            if within:  # ด่วนภายใน: the day and time under the mark, left of the ครุฑ
                mark(22, within, WITHIN_SIZE, 'L')
        pdf.set_xy(pdf.l_margin, pdf.t_margin)

    def footer() -> None:
        page_footer()
        if secrecy:
            mark(pdf.h - 12, secrecy, SECRECY_SIZE)

    pdf.header, pdf.footer = header, footer


ENVELOPE = (110, 220)  # ซองขนาดดีแอล (ข้อ 74.2.4), printed landscape: 220 × 110 mm
ENVELOPE_FORMS = ('external', 'stamped')  # the letters that go out by post


def _envelope_side(pdf: 'FPDF', p: Paper, secrecy: str) -> None:
    """One envelope (แบบที่ 15): the small ครุฑ at the top left with the LAO's name, address and the letter's
    number under it; the urgency in red 32 pt bold under them; a box for the postage at the top right; the
    addressee in the middle; the secrecy mark, when given, at the top and bottom centre."""
    pdf.add_page(orientation='L', format=ENVELOPE)
    left, top = 12, 8
    if p.garuda is not None:
        pdf.image(io.BytesIO(p.garuda), x=left, y=top, h=15)
    else:
        pdf.set_draw_color(120, 120, 120)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.ellipse(left, top, 13.5, 15)
        pdf.set_dash_pattern()
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.set_xy(left, top + 16)
    lines = [f'ที่ {p.number}', *p.address()]
    pdf.multi_cell(95, 6, breakable('\n'.join(lines)), new_x='LMARGIN', new_y='NEXT')
    urgency, within = urgency_marks(p.document, p.thai)
    y = pdf.get_y() + 1
    pdf.set_text_color(*RED)
    if urgency:
        pdf.set_font(FONT_FAMILY, 'B', URGENCY_SIZE)
        pdf.set_xy(left, y)
        pdf.cell(95, 13, urgency, new_x='LMARGIN', new_y='NEXT')
        if within:
            pdf.set_font(FONT_FAMILY, 'B', WITHIN_SIZE)
            pdf.set_x(left)
            pdf.cell(95, 7, within, new_x='LMARGIN', new_y='NEXT')
    if secrecy:
        pdf.set_font(FONT_FAMILY, 'B', SECRECY_SIZE)
        for mark_y in (2, pdf.h - 11):
            pdf.set_xy(0, mark_y)
            pdf.cell(pdf.w, 9, secrecy, align='C')
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.rect(pdf.w - 42, 8, 30, 24)  # the postage (ตราไปรษณียากร หรือชำระค่าฝากส่ง)
    pdf.set_font(FONT_FAMILY, '', 10)
    pdf.set_xy(pdf.w - 42, 15)
    pdf.multi_cell(30, 5, breakable('ที่ติดตราไปรษณียากร\nหรือชำระค่าฝากส่ง'), align='C')
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    pdf.set_xy(95, 55)
    addressee = [f'เรียน {p.document.recipient}'.strip(), *p.document.recipient_address.splitlines()]
    pdf.multi_cell(pdf.w - 95 - 12, LINE, breakable(p.digits('\n'.join(x.strip() for x in addressee if x.strip()))),
                   new_x='LMARGIN', new_y='NEXT')


def render_envelope(document: Document, thai_digits: bool = True) -> bytes:
    """The envelope of an outgoing letter (ซองหนังสือ, ข้อ 77, แบบที่ 15). A secret letter goes in two envelopes
    (ระเบียบว่าด้วยการรักษาความลับของทางราชการ พ.ศ. 2544): the inner one bears its secrecy mark, the outer one
    none, so that nothing on the outside tells it is secret; both are printed."""
    p = paper(document, thai_digits)
    pdf = thai_pdf(page_numbers=False)
    pdf.set_auto_page_break(False)
    pdf.set_title(f'ซองหนังสือ {document.number_text}'.strip())
    if document.secrecy != 'normal':
        _envelope_side(pdf, p, f'{registers.SECRECY[document.secrecy]} (ซองชั้นใน)')
    _envelope_side(pdf, p, '')
    return bytes(pdf.output())


def print_envelope(actor: Principal, document_id: int, thai_digits: bool = True) -> bytes:
    """The envelope for a user who may see the letter: outgoing letters only (หนังสือภายนอก, ประทับตรา)."""
    with db.session_scope() as session:
        document = registers.visible_document(session, actor, document_id)
    if document.register_key != 'outgoing' or kinds.form_of(document).key not in ENVELOPE_FORMS:
        raise registers.OfficeError('พิมพ์ซองได้เฉพาะหนังสือส่งออกภายนอก (หนังสือภายนอก หนังสือประทับตรา)')
    audit_read(REGISTRY[DOCUMENTS], actor, document, 'print')
    return render_envelope(document, thai_digits)


def render_letter(document: Document, thai_digits: bool = True) -> bytes:
    """The paper as it is printed for signature and sending, in its form's official layout."""
    p = paper(document, thai_digits)
    pdf = thai_pdf()
    pdf.set_title(f'{p.form.title} {document.number_text}'.strip())
    _marked(pdf, document, thai_digits)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, '', LETTER_SIZE)
    blocks = p.form.blocks
    first_tail = next((n for n, b in enumerate(blocks) if b in TAIL), len(blocks))
    for block in blocks[:first_tail]:
        BLOCKS[block](pdf, p)
    with pdf.unbreakable() as kept:  # the closing, signature and owner unit never start a page alone
        for block in blocks[first_tail:]:
            BLOCKS[block](kept, p)
    return bytes(pdf.output())


def print_letter(actor: Principal, document_id: int, thai_digits: bool = True) -> bytes:
    """The paper for a user who may see it; printing a secret letter is audited."""
    with db.session_scope() as session:
        document = registers.visible_document(session, actor, document_id)
    if document.register_key == 'incoming':
        raise registers.OfficeError('หนังสือรับพิมพ์ตามแบบไม่ได้ (พิมพ์ได้เฉพาะหนังสือที่ อปท. ออก)')
    audit_read(REGISTRY[DOCUMENTS], actor, document, 'print')  # the registers declare what reads are audited
    return render_letter(document, thai_digits)
