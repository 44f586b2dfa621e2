"""e-LAAS (ระบบบัญชีคอมพิวเตอร์ อปท.): budget, budget control, vouchers (ฎีกา), receipts, double-entry books, reports."""

from apps.elaas.codes import seed_finance_codes
from apps.elaas.demo import seed_demo
from apps.elaas.service import pending_work
from core.menu import AppSpec, MenuEntry

APP = AppSpec(
    key='elaas', title='บัญชีและงบประมาณ (e-LAAS)', icon='account_balance', order=30,
    description='ข้อบัญญัติงบประมาณ ควบคุมงบ ฎีกา ใบเสร็จรับเงิน บัญชีคู่ และรายงานการเงิน',
    entries=(
        MenuEntry('ภาพรวมงบประมาณ', '/elaas', 'elaas.report.view'),
        MenuEntry('ฎีกา', '/elaas/vouchers', 'elaas.voucher.view'),
        MenuEntry('ใบเสร็จรับเงิน', '/elaas/receipts', 'elaas.receipt.view'),
        MenuEntry('ข้อบัญญัติงบประมาณ', '/elaas/budgets', 'elaas.budget.view'),
        MenuEntry('รายการงบประมาณ', '/elaas/budget-lines', 'elaas.budget.view'),
        MenuEntry('ประมาณการรายรับ', '/elaas/revenue-estimates', 'elaas.budget.view'),
        MenuEntry('โอนงบประมาณ', '/elaas/transfers', 'elaas.transfer.view'),
        MenuEntry('ก่อหนี้ผูกพัน', '/elaas/commitments', 'elaas.commitment.view'),
        MenuEntry('สมุดรายวัน', '/elaas/journals', 'elaas.journal.view'),
        MenuEntry('รายงาน', '/elaas/reports', 'elaas.report.view'),
        MenuEntry('ปิดงวด/ยกยอด/ส่งออกสมุดบัญชี', '/elaas/periods', 'elaas.journal.view'),
        MenuEntry('ภาษีหัก ณ ที่จ่าย (ภ.ง.ด.3/53)', '/elaas/withholding', 'elaas.journal.view'),
        MenuEntry('รหัสรายจ่าย', '/elaas/expense-classes', 'elaas.codes.view'),
        MenuEntry('รหัสรายรับ', '/elaas/revenue-classes', 'elaas.codes.view'),
        MenuEntry('ผังบัญชี', '/elaas/accounts', 'elaas.codes.view'),
        MenuEntry('กฎการบันทึกบัญชี', '/elaas/posting-rules', 'elaas.codes.view'),
        MenuEntry('เกณฑ์และวงเงิน', '/elaas/finance-rules', 'elaas.codes.view'),
    ),
    permissions={
        'elaas.budget.view': 'ดูข้อบัญญัติและรายการงบประมาณ',
        'elaas.budget.edit': 'จัดทำข้อบัญญัติ รายการงบประมาณ และประมาณการรายรับ',
        'elaas.budget.approve': 'อนุมัติ/ประกาศใช้ข้อบัญญัติงบประมาณ',
        'elaas.transfer.view': 'ดูการโอนงบประมาณ',
        'elaas.transfer.edit': 'ขอโอนงบประมาณ',
        'elaas.transfer.approve': 'อนุมัติการโอนงบประมาณ',
        'elaas.commitment.view': 'ดูก่อหนี้ผูกพัน',
        'elaas.commitment.edit': 'บันทึก/ยกเลิกก่อหนี้ผูกพัน',
        'elaas.voucher.view': 'ดูฎีกา',
        'elaas.voucher.prepare': 'วางฎีกา',
        'elaas.voucher.check': 'ตรวจฎีกา',
        'elaas.voucher.approve': 'อนุมัติฎีกา (ตามวงเงิน)',
        'elaas.voucher.pay': 'จ่ายเงินตามฎีกา',
        'elaas.receipt.view': 'ดูใบเสร็จรับเงิน',
        'elaas.receipt.issue': 'ออกใบเสร็จรับเงิน',
        'elaas.receipt.cancel': 'ยกเลิกใบเสร็จรับเงิน',
        'elaas.journal.view': 'ดูสมุดรายวัน',
        'elaas.journal.edit': 'จัดทำใบผ่านรายการบัญชีทั่วไป นำเข้ายอดยกมา',
        'elaas.journal.post': 'บันทึกบัญชีฎีกาที่จ่ายแล้ว',
        'elaas.journal.approve': 'อนุมัติใบผ่านรายการบัญชีทั่วไป',
        'elaas.period.close': 'ปิดงวดบัญชีรายเดือนและยกยอดสิ้นปี',
        'elaas.report.view': 'ดูรายงานการเงินและงบประมาณ',
        'elaas.codes.view': 'ดูรหัสรายรับ-รายจ่าย ผังบัญชี และเกณฑ์การเงิน',
    },
    pending=pending_work,
    seed_org=seed_finance_codes,
    seed_demo=seed_demo,
)
