"""The server's garbage collector, kept from stalling everyone.

Python's full collection walks every object the process holds, on whatever thread triggered it, with the GIL held:
with the suite's start-up objects (about 310,000) and pythainlp's dictionary trie (about 470,000, built on the first
Thai segmentation) each full collection under 50 sessions took 0.2–0.76 s, every 6–9 s, and every page waited
(bench/load.py). Objects made once and kept for the process's life are moved out of the collector's sight
(`gc.freeze`) when they are made: at start, and once the dictionary is loaded. What is frozen is never collected,
so only long-lived objects should be live at those moments (a few pages in flight at the dictionary's load are
kept too: a one-off of a few hundred kB).
"""

import gc
import threading

_lock = threading.Lock()
_settled: set[str] = set()


def settle(moment: str) -> None:
    """Collect what is garbage now and freeze what is left, once per moment ('start', 'segmenter')."""
    if moment in _settled:
        return
    with _lock:
        if moment in _settled:
            return
        _settled.add(moment)
        gc.collect()
        gc.freeze()
