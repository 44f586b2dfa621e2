"""Administration pages: users and the positions they hold, extra roles, roles, LAO settings, audit log."""

from nicegui import run, ui

from apps.admin import service
from apps.admin.resources import DIVISIONS, POSITIONS
from core import auth
from core.access import SCOPE_TITLES, PermissionDenied, parse_permissions
from core.menu import permission_catalogue
from core.resource_ui import register_resource
from core.thai import format_datetime
from pages.layout import Viewer, frame, page


async def attempt(action, *args, success: str = '', **kwargs) -> bool:
    """Run a service call off the event loop; show its Thai refusal instead of failing."""
    try:
        await run.io_bound(action, *args, **kwargs)
    except (service.AdminError, service.SetupError, auth.AuthError, PermissionDenied) as error:
        ui.notify(str(error), type='negative', multi_line=True, classes='multi-line-notification')
        return False
    if success:
        ui.notify(success, type='positive')
    return True


def register() -> None:
    register_resource(DIVISIONS)
    register_resource(POSITIONS)

    @page('/admin', 'admin.user.manage', 'ผู้ดูแลระบบ')
    @page('/admin/users', 'admin.user.manage', 'ผู้ใช้งาน')
    async def users(viewer: Viewer):
        rows = await run.io_bound(service.list_users, viewer.principal)
        choices = await run.io_bound(service.position_choices, viewer.principal)
        with frame(viewer, 'ผู้ใช้งาน'):
            with ui.row().classes('items-center gap-2'):
                ui.button('เพิ่มผู้ใช้งาน', icon='person_add', on_click=lambda: dialog.open()).mark('add-user')
                search = ui.input(placeholder='ค้นหาชื่อหรือชื่อผู้ใช้').props('dense outlined clearable').classes(
                    'w-72').mark('user-search')
            columns = [
                {'name': 'full_name', 'label': 'ชื่อ-สกุล', 'field': 'full_name', 'sortable': True, 'align': 'left'},
                {'name': 'username', 'label': 'ชื่อผู้ใช้', 'field': 'username', 'sortable': True, 'align': 'left'},
                {'name': 'positions', 'label': 'ตำแหน่งที่ดำรง', 'field': 'positions', 'align': 'left'},
                {'name': 'grants', 'label': 'บทบาทเพิ่มเติม', 'field': 'grants', 'align': 'left'},
                {'name': 'status', 'label': 'สถานะ', 'field': 'status', 'align': 'left'},
            ]
            data = [{'id': r.id, 'full_name': r.full_name, 'username': r.username,
                     'positions': ', '.join(r.positions) or '—', 'grants': ', '.join(r.grants) or '—',
                     'status': 'ระงับใช้งาน' if not r.is_active else ('ถูกล็อก' if r.locked else 'ใช้งาน')}
                    for r in rows]
            table = ui.table(columns=columns, rows=data, row_key='id', pagination=25).classes('w-full').mark(
                'users-table')
            table.props('flat bordered wrap-cells')
            search.bind_value_to(table, 'filter')
            table.on('row-click', lambda e: ui.navigate.to(f'/admin/users/{e.args[1]["id"]}'))

        with ui.dialog() as dialog, ui.card().classes('w-[32rem]').mark('add-user-dialog'):
            ui.label('เพิ่มผู้ใช้งาน').classes('text-lg font-bold')
            full_name = ui.input('ชื่อ-สกุล').props('outlined dense').classes('w-full').mark('new-full-name')
            username = ui.input('ชื่อผู้ใช้ (อักษรอังกฤษตัวเล็ก)').props('outlined dense').classes('w-full').mark(
                'new-username')
            password = ui.input('รหัสผ่านเริ่มต้น (ผู้ใช้ต้องเปลี่ยนเมื่อเข้าครั้งแรก)', password=True).props(
                'outlined dense').classes('w-full').mark('new-password')
            confirm = ui.input('ยืนยันรหัสผ่านเริ่มต้น', password=True).props('outlined dense').classes(
                'w-full').mark('new-confirm')
            position = ui.select(choices, label='ตำแหน่ง (ไม่บังคับ)', with_input=True, clearable=True).props(
                'outlined dense').classes('w-full').mark('new-position')

            async def create() -> None:
                if await attempt(service.create_user, viewer.principal, username=username.value or '',
                                 full_name=full_name.value or '', password=password.value or '',
                                 confirm=confirm.value or '', position_id=position.value, success='เพิ่มผู้ใช้งานแล้ว'):
                    ui.navigate.reload()
            with ui.row():
                ui.button('บันทึก', on_click=create).mark('save-user')
                ui.button('ยกเลิก', on_click=dialog.close).props('flat')

    @page('/admin/users/{user_id}', 'admin.user.manage', 'ผู้ใช้งาน')
    async def user_detail(viewer: Viewer, user_id: int):
        rows = [r for r in await run.io_bound(service.list_users, viewer.principal) if r.id == user_id]
        with frame(viewer, rows[0].full_name if rows else 'ไม่พบผู้ใช้งาน'):
            if not rows:
                ui.link('← รายชื่อผู้ใช้งาน', '/admin/users')
                return
            row = rows[0]
            held = await run.io_bound(service.user_assignments, viewer.principal, user_id)
            choices = await run.io_bound(service.position_choices, viewer.principal)
            roles = await run.io_bound(service.role_choices, viewer.principal)
            ui.link('← รายชื่อผู้ใช้งาน', '/admin/users')
            with ui.card().classes('w-full max-w-3xl'):
                ui.label(f'ชื่อผู้ใช้: {row.username}')
                ui.label('สถานะ: ' + ('ระงับใช้งาน' if not row.is_active else ('ถูกล็อก' if row.locked else 'ใช้งาน')))
                with ui.row():
                    if row.locked:
                        ui.button('ปลดล็อกบัญชี', icon='lock_open', on_click=lambda: _reload_after(
                            service.unlock, viewer.principal, user_id)).mark('unlock')

                    async def reset_code() -> None:
                        try:
                            code = await run.io_bound(auth.issue_reset_code, viewer.principal, user_id)
                        except (auth.AuthError, PermissionDenied) as error:
                            ui.notify(str(error), type='negative')
                            return
                        with ui.dialog() as shown, ui.card().mark('reset-code-dialog'):
                            ui.label('รหัสรีเซ็ตรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน 24 ชั่วโมง)').classes('font-bold')
                            ui.label(code).classes('font-mono text-2xl').mark('reset-code')
                            ui.label(f'มอบให้ {row.full_name} ด้วยตนเอง แล้วให้ไปที่หน้า "ลืมรหัสผ่าน"').classes(
                                'text-sm')
                            ui.button('ปิด', on_click=shown.close)
                        shown.open()
                    ui.button('ออกรหัสรีเซ็ตรหัสผ่าน', icon='key', on_click=reset_code).props('outline').mark(
                        'issue-reset')
                    ui.button('ระงับใช้งาน' if row.is_active else 'เปิดใช้งาน', on_click=lambda: _reload_after(
                        service.set_active, viewer.principal, user_id, not row.is_active)).props('outline').mark(
                        'toggle-active')
            with ui.card().classes('w-full max-w-3xl').mark('assignments'):
                ui.label('ตำแหน่งที่ดำรง').classes('font-bold')
                for position_id, title, acting in held:
                    with ui.row().classes('items-center'):
                        ui.label(title + (' (รักษาราชการแทน)' if acting else ''))
                        ui.button(icon='close', on_click=lambda p=position_id: _reload_after(
                            service.remove_assignment, viewer.principal, user_id, p)).props('flat dense round')
                with ui.row().classes('items-center w-full'):
                    pick = ui.select(choices, label='เพิ่มตำแหน่ง', with_input=True).props('outlined dense').classes(
                        'grow').mark('assign-position')
                    acting = ui.checkbox('รักษาราชการแทน').mark('assign-acting')
                    ui.button('เพิ่ม', on_click=lambda: _reload_after(
                        service.assign_position, viewer.principal, user_id, pick.value, acting.value)).mark(
                        'assign-button')
            with ui.card().classes('w-full max-w-3xl').mark('grants'):
                ui.label('บทบาทเพิ่มเติม (นอกเหนือจากบทบาทของตำแหน่ง)').classes('font-bold')
                for key in row.grants:
                    with ui.row().classes('items-center'):
                        ui.label(roles.get(key, key))
                        ui.button(icon='close', on_click=lambda k=key: _reload_after(
                            service.revoke_role, viewer.principal, user_id, k)).props('flat dense round')
                with ui.row().classes('items-center w-full'):
                    role = ui.select(roles, label='บทบาท').props('outlined dense').classes('w-64').mark('grant-role')
                    reason = ui.input('เหตุผล/คำสั่งที่').props('outlined dense').classes('grow').mark('grant-reason')
                    ui.button('ให้บทบาท', on_click=lambda: _reload_after(
                        service.grant_role, viewer.principal, user_id, role.value, reason.value or '')).mark(
                        'grant-button')

    @page('/admin/roles', 'admin.role.manage', 'บทบาทและสิทธิ์')
    async def roles(viewer: Viewer):
        all_roles = await run.io_bound(service.roles_overview, viewer.principal)
        catalogue = permission_catalogue()
        with frame(viewer, 'บทบาทและสิทธิ์'):
            ui.label('บทบาทมาจากตำแหน่งที่ดำรง (ตามแม่แบบโครงสร้างของ อปท.) และบทบาทเพิ่มเติมที่ผู้ดูแลระบบให้ '
                     'ระบบตรวจสิทธิ์ทุกครั้งที่เปิดหน้าและบันทึกข้อมูล').classes('text-sm text-slate-600')
            for role in all_roles:
                with ui.expansion(f'{role.title} — ขอบเขต: {SCOPE_TITLES.get(role.scope, role.scope)}').classes(
                        'w-full bg-white').mark(f'role-{role.key}'):
                    ui.label(role.description).classes('text-sm')
                    for pattern in parse_permissions(role.permissions):
                        ui.label(f'{pattern}  {catalogue.get(pattern, "")}').classes('font-mono text-xs')

    @page('/admin/settings', 'admin.org.manage', 'ตั้งค่า อปท.')
    async def settings_page(viewer: Viewer):
        org = await run.io_bound(service.get_settings_of, viewer.principal)
        with frame(viewer, 'ตั้งค่า อปท.'):
            with ui.card().classes('w-full max-w-2xl'):
                ui.label(f'{org.name} (รหัส อปท. {org.dla_code}) อ.{org.district_name} จ.{org.province_name}')
                fields = {}
                for key, (label, low, high) in service.SETTING_LIMITS.items():
                    fields[key] = ui.input(f'{label} [{low}–{high}]', value=str(getattr(org, key))).props(
                        'outlined dense').classes('w-full').mark(f'setting-{key}')
                fields['attachment_types'] = ui.input('ชนิดไฟล์แนบที่อนุญาต (คั่นด้วยจุลภาค)',
                                                      value=org.attachment_types).props('outlined dense').classes(
                    'w-full').mark('setting-attachment_types')
                fields['letter_prefix'] = ui.input('รหัสหนังสือออก (เช่น นม 82401)', value=org.letter_prefix).props(
                    'outlined dense').classes('w-full').mark('setting-letter_prefix')
                errors = ui.label('').classes('text-red-700 whitespace-pre-line').mark('settings-errors')

                async def save() -> None:
                    try:
                        await run.io_bound(service.update_settings, viewer.principal,
                                           {k: f.value for k, f in fields.items()})
                    except service.AdminError as error:
                        errors.text = str(error)
                        return
                    errors.text = ''
                    ui.notify('บันทึกการตั้งค่าแล้ว', type='positive')
                ui.button('บันทึก', on_click=save).mark('save-settings')

    @page('/admin/audit', 'admin.audit.read', 'บันทึกการใช้งาน')
    async def audit_log(viewer: Viewer, action: str = ''):
        events = await run.io_bound(service.audit_events, viewer.principal, 500, action or None)
        with frame(viewer, 'บันทึกการใช้งาน'):
            ui.label('บันทึกเรียงต่อกันแบบเชื่อมโยงค่าแฮช แก้ไขหรือลบย้อนหลังไม่ได้โดยไม่ถูกตรวจพบ '
                     '(ตรวจด้วยคำสั่ง python main.py verify-audit)').classes('text-sm text-slate-600')
            columns = [{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in
                       (('at', 'เวลา'), ('actor', 'ผู้กระทำ'), ('action', 'การกระทำ'), ('object', 'รายการ'),
                        ('data', 'รายละเอียด'))]
            rows = [{'id': e.id, 'at': format_datetime(e.at), 'actor': e.actor_name or '—', 'action': e.action,
                     'object': f'{e.object_type} {e.object_id}'.strip(), 'data': e.data[:200]} for e in events]
            ui.table(columns=columns, rows=rows, row_key='id', pagination=50).classes('w-full').props(
                'flat bordered dense wrap-cells').mark('audit-table')


async def _reload_after(action, *args) -> None:
    if await attempt(action, *args, success='บันทึกแล้ว'):
        ui.navigate.reload()
