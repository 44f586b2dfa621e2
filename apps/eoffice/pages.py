"""e-Office pages: the registers (from their declarations), the inbox, the overdue list, reserved and cancelled
numbers, and the public /e-service."""

from datetime import date

from fastapi.responses import RedirectResponse
from nicegui import ui

from apps.eoffice import eservice_page, registers, routing
from apps.eoffice.link_card import related_letters
from apps.eoffice.resources import RESOURCES
from apps.eoffice.sections import document_sections
from core import thai
from core.thai import be_year, format_date, format_datetime
from pages.kit import offer_card, register_resource
from pages.layout import Viewer, attempt, frame, page


def _documents_table(rows, today: date | None = None, marker: str = 'documents-table') -> None:
    columns = [{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in (
        ('register', 'ทะเบียน'), ('number', 'เลขที่'), ('date', 'ลงวันที่'), ('subject', 'เรื่อง'),
        ('urgency', 'ชั้นความเร็ว'), ('status', 'สถานะ'), ('due', 'กำหนดเสร็จ'))]
    data = [{'id': d.id, 'path': registers.path_of(d), 'register': registers.REGISTERS[d.register_key],
             'number': d.number_text, 'date': format_date(d.doc_date), 'subject': d.subject,
             'urgency': registers.URGENCY.get(d.urgency, ''), 'status': registers.STATUSES.get(d.status, d.status),
             'due': format_date(d.due_date) + (f' (เกิน {(today - d.due_date).days} วัน)' if today and d.due_date
                                               else '')} for d in rows]
    table = ui.table(columns=columns, rows=data, row_key='id', pagination=50).classes('w-full').props(
        'flat bordered wrap-cells').mark(marker)
    table.on('row-click', lambda e: ui.navigate.to(e.args[1]['path']))


def _overdue(actor) -> tuple:
    """Today and the letters past their due date, in the page's one trip."""
    today = thai.today()
    return today, routing.overdue(actor, today)


def _burned(actor, year: int | None = None) -> tuple:
    """The year shown (this one unless asked) and its cancelled numbers, in the page's one trip."""
    year = year or be_year(thai.today())
    return year, registers.burned(actor, year)


def register() -> None:
    offer_card('letters', lambda resource, title: related_letters(resource.model.__name__,
                                                                  title or 'หนังสือที่เกี่ยวข้อง'))
    for resource in RESOURCES:
        register_resource(resource, document_sections)
    eservice_page.register()

    @page('/eoffice', registers.VIEW, 'สารบรรณอิเล็กทรอนิกส์')
    def home(viewer: Viewer):
        return RedirectResponse('/eoffice/inbox')

    @page('/eoffice/inbox', registers.VIEW, 'งานรอดำเนินการ', load=routing.inbox)
    async def inbox(viewer: Viewer, rows: list):
        with frame(viewer, 'หนังสือรอท่านดำเนินการ'):
            ui.label('หนังสือที่อยู่ที่ท่าน (เสนอ เกษียน มอบหมาย) และคำร้องจากประชาชนที่ยังไม่มีผู้รับ '
                     'เรียงตามชั้นความเร็ว').classes('text-sm text-slate-600 -mt-3')
            ui.label(f'ทั้งหมด {len(rows):,} รายการ').mark('inbox-count')
            _documents_table(rows, marker='inbox-table')

    @page('/eoffice/overdue', registers.VIEW, 'หนังสือเกินกำหนด', load=_overdue)
    async def overdue(viewer: Viewer, read: tuple):
        today, rows = read
        with frame(viewer, 'หนังสือเกินกำหนด'):
            ui.label('หนังสือที่ยังไม่เสร็จและเลยกำหนด เรียงตามชั้นความเร็ว (ด่วนที่สุดก่อน) แล้วตามวันที่เกินนานที่สุด'
                     ).classes('text-sm text-slate-600 -mt-3')
            ui.label(f'ทั้งหมด {len(rows):,} รายการ').mark('overdue-count')
            _documents_table(rows, today, marker='overdue-table')

    @page('/eoffice/numbers', registers.REGISTER, 'จองเลข / เลขที่ยกเลิก', load=_burned)
    async def numbers(viewer: Viewer, read: tuple, year: int | None = None):
        year, burned = read
        with frame(viewer, 'จองเลขหนังสือ และเลขที่ยกเลิก'):
            with ui.card().classes('w-full max-w-3xl').mark('reserve-card'):
                ui.label('จองเลข (ออกเลขไว้ก่อนลงนาม)').classes('font-bold')
                choices = {k: v for k, v in registers.REGISTERS.items() if k != 'incoming'}
                with ui.row().classes('items-end gap-2 w-full'):
                    register_key = ui.select(choices, label='ทะเบียน', value='outgoing').props(
                        'outlined dense').classes('w-48').mark('reserve-register')
                    count = ui.number('จำนวนเลข', value=1, min=1, max=50, precision=0).props(
                        'outlined dense').classes('w-32').mark('reserve-count')
                    note = ui.input('ใช้สำหรับ').props('outlined dense').classes('grow').mark('reserve-note')
                result = ui.label('').classes('text-green-800').mark('reserve-result')

                async def reserve() -> None:
                    try:
                        how_many = int(count.value or 0)
                    except ValueError:
                        ui.notify('จำนวนเลขที่จอง: ต้องเป็นตัวเลข', type='negative')
                        return
                    done, taken = await attempt(viewer, lambda actor: registers.reserve_numbers(
                        actor, register_key.value, how_many, note.value or ''))
                    if not done:
                        return
                    result.text = 'จองแล้ว: ' + ', '.join(taken)
                ui.button('จองเลข', icon='bookmark_add', on_click=reserve).mark('reserve-button')
            with ui.card().classes('w-full max-w-3xl').mark('burned-card'):
                ui.label(f'เลขที่ยกเลิก ปี พ.ศ. {year} (ไม่นำกลับมาใช้)').classes('font-bold')
                columns = [{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in (
                    ('register', 'ทะเบียน'), ('text', 'เลขที่'), ('reason', 'เหตุผล'), ('at', 'ยกเลิกเมื่อ'))]
                rows = [{'id': b.id, 'register': title, 'text': b.text, 'reason': b.reason,
                         'at': format_datetime(b.burned_at)} for title, b in burned]
                ui.table(columns=columns, rows=rows, row_key='id', pagination=50).classes('w-full').props(
                    'flat bordered dense').mark('burned-table')

