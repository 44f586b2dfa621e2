"""Append-only audit trail: one keyed hash chain per organisation, plus one for system events.

Each event's hash is an HMAC (key kept in the data dir, outside the database) over the previous event's hash
and the event's own fields, so editing, removing or re-ordering a stored event breaks its chain, and whoever
edits rows and re-hashes forward without the key is found too. Each chain has its own lock: the caller's
SQLite write transaction (BEGIN IMMEDIATE already serialises) or a PostgreSQL advisory transaction lock keyed
by the chain, so two LAOs of one install never wait for each other's audit writes.

The head of every chain (last id, count, hash) is its *anchor*: written into every backup manifest, appended
to the anchors file in the data dir, printed on the month-close screen; `verify` compares the chain with the
newest anchor, so deleting the newest events is found as well.

An install's chains are keyed from the migration that introduced the key (0007a) on: that migration re-signed
the events already stored with the key it found or created.
"""

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, select, text

from core import db
from core.settings import get_settings, open_private, private_secret
from core.thai import format_datetime
from models.audit import AuditEvent
from models.base import utcnow

GENESIS = '0' * 64
SYSTEM_CHAIN = 0  # events of no organisation (start-up, backups, unknown sign-in names)
_LOCK_CLASS = 7_240_001  # PostgreSQL advisory lock: (class, chain)
_KEY_ID_LABEL = b'lao-audit-key-id'
log = logging.getLogger(__name__)


def canonical(data: dict[str, Any] | None) -> str:
    return json.dumps(data or {}, sort_keys=True, ensure_ascii=False, separators=(',', ':'), default=str)


def chain_of(org_id: int | None) -> int:
    return org_id or SYSTEM_CHAIN


def key(create: bool = True) -> bytes | None:
    """The HMAC key of the audit chains (generated once, owner-only file); None when missing and not created."""
    path = get_settings().audit_key_path
    if not path.exists() and not create:
        return None
    return private_secret(path).encode()


def key_id(secret: bytes) -> str:
    """A fingerprint that names the key without revealing it (kept with each anchor: a swapped key is named)."""
    return hmac.new(secret, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def event_hash(secret: bytes, prev_hash: str, event: AuditEvent) -> str:
    fields = [str(event.chain), str(event.seq), prev_hash, str(event.org_id or ''), event.at.isoformat(),
              str(event.actor_id or ''), event.actor_name, event.action, event.object_type, event.object_id,
              event.data]
    return hmac.new(secret, '\x1f'.join(fields).encode(), hashlib.sha256).hexdigest()


def lock_chain(session: Session, chain: int) -> None:
    """Serialise appends to one chain (PostgreSQL; SQLite's write transaction already holds the database)."""
    if session.get_bind().dialect.name == 'postgresql':
        session.execute(text('SELECT pg_advisory_xact_lock(:c, :k)'), {'c': _LOCK_CLASS, 'k': chain})


def _head(session: Session, chain: int) -> AuditEvent | None:
    return session.exec(select(AuditEvent).where(AuditEvent.chain == chain)
                        .order_by(AuditEvent.seq.desc()).limit(1)).first()


def record(session: Session, action: str, *, org_id: int | None, actor_id: int | None = None, actor_name: str = '',
           object_type: str = '', object_id: Any = '', data: dict[str, Any] | None = None,
           at: datetime | None = None) -> AuditEvent:
    """Append one event inside the caller's (write) transaction (`at`: when it happened, if not now — the demo's
    history)."""
    chain = chain_of(org_id)
    lock_chain(session, chain)
    head = session.exec(select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.chain == chain)
                        .order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    event = AuditEvent(org_id=org_id, chain=chain, seq=seq, actor_id=actor_id, actor_name=actor_name, action=action,
                       object_type=object_type, object_id=str(object_id or ''), data=canonical(data), prev_hash=prev,
                       **({'at': at} if at is not None else {}))
    event.hash = event_hash(key(), prev, event)
    session.add(event)
    session.flush()
    return event


def record_many(session: Session, actor, action: str, object_type: str,
                items: list[tuple[Any, dict[str, Any]]]) -> None:
    """Append one event per (object id, data) done by a signed-in user, as `record_by` would one by one, in one
    statement per thousand events: the chain is locked and its head read once (an import of 100,000 rows)."""
    if not items:
        return
    chain, secret, at = chain_of(actor.org_id), key(), utcnow()
    lock_chain(session, chain)
    session.flush()  # events added one by one before these come first in the chain
    head = session.exec(select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.chain == chain)
                        .order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev = (head[0], head[1]) if head else (0, GENESIS)
    rows = []
    for object_id, data in items:
        seq += 1
        row = {'org_id': actor.org_id, 'chain': chain, 'seq': seq, 'at': at, 'actor_id': actor.user_id,
               'actor_name': actor.full_name, 'action': action, 'object_type': object_type,
               'object_id': str(object_id or ''), 'data': canonical(data), 'prev_hash': prev}
        row['hash'] = prev = event_hash(secret, prev, SimpleNamespace(**row))
        rows.append(row)
    for start in range(0, len(rows), 1000):
        session.execute(insert(AuditEvent), rows[start:start + 1000])


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


# --- anchors ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """The head of one chain: the month-close report prints it, every backup manifest carries it."""

    chain: int
    org_id: int | None
    last_id: int
    count: int
    hash: str
    at: str  # the head event's time (ISO, UTC)
    actor: str
    action: str

    def describe(self) -> str:
        when = format_datetime(datetime.fromisoformat(self.at))
        return f'{self.count:,} รายการ ล่าสุดเลขที่ {self.last_id} ({when}) ค่าแฮช {self.hash[:16]}…'


def _anchor(event: AuditEvent) -> Anchor:
    return Anchor(event.chain, event.org_id, event.id, event.seq, event.hash, event.at.isoformat(), event.actor_name,
                  event.action)


def anchors(session: Session, org_id: int | None = None, *, all_chains: bool = True) -> list[Anchor]:
    """The head of every chain (or of one organisation's chain with `org_id` and all_chains=False)."""
    if not all_chains:
        head = _head(session, chain_of(org_id))
        return [_anchor(head)] if head else []
    heads = session.exec(select(AuditEvent.chain, func.max(AuditEvent.seq)).group_by(AuditEvent.chain)).all()
    found = []
    for chain, seq in sorted(heads):
        event = session.exec(select(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq == seq)).one()
        found.append(_anchor(event))
    return found


def write_anchors(session: Session, reason: str, found: list[Anchor] | None = None) -> list[Anchor]:
    """Append the heads of all chains to the anchors file (one JSON line, flushed to disk)."""
    found = anchors(session) if found is None else found
    secret = key(create=False)
    line = {'written_at': utcnow().isoformat(), 'reason': reason, 'key_id': key_id(secret) if secret else '',
            'chains': [asdict(a) for a in found]}
    path = get_settings().anchors_path
    with open_private(path, append=True) as out:
        out.write((json.dumps(line, ensure_ascii=False) + '\n').encode())
        out.flush()
        os.fsync(out.fileno())
    return found


def retire_anchor_file(reason: str) -> Path | None:
    """Set the anchors aside when the database they describe is replaced on purpose (restore, demo reset): kept,
    renamed, so verify-audit compares the new database with its own anchors only."""
    path = get_settings().anchors_path
    if not path.exists():
        return None
    retired = path.with_name(f'audit_anchors.{reason}-{utcnow():%Y%m%d%H%M%S%f}.jsonl')
    os.replace(path, retired)
    return retired


def pin_anchors(reason: str) -> list[Anchor]:
    """Read and append the current anchors in one call (month close, the hourly check, shutdown): every chain, so
    as the schema's owner (the fence admits a tenant to its own chain only)."""
    with db.owner_scope() as session:
        return write_anchors(session, reason)


@dataclass
class AnchorFile:
    """The newest anchor of each chain seen in the anchors file, and the key fingerprint written with it."""

    chains: dict[int, dict] = field(default_factory=dict)
    key_ids: set[str] = field(default_factory=set)
    written_at: dict[int, str] = field(default_factory=dict)


def read_anchor_file() -> AnchorFile:
    path = get_settings().anchors_path
    result = AnchorFile()
    if not path.exists():
        return result
    for number, raw in enumerate(path.read_text(encoding='utf-8').splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            log.warning('audit anchors file: line %d is not JSON; ignored', number)
            continue
        if line.get('key_id'):
            result.key_ids = {line['key_id']}  # the newest line decides which key is expected
        for item in line.get('chains', []):
            previous = result.chains.get(item['chain'])
            if previous is None or item['count'] >= previous['count']:
                result.chains[item['chain']] = item
                result.written_at[item['chain']] = line.get('written_at', '')
    return result


# --- verification -------------------------------------------------------------------------------------------------

@dataclass
class ChainCheck:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ''
    chains: int = 0
    at: datetime | None = None  # the broken (or last anchored, when deleted) event's time, actor and action
    actor: str = ''
    action: str = ''

    def describe(self) -> str:
        """One Thai line for people: what broke, and the event's time (Bangkok, BE), actor and action."""
        if self.ok:
            return f'บันทึกการใช้งานครบถ้วน ไม่ถูกแก้ไข: {self.checked:,} รายการ ใน {self.chains} สาย'
        who = f'เวลา {format_datetime(self.at)} ผู้กระทำ {self.actor or "—"} การกระทำ {self.action}' if self.at else ''
        place = f'รายการเลขที่ {self.broken_id}' if self.broken_id else ''
        return ' '.join(p for p in ('บันทึกการใช้งานถูกแก้ไขหรือสูญหาย:', place, who, f'— {self.reason}') if p)


def _failed(checked: int, chains: int, event: AuditEvent, reason: str) -> ChainCheck:
    return ChainCheck(False, checked, event.id, reason, chains, event.at, event.actor_name, event.action)


def verify(session: Session, batch: int = 5000, *, compare_anchors: bool = True) -> ChainCheck:
    """Walk every chain in order; report the first event whose place, link or signature does not match, then
    compare each chain's head with the newest anchor (events deleted from the end of a chain)."""
    secret = key(create=False)
    if secret is None:
        return ChainCheck(False, 0, reason='ไม่พบกุญแจลงนามบันทึกการใช้งาน (ไฟล์ audit_key ในโฟลเดอร์ข้อมูล)')
    pinned = read_anchor_file() if compare_anchors else AnchorFile()
    if pinned.key_ids and key_id(secret) not in pinned.key_ids:
        return ChainCheck(False, 0, reason='กุญแจลงนามบันทึกการใช้งาน (audit_key) ไม่ใช่กุญแจที่ใช้ลงนามไว้')
    chains = sorted(session.exec(select(AuditEvent.chain).distinct()).all())
    checked = 0
    heads: dict[int, AuditEvent] = {}
    for number, chain in enumerate(chains, start=1):
        prev, last_seq = GENESIS, 0
        while True:
            rows = session.exec(select(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq > last_seq)
                                .order_by(AuditEvent.seq).limit(batch)).all()
            if not rows:
                break
            for event in rows:
                if event.seq != last_seq + 1:
                    return _failed(checked, number, event, f'รายการก่อนหน้า (ลำดับที่ {last_seq + 1}) หายไป')
                if event.chain != chain_of(event.org_id):
                    return _failed(checked, number, event, 'รายการถูกย้ายไปอยู่ในสายของหน่วยงานอื่น')
                if event.prev_hash != prev:
                    return _failed(checked, number, event, 'ค่าแฮชอ้างอิงไม่ตรงกับรายการก่อนหน้า')
                if not hmac.compare_digest(event_hash(secret, prev, event), event.hash):
                    return _failed(checked, number, event, 'เนื้อหาไม่ตรงกับลายมือชื่อ (ถูกแก้ไข หรือใช้กุญแจผิด)')
                prev, last_seq, checked = event.hash, event.seq, checked + 1
                heads[chain] = event
    for chain, anchor in sorted(pinned.chains.items()):
        head = heads.get(chain)
        when = datetime.fromisoformat(anchor['at'])
        if head is None or head.seq < anchor['count']:
            have = head.seq if head else 0
            return ChainCheck(False, checked, anchor['last_id'],
                              f'รายการท้ายสายถูกลบ: หลักฐานยึด (anchor) บันทึกไว้ {anchor["count"]:,} รายการ '
                              f'แต่ฐานข้อมูลเหลือ {have:,} รายการ', len(chains), when, anchor['actor'],
                              anchor['action'])
        at_anchor = head if head.seq == anchor['count'] else session.exec(select(AuditEvent).where(
            AuditEvent.chain == chain, AuditEvent.seq == anchor['count'])).one()
        if at_anchor.id != anchor['last_id'] or at_anchor.hash != anchor['hash']:
            return ChainCheck(False, checked, anchor['last_id'],
                              'รายการ ณ หลักฐานยึด (anchor) ไม่ตรงกับที่บันทึกไว้ (สายถูกสร้างใหม่)', len(chains),
                              when, anchor['actor'], anchor['action'])
    return ChainCheck(True, checked, chains=len(chains))
