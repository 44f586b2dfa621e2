"""e-Plan pages: the registers (from their declarations), the front page with charts, the reports page and the
Excel import of a plan."""


from nicegui import events, run, ui

from apps.eplan import importer, reports, service
from apps.eplan.resources import ALL, EDITIONS, PROJECTS
from apps.eplan.sections import edition_diff, project_money
from core.errors import Refusal
from core.reports import plotly_bar
from pages.kit import import_report, register_resource, remembering
from pages.layout import Viewer, frame, page
from pages.reports import register_reports


def register() -> None:
    sections = {EDITIONS.ident: [edition_diff], PROJECTS.ident: [project_money]}
    for resource in ALL:
        register_resource(resource, sections.get(resource.ident, ()))

    @page('/eplan', 'eplan.plan.view', 'แผนพัฒนาท้องถิ่น', load=_front_read)
    async def front(viewer: Viewer, read: tuple) -> None:
        await _front(viewer, *read)

    register_reports('eplan', 'eplan.plan.view', 'รายงานแผนพัฒนาท้องถิ่น')

    @page('/eplan/import', 'eplan.project.edit', 'นำเข้าแผนจาก Excel')
    async def import_page(viewer: Viewer) -> None:
        await _import(viewer)


def _front_read(actor) -> tuple:
    """The front page's plan, its active year, and the charts' data, in the page's one trip."""
    data = service.plan_data(actor)
    year = service.active_year(actor)
    if data is None:
        return None, year, None, None
    return data, year, reports.budget_by_strategy(data), reports.progress_counts(actor, year)


async def _front(viewer: Viewer, data, year: int, by_strategy, progress) -> None:
    with frame(viewer, 'แผนพัฒนาท้องถิ่น'):
        if data is None:
            ui.label('ยังไม่มีแผนพัฒนาท้องถิ่น: เริ่มจาก "รอบแผน" แล้วสร้าง "ฉบับของแผน" (ฉบับแรก) '
                     'หรือนำเข้าแผนจาก Excel').mark('plan-empty')
            return
        with ui.card().classes('w-full').mark('plan-summary'):
            ui.label(data.edition.title).classes('text-lg font-bold')
            ui.label(f'สถานะ: {service.EDITION_STATES.get(data.edition.status)} · '
                     f'{len(data.projects)} โครงการ · {len(data.equipment)} รายการครุภัณฑ์').mark('plan-state')
            with ui.row():
                ui.button('ผ.01', on_click=lambda: ui.navigate.to('/eplan/reports/p01')).props('outline')
                ui.button('ผ.02', on_click=lambda: ui.navigate.to('/eplan/reports/p02')).props('outline')
                ui.button('ฉบับของแผน', on_click=lambda: ui.navigate.to('/eplan/editions')).props('outline')
                ui.button(f'ติดตามผล ปี {year}', on_click=lambda: ui.navigate.to(
                    f'/eplan/reports/monitoring?year={year}')).props('outline')
        with ui.row().classes('w-full'):
            if not by_strategy.empty:
                figure = plotly_bar(by_strategy, x='ปีงบประมาณ', y='งบประมาณ (บาท)', color='ยุทธศาสตร์',
                                    title='งบประมาณตามแผน แยกตามยุทธศาสตร์และปี')
                figure.update_layout(legend={'orientation': 'h', 'y': -0.25})
                ui.plotly(figure).classes('w-full h-[28rem]').mark('chart-strategy')
            figure = plotly_bar(progress, x='สถานะ', y='จำนวนโครงการ', title=f'ความก้าวหน้าโครงการ ปีงบประมาณ {year}')
            ui.plotly(figure).classes('w-full h-80').mark('chart-progress')


async def _import(viewer: Viewer) -> None:
    actor = viewer.principal
    with frame(viewer, 'นำเข้าแผนจาก Excel'):
        ui.label('ไฟล์ Excel หนึ่งแถวต่อหนึ่งโครงการ มีคอลัมน์ โครงการ, ยุทธศาสตร์/กลยุทธ์ (หรือ ยุทธศาสตร์), แผนงาน, '
                 'หน่วยงานรับผิดชอบหลัก และงบประมาณรายปี (หัวคอลัมน์มีปี พ.ศ. เช่น "งบประมาณ 2568 (บาท)"; "-" = 0) '
                 '— รูปแบบเดียวกับ Excel ของ ผ.02 ที่ส่งออกจากระบบ. โครงการจะเข้าฉบับร่างของแผน: '
                 'โครงการเดิม (ยุทธศาสตร์/กลยุทธ์ ชื่อ และปีเดียวกัน) ปรับปรุง โครงการอื่นเพิ่ม').classes('text-sm text-slate-600')
        result = ui.column().classes('w-full')
        state: dict = {'content': None}

        async def preview(e: events.UploadEventArguments) -> None:
            state['content'] = await e.file.read()
            await check(commit=False)

        async def check(commit: bool = False) -> None:
            result.clear()
            try:
                report = await run.io_bound(importer.import_plan, actor, state['content'], commit)
            except Refusal as error:
                with result:
                    ui.label(str(error)).classes('text-red-700').mark('import-error')
                return
            with result:
                if commit:
                    ui.label(f'นำเข้าแล้ว {report.imported} โครงการ (เพิ่มหรือปรับปรุง)').classes(
                        'text-green-800 font-bold').mark('import-done')
                box = ui.column().classes('w-full')
                import_report(box, report, PROJECTS, remembering(viewer, PROJECTS, check))
                writes = len(report.of('new')) + len(report.of('changed'))
                if not commit and writes:
                    ui.button(f'นำเข้า {writes} แถว (ใหม่และแก้ไข)', icon='check',
                              on_click=lambda: check(commit=True)).mark('import-commit')
        ui.upload(on_upload=preview, auto_upload=True).props('accept=.xlsx label="เลือกไฟล์ Excel"').mark(
            'import-upload')
