"""Info reports, declared once for screen, Excel and PDF: the basic data by year and the villages' population."""

from apps.info import figures
from core.report import Param, Report
from core.thai import fiscal_year, today

YEARS = Param('years', 'จำนวนปี', 'int', default=3)
FY = Param('fy', 'ปีงบประมาณ', 'int', default=lambda actor: fiscal_year(today()) - 1)  # the last year counted (30 ก.ย.)
SIGNERS = (('ผู้จัดทำ', 'PLANNER'), ('ผู้ตรวจสอบ', 'HEAD_PALAD'), ('ผู้รับรอง', 'CHIEF'))

Report('info', 'by-year', 'ข้อมูลพื้นฐานของ อปท. รายปี',
       lambda actor, years: (figures.by_year(actor, max(1, min(int(years), 10))), f'ย้อนหลัง {years} ปี'),
       figures.VIEW, help='ประชากร ครัวเรือน โครงสร้างพื้นฐาน สังคม ป้องกันภัย และสิ่งแวดล้อม พร้อมแหล่งข้อมูลและวันที่',
       params=(YEARS,), landscape=True, signers=SIGNERS)
Report('info', 'village-population', 'ประชากรและครัวเรือนรายหมู่บ้าน',
       lambda actor, fy: (figures.villages_by_year(actor, fy), f'ปีงบประมาณ {fy}'), figures.VIEW,
       help='ประชากรชาย หญิง รวม ครัวเรือน และการเปลี่ยนแปลงจากปีก่อน รายหมู่บ้าน', params=(FY,), landscape=True,
       signers=SIGNERS)
from apps.info import benchmark  # noqa: E402,F401  (the benchmarking report, declared with the others)
