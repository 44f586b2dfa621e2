"""Info pages: the villages register (from its declaration) and the executive board."""

from nicegui import ui

from apps.info import board as board_service
from apps.info.resources import VILLAGES
from core.reports import plotly_bar
from core.thai import format_date, format_money
from pages.kit import register_resource
from pages.layout import Viewer, frame, page


def _figure_row(label: str, value: str, path: str, marker: str) -> None:
    """One number of the board, a link to the records behind it."""
    with ui.row().classes('items-center gap-2 w-full'):
        ui.label(label).classes('grow')
        ui.link(value, path).classes('font-mono').mark(marker)


def _execution(board: board_service.Board) -> None:
    df = board.execution
    with ui.card().classes('w-full').mark('board-execution'):
        ui.label(f'การใช้จ่ายงบประมาณตามแผนงาน ปีงบประมาณ {board.fy}').classes('text-lg font-bold')
        if df is None or not len(df):
            ui.label('ยังไม่มีงบประมาณของปีนี้')
            return
        figure = plotly_bar(df, x='แผนงาน', y=['งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย'], title='', barmode='group',
                            labels={'value': 'บาท', 'variable': '', 'แผนงาน': ''})
        ui.plotly(figure).classes('w-full h-96')
        path = f'/elaas/reports/remaining?fy={board.fy}'
        for name, value in board.totals().items():
            _figure_row(f'{name} (รวม)', f'{format_money(value)} บาท', path, f'board-total-{name}')


def _projects(board: board_service.Board) -> None:
    df = board.projects
    with ui.card().classes('w-full').mark('board-projects'):
        ui.label(f'ความก้าวหน้าและการเบิกจ่ายรายโครงการ ปีงบประมาณ {board.fy}').classes('text-lg font-bold')
        if df is None or df.empty:
            ui.label('ยังไม่มีโครงการในแผนการดำเนินงานของปีนี้')
            return
        money = df[['โครงการ', 'งบตามข้อบัญญัติ (บาท)', 'เบิกจ่าย (บาท)']].head(15)
        figure = plotly_bar(money, x=['งบตามข้อบัญญัติ (บาท)', 'เบิกจ่าย (บาท)'], y='โครงการ', title='',
                            orientation='h', barmode='group', labels={'value': 'บาท', 'variable': '', 'โครงการ': ''})
        figure.update_layout(yaxis={'autorange': 'reversed'}, legend={'orientation': 'h', 'y': -0.15})
        ui.plotly(figure).classes('w-full h-[32rem]')
        path = f'/eplan/reports/monitoring?year={board.fy}'
        counts = df['สถานะ'].value_counts()
        for status, count in counts.items():
            _figure_row(f'โครงการ{status}', f'{int(count):,} โครงการ', path, f'board-progress-{status}')
        _figure_row('เบิกจ่ายรวมทุกโครงการ', f'{format_money(sum(df["เบิกจ่าย (บาท)"]))} บาท', path,
                    'board-projects-disbursed')


def _procurement(board: board_service.Board) -> None:
    with ui.card().classes('w-full md:w-[48%]').mark('board-procurement'):
        ui.label(f'สถานะการจัดซื้อจัดจ้าง ปีงบประมาณ {board.fy}').classes('text-lg font-bold')
        if not board.procurement:
            ui.label('ยังไม่มีแฟ้มจัดซื้อจัดจ้างของปีนี้')
            return
        import pandas as pd
        df = pd.DataFrame([(s, n) for s, n, _ in board.procurement], columns=['สถานะ', 'จำนวนแฟ้ม'])
        ui.plotly(plotly_bar(df, x='สถานะ', y='จำนวนแฟ้ม', title='')).classes('w-full h-72')
        for status, count, amount in board.procurement:
            _figure_row(status, f'{count:,} แฟ้ม {format_money(amount or 0)} บาท', '/egp/files',
                        f'board-procurement-{status}')


def _overdue(board: board_service.Board) -> None:
    with ui.card().classes('w-full md:w-[48%]').mark('board-overdue'):
        ui.label('หนังสือเกินกำหนดตามชั้นความเร็ว').classes('text-lg font-bold')
        if not board.overdue:
            ui.label('ไม่มีหนังสือเกินกำหนด')
            return
        import pandas as pd
        df = pd.DataFrame(board.overdue, columns=['ชั้นความเร็ว', 'จำนวนหนังสือ'])
        ui.plotly(plotly_bar(df, x='ชั้นความเร็ว', y='จำนวนหนังสือ', title='')).classes('w-full h-72')
        for urgency, count in board.overdue:
            _figure_row(urgency, f'{count:,} ฉบับ', '/eoffice/overdue', f'board-overdue-{urgency}')
        for number, subject, urgency, due, path in board.overdue_letters[:5]:
            with ui.row().classes('items-center gap-2 text-sm'):
                ui.link(f'{number} {subject}'[:80], path)
                ui.label(f'{urgency} · กำหนด {format_date(due)}').classes('text-slate-600')


def _away(board: board_service.Board) -> None:
    with ui.card().classes('w-full').mark('board-away'):
        ui.link(f'ผู้ลาวันนี้ {len(board.away):,} คน', '/hr/calendar').classes('text-lg font-bold').mark(
            'board-away-count')
        for name, title, until in board.away:
            ui.label(f'{name} · {title} ถึง {format_date(until)}')


def register() -> None:
    register_resource(VILLAGES)

    @page('/info/board', board_service.VIEW, 'กระดานผู้บริหาร', load=board_service.read)
    async def executive_board(viewer: Viewer, read: board_service.Board, fy: int | None = None) -> None:
        with frame(viewer, f'กระดานผู้บริหาร ปีงบประมาณ {read.fy}'):
            options = {y: f'ปีงบประมาณ {y}' for y in read.years}
            ui.select(options, value=read.fy, label='ปีงบประมาณ',
                      on_change=lambda e: ui.navigate.to(f'/info/board?fy={e.value}')).classes('w-48').mark(
                'board-fy')
            if read.execution is not None:
                _execution(read)
            if read.projects is not None:
                _projects(read)
            with ui.row().classes('w-full gap-4'):
                if read.procurement is not None:
                    _procurement(read)
                if read.overdue is not None:
                    _overdue(read)
            if read.away is not None:
                _away(read)
