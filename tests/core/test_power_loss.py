"""Power loss, proven: a child process writes vouchers, receipts and letters through the real services and is killed
with SIGKILL after it has reported N commits (not after a sleep). Reopened, every reported record is there with
its number, no running number is doubled, the only gaps are burned numbers, the database is intact, the audit
chains verify and the draft typed before the kill comes back."""

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from core import audit, db, drafts, settings
from core.settings import ROOT
from helpers import principal
from models.finance import Receipt, Voucher
from models.numbering import BurnedNumber, NumberCounter
from models.office import Document

CHILD = Path(__file__).with_name('power_loss_child.py')
COMMITS_BEFORE_KILL = 40
DROPPED = ('PYTEST_CURRENT_TEST', 'NICEGUI_USER_SIMULATION', 'NICEGUI_SCREEN_TEST_PORT')


def _burst_and_kill(database_url: str, data_dir: Path) -> list[list[str]]:
    """Run the child until it has reported COMMITS_BEFORE_KILL commits, SIGKILL it, return every line it printed."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(DATABASE_URL=database_url, LAO_DATA_DIR=str(data_dir))
    child = subprocess.Popen([sys.executable, str(CHILD)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines: list[list[str]] = []
    enough = threading.Event()

    def read() -> None:
        for raw in child.stdout:
            lines.append(raw.split())
            if sum(1 for line in lines if line[0] == 'COMMIT') >= COMMITS_BEFORE_KILL:
                enough.set()
        enough.set()  # the child ended on its own: the assertions below say why
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    enough.wait(timeout=300)  # a bound for a broken child, not a timing the test relies on
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)  # lines printed before the kill (committed too) are still read
    assert child.returncode == -signal.SIGKILL, f'the child ended by itself: {child.stderr.read()[-2000:]}'
    return lines


def _running(text_: str) -> int:
    return int(text_.split('/')[0])


def test_sigkill_in_a_burst_of_writes_loses_nothing_committed(fresh_database: str) -> None:
    data_dir = settings.get_settings().data_dir
    db.engine().dispose()
    lines = _burst_and_kill(fresh_database, data_dir)
    commits = [line for line in lines if line[0] == 'COMMIT']
    assert len(commits) >= COMMITS_BEFORE_KILL and any(line[0] == 'DRAFT' for line in lines)

    db.init()  # "restart": a new engine; SQLite recovers from its WAL on open
    reported = {kind: {int(line[2]) for line in commits if line[1] == kind} for kind in
                ('voucher', 'receipt', 'letter', 'burned')}
    assert all(reported.values()), reported
    with db.session_scope() as session:
        vouchers = {v.id: v for v in session.exec(select(Voucher)).all()}
        receipts = {r.id: r for r in session.exec(select(Receipt)).all()}
        letters = {d.id: d for d in session.exec(select(Document).where(Document.register_key == 'outgoing')).all()}
        counters = {(c.org_id, c.series, c.year): c.last for c in session.exec(select(NumberCounter)).all()}
        burned = session.exec(select(BurnedNumber).where(BurnedNumber.series == 'eoffice.outgoing')).all()
        if db.is_sqlite():
            assert session.execute(text('PRAGMA integrity_check')).scalar_one() == 'ok'
        chain = audit.verify(session)
    assert reported['voucher'] <= set(vouchers) and reported['receipt'] <= set(receipts)
    assert reported['letter'] | reported['burned'] <= set(letters)
    assert all(letters[i].status == 'cancelled' for i in reported['burned'])

    def gapless(numbers: list[tuple[int, int, int]], series: str) -> None:
        """(org, year, number) rows of one series: unique, 1..last without a hole, last == the counter's."""
        by_year = Counter((org, year) for org, year, _ in numbers)
        for (org, year), count in by_year.items():
            mine = sorted(n for o, y, n in numbers if (o, y) == (org, year))
            assert len(mine) == len(set(mine)), f'{series} {year}: a number used twice'
            assert mine == list(range(1, count + 1)), f'{series} {year}: a gap in the numbers'
            assert counters[(org, series, year)] == count, f'{series} {year}: a number allocated and lost'

    gapless([(v.org_id, v.fiscal_year, _running(v.number_text)) for v in vouchers.values()], 'elaas.voucher')
    gapless([(r.org_id, r.fiscal_year, r.number) for r in receipts.values()], 'elaas.receipt')
    numbered = [d for d in letters.values() if d.number is not None]  # a draft cut off before its issue has none
    gapless([(d.org_id, d.year, d.number) for d in numbered], 'eoffice.outgoing')
    burned_numbers = {(b.year, b.number) for b in burned}
    cancelled = {(d.year, d.number) for d in numbered if d.status == 'cancelled'}
    assert burned_numbers == cancelled and {(letters[i].year, letters[i].number) for i in reported['burned']} <= \
        burned_numbers  # the only numbers not in use are the burned ones, and they are listed
    assert chain.ok, chain.describe()

    restored = drafts.load(principal('clerk'), '/eoffice/outgoing/new')
    assert restored is not None and restored[0]['subject'] == 'ร่างหนังสือที่พิมพ์ค้างไว้ก่อนไฟดับ'

    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(DATABASE_URL=fresh_database, LAO_DATA_DIR=str(data_dir))
    restart = subprocess.run([sys.executable, 'main.py', 'verify-audit'], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)  # the program itself starts on the killed database
    assert restart.returncode == 0, restart.stdout + restart.stderr
