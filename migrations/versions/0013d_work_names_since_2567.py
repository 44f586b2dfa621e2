"""The งาน of the budget classification as real ordinances name them since fiscal year 2567: two new งาน
(00114 งานควบคุมภายในและการตรวจสอบภายใน, 00124 งานจราจร) and two renamed (00123 งานป้องกันและบรรเทาสาธารณภัย,
00312 งานก่อสร้าง; their former names stay matched by imports through assets/codes/former_names.csv).

Every LAO gets the new งาน it lacks; a renamed งาน is renamed only where the LAO still has the seeded name, so a
name an administrator changed is kept.

Revision ID: 0013d
Revises: 0012d
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013d'
down_revision: str | None = '0012d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# frozen here: the assets change, this migration must not
ADDED = [('00114', 'งานควบคุมภายในและการตรวจสอบภายใน', '00110', '00113'),  # (code, name, parent, placed after)
         ('00124', 'งานจราจร', '00120', '00123')]
RENAMED = [('00123', 'งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย', 'งานป้องกันและบรรเทาสาธารณภัย'),
           ('00312', 'งานก่อสร้างโครงสร้างพื้นฐาน', 'งานก่อสร้าง')]


def _rename(pairs: list[tuple[str, str, str]]) -> None:
    for code, old, new in pairs:
        op.execute(sa.text('UPDATE program_code SET name = :new WHERE code = :code AND name = :old')
                   .bindparams(code=code, old=old, new=new))


def upgrade() -> None:
    conn = op.get_bind()
    for code, name, parent, after in ADDED:
        rows = conn.execute(sa.text(
            'SELECT o.id, (SELECT p.sort_order FROM program_code p WHERE p.org_id = o.id AND p.code = :after) '
            'FROM organization o WHERE NOT EXISTS '
            '(SELECT 1 FROM program_code p WHERE p.org_id = o.id AND p.code = :code)'),
            {'after': after, 'code': code}).all()
        for org_id, order in rows:
            conn.execute(sa.text(
                "INSERT INTO program_code (org_id, code, name, level, parent_code, sort_order, is_active) "
                "VALUES (:org, :code, :name, 'work', :parent, :sort, :active)"),
                {'org': org_id, 'code': code, 'name': name, 'parent': parent, 'sort': order or 0, 'active': True})
    _rename(RENAMED)


def downgrade() -> None:
    _rename([(code, new, old) for code, old, new in RENAMED])
    for code, _, _, _ in ADDED:
        op.execute(sa.text('DELETE FROM program_code WHERE code = :code').bindparams(code=code))
