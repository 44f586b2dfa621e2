"""e-GP pages: the registers from their declarations (with the file's and installment's cards), the front page's
board for the fiscal year, the rules page, and the reports (สขร.1)."""

from nicegui import events, run, ui

from apps.egp import importer, ocds, reports, rules
from apps.egp.resources import ALL, CONTRACTS, FILES, INSTALLMENTS, VIEW
from apps.egp.sections import file_section, installment_section
from core.errors import Refusal
from core.thai import fiscal_year, format_date, format_money, today
from pages.kit import import_report, new_key, register_resource, remembering
from pages.layout import Viewer, frame, page
from pages.reports import register_reports


def register() -> None:
    sections = {FILES.ident: [file_section], INSTALLMENTS.ident: [installment_section]}
    for resource in ALL:
        register_resource(resource, sections.get(resource.ident, ()))

    @page('/egp', VIEW, 'การจัดซื้อจัดจ้าง', load=lambda actor: reports.board(actor, fiscal_year(today())))
    async def front(viewer: Viewer, read: dict) -> None:
        _front(viewer, read)

    @page('/egp/rules', VIEW, 'ระเบียบ วิธีจัดหา และวงเงิน')
    async def rules_page(viewer: Viewer) -> None:
        _rules(viewer)

    @page('/egp/import', importer.PERMISSION, 'นำเข้ารายการสัญญาจาก e-GP')
    async def import_page(viewer: Viewer) -> None:
        _import(viewer)

    register_reports('egp', VIEW, 'รายงานการจัดซื้อจัดจ้าง')


def _table(rows: list[tuple], mark: str) -> None:
    columns = [{'name': n, 'label': label, 'field': n, 'align': 'left'}
               for n, label in (('what', 'รายการ'), ('count', 'จำนวนแฟ้ม'), ('amount', 'วงเงิน (บาท)'))]
    ui.table(columns=columns, rows=[{'what': w, 'count': n, 'amount': format_money(a or 0)} for w, n, a in rows],
             row_key='what').classes('w-full').mark(mark)


def _front(viewer: Viewer, read: dict) -> None:
    fy = fiscal_year(today())
    with frame(viewer, 'การจัดซื้อจัดจ้าง'):
        with ui.row():
            if viewer.principal.can(FILES.edit):
                ui.button('เริ่มแฟ้มจากรายการงบประมาณ', icon='add',
                          on_click=lambda: ui.navigate.to('/egp/files/new')).mark('egp-new-file')
            ui.button('แบบ สขร.1', on_click=lambda: ui.navigate.to('/egp/reports/skr1')).props('outline')
            ui.button(f'ส่งออก OCDS ปีงบประมาณ {fy} (JSON)', icon='download',
                      on_click=lambda: _download_ocds(viewer, fy)).props('outline').mark('egp-ocds')
        with ui.row().classes('w-full no-wrap gap-4'):
            with ui.card().classes('w-1/2'):
                ui.label(f'ปีงบประมาณ {fy}: ตามสถานะ').classes('font-bold')
                _table(read['status'], 'board-status')
            with ui.card().classes('w-1/2'):
                ui.label('ตามวิธีจัดหา').classes('font-bold')
                _table(read['method'], 'board-method')
        with ui.card().classes('w-full').mark('board-warnings'):
            ui.label('ข้อสังเกตจากการตรวจสอบตนเอง').classes('font-bold')
            if not read['warned']:
                ui.label('ไม่มีข้อสังเกต')
            for file_id, number, text, warnings in read['warned']:
                ui.link(f'{number} {text[:80]}', f'/egp/files/{file_id}')
                for line in warnings.splitlines():
                    ui.label(f'• {line}').classes('text-sm text-amber-800')


async def _download_ocds(viewer: Viewer, fy: int) -> None:
    """The year's procurement as an OCDS 1.1 release package, checked against the schema before it is handed over."""
    package = await run.io_bound(ocds.release_package, viewer.principal, fy)
    if not package['releases']:
        ui.notify(f'ยังไม่มีแฟ้มจัดซื้อจัดจ้างของปีงบประมาณ {fy} ที่ส่งออกได้ (แฟ้มร่างไม่ส่งออก)', type='info')
        return
    errors = await run.io_bound(ocds.schema_errors, package)
    if errors:
        ui.notify(f'ข้อมูลไม่ตรงตามมาตรฐาน OCDS {len(errors)} จุด เช่น {errors[0]}', type='warning', multi_line=True)
        return
    ui.download.content(ocds.to_json(package), f'ocds-egp-{fy}.json', 'application/json')


def _rules(viewer: Viewer) -> None:
    on = today()
    with frame(viewer, 'ระเบียบ วิธีจัดหา และวงเงิน'):
        ui.label(f'เกณฑ์ที่ใช้บังคับ ณ วันที่ {format_date(on, "long")} (ข้อมูลจาก assets/egp/rules.yaml)').classes(
            'text-sm text-slate-600')
        with ui.card().classes('w-full').mark('rules-methods'):
            ui.label('วิธีซื้อหรือจ้าง').classes('font-bold')
            for rule in rules.methods(on).values():
                limit = f' วงเงินไม่เกิน {format_money(rule["max"])} บาท' if rule.get('max') else ''
                ui.label(f'{rule["title"]}{limit} — {rule["clause"]}')
        with ui.card().classes('w-full'):
            ui.label('วงเงินอื่น').classes('font-bold')
            for rule in rules.limits(on).values():
                ui.label(f'{rule["title"]} — {rule["clause"]}')
        with ui.card().classes('w-full'):
            ui.label('คณะกรรมการ').classes('font-bold')
            for code, rule in rules.committees(on).items():
                minimums = ', '.join(str(row['min']) for row in rule['minimums'])
                ui.label(f'{rule["title"]}: จำนวนขั้นต่ำ {minimums} คน ตามวงเงิน/ประเภท — {rule["clause"]}').mark(
                    f'rules-committee-{code}')


def _import(viewer: Viewer) -> None:
    actor = viewer.principal
    with frame(viewer, 'นำเข้ารายการสัญญาจาก e-GP'):
        ui.label('ไฟล์ CSV หรือ Excel ที่ส่งออกจากระบบ e-GP (หัวคอลัมน์ภาษาไทย: เลขที่โครงการ เลขคุมสัญญา '
                 'วันที่ลงนามสัญญา จำนวนเงินตามสัญญา) วันที่แบบย่อ เช่น "29 พ.ย. 67" และ "-" คือว่าง '
                 'จับคู่กับแฟ้มด้วยเลขที่โครงการ e-GP').classes('text-sm text-slate-600')
        result = ui.column().classes('w-full')
        state: dict = {'content': None, 'key': new_key()}

        async def check(commit: bool = False) -> None:
            result.clear()
            try:
                report = await run.io_bound(importer.import_egp, actor, state['content'], commit, state['key'])
            except Refusal as error:
                with result:
                    ui.label(str(error)).classes('text-red-700').mark('import-error')
                return
            with result:
                if commit:
                    ui.label(f'นำเข้าแล้ว {report.imported} สัญญา').classes('text-green-800 font-bold').mark(
                        'import-done')
                box = ui.column().classes('w-full').mark('import-preview')
                import_report(box, report, CONTRACTS, remembering(viewer, CONTRACTS, check))
                if not commit and report.of('changed'):
                    ui.button(f'นำเข้า {len(report.of("changed"))} สัญญา', icon='check',
                              on_click=lambda: check(commit=True)).mark('import-commit')

        async def preview(e: events.UploadEventArguments) -> None:
            state['content'], state['key'] = await e.file.read(), new_key()
            await check(commit=False)

        ui.upload(on_upload=preview, auto_upload=True).props('accept=.xlsx,.csv label="เลือกไฟล์"').mark(
            'import-upload')
