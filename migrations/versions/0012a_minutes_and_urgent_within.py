"""e-Office: the fields of รายงานการประชุม, the date and time of ด่วนภายใน, the addressee's address

Adds office_document.recipient_address (printed on the envelope), urgent_date and urgent_time (ด่วนภายใน: the day
and time a letter must reach its addressee) and the minutes' fields of แบบที่ 11 (meeting_place, meeting_start,
meeting_end, attendees, absentees, participants, agenda, checker_name, checker_position). Existing papers get them
empty.

Revision ID: 0012a
Revises: 0011c
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012a'
down_revision: str | None = '0011c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXTS = (('recipient_address', 1000), ('urgent_time', 5), ('meeting_place', 300), ('meeting_start', 5),
         ('meeting_end', 5), ('attendees', 8000), ('absentees', 4000), ('participants', 4000), ('agenda', 20000),
         ('checker_name', 200), ('checker_position', 300))


def upgrade() -> None:
    with op.batch_alter_table('office_document') as batch:
        batch.add_column(sa.Column('urgent_date', sa.Date(), nullable=True))
        for name, length in TEXTS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=''))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch copy of office_document would drop the table the
    # route steps, links and citizen requests point at
    for name, _length in reversed(TEXTS):
        op.drop_column('office_document', name)
    op.drop_column('office_document', 'urgent_date')
