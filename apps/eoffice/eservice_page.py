"""The citizen e-service (no sign-in): file a request or complaint at /e-service, read its status by code.

Everything the citizen typed is shown back as plain text (labels escape markup); a refused form keeps every
value and names each wrong field in Thai.
"""

from fastapi import Request
from nicegui import events, run, ui

from apps.eoffice import eservice
from core.errors import ValidationFailed
from core.thai import format_datetime
from pages.layout import client_address, public_card
from pages.uploads import LimitedUpload

E_SERVICE = 'บริการประชาชนออนไลน์ (e-service)'
MAX_UPLOAD = 25 * 1024 * 1024  # the browser refuses larger files before they are sent; the service checks the LAO limit


def _tracking_view(found: eservice.Tracking) -> None:
    with ui.column().classes('w-full gap-1').mark('tracking-result'):
        ui.label(f'รหัสติดตาม {found.code} · เลขรับ {found.number_text}').classes('font-medium')
        ui.label(f'เรื่อง: {found.subject}')
        ui.label(f'สถานะ: {found.status}').classes('text-lg text-primary').mark('tracking-status')
        for at, what in found.steps:
            ui.label(f'{format_datetime(at)} — {what}').classes('text-sm')
        if found.answer:
            with ui.card().classes('w-full bg-green-50'):
                ui.label(f'คำตอบจากหน่วยงาน ({format_datetime(found.answered_at)})').classes('font-medium')
                ui.label(found.answer).classes('whitespace-pre-line').mark('tracking-answer')


def _choose(orgs: list[tuple[str, str]]) -> None:
    """An install of several LAOs: the citizen chooses the LAO first (each has its own address /e-service/<code>)."""
    with public_card('เลือกองค์กรปกครองส่วนท้องถิ่นที่จะยื่นคำร้อง', E_SERVICE, 'max-w-2xl'):
        if not orgs:
            ui.label('ระบบยังไม่พร้อมรับคำร้อง').classes('text-red-700')
        for code, name in orgs:
            ui.link(name, f'/e-service/{code}').classes('text-base').mark('eservice-lao')


def register() -> None:
    @ui.page('/e-service', title='ยื่นคำร้อง / ร้องเรียน')
    async def file_request(request: Request):
        orgs = await run.io_bound(eservice.public_orgs)
        if len(orgs) != 1:
            _choose(orgs)
            return
        found = await run.io_bound(eservice.org_by_code, orgs[0][0])
        _request_form(client_address(request), *found)

    @ui.page('/e-service/track', title='ตรวจสอบสถานะคำร้อง')
    async def track_request(request: Request, code: str = ''):
        await _track_page(client_address(request), code)

    @ui.page('/e-service/{dla_code}', title='ยื่นคำร้อง / ร้องเรียน')
    async def file_request_to(request: Request, dla_code: str):
        found = await run.io_bound(eservice.org_by_code, dla_code)
        if found is None:
            _choose(await run.io_bound(eservice.public_orgs))
            ui.label(f'ไม่พบ อปท. รหัส {dla_code} ในระบบนี้ กรุณาเลือกจากรายชื่อ').classes(
                'w-full text-center text-red-700').mark('eservice-unknown')
            return
        _request_form(client_address(request), *found)


def _request_form(address: str, org_id: int, org_name: str) -> None:
    """The request form of one LAO (its name heads the card; the request lands in that LAO's registry)."""
    uploads: list[tuple[str, bytes]] = []
    with public_card('ยื่นคำร้องหรือเรื่องร้องเรียน (ไม่ต้องเข้าสู่ระบบ)', E_SERVICE, 'max-w-2xl') as card:
        ui.label(org_name).classes('text-base font-medium text-primary').mark('eservice-org')
        ui.label('กรอกข้อมูลแล้วกดส่ง ระบบจะให้รหัสติดตามไว้ตรวจสอบสถานะและอ่านคำตอบ').classes(
            'text-sm text-slate-600')
        inputs = {
            'request_type': ui.select(eservice.REQUEST_TYPES, label='ประเภทเรื่อง *').props('outlined'),
            'name': ui.input('ชื่อ-สกุล *').props('outlined maxlength=250'),
            'contact': ui.input('ช่องทางติดต่อกลับ (โทรศัพท์/อีเมล) *').props('outlined maxlength=250'),
            'subject': ui.input('เรื่อง *').props('outlined maxlength=250'),
            'detail': ui.textarea('รายละเอียด *').props('outlined autogrow'),
        }
        for name, element in inputs.items():
            element.classes('w-full').mark(f'public-{name}')
        ui.label(f'ไฟล์แนบ (PDF หรือรูปภาพ ไม่เกิน {eservice.MAX_FILES} ไฟล์)').classes('text-sm')
        files_label = ui.label('').classes('text-sm text-slate-600').mark('public-files-list')
        files_error = ui.label('').classes('text-sm text-red-700').mark('public-files-error')

        async def received(e: events.UploadEventArguments) -> None:
            uploads.append((e.file.name, await e.file.read()))
            files_label.text = 'แนบแล้ว: ' + ', '.join(n for n, _ in uploads)

        def clear_files() -> None:
            uploads.clear()
            files_label.text = ''
            upload.reset()
        def rejected() -> None:
            files_error.text = f'ไฟล์แนบ: ไฟล์ใหญ่เกิน {MAX_UPLOAD // 1048576} MB หรือชนิดไม่อนุญาต (PDF, JPG, PNG)'
        upload = LimitedUpload(MAX_UPLOAD, on_upload=received, on_rejected=rejected, multiple=True,
                               auto_upload=True, max_files=eservice.MAX_FILES).props(
            'accept=".pdf,.jpg,.jpeg,.png" label="เลือกไฟล์"').classes('w-full').mark('public-files')
        ui.button('ล้างไฟล์แนบ', on_click=clear_files).props('flat dense')
        consent = ui.checkbox('ข้าพเจ้ายินยอมให้ อปท. เก็บและใช้ข้อมูลนี้เพื่อดำเนินการตามคำร้องและติดต่อกลับ *').mark(
            'public-consent')
        consent_error = ui.label('').classes('text-sm text-red-700').mark('public-consent-error')
        form_error = ui.label('').classes('text-red-700 whitespace-pre-line').mark('public-errors')

        async def submit() -> None:
            for element in inputs.values():
                element.error = None
            files_error.text = consent_error.text = form_error.text = ''
            values = {name: element.value for name, element in inputs.items()}
            values['consent'] = bool(consent.value)
            button.disable()
            try:
                code = await run.io_bound(eservice.submit_request, values, list(uploads), address, org_id)
            except ValidationFailed as failed:
                for name, message in failed.errors.items():
                    if name in inputs:
                        inputs[name].error = message
                files_error.text = failed.errors.get('files', '')
                consent_error.text = failed.errors.get('consent', '')
                form_error.text = 'ส่งไม่ได้ กรุณาแก้ไข:\n' + str(failed)
                return
            finally:
                button.enable()
            card.clear()
            with card:
                ui.label('ส่งคำร้องเรียบร้อยแล้ว').classes('text-lg font-bold text-green-800')
                ui.label('รหัสติดตามของท่าน (โปรดจดไว้):')
                ui.label(code).classes('font-mono text-3xl text-primary').mark('public-code')
                ui.link('ตรวจสอบสถานะ', f'/e-service/track?code={code}')
        button = ui.button('ส่งคำร้อง', icon='send', on_click=submit).mark('public-submit')
    with ui.row().classes('w-full justify-center'):
        ui.link('ตรวจสอบสถานะด้วยรหัสติดตาม', '/e-service/track')



async def _track_page(address: str, code: str) -> None:
    with public_card('ตรวจสอบสถานะคำร้อง', E_SERVICE, 'max-w-2xl'):
        code_input = ui.input('รหัสติดตาม (เช่น ES-ABCD-EFGH)', value=code).props('outlined').classes(
            'w-full').mark('track-code')
        result = ui.column().classes('w-full')

        async def look() -> None:
            result.clear()
            try:
                found = await run.io_bound(eservice.track, code_input.value or '', address)
            except ValidationFailed as failed:
                with result:
                    ui.label(str(failed)).classes('text-red-700')
                return
            with result:
                if found is None:
                    ui.label('ไม่พบคำร้องตามรหัสนี้ กรุณาตรวจสอบรหัสอีกครั้ง').classes('text-red-700').mark(
                        'tracking-none')
                else:
                    _tracking_view(found)
        ui.button('ตรวจสอบ', icon='search', on_click=look).mark('track-button')
        if code:
            await look()
    with ui.row().classes('w-full justify-center'):
        ui.link('ยื่นคำร้องใหม่', '/e-service')
