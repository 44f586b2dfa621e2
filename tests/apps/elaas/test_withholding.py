"""Withholding tax by the rule: the base before VAT, the threshold on both sides, the payee's kind and its form, dated
rules on both sides of their effective date, the 50 ทวิ certificate, the month's ภ.ง.ด.3/53 and its remittance."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from elaas_helpers import a_line, fund_id, letters, pdf_letters
from sqlmodel import select

from apps.elaas import prints, tax, vouchers
from core import db
from core.errors import Refusal
from core.thai import today
from helpers import principal
from models.finance import JournalLine, Voucher

D = Decimal
ON = date(2026, 11, 20)


def taxed(gross: str, **kwargs) -> tax.Withholding:
    options = {'withhold': True, 'payee_kind': 'juristic', 'income_type': 'goods', 'vat_included': False, **kwargs}
    return tax.withholding(D(gross), ON, **options)


def test_tax_is_withheld_on_the_amount_before_vat() -> None:
    result = taxed('10700.00', vat_included=True)
    assert (result.vat, result.base, result.wht) == (D('700.00'), D('10000.00'), D('100.00'))
    assert result.rule.form == 'pnd53' and '69 ทวิ' in result.rule.clause and 'ป.85/2542' in result.rule.clause
    assert taxed('10700.00').wht == D('107.00')  # no VAT in the amount: all of it is the base


@pytest.mark.parametrize('gross, vat_included, withheld', [
    ('9999.99', False, '0'), ('10000.00', False, '100.00'),  # one payment from 10,000 baht
    ('10699.99', True, '0'), ('10700.00', True, '100.00'),  # the threshold is on the amount before VAT too
])
def test_the_threshold_on_both_sides(gross: str, vat_included: bool, withheld: str) -> None:
    assert taxed(gross, vat_included=vat_included).wht == D(withheld)


def test_the_payee_decides_the_form_and_a_government_payee_is_not_withheld() -> None:
    assert taxed('20000.00', payee_kind='individual', income_type='hire').rule.form == 'pnd3'
    assert taxed('20000.00', payee_kind='individual').rule.clause.startswith('คำสั่งกรมสรรพากร ที่ ท.ป. 4/2528 ข้อ 12')
    electricity = taxed('25000.00', payee_kind='government', income_type='service', vat_included=True)
    assert electricity.wht == D('0') and electricity.vat == D('1635.51')
    assert taxed('25000.00', withhold=False).wht == D('0')


def test_a_rule_applies_from_its_effective_date_and_a_missing_one_refuses_naming_it(monkeypatch) -> None:
    rules = tax.tax_rules()
    current = tax.tax_rule('goods', 'juristic', ON)
    raised = dataclasses.replace(current, rate_pct=D('2'), effective_from=date(2027, 1, 1))
    monkeypatch.setattr(tax, 'tax_rules', lambda: (*rules, raised))
    assert tax.withholding(D('10000.00'), date(2026, 12, 31), withhold=True, payee_kind='juristic',
                           income_type='goods', vat_included=False).wht == D('100.00')
    assert tax.withholding(D('10000.00'), date(2027, 1, 1), withhold=True, payee_kind='juristic',
                           income_type='goods', vat_included=False).wht == D('200.00')
    with pytest.raises(Refusal, match='ไม่พบกฎภาษีมูลค่าเพิ่ม ที่ใช้บังคับ ณ วันที่'):
        tax.withholding(D('10700.00'), date(1999, 3, 31), withhold=False, payee_kind='juristic',
                        income_type='goods', vat_included=True)
    with pytest.raises(Refusal, match='ไม่พบกฎภาษีหัก ณ ที่จ่าย ค่าซื้อทรัพย์สิน ผู้รับนิติบุคคล'):
        tax.tax_rule('goods', 'juristic', date(1999, 12, 31))


def _paid_voucher(amount: str = '10700.00', **values) -> int:
    accountant = principal('accountant')
    line = a_line(accountant.org_id)
    voucher_id = vouchers.create_voucher(accountant, {
        'voucher_date': today(), 'payee': 'บริษัท ศรีสะอาดเครื่องเขียน จำกัด', 'payee_tax_id': '0305556001232',
        'payee_address': '99 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000',
        'description': 'ซื้อวัสดุสำนักงาน', 'fund_source_id': fund_id(accountant.org_id), 'withhold': True,
        'payee_kind': 'juristic', 'income_type': 'goods', 'vat_included': True, 'budget_line_id': line.id,
        'amount': D(amount), **values})
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TR-5001', today())
    vouchers.transition(accountant, voucher_id, 'post')
    return voucher_id


def get(voucher_id: int) -> Voucher:
    with db.session_scope() as session:
        return session.get(Voucher, voucher_id)


def test_a_payment_with_vat_withholds_prints_its_certificate_and_is_listed_and_remitted() -> None:
    voucher_id = _paid_voucher()
    voucher = get(voucher_id)
    assert (voucher.gross, voucher.vat, voucher.wht, voucher.net) == (
        D('10700.00'), D('700.00'), D('100.00'), D('10600.00'))
    with db.session_scope() as session:
        posted = {(x.account_code, x.debit, x.credit) for x in session.exec(
            select(JournalLine).where(JournalLine.journal_id == voucher.journal_id)).all()}
    assert ('2102040103.001', D('0'), D('100.00')) in posted and ('1101030102.001', D('0'), D('10600.00')) in posted

    accountant = principal('accountant')
    text = pdf_letters(prints.print_wht_certificate(accountant, voucher_id))
    for expected in ('หนังสือรับรองการหักภาษีณที่จ่าย', 'ตามมาตรา50ทวิแห่งประมวลรัษฎากร', 'ฉบับที่1', 'ฉบับที่2',
                     'องค์การบริหารส่วนตำบลบ้านตัวอย่าง', '0-9940-00163-12-6', 'บริษัทศรีสะอาดเครื่องเขียนจำกัด',
                     '0-3055-56001-23-2', 'ค่าซื้อทรัพย์สิน', '10,000.00', '100.00', 'หนึ่งร้อยบาทถ้วน',
                     'ผู้จ่ายเงิน'):
        assert letters(expected) in text, expected

    year, month = voucher.paid_on.year, voucher.paid_on.month
    listed = tax.month_summary(accountant, year, month, 'pnd53')
    row = listed[listed['ฎีกาเลขที่'] == voucher.number_text].iloc[0]
    assert (row['จำนวนเงินที่จ่าย'], row['ภาษีที่หักและนำส่ง']) == (D('10000.00'), D('100.00'))
    assert voucher.number_text not in set(tax.month_summary(accountant, year, month, 'pnd3')['ฎีกาเลขที่'])

    key = 'remit-test'
    remittance_id = tax.remit_now(accountant, year, month, 'pnd53', key=key)
    assert tax.remit_now(accountant, year, month, 'pnd53', key=key) == remittance_id  # a double-click: one voucher
    remittance = get(remittance_id)
    assert remittance.gross == sum(listed['ภาษีที่หักและนำส่ง'], D('0')) and remittance.wht == D('0')
    assert remittance.payee == 'กรมสรรพากร' and remittance.remits == tax.remits_key(year, month, 'pnd53')
    with pytest.raises(Refusal, match=f'มีฎีกานำส่งแล้ว เลขที่ {remittance.number_text}'):
        tax.remit_now(accountant, year, month, 'pnd53')
    vouchers.transition(accountant, remittance_id, 'cancel', 'ยอดไม่ครบ')
    again = tax.remit_now(accountant, year, month, 'pnd53')  # a cancelled remittance gives the month back
    assert again != remittance_id and get(remittance_id).remits is None
    assert [m.remittance.id for m in tax.year_overview(accountant, voucher.fiscal_year)
            if (m.year, m.month, m.form) == (year, month, 'pnd53')] == [again]


def test_no_certificate_before_payment_nor_without_tax() -> None:
    accountant = principal('accountant')
    voucher_id = vouchers.create_voucher(accountant, {
        'voucher_date': today(), 'payee': 'การไฟฟ้าส่วนภูมิภาคอำเภอเมืองนครราชสีมา', 'description': 'ค่าไฟฟ้า',
        'fund_source_id': fund_id(accountant.org_id), 'withhold': True, 'payee_kind': 'government',
        'income_type': 'service', 'vat_included': True, 'budget_line_id': a_line(accountant.org_id).id,
        'amount': D('25000.00')})
    assert get(voucher_id).wht == D('0')
    with pytest.raises(Refusal, match='จ่ายเงินแล้ว'):
        prints.print_wht_certificate(accountant, voucher_id)



async def test_the_withholding_page_files_one_remittance_and_the_voucher_prints_its_certificate(user) -> None:
    from nicegui.testing import User

    from helpers import sign_in
    assert isinstance(user, User)
    voucher = get(_paid_voucher('21400.00'))
    year, month = voucher.paid_on.year, voucher.paid_on.month
    await sign_in(user, 'accountant', expect='สวัสดี')
    await user.open(f'/elaas/vouchers/{voucher.id}')
    await user.should_see(marker='wht-certificate', retries=100)
    await user.open(f'/elaas/withholding?fy={voucher.fiscal_year}')
    row = f'withholding-{year}-{month}-pnd53'
    await user.should_see(marker=row, retries=100)
    existing = tax.remittance_of(principal('accountant'), year, month, 'pnd53')
    if existing is not None:  # another test's remittance of this month: cancelled, the page files the month afresh
        vouchers.transition(principal('accountant'), existing.id, 'cancel', 'จัดทำใหม่')
        await user.open(f'/elaas/withholding?fy={voucher.fiscal_year}')
        await user.should_see(marker=row, retries=100)
    button = user.find(marker=f'remit-{year}-{month}-pnd53')
    button.click()
    button.click()
    await user.should_see(marker='remittance-link', retries=100)
    filed = tax.remittance_of(principal('accountant'), year, month, 'pnd53')
    assert filed is not None and filed.gross >= voucher.wht
    with db.session_scope() as session:
        assert len(session.exec(select(Voucher).where(Voucher.payee == 'กรมสรรพากร',
                                                      Voucher.remits == filed.remits)).all()) == 1


def test_every_voucher_withholds_as_the_rule_says() -> None:
    """The demo's vouchers and every voucher since hold the VAT and tax the rules give (no government payee, such as
    the electricity authority, withheld)."""
    with db.session_scope() as session:
        rows = session.exec(select(Voucher).where(Voucher.status != 'cancelled')).all()
    assert rows
    for v in rows:
        expected = tax.withholding(v.gross, v.voucher_date, withhold=v.withhold, payee_kind=v.payee_kind,
                                   income_type=v.income_type, vat_included=v.vat_included)
        assert (v.vat, v.wht, v.net) == (expected.vat, expected.wht, v.gross - expected.wht), v.number_text
        assert not (v.payee_kind == 'government' and v.wht), v.number_text
    assert any(v.payee.startswith('การไฟฟ้า') and v.payee_kind == 'government' for v in rows)



def test_the_demo_firms_that_withheld_tax_carry_a_valid_tax_id_and_address() -> None:
    """The 50 ทวิ certificate and the ภ.ง.ด.3/53 list name the payee by tax id and address: a trainer's demo prints
    them filled in (a firm, shop or state body; a list of people paid together has its own attachment)."""
    from core.thai import is_valid_citizen_id
    with db.session_scope() as session:
        taxed = session.exec(select(Voucher).where(Voucher.wht > 0)).all()
    firms = [v for v in taxed if 'ตามบัญชีรายชื่อ' not in v.payee]
    assert firms, 'the demo withholds tax from no firm'
    assert [v.payee for v in firms if not is_valid_citizen_id(v.payee_tax_id) or 'จังหวัด' not in v.payee_address
            and 'กรุงเทพมหานคร' not in v.payee_address] == []
