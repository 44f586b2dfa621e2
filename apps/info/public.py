"""The LAO's public site (/public, no sign-in, read-only): the OIT items of the ITA assessment generated from the
suite's own records, each with its item number for the assessment year (assets/info/oit_items.csv) and the day its
records last changed; news, downloads, links to agencies, contacts and the hotline, the villages.

Off until the LAO's administrator turns it on (`PublicSite.enabled`; off: every /public address answers 404). Every
read goes through the source app's links.py; everything leaves through one publication filter, `publish`: a record
of a kind the law does not publish, or not yet in force, is dropped (a secret or unissued or unmarked letter, a draft
plan, an unannounced budget), and every text is scrubbed of citizen ids, phone numbers and e-mail addresses other
than the office's own.
"""

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
from sqlmodel import Session, col, select

from apps.egp import links as egp
from apps.elaas import links as elaas
from apps.eoffice import links as eoffice
from apps.eplan import links as eplan
from core import audit, db, files
from core.access import Principal, require
from core.errors import NotFound, ValidationFailed
from core.thai import fiscal_year, fiscal_year_range, format_date, format_money, local_zone, today
from models.info import PublicSite, Village
from models.org import Assignment, Division, Organization, Position, User

ASSETS = Path(__file__).resolve().parents[2] / 'assets' / 'info'
MANAGE = 'info.public.manage'
MAP_RULES = files.Rules(max_bytes=5 * 1024 * 1024, types=('png', 'jpg', 'jpeg'))
MONTHS = ['', 'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน',
          'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']


# --- dated data ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OitItem:
    year: int  # the ITA assessment year (BE fiscal year) the numbering is of
    key: str
    code: str  # the item number in that year's manual ('' for pages that are not OIT items)
    title: str
    basis: str  # G? = general knowledge, to check against the year's manual
    source: str


@cache
def _oit_rows() -> tuple[OitItem, ...]:
    with (ASSETS / 'oit_items.csv').open(encoding='utf-8') as handle:
        return tuple(OitItem(int(r['year']), r['key'], r['code'], r['title'], r['basis'], r['source'])
                     for r in csv.DictReader(handle))


def oit_items(on: date | None = None) -> dict[str, OitItem]:
    """The numbering in force for the fiscal year of `on`: the latest year's set on or before it."""
    fy = fiscal_year(on or today())
    years = sorted({r.year for r in _oit_rows() if r.year <= fy}) or sorted({r.year for r in _oit_rows()})[:1]
    return {r.key: r for r in _oit_rows() if r.year == years[-1]}


@cache
def agency_links() -> tuple[tuple[str, str, str], ...]:
    with (ASSETS / 'agency_links.csv').open(encoding='utf-8') as handle:
        return tuple((r['name'], r['url'], r['note']) for r in csv.DictReader(handle))


# --- what a page holds -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Record:
    """One thing a page would show, with what the filter decides on: its kind and its flags (secrecy, status …)."""

    kind: str
    cells: tuple
    flags: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    records: tuple[Record, ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    code: str  # ITA item number ('' when not an OIT item)
    year: int  # the assessment year of the numbering
    updated: date | None
    lines: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, address)
    image: str = ''  # an address of an image on the site
    svg: str = ''  # a drawn diagram (the village map)


PAGES = (  # (key, address, title): the site's pages in menu order
    ('structure', '/public/structure', 'โครงสร้างหน่วยงาน'),
    ('executives', '/public/executives', 'ข้อมูลผู้บริหาร'),
    ('plans', '/public/plans', 'แผนพัฒนาท้องถิ่น'),
    ('budget', '/public/budget', 'งบประมาณรายจ่ายประจำปี'),
    ('budget_quarterly', '/public/budget-quarterly', 'รายงานการใช้จ่ายงบประมาณรายไตรมาส'),
    ('procurement_plan', '/public/procurement-plan', 'แผนการจัดซื้อจัดจ้าง'),
    ('skr1', '/public/procurement-monthly', 'สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1)'),
    ('complaints', '/public/complaints', 'สถิติเรื่องร้องเรียนและคำร้อง'),
    ('news', '/public/news', 'ข่าวประชาสัมพันธ์และประกาศ'),
    ('contacts', '/public/contacts', 'ข้อมูลการติดต่อ'),
    ('map', '/public/map', 'แผนที่หมู่บ้าน'),
    ('downloads', '/public/downloads', 'เอกสารดาวน์โหลด'),
)
PATHS = {key: path for key, path, _ in PAGES}
TITLES = {key: title for key, _, title in PAGES}


# --- the publication filter ------------------------------------------------------------------------------------------

# a Thai citizen id (13 digits, with or without the usual dashes or spaces)
CITIZEN_ID = re.compile(r'(?<!\d)\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d(?!\d)')
# a phone number: 0 then 8-9 digits, maybe split by dashes or spaces (mobile 08x-xxx-xxxx, fixed 0-44xx-xxxx)
PHONE = re.compile(r'(?<![\d])(?:\+66|0)(?:[\s-]?\d){8,9}(?![\d])')
EMAIL = re.compile(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+')
WITHHELD = '[ไม่เปิดเผย]'

ADMIT = {  # kind -> does the record's flags allow publication?
    'notice': lambda f: f.get('register') == eoffice.PUBLIC_REGISTER and f.get('is_public') is True
    and f.get('secrecy') == 'normal' and f.get('status') in eoffice.PUBLIC_STATES,
    'plan': lambda f: f.get('status') in eplan.IN_FORCE_STATES,
    'budget': lambda f: f.get('status') == elaas.PUBLISHED_BUDGET,
    'procurement_plan': lambda f: f.get('published') is True,
    'skr1': lambda f: True,  # the form itself is the public summary (awarded files only, see e-GP)
    'position': lambda f: True,  # a seat and its holder's name; no contact of a person is ever put in a record
    'statistic': lambda f: True,  # counts
    'contact': lambda f: f.get('office') is True,  # the office's own contacts only
    'village': lambda f: True,
    'link': lambda f: True,
}


def _digits(text: str) -> str:
    return re.sub(r'\D', '', text)


def scrub(text: str, allowed: frozenset[str] = frozenset()) -> str:
    """The text without citizen ids, and without phone numbers and e-mail addresses other than `allowed` (the
    office's own contacts, compared by their digits or in lower case)."""
    text = CITIZEN_ID.sub(WITHHELD, text)
    text = PHONE.sub(lambda m: m.group(0) if _digits(m.group(0)) in allowed else WITHHELD, text)
    return EMAIL.sub(lambda m: m.group(0) if m.group(0).lower() in allowed else WITHHELD, text)


def _clean(value, allowed: frozenset[str]):
    return scrub(value, allowed) if isinstance(value, str) else value


def publish(section: Section, allowed: frozenset[str]) -> Section:
    """The one gate every public page passes: records of a kind not published, or whose flags refuse it, are dropped
    (an unknown kind too); every text left is scrubbed."""
    tables = tuple(replace(t, title=scrub(t.title, allowed), records=tuple(
        replace(r, cells=tuple(_clean(c, allowed) for c in r.cells))
        for r in t.records if r.kind in ADMIT and ADMIT[r.kind](r.flags))) for t in section.tables)
    return replace(section, title=scrub(section.title, allowed), tables=tables,
                   lines=tuple(scrub(line, allowed) for line in section.lines),
                   links=tuple((scrub(label, allowed), href) for label, href in section.links))


# --- the site and its settings ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    org_id: int
    name: str
    address: tuple[str, ...]
    phone: str
    hotline: str
    email: str
    website: str
    office_hours: str
    intro: str
    map_attachment_id: int | None

    @property
    def allowed(self) -> frozenset[str]:
        return frozenset({d for d in (_digits(self.phone), _digits(self.hotline)) if d} | (
            {self.email.lower()} if self.email else set()))


def public_org(session: Session) -> Organization | None:
    """The install's LAO the site is of (as the e-service: the first organisation)."""
    return session.exec(select(Organization).order_by(Organization.id)).first()


def site_row(session: Session, org_id: int) -> PublicSite | None:
    return session.exec(select(PublicSite).where(PublicSite.org_id == org_id)).first()


def open_site(session: Session) -> Site | None:
    """The site when it is turned on, else None (the pages then answer 404)."""
    org = public_org(session)
    row = site_row(session, org.id) if org else None
    if row is None or not row.enabled:
        return None
    return Site(org.id, org.name, tuple(org.address_lines()), org.phone, row.hotline, row.email, row.website,
                row.office_hours, row.intro, row.map_attachment_id)


def settings_of(actor: Principal) -> PublicSite:
    """The site's settings (a new, switched-off row when none is kept yet)."""
    require(actor, MANAGE)
    with db.session_scope() as session:
        return site_row(session, actor.org_id) or PublicSite(org_id=actor.org_id)


SETTING_FIELDS = {'hotline': ('สายด่วน/ศูนย์รับเรื่องร้องเรียน', 60), 'email': ('อีเมลของสำนักงาน', 200),
                  'website': ('เว็บไซต์', 200), 'office_hours': ('วันและเวลาทำการ', 200),
                  'intro': ('ข้อความแนะนำ อปท.', 2000)}


def update_settings(actor: Principal, values: dict) -> None:
    """Turn the site on or off and set its contacts; every wrong field is named in Thai; the change is audited."""
    require(actor, MANAGE)
    clean, errors = {'enabled': bool(values.get('enabled'))}, {}
    for key, (label, longest) in SETTING_FIELDS.items():
        clean[key] = str(values.get(key) or '').strip().replace('\x00', '')
        if len(clean[key]) > longest:
            errors[key] = f'{label}: ยาวได้ไม่เกิน {longest} ตัวอักษร'
    if clean['email'] and not EMAIL.fullmatch(clean['email']):
        errors['email'] = 'อีเมลของสำนักงาน: รูปแบบไม่ถูกต้อง (เช่น saraban@example.go.th)'
    if clean['hotline'] and not re.fullmatch(r'[\d\s\-+()]{3,60}', clean['hotline']):
        errors['hotline'] = 'สายด่วน/ศูนย์รับเรื่องร้องเรียน: ใช้ได้เฉพาะตัวเลข ช่องว่าง และขีด'
    if clean['website'] and not re.fullmatch(r'https?://\S+', clean['website']):
        errors['website'] = 'เว็บไซต์: ต้องขึ้นต้นด้วย http:// หรือ https://'
    if errors:
        raise ValidationFailed(errors)
    with db.session_scope(write=True) as session:
        row = site_row(session, actor.org_id)
        if row is None:
            row = PublicSite(org_id=actor.org_id, created_by=actor.user_id)
            before = {}
        else:
            before = {k: getattr(row, k) for k in clean}
            row.version += 1
        for key, value in clean.items():
            setattr(row, key, value)
        row.updated_at, row.updated_by = datetime.now(local_zone()), actor.user_id
        session.add(row)
        session.flush()
        audit.record_by(session, actor, 'public_site_changed', 'PublicSite', row.id, audit.changes(before, clean))


def set_map_image(actor: Principal, filename: str, content: bytes) -> None:
    """The village map the LAO uploads (PNG or JPEG), shown on /public/map."""
    require(actor, MANAGE)
    files.check(filename, content, MAP_RULES)
    with db.session_scope(write=True) as session:
        row = site_row(session, actor.org_id)
        if row is None:
            row = PublicSite(org_id=actor.org_id, created_by=actor.user_id)
            session.add(row)
            session.flush()
        row_id = row.id
    attachment = files.save(actor, 'PublicSite', row_id, filename, content, MAP_RULES)
    with db.session_scope(write=True) as session:
        row = session.get(PublicSite, row_id)
        before, row.map_attachment_id = row.map_attachment_id, attachment.id
        row.version += 1
        session.add(row)
        audit.record_by(session, actor, 'public_site_changed', 'PublicSite', row.id,
                        {'map_attachment_id': [before, attachment.id], 'file': attachment.filename})


def map_image() -> tuple[str, bytes]:
    """The uploaded village map of the open site, or NotFound."""
    with db.session_scope() as session:
        site = open_site(session)
    attachment = files.get(site.org_id, site.map_attachment_id) if site and site.map_attachment_id else None
    if attachment is None:
        raise NotFound('ไม่พบแผนที่')
    return attachment.filename, files.read(attachment)


# --- the pages' content ----------------------------------------------------------------------------------------------

def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=local_zone())).astimezone(local_zone()).date()
    return value


def _latest(*values) -> date | None:
    days = [d for d in (_day(v) for v in values) if d is not None]
    return max(days) if days else None


def _money(value) -> str:
    return format_money(Decimal(value or 0))


def _frame_records(kind: str, df: pd.DataFrame, flags: dict) -> tuple[Record, ...]:
    def cell(value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return _money(value) if isinstance(value, Decimal) else f'{value:,}'
        if isinstance(value, date):
            return format_date(value)
        return '' if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return tuple(Record(kind, tuple(cell(v) for v in row), flags) for row in df.itertuples(index=False))


def _people(session: Session, org_id: int, heads_only: bool) -> list[tuple]:
    """(division, seat, holder's name or '', acting) for the active seats (the heads and the political side)."""
    rows = session.exec(select(Division.name, Division.kind, Position.title, Position.is_head, Position.id,
                               Position.updated_at, Position.created_at)
                        .join(Division, Division.id == Position.division_id)
                        .where(Position.org_id == org_id, Position.is_active, Division.is_active)
                        .order_by(Division.sort_order, Position.sort_order)).all()
    holders = session.exec(select(Assignment.position_id, User.full_name, Assignment.acting, Assignment.updated_at,
                                  Assignment.created_at).join(User, User.id == Assignment.user_id)
                           .where(Assignment.org_id == org_id, User.is_active)).all()
    held: dict[int, list] = {}
    for position_id, name, acting, updated, created in holders:
        held.setdefault(position_id, []).append((name, acting, updated or created))
    found = []
    for division, kind, title, is_head, position_id, updated, created in rows:
        if heads_only and not (is_head or kind == 'political'):
            continue
        people = held.get(position_id) or [('', False, None)]
        for name, acting, changed in people:
            found.append((division, kind, title, name, acting, _latest(updated, created, changed)))
    return found


def _structure(session: Session, site: Site, item: OitItem) -> Section:
    people = _people(session, site.org_id, heads_only=False)
    divisions: dict[str, list] = {}
    for division, _kind, title, name, acting, _ in people:
        divisions.setdefault(division, []).append((title, name, acting))
    records = tuple(Record('position', (division, str(len(seats)), ', '.join(dict.fromkeys(t for t, _, _ in seats))))
                    for division, seats in divisions.items())
    return Section('structure', TITLES['structure'], item.code, item.year, _latest(*(p[5] for p in people)),
                   ('ส่วนราชการและตำแหน่งตามโครงสร้างที่ใช้อยู่ในระบบงาน (จากทะเบียนตำแหน่ง)',),
                   (Table('ส่วนราชการ', ('ส่วนราชการ', 'จำนวนตำแหน่ง', 'ตำแหน่ง'), records, (1,)),))


def _executives(session: Session, site: Site, item: OitItem) -> Section:
    people = _people(session, site.org_id, heads_only=True)
    records = tuple(Record('position', (title, name + (' (รักษาราชการแทน)' if acting else '') if name else 'ว่าง',
                                        division)) for division, _k, title, name, acting, _ in people)
    return Section('executives', TITLES['executives'], item.code, item.year, _latest(*(p[5] for p in people)),
                   ('ผู้บริหารท้องถิ่นและหัวหน้าส่วนราชการ จากตำแหน่งและผู้ดำรงตำแหน่งในระบบงาน '
                    '(ระบบยังไม่เก็บรูปถ่าย จึงแสดงเฉพาะชื่อและตำแหน่ง)',),
                   (Table('ผู้บริหาร', ('ตำแหน่ง', 'ชื่อ-สกุล', 'ส่วนราชการ'), records),))


def _plans(session: Session, site: Site, item: OitItem) -> Section:
    plans = eplan.public_plans(session, site.org_id)
    records = tuple(Record('plan', (p.cycle, p.edition, 'ประกาศใช้แล้ว' if p.status == 'announced' else 'อนุมัติแล้ว',
                                    format_date(p.announced_on or p.approved_on), f'{p.projects:,}',
                                    ' · '.join(f'{y}: {_money(a)}' for y, a in p.budget_by_year)),
                           {'status': p.status}) for p in plans)
    return Section('plans', TITLES['plans'], item.code, item.year, _latest(*(p.updated for p in plans)),
                   ('แผนพัฒนาท้องถิ่นฉบับที่ใช้บังคับ (อนุมัติหรือประกาศใช้แล้ว) จากระบบ e-Plan',),
                   (Table('แผนที่ใช้บังคับ', ('แผน', 'ฉบับ', 'สถานะ', 'วันที่', 'จำนวนโครงการ', 'งบประมาณตามแผนรายปี (บาท)'),
                          records, (4,)),),
                   (('ดาวน์โหลดเอกสาร', PATHS['downloads']),))


def _budget(session: Session, site: Site, item: OitItem) -> Section:
    budget = elaas.public_budget(session, site.org_id)
    if budget is None:
        return Section('budget', TITLES['budget'], item.code, item.year, None,
                       ('ยังไม่มีข้อบัญญัติงบประมาณที่ประกาศใช้',))
    flags = {'status': elaas.PUBLISHED_BUDGET}
    df = budget.execution[['แผนงาน', 'งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ']]
    return Section('budget', f'{TITLES["budget"]} {budget.fiscal_year}', item.code, item.year, _day(budget.updated),
                   (f'{budget.title} ประกาศใช้เมื่อ {format_date(budget.announced_on)}' if budget.announced_on
                    else budget.title, 'การใช้จ่ายตามแผนงาน จากระบบบัญชี e-LAAS (บาท)'),
                   (Table('งบประมาณและการใช้จ่ายตามแผนงาน', tuple(df.columns), _frame_records('budget', df, flags),
                          (1, 2, 3, 4)),),
                   (('ดาวน์โหลด PDF', '/public/downloads/budget.pdf'),))


def _quarterly(session: Session, site: Site, item: OitItem) -> Section:
    budget = elaas.public_budget(session, site.org_id)
    if budget is None:
        return Section('budget_quarterly', TITLES['budget_quarterly'], item.code, item.year, None,
                       ('ยังไม่มีข้อบัญญัติงบประมาณที่ประกาศใช้',))
    flags = {'status': elaas.PUBLISHED_BUDGET}
    names = {1: 'ไตรมาสที่ 1 (ต.ค.–ธ.ค.)', 2: 'ไตรมาสที่ 2 (ม.ค.–มี.ค.)', 3: 'ไตรมาสที่ 3 (เม.ย.–มิ.ย.)',
             4: 'ไตรมาสที่ 4 (ก.ค.–ก.ย.)'}
    records = tuple(Record('budget', (names[q], _money(r), _money(p)), flags) for q, r, p in budget.quarters)
    return Section('budget_quarterly', f'{TITLES["budget_quarterly"]} ปีงบประมาณ {budget.fiscal_year}', item.code,
                   item.year, _day(budget.updated), ('รายรับตามใบเสร็จและรายจ่ายจากงบประมาณที่เบิกจ่ายแล้ว (บาท)',),
                   (Table('รายรับ-รายจ่ายรายไตรมาส', ('ไตรมาส', 'รายรับ', 'รายจ่าย'), records, (1, 2)),),
                   (('ดาวน์โหลด PDF', '/public/downloads/budget-quarterly.pdf'),))


def _months_so_far(fy: int, on: date) -> tuple[int, ...]:
    start, end = fiscal_year_range(fy)
    months, day = [], start
    while day <= min(on, end):
        months.append(day.month)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return tuple(months)


def _procurement(session: Session, site: Site, item: OitItem, monthly: bool) -> Section:
    fy = fiscal_year(today())
    found = egp.public_procurement(session, site.org_id, fy, _months_so_far(fy, today()) if monthly else ())
    updated = _latest(*found.updated)
    if not monthly:
        df = found.plan.drop(columns=['วันที่เผยแพร่'])
        return Section('procurement_plan', f'{TITLES["procurement_plan"]} ปีงบประมาณ {fy}', item.code, item.year,
                       updated, ('รายการที่เผยแพร่แล้ว จากระบบจัดซื้อจัดจ้าง',),
                       (Table('แผนการจัดซื้อจัดจ้างประจำปี', tuple(df.columns),
                              _frame_records('procurement_plan', df, {'published': True}), (2,)),),
                       (('ดาวน์โหลด PDF', '/public/downloads/procurement-plan.pdf'),))
    tables = tuple(Table(f'ประจำเดือน{MONTHS[m]}', tuple(df.columns), _frame_records('skr1', df, {}), (2, 3))
                   for m, df in reversed(found.months))
    return Section('skr1', f'{TITLES["skr1"]} ปีงบประมาณ {fy}', item.code, item.year, updated,
                   ('แบบ สขร.1 ของแต่ละเดือน (เดือนล่าสุดก่อน) จากแฟ้มจัดซื้อจัดจ้างที่ได้ผู้รับจ้างแล้ว',), tables)


def _complaints(session: Session, site: Site, item: OitItem) -> Section:
    fy = fiscal_year(today())
    start, end = fiscal_year_range(fy)
    stats = eoffice.request_statistics(session, site.org_id, start, end)
    records = tuple(Record('statistic', (title, f'{n:,}', f'{done:,}', f'{n - done:,}')) for title, n, done in
                    stats.by_type)
    total = sum(n for _, n, _ in stats.by_type)
    return Section('complaints', f'{TITLES["complaints"]} ปีงบประมาณ {fy}', item.code, item.year, _day(stats.updated),
                   (f'เรื่องที่ประชาชนยื่นผ่านบริการออนไลน์ทั้งหมด {total:,} เรื่อง (แสดงเฉพาะจำนวน ไม่เปิดเผยผู้ร้อง)',),
                   (Table('จำแนกตามประเภท', ('ประเภทเรื่อง', 'ยื่น', 'ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ'),
                          records, (1, 2, 3)),),
                   (('ยื่นคำร้องหรือร้องเรียนออนไลน์', '/e-service'), ('ตรวจสอบสถานะคำร้อง', '/e-service/track')))


def _news(session: Session, site: Site, item: OitItem) -> Section:
    notices = eoffice.public_announcements(session, site.org_id)
    records = tuple(Record('notice', (format_date(n.doc_date), n.number_text, n.subject, n.body),
                           {'register': eoffice.PUBLIC_REGISTER, 'is_public': n.is_public, 'secrecy': n.secrecy,
                            'status': n.status}) for n in notices)
    return Section('news', TITLES['news'], item.code, item.year, _latest(*(n.updated for n in notices)),
                   ('ประกาศของ อปท. ที่ออกเลขแล้วและกำหนดให้เผยแพร่ จากระบบสารบรรณ',),
                   (Table('ประกาศ', ('วันที่', 'เลขที่', 'เรื่อง', 'สาระสำคัญ'), records),))


def _contacts(session: Session, site: Site, item: OitItem) -> Section:
    flags = {'office': True}
    rows = [('ที่ตั้ง', ' '.join(site.address)), ('โทรศัพท์สำนักงาน', site.phone), ('สายด่วน', site.hotline),
            ('อีเมล', site.email), ('เว็บไซต์', site.website), ('วันและเวลาทำการ', site.office_hours)]
    records = tuple(Record('contact', (label, value), flags) for label, value in rows if value)
    agencies = tuple(Record('link', (name, url, note)) for name, url, note in agency_links())
    row = site_row(session, site.org_id)
    org = session.get(Organization, site.org_id)
    return Section('contacts', TITLES['contacts'], item.code, item.year, _latest(row.updated_at or row.created_at),
                   (org.name,), (Table('ติดต่อ อปท.', ('ช่องทาง', 'รายละเอียด'), records),
                                 Table('หน่วยงานที่เกี่ยวข้อง', ('หน่วยงาน', 'เว็บไซต์', 'หมายเหตุ'), agencies)),
                   (('ยื่นคำร้องหรือร้องเรียนออนไลน์', '/e-service'),))


def village_svg(villages: list[Village]) -> str:
    """A drawn map of the villages from their coordinates (no tiles): a dot and the village's number and name each."""
    placed = [v for v in villages if v.latitude is not None and v.longitude is not None]
    if not placed:
        return ''
    from html import escape
    lats, lons = [v.latitude for v in placed], [v.longitude for v in placed]
    span_lat, span_lon = max(max(lats) - min(lats), 1e-3), max(max(lons) - min(lons), 1e-3)
    width, height, pad = 640, 480, 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="แผนที่หมู่บ้าน" class="village-map"><rect width="{width}" height="{height}" fill="#f1f5f9"/>']
    for v in placed:
        x = pad + (v.longitude - min(lons)) / span_lon * (width - 2 * pad)
        y = height - pad - (v.latitude - min(lats)) / span_lat * (height - 2 * pad)
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="#1e4f8a"/><text x="{x + 10:.0f}" y="{y + 5:.0f}" '
                     f'font-size="14">ม.{v.number} {escape(v.name)}</text>')
    parts.append(f'<text x="{width - 20}" y="30" font-size="16" text-anchor="end">▲ ทิศเหนือ</text></svg>')
    return ''.join(parts)


def _map(session: Session, site: Site, item: OitItem) -> Section:
    villages = session.exec(select(Village).where(Village.org_id == site.org_id).order_by(Village.number)).all()
    records = tuple(Record('village', (f'{v.number}', v.name, f'{v.households:,}', f'{v.population:,}'))
                    for v in villages)
    updated = _latest(*(v.updated_at or v.created_at for v in villages))
    return Section('map', TITLES['map'], item.code, item.year, updated,
                   ('ผังหมู่บ้านจากพิกัดในทะเบียนหมู่บ้าน (ไม่ใช้แผนที่จากอินเทอร์เน็ต)',),
                   (Table('หมู่บ้านในเขต อปท.', ('หมู่ที่', 'ชื่อหมู่บ้าน', 'ครัวเรือน', 'ประชากร'), records, (0, 2, 3)),),
                   image='/public/map.png' if site.map_attachment_id else '', svg=village_svg(list(villages)))


DOWNLOADS = {  # file key -> (Thai title, the section whose first table it prints)
    'budget': ('งบประมาณและการใช้จ่ายตามแผนงาน', 'budget'),
    'budget-quarterly': ('รายงานรายรับ-รายจ่ายรายไตรมาส', 'budget_quarterly'),
    'procurement-plan': ('แผนการจัดซื้อจัดจ้างประจำปี', 'procurement_plan'),
    'plans': ('แผนพัฒนาท้องถิ่นที่ใช้บังคับ', 'plans'),
}


def _downloads(session: Session, site: Site, item: OitItem) -> Section:
    return Section('downloads', TITLES['downloads'], item.code, item.year, today(),
                   ('เอกสาร PDF พิมพ์จากข้อมูลล่าสุดในระบบงาน',),
                   links=tuple((title, f'/public/downloads/{key}.pdf') for key, (title, _) in DOWNLOADS.items()))


BUILDERS = {'structure': _structure, 'executives': _executives, 'plans': _plans, 'budget': _budget,
            'budget_quarterly': _quarterly,
            'procurement_plan': lambda s, site, item: _procurement(s, site, item, monthly=False),
            'skr1': lambda s, site, item: _procurement(s, site, item, monthly=True),
            'complaints': _complaints, 'news': _news, 'contacts': _contacts, 'map': _map, 'downloads': _downloads}


def _item(key: str) -> OitItem:
    items = oit_items()
    return items.get(key) or OitItem(fiscal_year(today()), key, '', TITLES[key], '-', '')


def section(key: str) -> tuple[Site, Section] | None:
    """One page of the open site, through the publication filter; None when the site is off (or no such page)."""
    if key not in BUILDERS:
        return None
    with db.session_scope() as session:
        site = open_site(session)
        if site is None:
            return None
        return site, publish(BUILDERS[key](session, site, _item(key)), site.allowed)


@dataclass(frozen=True)
class Home:
    site: Site
    items: tuple[Section, ...]  # every page, filtered, for the index (its code and last update)
    news: Section


def home() -> Home | None:
    with db.session_scope() as session:
        site = open_site(session)
        if site is None:
            return None
        items = tuple(publish(BUILDERS[key](session, site, _item(key)), site.allowed) for key, _, _ in PAGES)
    return Home(site, items, next(s for s in items if s.key == 'news'))


def download(key: str) -> tuple[str, bytes] | None:
    """A PDF of one public table, printed the suite's way (core.reports.to_pdf), from the filtered section."""
    from core.reports import to_pdf
    if key not in DOWNLOADS:
        return None
    title, section_key = DOWNLOADS[key]
    found = section(section_key)
    if found is None:
        return None
    site, page = found
    table = page.tables[0] if page.tables else Table(title, ('รายการ',), ())
    def value(index: int, cell):  # a money column prints as money (right-aligned), as the reports print it
        if index in table.numeric and isinstance(cell, str) and re.fullmatch(r'-?[\d,]+\.\d{2}', cell):
            return Decimal(cell.replace(',', ''))
        return cell
    df = pd.DataFrame([[value(i, c) for i, c in enumerate(r.cells)] for r in table.records],
                      columns=list(table.columns))
    return f'{key}.pdf', to_pdf(df, page.title, org_name=site.name,
                                period=f'ข้อมูล ณ วันที่ {format_date(page.updated or today())}')


# --- demo ------------------------------------------------------------------------------------------------------------

DEMO_COORDINATES = {1: (14.9710, 102.1010), 2: (14.9855, 102.1190), 3: (14.9930, 102.0880), 4: (14.9600, 102.1320),
                    5: (14.9520, 102.0950), 6: (14.9790, 102.1450), 7: (15.0040, 102.1100), 8: (14.9450, 102.1180),
                    9: (15.0110, 102.1360), 10: (14.9660, 102.0760)}


def seed_demo(context) -> None:
    """The demo's site, turned on, with its hotline; the villages' coordinates for the drawn map."""
    session, org = context.session, context.org
    session.add(PublicSite(org_id=org.id, enabled=True, hotline='1132', email='saraban@bantuayang.go.th',
                           office_hours='วันจันทร์–วันศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)',
                           intro='องค์การบริหารส่วนตำบลบ้านตัวอย่าง มุ่งพัฒนาคุณภาพชีวิตและบริการประชาชนอย่างโปร่งใส'))
    session.flush()
    for village in session.exec(select(Village).where(Village.org_id == org.id,
                                                      col(Village.number).in_(list(DEMO_COORDINATES)))).all():
        village.latitude, village.longitude = DEMO_COORDINATES[village.number]
        session.add(village)
