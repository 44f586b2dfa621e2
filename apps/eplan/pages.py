"""e-Plan pages: the registers (from their declarations), the front page with charts, the reports page and the
Excel import of a plan."""


from nicegui import context, events, run, ui

from apps.eoffice.link_card import related_letters
from apps.eplan import importer, reports, service
from apps.eplan.resources import ALL, EDITIONS, PROJECTS
from apps.eplan.sections import edition_diff, project_money
from core.errors import Refusal
from core.reports import plotly_bar, show_table
from core.thai import today
from pages.kit import register_resource
from pages.layout import Viewer, frame, page


def register() -> None:
    sections = {EDITIONS.ident: [edition_diff, related_letters('PlanEdition',
                                                               'หนังสือที่เกี่ยวข้อง (ประกาศ รายงานการประชุม)')],
                PROJECTS.ident: [project_money, related_letters('PlanProject')]}
    for resource in ALL:
        register_resource(resource, sections.get(resource.ident, ()))

    @page('/eplan', 'eplan.plan.view', 'แผนพัฒนาท้องถิ่น')
    async def front(viewer: Viewer) -> None:
        await _front(viewer)

    @page('/eplan/reports', 'eplan.plan.view', 'รายงานแผนพัฒนาท้องถิ่น',
          samples=lambda: [f'/eplan/reports?report={key}' for key in reports.REPORTS])
    async def reports_page(viewer: Viewer) -> None:
        await _reports(viewer)

    @page('/eplan/import', 'eplan.project.edit', 'นำเข้าแผนจาก Excel')
    async def import_page(viewer: Viewer) -> None:
        await _import(viewer)


async def _front(viewer: Viewer) -> None:
    actor = viewer.principal
    data = await run.io_bound(service.plan_data, actor)
    year = await run.io_bound(service.active_year, actor)
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
                ui.button('ผ.01', on_click=lambda: ui.navigate.to('/eplan/reports?report=p01')).props('outline')
                ui.button('ผ.02', on_click=lambda: ui.navigate.to('/eplan/reports?report=p02')).props('outline')
                ui.button('ฉบับของแผน', on_click=lambda: ui.navigate.to('/eplan/editions')).props('outline')
                ui.button(f'ติดตามผล ปี {year}', on_click=lambda: ui.navigate.to(
                    f'/eplan/reports?report=monitoring&year={year}')).props('outline')
        by_strategy = await run.io_bound(service.budget_by_strategy, data)
        progress = await run.io_bound(service.progress_counts, actor, year)
        with ui.row().classes('w-full'):
            if not by_strategy.empty:
                figure = plotly_bar(by_strategy, x='ปีงบประมาณ', y='งบประมาณ (บาท)', color='ยุทธศาสตร์',
                                    title='งบประมาณตามแผน แยกตามยุทธศาสตร์และปี')
                figure.update_layout(legend={'orientation': 'h', 'y': -0.25})
                ui.plotly(figure).classes('w-full h-[28rem]').mark('chart-strategy')
            figure = plotly_bar(progress, x='สถานะ', y='จำนวนโครงการ', title=f'ความก้าวหน้าโครงการ ปีงบประมาณ {year}')
            ui.plotly(figure).classes('w-full h-80').mark('chart-progress')


async def _reports(viewer: Viewer) -> None:
    actor = viewer.principal
    params = context.client.request.query_params
    editions = await run.io_bound(service.edition_choices, actor)
    year = await run.io_bound(service.active_year, actor)
    try:
        year = int(params.get('year', year))
    except ValueError:
        pass
    state = {'report': params.get('report', 'p01') if params.get('report') in reports.REPORTS else 'p01',
             'edition': None, 'year': year, 'thai': False}
    with frame(viewer, 'รายงานแผนพัฒนาท้องถิ่น'):
        with ui.row().classes('w-full items-center gap-2'):
            which = ui.select({k: r.title for k, r in reports.REPORTS.items()}, value=state['report'],
                              label='รายงาน').props('outlined dense').classes('w-96').mark('report-which')
            edition = ui.select({'': 'ฉบับที่ใช้อยู่', **editions}, value='', label='ฉบับของแผน').props(
                'outlined dense options-dense').classes('w-96').mark('report-edition')
            fiscal = ui.number('ปีงบประมาณ', value=state['year'], format='%d').props('outlined dense').classes(
                'w-32').mark('report-year')
            thai = ui.checkbox('เลขไทย').mark('report-thai')
        with ui.row().classes('gap-2'):
            ui.button('Excel', icon='download', on_click=lambda: _download(viewer, state, 'xlsx')).props(
                'outline').mark('report-xlsx')
            ui.button('PDF', icon='picture_as_pdf', on_click=lambda: _download(viewer, state, 'pdf')).props(
                'outline').mark('report-pdf')
        box = ui.column().classes('w-full')

        async def show() -> None:
            state.update(report=which.value, edition=edition.value or None, thai=thai.value,
                         year=int(fiscal.value or year))
            report = reports.REPORTS[state['report']]
            edition.set_visibility(not report.by_year)
            fiscal.set_visibility(report.by_year)
            df, sub = await run.io_bound(reports.table, actor, state['report'], state['edition'], state['year'],
                                         viewer.org_name)
            box.clear()
            with box:
                ui.label(report.title).classes('text-lg font-bold').mark(f'report-{report.key}')
                ui.label(sub).classes('text-sm text-slate-600').mark('report-subtitle')
                if df.empty:
                    ui.label('ไม่มีข้อมูล').mark('report-empty')
                else:
                    show_table(df, rows_per_page=100).mark('report-table')
        for element in (which, edition, fiscal, thai):
            element.on_value_change(show)
        await show()


async def _download(viewer: Viewer, state: dict, kind: str) -> None:
    actor, key = viewer.principal, state['report']
    if kind == 'xlsx':
        content = await run.io_bound(reports.xlsx, actor, key, state['edition'], state['year'], viewer.org_name)
        ui.download.content(content, f'eplan-{key}-{today().isoformat()}.xlsx')
    else:
        ui.notify('กำลังสร้าง PDF …')
        content = await run.io_bound(reports.pdf, actor, key, state['edition'], state['year'], viewer.org_name,
                                     state['thai'])
        ui.download.content(content, f'eplan-{key}-{today().isoformat()}.pdf', 'application/pdf')


async def _import(viewer: Viewer) -> None:
    actor = viewer.principal
    with frame(viewer, 'นำเข้าแผนจาก Excel'):
        ui.label('ไฟล์ Excel หนึ่งแถวต่อหนึ่งโครงการ มีคอลัมน์ โครงการ, ยุทธศาสตร์/กลยุทธ์ (หรือ ยุทธศาสตร์), แผนงาน, '
                 'หน่วยงานรับผิดชอบหลัก และงบประมาณรายปี (หัวคอลัมน์มีปี พ.ศ. เช่น "งบประมาณ 2568 (บาท)"; "-" = 0) '
                 '— รูปแบบเดียวกับ Excel ของ ผ.02 ที่ส่งออกจากระบบ. โครงการจะเข้าฉบับร่างของแผน: '
                 'ชื่อเดิมปรับปรุง ชื่อใหม่เพิ่ม').classes('text-sm text-slate-600')
        result = ui.column().classes('w-full')
        state: dict = {'content': None}

        async def preview(e: events.UploadEventArguments) -> None:
            state['content'] = await e.file.read()
            await check(commit=False)

        async def check(commit: bool) -> None:
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
                ui.label(f'ตรวจ {len(report.rows)} แถว: ถูกต้อง {len(report.valid)} · มีข้อผิดพลาด '
                         f'{len(report.invalid)}').mark('import-summary')
                for row in report.invalid[:200]:
                    ui.label(f'แถว {row.number}: ' + ' · '.join(row.errors)).classes('text-sm text-red-700').mark(
                        'import-row-error')
                if not commit and report.valid:
                    ui.button(f'นำเข้า {len(report.valid)} แถวที่ถูกต้อง', icon='check',
                              on_click=lambda: check(commit=True)).mark('import-commit')
        ui.upload(on_upload=preview, auto_upload=True).props('accept=.xlsx label="เลือกไฟล์ Excel"').mark(
            'import-upload')
