"""The home page's pending counts come from one query per register (approval limits in SQL), and they agree with
the buttons: a record counts for a user exactly when one of its forward moves is open to them."""

from decimal import Decimal

from elaas_helpers import new_voucher
from sqlmodel import select

from apps.elaas import vouchers
from core import db, resource
from core.demo import PEOPLE
from core.resource import REGISTRY
from core.thai import fiscal_year, today
from helpers import principal
from models.finance import BudgetLine, Voucher


def _roomy_line() -> int:
    """A line of this year's budget with room for a voucher beyond the ปลัด's limit."""
    with db.session_scope() as session:
        lines = session.exec(select(BudgetLine).where(BudgetLine.org_id == principal('accountant').org_id,
                                                      BudgetLine.fiscal_year == fiscal_year(today()))).all()
    return max(lines, key=lambda line: line.remaining).id


def _counted_one_by_one(register, actor) -> int:
    """What the buttons say: records with a forward move this user may take now."""
    workflow, model = register.workflow, register.model
    forward = [t for t in workflow.transitions if t.pending]
    with db.session_scope() as session:
        records = session.exec(select(model).where(model.org_id == actor.org_id)).all()
        return sum(1 for record in records if any(workflow.refusal(session, record, t, actor) is None
                                                   for t in forward))


def test_every_register_counts_what_its_buttons_offer_for_every_persona() -> None:
    line_id = _roomy_line()
    for amount in ('1500.00', '45000.00', '150000.00'):  # within the ปลัด's limit, and beyond it
        voucher_id = new_voucher(line_id, amount)
        vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    registers = [r for r in REGISTRY.values()  # the apps' registers (other tests declare their own probes)
                 if r.workflow is not None and r.model.__module__.startswith('models.')]
    checked = 0
    for person in PEOPLE:
        actor = principal(person.username)
        for register in registers:
            if not actor.can(register.view):
                continue
            assert resource.pending(register, actor) == _counted_one_by_one(register, actor), \
                (person.username, register.ident)
            checked += 1
    assert checked > 50


def test_the_approval_limit_in_force_on_the_voucher_date_decides() -> None:
    line_id = _roomy_line()
    palad, mayor = principal('palad'), principal('mayor')
    before = resource.pending(REGISTRY['elaas/vouchers'], palad), resource.pending(REGISTRY['elaas/vouchers'], mayor)
    big = new_voucher(line_id, '150000.00')
    vouchers.transition(principal('finance_dir'), big, 'check')
    after = resource.pending(REGISTRY['elaas/vouchers'], palad), resource.pending(REGISTRY['elaas/vouchers'], mayor)
    assert after == (before[0], before[1] + 1)  # over the ปลัด's limit: waits for the นายก only
    with db.session_scope() as session:
        voucher = session.get(Voucher, big)
        assert vouchers.approval_refusal(session, voucher, palad).startswith('ฎีกาจำนวน 150,000.00 บาท เกินวงเงิน')
        assert vouchers.approval_refusal(session, voucher, mayor) is None
    assert voucher.gross == Decimal('150000.00')
