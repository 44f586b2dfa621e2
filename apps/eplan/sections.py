"""Extra cards on e-Plan detail pages: the readable diff of an edition, and a project's money and progress."""

from nicegui import run, ui

from apps.eplan import service
from apps.eplan.links import ProjectMoney
from core.thai import format_money
from pages.kit import Section
from pages.layout import Viewer


def show_diff(result: service.EditionDiff) -> None:
    """Added, removed and changed projects, field by field (old → new)."""
    ui.label(f'เปรียบเทียบ "{result.older}" → "{result.newer}"').classes('text-sm text-slate-600')
    if result.empty:
        ui.label('ไม่มีโครงการที่เพิ่ม ตัดออก หรือเปลี่ยนแปลง').mark('diff-empty')
        return
    if result.added:
        ui.label(f'เพิ่ม {len(result.added)} โครงการ').classes('font-bold text-green-800')
        for name in result.added:
            ui.label(f'+ {name}').classes('text-green-800').mark('diff-added')
    if result.removed:
        ui.label(f'ตัดออก {len(result.removed)} โครงการ').classes('font-bold text-red-800')
        for name in result.removed:
            ui.label(f'− {name}').classes('text-red-800 line-through').mark('diff-removed')
    if result.changed:
        ui.label(f'เปลี่ยนแปลง {len(result.changed)} โครงการ').classes('font-bold text-amber-800')
        for change in result.changed:
            with ui.column().classes('gap-0 pl-2 border-l-4 border-amber-300').mark('diff-changed'):
                ui.label(change.name).classes('font-medium')
                for title, before, after in change.fields:
                    ui.label(f'{title}: {before} → {after}').classes('text-sm')


def _diff_read(actor, edition) -> tuple:
    """The editions to compare with, and the comparison with the edition this one was based on."""
    first = service.diff(actor, edition.based_on_id, edition.id) if edition.based_on_id else None
    return service.edition_choices(actor), first


def _diff(viewer: Viewer, edition, read: tuple) -> None:
    """On an edition's page: what it changes compared with the edition it was based on (or another one)."""
    choices, first = read
    choices.pop(edition.id, None)
    with ui.card().classes('w-full max-w-3xl').mark('edition-diff'):
        ui.label('การเปลี่ยนแปลงของฉบับนี้').classes('font-bold')
        other = ui.select(choices, label='เทียบกับฉบับ', value=edition.based_on_id).props(
            'outlined dense options-dense').classes('w-full').mark('diff-other')
        box = ui.column().classes('w-full gap-1')

        def draw(result: service.EditionDiff | None) -> None:
            box.clear()
            with box:
                if result is None:
                    ui.label('ฉบับแรกของแผน: เลือกฉบับที่จะเทียบ')
                else:
                    show_diff(result)

        async def compare() -> None:
            draw(await run.io_bound(service.diff, viewer.principal, other.value, edition.id) if other.value else None)
        other.on_value_change(compare)
        draw(first)


edition_diff = Section(_diff, _diff_read)


def _money(viewer: Viewer, project, summary) -> None:
    """On a project's page: this fiscal year's budget, commitments and payments from e-LAAS, and the latest progress."""
    with ui.card().classes('w-full max-w-3xl').mark('project-money'):
        ui.label(f'การเงินและความก้าวหน้า ปีงบประมาณ {summary.year}').classes('font-bold')
        money: ProjectMoney = summary.money
        with ui.grid(columns='auto 1fr').classes('gap-x-6 gap-y-1'):
            for title, amount in (('งบตามแผน', summary.planned), ('งบตามข้อบัญญัติ', money.budgeted),
                                  ('ก่อหนี้ผูกพัน', money.committed), ('เบิกจ่าย', money.disbursed)):
                ui.label(title).classes('text-slate-600')
                ui.label(f'{format_money(amount)} บาท')
            ui.label('สถานะล่าสุด').classes('text-slate-600')
            ui.label(summary.status).mark('project-status')
        if summary.editions:
            ui.label('อยู่ในแผนฉบับ: ' + ' · '.join(summary.editions)).classes('text-xs text-slate-500')


project_money = Section(_money, lambda actor, project: service.project_summary(actor, project.id))
