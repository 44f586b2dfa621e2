"""e-Office pages (NiceGUI User, no browser): registers, secrecy by URL, routing buttons, links on a village,
the home page counts, and the public /e-service form with its bad inputs."""

from nicegui import ui
from nicegui.testing import User
from sqlmodel import func, select

from apps.eoffice import eservice, links, routing
from apps.eoffice.resources import DOCUMENTS, INCOMING
from apps.info.resources import VILLAGES
from core import db, resource
from core.errors import ValidationFailed
from helpers import principal, sign_in
from models.audit import AuditEvent
from models.office import CitizenRequest, Document, PublicHit

PDF = b'%PDF-1.4\n%test\n'


def _secret_id() -> int:
    with db.session_scope() as session:
        return session.exec(select(Document.id).where(Document.secrecy != 'normal').order_by(Document.id)).first()


def _events(action: str, object_id: int) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.object_id == str(object_id))).one()


async def test_secret_letter_by_url_shows_no_access_and_every_view_is_audited(user: User) -> None:
    secret_id = _secret_id()
    await sign_in(user, 'auditor', expect='สวัสดี')
    await user.open(f'/eoffice/incoming/{secret_id}')
    await user.should_see('ท่านไม่มีสิทธิ์เข้าถึงหนังสือรับนี้')
    await user.should_not_see(marker='detail-fields')
    assert _events('access_denied', secret_id) == 1
    await user.open('/eoffice/incoming')
    await user.should_see(marker='list-count', retries=50)
    shown = {r['id'] for r in user.find(marker='list-table').elements.pop().rows}
    assert secret_id not in shown


async def test_cleared_palad_opens_a_secret_letter_and_the_view_is_audited(user: User) -> None:
    secret_id = _secret_id()
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.open(f'/eoffice/incoming/{secret_id}')
    await user.should_see(marker='routing')
    await user.should_see(marker='doc-secrecy')
    await user.should_see(marker='route-timeline')
    assert _events('view', secret_id) == 1


async def test_registrar_registers_an_outgoing_letter_through_the_form(user: User) -> None:
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/eoffice/outgoing/new')
    user.find(marker='field-doc_date').type('20/11/2569')
    user.find(marker='field-recipient').type('นายอำเภอเมืองนครราชสีมา')
    user.find(marker='form-save').click()
    await user.should_see('เรื่อง: กรุณากรอก', retries=50)
    assert user.find(marker='field-recipient').elements.pop().value == 'นายอำเภอเมืองนครราชสีมา'
    user.find(marker='field-subject').type('ขอส่งรายงานผลการดำเนินงาน')
    user.find(marker='form-save').click()
    await user.should_see(marker='detail-fields', retries=50)
    await user.should_see('ร่าง')  # a draft: numbered only when issued, after it is signed
    await user.should_see(marker='letter-pdf')
    await user.should_see(marker='related-letters')
    user.find(marker='transition-propose').click()
    await user.should_see('เสนอลงนาม', retries=50)
    await user.should_not_see(marker='transition-sign')  # the registrar may not sign


async def test_the_mayor_signs_the_urgent_letter_waiting_for_him_and_the_registrar_issues_it(user: User) -> None:
    with db.session_scope() as session:
        waiting = session.exec(select(Document).where(Document.status == 'proposed',
                                                      Document.urgency == 'most_urgent')).one()
    assert waiting.id in {d.id for d in routing.inbox(principal('mayor'))}  # waiting in his inbox
    await sign_in(user, 'mayor', expect='สวัสดี')
    await user.open(f'/eoffice/outgoing/{waiting.id}')
    user.find(marker='transition-sign').click()
    await user.should_see('ลงนามแล้ว', retries=50)
    with db.session_scope() as session:
        signed = session.get(Document, waiting.id)
    assert (signed.status, signed.signer_name, signed.number) == ('signed', 'นายสมชาย ใจดี', None)


async def test_registrar_presents_a_citizen_request_with_the_routing_buttons(user: User) -> None:
    with db.session_scope() as session:
        doc_id = session.exec(select(Document.id).where(Document.channel == 'e-service', Document.status == 'received')
                              .order_by(Document.id)).first()
    await sign_in(user, 'clerk', expect='คำร้องจากประชาชนรอลงรับ')
    await user.open('/eoffice/inbox')
    assert doc_id in {r['id'] for r in user.find(marker='inbox-table').elements.pop().rows}
    await user.open(f'/eoffice/incoming/{doc_id}')
    await user.should_see(marker='citizen-request')
    user.find(marker='present-to').elements.pop().value = principal('palad').user_id
    user.find(marker='present-button').click()
    await user.should_see('เสนอแล้ว', retries=50)
    assert resource.get(INCOMING, principal('palad'), doc_id).status == 'presented'


async def test_village_detail_lists_its_letters_and_offers_adding(user: User) -> None:
    clerk, palad, planner = principal('clerk'), principal('palad'), principal('planner')
    village = resource.query(VILLAGES, planner, search='หนองบัว').rows[0]
    letter = resource.create(INCOMING, clerk, {'doc_date': '18/11/2569', 'sender': 'ที่ว่าการอำเภอ',
                                               'subject': 'ขอข้อมูลประชากรบ้านหนองบัว', 'kind': 'external',
                                               'urgency': 'normal', 'secrecy': 'normal'})
    routing.order(palad, letter, 'มอบ สำนักปลัด ดำเนินการ', division_id=resource.get(INCOMING, clerk, letter).division_id)
    routing.assign(principal('head_palad'), letter, planner.user_id)
    links.link(planner, letter, 'Village', village.id)
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open(f'/info/villages/{village.id}')
    await user.should_see('หนังสือที่เกี่ยวข้อง (1)')
    await user.should_see(marker='related-letter-search')
    number = resource.get(INCOMING, planner, letter).number_text
    await user.should_see(f'หนังสือรับ {number}')
    await user.open(f'/eoffice/incoming/{letter}')
    await user.should_see(marker='linked-records')
    await user.should_see(village.name)


async def test_public_form_refuses_bad_input_naming_the_field_and_keeps_the_rest(user: User) -> None:
    await user.open('/e-service/6300199')
    user.find(marker='public-name').type('<b>นายทดสอบ</b> <script>alert(1)</script>')
    user.find(marker='public-contact').type('081-000-0000')
    user.find(marker='public-detail').type('ก' * 5001)
    user.find(marker='public-submit').click()
    await user.should_see('ประเภทเรื่อง: กรุณาเลือก', retries=50)
    await user.should_see('เรื่อง: กรุณากรอก')
    await user.should_see('รายละเอียด: ยาวเกิน 5,000 ตัวอักษร (กรอกมา 5,001)')
    await user.should_see('ความยินยอม: กรุณายินยอม')
    assert user.find(marker='public-contact').elements.pop().value == '081-000-0000'
    user.find(marker='public-request_type').elements.pop().value = 'complaint'
    user.find(marker='public-subject').type('ไฟถนนดับ')
    user.find(marker='public-detail').clear().type('ไฟถนนหน้าบ้านดับ <img src=x onerror=alert(1)>')
    user.find(marker='public-consent').click()
    user.find(marker='public-submit').click()
    await user.should_see(marker='public-code', retries=50)
    code = user.find(marker='public-code').elements.pop().text
    with db.session_scope() as session:
        request, document = session.exec(select(CitizenRequest, Document).join(
            Document, Document.id == CitizenRequest.document_id).where(CitizenRequest.tracking_code == code)).one()
    assert request.name == '<b>นายทดสอบ</b> <script>alert(1)</script>'  # kept as typed, shown as text
    assert (document.register_key, document.status, document.channel) == ('incoming', 'received', 'e-service')
    await user.open(f'/e-service/track?code={code}')
    await user.should_see(marker='tracking-status', retries=50)
    await user.should_see('รับเรื่องแล้ว รอเจ้าหน้าที่ดำเนินการ')
    await user.should_see('ไฟถนนดับ')
    await user.should_not_see(kind=ui.html)  # what the citizen typed is never rendered as markup


def test_public_service_checks_files_and_limits_submissions_per_address() -> None:
    good = {'request_type': 'request', 'name': 'นางสมใจ', 'contact': '0812345678', 'subject': 'ขอข้อมูล',
            'detail': 'รายละเอียด', 'consent': True}
    failures = {
        'files': [('virus.exe', b'MZ...')],
        'fake': [('scan.pdf', b'not a pdf')],
        'big': [('scan.pdf', PDF + b'0' * (10 * 1024 * 1024))],
        'many': [('a.pdf', PDF)] * 4,
    }
    for files in failures.values():
        try:
            eservice.submit_request(good, files, '10.0.0.9')
        except ValidationFailed as failed:
            assert failed.errors['files'].startswith('ไฟล์แนบ:')
        else:
            raise AssertionError('a bad file was accepted')
    codes = [eservice.submit_request({**good, 'subject': f'เรื่องที่ {n}'}, [('scan.pdf', PDF)], '10.0.0.9')
             for n in range(eservice.SUBMIT_LIMIT)]
    try:
        eservice.submit_request(good, [], '10.0.0.9')
    except ValidationFailed as failed:
        assert 'ส่งคำร้องได้ไม่เกิน' in failed.errors['form']
    else:
        raise AssertionError('the rate limit did not hold')
    assert eservice.submit_request(good, [], '10.0.0.10')  # another address is not held back
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(PublicHit)).one() == eservice.SUBMIT_LIMIT + 1
        assert session.exec(select(func.count()).select_from(CitizenRequest).where(
            col_in(CitizenRequest.tracking_code, codes))).one() == eservice.SUBMIT_LIMIT
    found = eservice.track(codes[0].lower(), '10.0.0.11')
    assert found is not None and found.status.startswith('รับเรื่องแล้ว')
    assert eservice.track('ES-XXXX-XXXX', '10.0.0.11') is None


def col_in(column, values):
    from sqlmodel import col
    return col(column).in_(values)


async def test_home_page_counts_letters_waiting(user: User) -> None:
    held, _, _ = routing.pending_counts(principal('palad'))
    assert held > 0
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.should_see(marker='pending-eoffice')
    await user.should_see('หนังสือรอท่านดำเนินการ')


async def test_search_page_finds_unspaced_thai_and_filters_by_date_range(user: User) -> None:
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.open('/eoffice/documents')
    await user.should_see(marker='list-count', retries=50)
    expected = resource.query(DOCUMENTS, principal('palad'), search='ซ่อมถนน').total
    assert 0 < expected < resource.query(DOCUMENTS, principal('palad')).total
    user.find(marker='list-search').type('ซ่อมถนน')  # inside "ขอความอนุเคราะห์ซ่อมแซมถนนลูกรังเข้าหมู่บ้าน"
    await user.should_see(f'ทั้งหมด {expected:,} รายการ', retries=50)
    rows = user.find(marker='list-table').elements.pop().rows
    assert rows and all('ซ่อม' in r['subject'] and 'ถนน' in r['subject'] for r in rows)
    user.find(marker='filter-doc_date-from').type('31/02/2569')
    await user.should_see('ไม่มีวันนี้ในปฏิทิน', retries=50)
    user.find(marker='filter-doc_date-from').clear().type('1/1/2600')
    await user.should_see('ทั้งหมด 0 รายการ', retries=50)


async def test_overdue_list_and_reserving_numbers(user: User) -> None:
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/eoffice/overdue')
    await user.should_see(marker='overdue-table')
    rows = user.find(marker='overdue-table').elements.pop().rows
    assert rows and all('เกิน' in r['due'] for r in rows)
    await user.open('/eoffice/numbers')
    user.find(marker='reserve-note').type('คำสั่งแต่งตั้งกรรมการตรวจรับ')
    user.find(marker='reserve-button').click()
    await user.should_see('จองแล้ว: นม 89901/', retries=50)
    await sign_in(user, 'teacher', expect='สวัสดี')
    await user.open('/eoffice/numbers')
    await user.should_see(marker='no-access')
