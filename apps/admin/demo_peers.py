"""The province's other demo LAOs, for benchmarking: a small อบต. and a เทศบาลตำบล of the demo LAO's province (real
DLA registry entries), each created by the install's administrator through /install's service, its people through
the users register, and a year of lighter data through the apps' registers (the kit): the population, a budget
ordinance taken along its whole path to ประกาศใช้, and receipts. Also the demo's provincial reader (สถ.จ.).

Runs after the demo LAO is committed (AppSpec.seed_demo_after), each step in the services' own transactions."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from sqlmodel import select, update

from apps.admin import install
from apps.admin.service import create_user
from core import auth, db
from core.access import load_principal
from core.resource import REGISTRY, create, transition
from core.thai import fiscal_year, fiscal_year_range, today
from models.org import Division, Organization, Position, User

DEMO_PASSWORD = 'demo1234'  # core.demo's (the persona sign-in needs none)
READER = ('province_reader', 'นายสุรพล ตรวจการ')  # สถ.จ.นครราชสีมา's officer: reads the province's LAOs

# (DLA code, size, username prefix, people: (seat code, full name), population, scale of the budget)
PEERS = (
    ('6300121', 'small', 'simum', (('MAYOR', 'นายบุญมี สีมุม'), ('PLANNER', 'นางสาวอรอุมา แผนงาม'),
                                    ('REVENUE_CLERK', 'นางสมพร เก็บดี')), 6_412, Decimal('0.45')),
    ('5300104', 'medium', 'huathale', (('MAYOR', 'นายประยุทธ หัวทะเล'), ('PLANNER', 'นายวิทยา วางแผน'),
                                        ('REVENUE_CLERK', 'นางสาวรัชนี รายได้')), 24_870, Decimal('1.6')),
)
# (work, expense type, item, amount at scale 1, division code)
LINES = (
    ('00111', '521001', 'เงินเดือนนายก/รองนายก', 1_040_000, 'PALAD'),
    ('00111', '521005', 'เงินค่าตอบแทนสมาชิกสภา', 1_300_000, 'PALAD'),
    ('00111', '522001', 'เงินเดือนพนักงาน', 2_200_000, 'PALAD'),
    ('00113', '522001', 'เงินเดือนพนักงาน (กองคลัง)', 1_200_000, 'FIN'),
    ('00111', '532001', 'ค่าจ้างเหมาบริการ', 300_000, 'PALAD'),
    ('00111', '534001', 'ค่าไฟฟ้า', 250_000, 'PALAD'),
    ('00111', '533001', 'วัสดุสำนักงาน', 120_000, 'PALAD'),
    ('00113', '533007', 'วัสดุเชื้อเพลิงและหล่อลื่น', 150_000, 'FIN'),
    ('00241', '542003', 'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก', 4_500_000, 'ENG'),
    ('00411', '510006', 'สำรองจ่าย', 400_000, 'FIN'),
    ('00411', '510003', 'เบี้ยยังชีพผู้สูงอายุ', 4_200_000, 'FIN'),
)
REVENUE = (('411001', 400, 20_000), ('412001', 20, 600), ('421001', 400_000, 1_200_000),
           ('421002', 150_000, 600_000), ('413001', 5_000, 20_000))


def _principal(user_id: int):
    with db.session_scope() as session:
        return load_principal(session, user_id)


def _seated(org_id: int, people: tuple, prefix: str, admin) -> dict[str, object]:
    """The LAO's people in their seats (the users register), each able to sign in at once (demo)."""
    with db.session_scope() as session:
        seats = dict(session.exec(select(Position.code, Position.id).where(Position.org_id == org_id)).all())
    found = {}
    for seat, full_name in people:
        user_id = create_user(admin, username=f'{prefix}_{seat.lower()}', full_name=full_name,
                              password=DEMO_PASSWORD, confirm=DEMO_PASSWORD, position_id=seats.get(seat))
        found[seat] = user_id
    with db.session_scope(write=True) as session:
        session.execute(update(User).where(User.org_id == org_id).values(must_change_password=False))
    return {seat: _principal(user_id) for seat, user_id in found.items()}


def _budget(org_id: int, planner, mayor, scale: Decimal, rng: random.Random) -> None:
    fy = fiscal_year(today())
    start, _ = fiscal_year_range(fy)
    with db.session_scope() as session:
        divisions = dict(session.exec(select(Division.code, Division.id).where(Division.org_id == org_id)).all())
        fund = session.exec(select(REGISTRY['admin/fund-sources'].model.id).where(
            REGISTRY['admin/fund-sources'].model.org_id == org_id,
            REGISTRY['admin/fund-sources'].model.code == '01')).one()
    lines = [(work, kind, item, (Decimal(amount) * scale).quantize(Decimal('1000')), division)
             for work, kind, item, amount, division in LINES]
    total = sum((amount for *_, amount, _ in lines), Decimal('0'))
    budget = create(REGISTRY['elaas/budgets'], planner, dict(
        fiscal_year=fy, title=f'ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fy}', estimated_revenue=total,
        first_reading_on=start - timedelta(days=60), second_reading_on=start - timedelta(days=47),
        council_passed_on=start - timedelta(days=40), sent_on=start - timedelta(days=38),
        endorsed_on=start - timedelta(days=27), announced_on=start - timedelta(days=20)))
    for work, kind, item, amount, division in lines:
        create(REGISTRY['elaas/budget-lines'], planner, dict(
            fiscal_year=fy, work_code=work, type_code=kind, item=item, approved=amount,
            division_id=divisions.get(division) or divisions['PALAD'], fund_source_id=fund))
    for move, actor in (('submit', planner), ('pass', planner), ('send', mayor), ('endorse', planner),
                        ('approve', mayor)):
        transition(REGISTRY['elaas/budgets'], actor, budget, move)


@contextmanager
def _one_hash() -> Iterator[None]:
    """Every demo account's password is the demo's one password: hash it once (as core.demo does), not per account
    (argon2 takes a quarter of a second each by design)."""
    hashed, real = auth.hash_password(DEMO_PASSWORD), auth.hash_password
    auth.hash_password = lambda password: hashed
    try:
        yield
    finally:
        auth.hash_password = real


def _receipts(clerk, scale: Decimal, rng: random.Random, count: int = 6) -> None:
    fy = fiscal_year(today())
    start, _ = fiscal_year_range(fy)
    days = max((today() - start).days, 1)
    for n in range(count):
        code, low, high = REVENUE[n % len(REVENUE)]
        amount = Decimal(round(rng.uniform(low, high) * float(scale) * 4)).quantize(Decimal('1'))  # a quarter's worth
        create(REGISTRY['elaas/receipts'], clerk, dict(
            receipt_date=start + timedelta(days=rng.randrange(days)), payer='ผู้ชำระเงิน (ข้อมูลสาธิต)',
            revenue_code=code, received_by='transfer' if code.startswith('42') else 'cash', amount=amount))


def _population(planner, population: int) -> None:
    fy = fiscal_year(today()) - 1
    create(REGISTRY['info/figures'], planner, dict(
        fiscal_year=fy, indicator='population_total', value=population,
        as_of=fiscal_year_range(fy)[1], source='ทะเบียนราษฎร (ข้อมูลสาธิต)'))


def seed_peers(main: Organization, peers: bool = True) -> None:
    """The provincial reader and (`peers`) the two peer LAOs, as the install's administrator would make them."""
    rng = random.Random(2570)
    with db.session_scope() as session:
        it_id = session.exec(select(User.id).where(User.org_id == main.id, User.install_admin)).first()
    if it_id is None:
        return
    it = _principal(it_id)
    with _one_hash():
        if not _has_reader():
            reader = install.create_reader(it, org_id=main.id, reach='province', full_name=READER[1],
                                           username=READER[0])
            with db.session_scope(write=True) as session:
                session.execute(update(User).where(User.username == reader.username)
                                .values(must_change_password=False))
        if peers:
            _build(it, rng)


def _has_reader() -> bool:
    with db.session_scope() as session:
        return session.exec(select(User.id).where(User.username == READER[0])).first() is not None


def _build(it, rng: random.Random) -> None:
    for dla_code, size, prefix, people, population, scale in PEERS:
        account = install.create_lao(it, dla_code=dla_code, size=size, admin_username=f'{prefix}_admin',
                                     admin_full_name=f'ผู้ดูแลระบบ ({prefix})', is_demo=True)
        with db.session_scope() as session:
            admin_id = session.exec(select(User.id).where(User.username == account.username)).one()
        seated = _seated(account.org_id, people, prefix, _principal(admin_id))
        _population(seated['PLANNER'], population)
        _budget(account.org_id, seated['PLANNER'], seated['MAYOR'], scale, rng)
        _receipts(seated['REVENUE_CLERK'], scale, rng)
