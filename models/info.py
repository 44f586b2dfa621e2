"""Basic data of the LAO (Info): villages and, later, population, infrastructure and revenue facts."""

from datetime import date, datetime

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped, Tracked, utcnow


class Village(OrgScoped, Tracked, table=True):
    """A หมู่บ้าน in the LAO's area."""

    __table_args__ = (UniqueConstraint('org_id', 'number'),)
    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(ge=1, le=99)
    name: str = Field(max_length=200)
    head_name: str = Field(default='', max_length=200)
    households: int = Field(default=0, ge=0)
    population: int = Field(default=0, ge=0)
    # where the village lies (WGS84 degrees), optional: the public site draws the villages from them, no map tiles
    latitude: float | None = Field(default=None, ge=5, le=21)
    longitude: float | None = Field(default=None, ge=97, le=106)


class DeadlineOverride(OrgScoped, Tracked, table=True):
    """The LAO's own version of a reporting deadline (assets/info/deadlines.csv), dated: from `effective_from` the
    responsible seat, the day or the lag replace the template's; `active` false: the LAO does not report it."""

    __tablename__ = 'deadline_override'
    __table_args__ = (UniqueConstraint('org_id', 'deadline_key', 'effective_from'),)
    id: int | None = Field(default=None, primary_key=True)
    deadline_key: str = Field(max_length=40)
    effective_from: date
    seat: str = Field(default='', max_length=40)  # a position code; '' = the template's
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    lag_days: int | None = Field(default=None, ge=0, le=365)
    active: bool = True
    note: str = Field(default='', max_length=1000)


class ReportFiling(OrgScoped, Tracked, table=True):
    """One report made (รายงาน/ส่ง/เผยแพร่แล้ว) for a deadline's period of a fiscal year, with its evidence: the
    reference of the paper or record (and the e-Office letters linked to it)."""

    __tablename__ = 'report_filing'
    __table_args__ = (UniqueConstraint('org_id', 'deadline_key', 'fiscal_year', 'period'),)
    id: int | None = Field(default=None, primary_key=True)
    deadline_key: str = Field(max_length=40)
    fiscal_year: int
    period: int = Field(default=1, ge=1, le=12)  # 1 for a yearly report; the quarter 1-4; the month 1 (ต.ค.)-12 (ก.ย.)
    filed_on: date
    reference: str = Field(max_length=300)
    note: str = Field(default='', max_length=1000)


class LpaScore(OrgScoped, Tracked, table=True):
    """The LAO's own score of one LPA indicator of a fiscal year (overriding the score the suite's records give),
    with the evidence it rests on."""

    __tablename__ = 'lpa_score'
    __table_args__ = (UniqueConstraint('org_id', 'fiscal_year', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int
    code: str = Field(max_length=20)
    score: int = Field(ge=0, le=100)
    evidence: str = Field(max_length=300)
    note: str = Field(default='', max_length=1000)


class InfoFigure(OrgScoped, Tracked, table=True):
    """One figure of the LAO's basic data for a fiscal year (assets/info/indicators.csv: population, households,
    roads, facilities, welfare …), for the whole LAO or one village, with the day it is as of and its source: a year's
    figure is a row of its own, so the history stays."""

    __tablename__ = 'info_figure'
    __table_args__ = (UniqueConstraint('org_id', 'fiscal_year', 'indicator', 'village_id'),)
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int
    indicator: str = Field(max_length=40)
    village_id: int | None = Field(default=None, foreign_key='village.id')
    value: int = Field(ge=0)
    as_of: date
    source: str = Field(max_length=300)
    note: str = Field(default='', max_length=1000)


class G2GPackage(OrgScoped, table=True):
    """A G2G package of another LAO (or of this one) imported for benchmarking: its manifest's LAO and day, and its
    reports as exported (data.json). One per LAO, fiscal year and day: a re-import of the same package changes
    nothing, a corrected one of the same day replaces it."""

    __tablename__ = 'g2g_package'
    __table_args__ = (UniqueConstraint('org_id', 'dla_code', 'fiscal_year', 'as_of'),)
    id: int | None = Field(default=None, primary_key=True)
    dla_code: str = Field(max_length=7, index=True)
    lao_name: str = Field(max_length=200)
    lao_type: str = Field(max_length=40)
    province_name: str = Field(default='', max_length=100)
    fiscal_year: int
    as_of: date
    exported_at: datetime
    exported_by: str = Field(default='', max_length=200)
    sha256: str = Field(max_length=64)
    reports: int = 0
    data: str  # data.json as exported: the reports' columns and rows
    imported_at: datetime = Field(default_factory=utcnow)
    imported_by: int | None = Field(default=None, foreign_key='app_user.id')


class PublicSite(OrgScoped, Tracked, table=True):
    """The LAO's public site (/public, no sign-in): off until its administrator turns it on; the contacts and hotline
    it shows, and the village map image the LAO uploaded (an attachment of this row)."""

    __tablename__ = 'public_site'
    __table_args__ = (UniqueConstraint('org_id'),)
    id: int | None = Field(default=None, primary_key=True)
    enabled: bool = False
    hotline: str = Field(default='', max_length=60)  # สายด่วน/ศูนย์รับเรื่องร้องเรียน
    email: str = Field(default='', max_length=200)  # the office's own address, never a person's
    website: str = Field(default='', max_length=200)
    office_hours: str = Field(default='', max_length=200)
    intro: str = Field(default='', max_length=2000)  # a few lines on the LAO for the front page
    map_attachment_id: int | None = None  # the village map image (no foreign key: the attachment points back here)
