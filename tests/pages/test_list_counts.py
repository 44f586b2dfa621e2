"""A list counts its rows exactly up to a bound, then says "more than N" and counts them all on request; a deep
page is the same rows an ordinary query gives, in the same order, ties broken by id in the sort's direction."""

from nicegui.testing import User
from sqlmodel import select

from apps.elaas.resources import RECEIPTS
from core import db
from core import resource as kit
from helpers import principal, sign_in
from models.finance import Receipt


def _all_receipts(org_id: int, descending: bool) -> list[int]:
    order = (Receipt.receipt_date.desc(), Receipt.id.desc()) if descending else (Receipt.receipt_date, Receipt.id)
    with db.session_scope() as session:
        return list(session.exec(select(Receipt.id).where(Receipt.org_id == org_id).order_by(*order)).all())


def test_the_count_stops_at_the_bound_and_the_exact_count_is_there_on_request(monkeypatch) -> None:
    cashier = principal('cashier')
    everything = _all_receipts(cashier.org_id, descending=True)
    assert len(everything) > 100
    monkeypatch.setattr(kit, 'COUNT_BOUND', 100)
    page = kit.query(RECEIPTS, cashier)
    assert (page.total, page.more) == (100, True)
    assert kit.count(RECEIPTS, cashier) == len(everything)
    assert kit.query(RECEIPTS, cashier, exact=True).total == len(everything)
    monkeypatch.setattr(kit, 'COUNT_BOUND', len(everything))
    assert (kit.query(RECEIPTS, cashier).total, kit.query(RECEIPTS, cashier).more) == (len(everything), False)


def test_every_page_in_both_directions_is_the_ordinary_querys_slice() -> None:
    cashier = principal('cashier')
    for descending in (True, False):
        everything = _all_receipts(cashier.org_id, descending)
        shown = []
        for number in range(1, len(everything) // 100 + 2):
            shown += [r.id for r in kit.query(RECEIPTS, cashier, sort='receipt_date', descending=descending,
                                                 page=number, per_page=100).rows]
        assert shown == everything


async def test_the_list_says_more_than_and_counts_all_when_asked(user: User, monkeypatch) -> None:
    monkeypatch.setattr(kit, 'COUNT_BOUND', 100)
    exact = len(_all_receipts(principal('cashier').org_id, descending=True))
    await sign_in(user, 'cashier', expect='สวัสดี')
    await user.open('/elaas/receipts')
    await user.should_see(marker='list-count', content='มากกว่า 100 รายการ', retries=50)
    user.find(marker='list-count-all').click()
    await user.should_see(marker='list-count', content=f'ทั้งหมด {exact:,} รายการ', retries=50)
    table = user.find(marker='list-table').elements.pop()
    assert table.pagination['rowsNumber'] == exact
