"""Record versions, submission keys, and the invariants the schema holds

Every business row gets a version (a stale save is refused); a table of submissions already carried out (a
double-click makes one record); one journal per source document (reversals become their own source type), one
budget-line code per fiscal year, one edition in preparation per plan cycle.

Revision ID: 0007
Revises: 0006
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ('app_user', 'expense_class', 'finance_rule', 'fund_source', 'gl_account', 'number_counter',
             'posting_rule', 'program_code', 'revenue_class', 'role', 'attachment', 'budget', 'burned_number',
             'closed_period', 'division', 'form_draft', 'journal', 'plan_cycle', 'receipt', 'recoverycode',
             'resetcode', 'revenue_estimate', 'rolegrant', 'village', 'journal_line', 'office_document',
             'plan_edition', 'plan_node', 'voucher', 'workunit', 'office_citizen_request', 'office_document_link',
             'office_route_step', 'plan_equipment', 'plan_project', 'position', 'action_plan_item', 'budget_line',
             'position_assignment', 'positionrole', 'project_progress', 'budget_transfer', 'commitment',
             'voucher_line')
OPEN_EDITION = "status IN ('draft', 'submitted', 'reviewed')"


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.create_table(
        'submission',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=80), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=True),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id']),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'key', name='uq_submission_key'),
    )
    op.create_index('ix_submission_org_id', 'submission', ['org_id'])
    # reversals posted before this revision carried their original's source: the later ones become '<type>-rev'
    op.execute("UPDATE journal SET source_type = source_type || '-rev' WHERE source_id IS NOT NULL "
               "AND source_type NOT LIKE '%-rev' AND id NOT IN (SELECT MIN(id) FROM journal "
               "WHERE source_id IS NOT NULL GROUP BY org_id, source_type, source_id)")
    op.create_index('uq_journal_source', 'journal', ['org_id', 'source_type', 'source_id'], unique=True)
    op.create_index('uq_budget_line_code', 'budget_line', ['org_id', 'fiscal_year', 'code'], unique=True)
    op.create_index('uq_plan_edition_open', 'plan_edition', ['cycle_id'], unique=True,
                    sqlite_where=sa.text(OPEN_EDITION), postgresql_where=sa.text(OPEN_EDITION))


def downgrade() -> None:
    op.drop_index('uq_plan_edition_open', 'plan_edition')
    op.drop_index('uq_budget_line_code', 'budget_line')
    op.drop_index('uq_journal_source', 'journal')
    op.drop_index('ix_submission_org_id', 'submission')
    op.drop_table('submission')
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
