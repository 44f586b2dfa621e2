"""e-GP pages: the registers from their declarations (with the file's and installment's cards), the front page's
board for the fiscal year, the rules page, and the reports (สขร.1)."""

from nicegui import ui

from apps.egp import reports, rules
from apps.egp.resources import ALL, FILES, INSTALLMENTS, VIEW
from apps.egp.sections import file_section, installment_section
from core.thai import fiscal_year, format_date, format_money, today
from pages.kit import register_resource
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
