"""The print check: every paper the suite prints, made for the demo LAO and read back as a Thai officer would read
it — from the PDF's own text layer (what copying and searching find) and a picture of its first page.

Each paper must: hold no invisible characters; wrap its lines only between words (no word of the demo's data cut
across two lines); use only characters the bundled font can draw; carry the LAO's name, when it was printed and
'หน้า x/y'; and, for a long report, keep within its page budget. A PNG of each first page is written under
test-artifacts/print-check/ (gitignored) for eyes.

To add a paper, append (name, make) to PAPERS: `make()` returns the PDF's bytes and runs in a test, against a
fresh copy of the demo database, e.g. `PAPERS.append(('voucher', lambda: voucher_pdf(principal('cashier'), 1)))`.
"""

import re
import subprocess
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from core import resource as kit
from core.access import Principal
from core.demo import PEOPLE
from core.pdf import BREAK_HINT, FONT_DIR
from core.report import REPORTS, report_pdf, report_table, signatures
from core.reports import breakable
from helpers import principal

ARTIFACTS = Path(__file__).parents[2] / 'test-artifacts' / 'print-check'
INVISIBLE = {'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'}
PAGE_BUDGETS = {'report elaas/remaining': 12, 'report eplan/p01': 2}  # pages at most, for the demo's data
LAO = 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง'
# The ledger opens on the cash account, 800 lines and 46 pages in the demo, a third of this file's time: the bank
# account's 191 lines print the same layout over several pages.
PARAMS = {'elaas/ledger': {'account': '1101030102.001'}}


def first_allowed(permission: str) -> Principal:
    """The first demo persona who may open what needs `permission`."""
    for person in PEOPLE:
        actor = principal(person.username)
        if actor.can(permission):
            return actor
    raise AssertionError(f'no demo persona holds {permission}')


def _report(ident: str) -> Callable[[], bytes]:
    report = REPORTS[ident]
    params = PARAMS.get(ident, {})
    return lambda: report_pdf(report, report_table(report, first_allowed(report.permission), params))


def _register(resource: kit.Resource) -> Callable[[], bytes]:
    return lambda: kit.export_pdf(resource, first_allowed(resource.view))


PAPERS: list[tuple[str, Callable[[], bytes]]] = [
    *((f'report {ident}', _report(ident)) for ident in REPORTS),
    *((f'register {r.ident}', _register(r)) for r in kit.REGISTRY.values() if r.pdf),
]


def _letter(form: str) -> Callable[[], bytes]:
    """The demo's latest signed, unclassified paper of one form (หนังสือภายนอก, คำสั่ง, ประกาศ …), as the clerk prints
    it."""
    def make() -> bytes:
        from sqlmodel import select

        from apps.eoffice.reports import print_letter
        from core import db
        from models.office import Document
        with db.session_scope() as session:
            document = session.exec(select(Document).where(Document.form == form, Document.secrecy == 'normal',
                                                           Document.signed_by.is_not(None))
                                    .order_by(Document.id.desc())).first()
        assert document is not None, f'the demo has no signed {form}'
        return print_letter(first_allowed('eoffice.doc.view'), document.id)
    return make


def _record(ident: str, permission: str) -> Callable[[], bytes]:
    """The official form (ฎีกา, ใบเสร็จรับเงิน) of the newest demo record of a register."""
    def make() -> bytes:
        resource = kit.REGISTRY[ident]
        actor = first_allowed(permission)
        record = kit.query(resource, actor, per_page=1).rows[0]
        return kit.print_record(resource, actor, record.id)
    return make


def _certificate() -> bytes:
    """The 50 ทวิ certificate of the demo's newest paid voucher that withheld tax."""
    from sqlmodel import col, select

    from apps.elaas.prints import print_wht_certificate
    from core import db
    from models.finance import Voucher
    with db.session_scope() as session:
        voucher = session.exec(select(Voucher).where(Voucher.wht > 0, col(Voucher.status).in_(('paid', 'posted')))
                               .order_by(Voucher.id.desc())).first()
    assert voucher is not None, 'the demo has no paid voucher that withheld tax'
    return print_wht_certificate(first_allowed('elaas.voucher.view'), voucher.id)


def _forms() -> list[tuple[str, Callable[[], bytes]]]:
    from apps.eoffice.kinds import FORMS
    return [*((f'form {key}', _letter(key)) for key in FORMS),
            ('form voucher', _record('elaas/vouchers', 'elaas.voucher.view')),
            ('form receipt', _record('elaas/receipts', 'elaas.receipt.view')),
            ('form wht certificate', _certificate),
            ('form leave', _record('hr/leave-requests', 'hr.leave.request')),
            ('form person history', _record('hr/persons', 'hr.person.edit'))]


FORMS = _forms()  # an official form is not a report: no print time, no 'หน้า x/y', the form's own signer


@cache
def font_characters() -> frozenset[int]:
    """The characters both bundled faces in use (regular for text, bold for headings) can draw."""
    maps = [set(TTFont(FONT_DIR / name).getBestCmap()) for name in ('Laksaman.ttf', 'Laksaman-Bold.ttf')]
    return frozenset.intersection(*map(frozenset, maps))


def _aligned_runs(drawn: str) -> set[str]:
    """Every run of a drawn text that a line may hold whole: from one break opportunity to another (the text's
    ends, a space or newline, a break hint) without a space in between."""
    runs = set()
    for part in re.split(r'\s+', drawn):
        pieces = [piece for piece in part.split(BREAK_HINT) if piece]
        for start in range(len(pieces)):
            for end in range(start + 1, len(pieces) + 1):
                runs.add(''.join(pieces[start:end]))
    return runs


def cut_words(text: str, drawn: list[str]) -> list[str]:
    """The pieces of the PDF's lines that do not start and end where the drawn text may break: a word cut across
    lines ('ความจำเป็' over 'น'), or a number or date broken (01/10/2 over 569).

    The extractor joins the lines of neighbouring cells with a space, so each space-separated piece of a line is
    checked; a line that starts with a vowel or tone mark belongs to the line above (the extractor puts a mark
    drawn off the baseline, as in ปุ๋ย, on a line of its own)."""
    # where the words allow a break (a text squeezed into a column narrower than a word is hinted inside it too:
    # that is a cut word all the same)
    whole = set().union(*(_aligned_runs(breakable(text.replace(BREAK_HINT, '')) if BREAK_HINT in text else text)
                          for text in set(drawn)))
    lines: list[str] = []
    for line in text.replace('\f', '\n').splitlines():
        if lines and line[:1] and unicodedata.category(line[0]) == 'Mn':
            # the marks (each maybe a piece of its own) and the rest of their word go back to the line above; the
            # row's other cells on that line stay apart
            pieces = line.split(' ')
            while len(pieces) > 1 and all(unicodedata.category(c) == 'Mn' for c in pieces[0]):
                pieces[:2] = [pieces[0] + pieces[1]]
            lines[-1] += ' '.join(pieces)
        else:
            lines.append(line)
    return [piece for line in lines for piece in line.split() if piece not in whole]


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Every text the papers hand to fpdf2 (it silently drops a character the font lacks, so the PDF cannot tell)."""
    from fpdf import FPDF
    texts: list[str] = []
    original = FPDF.normalize_text

    def normalize_text(self, text: str) -> str:
        texts.append(text)
        return original(self, text)

    monkeypatch.setattr(FPDF, 'normalize_text', normalize_text)
    return texts


def pdf_text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    return subprocess.run(['pdftotext', '-raw', str(path), '-'], capture_output=True, check=True, text=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(['pdfinfo', str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))


def _read_back(name: str, make: Callable[[], bytes], drawn: list[str], path: Path) -> str:
    """Make the paper, picture its first page, and check what every paper must be: no invisible characters, no
    word cut across lines, every character in the bundled font, the LAO named. Returns its text layer."""
    text = pdf_text(make(), path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(['pdftoppm', '-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', str(path),
                    str(ARTIFACTS / re.sub(r'[^\w.-]+', '-', name))], check=True)
    assert not INVISIBLE & set(text), f'{name}: invisible characters in the text layer'
    assert cut_words(text, drawn) == [], f'{name}: words cut across lines'
    missing = {char for t in drawn for char in t if ord(char) not in font_characters()} - {'\n', BREAK_HINT}
    assert not missing, f'{name}: the bundled font cannot draw {sorted(missing)}'
    assert LAO in re.sub(r'\s', '', text), f'{name}: the LAO is not named'
    return text


@pytest.mark.parametrize('name, make', FORMS, ids=[name for name, _ in FORMS])
def test_every_official_form_reads_as_typed(name: str, make: Callable[[], bytes], drawn: list[str],
                                            tmp_path) -> None:
    _read_back(name, make, drawn, tmp_path / 'form.pdf')


@pytest.mark.parametrize('name, make', PAPERS, ids=[name for name, _ in PAPERS])
def test_every_paper_reads_as_typed(name: str, make: Callable[[], bytes], drawn: list[str], tmp_path) -> None:
    path = tmp_path / 'paper.pdf'
    text = _read_back(name, make, drawn, path)
    flat = re.sub(r'\s', '', text)
    pages = page_count(path)
    assert LAO in flat and 'พิมพ์เมื่อ' in flat and f'หน้า1/{pages}' in flat, name
    assert pages <= PAGE_BUDGETS.get(name, pages), f'{name}: {pages} pages'
    if name.startswith('report '):  # the signatures its form asks for, with the seats' holders' names
        report = REPORTS[name.removeprefix('report ')]
        signers = signatures(report, principal('admin').org_id)
        assert len(signers) == len(report.signers), name
        for role, signer in signers:
            assert f'{role}({signer.name})'.replace(' ', '') in re.sub(r'[\s.]', '', text), (name, role)


def test_the_check_finds_a_cut_word() -> None:
    """The check itself: a word cut across lines is found, a wrap where the text may break is not."""
    drawn = [breakable('เหตุผลความจำเป็นของโครงการ'), breakable('วันที่ 01/10/2569'), breakable('รวม 5 ปี งบประมาณ'),
             breakable('โครงการอบรมการผลิตปุ๋ยอินทรีย์')]
    assert cut_words('เหตุผลความจำเป็\nนของโครงการ', drawn) == ['เหตุผลความจำเป็', 'นของโครงการ']
    assert cut_words('วันที่ 01/10/2\n569', drawn) == ['01/10/2', '569']
    assert cut_words('เหตุผลความจำเป็น\nของโครงการ\nรวม 5 ปี\nงบประมาณ', drawn) == []
    assert cut_words('โครงการอบรมการผลิตป\nุ ๋ยอินทรีย์', drawn) == []
    assert cut_words('โครงการอบรมการผลิตป\nุ๋ยอินทรีย์ 0.00 458.28', [*drawn, '0.00', '458.28']) == []
    assert cut_words('โครงการอบรมการผลิตป\nุ๋ยอินท 0.00', [*drawn, '0.00']) == ['โครงการอบรมการผลิตปุ๋ยอินท']
