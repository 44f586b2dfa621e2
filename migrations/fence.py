"""The fence: PostgreSQL row-level security on every table with an `org_id` column (the tenants' backstop).

Services and the kit already scope every query by the organisation; the fence makes the database refuse what a
forgotten filter would leak. Every migration that creates a table with an `org_id` column calls `fence(op, table)`
after creating it (tests/core/test_fence.py fails CI for a table without it). On SQLite it does nothing.

What a row needs to be seen or written, as policies (permissive: any one admits):
- `fence_tenant`: its org_id is in the transaction's tenant set, `app.org_ids` (comma-separated ids, set with
  `set_config(..., true)` by core/db.py for each transaction). Not set, or empty: no row (fail closed).
- `fence_owner`: the role that ran the migration (the schema owner: migrations, backups, restores) — named, so
  that under FORCE the owner reaches rows only through this policy; the application runs as another role that is
  neither the owner nor BYPASSRLS (settings DATABASE_OWNER_URL / DATABASE_URL).
- narrow exceptions, each for a read that must happen before a tenant is known:
  - `sign_in=True` (app_user, sign_in_failure): readable while `app.sign_in` is 'on' — finding an account by its
    username and counting its failures at sign-in, before the account's organisation is known (core/auth.py).
  - `install_rows=True` (audit_event, sign_in_failure): rows of no organisation (org_id NULL: the install's own
    audit chain 0, failures for unknown usernames) may be read and appended by anyone; never changed or deleted.
"""

TENANT = "string_to_array(nullif(current_setting('app.org_ids', true), ''), ',')::int[]"
SIGN_IN = "coalesce(current_setting('app.sign_in', true), '') = 'on'"
POLICIES = ('fence_tenant', 'fence_owner', 'fence_sign_in', 'fence_install_read', 'fence_install_write')


def _is_postgres(op) -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def fence(op, table: str, *, sign_in: bool = False, install_rows: bool = False) -> None:
    """Enable and FORCE row-level security on `table` with the tenant policy (PostgreSQL only)."""
    if not _is_postgres(op):
        return
    tenant = f'org_id = ANY ({TENANT})'
    op.execute(f'ALTER TABLE {table} ENABLE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE {table} FORCE ROW LEVEL SECURITY')
    op.execute(f'CREATE POLICY fence_tenant ON {table} USING ({tenant}) WITH CHECK ({tenant})')
    op.execute(f'CREATE POLICY fence_owner ON {table} TO CURRENT_USER USING (true) WITH CHECK (true)')
    if sign_in:
        op.execute(f'CREATE POLICY fence_sign_in ON {table} FOR SELECT USING ({SIGN_IN})')
    if install_rows:
        op.execute(f'CREATE POLICY fence_install_read ON {table} FOR SELECT USING (org_id IS NULL)')
        op.execute(f'CREATE POLICY fence_install_write ON {table} FOR INSERT WITH CHECK (org_id IS NULL)')


def unfence(op, table: str) -> None:
    """Undo `fence` (a downgrade)."""
    if not _is_postgres(op):
        return
    for policy in POLICIES:
        op.execute(f'DROP POLICY IF EXISTS {policy} ON {table}')
    op.execute(f'ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE {table} DISABLE ROW LEVEL SECURITY')


def grant_runtime(op, role: str) -> None:
    """Let the application's role (not the owner) use every table and sequence of the schema, now and later."""
    if not _is_postgres(op):
        return
    op.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}')
    op.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}')
