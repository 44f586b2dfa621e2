"""The append-only audit trail: one hash chain per organisation (and one for system events)."""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models.base import utcnow


class AuditEvent(SQLModel, table=True):
    """One audited fact: a change, a transition, a login, a denial. Never updated, never deleted.

    `chain` is the organisation's id (0: system events without one) and `seq` the event's place in that chain,
    so the head of a chain is one index lookup and a missing event leaves a gap in `seq`.
    """

    __tablename__ = 'audit_event'
    __table_args__ = (Index('ix_audit_event_chain_seq', 'chain', 'seq', unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    org_id: int | None = Field(default=None, foreign_key='organization.id', index=True)
    chain: int = Field(default=0)
    seq: int = Field(default=0)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(default='', max_length=200)
    action: str = Field(max_length=40, index=True)
    object_type: str = Field(default='', max_length=60)
    object_id: str = Field(default='', max_length=60)
    data: str = Field(default='{}')  # canonical JSON
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
