"""The server starts without the libraries that only make files and charts (issue 13: a lighter start)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = '''
import sys
import main
main.build()
print(' '.join(name for name in ('fpdf', 'openpyxl', 'plotly', 'PIL') if name in sys.modules) or 'none')
'''


def test_pages_register_without_fpdf_openpyxl_or_plotly() -> None:
    answer = subprocess.run([sys.executable, '-c', PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert answer.stdout.split()[-1] == 'none', answer.stdout
