"""e-LAAS code lists and rules: seeded for each new LAO from assets/elaas/, then the LAO's own data; lookups."""

import csv
from datetime import date
from decimal import Decimal

from sqlalchemy import insert
from sqlmodel import Session, col, select

from core.errors import Refusal
from core.settings import asset
from core.thai import fiscal_year, fiscal_year_range, format_date, today
from models.finance import Account, ExpenseClass, FinanceRule, PostingRule, RevenueClass

CLASS_BY_DIGIT = {'1': ('asset', 'debit'), '2': ('liability', 'credit'), '3': ('equity', 'credit'),
                  '4': ('revenue', 'credit'), '5': ('expense', 'debit')}
ACCOUNT_CLASSES = {'asset': 'สินทรัพย์', 'liability': 'หนี้สิน', 'equity': 'ทุน/เงินสะสม', 'revenue': 'รายได้',
                   'expense': 'ค่าใช้จ่าย'}
SIDES = {'debit': 'เดบิต', 'credit': 'เครดิต'}
ACCUMULATED_FUND = '3102010101.001'  # เงินสะสม: where a year's surplus is carried


def _rows(name: str) -> list[dict[str, str]]:
    with asset('elaas', name).open(encoding='utf-8') as handle:
        return list(csv.DictReader(handle))


def seed_finance_codes(session: Session, org) -> None:
    """Starter chart of accounts, expense and revenue classes, posting rules and finance rules (bulk inserts)."""
    accounts = []
    for row in _rows('chart_of_accounts.csv'):
        account_class, side = CLASS_BY_DIGIT[row['account_code'][0]]
        accounts.append(dict(org_id=org.id, code=row['account_code'], name=row['account_name'].strip(),
                             level=int(row['level']), parent_code=row['parent_code'], account_class=account_class,
                             normal_side=side, statement=row['statement_type'], postable=row['postable'] == '1',
                             is_active=True))
    session.execute(insert(Account), accounts)
    session.execute(insert(ExpenseClass), [
        dict(org_id=org.id, code=r['code'], name=r['name'], level=r['level'], parent_code=r['parent_code'],
             account_code=r['account_code'], personnel=r['personnel'] == 'true', sort_order=n, is_active=True)
        for n, r in enumerate(_rows('expense_classes.csv'))])
    session.execute(insert(RevenueClass), [
        dict(org_id=org.id, code=r['code'], name=r['name'], level=r['level'], parent_code=r['parent_code'],
             account_code=r['account_code'], sort_order=n, is_active=True)
        for n, r in enumerate(_rows('revenue_classes.csv'))])
    session.execute(insert(PostingRule), [
        dict(org_id=org.id, event=r['event'], side=r['side'], amount=r['amount'], account_code=r['account_code'],
             description=r['description'], sort_order=n) for n, r in enumerate(_rows('posting_rules.csv'))])
    session.execute(insert(FinanceRule), [
        dict(org_id=org.id, key=r['key'], value=Decimal(r['value']) if r['value'] else None,
             effective_from=date.fromisoformat(r['effective_from']) if r['effective_from'] else own_rules_from(),
             description=r['description'], clause=r['clause']) for r in _rows('finance_rules.csv')])


def own_rules_from() -> date:
    """Where an LAO's own setting (no regulation behind it: receipts per book) starts: the first day of the fiscal
    year before the set-up's, so the year before can still be keyed."""
    return fiscal_year_range(fiscal_year(today()) - 1)[0]


RULE_NAMES = {  # the finance rules the code reads, by key: what each is, in Thai (the register's labels)
    'personnel_cap_pct': 'ค่าใช้จ่ายด้านบุคคลไม่เกินร้อยละของงบประมาณรายจ่าย (มาตรา 35)',
    'receipts_per_book': 'จำนวนใบเสร็จรับเงินต่อเล่ม (ฉบับ)',
    'budget_deficit_refused': 'ร่างข้อบัญญัติที่รายจ่ายสูงกว่ารายรับ: 1 = ไม่ให้เสนอสภา, 0 = เตือน',
    'approve_limit.executive': 'วงเงินอนุมัติฎีกาของนายก (บาท, ว่าง: ไม่จำกัด)',
}


LIMIT_PREFIX = 'approve_limit.'  # + a role key: that role's voucher approval limit (blank: none)


def rule_name(key: str) -> str:
    if key in RULE_NAMES:
        return RULE_NAMES[key]
    if key.startswith(LIMIT_PREFIX):
        return f'วงเงินอนุมัติฎีกาของบทบาท {key.removeprefix(LIMIT_PREFIX)} (บาท, ว่าง: ไม่จำกัด)'
    return key


def rule(session: Session, org_id: int, key: str, on: date | None = None) -> Decimal | None:
    """The value of a finance rule in force on a date (the latest effective_from not after it)."""
    return session.exec(select(FinanceRule.value).where(
        FinanceRule.org_id == org_id, FinanceRule.key == key, FinanceRule.effective_from <= (on or today()))
        .order_by(FinanceRule.effective_from.desc())).first()


def required_rule(session: Session, org_id: int, key: str, on: date | None = None) -> Decimal:
    """A finance rule the work cannot go on without: no value in code stands in for a missing one; it refuses,
    naming the rule and the day (the administrator adds it under เกณฑ์และวงเงิน)."""
    value = rule(session, org_id, key, on)
    if value is None:
        raise Refusal(f'ไม่พบเกณฑ์การเงิน "{rule_name(key)}" ({key}) ที่ใช้บังคับ ณ วันที่ '
                      f'{format_date(on or today(), "long")}: เพิ่มได้ที่ เกณฑ์และวงเงิน')
    return value


def expense_classes(session: Session, org_id: int) -> dict[str, ExpenseClass]:
    return {c.code: c for c in session.exec(select(ExpenseClass).where(ExpenseClass.org_id == org_id)).all()}


def revenue_classes(session: Session, org_id: int) -> dict[str, RevenueClass]:
    return {c.code: c for c in session.exec(select(RevenueClass).where(RevenueClass.org_id == org_id)).all()}


def expense_account(classes: dict[str, ExpenseClass], type_code: str) -> str:
    """The account an expense of this ประเภท debits: its own, else its หมวด's."""
    node = classes.get(type_code)
    while node is not None and not node.account_code:
        node = classes.get(node.parent_code)
    return node.account_code if node else ''


def is_personnel(classes: dict[str, ExpenseClass], type_code: str) -> bool:
    """A ประเภทรายจ่าย (or a หมวด) is personnel cost when it or a level above it is marked so; a งบ (a line not yet
    broken down) when every หมวด under it is."""
    node = classes.get(type_code)
    if node is not None and node.level == 'group':
        below = [c for c in classes.values() if c.parent_code == node.code]
        return bool(below) and all(is_personnel(classes, c.code) for c in below)
    while node is not None:
        if node.personnel:
            return True
        node = classes.get(node.parent_code)
    return False


def postable_accounts(session: Session, org_id: int) -> dict[str, Account]:
    return {a.code: a for a in session.exec(select(Account).where(
        Account.org_id == org_id, Account.postable, Account.is_active)).all()}


def account_names(session: Session, org_id: int, codes: list[str] | None = None) -> dict[str, str]:
    query = select(Account.code, Account.name).where(Account.org_id == org_id)
    if codes is not None:
        query = query.where(col(Account.code).in_(codes))
    return dict(session.exec(query).all())
