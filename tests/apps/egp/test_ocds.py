"""The OCDS export: the year's files as an OCDS 1.1 release package that the vendored release-package schema accepts,
methods mapped to open / selective / limited, amounts as numbers in THB, dates at +07:00, the paid ฎีกา as the
contract's implementation transactions, and nothing personal of a sole trader (no citizen ID, no address)."""

import json
import re

from egp_helpers import (
    all_accept,
    approved_file,
    awarded_file,
    contract_for,
    days,
    move,
    new_file,
    roomy_line,
    valid_tax_id,
    vendor,
)
from sqlmodel import select

from apps.egp import ocds
from apps.egp.resources import CONTRACTS, INSTALLMENTS
from apps.elaas import vouchers
from core import db, resource
from core.thai import fiscal_year, today
from helpers import principal
from models.procurement import Installment

ISO = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00')


def _paid_contract() -> tuple[int, str]:
    """A specific-method purchase from a juristic vendor, signed, accepted and paid; (file id, vendor tax id)."""
    line = roomy_line(principal('procurement').org_id)
    vendor_id = vendor(31)
    file_id = awarded_file(line.id, '90000', '88000', vendor_id)
    contract_id = contract_for(file_id, '88000', [('88000', days(10))])
    move(CONTRACTS, contract_id, 'sign', 'procurement')
    with db.session_scope() as session:
        part = session.exec(select(Installment).where(Installment.contract_id == contract_id)).one()
    resource.update(INSTALLMENTS, principal('procurement'), part.id, {
        'contract_id': contract_id, 'seq': 1, 'amount': '88000', 'due_on': part.due_on, 'delivered_on': today(),
        'inspected_on': None, 'description': 'งวดที่ 1'})
    all_accept(part.id)
    move(INSTALLMENTS, part.id, 'accept', 'procurement')
    with db.session_scope() as session:
        voucher_id = session.get(Installment, part.id).voucher_id
    vouchers.transition(principal('finance_dir'), voucher_id, 'check')
    vouchers.transition(principal('palad'), voucher_id, 'approve')
    vouchers.pay(principal('cashier'), voucher_id, 'transfer', 'TR-OCDS', today())
    return file_id, valid_tax_id(31)


def _release(package: dict, file_id: int) -> dict:
    return next(r for r in package['releases'] if r['ocid'].endswith(f'file{file_id}'))


def test_the_package_validates_and_carries_the_whole_process() -> None:
    file_id, tax_id = _paid_contract()
    actor = principal('procurement')
    package = ocds.release_package(actor, fiscal_year(today()))
    assert ocds.schema_errors(package) == []
    assert package['version'] == '1.1' and ISO.fullmatch(package['publishedDate'])
    release = _release(package, file_id)
    assert release['ocid'].startswith(ocds.default_prefix(_dla_code()) + '-')
    assert release['tender']['procurementMethod'] == 'limited'  # เฉพาะเจาะจง
    assert release['tender']['mainProcurementCategory'] == 'goods'
    assert release['tender']['value'] == {'amount': 90000.0, 'currency': 'THB'}
    assert release['planning']['budget']['amount']['currency'] == 'THB'
    award = release['awards'][0]
    assert award['value'] == {'amount': 88000.0, 'currency': 'THB'} and ISO.fullmatch(award['date'])
    contract = release['contracts'][0]
    assert contract['awardID'] == award['id'] and contract['status'] == 'terminated'  # accepted in full
    assert ISO.fullmatch(contract['dateSigned']) and ISO.fullmatch(contract['period']['endDate'])
    (paid,) = contract['implementation']['transactions']
    assert paid['value'] == {'amount': 88000.0, 'currency': 'THB'} and ISO.fullmatch(paid['date'])
    supplier = next(p for p in release['parties'] if p['id'] == award['suppliers'][0]['id'])
    assert supplier['identifier']['id'] == tax_id and {'supplier', 'tenderer', 'payee'} <= set(supplier['roles'])
    assert 'buyer' in next(p for p in release['parties'] if p['id'] == release['buyer']['id'])['roles']


def _dla_code() -> str:
    from models.org import Organization
    with db.session_scope() as session:
        return session.get(Organization, principal('procurement').org_id).dla_code


def test_methods_map_to_open_selective_limited_and_drafts_stay_out() -> None:
    line = roomy_line(principal('procurement').org_id)
    bidding = approved_file(line.id, '900000', method='e_bidding', egp_project_no='67019912345')
    selection = approved_file(line.id, '700000', method='selection', condition='s56_1_a')
    draft = new_file(line.id, '5000')
    package = ocds.release_package(principal('procurement'), fiscal_year(today()), prefix='ocds-test01')
    assert ocds.schema_errors(package) == []
    by_ocid = {r['ocid']: r for r in package['releases']}
    assert by_ocid['ocds-test01-67019912345']['tender']['procurementMethod'] == 'open'  # numbered by e-GP's project
    assert by_ocid['ocds-test01-67019912345']['tender']['identifiers'] == [{'scheme': 'TH-EGP', 'id': '67019912345'}]
    chosen = by_ocid[f'ocds-test01-file{selection}']['tender']
    assert chosen['procurementMethod'] == 'selective' and 'มาตรา 56 (1) (ก)' in chosen['procurementMethodRationale']
    assert chosen['status'] == 'active'
    assert f'ocds-test01-file{draft}' not in by_ocid and bidding


def test_a_sole_traders_citizen_id_and_address_stay_out() -> None:
    line = roomy_line(principal('procurement').org_id)
    citizen = valid_tax_id(77)
    person = vendor(77, name='นาย ช่างไม้ ใจดี', juristic=False, address='99 หมู่ 1 บ้านของเขา', phone='0812345678')
    file_id = awarded_file(line.id, '20000', '19500', person)
    package = ocds.release_package(principal('procurement'), fiscal_year(today()))
    assert ocds.schema_errors(package) == []
    text = json.dumps(package, ensure_ascii=False)
    assert citizen not in text and 'บ้านของเขา' not in text and '0812345678' not in text
    release = _release(package, file_id)
    supplier = next(p for p in release['parties'] if 'supplier' in p['roles'])
    assert supplier['name'] == 'นาย ช่างไม้ ใจดี' and 'identifier' not in supplier


def test_the_schema_check_catches_what_ocds_forbids() -> None:
    package = ocds.release_package(principal('procurement'), fiscal_year(today()))
    broken = json.loads(json.dumps(package))
    broken['releases'] = [{'ocid': 'x', 'id': '1', 'date': 'yesterday', 'tag': ['compiled'], 'initiationType': 'tender',
                           'tender': {'id': '1', 'procurementMethod': 'specific',
                                      'value': {'amount': '100', 'currency': 'BAHT'}}}]
    errors = '\n'.join(ocds.schema_errors(broken))
    assert 'specific' in errors and 'BAHT' in errors and "'100' is not of type" in errors and 'yesterday' in errors


def test_the_ocid_prefix_is_checked() -> None:
    assert ocds.prefix_refusal('ocds-abc123') is None
    assert 'ocds-' in ocds.prefix_refusal('ABC')
    assert ocds.default_prefix('6012345') == 'ocds-lao6012345'
