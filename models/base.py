"""Mixins shared by all tables. Models import nothing from core/, apps/ or pages/."""

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timestamps are timezone-aware UTC; pages show them in Thai time."""
    return datetime.now(UTC)


class OrgScoped(SQLModel):
    """Every business row belongs to one organisation (the tenant) and carries a version: a save that started
    from an older version is refused instead of silently reverting someone else's change."""

    org_id: int = Field(foreign_key='organization.id', index=True)
    version: int = Field(default=1, sa_column_kwargs={'server_default': '1'})


class Tracked(SQLModel):
    """Who created and last changed a row, and when (UTC)."""

    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key='app_user.id')
    updated_at: datetime | None = None
    updated_by: int | None = Field(default=None, foreign_key='app_user.id')
