"""The demo LAO's staff in the personnel register (every non-political demo person plus employees without an
account), born 23 to 29 years before their appointment, a salary history rising each 1 October, a year of leave
(vacation, sick and personal) through the same ledger the service writes, one person at the ten-year boundary of the
next rollover, and requests waiting at each step of the route."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import select

from apps.hr import leave
from apps.hr.rules import count_halves, days_text, holidays_between
from core.access import Principal
from core.thai import be_year, fiscal_year, fiscal_year_range, with_check_digit
from models.hr import Decoration, Discipline, Education, LeaveRequest, Person, SalaryRecord, Training
from models.org import Assignment, Position

POLITICAL = {'mayor', 'deputy1', 'deputy2', 'secretary'}
# username -> (category, years of service before the demo's fiscal year, salary)
STAFF = {
    'palad': ('local_official', 24, 52_000), 'deputy_palad': ('local_official', 18, 41_500),
    'head_palad': ('local_official', 15, 38_200), 'planner': ('local_official', 6, 24_800),
    'hr': ('local_official', 9, 27_300), 'legal': ('local_official', 4, 21_900),
    'admin': ('local_official', 3, 19_800), 'clerk': ('local_official', 12, 23_400),
    'finance_dir': ('local_official', 20, 43_100), 'accountant': ('local_official', 7, 25_600),
    'cashier': ('local_official', 11, 22_700), 'revenue': ('local_official', 5, 18_900),
    'fin_clerk': ('mission_employee', 2, 15_000), 'procurement': ('local_official', 8, 26_100),
    'eng_dir': ('local_official', 19, 42_300), 'engineer': ('local_official', 13, 24_500),
    'edu_dir': ('local_official', 22, 44_800), 'edu_officer': ('local_official', 1, 17_500),
    'teacher': ('teacher', 16, 33_600), 'auditor': ('local_official', 6, 23_900),
    'driver': ('permanent_employee', 21, 19_200),
}
# employees without an account: (title, first, last, seat title, category, years, salary)
EMPLOYEES = (
    ('นาย', 'บุญมี', 'ทองคำ', 'พนักงานดับเพลิง', 'mission_employee', 3, 12_500),
    ('นางสาว', 'ขวัญใจ', 'ดีงาม', 'ผู้ช่วยเจ้าพนักงานธุรการ', 'mission_employee', 2, 13_800),
    ('นาย', 'ประสิทธิ์', 'รักษ์ถิ่น', 'ผู้ช่วยนายช่างโยธา', 'general_employee', 1, 10_500),
    ('นาง', 'ลำดวน', 'พูลผล', 'ผู้ช่วยเจ้าพนักงานจัดเก็บรายได้', 'mission_employee', 4, 14_200),
    ('นาย', 'สุรชัย', 'กล้าหาญ', 'เจ้าพนักงานป้องกันและบรรเทาสาธารณภัย', 'local_official', 7, 21_300),
    ('นางสาว', 'พรทิพย์', 'ใจงาม', 'ผู้ช่วยเจ้าพนักงานธุรการ', 'mission_employee', 3, 13_500),
    ('นาง', 'อัมพร', 'สุขสบาย', 'ครู', 'teacher', 9, 29_800),
    ('นางสาว', 'ศิริลักษณ์', 'แก้วประเสริฐ', 'ครู', 'teacher', 4, 24_100),
    ('นาง', 'ทองพูน', 'อ่อนศรี', 'ผู้ดูแลเด็ก', 'mission_employee', 6, 14_900),
    ('นางสาว', 'เบญจมาศ', 'นาคสวัสดิ์', 'ผู้ดูแลเด็ก', 'mission_employee', 2, 12_900),
    ('นาย', 'ณัฐวุฒิ', 'ศรีเมือง', 'นักพัฒนาชุมชน', 'local_official', 5, 22_400),
    ('นางสาว', 'กาญจนา', 'มีสุข', 'เจ้าพนักงานพัฒนาชุมชน', 'local_official', 3, 18_600),
    ('นางสาว', 'วิภา', 'ทองแท้', 'ผู้ช่วยเจ้าพนักงานธุรการ', 'mission_employee', 1, 11_900),
)
# The ผู้อำนวยการกองสวัสดิการสังคม seat stays vacant (its matters held by หัวหน้าสำนักปลัด, รักษาราชการแทน): the
# manpower report's one vacancy
# vacation days carried into last fiscal year: the clerk (ten years on 1 October) keeps 20 of 21, the planner 10 of 19
CARRIED = {'clerk': 15, 'planner': 12, 'palad': 10}
# last fiscal year's leave besides the three above: (days before this year's 1 October, who, type, days, reason)
LAST_YEAR = (
    (330, 'head_palad', 'vacation', 3, 'ทำบุญบ้านที่ต่างจังหวัด'), (300, 'finance_dir', 'sick', 1, 'ไข้หวัด'),
    (280, 'revenue', 'personal', 1, 'ติดต่อธนาคาร'), (255, 'hr', 'vacation', 5, 'พาครอบครัวเที่ยว'),
    (230, 'teacher', 'sick', 3, 'ผ่าตัดฟันคุด'), (210, 'driver', 'vacation', 4, 'กลับบ้านเกิด'),
    (170, 'procurement', 'vacation', 2, 'พักผ่อน'), (150, 'legal', 'sick', 1, 'ปวดท้อง'),
    (140, 'eng_dir', 'vacation', 5, 'งานบวชบุตรชาย'), (110, 'cashier', 'vacation', 3, 'พักผ่อนประจำปี'),
    (100, 'edu_dir', 'personal', 2, 'งานศพญาติ'), (75, 'auditor', 'vacation', 2, 'พักผ่อน'),
    (60, 'deputy_palad', 'sick', 2, 'ไข้เลือดออก พักตามแพทย์สั่ง'), (45, 'admin', 'vacation', 2, 'ธุระครอบครัว'),
    (30, 'fin_clerk', 'personal', 1, 'ติดต่อราชการที่อำเภอ'),
)


def citizen_id(n: int) -> str:
    return with_check_digit(f'3{30 + n % 60:02d}{n:09d}')


def _split(full_name: str) -> tuple[str, str, str]:
    for title in ('นางสาว', 'นาง', 'นาย'):
        if full_name.startswith(title):
            first, _, last = full_name[len(title):].partition(' ')
            return title, first, last
    first, _, last = full_name.partition(' ')
    return '', first, last


def seed(context) -> None:
    session, org, users = context.session, context.org, context.users
    fy = fiscal_year(context.today)
    start, _ = fiscal_year_range(fy)
    next_start, _ = fiscal_year_range(fy + 1)
    hr = users['hr']
    actor = Principal(user_id=hr.id, org_id=org.id, username=hr.username, full_name=hr.full_name)
    primary = dict(session.exec(select(Assignment.user_id, Assignment.position_id).where(
        Assignment.org_id == org.id, Assignment.is_primary)).all())
    people: dict[str, Person] = {}
    for n, (username, (category, years, salary)) in enumerate(STAFF.items()):
        user = users[username]
        position = session.get(Position, primary[user.id])
        title, first, last = _split(user.full_name)
        service = date(start.year - years, 5 + n % 6, 1 + n % 27)
        if username == 'clerk':  # ten years' service on this year's 1 October: the rollover's 30-day cap
            service = start.replace(year=start.year - 10)
        people[username] = _person(session, org.id, actor, n, title, first, last, category, position, service,
                                   user.id, salary, start)
    # the driver turns 60 in the next fiscal year: the three-year table shows the seat vacant from the year after
    people['driver'].birth_date = date(next_start.year - 60, 3, 15)
    taken = {p.position_id for p in people.values()}
    seats = session.exec(select(Position).where(Position.org_id == org.id).order_by(Position.sort_order)).all()
    for n, (title, first, last, seat, category, years, salary) in enumerate(EMPLOYEES, start=len(STAFF)):
        service = date(start.year - years, 3 + n % 6, 2 + n % 20)
        position = next(p for p in seats if p.title == seat and p.id not in taken)
        taken.add(position.id)
        people[first] = _person(session, org.id, actor, n, title, first, last, category, position, service,
                                None, salary, start)
    session.flush()
    for person in people.values():  # last year's allocation; this year's (the carry-forward: the rollover's preview)
        leave.allocate(session, actor, person, fy - 1)
        leave.allocate(session, actor, person, fy)
    last_start, _ = fiscal_year_range(fy - 1)
    for username, days in CARRIED.items():  # what they brought into last year, so this year's caps bite
        leave.post(session, actor, people[username].id, 'vacation', fy - 1, 'carry_forward', 2 * days,
                   f'ยกมาจากปีงบประมาณ {fy - 2}', key=f'carry:{people[username].id}:vacation:{fy - 1}', on=last_start)
    holidays = holidays_between(session, org.id, start - timedelta(400), start + timedelta(400))
    today = context.today
    last_month = today - timedelta(days=30)

    def request(username: str, kind: str, first: date, days: int, status: str, reason: str, route: str = '') -> None:
        person = people[username]
        while first.weekday() >= 5 or first in holidays:
            first += timedelta(1)
        end = first
        while count_halves(first, end, False, False, 'working', holidays) < 2 * days:
            end += timedelta(1)
        halves = count_halves(first, end, False, False, 'working', holidays)
        record = LeaveRequest(org_id=org.id, person_id=person.id, division_id=person.division_id,
                              owner_id=person.owner_id, leave_type=kind, start_date=first, end_date=end,
                              halves=halves, days=days_text(halves), fiscal_year=fiscal_year(first), reason=reason,
                              contact='โทร. ตามทะเบียนประวัติ', status=status, created_by=person.owner_id,
                              route=route or leave.route_for(session, person))
        session.add(record)
        session.flush()
        if status == 'approved':
            record.decided_on = first - timedelta(3)
            leave.post(session, actor, person.id, kind, record.fiscal_year, 'taking', -halves,
                       f'ใบลาเลขที่ {record.id}', request_id=record.id, key=f'take:{record.id}', on=first)

    # last year: vacation taken, some left to carry, sick and personal leave spread over the year
    request('clerk', 'vacation', start - timedelta(200), 4, 'approved', 'พักผ่อนกับครอบครัว')
    request('engineer', 'vacation', start - timedelta(120), 3, 'approved', 'ธุระครอบครัวต่างจังหวัด')
    request('accountant', 'sick', start - timedelta(90), 2, 'approved', 'ไข้หวัดใหญ่')
    for days_before, username, kind, days, reason in LAST_YEAR:
        request(username, kind, start - timedelta(days_before), days, 'approved', reason)
    # this year
    if start <= last_month:
        request('clerk', 'vacation', last_month, 2, 'approved', 'พักผ่อน')
        request('engineer', 'sick', last_month + timedelta(7), 1, 'approved', 'ปวดศีรษะ ไปพบแพทย์')
        request('cashier', 'personal', last_month + timedelta(3), 1, 'approved', 'พาบุตรไปสมัครเรียน')
        request('teacher', 'sick', last_month + timedelta(12), 2, 'approved', 'ท้องเสีย แพทย์ให้พัก')
    away = today if today.weekday() < 5 and today not in holidays else today + timedelta(1)
    request('driver', 'personal', away, 1, 'approved', 'ติดต่อราชการที่อำเภอ')
    request('accountant', 'vacation', today + timedelta(14), 2, 'submitted', 'พักผ่อนประจำปี')
    request('planner', 'vacation', today + timedelta(21), 3, 'endorsed', 'เดินทางไปต่างจังหวัด')
    request('eng_dir', 'personal', today + timedelta(10), 1, 'submitted', 'ธุระส่วนตัว')
    _history(session, org.id, actor, people, start, today)
    session.add(LeaveRequest(org_id=org.id, person_id=people['revenue'].id, division_id=people['revenue'].division_id,
                             owner_id=people['revenue'].owner_id, leave_type='vacation',
                             start_date=today + timedelta(30), end_date=today + timedelta(30), halves=2, days='1',
                             fiscal_year=fiscal_year(today + timedelta(30)), reason='ร่างใบลา', status='draft',
                             created_by=people['revenue'].owner_id))


RISE_NOTES = {'mission_employee': 'ปรับค่าตอบแทนประจำปี 1 ต.ค.', 'general_employee': 'ปรับค่าตอบแทนประจำปี 1 ต.ค.',
              'permanent_employee': 'เลื่อนขั้นค่าจ้าง 1 ต.ค.'}


def _person(session, org_id, actor, n, title, first, last, category, position, service, owner_id, salary,
            start) -> Person:
    """A person appointed at 23 to 29, with a salary history: the appointment, then a rise each 1 October up to this
    fiscal year's (the salary given)."""
    birth = date(service.year - 23 - n % 7, 1 + (5 * n) % 12, 1 + (11 * n) % 28)
    person = Person(org_id=org_id, citizen_id=citizen_id(1000 + n), title=title, first_name=first, last_name=last,
                    full_name=f'{title}{first} {last}', birth_date=birth,
                    phone=f'08{n % 10}-{100 + n:03d}-{4000 + n * 7:04d}', category=category,
                    position_id=position.id if position else None,
                    position_number=f'30-3-{position.sort_order if position else 0:02d}-{n + 1:04d}',
                    division_id=position.division_id if position else None, service_start=service,
                    lao_start=service, position_start=service, owner_id=owner_id, created_by=actor.user_id)
    session.add(person)
    session.flush()
    employee = category in ('mission_employee', 'general_employee')
    rises = [start.replace(year=year) for year in range(service.year + 1, start.year + 1)
             if start.replace(year=year) > service]

    def paid(k: int) -> Decimal:  # about 4 % a year: k rises before this year's
        return Decimal(round(salary / 1.04 ** k, -1))

    session.add(SalaryRecord(org_id=org_id, person_id=person.id, effective_date=service, salary=paid(len(rises)),
                             level='', order_ref=f'คำสั่ง อบต. ที่ {40 + n}/{be_year(service)}',
                             note='ทำสัญญาจ้าง' if employee else 'บรรจุและแต่งตั้ง', created_by=actor.user_id))
    for k, on in enumerate(rises):
        session.add(SalaryRecord(
            org_id=org_id, person_id=person.id, effective_date=on, salary=paid(len(rises) - 1 - k), level='',
            order_ref=f'คำสั่ง อบต. ที่ {300 + n}/{be_year(on - timedelta(days=1))}',
            note=RISE_NOTES.get(category, 'เลื่อนขั้นเงินเดือน 1 ต.ค.'), created_by=actor.user_id))
    return person


DEGREES = (('ปริญญาตรี รัฐประศาสนศาสตรบัณฑิต', 'รัฐประศาสนศาสตร์', 'มหาวิทยาลัยราชภัฏนครราชสีมา'),
           ('ปริญญาตรี บัญชีบัณฑิต', 'การบัญชี', 'มหาวิทยาลัยเทคโนโลยีราชมงคลอีสาน'),
           ('ปริญญาโท รัฐศาสตรมหาบัณฑิต', 'การปกครองท้องถิ่น', 'มหาวิทยาลัยขอนแก่น'),
           ('ประกาศนียบัตรวิชาชีพชั้นสูง', 'การก่อสร้าง', 'วิทยาลัยเทคนิคนครราชสีมา'))
COURSES = (('หลักสูตรนักบริหารงานท้องถิ่น', 'สถาบันพัฒนาบุคลากรท้องถิ่น', 60),
           ('การจัดทำแผนพัฒนาท้องถิ่น (พ.ศ. 2571-2575)', 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา', 12),
           ('การใช้งานระบบบัญชีคอมพิวเตอร์ e-LAAS', 'กรมส่งเสริมการปกครองท้องถิ่น', 18),
           ('งานสารบรรณและหนังสือราชการอิเล็กทรอนิกส์', 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา', 6))


THIS_YEAR_COURSES = {  # who has been on a course this fiscal year (the สำนักปลัด's staff): (course, days after 1 Oct)
    'planner': (1, 20), 'hr': (3, 27), 'clerk': (3, 27),
}


def _history(session, org_id, actor, people, start, today) -> None:
    """Education for everyone, a course last year each and this year for some, decorations for the long-serving, one
    discipline record."""
    for n, person in enumerate(people.values()):
        line = dict(org_id=org_id, person_id=person.id, division_id=person.division_id, owner_id=person.owner_id,
                    created_by=actor.user_id)
        degree, major, school = DEGREES[n % len(DEGREES)]
        session.add(Education(**line, degree=degree, major=major, institution=school,
                              graduated_year=person.service_start.year + 542))
        course, organiser, hours = COURSES[n % len(COURSES)]
        # the oldest and the newest courses are the สำนักปลัด's (the first staff): a register's first row, either way
        first = start - timedelta(days=60 + 9 * ((len(people) - n) % len(people)))
        session.add(Training(**line, course=course, organiser=organiser, start_date=first,
                             end_date=first + timedelta(days=max(0, hours // 8 - 1)), hours=hours,
                             venue='ศูนย์ฝึกอบรม จังหวัดนครราชสีมา', cost=Decimal(1500 * (1 + n % 3))))
        for username, (index, after) in THIS_YEAR_COURSES.items():
            if people.get(username) is person and start + timedelta(days=after + 3) < today:
                course, organiser, hours = COURSES[index]
                begin = start + timedelta(days=after)
                session.add(Training(**line, course=course, organiser=organiser, start_date=begin,
                                     end_date=begin + timedelta(days=max(0, hours // 8 - 1)), hours=hours,
                                     venue='สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา', cost=Decimal(1200)))
        if start.year - person.service_start.year >= 15 and person.category == 'local_official':
            session.add(Decoration(**line, decoration='ทวีติยาภรณ์ช้างเผือก (ท.ช.)',
                                   received_on=date(start.year - 2, 7, 28), gazette_ref='เล่ม 140 ตอนที่ 10 ข หน้า 1'))
    person = people['ประสิทธิ์']
    session.add(Discipline(org_id=org_id, person_id=person.id, division_id=person.division_id, owner_id=None,
                           case='มาปฏิบัติงานสายเกินกำหนดหลายครั้งโดยไม่แจ้งเหตุ', penalty='ว่ากล่าวตักเตือน',
                           order_ref='บันทึกที่ 12/2568', order_date=date(start.year - 1, 3, 2),
                           created_by=actor.user_id))
