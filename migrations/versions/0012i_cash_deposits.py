"""cash deposits (ใบนำฝาก): a receipt says how the money came (cash into the safe, or a transfer into the bank) and
which deposit banked its cash; the deposit table; the posting rules of a transferred receipt and of a deposit for
every LAO.

Revision ID: 0012i
Revises: 0012h
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012i'
down_revision: str | None = '0012h'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
RULES = [  # event, side, amount, account, description (as assets/elaas/posting_rules.csv)
    ('receipt_transfer', 'debit', 'gross', '1101030102.001', 'รับเงินโอนเข้าบัญชีเงินฝากธนาคาร'),
    ('receipt_transfer', 'credit', 'gross', '', 'รายได้ตามประเภทรายรับของใบเสร็จ'),
    ('deposit', 'debit', 'gross', '1101030102.001', 'นำฝากเงินสดเข้าบัญชีเงินฝากธนาคาร'),
    ('deposit', 'credit', 'gross', '1101010101.001', 'เงินสดที่นำฝาก'),
]


def upgrade() -> None:
    op.create_table(
        'cash_deposit',
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number_text', _TEXT(length=40), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('deposit_date', sa.Date(), nullable=False),
        sa.Column('reference', _TEXT(length=60), nullable=False),
        sa.Column('receipts_count', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('status', _TEXT(length=12), nullable=False),
        sa.Column('cancel_reason', _TEXT(length=500), nullable=False),
        sa.Column('journal_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cash_deposit_org_id', 'cash_deposit', ['org_id'])
    op.create_index('ix_cash_deposit_number_text', 'cash_deposit', ['number_text'])
    op.create_index('ix_cash_deposit_status', 'cash_deposit', ['status'])
    op.create_index('ix_cash_deposit_org_date', 'cash_deposit', ['org_id', 'deposit_date', 'id'])
    # plain ALTER TABLE … ADD COLUMN: a batch copy of receipt would trip the foreign keys pointing at it
    op.add_column('receipt', sa.Column('received_by', sa.String(length=12), nullable=False, server_default='cash'))
    op.add_column('receipt', sa.Column('deposit_id', sa.Integer(), nullable=True))
    op.create_index('ix_receipt_deposit_id', 'receipt', ['deposit_id'])
    bind = op.get_bind()
    rule = sa.table('posting_rule', sa.column('org_id', sa.Integer), sa.column('event', sa.String),
                    sa.column('side', sa.String), sa.column('amount', sa.String), sa.column('account_code', sa.String),
                    sa.column('description', sa.String), sa.column('sort_order', sa.Integer))
    for (org_id,) in bind.execute(sa.text('SELECT id FROM organization')).all():
        last = bind.execute(sa.text('SELECT COALESCE(MAX(sort_order), 0) FROM posting_rule WHERE org_id = :o'),
                            {'o': org_id}).scalar()
        known = {tuple(r) for r in bind.execute(sa.text('SELECT event, side, amount FROM posting_rule '
                                                        'WHERE org_id = :o'), {'o': org_id}).all()}
        rows = [dict(org_id=org_id, event=e, side=s, amount=a, account_code=c, description=d, sort_order=last + n)
                for n, (e, s, a, c, d) in enumerate(RULES, 1) if (e, s, a) not in known]
        if rows:
            op.bulk_insert(rule, rows)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM posting_rule WHERE event IN ('receipt_transfer', 'deposit')"))
    op.drop_index('ix_receipt_deposit_id', 'receipt')
    op.drop_column('receipt', 'deposit_id')
    op.drop_column('receipt', 'received_by')
    op.drop_table('cash_deposit')
