"""The organisation (tenant), its structure, its people and their access."""

from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from models.base import OrgScoped, Tracked, utcnow
from models.types import money


class Organization(SQLModel, table=True):
    """One LAO (อปท.). Its type and size chose the structure template it was set up from."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    dla_code: str = Field(max_length=7, unique=True)
    lao_type: str = Field(max_length=40)
    size: str = Field(max_length=10)
    structure_key: str = Field(max_length=60)
    province_code: str = Field(max_length=2)
    province_name: str = Field(max_length=100)
    district_name: str = Field(max_length=100)
    letter_prefix: str = Field(default='', max_length=30)
    # the address printed on the LAO's letters (ที่ตั้งส่วนราชการ): e.g. หมู่ที่ 1 ถนนมิตรภาพ, ตำบล, รหัสไปรษณีย์, โทร.
    address_line: str = Field(default='', max_length=200)
    subdistrict_name: str = Field(default='', max_length=100)
    postcode: str = Field(default='', max_length=5)
    phone: str = Field(default='', max_length=60)
    tax_id: str = Field(default='', max_length=13)  # เลขประจำตัวผู้เสียภาษีอากร of the LAO, on its 50 ทวิ certificates
    # the ครุฑ the LAO uploaded once (PNG or SVG, kept as an attachment of the organisation); none: a drawn outline
    garuda_attachment_id: int | None = None  # no foreign key: the attachment table points back at organizations
    is_demo: bool = False
    # policies set by the LAO
    session_hours: int = 8
    lockout_attempts: int = 20  # failures of one name from one address before it locks there
    lockout_minutes: int = 15
    attachment_max_mb: int = 10
    attachment_types: str = Field(default='pdf,jpg,jpeg,png,doc,docx,xls,xlsx', max_length=200)
    # the seat of the secret-letter officer (นายทะเบียนหนังสือลับ): its holder registers and keeps every secret letter
    # (ระเบียบว่าด้วยการรักษาความลับของทางราชการ พ.ศ. 2544); no foreign key: position already points here, and
    # a cycle would stop the tables being created and dropped in order (the settings service checks the seat)
    secret_officer_position_id: int | None = None
    # renewed with every change to who may do what here (core/access.py): the shell's cached rights are then re-read
    access_version: int = Field(default=0, sa_column_kwargs={'server_default': '0'})
    created_at: datetime = Field(default_factory=utcnow)

    def address_lines(self) -> list[str]:
        """The LAO's address as its papers print it: place, ตำบล, อำเภอ, จังหวัด and postcode (those it has)."""
        return [line for line in (
            self.address_line, f'ตำบล{self.subdistrict_name}' if self.subdistrict_name else '',
            f'อำเภอ{self.district_name}', f'จังหวัด{self.province_name} {self.postcode}'.strip()) if line]


class Division(OrgScoped, Tracked, table=True):
    """A ส่วนราชการ (สำนักปลัด, กองคลัง, …) or the political side (ฝ่ายบริหาร)."""

    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20)
    name: str = Field(max_length=200)
    kind: str = Field(default='division', max_length=20)
    sort_order: int = 0
    is_active: bool = True


class WorkUnit(OrgScoped, table=True):
    """A งาน inside a division."""

    __table_args__ = (UniqueConstraint('division_id', 'name'),)
    id: int | None = Field(default=None, primary_key=True)
    division_id: int = Field(foreign_key='division.id', index=True)
    name: str = Field(max_length=200)
    sort_order: int = 0


class Position(OrgScoped, Tracked, table=True):
    """One seat (ตำแหน่ง) in a division; a user holds it through an Assignment."""

    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    division_id: int = Field(foreign_key='division.id', index=True)
    work_unit_id: int | None = Field(default=None, foreign_key='workunit.id')
    code: str = Field(max_length=40)
    title: str = Field(max_length=200)
    short_title: str = Field(default='', max_length=100)
    position_type: str = Field(max_length=30)
    level: str | None = Field(default=None, max_length=40)
    is_head: bool = False
    sort_order: int = 0
    is_active: bool = True


class Role(OrgScoped, table=True):
    """A named permission set; copied from assets/roles.yaml at set-up."""

    __table_args__ = (UniqueConstraint('org_id', 'key'),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40)
    title: str = Field(max_length=200)
    description: str = Field(default='', max_length=500)
    scope: str = Field(default='own', max_length=10)
    permissions: str = Field(default='', max_length=4000)  # one pattern per line


class PositionRole(OrgScoped, table=True):
    """The roles a position carries (its duties)."""

    __table_args__ = (UniqueConstraint('position_id', 'role_key'),)
    id: int | None = Field(default=None, primary_key=True)
    position_id: int = Field(foreign_key='position.id', index=True)
    role_key: str = Field(max_length=40)


class User(OrgScoped, table=True):
    """A local account. `user` is reserved in PostgreSQL, hence app_user."""

    __tablename__ = 'app_user'
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    full_name: str = Field(max_length=200)
    email: str = Field(default='', max_length=200)
    phone: str = Field(default='', max_length=40)
    password_hash: str = Field(max_length=300)
    is_active: bool = True
    must_change_password: bool = False
    session_version: int = 1
    last_login_at: datetime | None = None
    # beyond the LAO (core/access.py): the install's administrator creates LAOs (set at first set-up, granted only by
    # another); a cross-LAO reader (ผู้ตรวจสอบระดับจังหวัด) reads the LAOs of its LAO's province ('province') or of
    # the whole install ('install') and writes nothing anywhere. No LAO role gives either.
    install_admin: bool = False
    reads_across: str = Field(default='', max_length=10)
    created_at: datetime = Field(default_factory=utcnow)


class Assignment(OrgScoped, Tracked, table=True):
    """A user holding a position (small LAOs: one person, several duties; รักษาราชการแทน = acting)."""

    __tablename__ = 'position_assignment'
    __table_args__ = (UniqueConstraint('user_id', 'position_id'),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    position_id: int = Field(foreign_key='position.id', index=True)
    is_primary: bool = False
    acting: bool = False
    start_date: date | None = None


class RoleGrant(OrgScoped, Tracked, table=True):
    """An extra role given to a user beyond the roles of the positions held."""

    __table_args__ = (UniqueConstraint('user_id', 'role_key'),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    role_key: str = Field(max_length=40)
    reason: str = Field(default='', max_length=300)


class RecoveryCode(OrgScoped, table=True):
    """A one-time self-service recovery code; `lookup` is a non-secret prefix so one hash is checked."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    lookup: str = Field(max_length=8, index=True)
    code_hash: str = Field(max_length=300)
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class ResetCode(OrgScoped, table=True):
    """A one-time password-reset code issued by an administrator."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    code_hash: str = Field(max_length=300)
    issued_by: int = Field(foreign_key='app_user.id')
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SignInFailure(SQLModel, table=True):
    """One failed sign-in (a password, a recovery or reset code, an account of the province's provider) by the
    name typed and the client's address. Failures slow further attempts and lock one name at one address; they
    are kept a week (pruned as new ones come) and shown on the administrator's home page."""

    __tablename__ = 'sign_in_failure'
    __table_args__ = (Index('ix_sign_in_failure_username_at', 'username', 'at'),
                      Index('ix_sign_in_failure_address_at', 'address', 'at'))
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=60)  # as typed (lower case), also when no such account exists
    address: str = Field(max_length=64)
    kind: str = Field(max_length=20)  # password / recovery / reset / provider
    user_id: int | None = Field(default=None, foreign_key='app_user.id', index=True)
    org_id: int | None = Field(default=None, foreign_key='organization.id', index=True)
    cleared: bool = False  # a later success (or an administrator's unlock) no longer counts it


class DelegationOrder(OrgScoped, Tracked, table=True):
    """A dated order of the นายก (คำสั่งมอบอำนาจ/มอบหมาย): a position may exercise one permission (e.g. approve
    vouchers, up to an amount) from one day to another. The holder of the position acts "ปฏิบัติราชการแทน"."""

    __tablename__ = 'delegation_order'
    __table_args__ = (Index('ix_delegation_order_position', 'position_id', 'valid_from'),)
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=40)  # เลขที่คำสั่ง, e.g. 45/2569
    order_date: date
    position_id: int = Field(foreign_key='position.id')
    permission: str = Field(max_length=80)  # what is delegated, e.g. elaas.voucher.approve
    division_id: int | None = None  # the matters of this division only (e.g. a deputy's letters); None: the LAO's
    limit_amount: Decimal | None = money(default=None, nullable=True)  # approvals up to it; None: no amount limit
    valid_from: date
    valid_to: date | None = None  # None: until revoked
    note: str = Field(default='', max_length=500)
    revoked: bool = False
