"""The reusable "หนังสือที่เกี่ยวข้อง" card: any app's detail page lists the letters linked to its record, and
adds or removes them by document number or words.

A register asks for it in its declaration, `cards={'letters': ''}` (or a title of its own); e-Office offers it
(`pages.kit.offer_card('letters', …)`), so the register's app never imports e-Office.
"""

from collections.abc import Callable

from nicegui import run, ui

from apps.eoffice import links, registers
from core.thai import format_date
from pages.kit import Section
from pages.layout import act


def related_letters(object_type: str, title: str = 'หนังสือที่เกี่ยวข้อง') -> Callable:
    """A detail section for records of `object_type`: the linked letters the viewer may see, with add/remove."""

    def read(actor, record) -> list | None:
        return links.letters_of(actor, object_type, record.id) if actor.can(registers.VIEW) else None

    def show(viewer, record, letters: list | None) -> None:
        if letters is not None:
            letters_card(viewer, record, object_type, title, letters)

    return Section(show, read)


def letters_card(viewer, record, object_type: str, title: str, letters: list) -> None:
    """The card itself, for a page that read the linked letters with the rest of the record."""
    actor = viewer.principal
    may_change = _may_change(actor, object_type)

    async def change(call, document_id: int, done: str) -> None:
        # a letter refers to earlier letters: the link belongs to the referring one (this record)
        args = (record.id, 'Document', document_id) if object_type == 'Document' else (
            document_id, object_type, record.id)
        await act(viewer, call, *args, success=done)

    with ui.card().classes('w-full max-w-3xl').mark('related-letters'):
        ui.label(f'{title} ({len(letters)})').classes('font-bold')
        for letter in letters:
            with ui.row().classes('items-center gap-2 w-full'):
                ui.icon('mail_outline', color='primary')
                ui.link(f'{registers.REGISTERS[letter.register_key]} {letter.number_text}',
                        registers.path_of(letter)).mark('related-letter-link')
                ui.label(f'{format_date(letter.doc_date)} · {letter.subject}').classes('text-sm grow')
                if may_change:
                    ui.button(icon='link_off', on_click=lambda d=letter.id: change(
                        links.unlink, d, 'ยกเลิกการเชื่อมโยงแล้ว')).props('flat dense round').tooltip(
                        'ยกเลิกการเชื่อมโยง').mark('related-letter-remove')
        if not may_change:
            return
        with ui.row().classes('items-center w-full gap-2'):
            picker = ui.select({}, label='เพิ่มหนังสือ: พิมพ์เลขที่หรือคำในเรื่อง', with_input=True).props(
                'outlined dense use-input hide-selected fill-input input-debounce=400').classes('grow').mark(
                'related-letter-search')

            async def search(e) -> None:
                found = await run.io_bound(links.find_documents, actor, e.args or '')
                picker.set_options({d.id: f'{registers.REGISTERS[d.register_key]} {d.number_text} · {d.subject}'
                                    for d in found if not (object_type == 'Document' and d.id == record.id)})
            picker.on('input-value', search)
            ui.button('เชื่อมโยง', icon='add_link', on_click=lambda: change(
                links.link, picker.value, 'เชื่อมโยงแล้ว') if picker.value else None).mark('related-letter-add')


def _may_change(actor, object_type: str) -> bool:
    if object_type == 'Document':
        return actor.can(registers.REGISTER)
    resource = links.owner_resource(object_type, actor)
    return resource is not None and actor.can(resource.edit)
