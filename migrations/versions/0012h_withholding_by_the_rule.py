"""withholding tax by the rule: the payee's kind, the income type, VAT within the amount, the payee's address, the
remittance a voucher makes; the LAO's tax id. The finance rules wht_rate_pct / wht_threshold give way to the national
tax rules (assets/elaas/tax_rules.csv, dated, citing their clauses).

Revision ID: 0012h
Revises: 0012f
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012h'
down_revision: str | None = '0012f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN: a batch copy of voucher would trip the lines' foreign keys
    for column in (
        sa.Column('payee_kind', sa.String(length=12), nullable=False, server_default='juristic'),
        sa.Column('income_type', sa.String(length=12), nullable=False, server_default='goods'),
        sa.Column('payee_address', sa.String(length=500), nullable=False, server_default=''),
        sa.Column('vat_included', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('vat', sa.Numeric(14, 2), nullable=False, server_default='0'),
        sa.Column('remits', sa.String(length=20), nullable=True),
    ):
        op.add_column('voucher', column)
    # an index, not a constraint: SQLite would copy the table to add one, and the lines' foreign keys trip on it
    op.create_index('ux_voucher_org_remits', 'voucher', ['org_id', 'remits'], unique=True)
    op.add_column('organization', sa.Column('tax_id', sa.String(length=13), nullable=False, server_default=''))
    rule = sa.table('finance_rule', sa.column('key', sa.String))
    op.execute(rule.delete().where(rule.c.key.in_(('wht_rate_pct', 'wht_threshold'))))


def downgrade() -> None:
    op.drop_index('ux_voucher_org_remits', 'voucher')
    for column in ('remits', 'vat', 'vat_included', 'payee_address', 'income_type', 'payee_kind'):
        op.drop_column('voucher', column)
    op.drop_column('organization', 'tax_id')
