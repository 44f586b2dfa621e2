"""Search inside Thai words at a million rows: a trigram index over the search columns of the registers that grow

SQLite: an FTS5 table `<table>_search` (tokenize='trigram', external content) kept by triggers in the same
transaction as the row; `core.resource` looks a term of three letters or more up there instead of scanning with
LIKE. PostgreSQL: pg_trgm GIN indexes on the same columns, which serve the LIKE '%term%' the kit sends.
The columns are the registers' `search` (tests/core/test_list_indexes.py checks them against the declarations).

Revision ID: 0010f
Revises: 0010e
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0010f'
down_revision: str | None = '0010e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH = {  # table -> the search columns of its growing registers
    'voucher': ['payee', 'description', 'number_text'],
    'receipt': ['payer', 'number_text', 'description'],
    'journal': ['description', 'number_text'],
    'commitment': ['vendor', 'description', 'reference', 'number_text'],
    'office_document': ['search_text'],
}


def _sqlite(table: str, columns: list[str]) -> list[str]:
    fts, listed = f'{table}_search', ', '.join(columns)
    new, old = ', '.join(f'new.{c}' for c in columns), ', '.join(f'old.{c}' for c in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old});"
    add = f'INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new});'
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        f'CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END',
        f'CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END',
        f'CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {table} BEGIN {remove} {add} END',
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table, columns in SEARCH.items():
            for statement in _sqlite(table, columns):
                op.execute(statement)
        return
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for table, columns in SEARCH.items():
        for column in columns:
            op.execute(f'CREATE INDEX ix_trgm_{table}_{column} ON {table} USING gin ({column} gin_trgm_ops)')


def downgrade() -> None:
    for table, columns in SEARCH.items():
        if op.get_bind().dialect.name == 'sqlite':
            for trigger in ('insert', 'delete', 'update'):
                op.execute(f'DROP TRIGGER IF EXISTS {table}_search_{trigger}')
            op.execute(f'DROP TABLE IF EXISTS {table}_search')
        else:
            for column in columns:
                op.execute(f'DROP INDEX IF EXISTS ix_trgm_{table}_{column}')
