"""Local HR (บริหารงานบุคคล): the personnel register, leave with an append-only ledger and its approval route from
the structure, the public-holiday calendar, the 1 October rollover, and who is away today."""

from apps.hr.demo import seed as seed_demo
from apps.hr.leave import APPROVE, MANAGE, REQUEST
from apps.hr.rules import seed_holidays
from core.menu import AppSpec, MenuEntry, Notice, PendingWork


def pending_work(principal) -> list[PendingWork]:
    from apps.hr.resources import LEAVE_REQUESTS
    from core import resource as kit
    return [PendingWork('ใบลารอท่านพิจารณา', kit.pending(LEAVE_REQUESTS, principal), '/hr/leave-requests')]


def away_today(principal) -> list[Notice]:
    """Who is on approved leave today (the whole LAO: staff plan their day around it)."""
    from apps.hr import leave
    if not principal.can(REQUEST):
        return []
    away = leave.away_on(principal)
    lines = tuple(f'{name} · {title} ถึง {leave.format_date(r.end_date)}' for name, _, title, r in away)
    return [Notice(f'ผู้ลาวันนี้ {len(away):,} คน', lines, '/hr/calendar', 'away-today')]


APP = AppSpec(
    key='hr', title='บริหารงานบุคคล', icon='badge', order=50,
    description='ทะเบียนประวัติ การลา ปฏิทินวันหยุด การฝึกอบรม ทำเนียบ อัตรากำลัง และผู้ลาวันนี้',
    entries=(
        MenuEntry('การลาของฉัน', '/hr/my-leave', REQUEST),
        MenuEntry('ใบลา', '/hr/leave-requests', REQUEST),
        MenuEntry('ปฏิทินการลา', '/hr/calendar', REQUEST),
        MenuEntry('ทะเบียนประวัติ', '/hr/persons', 'hr.person.view'),
        MenuEntry('ทำเนียบบุคลากร', '/hr/directory', 'hr.person.view'),
        MenuEntry('ประวัติการฝึกอบรม', '/hr/trainings', 'hr.person.view'),
        MenuEntry('ประวัติการศึกษา', '/hr/education', 'hr.person.view'),
        MenuEntry('เครื่องราชอิสริยาภรณ์', '/hr/decorations', 'hr.person.view'),
        MenuEntry('ประวัติเงินเดือน', '/hr/salaries', 'hr.person.edit'),
        MenuEntry('ประวัติทางวินัย', '/hr/discipline', 'hr.person.edit'),
        MenuEntry('วันหยุดราชการ', '/hr/holidays', REQUEST),
        MenuEntry('ปรับปรุงบัญชีวันลา', '/hr/adjustments', MANAGE),
        MenuEntry('ยกยอดวันลา 1 ตุลาคม', '/hr/rollover', MANAGE),
        MenuEntry('รายงาน', '/hr/reports', 'hr.report.view'),
    ),
    permissions={
        'hr.person.view': 'ดูทะเบียนประวัติ (ตามขอบเขตของบทบาท)',
        'hr.person.edit': 'เพิ่ม/แก้ไขทะเบียนประวัติและประวัติเงินเดือน',
        REQUEST: 'ยื่น ถอน และยกเลิกใบลาของตนเอง',
        APPROVE: 'พิจารณาใบลา (ตามตำแหน่งในโครงสร้างหรือคำสั่งมอบอำนาจ)',
        MANAGE: 'ปรับปรุงบัญชีวันลา ยกยอดวันลา ปฏิทินวันหยุด และยื่นใบลาแทนบุคลากร',
        'hr.report.view': 'ดูรายงานงานบุคคล (อัตรากำลัง ตำแหน่งว่าง บุคลากร สรุปวันลา)',
        'hr.manpower.edit': 'จัดทำแผนอัตรากำลัง',
        'hr.training.edit': 'บันทึกประวัติการฝึกอบรม',
        # no role grants it (no role reads across LAOs yet): the install's administrator grants it
        # (apps/hr/directory.py)
        'hr.palad.across': 'ดูทำเนียบปลัดของทุก อปท. ในระบบ (ข้ามองค์กร อ่านอย่างเดียว)',
    },
    pending=pending_work,
    notices=away_today,
    seed_org=seed_holidays,
    seed_demo=seed_demo,
)
