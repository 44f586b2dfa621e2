"""Append-only, hash-chained audit trail.

Each event's hash covers the previous event's hash and the event's own fields, so editing, removing or
re-ordering a stored event breaks the chain at that point. Appends are serialised by the database: the
caller's SQLite write transaction (BEGIN IMMEDIATE) or a PostgreSQL advisory transaction lock.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select, text

from core import db
from models.audit import AuditEvent

GENESIS = '0' * 64
_CHAIN_LOCK = 7_240_001  # PostgreSQL advisory lock key for the chain


def canonical(data: dict[str, Any] | None) -> str:
    return json.dumps(data or {}, sort_keys=True, ensure_ascii=False, separators=(',', ':'), default=str)


def event_hash(prev_hash: str, event: AuditEvent) -> str:
    fields = [prev_hash, str(event.org_id or ''), event.at.isoformat(), str(event.actor_id or ''), event.actor_name,
              event.action, event.object_type, event.object_id, event.data]
    return hashlib.sha256('\x1f'.join(fields).encode()).hexdigest()


def record(session: Session, action: str, *, org_id: int | None, actor_id: int | None = None, actor_name: str = '',
           object_type: str = '', object_id: Any = '', data: dict[str, Any] | None = None) -> AuditEvent:
    """Append one event inside the caller's (write) transaction."""
    if session.get_bind().dialect.name == 'postgresql':
        session.execute(text('SELECT pg_advisory_xact_lock(:k)'), {'k': _CHAIN_LOCK})
    last = session.exec(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev = last or GENESIS
    event = AuditEvent(org_id=org_id, actor_id=actor_id, actor_name=actor_name, action=action,
                       object_type=object_type, object_id=str(object_id or ''), data=canonical(data), prev_hash=prev)
    event.hash = event_hash(prev, event)
    session.add(event)
    session.flush()
    return event


def record_by(session: Session, actor, action: str, object_type: str = '', object_id: Any = '',
              data: dict[str, Any] | None = None) -> AuditEvent:
    """Append an event done by a signed-in user (a core.access.Principal) in their organisation."""
    return record(session, action, org_id=actor.org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                  object_type=object_type, object_id=object_id, data=data)


def record_now(action: str, **kwargs: Any) -> None:
    """Append one event in its own transaction (for facts that must survive the caller's rollback)."""
    with db.session_scope(write=True) as session:
        record(session, action, **kwargs)


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [old, new] for the fields that differ."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@dataclass
class ChainCheck:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ''


def verify(session: Session, batch: int = 5000) -> ChainCheck:
    """Walk the whole chain in id order; report the first event whose link or content does not match."""
    prev, checked, last_id = GENESIS, 0, 0
    while True:
        query = select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        rows = session.exec(query).all()
        if not rows:
            return ChainCheck(True, checked)
        for event in rows:
            if event.prev_hash != prev:
                return ChainCheck(False, checked, event.id, 'prev_hash does not match the previous event')
            if event_hash(prev, event) != event.hash:
                return ChainCheck(False, checked, event.id, 'hash does not match the event content')
            prev, checked, last_id = event.hash, checked + 1, event.id
