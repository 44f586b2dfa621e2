"""The audit chains: one keyed chain per organisation; edits, removals, tail deletions, re-hashed forgeries and a
missing or wrong key are all found and named (time, actor, action); each chain has its own lock."""

import hashlib
import os
import subprocess
import sys
import threading

import pytest
from sqlalchemy import text
from sqlmodel import select

from core import audit, auth, db
from core.settings import ROOT, get_settings
from core.structure import create_organization
from core.thai import format_datetime
from models.audit import AuditEvent


def _verify() -> audit.ChainCheck:
    with db.session_scope() as session:
        return audit.verify(session)


def _cli(database_url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ('PYTEST_CURRENT_TEST', 'NICEGUI_USER_SIMULATION')}
    env['DATABASE_URL'] = database_url
    return subprocess.run([sys.executable, 'main.py', 'verify-audit'], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _events() -> list[AuditEvent]:
    with db.session_scope() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())


def _second_org() -> int:
    with db.session_scope(write=True) as session:
        org, _ = create_organization(session, name='เทศบาลตำบลทดสอบ', dla_code='5300101',
                                     lao_type='subdistrict_municipality', size='small', province_code='30',
                                     district_name='เมืองนครราชสีมา')
        return org.id


def test_chain_is_intact_after_activity(fresh_database: str) -> None:
    auth.login('planner', 'demo1234')
    auth.login('planner', 'wrong')
    result = _verify()
    assert result.ok and result.checked > 3
    cli = _cli(fresh_database)
    assert cli.returncode == 0 and 'intact' in cli.stdout


def test_each_organisation_has_its_own_chain() -> None:
    other = _second_org()
    auth.login('planner', 'demo1234')
    events = _events()
    by_chain: dict[int, list[AuditEvent]] = {}
    for event in events:
        by_chain.setdefault(event.chain, []).append(event)
    assert other in by_chain and len(by_chain) >= 2
    for members in by_chain.values():
        assert [e.seq for e in members] == list(range(1, len(members) + 1))
        assert members[0].prev_hash == audit.GENESIS
        assert all(e.chain == (e.org_id or 0) for e in members)
    assert _verify().ok


def test_tampered_event_is_found_and_named(fresh_database: str) -> None:
    auth.login('planner', 'demo1234')
    target = _events()[2]
    with db.engine().begin() as conn:
        conn.execute(text('UPDATE audit_event SET data = :data WHERE id = :id'),
                     {'data': '{"edited":1}', 'id': target.id})
    result = _verify()
    assert not result.ok and result.broken_id == target.id
    cli = _cli(fresh_database)
    assert cli.returncode == 1 and f'event id {target.id}' in cli.stdout
    assert format_datetime(target.at) in cli.stdout and target.actor_name in cli.stdout and target.action in cli.stdout


def test_removed_event_breaks_its_chain() -> None:
    auth.login('planner', 'demo1234')
    events = _events()
    removed = events[1]
    following = next(e for e in events if e.chain == removed.chain and e.seq == removed.seq + 1)
    with db.engine().begin() as conn:
        conn.execute(text('DELETE FROM audit_event WHERE id = :id'), {'id': removed.id})
    result = _verify()
    assert not result.ok and result.broken_id == following.id


def test_deleting_the_newest_events_is_found_by_the_anchor(fresh_database: str) -> None:
    auth.login('planner', 'demo1234')
    audit.pin_anchors('test')
    newest = _events()[-1]
    with db.engine().begin() as conn:  # remove the chain's two newest events: what is left is a valid chain
        conn.execute(text('DELETE FROM audit_event WHERE chain = :c AND seq > :s'),
                     {'c': newest.chain, 's': newest.seq - 2})
    with db.session_scope() as session:
        assert audit.verify(session, compare_anchors=False).ok  # the links alone cannot see it
    result = _verify()
    assert not result.ok and result.broken_id == newest.id and 'ถูกลบ' in result.reason
    assert result.actor == newest.actor_name and result.action == newest.action
    cli = _cli(fresh_database)
    assert cli.returncode == 1 and format_datetime(newest.at) in cli.stdout and newest.action in cli.stdout


def test_a_rehashed_forgery_is_found() -> None:
    """A forger edits a row and recomputes a plain SHA-256 chain forward: without the key the signatures fail."""
    for _ in range(3):
        auth.login('planner', 'demo1234')
    events = _events()
    target = events[3]
    chain = [e for e in events if e.chain == target.chain and e.seq >= target.seq]
    prev = next(e.hash for e in events if e.chain == target.chain and e.seq == target.seq - 1)
    with db.engine().begin() as conn:
        for event in chain:
            data = '{"amount":"1.00"}' if event.id == target.id else event.data
            fields = [str(event.chain), str(event.seq), prev, str(event.org_id or ''), event.at.isoformat(),
                      str(event.actor_id or ''), event.actor_name, event.action, event.object_type, event.object_id,
                      data]
            forged = hashlib.sha256('\x1f'.join(fields).encode()).hexdigest()
            conn.execute(text('UPDATE audit_event SET data = :d, prev_hash = :p, hash = :h WHERE id = :id'),
                         {'d': data, 'p': prev, 'h': forged, 'id': event.id})
            prev = forged
    result = _verify()
    assert not result.ok and result.broken_id == target.id and 'ลายมือชื่อ' in result.reason


def test_a_missing_or_wrong_key_is_found() -> None:
    auth.login('planner', 'demo1234')
    path = get_settings().audit_key_path
    original = path.read_bytes()
    path.unlink()
    result = _verify()
    assert not result.ok and 'audit_key' in result.reason
    path.write_text('someone-else-s-key')
    result = _verify()
    assert not result.ok and 'ลายมือชื่อ' in result.reason  # no anchor yet: found by the first signature
    path.write_bytes(original)
    audit.pin_anchors('test')
    path.write_text('someone-else-s-key')
    assert 'ไม่ใช่กุญแจ' in _verify().reason  # with an anchor: named as the wrong key at once
    path.write_bytes(original)
    assert _verify().ok


def test_anchors_name_every_chain_head() -> None:
    other = _second_org()
    with db.session_scope() as session:
        found = {a.chain: a for a in audit.anchors(session)}
        head = session.exec(select(AuditEvent).where(AuditEvent.chain == other)
                            .order_by(AuditEvent.seq.desc())).first()
    assert found[other].last_id == head.id and found[other].count == head.seq and found[other].hash == head.hash
    audit.pin_anchors('test')
    pinned = audit.read_anchor_file()
    assert pinned.chains[other]['hash'] == head.hash
    assert oct(get_settings().anchors_path.stat().st_mode & 0o777) == '0o600'


@pytest.mark.skipif(not os.environ.get('TEST_DATABASE_URL'),
                    reason='PostgreSQL only: on SQLite one write transaction holds the whole database')
def test_two_organisations_do_not_wait_for_one_lock() -> None:
    """Hold one LAO's chain lock in an open transaction; another LAO's audited write still completes."""
    other = _second_org()
    demo_org = next(e.org_id for e in _events() if e.org_id and e.org_id != other)
    holder = db.engine().connect()
    holder_tx = holder.begin()
    try:
        holder.execute(text('SELECT pg_advisory_xact_lock(:c, :k)'), {'c': audit._LOCK_CLASS, 'k': demo_org})
        done = threading.Event()

        def write_other() -> None:
            audit.record_now('probe', org_id=other, actor_name='ทดสอบ')
            done.set()
        writer = threading.Thread(target=write_other, daemon=True)
        writer.start()
        writer.join(timeout=30)
        assert done.is_set(), 'an audited write of another organisation waited for this one\'s chain lock'
        with db.engine().connect() as probe:  # the held lock is this organisation's own: its writers do wait
            assert probe.execute(text('SELECT pg_try_advisory_xact_lock(:c, :k)'),
                                 {'c': audit._LOCK_CLASS, 'k': demo_org}).scalar() is False
            assert probe.execute(text('SELECT pg_try_advisory_xact_lock(:c, :k)'),
                                 {'c': audit._LOCK_CLASS, 'k': other}).scalar() is True
    finally:
        holder_tx.rollback()
        holder.close()
    assert _verify().ok


def test_the_migration_resigns_existing_events_per_organisation(tmp_path, empty_install) -> None:
    """An install from before the keyed chains: its one plain chain becomes one keyed chain per organisation."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import MetaData, Table, create_engine
    from sqlalchemy.pool import NullPool
    from sqlmodel import Session, func

    url = empty_install.url  # a new SQLite file or PostgreSQL database, migrated here only up to 0006
    empty_install.data_dir.mkdir(parents=True)
    command.upgrade(db.alembic_config(url), '0006')
    engine = create_engine(url, poolclass=NullPool)
    table = Table('audit_event', MetaData(), autoload_with=engine)
    prev = audit.GENESIS
    with engine.begin() as conn:
        for org_id in (7, 8):  # organisation rows for the foreign key (PostgreSQL enforces it)
            conn.execute(text("INSERT INTO organization (id, name, dla_code, lao_type, size, structure_key, "
                              "province_code, province_name, district_name, letter_prefix, is_demo, session_hours, "
                              "lockout_attempts, lockout_minutes, attachment_max_mb, attachment_types, created_at) "
                              f"VALUES ({org_id}, 'x', '630010{org_id}', 't', 's', 'k', '30', 'p', 'd', '', false, 8, "
                              "5, 15, 10, 'pdf', '2026-01-01 00:00:00')"))
        for number, org_id in enumerate((None, 7, 8, 7, None), start=1):
            row = {'org_id': org_id, 'at': datetime(2026, 1, number, 3, 0, 0, 1234, tzinfo=UTC), 'actor_id': None,
                   'actor_name': f'คน {number}', 'action': 'login', 'object_type': '', 'object_id': '', 'data': '{}'}
            fields = [prev, str(org_id or ''), row['at'].isoformat(), '', row['actor_name'], 'login', '', '', '{}']
            row['hash'] = hashlib.sha256('\x1f'.join(fields).encode()).hexdigest()
            conn.execute(table.insert().values(**row, prev_hash=prev))
            prev = row['hash']
    command.upgrade(db.alembic_config(url), 'head')
    with Session(engine) as session:
        result = audit.verify(session, compare_anchors=False)
        chains = dict(session.exec(select(AuditEvent.chain, func.count()).group_by(AuditEvent.chain)).all())
        note = session.exec(select(AuditEvent).where(AuditEvent.action == 'audit_resigned')).one()
    engine.dispose()
    assert result.ok and result.checked == 6
    assert chains == {0: 3, 7: 2, 8: 1}  # the system chain also holds the migration's own note
    assert note.data == '{"events":5,"plain_chain_broken_at":null}'
