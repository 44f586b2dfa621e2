"""e-GP detail cards: a file's budget, method check, committees and self-checks; an installment's fine and ฎีกา."""

from nicegui import ui

from apps.egp import service
from core.errors import ValidationFailed
from core.thai import format_date, format_money, parse_be_date, today
from pages.kit import Section, new_key
from pages.layout import Viewer, act, refused


def _file(viewer: Viewer, record, read: dict) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('file-checks'):
        ui.label('งบประมาณและการตรวจสอบ').classes('font-bold')
        ui.label(f'รายการงบประมาณ: {read["line"]} (คงเหลือ {format_money(read["remaining"])} บาท)').mark(
            'file-remaining')
        if read['reserved'] is not None:
            ui.label(f'จองงบประมาณ/ก่อหนี้ผูกพันไว้ {format_money(read["reserved"])} บาท').mark('file-reserved')
        ui.label(f'วิธีที่เสนอตามวงเงิน: {read["suggested"]}').classes('text-sm')
        if read['method']:
            ui.label(read['method']).classes('text-red-700').mark('file-method-refusal')
        if read['no_agreement']:
            ui.label('วงเงินไม่เกิน 100,000 บาท: ไม่ต้องทำข้อตกลงเป็นหนังสือ (ใช้ใบสั่งซื้อสั่งจ้างได้)').classes('text-sm')
        if read['appeal_ends']:
            ui.label(f'ประกาศผลวันที่ {format_date(read["announced"])} ระยะเวลาอุทธรณ์ 7 วันทำการ ครบกำหนดวันที่ '
                     f'{format_date(read["appeal_ends"])}').classes('text-sm').mark('file-appeal-window')
            for note in read['appeal_notes']:
                ui.label(note).classes('text-sm text-amber-800').mark('file-appeal-holiday-note')
        if read['appeals_pending']:
            ui.label(f'อุทธรณ์รอพิจารณา {read["appeals_pending"]} เรื่อง (ลงนามสัญญาได้เมื่อวินิจฉัยแล้ว)').classes(
                'text-amber-800').mark('file-appeals-pending')
        for problem in read['committees']:
            ui.label(problem).classes('text-amber-800').mark('file-committee-problem')
        for warning in read['checks']:
            ui.label(f'ข้อสังเกต: {warning}').classes('text-amber-800').mark('file-warning')


def _installment(viewer: Viewer, record, read: dict) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('installment-fine'):
        ui.label(f'ส่งมอบล่าช้า {read["days_late"]} วัน ค่าปรับ {format_money(read["fine"])} บาท · '
                 f'จ่ายสุทธิงวดนี้ {format_money(record.amount - read["fine"])} บาท')
        if read['voucher']:
            ui.label(f'วางฎีกาใน e-LAAS แล้ว: {read["voucher"]}').mark('installment-voucher')
    with ui.card().classes('w-full max-w-3xl').mark('installment-decisions'):
        ui.label('ผลการตรวจรับของกรรมการแต่ละคน').classes('font-bold')
        ui.label(read['outcome_text']).classes('text-sm').mark('installment-outcome')
        for member in read['members']:
            with ui.row().classes('items-center gap-2 w-full'):
                ui.label(f'{member["name"]} ({member["role"]})').classes('grow')
                if member['decision']:
                    reason = f': {member["reason"]}' if member['reason'] else ''
                    ui.label(f'{service.DECISIONS[member["decision"]]} เมื่อ {format_date(member["decided_on"])}'
                             f'{reason}').mark(f'decision-{member["id"]}')
                elif member['may_record'] and record.delivered_on:
                    _decision_form(viewer, record, member)
                elif member['may_record']:
                    ui.label('รอบันทึกวันที่ส่งมอบก่อนตรวจรับ').classes('text-slate-500').mark(
                        f'decision-waits-{member["id"]}')
                else:
                    ui.label('ยังไม่บันทึก').classes('text-slate-500')
        if read['may_order']:
            _head_order_form(viewer, record)


def _head_order_form(viewer: Viewer, record) -> None:
    """The head of the agency's order when the members disagree (ระเบียบ ข้อ 175 (4))."""
    key = new_key()
    with ui.column().classes('w-full gap-1').mark('head-order'):
        ui.label('กรรมการมีความเห็นแย้ง: หัวหน้าหน่วยงานของรัฐพิจารณาสั่งการ').classes('font-bold text-amber-800')
        with ui.row().classes('items-center gap-2 w-full'):
            on = ui.input('วันที่สั่งการ', value=format_date(today(), 'numeric')).props('dense').classes('w-32').mark(
                'head-date')
            note = ui.input('เหตุผลการสั่งการ').props('dense').classes('grow').mark('head-note')

            async def order(decision: str) -> None:
                try:
                    day = parse_be_date(on.value or '')
                except ValueError:
                    refused(ValidationFailed({'head_decided_on': 'วันที่สั่งการ: รูปแบบวันที่ไม่ถูกต้อง (วว/ดด/ปปปป พ.ศ.)'}))
                    return
                await act(viewer, service.head_decide, record.id, decision, note.value or '', day, key=key)

            ui.button('สั่งการให้ตรวจรับ', on_click=lambda: order('accept')).props('dense color=positive').mark(
                'head-accept')
            ui.button('สั่งการไม่ให้ตรวจรับ', on_click=lambda: order('reject')).props(
                'dense outline color=negative').mark('head-reject')


def _decision_form(viewer: Viewer, record, member: dict) -> None:
    key = new_key()  # one per rendered row: a double-click records one decision
    on = ui.input('วันที่ตรวจ', value=format_date(today(), 'numeric')).props('dense').classes('w-32').mark(
        f'decision-date-{member["id"]}')
    reason = ui.input('เหตุผล (กรณีไม่ตรวจรับ)').props('dense').mark(f'decision-reason-{member["id"]}')

    async def record_as(decision: str) -> None:
        try:
            day = parse_be_date(on.value or '')
        except ValueError:
            refused(ValidationFailed({'decided_on': 'วันที่ตรวจ: รูปแบบวันที่ไม่ถูกต้อง (วว/ดด/ปปปป พ.ศ.)'}))
            return
        await act(viewer, service.decide, record.id, member['id'], decision, reason.value or '', day, key=key)

    ui.button('ตรวจรับ', on_click=lambda: record_as('accept')).props('dense color=positive').mark(
        f'decision-accept-{member["id"]}')
    ui.button('ไม่ตรวจรับ', on_click=lambda: record_as('reject')).props('dense outline color=negative').mark(
        f'decision-reject-{member["id"]}')


file_section = Section(_file, service.file_summary)
installment_section = Section(_installment, service.installment_summary)
