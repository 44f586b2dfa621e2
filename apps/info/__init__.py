"""Info (ข้อมูลพื้นฐาน): the LAO's basic data (villages), the executive board and the reporting calendar."""

from apps.info import g2g
from apps.info.deadlines import notices
from apps.info.service import seed_demo
from core.menu import AppSpec, MenuEntry

APP = AppSpec(
    key='info', title='ข้อมูลพื้นฐาน', icon='location_city', order=10,
    description='หมู่บ้าน ประชากร ครัวเรือน และข้อมูลพื้นฐานของ อปท.',
    entries=(
        MenuEntry('กระดานผู้บริหาร', '/info/board', 'info.board.view'),
        MenuEntry('เปรียบเทียบ อปท.', '/info/benchmark', 'info.benchmark.view'),
        MenuEntry('ปฏิทินการรายงาน', '/info/calendar', 'info.calendar.view'),
        MenuEntry('การรายงานตามกำหนด', '/info/filings', 'info.calendar.view'),
        MenuEntry('กำหนดการรายงานที่ อปท. ปรับเอง', '/info/deadline-overrides', 'info.calendar.view'),
        MenuEntry('ประเมินตนเอง LPA', '/info/lpa', 'info.lpa.view'),
        MenuEntry('คะแนนประเมินตนเอง LPA', '/info/lpa-scores', 'info.lpa.view'),
        MenuEntry('หมู่บ้าน', '/info/villages', 'info.village.view'),
        MenuEntry('ข้อมูลพื้นฐานรายปี', '/info/figures', 'info.village.view'),
        MenuEntry('รายงานข้อมูลพื้นฐาน', '/info/reports', 'info.village.view'),
        MenuEntry('ส่งออกชุดข้อมูล G2G', '/info/g2g', 'info.g2g.export'),
        MenuEntry('ชุดข้อมูล G2G ที่นำเข้า', '/info/g2g/imported', 'info.g2g.import'),
        MenuEntry('เว็บไซต์สาธารณะ (ITA/OIT)', '/info/public-site', 'info.public.manage'),
    ),
    permissions={
        'info.board.view': 'ดูกระดานผู้บริหาร (งบประมาณ โครงการ จัดซื้อจัดจ้าง หนังสือเกินกำหนด ผู้ลา)',
        'info.benchmark.view': 'เปรียบเทียบตัวชี้วัดของ อปท. ที่อ่านได้ (งบประมาณ รายได้ การเบิกจ่าย ค่าต่อหัว) และจัดอันดับ',
        'info.calendar.view': 'ดูปฏิทินการรายงานและสถานะการรายงานของ อปท.',
        'info.calendar.report': 'บันทึกการรายงานตามกำหนดพร้อมหลักฐาน',
        'info.calendar.edit': 'ปรับกำหนดการรายงานของ อปท. (ตำแหน่งผู้รับผิดชอบ วันที่ครบกำหนด)',
        'info.lpa.view': 'ดูผลการประเมินตนเองตามหลักเกณฑ์ LPA',
        'info.lpa.edit': 'บันทึกคะแนนประเมินตนเอง LPA พร้อมหลักฐาน',
        'info.village.view': 'ดูทะเบียนหมู่บ้าน',
        'info.village.edit': 'เพิ่ม/แก้ไขทะเบียนหมู่บ้าน',
        'info.public.manage': 'เปิด/ปิดและตั้งค่าเว็บไซต์สาธารณะของ อปท. (/public: ข้อมูล OIT ช่องทางติดต่อ แผนที่)',
        'info.data.edit': 'บันทึก/นำเข้าข้อมูลพื้นฐานรายปี (ประชากร ครัวเรือน โครงสร้างพื้นฐาน ฯลฯ)',
        'info.g2g.export': 'ส่งออกชุดข้อมูล G2G ของ อปท. (แผน งบประมาณ จัดซื้อจัดจ้าง ข้อมูลพื้นฐาน) ให้หน่วยงานกำกับดูแล',
        'info.g2g.import': 'นำเข้าชุดข้อมูล G2G ของ อปท. อื่นเพื่อเปรียบเทียบ',
    },
    notices=notices,
    seed_demo=seed_demo,
    seed_demo_after=g2g.seed_demo_after,
)
