"""e-Office: the LAO names the seat of its secret-letter officer (นายทะเบียนหนังสือลับ)

Adds organization.secret_officer_position_id: whoever holds that position registers secret letters (ลับ, ลับมาก,
ลับที่สุด) and sees all of them, as the cleared do. Empty on existing LAOs until the administrator chooses the seat
on the settings page; until then only the cleared (eoffice.doc.secret) register secret letters.

Revision ID: 0009a
Revises: 0008
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009a'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        batch.add_column(sa.Column('secret_officer_position_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        batch.drop_column('secret_officer_position_id')
