"""Rebuild the account names of chart_of_accounts.csv from DLA's official PDF (ผังบัญชีมาตรฐาน e-LAAS).

Run once by hand when the PDF changes (needs poppler's pdftotext):

    python assets/elaas/tools/chart_from_pdf.py /work/shared/data/elaas-chart-of-accounts/<pdf> assets/elaas/

Each row of the PDF's table is a code in the first column and a name that wraps over lines inside its cell; the
words are read with their positions (`pdftotext -bbox-layout`), so a wrapped name is joined whole. The PDF's text
layer splits some words where a vowel or tone mark sits (อื น่ for อื่น): such a split is mended when the mended
word is in pythainlp's word list. Codes and the other columns are kept; names that still hold a word outside the
word list are printed for a person to check.
"""

import csv
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize

XHTML = '{http://www.w3.org/1999/xhtml}'
CODE = re.compile(r'^\d{10}\.\d{3}$')
CODE_COLUMN_END = 100  # the code column's right edge (points); the name column runs to the description's
DESCRIPTION_X = 355  # the description column (หมายถึง …) starts at 360 points on every page
THAI = re.compile(r'[\u0e01-\u0e4f]')
MARKS = '\u0e31\u0e34-\u0e3a\u0e47-\u0e4e'  # vowels above/below and tone marks: they sit on the consonant before
SPLIT_MARK = re.compile(rf'([ก-ฮ][{MARKS}]*) ([ก-ฮ])([{MARKS}]+)( (?=[ก-ฮเ-ไ]))?')
ALLOWED = {'ๆ', 'ฯ', 'ณ'}  # not words on their own in the word list, but right where they stand
ABBREVIATION = re.compile(r'(?:[ก-ฮ]{1,4}\.)+')  # ก.บ.ท., กสจ., พ.ร.บ.: not words either


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as (x0, y0, x1, text), below the table's header row, without page numbers."""
    out = subprocess.run(['pdftotext', '-bbox-layout', str(pdf), '-'], check=True, capture_output=True, text=True)
    root = ElementTree.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', out.stdout))
    pages = []
    for page in root.iter(f'{XHTML}page'):
        words = [(float(w.get('xMin')), float(w.get('yMin')), float(w.get('xMax')), w.text or '')
                 for w in page.iter(f'{XHTML}word')]
        header = next((w[1] for w in words if w[3] == 'รหัสบัญชี'), -1.0)
        pages.append([w for w in words if w[1] > header + 1 and not re.match(r'^-\d+-$', w[3])])
    return pages


def raw_names(pdf: Path) -> dict[str, str]:
    """Code → the name as the PDF's text layer holds it, its wrapped lines joined."""
    names = {}
    for words in pdf_words(pdf):
        codes = sorted((w for w in words if CODE.match(w[3]) and w[0] < CODE_COLUMN_END), key=lambda w: w[1])
        for n, code in enumerate(codes):
            top, bottom = code[1] - 2, (codes[n + 1][1] - 2 if n + 1 < len(codes) else float('inf'))
            cell = sorted((w for w in words if top <= w[1] < bottom and code[2] < w[0] < DESCRIPTION_X),
                          key=lambda w: (w[1], w[0]))
            lines: list[list[tuple]] = []
            for word in cell:
                if lines and abs(lines[-1][0][1] - word[1]) < 4:
                    lines[-1].append(word)
                else:
                    lines.append([word])
            names[code[3]] = join_lines([' '.join(w[3] for w in sorted(line)) for line in lines])
    return names


def join_lines(lines: list[str]) -> str:
    """A name wrapped inside its cell: Thai runs on without a space; a space where either side is not Thai."""
    out = ''
    for line in lines:
        if out and (not THAI.match(out[-1]) or out[-1] in 'ฯๆ' or not THAI.match(line[0])):
            out += ' '
        out += line
    return out


def unknown_words(name: str, words: frozenset[str]) -> list[str]:
    """The Thai tokens of a name that are not in the word list."""
    return [t for t in word_tokenize(ABBREVIATION.sub(' ', name), engine='newmm', keep_whitespace=False)
            if THAI.search(t) and t not in words and t not in ALLOWED]


def mend(name: str, words: frozenset[str]) -> str:
    """The PDF's text layer as a person reads the printed name: composed sara am, marks back on their consonant
    across a split word (only where that leaves fewer unknown words), tidy spaces around - ( ) / and ."""
    name = normalize(name)
    while True:
        for match in SPLIT_MARK.finditer(name):
            mended = name[:match.start()] + match[1] + match[3] + match[2] + name[match.end():]
            if len(''.join(unknown_words(mended, words))) < len(''.join(unknown_words(name, words))):
                name = mended
                break
        else:
            break
    name = re.sub(r'(?<=\S) -(?=\S)|(?<=\S)- (?=\S)', '-', name)  # a dash spaced on one side only: none
    name = re.sub(r' +(?=[).])|(?<=\() +| +(?=/)|(?<=/) +', '', name)
    return re.sub(r' {2,}', ' ', name).strip()


def main(pdf: str, folder: str) -> None:
    words = frozenset(thai_words())
    names = {code: mend(name, words) for code, name in raw_names(Path(pdf)).items()}
    path = Path(folder) / 'chart_of_accounts.csv'
    with path.open(encoding='utf-8') as handle:
        rows = list(csv.DictReader(handle))
    missing = [r['account_code'] for r in rows if r['account_code'] not in names]
    if missing:
        sys.exit(f'codes not found in the PDF: {missing}')
    for row in rows:
        row['account_name'] = names[row['account_code']]
    with path.open('w', encoding='utf-8', newline='') as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator='\n')
        writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        if unknown := unknown_words(row['account_name'], words):
            print(row['account_code'], row['account_name'], '— not in the word list:', ' '.join(unknown))


if __name__ == '__main__':
    main(*sys.argv[1:3])
