"""audit: one keyed chain per organisation

Revision ID: 0007a
Revises: 0007b
Create Date: 2026-12-01 22:10:00

Adds `chain` (the organisation's id, 0 for system events) and `seq` (place in the chain) to audit_event and
re-signs every stored event, chain by chain in id order, with the HMAC key kept in the data dir (created here
when missing). From this migration on an install's audit chains are keyed: the events before it are vouched
for by this re-signing, not by their original plain hashes. It checks those first and records the outcome as
a system event ('audit_resigned': how many events, and the first event whose plain hash was already broken),
so re-signing never hides an earlier break.
"""
import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel import Session, select

revision: str = '0007a'
down_revision: str | None = '0007b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def _plain_hash(prev_hash: str, event) -> str:
    """The single global chain's hash before this migration (revision 0001's core.audit.event_hash)."""
    fields = [prev_hash, str(event.org_id or ''), event.at.isoformat(), str(event.actor_id or ''), event.actor_name,
              event.action, event.object_type, event.object_id, event.data]
    return hashlib.sha256('\x1f'.join(fields).encode()).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=False, server_default='0'))
    _rechain()
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_chain_seq', ['chain', 'seq'], unique=True)


def _rechain() -> None:
    from core import audit
    from models.audit import AuditEvent

    session = Session(bind=op.get_bind())
    secret = None
    old_prev, heads, last_id, broken_at, count = audit.GENESIS, {}, 0, None, 0
    while True:
        rows = session.exec(select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id)
                            .limit(BATCH)).all()
        if not rows:
            break
        secret = secret or audit.key(create=True)
        for event in rows:
            if broken_at is None and (event.prev_hash != old_prev or _plain_hash(old_prev, event) != event.hash):
                broken_at = event.id
            old_prev, count = event.hash, count + 1
            chain = audit.chain_of(event.org_id)
            seq, prev = heads.get(chain, (0, audit.GENESIS))
            event.chain, event.seq, event.prev_hash = chain, seq + 1, prev
            event.hash = audit.event_hash(secret, prev, event)
            heads[chain] = (event.seq, event.hash)
            session.add(event)
            last_id = event.id
        session.flush()
    if count:
        audit.record(session, 'audit_resigned', org_id=None, actor_name='ระบบ (ปรับรุ่นฐานข้อมูล 0007a)',
                     data={'events': count, 'plain_chain_broken_at': broken_at})
        session.flush()


def downgrade() -> None:
    # The keyed hashes stay: a downgraded install's plain verify-audit reports them as broken.
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_chain_seq')
        batch_op.drop_column('seq')
        batch_op.drop_column('chain')
