"""e-GP (การจัดซื้อจัดจ้าง): the LAO-internal procurement file from a budget line to the contract, its inspection and
the draft ฎีกา in e-LAAS; vendors; the rules as dated data (assets/egp/rules.yaml); สขร.1."""

from apps.egp.demo import seed_demo
from apps.egp.resources import FILES, INSTALLMENTS
from core import resource
from core.menu import AppSpec, MenuEntry, PendingWork

VIEW = 'egp.procurement.view'


def pending_work(actor) -> list[PendingWork]:
    return [PendingWork('แฟ้มจัดซื้อจัดจ้างรอดำเนินการ', resource.pending(FILES, actor), '/egp/files'),
            PendingWork('งวดงานรอตรวจรับ', resource.pending(INSTALLMENTS, actor), '/egp/installments')]


APP = AppSpec(
    key='egp', title='จัดซื้อจัดจ้าง (e-GP)', icon='shopping_cart', order=40,
    description='แฟ้มจัดซื้อจัดจ้างจากรายการงบประมาณ วิธีจัดหาตามวงเงิน คณะกรรมการ สัญญา ตรวจรับ และ สขร.1',
    entries=(
        MenuEntry('ภาพรวมการจัดซื้อจัดจ้าง', '/egp', VIEW),
        MenuEntry('แผนการจัดซื้อจัดจ้าง', '/egp/plan', VIEW),
        MenuEntry('แฟ้มจัดซื้อจัดจ้าง', '/egp/files', VIEW),
        MenuEntry('สัญญา', '/egp/contracts', VIEW),
        MenuEntry('งวดงานและการตรวจรับ', '/egp/installments', VIEW),
        MenuEntry('ผู้ขาย/ผู้รับจ้าง', '/egp/vendors', VIEW),
        MenuEntry('คณะกรรมการ', '/egp/members', VIEW),
        MenuEntry('ผู้เสนอราคา', '/egp/bids', VIEW),
        MenuEntry('ประกาศเชิญชวนและประกาศผล', '/egp/announcements', VIEW),
        MenuEntry('อุทธรณ์', '/egp/appeals', VIEW),
        MenuEntry('รายงาน', '/egp/reports', VIEW),
        MenuEntry('นำเข้าสัญญาจาก e-GP', '/egp/import', 'egp.contract.edit'),
        MenuEntry('ระเบียบและวงเงิน', '/egp/rules', VIEW),
    ),
    permissions={
        'egp.procurement.view': 'ดูแฟ้มจัดซื้อจัดจ้าง สัญญา ผู้ขาย และรายงาน',
        'egp.procurement.edit': 'จัดทำแฟ้มจัดซื้อจัดจ้าง คณะกรรมการ ผู้เสนอราคา และทะเบียนผู้ขาย',
        'egp.procurement.review': 'เห็นชอบรายงานขอซื้อขอจ้าง (หัวหน้าเจ้าหน้าที่พัสดุ)',
        'egp.procurement.approve': 'อนุมัติรายงานขอซื้อขอจ้าง (หัวหน้าหน่วยงานของรัฐ)',
        'egp.estimate.edit': 'จัดทำราคากลาง',
        'egp.contract.edit': 'จัดทำและลงนามสัญญา งวดงาน หลักประกัน',
        'egp.inspection.edit': 'บันทึกการตรวจรับพัสดุ',
        'egp.asset.edit': 'ทะเบียนพัสดุ/ครุภัณฑ์',
    },
    pending=pending_work,
    seed_demo=seed_demo,
)
