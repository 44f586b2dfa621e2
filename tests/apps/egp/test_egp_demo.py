"""The demo LAO's procurement year: about 40 files of the fiscal year across methods and states, two e-bidding rounds
with several bidders, a late delivery fined, a splitting warning; every file on a budget line of its year and, when
planned, on its line of the plan."""

from sqlmodel import select

from core import db
from core.thai import fiscal_year, today
from helpers import principal
from models.finance import BudgetLine
from models.procurement import Bid, Installment, PlanItem, Procurement


def test_the_demo_year_has_about_forty_files_across_methods_and_states() -> None:
    org_id, fy = principal('procurement').org_id, fiscal_year(today())
    with db.session_scope() as session:
        files = session.exec(select(Procurement).where(Procurement.org_id == org_id,
                                                       Procurement.fiscal_year == fy)).all()
        assert 36 <= len(files) <= 45
        assert {f.status for f in files} >= {'draft', 'requested', 'approved', 'awarded', 'contracted', 'completed',
                                              'cancelled'}
        bidding = [f for f in files if f.method == 'e_bidding']
        assert len(bidding) == 2
        for f in bidding:
            assert len(session.exec(select(Bid).where(Bid.procurement_id == f.id)).all()) >= 3
        assert any('แบ่งซื้อแบ่งจ้าง' in f.warnings for f in files)
        late = session.exec(select(Installment).where(Installment.org_id == org_id, Installment.fine > 0)).all()
        assert late and all(i.days_late > 0 and i.voucher_id for i in late)
        for f in files:
            line = session.get(BudgetLine, f.budget_line_id)
            assert line.fiscal_year == fy and f.request_date <= today()
            if f.plan_item_id:
                assert session.get(PlanItem, f.plan_item_id).budget_line_id == line.id
