"""e-LAAS pages: the registers from their declarations, the voucher's lines and payment, the front page chart,
the reports (screen, Excel, PDF) and the period page (close, carry forward, workbook, opening balances)."""

from collections.abc import Callable
from decimal import Decimal

import pandas as pd
from nicegui import events, run, ui

from apps.elaas import books, reports, vouchers
from apps.elaas.resources import ALL, BUDGET_LINES, BUDGETS, VOUCHERS, commitment_choices, line_choices
from core.errors import Refusal
from core.reports import plotly_bar, show_table, to_pdf, to_xlsx
from core.thai import fiscal_year, format_date, format_money, parse_be_date, parse_money, today
from pages.kit import new_key, register_resource
from pages.layout import Viewer, act, frame, page, refused

# --- detail sections --------------------------------------------------------------------------------------------

async def voucher_lines_section(viewer: Viewer, record) -> None:
    actor = viewer.principal
    lines = await run.io_bound(vouchers.lines_of, actor, record.id)
    editable = record.status in vouchers.EDITABLE and actor.can('elaas.voucher.prepare', record)
    with ui.card().classes('w-full max-w-3xl').mark('voucher-lines'):
        ui.label('รายการในฎีกา').classes('font-bold')
        for line, target in lines:
            with ui.row().classes('items-center gap-2 w-full'):
                ui.label(target).classes('grow')
                ui.label(format_money(line.amount)).classes('font-mono')
                if editable and len(lines) > 1:
                    async def remove(line_id=line.id) -> None:
                        await act(viewer, vouchers.remove_line, record.id, line_id, success='', version=record.version)
                    ui.button(icon='delete', on_click=remove).props('flat dense color=negative')
        ui.label(f'ยอดขอเบิก {format_money(record.gross)} · ภาษีหัก ณ ที่จ่าย {format_money(record.wht)} · '
                 f'จ่ายสุทธิ {format_money(record.net)} บาท').classes('text-sm').mark('voucher-totals')
        if editable:
            choices = await run.io_bound(line_choices, actor)
            commitments = await run.io_bound(commitment_choices, actor)
            add_key = new_key()  # this form's submission: a double-click adds one line
            with ui.expansion('เพิ่มรายการ', icon='add').classes('w-full'):
                budget_line = ui.select(choices, label='รายการงบประมาณ', with_input=True).classes('w-full')
                commitment = ui.select({None: '—', **commitments}, label='ก่อหนี้ผูกพัน (ถ้ามี)', value=None).classes(
                    'w-full')
                account = ui.input('บัญชีนอกงบประมาณ (ถ้าไม่ใช้งบประมาณ)').classes('w-full')
                text = ui.input('คำอธิบาย').classes('w-full')
                amount = ui.input('จำนวนเงิน').classes('w-48')

                async def add() -> None:
                    try:
                        value = parse_money(amount.value or '0')
                    except ValueError as error:
                        refused(ValueError(f'จำนวนเงิน: {error}'))
                        return
                    clean = {'budget_line_id': budget_line.value, 'commitment_id': commitment.value,
                             'account_code': (account.value or '').strip(), 'line_description': text.value or '',
                             'amount': value}
                    await act(viewer, vouchers.add_line, record.id, clean, success='', version=record.version,
                              key=add_key)
                ui.button('เพิ่มรายการ', icon='add', on_click=add).mark('voucher-add-line')
    if record.status == 'approved' and await run.io_bound(vouchers.can_pay, actor, record):
        with ui.card().classes('w-full max-w-3xl').mark('voucher-pay'):
            ui.label('จ่ายเงิน').classes('font-bold')
            method = ui.select(vouchers.PAY_METHODS, label='วิธีจ่าย', value='transfer').classes('w-64').mark(
                'pay-method')
            reference = ui.input('เลขที่เช็ค/อ้างอิงการโอน').classes('w-64').mark('pay-reference')
            pay_key = new_key()
            paid_on = ui.input('วันที่จ่าย (วว/ดด/ปปปป พ.ศ.)', value=format_date(today(), 'numeric')).classes(
                'w-64').mark('pay-date')

            async def pay() -> None:
                try:
                    when = parse_be_date(paid_on.value or '')
                except ValueError as error:
                    refused(ValueError(f'วันที่จ่าย: {error}'))
                    return
                await act(viewer, vouchers.pay, record.id, method.value, reference.value or '', when,
                          success='บันทึกการจ่ายเงินแล้ว', version=record.version, key=pay_key)
            ui.button('บันทึกการจ่ายเงิน', icon='payments', on_click=pay).mark('pay-confirm')


async def budget_summary_section(viewer: Viewer, record) -> None:
    table = await run.io_bound(reports.personnel_share, viewer.principal, record.fiscal_year)
    with ui.card().classes('w-full max-w-3xl').mark('budget-summary'):
        ui.label('สรุปงบประมาณและค่าใช้จ่ายด้านบุคคล (มาตรา 35)').classes('font-bold')
        ui.label(f'งบประมาณรายจ่ายรวม {format_money(table["total"])} บาท · ค่าใช้จ่ายด้านบุคคล '
                 f'{format_money(table["personnel"])} บาท = ร้อยละ {table["pct"]} (เกณฑ์ไม่เกินร้อยละ {table["cap"]})')
        with ui.row():
            ui.link('รายการงบประมาณ', f'/elaas/budget-lines?fy={record.fiscal_year}')
            if viewer.can('elaas.report.view'):  # the budget's viewers (e.g. HR) need not hold the reports
                ui.link('ตารางมาตรา 35', f'/elaas/reports/personnel?fy={record.fiscal_year}')
                ui.link('งบประมาณคงเหลือ', f'/elaas/reports/remaining?fy={record.fiscal_year}')


def line_summary_section(viewer: Viewer, record) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('line-remaining'):
        ui.label(f'คงเหลือ {format_money(record.remaining)} บาท').classes('text-lg font-bold')
        ui.label(f'อนุมัติ {format_money(record.approved)} + โอนเพิ่ม {format_money(record.transfer_in)} − โอนลด '
                 f'{format_money(record.transfer_out)} − ก่อหนี้ผูกพัน {format_money(record.committed)} − เบิกจ่าย '
                 f'{format_money(record.disbursed)}').classes('text-sm text-slate-600')




# --- reports ---------------------------------------------------------------------------------------------------

def _download(content: bytes, name: str, kind: str) -> None:
    ui.download.content(content, name, kind)


def _report_view(viewer: Viewer, title: str, build: Callable[[], tuple[pd.DataFrame, str]], key: str,
                 landscape: bool = True) -> Callable:
    """A report area: table on screen, Excel and PDF of the same DataFrame. `build` runs off the event loop."""
    box = ui.column().classes('w-full')

    async def refresh() -> None:
        box.clear()
        try:
            df, subtitle = await run.io_bound(build)
        except Refusal as error:
            with box:
                ui.label(str(error)).classes('text-red-700')
            return
        with box:
            ui.label(subtitle).classes('text-slate-600')
            with ui.row():
                ui.button('Excel', icon='download', on_click=lambda: _download(
                    to_xlsx(df, title=f'{title} {subtitle}'), f'{key}.xlsx',
                    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).props('outline').mark(
                    'report-excel')
                ui.button('PDF', icon='picture_as_pdf', on_click=lambda: _download(
                    to_pdf(df, title, subtitle=subtitle, landscape=landscape), f'{key}.pdf',
                    'application/pdf')).props('outline').mark('report-pdf')
            show_table(df).mark('report-table')
    return refresh


def _fy_select(years: list[int], fy: int) -> ui.select:
    options = {y: f'ปีงบประมาณ {y}' for y in sorted(set(years) | {fy}, reverse=True)}
    return ui.select(options, value=fy, label='ปีงบประมาณ').classes('w-48').mark('report-fy')


REPORTS = [
    ('remaining', 'รายงานงบประมาณคงเหลือ', 'อนุมัติ โอนเพิ่ม โอนลด ก่อหนี้ผูกพัน เบิกจ่าย คงเหลือ รายรายการ'),
    ('trial-balance', 'งบทดลอง', 'ยอดคงเหลือทุกบัญชี ณ สิ้นเดือน'),
    ('ledger', 'บัญชีแยกประเภท', 'รายการเคลื่อนไหวและยอดคงเหลือของบัญชี'),
    ('cash-book', 'สมุดเงินสด/เงินฝากรายวัน', 'รับ-จ่ายเงินสดและเงินฝากของวัน ยอดยกมาและยกไป'),
    ('revenue', 'รายรับจริงเทียบประมาณการ', 'จำแนกตามประเภทรายรับ'),
    ('expenditure', 'รายจ่ายจำแนกตามแผนงานและงบ', 'เบิกจ่ายตามแผนงาน × งบ'),
    ('personnel', 'ตารางค่าใช้จ่ายด้านบุคคล (มาตรา 35)', 'ค่าใช้จ่ายบุคคลเทียบงบประมาณรายจ่าย'),
]


def register() -> None:
    sections = {VOUCHERS.ident: [voucher_lines_section], BUDGETS.ident: [budget_summary_section],
                BUDGET_LINES.ident: [line_summary_section]}
    for spec in ALL:
        register_resource(spec, sections.get(spec.ident, ()))

    @page('/elaas', 'elaas.report.view', 'บัญชีและงบประมาณ')
    async def front(viewer: Viewer, fy: int | None = None):
        actor = viewer.principal
        years = await run.io_bound(reports.budget_years, actor)
        fy = fy or (years[0] if years else fiscal_year(today()))
        df = await run.io_bound(reports.execution_by_program, actor, fy)
        with frame(viewer, f'ภาพรวมการใช้จ่ายงบประมาณ ปีงบประมาณ {fy}'):
            select = _fy_select(years, fy)
            select.on_value_change(lambda e: ui.navigate.to(f'/elaas?fy={e.value}'))
            total = {c: sum(df[c], Decimal('0')) for c in ('งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย')}
            with ui.row().classes('gap-4').mark('execution-summary'):
                for name, value in total.items():
                    with ui.card().classes('min-w-[12rem]'):
                        ui.label(name).classes('text-slate-600')
                        ui.label(f'{format_money(value)} บาท').classes('text-lg font-bold')
                remaining = total['งบประมาณ'] - total['ก่อหนี้ผูกพัน'] - total['เบิกจ่าย']
                with ui.card().classes('min-w-[12rem]'):
                    ui.label('คงเหลือ').classes('text-slate-600')
                    ui.label(f'{format_money(remaining)} บาท').classes('text-lg font-bold')
            if len(df):
                figure = plotly_bar(df, x='แผนงาน', y=['งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย'],
                                    title='การใช้จ่ายงบประมาณตามแผนงาน (บาท)', barmode='group',
                                    labels={'value': 'บาท', 'variable': '', 'แผนงาน': ''})
                ui.plotly(figure).classes('w-full h-96').mark('execution-chart')
            else:
                ui.label('ยังไม่มีงบประมาณของปีนี้').mark('execution-empty')
            with ui.row().classes('gap-4'):
                for key, title, _ in REPORTS:
                    ui.link(title, f'/elaas/reports/{key}?fy={fy}')

    @page('/elaas/reports', 'elaas.report.view', 'รายงาน')
    async def report_index(viewer: Viewer):
        with frame(viewer, 'รายงานการเงินและงบประมาณ'):
            for key, title, help_text in REPORTS:
                with ui.row().classes('items-baseline gap-2'):
                    ui.link(title, f'/elaas/reports/{key}').classes('text-base font-medium')
                    ui.label(help_text).classes('text-sm text-slate-600')

    @page('/elaas/reports/{key}', 'elaas.report.view', 'รายงาน',
          samples=lambda: [f'/elaas/reports/{key}' for key, _, _ in REPORTS])
    async def report(viewer: Viewer, key: str, fy: int | None = None):
        actor = viewer.principal
        title = next((t for k, t, _ in REPORTS if k == key), None)
        years = await run.io_bound(reports.budget_years, actor)
        fy = fy or (years[0] if years else fiscal_year(today()))
        with frame(viewer, title or 'ไม่พบรายงาน'):
            if title is None:
                ui.label('ไม่พบรายงานนี้').mark('not-found')
                return
            with ui.row().classes('items-end gap-3'):
                fy_select = _fy_select(years, fy)
                extra = None
                if key == 'trial-balance':
                    months = {None: 'ทั้งปี', **{m: books.THAI_MONTHS[m] for m in (10, 11, 12, *range(1, 10))}}
                    extra = ui.select(months, value=None, label='ณ สิ้นเดือน').classes('w-48').mark('report-month')
                elif key == 'ledger':
                    from apps.elaas.resources import account_choices
                    accounts = await run.io_bound(account_choices, actor)
                    extra = ui.select(accounts, value='1101010101.001', label='บัญชี', with_input=True).classes(
                        'w-96').mark('report-account')
                elif key == 'cash-book':
                    extra = ui.input('วันที่ (วว/ดด/ปปปป พ.ศ.)', value=format_date(today(), 'numeric')).classes(
                        'w-48').mark('report-date')

            def build() -> tuple[pd.DataFrame, str]:
                year = fy_select.value
                if key == 'remaining':
                    return reports.remaining_budget(actor, year), f'ปีงบประมาณ {year}'
                if key == 'trial-balance':
                    month = extra.value
                    end = books.month_end(year, month)
                    return books.trial_balance(actor, year, month), f'ปีงบประมาณ {year} ณ วันที่ {end:%d/%m/}' \
                                                                      f'{end.year + 543}'
                if key == 'ledger':
                    return books.general_ledger(actor, year, extra.value), f'บัญชี {extra.value} ปีงบประมาณ {year}'
                if key == 'cash-book':
                    on = parse_be_date(extra.value or '')
                    df, brought, carried = books.cash_book(actor, on)
                    return df, (f'วันที่ {extra.value} ยอดยกมา {format_money(brought)} บาท · '
                                f'ยอดยกไป {format_money(carried)} บาท')
                if key == 'revenue':
                    return reports.revenue_vs_estimate(actor, year), f'ปีงบประมาณ {year}'
                if key == 'expenditure':
                    return reports.expenditure_by_program(actor, year), f'ปีงบประมาณ {year} (เบิกจ่าย)'
                df, table = reports.personnel_report(actor, year)
                return df, (f'ปีงบประมาณ {year}: งบประมาณรายจ่าย {format_money(table["total"])} บาท ค่าใช้จ่ายด้านบุคคล '
                            f'{format_money(table["personnel"])} บาท ร้อยละ {table["pct"]} '
                            f'(เกณฑ์ไม่เกินร้อยละ {table["cap"]})')

            refresh = _report_view(viewer, title, build, key)
            ui.button('แสดงรายงาน', icon='refresh', on_click=refresh).mark('report-show')
            await refresh()

    @page('/elaas/periods', 'elaas.journal.view', 'ปิดงวดและยกยอด')
    async def periods(viewer: Viewer, fy: int | None = None):
        actor = viewer.principal
        fy = fy or fiscal_year(today())
        closed = await run.io_bound(books.closed_months, actor.org_id)
        anchor = await run.io_bound(books.audit_anchor, actor)
        with frame(viewer, f'ปิดงวดบัญชี ยกยอด และส่งออกสมุดบัญชี ปีงบประมาณ {fy}'):
            with ui.card().classes('w-full max-w-3xl').mark('months'):
                ui.label('งวดบัญชีรายเดือน (เดือนที่ปิดแล้วบันทึกบัญชีไม่ได้)').classes('font-bold')
                for month in (10, 11, 12, *range(1, 10)):
                    year = fy - 543 - (1 if month >= 10 else 0)
                    with ui.row().classes('items-center gap-3'):
                        ui.label(books.month_title(year, month)).classes('w-48')
                        if (year, month) in closed:
                            ui.badge('ปิดแล้ว', color='grey').mark(f'closed-{year}-{month}')
                        elif actor.can('elaas.period.close'):
                            async def close(y=year, m=month) -> None:
                                await act(viewer, books.close_month, y, m, success='ปิดงวดแล้ว')
                            ui.button('ปิดงวด', on_click=close).props('dense outline').mark(f'close-{year}-{month}')
            with ui.row().classes('gap-3'):
                if actor.can('elaas.period.close'):
                    async def carry() -> None:
                        await act(viewer, books.carry_forward, fy, success=f'ยกยอดไปปีงบประมาณ {fy + 1} แล้ว',
                                  reload=False)
                    ui.button(f'ยกยอดสิ้นปีไปปี {fy + 1}', icon='east', on_click=carry).mark('carry-forward')

                async def workbook() -> None:
                    try:
                        content = await run.io_bound(books.books_workbook, actor, fy)
                    except Refusal as error:
                        refused(error)
                        return
                    _download(content, f'elaas-books-{fy}.xlsx',
                              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
                ui.button('ส่งออกสมุดบัญชีทั้งปี (Excel)', icon='download', on_click=workbook).props('outline').mark(
                    'export-books')
            if anchor is not None:
                with ui.card().classes('w-full max-w-3xl').mark('audit-anchor'):
                    ui.label('หลักฐานยึดบันทึกการใช้งาน (audit anchor) — พิมพ์เก็บพร้อมรายงานปิดงวด').classes('font-bold')
                    ui.label(f'บันทึกการใช้งานของ อปท. {anchor.describe()}').classes('text-sm')
                    ui.label(anchor.hash).classes('font-mono text-xs break-all').mark('audit-anchor-hash')
            if actor.can('elaas.journal.edit'):
                with ui.card().classes('w-full max-w-3xl'):
                    ui.label(f'นำเข้ายอดยกมาต้นปี {fy} (Excel: รหัสบัญชี, เดบิต, เครดิต)').classes('font-bold')

                    async def opening(e: events.UploadEventArguments) -> None:
                        await act(viewer, books.import_opening, fy, await e.file.read(), success='นำเข้ายอดยกมาแล้ว',
                                  reload=False)
                    ui.upload(on_upload=opening, auto_upload=True).props('accept=.xlsx').mark('opening-upload')

