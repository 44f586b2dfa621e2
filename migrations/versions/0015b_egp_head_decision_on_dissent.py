"""egp: the head of the agency's order on an installment whose inspection committee disagrees (ระเบียบ ข้อ 175 (4))

Revision ID: 0015b
Revises: 0015a
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015b'
down_revision: str | None = '0015a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    # plain ADD COLUMNs, no batch: a batch rebuilds egp_installment, and on SQLite dropping the old table fails once
    # inspection decisions refer to it. The signer's key is a constraint on PostgreSQL only (SQLite cannot add one
    # to an existing table without that rebuild).
    op.add_column('egp_installment', sa.Column('head_decision', _TEXT(length=8), server_default='', nullable=False))
    op.add_column('egp_installment', sa.Column('head_round', sa.Integer(), nullable=True))
    op.add_column('egp_installment', sa.Column('head_decided_on', sa.Date(), nullable=True))
    op.add_column('egp_installment', sa.Column('head_note', _TEXT(length=500), server_default='', nullable=False))
    op.add_column('egp_installment', sa.Column('head_decided_by', sa.Integer(), nullable=True))
    if op.get_bind().dialect.name != 'sqlite':
        op.create_foreign_key('fk_egp_installment_head_decided_by', 'egp_installment', 'app_user',
                              ['head_decided_by'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('fk_egp_installment_head_decided_by', 'egp_installment', type_='foreignkey')
    for name in ('head_decided_by', 'head_note', 'head_decided_on', 'head_round', 'head_decision'):
        op.drop_column('egp_installment', name)
