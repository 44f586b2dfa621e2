"""Migration 0007b: a database at 0006 holding amounts the way the program stored them then (SQLite: REAL floats
under NUMERIC affinity, or integers; PostgreSQL: NUMERIC) reads back every amount to the satang after the upgrade,
and a value no money column can hold stops the upgrade naming its row instead of becoming a wrong number."""

import importlib
import itertools
import os
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, Numeric, String, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

from core.db import alembic_config, make_engine

MIGRATION = importlib.import_module('migrations.versions.0007b_exact_money')
REVISION, BEFORE = MIGRATION.revision, MIGRATION.down_revision
PG_URL = os.environ.get('TEST_DATABASE_URL', '')
VALUES = [Decimal('999999999999.99'), Decimal('0.29'), Decimal('0.10'), Decimal('1234.50'), Decimal('-5.05'),
          Decimal('100'), Decimal('0'), Decimal('99999999999.99'), Decimal('0.07'), Decimal('123456789.01'),
          Decimal('-999999999999.99'), Decimal('0.01')]
_names = itertools.count(1)


@pytest.fixture
def database(tmp_path):
    """An empty database of its own (SQLite file, or a new PostgreSQL database when TEST_DATABASE_URL is set)."""
    if not PG_URL:
        yield f'sqlite:///{tmp_path / "old.sqlite3"}'
        return
    name = f'lao_mig_{os.getpid()}_{next(_names)}'
    admin = create_engine(make_url(PG_URL).set(database='postgres'), isolation_level='AUTOCOMMIT', poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE {name}'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
    admin.dispose()


class Filler:
    """Rows for the tables of an old schema (reflected), every NOT NULL column filled and every required parent
    row created, so amounts can be stored in each money table as the old program would have."""

    def __init__(self, conn, meta: MetaData) -> None:
        self.conn, self.meta, self.parents, self.serial = conn, meta, {}, itertools.count(1)

    def value(self, column):
        n = next(self.serial)
        if column.foreign_keys:
            return self.parent(next(iter(column.foreign_keys)).column.table.name)
        kind = column.type
        if isinstance(kind, Boolean):
            return False
        if isinstance(kind, Integer):
            return n
        if isinstance(kind, Numeric):
            return Decimal('0')
        if isinstance(kind, DateTime):
            return datetime(2025, 10, 1, tzinfo=UTC) + timedelta(minutes=n)
        if isinstance(kind, Date):
            return date(2025, 10, 1) + timedelta(days=n)
        if isinstance(kind, String):
            return f'v{n}'[:kind.length or 20]
        raise AssertionError(f'no filler for {column}')

    def row(self, table_name: str, **given) -> int:
        table = self.meta.tables[table_name]
        values = {c.name: self.value(c) for c in table.columns
                  if c.name not in given and not c.primary_key and not c.nullable}
        return self.conn.execute(insert(table).values(**values, **given).returning(table.c.id)).scalar_one()

    def parent(self, table_name: str) -> int:
        if table_name not in self.parents:
            self.parents[table_name] = self.row(table_name)
        return self.parents[table_name]


def fill_old_amounts(url: str) -> dict[tuple[str, str, int], Decimal]:
    """Store every test value in every money column of the 0006 schema; (table, column, id) -> the value."""
    engine = make_engine(url)
    stored = {}
    with engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        filler = Filler(conn, meta)
        for table, columns in MIGRATION.MONEY_COLUMNS.items():
            for k in range(len(VALUES)):
                amounts = {c: VALUES[(k + i) % len(VALUES)] for i, c in enumerate(columns)}
                row_id = filler.row(table, **amounts)
                stored.update({(table, c, row_id): v for c, v in amounts.items()})
    engine.dispose()
    return stored


def read_amounts(url: str, keys) -> dict[tuple[str, str, int], Decimal]:
    """The amounts as the program reads them now (the models' Money columns)."""
    engine = make_engine(url)
    tables = SQLModel.metadata.tables
    with engine.connect() as conn:
        found = {(t, c, i): conn.execute(select(tables[t].c[c]).where(tables[t].c.id == i)).scalar_one()
                 for t, c, i in keys}
    engine.dispose()
    return found


def test_every_amount_reads_back_to_the_satang_after_the_upgrade(database) -> None:
    config = alembic_config(database)
    command.upgrade(config, BEFORE)
    stored = fill_old_amounts(database)
    assert len(stored) > 300
    command.upgrade(config, REVISION)
    assert read_amounts(database, stored) == stored
    engine = make_engine(database)
    with engine.connect() as conn:
        if engine.dialect.name == 'sqlite':
            kinds = {conn.exec_driver_sql(f'SELECT DISTINCT typeof("{c}") FROM "{t}" WHERE "{c}" IS NOT NULL')
                     .scalar_one() for t, columns in MIGRATION.MONEY_COLUMNS.items() for c in columns}
            assert kinds == {'integer'}
        else:
            precision = conn.execute(text("SELECT numeric_precision FROM information_schema.columns "
                                          "WHERE table_name = 'finance_rule' AND column_name = 'value'")).scalar_one()
            assert precision == 14
    engine.dispose()
    command.downgrade(config, BEFORE)  # and back: the old format holds the same amounts
    command.upgrade(config, REVISION)
    assert read_amounts(database, stored) == stored


@pytest.mark.skipif(bool(PG_URL), reason='SQLite storage classes: the PostgreSQL columns are NUMERIC already')
def test_sqlite_floats_round_half_even_on_their_shortest_text(database) -> None:
    """A float the old program could not have written (three places) still converts by the stated rule."""
    config = alembic_config(database)
    command.upgrade(config, BEFORE)
    ids = fill_old_amounts(database)
    rule_ids = sorted(i for t, _, i in ids if t == 'finance_rule')[:4]
    path = make_url(database).database
    with sqlite3.connect(path) as conn:
        for row_id, raw in zip(rule_ids, (0.125, 0.135, 2.675, 7), strict=True):
            conn.execute('UPDATE finance_rule SET value = ? WHERE id = ?', (raw, row_id))
    command.upgrade(config, REVISION)
    keys = [('finance_rule', 'value', i) for i in rule_ids]
    assert list(read_amounts(database, keys).values()) == [Decimal('0.12'), Decimal('0.14'), Decimal('2.68'),
                                                            Decimal('7.00')]


def test_an_amount_no_column_can_hold_stops_the_upgrade_naming_its_row(database) -> None:
    config = alembic_config(database)
    command.upgrade(config, BEFORE)
    ids = fill_old_amounts(database)
    row_id = min(i for t, _, i in ids if t == 'finance_rule')
    engine = make_engine(database)
    with engine.begin() as conn:
        conn.execute(text('UPDATE finance_rule SET value = :v WHERE id = :i'), {'v': 1e13, 'i': row_id})
    engine.dispose()
    with pytest.raises(RuntimeError, match=f'finance_rule.value id {row_id}: .* correct or remove it'):
        command.upgrade(config, REVISION)
