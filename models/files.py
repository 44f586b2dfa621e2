"""Attachments: file metadata in the database, content on disk under the data dir."""

from datetime import datetime

from sqlmodel import Field

from models.base import OrgScoped, utcnow


class Attachment(OrgScoped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    object_type: str = Field(max_length=60, index=True)  # the owning record's model name
    object_id: int = Field(index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    stored_as: str = Field(max_length=300)  # path relative to the files dir; never shown
    uploaded_by: int | None = Field(default=None, foreign_key='app_user.id')
    uploaded_at: datetime = Field(default_factory=utcnow)
