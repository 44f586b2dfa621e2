"""`python -m bench`: every benchmark in one run, then every goal with ours, the floor, the ratio and pass/fail.

Runs, one after the other (each builds its own throw-away database): bench/footprint.py (start and idle memory vs
a bare NiceGUI page), bench/load.py (50 signed-in staff at office pace and at 5× it, vs the same against a bare
page), bench/resource_list.py (a register's list at 1,000,000 rows vs the same page in one SQL statement),
bench/elaas_reports.py (the books at 1,000,000 journal lines vs bare SQL, and the event loop's worst stall while
the largest report renders), bench/segmenter.py (the search's Thai segmenter: the dictionary or a lighter one),
bench/assistant.py (the help assistant's retrieval on its evaluation set), bench/imports.py (a 100,000-row register
file through the kit's import: preview and commit vs `pandas.read_excel` of the same file).
Each writes its own results; this writes bench/results/summary.md.
About 20 minutes on 2 cores. `--quick` runs the same at a tenth of the data.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / 'bench' / 'results'


def _run(module: str, *args: str) -> float:
    began = time.perf_counter()
    print(f'\n=== {module} {" ".join(args)}', flush=True)
    subprocess.run([sys.executable, '-m', f'bench.{module}', *args], cwd=ROOT, check=True)
    return time.perf_counter() - began


def _rows() -> list[tuple[str, ...]]:
    """(benchmark, case, ours, floor, ratio or value, goal, verdict)."""
    rows = []
    footprint = json.loads((RESULTS / 'footprint.json').read_text())
    for r in footprint['results']:
        unit = 's' if r['case'] == 'start' else 'MB'
        rows.append(('footprint', r['case'], f"{r['ours']['median']:.2f} {unit}", f"{r['floor']['median']:.2f} {unit}",
                     f"{r['ratio']:.2f}×", f"≤ {r['goal']}×", 'pass' if r['pass'] else 'FAIL'))
    lists = json.loads((RESULTS / 'resource_list.json').read_text())
    for r in lists['results']:
        rows.append((f"list at {lists['rows']:,} rows", r['case'], f"p95 {r['ours']['p95']:.1f} ms",
                     f"{r['floor']['median']:.1f} ms", f"{r['ratio']:.2f}×", f"p95 ≤ {r['goal_p95_ms']:.0f} ms",
                     'pass' if r['pass'] else 'FAIL'))
    reports = json.loads((RESULTS / 'elaas_reports.json').read_text())
    for case, r in reports['cases'].items():
        if r.get('goal') is None:
            continue
        rows.append((f"books at {reports['journal_lines']:,} lines", case, f"{r['report_ms']['median']:.1f} ms",
                     f"{r['floor_ms']['median']:.1f} ms", f"{r['ratio']:.2f}×", f"≤ {r['goal']}×",
                     'pass' if r['ratio'] <= r['goal'] else 'FAIL'))
    stall = reports.get('worst_loop_stall_ms')
    if stall is not None:
        rows.append(('books', 'worst event-loop stall while the ledger renders and exports', f'{stall:.0f} ms', '',
                     '', '≤ 100 ms', 'pass' if stall <= 100 else 'FAIL'))
    load = json.loads((RESULTS / 'load.json').read_text())
    for pace, runs in load['results'].items():
        ours, floor = runs['ours'], runs['floor']
        goal = 200 if pace == 'office pace' else 1000
        rows.append((f"{load['sessions']} sessions", f'{pace}: p95 per action, error pages',
                     f"{ours['p95_ms']:.0f} ms, {ours['errors']} errors", f"{floor['p95_ms']:.0f} ms",
                     f"{ours['p95_ms'] / floor['p95_ms']:.1f}×", f'p95 ≤ {goal} ms, 0 errors',
                     'pass' if ours['p95_ms'] <= goal and ours['errors'] == 0 else 'FAIL'))
        if 'per_open_tab' in ours['rss_mb']:
            tab, bare = ours['rss_mb']['per_open_tab'], floor['rss_mb']['per_open_tab']
            rows.append((f"{load['sessions']} sessions", 'server memory per open tab', f'{tab:.2f} MB',
                         f'{bare:.2f} MB', '', '≤ 1 MB', 'pass' if tab <= 1 else 'FAIL'))
    segmenter = json.loads((RESULTS / 'segmenter.json').read_text())
    by = {r['engine']: r for r in segmenter['results']}
    dictionary, light = by['newmm'], by['tcc']
    rows.append(('Thai segmenter for search', 'dictionary (newmm, kept) vs the lightest (tcc): memory added, '
                 'precision of two-word searches',
                 f"{dictionary['added_mb']:.0f} MB, {dictionary['two words apart']['precision']:.0%}",
                 f"{light['added_mb']:.1f} MB, {light['two words apart']['precision']:.0%}", '',
                 'measure both (segmenter.md)', 'measured'))
    imports_path = RESULTS / 'imports.json'
    if imports_path.exists():
        found = json.loads(imports_path.read_text())
        read = found['results']['read']
        for case in ('preview', 'commit'):
            r = found['results'][case]
            rows.append((f"import of {found['rows']:,} rows", case, f"{r['seconds']:.1f} s", f"{read['seconds']:.1f} s",
                         f"{r['ratio']:.2f}×", f"≤ {found['goal']:.0f}×", 'pass' if r['pass'] else 'FAIL'))
    assistant_path = RESULTS / 'assistant.json'
    if assistant_path.exists():
        chosen = json.loads(assistant_path.read_text())['results']['BM25, words + character trigrams (chosen)']
        r = chosen['held_out']
        ok = r['recall_at_3'] >= 0.90 and r['recall_at_1'] >= 0.80 and chosen['all']['p95_ms'] <= 1000
        rows.append(('Q&A assistant', f"held-out questions ({r['questions']}): recall@1, recall@3, p95",
                     f"{r['recall_at_1']:.2f}, {r['recall_at_3']:.2f}, {chosen['all']['p95_ms']:.1f} ms", '', '',
                     'recall@3 ≥ 0.90, recall@1 ≥ 0.80, p95 ≤ 1 s', 'pass' if ok else 'FAIL'))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--quick', action='store_true', help='a tenth of the data (a check that all runs)')
    parser.add_argument('--only', nargs='+',
                        choices=('footprint', 'load', 'resource_list', 'elaas_reports', 'segmenter', 'assistant',
                                 'imports'),
                        help="run only these; the summary reads the others' last results from bench/results")
    args = parser.parse_args()
    quick = args.quick
    plan = {'footprint': ['--repeat', '1' if quick else '3'],
            'load': ['--years', '1', '--seconds', '20'] if quick else [],
            'resource_list': ['--rows', '100000' if quick else '1000000'],
            'elaas_reports': ['--years', '1', '--repeat', '5'] if quick else [],
            'segmenter': [],
            'assistant': [],
            'imports': ['--rows', '10000' if quick else '100000']}
    took = {name: _run(name, *options) for name, options in plan.items() if not args.only or name in args.only}
    others = '' if len(took) == len(plan) else '; the others as last run'
    lines = ['# Benchmarks: every goal', '', f"`python -m bench{' --quick' if quick else ''}`, "
             f"{sum(took.values()) / 60:.1f} minutes ({', '.join(f'{k} {v:.0f} s' for k, v in took.items())}"
             f'{others}). Details in the other files of this folder.', '',
             '| benchmark | case | ours | floor | ratio | goal | |', '|---|---|---:|---:|---:|---|---|']
    lines += ['| ' + ' | '.join(row) + ' |' for row in _rows()]
    text = '\n'.join(lines) + '\n'
    print('\n' + text)
    (RESULTS / ('summary-quick.md' if quick else 'summary.md')).write_text(text, encoding='utf-8')


if __name__ == '__main__':
    main()
