"""Administration pages: the users, divisions and positions registers, roles, LAO settings, audit log."""

from fastapi.responses import RedirectResponse
from nicegui import run, ui

from apps.admin import service
from apps.admin.resources import DIVISIONS, FUND_SOURCES, POSITIONS, PROGRAM_CODES, USERS
from apps.admin.user_sections import user_access_sections
from core.access import SCOPE_TITLES, parse_permissions
from core.menu import permission_catalogue
from core.thai import format_datetime
from pages.kit import register_resource
from pages.layout import Viewer, frame, page


def register() -> None:
    register_resource(USERS, [user_access_sections])
    register_resource(DIVISIONS)
    register_resource(POSITIONS)
    register_resource(PROGRAM_CODES)
    register_resource(FUND_SOURCES)

    @page('/admin', 'admin.user.manage', 'ผู้ดูแลระบบ')
    def admin_home(viewer: Viewer):
        return RedirectResponse('/admin/users')

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

