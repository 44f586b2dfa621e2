"""The leave rules as dated data (assets/hr/leave_types.csv, citing the ระเบียบ each rests on), the manpower
plan's cost figures as dated data (assets/hr/cost_rules.csv), the staff categories, and counting days: working
days skip weekends and the LAO's holidays (hr_holiday, seeded from
assets/codes/holidays.csv)."""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from sqlmodel import Session, select

from core.errors import Refusal
from core.settings import asset
from core.thai import fiscal_year, fiscal_year_range, format_date, today
from models.hr import Holiday

# ประเภทบุคลากร (REFERENCE §8.2): a code list, not a threshold
CATEGORIES = {
    'local_official': 'พนักงานส่วนท้องถิ่น (พนักงานส่วนตำบล/เทศบาล/จังหวัด)',
    'teacher': 'ข้าราชการครูและบุคลากรทางการศึกษา',
    'permanent_employee': 'ลูกจ้างประจำ',
    'mission_employee': 'พนักงานจ้างตามภารกิจ',
    'general_employee': 'พนักงานจ้างทั่วไป',
}


@dataclass(frozen=True)
class LeaveRule:
    code: str
    title: str
    categories: tuple[str, ...]  # ('*',) for all
    effective_from: date
    limit_days: int | None
    first_year_limit_days: int | None
    counting: str  # working / calendar
    min_service_months: int
    allocation_days: int
    cap_days: int
    cap_long_days: int
    long_service_years: int
    carry: bool
    certificate_from_days: int | None
    half_day: bool
    balance: str  # ledger / limit / none
    source: str

    def cap(self, service_start: date, on: date) -> int:
        """The most days a person may hold (carried plus the year's) on `on`: 30 after ten years' service."""
        return self.cap_long_days if years_between(service_start, on) >= self.long_service_years else self.cap_days


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def leave_rules() -> tuple[LeaveRule, ...]:
    with asset('hr', 'leave_types.csv').open(encoding='utf-8') as handle:
        return tuple(LeaveRule(
            code=row['code'], title=row['title'], categories=tuple(row['categories'].split()),
            effective_from=date.fromisoformat(row['effective_from']), limit_days=_int(row['limit_days']),
            first_year_limit_days=_int(row['first_year_limit_days']), counting=row['counting'],
            min_service_months=_int(row['min_service_months']) or 0, allocation_days=_int(row['allocation_days']) or 0,
            cap_days=_int(row['cap_days']) or 0, cap_long_days=_int(row['cap_long_days']) or 0,
            long_service_years=_int(row['long_service_years']) or 0, carry=row['carry'] == 'yes',
            certificate_from_days=_int(row['certificate_from_days']), half_day=row['half_day'] == 'yes',
            balance=row['balance'], source=row['source']) for row in csv.DictReader(handle))


def leave_types() -> dict[str, str]:
    """Leave type code -> Thai title, in the file's order."""
    return {rule.code: rule.title for rule in leave_rules()}


def rule_for(code: str, category: str, on: date) -> LeaveRule | None:
    """The rule in force on `on` for a leave type and staff category: a row naming the category wins over '*'."""
    rows = [r for r in leave_rules() if r.code == code and r.effective_from <= on
            and (category in r.categories or '*' in r.categories)]
    if not rows:
        return None
    return max(rows, key=lambda r: ('*' not in r.categories, r.effective_from))


@dataclass(frozen=True)
class CostRule:
    key: str
    value: Decimal
    effective_from: date
    source: str


@cache
def cost_rules() -> tuple[CostRule, ...]:
    with asset('hr', 'cost_rules.csv').open(encoding='utf-8') as handle:
        return tuple(CostRule(row['key'], Decimal(row['value']), date.fromisoformat(row['effective_from']),
                              row['source']) for row in csv.DictReader(handle))


def cost_rule(key: str, on: date) -> CostRule:
    """The cost figure in force on `on`; a missing one is said plainly (no value in code stands in for it)."""
    rows = [r for r in cost_rules() if r.key == key and r.effective_from <= on]
    if not rows:
        raise Refusal(f'ไม่พบเกณฑ์ "{key}" ที่ใช้บังคับ ณ วันที่ {format_date(on, "long")} ใน assets/hr/cost_rules.csv')
    return max(rows, key=lambda r: r.effective_from)


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    for day in range(d.day, 0, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def years_between(start: date, on: date) -> int:
    """Whole years from `start` to `on` (the anniversary counts: ten years on the tenth anniversary)."""
    years = on.year - start.year
    return years - 1 if (on.month, on.day) < (start.month, start.day) else years


def holidays_between(session: Session, org_id: int, start: date, end: date) -> dict[date, str]:
    rows = session.exec(select(Holiday.holiday_date, Holiday.name).where(
        Holiday.org_id == org_id, Holiday.holiday_date >= start, Holiday.holiday_date <= end)).all()
    return dict(rows)


PROVISIONAL = ' (กำหนดเบื้องต้น รอประกาศคณะรัฐมนตรี)'


def missing_holiday_years(session: Session, org_id: int, start: date, end: date) -> list[int]:
    """The fiscal years (BE) from `start` to `end` whose holiday calendar the LAO holds nothing for: their working
    days are counted without holidays, which a person must be told (a year without data is not a year without
    holidays)."""
    years = range(fiscal_year(start), fiscal_year(end) + 1)
    held = {fiscal_year(d) for d in session.exec(select(Holiday.holiday_date).where(
        Holiday.org_id == org_id, Holiday.holiday_date >= fiscal_year_range(years[0])[0],
        Holiday.holiday_date <= fiscal_year_range(years[-1])[1])).all()}
    return [fy for fy in years if fy not in held]


def holiday_warnings(session: Session, org_id: int, start: date, end: date,
                     holidays: dict[date, str] | None = None) -> list[str]:
    """Thai warnings for counting working days from `start` to `end`: a fiscal year with no holiday data, and
    holidays still provisional (not yet announced by the Cabinet). `holidays`: the range's, if already read."""
    found = [f'ปฏิทินวันหยุดราชการ: ยังไม่มีข้อมูลวันหยุดราชการของปีงบประมาณ {fy} จำนวนวันทำการนับเฉพาะการเว้น'
             'เสาร์-อาทิตย์ ให้เจ้าหน้าที่บริหารงานบุคคลเพิ่มวันหยุดในปฏิทินวันหยุดราชการ'
             for fy in missing_holiday_years(session, org_id, start, end)]
    if holidays is None:
        holidays = holidays_between(session, org_id, start, end)
    provisional = [name for name in holidays.values() if PROVISIONAL in name]
    if provisional:
        found.append(f'ปฏิทินวันหยุดราชการ: วันหยุดในช่วงนี้ {len(provisional)} วันยังเป็นกำหนดเบื้องต้น '
                     'รอประกาศวันหยุดราชการประจำปีของคณะรัฐมนตรี จำนวนวันทำการอาจเปลี่ยน')
    return found


def is_working_day(d: date, holidays: dict[date, str] | set[date]) -> bool:
    return d.weekday() < 5 and d not in holidays


def count_halves(start: date, end: date, start_half: bool, end_half: bool, counting: str,
                 holidays: dict[date, str] | set[date]) -> int:
    """The days a leave counts, in half days: every working day (or calendar day) from start to end, a half day
    for a first or last day taken by half. One day with either half flag is half a day."""
    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    counted = [d for d in days if counting == 'calendar' or is_working_day(d, holidays)]
    halves = 2 * len(counted)
    if start == end:
        return halves - 1 if counted and (start_half or end_half) else halves
    if start_half and start in counted:
        halves -= 1
    if end_half and end in counted:
        halves -= 1
    return halves


def days_text(halves: int) -> str:
    """Half days as Thai text: 3 -> '1.5', 4 -> '2'."""
    return f'{halves // 2}' if halves % 2 == 0 else f'{halves // 2}.5'


@cache
def bundled_holidays() -> tuple[tuple[date, str], ...]:
    """The suite's holiday data (assets/codes/holidays.csv): each day and its name, a day the Cabinet has not
    announced yet (status provisional) saying so in its name, until HR corrects it from the announcement."""
    with asset('codes', 'holidays.csv').open(encoding='utf-8') as handle:
        return tuple((date.fromisoformat(row['date']), row['name'] + (
            PROVISIONAL if row.get('status') == 'provisional' else '')) for row in csv.DictReader(handle))


def seed_holidays(session: Session, org) -> None:
    """A new LAO's holiday calendar from the suite's holiday data (AppSpec.seed_org)."""
    for day, name in bundled_holidays():
        session.add(Holiday(org_id=org.id, holiday_date=day, name=name))


def offered_holiday_years(session: Session, org_id: int) -> list[int]:
    """Fiscal years from this one on that the suite's holiday data has and the LAO's calendar has none of (an LAO
    set up before the data reached them): HR is offered to add them."""
    now = fiscal_year(today())
    bundled = sorted({fiscal_year(day) for day, _ in bundled_holidays() if fiscal_year(day) >= now})
    return [fy for fy in bundled if fy in missing_holiday_years(
        session, org_id, fiscal_year_range(fy)[0], fiscal_year_range(fy)[1])]
