"""Cards on a document's detail page: routing (เกษียนหนังสือ) with its timeline, the citizen request, the records
the letter is linked to, and print options."""

from nicegui import run, ui

from apps.eoffice import eservice, kinds, registers, routing
from apps.eoffice.letter import letter_view
from apps.eoffice.link_card import letters_card
from apps.eoffice.reports import ENVELOPE_FORMS, print_envelope, print_letter
from core.errors import Refusal
from core.thai import format_date, format_datetime, parse_be_date
from pages.kit import Section
from pages.layout import act

QUICK_ORDERS = ('ทราบ', 'ทราบ แจ้งเวียนทุกส่วนราชการ', 'มอบ {division} ดำเนินการ', 'มอบ {division} พิจารณาเสนอความเห็น')


def _due(text: str):
    return parse_be_date(text) if (text or '').strip() else None


def _letter_cards(viewer, document, view) -> None:
    """The cards below a letter's fields, from one read of everything they show (`letter_view`)."""
    _routing_card(viewer, document, view.moves, view.trail)
    if view.request is not None:
        _citizen_card(view.request)
    _print_row(viewer, document)
    letters_card(viewer, document, 'Document', 'หนังสืออ้างถึง', view.referring)
    _linked_records_card(view.records)


letter_sections = Section(_letter_cards, lambda actor, document: letter_view(actor, document.id))


def _routing_card(viewer, document, moves: routing.Moves, steps: list[routing.TrailStep]) -> None:
    shown = document.version  # every move carries the version this page shows: a letter moved since is refused
    with ui.card().classes('w-full max-w-3xl').mark('routing'):
        with ui.row().classes('items-center gap-2'):
            ui.label('การเกษียนและการดำเนินการ').classes('font-bold')
            ui.badge(registers.STATUSES.get(document.status, document.status)).props('outline').mark('doc-status')
            if document.secrecy != 'normal':
                ui.badge(registers.SECRECY[document.secrecy], color='red').mark('doc-secrecy')
            if document.urgency != 'normal':
                ui.badge(registers.URGENCY[document.urgency], color='orange')
            if document.due_date and document.status in registers.OPEN_STATES:
                ui.label(f'กำหนดเสร็จ {format_date(document.due_date)}').classes('text-sm text-slate-600')
        if moves.acknowledge:
            ui.button('รับทราบ', icon='done', on_click=lambda: act(
                viewer, routing.acknowledge, document.id, version=shown, success='รับทราบแล้ว')).mark('route-acknowledge')
        if moves.present:
            with ui.row().classes('items-end w-full gap-2').mark('route-present'):
                to = ui.select(moves.present, label='เสนอถึง').props('outlined dense').classes('w-64').mark(
                    'present-to')
                note = ui.input('ความเห็นเสนอ', value='เพื่อโปรดพิจารณา').props('outlined dense').classes('grow')
                ui.button('เสนอ', icon='send', on_click=lambda: act(
                    viewer, routing.present, document.id, to.value, note.value or '', version=shown,
                    success='เสนอแล้ว')).mark(
                    'present-button')
        if moves.order:
            with ui.column().classes('w-full gap-1 border rounded p-2').mark('route-order'):
                ui.label('เกษียนสั่งการ').classes('font-medium')
                division = ui.select(moves.divisions, label='มอบให้ส่วนราชการ (ถ้ามี)', clearable=True).props(
                    'outlined dense').classes('w-80').mark('order-division')
                text = ui.textarea('ข้อความเกษียน').props('outlined dense autogrow').classes('w-full').mark(
                    'order-text')
                with ui.row().classes('gap-1'):
                    for template in QUICK_ORDERS:
                        def fill(t=template) -> None:
                            name = moves.divisions.get(division.value, '...')
                            text.value = t.format(division=name)
                        ui.chip(template.format(division='…'), on_click=fill).props('clickable dense outline')
                due = ui.input('ให้เสร็จภายใน (วว/ดด/ปปปป)').props('outlined dense').classes('w-64').mark('order-due')

                async def save_order() -> None:
                    try:
                        due_date = _due(due.value)
                    except ValueError as error:
                        ui.notify(f'ให้เสร็จภายใน: {error}', type='negative')
                        return
                    await act(viewer, routing.order, document.id, text.value or '', division.value, None, due_date,
                              version=shown, success='บันทึกเกษียนแล้ว')
                ui.button('บันทึกเกษียน', icon='edit_note', on_click=save_order).mark('order-button')
        if moves.assign:
            with ui.row().classes('items-end w-full gap-2').mark('route-assign'):
                person = ui.select(moves.assign, label='มอบหมายให้').props('outlined dense').classes('w-80').mark(
                    'assign-to')
                note = ui.input('คำสั่ง', value='ดำเนินการ').props('outlined dense').classes('grow')
                ui.button('มอบหมาย', icon='person_add', on_click=lambda: act(
                    viewer, routing.assign, document.id, person.value, note.value or '', version=shown,
                    success='มอบหมายแล้ว')).mark(
                    'assign-button')
        if moves.complete:
            with ui.row().classes('items-end w-full gap-2').mark('route-complete'):
                result = ui.textarea('ผลการดำเนินการ / คำตอบ' if document.channel == 'e-service'
                                     else 'ผลการดำเนินการ').props('outlined dense autogrow').classes('grow').mark(
                    'complete-text')
                ui.button('ดำเนินการเสร็จ', icon='task_alt', on_click=lambda: act(
                    viewer, routing.complete, document.id, result.value or '', version=shown,
                    success='บันทึกผลแล้ว')).mark(
                    'complete-button')
        if moves.use_reserved:
            ui.button('ใช้เลขที่จองนี้ (หลังแก้ไขรายละเอียดแล้ว)', icon='check', on_click=lambda: act(
                viewer, registers.use_reserved, document.id, version=shown)).props('outline').mark('use-reserved')
        if moves.cancel:
            with ui.expansion('ยกเลิกหนังสือ (เลขจะถูกยกเลิก ไม่นำกลับมาใช้)', icon='block').classes('w-full'):
                reason = ui.input('เหตุผลการยกเลิก').props('outlined dense').classes('w-full').mark('cancel-reason')
                ui.button('ยกเลิกหนังสือ', color='negative', on_click=lambda: act(
                    viewer, registers.cancel, document.id, reason.value or '', version=shown,
                    success='ยกเลิกแล้ว')).mark(
                    'cancel-button')
        with ui.timeline(side='right').classes('w-full').mark('route-timeline'):
            for step in steps:
                title = routing.ACTIONS.get(step.action, step.action)
                if step.to_name:
                    title += f' → {step.to_name}'
                with ui.timeline_entry(subtitle=format_datetime(step.sent_at), title=title):
                    ui.label(f'โดย {step.from_name}' if step.from_name else '').classes('text-xs text-slate-600')
                    if step.text:
                        ui.label(step.text)
                    extras = []
                    if step.due_date:
                        extras.append(f'กำหนด {format_date(step.due_date)}')
                    if step.acknowledged_at:
                        extras.append(f'รับทราบ {format_datetime(step.acknowledged_at)}')
                    if step.completed_at and step.action not in ('complete', 'issue'):
                        extras.append(f'ส่งต่อ/เสร็จ {format_datetime(step.completed_at)}')
                    if extras:
                        ui.label(' · '.join(extras)).classes('text-xs text-slate-500')


def _citizen_card(request) -> None:
    with ui.card().classes('w-full max-w-3xl bg-sky-50').mark('citizen-request'):
        ui.label('คำร้องจากประชาชน (e-service)').classes('font-bold')
        ui.label(f'รหัสติดตาม {request.tracking_code} · {eservice.REQUEST_TYPES.get(request.request_type, "")}')
        ui.label(f'ผู้ยื่น {request.name} · ติดต่อกลับ {request.contact}')
        if request.answer:
            ui.label(f'คำตอบที่ประชาชนเห็น ({format_datetime(request.answered_at)}): {request.answer}').mark(
                'citizen-answer')
        else:
            ui.label('ยังไม่ได้ตอบ: ผู้ดำเนินการบันทึก "ผลการดำเนินการ / คำตอบ" แล้วประชาชนจะเห็นด้วยรหัสติดตาม').classes(
                'text-sm text-slate-600')


def _linked_records_card(found: list) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('linked-records'):
        ui.label(f'รายการที่หนังสือนี้อ้างถึง/เชื่อมโยง ({len(found)})').classes('font-bold')
        for item in found:
            with ui.row().classes('items-center gap-2'):
                ui.label(item.title).classes('text-sm text-slate-600')
                ui.link(item.label, item.path)


def _print_row(viewer, document) -> None:
    if document.register_key == 'incoming' or document.status == 'reserved':
        return
    with ui.row().classes('items-center gap-2').mark('letter-print'):
        digits = ui.checkbox('ใช้เลขไทย', value=True).mark('print-thai-digits')

        async def download() -> None:
            try:
                content = await run.io_bound(print_letter, viewer.principal, document.id, digits.value)
            except Refusal as error:
                ui.notify(str(error), type='negative')
                return
            ui.download.content(content, f'letter-{document.id}.pdf', 'application/pdf')
        ui.button('พิมพ์หนังสือตามแบบ', icon='print', on_click=download).props('outline').mark('letter-pdf')
        if document.register_key == 'outgoing' and kinds.form_of(document).key in ENVELOPE_FORMS:
            async def envelope() -> None:
                try:
                    content = await run.io_bound(print_envelope, viewer.principal, document.id, digits.value)
                except Refusal as error:
                    ui.notify(str(error), type='negative')
                    return
                ui.download.content(content, f'envelope-{document.id}.pdf', 'application/pdf')
            ui.button('พิมพ์ซองหนังสือ', icon='mail', on_click=envelope).props('outline').mark('envelope-pdf')


document_sections = [letter_sections]
