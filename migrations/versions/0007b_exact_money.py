"""exact money: integer satang on SQLite, NUMERIC(14,2) on PostgreSQL

Revision ID: 0007b
Revises: 0007
Create Date: 2026-11-24 09:00:00

SQLite: every money column held REAL floats (its NUMERIC affinity) or integers (a float with no fraction); each
value becomes an integer count of satang, a float through its shortest text (repr) rounded half-even at 2 places,
so 999999999999.99 stays 999999999999.99 and no satang is lost. The declared column type stays NUMERIC: SQLite keeps
integers as INTEGER under that affinity, and re-creating tables that other tables reference is not safe with
foreign keys enforced. A value outside ±999,999,999,999.99 cannot be held exactly: the migration stops and names
it rather than keep a wrong number.

PostgreSQL: the columns are NUMERIC(14,2) already; finance_rule.value narrows from NUMERIC(16,2) to the one range.
"""
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import sqlalchemy as sa
from alembic import op

revision: str = '0007b'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The money columns as of 0006 (a migration names its own tables, not today's models).
MONEY_COLUMNS: dict[str, tuple[str, ...]] = {
    'finance_rule': ('value',),
    'budget': ('estimated_revenue',),
    'budget_line': ('approved', 'transfer_in', 'transfer_out', 'committed', 'disbursed'),
    'revenue_estimate': ('amount',),
    'budget_transfer': ('amount',),
    'commitment': ('amount', 'used'),
    'voucher': ('gross', 'wht', 'net'),
    'voucher_line': ('amount',),
    'receipt': ('amount',),
    'journal': ('amount',),
    'journal_line': ('debit', 'credit'),
    'plan_project': ('budget_y1', 'budget_y2', 'budget_y3', 'budget_y4', 'budget_y5', 'kpi_target'),
    'plan_equipment': ('budget_y1', 'budget_y2', 'budget_y3', 'budget_y4', 'budget_y5'),
    'action_plan_item': ('budget',),
    'project_progress': ('kpi_actual',),
}
LIMIT = Decimal('999999999999.99')
CENT = Decimal('0.01')


def _satang(table: str, column: str, row_id: int, value) -> int:
    try:
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        amount = Decimal('NaN')
    if not amount.is_finite() or abs(amount) > LIMIT:
        raise RuntimeError(f'{table}.{column} id {row_id}: {value!r} is not an amount NUMERIC(14,2) holds '
                           f'(±{LIMIT}); correct or remove it, then start again')
    return int(amount.quantize(CENT, rounding=ROUND_HALF_EVEN).scaleb(2))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        for row_id, value in bind.exec_driver_sql(f'SELECT id, value FROM finance_rule WHERE abs(value) > {LIMIT}'):
            _satang('finance_rule', 'value', row_id, value)  # names the row the narrower column cannot hold
        op.alter_column('finance_rule', 'value', type_=sa.Numeric(14, 2), existing_type=sa.Numeric(16, 2),
                        existing_nullable=False)
        return
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:
            # Floats and text one by one in Python (repr, half-even); integers in SQL, exactly, after a range check.
            rows = bind.exec_driver_sql(f'SELECT id, "{column}" FROM "{table}" WHERE typeof("{column}") IN '
                                        f'(\'real\', \'text\') OR abs("{column}") > {LIMIT}').all()
            converted = [(_satang(table, column, row_id, value), row_id) for row_id, value in rows]
            bind.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = "{column}" * 100 '
                                 f'WHERE typeof("{column}") = \'integer\'')
            if converted:
                bind.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', converted)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        op.alter_column('finance_rule', 'value', type_=sa.Numeric(16, 2), existing_type=sa.Numeric(14, 2),
                        existing_nullable=False)
        return
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:
            bind.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = "{column}" / 100.0 '
                                 f'WHERE "{column}" IS NOT NULL')
