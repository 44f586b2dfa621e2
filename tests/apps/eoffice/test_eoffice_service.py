"""e-Office rules: calendar-year numbering (also under concurrency), reserving and burning numbers, routing,
secrecy, the Thai search index, links to other records, demo data."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time

import pytest
from sqlmodel import func, select

from apps.eoffice import links, registers, routing, signing
from apps.eoffice.resources import DOCUMENTS, INCOMING, OUTGOING
from apps.info.resources import VILLAGES
from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal, ValidationFailed
from core.thai import frozen_clock, local_zone
from helpers import principal
from models.audit import AuditEvent
from models.office import Document
from models.org import Division

LETTER = {'kind': 'external', 'doc_date': '2/1/2570', 'recipient': 'นายอำเภอเมืองนครราชสีมา',
          'subject': 'ขอส่งรายงานโครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก', 'urgency': 'normal', 'secrecy': 'normal'}


def _division(code: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(Division.id).where(Division.code == code)).one()


def _numbers(register_key: str, year: int) -> list[int]:
    with db.session_scope() as session:
        return sorted(session.exec(select(Document.number).where(
            Document.register_key == register_key, Document.year == year)).all())


def _issued(clerk, values: dict, on: date) -> int:
    """An outgoing letter through its whole signing step, issued on `on` (Bangkok): drafted, proposed, signed by the
    นายก, numbered."""
    doc_id = resource.create(OUTGOING, clerk, {**LETTER, **values})
    signing.propose(clerk, doc_id)
    signing.sign(principal('mayor'), doc_id)
    with frozen_clock(datetime.combine(on, time(10), local_zone())):
        signing.issue(clerk, doc_id)
    return doc_id


def test_outgoing_numbers_carry_the_letter_prefix_and_restart_each_calendar_year() -> None:
    clerk = principal('clerk')
    december = _issued(clerk, {}, date(2027, 12, 31))
    january = _issued(clerk, {}, date(2028, 1, 1))
    second = _issued(clerk, {}, date(2028, 1, 2))
    texts = [resource.get(OUTGOING, clerk, i).number_text for i in (december, january, second)]
    assert texts == ['นม 89901/1', 'นม 89901/1', 'นม 89901/2']  # 2570 and 2571 are new years (demo is 2569)
    assert resource.get(OUTGOING, clerk, january).year == 2571
    assert resource.get(OUTGOING, clerk, january).doc_date == date(2028, 1, 1)  # dated the day it is issued


def test_twenty_concurrent_issues_get_gapless_numbers_in_their_year() -> None:
    clerk = principal('clerk')
    drafts = []
    for n in range(20):
        doc_id = resource.create(OUTGOING, clerk, {**LETTER, 'subject': f'หนังสือทดสอบที่ {n}'})
        signing.propose(clerk, doc_id)
        signing.sign(principal('mayor'), doc_id)
        drafts.append(doc_id)

    def issue(doc_id: int) -> None:
        signing.issue(clerk, doc_id)

    with frozen_clock(datetime(2028, 1, 5, 10, tzinfo=local_zone())), ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(issue, drafts))
    assert _numbers('outgoing', 2571) == list(range(1, 21))


def test_a_draft_takes_no_number_until_it_is_issued() -> None:
    clerk = principal('clerk')
    with pytest.raises(ValidationFailed) as failed:
        resource.create(OUTGOING, clerk, {**LETTER, 'subject': ''})
    assert failed.value.errors['subject'] == 'เรื่อง: กรุณากรอก'
    draft = resource.get(OUTGOING, clerk, resource.create(OUTGOING, clerk, LETTER))
    assert (draft.status, draft.number, draft.number_text) == ('draft', None, '')
    with pytest.raises(Refusal, match='ไม่ได้ในสถานะ "ร่าง"'):
        signing.issue(clerk, draft.id)
    first = _issued(clerk, {}, date(2027, 1, 5))
    assert resource.get(OUTGOING, clerk, first).number_text == 'นม 89901/1'


def test_only_registrars_register_and_the_teacher_cannot() -> None:
    with pytest.raises(PermissionDenied):
        resource.create(OUTGOING, principal('teacher'), LETTER)


def test_reserved_block_then_cancel_burns_the_number_for_good() -> None:
    clerk = principal('clerk')
    taken = registers.reserve_numbers(clerk, 'order', 3, 'คำสั่งแต่งตั้งกรรมการ', on=date(2027, 2, 1))
    assert taken == ['1/2570', '2/2570', '3/2570']
    with db.session_scope() as session:
        reserved = session.exec(select(Document).where(Document.register_key == 'order', Document.year == 2570)
                                .order_by(Document.number)).all()
    assert [d.status for d in reserved] == ['reserved'] * 3
    registers.cancel(clerk, reserved[1].id, 'ร่างคำสั่งไม่ได้ใช้')
    with pytest.raises(registers.OfficeError, match='แก้ไขรายละเอียด'):
        registers.use_reserved(clerk, reserved[0].id)
    burned = registers.burned(clerk, 2570)
    assert [(title, b.text, b.reason) for title, b in burned] == [('คำสั่ง', '2/2570', 'ร่างคำสั่งไม่ได้ใช้')]
    assert registers.reserve_numbers(clerk, 'order', 1, '', on=date(2027, 2, 2)) == ['4/2570']
    cancelled = resource.get(DOCUMENTS, clerk, reserved[1].id)
    with pytest.raises(Refusal, match='ยกเลิก'):  # a cancelled letter stays as it was
        resource.update(DOCUMENTS, clerk, cancelled.id, {**LETTER, 'register_key': 'order'})
    with pytest.raises(registers.OfficeError, match='1–50'):
        registers.reserve_numbers(clerk, 'order', 51, '')


def _incoming(actor, **values) -> int:
    base = {'kind': 'external', 'doc_date': '18/11/2569', 'ref_no': 'มท 0808.2/ว 1234',
            'sender': 'กรมส่งเสริมการปกครองท้องถิ่น', 'recipient': 'นายก อบต.',
            'subject': 'ซักซ้อมแนวทางการจัดทำงบประมาณ', 'urgency': 'very_urgent', 'secrecy': 'normal'}
    return resource.create(INCOMING, actor, {**base, **values})


def test_routing_from_registrar_to_executive_to_division_to_person_with_times() -> None:
    clerk, palad, head, accountant = (principal(n) for n in ('clerk', 'palad', 'finance_dir', 'accountant'))
    doc_id = _incoming(clerk)
    assert routing.pending_counts(clerk)[0] >= 1
    before = routing.pending_counts(palad)[0]
    routing.present(clerk, doc_id, palad.user_id)
    assert routing.pending_counts(palad)[0] == before + 1
    with pytest.raises(PermissionDenied):
        routing.order(clerk, doc_id, 'ทราบ')  # the registrar does not write orders
    routing.order(palad, doc_id, 'มอบ กองคลัง ดำเนินการ', division_id=_division('FIN'))
    document = resource.get(INCOMING, head, doc_id)
    assert (document.status, document.owner_id) == ('assigned', head.user_id)
    routing.acknowledge(head, doc_id)
    with pytest.raises(PermissionDenied):
        routing.assign(principal('eng_dir'), doc_id, accountant.user_id)  # another division's head
    routing.assign(head, doc_id, accountant.user_id, 'ตรวจสอบและชี้แจง')
    with pytest.raises(PermissionDenied):
        routing.complete(principal('engineer'), doc_id, 'เสร็จ')
    routing.complete(accountant, doc_id, 'ชี้แจงแล้วตามหนังสือ')
    steps = routing.trail(accountant, doc_id)
    assert [s.action for s in steps] == ['register', 'present', 'order', 'assign', 'complete']
    assert steps[2].to_name == f'กองคลัง · {head.full_name}' and steps[2].acknowledged_at is not None
    assert all(s.completed_at for s in steps)
    assert resource.get(INCOMING, accountant, doc_id).status == 'done'
    with pytest.raises(registers.OfficeError):
        routing.present(clerk, doc_id, palad.user_id)
    with pytest.raises(registers.OfficeError, match='ไม่มีอำนาจเกษียน'):
        routing.present(clerk, _incoming(clerk), accountant.user_id)


def test_order_taken_note_closes_and_overdue_lists_most_urgent_first() -> None:
    clerk, palad = principal('clerk'), principal('palad')
    doc_id = _incoming(clerk, urgency='normal')
    routing.order(palad, doc_id, 'ทราบ')
    assert resource.get(INCOMING, palad, doc_id).status == 'done'
    late = routing.overdue(palad, today=date(2099, 1, 1))
    ranks = [routing.URGENCY_RANK[d.urgency] for d in late]
    assert late and ranks == sorted(ranks)
    assert doc_id not in {d.id for d in late}


def test_secret_letter_is_seen_only_by_those_it_is_routed_to_and_the_cleared() -> None:
    clerk, palad, head, auditor, accountant = (principal(n) for n in ('clerk', 'palad', 'finance_dir', 'auditor',
                                                                      'accountant'))
    officer = principal('head_palad')  # the secret-letter officer registers it
    doc_id = _incoming(officer, subject='ผลการสอบสวนวินัยพนักงานกองคลัง', secrecy='secret')
    assert resource.get(INCOMING, palad, doc_id).secrecy == 'secret'  # cleared
    for outsider in (auditor, head, accountant, clerk):
        with pytest.raises(PermissionDenied):
            resource.get(INCOMING, outsider, doc_id)
        assert doc_id not in {d.id for d in resource.query(DOCUMENTS, outsider, search='สอบสวนวินัย').rows}
    counted_before = resource.query(INCOMING, auditor).total
    routing.present(officer, doc_id, palad.user_id)
    routing.order(palad, doc_id, 'มอบ กองคลัง ดำเนินการ', division_id=_division('FIN'))
    assert resource.get(INCOMING, head, doc_id).id == doc_id  # now routed to the head of กองคลัง
    with pytest.raises(PermissionDenied):
        resource.get(INCOMING, accountant, doc_id)
    assert resource.query(INCOMING, auditor).total == counted_before
    with db.session_scope() as session:
        denied = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == 'access_denied', AuditEvent.object_id == str(doc_id))).one()
    assert denied >= 5


def test_thai_search_finds_words_inside_compounds_and_unspaced_phrases() -> None:
    clerk = principal('clerk')
    doc_id = resource.create(OUTGOING, clerk, {**LETTER, 'subject': 'ขออนุมัติซ่อมแซมถนนลูกรังสายบ้านหนองบัว'})
    for query in ('ลูกรัง', 'ซ่อมถนน', 'ถนนหนองบัว', 'ซ่อมแซม ลูกรัง'):
        found = resource.query(DOCUMENTS, clerk, search=query, filters={'register_key': 'outgoing'})
        assert doc_id in {d.id for d in found.rows}, query
    assert resource.query(DOCUMENTS, clerk, search='ซ่อมไฟฟ้า', filters={'register_key': 'outgoing'}).total == 0
    by_date = resource.query(DOCUMENTS, clerk, filters={'doc_date__from': date(2027, 1, 1),
                                                        'doc_date__to': date(2027, 1, 3)})
    assert {d.id for d in by_date.rows} == {doc_id}
    resource.update(OUTGOING, clerk, doc_id, {**LETTER, 'subject': 'ขอเชิญประชุมประชาคมหมู่บ้าน'})
    assert resource.query(DOCUMENTS, clerk, search='ประชาคม').total >= 1
    assert doc_id not in {d.id for d in resource.query(DOCUMENTS, clerk, search='ลูกรัง').rows}


def test_letters_link_to_a_village_both_sides_show_it_and_secret_ones_stay_hidden() -> None:
    planner, clerk, teacher = principal('planner'), principal('clerk'), principal('teacher')
    village = resource.query(VILLAGES, planner, search='ท่าน้ำ').rows[0]
    letter = _incoming(clerk, subject='ขอซ่อมถนนบ้านท่าน้ำ')
    officer = principal('head_palad')
    secret = _incoming(officer, subject='เรื่องลับของหมู่บ้าน', secrecy='secret')
    with pytest.raises(PermissionDenied):
        links.link(planner, letter, 'Village', village.id)  # not yet routed to the planner
    routing.order(principal('palad'), letter, 'มอบ สำนักปลัด ดำเนินการ', division_id=_division('PALAD'))
    routing.assign(principal('head_palad'), letter, planner.user_id)
    links.link(planner, letter, 'Village', village.id)
    with pytest.raises(PermissionDenied):
        links.link(planner, secret, 'Village', village.id)  # the planner may not see the secret letter
    links.link(officer, secret, 'Document', letter)  # the secret letter refers to the outgoing one
    with pytest.raises(PermissionDenied):
        links.link(teacher, letter, 'Village', village.id)  # may see the village, may not change it
    with pytest.raises(registers.OfficeError, match='เชื่อมโยงไว้แล้ว'):
        links.link(planner, letter, 'Village', village.id)
    assert [d.id for d in links.letters_of(planner, 'Village', village.id)] == [letter]
    assert [(r.title, r.path) for r in links.records_of(clerk, letter)] == [
        ('หมู่บ้าน', f'/info/villages/{village.id}')]
    assert [r.object_id for r in links.records_of(officer, secret)] == [letter]
    assert [d.id for d in links.letters_of(officer, 'Document', letter)] == [secret]
    assert links.letters_of(clerk, 'Document', letter) == []  # she registered the letter, not the secret one
    assert links.letters_of(planner, 'Document', letter) == []  # the secret side stays hidden
    links.unlink(planner, letter, 'Village', village.id)
    assert links.letters_of(planner, 'Village', village.id) == []


def test_demo_has_a_year_of_correspondence_with_trails_secrets_and_citizen_requests() -> None:
    palad, teacher = principal('palad'), principal('teacher')
    assert 380 <= resource.query(DOCUMENTS, palad).total <= 420
    secret = resource.query(DOCUMENTS, palad, filters={'secrecy': 'secret'}).total
    assert secret >= 2 and resource.query(DOCUMENTS, principal('auditor'), filters={'secrecy': 'secret'}).total == 0
    assert resource.query(DOCUMENTS, teacher).total < 50  # staff see what was routed to them
    with db.session_scope() as session:
        states = set(session.exec(select(Document.status).where(Document.channel == 'e-service')).all())
    assert {'received', 'presented', 'assigned', 'done'} <= states
    held, citizens, _ = routing.pending_counts(principal('clerk'))
    assert citizens >= 3
    assert resource.query(INCOMING, palad, filters={'status': 'done'}).total > 100


def test_downloading_a_secret_attachment_is_audited_and_refused_to_others() -> None:
    officer, palad, auditor = principal('head_palad'), principal('palad'), principal('auditor')
    doc_id = _incoming(officer, subject='รายงานลับพร้อมเอกสารแนบ', secrecy='very_secret')
    attachment = resource.attach(INCOMING, officer, doc_id, 'scan.pdf', b'%PDF-1.4 secret')
    found, content = resource.open_attachment(palad, attachment.id)
    assert content == b'%PDF-1.4 secret'
    for outsider in (auditor, principal('clerk')):
        with pytest.raises(PermissionDenied):
            resource.open_attachment(outsider, attachment.id)
    with db.session_scope() as session:
        downloads = session.exec(select(AuditEvent.actor_id).where(
            AuditEvent.action == 'download', AuditEvent.object_id == str(doc_id))).all()
    assert downloads == [palad.user_id]


def test_a_deputy_orders_the_letters_of_the_divisions_his_order_names_and_forwards_the_rest() -> None:
    """รองนายกคนที่ 1 signs and orders for กองช่าง and กองคลัง (order 246/2567, one line per division)."""
    clerk, deputy, mayor = principal('clerk'), principal('deputy1'), principal('mayor')
    assert {d.division_name for d in deputy.orders('eoffice.doc.order')} == {'กองช่าง', 'กองคลัง'}
    ours, theirs, filed = _incoming(clerk), _incoming(clerk), _incoming(clerk)
    for doc_id in (ours, theirs, filed):
        routing.present(clerk, doc_id, deputy.user_id)
    with db.session_scope() as session:  # he is offered only the divisions his order names
        offered = routing.moves_in(session, deputy, session.get(Document, ours), None).divisions
    assert set(offered) == {_division('ENG'), _division('FIN')}
    routing.order(deputy, ours, 'มอบ กองช่าง ดำเนินการ', division_id=_division('ENG'))
    assert resource.get(INCOMING, principal('eng_dir'), ours).status == 'assigned'
    with pytest.raises(PermissionDenied, match='246/2567 .*มอบเฉพาะเรื่องของกองช่าง.*ไม่ใช่เรื่องของส่วนราชการ'):
        routing.order(deputy, theirs, 'มอบ กองการศึกษา ดำเนินการ', division_id=_division('EDU'))
    with pytest.raises(PermissionDenied, match='246/2567'):
        routing.order(deputy, filed, 'ทราบ')  # the letter is with สำนักปลัด: not a matter of his divisions
    routing.order(deputy, theirs, 'เสนอนายกพิจารณา', to_user_id=mayor.user_id)  # forwarding is always possible
    routing.order(mayor, theirs, 'มอบ กองการศึกษา ดำเนินการ', division_id=_division('EDU'))  # in his own right
    assert resource.get(INCOMING, principal('edu_dir'), theirs).status == 'assigned'
