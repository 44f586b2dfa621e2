"""e-LAAS: budget (ข้อบัญญัติ), budget control (โอน, ก่อหนี้ผูกพัน), vouchers (ฎีกา), receipts (ใบเสร็จรับเงิน) and the
double-entry books, with the code lists and rules they run on (all data, seeded per LAO from assets/elaas/).

A budget line keeps its running totals (transfers in/out, committed, disbursed) on its own row: the services change
them only while holding the row's lock, so the rule "no document takes a line below zero" is enforced by the
database under concurrent use, and the remaining-budget report reads one row per line.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, Index, UniqueConstraint

from models.base import OrgScoped, Tracked, utcnow
from models.types import money

# --- code lists and rules -------------------------------------------------------------------------------------------

class ExpenseClass(OrgScoped, table=True):
    """งบ → หมวด → ประเภทรายจ่าย (levels group/category/type) with the GL account an expense of it debits."""

    __tablename__ = 'expense_class'
    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10, index=True)
    name: str = Field(max_length=200)
    level: str = Field(max_length=10)  # group | category | type
    parent_code: str = Field(default='', max_length=10)
    account_code: str = Field(default='', max_length=20)  # blank: the parent's account
    personnel: bool = False  # counts as personnel cost (มาตรา 35); a category's flag covers its types
    sort_order: int = 0
    is_active: bool = True


class RevenueClass(OrgScoped, table=True):
    """Revenue classification: group (จัดเก็บเอง/จัดสรร/อุดหนุน) → หมวด → ประเภท, with its GL revenue account."""

    __tablename__ = 'revenue_class'
    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10, index=True)
    name: str = Field(max_length=200)
    level: str = Field(max_length=10)  # group | category | type
    parent_code: str = Field(default='', max_length=10)
    account_code: str = Field(default='', max_length=20)
    sort_order: int = 0
    is_active: bool = True


class Account(OrgScoped, table=True):
    """The chart of accounts (ผังบัญชีมาตรฐาน e-LAAS)."""

    __tablename__ = 'gl_account'
    __table_args__ = (UniqueConstraint('org_id', 'code'),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, index=True)
    name: str = Field(max_length=200)
    level: int = 6
    parent_code: str = Field(default='', max_length=20)
    account_class: str = Field(max_length=10)  # asset | liability | equity | revenue | expense
    normal_side: str = Field(max_length=6)  # debit | credit
    statement: str = Field(default='', max_length=60)
    postable: bool = True
    is_active: bool = True


class PostingRule(OrgScoped, table=True):
    """How a kind of document posts: one row per side; a blank account means the account of each document line."""

    __tablename__ = 'posting_rule'
    id: int | None = Field(default=None, primary_key=True)
    event: str = Field(max_length=30, index=True)  # receipt | receipt_transfer | deposit | voucher
    side: str = Field(max_length=6)  # debit | credit
    amount: str = Field(max_length=10)  # gross | net | wht
    account_code: str = Field(default='', max_length=20)
    description: str = Field(default='', max_length=200)
    sort_order: int = 0


class FinanceRule(OrgScoped, table=True):
    """A dated number the rules read (personnel cap %, approval limits by role, receipts per book), citing where it
    comes from. A limit left blank (value None) has no limit (ไม่จำกัด)."""

    __tablename__ = 'finance_rule'
    __table_args__ = (UniqueConstraint('org_id', 'key', 'effective_from'),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=60)
    value: Decimal | None = money(default=None, nullable=True)
    effective_from: date
    description: str = Field(default='', max_length=300)
    clause: str = Field(default='', max_length=300)  # the regulation it comes from, or that it is the LAO's own


# --- budget ---------------------------------------------------------------------------------------------------------

class Budget(OrgScoped, Tracked, table=True):
    """The annual budget ordinance (ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่ายประจำปี) of one fiscal year."""

    __tablename__ = 'budget'
    __table_args__ = (UniqueConstraint('org_id', 'fiscal_year'),)
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int = Field(index=True)
    title: str = Field(max_length=300)
    estimated_revenue: Decimal = money()
    first_reading_on: date | None = None  # สภารับหลักการ (วาระที่ 1)
    second_reading_on: date | None = None  # แปรญัตติ (วาระที่ 2)
    council_passed_on: date | None = None  # สภาเห็นชอบ (วาระที่ 3)
    sent_on: date | None = None  # sent to the นายอำเภอ / ผู้ว่าราชการจังหวัด
    endorsed_on: date | None = None  # endorsed by them (None once endorsed: deemed so after the legal days)
    announced_on: date | None = None
    status: str = Field(default='draft', max_length=12)


class BudgetLine(OrgScoped, Tracked, table=True):
    """One รายการ of the budget: แผนงาน/งาน/งบ/หมวด/ประเภท, owner division, fund source, optional plan project."""

    __tablename__ = 'budget_line'
    __table_args__ = (Index('ix_budget_line_org_year', 'org_id', 'fiscal_year'),
                      Index('uq_budget_line_code', 'org_id', 'fiscal_year', 'code', unique=True))
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int
    code: str = Field(default='', max_length=30)  # รหัสงบประมาณ
    program_code: str = Field(default='', max_length=10)  # แผนงาน (from the งาน's parent)
    work_code: str = Field(max_length=10)  # งาน
    group_code: str = Field(default='', max_length=10)  # งบ
    category_code: str = Field(default='', max_length=10)  # หมวด
    type_code: str = Field(max_length=10)  # ประเภทรายจ่าย
    item: str = Field(max_length=500)  # รายการ/โครงการ
    explanation: str = Field(default='', max_length=2000)  # คำชี้แจง
    project_id: int | None = Field(default=None, foreign_key='plan_project.id')
    division_id: int = Field(foreign_key='division.id')
    fund_source_id: int = Field(foreign_key='fund_source.id')
    approved: Decimal = money()
    transfer_in: Decimal = money()
    transfer_out: Decimal = money()
    committed: Decimal = money()  # open commitments
    disbursed: Decimal = money()  # vouchers filed (prepared … posted)

    @property
    def remaining(self) -> Decimal:
        return self.approved + self.transfer_in - self.transfer_out - self.committed - self.disbursed


class RevenueEstimate(OrgScoped, Tracked, table=True):
    """ประมาณการรายรับ of a revenue category in the fiscal year's budget."""

    __tablename__ = 'revenue_estimate'
    __table_args__ = (UniqueConstraint('org_id', 'fiscal_year', 'revenue_code'),)
    id: int | None = Field(default=None, primary_key=True)
    fiscal_year: int
    revenue_code: str = Field(max_length=10)
    amount: Decimal = money()


class BudgetTransfer(OrgScoped, Tracked, table=True):
    """โอนงบประมาณ: from one line to another, applied when approved."""

    __tablename__ = 'budget_transfer'
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40)
    fiscal_year: int = 0
    transfer_date: date
    from_line_id: int = Field(foreign_key='budget_line.id', index=True)
    to_line_id: int | None = Field(default=None, foreign_key='budget_line.id', index=True)  # None: a new item
    amount: Decimal = money()
    reason: str = Field(max_length=1000)
    status: str = Field(default='draft', max_length=12)
    # ordinary | new_item | capital_change | explanation_change (assets/elaas/transfer_rules.csv)
    kind: str = Field(default='ordinary', max_length=20)
    changes_capital: bool = False  # a capital item's nature, quantity or quality changes (ข้อ 27)
    # the new item a council transfer sets up (รายการใหม่): its งาน, ประเภทรายจ่าย, name and plan project
    new_item: str = Field(default='', max_length=500)
    new_work_code: str = Field(default='', max_length=10)
    new_type_code: str = Field(default='', max_length=10)
    new_project_id: int | None = Field(default=None, foreign_key='plan_project.id')
    # แก้ไขเปลี่ยนแปลงคำชี้แจง (ข้อ 29): moves no money; on approval the line's explanation becomes the new one and
    # the one it replaced is kept here (and in the line's history)
    new_explanation: str = Field(default='', max_length=2000)
    old_explanation: str = Field(default='', max_length=2000)
    council_resolution: str = Field(default='', max_length=200)  # มติสภา: ครั้งที่/สมัย/เลขที่
    council_date: date | None = None  # the day the council resolved


class Commitment(OrgScoped, Tracked, table=True):
    """ก่อหนี้ผูกพัน (PO/contract) reserving budget on a line; vouchers against it consume it."""

    __tablename__ = 'commitment'
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40)
    fiscal_year: int = 0
    commit_date: date
    line_id: int = Field(foreign_key='budget_line.id', index=True)
    vendor: str = Field(max_length=300)
    description: str = Field(max_length=1000)
    reference: str = Field(default='', max_length=100)  # PO / contract no. (e-GP)
    amount: Decimal = money()
    used: Decimal = money()  # paid out by vouchers
    status: str = Field(default='open', max_length=12)  # open | closed | cancelled


# --- vouchers and receipts -------------------------------------------------------------------------------------------

class Voucher(OrgScoped, Tracked, table=True):
    """ฎีกา: a payment request with its lines, withholding tax and approval trail."""

    __tablename__ = 'voucher'
    __table_args__ = (Index('ix_voucher_org_year', 'org_id', 'fiscal_year', 'id'),
                      Index('ix_voucher_org_date', 'org_id', 'voucher_date', 'id'),
                      Index('ux_voucher_org_remits', 'org_id', 'remits', unique=True))  # one remittance a month
    #   and form (NULLs apart)
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40, index=True)  # เลขที่ฎีกา
    requester_no: str = Field(default='', max_length=40)  # เลขที่ผู้เบิก: the requesting division's running number
    treasury_no: str = Field(default='', max_length=40)  # เลขที่คลังรับ: given when the finance division checks it
    fiscal_year: int = 0
    voucher_date: date
    payee: str = Field(max_length=300)
    payee_tax_id: str = Field(default='', max_length=13)
    description: str = Field(max_length=1000)
    supporting_docs: str = Field(default='', max_length=1000)  # เอกสารประกอบฎีกา (one per line), besides attachments
    division_id: int | None = Field(default=None, foreign_key='division.id')
    fund_source_id: int = Field(foreign_key='fund_source.id')
    withhold: bool = False  # withhold income tax (rate, threshold and form: assets/elaas/tax_rules.csv)
    payee_kind: str = Field(default='juristic', max_length=12)  # juristic (ภ.ง.ด.53) | individual (ภ.ง.ด.3) |
    #   government (not withheld)
    income_type: str = Field(default='goods', max_length=12)  # ประเภทเงินได้: goods | hire | service (tax_rules.csv)
    payee_address: str = Field(default='', max_length=500)  # printed on the 50 ทวิ certificate
    vat_included: bool = False  # the amount includes VAT: tax is withheld on the amount before it
    gross: Decimal = money()
    vat: Decimal = money()  # the VAT within the gross (0 when none)
    wht: Decimal = money()
    net: Decimal = money()
    status: str = Field(default='prepared', max_length=12, index=True)
    pay_method: str = Field(default='', max_length=12)  # cheque | transfer | cash
    pay_reference: str = Field(default='', max_length=60)
    paid_on: date | None = None
    journal_id: int | None = None
    approval_order_id: int | None = Field(default=None, foreign_key='delegation_order.id')  # the order the
    #   approver acted under (ปฏิบัติราชการแทน); None: approved in their own right
    # a remittance of withheld tax (นำส่งภาษีหัก ณ ที่จ่าย): the month and form it remits, e.g. '2026-11 pnd53'
    remits: str | None = Field(default=None, max_length=20)


class VoucherLine(OrgScoped, table=True):
    __tablename__ = 'voucher_line'
    id: int | None = Field(default=None, primary_key=True)
    voucher_id: int = Field(foreign_key='voucher.id', index=True)
    budget_line_id: int | None = Field(default=None, foreign_key='budget_line.id', index=True)
    commitment_id: int | None = Field(default=None, foreign_key='commitment.id')
    account_code: str = Field(default='', max_length=20)  # non-budget payments (เงินรับฝาก, เงินสะสม, …)
    description: str = Field(default='', max_length=500)
    amount: Decimal = money()


class Receipt(OrgScoped, Tracked, table=True):
    """ใบเสร็จรับเงิน: book/number per fiscal year; a cancelled receipt keeps its number and stays listed."""

    __tablename__ = 'receipt'
    __table_args__ = (Index('ix_receipt_org_year', 'org_id', 'fiscal_year', 'id'),
                      Index('ix_receipt_org_date', 'org_id', 'receipt_date', 'id'))
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40, index=True)
    fiscal_year: int = 0
    book_no: int = 0
    number: int = 0
    receipt_date: date
    payer: str = Field(max_length=300)
    payer_tax_id: str = Field(default='', max_length=13)
    payer_address: str = Field(default='', max_length=500)
    revenue_code: str = Field(max_length=10)
    fund_source_id: int | None = Field(default=None, foreign_key='fund_source.id')
    description: str = Field(default='', max_length=1000)
    amount: Decimal = money()
    status: str = Field(default='issued', max_length=12, index=True)
    cancel_reason: str = Field(default='', max_length=500)
    journal_id: int | None = None
    received_by: str = Field(default='cash', max_length=12)  # cash (into the safe, then deposited) | transfer (bank)
    deposit_id: int | None = Field(default=None, index=True)  # the ใบนำฝาก that banked its cash (no foreign key:
    #   the deposit table comes later in the migrations, and SQLite cannot add one to an existing table)


class CashDeposit(OrgScoped, Tracked, table=True):
    """ใบนำฝาก: the cash of the receipts issued up to its date and not yet banked, deposited at the bank (cash Cr,
    bank Dr); cancelled with a reason, the receipts wait for the next deposit again."""

    __tablename__ = 'cash_deposit'
    __table_args__ = (Index('ix_cash_deposit_org_date', 'org_id', 'deposit_date', 'id'),)
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40, index=True)
    fiscal_year: int = 0
    deposit_date: date
    reference: str = Field(max_length=60)  # the bank's slip (ใบนำฝากของธนาคาร) number
    receipts_count: int = 0
    amount: Decimal = money()
    status: str = Field(default='deposited', max_length=12, index=True)
    cancel_reason: str = Field(default='', max_length=500)
    journal_id: int | None = None


# --- books ---------------------------------------------------------------------------------------------------------

class Journal(OrgScoped, Tracked, table=True):
    """A journal entry: posted from a voucher or receipt, a manual journal voucher (with approval), opening or
    carried-forward balances."""

    __tablename__ = 'journal'
    # one posting per source document (a reversal is its own source type, e.g. 'receipt-rev'), so one carry-forward
    # and one opening-balance entry per fiscal year
    __table_args__ = (Index('ix_journal_org_year', 'org_id', 'fiscal_year', 'entry_date'),
                      Index('uq_journal_source', 'org_id', 'source_type', 'source_id', unique=True))
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = Field(default='', max_length=40)
    fiscal_year: int
    entry_date: date
    book: str = Field(default='general', max_length=12)  # receipts | payments | general
    source_type: str = Field(default='manual', max_length=12)  # voucher | receipt | manual | opening | carry | *-rev
    source_id: int | None = None
    description: str = Field(default='', max_length=1000)
    debit_account: str = Field(default='', max_length=20)  # manual entries: the form's two accounts
    credit_account: str = Field(default='', max_length=20)
    amount: Decimal = money()
    status: str = Field(default='posted', max_length=12)  # manual: draft → posted | rejected


class JournalLine(OrgScoped, table=True):
    __tablename__ = 'journal_line'
    # Covering (migration 0010a): the trial balance, the ledger and the cash book read the lines from the index.
    __table_args__ = (Index('ix_journal_line_books', 'org_id', 'fiscal_year', 'account_code', 'entry_date', 'id',
                            'debit', 'credit', 'journal_id'),)
    id: int | None = Field(default=None, primary_key=True)
    journal_id: int = Field(foreign_key='journal.id', index=True)
    fiscal_year: int
    entry_date: date
    account_code: str = Field(max_length=20)
    debit: Decimal = money()
    credit: Decimal = money()
    budget_line_id: int | None = None
    description: str = Field(default='', max_length=300)


class ClosedPeriod(OrgScoped, table=True):
    """A closed month (ปิดงวด): postings dated in it are refused."""

    __tablename__ = 'closed_period'
    __table_args__ = (UniqueConstraint('org_id', 'year', 'month'),)
    id: int | None = Field(default=None, primary_key=True)
    year: int  # calendar year (CE) of the month
    month: int
    closed_by: int | None = Field(default=None, foreign_key='app_user.id')
    closed_at: datetime = Field(default_factory=utcnow)
