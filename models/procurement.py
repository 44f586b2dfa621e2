"""e-GP: the LAO-internal procurement file (รายงานขอซื้อขอจ้าง) from a budget line, its committees and bids, the
vendors register, the contract with its installments and their inspection (ตรวจรับ).

Budget money stays in e-LAAS: a file holds the id of the commitment (ก่อหนี้ผูกพัน) that reserves its amount, and an
accepted installment the id of the draft voucher (ฎีกา) it made."""

from datetime import date
from decimal import Decimal

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped, Tracked
from models.types import money


class Vendor(OrgScoped, Tracked, table=True):
    """ผู้ขาย/ผู้รับจ้าง: tax id with its check digit and branch; blocked (ผู้ทิ้งงาน) with the reason and date."""

    __tablename__ = 'egp_vendor'
    __table_args__ = (UniqueConstraint('org_id', 'tax_id', 'branch', name='uq_egp_vendor_tax_id'),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    tax_id: str = Field(max_length=13)
    branch: str = Field(default='00000', max_length=5)  # สาขา: 00000 สำนักงานใหญ่
    juristic: bool = True  # นิติบุคคล (else บุคคลธรรมดา)
    address: str = Field(default='', max_length=500)
    contact: str = Field(default='', max_length=200)
    phone: str = Field(default='', max_length=50)
    bank_name: str = Field(default='', max_length=100)
    bank_account: str = Field(default='', max_length=30)
    sme: bool = False
    blocked: bool = False  # ผู้ทิ้งงาน: no file may award it
    blocked_reason: str = Field(default='', max_length=500)
    blocked_on: date | None = None
    is_active: bool = True


class PlanItem(OrgScoped, Tracked, table=True):
    """A line of the annual procurement plan (แผนการจัดซื้อจัดจ้างประจำปี): what, from which budget line, how much,
    by which method, in which month; published on e-GP and the LAO's site (a change is a new version, audited)."""

    __tablename__ = 'egp_plan_item'
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int = Field(default=0, index=True)
    budget_line_id: int = Field(foreign_key='budget_line.id', index=True)
    division_id: int | None = Field(default=None, foreign_key='division.id')
    description: str = Field(max_length=1000)
    amount: Decimal = money()
    method: str = Field(default='', max_length=20)
    planned_month: int = 10  # เดือนที่คาดว่าจะประกาศจัดซื้อจัดจ้าง (1-12)
    published_on: date | None = None


class Procurement(OrgScoped, Tracked, table=True):
    """One procurement file (แฟ้มจัดซื้อจัดจ้าง): the budget line it spends, what and how, ราคากลาง, e-GP's number,
    the commitment reserving its amount, the award."""

    __tablename__ = 'egp_procurement'
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40)
    fiscal_year: int = Field(default=0, index=True)
    request_date: date
    budget_line_id: int = Field(foreign_key='budget_line.id', index=True)
    plan_item_id: int | None = Field(default=None, foreign_key='egp_plan_item.id')  # its line of the annual plan
    division_id: int | None = Field(default=None, foreign_key='division.id')  # the budget line's owner
    kind: str = Field(max_length=12)  # rules.yaml types
    description: str = Field(max_length=1000)
    quantity: str = Field(default='', max_length=100)
    amount: Decimal = money()  # วงเงินที่จะซื้อ/จ้าง
    method: str = Field(default='', max_length=20)  # rules.yaml methods
    condition: str = Field(default='', max_length=20)  # the ground beyond the method's limit (rules.yaml)
    reference_price: Decimal = money()  # ราคากลาง
    reference_source: str = Field(default='', max_length=300)  # ที่มาของราคากลาง
    egp_project_no: str = Field(default='', max_length=11)  # เลขที่โครงการ e-GP
    committee_order: str = Field(default='', max_length=100)  # คำสั่งแต่งตั้งคณะกรรมการ เลขที่/วันที่
    commitment_id: int | None = Field(default=None, foreign_key='commitment.id')  # the reserve in e-LAAS
    vendor_id: int | None = Field(default=None, foreign_key='egp_vendor.id')  # ผู้ได้รับคัดเลือก
    award_price: Decimal | None = money(default=None)
    award_reason: str = Field(default='', max_length=500)  # เหตุผลที่คัดเลือก
    awarded_on: date | None = None
    warnings: str = Field(default='', max_length=2000)  # self-checks, one a line
    status: str = Field(default='draft', max_length=12, index=True)


class CommitteeMember(OrgScoped, table=True):
    """A member of one of a file's committees (staff or an outsider), chair or member."""

    __tablename__ = 'egp_committee_member'
    __table_args__ = (UniqueConstraint('procurement_id', 'committee', 'name', name='uq_egp_committee_member'),)
    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key='egp_procurement.id', index=True)
    committee: str = Field(max_length=12)  # rules.yaml committees: tor | evaluation | inspection
    role: str = Field(default='member', max_length=10)  # chair | member | secretary
    name: str = Field(max_length=200)
    position: str = Field(default='', max_length=200)
    user_id: int | None = Field(default=None, foreign_key='app_user.id')  # a staff member
    outsider: bool = False  # บุคคลภายนอก


class Bid(OrgScoped, table=True):
    """A vendor's offer on a file: price, compliant or not and why."""

    __tablename__ = 'egp_bid'
    __table_args__ = (UniqueConstraint('procurement_id', 'vendor_id', name='uq_egp_bid'),)
    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key='egp_procurement.id', index=True)
    vendor_id: int = Field(foreign_key='egp_vendor.id', index=True)
    price: Decimal = money()
    compliant: bool = True
    reason: str = Field(default='', max_length=500)
    bid_date: date | None = None


class Contract(OrgScoped, Tracked, table=True):
    """สัญญา/ใบสั่งซื้อสั่งจ้าง of an awarded file: amount, dates, warranty, fine rate, guarantee."""

    __tablename__ = 'egp_contract'
    __table_args__ = (UniqueConstraint('procurement_id', name='uq_egp_contract_file'),)
    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key='egp_procurement.id')
    number_text: str = Field(max_length=40)  # เลขที่สัญญา of the LAO
    egp_contract_no: str = Field(default='', max_length=12)  # เลขคุมสัญญา e-GP
    fiscal_year: int = 0
    division_id: int | None = Field(default=None, foreign_key='division.id')
    vendor_id: int = Field(foreign_key='egp_vendor.id', index=True)
    amount: Decimal = money()
    signed_on: date | None = None
    start_on: date
    end_on: date
    warranty_days: int = 0
    fine_rate_pct: Decimal = money()  # ค่าปรับร้อยละต่อวัน
    guarantee_kind: str = Field(default='', max_length=12)
    guarantee_form: str = Field(default='', max_length=16)
    guarantee_amount: Decimal = money()
    guarantee_received_on: date | None = None
    guarantee_return_due: date | None = None  # end of the warranty
    guarantee_returned_on: date | None = None
    status: str = Field(default='draft', max_length=12, index=True)


class Installment(OrgScoped, table=True):
    """งวดงาน/งวดส่งมอบ of a contract and its inspection: delivered and inspected dates, days late, the fine, the
    draft voucher its acceptance made."""

    __tablename__ = 'egp_installment'
    __table_args__ = (UniqueConstraint('contract_id', 'seq', name='uq_egp_installment'),)
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key='egp_contract.id', index=True)
    seq: int = 1
    description: str = Field(default='', max_length=300)
    amount: Decimal = money()
    due_on: date
    delivered_on: date | None = None
    inspected_on: date | None = None
    days_late: int = 0
    fine: Decimal = money()
    voucher_id: int | None = Field(default=None, foreign_key='voucher.id')
    note: str = Field(default='', max_length=500)
    inspection_round: int = 1  # a redelivery after a refusal starts a new round of the members' decisions
    # the head of the agency's order when the members disagree (ระเบียบ ข้อ 175 (4)): accept | reject, for one round
    head_decision: str = Field(default='', max_length=8)
    head_round: int | None = None
    head_decided_on: date | None = None
    head_note: str = Field(default='', max_length=500)
    head_decided_by: int | None = Field(default=None, foreign_key='app_user.id')
    status: str = Field(default='pending', max_length=12)


class InspectionDecision(OrgScoped, Tracked, table=True):
    """One inspection committee member's decision on an installment (ตรวจรับ / ไม่ตรวจรับ with the reason), once a
    member per round of inspection."""

    __tablename__ = 'egp_inspection_decision'
    __table_args__ = (UniqueConstraint('installment_id', 'member_id', 'round', name='uq_egp_inspection_decision'),)
    id: int | None = Field(default=None, primary_key=True)
    installment_id: int = Field(foreign_key='egp_installment.id', index=True)
    member_id: int = Field(foreign_key='egp_committee_member.id')
    round: int = 1
    decision: str = Field(max_length=8)  # accept | reject
    reason: str = Field(default='', max_length=500)
    decided_on: date


class Announcement(OrgScoped, Tracked, table=True):
    """A dated announcement of a file (ประกาศเชิญชวน / ประกาศผลผู้ชนะการเสนอราคา), with e-GP's number if any."""

    __tablename__ = 'egp_announcement'
    __table_args__ = (UniqueConstraint('procurement_id', 'kind', name='uq_egp_announcement'),)
    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key='egp_procurement.id', index=True)
    kind: str = Field(max_length=12)  # invitation | result
    announced_on: date
    egp_no: str = Field(default='', max_length=30)  # เลขที่ประกาศในระบบ e-GP
    note: str = Field(default='', max_length=300)


class Appeal(OrgScoped, Tracked, table=True):
    """An appeal (อุทธรณ์) against a file's result: who, when, and the decision on it."""

    __tablename__ = 'egp_appeal'
    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key='egp_procurement.id', index=True)
    appellant: str = Field(max_length=300)  # ผู้อุทธรณ์
    vendor_id: int | None = Field(default=None, foreign_key='egp_vendor.id')
    filed_on: date
    grounds: str = Field(default='', max_length=1000)
    decision: str = Field(default='pending', max_length=10)  # pending | dismissed | upheld
    decided_on: date | None = None
    decision_note: str = Field(default='', max_length=1000)
