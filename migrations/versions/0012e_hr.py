"""hr: the personnel register and its history (salary, education, decorations, training, discipline), the holiday
calendar, leave requests and the append-only leave ledger

Revision ID: 0012e
Revises: 0012k
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from models.types import Money

revision: str = '0012e'
down_revision: str | None = '0012k'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_TABLES = ('hr_discipline', 'hr_decoration', 'hr_education', 'hr_training', 'hr_leave_ledger', 'hr_salary',
           'hr_leave_request', 'hr_person', 'hr_holiday')


def upgrade() -> None:
    op.create_table('hr_holiday',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holiday_date', sa.Date(), nullable=False),
    sa.Column('name', _TEXT(length=200), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'holiday_date', name='uq_hr_holiday_date')
    )
    op.create_index('ix_hr_holiday_org_id', 'hr_holiday', ['org_id'])

    op.create_table('hr_person',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', _TEXT(length=13), nullable=False),
    sa.Column('title', _TEXT(length=40), nullable=False),
    sa.Column('first_name', _TEXT(length=100), nullable=False),
    sa.Column('last_name', _TEXT(length=100), nullable=False),
    sa.Column('full_name', _TEXT(length=250), nullable=False),
    sa.Column('former_names', _TEXT(length=300), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('phone', _TEXT(length=40), nullable=False),
    sa.Column('email', _TEXT(length=200), nullable=False),
    sa.Column('address', _TEXT(length=500), nullable=False),
    sa.Column('category', _TEXT(length=30), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('position_number', _TEXT(length=40), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('service_start', sa.Date(), nullable=False),
    sa.Column('lao_start', sa.Date(), nullable=True),
    sa.Column('position_start', sa.Date(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['position_id'], ['position.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'citizen_id', name='uq_hr_person_citizen_id')
    )
    op.create_index('ix_hr_person_division_id', 'hr_person', ['division_id'])
    op.create_index('ix_hr_person_org_id', 'hr_person', ['org_id'])
    op.create_index('ix_hr_person_owner_id', 'hr_person', ['owner_id'])
    op.create_index('ix_hr_person_position_id', 'hr_person', ['position_id'])

    op.create_table('hr_leave_request',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('leave_type', _TEXT(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('start_half', sa.Boolean(), nullable=False),
    sa.Column('end_half', sa.Boolean(), nullable=False),
    sa.Column('halves', sa.Integer(), nullable=False),
    sa.Column('days', _TEXT(length=10), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('reason', _TEXT(length=500), nullable=False),
    sa.Column('contact', _TEXT(length=300), nullable=False),
    sa.Column('route', _TEXT(length=40), nullable=False),
    sa.Column('status', _TEXT(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('note', _TEXT(length=500), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_leave_request_division_id', 'hr_leave_request', ['division_id'])
    op.create_index('ix_hr_leave_request_org_id', 'hr_leave_request', ['org_id'])
    op.create_index('ix_hr_leave_request_owner_id', 'hr_leave_request', ['owner_id'])
    op.create_index('ix_hr_leave_request_person_dates', 'hr_leave_request', ['person_id', 'start_date'])

    op.create_table('hr_salary',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('salary', Money(precision=14, scale=2), nullable=False),
    sa.Column('level', _TEXT(length=40), nullable=False),
    sa.Column('order_ref', _TEXT(length=100), nullable=False),
    sa.Column('note', _TEXT(length=300), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_salary_org_id', 'hr_salary', ['org_id'])
    op.create_index('ix_hr_salary_person_id', 'hr_salary', ['person_id'])

    op.create_table('hr_leave_ledger',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('leave_type', _TEXT(length=20), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('kind', _TEXT(length=20), nullable=False),
    sa.Column('halves', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('reason', _TEXT(length=300), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('dedupe_key', _TEXT(length=80), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['hr_leave_request.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'dedupe_key', name='uq_hr_leave_ledger_key')
    )
    op.create_index('ix_hr_leave_ledger_balance', 'hr_leave_ledger', ['person_id', 'leave_type', 'fiscal_year'])
    op.create_index('ix_hr_leave_ledger_org_id', 'hr_leave_ledger', ['org_id'])
    op.create_index('ix_hr_leave_ledger_request_id', 'hr_leave_ledger', ['request_id'])
    op.create_table('hr_training',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course', _TEXT(length=300), nullable=False),
    sa.Column('organiser', _TEXT(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('venue', _TEXT(length=200), nullable=False),
    sa.Column('cost', Money(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_training_org_id', 'hr_training', ['org_id'])
    op.create_index('ix_hr_training_person_id', 'hr_training', ['person_id'])

    op.create_table('hr_education',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('degree', _TEXT(length=200), nullable=False),
    sa.Column('major', _TEXT(length=200), nullable=False),
    sa.Column('institution', _TEXT(length=200), nullable=False),
    sa.Column('graduated_year', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_education_org_id', 'hr_education', ['org_id'])
    op.create_index('ix_hr_education_person_id', 'hr_education', ['person_id'])

    op.create_table('hr_decoration',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decoration', _TEXT(length=200), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('gazette_ref', _TEXT(length=200), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_decoration_org_id', 'hr_decoration', ['org_id'])
    op.create_index('ix_hr_decoration_person_id', 'hr_decoration', ['person_id'])

    op.create_table('hr_discipline',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case', _TEXT(length=500), nullable=False),
    sa.Column('penalty', _TEXT(length=200), nullable=False),
    sa.Column('order_ref', _TEXT(length=100), nullable=False),
    sa.Column('order_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['hr_person.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_hr_discipline_org_id', 'hr_discipline', ['org_id'])
    op.create_index('ix_hr_discipline_person_id', 'hr_discipline', ['person_id'])

    _append_only('hr_leave_ledger')


def _append_only(table: str) -> None:
    """The ledger is append-only in the schema too: an UPDATE or DELETE of an entry fails (corrections are new
    adjustment entries)."""
    if op.get_bind().dialect.name == 'sqlite':
        for event in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    else:
        # OR REPLACE: a demo reset drops the tables (and their triggers) but not the function
        op.execute(f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"RAISE EXCEPTION '{table} is append-only'; END $$")
        op.execute(f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} '
                   f'FOR EACH ROW EXECUTE FUNCTION {table}_append_only()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.execute('DROP TRIGGER IF EXISTS hr_leave_ledger_append_only ON hr_leave_ledger')
        op.execute('DROP FUNCTION IF EXISTS hr_leave_ledger_append_only()')
    for table in _TABLES:
        op.drop_table(table)
