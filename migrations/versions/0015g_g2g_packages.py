"""info: G2G packages of LAOs imported for benchmarking (manifest's LAO and day, the reports as exported)

Revision ID: 0015g
Revises: 0015f
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015g'
down_revision: str | None = '0015f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'g2g_package',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('dla_code', _TEXT(length=7), nullable=False),
        sa.Column('lao_name', _TEXT(length=200), nullable=False),
        sa.Column('lao_type', _TEXT(length=40), nullable=False),
        sa.Column('province_name', _TEXT(length=100), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('exported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('exported_by', _TEXT(length=200), nullable=False),
        sa.Column('sha256', _TEXT(length=64), nullable=False),
        sa.Column('reports', sa.Integer(), nullable=False),
        sa.Column('data', _TEXT(), nullable=False),
        sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('imported_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'dla_code', 'fiscal_year', 'as_of', name='uq_g2g_package'),
    )
    op.create_index('ix_g2g_package_org_id', 'g2g_package', ['org_id'])
    op.create_index('ix_g2g_package_dla_code', 'g2g_package', ['dla_code'])


def downgrade() -> None:
    op.drop_index('ix_g2g_package_dla_code', table_name='g2g_package')
    op.drop_index('ix_g2g_package_org_id', table_name='g2g_package')
    op.drop_table('g2g_package')
