"""The guided walkthroughs' pages: the trainee's flows and progress, one flow's steps (instructions, a button to the
page, done or not from the trainee's data), and the trainer's table of every user's progress."""

from nicegui import ui

from apps.help import walkthrough
from core.errors import NotFound
from pages.layout import Viewer, frame, page


def _one(actor, flow_key: str) -> walkthrough.Progress:
    found = next((p for p in walkthrough.mine(actor) if p.flow.key == flow_key), None)
    if found is None:
        raise NotFound('ไม่พบบทเรียนนี้')
    return found


def register() -> None:
    @page('/help/walkthroughs', 'help.view', 'บทเรียนทีละขั้น', load=walkthrough.mine)
    def index(viewer: Viewer, rows: list):
        with frame(viewer, 'บทเรียนทีละขั้น'):
            ui.label('ทำงานจริงในระบบทีละขั้น ระบบตรวจจากข้อมูลของท่านเองว่าทำขั้นใดแล้ว').classes(
                'text-sm text-slate-600')
            with ui.list().props('bordered separator').classes('w-full max-w-3xl bg-white').mark('walkthroughs'):
                for row in rows:
                    with ui.item(on_click=lambda r=row: ui.navigate.to(f'/help/walkthroughs/{r.flow.key}')).mark(
                            f'walkthrough-{row.flow.key}'):
                        with ui.item_section():
                            ui.item_label(row.flow.title)
                            ui.item_label(f'ทำแล้ว {row.count} จาก {len(row.done)} ขั้น').props('caption')
            if viewer.can(walkthrough.PROGRESS):
                ui.link('ความก้าวหน้าของผู้เข้าอบรม', '/help/walkthroughs/progress').mark('walkthrough-progress-link')

    @page('/help/walkthroughs/progress', walkthrough.PROGRESS, 'ความก้าวหน้าบทเรียนทีละขั้น', load=walkthrough.everyone)
    def progress(viewer: Viewer, rows: list):
        with frame(viewer, 'ความก้าวหน้าบทเรียนทีละขั้นของผู้ใช้แต่ละคน'):
            flows = walkthrough.flows()
            columns = [{'name': 'name', 'label': 'ชื่อ-สกุล', 'field': 'name', 'align': 'left', 'sortable': True}] + [
                {'name': f.key, 'label': f.title.split(' → ')[0] if len(f.title) > 40 else f.title, 'field': f.key}
                for f in flows]
            ui.table(columns=columns, rows=[
                {'id': r.user_id, 'name': r.name,
                 **{p.flow.key: f'{p.count}/{len(p.done)}' + (' ✓' if p.current is None else '') for p in r.flows}}
                for r in rows], row_key='id').classes('w-full max-w-5xl').mark('walkthrough-progress')

    @page('/help/walkthroughs/{flow_key}', 'help.view', 'บทเรียนทีละขั้น', load=_one,
          samples=lambda: [f'/help/walkthroughs/{f.key}' for f in walkthrough.flows()])
    def one(viewer: Viewer, found: walkthrough.Progress, flow_key: str):
        with frame(viewer, found.flow.title):
            ui.label(found.flow.description).classes('text-sm text-slate-600')
            ui.linear_progress(found.count / len(found.done), show_value=False).classes('max-w-3xl').mark(
                'walkthrough-bar')
            ui.label(f'ทำแล้ว {found.count} จาก {len(found.done)} ขั้น').mark('walkthrough-count')
            for n, (step, done) in enumerate(zip(found.flow.steps, found.done, strict=True), start=1):
                current = n - 1 == found.current
                with ui.card().classes('w-full max-w-3xl ' + ('bg-green-50' if done else
                                                              'border-2 border-blue-400' if current else '')).mark(
                        f'walkthrough-step-{n}'):
                    with ui.row().classes('items-center gap-2'):
                        ui.icon('check_circle' if done else 'radio_button_unchecked',
                                color='green' if done else 'grey')
                        ui.label(f'ขั้นที่ {n}: {step.title}').classes('font-medium')
                        if done:
                            ui.badge('ทำแล้ว', color='green').mark(f'walkthrough-done-{n}')
                    ui.label(step.instructions)
                    ui.button('ไปที่หน้านี้', icon='open_in_new', on_click=lambda s=step: ui.navigate.to(s.link)).props(
                        'outline dense' if not current else 'dense')
            ui.link('← บทเรียนทีละขั้น', '/help/walkthroughs')
