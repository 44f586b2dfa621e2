"""info: the LAO's public site (/public): its settings (off by default), the public mark of e-Office announcements
(default not public) and the villages' optional coordinates (the drawn village map)

Columns are added without rebuilding the tables (office_document carries its search triggers).

Revision ID: 0015c
Revises: 0015g
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015c'
down_revision: str | None = '0015g'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.add_column('office_document', sa.Column('is_public', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('village', sa.Column('latitude', sa.Float(), nullable=True))
    op.add_column('village', sa.Column('longitude', sa.Float(), nullable=True))
    op.create_table(
        'public_site',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('hotline', _TEXT(length=60), nullable=False),
        sa.Column('email', _TEXT(length=200), nullable=False),
        sa.Column('website', _TEXT(length=200), nullable=False),
        sa.Column('office_hours', _TEXT(length=200), nullable=False),
        sa.Column('intro', _TEXT(length=2000), nullable=False),
        sa.Column('map_attachment_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id'),
    )
    op.create_index('ix_public_site_org_id', 'public_site', ['org_id'])


def downgrade() -> None:
    op.drop_index('ix_public_site_org_id', 'public_site')
    op.drop_table('public_site')
    # in place (a batch would rebuild village, whose DROP fails while the basic data's figures refer to it)
    op.drop_column('village', 'longitude')
    op.drop_column('village', 'latitude')
    op.drop_column('office_document', 'is_public')
