"""budget transfers: the คำชี้แจง change (ข้อ 29), a council transfer moving no money that carries the line's new
explanation and keeps the one it replaced

Revision ID: 0015a
Revises: 0015c
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015a'
down_revision: str | None = '0015c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('budget_transfer') as batch:
        batch.add_column(sa.Column('new_explanation', sa.String(length=2000), nullable=False, server_default=''))
        batch.add_column(sa.Column('old_explanation', sa.String(length=2000), nullable=False, server_default=''))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM budget_transfer WHERE kind = 'explanation_change'"))
    with op.batch_alter_table('budget_transfer') as batch:
        batch.drop_column('old_explanation')
        batch.drop_column('new_explanation')
