"""What an officer told an import once, kept per LAO and register so the next file needs no telling: which option a
spreadsheet's value in a lookup column means ("สำนักช่าง" is our กองช่าง)."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from models.base import OrgScoped, utcnow


class ImportChoice(OrgScoped, table=True):
    __tablename__ = 'import_choice'
    __table_args__ = (UniqueConstraint('org_id', 'resource', 'field', 'source', name='uq_import_choice'),)

    id: int | None = Field(default=None, primary_key=True)
    resource: str = Field(max_length=60)  # the Resource's ident ('eplan/projects') or an importer's ('eplan/import')
    field: str = Field(max_length=60)  # the lookup field's name
    source: str = Field(max_length=300)  # the value as written in files, in its loose form (core.lookups.loose)
    value: str = Field(max_length=100)  # the chosen option's key, as text
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key='app_user.id')
