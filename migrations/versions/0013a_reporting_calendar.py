"""info: the reporting calendar — the LAO's own versions of the reporting deadlines and the reports made, with
their evidence; the LAO's own scores of the LPA self-assessment; the basic data by year (info_figure)

Revision ID: 0013a
Revises: 0013c
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013a'
down_revision: str | None = '0013c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _tracked() -> list[sa.Column]:
    return [sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column('created_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
            sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
            sa.Column('updated_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True)]


def upgrade() -> None:
    op.create_table(
        'deadline_override',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('deadline_key', _TEXT(length=40), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('seat', _TEXT(length=40), nullable=False),
        sa.Column('month', sa.Integer(), nullable=True),
        sa.Column('day', sa.Integer(), nullable=True),
        sa.Column('lag_days', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('note', _TEXT(length=1000), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'deadline_key', 'effective_from'),
    )
    op.create_index('ix_deadline_override_org_id', 'deadline_override', ['org_id'])
    op.create_table(
        'report_filing',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('deadline_key', _TEXT(length=40), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('period', sa.Integer(), nullable=False),
        sa.Column('filed_on', sa.Date(), nullable=False),
        sa.Column('reference', _TEXT(length=300), nullable=False),
        sa.Column('note', _TEXT(length=1000), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'deadline_key', 'fiscal_year', 'period'),
    )
    op.create_index('ix_report_filing_org_id', 'report_filing', ['org_id'])
    op.create_table(
        'lpa_score',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('code', _TEXT(length=20), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('evidence', _TEXT(length=300), nullable=False),
        sa.Column('note', _TEXT(length=1000), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'fiscal_year', 'code'),
    )
    op.create_index('ix_lpa_score_org_id', 'lpa_score', ['org_id'])
    op.create_table(
        'info_figure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('indicator', _TEXT(length=40), nullable=False),
        sa.Column('village_id', sa.Integer(), sa.ForeignKey('village.id'), nullable=True),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('source', _TEXT(length=300), nullable=False),
        sa.Column('note', _TEXT(length=1000), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'fiscal_year', 'indicator', 'village_id'),
    )
    op.create_index('ix_info_figure_org_id', 'info_figure', ['org_id'])


def downgrade() -> None:
    op.drop_table('info_figure')
    op.drop_table('lpa_score')
    op.drop_table('report_filing')
    op.drop_table('deadline_override')
