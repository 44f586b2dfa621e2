"""Local HR: the personnel register (ทะเบียนประวัติ), the holiday calendar, leave requests and the leave ledger.

A leave balance is never stored: it is the sum of the person's ledger entries for a leave type and fiscal year
(allocation, carry-forward, taking, cancellation, adjustment). The ledger is append-only: entries are added, never
changed or deleted (a mistake is corrected by an adjustment with its reason)."""

from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, Index, UniqueConstraint

from models.base import OrgScoped, Tracked, utcnow
from models.types import money


class Person(OrgScoped, Tracked, table=True):
    """One member of staff (บุคลากร): identity, staff category, the seat held, the dates that count for leave."""

    __tablename__ = 'hr_person'
    __table_args__ = (UniqueConstraint('org_id', 'citizen_id', name='uq_hr_person_citizen_id'),)
    id: int | None = Field(default=None, primary_key=True)
    citizen_id: str = Field(max_length=13)
    title: str = Field(default='', max_length=40)  # คำนำหน้า/ยศ
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    full_name: str = Field(default='', max_length=250)  # title + names, derived
    former_names: str = Field(default='', max_length=300)
    birth_date: date | None = None
    phone: str = Field(default='', max_length=40)
    email: str = Field(default='', max_length=200)
    address: str = Field(default='', max_length=500)
    category: str = Field(max_length=30)  # staff category code (apps/hr/rules.py CATEGORIES)
    position_id: int | None = Field(default=None, foreign_key='position.id', index=True)
    position_number: str = Field(default='', max_length=40)  # เลขที่ตำแหน่ง (opaque)
    division_id: int | None = Field(default=None, foreign_key='division.id', index=True)  # from the seat
    service_start: date  # วันเริ่มรับราชการ/เริ่มจ้าง (counts for the six months and the ten years)
    lao_start: date | None = None  # วันที่เริ่มปฏิบัติงานที่ อปท. นี้
    position_start: date | None = None  # วันที่ดำรงตำแหน่งปัจจุบัน
    owner_id: int | None = Field(default=None, foreign_key='app_user.id', index=True)  # the person's user account
    is_active: bool = True


class SalaryRecord(OrgScoped, Tracked, table=True):
    """One line of a person's salary history (เลื่อนขั้น/ปรับอัตรา), with the order it rests on."""

    __tablename__ = 'hr_salary'
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key='hr_person.id', index=True)
    effective_date: date
    salary: Decimal = money()
    level: str = Field(default='', max_length=40)
    order_ref: str = Field(default='', max_length=100)  # คำสั่งที่ …
    note: str = Field(default='', max_length=300)


class Holiday(OrgScoped, Tracked, table=True):
    """A public holiday (วันหยุดราชการ) of the LAO's calendar: not a working day for leave."""

    __tablename__ = 'hr_holiday'
    __table_args__ = (UniqueConstraint('org_id', 'holiday_date', name='uq_hr_holiday_date'),)
    id: int | None = Field(default=None, primary_key=True)
    holiday_date: date
    name: str = Field(max_length=200)


class LeaveRequest(OrgScoped, Tracked, table=True):
    """A leave request (ใบลา): draft → submitted → (endorsed) → approved, or rejected / withdrawn / cancelled."""

    __tablename__ = 'hr_leave_request'
    __table_args__ = (Index('ix_hr_leave_request_person_dates', 'person_id', 'start_date'),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key='hr_person.id')
    division_id: int | None = Field(default=None, foreign_key='division.id', index=True)
    owner_id: int | None = Field(default=None, foreign_key='app_user.id', index=True)  # the person's account
    leave_type: str = Field(max_length=20)
    start_date: date
    end_date: date
    start_half: bool = False  # the first day is a half day (ครึ่งวันบ่าย)
    end_half: bool = False  # the last day is a half day (ครึ่งวันเช้า)
    halves: int = 0  # the days counted, in half days (working or calendar days, by the leave type)
    days: str = Field(default='', max_length=10)  # the same as shown: '2.5'
    fiscal_year: int = 0
    reason: str = Field(default='', max_length=500)
    contact: str = Field(default='', max_length=300)  # ติดต่อได้ที่ระหว่างลา
    route: str = Field(default='', max_length=40)  # the approval steps decided at submission: 'head,chief' …
    status: str = Field(default='draft', max_length=20)
    decided_on: date | None = None
    note: str = Field(default='', max_length=500)  # the reason of a refusal or a cancellation


class LeaveLedgerEntry(OrgScoped, table=True):
    """One append-only movement of a person's leave of one type in one fiscal year, in half days (signed)."""

    __tablename__ = 'hr_leave_ledger'
    __table_args__ = (UniqueConstraint('org_id', 'dedupe_key', name='uq_hr_leave_ledger_key'),
                      Index('ix_hr_leave_ledger_balance', 'person_id', 'leave_type', 'fiscal_year'))
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key='hr_person.id')
    leave_type: str = Field(max_length=20)
    fiscal_year: int
    kind: str = Field(max_length=20)  # allocation / carry_forward / taking / cancellation / adjustment
    halves: int  # + adds days, - takes them
    request_id: int | None = Field(default=None, foreign_key='hr_leave_request.id', index=True)
    reason: str = Field(default='', max_length=300)
    entry_date: date
    dedupe_key: str | None = Field(default=None, max_length=80)  # one allocation/carry/taking per thing
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key='app_user.id')


class PersonPart(OrgScoped, Tracked):
    """A line of a person's history: who it is of, and (derived from the person) their division and account, so the
    role's own / division / organisation scope reaches it as it reaches the person."""

    person_id: int = Field(foreign_key='hr_person.id', index=True)
    division_id: int | None = Field(default=None, foreign_key='division.id')
    owner_id: int | None = Field(default=None, foreign_key='app_user.id')


class Training(PersonPart, table=True):
    """A course attended (ประวัติการฝึกอบรม), its certificate attached."""

    __tablename__ = 'hr_training'
    id: int | None = Field(default=None, primary_key=True)
    course: str = Field(max_length=300)
    organiser: str = Field(default='', max_length=200)
    start_date: date
    end_date: date
    hours: int = 0
    venue: str = Field(default='', max_length=200)
    cost: Decimal = money()


class Education(PersonPart, table=True):
    """A degree or qualification (ประวัติการศึกษา)."""

    __tablename__ = 'hr_education'
    id: int | None = Field(default=None, primary_key=True)
    degree: str = Field(max_length=200)
    major: str = Field(default='', max_length=200)
    institution: str = Field(max_length=200)
    graduated_year: int | None = None  # พ.ศ.


class Decoration(PersonPart, table=True):
    """A royal decoration received (เครื่องราชอิสริยาภรณ์) with its Royal Gazette reference."""

    __tablename__ = 'hr_decoration'
    id: int | None = Field(default=None, primary_key=True)
    decoration: str = Field(max_length=200)
    received_on: date
    gazette_ref: str = Field(default='', max_length=200)  # ราชกิจจานุเบกษา เล่ม … ตอน … หน้า …


class Discipline(PersonPart, table=True):
    """A discipline record (restricted: HR only, every read audited)."""

    __tablename__ = 'hr_discipline'
    id: int | None = Field(default=None, primary_key=True)
    case: str = Field(max_length=500)
    penalty: str = Field(default='', max_length=200)
    order_ref: str = Field(default='', max_length=100)
    order_date: date | None = None
