"""import choices, and plan texts as long as real plans write them

Adds import_choice (the register, the field, the value as written in loose form, the chosen option's key): the
option an officer chose for a spreadsheet value of a lookup column, applied by the next import of the same register.
Widens plan_project.target, plan_project.expected_result and plan_equipment.target from 2,000 to 5,000 characters
(a real ผ.02 target runs to 2,426).

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

WIDER = {'plan_project': ('target', 'expected_result'), 'plan_equipment': ('target',)}


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
    _widen(5000)


def _widen(length: int) -> None:
    if op.get_bind().dialect.name == 'sqlite':  # SQLite holds any length: no table copy for nothing
        return
    for table, columns in WIDER.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, type_=sqlmodel.sql.sqltypes.AutoString(length=length),
                                      existing_nullable=False)


def downgrade() -> None:
    _widen(2000)
    op.drop_index('ix_import_choice_org_id', table_name='import_choice')
    op.drop_table('import_choice')
