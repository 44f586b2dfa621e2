"""Benchmark: an import as fast as reading the file — a 100,000-row register file in the register's own export
layout, through the whole kit flow (the officer's column mapping applied, every row checked, the preview's counts;
then the commit, then the same file again: 0 changes), side by side with the floor: `pandas.read_excel` of the
same file. Each case runs in its own process, so its peak memory (the process's peak RSS less what it held once
its modules were imported and the file read into memory) is its own.

Usage: python -m bench.imports [--rows 100000] [--db URL] [--repeat 2]
Builds the demo LAO in a throw-away SQLite file (or the given database), writes the file of vendors (ทะเบียนผู้ขาย/
ผู้รับจ้าง: tax ids with their check digit, a register an LAO fills from years of purchases) and writes
bench/results/imports.{md,json}. Goal: the preview and the commit each ≤ 2× the read.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

GOAL = 2.0
RENAMED = 'ชื่อร้าน'  # a heading the officer maps once to the register's field (ชื่อผู้ขาย/ผู้รับจ้าง)


def tax_id(n: int) -> str:
    """A 13-digit tax id with its check digit (the revenue department's rule)."""
    digits = f'{n:012d}'
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return digits + str((11 - total % 11) % 10)


def _status_mb(name: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process in MB; the peak starts afresh at exec (the kernel's
    ru_maxrss does not: it would report the parent's peak at fork)."""
    with open('/proc/self/status') as status:
        line = next(line for line in status if line.startswith(name + ':'))
    return int(line.split()[1]) / 1024


def _peak_mb() -> float:
    return _status_mb('VmHWM')


def _rss_mb() -> float:
    return _status_mb('VmRSS')


def _actor():
    from sqlmodel import select

    from core import db
    from core.access import load_principal
    from models.org import User
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.username == 'procurement')).one()
        return load_principal(session, account.id)


def child(case: str, path: Path, folder: Path, url: str) -> None:
    """One case in this process; prints its seconds, peak MB added and the import's counts as JSON."""
    import pandas as pd

    import apps  # noqa: F401  (every register)
    from apps.egp.resources import VENDORS
    from core import db, resource, settings
    settings.configure(data_dir=folder, database_url=url)
    db.init()
    actor = _actor()
    content = path.read_bytes()
    base = _rss_mb()
    began = time.perf_counter()
    counts = {}
    if case == 'read':
        pd.read_excel(BytesIO(content))
    else:
        report = resource.import_xlsx(VENDORS, actor, content, commit=case == 'commit')
        counts = report.counts
    seconds = time.perf_counter() - began
    print(json.dumps({'seconds': seconds, 'peak_mb': _peak_mb() - base, 'counts': counts}))


def run(case: str, path: Path, folder: Path, url: str) -> dict:
    out = subprocess.run([sys.executable, '-m', 'bench.imports', '--child', case, '--file', str(path),
                          '--folder', str(folder), '--db', url], cwd=Path(__file__).resolve().parents[1],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=100_000)
    parser.add_argument('--db', default='')
    parser.add_argument('--repeat', type=int, default=2)
    parser.add_argument('--child', default='')
    parser.add_argument('--file', default='')
    parser.add_argument('--folder', default='')
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.file), Path(args.folder), args.db)
        return
    import pandas as pd

    import apps  # noqa: F401
    from apps.egp.resources import VENDORS
    from core import db, demo, resource, settings
    from core.reports import to_xlsx
    folder = Path(tempfile.mkdtemp(prefix='lao-bench-import-'))
    url = args.db or f'sqlite:///{folder / "lao.sqlite3"}'
    settings.configure(data_dir=folder, database_url=url)
    db.init()
    db.migrate()
    demo.build_demo()
    actor = _actor()
    resource.remember_columns(VENDORS, actor, {RENAMED: 'name'})
    shops = ['ร้าน', 'หจก.', 'บริษัท']
    rows = [{RENAMED: f'{shops[i % 3]}ทดสอบพาณิชย์ {i:06d}', 'เลขประจำตัวผู้เสียภาษี': tax_id(3_000_000_000 + i),
             'สาขา': '00000', 'เป็นนิติบุคคล': 'ใช่' if i % 3 else 'ไม่ใช่',
             'ที่อยู่': f'{i % 200} หมู่ {i % 12 + 1} ตำบลบ้านตัวอย่าง อำเภอเมือง จังหวัดขอนแก่น 40000',
             'ผู้ติดต่อ': '', 'โทรศัพท์': f'08{i:08d}', 'ธนาคาร': 'ธนาคารกรุงไทย', 'เลขที่บัญชีเงินฝาก': f'{i:010d}',
             'ผู้ประกอบการ SMEs': 'ใช่' if i % 5 == 0 else 'ไม่ใช่', 'เป็นผู้ทิ้งงาน': 'ไม่ใช่',
             'เหตุที่เป็นผู้ทิ้งงาน': '', 'วันที่แจ้งเวียนชื่อผู้ทิ้งงาน': None, 'ใช้งานอยู่': 'ใช่'}
            for i in range(args.rows)]
    path = folder / 'vendors.xlsx'
    path.write_bytes(to_xlsx(pd.DataFrame(rows)))
    db.engine().dispose()

    # each case right after a read of its own, so a busy moment falls on both (the ratio is per pair); the preview
    # `repeat` times, then one commit, then the same file again (every row unchanged)
    plan = ['preview'] * args.repeat + ['commit', 'again']
    samples: dict[str, list[dict]] = {'read': [], 'preview': [], 'commit': [], 'again': []}
    for case in plan:
        floor = run('read', path, folder, url)
        ours = run(case, path, folder, url)
        samples['read'].append(floor)
        samples[case].append({**ours, 'ratio': ours['seconds'] / floor['seconds']})
    results = {}
    for case, runs in samples.items():
        seconds = statistics.median(r['seconds'] for r in runs)
        results[case] = {'seconds': seconds, 'peak_mb': max(r['peak_mb'] for r in runs), 'counts': runs[-1]['counts'],
                         'ratio': statistics.median(r.get('ratio', 1.0) for r in runs)}
    titles = {'read': '`pandas.read_excel` of the file (the floor)',
              'preview': 'preview: column mapping, every row checked, counts',
              'commit': 'commit: the new rows written and audited', 'again': 'the same file again (0 changes)'}
    lines = [f'# Import of {args.rows:,} rows ({db.engine().dialect.name})', '',
             'The vendors register (ทะเบียนผู้ขาย/ผู้รับจ้าง) in its own export layout, one heading renamed and mapped '
             'by the officer;', 'each case in its own process right after a read of the file in another (the ratio is '
             f'per pair; median of {args.repeat} previews, one commit). Goal: preview and commit ≤ 2× the read.', '',
             '| case | seconds | × read | peak memory added | rows | goal | |', '|---|---:|---:|---:|---|---|---|']
    for case, r in results.items():
        counts = ', '.join(f'{k} {v:,}' for k, v in r['counts'].items() if v) or '—'
        goal = f'≤ {GOAL:.0f}×' if case in ('preview', 'commit') else ''
        verdict = ('pass' if r['ratio'] <= GOAL else 'FAIL') if goal else ''
        r['pass'] = verdict != 'FAIL'
        lines.append(f"| {titles[case]} | {r['seconds']:.1f} | {r['ratio']:.2f}× | {r['peak_mb']:.0f} MB | {counts} | "
                     f'{goal} | {verdict} |')
    text = '\n'.join(lines) + '\n'
    print(text)
    out = Path(__file__).parent / 'results'
    (out / 'imports.md').write_text(text, encoding='utf-8')
    (out / 'imports.json').write_text(json.dumps({'rows': args.rows, 'database': db.engine().dialect.name,
                                                  'goal': GOAL, 'results': results}, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
