"""Sign-in, sign-out, self-service password recovery, and the demo persona switcher."""

import asyncio
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import run, ui

from apps.admin.service import needs_setup
from core import auth, demo, throttle
from core.errors import SIGNED_OUT
from core.oidc import UNKNOWN as OIDC_UNKNOWN
from core.settings import get_settings
from pages import oidc as oidc_routes
from pages.layout import client_address, public_card, sign_in, sign_out
from pages.setup import show_codes

OIDC_MESSAGES = {'unknown': OIDC_UNKNOWN, 'failed': 'เข้าสู่ระบบด้วยบัญชีหน่วยงานไม่สำเร็จ กรุณาลองใหม่อีกครั้ง'}


def register() -> None:
    oidc_routes.register()

    @ui.page('/login', title='เข้าสู่ระบบ')
    async def login_page(request: Request, next: str | None = None, ended: int = 0,  # noqa: A002 (query names)
                         oidc: str = ''):
        if await run.io_bound(needs_setup):
            return RedirectResponse('/setup')
        target = oidc_routes.safe_next(next)
        address = client_address(request)
        with public_card('เข้าสู่ระบบ'):
            username = ui.input('ชื่อผู้ใช้').props('outlined autofocus autocomplete=username').classes(
                'w-full').mark('username')
            password = ui.input('รหัสผ่าน', password=True, password_toggle_button=True).props(
                'outlined autocomplete=current-password').classes('w-full').mark('password')
            message = ui.label('').classes('text-red-700 text-sm').mark('login-message')
            if ended:  # a page left open acted after its session had ended
                message.text = SIGNED_OUT
            message.text = OIDC_MESSAGES.get(oidc, message.text)

            async def submit() -> None:
                if not username.value.strip() or not password.value:
                    message.text = 'กรุณากรอกชื่อผู้ใช้และรหัสผ่าน'
                    return
                button.disable()
                try:
                    # failures of this name from other addresses slow it here too, without refusing it
                    if delay := await run.io_bound(throttle.pause, username.value, address):
                        message.text = f'กำลังตรวจสอบ (รอ {delay:.0f} วินาที เพราะมีการใส่รหัสผิดหลายครั้ง)'
                        await asyncio.sleep(delay)
                        message.text = ''
                    result = await run.io_bound(auth.login, username.value, password.value, address)
                finally:
                    button.enable()
                if not result.ok:
                    message.text = result.message
                    # selected, not cleared: the next typing replaces it, and no value sent from here can arrive
                    # after what the user types next (a cleared field could empty a password typed meanwhile)
                    password.run_method('select')
                    return
                sign_in(result.user_id, result.org_id, result.session_version, result.session_hours)
                ui.navigate.to('/profile?first=1' if result.must_change_password else target)

            password.on('keydown.enter', submit)
            button = ui.button('เข้าสู่ระบบ', on_click=submit).classes('w-full').mark('login-button')
            if get_settings().oidc_enabled:
                ui.button('เข้าสู่ระบบด้วยบัญชีหน่วยงาน', icon='badge', on_click=lambda: ui.navigate.to(
                    f'/login/oidc?next={quote(target)}')).props('outline').classes('w-full').mark('oidc-button')
            ui.link('ลืมรหัสผ่าน? ใช้รหัสกู้คืน', '/recover').classes('text-sm')
        if get_settings().demo:
            await _persona_switcher(request, target)

    async def _persona_switcher(request: Request, target: str) -> None:
        personas = await run.io_bound(demo.personas)
        if not personas:
            return
        with ui.card().classes('w-full max-w-3xl p-4 border-2 border-orange-400 bg-orange-50').mark('persona-switcher'):
            with ui.row().classes('items-center gap-2'):
                ui.badge('โหมดสาธิต', color='orange')
                ui.label('เลือกบุคคลสมมติเพื่อเข้าสู่ระบบทันที (เฉพาะข้อมูลสาธิต รหัสผ่านทุกคน: '
                         f'{demo.DEMO_PASSWORD})').classes('text-sm')
            with ui.grid(columns=3).classes('w-full gap-2'):
                for persona in personas:
                    async def as_persona(username=persona.username) -> None:
                        result = await run.io_bound(demo.persona_login, username, client_address(request))
                        if result.ok:
                            sign_in(result.user_id, result.org_id, result.session_version, result.session_hours)
                            ui.navigate.to(target)
                        else:
                            ui.notify(result.message, type='negative')
                    with ui.button(on_click=as_persona).props('outline no-caps align=left').classes(
                            'w-full').mark(f'persona-{persona.username}'):
                        with ui.column().classes('gap-0 items-start'):
                            ui.label(persona.full_name).classes('text-sm font-medium')
                            ui.label(persona.positions).classes('text-xs text-gray-600 text-left')

    @ui.page('/logout')
    def logout_page():
        sign_out()
        return RedirectResponse('/login')

    @ui.page('/recover', title='กู้คืนรหัสผ่าน')
    def recover_page(request: Request):
        address = client_address(request)
        with public_card('กู้คืนรหัสผ่านด้วยตนเอง'):
            ui.label('ใช้รหัสกู้คืน (12 ตัวอักษร ที่ได้รับตอนสร้างบัญชี) หรือรหัสรีเซ็ต (8 ตัวอักษร '
                     'ที่ผู้ดูแลระบบออกให้) ไม่ต้องใช้อินเทอร์เน็ต').classes('text-sm text-gray-600')
            username = ui.input('ชื่อผู้ใช้').props('outlined').classes('w-full').mark('recover-username')
            code = ui.input('รหัสกู้คืน หรือ รหัสรีเซ็ต').props('outlined').classes('w-full').mark('recover-code')
            new = ui.input('รหัสผ่านใหม่ (อย่างน้อย 8 ตัวอักษร)', password=True).props('outlined').classes(
                'w-full').mark('recover-new')
            confirm = ui.input('ยืนยันรหัสผ่านใหม่', password=True).props('outlined').classes('w-full').mark(
                'recover-confirm')
            message = ui.label('').classes('text-sm').mark('recover-message')

            async def submit() -> None:
                try:
                    fresh = await run.io_bound(auth.recover_password, username.value, code.value, new.value,
                                               confirm.value, address)
                except auth.AuthError as error:
                    message.text = str(error)
                    message.classes(replace='text-sm text-red-700')
                    return
                message.text = 'ตั้งรหัสผ่านใหม่แล้ว รหัสที่ใช้ไปแล้วใช้ซ้ำไม่ได้ กรุณาเข้าสู่ระบบ'
                message.classes(replace='text-sm text-green-700')
                code.value = new.value = confirm.value = ''
                if fresh:  # the account had no recovery codes left: its new set, shown once
                    show_codes(username.value.strip().lower(), fresh)

            ui.button('ตั้งรหัสผ่านใหม่', on_click=submit).classes('w-full').mark('recover-button')
            ui.link('กลับไปหน้าเข้าสู่ระบบ', '/login').classes('text-sm')
