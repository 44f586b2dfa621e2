"""Form submissions already carried out: a double-click, a repeated websocket event or a retry after a network
drop carries the same key, and finds the record its first arrival made."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import utcnow


class Submission(SQLModel, table=True):
    __table_args__ = (UniqueConstraint('org_id', 'key', name='uq_submission_key'),)

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key='organization.id', index=True)
    key: str = Field(max_length=64)
    user_id: int | None = Field(default=None, foreign_key='app_user.id')
    action: str = Field(default='', max_length=80)  # e.g. 'create elaas/receipts'
    object_id: int | None = None  # what the first arrival made or changed
    at: datetime = Field(default_factory=utcnow)
