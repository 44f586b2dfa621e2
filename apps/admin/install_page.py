"""The install's administration page (/install): the install's LAOs, a new LAO from the DLA registry with its
first administrator (the one-time password shown once), the install's administrators and cross-LAO readers."""

from nicegui import ui

from apps.admin import install
from core.access import READER_SCOPES
from core.lao_directory import SIZES
from pages.layout import Viewer, attempt, frame, page


def _show_once(title: str, account: install.NewAccount) -> None:
    """A first password is shown exactly once: the administrator hands it over; it must be changed at sign-in."""
    with ui.dialog().props('persistent') as dialog, ui.card().classes('max-w-lg').mark('one-time-password'):
        ui.label(title).classes('text-lg font-bold')
        ui.label(f'ชื่อผู้ใช้: {account.username}').classes('font-mono text-lg')
        ui.label(account.password).classes('font-mono text-2xl text-primary').mark('one-time-password-value')
        ui.label('รหัสผ่านนี้แสดงครั้งเดียว ส่งให้ผู้ใช้โดยตรง ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก').classes(
            'text-sm')
        ui.button('ส่งมอบรหัสผ่านแล้ว', on_click=lambda: ui.navigate.reload()).mark('one-time-done')
    dialog.open()


def _errors_to(fields: dict[str, ui.element], error) -> None:
    for name, element in fields.items():
        element.error = error.errors.get(name) if getattr(error, 'errors', None) else None


def register() -> None:
    @page('/install', install.MANAGE, 'อปท. ในระบบ (ผู้ดูแลระบบของการติดตั้ง)',
          load=lambda principal: (install.laos(principal), install.install_admins(principal)))
    async def install_home(viewer: Viewer, loaded) -> None:
        laos, people = loaded
        with frame(viewer, 'อปท. ในระบบ (ผู้ดูแลระบบของการติดตั้ง)'):
            ui.label('ผู้ดูแลระบบของการติดตั้งสร้าง อปท. จากทะเบียนกรมส่งเสริมการปกครองท้องถิ่น ผู้ดูแลระบบของแต่ละ อปท. '
                     'จัดการได้เฉพาะ อปท. ของตน').classes('text-sm text-slate-600')
            columns = [{'name': k, 'label': t, 'field': k, 'align': 'left'} for k, t in (
                ('dla_code', 'รหัส อปท.'), ('name', 'ชื่อ'), ('kind', 'ประเภท'), ('district', 'อำเภอ'),
                ('province', 'จังหวัด'), ('size', 'ขนาด'), ('users', 'ผู้ใช้งาน'))]
            rows = [dict(dla_code=o.dla_code, name=o.name + (' (สาธิต)' if o.is_demo else ''), kind=o.kind,
                         district=o.district, province=o.province, size=o.size, users=f'{o.users:,}') for o in laos]
            ui.table(columns=columns, rows=rows, row_key='dla_code').classes('w-full').mark('install-laos')
            _new_lao_card(viewer)
            _reader_card(viewer, {o.id: f'{o.name} (จ.{o.province})' for o in laos})
            with ui.card().classes('w-full max-w-3xl').mark('install-people'):
                ui.label('ผู้ดูแลระบบของการติดตั้งและผู้ตรวจสอบ').classes('font-bold')
                for _, username, name, what in people:
                    ui.label(f'{name} [{username}] — {what}').classes('text-sm').mark('install-person')
                with ui.row().classes('items-end gap-2'):
                    who = ui.input('ชื่อผู้ใช้ที่จะให้เป็นผู้ดูแลระบบของการติดตั้ง').props('outlined dense').classes(
                        'w-80').mark('grant-username')

                    async def grant() -> None:
                        done, _ = await attempt(viewer, lambda actor: install.set_install_admin(
                            actor, who.value or '', True))
                        if done:
                            ui.navigate.reload()
                    ui.button('ให้สิทธิ์', on_click=grant).props('outline').mark('grant-install-admin')


def _new_lao_card(viewer: Viewer) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('new-lao'):
        ui.label('เพิ่ม อปท. จากทะเบียน').classes('font-bold')
        with ui.row().classes('items-end gap-2'):
            query = ui.input('ค้นหาด้วยรหัส อปท. หรือชื่อ').props('outlined dense debounce=400').classes(
                'w-80').mark('registry-search')
        found = ui.select({}, label='อปท. ในทะเบียน').props('outlined dense').classes('w-full').mark('registry-pick')

        async def search() -> None:
            done, result = await attempt(viewer, lambda actor: install.search_registry(actor, query.value or ''))
            if done:
                found.set_options({lao.dla_code: f'{lao.dla_code} {lao.full_name} อ.{lao.district_name}'
                                   + (' (มีในระบบแล้ว)' if have else '') for lao, have in result})
        query.on_value_change(search)
        fields = {
            'dla_code': found,
            'size': ui.select(SIZES, label='ขนาด', value='small').props('outlined dense').classes('w-40').mark(
                'new-lao-size'),
            'admin_full_name': ui.input('ชื่อ-สกุลผู้ดูแลระบบคนแรกของ อปท.').props('outlined dense').classes(
                'w-full').mark('new-lao-admin-name'),
            'admin_username': ui.input('ชื่อผู้ใช้ (อักษรอังกฤษตัวเล็ก)').props('outlined dense').classes(
                'w-80').mark('new-lao-admin-username'),
        }

        async def create() -> None:
            button.disable()
            try:
                done, account = await attempt(viewer, lambda actor: install.create_lao(
                    actor, dla_code=found.value or '', size=fields['size'].value or '',
                    admin_full_name=fields['admin_full_name'].value or '',
                    admin_username=fields['admin_username'].value or ''))
            finally:
                button.enable()
            if done:
                _show_once('สร้าง อปท. แล้ว: รหัสผ่านแรกของผู้ดูแลระบบ', account)
        button = ui.button('สร้าง อปท.', icon='add', on_click=create).mark('new-lao-submit')


def _reader_card(viewer: Viewer, orgs: dict[int, str]) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('new-reader'):
        ui.label('บัญชีผู้ตรวจสอบระดับจังหวัด (อ่านอย่างเดียว)').classes('font-bold')
        ui.label('อ่านข้อมูลและเปรียบเทียบ อปท. ได้ แต่บันทึกหรือแก้ไขข้อมูลใดไม่ได้').classes('text-sm text-slate-600')
        home = ui.select(orgs, label='อปท. ต้นสังกัดของบัญชี (กำหนดจังหวัด)', value=next(iter(orgs), None)).props(
            'outlined dense').classes('w-full').mark('reader-org')
        reach = ui.select(READER_SCOPES, label='ขอบเขตการอ่าน', value='province').props('outlined dense').classes(
            'w-80').mark('reader-reach')
        name = ui.input('ชื่อ-สกุล').props('outlined dense').classes('w-full').mark('reader-name')
        username = ui.input('ชื่อผู้ใช้').props('outlined dense').classes('w-80').mark('reader-username')

        async def create() -> None:
            done, account = await attempt(viewer, lambda actor: install.create_reader(
                actor, org_id=home.value or 0, reach=reach.value or '', full_name=name.value or '',
                username=username.value or ''))
            if done:
                _show_once('สร้างบัญชีผู้ตรวจสอบแล้ว: รหัสผ่านแรก', account)
        ui.button('สร้างบัญชีผู้ตรวจสอบ', icon='visibility', on_click=create).props('outline').mark(
            'new-reader-submit')
