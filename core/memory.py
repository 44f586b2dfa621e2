"""The server's garbage collector, kept from stalling everyone.

Python's full collection walks every object the process holds, on whatever thread triggered it, with the GIL held:
with the suite's start-up objects (about 310,000) and pythainlp's dictionary trie (about 470,000, built on the first
Thai segmentation) each full collection under 50 sessions took 0.2–0.76 s, every 6–9 s, and every page waited
(bench/load.py). Objects made once and kept for the process's life are moved out of the collector's sight
(`gc.freeze`) when they are made: at start, and once the dictionary is loaded. What is frozen is never collected,
so only long-lived objects should be live at those moments (a few pages in flight at the dictionary's load are
kept too: a one-off of a few hundred kB).

With so little left to walk, Python's rule (a full collection once a quarter more objects have survived into the
oldest generation) fires every few seconds under load, each time on the pages' garbage (80,000–120,000 objects,
0.26–0.38 s). A full collection is let wait ten times as long (THRESHOLDS): side by side, 50 sessions at office pace
gave p95 0.29 s → 0.20 s and the server's CPU 41 % → 30 %, at the price of a longer pause (0.85 s) every ~20 s.

Only at start is what is garbage collected before the freeze. The dictionary loads while staff are at work (the first
e-Office save or search): a full collection then walked every page in flight with the GIL held, one stall of about
2 s for everyone (bench/load.py's slowest actions, all at once). Then it is frozen as it is, uncollected: what
garbage is frozen with it is a page or two's worth, once.
"""

import gc
import threading

THRESHOLDS = (700, 10, 100)  # Python's defaults are (700, 10, 10)
_lock = threading.Lock()
_settled: set[str] = set()


def settle(moment: str) -> None:
    """Freeze what the process holds now, once per moment ('start', 'segmenter'); at start, after collecting its
    garbage (nobody is waiting yet)."""
    if moment in _settled:
        return
    with _lock:
        if moment in _settled:
            return
        _settled.add(moment)
        if moment == 'start':
            gc.collect()
        gc.freeze()
        if moment == 'start':
            gc.set_threshold(*THRESHOLDS)
