"""The LAO's public site (/public): every page opens without sign-in with its title, its ITA item number and last
update; off, every address answers 404; nothing secret or personal is ever in a page's HTML (the publication filter)."""

from datetime import date

from nicegui.testing import User
from sqlmodel import select

from apps.eoffice.demo import CITIZEN, SECRET_SUBJECTS
from apps.info import public
from core import db
from core.thai import fiscal_year, today
from helpers import principal, sign_in
from models.finance import Budget
from models.hr import Person
from models.office import Document
from models.org import Organization
from models.org import User as Account
from models.plan import PlanCycle, PlanEdition

ADDRESSES = ['/public', *public.PATHS.values()]
SECRET_ID = '3100501234567'  # a citizen id typed into a public announcement's text
STAFF_PHONE = '081-999-8877'


async def _page(user: User, path: str) -> str:
    response = await user.http_client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


async def test_every_public_page_answers_without_sign_in_with_its_title_item_and_update(user: User) -> None:
    items = public.oit_items()
    for key, path, title in public.PAGES:
        html = await _page(user, path)
        assert title in html, path
        assert 'ปรับปรุงล่าสุด' in html, path
        if items[key].code:
            assert f'ข้อ {items[key].code} (ITA ปี {items[key].year})' in html, path
    home = await _page(user, '/public')
    for _key, path, title in public.PAGES:
        assert f'href="{path}"' in home and title in home
    assert 'สายด่วน 1132' in home


async def test_pages_are_filled_from_the_demo_records(user: User) -> None:
    with db.session_scope() as session:
        mayor = session.exec(select(Account).where(Account.username == 'mayor')).one()
        notice = session.exec(select(Document).where(Document.register_key == 'announcement', Document.is_public,
                                                     Document.status.in_(('issued', 'sent')))).first()
    assert mayor.full_name in await _page(user, '/public/executives')
    assert notice is not None and notice.subject in await _page(user, '/public/news')
    assert 'บ้านท่าน้ำ' in (villages := await _page(user, '/public/map')) and '<svg' in villages
    assert 'ร้องเรียน/ร้องทุกข์' in await _page(user, '/public/complaints')
    assert 'ประกาศใช้แล้ว' in await _page(user, '/public/plans') or 'อนุมัติแล้ว' in await _page(user, '/public/plans')
    assert 'แผนงาน' in await _page(user, '/public/budget')
    response = await user.http_client.get('/public/downloads/budget.pdf')
    assert response.status_code == 200 and response.content.startswith(b'%PDF')


async def test_the_site_is_off_until_the_administrator_turns_it_on(user: User) -> None:
    admin = principal('admin')
    public.update_settings(admin, {'enabled': False, 'hotline': '1132'})
    for path in [*ADDRESSES, '/public/downloads/budget.pdf']:
        assert (await user.http_client.get(path)).status_code == 404, path
    await sign_in(user, 'admin', expect='สวัสดี')
    await user.open('/info/public-site')
    user.find(marker='public-enabled').click()
    user.find(marker='public-save').click()
    await user.should_see('บันทึกแล้ว', retries=50)
    assert (await user.http_client.get('/public')).status_code == 200


def test_settings_name_each_wrong_field_and_need_the_permission() -> None:
    import pytest

    from core.errors import Denied, ValidationFailed
    with pytest.raises(ValidationFailed) as failed:
        public.update_settings(principal('admin'), {'enabled': True, 'email': 'not-an-address', 'website': 'x'})
    assert set(failed.value.errors) == {'email', 'website'}
    assert 'อีเมลของสำนักงาน' in failed.value.errors['email']
    with pytest.raises(Denied):
        public.update_settings(principal('clerk'), {'enabled': False})


def test_the_filter_drops_what_is_not_published_and_scrubs_ids_phones_and_mail() -> None:
    notice = {'register': 'announcement', 'is_public': True, 'secrecy': 'normal', 'status': 'sent'}
    table = public.Table('t', ('a',), (
        public.Record('notice', (f'ติดต่อ {STAFF_PHONE} หรือ a.b@mail.com เลข {SECRET_ID} สำนักงาน 044-123-456',),
                      notice),
        public.Record('notice', ('ลับ',), notice | {'secrecy': 'secret'}),
        public.Record('notice', ('ไม่เผยแพร่',), notice | {'is_public': False}),
        public.Record('notice', ('ร่าง',), notice | {'status': 'draft'}),
        public.Record('plan', ('แผนร่าง',), {'status': 'draft'}),
        public.Record('budget', ('งบร่าง',), {'status': 'passed'}),
        public.Record('person', ('ไม่รู้จักชนิด',))))
    section = public.publish(public.Section('news', 'ข่าว', 'O5', 2568, None, tables=(table,)),
                             frozenset({'044123456'}))
    cells = [c for r in section.tables[0].records for c in r.cells]
    assert len(cells) == 1
    assert STAFF_PHONE not in cells[0] and SECRET_ID not in cells[0] and 'a.b@mail.com' not in cells[0]
    assert '044-123-456' in cells[0]  # the office's own number stays
    assert public.scrub('1-2345-67890-12-3') == public.WITHHELD


async def test_nothing_secret_or_personal_is_on_any_public_page(user: User) -> None:
    fy = fiscal_year(today())
    with db.session_scope(write=True) as session:
        org = session.exec(select(Organization)).first()
        base = dict(org_id=org.id, register_key='announcement', kind='publicity', doc_date=today(), status='sent',
                    is_public=True)
        session.add(Document(**base, subject='ประกาศลับทดสอบการเผยแพร่', secrecy='secret', number_text='901/2569'))
        session.add(Document(**base, subject='ประกาศที่มีข้อมูลส่วนบุคคล', secrecy='normal', number_text='902/2569',
                             body=f'ผู้ติดต่อ นายทดสอบ เลขประจำตัวประชาชน {SECRET_ID} โทร {STAFF_PHONE}'))
        session.add(Document(**base | {'is_public': False}, subject='ประกาศภายในไม่เผยแพร่', secrecy='normal'))
        session.add(Document(**base | {'status': 'draft'}, subject='ร่างประกาศยังไม่ออกเลข', secrecy='normal'))
        cycle = PlanCycle(org_id=org.id, title='แผนพัฒนาทดสอบฉบับร่าง', start_year=fy + 10)
        session.add(cycle)
        session.flush()
        session.add(PlanEdition(org_id=org.id, cycle_id=cycle.id, kind='first', year=fy + 9,
                                title='ร่างแผนพัฒนาท้องถิ่นยังไม่อนุมัติ', status='draft'))
        session.add(Budget(org_id=org.id, fiscal_year=fy + 1, title='ร่างข้อบัญญัติงบประมาณยังไม่ผ่านสภา',
                           status='passed'))
        people = session.exec(select(Person)).all()
        accounts = session.exec(select(Account)).all()
        secret_letters = session.exec(select(Document.subject).where(Document.secrecy != 'normal')).all()
    forbidden = {SECRET_ID, STAFF_PHONE, 'ประกาศลับทดสอบการเผยแพร่', 'ประกาศภายในไม่เผยแพร่', 'ร่างประกาศยังไม่ออกเลข',
                 'ร่างแผนพัฒนาท้องถิ่นยังไม่อนุมัติ', 'แผนพัฒนาทดสอบฉบับร่าง', 'ร่างข้อบัญญัติงบประมาณยังไม่ผ่านสภา',
                 *(s for s, _, _ in SECRET_SUBJECTS), *secret_letters}
    for _kind, name, contact, _subject, detail in CITIZEN:  # the complainants and what they wrote
        forbidden |= {name, contact, detail}
    for person in people:
        forbidden |= {v for v in (person.citizen_id, person.phone, person.address) if v}
    forbidden |= {a.phone for a in accounts if a.phone} | {a.email for a in accounts if a.email}
    assert people, 'the demo holds personnel records to test against'
    pages = {path: await _page(user, path) for path in ADDRESSES}
    for path, html in pages.items():
        leaked = sorted(text for text in forbidden if text and text in html)
        assert not leaked, (path, leaked)
    assert 'ประกาศที่มีข้อมูลส่วนบุคคล' in pages['/public/news']  # published, its personal data withheld
    assert public.WITHHELD in pages['/public/news']


def test_item_numbers_are_dated_data_by_assessment_year() -> None:
    items = public.oit_items(date(2025, 12, 1))
    assert items['skr1'].code and items['skr1'].year <= 2569 and 'ITA' in items['skr1'].source
    assert all(i.basis for i in items.values())


async def test_an_uploaded_village_map_is_shown_and_a_wrong_file_refused(user: User) -> None:
    import pytest

    from core.errors import Refusal
    png = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64
    with pytest.raises(Refusal):
        public.set_map_image(principal('admin'), 'map.gif', b'GIF89a')
    public.set_map_image(principal('admin'), 'map.png', png)
    assert '<img class="map" src="/public/map.png"' in await _page(user, '/public/map')
    response = await user.http_client.get('/public/map.png')
    assert response.status_code == 200 and response.content == png


def test_the_published_numbers_are_the_apps_own_reports() -> None:
    from apps.egp.reports import skr1
    from apps.elaas.reports import execution_by_program
    from core.thai import format_money
    _site, budget = public.section('budget')
    fy = int(budget.title.split()[-1])
    report = execution_by_program(principal('finance_dir'), fy)
    assert [r.cells[0] for r in budget.tables[0].records] == list(report['แผนงาน'])
    assert [r.cells[4] for r in budget.tables[0].records] == [format_money(v) for v in report['คงเหลือ']]
    _site, monthly = public.section('skr1')
    fy_now = fiscal_year(today())
    for table in monthly.tables:
        month = public.MONTHS.index(table.title.removeprefix('ประจำเดือน'))
        assert len(table.records) == len(skr1(principal('procurement'), fy_now, month))
    assert sum(len(t.records) for t in monthly.tables) > 0, 'the demo awarded files this fiscal year'
