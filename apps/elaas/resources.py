"""e-LAAS registers, declared: code lists and rules, the budget, transfers, commitments, vouchers, receipts and the
journal."""


from sqlmodel import col, select

from apps.elaas import books, deposits, receipts, tax, vouchers
from apps.elaas.budget import (
    apply_transfer,
    approver_refusal,
    awaiting_approval,
    budget_approval_guard,
    check_budget,
    check_line,
    check_transfer,
    council_refusal,
    endorse_guard,
    new_commitment,
    passed_guard,
    release_commitment,
    resolution_refusal,
    send_guard,
    submit_guard,
)
from apps.elaas.codes import ACCOUNT_CLASSES, LIMIT_PREFIX, RULE_NAMES, SIDES
from apps.elaas.prints import receipt_pdf, voucher_pdf
from apps.eplan.links import edition_in_force
from core import db
from core.access import Principal
from core.codes import code_choices
from core.numbering import Series
from core.resource import NEVER, FormField, Link, Ref, Resource, Rules, Shared
from core.thai import fiscal_year, format_money, today
from core.workflow import Transition, Workflow
from models.codes import FundSource, ProgramCode
from models.finance import (
    Account,
    Budget,
    BudgetLine,
    BudgetTransfer,
    CashDeposit,
    Commitment,
    ExpenseClass,
    FinanceRule,
    Journal,
    PostingRule,
    Receipt,
    RevenueClass,
    RevenueEstimate,
    Voucher,
)
from models.org import Division
from models.plan import PlanEdition, PlanProject

TRANSFER_SERIES = Series('elaas.transfer', 'การโอนงบประมาณ', 'fiscal', 'โอน {n}/{year}')
LEVELS = {'group': 'งบ/กลุ่ม', 'category': 'หมวด', 'type': 'ประเภท'}
CODES_VIEW, CODES_EDIT = 'elaas.codes.view', 'admin.codes.manage'


# --- rules (one object per register: core.resource.Rules) -----------------------------------------------------------

class DraftOnly(Shared):
    editable = ('draft',)


class BudgetLineRules(Shared):
    before_write = staticmethod(check_line)  # the ordinance still a draft, codes derived, a project in force
    import_by_set = False  # a line without a code is numbered from the year's lines on file


class TransferRules(Shared):
    editable = ('draft', 'council')  # in the council's hands only its resolution is recorded (check_transfer)
    before_write = staticmethod(check_transfer)


class JournalRules(DraftOnly):
    before_write = staticmethod(books.check_manual)


class CommitmentRules(Shared):
    editable = NEVER  # changes only through its workflow and the vouchers that use it
    create = staticmethod(new_commitment)


class VoucherRules(Rules):  # the role's scope: a division sees its own vouchers
    editable = vouchers.EDITABLE
    create = staticmethod(vouchers.new_voucher)


class ReceiptRules(Shared):
    editable = NEVER
    create = staticmethod(receipts.new_receipt)


class DepositRules(Shared):
    editable = NEVER
    create = staticmethod(deposits.new_deposit)


# --- choices (one query each, off the event loop via resource.choices_for) -------------------------------------------

POSTING_EVENTS = {'receipt': 'ใบเสร็จรับเงิน (รับเงินสด)', 'receipt_transfer': 'ใบเสร็จรับเงิน (รับโอนเข้าบัญชี)',
                  'deposit': 'ใบนำฝากเงิน', 'voucher': 'ฎีกา'}
work_choices = code_choices(ProgramCode, 'work')
program_choices = code_choices(ProgramCode, active_only=False)  # shown only (derived from the งาน), old ones too
expense_type_choices = code_choices(ExpenseClass, 'type')
expense_group_choices = code_choices(ExpenseClass, 'group')
revenue_type_choices = code_choices(RevenueClass, 'type')


def project_choices(actor: Principal) -> dict[int, str]:
    """Projects of the plan's newest editions; only those of the edition in force may be chosen (check_line says why
    the others are refused, rather than hiding them)."""
    with db.session_scope() as session:
        in_force = edition_in_force(session, actor.org_id)
        editions = session.exec(select(PlanEdition).where(PlanEdition.org_id == actor.org_id)
                                .order_by(PlanEdition.id.desc()).limit(5)).all()
        rows = session.exec(select(PlanProject).where(col(PlanProject.edition_id).in_([e.id for e in editions]))
                            .order_by(PlanProject.edition_id.desc(), PlanProject.seq, PlanProject.id)).all()
    titles = {e.id: e.title for e in editions}
    return {r.id: r.name if in_force and r.edition_id == in_force.id else f'{r.name} ({titles[r.edition_id]})'
            for r in rows}


def line_choices(actor: Principal) -> dict[int, str]:
    """Budget lines of approved budgets of this and last fiscal year, with what remains on each."""
    this_year = fiscal_year(today())
    remaining = (BudgetLine.approved + BudgetLine.transfer_in - BudgetLine.transfer_out - BudgetLine.committed
                 - BudgetLine.disbursed)
    with db.session_scope() as session:
        years = session.exec(select(Budget.fiscal_year).where(Budget.org_id == actor.org_id,
                                                              Budget.status == 'approved',
                                                              Budget.fiscal_year >= this_year - 1)).all()
        rows = session.exec(select(BudgetLine.id, BudgetLine.code, BudgetLine.item, remaining).where(
            BudgetLine.org_id == actor.org_id, col(BudgetLine.fiscal_year).in_(years))
            .order_by(BudgetLine.fiscal_year.desc(), BudgetLine.code)).all()
    return {i: f'{code} {item} (คงเหลือ {format_money(left)})' for i, code, item, left in rows}


def commitment_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Commitment).where(Commitment.org_id == actor.org_id,
                                                     Commitment.status == 'open')).all()
    return {r.id: f'{r.number_text} {r.vendor} (คงเหลือ {format_money(r.amount - r.used)})' for r in rows}


def account_choices(actor: Principal) -> dict[str, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Account.code, Account.name).where(
            Account.org_id == actor.org_id, Account.postable, Account.is_active).order_by(Account.code)).all()
    return {code: f'{code} {name}' for code, name in rows}


# --- code lists and rules -------------------------------------------------------------------------------------------

EXPENSE_CLASSES = Resource(
    app='elaas', key='expense-classes', model=ExpenseClass, title='รหัสงบ/หมวด/ประเภทรายจ่าย',
    natural_key=('code',),
    title_plural='รหัสงบ หมวด และประเภทรายจ่าย',
    fields=[
        FormField('code', 'รหัส', required=True),
        FormField('name', 'ชื่อ', required=True),
        FormField('level', 'ระดับ', 'select', required=True, choices=LEVELS),
        FormField('parent_code', 'รหัสระดับบน', help='ประเภท → รหัสหมวด; หมวด → รหัสงบ'),
        FormField('account_code', 'รหัสบัญชีที่บันทึก', help='เว้นว่าง: ใช้บัญชีของหมวด'),
        FormField('personnel', 'เป็นค่าใช้จ่ายด้านบุคคล (มาตรา 35)', 'bool'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'name', 'level', 'parent_code', 'account_code', 'personnel'], search=['code', 'name'],
    filters=['level'], sort='code', unique=[('code',)], view=CODES_VIEW, edit=CODES_EDIT, rules=Shared(),
    help='การจำแนกรายจ่ายงบ → หมวด → ประเภท และบัญชีแยกประเภทที่รายจ่ายแต่ละประเภทบันทึก',
)

REVENUE_CLASSES = Resource(
    app='elaas', key='revenue-classes', model=RevenueClass, title='รหัสรายรับ', title_plural='รหัสประเภทรายรับ',
    natural_key=('code',),
    fields=[
        FormField('code', 'รหัส', required=True),
        FormField('name', 'ชื่อ', required=True),
        FormField('level', 'ระดับ', 'select', required=True, choices=LEVELS),
        FormField('parent_code', 'รหัสระดับบน'),
        FormField('account_code', 'รหัสบัญชีรายได้'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'name', 'level', 'parent_code', 'account_code'], search=['code', 'name'], filters=['level'],
    sort='code', unique=[('code',)], view=CODES_VIEW, edit=CODES_EDIT, rules=Shared(),
    help='รายได้จัดเก็บเอง ภาษีจัดสรร และเงินอุดหนุน จำแนกหมวดและประเภท พร้อมบัญชีรายได้ที่บันทึก',
)

ACCOUNTS = Resource(
    app='elaas', key='accounts', model=Account, title='บัญชี', title_plural='ผังบัญชี',
    natural_key=('code',),
    fields=[
        FormField('code', 'รหัสบัญชี', required=True),
        FormField('name', 'ชื่อบัญชี', required=True),
        FormField('level', 'ระดับ', 'int', min=1, max=9, default='6'),
        FormField('parent_code', 'รหัสบัญชีคุม'),
        FormField('account_class', 'หมวดบัญชี', 'select', required=True, choices=ACCOUNT_CLASSES),
        FormField('normal_side', 'ยอดคงเหลือปกติ', 'select', required=True, choices=SIDES),
        FormField('statement', 'งบการเงิน'),
        FormField('postable', 'บันทึกรายการได้', 'bool', default=True),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'name', 'account_class', 'normal_side', 'postable'], search=['code', 'name'],
    filters=['account_class'], sort='code', unique=[('code',)], view=CODES_VIEW, edit=CODES_EDIT, rules=Shared(),
    help='ผังบัญชีมาตรฐาน e-LAAS ของกรมส่งเสริมการปกครองท้องถิ่น',
)

POSTING_RULES = Resource(
    app='elaas', key='posting-rules', model=PostingRule, title='กฎการบันทึกบัญชี', title_plural='กฎการบันทึกบัญชี',
    natural_key=('event', 'side', 'amount'),
    label='description',
    fields=[
        FormField('event', 'เอกสาร', 'select', required=True, choices=POSTING_EVENTS),
        FormField('side', 'ด้าน', 'select', required=True, choices=SIDES),
        FormField('amount', 'จำนวนเงิน', 'select', required=True,
                  choices={'gross': 'ยอดรวม', 'net': 'ยอดสุทธิ', 'wht': 'ภาษีหัก ณ ที่จ่าย'}),
        FormField('account_code', 'รหัสบัญชี', help='เว้นว่าง: บัญชีของแต่ละรายการในเอกสาร'),
        FormField('description', 'คำอธิบาย'),
        FormField('sort_order', 'ลำดับ', 'int', min=0, default='0'),
    ],
    columns=['event', 'side', 'amount', 'account_code', 'description'], filters=['event'], sort='sort_order',
    view=CODES_VIEW, edit=CODES_EDIT, delete=CODES_EDIT, rules=Shared(),
    help='เอกสารแต่ละชนิดบันทึกบัญชีเดบิต/เครดิตบัญชีใด (ข้อมูล แก้ไขได้โดยผู้ดูแลระบบ)',
)

class FinanceRuleRules(Shared):
    def validate(self, actor: Principal, values: dict, record) -> dict[str, str]:
        """Only a limit may be left blank (no limit); every other rule is a number the work reads."""
        key = values.get('key') or (record.key if record is not None else '')
        if values.get('value') is None and not str(key).startswith(LIMIT_PREFIX):
            return {'value': 'ค่า: กรุณากรอก (เว้นว่างได้เฉพาะวงเงินอนุมัติ approve_limit.<บทบาท> ที่ไม่จำกัดวงเงิน)'}
        return {}


FINANCE_RULES = Resource(
    app='elaas', key='finance-rules', model=FinanceRule, title='เกณฑ์การเงิน', title_plural='เกณฑ์และวงเงินการเงิน',
    natural_key=('key', 'effective_from'),
    label='key',
    fields=[
        FormField('key', 'รหัสเกณฑ์', required=True, help='ที่ระบบใช้: ' + ', '.join(
            f'{key} ({name})' for key, name in RULE_NAMES.items()) + ', approve_limit.<รหัสบทบาท>'),
        FormField('value', 'ค่า', 'money', blank='ไม่จำกัด', help='วงเงินอนุมัติ: เว้นว่างเมื่อไม่จำกัดวงเงิน'),
        FormField('effective_from', 'มีผลตั้งแต่', 'date', required=True),
        FormField('description', 'คำอธิบาย'),
        FormField('clause', 'ที่มา (ระเบียบ/ข้อ)', help='ระเบียบและข้อที่กำหนด หรือระบุว่าเป็นค่าของ อปท. เอง'),
    ],
    columns=['key', 'value', 'effective_from', 'description', 'clause'], search=['key', 'description', 'clause'],
    sort='key', unique=[('key', 'effective_from')], view=CODES_VIEW, edit=CODES_EDIT, rules=FinanceRuleRules(),
    help='ร้อยละค่าใช้จ่ายบุคคล วงเงินอนุมัติฎีกาตามบทบาท ใบเสร็จต่อเล่ม งบประมาณไม่สมดุล (เพิ่มแถวใหม่พร้อมวันที่มีผล '
         'เมื่อระเบียบเปลี่ยน; อัตราภาษีเป็นกฎของประเทศ: assets/elaas/tax_rules.csv)',
)

# --- budget ---------------------------------------------------------------------------------------------------------

BUDGET_WORKFLOW = Workflow(
    states={'draft': 'ร่าง', 'submitted': 'เสนอสภา', 'passed': 'สภาเห็นชอบ', 'sent': 'เสนอผู้กำกับดูแล',
            'endorsed': 'ได้รับความเห็นชอบ', 'approved': 'ประกาศใช้แล้ว'},
    initial='draft',
    transitions=[
        Transition('submit', 'เสนอสภา', ('draft',), 'submitted', 'elaas.budget.edit', guard=submit_guard),
        Transition('pass', 'บันทึกสภาเห็นชอบ (ครบสามวาระ)', ('submitted',), 'passed', 'elaas.budget.edit',
                   guard=passed_guard),
        Transition('send', 'ส่งนายอำเภอ/ผู้ว่าราชการจังหวัดพิจารณา', ('passed',), 'sent', 'elaas.budget.approve',
                   guard=send_guard),
        Transition('endorse', 'บันทึกความเห็นชอบของผู้กำกับดูแล', ('sent',), 'endorsed', 'elaas.budget.edit',
                   guard=endorse_guard),
        Transition('approve', 'ลงนามประกาศใช้', ('endorsed',), 'approved', 'elaas.budget.approve',
                   guard=budget_approval_guard, where=awaiting_approval),
        Transition('return', 'ส่งกลับแก้ไข', ('submitted',), 'draft', 'elaas.budget.approve', needs_note=True,
                   pending=False),
    ],
)


class BudgetRules(Shared):
    editable = ('draft', 'submitted', 'passed', 'sent', 'endorsed')  # after the draft, only the path's dates
    before_write = staticmethod(check_budget)


BUDGETS = Resource(
    app='elaas', key='budgets', model=Budget, title='ข้อบัญญัติงบประมาณ', title_plural='ข้อบัญญัติงบประมาณรายจ่าย',
    label='title',
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', required=True, min=2500, max=2700, thousands=False),
        FormField('title', 'ชื่อ', required=True, help='เช่น ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569'),
        FormField('estimated_revenue', 'ประมาณการรายรับ', 'money', min=0),
        FormField('first_reading_on', 'วันที่สภารับหลักการ (วาระที่ 1)', 'date'),
        FormField('second_reading_on', 'วันที่แปรญัตติ (วาระที่ 2)', 'date'),
        FormField('council_passed_on', 'วันที่สภาเห็นชอบ (วาระที่ 3)', 'date'),
        FormField('sent_on', 'วันที่ส่งนายอำเภอ/ผู้ว่าราชการจังหวัด', 'date'),
        FormField('endorsed_on', 'วันที่ได้รับความเห็นชอบ', 'date',
                  help='เว้นว่างเมื่อไม่มีคำตอบภายในกำหนด (ถือว่าเห็นชอบเมื่อครบกำหนดตามกฎหมาย)'),
        FormField('announced_on', 'วันที่ประกาศใช้', 'date'),
        FormField('status', 'สถานะ', 'select', choices=BUDGET_WORKFLOW.states, display_only=True),
    ],
    columns=['fiscal_year', 'title', 'estimated_revenue', 'status'], sort='fiscal_year', unique=[('fiscal_year',)],
    view='elaas.budget.view', edit='elaas.budget.edit', rules=BudgetRules(), workflow=BUDGET_WORKFLOW,
    attachments=True, importable=False,
    help='ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่ายประจำปี: ร่าง → เสนอสภา (สามวาระ) → นายอำเภอ/ผู้ว่าราชการจังหวัดเห็นชอบ '
         '→ ประกาศใช้ (ตรวจค่าใช้จ่ายบุคคลตามมาตรา 35 และความสมดุลกับประมาณการรายรับ)',
)

BUDGET_LINES = Resource(
    app='elaas', key='budget-lines', model=BudgetLine, title='รายการงบประมาณ', title_plural='รายการงบประมาณรายจ่าย',
    natural_key=('fiscal_year', 'code'),
    label='item',
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', required=True, min=2500, max=2700, thousands=False),
        FormField('code', 'รหัสงบประมาณ', help='เว้นว่าง: ระบบกำหนดให้'),
        FormField('work_code', 'งาน', 'select', required=True, choices=work_choices),
        FormField('type_code', 'ประเภทรายจ่าย', 'select', choices=expense_type_choices,
                  help='เว้นว่างได้เมื่อตั้งระดับงาน × งบ (ยังไม่แจกแจง): เลือกงบแทน แล้วแจกแจงภายหลัง'),
        FormField('group_code', 'งบ', 'select', choices=expense_group_choices,
                  help='ได้จากประเภทรายจ่าย ระบุเองเฉพาะรายการที่ยังไม่แจกแจง'),
        FormField('item', 'รายการ/โครงการ', required=True),
        FormField('explanation', 'คำชี้แจง', 'textarea'),
        FormField('project_id', 'โครงการตามแผนพัฒนา', 'select', choices=project_choices,
                  help='โครงการต้องอยู่ในแผนพัฒนาท้องถิ่นฉบับที่ใช้บังคับ'),
        FormField('division_id', 'หน่วยงานเจ้าของงบ', 'ref', required=True, ref=Ref(Division)),
        FormField('fund_source_id', 'แหล่งเงิน', 'ref', required=True, ref=Ref(FundSource)),
        FormField('approved', 'งบประมาณอนุมัติ', 'money', required=True, min=0),
        FormField('program_code', 'แผนงาน', 'select', choices=program_choices, display_only=True),
        FormField('transfer_in', 'โอนเพิ่ม', 'money', display_only=True),
        FormField('transfer_out', 'โอนลด', 'money', display_only=True),
        FormField('committed', 'ก่อหนี้ผูกพัน', 'money', display_only=True),
        FormField('disbursed', 'เบิกจ่าย', 'money', display_only=True),
    ],
    columns=['fiscal_year', 'code', 'work_code', 'type_code', 'item', 'division_id', 'approved', 'disbursed'],
    search=['item', 'code'], filters=['work_code', 'division_id'], sort='code',
    view='elaas.budget.view', edit='elaas.budget.edit', rules=BudgetLineRules(),
    links=[Link('elaas/commitments', 'line_id'), Link('elaas/transfers', 'from_line_id'),
           Link('elaas/transfers', 'to_line_id')],
    help='รายการตามข้อบัญญัติ จำแนกแผนงาน/งาน/งบ/หมวด/ประเภท นำเข้าทั้งปีจาก Excel ได้ (แก้ไขได้เมื่อข้อบัญญัติเป็นร่าง)',
)

REVENUE_ESTIMATES = Resource(
    app='elaas', key='revenue-estimates', model=RevenueEstimate, title='ประมาณการรายรับ',
    natural_key=('fiscal_year', 'revenue_code'),
    title_plural='ประมาณการรายรับ', label='revenue_code',
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', required=True, min=2500, max=2700, thousands=False),
        FormField('revenue_code', 'ประเภทรายรับ', 'select', required=True, choices=revenue_type_choices),
        FormField('amount', 'ประมาณการ', 'money', required=True, min=0),
    ],
    columns=['fiscal_year', 'revenue_code', 'amount'], filters=['revenue_code'], sort='revenue_code',
    unique=[('fiscal_year', 'revenue_code')], view='elaas.budget.view', edit='elaas.budget.edit',
    delete='elaas.budget.edit', rules=Shared(),
    help='ประมาณการรายรับตามข้อบัญญัติ ใช้เทียบกับรายรับจริง',
)

TRANSFER_WORKFLOW = Workflow(
    states={'draft': 'ขออนุมัติ', 'council': 'เสนอสภาท้องถิ่น', 'approved': 'อนุมัติแล้ว', 'rejected': 'ไม่อนุมัติ'},
    initial='draft',
    transitions=[
        Transition('approve', 'อนุมัติการโอน', ('draft',), 'approved', 'elaas.transfer.approve',
                   no_self_approval=True, guard=approver_refusal, effect=apply_transfer),
        Transition('propose', 'เสนอสภาท้องถิ่น', ('draft',), 'council', 'elaas.transfer.approve',
                   guard=council_refusal),
        Transition('council_approve', 'บันทึกมติสภาอนุมัติ', ('council',), 'approved', 'elaas.transfer.edit',
                   guard=resolution_refusal, effect=apply_transfer),
        Transition('council_reject', 'สภาไม่อนุมัติ', ('council',), 'rejected', 'elaas.transfer.edit',
                   needs_note=True, pending=False),
        Transition('reject', 'ไม่อนุมัติ', ('draft',), 'rejected', 'elaas.transfer.approve', needs_note=True,
                   pending=False),
    ],
)

TRANSFER_KINDS = {'ordinary': 'โอนระหว่างรายการ (ผู้บริหารอนุมัติ)', 'new_item': 'โอนไปตั้งจ่ายเป็นรายการใหม่ (สภาอนุมัติ)',
                  'capital_change': 'ครุภัณฑ์/สิ่งก่อสร้างเปลี่ยนลักษณะ ปริมาณ คุณภาพ (สภาอนุมัติ)',
                  'explanation_change': 'แก้ไขเปลี่ยนแปลงคำชี้แจง (สภาอนุมัติ)'}

TRANSFERS = Resource(
    app='elaas', key='transfers', model=BudgetTransfer, title='การโอนงบประมาณ', title_plural='โอนงบประมาณ',
    label='number_text',
    fields=[
        FormField('transfer_date', 'วันที่', 'date', required=True),
        FormField('from_line_id', 'โอนลดจากรายการ', 'select', required=True, choices=line_choices),
        FormField('to_line_id', 'โอนเพิ่มให้รายการ', 'select', choices=line_choices,
                  help='เว้นว่างเมื่อโอนไปตั้งจ่ายเป็นรายการใหม่ (ระบุรายการใหม่ด้านล่าง: ต้องเสนอสภาท้องถิ่น)'),
        FormField('amount', 'จำนวนเงิน', 'money', required=True, min=0),
        FormField('changes_capital', 'การโอนนี้ทำให้ลักษณะ ปริมาณ หรือคุณภาพของครุภัณฑ์/สิ่งก่อสร้างเปลี่ยน', 'bool'),
        FormField('new_item', 'รายการใหม่ (ชื่อรายการ/โครงการ)'),
        FormField('new_work_code', 'งานของรายการใหม่', 'select', choices=work_choices),
        FormField('new_type_code', 'ประเภทรายจ่ายของรายการใหม่', 'select', choices=expense_type_choices),
        FormField('new_project_id', 'โครงการตามแผนพัฒนาของรายการใหม่', 'select', choices=project_choices),
        FormField('new_explanation', 'คำชี้แจงใหม่ (แก้ไขเปลี่ยนแปลงคำชี้แจง)', 'textarea',
                  help='เฉพาะการแก้ไขคำชี้แจงของรายการหมวดค่าครุภัณฑ์ ที่ดินและสิ่งก่อสร้าง ที่ทำให้ลักษณะ ปริมาณ คุณภาพ '
                       'หรือสถานที่ก่อสร้างเปลี่ยน (ข้อ 29): เลือกรายการที่ "โอนลดจากรายการ" จำนวนเงิน 0 '
                       'และเว้นว่างรายการที่โอนเพิ่ม ต้องเสนอสภาท้องถิ่น'),
        FormField('old_explanation', 'คำชี้แจงเดิม (ก่อนสภาอนุมัติ)', 'textarea', display_only=True),
        FormField('reason', 'เหตุผล', 'textarea', required=True),
        FormField('council_resolution', 'มติสภาท้องถิ่น (สมัย/ครั้งที่/เลขที่)',
                  help='บันทึกเมื่อสภามีมติแล้ว สำหรับการโอนที่ต้องเสนอสภา'),
        FormField('council_date', 'วันที่ประชุมสภา', 'date'),
        FormField('number_text', 'เลขที่', display_only=True),
        FormField('kind', 'ลักษณะการโอน', 'select', choices=TRANSFER_KINDS, display_only=True),
        FormField('status', 'สถานะ', 'select', choices=TRANSFER_WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'transfer_date', 'from_line_id', 'to_line_id', 'amount', 'kind', 'status'],
    sort='transfer_date',
    view='elaas.transfer.view', edit='elaas.transfer.edit', rules=TransferRules(), workflow=TRANSFER_WORKFLOW,
    numbering=TRANSFER_SERIES, number_date='transfer_date',
    attachments=True, importable=False,
    help='โอนเพิ่ม/โอนลดงบประมาณ: ผู้บริหารอนุมัติการโอนระหว่างรายการ การโอนไปตั้งรายการใหม่หรือที่เปลี่ยนลักษณะ ปริมาณ '
         'คุณภาพของครุภัณฑ์/สิ่งก่อสร้าง และการแก้ไขเปลี่ยนแปลงคำชี้แจงของรายการเหล่านี้ ต้องเสนอสภาท้องถิ่น '
         '(ระเบียบวิธีการงบประมาณ พ.ศ. 2563 ข้อ 26–27, 29)',
)

COMMITMENT_WORKFLOW = Workflow(
    states={'open': 'ผูกพันอยู่', 'closed': 'เบิกจ่ายครบ', 'cancelled': 'ยกเลิก'},
    initial='open',
    transitions=[Transition('cancel', 'ยกเลิก/คืนยอดคงเหลือ', ('open',), 'cancelled', 'elaas.commitment.edit',
                            needs_note=True, pending=False, effect=release_commitment)],
)

COMMITMENTS = Resource(
    app='elaas', key='commitments', model=Commitment, title='ก่อหนี้ผูกพัน', title_plural='ก่อหนี้ผูกพัน',
    label='number_text',
    fields=[
        FormField('commit_date', 'วันที่', 'date', required=True),
        FormField('line_id', 'รายการงบประมาณ', 'select', required=True, choices=line_choices),
        FormField('vendor', 'ผู้ขาย/ผู้รับจ้าง', required=True),
        FormField('description', 'รายละเอียด', required=True),
        FormField('reference', 'เลขที่ใบสั่ง/สัญญา (e-GP)'),
        FormField('amount', 'จำนวนเงิน', 'money', required=True, min=0),
        FormField('number_text', 'เลขที่', display_only=True),
        FormField('used', 'เบิกจ่ายแล้ว', 'money', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=COMMITMENT_WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'commit_date', 'vendor', 'description', 'amount', 'used', 'status'],
    search=['vendor', 'description', 'reference', 'number_text'], sort='commit_date',
    view='elaas.commitment.view', edit='elaas.commitment.edit', rules=CommitmentRules(),
    workflow=COMMITMENT_WORKFLOW, attachments=True, importable=False,
    help='ใบสั่งซื้อ/สัญญาที่ผูกพันงบประมาณ (บันทึกเอง หรือจาก e-GP ในอนาคต) ฎีกาที่อ้างถึงจะตัดยอดผูกพัน',
    grows=True,
)

# --- vouchers, receipts, journal ----------------------------------------------------------------------------------

VOUCHERS = Resource(
    app='elaas', key='vouchers', model=Voucher, title='ฎีกา', title_plural='ทะเบียนฎีกา', label='number_text',
    fields=[
        FormField('voucher_date', 'วันที่ฎีกา', 'date', required=True, readonly_on_edit=True),
        FormField('payee', 'จ่ายให้ (ผู้รับเงิน)', required=True),
        FormField('payee_tax_id', 'เลขประจำตัวผู้เสียภาษี', 'citizen_id'),
        FormField('description', 'รายการ/วัตถุประสงค์', required=True),
        FormField('division_id', 'กองที่ขอเบิก', 'ref', ref=Ref(Division)),
        FormField('fund_source_id', 'แหล่งเงิน', 'ref', required=True, ref=Ref(FundSource)),
        FormField('payee_address', 'ที่อยู่ผู้รับเงิน (พิมพ์ในหนังสือรับรองการหักภาษี)', 'textarea'),
        FormField('payee_kind', 'ผู้รับเงินเป็น', 'select', choices=tax.PAYEE_KINDS,
                  default='juristic', readonly_on_edit=True),
        FormField('withhold', 'หักภาษี ณ ที่จ่าย', 'bool', readonly_on_edit=True,
                  help='ตามอัตราและเกณฑ์ที่ใช้บังคับ ณ วันที่ฎีกา (ผู้รับเป็นส่วนราชการหรือรัฐวิสาหกิจไม่หัก)'),
        FormField('income_type', 'ประเภทเงินได้', 'select', choices=tax.INCOME_TYPES, default='goods',
                  readonly_on_edit=True),
        FormField('vat_included', 'จำนวนเงินรวมภาษีมูลค่าเพิ่ม (หักภาษีจากยอดก่อนภาษีมูลค่าเพิ่ม)', 'bool',
                  readonly_on_edit=True),
        FormField('budget_line_id', 'รายการงบประมาณ', 'select', choices=line_choices, on_create_only=True),
        FormField('commitment_id', 'ก่อหนี้ผูกพัน (ถ้ามี)', 'select', choices=commitment_choices, on_create_only=True),
        FormField('account_code', 'บัญชีนอกงบประมาณ (ถ้าไม่ใช้งบประมาณ)', on_create_only=True),
        FormField('amount', 'จำนวนเงิน', 'money', required=True, min=0, on_create_only=True),
        FormField('supporting_docs', 'เอกสารประกอบฎีกา (บรรทัดละรายการ)', 'textarea',
                  help='เช่น ใบส่งของ/ใบแจ้งหนี้ ใบตรวจรับพัสดุ สำเนาสัญญา (ไฟล์แนบจะพิมพ์ชื่อไว้ด้วย)'),
        FormField('number_text', 'เลขที่ฎีกา', display_only=True),
        FormField('requester_no', 'เลขที่ผู้เบิก', display_only=True),
        FormField('treasury_no', 'เลขที่คลังรับ', display_only=True),
        FormField('gross', 'ยอดขอเบิก', 'money', display_only=True),
        FormField('vat', 'ภาษีมูลค่าเพิ่มในยอดขอเบิก', 'money', display_only=True),
        FormField('wht', 'ภาษีหัก ณ ที่จ่าย', 'money', display_only=True),
        FormField('net', 'ยอดจ่ายสุทธิ', 'money', display_only=True),
        FormField('pay_method', 'วิธีจ่าย', 'select', choices=vouchers.PAY_METHODS, display_only=True),
        FormField('pay_reference', 'เลขที่เช็ค/อ้างอิงการโอน', display_only=True),
        FormField('paid_on', 'วันที่จ่าย', 'date', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=vouchers.WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'voucher_date', 'payee', 'description', 'gross', 'status'],
    search=['payee', 'description', 'number_text'], filters=['status', 'division_id'],
    sort='voucher_date', sort_descending=True,
    view='elaas.voucher.view', edit='elaas.voucher.prepare', workflow=vouchers.WORKFLOW,
    rules=VoucherRules(), numbering=vouchers.VOUCHER_SERIES, number_date='voucher_date', attachments=True,
    importable=False,
    print_form=voucher_pdf,
    help='วางฎีกา → ตรวจฎีกา (ผอ.กองคลัง) → อนุมัติ (ปลัด/นายก ตามวงเงิน) → จ่ายเงิน → บันทึกบัญชี',
    grows=True,
)

RECEIPTS = Resource(
    app='elaas', key='receipts', model=Receipt, title='ใบเสร็จรับเงิน', title_plural='ทะเบียนใบเสร็จรับเงิน',
    label='number_text',
    fields=[
        FormField('receipt_date', 'วันที่', 'date', required=True),
        FormField('payer', 'ได้รับเงินจาก', required=True),
        FormField('payer_tax_id', 'เลขประจำตัวผู้เสียภาษี', 'citizen_id'),
        FormField('payer_address', 'ที่อยู่ผู้ชำระเงิน', 'textarea'),
        FormField('revenue_code', 'ประเภทรายรับ', 'select', required=True, choices=revenue_type_choices),
        FormField('received_by', 'รับเงินโดย', 'select', choices=receipts.RECEIVED_BY, default='cash',
                  help='เงินสดเข้าตู้นิรภัยแล้วนำฝากธนาคาร (ใบนำฝาก); เงินอุดหนุนและภาษีจัดสรรรับโอนเข้าบัญชี'),
        FormField('fund_source_id', 'แหล่งเงิน', 'ref', ref=Ref(FundSource)),
        FormField('description', 'รายละเอียด'),
        FormField('amount', 'จำนวนเงิน', 'money', required=True, min=0),
        FormField('book_no', 'เล่มที่', 'int', display_only=True),
        FormField('number_text', 'เลขที่', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=receipts.WORKFLOW.states, display_only=True),
        FormField('cancel_reason', 'เหตุผลการยกเลิก', display_only=True),
    ],
    columns=['book_no', 'number_text', 'receipt_date', 'payer', 'revenue_code', 'amount', 'status'],
    search=['payer', 'number_text', 'description'], filters=['revenue_code', 'status'],
    sort='receipt_date', sort_descending=True,
    view='elaas.receipt.view', edit='elaas.receipt.issue', rules=ReceiptRules(), workflow=receipts.WORKFLOW,
    importable=False, print_form=receipt_pdf,
    help='ออกใบเสร็จรับเงิน (เล่มที่/เลขที่ต่อปีงบประมาณ) บันทึกบัญชีทันที ยกเลิกได้พร้อมเหตุผล เลขที่ยังคงอยู่ในทะเบียน',
    grows=True,
)

DEPOSITS = Resource(
    app='elaas', key='deposits', model=CashDeposit, title='ใบนำฝาก', title_plural='ทะเบียนใบนำฝากเงิน',
    label='number_text',
    fields=[
        FormField('deposit_date', 'วันที่นำฝาก', 'date', required=True, default=lambda actor: today(),
                  help='นำฝากเงินสดจากใบเสร็จรับเงินทุกฉบับถึงวันนี้ที่ยังไม่ได้นำฝาก'),
        FormField('reference', 'เลขที่ใบนำฝากของธนาคาร', required=True),
        FormField('number_text', 'เลขที่', display_only=True),
        FormField('receipts_count', 'จำนวนใบเสร็จ', 'int', display_only=True),
        FormField('amount', 'จำนวนเงินที่นำฝาก', 'money', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=deposits.WORKFLOW.states, display_only=True),
        FormField('cancel_reason', 'เหตุผลการยกเลิก', display_only=True),
    ],
    columns=['number_text', 'deposit_date', 'reference', 'receipts_count', 'amount', 'status'],
    search=['number_text', 'reference'], filters=['status'], sort='deposit_date', sort_descending=True,
    view='elaas.receipt.view', edit='elaas.deposit.make', rules=DepositRules(), workflow=deposits.WORKFLOW,
    importable=False,
    help='นำเงินสดที่รับไว้ฝากธนาคารภายในวันที่รับ (หรือวันทำการถัดไป) บันทึกบัญชีเงินฝากธนาคาร/เงินสดทันที',
    # about one a working day: not a register that grows by thousands a year
)

JOURNAL_WORKFLOW = Workflow(
    states={'draft': 'รออนุมัติ', 'posted': 'ผ่านรายการแล้ว', 'rejected': 'ไม่อนุมัติ'},
    initial='draft',
    transitions=[
        Transition('approve', 'อนุมัติและผ่านรายการ', ('draft',), 'posted', 'elaas.journal.approve',
                   no_self_approval=True, effect=books.post_manual),
        Transition('reject', 'ไม่อนุมัติ', ('draft',), 'rejected', 'elaas.journal.approve', needs_note=True,
                   pending=False),
    ],
)

JOURNALS = Resource(
    app='elaas', key='journals', model=Journal, title='รายการบัญชี', title_plural='สมุดรายวัน (รายการบัญชี)',
    label='number_text',
    fields=[
        FormField('entry_date', 'วันที่', 'date', required=True),
        FormField('description', 'คำอธิบายรายการ', required=True),
        FormField('debit_account', 'บัญชีด้านเดบิต', 'select', required=True, choices=account_choices),
        FormField('credit_account', 'บัญชีด้านเครดิต', 'select', required=True, choices=account_choices),
        FormField('amount', 'จำนวนเงิน', 'money', required=True, min=0),
        FormField('number_text', 'เลขที่', display_only=True),
        FormField('book', 'สมุด', 'select', display_only=True,
                  choices={'receipts': 'สมุดเงินสดรับ', 'payments': 'สมุดเงินสดจ่าย', 'general': 'สมุดรายวันทั่วไป'}),
        FormField('source_type', 'ที่มา', 'select', display_only=True,
                  choices={'voucher': 'ฎีกา', 'receipt': 'ใบเสร็จ', 'manual': 'ใบผ่านรายการบัญชีทั่วไป',
                           'opening': 'ยอดยกมา', 'carry': 'ยกยอดสิ้นปี'}),
        FormField('status', 'สถานะ', 'select', choices=JOURNAL_WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'entry_date', 'book', 'description', 'amount', 'status'],
    search=['description', 'number_text'], filters=['book', 'source_type', 'status'],
    sort='entry_date', sort_descending=True,
    view='elaas.journal.view', edit='elaas.journal.edit', rules=JournalRules(), workflow=JOURNAL_WORKFLOW,
    numbering=books.JOURNAL_SERIES, number_date='entry_date', attachments=True, importable=False,
    help='รายการบัญชีทุกรายการ: จากฎีกาและใบเสร็จโดยอัตโนมัติ และใบผ่านรายการบัญชีทั่วไปที่ต้องอนุมัติก่อนผ่านรายการ',
    grows=True,
)

ALL: list[Resource] = [BUDGETS, BUDGET_LINES, REVENUE_ESTIMATES, TRANSFERS, COMMITMENTS, VOUCHERS, RECEIPTS, DEPOSITS,
                       JOURNALS, EXPENSE_CLASSES, REVENUE_CLASSES, ACCOUNTS, POSTING_RULES, FINANCE_RULES]
