"""The signed-in user's rights are cached per process: organization.access_version says when they changed

Adds organization.access_version, renewed (a random value) in the same transaction as any change to the LAO's divisions, positions,
assignments, roles, grants, delegation orders or user accounts (core/access.py, a before-flush hook), so that every
process sees a change on its next request and a tab left open cannot act on rights it lost.

Revision ID: 0010c
Revises: 0010a
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010c'
down_revision: str | None = '0010a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        batch.add_column(sa.Column('access_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        batch.drop_column('access_version')
