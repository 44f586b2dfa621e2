"""Gapless numbering: concurrency, rollback, year rules, burned numbers (SQLite, and PostgreSQL in CI)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from core import db
from core.errors import Refusal
from core.numbering import Series, allocate, burn, burned_numbers, next_number
from helpers import principal

VOUCHER = Series('test.voucher', 'ฎีกา', 'fiscal', 'ฎ.{n}/{year}')
LETTER = Series('test.letter', 'หนังสือส่ง', 'calendar', '{prefix}/{n}')


def test_fifty_concurrent_allocations_give_one_to_fifty() -> None:
    org_id = principal('planner').org_id

    def take(_: int) -> int:
        with db.session_scope(write=True) as session:
            return next_number(session, org_id, VOUCHER, date(2026, 3, 1)).number

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(take, range(50)))
    assert sorted(numbers) == list(range(1, 51))


def test_a_rolled_back_document_leaves_no_gap() -> None:
    org_id = principal('planner').org_id
    with pytest.raises(RuntimeError):
        with db.session_scope(write=True) as session:
            assert next_number(session, org_id, VOUCHER, date(2026, 3, 1)).number == 1
            raise RuntimeError('the document failed validation')
    with db.session_scope(write=True) as session:
        assert next_number(session, org_id, VOUCHER, date(2026, 3, 1)).text == 'ฎ.1/2569'


def test_fiscal_and_calendar_years_restart_where_they_should() -> None:
    org_id = principal('planner').org_id
    with db.session_scope(write=True) as session:
        assert next_number(session, org_id, VOUCHER, date(2025, 9, 30)).text == 'ฎ.1/2568'
        assert next_number(session, org_id, VOUCHER, date(2025, 10, 1)).text == 'ฎ.1/2569'
        assert next_number(session, org_id, VOUCHER, date(2026, 9, 30)).text == 'ฎ.2/2569'
        assert next_number(session, org_id, LETTER, date(2025, 12, 31)).text == 'นม 89901/1'
        assert next_number(session, org_id, LETTER, date(2026, 1, 1)).text == 'นม 89901/1'
        block = allocate(session, org_id, LETTER, date(2026, 1, 2), count=3)
        assert [a.number for a in block] == [2, 3, 4]


def test_burned_numbers_are_listed_and_never_reused() -> None:
    planner = principal('planner')
    with db.session_scope(write=True) as session:
        first = next_number(session, planner.org_id, VOUCHER, date(2026, 1, 5))
        burn(session, planner, VOUCHER, first, 'เขียนผิด ยกเลิก')
        second = next_number(session, planner.org_id, VOUCHER, date(2026, 1, 5))
    assert (first.number, second.number) == (1, 2)
    with db.session_scope() as session:
        listed = burned_numbers(session, planner.org_id, VOUCHER, 2569)
    assert [(b.text, b.reason) for b in listed] == [('ฎ.1/2569', 'เขียนผิด ยกเลิก')]
    with db.session_scope(write=True) as session, pytest.raises(Refusal, match='เหตุผล'):
        burn(session, planner, VOUCHER, second, ' ')
