"""The fence: PostgreSQL row-level security keeps the LAOs of one install apart even where a query forgets its
organisation filter (migrations/fence.py, core/db.py). PostgreSQL only: these run in .ci/run's PostgreSQL pass
(TEST_DATABASE_URL); on SQLite there is no fence to test, and no statement is added (the last test)."""

import asyncio
import os
import threading

import pytest
from nicegui import run
from sqlalchemy import create_engine, event, func, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool
from sqlmodel import select

from core import auth, db, settings
from core.demo import DEMO_PASSWORD
from core.structure import create_organization
from helpers import principal
from models.org import Division, Organization, User

PG_URL = os.environ.get('TEST_DATABASE_URL', '')
postgres_only = pytest.mark.skipif(not PG_URL, reason='PostgreSQL row-level security: runs in the PostgreSQL pass '
                                   '(.ci/run sets TEST_DATABASE_URL); SQLite has no fence')
RUNTIME_ROLE, RUNTIME_PASSWORD = 'lao_fence_app', 'lao_fence_app'
SECOND = dict(name='องค์การบริหารส่วนตำบลจอหอ', dla_code='6300112', lao_type='subdistrict_admin_org', size='medium',
              province_code='30', district_name='เมืองนครราชสีมา')


def _ensure_runtime_role() -> None:
    admin = create_engine(make_url(PG_URL).set(database='postgres'), isolation_level='AUTOCOMMIT', poolclass=NullPool)
    with admin.connect() as conn:
        if not conn.execute(text('SELECT 1 FROM pg_roles WHERE rolname = :r'), {'r': RUNTIME_ROLE}).first():
            conn.execute(text(f"CREATE ROLE {RUNTIME_ROLE} LOGIN PASSWORD '{RUNTIME_PASSWORD}' NOBYPASSRLS"))
    admin.dispose()


@pytest.fixture
def two_laos(fresh_database, monkeypatch) -> tuple[int, int]:
    """The demo LAO and a second one in the same database; then the app runs as a role that is neither the owner
    nor BYPASSRLS (the owner still migrates). Returns both organisations' ids."""
    with db.session_scope(write=True) as session:
        first = session.exec(select(Organization.id)).one()
        second, _ = create_organization(session, **SECOND)
        second = second.id
    _ensure_runtime_role()
    runtime = make_url(fresh_database).set(username=RUNTIME_ROLE, password=RUNTIME_PASSWORD) \
        .render_as_string(hide_password=False)
    monkeypatch.setenv('DATABASE_OWNER_URL', fresh_database)
    monkeypatch.setenv('DATABASE_URL', runtime)
    db.engine().dispose()
    settings.configure()
    db.migrate()  # as the owner, granting the runtime role its tables
    db.init()
    monkeypatch.setattr(db, 'tests_own', None)  # no help for this test's own checks either: the fence as in use
    token = db._tenant.set(((), False))  # noqa: SLF001 - a clean start: this test's thread acts for no one yet
    yield first, second
    db._tenant.reset(token)  # noqa: SLF001


def _owner_counts(owner_url: str, table: str) -> dict[int, int]:
    engine = create_engine(owner_url, poolclass=NullPool)
    with engine.connect() as conn:
        rows = conn.execute(text(f'SELECT org_id, count(*) FROM {table} GROUP BY org_id')).all()
    engine.dispose()
    return dict(rows)


def _org_tables(session) -> list[str]:
    return list(session.exec(text(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'org_id' "
        "ORDER BY table_name")).scalars())


@postgres_only
def test_every_table_with_an_org_column_is_fenced_and_forced():
    """A table added later without `fence(op, table)` in its migration fails here."""
    with db.session_scope() as session:
        tables = _org_tables(session)
        state = {name: (rls, force) for name, rls, force in session.exec(text(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")).all()}
        policies = {(table, name) for table, name in session.exec(text(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")).all()}
    assert len(tables) > 50
    unfenced = [t for t in tables if state[t] != (True, True) or (t, 'fence_tenant') not in policies]
    assert unfenced == [], f'tables with org_id but no FORCEd fence (call migrations.fence.fence): {unfenced}'
    assert state['organization'] == (True, True)


@postgres_only
def test_a_query_without_a_tenant_sees_nothing(two_laos):
    with db.session_scope() as session:
        role = session.exec(text('SELECT rolname, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user'))
        assert tuple(role.one()) == (RUNTIME_ROLE, False, False)
        assert session.exec(select(Division)).all() == []
        assert session.exec(select(User)).all() == []
        for table in _org_tables(session):
            assert session.exec(text(f'SELECT count(*) FROM {table}')).scalar_one() == 0, table
        assert len(session.exec(select(Organization)).all()) == 2  # the list of LAOs is not a tenant's data


@postgres_only
def test_a_tenant_sees_only_its_own_rows_also_through_raw_sql(two_laos, fresh_database):
    first, second = two_laos
    owner = _owner_counts(fresh_database, 'division')
    assert owner[first] and owner[second]
    for org in (first, second):
        with db.tenant((org,)), db.session_scope() as session:
            raw = session.exec(text('SELECT org_id, count(*) FROM division GROUP BY org_id')).all()
            assert dict(raw) == {org: owner[org]}
            assert {d.org_id for d in session.exec(select(Division)).all()} == {org}
            assert {u.org_id for u in session.exec(select(User)).all()} <= {org}
    with db.tenant((first, second)), db.session_scope() as session:  # a reader of several LAOs gets the set
        assert dict(session.exec(text('SELECT org_id, count(*) FROM division GROUP BY org_id')).all()) == owner


@postgres_only
def test_a_principal_acts_for_its_own_lao_only(two_laos):
    first, _ = two_laos
    with db.tenant((first,)):
        palad = principal('palad')
    assert palad.tenant == (first,)
    db.set_tenant(())
    palad.can('core.village.view')  # a service's permission check acts for the principal's LAO
    assert db.tenant_ids() == (first,)
    with db.session_scope() as session:
        assert {d.org_id for d in session.exec(select(Division)).all()} == {first}


@postgres_only
def test_a_write_into_another_tenant_is_refused_by_the_database(two_laos):
    first, second = two_laos
    with db.tenant((first,)):
        with pytest.raises(ProgrammingError, match='row-level security'), db.session_scope(write=True) as session:
            session.exec(text("INSERT INTO village (org_id, number, name, head_name, households, population, "
                              "version, created_at) VALUES (:o, 99, 'บ้านแทรก', '', 0, 0, 1, now())"),
                         params={'o': second})
        with db.session_scope(write=True) as session:  # another LAO's rows: not even there to change or delete
            assert session.exec(text("UPDATE division SET name = 'ถูกแก้' WHERE org_id = :o"),
                                params={'o': second}).rowcount == 0
            assert session.exec(text('DELETE FROM position_assignment WHERE org_id = :o'),
                                params={'o': second}).rowcount == 0
        with pytest.raises(ProgrammingError, match='row-level security'), db.session_scope(write=True) as session:
            session.exec(text('UPDATE division SET org_id = :o WHERE org_id = :mine'),
                         params={'o': second, 'mine': first})  # moving a row out of the tenant


@postgres_only
def test_signing_in_finds_the_account_before_its_lao_is_known(two_laos):
    first, _ = two_laos
    result = auth.login('palad', DEMO_PASSWORD, '10.0.0.1')
    assert result.ok and result.org_id == first
    assert not auth.login('palad', 'wrong', '10.0.0.1').ok  # the failure is recorded within the account's LAO
    assert not auth.login('nobody', 'wrong', '10.0.0.1').ok  # an unknown name: an install-level row
    with db.tenant(sign_in=True), db.session_scope() as session:  # the exception reads accounts, nothing else
        assert session.exec(select(func.count()).select_from(User)).one() > 0
        assert session.exec(select(Division)).all() == []


@postgres_only
def test_two_calls_on_one_pool_thread_do_not_share_a_tenant(two_laos):
    """NiceGUI's pool runs each call in its caller's context: a tenant set by one call (a principal's check) is
    gone for the next call on the same thread, and a page's tenant reaches its own calls only."""
    first, second = two_laos
    from pages import patches
    patches.install()  # as main.build() does
    threads = []

    def sees(set_to: tuple[int, ...] | None = None) -> set[int]:
        threads.append(threading.get_ident())
        if set_to is not None:
            db.set_tenant(set_to)
        with db.session_scope() as session:
            return set(session.exec(text('SELECT DISTINCT org_id FROM division')).scalars())

    async def flow() -> list[set[int]]:
        pool_size = run.thread_pool._max_workers  # noqa: SLF001
        found = [await run.io_bound(sees, (first,))]
        found += [await run.io_bound(sees) for _ in range(pool_size + 1)]  # some of them on the first call's thread

        async def page_of(org: int) -> set[int]:
            db.set_tenant((org,))  # as the shell does for a page's task
            return await run.io_bound(sees)
        found += await asyncio.gather(page_of(first), page_of(second))
        found.append(await run.io_bound(sees))
        return found

    found = asyncio.run(flow())
    assert found[0] == {first}
    assert all(seen == set() for seen in found[1:-3])
    assert found[-3:] == [{first}, {second}, set()]
    assert threads[0] in threads[1:]  # the same pool thread served a later call


def test_sqlite_gets_no_extra_statement_and_postgresql_one_per_transaction():
    statements = []

    def note(conn, cursor, statement, *_):
        statements.append(statement)

    event.listen(db.engine(), 'before_cursor_execute', note)  # every statement (counted() leaves the tenant out)
    try:
        with db.tenant((1,)), db.session_scope() as session:
            session.exec(select(Organization.id)).all()
    finally:
        event.remove(db.engine(), 'before_cursor_execute', note)
    tenants = [s for s in statements if 'set_config' in s]
    assert len(tenants) == (1 if PG_URL else 0)
