"""budget transfers by the rule: the kind (ordinary, to a new item, a capital item changed), the new item a council
transfer sets up, the council's resolution and date; a transfer to a new item has no target line until approved.

Revision ID: 0012j
Revises: 0012i
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012j'
down_revision: str | None = '0012i'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ('kind', lambda: sa.Column('kind', sa.String(length=20), nullable=False, server_default='ordinary')),
    ('changes_capital', lambda: sa.Column('changes_capital', sa.Boolean(), nullable=False,
                                          server_default=sa.false())),
    ('new_item', lambda: sa.Column('new_item', sa.String(length=500), nullable=False, server_default='')),
    ('new_work_code', lambda: sa.Column('new_work_code', sa.String(length=10), nullable=False, server_default='')),
    ('new_type_code', lambda: sa.Column('new_type_code', sa.String(length=10), nullable=False, server_default='')),
    ('new_project_id', lambda: sa.Column('new_project_id', sa.Integer(), sa.ForeignKey('plan_project.id', name='fk_budget_transfer_new_project_id'),
                                         nullable=True)),
    ('council_resolution', lambda: sa.Column('council_resolution', sa.String(length=200), nullable=False,
                                             server_default='')),
    ('council_date', lambda: sa.Column('council_date', sa.Date(), nullable=True)),
)


def upgrade() -> None:
    # nothing points at budget_transfer, so SQLite may copy it to loosen to_line_id
    with op.batch_alter_table('budget_transfer') as batch:
        for _, column in COLUMNS:
            batch.add_column(column())
        batch.alter_column('to_line_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute(sa.text('DELETE FROM budget_transfer WHERE to_line_id IS NULL'))
    with op.batch_alter_table('budget_transfer') as batch:
        batch.alter_column('to_line_id', existing_type=sa.Integer(), nullable=False)
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
