"""First-run set-up wizard: the LAO (checked against the DLA registry) and its first administrator."""

import secrets

from fastapi.responses import RedirectResponse
from nicegui import events, run, ui

from apps.admin.service import needs_setup, setup_lao
from core import backup
from core.errors import Refusal
from core.lao_directory import NOT_REGISTERED, SIZES, districts, lookup, provinces
from core.settings import get_settings, open_private
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
                code = ui.input('รหัส อปท. (7 หลัก)').props('outlined').classes('w-40').mark('dla-code')
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

            looked_up: dict[ui.element, object] = {}  # the fields the registry filled, and what it put there

            def on_code() -> None:
                lao = lookup(code.value or '')
                for element, value in looked_up.items():  # a code changed: what the registry filled goes with it
                    if element.value == value:
                        element.value = None if element in (lao_type, province, district) else ''
                looked_up.clear()
                if lao is None:
                    found.text = NOT_REGISTERED if (code.value or '').strip() else ''
                    found.classes(replace='text-sm pt-4 text-orange-700')
                    return
                found.text = f'พบในทะเบียน: {lao.full_name} อ.{lao.district_name}'
                found.classes(replace='text-sm pt-4 text-green-700')
                name.value = lao.full_name
                if lao.lao_type in lao_type.options:
                    lao_type.value = lao.lao_type
                province.value = lao.province_code
                on_province()
                if lao.district_name in district.options:
                    district.value = lao.district_name
                looked_up.update({name: name.value, lao_type: lao_type.value, province: province.value,
                                  district: district.value})

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
            ui.separator()
            _restore_card()


def _restore_card() -> None:
    """A new machine for an LAO that already used the program: restore its backup instead of setting up anew."""

    with ui.expansion('กู้คืนจากไฟล์สำรอง', icon='restore').classes('w-full').mark('setup-restore'):
        ui.label('สำหรับเครื่องใหม่ของ อปท. ที่เคยใช้ระบบแล้ว: เลือกไฟล์สำรอง (lao-….tar.gz) ระบบตรวจค่าตรวจสอบทุกไฟล์ '
                 'ก่อนกู้คืน แล้วตรวจความสมบูรณ์ของฐานข้อมูล จำนวนแถว และบันทึกการใช้งาน').classes('text-sm')
        result = ui.column().classes('w-full gap-1').mark('restore-report')

        async def restore(e: events.UploadEventArguments) -> None:
            result.clear()
            if not await run.io_bound(needs_setup):
                with result:
                    ui.label('ระบบนี้ตั้งค่าไปแล้ว กู้คืนผ่านหน้านี้ไม่ได้').classes('text-red-700')
                return
            folder = get_settings().data_dir
            target = folder / f'.upload-{secrets.token_hex(6)}.tar.gz'
            with open_private(target) as out:
                async for chunk in e.file.iterate():
                    out.write(chunk)
            try:
                report = await run.io_bound(backup.restore, target)
            except Refusal as refusal:
                with result:
                    ui.label(str(refusal)).classes('text-red-700').mark('restore-refused')
                return
            finally:
                target.unlink(missing_ok=True)
            with result:
                for line in report.lines():
                    ui.label(line).classes('text-sm')
                ui.label('กู้คืนเรียบร้อย' if report.ok else 'กู้คืนแล้ว แต่มีการตรวจที่ไม่ผ่าน (ดูด้านบน)').classes(
                    'font-bold ' + ('text-green-800' if report.ok else 'text-red-700')).mark(
                    'restore-ok' if report.ok else 'restore-failed')
                ui.button('ไปหน้าเข้าสู่ระบบ', on_click=lambda: ui.navigate.to('/login')).mark('restore-done')
        ui.upload(on_upload=restore, auto_upload=True).props('accept=.gz label="เลือกไฟล์สำรอง"').classes(
            'w-full').mark('restore-upload')


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
