"""e-GP: the procurement plan, vendors, procurement files, committee members, bids, contracts and installments

Revision ID: 0012d
Revises: 0012e
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012d'
down_revision: str | None = '0012e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'egp_vendor',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', _TEXT(length=300), nullable=False),
        sa.Column('tax_id', _TEXT(length=13), nullable=False),
        sa.Column('branch', _TEXT(length=5), nullable=False),
        sa.Column('juristic', sa.Boolean(), nullable=False),
        sa.Column('address', _TEXT(length=500), nullable=False),
        sa.Column('contact', _TEXT(length=200), nullable=False),
        sa.Column('phone', _TEXT(length=50), nullable=False),
        sa.Column('bank_name', _TEXT(length=100), nullable=False),
        sa.Column('bank_account', _TEXT(length=30), nullable=False),
        sa.Column('sme', sa.Boolean(), nullable=False),
        sa.Column('blocked', sa.Boolean(), nullable=False),
        sa.Column('blocked_reason', _TEXT(length=500), nullable=False),
        sa.Column('blocked_on', sa.Date(), nullable=True),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'tax_id', 'branch', name='uq_egp_vendor_tax_id'),
    )
    op.create_index('ix_egp_vendor_org_id', 'egp_vendor', ['org_id'])
    op.create_table(
        'egp_plan_item',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('budget_line_id', sa.Integer(), nullable=False),
        sa.Column('division_id', sa.Integer(), nullable=True),
        sa.Column('description', _TEXT(length=1000), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('method', _TEXT(length=20), nullable=False),
        sa.Column('planned_month', sa.Integer(), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['budget_line_id'], ['budget_line.id']),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['division_id'], ['division.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_egp_plan_item_budget_line_id', 'egp_plan_item', ['budget_line_id'])
    op.create_index('ix_egp_plan_item_fiscal_year', 'egp_plan_item', ['fiscal_year'])
    op.create_index('ix_egp_plan_item_org_id', 'egp_plan_item', ['org_id'])
    op.create_table(
        'egp_procurement',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number_text', _TEXT(length=40), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('request_date', sa.Date(), nullable=False),
        sa.Column('budget_line_id', sa.Integer(), nullable=False),
        sa.Column('plan_item_id', sa.Integer(), nullable=True),
        sa.Column('division_id', sa.Integer(), nullable=True),
        sa.Column('kind', _TEXT(length=12), nullable=False),
        sa.Column('description', _TEXT(length=1000), nullable=False),
        sa.Column('quantity', _TEXT(length=100), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('method', _TEXT(length=20), nullable=False),
        sa.Column('condition', _TEXT(length=20), nullable=False),
        sa.Column('reference_price', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('reference_source', _TEXT(length=300), nullable=False),
        sa.Column('egp_project_no', _TEXT(length=11), nullable=False),
        sa.Column('committee_order', _TEXT(length=100), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=True),
        sa.Column('vendor_id', sa.Integer(), nullable=True),
        sa.Column('award_price', sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column('award_reason', _TEXT(length=500), nullable=False),
        sa.Column('awarded_on', sa.Date(), nullable=True),
        sa.Column('warnings', _TEXT(length=2000), nullable=False),
        sa.Column('status', _TEXT(length=12), nullable=False),
        sa.ForeignKeyConstraint(['budget_line_id'], ['budget_line.id']),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id']),
        sa.ForeignKeyConstraint(['plan_item_id'], ['egp_plan_item.id']),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['division_id'], ['division.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['vendor_id'], ['egp_vendor.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_egp_procurement_budget_line_id', 'egp_procurement', ['budget_line_id'])
    op.create_index('ix_egp_procurement_fiscal_year', 'egp_procurement', ['fiscal_year'])
    op.create_index('ix_egp_procurement_org_id', 'egp_procurement', ['org_id'])
    op.create_index('ix_egp_procurement_status', 'egp_procurement', ['status'])
    op.create_table(
        'egp_bid',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('procurement_id', sa.Integer(), nullable=False),
        sa.Column('vendor_id', sa.Integer(), nullable=False),
        sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('compliant', sa.Boolean(), nullable=False),
        sa.Column('reason', _TEXT(length=500), nullable=False),
        sa.Column('bid_date', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['procurement_id'], ['egp_procurement.id']),
        sa.ForeignKeyConstraint(['vendor_id'], ['egp_vendor.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('procurement_id', 'vendor_id', name='uq_egp_bid'),
    )
    op.create_index('ix_egp_bid_org_id', 'egp_bid', ['org_id'])
    op.create_index('ix_egp_bid_procurement_id', 'egp_bid', ['procurement_id'])
    op.create_index('ix_egp_bid_vendor_id', 'egp_bid', ['vendor_id'])
    op.create_table(
        'egp_committee_member',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('procurement_id', sa.Integer(), nullable=False),
        sa.Column('committee', _TEXT(length=12), nullable=False),
        sa.Column('role', _TEXT(length=10), nullable=False),
        sa.Column('name', _TEXT(length=200), nullable=False),
        sa.Column('position', _TEXT(length=200), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('outsider', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['procurement_id'], ['egp_procurement.id']),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('procurement_id', 'committee', 'name', name='uq_egp_committee_member'),
    )
    op.create_index('ix_egp_committee_member_org_id', 'egp_committee_member', ['org_id'])
    op.create_index('ix_egp_committee_member_procurement_id', 'egp_committee_member', ['procurement_id'])
    op.create_table(
        'egp_contract',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('procurement_id', sa.Integer(), nullable=False),
        sa.Column('number_text', _TEXT(length=40), nullable=False),
        sa.Column('egp_contract_no', _TEXT(length=12), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('division_id', sa.Integer(), nullable=True),
        sa.Column('vendor_id', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('signed_on', sa.Date(), nullable=True),
        sa.Column('start_on', sa.Date(), nullable=False),
        sa.Column('end_on', sa.Date(), nullable=False),
        sa.Column('warranty_days', sa.Integer(), nullable=False),
        sa.Column('fine_rate_pct', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('guarantee_kind', _TEXT(length=12), nullable=False),
        sa.Column('guarantee_form', _TEXT(length=16), nullable=False),
        sa.Column('guarantee_amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('guarantee_received_on', sa.Date(), nullable=True),
        sa.Column('guarantee_return_due', sa.Date(), nullable=True),
        sa.Column('guarantee_returned_on', sa.Date(), nullable=True),
        sa.Column('status', _TEXT(length=12), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['division_id'], ['division.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['procurement_id'], ['egp_procurement.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['vendor_id'], ['egp_vendor.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('procurement_id', name='uq_egp_contract_file'),
    )
    op.create_index('ix_egp_contract_org_id', 'egp_contract', ['org_id'])
    op.create_index('ix_egp_contract_status', 'egp_contract', ['status'])
    op.create_index('ix_egp_contract_vendor_id', 'egp_contract', ['vendor_id'])
    op.create_table(
        'egp_installment',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('description', _TEXT(length=300), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('delivered_on', sa.Date(), nullable=True),
        sa.Column('inspected_on', sa.Date(), nullable=True),
        sa.Column('days_late', sa.Integer(), nullable=False),
        sa.Column('fine', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('voucher_id', sa.Integer(), nullable=True),
        sa.Column('note', _TEXT(length=500), nullable=False),
        sa.Column('status', _TEXT(length=12), nullable=False),
        sa.ForeignKeyConstraint(['contract_id'], ['egp_contract.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['voucher_id'], ['voucher.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('contract_id', 'seq', name='uq_egp_installment'),
    )
    op.create_index('ix_egp_installment_contract_id', 'egp_installment', ['contract_id'])
    op.create_index('ix_egp_installment_org_id', 'egp_installment', ['org_id'])


def downgrade() -> None:
    op.drop_table('egp_installment')
    op.drop_table('egp_contract')
    op.drop_table('egp_committee_member')
    op.drop_table('egp_bid')
    op.drop_table('egp_procurement')
    op.drop_table('egp_vendor')
    op.drop_table('egp_plan_item')
