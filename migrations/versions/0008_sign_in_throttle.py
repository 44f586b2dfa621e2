"""sign-in: failures throttle per name and address instead of locking the account everywhere

Adds sign_in_failure (one row per failed sign-in: name typed, client address, time, kind), which slows further
attempts and locks one name at one address only. The account-wide counter and lock on app_user go; an LAO's
lockout limit now counts failures from one address, so a limit below the new minimum (10) is raised to 20.

Revision ID: 0008
Revises: 0007a
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sign_in_failure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=True),
        sa.Column('cleared', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sign_in_failure_at', 'sign_in_failure', ['at'])
    op.create_index('ix_sign_in_failure_user_id', 'sign_in_failure', ['user_id'])
    op.create_index('ix_sign_in_failure_org_id', 'sign_in_failure', ['org_id'])
    op.create_index('ix_sign_in_failure_username_at', 'sign_in_failure', ['username', 'at'])
    op.create_index('ix_sign_in_failure_address_at', 'sign_in_failure', ['address', 'at'])
    # plain ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy would drop and re-create app_user,
    # which every table references
    op.drop_column('app_user', 'failed_attempts')
    op.drop_column('app_user', 'locked_until')
    op.execute('UPDATE organization SET lockout_attempts = 20 WHERE lockout_attempts < 10')


def downgrade() -> None:
    op.add_column('app_user', sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('app_user', sa.Column('failed_attempts', sa.Integer(), nullable=False, server_default='0'))
    op.drop_table('sign_in_failure')
