"""Bad input never reaches a traceback: for every field kind of the kit, whatever is typed in the form or found in
a spreadsheet cell ends in a stored value (read back equal) or a Thai message naming the field — never another
exception. Through the real paths: `resource.create` (form) and `resource.import_xlsx` (a generated workbook), on
the villages register and on a probe register over the vouchers table that has one field of every kind."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlmodel import func, select

from apps.admin.resources import USERS
from apps.info.resources import VILLAGES
from core import db, resource
from core.errors import Refusal
from core.resource import REGISTRY, FormField, Ref, Resource, Shared
from core.thai import is_valid_citizen_id, to_thai_digits
from helpers import principal
from models.codes import FundSource
from models.finance import Voucher
from models.info import Village
from models.org import User as Account

THAI = re.compile('[\u0e00-\u0e7f]')
STATUSES = {'prepared': 'จัดทำฎีกา', 'paid': 'จ่ายเงินแล้ว'}

PROBE = Resource(
    app='probe', key='every-kind', model=Voucher, title='ทดสอบ', title_plural='ทดสอบทุกชนิดช่อง', label='payee',
    fields=[
        FormField('payee', 'ผู้รับเงิน', required=True),
        FormField('description', 'รายละเอียด', 'textarea', required=True),
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', thousands=False),
        FormField('gross', 'ยอดเงิน', 'money', min=0),
        FormField('voucher_date', 'วันที่', 'date', required=True),
        FormField('status', 'สถานะ', 'select', choices=STATUSES, default='prepared'),
        FormField('fund_source_id', 'แหล่งเงิน', 'ref', required=True, ref=Ref(FundSource)),
        FormField('payee_tax_id', 'เลขประจำตัวผู้เสียภาษี', 'citizen_id'),
        FormField('withhold', 'หักภาษี ณ ที่จ่าย', 'bool'),
    ],
    columns=['payee', 'gross'], view='elaas.voucher.view', edit='elaas.voucher.prepare', rules=Shared(),
)
REGISTRY.pop(PROBE.ident)  # a test register: known to this module only, never to the menu or the pages
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def with_check_digit(twelve: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(twelve))
    return twelve + str((11 - total % 11) % 10)


# --- what people type ------------------------------------------------------------------------------------------

ANY_TEXT = st.text(max_size=40)
MONEY_TEXT = st.one_of(
    st.sampled_from(['999,999,999,999.99', '1,000,000,000,000', '100000000000000000000', '9' * 400, '1e400', '1e5',
                     'NaN', 'nan', 'Infinity', '-Infinity', '๑๒๓', '๑,๒๓๔.๕๐', ' 1 234 ', '1,234.50', '-5', '0.001',
                     '12.345', '.5', '5.', '+3', '1_000', '١٢٣', '²', '0', '-0.00', '  ', '1.2.3', '12 บาท']),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=-10 ** 15, max_value=10 ** 15, places=2).map(lambda d: f'{d:,}'),
    st.floats().map(repr), st.integers(min_value=-10 ** 30, max_value=10 ** 30).map(str),
    st.decimals(min_value=0, max_value=10 ** 13, places=2).map(lambda d: to_thai_digits(f'{d:,}')), ANY_TEXT)
INT_TEXT = st.one_of(
    st.integers(min_value=-100, max_value=3000).map(str), st.integers(min_value=-2 ** 70, max_value=2 ** 70).map(str),
    st.integers(min_value=-2 ** 70, max_value=2 ** 70).map(lambda n: f'{n:,}'),
    st.integers(min_value=0, max_value=10 ** 6).map(lambda n: to_thai_digits(str(n))),
    st.sampled_from(['1e5', '2569.0', '2569.5', '--5', '+7', '١٢٣', '²', '9' * 5000, '0x10', ' 12 ', 'ห้า']), ANY_TEXT)
MONTHS = ['ม.ค.', 'มกราคม', 'ก.พ.', 'กุมภาพันธ์', 'มีค', 'ธันวาคม', 'Jan', 'เดือน']
DATE_TEXT = st.one_of(
    st.builds(lambda d, m, y, sep: f'{d}{sep}{m}{sep}{y}', st.integers(0, 32), st.integers(0, 13),
              st.integers(0, 10_000), st.sampled_from(['/', '-', '.', ' / '])),
    st.builds(lambda d, m, y: f'{d} {m} {y}', st.integers(0, 32), st.sampled_from(MONTHS), st.integers(0, 10_000)),
    st.dates().map(lambda d: f'{d.day}/{d.month}/{d.year}'),  # CE years typed where BE is asked
    st.dates(min_value=date(1900, 1, 1), max_value=date(7000, 1, 1)).map(
        lambda d: to_thai_digits(f'{d.day}/{d.month}/{d.year + 543}')),
    st.sampled_from(['29/02/2569', '29/02/2567', '29/2/2568', '31/04/2569', '0/0/0', '1/1/0000', '5/1/2026',
                     '5 ม.ค. 2569', '32/13/2569', '1/1/99999', '2569-01-05']), ANY_TEXT)
CITIZEN_TEXT = st.one_of(
    st.from_regex(r'[0-9]{12}', fullmatch=True).map(with_check_digit),
    st.from_regex(r'[0-9]{12}', fullmatch=True).map(lambda s: to_thai_digits(with_check_digit(s))),
    st.from_regex(r'[0-9]{12}', fullmatch=True).map(
        lambda s: (lambda d: f'{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}')(with_check_digit(s))),
    st.from_regex(r'[0-9]{13}', fullmatch=True), st.from_regex(r'[0-9 -]{0,20}', fullmatch=True), ANY_TEXT)
TEXT = st.one_of(st.text(max_size=1200), st.text(alphabet=st.characters(codec='utf-8'), min_size=290, max_size=320),
                 st.sampled_from(['\x00', 'a\x00b', 'ก\x1fข', 'บรรทัด\nใหม่', '\t', 'x' * 1001, 'ก' * 300]))
NAME = st.one_of(st.text(alphabet=st.characters(min_codepoint=0x0e01, max_codepoint=0x0e4c), min_size=1, max_size=30),
                 TEXT)
BOOL_TEXT = st.one_of(ANY_TEXT, st.sampled_from(['1', 'true', 'ใช่', 'x', '✓', '0', 'no']))


def kind_text(f: FormField, choices: dict) -> st.SearchStrategy:
    """Typed input for a field (what a browser sends: text, or the option's value for a select)."""
    if f.kind in ('select', 'ref'):
        options = list(choices.get(f.name, {}).items())
        return st.one_of(st.sampled_from([k for k, _ in options] + [str(k) for k, _ in options]
                                         + [v for _, v in options]),
                         st.integers(-10, 10 ** 12), ANY_TEXT)
    return {'money': MONEY_TEXT, 'int': INT_TEXT, 'date': DATE_TEXT, 'citizen_id': CITIZEN_TEXT, 'bool': BOOL_TEXT,
            'text': TEXT, 'textarea': TEXT}[f.kind]


def cell_value(f: FormField, choices: dict) -> st.SearchStrategy:
    """What a spreadsheet cell holds: numbers of any size, dates, booleans, or the text a person typed."""
    numbers = st.one_of(st.integers(min_value=-10 ** 30, max_value=10 ** 30),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.decimals(min_value=-10 ** 14, max_value=10 ** 14, places=2).map(float))
    moments = st.one_of(st.dates(min_value=date(1900, 3, 1)),
                        st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)))
    return st.one_of(kind_text(f, choices).map(lambda v: v if isinstance(v, str | int) else str(v)),
                     numbers, moments, st.booleans())


# --- the outcome a user can live with ---------------------------------------------------------------------------

def event(what: str) -> None:
    """Count outcomes in hypothesis's statistics (--hypothesis-show-statistics) when inside a generated test."""
    if currently_in_test_context():
        hypothesis_event(what)


def named_in_thai(owner: Resource, messages) -> None:
    labels = [f.label for f in owner.fields] + ['ไฟล์']
    for message in messages:
        assert THAI.search(message), message
        assert any(message.startswith(f'{label}:') for label in labels), message


def settles(owner: Resource, actor, values: dict) -> tuple[int | None, dict | None]:
    """Create through the form path: (record id, the cleaned values) or (None, None) after a Thai refusal. Any
    other exception fails the test."""
    try:
        clean = resource.validate(owner, actor, values)
        record_id = resource.create(owner, actor, values)
    except Refusal as refusal:
        named_in_thai(owner, refusal.errors.values() or [refusal.message])
        event(f'refused: {", ".join(sorted(refusal.errors))}')
        return None, None
    event('stored')
    return record_id, clean


def stored_equal(owner: Resource, record_id: int, clean: dict) -> None:
    with db.session_scope() as session:
        record = session.get(owner.model, record_id)
    for name, value in clean.items():
        if owner.field(name).on_create_only:
            continue
        if value is None:  # left blank: the column's default
            default = owner.model.__table__.columns[name].default
            value = default.arg if default is not None and not callable(default.arg) else None
        assert getattr(record, name) == value, (name, getattr(record, name), value)
        if isinstance(value, Decimal):
            assert getattr(record, name).as_tuple().exponent == -2


def probe_values(actor) -> dict[str, Any]:
    return {'payee': 'ร้านทดสอบ', 'description': 'ทดสอบ', 'fiscal_year': '2569', 'gross': '1,234.50',
            'voucher_date': '5/1/2569', 'status': 'prepared', 'fund_source_id': str(fund_of(actor)),
            'payee_tax_id': with_check_digit('010553600001'), 'withhold': 'ใช่'}


def fund_of(actor) -> int:
    with db.session_scope() as session:
        return session.exec(select(FundSource.id).where(FundSource.org_id == actor.org_id)).first()


# --- the form path ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('name', [f.name for f in PROBE.fields])
@FAST
@given(data=st.data())
def test_every_kind_through_the_form_ends_in_a_value_or_a_thai_message(name: str, data) -> None:
    actor = principal('accountant')
    choices = resource.choices_for(PROBE, actor)
    values = probe_values(actor)
    values[name] = data.draw(kind_text(PROBE.field(name), choices), label=name)
    record_id, clean = settles(PROBE, actor, values)
    if record_id is not None:
        stored_equal(PROBE, record_id, clean)


def test_the_probe_register_stores_a_sound_record() -> None:
    """The fixed values the form tests vary one field at a time are themselves accepted (so a test can fail)."""
    actor = principal('accountant')
    record_id, clean = settles(PROBE, actor, probe_values(actor))
    assert record_id is not None
    assert clean['gross'] == Decimal('1234.50') and clean['voucher_date'] == date(2026, 1, 5)
    assert clean['withhold'] is True and is_valid_citizen_id(clean['payee_tax_id'])


@pytest.mark.parametrize(('name', 'typed', 'message'), [
    ('gross', '1,000,000,000,000.00', 'ยอดเงิน: ต้องไม่เกิน 999,999,999,999.99 บาท'),
    ('gross', '9' * 400, 'ยอดเงิน: ต้องไม่เกิน 999,999,999,999.99 บาท'),
    ('gross', '1e400', 'ยอดเงิน: จำนวนเงินไม่ถูกต้อง'),
    ('gross', 'NaN', 'ยอดเงิน: จำนวนเงินไม่ถูกต้อง'),
    ('gross', '1.005', 'ยอดเงิน: มีทศนิยมได้ไม่เกิน 2 ตำแหน่ง'),
    ('gross', '-1', 'ยอดเงิน: ต้องไม่น้อยกว่า 0'),
    ('fiscal_year', str(2 ** 64), 'ปีงบประมาณ: ต้องไม่เกิน 2,147,483,647'),
    ('fiscal_year', '9' * 5000, 'ปีงบประมาณ: ต้องไม่เกิน 2,147,483,647'),
    ('voucher_date', '29/02/2569', 'วันที่: วันที่ไม่ถูกต้อง: 29/02/2569 (ไม่มีวันนี้ในปฏิทิน)'),
    ('voucher_date', '5/1/2026', 'วันที่: ปี 2026 ไม่ใช่ปีพุทธศักราช'),
    ('voucher_date', '1/1/0000', 'วันที่: ปี 0 ไม่ใช่ปีพุทธศักราช'),
    ('payee_tax_id', '1234567890123', 'เลขประจำตัวผู้เสียภาษี: เลขไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)'),
    ('payee_tax_id', '12345', 'เลขประจำตัวผู้เสียภาษี: ต้องเป็นตัวเลข 13 หลัก'),
    ('payee', 'a\x00b', 'ผู้รับเงิน: มีอักขระที่ใช้ไม่ได้ (รหัส U+0000)'),
    ('description', 'x' * 1001, 'รายละเอียด: ยาวเกิน 1,000 ตัวอักษร'),
    ('status', 'approved', 'สถานะ: ไม่มีในรายการให้เลือก'),
])
def test_the_messages_say_what_is_wrong(name: str, typed: str, message: str) -> None:
    actor = principal('accountant')
    with pytest.raises(Refusal) as refused:
        resource.create(PROBE, actor, {**probe_values(actor), name: typed})
    assert refused.value.errors[name].startswith(message), refused.value.errors


def test_a_29_february_of_a_leap_be_year_is_stored() -> None:
    actor = principal('accountant')
    record_id, clean = settles(PROBE, actor, {**probe_values(actor), 'voucher_date': '๒๙/๐๒/๒๕๖๗'})
    assert clean['voucher_date'] == date(2024, 2, 29)
    stored_equal(PROBE, record_id, clean)


@FAST
@given(number=st.one_of(st.integers(1, 99).map(str), st.integers(1, 99).map(lambda n: to_thai_digits(f'{n}')),
                        INT_TEXT),
       households=st.one_of(st.integers(0, 100_000).map(lambda n: f'{n:,}'), INT_TEXT), name=NAME)
def test_villages_through_the_form(number: str, households: str, name: str) -> None:
    actor = principal('planner')
    record_id, clean = settles(VILLAGES, actor, {'number': number, 'name': name, 'households': households})
    if record_id is not None:
        stored_equal(VILLAGES, record_id, clean)
        assert 1 <= clean['number'] <= 99 and 0 <= clean['households'] <= 100_000


# --- the Excel import path --------------------------------------------------------------------------------------

def workbook(owner: Resource, rows: list[dict[str, Any]]) -> bytes:
    sheet_book = Workbook()
    sheet = sheet_book.active
    labels = [f.label for f in owner.fields if not f.display_only]
    sheet.append(labels)
    by_label = {f.label: f.name for f in owner.fields}
    for row in rows:
        cells = []
        for label in labels:
            value = row.get(by_label[label])
            if isinstance(value, str):  # a character no workbook can hold never arrives from one
                value = ILLEGAL_CHARACTERS_RE.sub('', value)
            cells.append(value)
        sheet.append(cells)
    out = BytesIO()
    sheet_book.save(out)
    return out.getvalue()


def imports_settle(owner: Resource, actor, rows: list[dict[str, Any]]) -> None:
    """Import with commit: every row is imported (and stored as cleaned) or reported with Thai messages naming its
    fields; the number imported is the number of rows stored."""
    with db.session_scope() as session:
        before = session.exec(select(func.max(owner.model.id))).one() or 0
    try:
        report = resource.import_xlsx(owner, actor, workbook(owner, rows), commit=True)
    except Refusal as refusal:  # the whole file (e.g. a required column missing)
        named_in_thai(owner, refusal.errors.values() or [refusal.message])
        return
    for row in report.invalid:
        named_in_thai(owner, row.errors)
    event(f'{report.imported} of {len(rows)} rows imported')
    with db.session_scope() as session:
        created = session.exec(select(owner.model).where(owner.model.id > before).order_by(owner.model.id)).all()
    new, changed = report.of('new'), report.of('changed')  # a row with a key on file updates that record
    assert len(created) == len(new) and report.imported == len(new) + len(changed)
    for record, row in zip(created, new, strict=True):
        stored_equal(owner, record.id, row.values)
    for row in changed:
        stored_equal(owner, row.record_id, {n: row.values[n] for n in row.changes})


@pytest.mark.parametrize('name', [f.name for f in PROBE.fields])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_kind_through_the_excel_import_ends_in_a_value_or_a_thai_message(name: str, data) -> None:
    actor = principal('accountant')
    choices = resource.choices_for(PROBE, actor)
    cells = data.draw(st.lists(cell_value(PROBE.field(name), choices), min_size=1, max_size=6), label=name)
    base = {**probe_values(actor), 'voucher_date': date(2026, 1, 5), 'gross': 1234.5, 'fiscal_year': 2569}
    imports_settle(PROBE, actor, [{**base, name: cell} for cell in cells])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({
    'number': st.one_of(st.integers(-5, 120), st.integers(min_value=-2 ** 70, max_value=2 ** 70), st.floats(),
                        INT_TEXT),
    'name': st.one_of(TEXT, st.integers(), st.dates()),
    'households': st.one_of(st.integers(min_value=-2 ** 70, max_value=2 ** 70), st.floats(allow_nan=False), INT_TEXT),
}), min_size=1, max_size=6))
def test_villages_through_the_excel_import(rows) -> None:
    imports_settle(VILLAGES, principal('planner'), rows)


# --- usernames on the administrator's user form -----------------------------------------------------------------

def new_user(username: str) -> dict[str, Any]:
    return {'username': username, 'full_name': 'นางสาวทดลอง ใช้งาน', 'password': 'start-pass-1',
            'confirm': 'start-pass-1'}


@pytest.mark.parametrize('username', ['Bad User!', 'ab', 'a' * 33, 'สมชาย', 'user@lao', 'İstanbul', 'x\x00y', ''])
def test_a_bad_username_is_refused_in_thai_naming_the_field(username: str) -> None:
    with pytest.raises(Refusal) as refused:
        resource.create(USERS, principal('admin'), new_user(username))
    assert list(refused.value.errors) == ['username']
    assert refused.value.errors['username'].startswith('ชื่อผู้ใช้: ')


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=st.one_of(st.from_regex(r'[A-Za-z0-9._-]{1,40}', fullmatch=True), st.text(max_size=40)))
def test_any_username_is_stored_lowered_or_refused_in_thai(username: str) -> None:
    record_id, _ = settles(USERS, principal('admin'), new_user(username))
    if record_id is not None:
        with db.session_scope() as session:
            stored = session.get(Account, record_id).username
        assert re.fullmatch(r'[a-z0-9._-]{3,32}', stored) and stored == username.strip().lower()


def test_village_numbers_imported_twice_are_refused_by_row() -> None:
    """A check of the import test's own machinery: a refused row is reported, not silently dropped."""
    report = resource.import_xlsx(VILLAGES, principal('planner'), workbook(VILLAGES, [
        {'number': 50, 'name': 'บ้านใหม่'}, {'number': 50.0, 'name': 'บ้านใหม่สอง'}, {'number': '๙๙๙', 'name': 'x'}]),
        commit=True)
    assert report.imported == 1
    assert [e for row in report.invalid for e in row.errors] == [
        'หมู่ที่: ซ้ำกับแถวที่ 2 ในไฟล์', 'หมู่ที่: ต้องไม่เกิน 99']
    with db.session_scope() as session:
        assert session.exec(select(Village).where(Village.number == 50)).one().name == 'บ้านใหม่'
