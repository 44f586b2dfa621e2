"""Demo correspondence: about 400 documents over the past year with routing trails, a few secret letters and
citizen requests in every state. Bulk inserts (the demo is built for every test session): keep it fast."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from types import SimpleNamespace

from sqlalchemy import insert, update
from sqlmodel import select

from apps.eoffice.eservice import REQUEST_TYPES
from apps.eoffice.kinds import FORMS
from apps.eoffice.registers import REGISTERS, SERIES, URGENCY_DAYS
from apps.eoffice.signing import intended_signer, signer_of
from core.access import load_principal
from core.numbering import allocate
from core.thai import local_zone, search_terms
from models.office import CitizenRequest, Document, RouteStep
from models.org import Division, Position, RoleGrant

AGENCIES = ('ที่ว่าการอำเภอเมืองนครราชสีมา', 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา',
            'กรมส่งเสริมการปกครองท้องถิ่น', 'สำนักงานตรวจเงินแผ่นดินจังหวัดนครราชสีมา',
            'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านตัวอย่าง', 'สถานีตำรวจภูธรเมืองนครราชสีมา',
            'สำนักงานเกษตรอำเภอเมืองนครราชสีมา', 'โรงเรียนบ้านหนองบัว')
INCOMING = (  # (subject, division code that acts on it, body)
    ('ขอความร่วมมือรายงานข้อมูลโครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก', 'ENG',
     'ด้วยจังหวัดขอให้รายงานความก้าวหน้าโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กที่ได้รับงบประมาณเงินอุดหนุน'),
    ('การเบิกจ่ายเงินอุดหนุนอาหารกลางวันนักเรียน', 'EDU',
     'แจ้งแนวทางการเบิกจ่ายเงินอุดหนุนสำหรับสนับสนุนอาหารกลางวันให้โรงเรียนในสังกัด สพฐ.'),
    ('ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่น', 'PALAD',
     'กรมส่งเสริมการปกครองท้องถิ่นซักซ้อมแนวทางการจัดทำและประสานแผนพัฒนาท้องถิ่นให้เป็นไปตามระเบียบ'),
    ('แจ้งผลการตรวจสอบบัญชีและงบการเงินประจำปี', 'FIN',
     'สำนักงานตรวจเงินแผ่นดินแจ้งข้อสังเกตจากการตรวจสอบงบการเงิน ขอให้ชี้แจงภายในสามสิบวัน'),
    ('ขอรับการสนับสนุนเบี้ยยังชีพผู้สูงอายุและผู้พิการ', 'WELFARE',
     'ขอให้ตรวจสอบรายชื่อผู้มีสิทธิ์รับเบี้ยยังชีพผู้สูงอายุและเบี้ยความพิการประจำปีงบประมาณ'),
    ('การป้องกันและควบคุมโรคไข้เลือดออก', 'PALAD',
     'ขอความร่วมมือรณรงค์กำจัดลูกน้ำยุงลายและพ่นหมอกควันในหมู่บ้าน'),
    ('ขอความอนุเคราะห์ซ่อมแซมถนนลูกรังเข้าหมู่บ้าน', 'ENG',
     'ถนนลูกรังสายบ้านหนองบัว-บ้านโคกสูงชำรุดเป็นหลุมบ่อ ขอให้ซ่อมแซมก่อนฤดูฝน'),
    ('การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง', 'FIN',
     'แจ้งกำหนดการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้างประจำปีและการลดหย่อนตามกฎหมาย'),
    ('ขอเชิญประชุมประจำเดือนกำนันผู้ใหญ่บ้าน', 'PALAD', 'ขอเชิญผู้บริหารร่วมประชุมประจำเดือน ณ ห้องประชุมอำเภอ'),
    ('การจัดงานวันเด็กแห่งชาติ', 'EDU', 'ขอความร่วมมือจัดกิจกรรมวันเด็กแห่งชาติร่วมกับโรงเรียนในพื้นที่'),
)
SECRET_SUBJECTS = (('ผลการสอบสวนข้อเท็จจริงกรณีร้องเรียนการจัดซื้อจัดจ้าง', 'PALAD', 'secret'),
                   ('รายงานการข่าวเกี่ยวกับความมั่นคงในพื้นที่', 'PALAD', 'very_secret'),
                   ('การตรวจสอบวินัยพนักงานส่วนตำบล', 'PALAD', 'secret'),
                   ('ข้อมูลผู้ต้องสงสัยคดียาเสพติดในหมู่บ้าน', 'PALAD', 'top_secret'),
                   ('ผลการประเมินผู้บริหารท้องถิ่น', 'FIN', 'secret'))
OUTGOING = (('ขอส่งรายงานผลการดำเนินงานตามแผนพัฒนาท้องถิ่น', 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา'),
            ('ขอส่งรายงานการเบิกจ่ายเงินอุดหนุนเฉพาะกิจ', 'ที่ว่าการอำเภอเมืองนครราชสีมา'),
            ('ขอเชิญเป็นเกียรติในพิธีเปิดโครงการ', 'ผู้ว่าราชการจังหวัดนครราชสีมา'),
            ('ขอความอนุเคราะห์ใช้สถานที่จัดประชุมประชาคม', 'ผู้อำนวยการโรงเรียนบ้านหนองบัว'),
            ('แจ้งผลการพิจารณาคำร้องขอซ่อมแซมถนน', 'ผู้ใหญ่บ้านหมู่ที่ 2'),
            ('ขอส่งสำเนาข้อบัญญัติงบประมาณรายจ่ายประจำปี', 'นายอำเภอเมืองนครราชสีมา'))
MEMOS = (('ขออนุมัติเดินทางไปราชการเข้ารับการฝึกอบรม', 'ปลัดองค์การบริหารส่วนตำบล'),
         ('รายงานผลการตรวจรับงานจ้างก่อสร้าง', 'นายกองค์การบริหารส่วนตำบล'),
         ('ขออนุมัติจัดซื้อวัสดุสำนักงาน', 'นายกองค์การบริหารส่วนตำบล'),
         ('ขอส่งรายงานการลาประจำเดือน', 'ปลัดองค์การบริหารส่วนตำบล'))
ORDERS = ('แต่งตั้งคณะกรรมการตรวจรับพัสดุ', 'แต่งตั้งคณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่น',
          'มอบหมายหน้าที่ความรับผิดชอบของพนักงานส่วนตำบล', 'แต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบงานสารบรรณ',
          'แต่งตั้งคณะกรรมการกำหนดราคากลาง')
ANNOUNCEMENTS = ('ประกาศรายชื่อผู้มีสิทธิ์รับเบี้ยยังชีพผู้สูงอายุ', 'ประกาศผลผู้ชนะการเสนอราคาจ้างก่อสร้างถนน',
                 'ประกาศกำหนดการยื่นแบบภาษีที่ดินและสิ่งปลูกสร้าง', 'ประกาศรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น')
CITIZEN = (('complaint', 'นายสมหมาย ชาวนา', '081-234-5678', 'ไฟฟ้าส่องสว่างสาธารณะดับ',
            'ไฟถนนหน้าบ้านหมู่ที่ 4 ดับมาสามคืน กลางคืนมืดมาก อันตรายต่อผู้สัญจร'),
           ('request', 'นางบัวลอย ใจงาม', 'bualoy@example.com', 'ขอรับการตรวจสอบน้ำประปาหมู่บ้าน',
            'น้ำประปาหมู่บ้านขุ่นมีตะกอน ขอให้ตรวจสอบคุณภาพน้ำ'),
           ('report', 'นายอดิศร มั่นคง', '089-111-2222', 'ต้นไม้ล้มขวางถนน',
            'ต้นไม้ใหญ่ล้มขวางถนนสายบ้านท่าน้ำหลังพายุเมื่อคืน'),
           ('information', 'นางสาวพรทิพย์ ศรีสุข', '086-555-1234', 'ขอข้อมูลงบประมาณโครงการก่อสร้าง',
            'ขอทราบงบประมาณและผู้รับจ้างโครงการก่อสร้างถนนคอนกรีตหมู่ที่ 8'),
           ('complaint', 'นายประสิทธิ์ ดีงาม', '087-444-9999', 'ร้องเรียนเสียงดังจากโรงงาน',
            'โรงงานในหมู่ที่ 6 เปิดเครื่องจักรเสียงดังตลอดคืน'),
           ('request', 'นางสมใจ รักถิ่น', '082-777-3333', 'ขอรับการช่วยเหลือผู้ประสบอุทกภัย',
            'บ้านถูกน้ำท่วมเสียหาย ขอรับการช่วยเหลือตามระเบียบ'))
CITIZEN_STATES = ('received', 'received', 'presented', 'assigned', 'done', 'done', 'received', 'in_action',
                  'done', 'presented', 'done', 'received')
CITIZEN_DIVISION = {'complaint': 'ENG', 'request': 'WELFARE', 'report': 'ENG', 'information': 'PALAD'}
HEADS = {'PALAD': 'head_palad', 'FIN': 'finance_dir', 'ENG': 'eng_dir', 'EDU': 'edu_dir', 'WELFARE': 'head_palad'}
STAFF = {'PALAD': ('planner', 'hr', 'legal'), 'FIN': ('accountant', 'cashier', 'revenue'), 'ENG': ('engineer',),
         'EDU': ('edu_officer', 'teacher'), 'WELFARE': ('head_palad',)}
EVIDENCE = (('certificate', 'รับรองการเป็นพนักงานส่วนตำบล', 'ผู้ที่เกี่ยวข้อง'),
            ('certificate', 'รับรองเงินเดือนพนักงานส่วนตำบล', 'ธนาคารออมสิน สาขานครราชสีมา'),
            ('minutes', 'คณะกรรมการพัฒนาองค์การบริหารส่วนตำบลบ้านตัวอย่าง', ''),
            ('minutes', 'ประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น', ''))
REGISTER_COUNTS = {'incoming': 214, 'outgoing': 100, 'memo': 40, 'order': 25, 'announcement': 15, 'evidence': 10}
# the forms each register's demo papers take, in turn (apps/eoffice/kinds.py)
FORM_CYCLE = {'outgoing': ('external',) * 9 + ('stamped',), 'memo': ('memo',),
              'order': ('order',) * 3 + ('regulation', 'bylaw'),
              'announcement': ('announcement', 'announcement', 'statement', 'news'), 'evidence': ('certificate',)}
# the newest papers of each register wait in the signing step (the rest were sent): state by age, newest first
WAITING = ('proposed', 'draft', 'proposed', 'signed')
UNSIGNED = dict(signer_name='', signer_position='', signer_capacity='', signer_for='', signed_under='', signed_by=None,
                signed_at=None)


@cache
def _terms(text: str) -> str:
    return search_terms(text)


def _at(day: date, hours: float) -> datetime:
    """A working-day time (Bangkok) as UTC, `hours` after 08:30 of `day`."""
    local = datetime.combine(day, time(8, 30), local_zone()) + timedelta(hours=hours)
    return local.astimezone(UTC)


def seed(context) -> None:
    session, org, users, rng, today = context.session, context.org, context.users, context.rng, context.today
    uid = {name: user.id for name, user in users.items()}
    name_of = {user.id: user.full_name for user in users.values()}
    divisions = {d.code: d.id for d in session.exec(select(Division).where(Division.org_id == org.id)).all()}
    _name_the_secret_officer(session, org, uid['head_palad'])
    start = today - timedelta(days=330)
    plans = []  # (register, day, fields, trail spec)

    def day_in(span_start: date = start) -> date:
        day = span_start + timedelta(days=rng.randrange(max((today - span_start).days, 1)))
        return day if day.weekday() < 5 else day - timedelta(days=day.weekday() - 4)

    for n in range(REGISTER_COUNTS['incoming']):
        subject, code, body = rng.choice(INCOMING)
        secret = n % 45 == 7
        secrecy = 'normal'
        if secret:
            subject, code, secrecy = SECRET_SUBJECTS[(n // 45) % len(SECRET_SUBJECTS)]
            body = 'เนื้อความชั้นความลับ เปิดอ่านได้เฉพาะผู้ที่ได้รับมอบหมาย'
        urgency = rng.choices(('normal', 'urgent', 'very_urgent', 'most_urgent'), (70, 15, 10, 5))[0]
        plans.append(('incoming', day_in(), dict(
            kind='external', ref_no=f'นม {rng.randint(1, 9)}{rng.randint(1000, 9999)}/{rng.randint(100, 9999)}',
            sender=rng.choice(AGENCIES), recipient='นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง', subject=subject,
            body=body, urgency=urgency, secrecy=secrecy), code, None))
    for n, state in enumerate(CITIZEN_STATES):
        kind, name, contact, subject, body = CITIZEN[n % len(CITIZEN)]
        plans.append(('incoming', day_in(today - timedelta(days=60)) if state == 'done' else
                      today - timedelta(days=n % 5), dict(
                          kind='external', sender=name, recipient='นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง',
                          subject=f'{REQUEST_TYPES[kind]}: {subject}', body=body, urgency='normal', secrecy='normal',
                          channel='e-service'), CITIZEN_DIVISION[kind], (state, kind, name, contact)))
    for register, items in (('outgoing', OUTGOING), ('memo', MEMOS)):
        for n in range(REGISTER_COUNTS[register]):
            subject, to = rng.choice(items)
            form = FORM_CYCLE[register][n % len(FORM_CYCLE[register])]
            plans.append((register, day_in(), dict(
                kind=FORMS[form].kind, form=form, sender='องค์การบริหารส่วนตำบลบ้านตัวอย่าง', recipient=to,
                subject=subject, body=f'{subject} รายละเอียดตามเอกสารที่แนบมาพร้อมนี้', urgency='normal',
                secrecy='normal'), rng.choice(('PALAD', 'FIN', 'ENG', 'EDU')), None))
    for register, items in (('order', ORDERS), ('announcement', ANNOUNCEMENTS)):
        for n in range(REGISTER_COUNTS[register]):
            subject = rng.choice(items)
            form = FORM_CYCLE[register][n % len(FORM_CYCLE[register])]
            plans.append((register, day_in(), dict(
                kind=FORMS[form].kind, form=form, sender='นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง', recipient='',
                subject=subject, body=f'เพื่อให้การปฏิบัติงานเป็นไปด้วยความเรียบร้อย จึง{subject}',
                urgency='normal', secrecy='normal'), 'PALAD', None))
    for n in range(REGISTER_COUNTS['evidence']):
        form, subject, to = EVIDENCE[n % len(EVIDENCE)]
        plans.append(('evidence', day_in(), dict(
            kind=FORMS[form].kind, form=form, sender='องค์การบริหารส่วนตำบลบ้านตัวอย่าง', recipient=to,
            subject=subject, body=_EVIDENCE_BODY[form], urgency='normal', secrecy='normal',
            **(MINUTES if form == 'minutes' else {})), 'PALAD', None))
    plans.append(('outgoing', today, dict(  # a most urgent letter waiting for the นายก's signature
        kind='external', form='external', sender='องค์การบริหารส่วนตำบลบ้านตัวอย่าง',
        recipient='ผู้ว่าราชการจังหวัดนครราชสีมา', subject='รายงานสถานการณ์อุทกภัยและการให้ความช่วยเหลือผู้ประสบภัย',
        body='ด้วยเกิดอุทกภัยในพื้นที่หมู่ที่ 2 หมู่ที่ 4 และหมู่ที่ 6 มีครัวเรือนได้รับผลกระทบ 58 ครัวเรือน '
             'องค์การบริหารส่วนตำบลได้ให้ความช่วยเหลือเบื้องต้นตามระเบียบแล้ว\nจึงเรียนมาเพื่อโปรดทราบ',
        enclosures='บัญชีรายชื่อผู้ประสบภัย จำนวน 1 ชุด', urgency='most_urgent', secrecy='normal'), 'PALAD', None))
    plans.sort(key=lambda p: p[1])
    waiting = _waiting_papers(plans)

    # numbers: one block per register and calendar year, taken through the numbering kit (counters stay right)
    numbers = {}
    by_year: dict[tuple[str, int], list[int]] = {}
    for index, (register, day, *_rest) in enumerate(plans):
        if index in waiting:  # not issued yet: numbered when issued
            continue
        by_year.setdefault((register, SERIES[register].year_of(day)), []).append(index)
    for (register, _year), indexes in by_year.items():
        block = allocate(session, org.id, SERIES[register], plans[indexes[0]][1], len(indexes))
        numbers.update(zip(indexes, block, strict=True))

    rows = []
    signature = _signatures(session, org, users, divisions)
    for index, (register, day, fields, code, _citizen) in enumerate(plans):
        allocated = numbers.get(index)
        incoming = register == 'incoming'
        state = 'received' if incoming else waiting.get(index, 'sent')
        division_id = divisions['PALAD'] if incoming else divisions[code]
        parts = (allocated.text if allocated else '', fields.get('ref_no', ''), fields['sender'], fields['recipient'],
                 fields['subject'], fields['body'])  # segmented part by part: the templates repeat, cached
        channel = fields.pop('channel', 'paper')
        registrar = _registrar_of(fields, uid)
        signed = UNSIGNED if incoming or state in ('draft', 'proposed') else signature(fields['form'], division_id, day)
        owner = signature(fields['form'], division_id, day, who=True) if state == 'proposed' else \
            registrar if state in ('draft', 'signed') else None
        fields = {'form': 'external', 'enclosures': '', **dict.fromkeys(MINUTES, ''), **fields}  # every row the same
        #   columns (one bulk insert)
        rows.append(dict(org_id=org.id, register_key=register, year=allocated.year if allocated else None,
                         number=allocated.number if allocated else None,
                         number_text=allocated.text if allocated else '',
                         doc_date=day - timedelta(days=2) if incoming else day,
                         received_at=_at(day, 0.5) if incoming else None, status=state, owner_id=owner,
                         closed_at=_at(day, 3) if state == 'sent' else None,
                         channel=channel, division_id=division_id, **signed,
                         created_by=None if channel == 'e-service' else registrar, created_at=_at(day, 0.5),
                         search_text=' '.join(_terms(p) for p in parts if p),
                         due_date=day + timedelta(days=URGENCY_DAYS[fields['urgency']]) if incoming else None,
                         **fields))
    ids = session.execute(insert(Document).returning(Document.id, sort_by_parameter_order=True), rows).scalars().all()

    steps, updates, requests = [], [], []
    for index, (document_id, (register, day, fields, code, citizen)) in enumerate(zip(ids, plans, strict=True)):
        if register != 'incoming':
            steps.extend(_signing_trail(org.id, document_id, rows[index], uid['clerk'], name_of, day))
            continue
        age = (today - day).days
        if citizen:
            state = citizen[0]
        elif age > 30:
            state = 'done'
        else:
            state = rng.choice(('received', 'presented', 'assigned', 'in_action', 'done', 'done'))
        head, division_id = uid[HEADS[code]], divisions[code]
        worker = uid[rng.choice(STAFF[code])]
        registrar = None if citizen else _registrar_of(fields, uid)
        trail = [('register', registrar, registrar, None, 'ลงทะเบียนรับ' if registrar else 'ยื่นทาง e-service')]
        if state != 'received':
            trail.append(('present', registrar or uid['clerk'], uid['palad'], None, 'เพื่อโปรดพิจารณา'))
        if state in ('assigned', 'in_action', 'done'):
            division_name = {'PALAD': 'สำนักปลัด', 'FIN': 'กองคลัง', 'ENG': 'กองช่าง', 'EDU': 'กองการศึกษาฯ',
                             'WELFARE': 'กองสวัสดิการสังคม'}[code]
            trail.append(('order', uid['palad'], head, division_id, f'มอบ {division_name} ดำเนินการ'))
        if state in ('in_action', 'done'):
            trail.append(('assign', head, worker, None, 'ดำเนินการ'))
        if state == 'done':
            answer = 'ดำเนินการแล้ว แจ้งผลให้ผู้เกี่ยวข้องทราบ'
            if citizen:
                answer = 'กองช่างตรวจสอบพื้นที่และแก้ไขเรียบร้อยแล้ว ขอบคุณที่แจ้งเรื่อง'
            trail.append(('complete', worker if len(trail) > 3 else uid['palad'], None, None, answer))
        for n, (action, sender, receiver, to_division, note) in enumerate(trail):
            last = n == len(trail) - 1
            steps.append(_step(org.id, document_id, action, sender, name_of, receiver, to_division, note,
                               _at(day, 0.5 + n * 20), done=not last or action == 'complete',
                               acknowledged=not last or rng.random() < 0.5))
        owner = trail[-1][2] if state != 'done' else None
        updates.append(dict(id=document_id, status=state, owner_id=owner,
                            division_id=next((t[3] for t in reversed(trail) if t[3]), divisions['PALAD']),
                            closed_at=_at(day, 0.5 + (len(trail) - 1) * 20) if state == 'done' else None))
        if citizen:
            _state, kind, name, contact = citizen
            requests.append(dict(org_id=org.id, document_id=document_id, tracking_code=f'ES-DEMO-{index:04d}',
                                 request_type=kind, name=name, contact=contact, created_at=_at(day, 0.5),
                                 consent_at=_at(day, 0.5), answer=trail[-1][4] if state == 'done' else '',
                                 answered_at=_at(day, 0.5 + (len(trail) - 1) * 20) if state == 'done' else None))
    session.execute(insert(RouteStep), steps)
    session.execute(update(Document), updates)
    if requests:
        session.execute(insert(CitizenRequest), requests)
    # two in three of the issued announcements are marked for the public site (the rest stay inside)
    session.execute(update(Document).where(
        Document.org_id == org.id, Document.register_key == 'announcement', Document.id % 3 != 0,
        Document.status.in_(('issued', 'sent', 'done'))).values(is_public=True).execution_options(
        synchronize_session=False))


def _name_the_secret_officer(session, org, officer_id: int) -> None:
    """หัวหน้าสำนักปลัด is the demo's secret-letter officer: the สำนักปลัด keeps the LAO's correspondence, and an
    อบต.'s order appointing the นายทะเบียนหนังสือลับ usually names its head (the ปลัด, who signs that order and orders
    on the letters, is not their registrar). Registering letters takes the registrar's role, granted to her for it."""
    org.secret_officer_position_id = session.exec(select(Position.id).where(
        Position.org_id == org.id, Position.code == 'HEAD_PALAD')).one()
    session.add(org)
    session.add(RoleGrant(org_id=org.id, user_id=officer_id, role_key='registrar',
                          reason='นายทะเบียนหนังสือลับ: ลงทะเบียนหนังสือลับ (คำสั่งแต่งตั้งของ อบต.)'))


def _registrar_of(fields: dict, uid: dict[str, int]) -> int:
    """Secret letters are registered by the secret-letter officer, all others by the general registrar."""
    return uid['head_palad'] if fields['secrecy'] != 'normal' else uid['clerk']


def _step(org_id: int, document_id: int, action: str, sender: int | None, name_of: dict, receiver: int | None,
          to_division: int | None, note: str, at: datetime, done: bool, acknowledged: bool = True) -> dict:
    return dict(org_id=org_id, document_id=document_id, action=action, from_user_id=sender,
                from_name=name_of.get(sender, 'ประชาชน'), to_user_id=receiver, to_division_id=to_division, text=note,
                sent_at=at, acknowledged_at=at + timedelta(hours=1) if acknowledged and receiver else None,
                completed_at=at + timedelta(hours=4) if done else None, due_date=None)


_EVIDENCE_BODY = {
    'certificate': 'หนังสือฉบับนี้ให้ไว้เพื่อรับรองว่า นางพิมพ์ใจ สายบุญ เป็นพนักงานส่วนตำบล ตำแหน่งนักทรัพยากรบุคคล '
                   'สังกัดสำนักปลัด องค์การบริหารส่วนตำบลบ้านตัวอย่าง ปฏิบัติราชการตั้งแต่วันที่ 1 ตุลาคม 2560 จนถึงปัจจุบัน',
    'minutes': '',
}
# the fields of a รายงานการประชุม (แบบที่ 11)
MINUTES = dict(
    meeting_place='ห้องประชุมองค์การบริหารส่วนตำบลบ้านตัวอย่าง', meeting_start='09.30', meeting_end='12.00',
    attendees='นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล ประธานกรรมการ\n'
              'นางสุนีย์ วงศ์ใหญ่ ปลัดองค์การบริหารส่วนตำบล กรรมการ\n'
              'นางสาววรรณา ทองดี หัวหน้าสำนักปลัด กรรมการ\n'
              'นายชาตรี ภูมิสุข ผู้อำนวยการกองช่าง กรรมการ\n'
              'นางสาวสายใจ บุญมา เจ้าพนักงานธุรการ กรรมการและเลขานุการ',
    absentees='นางสมศรี พิมพ์ทอง ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม ติดราชการ',
    participants='นายบุญมี ศรีสุข ผู้ใหญ่บ้านหมู่ที่ 3',
    agenda='เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ\nประธานแจ้งกำหนดการจัดทำแผนพัฒนาท้องถิ่นประจำปี\nมติที่ประชุม รับทราบ\n\n'
           'รับรองรายงานการประชุมครั้งที่แล้ว\nมติที่ประชุม รับรองรายงานการประชุมโดยไม่มีการแก้ไข\n\n'
           'เรื่องเพื่อพิจารณา\nเลขานุการเสนอร่างโครงการเพื่อบรรจุในแผนพัฒนาท้องถิ่น จำนวน 12 โครงการ\n'
           'มติที่ประชุม เห็นชอบตามที่เสนอ',
    checker_name='นางสุนีย์ วงศ์ใหญ่', checker_position='ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง')


def _waiting_papers(plans: list) -> dict[int, str]:
    """The newest papers of each outgoing register still in the signing step: plan index -> state."""
    waiting: dict[int, str] = {}
    for register in REGISTERS:
        if register == 'incoming':
            continue
        newest = [n for n, plan in enumerate(plans) if plan[0] == register][::-1]
        waiting.update(zip(newest, WAITING, strict=False))
    return waiting


def _signatures(session, org, users, divisions):
    """signature(form, division_id, day) -> the signature columns of a paper signed then; with who=True the user
    it goes to for signing. One Signer per (form's rule, division): the demo signs hundreds of papers."""
    principals = {}
    made = {}

    def signature(form: str, division_id: int, day: date, who: bool = False):
        paper = SimpleNamespace(org_id=org.id, form=form, register_key=FORMS[form].register, division_id=division_id,
                                created_by=users['clerk'].id, owner_id=None, status='proposed')
        key = (FORMS[form].signer, division_id)
        if key not in made:
            user_id = intended_signer(session, paper)
            if user_id not in principals:
                principals[user_id] = load_principal(session, user_id)
            signer = signer_of(session, principals[user_id], paper)
            order = principals[user_id].acting_for('eoffice.doc.order', record=paper) \
                if FORMS[form].signer == 'executive' else None
            made[key] = (user_id, dict(signer_name=signer.name, signer_position=signer.position,
                                       signer_capacity=signer.capacity, signer_for=signer.for_position,
                                       signed_under=order.name if order else '', signed_by=user_id))
        user_id, columns = made[key]
        return user_id if who else {**columns, 'signed_at': _at(day, 1)}
    return signature


def _signing_trail(org_id: int, document_id: int, row: dict, clerk: int, name_of: dict, day: date) -> list[dict]:
    """The trail of a paper as far as its state: drafted, proposed, signed, numbered, sent."""
    state, signer = row['status'], row.get('signed_by') or row.get('owner_id')
    trail = [('draft', clerk, clerk, f'ร่าง{FORMS[row["form"]].title}')]
    if state != 'draft':
        trail.append(('propose', clerk, signer, f'เสนอลงนาม{FORMS[row["form"]].title}'))
    if state in ('signed', 'sent'):
        trail.append(('sign', signer, clerk, 'ลงนามแล้ว'))
    if state == 'sent':
        trail.append(('issue', clerk, clerk, f'{REGISTERS[row["register_key"]]} เลขที่ {row["number_text"]}'))
        trail.append(('dispatch', clerk, None, 'ส่งหนังสือแล้ว'))
    return [_step(org_id, document_id, action, sender, name_of, receiver, None, note, _at(day, 0.2 * n),
                  done=n < len(trail) - 1 or action in ('draft', 'sign', 'dispatch'))
            for n, (action, sender, receiver, note) in enumerate(trail)]
