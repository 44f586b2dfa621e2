"""The manual pages."""

from nicegui import ui

from apps.help.service import find, manual
from pages.layout import Viewer, frame, page


def register() -> None:
    @page('/help', 'help.view', 'คู่มือการใช้งาน')
    def index(viewer: Viewer):
        with frame(viewer, 'คู่มือการใช้งาน'):
            with ui.list().props('bordered separator').classes('w-full max-w-3xl bg-white').mark('manual-index'):
                for doc in manual():
                    with ui.item(on_click=lambda d=doc: ui.navigate.to(f'/help/{d.app}/{d.slug}')):
                        with ui.item_section():
                            ui.item_label(doc.title)

    @page('/help/{app_key}/{slug}', 'help.view', 'คู่มือการใช้งาน',
          samples=lambda: [f'/help/{doc.app}/{doc.slug}' for doc in manual()])
    def show(viewer: Viewer, app_key: str, slug: str):
        doc = find(app_key, slug)
        with frame(viewer, doc.title if doc else 'ไม่พบหน้าคู่มือ'):
            if doc:
                ui.markdown(doc.body.split('\n', 1)[1] if doc.body.startswith('#') else doc.body).classes(
                    'max-w-3xl bg-white p-4 rounded').mark('manual-page')
            ui.link('← สารบัญคู่มือ', '/help')
