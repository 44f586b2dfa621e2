"""HR registers as the kit's declarations: the personnel register, salary history, the holiday calendar and leave
requests (with their approval workflow: core/workflow.py; the rules and the ledger: apps/hr/leave.py)."""

from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from apps.hr import leave
from apps.hr.rules import CATEGORIES, days_text, holiday_warnings, leave_types
from core import db
from core.access import Principal, scope_condition
from core.resource import FormField, Link, Ref, Resource, Rules, Shared
from core.thai import fiscal_year, today
from core.workflow import Transition, Workflow
from models.hr import Decoration, Discipline, Education, Holiday, LeaveRequest, Person, SalaryRecord, Training
from models.org import Division, Position, User

VIEW, EDIT = 'hr.person.view', 'hr.person.edit'
REQUEST, APPROVE, MANAGE = leave.REQUEST, leave.APPROVE, leave.MANAGE


# --- personnel register -------------------------------------------------------------------------------------------

class PersonRules(Rules):
    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        errors = {}
        birth, start = values.get('birth_date'), values.get('service_start')
        if birth and start and start <= birth:
            errors['service_start'] = 'วันเริ่มรับราชการ: ต้องหลังวันเกิด'
        for name, label in (('lao_start', 'วันที่เริ่มปฏิบัติงานที่ อปท. นี้'), ('position_start', 'วันที่ดำรงตำแหน่ง')):
            if values.get(name) and start and values[name] < start:
                errors[name] = f'{label}: ต้องไม่ก่อนวันเริ่มรับราชการ'
        return errors

    def before_write(self, session: Session, actor: Principal, values: dict[str, Any], record) -> dict[str, Any]:
        values = dict(values)
        title, first, last = (values.get(name, getattr(record, name, '')) or ''
                              for name in ('title', 'first_name', 'last_name'))
        values['full_name'] = f'{title}{first} {last}'.strip()
        position_id = values.get('position_id', getattr(record, 'position_id', None))
        position = session.get(Position, position_id) if position_id else None
        values['division_id'] = position.division_id if position else None
        return values

    def create(self, session: Session, actor: Principal, values: dict[str, Any]) -> Person:
        names = set(Person.model_fields)
        person = Person(org_id=actor.org_id, created_by=actor.user_id, **{k: v for k, v in values.items()
                                                                          if k in names})
        session.add(person)
        session.flush()
        leave.allocate(session, actor, person, fiscal_year(today()))  # this year's vacation, never left unmade
        return person


PERSONS = Resource(
    app='hr', key='persons', model=Person, title='บุคลากร', title_plural='ทะเบียนประวัติบุคลากร', label='full_name',
    natural_key=('citizen_id',),
    fields=[
        FormField('citizen_id', 'เลขประจำตัวประชาชน', 'citizen_id', required=True),
        FormField('title', 'คำนำหน้า/ยศ', required=True, help='เช่น นาย นาง นางสาว'),
        FormField('first_name', 'ชื่อ', required=True),
        FormField('last_name', 'นามสกุล', required=True),
        FormField('former_names', 'ชื่อ-สกุลเดิม', help='ชื่อหรือนามสกุลเดิม (ถ้ามี) คั่นด้วยเครื่องหมายจุลภาค'),
        FormField('birth_date', 'วันเกิด', 'date'),
        FormField('category', 'ประเภทบุคลากร', 'select', required=True, choices=CATEGORIES),
        FormField('position_id', 'ตำแหน่ง (ตามโครงสร้าง)', 'ref', ref=Ref(Position, 'title')),
        FormField('position_number', 'เลขที่ตำแหน่ง'),
        FormField('division_id', 'ส่วนราชการ', 'ref', ref=Ref(Division), display_only=True),
        FormField('service_start', 'วันเริ่มรับราชการ/เริ่มจ้าง', 'date', required=True),
        FormField('lao_start', 'วันที่เริ่มปฏิบัติงานที่ อปท. นี้', 'date'),
        FormField('position_start', 'วันที่ดำรงตำแหน่งปัจจุบัน', 'date'),
        FormField('phone', 'โทรศัพท์'),
        FormField('email', 'อีเมล'),
        FormField('address', 'ที่อยู่', 'textarea'),
        FormField('owner_id', 'บัญชีผู้ใช้งาน', 'ref', ref=Ref(User, 'full_name'),
                  help='บัญชีเข้าระบบของบุคลากรผู้นี้ (ถ้ามี) ใช้ยื่นใบลาของตนเอง'),
        FormField('is_active', 'ยังปฏิบัติงานอยู่', 'bool', default=True),
    ],
    columns=['title', 'first_name', 'last_name', 'category', 'position_id', 'division_id', 'service_start'],
    search=['first_name', 'last_name', 'citizen_id'], filters=['category', 'division_id'], sort='first_name',
    unique=[('citizen_id',)], view=VIEW, edit=EDIT, rules=PersonRules(), attachments=True,
    links=[Link('hr/leave-requests', 'person_id'), Link('hr/salaries', 'person_id'), Link('hr/education', 'person_id'),
           Link('hr/trainings', 'person_id'), Link('hr/decorations', 'person_id')],
    print_form=lambda record, actor: _history(record, actor),
    help='ทะเบียนประวัติ: ประเภทบุคลากร ตำแหน่งตามโครงสร้าง วันเริ่มรับราชการ (ใช้คำนวณสิทธิการลา) '
         'ทุกการเปลี่ยนแปลงบันทึกประวัติไว้',
)


def _persons(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(Person.id, Person.full_name).where(Person.org_id == actor.org_id)
                            .order_by(Person.full_name)).all()
    return dict(rows)


SALARIES = Resource(
    app='hr', key='salaries', model=SalaryRecord, title='ประวัติเงินเดือน', title_plural='ประวัติเงินเดือน',
    label='effective_date', natural_key=('person_id', 'effective_date'),
    fields=[
        FormField('person_id', 'บุคลากร', 'select', required=True, choices=_persons),
        FormField('effective_date', 'วันที่มีผล', 'date', required=True),
        FormField('salary', 'อัตราเงินเดือน', 'money', required=True, min=0),
        FormField('level', 'ระดับ'),
        FormField('order_ref', 'คำสั่งที่'),
        FormField('note', 'หมายเหตุ'),
    ],
    columns=['person_id', 'effective_date', 'salary', 'level', 'order_ref'], filters=['person_id'],
    sort='effective_date', sort_descending=True, unique=[('person_id', 'effective_date')],
    view=EDIT, edit=EDIT, rules=Shared(),
    help='การเลื่อนขั้น/ปรับอัตราเงินเดือน พร้อมคำสั่งที่อ้างอิง (เห็นเฉพาะเจ้าหน้าที่บริหารงานบุคคล)',
)

HOLIDAYS = Resource(
    app='hr', key='holidays', model=Holiday, title='วันหยุดราชการ', title_plural='ปฏิทินวันหยุดราชการ',
    label='name', natural_key=('holiday_date',),
    fields=[FormField('holiday_date', 'วันที่', 'date', required=True), FormField('name', 'ชื่อวันหยุด', required=True)],
    columns=['holiday_date', 'name'], search=['name'], sort='holiday_date', unique=[('holiday_date',)],
    view=REQUEST, edit=MANAGE, delete=MANAGE, rules=Shared(),
    help='วันหยุดราชการตามประกาศ ใช้นับวันทำการของการลา วันหยุดที่เพิ่มหลังอนุญาตใบลาแล้ว ระบบเสนอให้ปรับปรุงวันลา '
         '(ไม่เปลี่ยนยอดเอง)',
)


# --- leave requests -----------------------------------------------------------------------------------------------

def _may_file_for(actor: Principal) -> dict[int, str]:
    """Whom the user may file a request for: themselves; HR anyone."""
    with db.session_scope() as session:
        query = select(Person.id, Person.full_name).where(Person.org_id == actor.org_id, Person.is_active)
        if not actor.can(MANAGE):
            query = query.where(Person.owner_id == actor.user_id)
        return dict(session.exec(query.order_by(Person.full_name)).all())


def _own_person(actor: Principal) -> int | None:
    with db.session_scope() as session:
        person = leave.person_of(session, actor.org_id, actor.user_id)
        return person.id if person else None


def _as_typed(actor: Principal, person: Person, values: dict[str, Any], record) -> LeaveRequest:
    """The request as the form holds it (the record's value where the form leaves a field out), to count its days."""
    typed = {k: values.get(k, getattr(record, k, None))
             for k in ('leave_type', 'start_date', 'end_date', 'start_half', 'end_half')}
    return LeaveRequest(org_id=actor.org_id, person_id=person.id, **typed)


class LeaveRules(Rules):
    editable = ('draft',)

    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        start, end = values.get('start_date'), values.get('end_date')
        if start and end and end < start:
            return {'end_date': 'ถึงวันที่: ต้องไม่ก่อนวันเริ่มลา'}
        return {}

    def notes(self, session: Session, actor: Principal, values: dict[str, Any]) -> list[str]:
        """As the dates are typed: the working days the leave counts, and the holiday calendar's warnings (a year
        without holiday data, holidays not yet announced), before the request is saved."""
        start, end = values.get('start_date'), values.get('end_date')
        if not start or not end or end < start:
            return []
        found = []
        person = session.get(Person, values['person_id']) if values.get('person_id') else None
        if person is not None and person.org_id == actor.org_id and values.get('leave_type'):
            draft = _as_typed(actor, person, values, None)
            found.append(f'นับเป็นวันลา {days_text(leave.counted_halves(session, draft, person))} วัน')
        return found + holiday_warnings(session, actor.org_id, start, end)

    def before_write(self, session: Session, actor: Principal, values: dict[str, Any], record) -> dict[str, Any]:
        values = dict(values)
        person = session.get(Person, values.get('person_id') or record.person_id)
        values['division_id'], values['owner_id'] = person.division_id, person.owner_id
        draft = _as_typed(actor, person, values, record)
        values['halves'] = leave.counted_halves(session, draft, person)
        values['days'] = days_text(values['halves'])
        values['fiscal_year'] = fiscal_year(draft.start_date)
        return values

    def visible(self, actor: Principal, model, permission: str):
        """The person's own, those they filed, and those their approval reaches (division or organisation)."""
        reach = []
        for held in (REQUEST, APPROVE, MANAGE):
            if actor.can(held):
                condition = scope_condition(model, actor, held)
                if condition is None:
                    return None
                reach.append(condition)
        return or_(*reach) if reach else scope_condition(model, actor, permission)


def endorsers(session: Session, record: LeaveRequest) -> set[int]:
    return leave.endorsers(session, record)


def deciders(session: Session, record: LeaveRequest) -> set[int]:
    return leave.deciders(session, record)


LEAVE_WORKFLOW = Workflow(
    states={'draft': 'ร่าง', 'submitted': 'รอผู้บังคับบัญชาพิจารณา', 'endorsed': 'รอผู้มีอำนาจอนุญาต',
            'approved': 'อนุญาตแล้ว', 'rejected': 'ไม่อนุญาต', 'withdrawn': 'ถอนใบลา', 'cancelled': 'ยกเลิกวันลา'},
    initial='draft',
    transitions=[
        Transition('submit', 'ส่งใบลา', ('draft',), 'submitted', REQUEST, guard=leave.may_file, effect=leave.on_submit,
                   pending=False),
        Transition('endorse', 'เห็นควรอนุญาต', ('submitted',), 'endorsed', APPROVE, approvers=endorsers,
                   where=leave.endorsing_where),
        Transition('approve', 'อนุญาต', ('submitted', 'endorsed'), 'approved', APPROVE, approvers=deciders,
                   effect=leave.on_approve, where=leave.deciding_where),
        Transition('reject', 'ไม่อนุญาต', ('submitted', 'endorsed'), 'rejected', APPROVE,
                   approvers=leave.current_approvers, needs_note=True, note_field='note', effect=leave.on_decided,
                   pending=False),
        Transition('withdraw', 'ถอนใบลา', ('draft', 'submitted', 'endorsed'), 'withdrawn', REQUEST,
                   guard=leave.may_file, pending=False),
        Transition('cancel', 'ยกเลิกวันลา', ('approved',), 'cancelled', REQUEST, guard=leave.may_file,
                   needs_note=True, note_field='note', effect=leave.on_cancel, pending=False),
    ],
)


def _history(record: Person, actor: Principal) -> bytes:
    from apps.hr.prints import person_history  # fpdf2 only when a paper is printed
    return person_history(record, actor)


def _print(record: LeaveRequest, actor: Principal) -> bytes:
    from apps.hr.prints import leave_form  # fpdf2 only when a form is printed
    return leave_form(record, actor)


LEAVE_REQUESTS = Resource(
    app='hr', key='leave-requests', model=LeaveRequest, title='ใบลา', title_plural='ใบลา', label='id',
    fields=[
        FormField('person_id', 'ผู้ลา', 'select', required=True, choices=_may_file_for, default=_own_person),
        FormField('leave_type', 'ประเภทการลา', 'select', required=True, choices=lambda actor: leave_types()),
        FormField('start_date', 'ตั้งแต่วันที่', 'date', required=True),
        FormField('start_half', 'วันแรกลาครึ่งวัน (ช่วงบ่าย)', 'bool'),
        FormField('end_date', 'ถึงวันที่', 'date', required=True),
        FormField('end_half', 'วันสุดท้ายลาครึ่งวัน (ช่วงเช้า)', 'bool'),
        FormField('reason', 'เหตุผลการลา', 'textarea'),
        FormField('contact', 'ระหว่างลาติดต่อได้ที่'),
        FormField('days', 'จำนวนวันลา', display_only=True),
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', display_only=True, thousands=False),
        FormField('division_id', 'ส่วนราชการ', 'ref', ref=Ref(Division), display_only=True),
        FormField('status', 'สถานะ', 'select', choices=LEAVE_WORKFLOW.states, display_only=True),
        FormField('note', 'หมายเหตุการพิจารณา/ยกเลิก', display_only=True),
    ],
    columns=['person_id', 'leave_type', 'start_date', 'end_date', 'days', 'division_id', 'status'],
    filters=['status', 'leave_type', 'division_id', 'fiscal_year'], sort='start_date', sort_descending=True,
    view=REQUEST, edit=REQUEST, delete=None, rules=LeaveRules(), workflow=LEAVE_WORKFLOW, attachments=True,
    importable=False, print_form=_print, date_filter='start_date',
    help='ยื่นใบลา → หัวหน้าส่วนราชการเห็นควร → ปลัดอนุญาต (ผู้อำนวยการกองและปลัด: นายกอนุญาต) '
         'ลาป่วยตั้งแต่ 30 วันแนบใบรับรองแพทย์ก่อนส่ง',
)


# --- a person's history: training, education, decorations, discipline -----------------------------------------------

class PersonPartRules(Rules):
    """The line takes its person's division and account, so it is reached as its person is."""

    def before_write(self, session: Session, actor: Principal, values: dict[str, Any], record) -> dict[str, Any]:
        values = dict(values)
        person = session.get(Person, values.get('person_id') or record.person_id)
        values['division_id'], values['owner_id'] = person.division_id, person.owner_id
        return values


class TrainingRules(PersonPartRules):
    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        if values.get('start_date') and values.get('end_date') and values['end_date'] < values['start_date']:
            return {'end_date': 'ถึงวันที่: ต้องไม่ก่อนวันเริ่ม'}
        return {}


TRAININGS = Resource(
    app='hr', key='trainings', model=Training, title='การฝึกอบรม', title_plural='ประวัติการฝึกอบรม', label='course',
    natural_key=('person_id', 'course', 'start_date'),
    fields=[
        FormField('person_id', 'บุคลากร', 'select', required=True, choices=_persons),
        FormField('course', 'หลักสูตร', required=True),
        FormField('organiser', 'หน่วยงานผู้จัด', help='เช่น สถาบันพัฒนาบุคลากรท้องถิ่น'),
        FormField('start_date', 'ตั้งแต่วันที่', 'date', required=True),
        FormField('end_date', 'ถึงวันที่', 'date', required=True),
        FormField('hours', 'จำนวนชั่วโมง', 'int', min=0, max=2000),
        FormField('venue', 'สถานที่'),
        FormField('cost', 'ค่าใช้จ่าย', 'money', min=0),
    ],
    columns=['person_id', 'course', 'organiser', 'start_date', 'end_date', 'hours'], search=['course', 'organiser'],
    filters=['person_id'], sort='start_date', sort_descending=True, view=VIEW, edit='hr.training.edit',
    rules=TrainingRules(), attachments=True,
    help='หลักสูตรที่บุคลากรเข้ารับการฝึกอบรม แนบวุฒิบัตร/ประกาศนียบัตรได้',
)

EDUCATION = Resource(
    app='hr', key='education', model=Education, title='ประวัติการศึกษา', title_plural='ประวัติการศึกษา',
    label='degree', natural_key=('person_id', 'degree', 'institution'),
    fields=[
        FormField('person_id', 'บุคลากร', 'select', required=True, choices=_persons),
        FormField('degree', 'วุฒิการศึกษา', required=True, help='เช่น ปริญญาตรี รัฐประศาสนศาสตรบัณฑิต'),
        FormField('major', 'สาขาวิชา'),
        FormField('institution', 'สถาบันการศึกษา', required=True),
        FormField('graduated_year', 'ปีที่สำเร็จการศึกษา (พ.ศ.)', 'int', min=2450, max=2700, thousands=False),
    ],
    columns=['person_id', 'degree', 'major', 'institution', 'graduated_year'], search=['degree', 'institution'],
    filters=['person_id'], sort='graduated_year', view=VIEW, edit=EDIT, rules=PersonPartRules(), attachments=True,
    help='วุฒิการศึกษาและคุณวุฒิของบุคลากร',
)

DECORATIONS = Resource(
    app='hr', key='decorations', model=Decoration, title='เครื่องราชอิสริยาภรณ์',
    title_plural='เครื่องราชอิสริยาภรณ์', label='decoration', natural_key=('person_id', 'decoration'),
    fields=[
        FormField('person_id', 'บุคลากร', 'select', required=True, choices=_persons),
        FormField('decoration', 'ชั้นเครื่องราชอิสริยาภรณ์', required=True, help='เช่น ทวีติยาภรณ์ช้างเผือก (ท.ช.)'),
        FormField('received_on', 'วันที่ได้รับ', 'date', required=True),
        FormField('gazette_ref', 'ราชกิจจานุเบกษา (เล่ม ตอน หน้า)'),
    ],
    columns=['person_id', 'decoration', 'received_on', 'gazette_ref'], search=['decoration'], filters=['person_id'],
    sort='received_on', sort_descending=True, view=VIEW, edit=EDIT, rules=PersonPartRules(),
    help='เครื่องราชอิสริยาภรณ์ที่ได้รับพระราชทาน พร้อมวันที่และการประกาศในราชกิจจานุเบกษา',
)

DISCIPLINE = Resource(
    app='hr', key='discipline', model=Discipline, title='ประวัติทางวินัย', title_plural='ประวัติทางวินัย (ลับ)',
    label='case', natural_key=('person_id', 'order_ref'),
    fields=[
        FormField('person_id', 'บุคลากร', 'select', required=True, choices=_persons),
        FormField('case', 'เรื่อง', 'textarea', required=True),
        FormField('penalty', 'โทษ'),
        FormField('order_ref', 'คำสั่งที่'),
        FormField('order_date', 'ลงวันที่', 'date'),
    ],
    columns=['person_id', 'penalty', 'order_ref', 'order_date'], filters=['person_id'], sort='order_date',
    view=EDIT, edit=EDIT, rules=Shared(), audit_reads=lambda record: True, importable=False,
    help='เฉพาะเจ้าหน้าที่บริหารงานบุคคล ทุกการเปิดดู พิมพ์ และดาวน์โหลดถูกบันทึก',
)
