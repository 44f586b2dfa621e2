"""Shared code lists used by several apps: the programme classification (ด้าน/แผนงาน/งาน, used by e-Plan and the
e-LAAS budget alike) and fund sources (แหล่งเงิน). Seeded per LAO from assets/codes/ and editable by an administrator.
"""

from sqlmodel import Field, UniqueConstraint

from models.base import OrgScoped


class ProgramCode(OrgScoped, table=True):
    """One node of ด้าน (area) → แผนงาน (programme) → งาน (work), e.g. 00110 แผนงานบริหารงานทั่วไป."""

    __tablename__ = 'program_code'
    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10, index=True)
    name: str = Field(max_length=200)
    level: str = Field(max_length=10)  # area | program | work
    parent_code: str = Field(default='', max_length=10)
    sort_order: int = 0
    is_active: bool = True


class FundSource(OrgScoped, table=True):
    """แหล่งเงิน: a dimension on every money record (เงินงบประมาณ, เงินสะสม, เงินอุดหนุนเฉพาะกิจ, …)."""

    __tablename__ = 'fund_source'
    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10)
    name: str = Field(max_length=200)
    in_budget: bool = True  # spent through the annual budget ordinance (ข้อบัญญัติ) or outside it
    sort_order: int = 0
    is_active: bool = True
