"""Benchmark: e-LAAS reports on N fiscal years of books (default 10: > 1,000,000 journal lines, 100,000 vouchers),
each timed against the floor — the bare SQL that computes the same numbers — in one run on one database, and the
event loop's worst stall while the largest report renders and exports.

Usage: python bench/elaas_reports.py [--years 10] [--vouchers 10000] [--receipts 33000] [--repeat 20] [--db URL]
Builds the demo LAO in a throw-away SQLite file (or the given database), generates the books (bench/elaas_data.py),
puts back journal_line's index as it was before migration 0010a to time the naive trial-balance aggregate there,
builds 0010a's covering index again and times everything; checks that each report and
its bare SQL give the same numbers; writes
bench/results/elaas_reports.md and .json. About 2 minutes at the defaults on 2 cores (generation about 1 minute).
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from elaas_data import CASH, generate  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlmodel import func, select  # noqa: E402

import apps  # noqa: E402,F401  (the apps' reports)
from apps.elaas import books, reports  # noqa: E402
from apps.elaas.resources import VOUCHERS  # noqa: E402
from core import db, demo, resource, settings  # noqa: E402
from core.access import load_principal  # noqa: E402
from core.report import REPORTS, export, report_page  # noqa: E402
from core.reports import screen_table  # noqa: E402
from core.thai import fiscal_year, today  # noqa: E402
from models.finance import JournalLine, Voucher  # noqa: E402
from models.org import User  # noqa: E402
from models.types import Money  # noqa: E402

TRIAL_SQL = '''SELECT account_code, SUM(debit) - SUM(credit) FROM journal_line
WHERE org_id = :org AND fiscal_year = :fy AND entry_date <= :until GROUP BY account_code'''
# The remaining budget as one bare statement reading what the report shows: stored totals, remainder, names.
REMAINING_SQL = '''SELECT COALESCE(w.name, b.work_code), COALESCE(c.name, b.category_code),
COALESCE(t.name, b.type_code), COALESCE(d.name, ''), b.code, b.item,
b.approved, b.transfer_in, b.transfer_out, b.committed, b.disbursed,
b.approved + b.transfer_in - b.transfer_out - b.committed - b.disbursed
FROM budget_line b LEFT JOIN program_code w ON w.org_id = b.org_id AND w.code = b.work_code
LEFT JOIN expense_class c ON c.org_id = b.org_id AND c.code = b.category_code
LEFT JOIN expense_class t ON t.org_id = b.org_id AND t.code = b.type_code
LEFT JOIN division d ON d.id = b.division_id
WHERE b.org_id = :org AND b.fiscal_year = :fy ORDER BY b.work_code, b.type_code, b.id'''
# The remaining budget from the documents themselves (vouchers; the generated years have no transfers or
# commitments): the same remainders without the lines' stored totals.
DOCUMENTS_SQL = '''SELECT b.id, b.approved - COALESCE(SUM(vl.amount), 0)
FROM budget_line b LEFT JOIN voucher_line vl ON vl.budget_line_id = b.id
LEFT JOIN voucher v ON v.id = vl.voucher_id AND v.status <> 'cancelled'
WHERE b.org_id = :org AND b.fiscal_year = :fy GROUP BY b.id, b.approved'''
LEDGER_PAGE_SQL = '''SELECT p.entry_date, j.number_text, j.description, p.debit, p.credit FROM (
SELECT id, entry_date, journal_id, debit, credit FROM journal_line
WHERE org_id = :org AND fiscal_year = :fy AND account_code = :account
ORDER BY entry_date, id LIMIT :limit OFFSET :offset
) p JOIN journal j ON j.id = p.journal_id ORDER BY p.entry_date, p.id'''
LEDGER_TOTALS_SQL = '''SELECT COUNT(*), SUM(debit), SUM(credit) FROM journal_line
WHERE org_id = :org AND fiscal_year = :fy AND account_code = :account'''


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
    return _MONEY.process_result_value(value, db.engine().dialect) if value is not None else Decimal('0.00')


_MONEY = Money()


def voucher_list_page(actor) -> None:
    """What the voucher list page does on the server when it opens: its options and the first page, displayed."""
    choices = resource.choices_for(VOUCHERS, actor)
    page = resource.query(VOUCHERS, actor, sort='voucher_date', descending=True)
    [{f.name: resource.display(f, getattr(r, f.name), choices.get(f.name)) for f in VOUCHERS.column_fields()}
     for r in page.rows]


async def loop_stalls(work) -> tuple[float, float]:
    """Run `work` (a coroutine function) while a probe on this event loop wakes every 10 ms: the worst lateness
    (ms) and the work's wall time (s)."""
    stalls, done = [], asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.01)
            stalls.append((time.perf_counter() - start - 0.01) * 1000)

    task = asyncio.create_task(probe())
    started = time.perf_counter()
    await work()
    elapsed = time.perf_counter() - started
    done.set()
    await task
    return max(stalls), elapsed


BALANCE = ['org_id', 'fiscal_year', 'account_code', 'entry_date']  # journal_line's index before migration 0010a
BOOKS = ['org_id', 'fiscal_year', 'account_code', 'entry_date', 'id', 'debit', 'credit', 'journal_id']  # 0010a's


def _swap_index(drop: str, create: str, columns: list[str]) -> None:
    with db.engine().begin() as conn:
        conn.execute(text(f'DROP INDEX {drop}'))
        conn.execute(text(f'CREATE INDEX {create} ON journal_line ({", ".join(columns)})'))


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
    _swap_index('ix_journal_line_books', 'ix_journal_line_balance', BALANCE)  # the index as before 0010a
    analyze()
    with db.session_scope() as session:
        actor = load_principal(session, accountant.id)
        totals = {'journal lines': session.exec(select(func.count()).select_from(JournalLine)).one(),
                  'vouchers': session.exec(select(func.count()).select_from(Voucher)).one()}
    org, fy = actor.org_id, years[-1]
    until, march = books.month_end(fy, None), books.month_end(fy, 3)
    naive = {'year': timed(lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=until), args.repeat),
             'march': timed(lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=march), args.repeat)}
    started = time.perf_counter()
    _swap_index('ix_journal_line_balance', 'ix_journal_line_books', BOOKS)  # 0010a: the covering index
    indexed = time.perf_counter() - started
    analyze()

    # the same numbers, both ways
    trial = books.trial_balance(actor, fy)
    raw = dict(bare(TRIAL_SQL, 1, org=org, fy=fy, until=until))
    shown = {r['รหัสบัญชี']: r['เดบิต'] - r['เครดิต'] for _, r in trial.iloc[:-1].iterrows()}
    assert shown == {k: v for k, v in raw.items() if v}, 'trial balance differs from the bare aggregate'
    remaining = reports.remaining_budget(actor, fy)
    assert [tuple(r) for r in remaining.itertuples(index=False)] == bare(REMAINING_SQL, *range(6, 12), org=org, fy=fy)
    assert sorted(remaining['คงเหลือ']) == sorted(r[1] for r in bare(DOCUMENTS_SQL, 1, org=org, fy=fy))
    ledger = REPORTS['elaas/ledger']
    params = {'fy': fy, 'account': CASH}
    first = report_page(ledger, actor, params)
    count, per_page = first.summary.count, first.per_page
    last_page = (count + per_page - 1) // per_page
    last_offset = (last_page - 1) * per_page
    assert first.summary.count == bare(LEDGER_TOTALS_SQL, org=org, fy=fy, account=CASH)[0][0]
    assert [(str(r[0]), *r[1:5]) for r in report_page(ledger, actor, params, last_page).frame.itertuples(
        index=False)] == [(str(r[0]), *r[1:]) for r in bare(LEDGER_PAGE_SQL, 3, 4, org=org, fy=fy, account=CASH,
                                                             limit=per_page, offset=last_offset)]

    def ledger_screen(page: int) -> None:
        shown = report_page(ledger, actor, params, page)
        screen_table(shown.frame, sortable=False, first_id=shown.offset)

    results = {
        'trial balance, full year (งบทดลอง)': (timed(lambda: books.trial_balance(actor, fy), args.repeat),
                                               naive['year'], 0.5,
                                               timed(lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=until),
                                                     args.repeat)),
        'trial balance, end of March': (timed(lambda: books.trial_balance(actor, fy, 3), args.repeat),
                                        naive['march'], 0.5,
                                        timed(lambda: bare(TRIAL_SQL, 1, org=org, fy=fy, until=march), args.repeat)),
        'remaining budget vs the like-for-like read (one statement)': (
            timed(lambda: reports.remaining_budget(actor, fy), args.repeat),
            timed(lambda: bare(REMAINING_SQL, *range(6, 12), org=org, fy=fy), args.repeat), 1.5, None),
        f'ledger {CASH}: first page of {per_page} + SQL totals, formatted for the screen': (
            timed(lambda: ledger_screen(1), args.repeat),
            timed(lambda: (bare(LEDGER_TOTALS_SQL, 1, 2, org=org, fy=fy, account=CASH),
                           bare(LEDGER_PAGE_SQL, 3, 4, org=org, fy=fy, account=CASH, limit=per_page, offset=0)),
                  args.repeat), None, None),
        f'ledger {CASH}: last page (offset {last_offset:,}) + SQL totals, formatted': (
            timed(lambda: ledger_screen(last_page), args.repeat),
            timed(lambda: (bare(LEDGER_TOTALS_SQL, 1, 2, org=org, fy=fy, account=CASH),
                           bare(LEDGER_PAGE_SQL, 3, 4, org=org, fy=fy, account=CASH, limit=per_page,
                                offset=last_offset)), args.repeat), None, None),
    }
    full = timed(lambda: books.general_ledger(actor, fy, CASH), max(args.repeat // 5, 2))

    async def render_and_export() -> None:
        """The ledger's pages in a thread as the page asks for them, then its Excel in a forked worker process."""
        for page in (1, 2, last_page):
            await asyncio.to_thread(ledger_screen, page)
        with ProcessPoolExecutor(1, mp_context=get_context('fork')) as pool:
            content = await asyncio.get_running_loop().run_in_executor(pool, export, ledger.ident, actor, params,
                                                                       'xlsx')
        assert content.startswith(b'PK')

    stall, export_s = asyncio.run(loop_stalls(render_and_export))
    write(args, counts, totals, generated, indexed, results, full, count, stall, export_s)


def analyze() -> None:
    with db.engine().connect() as conn:
        conn.execute(text('ANALYZE'))
        conn.commit()


def write(args, counts, totals, generated, indexed, results, full, count, stall, export_s) -> None:
    kind = db.engine().dialect.name
    lines = [f'# e-LAAS reports at {totals["journal lines"]:,} journal lines, {totals["vouchers"]:,} vouchers ({kind})',
             '', f'{args.years} fiscal years generated ({", ".join(f"{k} {v:,}" for k, v in counts.items())}) in '
             f'{generated:.0f} s; the covering index (migration 0010a) built in {indexed:.1f} s. Reports of the '
             f'newest year; each report (the function the page calls: query, names, DataFrame) against the floor, '
             f'bare SQL giving the same numbers (checked equal first). {args.repeat} runs each after one warm-up; '
             'medians in ms.', '',
             '| case | report | floor (bare SQL) | ratio | goal | same SQL on the covering index |',
             '|---|---:|---:|---:|---:|---:|']
    data = {'database': kind, 'journal_lines': totals['journal lines'], 'vouchers': totals['vouchers'],
            'generated_s': round(generated, 1), 'index_built_s': round(indexed, 1), 'cases': {}}
    for name, (report, floor, goal, same) in results.items():
        ratio = report['median'] / floor['median']
        lines.append(f'| {name} | {report["median"]:.1f} | {floor["median"]:.1f} | {ratio:.2f} | '
                     f'{"≤ " + str(goal) if goal else "—"} | {same["median"]:.1f} |' if same else
                     f'| {name} | {report["median"]:.1f} | {floor["median"]:.1f} | {ratio:.2f} | '
                     f'{"≤ " + str(goal) if goal else "—"} | — |')
        data['cases'][name] = {'report_ms': report, 'floor_ms': floor, 'ratio': round(ratio, 3), 'goal': goal,
                               'same_sql_now_ms': same}
    lines += ['', 'The trial balance\'s floor is the naive aggregate as it ran before 0010a (on the index without '
              'the amounts); the last column is that same statement now, on the covering index.', '',
              '| the largest report: the cash ledger | value |', '|---|---:|',
              f'| lines | {count:,} |', f'| every line as a DataFrame (Excel/PDF rows) | {full["median"]:.0f} ms |',
              f'| Excel of every line in a worker process | {export_s:.1f} s |',
              f'| worst event-loop stall while three pages render and the Excel is made (goal ≤ 100 ms) | '
              f'{stall:.0f} ms |']
    data.update(ledger_lines=count, ledger_frame_ms=full, ledger_excel_s=round(export_s, 2),
                worst_loop_stall_ms=round(stall, 1))
    page = timed(lambda: voucher_list_page(load_actor()), args.repeat)
    lines += ['', '| voucher list page (options + count + first page of 25, newest first, displayed) '
              '| median ms | p95 ms (goal ≤ 150) |', '|---|---:|---:|',
              f'| {totals["vouchers"]:,} vouchers | {page["median"]:.1f} | {page["p95"]:.1f} |', '',
              'The machine is shared (2 cores), so single runs vary; the stall is wall-clock lateness of a probe on '
              'the loop, machine load included.']
    data['voucher_list_ms'] = page
    text_out = '\n'.join(lines) + '\n'
    print(text_out)
    out = Path(__file__).parent / 'results'
    (out / 'elaas_reports.md').write_text(text_out, encoding='utf-8')
    (out / 'elaas_reports.json').write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + '\n',
                                            encoding='utf-8')


def load_actor():
    with db.session_scope() as session:
        user = session.exec(select(User).where(User.username == 'accountant')).one()
        return load_principal(session, user.id)


if __name__ == '__main__':
    main()
