"""Benchmark: a Resource list at 100,000 rows (server-side page, count, sort, Thai search, filter).

Usage: python bench/resource_list.py [--rows 100000] [--db URL]
Builds the demo LAO in a throw-away SQLite file (or the given database), adds N positions to the positions
register, and times `core.resource.query` — the whole server-side work of one list page. Writes
bench/results/resource_list.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from sqlalchemy import insert  # noqa: E402
from sqlmodel import select  # noqa: E402

from apps.admin.resources import POSITIONS  # noqa: E402
from core import db, demo, resource, settings  # noqa: E402
from core.access import load_principal  # noqa: E402
from models.org import Division, Position, User  # noqa: E402

WORDS = ['นักวิชาการ', 'เจ้าพนักงาน', 'ผู้ช่วย', 'พนักงานจ้าง', 'คนงาน', 'ครูผู้ดูแลเด็ก', 'นายช่าง', 'นักพัฒนา']
UNITS = ['ธุรการ', 'การเงิน', 'พัสดุ', 'โยธา', 'สาธารณสุข', 'ศึกษา', 'จัดเก็บรายได้', 'ป้องกันภัย', 'เกษตร']


def timed(fn, repeat: int = 20) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {'median': statistics.median(samples), 'p95': samples[int(len(samples) * 0.95) - 1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=100_000)
    parser.add_argument('--db', default='')
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix='lao-bench-'))
    settings.configure(data_dir=folder, database_url=args.db or None)
    db.init()
    db.migrate()
    demo.build_demo()
    with db.session_scope(write=True) as session:
        org_id = session.exec(select(User.org_id)).first()
        divisions = session.exec(select(Division.id).where(Division.org_id == org_id)).all()
        rows = [{'org_id': org_id, 'division_id': divisions[i % len(divisions)], 'code': f'B{i:06d}',
                 'title': f'{WORDS[i % len(WORDS)]}{UNITS[(i // 7) % len(UNITS)]}', 'short_title': '',
                 'position_type': 'general', 'level': 'ปฏิบัติงาน', 'is_head': False, 'sort_order': i,
                 'is_active': True} for i in range(args.rows)]
        for start in range(0, len(rows), 5000):
            session.execute(insert(Position), rows[start:start + 5000])
        admin = load_principal(session, session.exec(select(User.id).where(User.username == 'admin')).one())
    division = divisions[2]
    cases = {
        'first page, default sort': lambda: resource.query(POSITIONS, admin),
        'page 2000, sorted by title desc': lambda: resource.query(POSITIONS, admin, sort='title', descending=True,
                                                                  page=2000),
        'Thai search inside words (พัสดุ)': lambda: resource.query(POSITIONS, admin, search='พัสดุ'),
        'filter by division': lambda: resource.query(POSITIONS, admin, filters={'division_id': division}),
    }
    total = resource.query(POSITIONS, admin).total
    lines = [f'# Resource list at {total:,} rows ({db.engine().dialect.name})', '',
             'Server-side work of one list page (`core.resource.query`: count + one page of 25), 20 runs each.', '',
             '| case | median ms | p95 ms |', '|---|---:|---:|']
    for name, fn in cases.items():
        result = timed(fn)
        lines.append(f'| {name} | {result["median"]:.1f} | {result["p95"]:.1f} |')
    text = '\n'.join(lines) + '\n'
    print(text)
    out = Path(__file__).parent / 'results' / 'resource_list.md'
    out.write_text(text, encoding='utf-8')


if __name__ == '__main__':
    main()
