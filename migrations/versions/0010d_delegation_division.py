"""A delegation order may cover one division's matters only (e.g. รองนายกคนที่ 1 signs the letters of กองช่าง)

Adds delegation_order.division_id: empty (the whole LAO) on existing orders, as before.

Revision ID: 0010d
Revises: 0010c
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010d'
down_revision: str | None = '0010c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('delegation_order') as batch:
        batch.add_column(sa.Column('division_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('delegation_order') as batch:
        batch.drop_column('division_id')
