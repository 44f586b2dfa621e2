"""elaas: a finance rule cites where it comes from (clause); a limit may be left blank (no limit); the seeded
placeholders are replaced: the นายก's limit of 999,999,999,999 from 1 Jan 2000 becomes no limit from the 2566 finance
regulation, and receipts per book (the LAO's own setting) starts with the LAO's first fiscal year

Revision ID: 0015f
Revises: 0014a
"""
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015f'
down_revision: str | None = '0014a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACEHOLDER = date(2000, 1, 1)
EXECUTIVE_CLAUSE = ('ระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน การฝากเงิน การเก็บรักษาเงิน และการตรวจเงิน'
                    'ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2566 (ผู้บริหารท้องถิ่นอนุมัติการเบิกจ่ายเงิน '
                    'มอบอำนาจให้ปลัดได้โดยคำสั่ง)')
OWN_CLAUSE = 'ค่าของ อปท. เอง ตามเล่มใบเสร็จรับเงินที่สั่งพิมพ์ (ไม่ใช่ระเบียบ)'
CITED = {  # the other seeded rules, as seeded from now on: (key, effective_from) -> (description, clause)
    ('personnel_cap_pct', date(1999, 11, 17)): (
        'ค่าใช้จ่ายด้านการบริหารงานบุคคลไม่เกินร้อยละของงบประมาณรายจ่ายประจำปี',
        'พ.ร.บ.ระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. 2542 มาตรา 35 (ใช้บังคับตั้งแต่ 17 พฤศจิกายน 2542)'),
    ('budget_deficit_refused', date(2020, 9, 30)): (
        'ร่างข้อบัญญัติที่ประมาณการรายจ่ายสูงกว่าประมาณการรายรับ: 1 = ไม่ให้เสนอสภา 0 = เตือนพร้อมตัวเลข',
        'ระเบียบกระทรวงมหาดไทยว่าด้วยวิธีการงบประมาณขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2563 (หลักงบประมาณสมดุล)'),
}


def upgrade() -> None:
    with op.batch_alter_table('finance_rule', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clause', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False,
                                      server_default=''))
        batch_op.alter_column('value', existing_type=sa.Numeric(14, 2), nullable=True)
    rule = sa.table('finance_rule', sa.column('id', sa.Integer), sa.column('org_id', sa.Integer),
                    sa.column('key', sa.String), sa.column('value', sa.Numeric), sa.column('effective_from', sa.Date),
                    sa.column('description', sa.String), sa.column('clause', sa.String))
    receipt = sa.table('receipt', sa.column('org_id', sa.Integer), sa.column('receipt_date', sa.Date))
    conn = op.get_bind()
    conn.execute(sa.update(rule).where(rule.c.key == 'approve_limit.executive',
                                       rule.c.effective_from == PLACEHOLDER).values(
        value=None, effective_from=date(2023, 8, 4), description='วงเงินอนุมัติฎีกาของนายก (ว่าง: ไม่จำกัดวงเงิน)',
        clause=EXECUTIVE_CLAUSE))
    for (key, since), (description, clause) in CITED.items():
        conn.execute(sa.update(rule).where(rule.c.key == key, rule.c.effective_from == since, rule.c.clause == '')
                     .values(description=description, clause=clause))
    # receipts per book, the LAO's own: from the first day of the fiscal year of its first receipt (or this year's)
    firsts = dict(conn.execute(sa.select(receipt.c.org_id, sa.func.min(receipt.c.receipt_date))
                               .group_by(receipt.c.org_id)).all())
    for rule_id, org_id in conn.execute(sa.select(rule.c.id, rule.c.org_id).where(
            rule.c.key == 'receipts_per_book', rule.c.effective_from == PLACEHOLDER)).all():
        first = firsts.get(org_id) or date.today()
        first = date.fromisoformat(first) if isinstance(first, str) else first
        start = date(first.year if first.month >= 10 else first.year - 1, 10, 1)
        conn.execute(sa.update(rule).where(rule.c.id == rule_id).values(effective_from=start, clause=OWN_CLAUSE))


def downgrade() -> None:
    rule = sa.table('finance_rule', sa.column('key', sa.String), sa.column('value', sa.Numeric))
    op.get_bind().execute(sa.update(rule).where(rule.c.value.is_(None)).values(value=999999999999))
    with op.batch_alter_table('finance_rule', schema=None) as batch_op:
        batch_op.alter_column('value', existing_type=sa.Numeric(14, 2), nullable=False)
        batch_op.drop_column('clause')
