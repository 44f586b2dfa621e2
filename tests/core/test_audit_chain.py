"""The audit chain: appends link by hash; any edit or removal is found; the CLI reports it."""

import os
import subprocess
import sys

from sqlalchemy import text
from sqlmodel import select

from core import audit, auth, db
from core.settings import ROOT
from models.audit import AuditEvent


def _verify() -> audit.ChainCheck:
    with db.session_scope() as session:
        return audit.verify(session)


def _cli(database_url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ('PYTEST_CURRENT_TEST', 'NICEGUI_USER_SIMULATION')}
    env['DATABASE_URL'] = database_url
    return subprocess.run([sys.executable, 'main.py', 'verify-audit'], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_chain_is_intact_after_activity(fresh_database: str) -> None:
    auth.login('planner', 'demo1234')
    auth.login('planner', 'wrong')
    result = _verify()
    assert result.ok and result.checked > 3
    cli = _cli(fresh_database)
    assert cli.returncode == 0 and 'intact' in cli.stdout


def test_tampered_event_is_found_and_named(fresh_database: str) -> None:
    auth.login('planner', 'demo1234')
    with db.session_scope() as session:
        target = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()[2]
    with db.engine().begin() as conn:
        conn.execute(text('UPDATE audit_event SET data = :data WHERE id = :id'),
                     {'data': '{"edited":1}', 'id': target.id})
    result = _verify()
    assert not result.ok and result.broken_id == target.id
    cli = _cli(fresh_database)
    assert cli.returncode == 1 and f'event id {target.id}' in cli.stdout


def test_removed_event_breaks_the_next_link() -> None:
    auth.login('planner', 'demo1234')
    with db.session_scope() as session:
        ids = [e.id for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    with db.engine().begin() as conn:
        conn.execute(text('DELETE FROM audit_event WHERE id = :id'), {'id': ids[1]})
    result = _verify()
    assert not result.ok and result.broken_id == ids[2]
