"""Info registers, declared."""

from sqlmodel import select

from core import db
from core.resource import FormField, Ref, Resource, Shared
from core.thai import fiscal_year, today
from models.info import DeadlineOverride, InfoFigure, LpaScore, ReportFiling, Village
from models.org import Position

VILLAGES = Resource(
    app='info', key='villages', model=Village, title='หมู่บ้าน', title_plural='ทะเบียนหมู่บ้าน',
    natural_key=('number',),
    fields=[
        FormField('number', 'หมู่ที่', 'int', required=True, min=1, max=99),
        FormField('name', 'ชื่อหมู่บ้าน', required=True),
        FormField('head_name', 'ผู้ใหญ่บ้าน'),
        FormField('households', 'จำนวนครัวเรือน', 'int', min=0, max=100_000, default='0'),
        FormField('population', 'จำนวนประชากร', 'int', min=0, max=1_000_000, default='0'),
    ],
    columns=['number', 'name', 'head_name', 'households', 'population'],
    search=['name', 'head_name'], sort='number', unique=[('number',)],
    view='info.village.view', edit='info.village.edit', delete='info.village.edit',
    pdf=True, rules=Shared(), attachments=True, cards={'letters': ''},
    help='หมู่บ้านในเขต อปท. ใช้เป็นที่ตั้งโครงการในแผนพัฒนาและข้อมูลพื้นฐาน',
)


def _deadline_choices(actor) -> dict[str, str]:
    from apps.info.deadlines import keys
    return keys()


def _seat_choices(actor) -> dict[str, str]:
    """The LAO's seats by template code (the first of several, 'CODE-1', stands for them all)."""
    with db.session_scope() as session:
        rows = session.exec(select(Position.code, Position.title).where(
            Position.org_id == actor.org_id, Position.is_active).order_by(Position.sort_order, Position.code)).all()
    seats: dict[str, str] = {'': '(ตามกำหนดกลาง)'}
    for code, title in rows:
        base = code.rsplit('-', 1)[0] if code.rsplit('-', 1)[-1].isdigit() else code
        seats.setdefault(base, title)
    return seats


PERIODS = {n: str(n) for n in range(1, 13)}


class FilingRules(Shared):
    """A report is made for a period the deadline has (yearly 1, quarterly 1-4, monthly 1-12), on a day not yet
    to come."""

    def validate(self, actor, values, record) -> dict[str, str]:
        from apps.info.deadlines import periods_of, rules
        key = values.get('deadline_key', getattr(record, 'deadline_key', None))
        period = values.get('period', getattr(record, 'period', None))
        every = next((r.every for r in rules() if r.key == key), None)
        errors = {}
        if every and period is not None and period not in periods_of(every):
            errors['period'] = (f'งวด: รายงาน{EVERY_TITLES[every]}มีงวดที่ 1–{max(periods_of(every))} '
                                '(รายปีใช้งวดที่ 1; ไตรมาส 1–4; เดือนในปีงบประมาณ 1 = ต.ค. … 12 = ก.ย.)')
        filed_on = values.get('filed_on', getattr(record, 'filed_on', None))
        if filed_on is not None and filed_on > today():
            errors['filed_on'] = 'วันที่รายงาน: ต้องไม่เป็นวันในอนาคต'
        return errors


EVERY_TITLES = {'year': 'รายปี', 'quarter': 'รายไตรมาส', 'month': 'รายเดือน'}

FILINGS = Resource(
    app='info', key='filings', model=ReportFiling, title='การรายงานตามกำหนด', title_plural='ทะเบียนการรายงานตามกำหนด',
    natural_key=('deadline_key', 'fiscal_year', 'period'),
    fields=[
        FormField('deadline_key', 'เรื่องที่รายงาน', 'select', required=True, choices=_deadline_choices),
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', required=True, min=2550, max=2700, thousands=False,
                  default=lambda actor: fiscal_year(today())),
        FormField('period', 'งวด', 'int', required=True, min=1, max=12, default='1',
                  help='รายปี = 1; รายไตรมาส = ไตรมาสที่ 1–4; รายเดือน = เดือนในปีงบประมาณ 1 (ต.ค.) … 12 (ก.ย.)'),
        FormField('filed_on', 'วันที่รายงาน/ส่ง/เผยแพร่', 'date', required=True, default=lambda actor: today()),
        FormField('reference', 'หลักฐาน (เลขที่หนังสือ/รายงาน/ที่อยู่เว็บ)', required=True, max_length=300),
        FormField('note', 'หมายเหตุ', 'textarea', max_length=1000),
    ],
    columns=['deadline_key', 'fiscal_year', 'period', 'filed_on', 'reference'],
    search=['reference', 'note'], filters=['deadline_key', 'fiscal_year'], sort='filed_on', sort_descending=True,
    unique=[('deadline_key', 'fiscal_year', 'period')], label='reference',
    view='info.calendar.view', edit='info.calendar.report', rules=FilingRules(), cards={'letters': ''},
    help='การรายงานที่ทำแล้วตามปฏิทินการรายงาน พร้อมหลักฐาน (เชื่อมหนังสือในระบบสารบรรณได้ที่หน้ารายการ)',
)

DEADLINE_OVERRIDES = Resource(
    app='info', key='deadline-overrides', model=DeadlineOverride, title='กำหนดการรายงานของ อปท.',
    title_plural='กำหนดการรายงานที่ อปท. ปรับเอง', natural_key=('deadline_key', 'effective_from'),
    fields=[
        FormField('deadline_key', 'เรื่องที่รายงาน', 'select', required=True, choices=_deadline_choices),
        FormField('effective_from', 'ใช้ตั้งแต่วันที่', 'date', required=True),
        FormField('seat', 'ตำแหน่งผู้รับผิดชอบ', 'select', choices=_seat_choices, default=''),
        FormField('month', 'เดือนที่ครบกำหนด (รายปี)', 'int', min=1, max=12),
        FormField('day', 'วันที่ครบกำหนด', 'int', min=1, max=31),
        FormField('lag_days', 'จำนวนวันหลังสิ้นงวด', 'int', min=0, max=365),
        FormField('active', 'ต้องรายงาน', 'bool', default=True),
        FormField('note', 'เหตุผล/หนังสือสั่งการที่อ้างถึง', 'textarea', max_length=1000),
    ],
    columns=['deadline_key', 'effective_from', 'seat', 'month', 'day', 'lag_days', 'active'],
    search=['note'], sort='deadline_key', unique=[('deadline_key', 'effective_from')], label='deadline_key',
    view='info.calendar.view', edit='info.calendar.edit', delete='info.calendar.edit', rules=Shared(),
    help='ปรับกำหนดการรายงานของ อปท. เอง (เช่น ตามหนังสือสั่งการของจังหวัดปีนั้น) โดยระบุวันที่เริ่มใช้',
)


def _lpa_codes(actor) -> dict[str, str]:
    from apps.info.lpa import _all
    return {i.code: f'{i.code} {i.indicator}' for i in _all()}


class LpaRules(Shared):
    """An indicator of the year's checklist, scored within its full points."""

    def validate(self, actor, values, record) -> dict[str, str]:
        from apps.info.lpa import checklist
        fy = values.get('fiscal_year', getattr(record, 'fiscal_year', None))
        code = values.get('code', getattr(record, 'code', None))
        score = values.get('score', getattr(record, 'score', None))
        if fy is None or code is None:
            return {}
        try:
            indicator = next((i for i in checklist(fy) if i.code == code), None)
        except Exception:
            return {'fiscal_year': f'ปีงบประมาณ: ไม่มีตัวชี้วัด LPA ของปี {fy}'}
        if indicator is None:
            return {'code': f'ตัวชี้วัด: {code} ไม่อยู่ในตัวชี้วัด LPA ของปีงบประมาณ {fy}'}
        if score is not None and score > indicator.points:
            return {'score': f'คะแนน: ตัวชี้วัด {code} มีคะแนนเต็ม {indicator.points}'}
        return {}


LPA_SCORES = Resource(
    app='info', key='lpa-scores', model=LpaScore, title='คะแนนประเมินตนเอง LPA', title_plural='คะแนนประเมินตนเอง LPA',
    natural_key=('fiscal_year', 'code'),
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณที่ประเมิน', 'int', required=True, min=2550, max=2700, thousands=False,
                  default=lambda actor: fiscal_year(today()) - 1),
        FormField('code', 'ตัวชี้วัด', 'select', required=True, choices=_lpa_codes),
        FormField('score', 'คะแนนที่ประเมิน', 'int', required=True, min=0, max=100),
        FormField('evidence', 'หลักฐาน (เอกสาร/ทะเบียน/หนังสือ)', required=True, max_length=300),
        FormField('note', 'หมายเหตุ', 'textarea', max_length=1000),
    ],
    columns=['fiscal_year', 'code', 'score', 'evidence'], search=['evidence', 'note'], filters=['fiscal_year'],
    sort='code', unique=[('fiscal_year', 'code')], label='code',
    view='info.lpa.view', edit='info.lpa.edit', delete='info.lpa.edit', rules=LpaRules(), cards={'letters': ''},
    help='คะแนนที่ อปท. ประเมินเองแทนคะแนนจากข้อมูลในระบบ พร้อมหลักฐาน',
)


def _indicator_choices(actor) -> dict[str, str]:
    from apps.info.figures import choices
    return choices(actor)


class FigureRules(Shared):
    """A village's figure only for an indicator kept per village; a figure as of a day not yet to come is refused."""

    def validate(self, actor, values, record) -> dict[str, str]:
        from apps.info.figures import indicators
        key = values.get('indicator', getattr(record, 'indicator', None))
        village = values.get('village_id', getattr(record, 'village_id', None))
        indicator = next((i for i in indicators() if i.key == key), None)
        errors = {}
        if indicator is not None and village and not indicator.per_village:
            errors['village_id'] = f'หมู่บ้าน: {indicator.name} เก็บเป็นข้อมูลของทั้ง อปท. (เว้นว่างหมู่บ้าน)'
        as_of = values.get('as_of', getattr(record, 'as_of', None))
        if as_of is not None and as_of > today():
            errors['as_of'] = 'ข้อมูล ณ วันที่: ต้องไม่เป็นวันในอนาคต'
        return errors


FIGURES = Resource(
    app='info', key='figures', model=InfoFigure, title='ข้อมูลพื้นฐานรายปี', title_plural='ข้อมูลพื้นฐานรายปี',
    natural_key=('fiscal_year', 'indicator', 'village_id'),
    fields=[
        FormField('fiscal_year', 'ปีงบประมาณ', 'int', required=True, min=2550, max=2700, thousands=False,
                  default=lambda actor: fiscal_year(today())),
        FormField('indicator', 'ข้อมูล', 'select', required=True, choices=_indicator_choices),
        FormField('village_id', 'หมู่บ้าน (ว่าง = ทั้ง อปท.)', 'ref', ref=Ref(Village, 'name')),
        FormField('value', 'จำนวน', 'int', required=True, min=0, max=2_000_000_000),
        FormField('as_of', 'ข้อมูล ณ วันที่', 'date', required=True),
        FormField('source', 'แหล่งข้อมูล', required=True, max_length=300),
        FormField('note', 'หมายเหตุ', 'textarea', max_length=1000),
    ],
    columns=['fiscal_year', 'indicator', 'village_id', 'value', 'as_of', 'source'], search=['source', 'note'],
    filters=['fiscal_year', 'indicator'], sort='fiscal_year', sort_descending=True,
    unique=[('fiscal_year', 'indicator', 'village_id')], label='indicator',
    view='info.village.view', edit='info.data.edit', delete='info.data.edit', rules=FigureRules(),
    help='ข้อมูลพื้นฐานและตัวชี้วัดที่กรมส่งเสริมการปกครองท้องถิ่นจัดเก็บ รายปี ทุกตัวเลขระบุแหล่งข้อมูลและวันที่ '
         '(ประวัติแต่ละปีเก็บไว้ นำเข้า/ส่งออก Excel ได้)',
)
