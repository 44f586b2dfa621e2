"""The manpower plan's personnel cost for its three years against the มาตรา 35 cap: the register's salaries, risen
yearly by the dated rule data, over the budget e-LAAS holds for each year (its own ตารางมาตรา 35, not recomputed),
flagged on the plan's tables when over. The fiscal year is the demo's own (built on today's clock)."""

from datetime import date
from decimal import Decimal

import pytest
from hr_calendar import FIRST_DAY, FY
from sqlmodel import select, update

from apps.elaas import links as elaas
from apps.elaas.budget import personnel_table
from apps.hr import reports
from apps.hr.resources import PERSONS
from apps.hr.rules import cost_rule
from core import db
from core import resource as kit
from core.errors import Denied
from helpers import principal
from models.hr import Person, SalaryRecord
from models.org import Position

_ids = iter(range(7000, 8000))


def _citizen_id() -> str:
    digits = f'1{next(_ids):011d}'
    return digits + str((11 - sum(int(d) * (13 - i) for i, d in enumerate(digits)) % 11) % 10)


def _person(birth: date, *salaries: tuple[date, str]) -> int:
    hr = principal('hr')
    with db.session_scope() as session:
        position = session.exec(select(Position).where(Position.org_id == hr.org_id,
                                                       Position.code.like('DISASTER_OFFICER%'))).first()
    person_id = kit.create(PERSONS, hr, {'citizen_id': _citizen_id(), 'title': 'นาย', 'first_name': 'ทดสอบ',
                                         'last_name': f'ต้นทุน{next(_ids)}', 'category': 'local_official',
                                         'position_id': position.id, 'service_start': date(2010, 5, 1),
                                         'birth_date': birth, 'is_active': True})
    with db.session_scope(write=True) as session:
        for effective, salary in salaries:
            session.add(SalaryRecord(org_id=hr.org_id, person_id=person_id, effective_date=effective,
                                     salary=Decimal(salary)))
    return person_id


@pytest.fixture
def two_people(monkeypatch):
    """Only two people in post: 20,000 a month (a rise after the plan's first day is not counted yet) and 15,000
    a month retiring at the end of the first year; a third without a salary record counts nothing. e-LAAS holds a
    budget of 1,000,000 for the first two years and none for the third."""
    hr = principal('hr')
    with db.session_scope(write=True) as session:
        session.exec(update(Person).where(Person.org_id == hr.org_id).values(is_active=False))
    _person(date(1990, 6, 1), (FIRST_DAY.replace(year=FIRST_DAY.year - 1), '18000'), (FIRST_DAY, '20000'),
            (FIRST_DAY.replace(month=11), '21000'))
    _person(date(FIRST_DAY.year + 1 - 60, 3, 1), (date(2020, 10, 1), '15000'))  # 60 in the plan's first year
    _person(date(1995, 1, 1))
    budgets = {FY: (Decimal('1000000'), Decimal('380000')), FY + 1: (Decimal('1000000'), Decimal('300000'))}

    def share(session, org_id, fy):
        total, personnel = budgets.get(fy, (Decimal('0'), Decimal('0')))
        pct = (personnel * 100 / total).quantize(Decimal('0.01')) if total else Decimal('0')
        return elaas.PersonnelShare(fy, total, personnel, pct, Decimal('40'))

    monkeypatch.setattr(elaas, 'personnel_share', share)
    return hr


def test_three_years_of_cost_risen_by_the_rule_against_each_years_budget_worked_by_hand(two_people) -> None:
    assert cost_rule('salary_rise_pct', FIRST_DAY).value == Decimal('6')
    first, second, third = reports.personnel_cost(two_people, FY)
    # (20,000 + 15,000) × 12 = 420,000 over 1,000,000: 42.00 % > 40 %
    assert (first.fiscal_year, first.people, first.without_salary, first.cost, first.pct, first.over) == (
        FY, 3, 1, Decimal('420000.00'), Decimal('42.00'), True)
    # the retiree gone; 20,000 × 12 × 1.06 = 254,400 over 1,000,000: 25.44 %
    assert (second.people, second.cost, second.pct, second.over) == (2, Decimal('254400.00'), Decimal('25.44'), False)
    # 240,000 × 1.06 × 1.06 = 269,664; no budget in e-LAAS: no percentage, not flagged, said so
    assert (third.cost, third.pct, third.over) == (Decimal('269664.00'), None, False)
    frame, subtitle = reports.personnel_cost_table(two_people, FY)
    assert frame['ผล'].tolist() == ['เกินเพดาน', 'ไม่เกินเพดาน', 'ไม่มีงบประมาณในระบบ e-LAAS']
    assert frame['ร้อยละของงบประมาณ'].tolist() == ['42.00', '25.44', '-']
    assert frame['ร้อยละตามงบประมาณ'].tolist() == ['38.00', '30.00', '-']
    assert f'เกินเพดานตามมาตรา 35 ในปีงบประมาณ {FY} (ร้อยละ 42.00 เกินร้อยละ 40)' in subtitle
    assert 'ไม่มีข้อมูลเงินเดือนในทะเบียน 1 คน' in subtitle
    # the three-year table (the plan's page and its print) carries the flag too
    assert f'ในปีงบประมาณ {FY} (ร้อยละ 42.00' in reports.manpower_plan(two_people, FY)[1]


def test_at_the_cap_is_not_over(two_people, monkeypatch) -> None:
    def at_cap(session, org_id, fy):  # 420,000 of 1,050,000 is exactly 40.00 %
        return elaas.PersonnelShare(fy, Decimal('1050000'), Decimal('0'), Decimal('0'), Decimal('40'))

    monkeypatch.setattr(elaas, 'personnel_share', at_cap)
    first = reports.personnel_cost(two_people, FY)[0]
    assert (first.pct, first.over) == (Decimal('40.00'), False)
    subtitle = reports.manpower_plan(two_people, FY)[1]
    assert 'เกินเพดาน' not in subtitle
    assert f'(เพดานร้อยละ 40): {FY} ร้อยละ 40.00, {FY + 1} ร้อยละ 24.23, {FY + 2} ร้อยละ 25.68' in subtitle


def test_the_budget_side_is_e_laas_own_table_for_the_demo_year() -> None:
    hr = principal('hr')
    first = reports.personnel_cost(hr, FY)[0]
    with db.session_scope() as session:
        table = personnel_table(session, hr.org_id, FY)
    assert table['total'] > 0  # the demo has this year's budget
    assert (first.budget.total, first.budget.personnel, first.budget.pct, first.budget.cap) == (
        table['total'], table['personnel'], table['pct'], table['cap'])
    assert first.people > 20 and first.cost > 0


def test_only_who_may_read_hr_reports_sees_the_cost() -> None:
    with pytest.raises(Denied):
        reports.personnel_cost(principal('clerk'), FY)
