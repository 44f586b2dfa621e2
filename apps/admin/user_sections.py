"""The user's access on the users register's detail page: status, reset code, positions held, extra roles."""

from nicegui import ui

from apps.admin import service
from core import auth
from models.org import User
from pages.kit import Section
from pages.layout import act, attempt
from pages.selects import LongSelect


def _read(actor, user: User) -> tuple:
    """Everything the cards show, read with the user's record (the detail page's one trip)."""
    return (service.user_assignments(actor, user.id), service.position_choices(actor), service.role_choices(actor),
            service.user_grants(actor, user.id), service.account_access(actor, user.id))


def _show(viewer, user: User, read: tuple) -> None:
    held, choices, roles, grants, (locked_at, codes_left) = read
    with ui.card().classes('w-full max-w-3xl').mark('account-status'):
        ui.label('สถานะ: ' + ('ระงับใช้งาน' if not user.is_active else (
            'ถูกระงับชั่วคราวจากเครื่อง ' + ', '.join(a or 'ไม่ทราบที่อยู่' for a in locked_at) if locked_at
            else 'ใช้งาน'))).mark('user-status')
        ui.label(f'รหัสกู้คืนที่ยังไม่ได้ใช้ {codes_left} รหัส' if codes_left else
                 'ไม่มีรหัสกู้คืนเหลือ: ผู้ใช้จะได้รับรหัสชุดใหม่เมื่อตั้งรหัสผ่านใหม่ (เข้าระบบครั้งแรก หรือใช้รหัสรีเซ็ต)'
                 ).classes('text-sm' + ('' if codes_left else ' text-orange-700')).mark('user-codes-left')
        with ui.row():
            if locked_at:
                ui.button('ปลดล็อกบัญชี', icon='lock_open',
                          on_click=lambda: act(viewer, service.unlock, user.id)).mark('unlock')

            async def reset_code() -> None:
                done, code = await attempt(viewer, lambda current: auth.issue_reset_code(current, user.id))
                if not done:
                    return
                with ui.dialog() as shown, ui.card().mark('reset-code-dialog'):
                    ui.label('รหัสรีเซ็ตรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน 24 ชั่วโมง)').classes('font-bold')
                    ui.label(code).classes('font-mono text-2xl').mark('reset-code')
                    ui.label(f'มอบให้ {user.full_name} ด้วยตนเอง แล้วให้ไปที่หน้า "ลืมรหัสผ่าน"').classes('text-sm')
                    ui.button('ปิด', on_click=shown.close)
                shown.open()
            ui.button('ออกรหัสรีเซ็ตรหัสผ่าน', icon='key', on_click=reset_code).props('outline').mark('issue-reset')
            ui.button('ระงับใช้งาน' if user.is_active else 'เปิดใช้งาน', on_click=lambda: act(
                viewer, service.set_active, user.id, not user.is_active)).props('outline').mark('toggle-active')
    with ui.card().classes('w-full max-w-3xl').mark('assignments'):
        ui.label('ตำแหน่งที่ดำรง').classes('font-bold')
        for position_id, title, acting in held:
            with ui.row().classes('items-center'):
                ui.label(title + (' (รักษาราชการแทน)' if acting else ''))
                ui.button(icon='close', on_click=lambda p=position_id: act(
                    viewer, service.remove_assignment, user.id, p)).props('flat dense round')
        with ui.row().classes('items-center w-full'):
            pick = LongSelect(choices, label='เพิ่มตำแหน่ง', searchable=True).props('outlined dense').classes(
                'grow').mark('assign-position')
            acting_box = ui.checkbox('รักษาราชการแทน').mark('assign-acting')
            ui.button('เพิ่ม', on_click=lambda: act(
                viewer, service.assign_position, user.id, pick.value, acting_box.value)).mark('assign-button')
    with ui.card().classes('w-full max-w-3xl').mark('grants'):
        ui.label('บทบาทเพิ่มเติม (นอกเหนือจากบทบาทของตำแหน่ง)').classes('font-bold')
        for key in grants:
            with ui.row().classes('items-center'):
                ui.label(roles.get(key, key))
                ui.button(icon='close', on_click=lambda k=key: act(
                    viewer, service.revoke_role, user.id, k)).props('flat dense round')
        with ui.row().classes('items-center w-full'):
            role = ui.select(roles, label='บทบาท').props('outlined dense').classes('w-64').mark('grant-role')
            reason = ui.input('เหตุผล/คำสั่งที่').props('outlined dense').classes('grow').mark('grant-reason')
            ui.button('ให้บทบาท', on_click=lambda: act(
                viewer, service.grant_role, user.id, role.value, reason.value or '')).mark('grant-button')


user_access_sections = Section(_show, _read)
