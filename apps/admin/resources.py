"""Administration registers: users, divisions (ส่วนราชการ) and positions (ตำแหน่ง)."""

from apps.admin.service import new_user
from core.resource import FormField, Link, Ref, Resource, Shared
from core.structure import DIVISION_KINDS, POSITION_TYPES
from models.codes import FundSource, ProgramCode
from models.org import Division, Position, User


class UserRules(Shared):
    create = staticmethod(new_user)  # checks the username and password, hashes it, assigns the first position


USERS = Resource(
    app='admin', key='users', model=User, title='ผู้ใช้งาน', title_plural='ผู้ใช้งาน', label='full_name',
    fields=[
        FormField('username', 'ชื่อผู้ใช้', required=True, readonly_on_edit=True, help='อักษรอังกฤษตัวเล็ก ตัวเลข . _ -'),
        FormField('full_name', 'ชื่อ-สกุล', required=True),
        FormField('email', 'อีเมล'),
        FormField('phone', 'โทรศัพท์'),
        FormField('position_id', 'ตำแหน่ง', 'ref', ref=Ref(Position, 'title'), on_create_only=True),
        FormField('password', 'รหัสผ่านเริ่มต้น', 'password', required=True, on_create_only=True,
                  help='ผู้ใช้ต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก'),
        FormField('confirm', 'ยืนยันรหัสผ่าน', 'password', required=True, on_create_only=True),
    ],
    columns=['full_name', 'username', 'email', 'phone'], search=['full_name', 'username'], sort='full_name',
    view='admin.user.manage', edit='admin.user.manage', rules=UserRules(), importable=False,
    help='บัญชีผู้ใช้งาน ตำแหน่งที่ดำรง (หลายตำแหน่งได้) บทบาทเพิ่มเติม และรหัสรีเซ็ตรหัสผ่าน',
)

DIVISIONS = Resource(
    app='admin', key='divisions', model=Division, title='ส่วนราชการ', title_plural='ส่วนราชการ',
    fields=[
        FormField('code', 'รหัส', required=True, help='อักษรย่อภาษาอังกฤษ เช่น FIN'),
        FormField('name', 'ชื่อส่วนราชการ', required=True),
        FormField('kind', 'ประเภท', 'select', required=True, choices=DIVISION_KINDS),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['sort_order', 'code', 'name', 'kind', 'is_active'], search=['name', 'code'], filters=['kind'],
    sort='sort_order', unique=[('code',), ('name',)], rules=Shared(),
    view='admin.structure.manage', edit='admin.structure.manage',
    links=[Link('admin/positions', 'division_id')],
    help='ส่วนราชการสร้างจากแม่แบบตามประเภทและขนาดของ อปท. ปรับเพิ่ม/แก้ไขได้ (ยกเลิกใช้แทนการลบ)',
)

POSITIONS = Resource(
    app='admin', key='positions', model=Position, title='ตำแหน่ง', title_plural='ตำแหน่ง', label='title',
    fields=[
        FormField('code', 'รหัสตำแหน่ง', required=True),
        FormField('title', 'ชื่อตำแหน่ง', required=True),
        FormField('short_title', 'ชื่อย่อ'),
        FormField('division_id', 'ส่วนราชการ', 'ref', required=True, ref=Ref(Division)),
        FormField('position_type', 'ประเภทตำแหน่ง', 'select', required=True, choices=POSITION_TYPES),
        FormField('level', 'ระดับ'),
        FormField('is_head', 'หัวหน้าส่วนราชการ', 'bool'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'title', 'division_id', 'position_type', 'level', 'is_active'],
    search=['title', 'code', 'short_title'], filters=['division_id', 'position_type'], sort='sort_order',
    unique=[('code',)], view='admin.structure.manage', edit='admin.structure.manage', rules=Shared(),
    help='ตำแหน่ง (อัตรา) ของ อปท. บทบาทของตำแหน่งกำหนดเมนูและสิทธิ์ของผู้ดำรงตำแหน่ง',
)

PROGRAM_LEVELS = {'area': 'ด้าน', 'program': 'แผนงาน', 'work': 'งาน'}

PROGRAM_CODES = Resource(
    app='admin', key='program-codes', model=ProgramCode, title='รหัสด้าน/แผนงาน/งาน',
    title_plural='รหัสด้าน แผนงาน และงาน',
    fields=[
        FormField('code', 'รหัส', required=True, help='ตัวเลข 5 หลัก เช่น 00111'),
        FormField('name', 'ชื่อ', required=True),
        FormField('level', 'ระดับ', 'select', required=True, choices=PROGRAM_LEVELS),
        FormField('parent_code', 'รหัสระดับบน', help='งาน → รหัสแผนงาน; แผนงาน → รหัสด้าน'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'name', 'level', 'parent_code', 'is_active'], search=['code', 'name'], filters=['level'],
    sort='code', unique=[('code',)], view='admin.codes.manage', edit='admin.codes.manage', rules=Shared(),
    help='รหัสจำแนกตามแผนงาน ใช้ร่วมกันทั้งแผนพัฒนาท้องถิ่น (e-Plan) และงบประมาณรายจ่าย (e-LAAS)',
)

FUND_SOURCES = Resource(
    app='admin', key='fund-sources', model=FundSource, title='แหล่งเงิน', title_plural='แหล่งเงิน',
    fields=[
        FormField('code', 'รหัส', required=True),
        FormField('name', 'ชื่อแหล่งเงิน', required=True),
        FormField('in_budget', 'เป็นเงินตามข้อบัญญัติงบประมาณ', 'bool'),
        FormField('sort_order', 'ลำดับการแสดง', 'int', min=0, default='0'),
        FormField('is_active', 'ใช้งานอยู่', 'bool', default=True),
    ],
    columns=['code', 'name', 'in_budget', 'is_active'], search=['code', 'name'], sort='sort_order',
    unique=[('code',), ('name',)], view='admin.codes.manage', edit='admin.codes.manage', rules=Shared(),
    help='แหล่งเงินของโครงการ งบประมาณ ฎีกา และใบเสร็จ (เงินงบประมาณ เงินสะสม เงินอุดหนุนเฉพาะกิจ …)',
)
