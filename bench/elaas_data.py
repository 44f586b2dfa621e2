"""e-LAAS benchmark data: N fiscal years of an LAO's books, in bulk.

Per year: an approved budget of `lines` lines, `vouchers` posted vouchers of one to three budget lines each (with
withholding tax on some), `receipts` receipts, and their journal entries — about 100,000 journal lines a year at the
defaults, so 10 years give over 1,000,000 journal lines and 100,000 vouchers. The stored totals of every budget line
equal what its vouchers add up to, as the services keep them.
"""

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select, text
from sqlmodel import Session

from apps.elaas.codes import expense_account, expense_classes, revenue_classes
from core.thai import fiscal_year_range
from models.codes import FundSource, ProgramCode
from models.finance import Budget, BudgetLine, Journal, JournalLine, Receipt, Voucher, VoucherLine
from models.org import Division

CASH, BANK, WHT = '1101010101.001', '1101030102.001', '2102040103.001'
CENT = Decimal('0.01')
CHUNK = 20_000
TYPES = ['533001', '533007', '532001', '532004', '534001', '534003', '531002', '541001', '522001', '510003']
REVENUES = ['411001', '411002', '412001', '412004', '413001', '421001', '421002', '431001']
PAYEES = ['ร้านรุ่งเรืองพาณิชย์', 'หจก.ช่างดีก่อสร้าง', 'บริษัท ไทยออฟฟิศ จำกัด', 'การไฟฟ้าส่วนภูมิภาค', 'สหกรณ์การเกษตร']


def _next_ids(session: Session, model, count: int) -> range:
    start = (session.execute(select(func.max(model.id))).scalar() or 0) + 1
    return range(start, start + count)


def _bulk(session: Session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[start:start + CHUNK])


def generate(session: Session, org_id: int, user_id: int, years: list[int], *, lines: int = 150,
             vouchers: int = 10_000, receipts: int = 33_000, seed: int = 2569) -> dict[str, int]:
    """Write the books of `years` (fiscal years without a budget yet) for one LAO; returns row counts."""
    rng = random.Random(seed)
    classes = expense_classes(session, org_id)
    revenue = revenue_classes(session, org_id)
    works = session.execute(select(ProgramCode.code, ProgramCode.parent_code).where(
        ProgramCode.org_id == org_id, ProgramCode.level == 'work')).all()
    divisions = session.execute(select(Division.id).where(Division.org_id == org_id)).scalars().all()
    fund = session.execute(select(FundSource.id).where(FundSource.org_id == org_id)).scalars().first()
    counts = dict.fromkeys(('budget_lines', 'vouchers', 'voucher_lines', 'receipts', 'journals', 'journal_lines'), 0)
    for fy in years:
        start, end = fiscal_year_range(fy)
        days = (end - start).days
        session.add(Budget(org_id=org_id, fiscal_year=fy, title=f'ข้อบัญญัติงบประมาณรายจ่าย พ.ศ. {fy}',
                           status='approved', created_by=user_id))
        line_ids = _next_ids(session, BudgetLine, lines)
        budget = []
        for n, line_id in enumerate(line_ids):
            work, program = works[n % len(works)]
            kind = TYPES[n % len(TYPES)]
            category = classes[classes[kind].parent_code]
            budget.append(dict(id=line_id, org_id=org_id, fiscal_year=fy, code=f'{fy % 100:02d}{work}{kind}{n:03d}',
                               program_code=program, work_code=work, group_code=category.parent_code,
                               category_code=category.code, type_code=kind, item=f'{classes[kind].name} {n}',
                               explanation='', division_id=divisions[n % len(divisions)], fund_source_id=fund,
                               approved=Decimal(rng.randrange(2_000_000, 6_000_000)), transfer_in=Decimal('0'),
                               transfer_out=Decimal('0'), committed=Decimal('0'), disbursed=Decimal('0'),
                               created_by=user_id))
        voucher_rows, voucher_lines, journals, journal_lines = [], [], [], []
        voucher_ids = _next_ids(session, Voucher, vouchers)
        journal_ids = iter(_next_ids(session, Journal, vouchers + receipts))
        line_id_iter = iter(_next_ids(session, VoucherLine, vouchers * 3))
        for number, voucher_id in enumerate(voucher_ids, start=1):
            when = start + timedelta(days=rng.randrange(days + 1))
            charged = rng.sample(budget, rng.randint(1, 3))
            amounts = [Decimal(rng.randrange(50_000, 2_000_000)) / 100 for _ in charged]
            gross = sum(amounts, Decimal('0'))
            wht = (gross / 100).quantize(CENT) if gross >= 10_000 and rng.random() < 0.5 else Decimal('0')
            journal_id = next(journal_ids)
            voucher_rows.append(dict(
                id=voucher_id, org_id=org_id, number_text=f'{number}/{fy}', fiscal_year=fy, voucher_date=when,
                payee=rng.choice(PAYEES), payee_tax_id='', description='เบิกจ่ายตามข้อบัญญัติ', division_id=None,
                fund_source_id=fund, withhold=bool(wht), gross=gross, wht=wht, net=gross - wht, status='posted',
                pay_method='transfer', pay_reference=f'TR{voucher_id}', paid_on=when, journal_id=journal_id,
                created_by=user_id))
            journals.append(dict(id=journal_id, org_id=org_id, number_text='', fiscal_year=fy, entry_date=when,
                                 book='payments', source_type='voucher', source_id=voucher_id,
                                 description=f'ฎีกา {number}/{fy}', debit_account='', credit_account='',
                                 amount=gross, status='posted', created_by=user_id))
            for line, amount in zip(charged, amounts, strict=True):
                line['disbursed'] += amount
                voucher_lines.append(dict(id=next(line_id_iter), org_id=org_id, voucher_id=voucher_id,
                                          budget_line_id=line['id'], commitment_id=None, account_code='',
                                          description='', amount=amount))
                journal_lines.append(dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=when,
                                          account_code=expense_account(classes, line['type_code']), debit=amount,
                                          credit=Decimal('0'), budget_line_id=line['id'], description=''))
            journal_lines.append(dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=when,
                                      account_code=BANK, debit=Decimal('0'), credit=gross - wht, budget_line_id=None,
                                      description=''))
            if wht:
                journal_lines.append(dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=when,
                                          account_code=WHT, debit=Decimal('0'), credit=wht, budget_line_id=None,
                                          description=''))
        for line in budget:  # budget sized to what was spent: no line below zero
            line['approved'] = max(line['approved'], line['disbursed'] + Decimal(rng.randrange(0, 500_000)))
        receipt_rows = []
        for number, receipt_id in enumerate(_next_ids(session, Receipt, receipts), start=1):
            when = start + timedelta(days=rng.randrange(days + 1))
            code = REVENUES[number % len(REVENUES)]
            amount = Decimal(rng.randrange(2_000, 5_000_000)) / 100
            journal_id = next(journal_ids)
            receipt_rows.append(dict(id=receipt_id, org_id=org_id, number_text=f'{number}/{fy}', fiscal_year=fy,
                                     book_no=(number - 1) // 100 + 1, number=number, receipt_date=when,
                                     payer='ผู้ชำระเงิน', payer_tax_id='', revenue_code=code, fund_source_id=fund,
                                     description='', amount=amount, status='issued', cancel_reason='',
                                     journal_id=journal_id, created_by=user_id))
            journals.append(dict(id=journal_id, org_id=org_id, number_text='', fiscal_year=fy, entry_date=when,
                                 book='receipts', source_type='receipt', source_id=receipt_id,
                                 description=f'ใบเสร็จ {number}/{fy}', debit_account='', credit_account='',
                                 amount=amount, status='posted', created_by=user_id))
            journal_lines.append(dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=when,
                                      account_code=CASH, debit=amount, credit=Decimal('0'), budget_line_id=None,
                                      description=''))
            journal_lines.append(dict(org_id=org_id, journal_id=journal_id, fiscal_year=fy, entry_date=when,
                                      account_code=revenue[code].account_code, debit=Decimal('0'), credit=amount,
                                      budget_line_id=None, description=''))
        journals.sort(key=lambda j: (j['entry_date'], j['id']))
        for n, journal in enumerate(journals, start=1):
            journal['number_text'] = f'บช.{n}/{fy}'
        for model, rows in ((BudgetLine, budget), (Voucher, voucher_rows), (VoucherLine, voucher_lines),
                            (Receipt, receipt_rows), (Journal, journals), (JournalLine, journal_lines)):
            _bulk(session, model, rows)
        session.flush()
        for key, rows in zip(counts, (budget, voucher_rows, voucher_lines, receipt_rows, journals, journal_lines),
                             strict=True):
            counts[key] += len(rows)
    if session.get_bind().dialect.name == 'postgresql':  # explicit ids: move the sequences past them
        for table in ('budget_line', 'voucher', 'voucher_line', 'receipt', 'journal'):
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT max(id) FROM {table}))"))
    return counts
