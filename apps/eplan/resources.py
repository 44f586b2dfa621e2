"""e-Plan registers, declared: plan cycles, the strategy/issue hierarchy, editions with their approval workflow,
projects (ผ.02), equipment (ผ.03), the action plan and progress entries."""


from apps.eplan import service
from apps.eplan.service import (
    EDITION_KINDS,
    EDITION_STATES,
    EQUIPMENT_CATEGORIES,
    FISCAL_MONTHS,
    NODE_KINDS,
    PROGRESS_STATES,
    PROJECT_FORMS,
    STRUCTURES,
)
from core.resource import FormField, Link, Ref, Resource, Shared
from core.thai import be_year, today
from core.workflow import Transition, Workflow
from models.codes import FundSource
from models.info import Village
from models.org import Division
from models.plan import (
    PLAN_YEARS,
    ActionPlanItem,
    PlanCycle,
    PlanEdition,
    PlanEquipment,
    PlanNode,
    PlanProject,
    ProjectProgress,
)

YEARS = [FormField(f'budget_y{n}', f'งบประมาณปีที่ {n} (บาท)', 'money', min=0, default='0')
         for n in range(1, PLAN_YEARS + 1)]
MONTHS = {n: month for n, month in enumerate(FISCAL_MONTHS, start=1)}


class EditionRules(Shared):
    editable = ('draft',)
    create = staticmethod(service.new_edition)  # copies the rows of the edition in force


class PlanRowRules(Shared):
    """A ผ.02/ผ.03 row: whole baht, a budget in some year, a node of the plan; changes only in a draft edition."""

    def validate(self, actor, values, record):
        return service.check_project(actor, values)

    locked = staticmethod(service.edition_locked)


class ActionPlanRules(Shared):
    def validate(self, actor, values, record):
        start, end = values.get('start_month'), values.get('end_month')
        return {'end_month': 'ถึงเดือน: ต้องไม่ก่อนเดือนที่เริ่ม'} if start and end and end < start else {}

CYCLES = Resource(
    app='eplan', key='cycles', model=PlanCycle, title='รอบแผนพัฒนาท้องถิ่น', title_plural='รอบแผนพัฒนาท้องถิ่น',
    label='title',
    fields=[
        FormField('title', 'ชื่อแผน', required=True, help='เช่น แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)'),
        FormField('start_year', 'ปีงบประมาณแรกของแผน (พ.ศ.)', 'int', required=True, min=2560, max=2600,
                  thousands=False),
        FormField('structure', 'โครงสร้างแผน', 'select', required=True, choices=STRUCTURES, default='strategy'),
        FormField('vision', 'วิสัยทัศน์', 'textarea'),
    ],
    columns=['title', 'start_year', 'structure'], search=['title'], sort='start_year', unique=[('start_year',)],
    view='eplan.plan.view', edit='eplan.plan.edit', rules=Shared(), importable=False,
    links=[Link('eplan/nodes', 'cycle_id'), Link('eplan/editions', 'cycle_id')],
    help='แผนพัฒนาท้องถิ่น 5 ปี แต่ละรอบมีโครงสร้างยุทธศาสตร์หรือประเด็นการพัฒนา และฉบับที่อนุมัติ/แก้ไข',
)

NODES = Resource(
    app='eplan', key='nodes', model=PlanNode, title='ยุทธศาสตร์/กลยุทธ์', title_plural='ยุทธศาสตร์ กลยุทธ์ และประเด็นการพัฒนา',
    natural_key=('cycle_id', 'code'),
    fields=[
        FormField('cycle_id', 'รอบแผน', 'ref', required=True, ref=Ref(PlanCycle, 'title')),
        FormField('kind', 'ระดับ', 'select', required=True, choices=NODE_KINDS),
        FormField('parent_id', 'อยู่ภายใต้', 'ref', ref=Ref(PlanNode, 'name'), help='กลยุทธ์ → ยุทธศาสตร์ที่สังกัด'),
        FormField('code', 'ลำดับ/รหัส', required=True, help='เช่น 1 หรือ 1.2'),
        FormField('name', 'ชื่อ', required=True),
        FormField('goal', 'เป้าประสงค์', 'textarea'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
    ],
    columns=['code', 'kind', 'name', 'cycle_id'], search=['code', 'name'], filters=['cycle_id', 'kind'],
    sort='sort_order', unique=[('cycle_id', 'code')], view='eplan.plan.view', edit='eplan.plan.edit',
    delete='eplan.plan.edit', rules=Shared(),
    help='ยุทธศาสตร์ → กลยุทธ์ (แผน 2566–2570) หรือประเด็นการพัฒนาท้องถิ่น (แผน 2571–2575) ที่โครงการสังกัด',
)

EDITION_WORKFLOW = Workflow(
    states=EDITION_STATES, initial='draft',
    transitions=[
        Transition('submit', 'เสนอคณะกรรมการ/ปลัดพิจารณา', ('draft',), 'submitted', 'eplan.plan.edit'),
        Transition('review', 'ผ่านการพิจารณา', ('submitted',), 'reviewed', 'eplan.plan.review',
                   no_self_approval=True),
        Transition('return', 'ส่งกลับแก้ไข', ('submitted', 'reviewed'), 'draft', 'eplan.plan.review',
                   needs_note=True, pending=False),
        Transition('approve', 'อนุมัติแผน', ('reviewed',), 'approved', 'eplan.plan.approve',
                   no_self_approval=True, effect=service.stamp_approved),
        Transition('reject', 'ไม่อนุมัติ ส่งกลับแก้ไข', ('reviewed',), 'draft', 'eplan.plan.approve',
                   needs_note=True, pending=False),
        Transition('announce', 'ประกาศใช้แผน', ('approved',), 'announced', 'eplan.plan.approve',
                   effect=service.stamp_announced),
    ],
)

EDITIONS = Resource(
    app='eplan', key='editions', model=PlanEdition, title='ฉบับของแผน', title_plural='ฉบับของแผนพัฒนาท้องถิ่น',
    label='title',
    fields=[
        FormField('kind', 'ประเภท', 'select', required=True, choices=EDITION_KINDS, readonly_on_edit=True,
                  default='amendment', help='แก้ไข (ข้อ 21) · เพิ่มเติม/เปลี่ยนแปลง (ข้อ 22) · ทบทวน'),
        FormField('year', 'พ.ศ.', 'int', required=True, min=2560, max=2600, readonly_on_edit=True, thousands=False,
                  default=lambda actor: be_year(today())),
        FormField('title', 'ชื่อฉบับ', display_only=True),
        FormField('reason', 'เหตุผลความจำเป็น', 'textarea'),
        FormField('approved_on', 'วันที่อนุมัติ', 'date', display_only=True),
        FormField('announced_on', 'วันที่ประกาศใช้', 'date', display_only=True),
    ],
    columns=['title', 'kind', 'year', 'approved_on', 'announced_on'], search=['title'], filters=['kind'],
    sort='id', view='eplan.plan.view', edit='eplan.plan.edit', importable=False,
    workflow=EDITION_WORKFLOW, rules=EditionRules(),
    cards={'letters': 'หนังสือที่เกี่ยวข้อง (ประกาศ รายงานการประชุม)'},
    links=[Link('eplan/projects', 'edition_id'), Link('eplan/equipment', 'edition_id')],
    help='ฉบับแรก ทบทวน แก้ไข และเพิ่มเติม/เปลี่ยนแปลง ครั้งที่ N/พ.ศ.; ฉบับใหม่คัดลอกโครงการจากฉบับที่ใช้อยู่ '
         'แก้ไขได้เฉพาะฉบับร่าง แล้วเสนอปลัด/คณะกรรมการ → นายกอนุมัติ → ประกาศใช้',
)

PROJECTS = Resource(
    app='eplan', key='projects', model=PlanProject, title='โครงการพัฒนา', title_plural='โครงการพัฒนา (ผ.02)',
    natural_key=('edition_id', 'node_id', 'name'),
    fields=[
        FormField('edition_id', 'ฉบับของแผน', 'select', required=True, choices=service.edition_choices,
                  default=service.draft_edition_id, readonly_on_edit=True),
        FormField('node_id', 'ยุทธศาสตร์/กลยุทธ์', 'select', required=True, choices=service.node_choices,
                  codes=service.node_codes),
        FormField('program_code_id', 'แผนงาน', 'select', required=True, choices=service.program_choices),
        FormField('seq', 'ลำดับที่', 'int', min=0, max=9999, default='0'),
        FormField('name', 'ชื่อโครงการ', required=True),
        FormField('objective', 'วัตถุประสงค์', 'textarea', required=True),
        FormField('target', 'เป้าหมาย (ผลผลิตของโครงการ)', 'textarea', required=True),
        *YEARS,
        FormField('kpi', 'ตัวชี้วัด (KPI)', required=True),
        FormField('kpi_target', 'ค่าเป้าหมายของตัวชี้วัด', 'money', min=0, help='ตัวเลข เช่น 80 (ร้อยละ) หรือ 500 (คน)'),
        FormField('expected_result', 'ผลที่คาดว่าจะได้รับ', 'textarea', required=True),
        FormField('division_id', 'หน่วยงานรับผิดชอบหลัก', 'ref', required=True, ref=Ref(Division)),
        FormField('village_id', 'พื้นที่ (หมู่บ้าน)', 'ref', ref=Ref(Village)),
        FormField('fund_source_id', 'แหล่งเงิน', 'ref', required=True, ref=Ref(FundSource)),
        FormField('form', 'แบบ', 'select', required=True, choices=PROJECT_FORMS, default='p02'),
        FormField('reason', 'เหตุผลความจำเป็น (ฉบับแก้ไข/เพิ่มเติม)', 'textarea'),
    ],
    columns=['seq', 'name', 'program_code_id', 'division_id', 'budget_y1', 'budget_y2', 'budget_y3', 'budget_y4',
             'budget_y5'],
    search=['name', 'objective', 'target'], filters=['edition_id', 'node_id', 'program_code_id', 'division_id'],
    sort='seq', view='eplan.plan.view', edit='eplan.project.edit', delete='eplan.project.edit',
    cards={'letters': ''},
    rules=PlanRowRules(), attachments=True, default_filters=service.in_force_filter,
    links=[Link('eplan/action-plan', 'project_id'), Link('eplan/progress', 'project_id')],
    help='โครงการตามแบบ ผ.02 ในแต่ละฉบับของแผน: งบประมาณรายปีเป็นตัวเลขจำนวนเต็มบาท '
         'เพิ่ม/แก้ไขได้เฉพาะในฉบับร่าง (ฉบับที่อนุมัติแล้วอ่านได้อย่างเดียว)',
)

EQUIPMENT = Resource(
    app='eplan', key='equipment', model=PlanEquipment, title='ครุภัณฑ์', title_plural='บัญชีครุภัณฑ์ (ผ.03)',
    natural_key=('edition_id', 'program_code_id', 'name'),
    fields=[
        FormField('edition_id', 'ฉบับของแผน', 'select', required=True, choices=service.edition_choices,
                  default=service.draft_edition_id, readonly_on_edit=True),
        FormField('program_code_id', 'แผนงาน', 'select', required=True, choices=service.program_choices),
        FormField('category', 'หมวด/ประเภทครุภัณฑ์', 'select', required=True, choices=EQUIPMENT_CATEGORIES),
        FormField('seq', 'ลำดับที่', 'int', min=0, max=9999, default='0'),
        FormField('name', 'รายการครุภัณฑ์', required=True),
        FormField('target', 'เป้าหมาย (ผลผลิตของครุภัณฑ์)', 'textarea'),
        *YEARS,
        FormField('division_id', 'หน่วยงานรับผิดชอบหลัก', 'ref', required=True, ref=Ref(Division)),
        FormField('reason', 'เหตุผลความจำเป็น (ฉบับแก้ไข/เพิ่มเติม)', 'textarea'),
    ],
    columns=['seq', 'name', 'category', 'division_id', 'budget_y1', 'budget_y2', 'budget_y3', 'budget_y4', 'budget_y5'],
    search=['name'], filters=['edition_id', 'category'], sort='seq', view='eplan.plan.view',
    edit='eplan.project.edit', delete='eplan.project.edit', rules=PlanRowRules(),
    default_filters=service.in_force_filter,
    help='บัญชีครุภัณฑ์ (ผ.03) ของแผนแต่ละฉบับ',
)

ACTION_PLAN = Resource(
    app='eplan', key='action-plan', model=ActionPlanItem, title='รายการแผนการดำเนินงาน',
    natural_key=('fiscal_year', 'project_id'),
    title_plural='แผนการดำเนินงาน (ผด.02)',
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณ (พ.ศ.)', 'int', required=True, min=2560, max=2600, thousands=False,
                  default=lambda actor: service.current_fiscal_year()),
        FormField('project_id', 'โครงการ', 'select', required=True, choices=service.in_force_project_choices),
        FormField('start_month', 'เริ่มเดือน', 'select', required=True, choices=MONTHS, default=1),
        FormField('end_month', 'ถึงเดือน', 'select', required=True, choices=MONTHS, default=12),
        FormField('budget', 'งบประมาณ (บาท)', 'money', min=0, required=True),
        FormField('location', 'สถานที่ดำเนินการ'),
    ],
    columns=['fiscal_year', 'project_id', 'start_month', 'end_month', 'budget'], search=['location'],
    filters=['fiscal_year'], sort='project_id', unique=[('fiscal_year', 'project_id')],
    view='eplan.plan.view', edit='eplan.plan.edit', delete='eplan.plan.edit', rules=ActionPlanRules(),
    help='โครงการที่จะดำเนินการในปีงบประมาณ เรียงตามเดือน ต.ค.–ก.ย.',
)

PROGRESS = Resource(
    app='eplan', key='progress', model=ProjectProgress, title='รายงานความก้าวหน้า',
    natural_key=('project_id', 'report_date'),
    title_plural='ความก้าวหน้าโครงการ',
    fields=[
        FormField('project_id', 'โครงการ', 'select', required=True, choices=service.in_force_project_choices),
        FormField('fiscal_year', 'ปีงบประมาณ (พ.ศ.)', 'int', required=True, min=2560, max=2600, thousands=False,
                  default=lambda actor: service.current_fiscal_year()),
        FormField('report_date', 'วันที่รายงาน', 'date', required=True),
        FormField('status', 'สถานะ', 'select', required=True, choices=PROGRESS_STATES, default='in_progress'),
        FormField('physical_pct', 'ความก้าวหน้า (ร้อยละ)', 'int', required=True, min=0, max=100),
        FormField('kpi_actual', 'ผลตามตัวชี้วัด', 'money', min=0),
        FormField('note', 'หมายเหตุ/ปัญหาอุปสรรค', 'textarea'),
    ],
    columns=['report_date', 'project_id', 'status', 'physical_pct'], search=['note'],
    filters=['fiscal_year', 'status'], sort='report_date', view='eplan.plan.view', edit='eplan.progress.edit',
    rules=Shared(), attachments=True,
    help='สถานะและความก้าวหน้าของโครงการ พร้อมภาพถ่าย (แนบไฟล์) สำหรับรายงานติดตามและประเมินผล',
)

ALL = (CYCLES, NODES, EDITIONS, PROJECTS, EQUIPMENT, ACTION_PLAN, PROGRESS)
