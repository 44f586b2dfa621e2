"""The Thai error page: whatever fails while a page is built, the user reads Thai and a reference to the log line.

NiceGUI calls the handler registered with `app.on_page_exception` for an exception raised by a page builder (the
shell's guard turns a builder running past the settings' page_timeout into `PageTimeout`, which lands here too).
The server logs one ERROR line naming the page and the same reference, with the traceback; NiceGUI's own copy of
the traceback (no reference) is dropped so the log holds the failure once.
"""

import logging
import secrets

from fastapi import Request
from fastapi.responses import Response
from nicegui import Client, app, ui
from nicegui.page import page as nicegui_page

from core.errors import Refusal
from pages import layout
from pages.layout import PageTimeout, public_card

log = logging.getLogger('lao.pages')


def new_reference() -> str:
    """A short id the user can read out on the phone: 8 hex digits."""
    return secrets.token_hex(4).upper()


def _already_logged(record: logging.LogRecord) -> bool:
    """Logging filter for NiceGUI's logger: False for its repeat of a failure this module has logged."""
    exception = record.exc_info[1] if record.exc_info else record.msg
    return not hasattr(exception, 'lao_reference')


def show_error_page(exception: Exception) -> None:
    """Build the error page (in NiceGUI's fresh error client) and log the failure with its reference."""
    reference = new_reference()
    request = ui.context.client.request
    path = request.url.path if request is not None else '?'
    exception.lao_reference = reference
    log.error('page %s failed, reference %s: %s', path, reference, exception,
              exc_info=(type(exception), exception, exception.__traceback__))
    if isinstance(exception, PageTimeout):
        title, detail = 'หน้านี้ใช้เวลาโหลดนานเกินไป', 'เครื่องแม่ข่ายอาจมีงานมากในขณะนี้ กรุณาลองใหม่อีกครั้งในสักครู่'
    elif isinstance(exception, Refusal) and str(exception):
        title, detail = 'ไม่สามารถแสดงหน้านี้ได้', str(exception)
    else:
        title, detail = 'เกิดข้อผิดพลาดในการแสดงหน้านี้', 'ระบบบันทึกรายละเอียดไว้แล้ว กรุณาลองใหม่อีกครั้ง'
    with public_card(f'เกิดข้อผิดพลาด: {title}').mark('error-page'):
        ui.label(detail)
        ui.label(f'รหัสอ้างอิง {reference}').classes('font-mono text-lg').mark('error-reference')
        ui.label('หากยังเกิดซ้ำ กรุณาแจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิงนี้').classes('text-sm text-slate-600')
        with ui.row().classes('gap-4'):  # plain links: they work even if the page's connection never opens
            ui.link('ลองใหม่', str(request.url) if request is not None else '/').mark('error-retry')
            ui.link('กลับหน้าหลัก', '/')


def show_error_in_place(exception: Exception) -> None:
    """A page that had already been answered with its shell failed: the same Thai error card, in the page."""
    ui.context.client.content.clear()
    show_error_page(exception)


def show_action_failure(exception: Exception) -> None:
    """A button or other event handler of a page failed (a bug): the user is told in Thai, with the reference of
    the one ERROR line logged."""
    reference = new_reference()
    exception.lao_reference = reference
    request = ui.context.client.request
    log.error('an action on page %s failed, reference %s: %s', request.url.path if request else '?', reference,
              exception, exc_info=(type(exception), exception, exception.__traceback__))
    ui.notify(f'ทำรายการไม่สำเร็จ เกิดข้อผิดพลาดในระบบ (รหัสอ้างอิง {reference}) ระบบบันทึกรายละเอียดไว้แล้ว '
              'กรุณาลองใหม่ หากยังเกิดซ้ำ กรุณาแจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิงนี้', type='negative', multi_line=True,
              timeout=0, close_button='ปิด')


def _not_found(nicegui_handler):
    """An address no page answers (a mistyped link, an old bookmark, a report that is no more): a Thai page with a
    way back, not NiceGUI's English one. An API endpoint's own 404 stays NiceGUI's (JSON)."""
    async def handler(request: Request, exception: Exception) -> Response:
        endpoint = request.scope.get('endpoint')
        if endpoint is not None and endpoint is not app and not request.scope.get('nicegui_page_path'):
            return await nicegui_handler(request, exception)
        log.info('not found: %s', request.url.path)
        with Client(nicegui_page(''), request=request) as client:
            with public_card('ไม่พบหน้าที่ต้องการ').mark('not-found'):
                ui.label('ที่อยู่นี้ไม่มีในระบบ อาจพิมพ์ผิด หรือหน้านั้นถูกย้ายหรือยกเลิกแล้ว')
                ui.label(request.url.path).classes('font-mono text-sm text-slate-600 break-all')
                ui.link('กลับหน้าหลัก', '/').mark('not-found-home')
        return client.build_response(request, 404)
    return handler


def register() -> None:
    if not getattr(app.exception_handlers.get(404), 'lao', False):
        handler = _not_found(app.exception_handlers[404])
        handler.lao = True
        app.exception_handlers[404] = handler
    app.on_page_exception(show_error_page)
    layout.late_failure = show_error_in_place
    layout.handler_failure = show_action_failure
    logging.getLogger('nicegui').addFilter(_already_logged)  # the same function each time: added once
