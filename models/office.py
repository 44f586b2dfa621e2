"""e-Office (งานสารบรรณ): documents in five registers, their routing trail, links to any record, citizen requests."""

from datetime import date, datetime

from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from models.base import OrgScoped, Tracked, utcnow


class Document(OrgScoped, Tracked, table=True):
    """One letter, memo, order or announcement in one register, numbered per calendar year."""

    __tablename__ = 'office_document'
    __table_args__ = (UniqueConstraint('org_id', 'register_key', 'year', 'number'),
                      Index('ix_office_document_register_date', 'org_id', 'register_key', 'doc_date'))
    id: int | None = Field(default=None, primary_key=True)
    register_key: str = Field(max_length=20)  # incoming / outgoing / memo / order / announcement / evidence
    kind: str = Field(default='external', max_length=20)  # the six kinds of the สารบรรณ rules
    form: str = Field(default='', max_length=20)  # the paper's layout (apps/eoffice/kinds.py), e.g. order, minutes
    year: int | None = None  # BE calendar year of the number
    number: int | None = None
    number_text: str = Field(default='', max_length=100, index=True)
    doc_date: date = Field(index=True)  # ลงวันที่
    received_at: datetime | None = None  # incoming: date and time of the receiving stamp
    ref_no: str = Field(default='', max_length=100)  # incoming: the sender's own number (ที่)
    sender: str = Field(default='', max_length=300)  # จาก
    recipient: str = Field(default='', max_length=300)  # ถึง / เรียน
    recipient_address: str = Field(default='', max_length=1000)  # outgoing: the addressee's address (the envelope)
    subject: str = Field(max_length=500)
    body: str = Field(default='', max_length=20000)
    enclosures: str = Field(default='', max_length=1000)  # สิ่งที่ส่งมาด้วย
    urgency: str = Field(default='normal', max_length=20)
    # ด่วนภายใน: the day and time the letter must reach its addressee (ระเบียบงานสารบรรณ: "ด่วนภายใน" with the date
    # and time, on the letter and its envelope)
    urgent_date: date | None = None
    urgent_time: str = Field(default='', max_length=5)  # HH.MM
    secrecy: str = Field(default='normal', max_length=20)
    # an announcement (ประกาศ) the LAO publishes on its public site (/public): never by default, and never a secret one
    is_public: bool = Field(default=False, sa_column_kwargs={'server_default': '0'})
    status: str = Field(default='received', max_length=20, index=True)
    channel: str = Field(default='paper', max_length=20)  # paper / email / e-service / internal
    division_id: int | None = Field(default=None, foreign_key='division.id', index=True)  # responsible now
    owner_id: int | None = Field(default=None, foreign_key='app_user.id', index=True)  # holding it now
    due_date: date | None = None
    closed_at: datetime | None = None
    effective_date: date | None = None  # คำสั่ง/ระเบียบ: "ทั้งนี้ ตั้งแต่วันที่ …"
    # the signature (ลงนาม), as printed: who signed, in which seat, in what capacity, when
    signed_by: int | None = None  # the user (app_user.id; no foreign key: added to a table search triggers watch)
    signed_at: datetime | None = None
    signer_name: str = Field(default='', max_length=200)
    signer_position: str = Field(default='', max_length=300)
    signer_capacity: str = Field(default='', max_length=40)  # '', รักษาราชการแทน, ปฏิบัติราชการแทน
    signer_for: str = Field(default='', max_length=300)  # the position acted for
    signed_under: str = Field(default='', max_length=200)  # the delegation order signed under, e.g. คำสั่งที่ 246/2567
    # รายงานการประชุม (แบบที่ 11): where and when, who came, who did not, who took part, the agenda, who checked
    meeting_place: str = Field(default='', max_length=300)  # ณ
    meeting_start: str = Field(default='', max_length=5)  # เริ่มประชุมเวลา HH.MM
    meeting_end: str = Field(default='', max_length=5)  # เลิกประชุมเวลา HH.MM
    attendees: str = Field(default='', max_length=8000)  # ผู้มาประชุม: one "name position" a line
    absentees: str = Field(default='', max_length=4000)  # ผู้ไม่มาประชุม (with the reason, if any)
    participants: str = Field(default='', max_length=4000)  # ผู้เข้าร่วมประชุม (not members)
    agenda: str = Field(default='', max_length=20000)  # items apart by a blank line, each titled by its 1st
    checker_name: str = Field(default='', max_length=200)  # ผู้ตรวจรายงานการประชุม
    checker_position: str = Field(default='', max_length=300)
    search_text: str = Field(default='', max_length=40000)  # words segmented by pythainlp, lower case

    @property
    def heading(self) -> str:
        """What names the paper on its page: its number, or ร่าง until it is issued."""
        if self.number_text:
            return self.number_text
        return 'ร่าง' if self.status in ('draft', '', None) else 'รอออกเลข'


class RouteStep(OrgScoped, table=True):
    """One hop of the routing trail (เกษียนหนังสือ): who sent it to whom, the order written, and when it was
    acknowledged and completed by the receiver."""

    __tablename__ = 'office_route_step'
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key='office_document.id', index=True)
    action: str = Field(max_length=20)  # register / present / order / assign / complete / note / cancel
    from_user_id: int | None = Field(default=None, foreign_key='app_user.id')
    from_name: str = Field(default='', max_length=200)
    to_user_id: int | None = Field(default=None, foreign_key='app_user.id', index=True)
    to_division_id: int | None = Field(default=None, foreign_key='division.id')
    text: str = Field(default='', max_length=4000)
    due_date: date | None = None
    sent_at: datetime = Field(default_factory=utcnow)
    acknowledged_at: datetime | None = None
    completed_at: datetime | None = None


class DocumentLink(OrgScoped, table=True):
    """A letter linked to any record of any app (a project, a voucher, a village, another letter)."""

    __tablename__ = 'office_document_link'
    __table_args__ = (UniqueConstraint('document_id', 'object_type', 'object_id'),
                      Index('ix_office_link_object', 'org_id', 'object_type', 'object_id'))
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key='office_document.id', index=True)
    object_type: str = Field(max_length=60)  # the other record's model name
    object_id: int
    created_by: int | None = Field(default=None, foreign_key='app_user.id')
    created_at: datetime = Field(default_factory=utcnow)


class CitizenRequest(OrgScoped, table=True):
    """A request or complaint filed by a citizen at /e-service; it lands as an incoming document."""

    __tablename__ = 'office_citizen_request'
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key='office_document.id', index=True)
    tracking_code: str = Field(max_length=20, unique=True)
    request_type: str = Field(max_length=20)
    name: str = Field(max_length=200)
    contact: str = Field(max_length=200)
    consent_at: datetime = Field(default_factory=utcnow)
    client_key: str = Field(default='', max_length=64, index=True)  # hashed address, for the rate limit
    created_at: datetime = Field(default_factory=utcnow, index=True)
    answer: str = Field(default='', max_length=5000)
    answered_at: datetime | None = None


class PublicHit(SQLModel, table=True):
    """One use of a public (no sign-in) action by one hashed address: the rate limit lives in the database."""

    __tablename__ = 'office_public_hit'
    __table_args__ = (Index('ix_office_public_hit_key', 'action', 'client_key', 'at'),)
    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(max_length=20)  # submit / track
    client_key: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow)
