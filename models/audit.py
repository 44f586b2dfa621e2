"""The append-only audit trail; each event's hash chains to the previous event's."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import utcnow


class AuditEvent(SQLModel, table=True):
    """One audited fact: a change, a transition, a login, a denial. Never updated, never deleted."""

    __tablename__ = 'audit_event'
    id: int | None = Field(default=None, primary_key=True)
    org_id: int | None = Field(default=None, foreign_key='organization.id', index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(default='', max_length=200)
    action: str = Field(max_length=40, index=True)
    object_type: str = Field(default='', max_length=60)
    object_id: str = Field(default='', max_length=60)
    data: str = Field(default='{}')  # canonical JSON
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
