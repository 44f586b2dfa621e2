"""Administration registers: users, divisions (ส่วนราชการ) and positions (ตำแหน่ง)."""

from typing import Any

from sqlmodel import SQLModel

from apps.admin.service import new_user
from core.access import Principal, delegable
from core.resource import FormField, Link, Ref, Resource, Shared
from core.structure import DIVISION_KINDS, POSITION_TYPES
from models.codes import FundSource, ProgramCode
from models.org import DelegationOrder, Division, Position, User


class UserRules(Shared):
    create = staticmethod(new_user)  # checks the username and password, hashes it, assigns the first position


USERS = Resource(
    app='admin', key='users', model=User, title='ผู้ใช้งาน', title_plural='ผู้ใช้งาน', label='full_name',
    natural_key=('username',),
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
    natural_key=('code',),
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
    natural_key=('code',),
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
    natural_key=('code',),
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
    natural_key=('code',),
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


class DelegationRules(Shared):
    """An order runs from a day not before it was signed to a day not before it starts; only an approval kind
    carries an amount, and then a positive one. Orders are not deleted: an order withdrawn is marked revoked."""

    def validate(self, actor: Principal, values: dict[str, Any], record: SQLModel | None) -> dict[str, str]:
        errors = {}
        permission, limit = values.get('permission'), values.get('limit_amount')
        issued, start, end = values.get('order_date'), values.get('valid_from'), values.get('valid_to')
        if permission and permission not in delegable():
            errors['permission'] = 'อำนาจที่มอบ: กรุณาเลือกจากรายการ'
        if issued and start and start < issued:
            errors['valid_from'] = 'มีผลตั้งแต่: ต้องไม่ก่อนวันที่ลงนามในคำสั่ง'
        if start and end and end < start:
            errors['valid_to'] = 'สิ้นสุดวันที่: ต้องไม่ก่อนวันที่มีผล'
        if limit is not None and permission in delegable() and not delegable()[permission][1]:
            errors['limit_amount'] = 'วงเงิน: อำนาจนี้ไม่มีวงเงิน เว้นว่างไว้'
        elif limit is not None and limit <= 0:
            errors['limit_amount'] = 'วงเงิน: ต้องมากกว่าศูนย์ (เว้นว่างเมื่อไม่จำกัดวงเงิน)'
        return errors


def _delegable_choices(actor: Principal) -> dict[str, str]:
    return {permission: title for permission, (title, _) in delegable().items()}


DELEGATIONS = Resource(
    app='admin', key='delegations', model=DelegationOrder, title='คำสั่งมอบอำนาจ',
    natural_key=('number', 'position_id', 'permission', 'division_id'),
    title_plural='คำสั่งมอบอำนาจ/มอบหมาย', label='number',
    fields=[
        FormField('number', 'เลขที่คำสั่ง', required=True, max_length=40, help='เช่น 245/2567'),
        FormField('order_date', 'ลงวันที่', 'date', required=True),
        FormField('position_id', 'ตำแหน่งผู้รับมอบ', 'ref', required=True, ref=Ref(Position, 'title'),
                  help='ผู้ดำรงตำแหน่งนี้ (รวมผู้รักษาราชการแทน) ปฏิบัติราชการแทนตามคำสั่ง'),
        FormField('permission', 'อำนาจที่มอบ', 'select', required=True, choices=_delegable_choices),
        FormField('division_id', 'เฉพาะเรื่องของส่วนราชการ', 'ref', ref=Ref(Division),
                  help='เว้นว่าง: ทั้งองค์กร; คำสั่งที่มอบหลายกองให้บันทึกหนึ่งรายการต่อหนึ่งกอง (เลขที่คำสั่งเดียวกัน)'),
        FormField('limit_amount', 'วงเงินไม่เกิน (บาท)', 'money', help='เว้นว่าง: ไม่จำกัดวงเงิน'),
        FormField('valid_from', 'มีผลตั้งแต่', 'date', required=True),
        FormField('valid_to', 'สิ้นสุดวันที่', 'date', help='เว้นว่าง: จนกว่าจะยกเลิก'),
        FormField('note', 'สาระของคำสั่ง', 'textarea', max_length=500),
        FormField('revoked', 'ยกเลิกคำสั่งแล้ว', 'bool'),
    ],
    columns=['number', 'order_date', 'position_id', 'permission', 'division_id', 'limit_amount', 'valid_from',
             'valid_to', 'revoked'],
    search=['number', 'note'], filters=['position_id', 'permission'], sort='valid_from', sort_descending=True,
    unique=[('number', 'position_id', 'permission', 'division_id')], view='admin.delegation.manage',
    edit='admin.delegation.manage',
    rules=DelegationRules(), attachments=True, pdf=True,
    help='คำสั่งนายกมอบอำนาจ/มอบหมายให้ปลัด รองปลัด หรือรองนายก ปฏิบัติราชการแทน ระบบให้สิทธิ์ตามคำสั่งเฉพาะวันที่คำสั่งมีผล '
         'และบันทึกเลขที่คำสั่งไว้กับการอนุมัติ',
)
