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
    with op.batch_alter_table('egp_installment') as batch:
        batch.add_column(sa.Column('head_decision', _TEXT(length=8), server_default='', nullable=False))
        batch.add_column(sa.Column('head_round', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('head_decided_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('head_note', _TEXT(length=500), server_default='', nullable=False))
        batch.add_column(sa.Column('head_decided_by', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_egp_installment_head_decided_by', 'app_user', ['head_decided_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('egp_installment') as batch:
        batch.drop_constraint('fk_egp_installment_head_decided_by', type_='foreignkey')
        for name in ('head_decided_by', 'head_note', 'head_decided_on', 'head_round', 'head_decision'):
            batch.drop_column(name)
