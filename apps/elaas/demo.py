"""e-LAAS demo data: the demo LAO's budget of the current fiscal year (about 150 lines; project lines fund projects
of the e-Plan edition in force when there is one), revenue estimates that balance it, opening balances, the year's
monthly pay and allowances and about 230 other vouchers across the workflow states, the receipts to date as the
seasons and the agencies bring them, each day's cash deposited, with their postings — written in bulk, keeping every
invariant the services keep (balanced entries, no line below zero, gapless numbers; tests/apps/elaas/
test_demo_believable.py checks them)."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from sqlalchemy import insert, update
from sqlmodel import Session, select

from apps.elaas.books import JOURNAL_SERIES
from apps.elaas.budget import COMMITMENT_SERIES
from apps.elaas.codes import expense_account, expense_classes, is_personnel, revenue_classes
from apps.elaas.deposits import DEPOSIT_SERIES
from apps.elaas.receipts import RECEIPT_SERIES
from apps.elaas.resources import TRANSFERS
from apps.elaas.tax import withholding
from apps.elaas.vouchers import APPROVE, PAY_METHODS, TREASURY_SERIES, VOUCHER_SERIES, WORKFLOW, requester_series
from apps.eplan.links import edition_in_force
from apps.hr.links import holidays_between
from core import audit, resource
from core.access import load_principal
from core.numbering import allocate
from core.thai import fiscal_year, fiscal_year_range, format_date, local_zone, now, with_check_digit
from models.codes import FundSource, ProgramCode
from models.finance import (
    Budget,
    BudgetLine,
    CashDeposit,
    Commitment,
    Journal,
    JournalLine,
    Receipt,
    RevenueEstimate,
    Voucher,
    VoucherLine,
)
from models.numbering import BurnedNumber
from models.org import Division
from models.plan import PlanCycle, PlanProject

CENT = Decimal('0.01')
CASH, BANK, WHT = '1101010101.001', '1101030102.001', '2102040103.001'
OPENING_BANK = Decimal('18500000.00')

# political pay by the month, in whole baht (a medium อบต.: นายก, 2 รองนายก, เลขานุการนายก; a council of 10 — ประธาน,
# รองประธาน, เลขานุการสภา and 7 members), at rates of the kind the Ministry's 2554 regulation on the pay of อบต.
# executives and council members sets [G: general knowledge, not checked against the gazette]
POLITICAL = [('521001', 'เงินเดือนนายก/รองนายก', 21_120 + 2 * 11_620, 'นายกและรองนายก อบต. ตามบัญชีรายชื่อ'),
             ('521002', 'เงินค่าตอบแทนประจำตำแหน่งนายก/รองนายก', 1_750 + 2 * 880, 'นายกและรองนายก อบต. ตามบัญชีรายชื่อ'),
             ('521003', 'เงินค่าตอบแทนพิเศษนายก/รองนายก', 1_750 + 2 * 880, 'นายกและรองนายก อบต. ตามบัญชีรายชื่อ'),
             ('521004', 'เงินค่าตอบแทนเลขานุการนายก', 7_920, 'เลขานุการนายก อบต.'),
             ('521005', 'เงินค่าตอบแทนสมาชิกสภา', 11_620 + 9_500 + 8 * 7_920, 'สมาชิกสภา อบต. ตามบัญชีรายชื่อ')]
STAFF = [('522001', 'เงินเดือนพนักงาน', 1.0), ('522002', 'เงินเพิ่มต่างๆ ของพนักงาน', 0.06),
         ('522003', 'เงินประจำตำแหน่ง', 0.08), ('522005', 'ค่าตอบแทนพนักงานจ้าง', 0.45),
         ('522006', 'เงินเพิ่มต่างๆ ของพนักงานจ้าง', 0.04)]
STAFF_WORKS = [('00111', 'PALAD', 200_000), ('00113', 'FIN', 125_000), ('00211', 'EDU', 108_000),
               ('00241', 'ENG', 92_000), ('00231', 'WELFARE', 58_000)]  # each work's salaries a month
OPERATING = [('531002', 'ค่าเบี้ยประชุม', 40_000), ('532001', 'ค่าจ้างเหมาบริการ', 300_000),
             ('532004', 'ค่าบำรุงรักษาและซ่อมแซม', 150_000), ('533001', 'วัสดุสำนักงาน', 80_000),
             ('533007', 'วัสดุเชื้อเพลิงและหล่อลื่น', 150_000), ('534001', 'ค่าไฟฟ้า', 250_000),
             ('534003', 'ค่าบริการโทรศัพท์', 15_000), ('534005', 'ค่าบริการสื่อสารและโทรคมนาคม', 30_000)]
OPERATING_WORKS = [('00111', 'PALAD'), ('00113', 'FIN'), ('00123', 'PALAD'), ('00211', 'EDU'), ('00212', 'EDU'),
                   ('00221', 'PALAD'), ('00231', 'WELFARE'), ('00241', 'ENG'), ('00262', 'EDU'), ('00311', 'ENG')]
CENTRAL = [('510001', 'เงินสมทบกองทุนประกันสังคม', 259_200), ('510003', 'เบี้ยยังชีพผู้สูงอายุ', 9_799_200),
           ('510004', 'เบี้ยยังชีพคนพิการ', 2_904_000), ('510005', 'เบี้ยยังชีพผู้ป่วยเอดส์', 60_000),
           ('510006', 'สำรองจ่าย', 600_000), ('510007', 'สมทบกองทุนหลักประกันสุขภาพ', 180_000),
           ('510009', 'เงินสมทบกองทุนบำเหน็จบำนาญข้าราชการส่วนท้องถิ่น (กบท.)', 320_000)]
# paid every month, a twelfth of the line: pay on the last working day on or before the 26th, allowances (เบี้ยยังชีพ)
# by the 10th; (day of the month paid, who the voucher pays)
MONTHLY = {'510001': (15, 'สำนักงานประกันสังคมจังหวัดนครราชสีมา'),
           '510003': (9, 'ผู้สูงอายุผู้มีสิทธิตามบัญชีรายชื่อ (โอนเข้าบัญชีเงินฝาก)'),
           '510004': (9, 'คนพิการผู้มีสิทธิตามบัญชีรายชื่อ (โอนเข้าบัญชีเงินฝาก)'),
           '510005': (9, 'ผู้ป่วยเอดส์ผู้มีสิทธิตามบัญชีรายชื่อ (โอนเข้าบัญชีเงินฝาก)'),
           **{code: (26, payee) for code, _, _, payee in POLITICAL},
           **{code: (26, 'พนักงานและลูกจ้างตามบัญชีรายชื่อ') for code, _, _ in
              (('522001', 0, 0), ('522002', 0, 0), ('522003', 0, 0), ('522005', 0, 0), ('522006', 0, 0))}}
CAPITAL = [('00111', '541001', 'ครุภัณฑ์สำนักงาน (ตู้เหล็ก โต๊ะทำงาน)', 85_000, 'PALAD',
            'เพื่อจ่ายเป็นค่าจัดซื้อตู้เหล็กเก็บเอกสารแบบ 2 บาน จำนวน 5 ตู้ และโต๊ะทำงานเหล็ก ระดับ 3-6 จำนวน 5 ตัว '
            'ตามราคาในท้องถิ่น'),
           ('00113', '541011', 'ครุภัณฑ์คอมพิวเตอร์ (เครื่องคอมพิวเตอร์สำหรับงานประมวลผล)', 96_000, 'FIN',
            'เพื่อจ่ายเป็นค่าจัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล แบบที่ 1 จำนวน 4 เครื่อง ตามเกณฑ์ราคากลางและ'
            'คุณลักษณะพื้นฐานครุภัณฑ์คอมพิวเตอร์ของกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม'),
           ('00212', '541002', 'ครุภัณฑ์การศึกษา ศูนย์พัฒนาเด็กเล็ก', 60_000, 'EDU',
            'เพื่อจ่ายเป็นค่าจัดซื้อชุดเครื่องเล่นสนามเด็กเล่น จำนวน 1 ชุด สำหรับศูนย์พัฒนาเด็กเล็กบ้านหนองบัว'),
           ('00123', '541003', 'ครุภัณฑ์ยานพาหนะ (รถบรรทุกน้ำอเนกประสงค์)', 2_400_000, 'PALAD',
            'เพื่อจ่ายเป็นค่าจัดซื้อรถบรรทุกน้ำอเนกประสงค์ ขนาด 6,000 ลิตร ชนิด 6 ล้อ จำนวน 1 คัน')]
OWN_PROJECTS = [('00252', '532003', 'โครงการส่งเสริมอาชีพกลุ่มสตรี'), ('00262', '532003', 'โครงการแข่งขันกีฬาต้านยาเสพติด'),
                ('00263', '532003', 'โครงการประเพณีลอยกระทง'), ('00223', '532003', 'โครงการป้องกันโรคไข้เลือดออก'),
                ('00212', '532003', 'โครงการอาหารกลางวันศูนย์พัฒนาเด็กเล็ก'),
                ('00312', '542003', 'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3'),
                ('00312', '542003', 'โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 5'),
                ('00312', '542003', 'โครงการปรับปรุงถนนลูกรัง หมู่ที่ 8'),
                ('00321', '532003', 'โครงการส่งเสริมการปลูกผักปลอดสารพิษ'),
                ('00123', '532003', 'โครงการฝึกอบรม อปพร.')]
# ประมาณการรายรับ: (code, the year's estimate, one payment from, to); the general grant (431001) is what balances the
# ordinance (set from the year's spending)
REVENUE = [('411001', 1_200_000, 300, 12_000), ('411002', 150_000, 200, 6_000), ('411005', 5_000, 50, 400),
           ('412001', 240_000, 20, 600), ('412002', 8_000, 30, 100), ('412004', 40_000, 300, 2_000),
           ('412007', 30_000, 20, 1_000), ('413001', 150_000, 0, 0), ('413002', 36_000, 500, 3_000),
           ('415001', 10_000, 500, 2_000), ('421001', 14_000_000, 0, 0), ('421002', 6_500_000, 0, 0),
           ('421003', 300_000, 0, 0), ('421004', 4_000_000, 0, 0), ('421007', 2_000_000, 0, 0),
           ('431001', 12_000_000, 0, 0)]
# when own revenue comes in, month by month from October (weights of the year's estimate): land and building tax
# falls due in April (พ.ร.บ.ภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562 มาตรา 46), signboard tax in March (พ.ร.บ.ภาษีป้าย
# พ.ศ. 2510 มาตรา 12); before then only arrears and new signs; the rest through the year
SEASONS = {'411001': (1, 1, 1, 1, 2, 8, 68, 9, 5, 2, 1, 1), '411002': (2, 2, 1, 2, 3, 70, 12, 3, 2, 1, 1, 1)}
EVEN = (1,) * 12
PEOPLE_PAYING = ['นายสมหมาย ใจงาม', 'นางบุญเรือน ทองสุข', 'นายประยุทธ์ มั่นคง', 'นางสาวจันทร์ดี ศรีงาม', 'นายทองใบ ดีมาก',
                 'นางคำปุน ศรีบุญเรือง', 'นายบุญมี แสงจันทร์', 'นางสาวลำดวน พรมมา', 'นายสุรชัย ทองประเสริฐ', 'นางอำไพ บุญยืน']
BUSINESSES_PAYING = ['ร้านค้าชุมชนบ้านหนองบัว', 'หจก.โนนสำราญค้าวัสดุ', 'ร้านมินิมาร์ทบ้านโคกสูง', 'บริษัท โคราชค้าข้าว จำกัด',
                     'ร้านซ่อมรถสมพงษ์ยนต์', 'หจก.สระแก้วการเกษตร']
PAYER_KINDS = {'411001': PEOPLE_PAYING + BUSINESSES_PAYING, '411002': BUSINESSES_PAYING,
               '411005': ['นายบุญมี แสงจันทร์ (โรงฆ่าสัตว์บ้านท่าน้ำ)'], '412001': PEOPLE_PAYING,
               '412002': PEOPLE_PAYING + BUSINESSES_PAYING, '412004': BUSINESSES_PAYING, '412007': PEOPLE_PAYING,
               '413002': PEOPLE_PAYING + BUSINESSES_PAYING, '415001': ['หจก.ช่างดีก่อสร้าง', 'หจก.โคราชวิศวกรรม']}
BANK_NAME = 'ธนาคารกรุงไทย จำกัด (มหาชน) สาขาถนนมิตรภาพ'
AGENCIES = {  # shared taxes and grants: transferred into the bank each month by the agency that allocates them
    '421001': 'กรมส่งเสริมการปกครองท้องถิ่น', '421002': 'กรมสรรพากร', '421003': 'กรมสรรพากร',
    '421004': 'กรมสรรพสามิต', '421007': 'กรมที่ดิน', '431001': 'กรมส่งเสริมการปกครองท้องถิ่น'}
TRANSFER_DAYS = {'421001': 18, '421002': 12, '421003': 12, '421004': 20, '421007': 15, '431001': 8}
INTEREST_MONTHS = (6, 12)  # savings interest credited twice a year, on the 21st (or the working day before)
PAYEES = ['ร้านรุ่งเรืองพาณิชย์', 'หจก.ช่างดีก่อสร้าง', 'บริษัท ไทยออฟฟิศ จำกัด', 'ร้านคอมพิวเตอร์เมืองใหม่']
CONTRACTORS = {'542003': 'หจก.ช่างดีก่อสร้าง', '541011': 'ร้านคอมพิวเตอร์เมืองใหม่',  # capital items' vendors
               '541003': 'บริษัท โคราชยานยนต์ จำกัด'}
# who is paid for what (payee, kind, income type, amount includes VAT): a supplier sells what it is paid for
SUPPLIERS = {
    '531002': ('กรรมการและผู้เข้าประชุมตามบัญชีรายชื่อ', 'individual', 'service', False),
    '532001': ('หจก.โนนสำราญบริการ', 'juristic', 'service', False),
    '532004': ('หจก.ช่างดีก่อสร้าง', 'juristic', 'hire', False),
    '533001': ('บริษัท ไทยออฟฟิศ จำกัด', 'juristic', 'goods', True),
    '533007': ('หจก.สุขสวัสดิ์ปิโตรเลียม', 'juristic', 'goods', True),
    '534001': ('การไฟฟ้าส่วนภูมิภาคอำเภอเมืองนครราชสีมา', 'government', 'service', True),
    '534003': ('บริษัท โทรคมนาคมแห่งชาติ จำกัด (มหาชน)', 'juristic', 'service', True),
    '534005': ('บริษัท โทรคมนาคมแห่งชาติ จำกัด (มหาชน)', 'juristic', 'service', True),
}
# each payee's tax id (its first 12 digits; the check digit is computed) and address, as the ฎีกา, the 50 ทวิ
# certificate and the ภ.ง.ด.3/53 list print them (made up; juristic ids start 0, the state's 099)
PAYEE_DETAILS = {
    'ร้านรุ่งเรืองพาณิชย์': ('310990012345', '12 หมู่ 1 ตำบลบ้านตัวอย่าง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'หจก.ช่างดีก่อสร้าง': ('030355300421', '99/9 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'บริษัท ไทยออฟฟิศ จำกัด': ('030555800172', '201 ถนนสุรนารายณ์ ตำบลในเมือง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'ร้านคอมพิวเตอร์เมืองใหม่': ('330010045821', '45 ถนนจอมพล ตำบลในเมือง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'บริษัท โคราชยานยนต์ จำกัด': ('030555100093', '8 ถนนมิตรภาพ ตำบลหนองระเวียง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'หจก.โนนสำราญบริการ': ('030355900265', '7 หมู่ 4 ตำบลบ้านตัวอย่าง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'หจก.สุขสวัสดิ์ปิโตรเลียม': ('030355700338', '150 หมู่ 2 ตำบลบ้านตัวอย่าง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000'),
    'การไฟฟ้าส่วนภูมิภาคอำเภอเมืองนครราชสีมา': ('099400016550', '555 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองนครราชสีมา '
                                            'จังหวัดนครราชสีมา 30000'),
    'บริษัท โทรคมนาคมแห่งชาติ จำกัด (มหาชน)': ('010753600010', '99 ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ '
                                            'กรุงเทพมหานคร 10210'),
}
STATES = [('posted', 120), ('paid', 25), ('approved', 20), ('checked', 20), ('prepared', 30), ('returned', 7),
          ('cancelled', 8)]
RECENT = {'prepared': 10, 'returned': 10, 'checked': 7, 'approved': 5, 'paid': 5}  # days back, at most
# the moves that brought a voucher to its state (the workflow's transitions), each by the seat the law gives it:
# checked by the ผู้อำนวยการกองคลัง, approved by the ปลัด under the นายก's order or by the นายก above its amount, paid
# by the cashier, posted by the accountant; sent back by the checker, cancelled by whoever prepared it
TRAILS = {'prepared': (), 'checked': ('check',), 'approved': ('check', 'approve'),
          'paid': ('check', 'approve', 'pay'), 'posted': ('check', 'approve', 'pay', 'post'),
          'returned': ('return',), 'cancelled': ('cancel',)}
MOVERS = {'check': 'finance_dir', 'return': 'finance_dir', 'pay': 'cashier', 'post': 'accountant',
          'cancel': 'accountant'}
APPROVERS = ('palad', 'mayor')  # the first whose power (own limit or order) covers the amount
RETURN_NOTES = ('ใบส่งของไม่มีลายมือชื่อคณะกรรมการตรวจรับ ขอให้แก้ไขก่อนส่งตรวจอีกครั้ง',
                'จำนวนเงินในใบแจ้งหนี้ไม่ตรงกับฎีกา', 'ขาดใบสำคัญรับเงินของผู้รับเงิน')
CANCEL_NOTES = ('ผู้รับจ้างขอเลื่อนการส่งมอบงาน ยกเลิกฎีกาเพื่อวางเบิกใหม่', 'วางเบิกซ้ำกับฎีกาที่จ่ายแล้ว')


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def _day(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max((end - start).days, 0) + 1))


def _pay_day(year: int, month: int, day: int, holidays: dict) -> date:
    """The working day on or before `day` of the month."""
    when = date(year, month, day)
    while when.weekday() >= 5 or when in holidays:
        when -= timedelta(days=1)
    return when


def _monthly_payments(lines: list[dict], start: date, today: date, holidays: dict) -> list[tuple]:
    """Each month's pay, allowances and fund share as one voucher of a twelfth of its line: prepared a week before
    its pay day, approved on the way, posted once paid; none before it is prepared."""
    plans = []
    month = start
    while month <= today:
        for line in lines:
            if line['type_code'] not in MONTHLY:
                continue
            day, payee = MONTHLY[line['type_code']]
            paid_on = _pay_day(month.year, month.month, day, holidays)
            prepared = _pay_day(month.year, month.month, day - 6, holidays)
            if prepared > today:
                continue
            amount = (line['approved'] / 12).quantize(CENT)
            label = ' '.join(format_date(paid_on, 'long').split()[1:])
            plans.append(('posted' if paid_on <= today else 'approved', line, amount, prepared,
                          paid_on if paid_on <= today else None, payee, f' ประจำเดือน{label}'))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return plans


def _documents(rng, personnel: bool, payee_kind: str, income_type: str) -> str:
    """เอกสารประกอบฎีกา as a finance officer files them with a payment of its kind."""
    if personnel:
        return 'บัญชีรายละเอียดการจ่ายเงินเดือนและค่าจ้าง\nหลักฐานการโอนเงินเข้าบัญชีเงินฝากธนาคาร'
    if payee_kind == 'individual':
        return 'บัญชีรายชื่อผู้มีสิทธิรับเงินพร้อมลายมือชื่อ\nหนังสือเชิญประชุม/คำสั่งแต่งตั้ง'
    invoice = f'ใบแจ้งหนี้/ใบกำกับภาษี เลขที่ {rng.randrange(100, 9999)}'
    if payee_kind == 'government':
        return invoice
    return f'{invoice}\nใบสั่ง{"ซื้อ" if income_type == "goods" else "จ้าง"} เลขที่ {rng.randrange(1, 300)}\n' \
           'ใบตรวจรับพัสดุ/ตรวจรับงานจ้าง'


def _lines(session: Session, context, fy: int, divisions: dict[str, int], fund_id: int) -> list[dict]:
    rng = context.rng
    org_id = context.org.id
    rows = []

    def add(work: str, type_code: str, item: str, amount: float, division: str, project_id: int | None = None,
            explanation: str = ''):
        rows.append(dict(work_code=work, type_code=type_code, item=item, approved=_money(amount),
                         division_id=divisions[division], project_id=project_id, explanation=explanation))
    for type_code, item, monthly, _ in POLITICAL:
        add('00111', type_code, item, monthly * 12, 'PALAD', explanation=f'เดือนละ {monthly:,} บาท จำนวน 12 เดือน')
    for work, division, base in STAFF_WORKS:
        for type_code, item, share in STAFF:
            add(work, type_code, item, round(base * share, -2) * 12, division)
    for work, division in OPERATING_WORKS:
        for type_code, item, amount in OPERATING:
            add(work, type_code, item, round(amount * rng.uniform(0.6, 1.4), -3), division)
    for type_code, item, amount in CENTRAL:
        add('00411', type_code, item, amount, 'FIN')
    for work, type_code, item, amount, division, explanation in CAPITAL:
        add(work, type_code, item, amount, division, explanation=explanation)
    edition = edition_in_force(session, org_id)
    projects = session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)
                            .order_by(PlanProject.id)).all() if edition else []
    first_year = session.get(PlanCycle, edition.cycle_id).start_year if edition else fy
    works = {}
    for code in session.exec(select(ProgramCode).where(ProgramCode.org_id == org_id, ProgramCode.level == 'work')
                             .order_by(ProgramCode.code)).all():
        works.setdefault(code.parent_code, code.code)
    programs = {p.id: p.code for p in session.exec(select(ProgramCode).where(ProgramCode.org_id == org_id)).all()}
    by_id = {v: k for k, v in divisions.items()}
    linked = 0
    for project in projects:
        work = works.get(programs.get(project.program_code_id))
        year_index = fy - first_year + 1
        amount = project.budget_for(year_index) if 1 <= year_index <= 5 else Decimal('0')
        if work is None or not amount or linked >= 35:
            continue
        kind = '542003' if any(w in project.name for w in ('ก่อสร้าง', 'ถนน', 'ปรับปรุง', 'ขุด')) else '532003'
        add(work, kind, project.name[:500], float(amount), by_id.get(project.division_id, 'PALAD'), project.id,
            f'เพื่อจ่ายเป็นค่า{project.name.removeprefix("โครงการ")} {project.target}'[:2000].strip())
        linked += 1
    if not linked:
        for work, type_code, item in OWN_PROJECTS:
            add(work, type_code, item, round(rng.uniform(150_000, 1_500_000), -3),
                'ENG' if type_code == '542003' else 'PALAD')
    while len(rows) < 150:  # topped up with materials lines of the busiest works
        work, division = OPERATING_WORKS[len(rows) % len(OPERATING_WORKS)]
        add(work, '533014', f'วัสดุอื่น ({len(rows)})', round(rng.uniform(10_000, 60_000), -3), division)
    classes = expense_classes(session, org_id)
    program_of = {c.code: c.parent_code for c in session.exec(select(ProgramCode).where(
        ProgramCode.org_id == org_id)).all()}
    for n, row in enumerate(rows, start=1):
        category = classes[classes[row['type_code']].parent_code]
        row.update(org_id=org_id, fiscal_year=fy, code=f'{fy % 100:02d}{row["work_code"]}{row["type_code"]}{n:03d}',
                   program_code=program_of[row['work_code']], category_code=category.code,
                   group_code=category.parent_code, fund_source_id=fund_id,
                   transfer_in=Decimal('0'), transfer_out=Decimal('0'), committed=Decimal('0'),
                   disbursed=Decimal('0'), created_by=context.users['planner'].id)
    return rows


def seed_demo(context) -> None:
    session, rng, org_id = context.session, context.rng, context.org.id
    today = context.today
    fy = fiscal_year(today)
    start, _ = fiscal_year_range(fy)
    divisions = {d.code: d.id for d in session.exec(select(Division).where(Division.org_id == org_id)).all()}
    fund_id = session.exec(select(FundSource.id).where(FundSource.org_id == org_id, FundSource.code == '01')).one()
    users = context.users
    session.add(Budget(org_id=org_id, fiscal_year=fy, title=f'ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fy}',
                       estimated_revenue=Decimal('0'), first_reading_on=start - timedelta(days=60),
                       second_reading_on=start - timedelta(days=47), council_passed_on=start - timedelta(days=40),
                       sent_on=start - timedelta(days=38), endorsed_on=start - timedelta(days=27),
                       announced_on=start - timedelta(days=20), status='approved', created_by=users['planner'].id))
    lines = _lines(session, context, fy, divisions, fund_id)
    ids = session.execute(insert(BudgetLine).returning(BudgetLine.id, sort_by_parameter_order=True), lines).scalars()
    for row, line_id in zip(lines, ids, strict=True):
        row['id'] = line_id
    classes = expense_classes(session, org_id)
    spending = sum((line['approved'] for line in lines), Decimal('0'))
    others = sum((Decimal(amount) for code, amount, _, _ in REVENUE if code != '431001'), Decimal('0'))
    grant = max(Decimal(12_000_000), ((spending - others) / 10_000).to_integral_value(ROUND_CEILING) * 10_000)
    estimates = [dict(org_id=org_id, fiscal_year=fy, revenue_code=code,
                      amount=_money(grant if code == '431001' else amount)) for code, amount, _, _ in REVENUE]
    session.execute(insert(RevenueEstimate), estimates)
    session.exec(select(Budget).where(Budget.org_id == org_id, Budget.fiscal_year == fy)).one().estimated_revenue = \
        sum((e['amount'] for e in estimates), Decimal('0'))

    journals: list[tuple[dict, list[dict]]] = []  # (journal row, its lines), numbered in date order below
    journals.append((dict(entry_date=start, book='general', source_type='opening', source_id=fy,
                          description=f'ยอดยกมาต้นปีงบประมาณ {fy}', amount=OPENING_BANK),
                     [dict(account_code=BANK, debit=OPENING_BANK, credit=Decimal('0')),
                      dict(account_code='3102010101.001', debit=Decimal('0'), credit=OPENING_BANK)]))

    # commitments on capital and project lines
    commitment_rows = []
    for row in [r for r in lines if r['type_code'] in ('542003', '541003', '541011')][:12]:
        amount = (row['approved'] * Decimal('0.6')).quantize(CENT)
        row['committed'] += amount
        commitment_rows.append(dict(org_id=org_id, fiscal_year=fy, commit_date=_day(rng, start, today),
                                    line_id=row['id'], vendor=CONTRACTORS.get(row['type_code'], 'บริษัท ไทยออฟฟิศ จำกัด'),
                                    description=f'สัญญา/ใบสั่ง {row["item"][:80]}', reference=f'PO{rng.randrange(10**6)}',
                                    amount=amount, used=Decimal('0'), status='open',
                                    created_by=users['procurement'].id))
    commitment_rows.sort(key=lambda r: r['commit_date'])
    for row, number in zip(commitment_rows, allocate(session, org_id, COMMITMENT_SERIES, today,
                                                     len(commitment_rows)), strict=True):
        row['number_text'] = number.text
    if commitment_rows:
        session.execute(insert(Commitment), commitment_rows)
    roads = [r for r in lines if r['type_code'] == '542003' and 'ก่อสร้าง' in r['item']]
    _explanation_change(session, context, roads or [r for r in lines if r['type_code'] == '542003'], today)

    # vouchers across the workflow states
    holidays = holidays_between(session, org_id, start, today + timedelta(days=62))
    plans = _monthly_payments(lines, start, today, holidays)  # (state, line, amount, date, paid on, payee, what)
    states = [s for s, count in STATES for _ in range(count)]
    rng.shuffle(states)
    spendable = [r for r in lines if r['type_code'] not in ('542003',) and r['type_code'] not in MONTHLY]
    for state in states:
        line = rng.choice(spendable)
        remaining = line['approved'] - line['committed'] - line['disbursed']
        amount = min(_money(float(line['approved']) * rng.uniform(0.01, 0.05)), remaining)
        if amount <= 0:
            continue
        # the older vouchers are paid and posted; those still on their way are of the last days
        when = _day(rng, max(start, today - timedelta(days=RECENT.get(state, 400))), today)
        paid_on = min(when + timedelta(days=rng.randrange(1, 6)), today) if state in ('paid', 'posted') else None
        plans.append((state, line, amount, when, paid_on, None, ''))
    voucher_rows, voucher_lines = [], []
    for state, line, amount, when, paid_on, payee, what in plans:
        if state != 'cancelled':
            line['disbursed'] += amount
        personnel = is_personnel(classes, line['type_code'])
        if payee:  # a monthly payment: pay, allowances or the fund's share, to the list of those entitled
            payee_kind, income_type, vat_included = ('government' if payee.startswith('สำนักงาน') else 'individual',
                                                     'service', False)
        else:
            payee, payee_kind, income_type, vat_included = SUPPLIERS.get(
                line['type_code'], (rng.choice(PAYEES), 'juristic', 'goods', False))
        withhold = not personnel and not what and line['group_code'] in ('53', '54') and payee_kind != 'government'
        taxed = withholding(amount, when, withhold=withhold, payee_kind=payee_kind, income_type=income_type,
                            vat_included=vat_included)  # the services' own rule
        voucher_rows.append(dict(
            org_id=org_id, fiscal_year=fy, voucher_date=when, payee=payee, withhold=withhold,
            payee_tax_id=with_check_digit(PAYEE_DETAILS[payee][0]) if payee in PAYEE_DETAILS else '',
            payee_address=PAYEE_DETAILS[payee][1] if payee in PAYEE_DETAILS else '',
            payee_kind=payee_kind, income_type=income_type, vat_included=vat_included, vat=taxed.vat,
            description=f'เบิกจ่าย{line["item"][:200]}{what}', supporting_docs=_documents(rng, personnel, payee_kind,
                                                                                         income_type),
            division_id=line['division_id'], fund_source_id=fund_id,
            gross=amount, wht=taxed.wht, net=amount - taxed.wht, status=state,
            pay_method='transfer' if paid_on else '', pay_reference=f'TR{rng.randrange(10**8):08d}' if paid_on else '',
            paid_on=paid_on, created_by=users['accountant'].id))
        voucher_lines.append(dict(org_id=org_id, budget_line_id=line['id'], commitment_id=None, account_code='',
                                  description='', amount=amount, _type=line['type_code']))
    order = sorted(range(len(voucher_rows)), key=lambda i: voucher_rows[i]['voucher_date'])
    voucher_rows = [voucher_rows[i] for i in order]
    voucher_lines = [voucher_lines[i] for i in order]
    for row, number in zip(voucher_rows, allocate(session, org_id, VOUCHER_SERIES, today, len(voucher_rows)),
                           strict=True):
        row['number_text'] = number.text
    for division in {row['division_id'] for row in voucher_rows}:  # เลขที่ผู้เบิก: each division its own
        rows = [row for row in voucher_rows if row['division_id'] == division]
        for row, number in zip(rows, allocate(session, org_id, requester_series(division), today, len(rows)),
                               strict=True):
            row['requester_no'] = number.text
    received = [row for row in voucher_rows if row['status'] in ('checked', 'approved', 'paid', 'posted')]
    for row, number in zip(received, allocate(session, org_id, TREASURY_SERIES, today, len(received)), strict=True):
        row['treasury_no'] = number.text  # เลขที่คลังรับ: the ones the finance division has checked
    for row in voucher_rows:
        row.setdefault('treasury_no', '')
    voucher_ids = session.execute(insert(Voucher).returning(Voucher.id, sort_by_parameter_order=True),
                                  voucher_rows).scalars().all()
    for voucher, voucher_id, line in zip(voucher_rows, voucher_ids, voucher_lines, strict=True):
        line['voucher_id'] = voucher_id
        if voucher['status'] == 'posted':
            entries = [dict(account_code=expense_account(classes, line['_type']), debit=voucher['gross'],
                            credit=Decimal('0'), budget_line_id=line['budget_line_id']),
                       dict(account_code=BANK, debit=Decimal('0'), credit=voucher['net'])]
            if voucher['wht']:
                entries.append(dict(account_code=WHT, debit=Decimal('0'), credit=voucher['wht']))
            journals.append((dict(entry_date=voucher['paid_on'], book='payments', source_type='voucher',
                                  source_id=voucher_id, amount=voucher['gross'],
                                  description=f'ฎีกา {voucher["number_text"]} {voucher["payee"]}: '
                                              f'{voucher["description"]}'[:1000]), entries))
    session.execute(insert(VoucherLine), [{k: v for k, v in x.items() if k != '_type'} for x in voucher_lines])
    _trails(session, context, voucher_rows, voucher_ids)
    session.execute(update(BudgetLine), [dict(id=r['id'], committed=r['committed'], disbursed=r['disbursed'])
                                         for r in lines if r['committed'] or r['disbursed']])

    # receipts
    revenue = revenue_classes(session, org_id)
    receipt_rows = []
    estimate = {e['revenue_code']: e['amount'] for e in estimates}
    for when, code, payer, amount in _collections(rng, start, today, holidays, estimate):
        kind = revenue[code]
        receipt_rows.append(dict(
            org_id=org_id, fiscal_year=fy, receipt_date=when, payer=payer,
            received_by='cash' if code in PAYER_KINDS else 'transfer',
            payer_tax_id='', revenue_code=code, fund_source_id=fund_id, description='',
            amount=amount, status='issued', cancel_reason='', created_by=users['revenue'].id,
            _account=kind.account_code or revenue[kind.parent_code].account_code, _name=kind.name))
    receipt_rows.sort(key=lambda r: r['receipt_date'])
    for row, number in zip(receipt_rows, allocate(session, org_id, RECEIPT_SERIES, today, len(receipt_rows)),
                           strict=True):
        row.update(number_text=number.text, number=number.number, book_no=(number.number - 1) // 100 + 1)
    for row in rng.sample([r for r in receipt_rows if r['received_by'] == 'cash'], 12):
        row.update(status='cancelled', cancel_reason='เขียนชื่อผู้ชำระผิด ออกใบใหม่แทน')
    receipt_ids = session.execute(insert(Receipt).returning(Receipt.id, sort_by_parameter_order=True),
                                  [{k: v for k, v in r.items() if not k.startswith('_')} for r in receipt_rows]
                                  ).scalars().all()
    burned = []
    for row, receipt_id in zip(receipt_rows, receipt_ids, strict=True):
        entries = [dict(account_code=CASH if row['received_by'] == 'cash' else BANK, debit=row['amount'],
                        credit=Decimal('0')),
                   dict(account_code=row['_account'], debit=Decimal('0'), credit=row['amount'])]
        journals.append((dict(entry_date=row['receipt_date'], book='receipts', source_type='receipt',
                              source_id=receipt_id, amount=row['amount'],
                              description=f'ใบเสร็จ {row["number_text"]} {row["payer"]}: {row["_name"]}'), entries))
        if row['status'] == 'cancelled':
            journals.append((dict(entry_date=row['receipt_date'], book='receipts', source_type='receipt-rev',
                                  source_id=receipt_id, amount=row['amount'],
                                  description=f'ยกเลิกใบเสร็จรับเงิน {row["number_text"]}: {row["cancel_reason"]}'),
                             [dict(e, debit=e['credit'], credit=e['debit']) for e in entries]))
            burned.append(dict(org_id=org_id, series=RECEIPT_SERIES.key, year=fy, number=row['number'],
                               text=row['number_text'], reason=row['cancel_reason'], burned_by=users['revenue'].id))
    if burned:
        session.execute(insert(BurnedNumber), burned)
    _deposit_daily(session, org_id, fy, today, receipt_rows, receipt_ids, journals, users['cashier'].id)
    _write_journals(session, org_id, fy, today, journals, users['accountant'].id)


def _collections(rng, start: date, today: date, holidays: dict, estimate: dict) -> list[tuple]:
    """(day, revenue code, payer, amount) of what came in from the year's start to today: own revenue paid in cash
    at the office on working days as its season brings it; shared taxes and the grant by monthly bank transfer from
    their agencies; bank interest credited by the bank twice a year."""
    found = []
    month_end = date(today.year + today.month // 12, today.month % 12 + 1, 1) - timedelta(days=1)
    days = [start + timedelta(days=n) for n in range((month_end - start).days + 1)]
    in_month: dict[tuple, int] = {}  # working days of each month, the whole month
    for d in days:
        if d.weekday() < 5 and d not in holidays:
            in_month[(d.year, d.month)] = in_month.get((d.year, d.month), 0) + 1
    working = [d for d in days if d <= today and d.weekday() < 5 and d not in holidays]
    for code, _, low, high in REVENUE:
        if code not in PAYER_KINDS:
            continue
        weights = SEASONS.get(code, EVEN)
        owed = Decimal('0')
        for d in working:  # what the season owes a working day, paid in receipts of a typical size
            month_index = (d.month - 10) % 12
            owed += estimate[code] * weights[month_index] / sum(weights) / in_month[(d.year, d.month)]
            while True:
                amount = _money(round(rng.uniform(low, high), 0 if high > 1000 else 2))
                if amount > owed:
                    break
                owed -= amount
                found.append((d, code, rng.choice(PAYER_KINDS[code]), amount))
    month = start
    while month <= today:
        for code, agency in AGENCIES.items():
            when = _pay_day(month.year, month.month, TRANSFER_DAYS[code], holidays)
            if when <= today:
                share = estimate[code] / 12 * Decimal(str(round(rng.uniform(0.88, 1.1), 4)))
                found.append((when, code, agency, share.quantize(CENT)))
        if month.month in INTEREST_MONTHS and (when := _pay_day(month.year, month.month, 21, holidays)) <= today:
            found.append((when, '413001', BANK_NAME, (estimate['413001'] / 2
                                                      * Decimal(str(round(rng.uniform(0.9, 1.1), 4)))).quantize(CENT)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


def _explanation_change(session: Session, context, works: list[dict], today: date) -> None:
    """A คำชี้แจง change (ข้อ 29) before the council: a road moved to another site, through the transfers' own rules
    and workflow (requested by finance, proposed by the นายก, awaiting the council's resolution)."""
    if not works:
        return
    line = works[0]
    finance = load_principal(session, context.users['finance_dir'].id)
    mayor = load_principal(session, context.users['mayor'].id)
    record = resource.insert(session, TRANSFERS, finance, {
        'transfer_date': max(today - timedelta(days=6), fiscal_year_range(line['fiscal_year'])[0]),
        'from_line_id': line['id'], 'to_line_id': None, 'amount': Decimal('0'), 'changes_capital': False,
        'new_item': '', 'new_work_code': None, 'new_type_code': None, 'new_project_id': None,
        'new_explanation': f'{line["explanation"]} (เปลี่ยนสถานที่ก่อสร้างจากซอยวัดเป็นซอยโรงเรียน ระยะทางและขนาดเท่าเดิม)'[:2000],
        'reason': 'ที่ดินจุดเดิมเจ้าของไม่ยินยอมให้ใช้ประโยชน์ ประชาคมหมู่บ้านเสนอย้ายไปซอยโรงเรียน',
        'council_resolution': '', 'council_date': None})
    TRANSFERS.workflow.apply(session, record, 'propose', mayor)


def _trails(session: Session, context, rows: list[dict], ids: list[int]) -> None:
    """Each voucher's approval trail as the workflow audits it (who moved it, when, in which capacity), so its ฎีกา
    prints the checker's and approver's names, positions and dates; the voucher's version counts its moves."""
    rng, org_id, today = context.rng, context.org.id, context.today
    actors = {name: load_principal(session, context.users[name].id) for name in {*MOVERS.values(), *APPROVERS}}
    latest = now()
    for row, voucher_id in zip(rows, ids, strict=True):
        moves = TRAILS[row['status']]
        if not moves:
            continue
        record = SimpleNamespace(org_id=org_id, division_id=row['division_id'], created_by=row['created_by'],
                                 gross=row['gross'], voucher_date=row['voucher_date'])
        approver = next(actors[name] for name in APPROVERS
                        if WORKFLOW.refusal(session, SimpleNamespace(**vars(record), status='checked'),
                                            WORKFLOW.transition('approve'), actors[name]) is None)
        checked = min(row['voucher_date'] + timedelta(days=rng.randrange(0, 2)), row['paid_on'] or today, today)
        approved = min(checked + timedelta(days=rng.randrange(0, 3)), row['paid_on'] or today, today)
        days = {'check': checked, 'return': checked, 'cancel': checked, 'approve': approved,
                'pay': row['paid_on'], 'post': row['paid_on']}
        hours = {'check': time(10, 30), 'return': time(10, 30), 'cancel': time(11, 0), 'approve': time(14, 0),
                 'pay': time(14, 45), 'post': time(15, 30)}
        state, previous = 'prepared', None
        for n, name in enumerate(moves, start=1):
            actor = approver if name == 'approve' else actors[MOVERS[name]]
            at = datetime.combine(days[name], hours[name], local_zone())
            at = min(at, latest - timedelta(minutes=10 * (len(moves) - n + 1)))  # today's moves are in the past
            at = max(at, previous + timedelta(minutes=1)) if previous else at
            previous = at
            transition = WORKFLOW.transition(name)
            note = {'return': rng.choice(RETURN_NOTES), 'cancel': rng.choice(CANCEL_NOTES),
                    'pay': f'{PAY_METHODS.get(row["pay_method"], "")} {row["pay_reference"]}'.strip()}.get(name, '')
            data = {'transition': name, 'from': state, 'to': transition.target, 'note': note, '@version': n + 1}
            if name == 'approve' and (order := actor.acting_for(APPROVE, row['gross'], record)) is not None:
                data['delegation'] = {'order_id': order.order_id, 'number': order.number, 'name': order.name,
                                      'what': order.what}
                row['approval_order_id'] = order.order_id
            audit.record(session, 'transition', org_id=org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                         object_type='Voucher', object_id=voucher_id, data=data, at=at.astimezone(UTC))
            state = transition.target
        row['version'] = len(moves) + 1
    session.execute(update(Voucher), [dict(id=voucher_id, version=row['version'],
                                           approval_order_id=row.get('approval_order_id'))
                                      for row, voucher_id in zip(rows, ids, strict=True) if 'version' in row])


def _deposit_daily(session: Session, org_id: int, fy: int, today: date, rows: list[dict], ids: list[int],
                   journals: list, user_id: int) -> None:
    """Each day's cash banked that day by one ใบนำฝาก (today's still in the safe): bank Dr, cash Cr."""
    days: dict[date, list[tuple[int, Decimal]]] = {}
    for row, receipt_id in zip(rows, ids, strict=True):
        if row['received_by'] == 'cash' and row['status'] == 'issued' and row['receipt_date'] < today:
            days.setdefault(row['receipt_date'], []).append((receipt_id, row['amount']))
    if not days:
        return
    order = sorted(days)
    numbers = allocate(session, org_id, DEPOSIT_SERIES, today, len(order))
    heads = [dict(org_id=org_id, fiscal_year=fy, deposit_date=day, reference=f'กรุงไทย {day:%y%m%d}-{n:03d}',
                  receipts_count=len(days[day]), amount=sum((a for _, a in days[day]), Decimal('0')),
                  status='deposited', cancel_reason='', number_text=number.text, created_by=user_id)
             for n, (day, number) in enumerate(zip(order, numbers, strict=True), 1)]
    deposit_ids = session.execute(insert(CashDeposit).returning(CashDeposit.id, sort_by_parameter_order=True),
                                  heads).scalars().all()
    session.execute(update(Receipt), [dict(id=receipt_id, deposit_id=deposit_id)
                                      for day, deposit_id in zip(order, deposit_ids, strict=True)
                                      for receipt_id, _ in days[day]])
    for head, deposit_id in zip(heads, deposit_ids, strict=True):
        journals.append((dict(entry_date=head['deposit_date'], book='general', source_type='deposit',
                              source_id=deposit_id, amount=head['amount'],
                              description=f'ใบนำฝาก {head["number_text"]} นำฝากเงินสดจากใบเสร็จ '
                                          f'{head["receipts_count"]} ฉบับ'),
                         [dict(account_code=BANK, debit=head['amount'], credit=Decimal('0')),
                          dict(account_code=CASH, debit=Decimal('0'), credit=head['amount'])]))


def _write_journals(session: Session, org_id: int, fy: int, today: date, journals: list, user_id: int) -> None:
    journals.sort(key=lambda j: j[0]['entry_date'])
    numbers = allocate(session, org_id, JOURNAL_SERIES, today, len(journals))
    rows = [dict(head, org_id=org_id, fiscal_year=fy, number_text=number.text, debit_account='', credit_account='',
                 status='posted', created_by=user_id) for (head, _), number in zip(journals, numbers, strict=True)]
    ids = session.execute(insert(Journal).returning(Journal.id, sort_by_parameter_order=True), rows).scalars().all()
    session.execute(insert(JournalLine), [
        dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=head['entry_date'],
             account_code=e['account_code'], debit=e['debit'], credit=e['credit'],
             budget_line_id=e.get('budget_line_id'), description='')
        for (head, entries), journal_id in zip(journals, ids, strict=True) for e in entries])
    by_source: dict[tuple, int] = {}
    for (head, _), journal_id in zip(journals, ids, strict=True):
        by_source.setdefault((head['source_type'], head['source_id']), journal_id)  # the original, not a reversal
    for voucher in session.exec(select(Voucher).where(Voucher.org_id == org_id, Voucher.status == 'posted')).all():
        voucher.journal_id = by_source.get(('voucher', voucher.id))
    for receipt in session.exec(select(Receipt).where(Receipt.org_id == org_id)).all():
        receipt.journal_id = by_source.get(('receipt', receipt.id))
    for deposit in session.exec(select(CashDeposit).where(CashDeposit.org_id == org_id)).all():
        deposit.journal_id = by_source.get(('deposit', deposit.id))
