"""The demo LAO's plan: แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) with 6 strategies and about 60 projects, the first edition
and two amendments (all announced), the FY 2569 and FY 2570 action plans and progress entries."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import select

from apps.eplan.service import copy_rows, edition_title
from models.codes import FundSource, ProgramCode
from models.info import Village
from models.org import Division
from models.plan import ActionPlanItem, PlanCycle, PlanEdition, PlanEquipment, PlanNode, PlanProject, ProjectProgress

# (code, strategy, goal, [(tactic code, tactic)], [(tactic code, programme code, division, project, unit cost)])
STRATEGIES = [
    ('1', 'การพัฒนาโครงสร้างพื้นฐาน', 'ประชาชนมีถนน ทางระบายน้ำ ไฟฟ้า และน้ำประปาที่ได้มาตรฐาน',
     [('1.1', 'ก่อสร้างและบำรุงรักษาถนนและทางระบายน้ำ'), ('1.2', 'ขยายเขตไฟฟ้าและระบบประปาหมู่บ้าน')],
     [('1.1', '00310', 'ENG', 'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {v}', 480_000),
      ('1.1', '00310', 'ENG', 'โครงการก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก หมู่ที่ {v}', 350_000),
      ('1.1', '00310', 'ENG', 'โครงการซ่อมแซมถนนลูกรัง หมู่ที่ {v}', 120_000),
      ('1.1', '00310', 'ENG', 'โครงการก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต หมู่ที่ {v}', 900_000),
      ('1.2', '00240', 'ENG', 'โครงการขยายเขตไฟฟ้าแรงต่ำ หมู่ที่ {v}', 250_000),
      ('1.2', '00240', 'ENG', 'โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ หมู่ที่ {v}', 180_000),
      ('1.2', '00330', 'ENG', 'โครงการปรับปรุงระบบประปาหมู่บ้าน หมู่ที่ {v}', 300_000),
      ('1.1', '00310', 'ENG', 'โครงการก่อสร้างท่อลอดเหลี่ยมคอนกรีต หมู่ที่ {v}', 280_000),
      ('1.2', '00330', 'ENG', 'โครงการขุดเจาะบ่อบาดาลเพื่อการอุปโภค หมู่ที่ {v}', 220_000)]),
    ('2', 'การพัฒนาคุณภาพชีวิตและสังคม', 'ประชาชนมีสุขภาพดี ได้รับสวัสดิการอย่างทั่วถึง',
     [('2.1', 'ส่งเสริมสุขภาพและป้องกันโรค'), ('2.2', 'สวัสดิการสังคมและผู้ด้อยโอกาส')],
     [('2.1', '00220', 'PALAD', 'โครงการป้องกันและควบคุมโรคไข้เลือดออก', 60_000),
      ('2.1', '00220', 'PALAD', 'โครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า', 45_000),
      ('2.1', '00220', 'PALAD', 'โครงการส่งเสริมสุขภาพผู้สูงอายุ', 40_000),
      ('2.2', '00230', 'WELFARE', 'โครงการปรับปรุงที่อยู่อาศัยผู้ยากไร้', 100_000),
      ('2.2', '00230', 'WELFARE', 'โครงการโรงเรียนผู้สูงอายุ', 50_000),
      ('2.2', '00230', 'WELFARE', 'โครงการส่งเสริมอาชีพคนพิการและผู้ดูแล', 30_000),
      ('2.2', '00250', 'WELFARE', 'โครงการป้องกันและแก้ไขปัญหายาเสพติด', 35_000),
      ('2.2', '00250', 'WELFARE', 'โครงการส่งเสริมบทบาทสตรีและครอบครัว', 25_000),
      ('2.1', '00220', 'PALAD', 'โครงการอบรมอาสาสมัครสาธารณสุขประจำหมู่บ้าน', 30_000),
      ('2.2', '00230', 'WELFARE', 'โครงการเยี่ยมบ้านผู้ป่วยติดเตียง', 20_000)]),
    ('3', 'การพัฒนาการศึกษา ศาสนา วัฒนธรรม และกีฬา', 'เด็กและเยาวชนได้รับการศึกษาที่มีคุณภาพ ประเพณีท้องถิ่นได้รับการสืบสาน',
     [('3.1', 'ส่งเสริมการศึกษาและศูนย์พัฒนาเด็กเล็ก'), ('3.2', 'ส่งเสริมศาสนา วัฒนธรรม ประเพณี และกีฬา')],
     [('3.1', '00210', 'EDU', 'โครงการอาหารกลางวันศูนย์พัฒนาเด็กเล็ก', 400_000),
      ('3.1', '00210', 'EDU', 'โครงการอาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก', 650_000),
      ('3.1', '00210', 'EDU', 'โครงการจัดงานวันเด็กแห่งชาติ', 60_000),
      ('3.1', '00210', 'EDU', 'โครงการพัฒนาศักยภาพครูผู้ดูแลเด็ก', 30_000),
      ('3.1', '00210', 'EDU', 'โครงการส่งเสริมการอ่านในศูนย์พัฒนาเด็กเล็ก', 20_000),
      ('3.2', '00260', 'EDU', 'โครงการประเพณีลอยกระทง', 80_000),
      ('3.2', '00260', 'EDU', 'โครงการประเพณีสงกรานต์และรดน้ำดำหัวผู้สูงอายุ', 70_000),
      ('3.2', '00260', 'EDU', 'โครงการแข่งขันกีฬาเยาวชนและประชาชนต้านยาเสพติด', 120_000),
      ('3.2', '00260', 'EDU', 'โครงการส่งเสริมคุณธรรมจริยธรรมเด็กและเยาวชน', 25_000),
      ('3.2', '00260', 'EDU', 'โครงการแห่เทียนเข้าพรรษา', 40_000)]),
    ('4', 'การพัฒนาเศรษฐกิจและการเกษตร', 'ประชาชนมีอาชีพและรายได้เพิ่มขึ้น',
     [('4.1', 'ส่งเสริมการเกษตรและแหล่งน้ำ'), ('4.2', 'ส่งเสริมอาชีพและวิสาหกิจชุมชน')],
     [('4.1', '00320', 'PALAD', 'โครงการส่งเสริมการเกษตรตามแนวเศรษฐกิจพอเพียง', 50_000),
      ('4.1', '00320', 'ENG', 'โครงการขุดลอกคลองส่งน้ำเพื่อการเกษตร หมู่ที่ {v}', 400_000),
      ('4.1', '00320', 'PALAD', 'โครงการอบรมการผลิตปุ๋ยอินทรีย์', 30_000),
      ('4.2', '00250', 'WELFARE', 'โครงการฝึกอบรมอาชีพการทำขนมไทย', 30_000),
      ('4.2', '00250', 'WELFARE', 'โครงการส่งเสริมวิสาหกิจชุมชนทอผ้าไหม', 60_000),
      ('4.2', '00330', 'PALAD', 'โครงการตลาดชุมชนสินค้าเกษตรปลอดภัย', 45_000),
      ('4.1', '00320', 'PALAD', 'โครงการปลูกหญ้าแฝกอนุรักษ์ดินและน้ำ', 20_000),
      ('4.1', '00320', 'ENG', 'โครงการก่อสร้างฝายชะลอน้ำ หมู่ที่ {v}', 250_000),
      ('4.2', '00250', 'WELFARE', 'โครงการส่งเสริมการท่องเที่ยวชุมชนและผลิตภัณฑ์ OTOP', 50_000)]),
    ('5', 'การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม', 'ชุมชนสะอาด ขยะลดลง ทรัพยากรธรรมชาติได้รับการอนุรักษ์',
     [('5.1', 'บริหารจัดการขยะมูลฝอย'), ('5.2', 'อนุรักษ์ทรัพยากรธรรมชาติ')],
     [('5.1', '00240', 'PALAD', 'โครงการคัดแยกขยะต้นทางในครัวเรือน', 40_000),
      ('5.1', '00240', 'PALAD', 'โครงการธนาคารขยะชุมชน', 30_000),
      ('5.1', '00240', 'PALAD', 'โครงการจัดหาถังขยะเปียกลดโลกร้อน', 50_000),
      ('5.2', '00320', 'PALAD', 'โครงการปลูกต้นไม้เฉลิมพระเกียรติ', 30_000),
      ('5.2', '00320', 'PALAD', 'โครงการอนุรักษ์พันธุกรรมพืชอันเนื่องมาจากพระราชดำริ', 25_000),
      ('5.2', '00240', 'ENG', 'โครงการปรับปรุงภูมิทัศน์สวนสาธารณะหนองน้ำ', 200_000),
      ('5.1', '00240', 'PALAD', 'โครงการรณรงค์ลดการเผาในที่โล่ง', 20_000),
      ('5.2', '00320', 'PALAD', 'โครงการฟื้นฟูป่าชุมชนและแหล่งน้ำสาธารณะ', 35_000)]),
    ('6', 'การบริหารจัดการบ้านเมืองที่ดีและความปลอดภัย', 'องค์กรบริหารงานโปร่งใส ประชาชนปลอดภัยในชีวิตและทรัพย์สิน',
     [('6.1', 'พัฒนาการบริหารงานและบุคลากร'), ('6.2', 'ป้องกันและบรรเทาสาธารณภัย')],
     [('6.1', '00110', 'PALAD', 'โครงการฝึกอบรมและศึกษาดูงานเพื่อพัฒนาศักยภาพบุคลากร', 150_000),
      ('6.1', '00110', 'PALAD', 'โครงการจัดเวทีประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น', 30_000),
      ('6.1', '00110', 'PALAD', 'โครงการ อบต. เคลื่อนที่ให้บริการประชาชน', 25_000),
      ('6.1', '00110', 'FIN', 'โครงการพัฒนาระบบจัดเก็บรายได้และแผนที่ภาษี', 100_000),
      ('6.1', '00110', 'PALAD', 'โครงการสำรวจความพึงพอใจของประชาชนต่อการให้บริการ', 20_000),
      ('6.1', '00110', 'PALAD', 'โครงการเลือกตั้งนายกและสมาชิกสภา อบต.', 500_000),
      ('6.2', '00120', 'PALAD', 'โครงการป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาล', 40_000),
      ('6.2', '00120', 'PALAD', 'โครงการฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)', 80_000),
      ('6.2', '00120', 'PALAD', 'โครงการซ้อมแผนป้องกันและระงับอัคคีภัย', 30_000),
      ('6.2', '00120', 'PALAD', 'โครงการติดตั้งกล้องวงจรปิดในจุดเสี่ยง', 300_000)]),
]
EQUIPMENT = [  # (programme, category, item, division, unit cost)
    ('00110', 'ครุภัณฑ์คอมพิวเตอร์', 'เครื่องคอมพิวเตอร์สำหรับงานประมวลผล', 'PALAD', 30_000),
    ('00110', 'ครุภัณฑ์สำนักงาน', 'ตู้เหล็กเก็บเอกสาร 2 บาน', 'PALAD', 6_000),
    ('00110', 'ครุภัณฑ์คอมพิวเตอร์', 'เครื่องพิมพ์เลเซอร์', 'FIN', 8_000),
    ('00310', 'ครุภัณฑ์ก่อสร้าง', 'เครื่องตัดหญ้าแบบข้อแข็ง', 'ENG', 10_000),
    ('00120', 'ครุภัณฑ์ยานพาหนะและขนส่ง', 'รถบรรทุกน้ำอเนกประสงค์', 'PALAD', 2_500_000),
    ('00210', 'ครุภัณฑ์การศึกษา', 'ชุดเครื่องเล่นสนามเด็กเล่น', 'EDU', 90_000),
]
ADDED_IN_AMENDMENT_1 = [('1.1', '00310', 'ENG', 'โครงการก่อสร้างสะพานคอนกรีตข้ามลำห้วย หมู่ที่ 4', 1_200_000),
                        ('2.1', '00220', 'PALAD', 'โครงการรณรงค์ป้องกันโรคโควิด-19 และโรคติดต่ออุบัติใหม่', 50_000)]
ADDED_IN_AMENDMENT_2 = [('5.1', '00240', 'PALAD', 'โครงการจัดหารถเก็บขนขยะมูลฝอยแบบอัดท้าย', 2_400_000),
                        ('3.1', '00210', 'EDU', 'โครงการปรับปรุงศูนย์พัฒนาเด็กเล็กบ้านหนองบัว', 450_000)]


def _round(amount: float) -> Decimal:
    return Decimal(int(round(amount, -3)))


def seed_demo(context) -> None:
    session, org, rng = context.session, context.org, context.rng
    planner = context.users['planner'].id
    programs = {p.code: p.id for p in session.exec(select(ProgramCode).where(ProgramCode.org_id == org.id))}
    divisions = {d.code: d.id for d in session.exec(select(Division).where(Division.org_id == org.id))}
    villages = {v.number: v.id for v in session.exec(select(Village).where(Village.org_id == org.id))}
    funds = {f.code: f.id for f in session.exec(select(FundSource).where(FundSource.org_id == org.id))}
    cycle = PlanCycle(org_id=org.id, title='แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)', start_year=2566, created_by=planner,
                      vision='ตำบลน่าอยู่ เศรษฐกิจมั่นคง ประชาชนมีคุณภาพชีวิตที่ดี ภายใต้การบริหารจัดการที่ดี')
    session.add(cycle)
    session.flush()

    def edition(kind: str, number: int, year: int, approved: date, reason: str = '', base=None) -> PlanEdition:
        row = PlanEdition(org_id=org.id, cycle_id=cycle.id, kind=kind, number=number, year=year,
                          title=edition_title(cycle, kind, number, year), reason=reason, status='announced',
                          based_on_id=base.id if base else None, approved_on=approved,
                          announced_on=approved + timedelta(days=3), created_by=planner)
        session.add(row)
        session.flush()
        return row

    tactics, order = {}, 0
    for code, name, goal, tactic_rows, _ in STRATEGIES:
        strategy = PlanNode(org_id=org.id, cycle_id=cycle.id, kind='strategy', code=code, name=name, goal=goal,
                            sort_order=order)
        session.add(strategy)
        session.flush()
        for tactic_code, tactic_name in tactic_rows:
            order += 1
            tactic = PlanNode(org_id=org.id, cycle_id=cycle.id, parent_id=strategy.id, kind='tactic',
                              code=tactic_code, name=tactic_name, sort_order=order)
            session.add(tactic)
            session.flush()
            tactics[tactic_code] = tactic.id
        order += 1

    def project(edition_id: int, seq: int, tactic: str, program: str, division: str, name: str, cost: int,
                first_year: int = 1, reason: str = '') -> PlanProject:
        village, located = rng.randint(1, 10), '{v}' in name
        name = name.format(v=f'{village} {VILLAGE_NAMES[village]}')
        years = {f'budget_y{n}': (_round(cost * rng.uniform(0.9, 1.15)) if n >= first_year and
                                  (cost < 300_000 or rng.random() < 0.45) else Decimal('0')) for n in range(1, 6)}
        if not any(years.values()):
            years[f'budget_y{max(first_year, 2)}'] = _round(cost)
        row = PlanProject(
            org_id=org.id, edition_id=edition_id, seq=seq, node_id=tactics[tactic], program_code_id=programs[program],
            name=name, objective=f'เพื่อ{name.removeprefix("โครงการ")}ให้เกิดประโยชน์แก่ประชาชนในตำบล',
            target=f'ประชาชนในพื้นที่ {rng.randint(50, 600)} คน/ครัวเรือน ได้รับประโยชน์' if cost < 300_000
            else 'ดำเนินการตามแบบแปลนของ อบต. จำนวน 1 แห่ง', kpi='ร้อยละของประชาชนที่พึงพอใจ',
            kpi_target=Decimal(80), expected_result='ประชาชนได้รับประโยชน์และมีคุณภาพชีวิตที่ดีขึ้น',
            division_id=divisions[division], village_id=villages.get(village) if located else None,
            fund_source_id=funds['01'], reason=reason, created_by=planner, **years)
        session.add(row)
        return row

    first = edition('first', 1, 2565, date(2022, 6, 20))
    seq = 0
    for _, _, _, _, rows in STRATEGIES:
        for tactic, program, division, name, cost in rows:
            seq += 1
            project(first.id, seq, tactic, program, division, name, cost)
    for n, (program, category, item, division, cost) in enumerate(EQUIPMENT, start=1):
        year = rng.randint(1, 5)
        session.add(PlanEquipment(org_id=org.id, edition_id=first.id, seq=n, program_code_id=programs[program],
                                  category=category, name=item, target='จำนวน 1 ชุด/คัน',
                                  division_id=divisions[division], created_by=planner,
                                  **{f'budget_y{year}': Decimal(cost)}))
    session.flush()

    amendment1 = edition('amendment', 1, 2566, date(2023, 5, 15), 'เพิ่มโครงการที่ประชาคมเสนอและโครงการเร่งด่วน',
                         base=first)
    copy_rows(session, first, amendment1)
    for n, row in enumerate(ADDED_IN_AMENDMENT_1, start=1):
        project(amendment1.id, 100 + n, *row, first_year=2, reason='ประชาคมหมู่บ้านเสนอเพิ่มเติม')
    amendment2 = edition('amendment', 2, 2567, date(2024, 6, 10), 'ปรับงบประมาณและเพิ่มโครงการตามความจำเป็น',
                         base=amendment1)
    copy_rows(session, amendment1, amendment2)
    for n, row in enumerate(ADDED_IN_AMENDMENT_2, start=1):
        project(amendment2.id, 200 + n, *row, first_year=3, reason='ความจำเป็นเร่งด่วนด้านสิ่งแวดล้อมและการศึกษา')
    changed = session.exec(select(PlanProject).where(PlanProject.edition_id == amendment2.id)
                           .order_by(PlanProject.id).limit(3)).all()
    for row in changed:  # the second amendment raises three projects' later-year budgets
        row.budget_y4 = row.budget_y4 + Decimal(50_000)
        row.reason = 'ราคาวัสดุก่อสร้างสูงขึ้น'
        session.add(row)
    session.flush()
    _action_plans(context, amendment2)


VILLAGE_NAMES = {1: 'บ้านตัวอย่าง', 2: 'บ้านหนองบัว', 3: 'บ้านโนนสำราญ', 4: 'บ้านท่าน้ำ', 5: 'บ้านหัวสะพาน',
                 6: 'บ้านดอนแดง', 7: 'บ้านโคกสูง', 8: 'บ้านหนองไผ่พัฒนา', 9: 'บ้านใหม่สามัคคี', 10: 'บ้านสระแก้ว'}


def _action_plans(context, edition: PlanEdition) -> None:
    """FY 2569 (year 4, finished: most projects done) and FY 2570 (year 5, the year under way): every project with a
    budget that year, scheduled by month, most with a progress entry."""
    session, org, rng = context.session, context.org, context.rng
    planner = context.users['planner'].id
    years = {2569: (4, ['done'] * 5 + ['in_progress'] * 2 + ['procuring', 'not_started', 'cancelled']),
             2570: (5, ['not_started'] * 3 + ['procuring'] * 3 + ['in_progress'] * 3 + ['done'])}
    projects = session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)
                            .order_by(PlanProject.id)).all()
    for year, (n, statuses) in years.items():
        year_start = date(year - 544, 10, 1)
        for project in projects:
            budget = project.budget_for(n)
            if not budget:
                continue
            start = rng.randint(1, 9)
            session.add(ActionPlanItem(org_id=org.id, fiscal_year=year, project_id=project.id, start_month=start,
                                       end_month=min(12, start + rng.randint(0, 3)), budget=budget,
                                       created_by=planner))
            status = rng.choice(statuses)
            pct = {'done': 100, 'in_progress': rng.randint(30, 90), 'procuring': 10, 'not_started': 0,
                   'cancelled': 0}[status]
            reported = min(year_start + timedelta(days=30 * start + rng.randint(0, 60)), context.today)
            if status != 'not_started':
                session.add(ProjectProgress(
                    org_id=org.id, project_id=project.id, fiscal_year=year, report_date=reported, status=status,
                    physical_pct=pct, kpi_actual=Decimal(rng.randint(70, 95)) if status == 'done' else None,
                    note='ดำเนินการตามแผน' if status != 'cancelled' else 'ยกเลิก เนื่องจากได้รับงบจากหน่วยงานอื่น',
                    created_by=planner))
