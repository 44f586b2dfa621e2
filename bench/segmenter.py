"""Benchmark: which Thai segmenter the server's search should carry — pythainlp's dictionary (newmm) or lighter.

e-Office stores each letter's words (core.thai.search_terms) and splits what the user types the same way; every
word typed must occur in the letter. The dictionary segmenter builds a trie of pythainlp's 60,000-word dictionary on
first use; a lighter one would spare that memory and time. Measured here, each engine in its own fresh process:
the first call (the trie's build), memory added, the time per text; and, over the Thai texts of the demo (every
string of the apps' demo seeders), how well the search finds what an officer looks for:
- a phrase of the letter, typed without spaces (two to four adjacent words: "สำรวจถนน"): the right letters are
  those whose text contains the phrase;
- two words of the letter that are not adjacent, typed together ("ขอความร่วมมือถนน"): the right letters are those
  that contain both words.
Engines: newmm and longest (the dictionary), tcc (Thai character clusters: no dictionary), and none (no
segmentation: the text kept whole, what is typed split at spaces only).

Usage: python -m bench.segmenter; writes bench/results/segmenter.{md,json}.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / 'bench' / 'results'
ENGINES = ('newmm', 'longest', 'tcc', 'none')
_THAI = re.compile(r"'([^'\n]*[\u0e01-\u0e4e][^'\n]*)'")

_PROBE = r'''
import json, os, sys, time
def rss():
    with open(f'/proc/{os.getpid()}/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS')) / 1024
import pythainlp.tokenize as t
engine, texts = sys.argv[1], json.loads(sys.stdin.read())
before = rss()
began = time.perf_counter()
if engine == 'none':
    split = str.split
elif engine == 'tcc':
    split = lambda s: [c for c in t.subword_tokenize(s, engine='tcc') if c.strip()]
else:
    split = lambda s: t.word_tokenize(s, engine=engine, keep_whitespace=False)
split(texts[0])
first = time.perf_counter() - began
began = time.perf_counter()
tokens = [split(s) for s in texts]
each = (time.perf_counter() - began) / len(texts)
print(json.dumps({'first_s': first, 'added_mb': rss() - before, 'per_text_us': each * 1e6, 'tokens': tokens}))
'''


def demo_texts() -> list[str]:
    """The Thai strings of the apps' demo seeders, at least 12 characters (subjects, project names, notes)."""
    found = []
    for path in sorted(ROOT.glob('apps/*/demo.py')) + [ROOT / 'core' / 'demo.py']:
        found += [text for text in _THAI.findall(path.read_text(encoding='utf-8')) if len(text) >= 12]
    return sorted(set(found))


def _probe(engine: str, texts: list[str]) -> dict:
    done = subprocess.run([sys.executable, '-c', _PROBE, engine], input=json.dumps(texts), capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def _queries(texts: list[str], words: list[list[str]]) -> tuple[list[tuple[str, list[str]]], list[tuple[str, ...]]]:
    """Phrases (adjacent dictionary words typed together) and pairs of words a text holds apart."""
    phrases, pairs = [], []
    for tokens in words:
        thai = [w for w in tokens if len(w) >= 2 and re.search('[\u0e01-\u0e4e]', w)]
        for size in (2, 3, 4):
            for i in range(0, len(tokens) - size + 1, size):
                chunk = tokens[i:i + size]
                if all(w in thai for w in chunk):
                    phrases.append(''.join(chunk))
        if len(thai) >= 4:
            pairs.append((thai[0], thai[-1]))
    return sorted(set(phrases)), sorted(set(pairs))


def _found(query_terms: list[str], stored: list[str]) -> set[int]:
    return {n for n, text in enumerate(stored) if query_terms and all(term in text for term in query_terms)}


def main() -> None:
    texts = demo_texts()
    runs = {engine: _probe(engine, texts) for engine in ENGINES}
    phrases, pairs = _queries(texts, runs['newmm']['tokens'])
    compact = [text.replace(' ', '') for text in texts]
    results = []
    for engine, run in runs.items():
        stored = [text if engine == 'none' else ' '.join(tokens)
                  for tokens, text in zip(run['tokens'], texts, strict=True)]
        typed = [*phrases, *(a + b for a, b in pairs)]
        query_tokens = [q.split() for q in typed] if engine == 'none' else _probe(engine, typed)['tokens']
        scores = {}
        for name, queries, truths in (
                ('phrase', phrases, [{n for n, t in enumerate(compact) if q in t} for q in phrases]),
                ('two words apart', [a + b for a, b in pairs],
                 [{n for n, t in enumerate(compact) if a in t and b in t} for a, b in pairs])):
            offset = 0 if name == 'phrase' else len(phrases)
            hit = wanted = got = 0
            for k, truth in enumerate(truths):
                found = _found(query_tokens[offset + k], stored)
                hit, wanted, got = hit + len(found & truth), wanted + len(truth), got + len(found)
            scores[name] = {'queries': len(queries), 'recall': hit / wanted if wanted else 1.0,
                            'precision': hit / got if got else 1.0}
        results.append({'engine': engine, 'first_s': run['first_s'], 'added_mb': run['added_mb'],
                        'per_text_us': run['per_text_us'], **scores})
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / 'segmenter.json').write_text(json.dumps({'texts': len(texts), 'results': results}, indent=1,
                                                       ensure_ascii=False))
    lines = ['# Thai segmenter for search: the dictionary (newmm) or lighter', '',
             f'{len(texts)} Thai texts of the demo seeders; {len(phrases)} phrase queries, {len(pairs)} two-word '
             'queries. Each engine in a fresh process.', '',
             '| engine | first call | memory added | per text | phrase: recall / precision | '
             'two words apart: recall / precision |', '|---|---:|---:|---:|---:|---:|']
    for r in results:
        lines.append(f"| {r['engine']} | {r['first_s']:.2f} s | {r['added_mb']:.1f} MB | "
                     f"{r['per_text_us']:.0f} µs | {r['phrase']['recall']:.1%} / {r['phrase']['precision']:.1%} | "
                     f"{r['two words apart']['recall']:.1%} / {r['two words apart']['precision']:.1%} |")
    lines += ['', 'Kept: newmm, loaded when the server first segments (a letter saved or searched), then frozen out of '
              "the garbage collector's walk (core/memory.py). Its memory buys the search's precision: without a "
              'dictionary, clusters (tcc) find wrong letters for a quarter to a third of what is typed, and no '
              'segmentation at all (none) cannot find two words typed together that the letter holds apart.']
    (RESULTS / 'segmenter.md').write_text('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
