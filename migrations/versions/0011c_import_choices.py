"""import choices: the option an officer chose for a spreadsheet value of a lookup column, per LAO and register

Adds import_choice (the register, the field, the value as written in loose form, the chosen option's key); the
next import of the same register applies it.

Revision ID: 0011c
Revises: 0011b
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011c'
down_revision: str | None = '0011b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'import_choice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('resource', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'resource', 'field', 'source', name='uq_import_choice'),
    )
    op.create_index('ix_import_choice_org_id', 'import_choice', ['org_id'])


def downgrade() -> None:
    op.drop_index('ix_import_choice_org_id', table_name='import_choice')
    op.drop_table('import_choice')
