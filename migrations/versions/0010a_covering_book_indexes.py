"""covering indexes for the books: the trial balance and the general ledger read journal_line from the index alone

ix_journal_line_balance (org_id, fiscal_year, account_code, entry_date) made every line of a year a lookup into
the table for its debit and credit. ix_journal_line_books replaces it with the same leading columns followed by
id (the ledger's order), the amounts and journal_id (the ledger's join): the trial balance's aggregate, the
ledger's page and its totals, and the cash book's balance brought forward are answered from the index. Money is
integer satang on SQLite and NUMERIC on PostgreSQL; both index as they are.

Revision ID: 0010a
Revises: 0009b
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0010a'
down_revision: str | None = '0009b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOOKS = ['org_id', 'fiscal_year', 'account_code', 'entry_date', 'id', 'debit', 'credit', 'journal_id']


def upgrade() -> None:
    with op.batch_alter_table('journal_line', schema=None) as batch_op:
        batch_op.create_index('ix_journal_line_books', BOOKS, unique=False)
        batch_op.drop_index('ix_journal_line_balance')


def downgrade() -> None:
    with op.batch_alter_table('journal_line', schema=None) as batch_op:
        batch_op.create_index('ix_journal_line_balance', ['org_id', 'fiscal_year', 'account_code', 'entry_date'],
                              unique=False)
        batch_op.drop_index('ix_journal_line_books')
