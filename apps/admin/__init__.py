"""Administration (ผู้ดูแลระบบ): the LAO's settings, structure, users, positions held and role grants."""

from apps.admin.demo_peers import seed_peers
from apps.admin.service import pending_work
from core.codes import seed_codes
from core.menu import AppSpec, MenuEntry

APP = AppSpec(
    key='admin', title='ผู้ดูแลระบบ', icon='admin_panel_settings', order=900,
    description='ตั้งค่า อปท. โครงสร้างส่วนราชการ ตำแหน่ง ผู้ใช้งาน สิทธิ์ และสำรองข้อมูล',
    entries=(
        MenuEntry('ผู้ใช้งาน', '/admin/users', 'admin.user.manage'),
        MenuEntry('การเข้าระบบและรหัสกู้คืน', '/admin/sign-in', 'admin.user.manage'),
        MenuEntry('ส่วนราชการ', '/admin/divisions', 'admin.structure.manage'),
        MenuEntry('ตำแหน่ง', '/admin/positions', 'admin.structure.manage'),
        MenuEntry('รหัสแผนงาน/งาน', '/admin/program-codes', 'admin.codes.manage'),
        MenuEntry('แหล่งเงิน', '/admin/fund-sources', 'admin.codes.manage'),
        MenuEntry('บทบาทและสิทธิ์', '/admin/roles', 'admin.role.manage'),
        MenuEntry('คำสั่งมอบอำนาจ', '/admin/delegations', 'admin.delegation.manage'),
        MenuEntry('ตั้งค่า อปท.', '/admin/settings', 'admin.org.manage'),
        MenuEntry('บันทึกการใช้งาน', '/admin/audit', 'admin.audit.read'),
        MenuEntry('สำรองและกู้คืนข้อมูล', '/admin/backup', 'admin.backup.manage'),
        MenuEntry('อปท. ในระบบ (ผู้ดูแลการติดตั้ง)', '/install', 'install.lao.manage'),
    ),
    pending=pending_work,
    seed_org=seed_codes,
    seed_demo_after=seed_peers,
    permissions={
        'admin.user.manage': 'จัดการผู้ใช้งาน การดำรงตำแหน่ง และรหัสรีเซ็ต',
        'admin.structure.manage': 'จัดการส่วนราชการและตำแหน่ง',
        'admin.role.manage': 'ให้บทบาทเพิ่มเติมแก่ผู้ใช้งาน',
        'admin.org.manage': 'ตั้งค่า อปท. (เวลาใช้งาน การล็อกบัญชี ไฟล์แนบ)',
        'admin.codes.manage': 'จัดการรหัสมาตรฐาน (แผนงาน/งาน แหล่งเงิน)',
        'admin.audit.read': 'ดูบันทึกการใช้งาน (audit log)',
        'admin.delegation.manage': 'บันทึกคำสั่งมอบอำนาจ/มอบหมายของนายก (ปฏิบัติราชการแทน)',
        'install.lao.manage': 'ผู้ดูแลระบบของการติดตั้ง: สร้าง อปท. จากทะเบียน และบัญชีผู้ตรวจสอบระดับจังหวัด',
        'install.admin.grant': 'ผู้ดูแลระบบของการติดตั้ง: ให้สิทธิ์ผู้ดูแลระบบของการติดตั้งแก่บัญชีอื่น',
        'admin.backup.manage': 'สำรองข้อมูล ดาวน์โหลดไฟล์สำรอง และตั้งค่าการสำรองข้อมูลอัตโนมัติ',
    },
)
