"""The demo LAO: a fictional medium อบต. with realistic staff, for trainers and for trying the suite.

Demo mode is on only with `--demo`. Each app adds its own demo records through its AppSpec.seed_demo hook.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, SQLModel, select, text

from core import audit, db, thai
from core.auth import LoginResult, hash_password
from core.menu import all_apps
from core.settings import get_settings
from core.structure import create_organization
from models.base import utcnow
from models.org import Assignment, DelegationOrder, Division, Organization, Position, User

DEMO_PASSWORD = 'demo1234'
DEMO_ORG = dict(name='องค์การบริหารส่วนตำบลบ้านตัวอย่าง', dla_code='6300199', lao_type='subdistrict_admin_org',
                size='medium', province_code='30', district_name='เมืองนครราชสีมา', letter_prefix='นม 89901')
DEMO_ADDRESS = dict(address_line='หมู่ที่ 1 ถนนมิตรภาพ', subdistrict_name='บ้านตัวอย่าง', postcode='30000',
                    phone='0 4400 0000', tax_id='0994000163126')  # printed on the demo LAO's letters (ตั้งค่า อปท.)


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    seats: tuple[str, ...]  # position titles held, the first is the primary one
    acting: bool = False  # the second seat is held as รักษาราชการแทน


PEOPLE = (
    DemoPerson('mayor', 'นายสมชาย ใจดี', ('นายกองค์การบริหารส่วนตำบล',)),
    DemoPerson('deputy1', 'นายวิชัย รุ่งเรือง', ('รองนายกองค์การบริหารส่วนตำบล',)),
    DemoPerson('deputy2', 'นางสาวมาลี ศรีสุข', ('รองนายกองค์การบริหารส่วนตำบล',)),
    DemoPerson('secretary', 'นายประเสริฐ มั่นคง', ('เลขานุการนายกองค์การบริหารส่วนตำบล',)),
    DemoPerson('palad', 'นางสุนีย์ วงศ์ใหญ่', ('ปลัดองค์การบริหารส่วนตำบล',)),
    DemoPerson('deputy_palad', 'นายธนพล แก้วมณี', ('รองปลัดองค์การบริหารส่วนตำบล',)),
    DemoPerson('head_palad', 'นางสาววรรณา ทองดี', ('หัวหน้าสำนักปลัด', 'ผู้อำนวยการกองสวัสดิการสังคม'), acting=True),
    DemoPerson('planner', 'นางสาวกัญญา พรหมวิเศษ', ('นักวิเคราะห์นโยบายและแผน',)),
    DemoPerson('hr', 'นางพิมพ์ใจ สายบุญ', ('นักทรัพยากรบุคคล',)),
    DemoPerson('legal', 'นายอนุชา ศรีสวัสดิ์', ('นิติกร',)),
    DemoPerson('admin', 'นายกิตติ ศรีวงศ์', ('นักวิชาการคอมพิวเตอร์',)),
    DemoPerson('clerk', 'นางสาวสายใจ บุญมา', ('เจ้าพนักงานธุรการ',)),
    DemoPerson('finance_dir', 'นางรัตนา จันทร์หอม', ('ผู้อำนวยการกองคลัง',)),
    DemoPerson('accountant', 'นางสาวนิภา บุญประเสริฐ', ('นักวิชาการเงินและบัญชี',)),
    DemoPerson('cashier', 'นายสมศักดิ์ คงมั่น', ('เจ้าพนักงานการเงินและบัญชี',)),
    DemoPerson('revenue', 'นางสาวจันทร์เพ็ญ แสงทอง', ('เจ้าพนักงานจัดเก็บรายได้',)),
    DemoPerson('fin_clerk', 'นางสาวอรุณี ใจเย็น', ('เจ้าพนักงานธุรการ',)),
    DemoPerson('procurement', 'นายพงศกร วงศ์สวัสดิ์', ('นักวิชาการพัสดุ',)),
    DemoPerson('eng_dir', 'นายชาตรี ภูมิสุข', ('ผู้อำนวยการกองช่าง',)),
    DemoPerson('engineer', 'นายวีระ แสนคำ', ('นายช่างโยธา',)),
    DemoPerson('edu_dir', 'นางสมศรี พิมพ์ทอง', ('ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม',)),
    DemoPerson('edu_officer', 'นางสาวปวีณา ทองคำ', ('นักวิชาการศึกษา',)),
    DemoPerson('teacher', 'นางมณี ศรีประเสริฐ', ('ครู',)),
    DemoPerson('auditor', 'นางสาวศิริพร อินทร์แก้ว', ('นักวิชาการตรวจสอบภายใน',)),
    DemoPerson('driver', 'นายสมปอง โพธิ์ศรี', ('พนักงานขับรถยนต์',)),
)


@dataclass
class DemoContext:
    """What an app's demo seeder gets: a write session, the demo LAO, its people, a seeded random source."""

    session: Session
    org: Organization
    users: dict[str, User]
    today: date = field(default_factory=thai.today)
    rng: random.Random = field(default_factory=lambda: random.Random(2569))


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    positions: str


def _seat(session: Session, org_id: int, title: str, taken: set[int]) -> Position:
    seats = session.exec(select(Position).where(Position.org_id == org_id, Position.title == title)
                         .order_by(Position.sort_order)).all()
    free = [p for p in seats if p.id not in taken]
    if not free:
        raise ValueError(f'demo: the structure template has no free seat titled {title!r}')
    return free[0]


# The นายก's orders (คำสั่ง อบต. …): who exercises which of his powers, from when, up to what amount. No deputy
# approves money: the รองปลัด's order to approve vouchers while the ปลัด was away has ended (shown when refused).
# (number, date, to whom, what, the division whose matters it covers (None: the LAO's), limit, from, to, note);
# an order over two divisions is one line per division
_DEPUTY1 = 'มอบหมายให้รองนายกคนที่ 1 กำกับดูแล ลงนามและสั่งการหนังสือของกองช่างและกองคลัง'
_DEPUTY2 = 'มอบหมายให้รองนายกคนที่ 2 กำกับดูแล ลงนามและสั่งการหนังสือของกองการศึกษาฯ และกองสวัสดิการสังคม'
DEMO_ORDERS = (
    ('245/2567', date(2024, 9, 27), 'palad', 'elaas.voucher.approve', None, 100_000, date(2024, 10, 1), None,
     'มอบอำนาจให้ปลัดอนุมัติฎีกาเบิกจ่ายเงินครั้งละไม่เกิน 100,000 บาท เกินวงเงินเสนอนายกอนุมัติ'),
    ('246/2567', date(2024, 9, 27), 'deputy1', 'eoffice.doc.order', 'ENG', None, date(2024, 10, 1), None, _DEPUTY1),
    ('246/2567', date(2024, 9, 27), 'deputy1', 'eoffice.doc.order', 'FIN', None, date(2024, 10, 1), None, _DEPUTY1),
    ('247/2567', date(2024, 9, 27), 'deputy2', 'eoffice.doc.order', 'EDU', None, date(2024, 10, 1), None, _DEPUTY2),
    ('247/2567', date(2024, 9, 27), 'deputy2', 'eoffice.doc.order', 'WELFARE', None, date(2024, 10, 1), None,
     _DEPUTY2),
    ('120/2567', date(2024, 4, 1), 'deputy_palad', 'elaas.voucher.approve', None, 50_000, date(2024, 4, 1),
     date(2024, 4, 30), 'ให้รองปลัดอนุมัติฎีกาครั้งละไม่เกิน 50,000 บาท ระหว่างปลัดไปราชการ (สิ้นสุดแล้ว)'),
)


def _delegation_orders(session: Session, org: Organization, users: dict[str, User]) -> None:
    primary = dict(session.exec(select(Assignment.user_id, Assignment.position_id).where(
        Assignment.org_id == org.id, Assignment.is_primary)).all())
    divisions = dict(session.exec(select(Division.code, Division.id).where(Division.org_id == org.id)).all())
    mayor = users['mayor'].id
    for number, issued, username, permission, division, limit, start, end, note in DEMO_ORDERS:
        session.add(DelegationOrder(org_id=org.id, number=number, order_date=issued,
                                    position_id=primary[users[username].id], permission=permission,
                                    division_id=divisions[division] if division else None, limit_amount=limit,
                                    valid_from=start, valid_to=end, note=note, created_by=mayor))


@db.own_tenant
def build_demo(peers: bool = True) -> Organization:
    """Create the demo LAO with its staff and every app's demo records (one transaction); then, through the
    services, its provincial reader and (`peers`) its province's other demo LAOs."""
    password_hash = hash_password(DEMO_PASSWORD)
    with db.session_scope(write=True) as session:
        org, _ = create_organization(session, is_demo=True, **DEMO_ORG)
        for name, value in DEMO_ADDRESS.items():
            setattr(org, name, value)
        users, taken = {}, set()
        for person in PEOPLE:
            user = User(org_id=org.id, username=person.username, full_name=person.full_name,
                        password_hash=password_hash)
            session.add(user)
            session.flush()
            for n, title in enumerate(person.seats):
                seat = _seat(session, org.id, title, taken)
                taken.add(seat.id)
                session.add(Assignment(org_id=org.id, user_id=user.id, position_id=seat.id, is_primary=n == 0,
                                       acting=person.acting and n > 0, start_date=date(2024, 10, 1)))
            users[person.username] = user
        users['admin'].install_admin = True  # the demo install's administrator (/install) is the LAO's IT officer
        session.flush()
        _delegation_orders(session, org, users)
        context = DemoContext(session, org, users)
        for spec in all_apps():
            if spec.seed_demo:
                spec.seed_demo(context)
        audit.record(session, 'demo_built', org_id=org.id, object_type='Organization', object_id=org.id,
                     data={'people': len(users)})
    for spec in all_apps():  # the province's other demo LAOs, through the services (each its own transactions)
        if spec.seed_demo_after:
            spec.seed_demo_after(org, peers)
    return org


def ensure_demo(reset: bool = False) -> None:
    """`--demo`: build the demo LAO on an empty database; `--reset-demo`: wipe a demo-only database and rebuild."""
    with db.session_scope() as session:
        orgs = session.exec(select(Organization)).all()
    if orgs and not all(o.is_demo for o in orgs):
        raise SystemExit('ฐานข้อมูลนี้มีข้อมูล อปท. จริงอยู่ จึงไม่เปิดโหมดสาธิต: ใช้ --data-dir อื่นสำหรับการสาธิต')
    if orgs and not reset:
        return
    if orgs:
        wipe_database()
    build_demo()


def wipe_database() -> None:
    """Drop every table (only for a demo-only database) and migrate again from scratch, as the schema's owner."""
    settings = get_settings()
    engine = db.engine() if settings.owner_db_url == settings.db_url else db.make_engine(settings.owner_db_url)
    if engine.dialect.name == 'sqlite':  # the search tables the migrations made (FTS5, with their shadow tables)
        with engine.begin() as connection:
            for name in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                "sql LIKE 'CREATE VIRTUAL TABLE%'")).scalars().all():
                connection.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text('DROP TABLE IF EXISTS alembic_version'))
    if engine is not db.engine():
        engine.dispose()
    audit.retire_anchor_file('before-reset-demo')
    db.migrate()


def personas() -> list[Persona]:
    """The demo LAO's people for the login page's persona switcher (demo mode only)."""
    if not get_settings().demo:
        return []
    with db.session_scope() as session:
        org = session.exec(select(Organization).where(Organization.is_demo)).first()
        if org is None:
            return []
        db.set_tenant((org.id,))  # this call's context only (the pool runs each call in a copy)
        rows = session.exec(select(User, Position).join(Assignment, Assignment.user_id == User.id)
                            .join(Position, Position.id == Assignment.position_id)
                            .where(User.org_id == org.id, User.is_active)
                            .order_by(User.id, Assignment.is_primary.desc())).all()
    titles: dict[int, list[str]] = {}
    names: dict[int, User] = {}
    for user, position in rows:
        titles.setdefault(user.id, []).append(position.short_title or position.title)
        names[user.id] = user
        readers = session.exec(select(User).where(User.org_id == org.id, User.is_active, User.reads_across != '')
                               .order_by(User.id)).all()  # the provincial reader holds no seat of the LAO
    return [Persona(u.username, u.full_name, ' + '.join(titles[u.id])) for u in names.values()] + [
        Persona(u.username, u.full_name, 'ผู้ตรวจสอบระดับจังหวัด (อ่านอย่างเดียว)') for u in readers]


def persona_login(username: str, source: str = '') -> LoginResult:
    """Sign in as a demo persona without a password: only in demo mode and only for a demo LAO's account."""
    if not get_settings().demo:
        return LoginResult(False, 'โหมดสาธิตไม่ได้เปิดอยู่')
    with db.tenant(sign_in=True), db.session_scope() as session:  # the fence's sign-in exception
        user = session.exec(select(User).where(User.username == username)).first()
    with db.tenant((user.org_id,) if user else ()), db.session_scope(write=True) as session:
        user = session.get(User, user.id) if user else None
        org = session.get(Organization, user.org_id) if user else None
        if user is None or not org.is_demo or not user.is_active:
            return LoginResult(False, 'ไม่พบบุคคลสมมตินี้')
        user.last_login_at = utcnow()
        session.add(user)
        audit.record(session, 'login', org_id=org.id, actor_id=user.id, actor_name=user.full_name,
                     object_type='User', object_id=user.id, data={'from': source, 'demo_persona': True})
        return LoginResult(True, user_id=user.id, org_id=org.id, session_version=user.session_version,
                           session_hours=org.session_hours)
