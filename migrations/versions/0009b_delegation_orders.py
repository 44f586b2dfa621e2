"""delegation orders: the นายก's dated orders (คำสั่งมอบอำนาจ/มอบหมาย) that let a position exercise a permission

Adds delegation_order (order number and date, position, permission, optional amount limit, valid from-to, note,
revoked) and voucher.approval_order_id (the order the approver of a voucher acted under). The ปลัด's voucher
approval limit moves from the finance rule approve_limit.chief_administrator to an order: an organisation that
had that rule gets an order of the same amount for its ปลัด seat from the rule's date, so nobody loses a power
on upgrade; the rule itself is removed.

Revision ID: 0009b
Revises: 0009a
"""
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009b'
down_revision: str | None = '0009a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'delegation_order',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('order_date', sa.Date(), nullable=False),
        sa.Column('position_id', sa.Integer(), nullable=False),
        sa.Column('permission', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('limit_amount', sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('revoked', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['position_id'], ['position.id']),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id']),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_delegation_order_org_id', 'delegation_order', ['org_id'])
    op.create_index('ix_delegation_order_position', 'delegation_order', ['position_id', 'valid_from'])
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approval_order_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_voucher_approval_order_id', 'delegation_order', ['approval_order_id'], ['id'])
    _orders_from_the_old_rule()


def _orders_from_the_old_rule() -> None:
    """Each organisation's approve_limit.chief_administrator becomes an order for its ปลัด seat(s)."""
    bind = op.get_bind()
    rules = bind.execute(sa.text("SELECT org_id, value, effective_from FROM finance_rule "
                                 "WHERE key = 'approve_limit.chief_administrator'")).all()
    for org_id, value, effective_from in rules:
        seats = bind.execute(sa.text("SELECT DISTINCT positionrole.position_id FROM positionrole "
                                     "JOIN position ON position.id = positionrole.position_id "
                                     "WHERE positionrole.org_id = :org AND positionrole.role_key = "
                                     "'chief_administrator' AND position.is_head = false AND position.title LIKE "
                                     "'ปลัด%'"), {'org': org_id}).all()
        for (position_id,) in seats:
            bind.execute(sa.text(
                "INSERT INTO delegation_order (org_id, version, created_at, number, order_date, position_id, "
                "permission, limit_amount, valid_from, note, revoked) VALUES (:org, 1, CURRENT_TIMESTAMP, '-', "
                ":on, :position, 'elaas.voucher.approve', :limit, :on, :note, false)"),
                {'org': org_id, 'on': effective_from or date(2000, 1, 1), 'position': position_id, 'limit': value,
                 'note': 'จากกฎการเงิน approve_limit.chief_administrator (ปรับปรุงระบบ) กรุณาบันทึกเลขที่คำสั่งจริง'})
    bind.execute(sa.text("DELETE FROM finance_rule WHERE key = 'approve_limit.chief_administrator'"))


def downgrade() -> None:
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_constraint('fk_voucher_approval_order_id', type_='foreignkey')
        batch_op.drop_column('approval_order_id')
    op.drop_index('ix_delegation_order_position', table_name='delegation_order')
    op.drop_index('ix_delegation_order_org_id', table_name='delegation_order')
    op.drop_table('delegation_order')
