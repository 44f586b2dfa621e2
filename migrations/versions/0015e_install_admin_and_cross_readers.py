"""Many LAOs in one install: the install's administrator and the cross-LAO (provincial) reader

Adds app_user.install_admin (creates LAOs from the DLA registry; no LAO role gives it) and app_user.reads_across
('' none, 'province', 'install': a read-only principal over the LAOs of its province or of the install). The
account created at first set-up (the first LAO's first administrator) becomes the install's administrator.

Revision ID: 0015e
Revises: 0015b
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015e'
down_revision: str | None = '0015b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ALTER TABLE … ADD COLUMN in place (a batch would recreate app_user on SQLite, against every key pointing at it)
    op.add_column('app_user', sa.Column('install_admin', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('app_user', sa.Column('reads_across', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='',
                                        nullable=False))
    op.execute(sa.text(
        "UPDATE app_user SET install_admin = :yes WHERE id = (SELECT min(g.user_id) FROM rolegrant g "
        "WHERE g.role_key = 'system_admin' AND g.org_id = (SELECT min(o.id) FROM organization o))"
    ).bindparams(yes=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN in place (SQLite 3.35+, PostgreSQL): recreating app_user, as a batch would on SQLite,
    # breaks every key pointing at it
    for column in ('reads_across', 'install_admin'):
        op.execute(sa.text(f'ALTER TABLE app_user DROP COLUMN {column}'))
