"""the ordinance's path: the council's readings, sending to and endorsement by the นายอำเภอ / ผู้ว่าราชการจังหวัด; the
finance rule on an unbalanced draft for every LAO.

Revision ID: 0012k
Revises: 0012j
"""
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = '0012k'
down_revision: str | None = '0012j'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATES = ('first_reading_on', 'second_reading_on', 'sent_on', 'endorsed_on')
RULE = ('budget_deficit_refused', 0, date(2020, 9, 30),
        'ร่างข้อบัญญัติที่ประมาณการรายจ่ายสูงกว่าประมาณการรายรับ: 1 = ไม่ให้เสนอสภา 0 = เตือนพร้อมตัวเลข '
        '(หลักงบประมาณสมดุล ระเบียบวิธีการงบประมาณ พ.ศ. 2563)')


def upgrade() -> None:
    for column in DATES:  # plain ALTER TABLE … ADD COLUMN: budget lines point at nothing here, but keep it cheap
        op.add_column('budget', sa.Column(column, sa.Date(), nullable=True))
    bind = op.get_bind()
    rule = sa.table('finance_rule', sa.column('org_id', sa.Integer), sa.column('key', sa.String),
                    sa.column('value', sa.Numeric(14, 2)), sa.column('effective_from', sa.Date),
                    sa.column('description', sa.String))
    key, value, since, text = RULE
    for (org_id,) in bind.execute(sa.text('SELECT id FROM organization')).all():
        if bind.execute(sa.text('SELECT 1 FROM finance_rule WHERE org_id = :o AND key = :k'),
                        {'o': org_id, 'k': key}).first() is None:
            op.bulk_insert(rule, [dict(org_id=org_id, key=key, value=value, effective_from=since, description=text)])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM finance_rule WHERE key = 'budget_deficit_refused'"))
    for column in reversed(DATES):
        op.drop_column('budget', column)
