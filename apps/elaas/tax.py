"""Withholding tax (ภาษีเงินได้หัก ณ ที่จ่าย) and VAT by the national tax rules, which are dated data citing their
clauses (`assets/elaas/tax_rules.csv`, the same for every LAO): the VAT within a voucher's amount, the tax withheld on
the amount before VAT, the form it is filed on (ภ.ง.ด.3 for a person, ภ.ง.ด.53 for a juristic person; none for a
government payee), the month's withholdings by form and their remittance to the Revenue Department by a voucher.
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pandas as pd
from sqlalchemy import extract
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from apps.elaas.books import month_title
from core import db, submissions
from core.access import Principal, require
from core.dated import in_force
from core.errors import Refusal
from core.resource import REGISTRY, insert, validate
from core.settings import asset
from core.thai import format_date, today
from models.codes import FundSource
from models.finance import PostingRule, Voucher

CENT = Decimal('0.01')
ZERO = Decimal('0')
PAYEE_KINDS = {'juristic': 'นิติบุคคล (บริษัท ห้างหุ้นส่วน)', 'individual': 'บุคคลธรรมดา',
               'government': 'ส่วนราชการ/รัฐวิสาหกิจ'}
INCOME_TYPES = {'goods': 'ค่าซื้อทรัพย์สิน', 'hire': 'ค่าจ้างทำของ', 'service': 'ค่าบริการ'}
FORMS = {'pnd3': 'ภ.ง.ด.3', 'pnd53': 'ภ.ง.ด.53'}
PAID = ('paid', 'posted')  # tax is withheld when the money is paid


@dataclass(frozen=True)
class TaxRule:
    key: str  # vat, or an income type
    payee_kind: str  # juristic | individual | government, or any
    rate_pct: Decimal
    threshold: Decimal  # withheld when one payment, before VAT, is at least this
    form: str  # pnd3 | pnd53 | '' (nothing to file)
    effective_from: date
    name: str
    clause: str


@cache
def tax_rules() -> tuple[TaxRule, ...]:
    with asset('elaas', 'tax_rules.csv').open(encoding='utf-8') as handle:
        return tuple(TaxRule(r['key'], r['payee_kind'], Decimal(r['rate_pct']), Decimal(r['threshold']), r['form'],
                             date.fromisoformat(r['effective_from']), r['name'], r['clause'])
                     for r in csv.DictReader(handle))


def tax_rule(key: str, payee_kind: str, on: date) -> TaxRule:
    """The rule in force on `on` (the latest effective_from not after it); a missing one refuses, naming it."""
    what = 'ภาษีมูลค่าเพิ่ม' if key == 'vat' else \
        f'ภาษีหัก ณ ที่จ่าย {INCOME_TYPES.get(key, key)} ผู้รับ{PAYEE_KINDS.get(payee_kind, payee_kind)}'
    return in_force((r for r in tax_rules() if r.key == key and r.payee_kind == payee_kind), on,
                    f'ไม่พบกฎ{what} ที่ใช้บังคับ ณ วันที่ {format_date(on, "long")} (assets/elaas/tax_rules.csv)')


@dataclass(frozen=True)
class Withholding:
    vat: Decimal  # the VAT within the gross
    base: Decimal  # the amount before VAT, on which tax is withheld
    wht: Decimal
    rule: TaxRule | None  # the withholding rule applied (None: not withheld)


def withholding(gross: Decimal, on: date, *, withhold: bool, payee_kind: str, income_type: str,
                vat_included: bool) -> Withholding:
    """The VAT within `gross` (when it includes VAT) and the tax withheld on the rest, by the rules in force `on`:
    10,700.00 with VAT to a company for goods is 700.00 VAT, 10,000.00 base, 100.00 withheld."""
    vat = ZERO
    if vat_included:
        rate = tax_rule('vat', 'any', on).rate_pct
        vat = (gross * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)
    base = gross - vat
    if not withhold:
        return Withholding(vat, base, ZERO, None)
    rule = tax_rule(income_type, payee_kind, on)
    wht = (base * rule.rate_pct / 100).quantize(CENT, ROUND_HALF_UP) if rule.rate_pct and base >= rule.threshold \
        else ZERO
    return Withholding(vat, base, wht, rule if wht else None)


def form_of(voucher: Voucher) -> str:
    """The form a paid voucher's withholding is filed on ('' when none was withheld)."""
    if not voucher.wht:
        return ''
    return tax_rule(voucher.income_type, voucher.payee_kind, voucher.paid_on or voucher.voucher_date).form


def wht_account(session: Session, org_id: int) -> str:
    """The liability account withheld tax waits in until remitted (the voucher posting rule for 'wht')."""
    code = session.exec(select(PostingRule.account_code).where(
        PostingRule.org_id == org_id, PostingRule.event == 'voucher', PostingRule.amount == 'wht')).first()
    if not code:
        raise Refusal('ไม่พบกฎการบันทึกบัญชีภาษีหัก ณ ที่จ่ายของฎีกา (ตั้งค่ากฎการบันทึกบัญชี)')
    return code


def _month_vouchers(session: Session, org_id: int, year: int, month: int) -> list[Voucher]:
    return list(session.exec(select(Voucher).where(
        Voucher.org_id == org_id, col(Voucher.status).in_(PAID), Voucher.wht > 0,
        extract('year', Voucher.paid_on) == year, extract('month', Voucher.paid_on) == month)
        .order_by(Voucher.paid_on, Voucher.id)).all())


SUMMARY_COLUMNS = ['ลำดับ', 'เลขประจำตัวผู้เสียภาษี', 'ชื่อผู้มีเงินได้', 'ที่อยู่', 'วันที่จ่าย', 'ประเภทเงินได้',
                   'อัตราภาษี (ร้อยละ)', 'จำนวนเงินที่จ่าย', 'ภาษีที่หักและนำส่ง', 'ฎีกาเลขที่']


def month_summary(actor: Principal, year: int, month: int, form: str) -> pd.DataFrame:
    """ใบแนบ ภ.ง.ด.3 / ภ.ง.ด.53 of a month (Christian `year`): each payment withheld on that form."""
    require(actor, 'elaas.report.view')
    with db.session_scope() as session:
        vouchers = [v for v in _month_vouchers(session, actor.org_id, year, month) if form_of(v) == form]
    rows = []
    for n, v in enumerate(vouchers, 1):
        rule = tax_rule(v.income_type, v.payee_kind, v.paid_on)
        rows.append({'ลำดับ': n, 'เลขประจำตัวผู้เสียภาษี': v.payee_tax_id, 'ชื่อผู้มีเงินได้': v.payee,
                     'ที่อยู่': v.payee_address, 'วันที่จ่าย': v.paid_on, 'ประเภทเงินได้': rule.name,
                     'อัตราภาษี (ร้อยละ)': f'{rule.rate_pct.normalize():f}', 'จำนวนเงินที่จ่าย': v.gross - v.vat,
                     'ภาษีที่หักและนำส่ง': v.wht, 'ฎีกาเลขที่': v.number_text})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def remits_key(year: int, month: int, form: str) -> str:
    return f'{year:04d}-{month:02d} {form}'


def remittance_of(actor: Principal, year: int, month: int, form: str) -> Voucher | None:
    """The voucher remitting a month's form (a cancelled one gives its place back)."""
    require(actor, 'elaas.voucher.view', where='elaas/vouchers')
    with db.session_scope() as session:
        return session.exec(select(Voucher).where(Voucher.org_id == actor.org_id,
                                                  Voucher.remits == remits_key(year, month, form))).first()


def remittance_values(actor: Principal, year: int, month: int, form: str, on: date, fund_source_id: int) -> dict:
    """The remittance voucher of a month's form, as the voucher form takes it: to the Revenue Department, the
    month's total on the withholding account, refused when nothing was withheld."""
    df = month_summary(actor, year, month, form)
    total = sum(df['ภาษีที่หักและนำส่ง'], ZERO)
    if not total:
        raise Refusal(f'ไม่มีภาษีหัก ณ ที่จ่ายตามแบบ {FORMS[form]} เดือน{month_title(year, month)}')
    with db.session_scope() as session:
        account = wht_account(session, actor.org_id)
    return {'voucher_date': on, 'payee': 'กรมสรรพากร', 'payee_kind': 'government', 'income_type': 'service',
            'description': f'นำส่งภาษีเงินได้หัก ณ ที่จ่าย {FORMS[form]} เดือน{month_title(year, month)} '
                           f'({len(df)} ราย)',
            'fund_source_id': fund_source_id, 'withhold': False, 'account_code': account, 'amount': total,
            'line_description': f'ภาษีหัก ณ ที่จ่ายรอนำส่ง {FORMS[form]}', 'remits': remits_key(year, month, form)}


def remit(actor: Principal, year: int, month: int, form: str, on: date, fund_source_id: int, *,
          key: str | None = None) -> int:
    """File the voucher remitting a month's form (it then goes the way of every voucher: checked, approved, paid,
    posted — debiting the withholding account). One per month and form: a second is refused, naming the first; a
    repeat of one submission `key` returns the same voucher."""
    values = remittance_values(actor, year, month, form, on, fund_source_id)
    remits = values.pop('remits')
    resource = REGISTRY['elaas/vouchers']
    require(actor, resource.edit, where=resource.ident)
    clean = validate(resource, actor, values)

    def work(session: Session) -> int:
        first = session.exec(select(Voucher).where(Voucher.org_id == actor.org_id, Voucher.remits == remits)).first()
        if first is not None:
            raise Refusal(f'{FORMS[form]} เดือน{month_title(year, month)} มีฎีกานำส่งแล้ว เลขที่ {first.number_text}')
        return insert(session, resource, actor, {**clean, 'remits': remits}).id
    try:
        return submissions.once(actor, key, f'remit {remits}', work)
    except IntegrityError as error:  # another remittance of the same month committed first
        raise Refusal(f'{FORMS[form]} เดือน{month_title(year, month)} มีฎีกานำส่งแล้ว') from error


def month_of(fy: int, month: int) -> tuple[int, int]:
    """A month of fiscal year `fy` (BE) as (Christian year, month): October–December belong to the year before."""
    return fy - 543 - (1 if month >= 10 else 0), month


@dataclass(frozen=True)
class MonthForm:
    year: int
    month: int
    form: str
    count: int
    total: Decimal
    remittance: Voucher | None  # the voucher remitting it, if filed


def year_overview(actor: Principal, fy: int) -> list[MonthForm]:
    """Each month of the fiscal year and form with withholdings: how many, the tax, and its remittance voucher."""
    require(actor, 'elaas.voucher.view', where='elaas/vouchers')
    start, end = date(fy - 544, 10, 1), date(fy - 543, 9, 30)
    with db.session_scope() as session:
        paid = session.exec(select(Voucher).where(
            Voucher.org_id == actor.org_id, col(Voucher.status).in_(PAID), Voucher.wht > 0,
            Voucher.paid_on >= start, Voucher.paid_on <= end)).all()
        remittances = {v.remits: v for v in session.exec(select(Voucher).where(
            Voucher.org_id == actor.org_id, col(Voucher.remits).is_not(None))).all()}
    groups: dict[tuple[int, int, str], list[Voucher]] = {}
    for v in paid:
        groups.setdefault((v.paid_on.year, v.paid_on.month, form_of(v)), []).append(v)
    return [MonthForm(year, month, form, len(vs), sum((v.wht for v in vs), ZERO),
                      remittances.get(remits_key(year, month, form)))
            for (year, month, form), vs in sorted(groups.items())]


DEPOSITS_FUND = '06'  # เงินรับฝาก: withheld tax is held as a deposit until remitted (REFERENCE §4.6)


def remit_now(actor: Principal, year: int, month: int, form: str, *, key: str | None = None) -> int:
    """The remittance voucher of a month's form, dated today, paid from the deposits (เงินรับฝาก)."""
    with db.session_scope() as session:
        fund = session.exec(select(FundSource.id).where(FundSource.org_id == actor.org_id,
                                                        FundSource.code == DEPOSITS_FUND)).first()
    if fund is None:
        raise Refusal(f'ไม่พบแหล่งเงินรหัส {DEPOSITS_FUND} (เงินรับฝาก) ในรหัสแหล่งเงินของ อปท.')
    return remit(actor, year, month, form, today(), fund, key=key)
