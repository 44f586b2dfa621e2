"""Every register declared to grow (`Resource(grows=True)`) has, for each column its list sorts by, an index
(org_id, <its fixed columns>, column, id) in the migrated database: the first page and a deep one read 25 entries
of an index, at a million rows as at a hundred. A missing one is named with the line to put in a migration."""

from decimal import Decimal

from sqlalchemy import inspect, or_, text
from sqlmodel import col, select

import matrix
from apps.elaas import vouchers
from apps.elaas.resources import VOUCHERS
from core import db
from core import resource as kit
from core.thai import today
from helpers import counted, principal
from models.codes import FundSource
from models.finance import BudgetLine, Voucher, VoucherLine


def wanted(resource) -> list[tuple[str, ...]]:
    lead = ('org_id', *resource.fixed)
    sorted_by = dict.fromkeys([resource.sort, *resource.columns])
    return [(*lead, column, 'id') if column != 'id' else (*lead, 'id') for column in sorted_by]


def test_every_sortable_column_of_a_growing_register_has_its_index() -> None:
    growing = [r for r in matrix.registers() if r.grows]
    assert {r.ident for r in growing} >= {'elaas/vouchers', 'elaas/receipts', 'eoffice/incoming'}
    inspector = inspect(db.engine())
    missing = []
    for resource in growing:
        table = resource.model.__tablename__
        have = [tuple(ix['column_names']) for ix in inspector.get_indexes(table)]
        for columns in wanted(resource):
            if not any(index[:len(columns)] == columns for index in have):
                missing.append(f"op.create_index('ix_list_{table}_{'_'.join(columns[1:-1] or ('id',))}', "
                               f"'{table}', {list(columns)})  # {resource.ident}")
    assert not missing, 'indexes to add in a migration:\n' + '\n'.join(sorted(set(missing)))


def test_the_search_columns_of_a_growing_register_have_their_trigram_index() -> None:
    engine = db.engine()
    for resource in (r for r in matrix.registers() if r.grows):
        table = resource.model.__tablename__
        with engine.connect() as conn:
            if engine.dialect.name == 'sqlite':
                columns = [row[1] for row in conn.execute(text(f'PRAGMA table_info({table}_search)')).all()]
                assert columns == list(resource.search), f'{resource.ident}: {table}_search has {columns}'
            else:
                indexed = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = :t AND "
                                                "indexdef LIKE '%gin_trgm_ops%'"), {'t': table}).scalars())
                assert {f'ix_trgm_{table}_{c}' for c in resource.search} <= indexed, resource.ident


def new_voucher_for(actor, line_id: int, payee: str) -> int:
    with db.session_scope() as session:
        fund = session.exec(select(FundSource.id).where(FundSource.org_id == actor.org_id)).first()
    return vouchers.create_voucher(actor, {
        'voucher_date': today(), 'payee': payee, 'description': 'ซ่อมเครื่องสูบน้ำ', 'fund_source_id': fund,
        'withhold': False, 'budget_line_id': line_id, 'amount': Decimal('1500.00')})


def _found(actor, term: str) -> set[int]:
    return {v.id for v in kit.query(VOUCHERS, actor, search=term, per_page=1000).rows}


def _scanned(org_id: int, term: str) -> set[int]:
    with db.session_scope() as session:
        return set(session.exec(select(Voucher.id).where(Voucher.org_id == org_id, or_(
            *[col(getattr(Voucher, n)).contains(term) for n in VOUCHERS.search]))).all())


def test_a_search_finds_what_a_scan_finds_and_follows_every_change_in_the_same_transaction(monkeypatch) -> None:
    palad, accountant = principal('palad'), principal('accountant')
    for common in (kit.COMMON, 5):  # rare terms from the trigram table; common ones (here: 5 rows) read in order
        monkeypatch.setattr(kit, 'COMMON', common)
        for term in ('วัสดุ', 'ร้าน', 'จำกัด', 'ฎ', 'ซื้อวัสดุสำนักงาน', 'ไม่มีคำนี้แน่นอน'):  # short ones scan
            assert _found(palad, term) == _scanned(palad.org_id, term), (term, common)
    monkeypatch.undo()
    with db.session_scope() as session:
        line = session.exec(select(BudgetLine.id).where(BudgetLine.org_id == palad.org_id)).first()
    voucher_id = new_voucher_for(accountant, line, payee='ร้านโคกกรวดการช่าง')
    with counted() as statements:
        assert _found(palad, 'โคกกรวด') == {voucher_id}
    if db.engine().dialect.name == 'sqlite':  # looked up in the trigram table, not scanned
        assert any('IN (SELECT rowid FROM voucher_search WHERE' in statement for statement in statements)
    with db.session_scope(write=True) as session:  # any write of the row, by the kit or an app's service
        session.get(Voucher, voucher_id).payee = 'ร้านหนองบัวการช่าง'
    assert _found(palad, 'โคกกรวด') == set() and _found(palad, 'หนองบัว') >= {voucher_id}
    with db.session_scope(write=True) as session:  # a row gone is gone from the index too
        for line in session.exec(select(VoucherLine).where(VoucherLine.voucher_id == voucher_id)).all():
            session.delete(line)
        session.flush()
        session.delete(session.get(Voucher, voucher_id))
    assert voucher_id not in _found(palad, 'หนองบัว')
