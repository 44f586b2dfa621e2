"""Exact money on both databases: one column type (integer satang on SQLite, NUMERIC(14,2) on PostgreSQL), one range
(±999,999,999,999.99); sums stay exact; nothing the column cannot hold reaches the database as a traceback."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, literal, text
from sqlmodel import select

from core import checks, db
from core.errors import Refusal, ValidationFailed
from core.thai import parse_money
from helpers import principal
from models.finance import FinanceRule
from models.types import MONEY_MAX, MONEY_MIN, MoneyError, to_money

DAY = date(2026, 1, 1)  # any day: the rows are only a money column
THAI = re.compile('[\u0e00-\u0e7f]')


def rule_values(*values: Decimal) -> list[Decimal]:
    """Store each value in a money column (finance rules) and read them back through a new session."""
    org_id = principal('admin').org_id
    with db.session_scope(write=True) as session:
        rows = [FinanceRule(org_id=org_id, key=f'test.{n}', value=v, effective_from=DAY) for n, v in enumerate(values)]
        session.add_all(rows)
        session.flush()
        ids = [r.id for r in rows]
    with db.session_scope() as session:
        return [session.get(FinanceRule, i).value for i in ids]


def test_the_extremes_of_the_range_round_trip_to_the_satang() -> None:
    values = [MONEY_MAX, MONEY_MIN, Decimal('0.01'), Decimal('0.29'), Decimal('99999999999.99'),
              Decimal('123456789012.34'), Decimal('0')]
    back = rule_values(*values)
    assert back == values
    assert all(v.as_tuple().exponent == -2 for v in back)


def test_sqlite_keeps_integer_satang_and_sums_exactly() -> None:
    org_id = principal('admin').org_id
    values = [Decimal('0.10')] * 1000 + [MONEY_MAX] * 2000  # a total no float holds to the satang
    rule_values(*values)
    with db.session_scope() as session:
        total = session.exec(select(func.sum(FinanceRule.value)).where(FinanceRule.org_id == org_id,
                                                                     FinanceRule.key.like('test.%'))).one()
        kinds = set(session.exec(text('SELECT DISTINCT typeof(value) FROM finance_rule WHERE value IS NOT NULL'))
                    .scalars()) if db.is_sqlite() else {'integer'}
    assert isinstance(total, Decimal) and total == Decimal('2000000000000080.00')
    assert kinds == {'integer'}


def test_sql_arithmetic_on_money_is_money_or_refused() -> None:
    rule_values(Decimal('1.25'))
    with db.session_scope() as session:
        row = session.exec(select(FinanceRule.value + FinanceRule.value, FinanceRule.value * 3,
                                  FinanceRule.value - Decimal('0.26'), FinanceRule.value > Decimal('1.24'))
                           .where(FinanceRule.key == 'test.0')).one()
    assert tuple(row) == (Decimal('2.50'), Decimal('3.75'), Decimal('0.99'), True)
    with pytest.raises(TypeError):
        FinanceRule.value / FinanceRule.value  # noqa: B018 (building the expression is what fails)
    with pytest.raises(TypeError):
        FinanceRule.value * literal(Decimal('1.5'))  # noqa: B018


@pytest.mark.parametrize('value', [Decimal('1000000000000'), Decimal('-1000000000000'), Decimal('1e20'),
                                   Decimal('0.001'), Decimal('NaN'), Decimal('Infinity'), 10 ** 400])
def test_the_column_refuses_what_it_cannot_hold_exactly_with_a_thai_refusal(value) -> None:
    """The last line of defence (every path checks first): the write is refused, nothing is rounded or stored."""
    org_id = principal('admin').org_id
    with pytest.raises(Refusal, match='ระบบเก็บไม่ได้'):
        with db.session_scope(write=True) as session:
            session.add(FinanceRule(org_id=org_id, key='test.bad', value=value, effective_from=DAY))
            session.flush()
    with db.session_scope() as session:
        assert session.exec(select(FinanceRule).where(FinanceRule.key == 'test.bad')).first() is None


@pytest.mark.parametrize(('value', 'reason'), [
    (Decimal('1000000000000.00'), 'ต้องไม่เกิน'), (Decimal('-1000000000000'), 'ต้องไม่น้อยกว่า'),
    (Decimal('1.005'), 'ทศนิยม'), (float('nan'), 'ตัวเลข'), (float('inf'), 'ตัวเลข'), (True, 'ตัวเลข'),
    ('12 บาท', 'ตัวเลข'), (None, 'ตัวเลข'), (10 ** 400, 'ต้องไม่เกิน'), (Decimal('1e-400'), 'ทศนิยม'),
])
def test_to_money_refuses_in_thai(value, reason) -> None:
    with pytest.raises(MoneyError, match=reason):
        to_money(value)


def test_to_money_takes_floats_by_their_shortest_text() -> None:
    assert to_money(0.29) == Decimal('0.29')
    assert to_money(999999999999.99) == MONEY_MAX
    assert to_money(Decimal('1.230')) == Decimal('1.23')
    assert str(to_money(Decimal('-0.00'))) == '0.00'


@given(st.text(max_size=60) | st.from_regex(r'[+-]?[0-9๐-๙, ]{0,30}(\.[0-9]{0,4})?', fullmatch=True))
def test_parse_money_gives_an_amount_in_range_or_a_thai_reason(typed: str) -> None:
    try:
        amount = parse_money(typed)
    except ValueError as error:
        assert THAI.search(str(error)), str(error)
        return
    assert MONEY_MIN <= amount <= MONEY_MAX and amount.as_tuple().exponent == -2


def test_checks_amount_reads_typed_text_and_refuses_negatives() -> None:
    assert checks.amount('๑,๒๓๔.๕๐') == Decimal('1234.50')
    assert checks.amount(0, positive=False) == Decimal('0.00')
    with pytest.raises(ValidationFailed, match='งบประมาณอนุมัติ: ต้องไม่น้อยกว่า 0'):
        checks.amount(Decimal('-1'), 'approved', 'งบประมาณอนุมัติ', positive=False)
