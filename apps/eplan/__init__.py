"""e-Plan (แผนพัฒนาท้องถิ่น): the five-year local development plan, its editions and approval, the annual action
plan, monitoring and evaluation, and the standard forms ผ.01/ผ.02/ผ.03."""

from apps.eplan.demo import seed_demo
from apps.eplan.resources import EDITIONS
from core.menu import AppSpec, MenuEntry, PendingWork
from core.resource import pending


def pending_work(principal) -> list[PendingWork]:
    return [PendingWork('แผนพัฒนาท้องถิ่นรอพิจารณา/อนุมัติ', pending(EDITIONS, principal), EDITIONS.path)]


APP = AppSpec(
    key='eplan', title='แผนพัฒนาท้องถิ่น', icon='event_note', order=20,
    description='แผนพัฒนาท้องถิ่น 5 ปี ฉบับแก้ไข/เพิ่มเติม โครงการ ผ.02 แผนการดำเนินงาน และการติดตามประเมินผล',
    entries=(
        MenuEntry('ภาพรวมแผน', '/eplan', 'eplan.plan.view', icon='dashboard'),
        MenuEntry('ฉบับของแผน', '/eplan/editions', 'eplan.plan.view'),
        MenuEntry('โครงการ (ผ.02)', '/eplan/projects', 'eplan.plan.view'),
        MenuEntry('ครุภัณฑ์ (ผ.03)', '/eplan/equipment', 'eplan.plan.view'),
        MenuEntry('แผนการดำเนินงาน', '/eplan/action-plan', 'eplan.plan.view'),
        MenuEntry('ความก้าวหน้าโครงการ', '/eplan/progress', 'eplan.plan.view'),
        MenuEntry('รายงาน ผ.01/ผ.02/ผ.03', '/eplan/reports', 'eplan.plan.view', icon='summarize'),
        MenuEntry('นำเข้าแผนจาก Excel', '/eplan/import', 'eplan.project.edit', icon='upload'),
        MenuEntry('ยุทธศาสตร์/กลยุทธ์', '/eplan/nodes', 'eplan.plan.view'),
        MenuEntry('รอบแผน', '/eplan/cycles', 'eplan.plan.view'),
    ),
    permissions={
        'eplan.plan.view': 'ดูแผนพัฒนาท้องถิ่น โครงการ และรายงาน',
        'eplan.plan.edit': 'จัดทำแผน: รอบแผน ยุทธศาสตร์ ฉบับแก้ไข/เพิ่มเติม แผนการดำเนินงาน',
        'eplan.project.edit': 'เพิ่ม/แก้ไขโครงการและครุภัณฑ์ในฉบับร่าง',
        'eplan.plan.review': 'พิจารณาแผน (คณะกรรมการ/ปลัด)',
        'eplan.plan.approve': 'อนุมัติและประกาศใช้แผน (นายก)',
        'eplan.progress.edit': 'รายงานความก้าวหน้าโครงการ',
    },
    pending=pending_work,
    seed_demo=seed_demo,
)
