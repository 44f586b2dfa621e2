"""e-Office (สารบรรณอิเล็กทรอนิกส์): incoming and outgoing registers, memos, orders and announcements, routing
(เกษียนหนังสือ), secrecy, Thai search, links to any record, and the citizen e-service at /e-service."""

from apps.eoffice.demo import seed as seed_demo
from apps.eoffice.registers import REGISTER, VIEW
from apps.eoffice.routing import pending_counts
from core.menu import AppSpec, MenuEntry, PendingWork


def pending_work(principal) -> list[PendingWork]:
    held, citizens, to_sign = pending_counts(principal)
    return [PendingWork('หนังสือรอท่านลงนาม', to_sign, '/eoffice/inbox'),
            PendingWork('หนังสือรอท่านดำเนินการ', held, '/eoffice/inbox'),
            PendingWork('คำร้องจากประชาชนรอลงรับ', citizens, '/eoffice/inbox')]


APP = AppSpec(
    key='eoffice', title='สารบรรณอิเล็กทรอนิกส์', icon='mail', order=40,
    description='หนังสือรับ-ส่ง บันทึกข้อความ คำสั่ง ประกาศ หนังสือรับรอง รายงานการประชุม การลงนาม เกษียนหนังสือ '
                'และคำร้องจากประชาชน',
    entries=(
        MenuEntry('งานรอดำเนินการ', '/eoffice/inbox', VIEW),
        MenuEntry('ทะเบียนหนังสือรับ', '/eoffice/incoming', VIEW),
        MenuEntry('ทะเบียนหนังสือส่ง', '/eoffice/outgoing', VIEW),
        MenuEntry('บันทึกข้อความ', '/eoffice/memo', VIEW),
        MenuEntry('คำสั่ง', '/eoffice/order', VIEW),
        MenuEntry('ประกาศ', '/eoffice/announcement', VIEW),
        MenuEntry('หนังสือรับรอง/รายงานการประชุม', '/eoffice/evidence', VIEW),
        MenuEntry('ค้นหาหนังสือ', '/eoffice/documents', VIEW),
        MenuEntry('หนังสือเกินกำหนด', '/eoffice/overdue', VIEW),
        MenuEntry('จองเลข / เลขที่ยกเลิก', '/eoffice/numbers', REGISTER),
    ),
    permissions={
        VIEW: 'ดูหนังสือ (ตามขอบเขตของบทบาท และหนังสือที่ส่งถึงตน)',
        REGISTER: 'ลงทะเบียนรับ-ส่ง ออกเลข จองเลข และยกเลิกเลขหนังสือ',
        'eoffice.doc.order': 'เกษียนสั่งการหนังสือ',
        'eoffice.doc.assign': 'มอบหมายหนังสือภายในส่วนราชการ',
        'eoffice.doc.secret': 'ดูหนังสือลับทุกฉบับ (ผู้มีสิทธิ์ชั้นความลับ)',
    },
    pending=pending_work,
    seed_demo=seed_demo,
)
