"""A budget given at งาน × งบ (a real ordinance file that stops at งบ): it imports by name, with spaces and a former
name in it; such a line is "ยังไม่แจกแจง" and cannot be charged or transferred until it is split into its
ประเภทรายจ่าย by a form that keeps its total; a year of lines with the same งาน and ประเภท imports in one go."""

from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from elaas_helpers import new_voucher, reload
from nicegui.testing import User
from sqlmodel import select, update

from apps.elaas import budget
from apps.elaas.budget import Part
from apps.elaas.resources import BUDGET_LINES, BUDGETS
from core import db, resource
from core.errors import Refusal, ValidationFailed
from core.thai import fiscal_year, today
from helpers import principal, sign_in
from models.finance import Budget, BudgetLine

FY = fiscal_year(today())
NEXT = FY + 1


def workbook(rows: list[dict]) -> bytes:
    out = BytesIO()
    pd.DataFrame(rows).to_excel(out, index=False)
    return out.getvalue()


def row(work: str, group: str, item: str, amount: int, **cells) -> dict:
    return {'ปีงบประมาณ': NEXT, 'งาน': work, 'งบ': group, 'ประเภทรายจ่าย': '', 'รายการ/โครงการ': item,
            'หน่วยงานเจ้าของงบ': 'กองคลัง', 'แหล่งเงิน': 'เงินงบประมาณ', 'งบประมาณอนุมัติ': amount, **cells}


def import_next_year(rows: list[dict]) -> resource.ImportReport:
    resource.create(BUDGETS, principal('planner'), {'fiscal_year': NEXT, 'title': f'ข้อบัญญัติ {NEXT}'})
    return resource.import_xlsx(BUDGET_LINES, principal('planner'), workbook(rows), commit=True)


def lines_of(fy: int) -> list[BudgetLine]:
    with db.session_scope() as session:
        return list(session.exec(select(BudgetLine).where(BudgetLine.fiscal_year == fy).order_by(BudgetLine.id)))


def test_an_ordinance_at_work_and_group_level_imports_by_names_with_spaces_and_a_former_name() -> None:
    report = import_next_year([
        row('งานบริหารงานคลัง', 'งบดำเนินงาน', 'งบดำเนินงาน งานบริหารงานคลัง', 1_250_000),
        row('00111 งานบริหารทั่วไป', 'งบ บุคลากร', 'งบบุคลากร งานบริหารทั่วไป', 3_400_000),
        row('งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย', 'งบลงทุน', 'งบลงทุน งานป้องกันฯ', 480_000),
    ])
    assert report.counts == {'new': 3, 'changed': 0, 'unchanged': 0, 'refused': 0}, [r.errors for r in report.invalid]
    assert report.matched['work_code']['งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย'].rule == 'former'
    got = [(line.work_code, line.group_code, line.category_code, line.type_code, line.approved)
           for line in lines_of(NEXT)]
    assert got == [('00113', '53', '', '', Decimal('1250000.00')), ('00111', '52', '', '', Decimal('3400000.00')),
                   ('00123', '54', '', '', Decimal('480000.00'))]
    assert all(budget.unsplit(line) for line in lines_of(NEXT))


def test_a_personnel_group_not_yet_split_still_counts_against_the_personnel_cap() -> None:
    import_next_year([row('00111', '52', 'งบบุคลากร', 3_000_000), row('00113', '53', 'งบดำเนินงาน', 1_000_000)])
    with db.session_scope() as session:
        table = budget.personnel_table(session, principal('planner').org_id, NEXT)
    assert (table['total'], table['personnel']) == (Decimal('4000000'), Decimal('3000000'))


def test_a_type_outside_the_chosen_group_is_refused_naming_both() -> None:
    report = import_next_year([row('00113', '52', 'วัสดุสำนักงาน', 10_000, **{'ประเภทรายจ่าย': '533001'})])
    assert report.counts['refused'] == 1
    assert 'งบ: ประเภทรายจ่าย' in report.invalid[0].errors[0] and 'งบดำเนินงาน' in report.invalid[0].errors[0]


def test_many_lines_of_one_work_and_type_import_in_one_file_each_with_its_own_code() -> None:
    rows = [row('00111', '', f'วัสดุสำนักงาน ชุดที่ {n}', 1_000, **{'ประเภทรายจ่าย': '533001'}) for n in range(1, 6)]
    report = import_next_year(rows)
    assert report.imported == 5, [r.errors for r in report.invalid]
    assert len({line.code for line in lines_of(NEXT)}) == 5


def test_an_unsplit_line_cannot_be_charged_and_a_split_keeps_its_total() -> None:
    with db.session_scope(write=True) as session:  # this year's ordinance, reopened to take the line, then in force
        session.exec(update(Budget).where(Budget.fiscal_year == FY).values(status='draft'))
    content = workbook([{**row('00113', '53', 'งบดำเนินงาน งานบริหารงานคลัง', 100_000), 'ปีงบประมาณ': FY}])
    assert resource.import_xlsx(BUDGET_LINES, principal('planner'), content, commit=True).imported == 1
    with db.session_scope(write=True) as session:
        session.exec(update(Budget).where(Budget.fiscal_year == FY).values(status='approved'))
        line = session.exec(select(BudgetLine).where(BudgetLine.item == 'งบดำเนินงาน งานบริหารงานคลัง')).one()
    with pytest.raises(ValidationFailed, match='ยังไม่แจกแจง'):
        new_voucher(line.id, '500')
    accountant, planner = principal('accountant'), principal('planner')
    with pytest.raises(Exception, match='elaas.budget.edit|สิทธิ์'):
        budget.split_line(accountant, line.id, [Part('533001', 'วัสดุสำนักงาน', '100,000')])
    assert set(budget.split_choices(planner, line)) >= {'533001', '534001'}  # only types of งบดำเนินงาน
    assert '522001' not in budget.split_choices(planner, line)
    with pytest.raises(ValidationFailed, match='ไม่เท่ากับงบประมาณของรายการ 100,000.00 บาท'):
        budget.split_line(planner, line.id, [Part('533001', 'วัสดุสำนักงาน', '60,000'),
                                             Part('534001', 'ค่าไฟฟ้า', '30,000')])
    with pytest.raises(ValidationFailed, match='งบ: ประเภทรายจ่าย'):
        budget.split_line(planner, line.id, [Part('541001', 'ครุภัณฑ์สำนักงาน', '100,000')])
    parts = [Part('533001', 'วัสดุสำนักงาน', '60,000'), Part('534001', 'ค่าไฟฟ้า', '40,000')]
    budget.split_line(planner, line.id, parts, key='split-once')
    budget.split_line(planner, line.id, parts, key='split-once')  # a double-click: one split
    after = [x for x in lines_of(FY) if x.id == line.id or x.item == 'ค่าไฟฟ้า' and x.work_code == '00113'][-2:]
    assert [(x.type_code, x.category_code, x.item, x.approved) for x in after] == [
        ('533001', '533000', 'วัสดุสำนักงาน', Decimal('60000.00')), ('534001', '534000', 'ค่าไฟฟ้า', Decimal('40000.00'))]
    assert after[0].id == line.id and after[0].code == line.code  # the line keeps its id, code and links
    assert sum(x.approved for x in after) == line.approved
    with pytest.raises(Refusal, match='แจกแจงประเภทรายจ่ายแล้ว'):
        budget.split_line(planner, line.id, parts)
    new_voucher(line.id, '500')  # split: usable
    assert reload(line.id).disbursed == Decimal('500.00')


def test_a_budget_just_imported_reads_its_money_on_the_reports_from_day_one() -> None:
    from apps.elaas.reports import execution_by_program, expenditure_by_program
    import_next_year([row('00113', '53', 'งบดำเนินงาน งานบริหารงานคลัง', 1_250_000),
                      row('00111', '52', 'งบบุคลากร งานบริหารทั่วไป', 3_400_000)])
    finance = principal('finance_dir')
    table = expenditure_by_program(finance, NEXT)
    assert list(table.columns) == ['แผนงาน', 'งบ', 'อนุมัติ', 'โอนเพิ่ม', 'โอนลด', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ']
    assert sorted(zip(table['งบ'], table['อนุมัติ'], table['คงเหลือ'], strict=True)) == [
        ('งบดำเนินงาน', Decimal('1250000'), Decimal('1250000')), ('งบบุคลากร', Decimal('3400000'), Decimal('3400000'))]
    front = execution_by_program(finance, NEXT)
    assert sum(front['อนุมัติ']) == sum(front['คงเหลือ']) == Decimal('4650000') and sum(front['เบิกจ่าย']) == 0


def _unsplit_line_this_year(amount: int = 100_000) -> BudgetLine:
    with db.session_scope(write=True) as session:  # this year's ordinance, reopened to take the line, then in force
        session.exec(update(Budget).where(Budget.fiscal_year == FY).values(status='draft'))
    content = workbook([{**row('00113', '53', 'งบดำเนินงาน งานบริหารงานคลัง', amount), 'ปีงบประมาณ': FY}])
    assert resource.import_xlsx(BUDGET_LINES, principal('planner'), content, commit=True).imported == 1
    with db.session_scope(write=True) as session:
        session.exec(update(Budget).where(Budget.fiscal_year == FY).values(status='approved'))
        return session.exec(select(BudgetLine).where(BudgetLine.item == 'งบดำเนินงาน งานบริหารงานคลัง')).one()


def _split_rows(user: User, rows: list[tuple[str, str, str]]) -> None:
    for n, (type_code, item, amount) in enumerate(rows, 1):
        user.find(marker=f'split-type-{n}').elements.pop().set_value(type_code)
        user.find(marker=f'split-item-{n}').type(item)
        user.find(marker=f'split-amount-{n}').type(amount)


async def test_the_split_form_refuses_nonsense_keeps_what_was_typed_and_splits_once(user: User) -> None:
    line = _unsplit_line_this_year()
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open(f'/elaas/budget-lines/{line.id}')
    await user.should_see(marker='line-split')
    _split_rows(user, [('533001', 'วัสดุสำนักงาน', 'หกหมื่น'), ('534001', 'ก' * 501, '40,000')])
    user.find(marker='split-confirm').click()
    await user.should_see('บรรทัดที่ 1 จำนวนเงิน')
    await user.should_see('บรรทัดที่ 2 รายการ: ยาวได้ไม่เกิน 500 ตัวอักษร')
    assert user.find(marker='split-item-1').elements.pop().value == 'วัสดุสำนักงาน'  # nothing typed is lost
    assert budget.unsplit(reload(line.id))  # nothing split
    user.find(marker='split-amount-1').elements.pop().set_value('60,000')
    user.find(marker='split-item-2').elements.pop().set_value('ค่าไฟฟ้าสำนักงาน')
    button = user.find(marker='split-confirm')
    button.click()
    button.click()  # a double-click
    await user.should_see('แจกแจงรายการแล้ว')
    split = [x for x in lines_of(FY) if x.id == line.id or x.item == 'ค่าไฟฟ้าสำนักงาน']
    assert sorted((x.type_code, x.approved) for x in split) == [('533001', Decimal('60000.00')),
                                                                ('534001', Decimal('40000.00'))]


async def test_a_split_from_a_stale_tab_is_refused_and_splits_nothing_twice(user: User) -> None:
    line = _unsplit_line_this_year()
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open(f'/elaas/budget-lines/{line.id}')  # the tab left open
    await user.should_see(marker='line-split')
    # meanwhile another tab splits the line
    budget.split_line(principal('planner'), line.id, [Part('533001', 'วัสดุสำนักงาน', '100,000')],
                      version=line.version)
    _split_rows(user, [('533001', 'วัสดุทดสอบ', '50,000'), ('534001', 'ค่าไฟฟ้าทดสอบ', '50,000')])
    user.find(marker='split-confirm').click()
    await user.should_see('ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดไว้')  # the kit's stale-version refusal, in Thai
    await user.should_see('แจกแจงประเภทรายจ่ายเป็น 1 รายการ')
    after = [x for x in lines_of(FY) if x.id == line.id or x.item in ('วัสดุทดสอบ', 'ค่าไฟฟ้าทดสอบ')]
    assert [(x.type_code, x.item, x.approved) for x in after] == [('533001', 'วัสดุสำนักงาน', Decimal('100000.00'))]
