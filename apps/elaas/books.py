"""The books: balanced journal entries (from posting rules, or manual with approval), month close, year-end
carry-forward, opening balances, and the ledgers' rows (trial balance, general ledger, cash book)."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate

import pandas as pd
from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from apps.elaas.codes import ACCUMULATED_FUND, postable_accounts
from core import audit, checks, db
from core.access import Principal, require
from core.errors import Refusal, ValidationFailed
from core.numbering import Series, next_number
from core.resource import read_workbook
from core.thai import fiscal_year, fiscal_year_range, format_date, format_money, parse_money, today
from models.finance import Account, ClosedPeriod, Journal, JournalLine, PostingRule

JOURNAL_SERIES = Series('elaas.journal', 'เลขที่รายการบัญชี', 'fiscal', 'บช.{n}/{year}')
THAI_MONTHS = ['', 'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม',
               'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']
ZERO = Decimal('0')


class PeriodClosed(Refusal):
    """A posting dated in a closed month."""


@dataclass(frozen=True)
class Entry:
    account_code: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    budget_line_id: int | None = None
    description: str = ''


def month_title(year: int, month: int) -> str:
    return f'{THAI_MONTHS[month]} {year + 543}'


def ensure_open(session: Session, org_id: int, on: date) -> None:
    closed = session.exec(select(ClosedPeriod.id).where(ClosedPeriod.org_id == org_id, ClosedPeriod.year == on.year,
                                                        ClosedPeriod.month == on.month)).first()
    if closed is not None:
        raise PeriodClosed(f'งวดบัญชีเดือน{month_title(on.year, on.month)} ปิดแล้ว บันทึกบัญชีลงวันที่ '
                           f'{format_date(on)} ไม่ได้')


def post(session: Session, actor: Principal, *, on: date, book: str, source_type: str, source_id: int | None,
         description: str, entries: list[Entry], journal: Journal | None = None) -> Journal:
    """Write one balanced entry (refused in a closed month, unbalanced, or to an unknown account)."""
    ensure_open(session, actor.org_id, on)
    entries = [e for e in entries if e.debit or e.credit]
    debit, credit = sum((e.debit for e in entries), ZERO), sum((e.credit for e in entries), ZERO)
    if not entries or debit != credit:
        raise Refusal(f'รายการบัญชีไม่สมดุล (เดบิต {format_money(debit)} เครดิต {format_money(credit)})')
    checks.total(debit, 'amount', 'ยอดรวมของรายการบัญชี')
    known = postable_accounts(session, actor.org_id)
    if unknown := sorted({e.account_code for e in entries} - set(known)):
        raise Refusal(f'ไม่พบรหัสบัญชีที่บันทึกได้ในผังบัญชี: {", ".join(unknown)}')
    fy = fiscal_year(on)
    if journal is None:
        number = next_number(session, actor.org_id, JOURNAL_SERIES, on)
        journal = Journal(org_id=actor.org_id, created_by=actor.user_id, number_text=number.text, fiscal_year=fy,
                          entry_date=on, book=book, source_type=source_type, source_id=source_id,
                          description=description[:1000], amount=debit, status='posted')
        session.add(journal)
        session.flush()
    session.execute(insert(JournalLine), [
        dict(org_id=actor.org_id, journal_id=journal.id, fiscal_year=fy, entry_date=on, account_code=e.account_code,
             debit=e.debit, credit=e.credit, budget_line_id=e.budget_line_id, description=e.description[:300])
        for e in entries])
    audit.record_by(session, actor, 'post', 'Journal', journal.id,
                    {'source': source_type, 'source_id': source_id, 'amount': debit})
    return journal


def entries_from_rules(session: Session, org_id: int, event: str, amounts: dict[str, Decimal],
                       lines: list[tuple[str, Decimal, int | None]]) -> list[Entry]:
    """Apply the event's posting rules: fixed-account rows take the named amount; a blank account spreads the
    document's lines (account, amount, budget line) on that side."""
    rules = session.exec(select(PostingRule).where(PostingRule.org_id == org_id, PostingRule.event == event)
                         .order_by(PostingRule.sort_order)).all()
    if not rules:
        raise Refusal(f'ยังไม่มีกฎการบันทึกบัญชีของเอกสาร "{event}"')
    entries = []
    for r in rules:
        if r.account_code:
            pairs = [(r.account_code, amounts[r.amount], None)]
        else:
            pairs = lines
        for account, amount, line_id in pairs:
            debit, credit = (amount, ZERO) if r.side == 'debit' else (ZERO, amount)
            entries.append(Entry(account, debit, credit, line_id, r.description))
    return entries


def reverse(session: Session, actor: Principal, journal_id: int, on: date, description: str) -> Journal:
    """A reversing entry (debits and credits swapped) for a cancelled document."""
    original = session.get(Journal, journal_id)
    lines = session.exec(select(JournalLine).where(JournalLine.journal_id == journal_id)).all()
    return post(session, actor, on=on, book=original.book, source_type=f'{original.source_type}-rev',
                source_id=original.source_id, description=description,
                entries=[Entry(x.account_code, x.credit, x.debit, x.budget_line_id, 'กลับรายการ') for x in lines])


# --- manual journal vouchers ---------------------------------------------------------------------------------------

def check_manual(session: Session, actor: Principal, clean: dict, record: Journal | None) -> dict:
    if clean['debit_account'] == clean['credit_account']:
        raise ValidationFailed({'credit_account': 'บัญชีด้านเครดิต: ต้องไม่ใช่บัญชีเดียวกับด้านเดบิต'})
    clean = {**clean, 'amount': checks.amount(clean.get('amount'))}
    try:
        ensure_open(session, actor.org_id, clean['entry_date'])
    except PeriodClosed as error:
        raise ValidationFailed({'entry_date': f'วันที่: {error}'}) from error
    return {**clean, 'fiscal_year': fiscal_year(clean['entry_date']), 'source_type': 'manual', 'book': 'general'}


def post_manual(session: Session, record: Journal, actor: Principal) -> None:
    post(session, actor, on=record.entry_date, book='general', source_type='manual', source_id=record.id,
         description=record.description, journal=record,
         entries=[Entry(record.debit_account, debit=record.amount), Entry(record.credit_account, credit=record.amount)])


# --- periods --------------------------------------------------------------------------------------------------------

def closed_months(org_id: int) -> set[tuple[int, int]]:
    with db.session_scope() as session:
        return set(session.exec(select(ClosedPeriod.year, ClosedPeriod.month).where(
            ClosedPeriod.org_id == org_id)).all())


def close_month(actor: Principal, year: int, month: int) -> None:
    require(actor, 'elaas.period.close', where='elaas/periods')
    with db.session_scope(write=True) as session:
        if session.exec(select(ClosedPeriod.id).where(ClosedPeriod.org_id == actor.org_id, ClosedPeriod.year == year,
                                                      ClosedPeriod.month == month)).first():
            raise Refusal(f'งวดบัญชีเดือน{month_title(year, month)} ปิดแล้ว')
        session.add(ClosedPeriod(org_id=actor.org_id, year=year, month=month, closed_by=actor.user_id))
        audit.record_by(session, actor, 'close_month', 'ClosedPeriod', f'{year}-{month:02d}', {})
    audit.pin_anchors(f'month close {year}-{month:02d}')  # the closed month's audit trail, anchored outside the DB


def audit_anchor(actor: Principal) -> audit.Anchor | None:
    """The head of this LAO's audit chain, shown (and printed) at month close: deleted newest events show later."""
    require(actor, 'elaas.journal.view', where='elaas/periods')
    with db.session_scope() as session:
        found = audit.anchors(session, actor.org_id, all_chains=False)
    return found[0] if found else None


def balances(session: Session, org_id: int, fy: int, until: date | None = None) -> dict[str, Decimal]:
    """Debit-minus-credit per account for the fiscal year (up to a date)."""
    query = select(JournalLine.account_code, func.sum(JournalLine.debit) - func.sum(JournalLine.credit)).where(
        JournalLine.org_id == org_id, JournalLine.fiscal_year == fy)
    if until is not None:
        query = query.where(JournalLine.entry_date <= until)
    return {code: Decimal(v or 0) for code, v in session.exec(query.group_by(JournalLine.account_code)).all()}


def carry_forward(actor: Principal, fy: int) -> int:
    """Year end: open fiscal year fy+1 with the balance-sheet balances of fy; the year's revenue less expense goes
    to เงินสะสม. Done once per year."""
    require(actor, 'elaas.period.close', where='elaas/periods')
    with db.session_scope(write=True) as session:
        done = session.exec(select(Journal.id).where(Journal.org_id == actor.org_id, Journal.fiscal_year == fy + 1,
                                                     Journal.source_type == 'carry')).first()
        if done:
            raise Refusal(f'ยกยอดปีงบประมาณ {fy} ไปปี {fy + 1} แล้ว')
        classes = dict(session.exec(select(Account.code, Account.account_class).where(
            Account.org_id == actor.org_id)).all())
        entries, result = [], ZERO
        for code, balance in sorted(balances(session, actor.org_id, fy).items()):
            if classes.get(code) in ('revenue', 'expense'):
                result -= balance  # revenue balances are credits (negative): the surplus is their negation
            elif balance:
                entries.append(Entry(code, max(balance, ZERO), max(-balance, ZERO), description='ยอดยกมา'))
        if result:
            entries.append(Entry(ACCUMULATED_FUND, max(-result, ZERO), max(result, ZERO),
                                 description='รายรับสูงกว่า(ต่ำกว่า)รายจ่ายปีก่อน'))
        if not entries:
            raise Refusal(f'ปีงบประมาณ {fy} ไม่มียอดคงเหลือให้ยกไป')
        journal = post(session, actor, on=fiscal_year_range(fy + 1)[0], book='general', source_type='carry',
                       source_id=fy, description=f'ยกยอดคงเหลือจากปีงบประมาณ {fy}', entries=entries)
        return journal.id


def import_opening(actor: Principal, fy: int, content: bytes) -> int:
    """Opening balances (ยอดยกมา, from the statement of financial position on 30 Sep) from Excel: columns
    รหัสบัญชี, เดบิต, เครดิต; posted as one balanced entry on the first day of the fiscal year."""
    require(actor, 'elaas.journal.edit', where='elaas/periods')
    df = read_workbook(content, dtype=str)
    missing = [c for c in ('รหัสบัญชี', 'เดบิต', 'เครดิต') if c not in df.columns]
    if missing:
        raise ValidationFailed({'file': 'ไฟล์: ไม่มีคอลัมน์ ' + ', '.join(missing)})
    entries, errors = [], []
    for n, row in df.iterrows():
        sides = {}
        for side in ('เดบิต', 'เครดิต'):  # each side's balance is positive; a side left blank is zero
            cell = row[side]
            try:
                sides[side] = parse_money(cell, minimum=ZERO) if isinstance(cell, str) and cell.strip() else ZERO
            except ValueError as error:
                errors.append(f'แถวที่ {n + 2}: {side}: {error}')
        if len(sides) == 2:
            entries.append(Entry(str(row['รหัสบัญชี']).strip(), sides['เดบิต'], sides['เครดิต'], description='ยอดยกมา'))
    if errors:
        raise ValidationFailed({'file': '\n'.join(errors)})
    with db.session_scope(write=True) as session:
        if session.exec(select(Journal.id).where(Journal.org_id == actor.org_id, Journal.fiscal_year == fy,
                                                 col(Journal.source_type).in_(('opening', 'carry')))).first():
            raise Refusal(f'ปีงบประมาณ {fy} มียอดยกมาแล้ว')
        return post(session, actor, on=fiscal_year_range(fy)[0], book='general', source_type='opening', source_id=fy,
                    description=f'ยอดยกมาต้นปีงบประมาณ {fy}', entries=entries).id


# --- ledgers ---------------------------------------------------------------------------------------------------------

def month_end(fy: int, month: int | None) -> date:
    """The last day of calendar `month` inside fiscal year fy (None: the year's last day)."""
    if month is None:
        return fiscal_year_range(fy)[1]
    year = fy - 543 - (1 if month >= 10 else 0)
    return date(year, month, monthrange(year, month)[1])


def as_of(fy: int, month: int | None) -> date:
    """The day a balance "at the end of the month" (None: of the year) is taken: that day, or today while it is
    still to come (a report never states a future date)."""
    return min(month_end(fy, month), today())


def trial_balance(actor: Principal, fy: int, month: int | None = None) -> pd.DataFrame:
    """งบทดลอง: each account's balance on its side, up to the end of the month (today, if it has not ended)."""
    require(actor, 'elaas.journal.view', where='elaas/trial-balance')
    with db.session_scope() as session:
        totals = balances(session, actor.org_id, fy, as_of(fy, month))
        names = dict(session.exec(select(Account.code, Account.name).where(
            Account.org_id == actor.org_id, col(Account.code).in_(list(totals)))).all())
    rows = [(code, names.get(code, ''), max(v, ZERO), max(-v, ZERO)) for code, v in sorted(totals.items()) if v]
    rows.append(('', 'รวม', sum((r[2] for r in rows), ZERO), sum((r[3] for r in rows), ZERO)))
    return pd.DataFrame(rows, columns=['รหัสบัญชี', 'ชื่อบัญชี', 'เดบิต', 'เครดิต'])


LEDGER_COLUMNS = ['วันที่', 'เลขที่', 'รายการ', 'เดบิต', 'เครดิต', 'คงเหลือ']


def _ledger_where(org_id: int, fy: int, account_code: str) -> tuple:
    return JournalLine.org_id == org_id, JournalLine.fiscal_year == fy, JournalLine.account_code == account_code


def general_ledger(actor: Principal, fy: int, account_code: str, offset: int = 0,
                   limit: int | None = None) -> pd.DataFrame:
    """บัญชีแยกประเภท: the account's lines in date order with the running balance (debit positive); `offset` and
    `limit` give one page of them, its balance carried from the lines before it.

    The lines come from the covering index ix_journal_line_books (the page is cut there, before the join), then
    their journal's number and description."""
    require(actor, 'elaas.journal.view', where='elaas/ledger')
    where = _ledger_where(actor.org_id, fy, account_code)
    order = (JournalLine.entry_date, JournalLine.id)
    lines = (select(JournalLine.id, JournalLine.entry_date, JournalLine.journal_id, JournalLine.debit,
                    JournalLine.credit).where(*where).order_by(*order).offset(offset).limit(limit).subquery())
    query = (select(lines.c.entry_date, Journal.number_text, Journal.description, lines.c.debit, lines.c.credit)
             .join(Journal, Journal.id == lines.c.journal_id).order_by(lines.c.entry_date, lines.c.id))
    with db.session_scope() as session:
        brought = ZERO
        if offset:
            before = select(JournalLine.debit, JournalLine.credit).where(*where).order_by(*order).limit(
                offset).subquery()
            brought = Decimal(session.execute(select(func.sum(before.c.debit) - func.sum(before.c.credit))).scalar()
                              or 0)
        rows = session.execute(query).all()
    balances = accumulate((debit - credit for _, _, _, debit, credit in rows), initial=brought)
    next(balances)  # the balance brought forward itself
    data = [(*row, balance) for row, balance in zip(rows, balances, strict=True)]
    return pd.DataFrame.from_records(data, columns=LEDGER_COLUMNS)


def ledger_totals(actor: Principal, fy: int, account_code: str) -> tuple[int, Decimal, Decimal]:
    """The account's number of lines in the year and their debit and credit totals, from the index."""
    require(actor, 'elaas.journal.view', where='elaas/ledger')
    with db.session_scope() as session:
        count, debit, credit = session.execute(select(func.count(), func.sum(JournalLine.debit),
                                                      func.sum(JournalLine.credit)).where(
            *_ledger_where(actor.org_id, fy, account_code))).one()
    return count, Decimal(debit or 0), Decimal(credit or 0)


def cash_book(actor: Principal, on: date) -> tuple[pd.DataFrame, Decimal, Decimal]:
    """สมุดเงินสด/เงินฝากรายวัน: cash and bank movements of one day, with the balance brought and carried forward."""
    require(actor, 'elaas.journal.view', where='elaas/cash-book')
    fy = fiscal_year(on)
    cash = col(JournalLine.account_code).startswith('1101')
    with db.session_scope() as session:
        before = session.exec(select(func.sum(JournalLine.debit) - func.sum(JournalLine.credit)).where(
            JournalLine.org_id == actor.org_id, JournalLine.fiscal_year == fy, cash,
            JournalLine.entry_date < on)).one()
        rows = session.exec(select(JournalLine, Journal.number_text, Journal.description, Journal.book)
                            .join(Journal, Journal.id == JournalLine.journal_id)
                            .where(JournalLine.org_id == actor.org_id, JournalLine.fiscal_year == fy, cash,
                                   JournalLine.entry_date == on).order_by(JournalLine.id)).all()
    brought = Decimal(before or 0)
    data = [{'เลขที่': number, 'รายการ': description, 'บัญชี': line.account_code, 'รับ': line.debit,
             'จ่าย': line.credit} for line, number, description, _ in rows]
    df = pd.DataFrame(data, columns=['เลขที่', 'รายการ', 'บัญชี', 'รับ', 'จ่าย'])
    carried = brought + sum(df['รับ'], ZERO) - sum(df['จ่าย'], ZERO)
    return df, brought, carried
