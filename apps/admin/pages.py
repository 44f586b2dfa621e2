"""Administration pages: the users, divisions and positions registers, roles, LAO settings, audit log."""

from fastapi import Response
from fastapi.responses import FileResponse, RedirectResponse
from nicegui import run, ui

from apps.admin import install_page, service
from apps.admin.resources import DELEGATIONS, DIVISIONS, FUND_SOURCES, POSITIONS, PROGRAM_CODES, USERS
from apps.admin.user_sections import user_access_sections
from core import backup
from core.access import SCOPE_TITLES, parse_permissions
from core.errors import Refusal, SignedOut
from core.menu import permission_catalogue
from core.structure import role_templates
from core.thai import format_datetime
from pages.kit import register_resource
from pages.layout import Viewer, act, acting, attempt, frame, page, signed_in_file, signed_out


def register() -> None:
    install_page.register()
    register_resource(USERS, [user_access_sections])
    register_resource(DIVISIONS)
    register_resource(POSITIONS)
    register_resource(PROGRAM_CODES)
    register_resource(FUND_SOURCES)
    register_resource(DELEGATIONS)

    @page('/admin', 'admin.user.manage', 'ผู้ดูแลระบบ')
    def admin_home(viewer: Viewer):
        return RedirectResponse('/admin/users')

    @page('/admin/sign-in', 'admin.user.manage', 'การเข้าระบบของผู้ใช้')
    async def sign_in_overview(viewer: Viewer):
        failures = await run.io_bound(service.recent_sign_in_failures, viewer.principal)
        without = await run.io_bound(service.users_without_codes, viewer.principal)
        with frame(viewer, 'การเข้าระบบของผู้ใช้'):
            with ui.card().classes('w-full max-w-3xl').mark('users-without-codes'):
                ui.label(f'ผู้ใช้ที่ไม่มีรหัสกู้คืนเหลือ ({len(without)})').classes('font-bold')
                ui.label('ผู้ใช้เหล่านี้กู้คืนรหัสผ่านด้วยตนเองไม่ได้ จะได้รับรหัสกู้คืนชุดใหม่เมื่อเข้าระบบครั้งแรกและตั้งรหัสผ่านใหม่ '
                         'หรือเมื่อใช้รหัสรีเซ็ตที่ผู้ดูแลระบบออกให้').classes('text-sm text-slate-600')
                for user_id, full_name, username in without:
                    ui.link(f'{full_name} ({username})', f'/admin/users/{user_id}').classes('text-sm').mark(
                        'user-without-codes')
            with ui.card().classes('w-full max-w-3xl').mark('sign-in-failures'):
                ui.label('การเข้าระบบไม่สำเร็จใน 24 ชั่วโมงที่ผ่านมา').classes('font-bold')
                ui.label('ใส่รหัสผิดซ้ำจากเครื่องเดียวกัน ระบบจะให้รอนานขึ้นเรื่อย ๆ และระงับชื่อผู้ใช้นั้นเฉพาะที่เครื่องนั้น '
                         'ผู้ใช้ยังเข้าระบบจากเครื่องอื่นได้').classes('text-sm text-slate-600')
                if not failures:
                    ui.label('ไม่มี').classes('text-sm')
                for failure in failures:
                    ui.label(f'{failure.full_name} ({failure.username}) จากเครื่อง {failure.address or "ไม่ทราบ"}: '
                             f'{failure.count:,} ครั้ง ล่าสุด {format_datetime(failure.last_at)}').classes(
                        'text-sm').mark('sign-in-failure')

    @page('/admin/roles', 'admin.role.manage', 'บทบาทและสิทธิ์')
    async def roles(viewer: Viewer):
        all_roles = await run.io_bound(service.roles_overview, viewer.principal)
        drift = await run.io_bound(service.role_drift, viewer.principal)
        seats = await run.io_bound(service.seat_drift, viewer.principal)
        catalogue = permission_catalogue()
        with frame(viewer, 'บทบาทและสิทธิ์'):
            ui.label('บทบาทมาจากตำแหน่งที่ดำรง (ตามแม่แบบโครงสร้างของ อปท.) และบทบาทเพิ่มเติมที่ผู้ดูแลระบบให้ '
                     'ระบบตรวจสิทธิ์ทุกครั้งที่เปิดหน้าและบันทึกข้อมูล').classes('text-sm text-slate-600')
            if drift or seats:
                _drift_card(viewer, drift, seats, catalogue)
            for role in all_roles:
                with ui.expansion(f'{role.title} — ขอบเขต: {SCOPE_TITLES.get(role.scope, role.scope)}').classes(
                        'w-full bg-white').mark(f'role-{role.key}'):
                    ui.label(role.description).classes('text-sm')
                    for pattern in parse_permissions(role.permissions):
                        ui.label(f'{pattern}  {catalogue.get(pattern, "")}').classes('font-mono text-xs')

    @page('/admin/settings', 'admin.org.manage', 'ตั้งค่า อปท.')
    async def settings_page(viewer: Viewer):
        org = await run.io_bound(service.get_settings_of, viewer.principal)
        seats = await run.io_bound(service.settings_seats, viewer.principal)
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
                fields['secret_officer_position_id'] = ui.select(
                    {None: '— ยังไม่กำหนด —', **seats}, label='นายทะเบียนหนังสือลับ (ตำแหน่ง)',
                    value=org.secret_officer_position_id if org.secret_officer_position_id in seats else None,
                    with_input=True).props('outlined dense').classes('w-full').mark('setting-secret_officer')
                ui.label('ผู้ดำรงตำแหน่งนี้ลงทะเบียนและเห็นหนังสือลับทุกฉบับ (ลับ ลับมาก ลับที่สุด) '
                         'เจ้าหน้าที่ธุรการทั่วไปลงทะเบียนหนังสือลับไม่ได้ ผู้ดำรงตำแหน่งต้องมีสิทธิ์ลงทะเบียนหนังสือด้วย'
                         ).classes('text-xs text-slate-600 -mt-2')
                ui.label('ที่ตั้งที่พิมพ์บนหนังสือราชการ').classes('font-medium mt-2')
                for key, (label, _longest) in service.ADDRESS_FIELDS.items():
                    fields[key] = ui.input(label, value=getattr(org, key)).props('outlined dense').classes(
                        'w-full').mark(f'setting-{key}')
                ui.label(f'อำเภอ{org.district_name} จังหวัด{org.province_name} (จากการตั้งค่า อปท. ครั้งแรก)').classes(
                    'text-xs text-slate-600 -mt-2')
                errors = ui.label('').classes('text-red-700 whitespace-pre-line').mark('settings-errors')

                async def save() -> None:
                    values = {k: f.value for k, f in fields.items()}
                    try:
                        actor = await acting(viewer)
                        await run.io_bound(service.update_settings, actor, values)
                    except SignedOut:
                        signed_out()
                        return
                    except Refusal as error:
                        errors.text = str(error)
                        return
                    errors.text = ''
                    ui.notify('บันทึกการตั้งค่าแล้ว', type='positive')
                ui.button('บันทึก', on_click=save).mark('save-settings')
            _garuda_card(viewer, org)

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

    register_backup_pages()


def _garuda_card(viewer: Viewer, org) -> None:
    """The ครุฑ printed on the LAO's letters: uploaded once (the official emblem is not bundled with the program)."""
    with ui.card().classes('w-full max-w-2xl').mark('garuda-card'):
        ui.label('ตราครุฑบนหนังสือราชการ').classes('font-bold')
        ui.label('ไฟล์ภาพ PNG หรือ SVG ของตราครุฑ (ไม่เกิน 2 MB) พิมพ์สูง 3 ซม. บนหนังสือภายนอก คำสั่ง ประกาศ '
                 'และ 1.5 ซม. บนบันทึกข้อความ ก่อนตั้งค่าจะพิมพ์เป็นกรอบเส้นประแทน').classes('text-sm text-slate-600')
        state = ui.label('ตั้งค่าแล้ว' if org.garuda_attachment_id else 'ยังไม่ได้ตั้งค่า').mark('garuda-state')

        async def upload(e) -> None:
            content = await e.file.read()
            done, _ = await attempt(viewer, lambda actor: service.set_garuda(actor, e.file.name, content))
            if done:
                state.text = f'ตั้งค่าแล้ว: {e.file.name}'
                ui.notify('บันทึกตราครุฑแล้ว', type='positive')
        ui.upload(on_upload=upload, auto_upload=True, max_file_size=2 * 1024 * 1024).props(
            'accept=.png,.svg label="เลือกไฟล์ตราครุฑ"').classes('w-full').mark('garuda-upload')


def _size(size: int) -> str:
    return f'{size / 1048576:,.1f} MB' if size >= 104858 else f'{size / 1024:,.0f} KB'


def _age(info: backup.BackupInfo) -> str:
    age = info.age()
    if age.days:
        return f'{age.days} วัน'
    hours = age.seconds // 3600
    return f'{hours} ชั่วโมง' if hours else f'{max(1, age.seconds // 60)} นาที'


def _status(info: backup.BackupInfo) -> str:
    if info.ok is None:
        return 'ยังไม่ได้ตรวจ'
    return 'ตรวจแล้ว ครบถ้วน' if info.ok else f'เสีย: {info.message}'


def register_backup_pages() -> None:
    @page('/admin/backup', backup.PERMISSION, 'สำรองและกู้คืนข้อมูล')
    async def backup_page(viewer: Viewer):
        actor = viewer.principal
        try:
            found = await run.io_bound(backup.list_backups, actor)
        except Refusal as refusal:
            with frame(viewer, 'สำรองและกู้คืนข้อมูล'):
                ui.label(str(refusal)).classes('text-orange-800').mark('backup-refused')
            return
        policy = await run.io_bound(backup.load_policy)
        line, warn = await run.io_bound(backup.status_line)
        with frame(viewer, 'สำรองและกู้คืนข้อมูล'):
            ui.label('ไฟล์สำรองหนึ่งไฟล์มีฐานข้อมูลทั้งหมด ไฟล์แนบ และบัญชีรายการพร้อมค่าตรวจสอบ (manifest) '
                     'ระบบสำรองให้เองวันละครั้ง เก็บรายวัน 7 ชุด รายสัปดาห์ 4 ชุด รายเดือน 12 ชุด').classes(
                'text-sm text-slate-600 -mt-3')
            status = ui.label(line).classes('font-medium ' + ('text-red-700' if warn else 'text-green-800')).mark(
                'backup-status')
            with ui.row().classes('items-center gap-3'):
                async def backup_now() -> None:
                    button.disable()
                    try:
                        done, info = await attempt(viewer, lambda current: backup.create(actor=current))
                    finally:
                        button.enable()
                    if not done:
                        return
                    ui.notify(f'สำรองข้อมูลแล้ว: {info.name} ({_size(info.size)}) — {info.message}',
                              type='positive' if info.ok else 'negative', multi_line=True)
                    backups_table.refresh(await run.io_bound(backup.list_backups, actor))
                    status.text, warn_now = await run.io_bound(backup.status_line)
                    status.classes(replace='font-medium ' + ('text-red-700' if warn_now else 'text-green-800'))
                button = ui.button('สำรองข้อมูลตอนนี้', icon='backup', on_click=backup_now).mark('backup-now')

            @ui.refreshable
            def backups_table(rows: list[backup.BackupInfo]) -> None:
                with ui.card().classes('w-full').mark('backup-list'):
                    ui.label(f'ไฟล์สำรอง ({len(rows)})').classes('font-bold')
                    if not rows:
                        ui.label('ยังไม่มีไฟล์สำรอง').classes('text-slate-500')
                    for info in rows:
                        with ui.row().classes('items-center gap-3 w-full').mark('backup-row'):
                            ui.link(info.name, f'/admin/backup/download/{info.name}').classes('font-mono text-sm') \
                                .mark('backup-download')
                            ui.label(format_datetime(info.created_at)).classes('text-sm')
                            ui.label(f'อายุ {_age(info)}').classes('text-sm text-slate-600')
                            ui.label(_size(info.size)).classes('text-sm text-slate-600')
                            ui.label('อัตโนมัติ' if info.kind == 'daily' else 'สำรองเอง').classes('text-xs')
                            ui.label(_status(info)).classes(
                                'text-sm ' + ('text-green-800' if info.ok else 'text-red-700')).mark('backup-verified')

                            async def recheck(name=info.name) -> None:
                                result = await run.io_bound(backup.recheck, actor, name)
                                ui.notify(result.message, type='positive' if result.ok else 'negative')
                                backups_table.refresh(await run.io_bound(backup.list_backups, actor))
                            ui.button('ตรวจอีกครั้ง', on_click=recheck).props('dense flat')
            backups_table(found)

            with ui.card().classes('w-full max-w-2xl').mark('backup-settings'):
                ui.label('การตั้งค่า').classes('font-bold')
                fields = {'second_folder': ui.input('โฟลเดอร์สำรองที่สอง (แฟลชไดรฟ์ USB หรือโฟลเดอร์แชร์ในเครือข่าย) '
                                                    'เว้นว่างได้', value=policy['second_folder']).props(
                    'outlined dense').classes('w-full').mark('backup-second-folder')}
                for key, (label, low, high) in backup.POLICY_LIMITS.items():
                    fields[key] = ui.input(f'{label} [{low}–{high}]', value=str(policy[key])).props(
                        'outlined dense').classes('w-full').mark(f'backup-{key}')

                async def save() -> None:
                    for field in fields.values():
                        field.props(remove='error error-message')
                    values = {k: f.value for k, f in fields.items()}
                    try:
                        current = await acting(viewer)
                        await run.io_bound(backup.save_policy, current, values)
                    except SignedOut:
                        signed_out()
                        return
                    except Refusal as refusal:
                        for name, message in refusal.errors.items():
                            fields[name].props(f'error error-message="{message}"')
                        ui.notify(str(refusal), type='negative', multi_line=True)
                        return
                    ui.notify('บันทึกการตั้งค่าการสำรองข้อมูลแล้ว', type='positive')
                ui.button('บันทึกการตั้งค่า', on_click=save).mark('backup-save-settings')

            with ui.card().classes('w-full max-w-2xl'):
                ui.label('การกู้คืน').classes('font-bold')
                ui.label('บนเครื่องใหม่ (ยังไม่ได้ตั้งค่าระบบ): เปิดระบบแล้วเลือก "กู้คืนจากไฟล์สำรอง" ในหน้าตั้งค่าระบบครั้งแรก '
                         'บนเครื่องเดิม: ผู้ดูแลเครื่องใช้คำสั่ง python main.py restore ไฟล์สำรอง --replace '
                         'ทุกครั้งระบบตรวจค่าตรวจสอบก่อน แล้วตรวจความสมบูรณ์ จำนวนแถว และบันทึกการใช้งานหลังกู้คืน'
                         ).classes('text-sm')

    @signed_in_file('/admin/backup/download/{name}')
    def download_backup(actor, name: str) -> Response:
        path = backup.archive_for_download(actor, name)
        return FileResponse(path, media_type='application/gzip', filename=path.name)


def _drift_card(viewer: Viewer, drift: list[service.RoleDrift], seats: list[service.SeatDrift],
                catalogue: dict[str, str]) -> None:
    """The roles, and the positions' roles, that differ from the current templates, each with what would change and
    a button to adopt the template."""
    with ui.card().classes('w-full bg-amber-50 border border-amber-300').mark('role-drift'):
        ui.label('บทบาทที่ต่างจากแม่แบบสิทธิ์ฉบับปัจจุบัน').classes('font-bold')
        ui.label('บทบาทถูกคัดลอกจากแม่แบบเมื่อตั้งค่า อปท. แม่แบบปรับตามหลักให้สิทธิ์เท่าที่จำเป็นแล้ว '
                 'ผู้ดูแลระบบตรวจดูแล้วกดปรับทีละบทบาท (บันทึกไว้ในประวัติการใช้งาน)').classes('text-sm')
        for item in drift:
            with ui.column().classes('w-full gap-0 border-t pt-2').mark(f'drift-{item.key}'):
                ui.label(item.title + (' (ยังไม่มีใน อปท. นี้)' if item.missing else '')).classes('font-medium')
                if item.scope:
                    ui.label(f'ขอบเขต: {SCOPE_TITLES.get(item.scope[0])} → {SCOPE_TITLES.get(item.scope[1])}').classes(
                        'text-sm')
                for pattern in item.added:
                    ui.label(f'+ {pattern}  {catalogue.get(pattern, "")}').classes('font-mono text-xs text-green-800')
                for pattern in item.removed:
                    ui.label(f'− {pattern}  {catalogue.get(pattern, "")}').classes('font-mono text-xs text-red-800')
                ui.button('ปรับตามแม่แบบ', icon='published_with_changes', on_click=lambda key=item.key: act(
                    viewer, service.adopt_role_template, key, success='ปรับบทบาทตามแม่แบบแล้ว')).props(
                    'outline dense').mark(f'adopt-{item.key}')
        for seat in seats:
            with ui.column().classes('w-full gap-0 border-t pt-2').mark(f'seat-drift-{seat.position_id}'):
                ui.label(f'ตำแหน่ง {seat.title}').classes('font-medium')
                for sign, keys, color in (('+', seat.added, 'green'), ('−', seat.removed, 'red')):
                    for key in keys:
                        title = role_templates()[key].title if key in role_templates() else key
                        ui.label(f'{sign} บทบาท{title} ({key})').classes(f'text-xs text-{color}-800')
                ui.button('ปรับตามแม่แบบ', icon='published_with_changes', on_click=lambda pid=seat.position_id: act(
                    viewer, service.adopt_seat_template, pid, success='ปรับบทบาทของตำแหน่งตามแม่แบบแล้ว')).props(
                    'outline dense').mark(f'adopt-seat-{seat.position_id}')
