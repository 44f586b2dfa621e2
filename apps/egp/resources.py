"""e-GP registers, declared: vendors, procurement files (with their workflow), committee members, bids, contracts
and installments (inspection)."""

from sqlmodel import select

from apps.egp import rules, service
from apps.elaas.links import line_choices
from core import db
from core.access import Principal
from core.numbering import Series
from core.resource import FormField, Link, Ref, Resource
from core.thai import format_date, format_money, today
from core.workflow import Transition, Workflow
from models.org import Division, User
from models.procurement import (
    Announcement,
    Appeal,
    Bid,
    CommitteeMember,
    Contract,
    Installment,
    PlanItem,
    Procurement,
    Vendor,
)

VIEW, EDIT, REVIEW, APPROVE = 'egp.procurement.view', 'egp.procurement.edit', 'egp.procurement.review', \
    'egp.procurement.approve'
CONTRACT, INSPECT = 'egp.contract.edit', 'egp.inspection.edit'
FILE_SERIES = Series('egp.file', 'แฟ้มจัดซื้อจัดจ้าง', 'fiscal', 'พ.{n}/{year}')


# --- choices (the rules in force today; a file is checked against those of its own date) ---------------------------

def type_choices(actor: Principal) -> dict[str, str]:
    return rules.titles(rules.types(today()))


def method_choices(actor: Principal) -> dict[str, str]:
    return rules.titles(rules.methods(today()))


def condition_choices(actor: Principal) -> dict[str, str]:
    return {code: f'{e["clause"]}: {e["title"]}' for code, e in rules.conditions(today()).items()}


def committee_choices(actor: Principal) -> dict[str, str]:
    return rules.titles(rules.committees(today()))


def guarantee_kind_choices(actor: Principal) -> dict[str, str]:
    return rules.titles(rules.guarantee_kinds(today()))


def guarantee_form_choices(actor: Principal) -> dict[str, str]:
    return rules.titles(rules.guarantee_forms(today()))


def vendor_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Vendor).where(Vendor.org_id == actor.org_id).order_by(Vendor.name)).all()
    return {v.id: f'{v.name} ({v.tax_id})' + (' [ผู้ทิ้งงาน]' if v.blocked else '') for v in rows}


def file_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Procurement.id, Procurement.number_text, Procurement.description).where(
            Procurement.org_id == actor.org_id).order_by(Procurement.id.desc()).limit(2000)).all()
    return {i: f'{number} {text[:80]}' for i, number, text in rows}


def plan_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(PlanItem.id, PlanItem.fiscal_year, PlanItem.description).where(
            PlanItem.org_id == actor.org_id).order_by(PlanItem.fiscal_year.desc(), PlanItem.id).limit(2000)).all()
    return {i: f'{year}: {text[:80]}' for i, year, text in rows}


MONTHS = {m: name for m, name in zip(range(1, 13), ('มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
                                                    'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน',
                                                    'ธันวาคม'), strict=True)}


def contract_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Contract.id, Contract.number_text, Contract.amount).where(
            Contract.org_id == actor.org_id).order_by(Contract.id.desc()).limit(2000)).all()
    return {i: f'สัญญา {number} ({format_money(amount)} บาท)' for i, number, amount in rows}


def staff_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(User.id, User.full_name).where(User.org_id == actor.org_id, User.is_active)
                            .order_by(User.full_name)).all()
    return dict(rows)


# --- vendors --------------------------------------------------------------------------------------------------------

VENDORS = Resource(
    app='egp', key='vendors', model=Vendor, title='ผู้ขาย/ผู้รับจ้าง', title_plural='ทะเบียนผู้ขาย/ผู้รับจ้าง',
    natural_key=('tax_id', 'branch'),
    fields=[
        FormField('name', 'ชื่อผู้ขาย/ผู้รับจ้าง', required=True),
        FormField('tax_id', 'เลขประจำตัวผู้เสียภาษี', 'citizen_id', required=True),
        FormField('branch', 'สาขา', default='00000', help='00000 = สำนักงานใหญ่'),
        FormField('juristic', 'เป็นนิติบุคคล', 'bool', default=True),
        FormField('address', 'ที่อยู่', 'textarea'),
        FormField('contact', 'ผู้ติดต่อ'),
        FormField('phone', 'โทรศัพท์'),
        FormField('bank_name', 'ธนาคาร'),
        FormField('bank_account', 'เลขที่บัญชีเงินฝาก'),
        FormField('sme', 'ผู้ประกอบการ SMEs', 'bool'),
        FormField('blocked', 'เป็นผู้ทิ้งงาน', 'bool'),
        FormField('blocked_reason', 'เหตุที่เป็นผู้ทิ้งงาน'),
        FormField('blocked_on', 'วันที่แจ้งเวียนชื่อผู้ทิ้งงาน', 'date'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['name', 'tax_id', 'branch', 'phone', 'blocked'], search=['name', 'tax_id'], filters=['blocked'],
    sort='name', unique=[('tax_id', 'branch')], view=VIEW, edit=EDIT, rules=service.VendorRules(),
    links=[Link('egp/bids', 'vendor_id'), Link('egp/contracts', 'vendor_id'), Link('egp/files', 'vendor_id')],
    help='ผู้ขายและผู้รับจ้าง: เลขประจำตัวผู้เสียภาษีตรวจหลักตรวจสอบ ผู้ทิ้งงานพร้อมเหตุและวันที่ ประวัติการเสนอราคาและสัญญา',
)

# --- the annual procurement plan -----------------------------------------------------------------------------------

PLAN = Resource(
    app='egp', key='plan', model=PlanItem, title='รายการในแผนการจัดซื้อจัดจ้าง',
    title_plural='แผนการจัดซื้อจัดจ้างประจำปี', label='description',
    fields=[
        FormField('budget_line_id', 'รายการงบประมาณ', 'select', required=True, choices=line_choices),
        FormField('description', 'งาน/โครงการที่จะจัดซื้อจัดจ้าง', 'textarea', required=True),
        FormField('amount', 'วงเงินงบประมาณ', 'money', required=True, min=0),
        FormField('method', 'วิธีที่จะจัดซื้อจัดจ้าง', 'select', choices=method_choices, help='เว้นว่าง: ตามวงเงิน'),
        FormField('planned_month', 'เดือนที่คาดว่าจะประกาศจัดซื้อจัดจ้าง', 'select', required=True, choices=MONTHS),
        FormField('published_on', 'วันที่เผยแพร่แผน (e-GP และที่ปิดประกาศ)', 'date'),
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', display_only=True, thousands=False),
        FormField('division_id', 'หน่วยงานเจ้าของงบ', 'ref', ref=Ref(Division), display_only=True),
    ],
    columns=['fiscal_year', 'description', 'amount', 'method', 'planned_month', 'published_on'],
    search=['description'], filters=['fiscal_year', 'method'], sort='planned_month', view=VIEW, edit=EDIT,
    delete=EDIT, rules=service.PlanRules(), importable=False, links=[Link('egp/files', 'plan_item_id')],
    help='แผนการจัดซื้อจัดจ้างประจำปีจากรายการงบประมาณ เผยแพร่ภายใน 30 วันหลังงบประมาณอนุมัติ (แก้ไขแต่ละครั้งมีประวัติ)',
)

# --- procurement files ----------------------------------------------------------------------------------------------

FILE_WORKFLOW = Workflow(
    states={'draft': 'ร่าง', 'requested': 'เสนอรายงานขอซื้อขอจ้าง', 'reviewed': 'หัวหน้าเจ้าหน้าที่พัสดุเห็นชอบ',
            'approved': 'อนุมัติแล้ว', 'awarded': 'ได้ผู้ขาย/ผู้รับจ้าง', 'contracted': 'ลงนามสัญญาแล้ว',
            'completed': 'ตรวจรับครบ', 'cancelled': 'ยกเลิก'},
    initial='draft',
    transitions=[
        Transition('request', 'เสนอรายงานขอซื้อขอจ้าง (จองงบประมาณ)', ('draft',), 'requested', EDIT,
                   guard=service.request_guard, effect=service.reserve_budget),
        Transition('review', 'เห็นชอบรายงาน (หัวหน้าเจ้าหน้าที่พัสดุ)', ('requested',), 'reviewed', REVIEW,
                   no_self_approval=True),
        Transition('return', 'ส่งกลับแก้ไข', ('requested',), 'draft', REVIEW, needs_note=True, pending=False,
                   effect=service.release_budget),
        Transition('approve', 'อนุมัติรายงานขอซื้อขอจ้าง', ('reviewed',), 'approved', APPROVE, no_self_approval=True),
        Transition('return_by_approver', 'ส่งกลับแก้ไข', ('reviewed',), 'draft', APPROVE, needs_note=True,
                   pending=False, effect=service.release_budget),
        Transition('award', 'บันทึกผลการพิจารณา (ราคาต่ำสุดที่ถูกต้อง)', ('approved',), 'awarded', EDIT,
                   guard=service.award_guard, effect=service.award),
        Transition('contract', 'ลงนามสัญญา', ('awarded',), 'contracted', CONTRACT, button=False),
        Transition('complete', 'ตรวจรับครบ', ('contracted',), 'completed', INSPECT, button=False),
        Transition('cancel', 'ยกเลิกการจัดซื้อจัดจ้าง', ('draft', 'requested', 'reviewed', 'approved', 'awarded'),
                   'cancelled', EDIT, needs_note=True, pending=False, effect=service.release_budget),
    ],
)

FILES = Resource(
    app='egp', key='files', model=Procurement, title='แฟ้มจัดซื้อจัดจ้าง', title_plural='แฟ้มจัดซื้อจัดจ้าง',
    label='number_text',
    fields=[
        FormField('request_date', 'วันที่รายงานขอซื้อขอจ้าง', 'date', required=True,
                  default=lambda actor: format_date(today(), 'numeric')),
        FormField('budget_line_id', 'รายการงบประมาณ', 'select', required=True, choices=line_choices),
        FormField('plan_item_id', 'รายการในแผนการจัดซื้อจัดจ้าง', 'select', choices=plan_choices),
        FormField('kind', 'ประเภทการจัดหา', 'select', required=True, choices=type_choices),
        FormField('description', 'งานที่จัดซื้อหรือจัดจ้าง', 'textarea', required=True),
        FormField('quantity', 'จำนวน/หน่วย'),
        FormField('amount', 'วงเงินที่จะซื้อหรือจ้าง', 'money', required=True, min=0),
        FormField('method', 'วิธีซื้อหรือจ้าง', 'select', choices=method_choices,
                  help='เว้นว่าง: ระบบเสนอวิธีตามวงเงิน และตรวจวิธีกับวงเงินและเหตุผลทุกครั้ง'),
        FormField('condition', 'เหตุผลที่ใช้วิธีนี้ (ถ้าเกินวงเงินหรือวิธีต้องมีเหตุ)', 'select',
                  choices=condition_choices),
        FormField('reference_price', 'ราคากลาง', 'money', min=0),
        FormField('reference_source', 'ที่มาของราคากลาง', help='เช่น ปร.4/ปร.5 สืบราคาจากท้องตลาด 3 ราย บัญชีราคามาตรฐาน'),
        FormField('egp_project_no', 'เลขที่โครงการ e-GP', help='ตัวเลข 11 หลัก'),
        FormField('committee_order', 'คำสั่งแต่งตั้งคณะกรรมการ (เลขที่/วันที่)',
                  help='ออกเลขคำสั่งในทะเบียนคำสั่งของ e-Office แล้วเชื่อมหนังสือไว้ที่แฟ้มนี้'),
        FormField('award_reason', 'เหตุผลที่คัดเลือกโดยสังเขป', 'textarea'),
        FormField('number_text', 'เลขที่แฟ้ม', display_only=True),
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', display_only=True, thousands=False),
        FormField('division_id', 'หน่วยงานเจ้าของงบ', 'ref', ref=Ref(Division), display_only=True),
        FormField('vendor_id', 'ผู้ได้รับคัดเลือก', 'select', choices=vendor_choices, display_only=True),
        FormField('award_price', 'ราคาที่ตกลงซื้อหรือจ้าง', 'money', display_only=True),
        FormField('awarded_on', 'วันที่ประกาศผล', 'date', display_only=True),
        FormField('warnings', 'ข้อสังเกตจากการตรวจสอบตนเอง', 'textarea', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=FILE_WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'request_date', 'description', 'amount', 'method', 'status'],
    search=['description', 'number_text', 'egp_project_no'], filters=['status', 'method', 'fiscal_year'],
    sort='request_date', sort_descending=True, view=VIEW, edit=EDIT, rules=service.FileRules(),
    workflow=FILE_WORKFLOW, numbering=FILE_SERIES, number_date='request_date', attachments=True, importable=False,
    links=[Link('egp/members', 'procurement_id'), Link('egp/bids', 'procurement_id'),
           Link('egp/announcements', 'procurement_id'), Link('egp/appeals', 'procurement_id'),
           Link('egp/contracts', 'procurement_id')],
    cards={'letters': ''},
    help='จากรายการงบประมาณ: รายงานขอซื้อขอจ้าง (จองงบประมาณ) → เห็นชอบ → อนุมัติ → ผลการพิจารณา → สัญญา → ตรวจรับ',
)

MEMBERS = Resource(
    app='egp', key='members', model=CommitteeMember, title='กรรมการ', title_plural='คณะกรรมการจัดซื้อจัดจ้าง',
    fields=[
        FormField('procurement_id', 'แฟ้มจัดซื้อจัดจ้าง', 'select', required=True, choices=file_choices,
                  readonly_on_edit=True),
        FormField('committee', 'คณะกรรมการ', 'select', required=True, choices=committee_choices),
        FormField('role', 'ตำแหน่งในคณะกรรมการ', 'select', required=True, choices=service.ROLES, default='member'),
        FormField('user_id', 'บุคลากรของ อปท.', 'select', choices=staff_choices),
        FormField('name', 'ชื่อกรรมการ', help='เว้นว่างเมื่อเลือกบุคลากร; บุคคลภายนอกพิมพ์ชื่อ'),
        FormField('position', 'ตำแหน่ง'),
        FormField('outsider', 'บุคคลภายนอก', 'bool'),
    ],
    columns=['procurement_id', 'committee', 'role', 'name', 'position', 'outsider'], search=['name'],
    filters=['committee'], view=VIEW, edit=EDIT, delete=EDIT, rules=service.MemberRules(), importable=False,
    help='กรรมการแต่ละคณะ: ประธาน 1 คน ไม่ซ้ำคนในคณะเดียวกัน จำนวนขั้นต่ำตามวงเงินและประเภท (ตรวจเมื่อเสนอรายงาน)',
)

BIDS = Resource(
    app='egp', key='bids', model=Bid, title='การเสนอราคา', title_plural='ผู้เสนอราคาและราคาที่เสนอ',
    label='price',
    fields=[
        FormField('procurement_id', 'แฟ้มจัดซื้อจัดจ้าง', 'select', required=True, choices=file_choices),
        FormField('vendor_id', 'ผู้เสนอราคา', 'select', required=True, choices=vendor_choices),
        FormField('price', 'ราคาที่เสนอ (รวมภาษีมูลค่าเพิ่ม)', 'money', required=True, min=0),
        FormField('compliant', 'ถูกต้องตามเงื่อนไข', 'bool', default=True),
        FormField('reason', 'เหตุผล (กรณีไม่ถูกต้อง)'),
        FormField('bid_date', 'วันที่เสนอราคา', 'date'),
    ],
    columns=['procurement_id', 'vendor_id', 'price', 'compliant', 'reason'], filters=['compliant'],
    unique=[('procurement_id', 'vendor_id')], view=VIEW, edit=EDIT, delete=EDIT, rules=service.BidRules(),
    importable=False, help='ผู้เสนอราคาแต่ละราย ราคา และผลการตรวจคุณสมบัติ ผู้เสนอราคาต่ำสุดที่ถูกต้องเป็นผู้ได้รับคัดเลือก',
)

ANNOUNCEMENTS = Resource(
    app='egp', key='announcements', model=Announcement, title='ประกาศ', title_plural='ประกาศเชิญชวนและประกาศผล',
    label='kind',
    fields=[
        FormField('procurement_id', 'แฟ้มจัดซื้อจัดจ้าง', 'select', required=True, choices=file_choices,
                  readonly_on_edit=True),
        FormField('kind', 'ประกาศ', 'select', required=True, choices=service.ANNOUNCEMENT_KINDS,
                  readonly_on_edit=True),
        FormField('announced_on', 'วันที่ประกาศ', 'date', required=True),
        FormField('egp_no', 'เลขที่ประกาศในระบบ e-GP', help='ถ้ามี'),
        FormField('note', 'หมายเหตุ'),
    ],
    columns=['procurement_id', 'kind', 'announced_on', 'egp_no'], filters=['kind'], sort='announced_on',
    sort_descending=True, unique=[('procurement_id', 'kind')], view=VIEW, edit=EDIT,
    rules=service.AnnouncementRules(), importable=False,
    help='ประกาศเชิญชวนและประกาศผลผู้ชนะของแฟ้ม (วันที่ และเลขที่ประกาศ e-GP) ระยะเวลาอุทธรณ์นับจากวันประกาศผล',
)

APPEALS = Resource(
    app='egp', key='appeals', model=Appeal, title='อุทธรณ์', title_plural='การอุทธรณ์ผลการจัดซื้อจัดจ้าง',
    label='appellant',
    fields=[
        FormField('procurement_id', 'แฟ้มจัดซื้อจัดจ้าง', 'select', required=True, choices=file_choices,
                  readonly_on_edit=True),
        FormField('vendor_id', 'ผู้เสนอราคาที่อุทธรณ์', 'select', choices=vendor_choices),
        FormField('appellant', 'ผู้อุทธรณ์', help='เว้นว่างเมื่อเลือกผู้เสนอราคา'),
        FormField('filed_on', 'วันที่ยื่นอุทธรณ์', 'date', required=True),
        FormField('grounds', 'เหตุแห่งการอุทธรณ์', 'textarea'),
        FormField('decision', 'ผลการพิจารณาอุทธรณ์', 'select', required=True, choices=service.APPEAL_DECISIONS,
                  default='pending'),
        FormField('decided_on', 'วันที่พิจารณาอุทธรณ์', 'date'),
        FormField('decision_note', 'เหตุผลของผลการพิจารณา', 'textarea'),
    ],
    columns=['procurement_id', 'appellant', 'filed_on', 'decision', 'decided_on'], filters=['decision'],
    sort='filed_on', sort_descending=True, view=VIEW, edit=EDIT, rules=service.AppealRules(), importable=False,
    help='อุทธรณ์ภายใน 7 วันทำการนับแต่วันประกาศผล (พ.ร.บ. มาตรา 119) ลงนามสัญญาได้เมื่อพ้นระยะเวลาและวินิจฉัยอุทธรณ์แล้ว',
)

# --- contracts and inspection ---------------------------------------------------------------------------------------

CONTRACT_WORKFLOW = Workflow(
    states={'draft': 'ร่างสัญญา', 'signed': 'ลงนามแล้ว', 'completed': 'ตรวจรับครบ', 'cancelled': 'ยกเลิก'},
    initial='draft',
    transitions=[
        Transition('sign', 'ลงนามสัญญา (ก่อหนี้ผูกพันใน e-LAAS)', ('draft',), 'signed', CONTRACT,
                   guard=service.sign_guard, effect=service.sign),
        Transition('complete', 'ตรวจรับครบ', ('signed',), 'completed', INSPECT, button=False),
        Transition('cancel', 'ยกเลิกร่างสัญญา', ('draft',), 'cancelled', CONTRACT, needs_note=True, pending=False),
    ],
)

CONTRACTS = Resource(
    app='egp', key='contracts', model=Contract, title='สัญญา', title_plural='สัญญาและใบสั่งซื้อสั่งจ้าง',
    label='number_text',
    fields=[
        FormField('procurement_id', 'แฟ้มจัดซื้อจัดจ้าง', 'select', required=True, choices=file_choices,
                  readonly_on_edit=True),
        FormField('number_text', 'เลขที่สัญญา/ใบสั่ง', required=True),
        FormField('egp_contract_no', 'เลขคุมสัญญา e-GP', help='ตัวเลข 12 หลัก'),
        FormField('amount', 'จำนวนเงินตามสัญญา', 'money', required=True, min=0),
        FormField('start_on', 'วันเริ่มสัญญา', 'date', required=True),
        FormField('end_on', 'วันสิ้นสุดสัญญา (ส่งมอบงวดสุดท้าย)', 'date', required=True),
        FormField('warranty_days', 'ระยะเวลารับประกันความชำรุดบกพร่อง (วัน)', 'int', min=0, default='0'),
        FormField('fine_rate_pct', 'ค่าปรับร้อยละต่อวัน', 'money', min=0, help='ซื้อ/จ้าง 0.01-0.20; ก่อสร้าง 0.01-0.10'),
        FormField('guarantee_kind', 'หลักประกัน', 'select', choices=guarantee_kind_choices),
        FormField('guarantee_form', 'รูปแบบหลักประกัน', 'select', choices=guarantee_form_choices),
        FormField('guarantee_amount', 'จำนวนเงินหลักประกัน', 'money', min=0),
        FormField('guarantee_received_on', 'วันที่รับหลักประกัน', 'date'),
        FormField('guarantee_returned_on', 'วันที่คืนหลักประกัน', 'date'),
        FormField('vendor_id', 'คู่สัญญา', 'select', choices=vendor_choices, display_only=True),
        FormField('signed_on', 'วันที่ลงนาม', 'date', display_only=True),
        FormField('guarantee_return_due', 'ครบกำหนดคืนหลักประกัน (สิ้นสุดการรับประกัน)', 'date', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=CONTRACT_WORKFLOW.states, display_only=True),
    ],
    columns=['number_text', 'vendor_id', 'amount', 'start_on', 'end_on', 'status'],
    search=['number_text', 'egp_contract_no'], filters=['status'], sort='start_on', sort_descending=True,
    view=VIEW, edit=CONTRACT, rules=service.ContractRules(), workflow=CONTRACT_WORKFLOW, attachments=True,
    importable=False, links=[Link('egp/installments', 'contract_id')],
    help='สัญญาของแฟ้มที่ได้ผู้ขายแล้ว: งวดงาน ค่าปรับ หลักประกัน การลงนามก่อหนี้ผูกพันงบประมาณใน e-LAAS',
)

INSTALLMENT_WORKFLOW = Workflow(
    states={'pending': 'รอส่งมอบ/ตรวจรับ', 'accepted': 'ตรวจรับแล้ว', 'rejected': 'ไม่รับมอบ'},
    initial='pending',
    transitions=[
        Transition('accept', 'ตรวจรับ (คิดค่าปรับ วางฎีกา)', ('pending',), 'accepted', INSPECT,
                   guard=service.accept_guard, effect=service.accept),
        Transition('reject', 'ไม่รับมอบ', ('pending',), 'rejected', INSPECT, needs_note=True, pending=False,
                   note_field='note'),
        Transition('redeliver', 'ส่งมอบใหม่', ('rejected',), 'pending', INSPECT, effect=service.redeliver),
    ],
)

INSTALLMENTS = Resource(
    app='egp', key='installments', model=Installment, title='งวดงาน', title_plural='งวดงานและการตรวจรับ',
    label='seq',
    fields=[
        FormField('contract_id', 'สัญญา', 'select', required=True, choices=contract_choices),
        FormField('seq', 'งวดที่', 'int', required=True, min=1, default='1'),
        FormField('description', 'รายละเอียดงวด'),
        FormField('amount', 'จำนวนเงินงวดนี้', 'money', required=True, min=0),
        FormField('due_on', 'กำหนดส่งมอบ', 'date', required=True),
        FormField('delivered_on', 'วันที่ส่งมอบ', 'date'),
        FormField('inspected_on', 'วันที่ตรวจรับ', 'date'),
        FormField('days_late', 'ส่งมอบล่าช้า (วัน)', 'int', display_only=True),
        FormField('fine', 'ค่าปรับ', 'money', display_only=True),
        FormField('note', 'หมายเหตุ', display_only=True),
        FormField('status', 'สถานะ', 'select', choices=INSTALLMENT_WORKFLOW.states, display_only=True),
    ],
    columns=['contract_id', 'seq', 'amount', 'due_on', 'delivered_on', 'fine', 'status'], filters=['status'],
    sort='due_on', unique=[('contract_id', 'seq')], view=VIEW, edit=CONTRACT, rules=service.InstallmentRules(),
    workflow=INSTALLMENT_WORKFLOW, attachments=True, importable=False,
    help='งวดส่งมอบของสัญญา: ตรวจรับโดยคณะกรรมการ คิดค่าปรับจากอัตราต่อวัน แล้ววางฎีกา (ร่าง) ใน e-LAAS ให้กองคลัง',
)

ALL: list[Resource] = [FILES, PLAN, VENDORS, MEMBERS, BIDS, ANNOUNCEMENTS, APPEALS, CONTRACTS, INSTALLMENTS]
