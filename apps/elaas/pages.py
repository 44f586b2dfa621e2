"""e-LAAS pages: the registers from their declarations, the voucher's lines and payment, the front page chart,
the reports (declared in reports.py, pages from pages/reports.py) and the period page (close, carry forward, workbook,
opening balances)."""

from decimal import Decimal

from nicegui import events, run, ui

from apps.elaas import books, budget, prints, reports, tax, vouchers
from apps.elaas.resources import ALL, BUDGET_LINES, BUDGETS, VOUCHERS, commitment_choices, line_choices
from core.errors import Refusal
from core.report import reports_of
from core.reports import plotly_bar
from core.thai import fiscal_year, format_date, format_money, parse_be_date, parse_money, today
from pages.kit import Section, new_key, register_resource
from pages.layout import Viewer, act, frame, page, refused
from pages.reports import register_reports
from pages.selects import LongSelect

# --- detail sections --------------------------------------------------------------------------------------------

def _voucher_read(actor, record) -> tuple:
    """The voucher's lines, what a new line may charge (while it may be edited) and whether the actor may pay it."""
    editable = record.status in vouchers.EDITABLE and actor.can('elaas.voucher.prepare', record)
    choices = (line_choices(actor), commitment_choices(actor)) if editable else ({}, {})
    return (vouchers.lines_of(actor, record.id), editable, *choices,
            record.status == 'approved' and vouchers.can_pay(actor, record))


def _voucher_lines(viewer: Viewer, record, read: tuple) -> None:
    lines, editable, choices, commitments, payable = read
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
            add_key = new_key()  # this form's submission: a double-click adds one line
            with ui.expansion('เพิ่มรายการ', icon='add').classes('w-full'):
                budget_line = LongSelect(choices, label='รายการงบประมาณ', searchable=True).classes('w-full')
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
    if record.wht and record.status in tax.PAID:
        async def certificate() -> None:
            try:
                content = await run.io_bound(prints.print_wht_certificate, viewer.principal, record.id)
            except Refusal as error:
                refused(error)
                return
            _download(content, f'wht-50tawi-{record.id}.pdf', 'application/pdf')
        ui.button('พิมพ์หนังสือรับรองการหักภาษี ณ ที่จ่าย (50 ทวิ)', icon='receipt_long', on_click=certificate).props(
            'outline').mark('wht-certificate')
    if payable:
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


def _budget_summary(viewer: Viewer, record, table: dict) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('budget-summary'):
        ui.label('สรุปงบประมาณและค่าใช้จ่ายด้านบุคคล (มาตรา 35)').classes('font-bold')
        ui.label(f'งบประมาณรายจ่ายรวม {format_money(table["total"])} บาท · ค่าใช้จ่ายด้านบุคคล '
                 f'{format_money(table["personnel"])} บาท = ร้อยละ {table["pct"]} (เกณฑ์ไม่เกินร้อยละ {table["cap"]})')
        if table.get('balance'):
            ui.label(table['balance']).classes('text-sm text-orange-700').mark('budget-balance-warning')
        with ui.row():
            ui.link('รายการงบประมาณ', f'/elaas/budget-lines?fy={record.fiscal_year}')
            if viewer.can('elaas.report.view'):  # the budget's viewers (e.g. HR) need not hold the reports
                ui.link('ตารางมาตรา 35', f'/elaas/reports/personnel?fy={record.fiscal_year}')
                ui.link('งบประมาณคงเหลือ', f'/elaas/reports/remaining?fy={record.fiscal_year}')


def _line_summary(viewer: Viewer, record, types: dict[str, str] | None) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('line-remaining'):
        ui.label(f'คงเหลือ {format_money(record.remaining)} บาท').classes('text-lg font-bold')
        ui.label(f'อนุมัติ {format_money(record.approved)} + โอนเพิ่ม {format_money(record.transfer_in)} − โอนลด '
                 f'{format_money(record.transfer_out)} − ก่อหนี้ผูกพัน {format_money(record.committed)} − เบิกจ่าย '
                 f'{format_money(record.disbursed)}').classes('text-sm text-slate-600')
        if budget.unsplit(record):
            ui.label(f'{budget.UNSPLIT}ประเภทรายจ่าย (ตั้งไว้ระดับงาน × งบ): ก่อหนี้ เบิกจ่าย หรือโอน ได้เมื่อแจกแจงแล้ว'
                     ).classes('text-orange-700').mark('line-unsplit')
    if types:
        _split_form(viewer, record, types)


def _split_form(viewer: Viewer, record, types: dict[str, str]) -> None:
    """แจกแจง a งาน × งบ line: a row per ประเภทรายจ่าย, the rows' money summing to the line's."""
    rows: list[tuple] = []
    with ui.card().classes('w-full max-w-3xl').mark('line-split'):
        ui.label(f'แจกแจงรายการ (รวมต้องเท่ากับ {format_money(record.approved)} บาท)').classes('font-bold')
        box = ui.column().classes('w-full')

        def add_row() -> None:
            n = len(rows) + 1
            with box, ui.row().classes('w-full items-center gap-2'):
                rows.append((ui.select(types, label='ประเภทรายจ่าย').classes('w-72').mark(f'split-type-{n}'),
                             ui.input('รายการ').classes('grow').mark(f'split-item-{n}'),
                             ui.input('จำนวนเงิน').classes('w-40').mark(f'split-amount-{n}')))

        add_row()
        add_row()
        key = new_key()

        async def split() -> None:
            parts = [budget.Part(t.value or '', i.value or '', a.value or '') for t, i, a in rows
                     if t.value or i.value or a.value]
            await act(viewer, budget.split_line, record.id, parts, success='แจกแจงรายการแล้ว', version=record.version,
                      key=key)

        with ui.row():
            ui.button('เพิ่มบรรทัด', icon='add', on_click=add_row).props('flat')
            ui.button('แจกแจงรายการ', icon='call_split', on_click=split).mark('split-confirm')


voucher_lines_section = Section(_voucher_lines, _voucher_read)
budget_summary_section = Section(_budget_summary,
                                 lambda actor, record: reports.personnel_share(actor, record.fiscal_year))
line_summary_section = Section(_line_summary, budget.split_choices)


# --- the front page and the period page -------------------------------------------------------------------------

def _download(content: bytes, name: str, kind: str) -> None:
    ui.download.content(content, name, kind)


def _fy_select(years: list[int], fy: int) -> ui.select:
    options = {y: f'ปีงบประมาณ {y}' for y in sorted(set(years) | {fy}, reverse=True)}
    return ui.select(options, value=fy, label='ปีงบประมาณ').classes('w-48').mark('report-fy')


def _front_read(actor, fy: int | None = None) -> tuple:
    """The budget years, the year shown (this fiscal year's when it has a budget, else the latest, unless asked:
    next year's draft does not hide this year's spending) and its execution by แผนงาน, in one trip."""
    years, now = reports.budget_years(actor), fiscal_year(today())
    fy = fy or (now if now in years or not years else years[0])
    return years, fy, reports.execution_by_program(actor, fy)


def _withholding_read(actor, fy: int | None = None) -> tuple:
    fy = fy or fiscal_year(today())
    return fy, tax.year_overview(actor, fy)


def register() -> None:
    sections = {VOUCHERS.ident: [voucher_lines_section], BUDGETS.ident: [budget_summary_section],
                BUDGET_LINES.ident: [line_summary_section]}
    for spec in ALL:
        register_resource(spec, sections.get(spec.ident, ()))

    @page('/elaas', 'elaas.report.view', 'บัญชีและงบประมาณ', load=_front_read)
    async def front(viewer: Viewer, read: tuple, fy: int | None = None):
        actor = viewer.principal
        years, fy, df = read
        with frame(viewer, f'ภาพรวมการใช้จ่ายงบประมาณ ปีงบประมาณ {fy}'):
            select = _fy_select(years, fy)
            select.on_value_change(lambda e: ui.navigate.to(f'/elaas?fy={e.value}'))
            total = {c: sum(df[c], Decimal('0')) for c in ('อนุมัติ', 'โอนเพิ่ม', 'โอนลด', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย',
                                                             'คงเหลือ')}
            with ui.row().classes('gap-4').mark('execution-summary'):
                for name, value in total.items():
                    with ui.card().classes('min-w-[10rem]'):
                        ui.label('งบประมาณอนุมัติ' if name == 'อนุมัติ' else name).classes('text-slate-600')
                        ui.label(f'{format_money(value)} บาท').classes('text-lg font-bold')
            if len(df):
                figure = plotly_bar(df, x='แผนงาน', y=['งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'คงเหลือ'],
                                    title='การใช้จ่ายงบประมาณตามแผนงาน (บาท)', barmode='group',
                                    labels={'value': 'บาท', 'variable': '', 'แผนงาน': ''})
                ui.plotly(figure).classes('w-full h-96').mark('execution-chart')
            else:
                ui.label('ยังไม่มีงบประมาณของปีนี้').mark('execution-empty')
            with ui.row().classes('gap-4'):
                for report in reports_of('elaas', actor):
                    ui.link(report.title, f'{report.path}?fy={fy}')

    register_reports('elaas', 'elaas.report.view', 'รายงานการเงินและงบประมาณ')

    @page('/elaas/withholding', 'elaas.journal.view', 'ภาษีหัก ณ ที่จ่าย', load=_withholding_read)
    async def withholding(viewer: Viewer, read: tuple, fy: int | None = None):
        fy, months = read
        actor = viewer.principal
        with frame(viewer, f'ภาษีเงินได้หัก ณ ที่จ่าย ปีงบประมาณ {fy}'):
            select = _fy_select([fy - 1, fy], fy)
            select.on_value_change(lambda e: ui.navigate.to(f'/elaas/withholding?fy={e.value}'))
            ui.label('ยื่นแบบและนำส่งภาษีที่หักไว้ภายในวันที่ 7 ของเดือนถัดไป (ประมวลรัษฎากร มาตรา 59) ด้วยฎีกานำส่ง '
                     'ซึ่งตัดบัญชีภาษีหัก ณ ที่จ่ายรอนำส่ง').classes('text-sm text-slate-600')
            if not months:
                ui.label('ยังไม่มีการหักภาษี ณ ที่จ่ายในปีนี้').mark('withholding-empty')
            for m in months:
                with ui.row().classes('items-center gap-4').mark(f'withholding-{m.year}-{m.month}-{m.form}'):
                    ui.label(f'{books.month_title(m.year, m.month)} · {tax.FORMS[m.form]}').classes('w-56')
                    ui.label(f'{m.count} ราย {format_money(m.total)} บาท').classes('w-48')
                    ui.link('ใบแนบ', f'/elaas/reports/withholding?fy={fy}&month={m.month}&form={m.form}')
                    if m.remittance is not None:
                        ui.link(f'ฎีกานำส่ง {m.remittance.number_text} '
                                f'({vouchers.WORKFLOW.states.get(m.remittance.status, "")})',
                                f'/elaas/vouchers/{m.remittance.id}').mark('remittance-link')
                    elif actor.can('elaas.voucher.prepare'):
                        key = new_key()

                        async def remit(m=m, key=key) -> None:
                            await act(viewer, tax.remit_now, m.year, m.month, m.form, success='จัดทำฎีกานำส่งแล้ว',
                                      key=key)
                        ui.button('จัดทำฎีกานำส่ง', icon='send', on_click=remit).props('dense outline').mark(
                            f'remit-{m.year}-{m.month}-{m.form}')

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
                        content = await run.io_bound(reports.books_workbook, actor, fy)
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

