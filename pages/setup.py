"""First-run set-up wizard: the LAO (checked against the DLA registry) and its first administrator."""

from fastapi.responses import RedirectResponse
from nicegui import run, ui

from apps.admin.service import needs_setup, setup_lao
from core.registry import SIZES, districts, provinces, registry
from core.structure import SetupError, supported_types
from pages.layout import public_card


def register() -> None:
    @ui.page('/setup', title='ตั้งค่าระบบครั้งแรก')
    async def setup_page():
        if not await run.io_bound(needs_setup):
            return RedirectResponse('/login')
        card = public_card('ตั้งค่าระบบครั้งแรก')
        card.classes(replace='w-full max-w-2xl p-6')
        with card:
            ui.label('1. ข้อมูล อปท. — กรอกรหัส อปท. 7 หลักของกรมส่งเสริมการปกครองท้องถิ่น '
                     'ระบบจะเติมชื่อ ประเภท จังหวัด อำเภอ ให้จากทะเบียน อปท.').classes('text-sm text-gray-600')
            with ui.row().classes('w-full items-start gap-2'):
                code = ui.input('รหัส อปท. (7 หลัก)').props('outlined maxlength=7').classes('w-40').mark('dla-code')
                found = ui.label('').classes('text-sm text-green-700 pt-4').mark('dla-found')
            name = ui.input('ชื่อ อปท. (ชื่อเต็ม)').props('outlined').classes('w-full').mark('org-name-input')
            with ui.row().classes('w-full gap-2'):
                lao_type = ui.select(supported_types(), label='ประเภท').props('outlined').classes('w-56').mark(
                    'lao-type')
                size = ui.select(SIZES, label='ขนาด', value='medium').props('outlined').classes('w-40').mark('size')
            with ui.row().classes('w-full gap-2'):
                province = ui.select(provinces(), label='จังหวัด', with_input=True).props('outlined').classes(
                    'w-56').mark('province')
                district = ui.select([], label='อำเภอ', with_input=True).props('outlined').classes('w-56').mark(
                    'district')
            prefix = ui.input('รหัสตัวอักษรและเลขประจำส่วนราชการ (เช่น นม 82401)').props('outlined').classes(
                'w-full').mark('letter-prefix')
            ui.separator()
            ui.label('2. ผู้ดูแลระบบคนแรก').classes('text-sm text-gray-600')
            admin_name = ui.input('ชื่อ-สกุล').props('outlined').classes('w-full').mark('admin-name')
            admin_user = ui.input('ชื่อผู้ใช้ (อักษรอังกฤษตัวเล็ก)').props('outlined').classes('w-full').mark(
                'admin-username')
            admin_pw = ui.input('รหัสผ่าน (อย่างน้อย 8 ตัวอักษร)', password=True).props('outlined').classes(
                'w-full').mark('admin-password')
            admin_pw2 = ui.input('ยืนยันรหัสผ่าน', password=True).props('outlined').classes('w-full').mark(
                'admin-confirm')
            error = ui.label('').classes('text-red-700').mark('setup-error')

            def on_province() -> None:
                district.set_options(districts(province.value) if province.value else [])

            def on_code() -> None:
                lao = registry().get((code.value or '').strip())
                if lao is None:
                    found.text = ''
                    return
                found.text = f'พบในทะเบียน: {lao.full_name} อ.{lao.district_name}'
                name.value = lao.full_name
                if lao.lao_type in lao_type.options:
                    lao_type.value = lao.lao_type
                province.value = lao.province_code
                on_province()
                if lao.district_name in district.options:
                    district.value = lao.district_name

            province.on_value_change(on_province)
            code.on_value_change(on_code)

            async def submit() -> None:
                try:
                    result = await run.io_bound(lambda: setup_lao(
                        name=name.value or '', dla_code=code.value or '', lao_type=lao_type.value or '',
                        size=size.value or '', province_code=province.value or '', district_name=district.value or '',
                        letter_prefix=prefix.value or '', admin_full_name=admin_name.value or '',
                        admin_username=admin_user.value or '', admin_password=admin_pw.value or '',
                        admin_confirm=admin_pw2.value or ''))
                except SetupError as e:
                    error.text = str(e)
                    return
                show_codes(result.username, result.recovery_codes)

            ui.button('สร้างระบบของ อปท.', icon='check', on_click=submit).classes('w-full').mark('setup-submit')


def show_codes(username: str, codes: list[str], then: str = '/login') -> None:
    """Recovery codes are shown exactly once; the user is asked to print or write them down."""
    with ui.dialog().props('persistent') as dialog, ui.card().classes('max-w-lg').mark('recovery-codes'):
        ui.label('รหัสกู้คืนรหัสผ่าน (แสดงครั้งเดียว)').classes('text-lg font-bold')
        ui.label(f'บัญชี {username}: เก็บรหัสเหล่านี้ไว้ในที่ปลอดภัย ใช้ตั้งรหัสผ่านใหม่ได้เองเมื่อลืม '
                 'โดยไม่ต้องใช้อินเทอร์เน็ต แต่ละรหัสใช้ได้ครั้งเดียว').classes('text-sm')
        with ui.grid(columns=2).classes('font-mono text-lg gap-x-8 my-2'):
            for c in codes:
                ui.label(c).mark('recovery-code')
        with ui.row():
            ui.button('พิมพ์', icon='print', on_click=lambda: ui.run_javascript('window.print()')).props('outline')
            ui.button('บันทึกรหัสไว้แล้ว', on_click=lambda: ui.navigate.to(then)).mark(
                'codes-done')
    dialog.open()
