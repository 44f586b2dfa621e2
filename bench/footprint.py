"""Benchmark: start time and idle memory of the suite (`python main.py` on an existing demo database) against the
floor, a bare NiceGUI page importing the same libraries (bench/bare_page.py), started in turns, interleaved.

Start: from launching the process to the first answer of /status. Idle RSS: the process's resident memory after one
page has been served and five quiet seconds. Goals (issue 13): start ≤ 1.5×, idle RSS ≤ 1.15× the floor.
Usage: python -m bench.footprint [--repeat 3]; writes bench/results/footprint.{md,json}.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {'start': 1.5, 'idle RSS': 1.15}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _rss_mb(pid: int) -> float:
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    return 0.0


def run_once(command: list[str], port: int, cwd: Path, page: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(('LAO_', 'NICEGUI_', 'PYTEST_'))}
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not _answers(f'http://127.0.0.1:{port}/status'):
            if process.poll() is not None or time.perf_counter() - began > 120:
                raise RuntimeError(f'{command[1]} did not start')
            time.sleep(0.02)
        started = time.perf_counter() - began
        _answers(f'http://127.0.0.1:{port}{page}')
        time.sleep(5)
        return {'start_s': started, 'rss_mb': _rss_mb(process.pid)}
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix='lao-footprint-'))
    data = work / 'data'
    ours = lambda port: [sys.executable, str(ROOT / 'main.py'), '--demo', '--port', str(port), '--host',  # noqa: E731
                         '127.0.0.1', '--data-dir', str(data)]
    floor = lambda port: [sys.executable, str(ROOT / 'bench' / 'bare_page.py'), str(port)]  # noqa: E731
    port = _port()
    run_once(ours(port), port, work, '/login')  # builds the demo database once; the runs below start on it
    samples: dict[str, list[dict[str, float]]] = {'ours': [], 'floor': []}
    for _ in range(args.repeat):  # interleaved: the machine is shared
        for name, command, page in (('ours', ours, '/login'), ('floor', floor, '/')):
            port = _port()
            samples[name].append(run_once(command(port), port, work, page))
    summary = {}
    for name, runs in samples.items():
        summary[name] = {key: {'min': min(r[key] for r in runs), 'median': statistics.median(r[key] for r in runs),
                               'max': max(r[key] for r in runs)} for key in ('start_s', 'rss_mb')}
    results = []
    for label, key, goal in (('start', 'start_s', GOALS['start']), ('idle RSS', 'rss_mb', GOALS['idle RSS'])):
        ratio = summary['ours'][key]['median'] / summary['floor'][key]['median']
        results.append({'case': label, 'ours': summary['ours'][key], 'floor': summary['floor'][key],
                        'ratio': ratio, 'goal': goal, 'pass': ratio <= goal})
    unit = {'start': 's', 'idle RSS': 'MB'}
    lines = ['# Start time and idle memory', '',
             f'`python main.py` on the demo database vs a bare NiceGUI page importing the same libraries, '
             f'{args.repeat} runs each, interleaved (min / median / max).', '',
             '| case | ours | floor | ratio | goal | |', '|---|---:|---:|---:|---:|---|']
    def spread(v: dict[str, float], u: str) -> str:
        return f"{v['min']:.2f} / {v['median']:.2f} / {v['max']:.2f} {u}"

    for r in results:
        u = unit[r['case']]
        lines.append(f"| {r['case']} | {spread(r['ours'], u)} | {spread(r['floor'], u)} | {r['ratio']:.2f}× | "
                     f"≤ {r['goal']}× | {'pass' if r['pass'] else 'FAIL'} |")
    text = '\n'.join(lines) + '\n'
    print(text)
    out = ROOT / 'bench' / 'results'
    (out / 'footprint.md').write_text(text, encoding='utf-8')
    (out / 'footprint.json').write_text(json.dumps({'results': results}, indent=1))


if __name__ == '__main__':
    main()
