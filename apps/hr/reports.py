"""HR reports, declared once for screen, Excel and PDF (core/report.py): the manpower framework per division
(positions of the structure against the people of the register), the vacancy list, personnel by division and
category, the leave summary per person and type for a fiscal year (from the ledger), and the manpower plan's
personnel cost for its three years against the มาตรา 35 cap (the register's salaries, risen yearly as
assets/hr/cost_rules.csv says, over the year's budget and cap from e-LAAS through its links)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlmodel import select

from apps.elaas import links as elaas
from apps.hr import leave
from apps.hr.rules import CATEGORIES, cost_rule, days_text, leave_types
from core import db
from core.access import Principal, require
from core.report import Param, Report
from core.thai import fiscal_year, fiscal_year_range, today
from models.hr import Person, SalaryRecord, Training
from models.org import Division, Position

REPORT = 'hr.report.view'
FY = Param('fy', 'ปีงบประมาณ', 'int', default=lambda actor: fiscal_year(today()))


def _seats(actor: Principal) -> list[tuple[Division, Position, list[Person]]]:
    """Every active seat of the structure's ส่วนราชการ with the active people of the register holding it."""
    require(actor, REPORT, where='hr/reports')
    with db.session_scope() as session:
        rows = session.exec(select(Division, Position).join(Position, Position.division_id == Division.id).where(
            Division.org_id == actor.org_id, Division.kind != 'political', Division.is_active, Position.is_active)
            .order_by(Division.sort_order, Position.sort_order, Position.id)).all()
        people = session.exec(select(Person).where(Person.org_id == actor.org_id, Person.is_active)).all()
    holding: dict[int, list[Person]] = {}
    for person in people:
        holding.setdefault(person.position_id, []).append(person)
    return [(division, position, holding.get(position.id, [])) for division, position in rows]


def manpower(actor: Principal) -> tuple[pd.DataFrame, str]:
    counts: dict[str, list[int]] = {}
    for division, _, held in _seats(actor):
        row = counts.setdefault(division.name, [0, 0, 0])
        row[0] += 1
        row[1 if held else 2] += 1
    frame = pd.DataFrame([[name, *values] for name, values in counts.items()],
                         columns=['ส่วนราชการ', 'กรอบอัตรากำลัง', 'มีผู้ดำรงตำแหน่ง', 'ว่าง'])
    if not frame.empty:
        frame.loc[len(frame)] = ['รวม', *frame[['กรอบอัตรากำลัง', 'มีผู้ดำรงตำแหน่ง', 'ว่าง']].sum().tolist()]
    return frame, 'ตำแหน่งตามโครงสร้างส่วนราชการ เทียบกับทะเบียนประวัติ'


def vacancies(actor: Principal) -> tuple[pd.DataFrame, str]:
    rows = [[division.name, position.title, position.code, position.level or '']
            for division, position, held in _seats(actor) if not held]
    return (pd.DataFrame(rows, columns=['ส่วนราชการ', 'ตำแหน่ง', 'รหัสตำแหน่ง', 'ระดับ']),
            f'ตำแหน่งว่าง {len(rows):,} ตำแหน่ง')


def personnel(actor: Principal) -> tuple[pd.DataFrame, str]:
    require(actor, REPORT, where='hr/reports')
    with db.session_scope() as session:
        names = dict(session.exec(select(Division.id, Division.name).where(Division.org_id == actor.org_id)).all())
        people = session.exec(select(Person).where(Person.org_id == actor.org_id, Person.is_active)).all()
    table: dict[str, dict[str, int]] = {}
    for person in people:
        row = table.setdefault(names.get(person.division_id, 'ไม่ระบุส่วนราชการ'), {})
        row[person.category] = row.get(person.category, 0) + 1
    columns = [code for code in CATEGORIES if any(code in row for row in table.values())]
    frame = pd.DataFrame([[name, *(row.get(code, 0) for code in columns), sum(row.values())]
                          for name, row in table.items()],
                         columns=['ส่วนราชการ', *(CATEGORIES[c] for c in columns), 'รวม'])
    return frame, f'บุคลากร {len(people):,} คน'


def leave_summary(actor: Principal, fy: int) -> tuple[pd.DataFrame, str]:
    require(actor, REPORT, where='hr/reports')
    titles = leave_types()
    with db.session_scope() as session:
        people = session.exec(select(Person).where(Person.org_id == actor.org_id, Person.is_active)
                              .order_by(Person.full_name)).all()
        rows = []
        for person in people:
            used = {code: leave.used(session, person.id, code, fy) for code in ('sick', 'personal', 'vacation')}
            left = leave.balance(session, person.id, 'vacation', fy)
            others = sum(leave.used(session, person.id, code, fy) for code in titles
                         if code not in ('sick', 'personal', 'vacation'))
            rows.append([person.full_name, *(days_text(used[c]) for c in used), days_text(others), days_text(left)])
    return (pd.DataFrame(rows, columns=['ชื่อ-สกุล', 'ลาป่วย (วัน)', 'ลากิจส่วนตัว (วัน)', 'ลาพักผ่อน (วัน)',
                                        'ลาประเภทอื่น (วัน)', 'ลาพักผ่อนคงเหลือ (วัน)']),
            f'ปีงบประมาณ {fy}')


def retires_in(person: Person) -> int | None:
    """The fiscal year at whose end the person retires (60 years old by 30 September), None without a birth date."""
    if person.birth_date is None:
        return None
    sixtieth = person.birth_date.replace(year=person.birth_date.year + 60) if not (
        person.birth_date.month == 2 and person.birth_date.day == 29) else person.birth_date.replace(
        year=person.birth_date.year + 60, day=28)
    return fiscal_year(sixtieth)


def manpower_plan(actor: Principal, fy: int) -> tuple[pd.DataFrame, str]:
    """The three-year table (ตารางจัดคนลงสู่ตำแหน่ง): per division, the structure's seats and, for each of the
    three fiscal years, the people in them at its start (those retiring at the end of an earlier year gone)."""
    years = (fy, fy + 1, fy + 2)
    table: dict[str, list[int]] = {}
    for division, _, held in _seats(actor):
        row = table.setdefault(division.name, [0] + [0] * (2 * len(years)))
        row[0] += 1
        for n, year in enumerate(years):
            staying = [p for p in held if (retires_in(p) or 9999) >= year]
            row[1 + 2 * n] += 1 if staying else 0
            row[2 + 2 * n] += 0 if staying else 1
    columns = ['ส่วนราชการ', 'กรอบอัตรากำลัง'] + [f'{label} {year}' for year in years
                                                    for label in ('มีคน', 'ว่าง')]
    frame = pd.DataFrame([[name, *values] for name, values in table.items()], columns=columns)
    if not frame.empty:
        frame.loc[len(frame)] = ['รวม', *frame[columns[1:]].sum().tolist()]
    costs = personnel_cost(actor, fy)
    share = ', '.join(f'{y.fiscal_year} {"ร้อยละ " + _pct(y.pct) if y.pct is not None else "ไม่มีงบประมาณ"}'
                      for y in costs)
    note = cost_warning(costs) or f'ค่าใช้จ่ายด้านบุคคลต่องบประมาณ (เพดานร้อยละ {_plain(costs[0].budget.cap)}): {share}'
    return frame, f'ปีงบประมาณ {years[0]}-{years[-1]} (ผู้เกษียณอายุพ้นจากตำแหน่งเมื่อสิ้นปีงบประมาณ) · {note}'


CENT = Decimal('0.01')


@dataclass(frozen=True)
class CostYear:
    """One plan year of ภาระค่าใช้จ่ายด้านบุคคล: the register's yearly salaries and wages of the people still in
    post at its start, risen from the plan's first year, against that year's budget in e-LAAS."""

    fiscal_year: int
    people: int
    cost: Decimal
    rise_pct: Decimal  # the rise applied on entering this year (0 for the plan's first year)
    budget: elaas.PersonnelShare
    without_salary: int = 0  # people counted with no salary record on the plan's first day (their cost unknown)

    @property
    def pct(self) -> Decimal | None:
        """The cost as a percentage of the year's budget; None when e-LAAS holds no budget for the year."""
        return (self.cost * 100 / self.budget.total).quantize(CENT, ROUND_HALF_UP) if self.budget.total else None

    @property
    def over(self) -> bool:
        return self.pct is not None and self.pct > self.budget.cap


def personnel_cost(actor: Principal, fy: int) -> list[CostYear]:
    """The three plan years' personnel cost: each active person's latest salary on the plan's first day, times
    twelve, those retiring at the end of an earlier year gone (as the three-year table counts them), compounded by
    the yearly rise in force on each later year's first day."""
    require(actor, REPORT, where='hr/reports')
    first_day, _ = fiscal_year_range(fy)
    with db.session_scope() as session:
        people = session.exec(select(Person).where(Person.org_id == actor.org_id, Person.is_active)).all()
        salaries: dict[int, Decimal] = {}
        for person_id, salary in session.exec(
                select(SalaryRecord.person_id, SalaryRecord.salary).where(
                    SalaryRecord.org_id == actor.org_id, SalaryRecord.effective_date <= first_day)
                .order_by(SalaryRecord.effective_date, SalaryRecord.id)).all():
            salaries[person_id] = Decimal(salary)  # the latest wins
        shares = [elaas.personnel_share(session, actor.org_id, year) for year in (fy, fy + 1, fy + 2)]
    factor, years = Decimal('1'), []
    for n, share in enumerate(shares):
        year = fy + n
        rise = cost_rule('salary_rise_pct', fiscal_year_range(year)[0]).value if n else Decimal('0')
        factor *= 1 + rise / 100
        staying = [p for p in people if (retires_in(p) or 9999) >= year]
        monthly = sum((salaries.get(p.id, Decimal('0')) for p in staying), Decimal('0'))
        years.append(CostYear(year, len(staying), (monthly * 12 * factor).quantize(CENT, ROUND_HALF_UP), rise, share,
                              sum(1 for p in staying if p.id not in salaries)))
    return years


def _pct(value: Decimal | None) -> str:
    return '-' if value is None else f'{value:.2f}'


def _plain(value: Decimal) -> str:
    """40.00 -> '40', 6.5 -> '6.5'."""
    return format(value.normalize(), 'f')


def cost_warning(years: list[CostYear]) -> str:
    """The plan's flag in Thai: the years whose personnel cost is over the cap, or '' when none is."""
    over = [f'{y.fiscal_year} (ร้อยละ {_pct(y.pct)} เกินร้อยละ {_plain(y.budget.cap)})' for y in years if y.over]
    return f'ค่าใช้จ่ายด้านบุคคลเกินเพดานตามมาตรา 35 ในปีงบประมาณ {", ".join(over)}' if over else ''


def personnel_cost_table(actor: Principal, fy: int) -> tuple[pd.DataFrame, str]:
    years = personnel_cost(actor, fy)
    rows = [[str(y.fiscal_year), y.people, _plain(y.rise_pct) if y.rise_pct else '-', y.cost,
             y.budget.total or None, _pct(y.pct), y.budget.personnel if y.budget.total else None,
             _pct(y.budget.pct if y.budget.total else None), _plain(y.budget.cap),
             'ไม่มีงบประมาณในระบบ e-LAAS' if y.pct is None else ('เกินเพดาน' if y.over else 'ไม่เกินเพดาน')]
            for y in years]
    frame = pd.DataFrame(rows, columns=['ปีงบประมาณ', 'จำนวนคน', 'ร้อยละเงินเดือนเพิ่ม',
                                        'เงินเดือนและค่าจ้างตามทะเบียน (บาท)', 'งบประมาณรายจ่าย (บาท)',
                                        'ร้อยละของงบประมาณ', 'ค่าใช้จ่ายด้านบุคคลตามงบประมาณ (บาท)',
                                        'ร้อยละตามงบประมาณ', 'ร้อยละเพดาน', 'ผล'])
    note = cost_warning(years) or 'ไม่เกินเพดานตามมาตรา 35 ในปีที่มีงบประมาณ'
    missing = f' · ไม่มีข้อมูลเงินเดือนในทะเบียน {years[0].without_salary:,} คน' if years[0].without_salary else ''
    return frame, f'ปีงบประมาณ {fy}-{fy + 2} · {note}{missing} (ไม่รวมค่าตอบแทนฝ่ายการเมือง)'


def training_summary(actor: Principal, fy: int) -> tuple[pd.DataFrame, str]:
    require(actor, REPORT, where='hr/reports')
    first, last = fiscal_year_range(fy)
    with db.session_scope() as session:
        rows = session.exec(select(Person.full_name, Training.course, Training.hours, Training.cost)
                            .join(Person, Person.id == Training.person_id)
                            .where(Training.org_id == actor.org_id, Training.start_date >= first,
                                   Training.start_date <= last).order_by(Person.full_name)).all()
    table: dict[str, list] = {}
    for name, _, hours, cost in rows:
        row = table.setdefault(name, [0, 0, 0])
        row[0] += 1
        row[1] += hours
        row[2] += cost
    frame = pd.DataFrame([[name, *values] for name, values in table.items()],
                         columns=['ชื่อ-สกุล', 'จำนวนหลักสูตร', 'ชั่วโมงรวม', 'ค่าใช้จ่าย (บาท)'])
    return frame, f'ปีงบประมาณ {fy} · ผู้เข้ารับการฝึกอบรม {len(table):,} คน'


Report('hr', 'manpower', 'อัตรากำลังตามโครงสร้าง', manpower, REPORT, landscape=False,
       help='กรอบตำแหน่งของแต่ละส่วนราชการ เทียบกับผู้ดำรงตำแหน่งในทะเบียนประวัติ')
Report('hr', 'vacancies', 'บัญชีตำแหน่งว่าง', vacancies, REPORT, landscape=False,
       help='ตำแหน่งตามโครงสร้างที่ไม่มีผู้ดำรงตำแหน่งในทะเบียนประวัติ (ผู้รักษาราชการแทนไม่นับเป็นผู้ดำรงตำแหน่ง)',
       signers=(('ผู้จัดทำ', 'HR_OFFICER'), ('ผู้ตรวจสอบ', 'CHIEF')))
Report('hr', 'personnel', 'บุคลากรจำแนกตามส่วนราชการและประเภท', personnel, REPORT,
       help='จำนวนบุคลากรที่ปฏิบัติงานอยู่ ตามส่วนราชการและประเภทบุคลากร')
Report('hr', 'leave-summary', 'สรุปวันลารายบุคคล', leave_summary, REPORT, params=(FY,),
       help='วันลาแต่ละประเภทในปีงบประมาณ จากบัญชีวันลา (ใช้ประกอบการประเมินและเลื่อนขั้น)')
Report('hr', 'manpower-plan', 'ตารางอัตรากำลัง 3 ปี', manpower_plan, REPORT, params=(FY,),
       help='กรอบตำแหน่งและผู้ดำรงตำแหน่งต้นปีงบประมาณแต่ละปีของแผน 3 ปี หักผู้เกษียณอายุ',
       signers=(('ผู้จัดทำ', 'HR_OFFICER'), ('ผู้ตรวจสอบ', 'CHIEF')))
Report('hr', 'personnel-cost', 'ภาระค่าใช้จ่ายด้านบุคคล 3 ปี (มาตรา 35)', personnel_cost_table, REPORT,
       params=(FY,),
       help='เงินเดือนและค่าจ้างตามทะเบียนประวัติของแผนอัตรากำลัง 3 ปี เพิ่มขึ้นตามอัตราที่กำหนด เทียบกับงบประมาณรายจ่าย'
            'ของแต่ละปีในระบบ e-LAAS และเพดานร้อยละ 40 ตาม พ.ร.บ.ระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. 2542 มาตรา 35',
       signers=(('ผู้จัดทำ', 'HR_OFFICER'), ('ผู้ตรวจสอบ', 'CHIEF')))
Report('hr', 'training-summary', 'สรุปการฝึกอบรมประจำปี', training_summary, REPORT, params=(FY,),
       help='จำนวนหลักสูตร ชั่วโมง และค่าใช้จ่ายการฝึกอบรมรายบุคคลในปีงบประมาณ')
