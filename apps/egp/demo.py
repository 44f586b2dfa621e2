"""e-GP demo data: the demo LAO's vendors (one blocked), its procurement plan, and about 40 procurement files of
the current fiscal year in every state: two e-bidding rounds of the road with several bidders (the first cancelled for
want of a compliant bid; the second's result announced and appealed, the contract waiting for the decision); a repair
contracted with a late installment and its fine; three purchases from one vendor within 30 days that warn of
splitting; some thirty specific-method purchases and hires spread over the year so far (drafts, one outside the plan,
requested, approved, awarded, contracted, completed with their draft ฎีกา and each inspector's decision) — all made
through the registers' own rules inside the demo's one transaction, on lines of the demo budget with room for them
(so the budget, commitments and vouchers agree)."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from apps.egp import service
from apps.egp.resources import ANNOUNCEMENTS, APPEALS, BIDS, CONTRACTS, FILES, INSTALLMENTS, MEMBERS, PLAN, VENDORS
from core.access import Principal, load_principal
from core.resource import Resource, insert
from core.thai import fiscal_year, fiscal_year_range, with_check_digit
from models.finance import BudgetLine

VENDORS_DATA = [  # name, tax id (valid check digits), address, blocked reason
    ('ห้างหุ้นส่วนจำกัด บ้านตัวอย่างพาณิชย์', '0303556000017', '12 หมู่ 1 ตำบลบ้านตัวอย่าง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('บริษัท โคราชคอมพิวเตอร์ จำกัด', '0305559000118', '88 ถนนมิตรภาพ ตำบลในเมือง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('ร้านสมหวังการช่าง', '3300100254318', '45 หมู่ 3 ตำบลบ้านตัวอย่าง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('บริษัท ศรีสุขก่อสร้าง จำกัด', '0305560001230', '9 หมู่ 6 ตำบลหนองระเวียง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('บริษัท นครชัยวัสดุก่อสร้าง จำกัด', '0305561002340', '201 ถนนมิตรภาพ ตำบลหนองไผ่ล้อม '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('ห้างหุ้นส่วนจำกัด โชคดีเครื่องเขียน', '0303557004450', '17 ถนนจอมพล ตำบลในเมือง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('บริษัท ไทยรุ่งเรืองการโยธา จำกัด', '0305562005560', '55 หมู่ 4 ตำบลโคกกรวด '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000', ''),
    ('ห้างหุ้นส่วนจำกัด ทิ้งงานวัสดุ', '0303553000213', '3 ถนนสุรนารี ตำบลในเมือง '
     'อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000',
     'ประกาศรายชื่อผู้ทิ้งงาน กรมบัญชีกลาง ว 77/2568'),
]


def _line(session: Session, org_id: int, fy: int, type_prefix: str, need: Decimal) -> BudgetLine | None:
    remaining = (BudgetLine.approved + BudgetLine.transfer_in - BudgetLine.transfer_out - BudgetLine.committed
                 - BudgetLine.disbursed)
    return session.exec(select(BudgetLine).where(
        BudgetLine.org_id == org_id, BudgetLine.fiscal_year == fy, BudgetLine.type_code.startswith(type_prefix),
        remaining >= need).order_by(remaining.desc(), BudgetLine.id)).first()


def _move(session: Session, resource: Resource, record, name: str, actor: Principal, note: str = '') -> None:
    resource.workflow.apply(session, record, name, actor, note)
    session.flush()


def seed_demo(context) -> None:
    session, org = context.session, context.org
    people = {name: load_principal(session, user.id) for name, user in context.users.items()
              if name in ('procurement', 'finance_dir', 'mayor')}
    officer = people['procurement']
    fy = fiscal_year(context.today)
    start, _ = fiscal_year_range(fy)
    vendors = []
    for name, tax_id, address, blocked in VENDORS_DATA:
        vendors.append(insert(session, VENDORS, officer, {
            'name': name, 'tax_id': with_check_digit(tax_id), 'branch': '00000', 'juristic': not name.startswith('ร้าน'),
            'address': address, 'contact': '', 'phone': '044 000 000', 'bank_name': 'ธนาคารกรุงไทย',
            'bank_account': '', 'sme': True, 'blocked': bool(blocked), 'blocked_reason': blocked,
            'blocked_on': date(2025, 6, 2) if blocked else None, 'is_active': True}))
    session.flush()

    orders: list[int] = []  # the คำสั่งแต่งตั้งคณะกรรมการ, one a file

    def new_file(type_prefix: str, kind: str, description: str, amount: str, on: date, method: str = '',
                 reference: str = '', inspectors: int = 1, evaluators: int = 0, planned: bool = True):
        line = _line(session, org.id, fy, type_prefix, Decimal(amount))
        if line is None:
            return None
        item = insert(session, PLAN, officer, {
            'budget_line_id': line.id, 'description': description, 'amount': Decimal(amount), 'method': method,
            'planned_month': on.month, 'published_on': start + timedelta(days=20)}) if planned else None
        record = insert(session, FILES, officer, {
            'request_date': on, 'budget_line_id': line.id, 'plan_item_id': item.id if item else None,
            'kind': kind, 'description': description,
            'quantity': '', 'amount': Decimal(amount), 'method': method, 'condition': '',
            'reference_price': Decimal(reference or amount), 'reference_source': 'สืบราคาจากท้องตลาด 3 ราย',
            'egp_project_no': '', 'committee_order': f'คำสั่งที่ {100 + len(orders) + 1}/{fy}', 'award_reason': ''})
        orders.append(record.id)
        staff = ['นายวีระ แสนคำ', 'นางสาวอรุณี ใจเย็น', 'นางสาวสายใจ บุญมา', 'นายสมปอง โพธิ์ศรี', 'นางสาวปวีณา ทองคำ']
        for committee, count in (('inspection', inspectors), ('evaluation', evaluators)):
            for i in range(count):
                insert(session, MEMBERS, officer, {
                    'procurement_id': record.id, 'committee': committee,
                    'role': 'chair' if i == 0 and count > 1 else 'member', 'user_id': None,
                    'name': staff[(i + (2 if committee == 'evaluation' else 0)) % len(staff)],
                    'position': 'พนักงานส่วนตำบล', 'outsider': False})
        session.flush()
        return record

    def approve(record) -> None:
        _move(session, FILES, record, 'request', officer)
        _move(session, FILES, record, 'review', people['finance_dir'])
        _move(session, FILES, record, 'approve', people['mayor'])

    def bid(record, vendor, price: str, compliant: bool = True, reason: str = '') -> None:
        insert(session, BIDS, officer, {'procurement_id': record.id, 'vendor_id': vendor.id, 'price': Decimal(price),
                                        'compliant': compliant, 'reason': reason, 'bid_date': record.request_date})
        session.flush()

    def award(record) -> None:
        record.awarded_on = min(record.request_date + timedelta(days=5), context.today)
        _move(session, FILES, record, 'award', officer)

    def sign(signed) -> None:
        signed.signed_on = signed.start_on
        _move(session, CONTRACTS, signed, 'sign', officer)

    def contract(record, number: str, amount: str, parts: list[tuple[str, date]], rate: str = '0.10'):
        signed = insert(session, CONTRACTS, officer, {
            'procurement_id': record.id, 'number_text': number, 'egp_contract_no': '', 'amount': Decimal(amount),
            'start_on': record.request_date + timedelta(days=3), 'end_on': parts[-1][1], 'warranty_days': 365,
            'fine_rate_pct': Decimal(rate), 'guarantee_kind': 'performance', 'guarantee_form': 'bank_guarantee',
            'guarantee_amount': (Decimal(amount) * Decimal('0.05')).quantize(Decimal('0.01')),
            'guarantee_received_on': record.request_date + timedelta(days=3), 'guarantee_returned_on': None})
        session.flush()
        installments = [insert(session, INSTALLMENTS, officer, {
            'contract_id': signed.id, 'seq': n, 'description': f'ส่งมอบงวดที่ {n}', 'amount': Decimal(part),
            'due_on': due, 'delivered_on': None, 'inspected_on': None}) for n, (part, due) in enumerate(parts, 1)]
        session.flush()
        return signed, installments

    def inspect(installment, delivered: date) -> None:
        delivered = min(delivered, context.today)
        installment.delivered_on = installment.inspected_on = delivered
        session.add(installment)
        session.flush()
        for member in service.inspectors(session, installment):  # every member accepts (the rule: unanimous)
            service.record_decision(session, officer, installment, member, 'accept', '', delivered)
        _move(session, INSTALLMENTS, installment, 'accept', officer)

    a, b, c, d, e, f, g, blocked = vendors
    # 11 October, or earlier when the year is young: within the year, about a month before today at least
    first = start + timedelta(days=min(10, max(0, (context.today - start).days - 30)))
    # completed: office supplies, one delivery on time, its ฎีกา drafted for finance
    supplies = new_file('533', 'buy', 'จัดซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์ แฟ้มเอกสาร)', '18500', first)
    if supplies is not None:
        approve(supplies)
        bid(supplies, a, '18200')
        award(supplies)
        signed, (only,) = contract(supplies, 'ใบสั่งซื้อ 1/2570', '18200', [('18200', first + timedelta(days=15))],
                                   rate='0.20')
        sign(signed)
        inspect(only, first + timedelta(days=14))
    # contracted: a repair in two installments, the first delivered three days late and fined
    repair = new_file('532', 'hire', 'จ้างซ่อมแซมรถบรรทุกน้ำอเนกประสงค์ (เปลี่ยนยางและระบบเบรก)', '48000',
                      first + timedelta(days=5))
    if repair is not None:
        approve(repair)
        bid(repair, c, '47500')
        award(repair)
        due = first + timedelta(days=20)
        parts = [('30000', due), ('17500', context.today + timedelta(days=20))]
        signed, (one, _two) = contract(repair, 'ใบสั่งจ้าง 2/2570', '47500', parts)
        sign(signed)
        inspect(one, due + timedelta(days=3))
    # awarded: computers, the contract drafted
    computers = new_file('541', 'buy', 'จัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล จำนวน 3 เครื่อง', '66000',
                         first + timedelta(days=20))
    if computers is not None:
        approve(computers)
        bid(computers, b, '65400')
        bid(computers, blocked, '61000', compliant=False, reason='เป็นผู้ทิ้งงาน')
        award(computers)
        contract(computers, 'ใบสั่งซื้อ 3/2570', '65400', [('65400', context.today + timedelta(days=30))])
    # the first e-bidding round of the year's construction: four bids, none compliant, cancelled to be bid again
    # (its reserve goes back to the line); the second round follows below
    roomiest = _line(session, org.id, fy, '54', Decimal('600000'))
    if roomiest is not None:
        size = min(Decimal('900000'), (roomiest.remaining * Decimal('0.8') / 1000).quantize(Decimal('1')) * 1000)
        kind = 'buy' if roomiest.type_code.startswith('541') else 'works'
        round_one = new_file('54', kind, f'{roomiest.item} (e-bidding ครั้งที่ 1)', str(size), first + timedelta(days=2),
                             method='e_bidding', reference=str(size - 5000), inspectors=3, evaluators=3) \
            if size > 500000 else None
        if round_one is not None:
            approve(round_one)
            insert(session, ANNOUNCEMENTS, officer, {
                'procurement_id': round_one.id, 'kind': 'invitation',
                'announced_on': round_one.request_date + timedelta(days=1),
                'egp_no': f'{fy - 543 - 2000:02d}{round_one.request_date.month:02d}9000000', 'note': ''})
            for vendor, price, why in ((g, size - 20000, 'ไม่มีผลงานก่อสร้างตามที่ประกาศกำหนด'),
                                       (e, size - 15000, 'หลักประกันการเสนอราคาไม่ครบถ้วน'),
                                       (d, size - 9000, 'ไม่ยื่นบัญชีแสดงปริมาณวัสดุ (BOQ)'),
                                       (blocked, size - 40000, 'เป็นผู้ทิ้งงาน')):
                bid(round_one, vendor, str(price), compliant=False, reason=why)
            _move(session, FILES, round_one, 'cancel', officer,
                  'ไม่มีผู้เสนอราคาที่ถูกต้องตามเงื่อนไข ยกเลิกและประกาศเชิญชวนใหม่ (พ.ร.บ. มาตรา 67 (1))')
    # the second round: approved by e-bidding, bids received
    roomiest = _line(session, org.id, fy, '54', Decimal('600000'))
    size = min(Decimal('900000'), (roomiest.remaining * Decimal('0.8') / 1000).quantize(Decimal('1')) * 1000) \
        if roomiest is not None else Decimal('0')
    kind = 'buy' if roomiest is not None and roomiest.type_code.startswith('541') else 'works'
    works = new_file('54', kind, f'{roomiest.item} (e-bidding ครั้งที่ 2)', str(size), first + timedelta(days=25),
                     method='e_bidding', reference=str(size - 5000), inspectors=3, evaluators=3) \
        if size > 500000 else None
    if works is not None:  # announced, bids received, the result announced and appealed: the contract waits
        approve(works)
        insert(session, ANNOUNCEMENTS, officer, {
            'procurement_id': works.id, 'kind': 'invitation', 'announced_on': works.request_date + timedelta(days=1),
            'egp_no': f'{fy - 543 - 2000:02d}{works.request_date.month:02d}9000001', 'note': ''})
        bid(works, d, str(size - 11000))
        bid(works, a, str(size - 6500))
        bid(works, g, str(size - 2500))
        award(works)
        insert(session, ANNOUNCEMENTS, officer, {
            'procurement_id': works.id, 'kind': 'result', 'announced_on': works.awarded_on,
            'egp_no': f'{fy - 543 - 2000:02d}{works.awarded_on.month:02d}9000002', 'note': ''})
        insert(session, APPEALS, officer, {
            'procurement_id': works.id, 'vendor_id': a.id, 'appellant': '', 'filed_on': works.awarded_on + timedelta(
                days=2), 'grounds': 'ผู้ชนะการเสนอราคามีผลงานไม่ตรงตามเงื่อนไขในประกาศ', 'decision': 'pending',
            'decided_on': None, 'decision_note': ''})
        session.flush()
    # requested: budget reserved, waiting for the หัวหน้าเจ้าหน้าที่พัสดุ
    fuel = new_file('533', 'buy', 'จัดซื้อวัสดุเชื้อเพลิงและหล่อลื่น ไตรมาส 2', '35000', first + timedelta(days=30))
    if fuel is not None:
        _move(session, FILES, fuel, 'request', officer)
    # draft: a file being prepared
    new_file('532', 'hire', 'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน', '60000', context.today, planned=False)
    # splitting: three purchases of the same kind from one vendor within 30 days, together past 500,000
    for n, what in enumerate(('จัดซื้อวัสดุก่อสร้าง (หินคลุก ทราย) ซ่อมถนนหมู่ที่ 2',
                              'จัดซื้อวัสดุก่อสร้าง (หินคลุก ทราย) ซ่อมถนนหมู่ที่ 5',
                              'จัดซื้อวัสดุก่อสร้าง (หินคลุก ทราย) ซ่อมถนนหมู่ที่ 7')):
        split = new_file('53', 'buy', what, '180000', first + timedelta(days=12 + 4 * n), inspectors=3)
        if split is not None:
            approve(split)
            bid(split, e, '178000')
            award(split)
    # small purchases and hires by the specific method, in every state, spread over the year so far
    span = max(1, (context.today - first).days - 2)
    states = ('completed', 'contracted', 'awarded', 'approved', 'requested', 'draft')
    for n, (prefix, kind, what, amount) in enumerate(SMALL):
        on = first + timedelta(days=(span * n) // len(SMALL))
        record = new_file(prefix, kind, what, amount, on, planned=n % 9 != 4)
        if record is None:
            continue
        state = states[n % len(states)]
        if state == 'draft':
            continue
        if state == 'requested':
            _move(session, FILES, record, 'request', officer)
            continue
        approve(record)
        if state == 'approved':
            continue
        price = (Decimal(amount) * Decimal('0.97')).quantize(Decimal('1'))
        bid(record, (a, b, c, f)[n % 4], str(price))
        award(record)
        if state == 'awarded':
            continue
        due = min(on + timedelta(days=15), context.today + timedelta(days=15))
        signed, (only,) = contract(record, f'ใบสั่ง{"ซื้อ" if kind == "buy" else "จ้าง"} {10 + n}/{fy}', str(price),
                                   [(str(price), due)], rate='0.20' if kind == 'buy' else '0.10')
        sign(signed)
        if state == 'completed' and on + timedelta(days=14) <= context.today:
            inspect(only, on + timedelta(days=14))


SMALL = [  # budget type prefix, kind, what, amount: the LAO's everyday specific-method purchases and hires
    ('533', 'buy', 'จัดซื้อวัสดุคอมพิวเตอร์ (หมึกพิมพ์ เมาส์ แป้นพิมพ์)', '12500'),
    ('532', 'hire', 'จ้างเหมาซ่อมแซมเครื่องปรับอากาศห้องประชุม', '8500'),
    ('533', 'buy', 'จัดซื้อวัสดุไฟฟ้าและวิทยุ (หลอดไฟ สายไฟ) ไฟส่องสว่างสาธารณะ', '24000'),
    ('532', 'hire', 'จ้างเหมาจัดทำป้ายประชาสัมพันธ์โครงการวันเด็กแห่งชาติ', '6000'),
    ('533', 'buy', 'จัดซื้อวัสดุงานบ้านงานครัว ศูนย์พัฒนาเด็กเล็ก', '9800'),
    ('532', 'hire', 'จ้างเหมาบริการกำจัดวัชพืชริมทางสาธารณะ หมู่ที่ 1-10', '45000'),
    ('533', 'buy', 'จัดซื้อวัสดุการเกษตร (พันธุ์ไม้ ปุ๋ย) ปลูกต้นไม้วันสำคัญ', '15000'),
    ('532', 'hire', 'จ้างเหมาซ่อมแซมรถยนต์ส่วนกลาง ทะเบียน กข 1234', '22000'),
    ('533', 'buy', 'จัดซื้อวัสดุเครื่องแต่งกาย อาสาสมัครป้องกันภัยฝ่ายพลเรือน', '30000'),
    ('532', 'hire', 'จ้างเหมาจัดเตรียมสถานที่โครงการประชาคมแผนพัฒนาท้องถิ่น', '18000'),
    ('533', 'buy', 'จัดซื้อวัสดุวิทยาศาสตร์การแพทย์ (ทรายอะเบท น้ำยาพ่นหมอกควัน)', '38000'),
    ('532', 'hire', 'จ้างเหมาสูบน้ำช่วยเหลือพื้นที่การเกษตร', '27000'),
    ('533', 'buy', 'จัดซื้อวัสดุกีฬา โครงการแข่งขันกีฬาเยาวชนต้านยาเสพติด', '20000'),
    ('532', 'hire', 'จ้างเหมาถ่ายเอกสารและเข้าเล่มแผนพัฒนาท้องถิ่น', '7500'),
    ('533', 'buy', 'จัดซื้ออาหารเสริม (นม) โรงเรียน ภาคเรียนที่ 2', '95000'),
    ('532', 'hire', 'จ้างเหมาบริการรักษาความปลอดภัยอาคารสำนักงาน', '84000'),
    ('533', 'buy', 'จัดซื้อวัสดุสำนักงาน (กระดาษ A4 แฟ้ม ปากกา) ไตรมาส 2', '16500'),
    ('532', 'hire', 'จ้างเหมาซ่อมแซมท่อประปาหมู่บ้าน หมู่ที่ 6', '33000'),
    ('533', 'buy', 'จัดซื้อวัสดุยานพาหนะและขนส่ง (แบตเตอรี่ ยางรถ)', '26000'),
    ('532', 'hire', 'จ้างเหมาตกแต่งสถานที่งานประเพณีลอยกระทง', '12000'),
    ('533', 'buy', 'จัดซื้อวัสดุก่อสร้าง (ปูนซีเมนต์ เหล็ก) ซ่อมรางระบายน้ำ', '42000'),
    ('532', 'hire', 'จ้างเหมาทำความสะอาดและดูดสิ่งปฏิกูลบ่อบำบัด', '9000'),
    ('533', 'buy', 'จัดซื้อวัสดุโฆษณาและเผยแพร่ (ไวนิล กระดาษโปสเตอร์)', '5500'),
    ('532', 'hire', 'จ้างเหมาซ่อมแซมเครื่องคอมพิวเตอร์และเครื่องพิมพ์', '14000'),
    ('533', 'buy', 'จัดซื้อวัสดุเชื้อเพลิง (น้ำมันดีเซล) รถบรรทุกขยะ ไตรมาส 1', '60000'),
    ('532', 'hire', 'จ้างเหมาเก็บขนขยะมูลฝอย หมู่ที่ 8-10', '54000'),
    ('533', 'buy', 'จัดซื้อครุภัณฑ์สำนักงาน (ตู้เหล็กเก็บเอกสาร 2 ตู้)', '11800'),
    ('532', 'hire', 'จ้างเหมาซ่อมแซมไฟฟ้าส่องสว่างทางสาธารณะ หมู่ที่ 3', '19500'),
    ('533', 'buy', 'จัดซื้อวัสดุงานบ้านงานครัว (น้ำดื่ม ถุงขยะ) สำนักงาน', '8800'),
    ('532', 'hire', 'จ้างเหมาจัดทำอาหารกลางวันโครงการอบรมผู้สูงอายุ', '21000'),
]
