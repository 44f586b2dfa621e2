"""egp: each inspection committee member's decision on an installment (per round), the file's announcements
(invitation, result) and appeals

Revision ID: 0014a
Revises: 0013a
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014a'
down_revision: str | None = '0013a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _tracked() -> list[sa.Column]:
    return [sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.Column('created_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
            sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
            sa.Column('updated_by', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True)]


def _scoped() -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('org_id', sa.Integer(), sa.ForeignKey('organization.id'), nullable=False),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table('egp_installment') as batch:
        batch.add_column(sa.Column('inspection_round', sa.Integer(), server_default='1', nullable=False))
    op.create_table(
        'egp_inspection_decision', *_scoped(),
        sa.Column('installment_id', sa.Integer(), sa.ForeignKey('egp_installment.id'), nullable=False),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('egp_committee_member.id'), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('decision', _TEXT(length=8), nullable=False),
        sa.Column('reason', _TEXT(length=500), nullable=False),
        sa.Column('decided_on', sa.Date(), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('installment_id', 'member_id', 'round', name='uq_egp_inspection_decision'),
    )
    op.create_index('ix_egp_inspection_decision_installment_id', 'egp_inspection_decision', ['installment_id'])
    op.create_index('ix_egp_inspection_decision_org_id', 'egp_inspection_decision', ['org_id'])
    op.create_table(
        'egp_announcement', *_scoped(),
        sa.Column('procurement_id', sa.Integer(), sa.ForeignKey('egp_procurement.id'), nullable=False),
        sa.Column('kind', _TEXT(length=12), nullable=False),
        sa.Column('announced_on', sa.Date(), nullable=False),
        sa.Column('egp_no', _TEXT(length=30), nullable=False),
        sa.Column('note', _TEXT(length=300), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('procurement_id', 'kind', name='uq_egp_announcement'),
    )
    op.create_index('ix_egp_announcement_procurement_id', 'egp_announcement', ['procurement_id'])
    op.create_index('ix_egp_announcement_org_id', 'egp_announcement', ['org_id'])
    op.create_table(
        'egp_appeal', *_scoped(),
        sa.Column('procurement_id', sa.Integer(), sa.ForeignKey('egp_procurement.id'), nullable=False),
        sa.Column('appellant', _TEXT(length=300), nullable=False),
        sa.Column('vendor_id', sa.Integer(), sa.ForeignKey('egp_vendor.id'), nullable=True),
        sa.Column('filed_on', sa.Date(), nullable=False),
        sa.Column('grounds', _TEXT(length=1000), nullable=False),
        sa.Column('decision', _TEXT(length=10), nullable=False),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decision_note', _TEXT(length=1000), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_egp_appeal_procurement_id', 'egp_appeal', ['procurement_id'])
    op.create_index('ix_egp_appeal_org_id', 'egp_appeal', ['org_id'])


def downgrade() -> None:
    op.drop_table('egp_appeal')
    op.drop_table('egp_announcement')
    op.drop_table('egp_inspection_decision')
    with op.batch_alter_table('egp_installment') as batch:
        batch.drop_column('inspection_round')
