"""Benchmark: e-LAAS reports and the voucher list on N fiscal years of books (default 10: > 1,000,000 journal lines,
100,000 vouchers), each timed against the bare SQL that computes the same numbers, in one run on one database.

Usage: python bench/elaas_reports.py [--years 10] [--vouchers 10000] [--receipts 33000] [--db URL]
Builds the demo LAO in a throw-away SQLite file (or the given database), generates the books (bench/elaas_data.py),
checks that each report and its bare aggregate give the same numbers, and writes bench/results/elaas_reports.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from elaas_data import generate  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlmodel import func, select  # noqa: E402

from apps.elaas import books, reports  # noqa: E402
from apps.elaas.resources import VOUCHERS  # noqa: E402
from core import db, demo, resource, settings  # noqa: E402
from core.access import load_principal  # noqa: E402
from core.thai import fiscal_year, today  # noqa: E402
from models.finance import JournalLine, Voucher  # noqa: E402
from models.org import User  # noqa: E402
from models.types import Money  # noqa: E402

TRIAL_SQL = '''SELECT account_code, SUM(debit) - SUM(credit) FROM journal_line
WHERE org_id = :org AND fiscal_year = :fy AND entry_date <= :until GROUP BY account_code'''
# The remaining budget from the documents themselves (vouchers; the generated years have no transfers or
# commitments), as one would compute it without the line's stored totals.
REMAINING_SQL = '''SELECT b.id, b.approved, COALESCE(SUM(vl.amount), 0), b.approved - COALESCE(SUM(vl.amount), 0)
FROM budget_line b LEFT JOIN voucher_line vl ON vl.budget_line_id = b.id
LEFT JOIN voucher v ON v.id = vl.voucher_id AND v.status <> 'cancelled'
WHERE b.org_id = :org AND b.fiscal_year = :fy GROUP BY b.id, b.approved'''
STORED_SQL = '''SELECT id, approved, disbursed, approved + transfer_in - transfer_out - committed - disbursed
FROM budget_line WHERE org_id = :org AND fiscal_year = :fy'''


def timed(fn, repeat: int) -> dict[str, float]:
    fn()  # warm the caches once, as a page in use would have them
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {'median': statistics.median(samples), 'p95': samples[max(int(len(samples) * 0.95) - 1, 0)]}


def bare(sql: str, *money_columns: int, **params):
    """The rows of a bare query; the columns at `money_columns` (positions) read as money (satang on SQLite)."""
    with db.engine().connect() as conn:
        rows = conn.execute(text(sql), params).all()
    return [tuple(money(v) if i in money_columns else v for i, v in enumerate(row)) for row in rows]


def money(value) -> Decimal:
    """A bare aggregate over a money column as baht: the same conversion the Money column type applies."""
    return Money().process_result_value(value, db.engine().dialect) if value is not None else Decimal('0.00')


def voucher_list_page(actor) -> None:
    """What the voucher list page does on the server when it opens: its options and the first page, displayed."""
    choices = resource.choices_for(VOUCHERS, actor)
    page = resource.query(VOUCHERS, actor, sort='voucher_date', descending=True)
    [{f.name: resource.display(f, getattr(r, f.name), choices.get(f.name)) for f in VOUCHERS.column_fields()}
     for r in page.rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--years', type=int, default=10)
    parser.add_argument('--vouchers', type=int, default=10_000)
    parser.add_argument('--receipts', type=int, default=33_000)
    parser.add_argument('--repeat', type=int, default=20)
    parser.add_argument('--db', default='')
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix='lao-bench-'))
    settings.configure(data_dir=folder, database_url=args.db or None)
    db.init()
    db.migrate()
    demo.build_demo()
    this_year = fiscal_year(today())
    years = list(range(this_year - args.years, this_year))
    started = time.perf_counter()
    with db.session_scope(write=True) as session:
        accountant = session.exec(select(User).where(User.username == 'accountant')).one()
        counts = generate(session, accountant.org_id, accountant.id, years, vouchers=args.vouchers,
                          receipts=args.receipts)
    generated = time.perf_counter() - started
    if db.is_sqlite():
        with db.engine().connect() as conn:
            conn.exec_driver_sql('ANALYZE')
    else:
        with db.engine().connect() as conn:
            conn.execute(text('ANALYZE'))
            conn.commit()
    with db.session_scope() as session:
        actor = load_principal(session, accountant.id)
        totals = {'journal lines': session.exec(select(func.count()).select_from(JournalLine)).one(),
                  'vouchers': session.exec(select(func.count()).select_from(Voucher)).one()}
    org, fy = actor.org_id, years[-1]
    until = books.month_end(fy, None)

    # the same numbers, both ways
    trial = books.trial_balance(actor, fy)
    raw = dict(bare(TRIAL_SQL, 1, org=org, fy=fy, until=until))
    shown = {r['รหัสบัญชี']: r['เดบิต'] - r['เครดิต'] for _, r in trial.iloc[:-1].iterrows()}
    assert shown == {k: v for k, v in raw.items() if v}, 'trial balance differs from the bare aggregate'
    remaining = reports.remaining_budget(actor, fy)
    by_documents = sorted(r[3] for r in bare(REMAINING_SQL, 1, 2, 3, org=org, fy=fy))
    assert sorted(remaining['คงเหลือ']) == by_documents, 'remaining budget differs from the documents'

    cases = [
        ('trial balance, full year (งบทดลอง)', lambda: books.trial_balance(actor, fy),
         lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=until)),
        ('trial balance, end of March', lambda: books.trial_balance(actor, fy, 3),
         lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=books.month_end(fy, 3))),
        ('remaining budget vs aggregate of the documents', lambda: reports.remaining_budget(actor, fy),
         lambda: bare(REMAINING_SQL, 1, 2, 3, org=org, fy=fy)),
        ('remaining budget vs bare read of the stored totals', lambda: reports.remaining_budget(actor, fy),
         lambda: bare(STORED_SQL, 1, 2, 3, org=org, fy=fy)),
    ]
    lines = [f'# e-LAAS reports at {totals["journal lines"]:,} journal lines, {totals["vouchers"]:,} vouchers '
             f'({db.engine().dialect.name})', '',
             f'{args.years} fiscal years generated ({", ".join(f"{k} {v:,}" for k, v in counts.items())}) in '
             f'{generated:.0f} s. Reports of FY {fy}; each report (the function the page calls: query, names, '
             f'DataFrame) against the bare SQL giving the same numbers (checked equal first). {args.repeat} runs each, '
             'after one warm-up run.', '',
             '| case | report median ms | bare SQL median ms | ratio (goal ≤ 1.5) |', '|---|---:|---:|---:|']
    for name, report_fn, bare_fn in cases:
        a, b = timed(report_fn, args.repeat), timed(bare_fn, args.repeat)
        lines.append(f'| {name} | {a["median"]:.1f} | {b["median"]:.1f} | {a["median"] / b["median"]:.2f} |')
    page = timed(lambda: voucher_list_page(actor), args.repeat)
    lines += ['', '| voucher list page (options + count + first page of 25, newest first, displayed) '
                  '| median ms | p95 ms (goal ≤ 150) |', '|---|---:|---:|',
              f'| {totals["vouchers"]:,} vouchers | {page["median"]:.1f} | {page["p95"]:.1f} |']
    lines += ['', 'Notes: the remaining-budget report reads the totals each budget line keeps (changed only under the '
              "line's row lock), so it does not grow with the number of vouchers; its goal comparison is the aggregate "
              'of the documents that gives the same numbers. The last remaining-budget row compares it with a bare '
              'read of those stored totals: the difference is the fixed cost of the names (งาน, หมวด, ประเภท, '
              'หน่วยงาน) and the DataFrame, a few milliseconds. The machine is shared (2 cores), so single runs vary.']
    text_out = '\n'.join(lines) + '\n'
    print(text_out)
    out = Path(__file__).parent / 'results' / 'elaas_reports.md'
    out.write_text(text_out, encoding='utf-8')


if __name__ == '__main__':
    main()
