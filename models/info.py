"""Basic data of the LAO (Info): villages and, later, population, infrastructure and revenue facts."""

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped, Tracked


class Village(OrgScoped, Tracked, table=True):
    """A หมู่บ้าน in the LAO's area."""

    __table_args__ = (UniqueConstraint('org_id', 'number'),)
    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(ge=1, le=99)
    name: str = Field(max_length=200)
    head_name: str = Field(default='', max_length=200)
    households: int = Field(default=0, ge=0)
    population: int = Field(default=0, ge=0)
