"""Info rules: the villages register and its demo data."""

from datetime import date, timedelta

from sqlmodel import select

from core.thai import fiscal_year, today
from models.info import DeadlineOverride, InfoFigure, LpaScore, ReportFiling, Village

DEMO_VILLAGES = [  # (number, name, head, households, population)
    (1, 'บ้านตัวอย่าง', 'นายบุญมี ศรีสวัสดิ์', 212, 684), (2, 'บ้านหนองบัว', 'นายทองดี มีสุข', 185, 602),
    (3, 'บ้านโนนสำราญ', 'นางสาวบัวผัน แก้วใส', 143, 471), (4, 'บ้านท่าน้ำ', 'นายสุรชัย ปัญญาดี', 256, 815),
    (5, 'บ้านหัวสะพาน', 'นายเสถียร บุญมา', 98, 320), (6, 'บ้านดอนแดง', 'นางคำปุ่น ทองคำ', 167, 553),
    (7, 'บ้านโคกสูง', 'นายประยูร สุขใจ', 121, 402), (8, 'บ้านหนองไผ่พัฒนา', 'นายวินัย ศรีทอง', 204, 661),
    (9, 'บ้านใหม่สามัคคี', 'นางสาวอำไพ จันทร์ดี', 77, 258), (10, 'บ้านสระแก้ว', 'นายอุดม ดีเลิศ', 189, 597),
]


def seed_demo(context) -> None:
    for number, name, head, households, population in DEMO_VILLAGES:
        context.session.add(Village(org_id=context.org.id, number=number, name=name, head_name=head,
                                    households=households, population=population))
    context.session.add(DeadlineOverride(  # the LAO's own version: the OIT pages are the planner's since 2567
        org_id=context.org.id, deadline_key='oit_cutoff', effective_from=date(2024, 10, 1), seat='PLANNER',
        note='คำสั่ง อบต. ที่ 88/2567 มอบหมายนักวิเคราะห์นโยบายและแผนรวบรวมและเผยแพร่ข้อมูลสาธารณะ (OIT)'))
    seed_reports(context)
    seed_figures(context)
    fy = fiscal_year(today()) - 1  # the LPA of the last completed year: the LAO's own scores of its manual indicators
    for code, score, evidence in (('2.1', 3, 'ทะเบียนประวัติและบัญชีวันลาในระบบงานบุคคล (ปรับปรุงทุกเดือน)'),
                                  ('4.2', 2, 'ทะเบียนคำร้องในระบบสารบรรณ/e-service (แจ้งผลแก่ผู้ร้องส่วนใหญ่)')):
        context.session.add(LpaScore(org_id=context.org.id, fiscal_year=fy, code=code, score=score, evidence=evidence))
    from apps.info import public
    public.seed_demo(context)


def seed_reports(context) -> None:
    """A year of reports made on time, the latest สขร.1 left unreported (late: the procurement officer's reminder)."""
    from apps.info.deadlines import occurrences
    on = today()
    fy = fiscal_year(on)
    context.session.flush()
    due = [o for o in occurrences(context.session, context.org.id, (fy - 1, fy), on) if o.due < on]
    skr1 = [o for o in due if o.key == 'skr1_monthly']
    held_back = max(skr1, key=lambda o: o.due) if skr1 else None
    for o in due:
        if o is held_back:
            continue
        late = o.key == 'budget_quarterly' and o.fy == fy - 1 and o.period == 1  # one made a week late
        filed = o.due + timedelta(days=7) if late else o.due - timedelta(days=3)
        context.session.add(ReportFiling(org_id=context.org.id, deadline_key=o.key, fiscal_year=o.fy,
                                         period=o.period, filed_on=min(filed, on),
                                         reference=f'{o.evidence} {o.title}'[:300]))


DEMO_FIGURES = {  # LAO-wide figures of the last completed year, and what each grew by a year
    'area_sq_km': (48, 0, 'ประกาศจัดตั้ง อบต. (กรมการปกครอง)'),
    'road_asphalt_m': (18_400, 600, 'ทะเบียนทางหลวงท้องถิ่น กองช่าง'),
    'road_concrete_m': (26_750, 1_200, 'ทะเบียนทางหลวงท้องถิ่น กองช่าง'),
    'road_laterite_m': (31_200, -1_500, 'ทะเบียนทางหลวงท้องถิ่น กองช่าง'),
    'child_centres': (2, 0, 'กองการศึกษา ศาสนาและวัฒนธรรม'),
    'child_centre_pupils': (86, 3, 'กองการศึกษา ศาสนาและวัฒนธรรม'),
    'health_stations': (1, 0, 'สำนักงานสาธารณสุขอำเภอ'),
    'elderly_allowance': (842, 25, 'ทะเบียนผู้รับเบี้ยยังชีพ กองสวัสดิการสังคม'),
    'disabled_allowance': (131, 4, 'ทะเบียนผู้รับเบี้ยยังชีพ กองสวัสดิการสังคม'),
    'fire_trucks': (1, 0, 'ทะเบียนทรัพย์สิน งานป้องกันและบรรเทาสาธารณภัย'),
    'volunteers': (64, 2, 'ทะเบียน อปพร.'),
    'solid_waste_kg_day': (3_900, 150, 'งานรักษาความสะอาด (สำรวจ)'),
}


def seed_figures(context) -> None:
    """Three counted years of the basic data: population and households per village as of 30 September (the civil
    registration), the LAO-wide figures from their registers."""
    context.session.flush()
    villages = {v.number: v for v in context.session.exec(select(Village).where(Village.org_id == context.org.id))}
    last = fiscal_year(today()) - 1
    for fy in (last - 2, last - 1, last):
        as_of = date(fy - 543, 9, 30)
        back = last - fy
        for number, _, _, households, population in DEMO_VILLAGES:
            total = round(population * (1 - 0.012 * back))
            male = total * 49 // 100
            values = {'population_male': male, 'population_female': total - male, 'population_total': total,
                      'households': round(households * (1 - 0.015 * back))}
            for key, value in values.items():
                context.session.add(InfoFigure(
                    org_id=context.org.id, fiscal_year=fy, indicator=key, village_id=villages[number].id,
                    value=value, as_of=as_of, source='ทะเบียนราษฎร (สำนักทะเบียนอำเภอ)'))
        for key, (value, step, source) in DEMO_FIGURES.items():
            context.session.add(InfoFigure(org_id=context.org.id, fiscal_year=fy, indicator=key,
                                           value=value - step * back, as_of=as_of, source=source))
