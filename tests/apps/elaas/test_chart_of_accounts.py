"""The starter chart of accounts reads as DLA's published chart: whole names, spelled right, one name per sibling."""

import csv
import importlib.util
import re
from collections import Counter

import pytest
from pythainlp.corpus import thai_words

from core.settings import asset

TOOL = asset('elaas', 'tools', 'chart_from_pdf.py')
MARK = '\u0e31\u0e34-\u0e3a\u0e47'  # vowels above and below the consonant
TONE = '\u0e48-\u0e4c'  # tone marks, thanthakhat
MISPLACED = re.compile(
    rf'(^|[^ก-ฮ])[{MARK}]'  # a vowel mark not on a consonant
    rf'|(^|[^ก-ฮ{MARK}])[{TONE}]'  # a tone mark not on a consonant or its vowel
    rf'|[{TONE}][{MARK}]'  # the tone before the vowel
    rf'|[{TONE}]{{2}}|[{MARK}]{{2}}'  # two tones, two vowels on one consonant
    rf'|(^|[^ก-ฮา{MARK}{TONE}])[ะาำ]'  # a following vowel after a space or a leading vowel
    r'|[\u0e31\u0e37\u0e47](?![\u0e48-\u0e4b]?[ก-ฮ])'  # mai han akat, sara ue, mai taikhu: a consonant must follow
    r'|\u0e4d\u0e32'  # sara am in two pieces (nikhahit + sara aa)
)
# read off the official PDF (ผังบัญชีมาตรฐาน e-LAAS): names that wrap over lines, lost marks, a truncated twin
FROM_PDF = {
    '1101020500.000': 'เงินฝากคลังและหน่วยงานภาครัฐอื่น',
    '1101030102.001': 'เงินฝากออมทรัพย์ที่สถาบันการเงิน',
    '1102050123.009': 'ค่าเผื่อหนี้สงสัยจะสูญ - ลูกหนี้ค่ารักษาพยาบาลสิทธิเบิกตรงต้นสังกัดกรมบัญชีกลาง',
    '1104000000.000': 'เงินลงทุนระยะสั้น',
    '2102040103.001': 'ภาษีหัก ณ ที่จ่ายรอนำส่ง - ภาษีเงินได้บุคคลธรรมดา',
    '2102040104.001': 'ภาษีหัก ณ ที่จ่ายรอนำส่ง - ภาษีเงินได้บุคคลธรรมดา ภ.ง.ด.1',
    '2111020199.008': 'เงินรับฝากค่าใช้จ่ายในการจัดเก็บภาษีบำรุงท้องที่ 5%',
    '4404040000.000': 'รายได้ของโรงพยาบาล และหน่วยบริการสาธารณสุข',
    '5104010000.000': 'ค่าใช้สอย และค่าวัสดุ',
    '5204010103.001': 'ขาดทุนที่ยังไม่เกิดขึ้นของเงินลงทุนอื่น',
}


@pytest.fixture(scope='module')
def rows() -> list[dict[str, str]]:
    with asset('elaas', 'chart_of_accounts.csv').open(encoding='utf-8') as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope='module')
def tool():
    spec = importlib.util.spec_from_file_location('chart_from_pdf', TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_vowel_or_tone_mark_out_of_place(rows):
    assert [(r['account_code'], r['account_name']) for r in rows if MISPLACED.search(r['account_name'])] == []


def test_the_sequence_check_catches_the_old_extractions_errors():
    for broken in ('เงินฝากคลังและหน่วยงานภาครัฐอื น่', 'บรกิ าร', 'กําหนด', 'ค่าใช้่จาย'):
        assert MISPLACED.search(broken), broken


def test_every_word_is_spelled_as_in_the_word_list(rows, tool):
    words = frozenset(thai_words())
    unknown = {r['account_code']: tool.unknown_words(r['account_name'], words) for r in rows}
    assert {code: found for code, found in unknown.items() if found} == {}
    assert tool.unknown_words('เงนิ สดอนื่', words)  # the check sees a misplaced vowel inside a word


def test_names_are_whole(rows, tool):
    words = frozenset(thai_words())
    cut = [r['account_code'] for r in rows if r['account_name'].endswith(('-', '–', '(', ' ')) or not r['account_name']]
    assert cut == []
    assert tool.unknown_words('เงินรับฝากค่าใช้จ่ายในการจัดเก็บภาษีบำ', words)  # a name cut mid-word is seen


def test_no_two_accounts_under_one_parent_share_a_name(rows):
    twins = [key for key, n in Counter((r['parent_code'], r['account_name']) for r in rows).items() if n > 1]
    assert twins == []


def test_codes_are_kept_and_a_sample_equals_the_pdf(rows):
    assert len(rows) == 1018 and len({r['account_code'] for r in rows}) == 1018
    by_code = {r['account_code']: r['account_name'] for r in rows}
    assert {code: by_code[code] for code in FROM_PDF} == FROM_PDF


def test_wrapped_lines_join_as_printed(tool):
    assert tool.join_lines(['เงินฝากออมทรัพย์ที่สถาบัน', 'การเงิน']) == 'เงินฝากออมทรัพย์ที่สถาบันการเงิน'
    assert tool.join_lines(['ค่าเผื่อหนี้สงสัยจะสูญ -', 'ลูกหนี้อื่น']) == 'ค่าเผื่อหนี้สงสัยจะสูญ - ลูกหนี้อื่น'
    words = frozenset(thai_words())
    assert tool.mend('เงินฝากคลังและหน่วยงานภาครัฐอื น่', words) == 'เงินฝากคลังและหน่วยงานภาครัฐอื่น'
    assert tool.mend('ขาดทุนที่ยังไม่เกิดขึ น้ ของเงินลงทุนอื่น', words) == 'ขาดทุนที่ยังไม่เกิดขึ้นของเงินลงทุนอื่น'
