"""The six kinds of หนังสือราชการ in their official forms, and the signing step: who may sign (the นายก, a deputy under
an order reaching the letter's division, the division's head, the writer), the signature stored as printed, the
number given only at issue, every move audited and made once; and each form's paper (its fixed words, the signer,
the marks), with a PNG of each first page under test-artifacts/ for eyes."""

import io
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from nicegui.testing import User
from sqlalchemy import inspect
from sqlmodel import func, select

from apps.admin import service as admin_service
from apps.eoffice import kinds, routing, signing
from apps.eoffice.reports import render_letter
from apps.eoffice.resources import ANNOUNCEMENTS, EVIDENCE, MEMO, ORDERS, OUTGOING
from core import db, resource
from core.errors import Denied, Refusal, ValidationFailed
from helpers import principal, sign_in
from models.audit import AuditEvent
from models.office import Document, RouteStep
from models.org import Division, Organization

ARTIFACTS = Path(__file__).parents[3] / 'test-artifacts' / 'eoffice-forms'
BODY = ('ด้วยองค์การบริหารส่วนตำบลบ้านตัวอย่างได้ดำเนินโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่ 3 แล้วเสร็จตามสัญญา\n'
        'จึงเรียนมาเพื่อโปรดทราบ')
BASE = {'doc_date': '5/1/2570', 'recipient': 'นายอำเภอเมืองนครราชสีมา', 'subject': 'ขอส่งรายงานผลการดำเนินงานโครงการ',
        'body': BODY, 'urgency': 'normal', 'secrecy': 'normal'}
REGISTER_OF = {'outgoing': OUTGOING, 'memo': MEMO, 'order': ORDERS, 'announcement': ANNOUNCEMENTS,
               'evidence': EVIDENCE}


MINUTES = {'meeting_place': 'ห้องประชุมสภาองค์การบริหารส่วนตำบล', 'meeting_start': '9:30', 'meeting_end': '12.00',
           'attendees': 'นายสมชาย ใจดี นายก ประธาน\nนางสุนีย์ วงศ์ใหญ่ ปลัด กรรมการ',
           'absentees': 'นางสมศรี พิมพ์ทอง ผู้อำนวยการกองการศึกษา ติดราชการ',
           'participants': 'นายบุญมี ศรีสุข ผู้ใหญ่บ้านหมู่ที่ 3',
           'agenda': 'เรื่องที่ประธานแจ้งให้ทราบ\nมติที่ประชุม รับทราบ\n\nเรื่องเพื่อพิจารณา\nมติที่ประชุม เห็นชอบ',
           'checker_name': 'นางสุนีย์ วงศ์ใหญ่', 'checker_position': 'ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง'}


def _division(code: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(Division.id).where(Division.code == code)).one()


def _draft(form: str, division: str = 'PALAD', actor=None, **values) -> int:
    register = REGISTER_OF[kinds.FORMS[form].register]
    return resource.create(register, actor or principal('clerk'),
                           {**BASE, **(MINUTES if form == 'minutes' else {}), 'form': form,
                            'division_id': _division(division), **values})


def _document(doc_id: int) -> Document:
    with db.session_scope() as session:
        return session.get(Document, doc_id)


def _text(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / 'paper.pdf'
    path.write_bytes(pdf)
    return subprocess.run(['pdftotext', *options, str(path), '-'], capture_output=True, text=True,
                          check=True).stdout


MARKS = dict.fromkeys([0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])


def _plain(text: str) -> str:
    """Text compared without spaces, zero-width spaces and Thai vowel and tone marks (pdftotext gives shaped
    marks back in another order)."""
    return ''.join(text.split()).replace('\u200b', '').translate(MARKS)


# --- the kinds and their fields ---------------------------------------------------------------------------------------

def test_each_form_belongs_to_one_of_the_six_kinds_and_its_register() -> None:
    assert {f.kind for f in kinds.FORMS.values()} == {'external', 'internal', 'stamped', 'directive', 'publicity',
                                                      'evidence'}
    for form in kinds.FORMS.values():
        doc = _document(_draft(form.key))
        assert (doc.form, doc.kind, doc.register_key, doc.status) == (form.key, form.kind, form.register, 'draft')
        assert form.clause.startswith('ข้อ ')  # each form cites its clause of the ระเบียบงานสารบรรณ


def test_a_register_refuses_a_form_of_another_register_naming_its_own() -> None:
    with pytest.raises(ValidationFailed) as failed:
        resource.create(OUTGOING, principal('clerk'), {**BASE, 'form': 'order'})
    assert failed.value.errors['form'].startswith('แบบหนังสือ: ')
    assert OUTGOING.field('form').choices == {'external': 'หนังสือภายนอก', 'stamped': 'หนังสือประทับตรา'}


def test_an_order_keeps_the_day_it_takes_effect() -> None:
    doc = _document(_draft('order', effective_date='1/2/2570'))
    assert doc.effective_date.isoformat() == '2027-02-01'


def test_the_migration_adds_every_column_the_models_declare() -> None:
    inspector = inspect(db.engine())
    for model in (Document, Organization):
        have = {c['name'] for c in inspector.get_columns(model.__tablename__)}
        assert set(model.model_fields) <= have, model.__tablename__


# --- signing -------------------------------------------------------------------------------------------------------

def test_a_palad_letter_goes_to_the_mayor_who_signs_it_in_his_own_right() -> None:
    clerk, mayor = principal('clerk'), principal('mayor')
    doc_id = _draft('external')
    signing.propose(clerk, doc_id)
    assert _document(doc_id).owner_id == mayor.user_id  # waiting in his inbox
    signing.sign(mayor, doc_id)
    doc = _document(doc_id)
    assert (doc.status, doc.signed_by, doc.signer_name, doc.signer_position, doc.signer_capacity) == (
        'signed', mayor.user_id, 'นายสมชาย ใจดี', 'นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง', '')
    assert doc.signed_at is not None and doc.number is None  # signed, not yet numbered


def test_a_proposed_paper_counts_as_waiting_for_its_signer_until_signed() -> None:
    mayor = principal('mayor')
    before = routing.pending_counts(mayor)[2]
    doc_id = _draft('announcement')
    signing.propose(principal('clerk'), doc_id)
    assert routing.pending_counts(mayor)[2] == before + 1
    assert doc_id in {d.id for d in routing.inbox(mayor)}
    signing.sign(mayor, doc_id)
    assert routing.pending_counts(mayor)[2] == before
    assert routing.pending_counts(principal('clerk'))[0] >= 1  # now the registrar's, to issue


def test_the_deputy_signs_the_letters_of_the_divisions_his_order_names_on_behalf_of_the_mayor() -> None:
    clerk, deputy = principal('clerk'), principal('deputy1')
    doc_id = _draft('external', 'ENG')
    signing.propose(clerk, doc_id)
    assert _document(doc_id).owner_id == deputy.user_id
    signing.sign(deputy, doc_id)
    doc = _document(doc_id)
    assert (doc.signer_name, doc.signer_capacity, doc.signer_for) == (
        'นายวิชัย รุ่งเรือง', 'ปฏิบัติราชการแทน', 'นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง')
    assert doc.signed_under.startswith('คำสั่งที่ 246/2567')
    with db.session_scope() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.object_id == str(doc_id),
                                                      AuditEvent.action == 'transition')
                             .order_by(AuditEvent.id.desc())).first()
    assert '246/2567' in event.data  # the order signed under is in the audit of the move


def test_the_deputy_may_not_sign_a_letter_of_a_division_his_order_does_not_reach() -> None:
    doc_id = _draft('external', 'PALAD')
    signing.propose(principal('clerk'), doc_id)
    with pytest.raises(Denied, match='ไม่ใช่เรื่องของส่วนราชการดังกล่าว'):
        signing.sign(principal('deputy1'), doc_id)
    assert _document(doc_id).status == 'proposed'


def test_the_palad_orders_on_letters_but_may_not_sign_them_and_is_told_why() -> None:
    doc_id = _draft('order')
    signing.propose(principal('clerk'), doc_id)
    with pytest.raises(Denied, match='ลงนามคำสั่งได้เฉพาะนายก หรือผู้ได้รับมอบอำนาจ'):
        signing.sign(principal('palad'), doc_id)
    with pytest.raises(Denied):
        signing.sign(principal('clerk'), doc_id)


def test_a_stamped_letter_and_a_memo_are_signed_by_the_head_of_their_division() -> None:
    for form in ('stamped', 'memo'):
        doc_id = _draft(form, 'FIN')
        signing.propose(principal('clerk'), doc_id)
        with pytest.raises(Denied, match='หัวหน้ากองคลัง'):
            signing.sign(principal('mayor'), doc_id)
        signing.sign(principal('finance_dir'), doc_id)
        assert _document(doc_id).signer_position == 'ผู้อำนวยการกองคลัง'


def test_the_acting_head_signs_as_acting_for_the_seat() -> None:
    doc_id = _draft('memo', 'WELFARE')
    signing.propose(principal('clerk'), doc_id)
    signing.sign(principal('head_palad'), doc_id)
    doc = _document(doc_id)
    assert (doc.signer_position, doc.signer_capacity, doc.signer_for) == (
        'หัวหน้าสำนักปลัด', 'รักษาราชการแทน', 'ผู้อำนวยการกองสวัสดิการสังคม')


def test_minutes_are_signed_by_their_writer_only() -> None:
    doc_id = _draft('minutes')
    signing.propose(principal('clerk'), doc_id)
    with pytest.raises(Denied, match='ผู้จัดทำ'):
        signing.sign(principal('mayor'), doc_id)
    signing.sign(principal('clerk'), doc_id)
    assert _document(doc_id).signer_name == 'นางสาวสายใจ บุญมา'


def test_the_number_is_given_at_issue_only_and_the_paper_is_locked_once_signed() -> None:
    clerk, mayor = principal('clerk'), principal('mayor')
    doc_id = _draft('external')
    with pytest.raises(Refusal, match='ไม่ได้ในสถานะ "ร่าง"'):
        signing.issue(clerk, doc_id)
    signing.propose(clerk, doc_id)
    with pytest.raises(Refusal, match='เสนอลงนาม'):  # a proposed letter changes only when sent back
        resource.update(OUTGOING, clerk, doc_id, {**BASE, 'subject': 'เปลี่ยนเรื่อง'})
    signing.sign(mayor, doc_id)
    assert _document(doc_id).number is None
    with pytest.raises(Denied):
        signing.issue(principal('teacher'), doc_id)
    signing.issue(clerk, doc_id)
    doc = _document(doc_id)
    assert doc.status == 'issued' and doc.number_text.startswith('นม 89901/')
    with pytest.raises(Refusal, match='ลงนามแล้ว'):
        resource.update(OUTGOING, clerk, doc_id, {**BASE, 'subject': 'เปลี่ยนเรื่อง'})
    signing.dispatch(clerk, doc_id)
    assert _document(doc_id).status == 'sent'
    with db.session_scope() as session:
        trail = session.exec(select(RouteStep.action).where(RouteStep.document_id == doc_id)
                             .order_by(RouteStep.id)).all()
        moves = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.object_id == str(doc_id), AuditEvent.action == 'transition')).one()
    assert trail == ['draft', 'propose', 'sign', 'issue', 'dispatch']
    assert moves == 4


def test_the_signer_sends_a_draft_back_with_a_reason() -> None:
    doc_id = _draft('external')
    signing.propose(principal('clerk'), doc_id)
    with pytest.raises(Refusal, match='เหตุผล'):
        signing.move(principal('mayor'), doc_id, 'send_back')
    signing.move(principal('mayor'), doc_id, 'send_back', 'แก้ไขเรื่องให้ชัดเจน')
    doc = _document(doc_id)
    assert (doc.status, doc.owner_id) == ('draft', principal('clerk').user_id)


def test_a_double_click_on_sign_and_issue_signs_once_and_takes_one_number() -> None:
    clerk, mayor = principal('clerk'), principal('mayor')
    doc_id = _draft('order')
    signing.propose(clerk, doc_id)
    version = _document(doc_id).version

    def sign_once(_n: int) -> str:
        try:
            signing.sign(mayor, doc_id, version=version, key='sign-click')
            return 'ok'
        except Refusal as error:
            return str(error)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(sign_once, range(2)))
    issued_version = _document(doc_id).version
    for _ in range(2):
        signing.issue(clerk, doc_id, version=issued_version, key='issue-click')
    with db.session_scope() as session:
        signs = session.exec(select(func.count()).select_from(RouteStep).where(
            RouteStep.document_id == doc_id, RouteStep.action == 'sign')).one()
        numbered = session.exec(select(func.count()).select_from(Document).where(
            Document.register_key == 'order', Document.number_text == _document(doc_id).number_text)).one()
    assert signs == 1 and numbered == 1


# --- the papers ----------------------------------------------------------------------------------------------------

FIXED_WORDS = {  # what each form prints whatever its content (its fixed words)
    'external': ('ที่', 'เรื่อง', 'เรียน', 'ขอแสดงความนับถือ', 'ตำบลบ้านตัวอย่าง', 'อำเภอเมืองนครราชสีมา',
                 'จังหวัดนครราชสีมา30000', 'สำนักปลัด', 'โทร.0440000'),
    'stamped': ('ที่', 'ถึง', 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'ลงชื่อย่อกำกับตรา', 'สำนักปลัด'),
    'memo': ('บันทึกข้อความ', 'ส่วนราชการ', 'ที่', 'วันที่', 'เรื่อง', 'เรียน'),
    'order': ('คำสั่งองค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'ที่', 'เรื่อง', 'ทั้งนี้ตั้งแต่', 'สั่งณวันที่'),
    'regulation': ('ระเบียบองค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'สั่งณวันที่'),
    'bylaw': ('ข้อบังคับองค์การบริหารส่วนตำบลบ้านตัวอย่าง',),
    'announcement': ('ประกาศองค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'เรื่อง', 'ประกาศณวันที่'),
    'statement': ('แถลงการณ์องค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'ฉบับที่'),
    'news': ('ข่าวองค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'ฉบับที่'),
    'certificate': ('หนังสือรับรอง', 'ให้ไว้ณวันที่'),
    'minutes': ('รายงานการประชุม', 'ครั้งที่', 'เมื่อวันที่', 'ณห้องประชุมสภา', 'ผู้มาประชุม', '1.นายสมชายใจดี',
                'ผู้ไม่มาประชุม', 'ผู้เข้าร่วมประชุม', 'เริ่มประชุมเวลา09.30น.', 'ระเบียบวาระที่1เรื่องที่ประธานแจ้ง',
                'ระเบียบวาระที่2เรื่องเพื่อพิจารณา', 'เลิกประชุมเวลา12.00น.', 'ผู้จดรายงานการประชุม',
                '(นางสุนีย์วงศ์ใหญ่)', 'ผู้ตรวจรายงานการประชุม'),
}
SIGNERS = {'executive': ('mayor', 'นายสมชายใจดี', 'นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง'),
           'division_head': ('head_palad', 'นางสาววรรณาทองดี', 'หัวหน้าสำนักปลัด'),
           'writer': ('clerk', 'นางสาวสายใจบุญมา', 'เจ้าพนักงานธุรการ')}


def _signed_paper(form: str, registrar: str = 'clerk', **values) -> Document:
    doc_id = _draft(form, actor=principal(registrar), **values)
    signing.propose(principal(registrar), doc_id)
    signing.sign(principal(SIGNERS[kinds.FORMS[form].signer][0]), doc_id)
    signing.issue(principal(registrar), doc_id)
    return _document(doc_id)


@pytest.mark.parametrize('form', list(kinds.FORMS))
def test_each_form_prints_its_fixed_words_the_signer_and_no_salutation_where_it_has_none(form, tmp_path) -> None:
    doc = _signed_paper(form, effective_date='1/2/2570')
    pdf = render_letter(doc, thai_digits=False)
    text = _plain(_text(pdf, tmp_path))
    for words in FIXED_WORDS[form]:
        assert _plain(words) in text, (form, words)
    _user, name, position = SIGNERS[kinds.FORMS[form].signer]
    if form == 'stamped':  # stamped, not signed: the head initials the stamp
        assert _plain(f'ลงชื่อย่อกำกับตรา: {name}') in text
    else:
        assert _plain(f'({name})') in text and _plain(position) in text
    if {'ref_address', 'number', 'memo_head', 'meeting_head'} & set(kinds.FORMS[form].blocks):
        assert _plain(doc.number_text) in text  # the number given at issue
    if 'salutation' not in kinds.FORMS[form].blocks and 'memo_head' not in kinds.FORMS[form].blocks:
        assert _plain('เรียน') not in text.replace(_plain(BODY_WORD), '')
    if 'closing' not in kinds.FORMS[form].blocks:
        assert _plain('ขอแสดงความนับถือ') not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (tmp_path / 'paper.pdf').write_bytes(pdf)
    subprocess.run(['pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', str(tmp_path / 'paper.pdf'),
                    str(ARTIFACTS / form)], check=True)


def test_every_form_of_the_demo_prints_with_its_signature_and_a_paper_waits_for_the_mayor(tmp_path) -> None:
    with db.session_scope() as session:
        sent = {form: session.exec(select(Document).where(Document.form == form, Document.status == 'sent')
                                   .order_by(Document.id)).first() for form in kinds.FORMS}
        waiting = session.exec(select(Document).where(Document.status == 'proposed',
                                                      Document.owner_id == principal('mayor').user_id)).all()
    assert all(sent.values()), [form for form, doc in sent.items() if doc is None]
    for form, doc in sent.items():
        text = _plain(_text(render_letter(doc), tmp_path))
        assert _plain(doc.signer_name) in text and doc.signed_at is not None, form
        heading = kinds.FORMS[form].heading.format(org='องค์การบริหารส่วนตำบลบ้านตัวอย่าง', subject=doc.subject)
        assert _plain(heading) in text, form
    assert any(doc.urgency == 'most_urgent' for doc in waiting)


BODY_WORD = 'จึงเรียนมาเพื่อโปรดทราบ'  # the body's own words may hold เรียน


def _word_heights(pdf: bytes, tmp_path: Path) -> dict[str, float]:
    """The height of each word's box on the first page (pdftotext -bbox), in points."""
    html = _text(pdf, tmp_path, '-bbox', '-f', '1', '-l', '1')
    heights = {}
    for line in html.splitlines():
        if '<word ' in line:
            attrs = dict(part.split('=', 1) for part in line.split('<word ')[1].split('>')[0].split())
            word = line.split('>')[1].split('<')[0]
            heights.setdefault(word, float(attrs['yMax'].strip('"')) - float(attrs['yMin'].strip('"')))
    return heights


def test_the_urgency_mark_is_at_least_32_point_bold_red_above_the_garuda(tmp_path) -> None:
    doc = _signed_paper('external', urgency='most_urgent')
    heights = _word_heights(render_letter(doc, thai_digits=False), tmp_path)
    urgency = next(h for w, h in heights.items() if 'ด่วนที่สุด' in w)
    subject = next(h for w, h in heights.items() if w == 'เรื่อง')  # the bold 16 pt label
    assert urgency / subject >= 32 / 16 - 0.01


def test_the_secrecy_mark_is_at_the_top_and_bottom_of_every_page(tmp_path) -> None:
    long_body = '\n'.join([BODY.split('\n')[0]] * 40)
    doc = _signed_paper('external', 'head_palad', secrecy='secret', body=long_body)
    pdf = render_letter(doc, thai_digits=False)
    pages = _text(pdf, tmp_path, '-layout').split('\f')
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == 'ลับ' and lines[-1] == 'ลับ'


def test_the_owner_unit_lines_stay_with_the_signature_on_the_last_page(tmp_path) -> None:
    for paragraphs in range(8, 16):  # whatever the body's length, the tail never starts a page alone
        doc = _signed_paper('external', body='\n'.join([BODY.split('\n')[0]] * paragraphs))
        pages = [p for p in _text(render_letter(doc, thai_digits=False), tmp_path, '-layout').split('\f')
                 if p.strip()]
        last = _plain(pages[-1])
        assert all(_plain(words) in last for words in ('ขอแสดงความนับถือ', 'นายสมชาย ใจดี', 'โทร.')), paragraphs


def test_a_proposed_paper_prints_the_name_of_who_it_goes_to_for_signing(tmp_path) -> None:
    doc_id = _draft('external', 'ENG')
    signing.propose(principal('clerk'), doc_id)
    text = _plain(_text(render_letter(_document(doc_id), thai_digits=False), tmp_path))
    assert _plain('(นายวิชัย รุ่งเรือง)') in text and _plain('ปฏิบัติราชการแทน') in text


# --- the LAO's ครุฑ and address (ตั้งค่า อปท.) ------------------------------------------------------------------------

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="90" height="100" viewBox="0 0 90 100">'
       b'<circle cx="45" cy="50" r="40" fill="none" stroke="black" stroke-width="3"/></svg>')


def _png() -> bytes:
    from PIL import Image, ImageDraw
    image = Image.new('RGBA', (90, 100), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 85, 95), outline=(0, 0, 0, 255), width=4)
    out = io.BytesIO()
    image.save(out, 'PNG')
    return out.getvalue()


def _images(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / 'paper.pdf'
    path.write_bytes(pdf)
    listed = subprocess.run(['pdfimages', '-list', str(path)], capture_output=True, text=True, check=True).stdout
    return listed.splitlines()[2:]


@pytest.mark.parametrize(('filename', 'content'), [('garuda.png', None), ('garuda.svg', SVG)])
def test_the_garuda_the_lao_uploads_is_printed_instead_of_the_outline(filename, content, tmp_path) -> None:
    doc = _signed_paper('external')
    assert not _images(render_letter(doc), tmp_path)  # before: the drawn outline
    admin_service.set_garuda(principal('admin'), filename, content or _png())
    text = _plain(_text(render_letter(doc), tmp_path))
    assert 'ตราครุฑ' not in text
    if filename.endswith('.png'):
        assert len(_images(render_letter(doc), tmp_path)) >= 1
    with db.session_scope() as session:
        assert session.get(Organization, doc.org_id).garuda_attachment_id is not None


def test_a_garuda_that_is_not_an_image_or_not_allowed_is_refused_and_only_the_administrator_sets_it() -> None:
    with pytest.raises(Refusal, match='ไม่อนุญาต'):
        admin_service.set_garuda(principal('admin'), 'garuda.gif', b'GIF89a....')
    with pytest.raises(Refusal, match='เปิดเป็นภาพไม่ได้'):
        admin_service.set_garuda(principal('admin'), 'garuda.png', b'\x89PNG\r\n\x1a\nnot really')
    with pytest.raises(Denied):
        admin_service.set_garuda(principal('clerk'), 'garuda.png', _png())


def test_the_address_set_in_the_lao_settings_is_printed_and_a_bad_postcode_refused(tmp_path) -> None:
    admin = principal('admin')
    org = admin_service.get_settings_of(admin)
    values = {k: getattr(org, k) for k in (*admin_service.SETTING_LIMITS, 'attachment_types', 'letter_prefix')}
    with pytest.raises(Refusal, match='รหัสไปรษณีย์: ต้องเป็นตัวเลข 5 หลัก'):
        admin_service.update_settings(admin, {**values, 'postcode': '3000A'})
    admin_service.update_settings(admin, {**values, 'address_line': 'เลขที่ 99 หมู่ที่ 5', 'subdistrict_name': 'หนองบัว',
                                          'postcode': '30310', 'phone': '0 4412 3456'})
    text = _plain(_text(render_letter(_signed_paper('external'), thai_digits=False), tmp_path))
    for words in ('เลขที่ 99 หมู่ที่ 5', 'ตำบลหนองบัว', 'จังหวัดนครราชสีมา 30310', 'โทร. 0 4412 3456'):
        assert _plain(words) in text, words


async def test_the_settings_page_offers_the_address_and_the_garuda(user: User) -> None:
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/settings')
    await user.should_see(marker='garuda-card', retries=50)
    await user.should_see('ยังไม่ได้ตั้งค่า')
    assert user.find(marker='setting-postcode').elements.pop().value == '30000'
    user.find(marker='setting-postcode').clear().type('3000')
    user.find(marker='save-settings').click()
    await user.should_see('รหัสไปรษณีย์: ต้องเป็นตัวเลข 5 หลัก', retries=50)


# --- รายงานการประชุม, ด่วนภายใน, the envelope, the draft's title ------------------------------------------------------


def test_minutes_require_their_place_start_and_attendees_and_times_of_day_naming_the_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _draft('minutes', meeting_place='', meeting_start='', attendees=' ')
    assert set(refused.value.errors) >= {'meeting_place', 'meeting_start', 'attendees'}
    assert 'ผู้มาประชุม' in refused.value.errors['attendees']
    with pytest.raises(ValidationFailed) as refused:
        _draft('minutes', **{**MINUTES, 'meeting_start': '25.00', 'meeting_end': '08.00'})
    assert 'เริ่มประชุมเวลา' in refused.value.errors['meeting_start']
    with pytest.raises(ValidationFailed) as refused:
        _draft('minutes', **{**MINUTES, 'meeting_end': '09.00'})
    assert 'หลังเวลาเริ่มประชุม' in refused.value.errors['meeting_end']
    doc = _document(_draft('minutes', **MINUTES))
    assert (doc.meeting_start, doc.meeting_end, doc.checker_name) == ('09.30', '12.00', 'นางสุนีย์ วงศ์ใหญ่')


def test_the_minutes_print_in_the_order_of_the_form(tmp_path) -> None:
    doc = _signed_paper('minutes')
    text = _plain(_text(render_letter(doc, thai_digits=False), tmp_path))
    order = [text.index(_plain(words)) for words in (
        'ครั้งที่', 'ณห้องประชุม', 'ผู้มาประชุม', 'ผู้ไม่มาประชุม', 'ผู้เข้าร่วมประชุม', 'เริ่มประชุมเวลา',
        'ระเบียบวาระที่1', 'ระเบียบวาระที่2', 'เลิกประชุมเวลา', 'ผู้จดรายงานการประชุม', 'ผู้ตรวจรายงานการประชุม')]
    assert order == sorted(order)


def test_urgent_within_needs_its_day_and_time_and_prints_them_under_the_mark(tmp_path) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _draft('external', urgency='within')
    assert {'urgent_date', 'urgent_time'} <= set(refused.value.errors)
    doc = _signed_paper('external', urgency='within', urgent_date='7/1/2570', urgent_time='10:00')
    assert doc.urgent_time == '10.00'
    text = _plain(_text(render_letter(doc, thai_digits=False), tmp_path))
    assert _plain('ด่วนภายใน') in text and _plain('วันที่ 7 มกราคม 2570 เวลา 10.00 น.') in text
    heights = _word_heights(render_letter(doc, thai_digits=False), tmp_path)
    assert heights['ด่วนภายใน'] >= 32 * 0.9
    incoming = resource.create(resource.REGISTRY['eoffice/incoming'],
                               principal('clerk'), {**BASE, 'sender': 'อำเภอเมืองนครราชสีมา', 'kind': 'external',
                                                    'urgency': 'within', 'urgent_date': '9/1/2570',
                                                    'urgent_time': '16.30'})
    assert _document(incoming).due_date.isoformat() == '2027-01-09'  # due the day it must reach us


def test_the_envelope_prints_the_lao_the_addressee_and_the_marks_and_a_secret_one_two_envelopes(tmp_path) -> None:
    from apps.eoffice.reports import print_envelope
    doc = _signed_paper('external', urgency='most_urgent',
                        recipient_address='ที่ว่าการอำเภอเมืองนครราชสีมา\nถนนมหาดไทย ตำบลในเมือง\n'
                                          'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000')
    pdf = print_envelope(principal('clerk'), doc.id, thai_digits=False)
    path = tmp_path / 'envelope.pdf'
    path.write_bytes(pdf)
    info = subprocess.run(['pdfinfo', str(path)], capture_output=True, text=True, check=True).stdout
    # one DL envelope, 220 × 110 mm
    assert re.search(r'Pages:\s+1\n', info) and re.search(r'Page size:\s+623\.6\d* x 311\.8', info)
    text = _plain(_text(pdf, tmp_path))
    for words in ('องค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'จังหวัดนครราชสีมา30000', doc.number_text, 'ด่วนที่สุด',
                  'เรียนนายอำเภอเมืองนครราชสีมา', 'ถนนมหาดไทย'):
        assert _plain(words) in text, words
    assert _word_heights(pdf, tmp_path)['ด่วนที่สุด'] >= 32 * 0.9
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(['pdftoppm', '-png', '-r', '60', '-singlefile', str(path), str(ARTIFACTS / 'envelope')],
                   check=True)
    secret = _signed_paper('external', registrar='head_palad', secrecy='secret')
    pages = subprocess.run(['pdftotext', '-', '-'], input=print_envelope(principal('head_palad'), secret.id),
                           capture_output=True, check=True).stdout.decode().split('\f')
    assert 'ลับ' in pages[0] and _plain('ซองชั้นใน') in _plain(pages[0])  # the inner envelope shows the secrecy
    assert 'ลับ' not in pages[1] and _plain('ซองชั้นใน') not in _plain(pages[1])  # the outer one does not tell
    memo = _signed_paper('memo')
    with pytest.raises(Refusal):
        print_envelope(principal('clerk'), memo.id)


def test_a_draft_is_named_draft_until_issued_then_by_its_number() -> None:
    doc = _document(_draft('external'))
    assert doc.heading == 'ร่าง'
    assert _signed_paper('external').heading.startswith('นม')


async def test_a_drafts_page_title_says_draft(user: User) -> None:
    doc_id = _draft('external')
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open(f'/eoffice/outgoing/{doc_id}')
    await user.should_see('หนังสือส่ง: ร่าง', retries=50)
    await user.should_see(marker='envelope-pdf')


def test_the_demos_outgoing_papers_went_through_signing() -> None:
    """No paper of the demo is left numbered without a signature: the old ones are signed and sent, the newest wait
    in the signing step."""
    with db.session_scope() as session:
        papers = session.exec(select(Document).where(Document.register_key != 'incoming',
                                                     Document.status != 'reserved')).all()
    assert papers and not [d.id for d in papers if d.status == 'issued']
    assert all(d.signed_at and d.signer_name and d.number_text for d in papers if d.status == 'sent')
    assert all(not d.number_text for d in papers if d.status in ('draft', 'proposed', 'signed'))
