"""Value mapping of lookup columns: a spreadsheet's names matched to the options by code, name, "code name", loose
spelling, a former name or the officer's saved choice; anything else refused once, with the closest names."""

from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlmodel import select, update

from apps.elaas.resources import BUDGET_LINES
from core import db, resource
from core.errors import ValidationFailed
from core.lookups import Lookup, former_names, loose
from helpers import principal
from models.finance import Budget, BudgetLine

PROGRAMS = {'00120': '00120 แผนงานการรักษาความสงบภายใน', '00260': '00260 แผนงานการศาสนาวัฒนธรรมและนันทนาการ',
            '00210': '00210 แผนงานการศึกษา'}
DIVISIONS = {1: 'สำนักปลัด', 3: 'กองคลัง', 4: 'กองช่าง', 5: 'กองการศึกษา ศาสนาและวัฒนธรรม'}
DIVISION_CODES = {1: 'PALAD', 3: 'FIN', 4: 'ENG', 5: 'EDU'}


@pytest.mark.parametrize('written, key, rule', [
    ('00120', '00120', 'key'),
    ('120', '00120', 'code'),  # the code a spreadsheet stored as a number
    ('00120 แผนงานการรักษาความสงบภายใน', '00120', 'name'),
    ('00120. แผนงานการรักษาความสงบภายใน ', '00120', 'code_name'),
    ('๐๐๒๑๐ แผนงานการศึกษา', '00210', 'code_name'),
    ('แผนงานการศึกษา', '00210', 'name'),  # the name alone, as shown after its code
    ('การศาสนา วัฒนธรรม และนันทนาการ', '00260', 'loose'),  # spaces, no "แผนงาน" as plan files write it
    ('แผนงานรักษาความสงบภายใน', '00120', 'former'),  # the older name in a real budget ordinance
])
def test_a_program_is_found_however_the_file_writes_it(written: str, key: str, rule: str) -> None:
    match = Lookup(PROGRAMS).find(written)
    assert (match.key, match.rule) == (key, rule)


def test_a_former_name_says_where_it_comes_from() -> None:
    assert all(f.source and f.current for f in former_names())
    match = Lookup(PROGRAMS).find('แผนงานรักษาความสงบภายใน')
    assert 'แผนงานรักษาความสงบภายใน' in match.note and 'แผนงานการรักษาความสงบภายใน' in match.note


@pytest.mark.parametrize('written, key, rule', [
    ('กองคลัง', 3, 'name'), ('FIN', 3, 'code'), ('ENG กองช่าง', 4, 'code_name'),
    ('กองการศึกษาศาสนาและวัฒนธรรม', 5, 'loose'), ('กองการศึกษา, ศาสนา และวัฒนธรรม', 5, 'loose'),
])
def test_a_division_is_found_by_name_code_or_loose_spelling(written: str, key: int, rule: str) -> None:
    match = Lookup(DIVISIONS, DIVISION_CODES).find(written)
    assert (match.key, match.rule) == (key, rule)


def test_an_unknown_name_is_refused_once_with_the_closest_names() -> None:
    lookup = Lookup(DIVISIONS, DIVISION_CODES)
    assert lookup.find('สำนักช่าง') is None
    assert lookup.refusal('หน่วยงานเจ้าของงบ', 'สำนักช่าง') == \
        'หน่วยงานเจ้าของงบ: ไม่พบ "สำนักช่าง" ในรายการ (ใกล้เคียง: "กองช่าง", "สำนักปลัด")'


def test_a_loose_spelling_shared_by_two_options_is_never_guessed() -> None:
    lookup = Lookup({1: 'กองช่าง', 2: 'กอง ช่าง'})
    assert lookup.find('กองช่าง').key == 1  # exact still wins
    assert lookup.find('กอง-ช่าง') is None


def test_a_saved_choice_wins_over_the_rules() -> None:
    lookup = Lookup(DIVISIONS, DIVISION_CODES, saved={loose('สำนักช่าง'): '4'})
    match = lookup.find('สำนัก ช่าง')
    assert (match.key, match.rule) == (4, 'saved')


def budget_sheet(rows: list[dict]) -> bytes:
    labels = [f.label for f in BUDGET_LINES.form_fields(creating=True)]
    book = Workbook()
    book.active.append(labels)
    for row in rows:
        book.active.append([row.get(label) for label in labels])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def line(**cells) -> dict:
    return {'ปีงบประมาณ': 2570, 'งาน': 'งานบริหารงานคลัง', 'ประเภทรายจ่าย': 'วัสดุสำนักงาน',
            'รายการ/โครงการ': 'ค่าวัสดุสำนักงาน กองคลัง', 'หน่วยงานเจ้าของงบ': 'กองคลัง', 'แหล่งเงิน': 'เงินงบประมาณ',
            'งบประมาณอนุมัติ': 50_000, **cells}


def test_a_budget_given_by_names_imports_and_a_refused_division_is_mapped_once_for_next_time() -> None:
    with db.session_scope(write=True) as session:
        session.exec(update(Budget).values(status='draft'))
    planner = principal('planner')
    content = budget_sheet([line(), line(**{'รายการ/โครงการ': 'ค่าวัสดุก่อสร้าง', 'ประเภทรายจ่าย': 'วัสดุก่อสร้าง',
                                            'งาน': '00312 งานก่อสร้างโครงสร้างพื้นฐาน', 'หน่วยงานเจ้าของงบ': 'สำนักช่าง'})])
    preview = resource.import_xlsx(BUDGET_LINES, planner, content)
    assert preview.counts == {'new': 1, 'changed': 0, 'unchanged': 0, 'refused': 1}
    assert preview.invalid[0].errors == [
        'หน่วยงานเจ้าของงบ: ไม่พบ "สำนักช่าง" ในรายการ (ใกล้เคียง: "กองช่าง", "สำนักปลัด")']  # one message, not two
    assert preview.unmatched == {'division_id': {'สำนักช่าง': ['กองช่าง', 'สำนักปลัด']}}
    assert preview.matched['fund_source_id']['เงินงบประมาณ'].rule == 'loose'
    division = next(k for k, v in preview.options['division_id'].items() if v == 'กองช่าง')
    resource.remember_choices(BUDGET_LINES, planner, 'division_id', {'สำนักช่าง': division})
    report = resource.import_xlsx(BUDGET_LINES, planner, content, commit=True)
    assert report.counts['new'] == 2 and report.imported == 2
    assert report.matched['division_id']['สำนักช่าง'].rule == 'saved'
    with db.session_scope() as session:
        stored = session.exec(select(BudgetLine).where(BudgetLine.item == 'ค่าวัสดุก่อสร้าง')).one()
    assert (stored.division_id, stored.work_code, stored.program_code) == (division, '00312', '00310')


def test_a_choice_outside_the_options_is_refused() -> None:
    with pytest.raises(ValidationFailed, match='กรุณาเลือกจากรายการ'):
        resource.remember_choices(BUDGET_LINES, principal('planner'), 'division_id', {'สำนักช่าง': 999})


NODES = {7: 'ยุทธศาสตร์ 1 การพัฒนาโครงสร้างพื้นฐาน', 8: 'กลยุทธ์ 1.2 ก่อสร้างถนน', 9: 'ยุทธศาสตร์ 6 การบริหารจัดการ',
         12: 'กลยุทธ์ 6.1 บุคลากร'}
NODE_CODES = {7: '1', 8: '1.2', 9: '6', 12: '6.1'}


@pytest.mark.parametrize('written, key', [('1.2', 8), (1.2, 8), ('6.', 9), ('๖.๑', 12), ('6', 9)])
def test_a_tactic_written_as_its_bare_code_is_found_by_the_code(written, key: int) -> None:
    assert Lookup(NODES, NODE_CODES).find(written).key == key


def test_a_record_is_never_matched_by_its_id_nor_by_a_code_two_records_share() -> None:
    assert Lookup(NODES, NODE_CODES).find('12') is None  # 12 is a record id, not a code anyone writes
    assert Lookup({1: 'กลยุทธ์ 1.1 (แผนเดิม)', 2: 'กลยุทธ์ 1.1 (แผนใหม่)'}, {1: '1.1', 2: '1.1'}).find('1.1') is None


def test_a_dated_former_name_shows_its_date_in_the_buddhist_era_and_a_bare_name_is_an_exact_match() -> None:
    works = {'00123': '00123 งานป้องกันและบรรเทาสาธารณภัย', '00113': '00113 งานบริหารงานคลัง'}
    former = Lookup(works).find('งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย')
    assert (former.key, former.rule) == ('00123', 'former') and 'ใช้ถึง 30 ก.ย. 2566' in former.note
    exact = Lookup(works).find('งานบริหารงานคลัง')
    assert (exact.key, exact.rule) == ('00113', 'name')
    assert all(f.until == '' or f.until < '2100' for f in former_names())  # ISO dates of the common era
