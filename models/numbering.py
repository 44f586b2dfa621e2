"""Running numbers: one counter row per (organisation, series, year), and the numbers burned by cancellation."""

from datetime import datetime

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped, utcnow


class NumberCounter(OrgScoped, table=True):
    __tablename__ = 'number_counter'
    __table_args__ = (UniqueConstraint('org_id', 'series', 'year'),)
    id: int | None = Field(default=None, primary_key=True)
    series: str = Field(max_length=60)
    year: int
    last: int = 0


class BurnedNumber(OrgScoped, table=True):
    """A number whose document was cancelled: never reused, always listed."""

    __tablename__ = 'burned_number'
    __table_args__ = (UniqueConstraint('org_id', 'series', 'year', 'number'),)
    id: int | None = Field(default=None, primary_key=True)
    series: str = Field(max_length=60)
    year: int
    number: int
    text: str = Field(max_length=100)
    reason: str = Field(max_length=500)
    burned_by: int | None = Field(default=None, foreign_key='app_user.id')
    burned_at: datetime = Field(default_factory=utcnow)
