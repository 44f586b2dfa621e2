"""Home: the user's apps with their pending-work counts; profile; the health endpoint."""

from nicegui import app, run, ui

from apps.admin import service as admin
from core import auth, backup, db, drafts
from core.access import Principal
from core.menu import menu_for
from core.resource import REGISTRY
from core.thai import format_datetime
from pages.layout import Viewer, frame, page
from pages.setup import show_codes


def _pending(actor: Principal) -> dict[str, list]:
    return {spec.key: spec.pending_for(actor) for spec, _ in menu_for(actor)}


def _notices(actor: Principal) -> list:
    return [notice for spec, _ in menu_for(actor) for notice in spec.notices_for(actor)]


def _form_title(form_key: str) -> str:
    owner = next((r for r in REGISTRY.values() if form_key.startswith(r.path + '/')), None)
    if owner is None:
        return form_key
    return f'เพิ่ม{owner.title}' if form_key.endswith('/new') else f'แก้ไข{owner.title}'


def _home_read(actor) -> tuple:
    """What the home page shows, in its one trip: the work waiting, unsaved drafts, and for those who keep them the
    backup's state and recent failed sign-ins."""
    return (_pending(actor), drafts.mine(actor), backup.status_line() if actor.can(backup.PERMISSION) else None,
            admin.recent_sign_in_failures(actor) if actor.can('admin.user.manage') else [], _notices(actor))


def register() -> None:
    @page('/', title='หน้าหลัก', load=_home_read)
    async def home(viewer: Viewer, read: tuple):
        pending, unsaved, backup_line, failures, notices = read
        with frame(viewer, f'สวัสดี {viewer.principal.full_name}'):
            ui.label(f'{viewer.current_position} · {viewer.org_name}').classes('text-slate-600 -mt-3')
            total = sum(w.count for works in pending.values() for w in works)
            ui.label(f'งานที่รอท่านดำเนินการ {total:,} รายการ' if total else 'ไม่มีงานค้างรอท่านดำเนินการ').classes(
                'text-base font-medium').mark('pending-total')
            if backup_line:
                line, warn = backup_line
                with ui.link(target='/admin/backup').classes('no-underline'):
                    with ui.row().classes('items-center gap-2 ' + ('text-red-700' if warn else 'text-green-800')).mark(
                            'home-backup-warning' if warn else 'home-backup-ok'):
                        ui.icon('warning' if warn else 'backup')
                        ui.label(line).classes('text-sm font-medium').mark('home-backup-status')
            if failures:
                with ui.card().classes('w-full').mark('home-sign-in-failures'):
                    ui.link('การเข้าระบบไม่สำเร็จใน 24 ชั่วโมงที่ผ่านมา', '/admin/sign-in').classes('font-medium')
                    for failure in failures[:5]:
                        ui.label(f'{failure.full_name} จากเครื่อง {failure.address or "ไม่ทราบ"}: {failure.count:,} ครั้ง '
                                 f'ล่าสุด {format_datetime(failure.last_at)}').classes('text-sm')
            for notice in notices:
                with ui.card().classes('w-full').mark(notice.marker):
                    ui.link(notice.title, notice.path).classes('font-medium')
                    for line in notice.lines:
                        ui.label(line).classes('text-sm')
            if unsaved:
                with ui.card().classes('w-full bg-amber-50').mark('my-drafts'):
                    ui.label('ข้อมูลที่พิมพ์ค้างไว้ยังไม่ได้บันทึก').classes('font-medium')
                    for draft in unsaved:
                        target = draft.form_key if draft.form_key.endswith('/new') else f'{draft.form_key}/edit'
                        ui.link(f'{_form_title(draft.form_key)} · {format_datetime(draft.updated_at)}', target)
            with ui.grid().classes('w-full gap-4 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3').mark('app-cards'):
                for spec, entries in menu_for(viewer.principal):
                    with ui.card().classes('gap-2').mark(f'app-card-{spec.key}'):
                        with ui.row().classes('items-center gap-2'):
                            ui.icon(spec.icon, color='primary', size='md')
                            ui.link(spec.title, entries[0].path).classes('text-lg font-bold no-underline')
                        if spec.description:
                            ui.label(spec.description).classes('text-sm text-slate-600')
                        for work in pending.get(spec.key, []):
                            with ui.link(target=work.path).classes('no-underline'):
                                with ui.row().classes('items-center gap-2').mark(f'pending-{spec.key}'):
                                    ui.badge(f'{work.count:,}', color='red')
                                    ui.label(work.title).classes('text-sm text-slate-800')

    @page('/profile', title='ข้อมูลของฉัน')
    async def profile(viewer: Viewer, first: str = ''):
        remaining = await run.io_bound(auth.remaining_recovery_codes, viewer.principal.user_id)
        with frame(viewer, 'ข้อมูลของฉัน'):
            if first:
                ui.label('กรุณาตั้งรหัสผ่านใหม่ก่อนเริ่มใช้งาน').classes('text-orange-700 font-medium').mark(
                    'must-change')
            with ui.card().classes('w-full max-w-xl'):
                ui.label(f'{viewer.principal.full_name} ({viewer.principal.username})').classes('font-bold')
                for _, title in viewer.positions:
                    ui.label(title).classes('text-sm')
            with ui.card().classes('w-full max-w-xl'):
                ui.label('เปลี่ยนรหัสผ่าน').classes('font-bold')
                old = ui.input('รหัสผ่านเดิม', password=True).props('outlined dense').classes('w-full').mark('old-pw')
                new = ui.input('รหัสผ่านใหม่', password=True).props('outlined dense').classes('w-full').mark('new-pw')
                confirm = ui.input('ยืนยันรหัสผ่านใหม่', password=True).props('outlined dense').classes(
                    'w-full').mark('confirm-pw')
                message = ui.label('').classes('text-sm').mark('password-message')

                async def change() -> None:
                    try:
                        codes = await run.io_bound(auth.change_password, viewer.principal.user_id, old.value,
                                                   new.value, confirm.value)
                    except auth.AuthError as error:
                        message.text = str(error)
                        message.classes(replace='text-sm text-red-700')
                        return
                    app.storage.user['sv'] = viewer.principal.session_version + 1
                    message.text = 'เปลี่ยนรหัสผ่านแล้ว อุปกรณ์อื่นที่เข้าระบบไว้จะต้องเข้าระบบใหม่'
                    message.classes(replace='text-sm text-green-700')
                    old.value = new.value = confirm.value = ''
                    if codes:
                        show_codes(viewer.principal.username, codes, then='/')
                ui.button('เปลี่ยนรหัสผ่าน', on_click=change).mark('change-password')
            with ui.card().classes('w-full max-w-xl'):
                ui.label('รหัสกู้คืนรหัสผ่าน').classes('font-bold')
                ui.label(f'เหลือรหัสที่ยังไม่ได้ใช้ {remaining} รหัส สร้างชุดใหม่ได้เมื่อใกล้หมดหรือสงสัยว่ารั่วไหล '
                         '(ชุดเดิมจะใช้ไม่ได้ทันที)').classes('text-sm').mark('codes-remaining')

                async def regenerate() -> None:
                    codes = await run.io_bound(auth.regenerate_recovery_codes, viewer.principal.user_id)
                    show_codes(viewer.principal.username, codes, then='/profile')
                ui.button('สร้างรหัสกู้คืนชุดใหม่', on_click=regenerate).props('outline').mark('regenerate-codes')

    @app.get('/status')
    def status() -> dict:
        try:
            ok = db.ping()
        except Exception as error:  # the health check reports, never raises
            return {'status': 'error', 'database': str(error)[:200]}
        return {'status': 'ok' if ok else 'error', 'database': db.engine().dialect.name}
