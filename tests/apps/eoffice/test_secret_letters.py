"""Secret letters (ลับ, ลับมาก, ลับที่สุด) are registered and kept by the LAO's secret-letter officer: the general
registrar neither registers them nor reaches them by URL, list, search, inbox or export; the executive they are
presented to reads them; exports holding them are audited; the administrator names the officer's seat."""

from io import BytesIO

import pandas as pd
import pytest
from nicegui.testing import User
from sqlmodel import select

from apps.admin import service as admin
from apps.eoffice import letter, routing
from apps.eoffice.resources import DOCUMENTS, INCOMING
from core import db, resource
from core.access import PermissionDenied, load_principal
from core.errors import ValidationFailed
from helpers import principal, sign_in
from models.audit import AuditEvent
from models.office import Document
from models.org import Position

SECRET_LETTER = {'kind': 'external', 'doc_date': '18/11/2569', 'ref_no': 'นม 0023.4/ลับ 15',
                 'sender': 'สถานีตำรวจภูธรเมืองนครราชสีมา', 'recipient': 'นายก อบต.',
                 'subject': 'รายชื่อผู้ต้องสงสัยลักลอบค้าไม้เถื่อนในตำบล', 'body': 'ขอให้เฝ้าระวังและแจ้งเบาะแส',
                 'urgency': 'urgent', 'secrecy': 'top_secret'}


def _ids_in(content: bytes) -> set[str]:
    return set(pd.read_excel(BytesIO(content), dtype=str)['เลขที่'].dropna())


def _exports() -> list[AuditEvent]:
    """The audited exports of registers (the demo's own G2G package export is an export of another kind)."""
    with db.session_scope() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == 'export',
                                                          AuditEvent.object_type != 'G2GPackage')
                                 .order_by(AuditEvent.id)).all())


def _seat(code: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(Position.id).where(Position.code == code)).one()


def test_the_general_registrar_may_not_register_a_secret_letter_and_is_told_who_does() -> None:
    clerk = principal('clerk')
    before = resource.query(INCOMING, principal('palad')).total
    with pytest.raises(ValidationFailed, match='หนังสือลับต้องลงทะเบียนโดย หัวหน้าสำนักปลัด') as refused:
        resource.create(INCOMING, clerk, SECRET_LETTER)
    assert set(refused.value.errors) == {'secrecy'}  # the form names the field and keeps what she typed
    assert resource.query(INCOMING, principal('palad')).total == before


def test_the_officer_registers_a_top_secret_letter_and_presents_it_to_the_mayor_who_reads_it() -> None:
    officer, clerk, mayor, deputy = (principal(n) for n in ('head_palad', 'clerk', 'mayor', 'deputy1'))
    assert not mayor.can('eoffice.doc.secret')  # the นายก reads it because it was presented to him
    doc_id = resource.create(INCOMING, officer, SECRET_LETTER)
    number = resource.get(INCOMING, officer, doc_id).number_text
    routing.present(officer, doc_id, mayor.user_id, 'เพื่อโปรดพิจารณา (ลับที่สุด)')
    assert resource.get(INCOMING, mayor, doc_id).subject == SECRET_LETTER['subject']
    assert doc_id in {d.id for d in routing.inbox(mayor)}
    assert letter.letter_view(mayor, doc_id).moves.order
    routing.order(mayor, doc_id, 'ทราบ เก็บเป็นความลับ')
    assert resource.get(INCOMING, mayor, doc_id).status == 'done'  # still his to read once filed

    for outsider in (clerk, deputy):
        with pytest.raises(PermissionDenied):
            resource.get(INCOMING, outsider, doc_id)
        with pytest.raises(PermissionDenied):
            letter.letter_view(outsider, doc_id)
    assert doc_id not in {d.id for d in resource.query(INCOMING, clerk, per_page=500).rows}
    assert resource.query(DOCUMENTS, clerk, search='ค้าไม้เถื่อน').total == 0
    assert resource.query(DOCUMENTS, clerk, filters={'secrecy': 'top_secret'}).total == 0
    assert doc_id not in {d.id for d in routing.inbox(clerk)}
    assert number not in _ids_in(resource.export_xlsx(INCOMING, clerk))
    assert number not in _ids_in(resource.export_xlsx(DOCUMENTS, clerk, search='ค้าไม้เถื่อน'))
    resource.export_pdf(INCOMING, clerk)
    assert _exports() == []  # nothing secret in her exports, so nothing to audit


def test_no_demo_secret_letter_reaches_the_general_registrar() -> None:
    clerk = principal('clerk')
    with db.session_scope() as session:
        secret = set(session.exec(select(Document.id).where(Document.secrecy != 'normal')).all())
    assert len(secret) >= 5
    assert not secret & {d.id for d in resource.query(DOCUMENTS, clerk, per_page=1000).rows}
    assert resource.query(DOCUMENTS, principal('head_palad'), filters={'secrecy': 'top_secret'}).total >= 1


def test_a_letter_made_secret_after_the_registrar_logged_it_leaves_her_hands() -> None:
    clerk, officer = principal('clerk'), principal('head_palad')
    doc_id = resource.create(INCOMING, clerk, {**SECRET_LETTER, 'secrecy': 'normal', 'subject': 'ซองจากสถานีตำรวจ'})
    with pytest.raises(ValidationFailed, match='ชั้นความลับของหนังสือเปลี่ยนได้โดย หัวหน้าสำนักปลัด'):
        resource.update(INCOMING, clerk, doc_id, {**SECRET_LETTER, 'subject': 'ซองจากสถานีตำรวจ'})
    resource.update(INCOMING, officer, doc_id, SECRET_LETTER)
    with pytest.raises(PermissionDenied):  # registering it was no route: the register step is her own
        resource.get(INCOMING, clerk, doc_id)


def test_an_export_by_a_cleared_user_is_one_audit_event_naming_the_register_and_its_secret_letters() -> None:
    palad = principal('palad')
    secret = resource.query(INCOMING, palad, filters={'secrecy': 'secret'}).total
    rows = resource.query(INCOMING, palad, filters={'secrecy': 'secret'}).rows
    content = resource.export_xlsx(INCOMING, palad, filters={'secrecy': 'secret'})
    assert _ids_in(content) == {d.number_text for d in rows}
    resource.export_pdf(DOCUMENTS, palad, search='สอบสวนข้อเท็จจริง')
    xlsx, pdf = _exports()
    assert (xlsx.actor_id, xlsx.object_type) == (palad.user_id, 'Document')
    assert '"register":"ทะเบียนหนังสือรับ"' in xlsx.data.replace(' ', '')
    assert f'"audited_rows":{secret}' in xlsx.data.replace(' ', '') and '"format":"xlsx"' in xlsx.data
    assert '"format":"pdf"' in pdf.data and '"register":"ค้นหาหนังสือทุกทะเบียน"' in pdf.data.replace(' ', '')


def test_the_administrator_names_the_seat_and_only_its_holder_in_it_registers_secret_letters() -> None:
    admin_user, officer = principal('admin'), principal('head_palad')
    with pytest.raises(admin.AdminError, match='นายทะเบียนหนังสือลับ'):
        admin.update_settings(admin_user, {**_settings(admin_user), 'secret_officer_position_id': 999_999})
    admin.update_settings(admin_user, {**_settings(admin_user), 'secret_officer_position_id': None})
    with pytest.raises(ValidationFailed, match='ยังไม่ได้กำหนดตำแหน่ง'):
        resource.create(INCOMING, officer, SECRET_LETTER)
    seat = _seat('HEAD_PALAD')
    assert seat in admin.settings_seats(admin_user)
    admin.update_settings(admin_user, {**_settings(admin_user), 'secret_officer_position_id': seat})
    assert admin.get_settings_of(admin_user).secret_officer_position_id == seat
    with db.session_scope() as session:  # acting as ผอ.กองสวัสดิการสังคม (the header's switcher) she is not the officer
        welfare = load_principal(session, officer.user_id, officer.position_ids[1])
    with pytest.raises(ValidationFailed, match='หนังสือลับต้องลงทะเบียนโดย หัวหน้าสำนักปลัด'):
        resource.create(INCOMING, welfare, SECRET_LETTER)
    doc_id = resource.create(INCOMING, officer, SECRET_LETTER)
    with pytest.raises(PermissionDenied):  # the seat reads it, not the person (nor having registered it)
        resource.get(INCOMING, welfare, doc_id)


def _settings(actor) -> dict:
    org = admin.get_settings_of(actor)
    return {k: getattr(org, k) for k in (*admin.SETTING_LIMITS, 'attachment_types', 'letter_prefix')}


def _top_secret_id() -> int:
    with db.session_scope() as session:
        return session.exec(select(Document.id).where(Document.secrecy == 'top_secret')).first()


async def test_the_registrar_opening_a_top_secret_letter_by_its_address_gets_no_content(user: User) -> None:
    doc_id = _top_secret_id()
    with db.session_scope() as session:
        subject = session.get(Document, doc_id).subject
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open(f'/eoffice/incoming/{doc_id}')
    await user.should_see('ท่านไม่มีสิทธิ์เข้าถึงหนังสือรับนี้')
    await user.should_not_see(marker='detail-fields')
    await user.should_not_see(marker='route-timeline')
    await user.should_not_see(subject)


async def test_the_officer_opens_it_and_the_settings_page_names_her_seat(user: User) -> None:
    doc_id = _top_secret_id()
    await sign_in(user, 'head_palad', expect='สวัสดี')
    await user.open(f'/eoffice/incoming/{doc_id}')
    await user.should_see(marker='route-timeline')
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/admin/settings')
    seat = user.find(marker='setting-secret_officer').elements.pop()
    assert seat.value == _seat('HEAD_PALAD')
