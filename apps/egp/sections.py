"""e-GP detail cards: a file's budget, method check, committees and self-checks; an installment's fine and ฎีกา."""

from nicegui import ui

from apps.egp import service
from core.thai import format_date, format_money
from pages.kit import Section
from pages.layout import Viewer


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
            ui.label(f'ระยะเวลาอุทธรณ์ถึง {format_date(read["appeal_ends"])}').classes('text-sm')
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


file_section = Section(_file, service.file_summary)
installment_section = Section(_installment, service.installment_summary)
