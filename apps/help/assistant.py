"""The offline Q&A assistant (M-BOT): retrieval over curated Q&A cards, the manual's sections and the web board's
accepted answers. It never writes an answer of its own: every answer is one source's text with its link.

Terms: pythainlp's newmm words (core.thai.thai_words, the dictionary the suite already loads), lower-cased, without
stop words and punctuation, plus the character trigrams of each word (so a typo such as รหส for รหัส still meets
most of its word). Ranking: BM25 (bm25s). Confidence: the share of the question's word weight (IDF) that the best
source contains; a word no source has weighs as the rarest. Below `THRESHOLD` the assistant says it is not sure.

The index is built once per organisation, on first use, in the calling thread (pages call `ask` with
`run.io_bound`); a new accepted board answer makes the next question rebuild it (`invalidate`).
"""

import csv
import math
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from apps.help.service import manual
from core.settings import ROOT
from core.thai import thai_words

CARDS = ROOT / 'assets' / 'help' / 'cards.csv'
# The share of the question's IDF weight the best source must hold; chosen on the questions of the evaluation set
# that are not held out (bench/assistant.py).
THRESHOLD = 0.4
WIDTH = 3  # sources shown

# Question words and particles every officer's question has: they say nothing about the topic.
_QUESTION_WORDS = frozenset('''อย่างไร ยังไง ไง อะไร ไหน ที่ไหน ตรงไหน ไหม มั้ย มั๊ย หรือเปล่า เปล่า หรือไม่ ได้ไหม ทำไง
ทำยังไง ครับ คะ ค่ะ ค่า จ้า จ๊ะ นะ น่ะ ครับผม ละ ล่ะ หน่อย ที ดี ดีคะ ดีครับ บ้าง คือ ใคร เมื่อไร เมื่อไหร่ ตอนไหน เท่าไร
เท่าไหร่ กี่ ทำ การ ต้อง ได้ ให้ จะ ว่า มี เป็น ของ ที่ และ หรือ ใน กับ แล้ว ไป มา อยาก ขอ ถาม สอบถาม รบกวน
'''.split())
_PUNCT = re.compile(r'^[\W_]+$')


@dataclass(frozen=True)
class Source:
    """One answerable text: a card, a manual section or an accepted board answer."""
    key: str  # card:<id> | manual:<app>/<slug>#<n> | board:<question id>
    kind: str  # card | manual | board
    app: str
    title: str  # the card's question, the section's heading, the board question
    text: str  # shown as the answer, word for word
    link: str  # where the source is read in the suite
    cite: str  # the regulation a rule card rests on, or the manual page's title
    extra: str = ''  # other wordings of the question (cards), indexed but not shown
    section: str = ''  # a card's manual section (its key), which says the same

    @property
    def answers(self) -> frozenset[str]:
        """The keys that give this answer: the source's own and, for a card, its manual section's."""
        return frozenset(k for k in (self.key, self.section) if k)


@dataclass(frozen=True)
class Hit:
    source: Source
    score: float
    confidence: float


@dataclass(frozen=True)
class Answer:
    question: str
    sure: bool  # False: "ไม่แน่ใจ" and the offer to post on the web board
    hits: tuple[Hit, ...] = field(default_factory=tuple)

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


def words(text: str) -> list[str]:
    """The topic words of a text (no stop words, particles or punctuation), lower-case."""
    from pythainlp.corpus import thai_stopwords
    stop = thai_stopwords()
    return [w for w in (w.lower().strip() for w in thai_words(text)) if w and not _PUNCT.match(w)
            and w not in _QUESTION_WORDS and w not in stop]


def terms(text: str) -> list[str]:
    """Words plus the character trigrams of each word of four letters or more (marked with '#')."""
    found = words(text)
    grams = [f'#{w[i:i + 3]}' for w in found if len(w) >= 4 for i in range(len(w) - 2)]
    return found + grams


@cache
def cards() -> tuple[Source, ...]:
    with CARDS.open(encoding='utf-8') as stream:
        rows = list(csv.DictReader(stream))
    out = []
    for row in rows:
        cite = row['source']
        link = cite if cite.startswith('/help/') else f"/help/card/{row['id']}"
        out.append(Source(f"card:{row['id']}", 'card', row['app'], row['question'], row['answer'], link,
                          '' if cite.startswith('/help/') else cite, row['also'].replace('|', ' '),
                          _section_key(cite)))
    return tuple(out)


def _section_key(link: str) -> str:
    """'/help/eoffice/02-routing?section=4' -> 'manual:eoffice/02-routing#4'; '' for a page or a regulation."""
    found = re.fullmatch(r'/help/([\w-]+)/([\w-]+)\?section=(\d+)', link)
    return f'manual:{found[1]}/{found[2]}#{found[3]}' if found else ''


def card(card_id: str) -> Source | None:
    return next((c for c in cards() if c.key == f'card:{card_id}'), None)


@cache
def sections() -> tuple[Source, ...]:
    """Each manual page split at its second-level headings; the text before the first is the page's own."""
    out = []
    for doc in manual():
        parts = re.split(r'^## +', doc.body, flags=re.M)
        for n, part in enumerate(parts[1:], start=1):
            heading, _, body = part.partition('\n')
            out.append(Source(f'manual:{doc.app}/{doc.slug}#{n}', 'manual', doc.app, heading.strip(), body.strip(),
                              f'/help/{doc.app}/{doc.slug}?section={n}', doc.title))
        if len(parts) == 1:
            out.append(Source(f'manual:{doc.app}/{doc.slug}#0', 'manual', doc.app, doc.title,
                              doc.body.split('\n', 1)[-1].strip(), f'/help/{doc.app}/{doc.slug}', doc.title))
    return tuple(out)


class Index:
    """BM25 over the sources' terms, and each term's IDF for the confidence."""

    def __init__(self, sources: Iterable[Source], tokenize: Callable[[str], list[str]] | None = None) -> None:
        import bm25s
        self.tokenize = tokenize or terms
        self.sources = tuple(sources)
        docs = [self.tokenize(f'{s.title} {s.title} {s.extra} {s.text}') for s in self.sources]
        self.term_sets = [frozenset(d) for d in docs]
        self.bm25 = bm25s.BM25()
        self.bm25.index(docs, show_progress=False)
        n = len(docs)
        frequency: dict[str, int] = {}
        for term_set in self.term_sets:
            for term in term_set:
                frequency[term] = frequency.get(term, 0) + 1
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.unknown_idf = math.log(1 + (n - 0.5) / 1.5)  # a term no source has weighs as one found once

    def search(self, question: str, k: int = WIDTH) -> list[Hit]:
        query = self.tokenize(question)
        known = [t for t in query if t in self.idf]
        if not known:
            return []
        documents, scores = self.bm25.retrieve([known], k=min(k, len(self.sources)), show_progress=False,
                                               n_threads=1)
        weight = sum(self.idf.get(t, self.unknown_idf) for t in query)
        hits = []
        for doc, score in zip(documents[0], scores[0], strict=True):
            if score <= 0:
                continue
            held = sum(self.idf[t] for t in query if t in self.term_sets[doc])
            hits.append(Hit(self.sources[doc], float(score), held / weight))
        return hits


_LOCK = threading.Lock()
_INDEXES: dict[tuple, Index] = {}


def base_sources() -> tuple[Source, ...]:
    return cards() + sections()


def index_for(board: tuple[Source, ...] = ()) -> Index:
    """The index of the cards, the manual and these board answers; built once for each set of board answers."""
    stamp = tuple(s.key for s in board)
    with _LOCK:
        found = _INDEXES.get(stamp)
        if found is None:
            if len(_INDEXES) > 8:
                _INDEXES.clear()
            found = _INDEXES[stamp] = Index(base_sources() + board)
    return found


def invalidate() -> None:
    with _LOCK:
        _INDEXES.clear()


def answer(question: str, board: tuple[Source, ...] = (), threshold: float = THRESHOLD) -> Answer:
    """The sources that answer a question, best first; `sure` when the best holds enough of the question."""
    question = (question or '').strip()[:500]
    if not question:
        return Answer(question, False)
    hits = index_for(board).search(question)
    return Answer(question, bool(hits) and hits[0].confidence >= threshold, tuple(hits))
