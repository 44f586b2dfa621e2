"""The fence: PostgreSQL row-level security, FORCEd, on every table with an org_id column; organization's rows
readable by all (the list of LAOs), changed only within the tenant. A no-op on SQLite. See migrations/fence.py.

Revision ID: 0015d
Revises: 0015e
"""
from collections.abc import Sequence

from alembic import op

from migrations.fence import TENANT, fence, unfence

revision: str = '0015d'
down_revision: str | None = '0015e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the tables with an org_id column at this revision; later migrations fence their own new tables
TABLES = (
    'action_plan_item', 'app_user', 'attachment', 'audit_event', 'board_answer', 'board_question', 'budget',
    'budget_line', 'budget_transfer', 'burned_number', 'cash_deposit', 'closed_period', 'commitment',
    'deadline_override', 'delegation_order', 'division', 'egp_announcement', 'egp_appeal', 'egp_bid',
    'egp_committee_member', 'egp_contract', 'egp_inspection_decision', 'egp_installment', 'egp_plan_item',
    'egp_procurement', 'egp_vendor', 'expense_class', 'finance_rule', 'form_draft', 'fund_source', 'g2g_package', 'gl_account',
    'hr_decoration', 'hr_discipline', 'hr_education', 'hr_holiday', 'hr_leave_ledger', 'hr_leave_request',
    'hr_person', 'hr_salary', 'hr_training', 'import_choice', 'info_figure', 'journal', 'journal_line',
    'library_entry', 'lpa_score', 'number_counter', 'office_citizen_request', 'office_document',
    'office_document_link', 'office_route_step', 'plan_cycle', 'plan_edition', 'plan_equipment', 'plan_node',
    'plan_project', 'position', 'position_assignment', 'positionrole', 'posting_rule', 'program_code',
    'project_progress', 'public_site', 'quiz_attempt', 'receipt', 'recoverycode', 'report_filing', 'resetcode', 'revenue_class',
    'revenue_estimate', 'role', 'rolegrant', 'sign_in_failure', 'submission', 'survey_response', 'village', 'voucher',
    'voucher_line', 'workunit',
)
SIGN_IN = {'app_user', 'sign_in_failure'}  # found by username before the account's organisation is known
INSTALL_ROWS = {'audit_event', 'sign_in_failure'}  # org_id NULL: the install's own chain and unknown usernames


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        fence(op, table, sign_in=table in SIGN_IN, install_rows=table in INSTALL_ROWS)
    # organization: the list of LAOs is read before any tenant (sign-in, the citizen e-service, first set-up) and a
    # new LAO is created before it can be a tenant; its settings change only within the tenant
    mine = f'id = ANY ({TENANT})'
    op.execute('ALTER TABLE organization ENABLE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE organization FORCE ROW LEVEL SECURITY')
    op.execute('CREATE POLICY fence_registry_read ON organization FOR SELECT USING (true)')
    op.execute('CREATE POLICY fence_registry_new ON organization FOR INSERT WITH CHECK (true)')
    op.execute(f'CREATE POLICY fence_tenant_update ON organization FOR UPDATE USING ({mine}) WITH CHECK ({mine})')
    op.execute(f'CREATE POLICY fence_tenant_delete ON organization FOR DELETE USING ({mine})')
    op.execute('CREATE POLICY fence_owner ON organization TO CURRENT_USER USING (true) WITH CHECK (true)')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        unfence(op, table)
    for policy in ('fence_registry_read', 'fence_registry_new', 'fence_tenant_update', 'fence_tenant_delete',
                   'fence_owner'):
        op.execute(f'DROP POLICY IF EXISTS {policy} ON organization')
    op.execute('ALTER TABLE organization NO FORCE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE organization DISABLE ROW LEVEL SECURITY')
