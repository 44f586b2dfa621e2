"""Autosaved form drafts: what a user typed and has not saved yet, kept across closes and restarts."""

from datetime import datetime

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped, utcnow


class FormDraft(OrgScoped, table=True):
    __tablename__ = 'form_draft'
    __table_args__ = (UniqueConstraint('user_id', 'form_key'),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    form_key: str = Field(max_length=200)
    data: str = Field(default='{}')  # JSON of the raw field values as typed
    updated_at: datetime = Field(default_factory=utcnow)
