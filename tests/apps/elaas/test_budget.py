"""The budget: lines tied to the plan in force, the personnel-cost cap on approval, Excel import, transfers and
commitments under the one guard."""

from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from elaas_helpers import a_line, new_voucher, reload
from sqlmodel import select

from apps.elaas.budget import BudgetExceeded
from apps.elaas.resources import BUDGET_LINES, BUDGETS, COMMITMENTS, TRANSFERS
from core import db, resource
from core.access import PermissionDenied
from core.errors import ValidationFailed
from core.thai import fiscal_year, today
from helpers import principal
from models.codes import FundSource, ProgramCode
from models.org import Division
from models.plan import PlanCycle, PlanEdition, PlanNode, PlanProject

FY = fiscal_year(today())
NEXT = FY + 1


def _ids(org_id: int) -> tuple[int, int, int]:
    with db.session_scope() as session:
        division = session.exec(select(Division.id).where(Division.org_id == org_id, Division.code == 'ENG')).one()
        fund = session.exec(select(FundSource.id).where(FundSource.org_id == org_id, FundSource.code == '01')).one()
        program = session.exec(select(ProgramCode.id).where(ProgramCode.org_id == org_id,
                                                            ProgramCode.code == '00310')).one()
    return division, fund, program


def plan_with_two_editions(org_id: int) -> tuple[int, int]:
    """An approved edition holding project A, and a newer draft edition that adds project B (not in force)."""
    division, fund, program = _ids(org_id)
    with db.session_scope(write=True) as session:
        cycle = PlanCycle(org_id=org_id, title='แผนพัฒนาท้องถิ่น (ทดสอบ)', start_year=FY - 1)
        session.add(cycle)
        session.flush()
        node = PlanNode(org_id=org_id, cycle_id=cycle.id, kind='strategy', code='9', name='ยุทธศาสตร์ทดสอบ')
        in_force = PlanEdition(org_id=org_id, cycle_id=cycle.id, kind='first', year=FY - 2, title='ฉบับทดสอบ',
                               status='approved')
        draft = PlanEdition(org_id=org_id, cycle_id=cycle.id, kind='amendment', year=FY, title='เพิ่มเติม',
                            status='draft')
        session.add_all([node, in_force, draft])
        session.flush()
        common = dict(org_id=org_id, node_id=node.id, program_code_id=program, division_id=division,
                      fund_source_id=fund, budget_y2=Decimal('500000'))
        a = PlanProject(edition_id=in_force.id, name='โครงการก่อสร้างถนนทดสอบ ก', **common)
        b = PlanProject(edition_id=draft.id, name='โครงการก่อสร้างถนนทดสอบ ข', **common)
        session.add_all([a, b])
        session.flush()
        a.lineage_id, b.lineage_id = a.id, b.id
        return a.id, b.id


def new_budget(fy: int) -> int:
    return resource.create(BUDGETS, principal('planner'), {'fiscal_year': fy, 'title': f'ข้อบัญญัติ {fy}'})


def line_values(fy: int, **extra) -> dict:
    division, fund, _ = _ids(principal('planner').org_id)
    return {'fiscal_year': fy, 'work_code': '00312', 'type_code': '542003', 'item': 'ถนนทดสอบ',
            'division_id': division, 'fund_source_id': fund, 'approved': '400,000', **extra}


@pytest.mark.parametrize('in_plan', [True, False])
def test_a_project_line_must_fund_a_project_of_the_plan_in_force(in_plan: bool) -> None:
    planner = principal('planner')
    project_a, project_b = plan_with_two_editions(planner.org_id)
    new_budget(NEXT)
    values = line_values(NEXT, project_id=project_a if in_plan else project_b)
    if in_plan:
        line_id = resource.create(BUDGET_LINES, planner, values)
        line = resource.get(BUDGET_LINES, planner, line_id)
        assert (line.program_code, line.category_code, line.group_code) == ('00310', '542000', '54')
        assert line.code.startswith(f'{NEXT % 100:02d}00312542003')
    else:
        with pytest.raises(ValidationFailed, match='ไม่อยู่ในแผนพัฒนาท้องถิ่นฉบับที่ใช้บังคับ') as refused:
            resource.create(BUDGET_LINES, planner, values)
        assert 'project_id' in refused.value.errors


def test_lines_of_an_approved_budget_cannot_be_changed() -> None:
    planner = principal('planner')
    with pytest.raises(ValidationFailed, match='ไม่อยู่ในสถานะร่าง'):
        resource.create(BUDGET_LINES, planner, line_values(FY))
    with pytest.raises(ValidationFailed, match='ยังไม่มีข้อบัญญัติ'):
        resource.create(BUDGET_LINES, planner, line_values(NEXT + 3))


def test_approval_checks_the_personnel_cost_cap() -> None:
    planner = principal('planner')
    budget_id = new_budget(NEXT)
    resource.create(BUDGET_LINES, planner, line_values(NEXT, approved='100,000'))
    resource.create(BUDGET_LINES, planner, line_values(NEXT, type_code='522001', work_code='00111',
                                                       item='เงินเดือนพนักงาน', approved='100,000'))
    with pytest.raises(PermissionDenied, match='มาตรา 35') as refused:
        resource.transition(BUDGETS, planner, budget_id, 'submit')
    assert 'ร้อยละ 50.00' in str(refused.value)
    resource.create(BUDGET_LINES, planner, line_values(NEXT, approved='60,000'))
    resource.transition(BUDGETS, planner, budget_id, 'submit')
    assert resource.get(BUDGETS, planner, budget_id).status == 'submitted'


def test_a_year_of_budget_lines_imports_from_excel() -> None:
    planner = principal('planner')
    new_budget(NEXT)
    division, _, _ = _ids(planner.org_id)
    sheet = BytesIO()
    pd.DataFrame({
        'ปีงบประมาณ': [NEXT, NEXT, NEXT], 'งาน': ['00111', '00113', '00999'],
        'ประเภทรายจ่าย': ['533001', '534001', '533001'], 'รายการ/โครงการ': ['วัสดุสำนักงาน', 'ค่าไฟฟ้า', 'ผิดรหัส'],
        'หน่วยงานเจ้าของงบ': ['สำนักปลัด', 'กองคลัง', 'กองคลัง'],
        'แหล่งเงิน': ['เงินงบประมาณ (ข้อบัญญัติ/เทศบัญญัติ)'] * 3, 'งบประมาณอนุมัติ': ['50,000', '120000', '1'],
    }).to_excel(sheet, index=False)
    preview = resource.import_xlsx(BUDGET_LINES, planner, sheet.getvalue())
    assert [r.number for r in preview.invalid] == [4] and 'งาน' in preview.invalid[0].errors[0]
    report = resource.import_xlsx(BUDGET_LINES, planner, sheet.getvalue(), commit=True)
    assert report.imported == 2
    rows = resource.query(BUDGET_LINES, planner, filters={'fiscal_year': NEXT}).rows
    assert sorted((r.work_code, r.category_code, r.approved) for r in rows) == [
        ('00111', '533000', Decimal('50000.00')), ('00113', '534000', Decimal('120000.00'))]
    assert division


def test_transfer_moves_budget_on_approval_and_never_below_zero() -> None:
    finance = principal('finance_dir')
    source, target = a_line(finance.org_id, '533001'), a_line(finance.org_id, '534001')
    values = {'transfer_date': today(), 'from_line_id': source.id, 'to_line_id': target.id,
              'reason': 'ค่าไฟฟ้าไม่พอจ่าย'}
    with pytest.raises(ValidationFailed, match='เกินงบประมาณคงเหลือ'):
        resource.create(TRANSFERS, finance, {**values, 'amount': str(source.remaining + 1)})
    transfer_id = resource.create(TRANSFERS, finance, {**values, 'amount': '1,000'})
    assert resource.get(TRANSFERS, finance, transfer_id).number_text == f'โอน 2/{FY}'  # after the demo's คำชี้แจง change
    assert reload(source.id).remaining == source.remaining  # not before approval
    with pytest.raises(PermissionDenied):
        resource.transition(TRANSFERS, finance, transfer_id, 'approve')
    # meanwhile a voucher spends the source line down to 500: the approval must now refuse
    new_voucher(source.id, str(source.remaining - Decimal('500')))
    with pytest.raises(BudgetExceeded, match='ขาดอีก 500.00 บาท'):
        resource.transition(TRANSFERS, principal('mayor'), transfer_id, 'approve')
    small = resource.create(TRANSFERS, finance, {**values, 'amount': '400'})
    resource.transition(TRANSFERS, principal('mayor'), small, 'approve')
    assert reload(source.id).remaining == Decimal('100.00')
    assert reload(target.id).transfer_in == target.transfer_in + Decimal('400.00')


def test_commitments_reserve_budget_and_vouchers_consume_them() -> None:
    from apps.elaas import vouchers
    procurement = principal('procurement')
    line = a_line(procurement.org_id, '532001')
    with pytest.raises(BudgetExceeded):
        resource.create(COMMITMENTS, procurement, {'commit_date': today(), 'line_id': line.id, 'vendor': 'หจก.',
                                                   'description': 'จ้างเหมา', 'amount': str(line.remaining + 1)})
    commitment_id = resource.create(COMMITMENTS, procurement, {
        'commit_date': today(), 'line_id': line.id, 'vendor': 'หจก.ทดสอบ', 'description': 'จ้างเหมาทำความสะอาด',
        'reference': 'PO-1', 'amount': '30,000'})
    assert reload(line.id).committed == line.committed + Decimal('30000')
    actor = principal('accountant')
    from elaas_helpers import fund_id
    voucher_id = vouchers.create_voucher(actor, {
        'voucher_date': today(), 'payee': 'หจก.ทดสอบ', 'description': 'งวดที่ 1', 'fund_source_id':
        fund_id(actor.org_id), 'budget_line_id': line.id, 'commitment_id': commitment_id, 'amount': Decimal('10000')})
    after = reload(line.id)
    assert after.committed == line.committed + Decimal('20000') and after.disbursed == line.disbursed + 10000
    assert after.remaining == line.remaining - Decimal('30000')
    with pytest.raises(ValidationFailed, match='ยอดก่อหนี้ผูกพันคงเหลือ'):
        vouchers.add_line(actor, voucher_id, {'budget_line_id': line.id, 'commitment_id': commitment_id,
                                              'amount': Decimal('20000.01')})
    resource.transition(COMMITMENTS, procurement, commitment_id, 'cancel', 'ยกเลิกสัญญาส่วนที่เหลือ')
    assert reload(line.id).remaining == line.remaining - Decimal('10000')


def test_the_demo_budget_is_within_the_personnel_cap_and_funds_plan_projects() -> None:
    from apps.elaas.budget import personnel_refusal
    from apps.eplan.links import project_in_force
    from models.finance import BudgetLine
    org_id = principal('planner').org_id
    with db.session_scope() as session:
        assert personnel_refusal(session, org_id, FY) is None
        lines = session.exec(select(BudgetLine).where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == FY)).all()
        linked = [x for x in lines if x.project_id]
        assert 140 <= len(lines) <= 170
        assert all(project_in_force(session, org_id, x.project_id) for x in linked)
    assert linked  # the e-Plan demo plan is in force: project lines fund its projects


def test_e_plan_monitoring_reads_budgeted_committed_and_disbursed_from_the_books() -> None:
    from apps.eplan.links import project_money
    from models.finance import BudgetLine
    org_id = principal('planner').org_id
    with db.session_scope() as session:
        money = project_money(session, org_id, FY)
        lines = session.exec(select(BudgetLine).where(BudgetLine.org_id == org_id, BudgetLine.fiscal_year == FY,
                                                      BudgetLine.project_id.is_not(None))).all()
    assert sum(m.budgeted for m in money.values()) == sum(x.approved + x.transfer_in - x.transfer_out for x in lines)
    assert sum(m.committed for m in money.values()) == sum(x.committed for x in lines) > 0
