"""e-LAAS work waiting for the user (the home page's counts). The rules live in budget.py, vouchers.py,
receipts.py and books.py, the only writers of the e-LAAS tables."""

from apps.elaas import deposits
from apps.elaas.resources import BUDGETS, JOURNALS, TRANSFERS, VOUCHERS
from core import resource
from core.access import Principal
from core.menu import PendingWork


def pending_work(actor: Principal) -> list[PendingWork]:
    return [
        PendingWork('ฎีการอดำเนินการ', resource.pending(VOUCHERS, actor), '/elaas/vouchers'),
        PendingWork('การโอนงบประมาณรออนุมัติ', resource.pending(TRANSFERS, actor), '/elaas/transfers'),
        PendingWork('ใบผ่านรายการบัญชีรออนุมัติ', resource.pending(JOURNALS, actor), '/elaas/journals'),
        PendingWork('ข้อบัญญัติงบประมาณรอดำเนินการ', resource.pending(BUDGETS, actor), '/elaas/budgets'),
        PendingWork('ใบเสร็จเงินสดของวันก่อนที่ยังไม่นำฝากธนาคาร', deposits.overdue_count(actor), '/elaas/deposits/new'),
    ]
