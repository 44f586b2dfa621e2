"""Benchmark: a register's list at a million rows — the server-side work of one list page (`core.resource.query`:
the bounded count and one page of 25), for the first page, a deep page, a sort, a filter and Thai searches, side
by side with the floor: the same page as one hand-written SQL statement (no count, no permission check).

Usage: python -m bench.resource_list [--rows 1000000] [--db URL] [--repeat 20]
Builds the demo LAO in a throw-away SQLite file (or the given database), adds N vouchers (the ฎีกา register, which
grows by thousands a year) and writes bench/results/resource_list.{md,json}. Goal: p95 ≤ 150 ms for every case.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import select  # noqa: E402

from apps.elaas.resources import VOUCHERS  # noqa: E402
from core import db, demo, resource, settings  # noqa: E402
from core.access import load_principal  # noqa: E402
from models.codes import FundSource  # noqa: E402
from models.finance import Voucher  # noqa: E402
from models.org import Division, User  # noqa: E402

GOAL_MS = 150.0
SHOPS = ['ร้านสมบูรณ์พาณิชย์', 'หจก.รุ่งเรืองก่อสร้าง', 'บริษัท ไทยวัสดุ จำกัด', 'ร้านเจริญการไฟฟ้า',
         'นายสมหมาย ใจงาม', 'สหกรณ์การเกษตรบ้านหนองบัว', 'ร้านถ่ายเอกสารศรีสุข', 'ห้างทองเยาวราช']
WORK = ['ซื้อวัสดุสำนักงาน', 'จ้างเหมาซ่อมแซมถนนลูกรัง', 'ค่าไฟฟ้าสำนักงาน', 'ซื้อน้ำมันเชื้อเพลิง',
        'จ้างเหมาบริการทำความสะอาด', 'ซื้อวัสดุก่อสร้าง', 'ค่าอาหารกลางวันเด็กเล็ก', 'ซื้อครุภัณฑ์คอมพิวเตอร์']
RARE = 'โรงสีข้าวชุมชนบ้านโคกกรวด'  # in 1 row of 10,000


def timed(fn, repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {'min': samples[0], 'median': statistics.median(samples),
            'p95': samples[max(0, int(len(samples) * 0.95) - 1)], 'max': samples[-1]}


def fill(rows: int, org_id: int) -> None:
    """N vouchers over ten fiscal years, in batches (the list needs no lines)."""
    rng = random.Random(2569)
    with db.session_scope(write=True) as session:
        divisions = session.exec(select(Division.id).where(Division.org_id == org_id)).all()
        fund = session.exec(select(FundSource.id).where(FundSource.org_id == org_id)).first()
    start = date(2015, 10, 1)
    statuses = ['posted'] * 8 + ['paid', 'approved', 'checked', 'prepared', 'cancelled']
    for first in range(0, rows, 20_000):
        batch = []
        for i in range(first, min(rows, first + 20_000)):
            day = start + timedelta(days=i * 3650 // rows)
            gross = rng.randint(500, 500_000)
            year = 2559 + i * 10 // rows
            batch.append({
                'org_id': org_id, 'number_text': f'ฎ{i % 10_000 + 1}/{year}', 'fiscal_year': year,
                'voucher_date': day, 'payee': RARE if i % 10_000 == 7 else rng.choice(SHOPS),
                'payee_tax_id': '', 'description': rng.choice(WORK), 'division_id': rng.choice(divisions),
                'fund_source_id': fund, 'withhold': False, 'gross': gross, 'wht': 0, 'net': gross,
                'status': rng.choice(statuses), 'pay_method': '', 'pay_reference': '', 'version': 1})
        with db.session_scope(write=True) as session:
            session.execute(insert(Voucher), batch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=1_000_000)
    parser.add_argument('--db', default='')
    parser.add_argument('--repeat', type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix='lao-bench-'))
    settings.configure(data_dir=folder, database_url=args.db or None)
    db.init()
    db.migrate()
    demo.build_demo()
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.username == 'palad')).one()
        palad = load_principal(session, account.id)
    began = time.perf_counter()
    fill(args.rows, palad.org_id)
    filled = time.perf_counter() - began
    with db.session_scope(write=True) as session:
        session.execute(text('ANALYZE') if db.engine().dialect.name == 'sqlite' else text('ANALYZE voucher'))
    with db.session_scope() as session:
        division = session.exec(select(Voucher.division_id).where(Voucher.org_id == palad.org_id)).first()
    total = resource.count(VOUCHERS, palad)
    deep = total // 25 // 2  # the middle of the list

    def floor(sql: str, **params):
        def run():
            with db.engine().connect() as conn:
                conn.execute(text(sql), {'org': palad.org_id, **params}).all()
        return run

    cases = {
        'first page (newest first)': (
            lambda: resource.query(VOUCHERS, palad),
            floor('SELECT * FROM voucher WHERE org_id = :org ORDER BY voucher_date DESC, id DESC LIMIT 25')),
        f'deep page {deep:,} by payee': (
            lambda: resource.query(VOUCHERS, palad, sort='payee', page=deep),
            floor('SELECT * FROM voucher WHERE org_id = :org ORDER BY payee, id LIMIT 25 OFFSET :skip',
                  skip=(deep - 1) * 25)),
        'sorted by amount, largest first': (
            lambda: resource.query(VOUCHERS, palad, sort='gross', descending=True),
            floor('SELECT * FROM voucher WHERE org_id = :org ORDER BY gross DESC, id DESC LIMIT 25')),
        'filter: one division': (
            lambda: resource.query(VOUCHERS, palad, filters={'division_id': division}),
            floor('SELECT * FROM voucher WHERE org_id = :org AND division_id = :d '
                  'ORDER BY voucher_date DESC, id DESC LIMIT 25', d=division)),
        'Thai search, common (พาณิชย์)': (
            lambda: resource.query(VOUCHERS, palad, search='พาณิชย์'),
            floor("SELECT * FROM voucher WHERE org_id = :org AND payee LIKE '%พาณิชย์%' "
                  'ORDER BY voucher_date DESC, id DESC LIMIT 25')),
        'Thai search, rare (โคกกรวด)': (
            lambda: resource.query(VOUCHERS, palad, search='โคกกรวด'),
            floor("SELECT * FROM voucher WHERE org_id = :org AND payee LIKE '%โคกกรวด%' "
                  'ORDER BY voucher_date DESC, id DESC LIMIT 25')),
    }
    results = []
    for ours, bare in cases.values():  # warm the caches once
        ours(), bare()
    for name, (ours, bare) in cases.items():
        a, b = timed(ours, args.repeat), timed(bare, args.repeat)
        results.append({'case': name, 'ours': a, 'floor': b, 'ratio': a['median'] / b['median'],
                        'goal_p95_ms': GOAL_MS, 'pass': a['p95'] <= GOAL_MS})
    lines = [f'# A register list at {total:,} rows ({db.engine().dialect.name})', '',
             f'Vouchers (ฎีกา) as the ปลัด sees them; {args.repeat} runs each, ours and the floor (the same page as one',
             'SQL statement, no count, no permission check) side by side. Ours: `core.resource.query`, the count',
             f'bounded at {resource.COUNT_BOUND:,} and one page of 25. Goal: p95 ≤ {GOAL_MS:.0f} ms. '
             f'Data made in {filled:.0f} s.', '',
             '| case | ours median | ours p95 | floor median | ratio | goal | |', '|---|---:|---:|---:|---:|---:|---|']
    for r in results:
        lines.append(f"| {r['case']} | {r['ours']['median']:.1f} | {r['ours']['p95']:.1f} | "
                     f"{r['floor']['median']:.1f} | {r['ratio']:.2f}× | ≤ {GOAL_MS:.0f} ms | "
                     f"{'pass' if r['pass'] else 'FAIL'} |")
    text_out = '\n'.join(lines) + '\n'
    print(text_out)
    out = Path(__file__).parent / 'results'
    (out / 'resource_list.md').write_text(text_out, encoding='utf-8')
    (out / 'resource_list.json').write_text(json.dumps({'rows': total, 'database': db.engine().dialect.name,
                                                        'results': results}, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
