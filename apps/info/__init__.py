"""Info (ข้อมูลพื้นฐาน): the LAO's basic data — villages first; population, infrastructure and revenue later."""

from apps.info.service import seed_demo
from core.menu import AppSpec, MenuEntry

APP = AppSpec(
    key='info', title='ข้อมูลพื้นฐาน', icon='location_city', order=10,
    description='หมู่บ้าน ประชากร ครัวเรือน และข้อมูลพื้นฐานของ อปท.',
    entries=(
        MenuEntry('กระดานผู้บริหาร', '/info/board', 'info.board.view'),
        MenuEntry('หมู่บ้าน', '/info/villages', 'info.village.view'),
    ),
    permissions={
        'info.board.view': 'ดูกระดานผู้บริหาร (งบประมาณ โครงการ จัดซื้อจัดจ้าง หนังสือเกินกำหนด ผู้ลา)',
        'info.village.view': 'ดูทะเบียนหมู่บ้าน',
        'info.village.edit': 'เพิ่ม/แก้ไขทะเบียนหมู่บ้าน',
    },
    seed_demo=seed_demo,
)
