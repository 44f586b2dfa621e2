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
