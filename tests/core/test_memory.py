"""core/memory.py: what lives for the whole process is kept out of the garbage collector's walk."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = '''
import gc
from core import memory, thai
before = gc.get_freeze_count()
thai.thai_words('ขออนุมัติจัดซื้อวัสดุสำนักงาน')
after_first = gc.get_freeze_count()
garbage = [[i] for i in range(50_000)]
thai.thai_words('ครั้งที่สอง')
after_second = gc.get_freeze_count()
memory.settle('start')
print(before, after_first, after_second - after_first, gc.get_threshold() == memory.THRESHOLDS)
'''


def test_the_segmenter_s_dictionary_is_frozen_once_and_start_sets_the_thresholds() -> None:
    answer = subprocess.run([sys.executable, '-c', PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after_first, second_added, thresholds = answer.stdout.split()
    assert int(before) == 0
    assert int(after_first) > 200_000  # the trie of pythainlp's word list, out of the collector's way
    assert int(second_added) <= 0  # once: what was made since is not frozen by the next segmentation
    assert thresholds == 'True'


WHILE_AT_WORK = '''
import gc
from core import memory, thai
collected = []
gc.collect = lambda *args: collected.append(args)  # what settle asks for (automatic collections are not counted)
thai.thai_words('ขออนุมัติจัดซื้อวัสดุสำนักงาน')
at_work = len(collected)
memory.settle('start')
print(at_work, len(collected) - at_work)
'''


def test_the_dictionary_loading_at_work_asks_for_no_full_collection() -> None:
    """A full collection while staff are at work walked every page in flight, a 2 s stall for all; only the start
    (nobody waiting yet) collects before it freezes."""
    answer = subprocess.run([sys.executable, '-c', WHILE_AT_WORK], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    at_work, at_start = answer.stdout.split()
    assert (int(at_work), int(at_start)) == (0, 1)
