"""The fiscal year's procurement as an OCDS 1.1 release package (the Open Contracting Data Standard): one compiled
release a file (planning from its budget line, the tender with its method mapped to OCDS's open / selective /
limited, the award, the contract and its implementation transactions from the paid ฎีกา of its installments).

Amounts are numbers in THB, dates ISO 8601 at +07:00. Nothing personal: a vendor is identified by its tax ID only
when it is a juristic person (a sole trader's tax ID is their citizen ID), and a sole trader's address, contact and
bank account are left out; committee members are not exported. The schema is vendored under assets/egp/ocds/
(Apache 2.0, its licence beside it) and the export is checked against it offline."""

import json
import os
import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from sqlmodel import col, select

from apps.egp import rules
from apps.egp.resources import FILES, VIEW
from apps.elaas import links as elaas
from core import db
from core.access import Principal, require
from core.settings import ASSETS
from core.thai import fiscal_year_range, local_zone, now
from models.org import Organization
from models.procurement import Announcement, Bid, Contract, Installment, PlanItem, Procurement, Vendor

SCHEMA_DIR = ASSETS / 'egp' / 'ocds'
VERSION = '1.1'
CURRENCY = 'THB'
TAX_ID_SCHEME = 'TH-RD'  # the Revenue Department's 13-digit tax ID (of a juristic person: its registration number)
PREFIX_PATTERN = re.compile(r'ocds-[a-z0-9]{1,20}(-[a-z0-9]{1,20})*')
TENDER_STATUS = {'requested': 'planned', 'reviewed': 'planned', 'approved': 'active', 'awarded': 'complete',
                 'contracted': 'complete', 'completed': 'complete', 'cancelled': 'cancelled'}
CONTRACT_STATUS = {'draft': 'pending', 'signed': 'active', 'completed': 'terminated', 'cancelled': 'cancelled'}


PREFIX_SETTING = 'LAO_OCID_PREFIX'  # the ocid prefix the Open Contracting Partnership registered for this install


def default_prefix(dla_code: str) -> str:
    """The ocid prefix used until the LAO registers its own: `ocds-lao` and its DLA code (unique among LAOs)."""
    return f'ocds-lao{re.sub(r"[^0-9a-z]", "", dla_code.lower()) or "0"}'


def ocid_prefix(dla_code: str) -> str:
    """The setting (environment LAO_OCID_PREFIX) when it is a well-formed prefix, else the default."""
    configured = os.environ.get(PREFIX_SETTING, '').strip()
    return configured if configured and prefix_refusal(configured) is None else default_prefix(dla_code)


def prefix_refusal(prefix: str) -> str | None:
    if not PREFIX_PATTERN.fullmatch(prefix or ''):
        return 'คำนำหน้า ocid: ต้องขึ้นต้นด้วย ocds- ตามด้วยอักษรอังกฤษตัวเล็กหรือตัวเลข (เช่น ocds-abc123)'
    return None


def iso(moment: date | datetime | None) -> str | None:
    """A date (midnight, Bangkok) or a moment as ISO 8601 at +07:00."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=local_zone())
        return aware.astimezone(local_zone()).isoformat(timespec='seconds')
    return datetime(moment.year, moment.month, moment.day, tzinfo=local_zone()).isoformat(timespec='seconds')


def value(amount: Decimal | None) -> dict | None:
    return None if amount is None else {'amount': float(amount), 'currency': CURRENCY}


def _vendor_party(vendor: Vendor) -> dict:
    party = {'id': f'vendor-{vendor.id}', 'name': vendor.name, 'roles': []}
    if vendor.juristic:
        party['identifier'] = {'scheme': TAX_ID_SCHEME, 'id': vendor.tax_id, 'legalName': vendor.name}
        if vendor.address:
            party['address'] = {'streetAddress': vendor.address, 'countryName': 'ประเทศไทย'}
    party['details'] = {'scale': 'sme' if vendor.sme else 'large'} if vendor.juristic else {}
    if not party['details']:
        del party['details']
    return party


def release_package(actor: Principal, fy: int, prefix: str | None = None) -> dict:
    """The fiscal year's files (drafts left out) as an OCDS release package, one compiled release a file."""
    require(actor, VIEW, where='egp/ocds')
    first, last = fiscal_year_range(fy)
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
        prefix = prefix or ocid_prefix(org.dla_code)
        scope = [Procurement.org_id == actor.org_id, Procurement.fiscal_year == fy, Procurement.status != 'draft']
        if (condition := FILES.rules.visible(actor, Procurement, VIEW)) is not None:
            scope.append(condition)
        files = session.exec(select(Procurement).where(*scope).order_by(Procurement.id)).all()
        ids = [f.id for f in files] or [0]
        bids: dict[int, list[Bid]] = {}
        for bid in session.exec(select(Bid).where(col(Bid.procurement_id).in_(ids)).order_by(Bid.price, Bid.id)):
            bids.setdefault(bid.procurement_id, []).append(bid)
        contracts = {c.procurement_id: c for c in session.exec(select(Contract).where(
            col(Contract.procurement_id).in_(ids), Contract.org_id == actor.org_id))}
        installments: dict[int, list[Installment]] = {}
        for row in session.exec(select(Installment).where(col(Installment.contract_id).in_(
                [c.id for c in contracts.values()] or [0])).order_by(Installment.seq)):
            installments.setdefault(row.contract_id, []).append(row)
        paid = elaas.paid_vouchers(session, actor.org_id, [i.voucher_id for rows in installments.values()
                                                           for i in rows if i.voucher_id])
        invited = dict(session.exec(select(Announcement.procurement_id, Announcement.announced_on).where(
            col(Announcement.procurement_id).in_(ids), Announcement.kind == 'invitation')).all())
        plan = {p.id: p for p in session.exec(select(PlanItem).where(PlanItem.org_id == actor.org_id,
                                                                     PlanItem.fiscal_year == fy))}
        vendors = {v.id: v for v in session.exec(select(Vendor).where(Vendor.org_id == actor.org_id))}
        lines = {f.budget_line_id: elaas.budget_line(session, actor.org_id, f.budget_line_id) for f in files}
        buyer = {'id': f'lao-{org.dla_code}', 'name': org.name}
        buyer_party = {**buyer, 'roles': ['buyer', 'procuringEntity', 'payer'],
                       'address': {'streetAddress': ' '.join(org.address_lines()), 'postalCode': org.postcode or None,
                                   'countryName': 'ประเทศไทย'}}
        if org.tax_id:
            buyer_party['identifier'] = {'scheme': TAX_ID_SCHEME, 'id': org.tax_id, 'legalName': org.name}
        releases = [_release(f, prefix, buyer, buyer_party, bids.get(f.id, []), contracts.get(f.id),
                             installments, paid, invited.get(f.id), plan.get(f.plan_item_id), vendors,
                             lines.get(f.budget_line_id)) for f in files]
    published = now()
    return _clean({
        'uri': f'urn:lao:{org.dla_code}:ocds:{fy}', 'version': VERSION, 'publishedDate': iso(published),
        'publisher': {'name': org.name},
        'releases': releases,
    })


def _release(f: Procurement, prefix: str, buyer: dict, buyer_party: dict, bids: list[Bid], contract: Contract | None,
             installments: dict, paid: dict, invited: date | None, item: PlanItem | None, vendors: dict,
             line) -> dict:
    ocid = f'{prefix}-{f.egp_project_no or f"file{f.id}"}'
    on = f.request_date
    method = rules.methods(on).get(f.method, {})
    kind = rules.types(on).get(f.kind, {})
    parties: dict[str, dict] = {buyer['id']: {**buyer_party, 'roles': list(buyer_party['roles'])}}

    def party(vendor_id: int, role: str) -> dict:
        vendor = vendors[vendor_id]
        found = parties.setdefault(f'vendor-{vendor_id}', _vendor_party(vendor))
        if role not in found['roles']:
            found['roles'].append(role)
        return {'id': found['id'], 'name': found['name']}

    tenderers = [party(b.vendor_id, 'tenderer') for b in bids]
    tender = {
        'id': f.number_text or f'file{f.id}', 'title': f.description[:150], 'description': f.description,
        'status': TENDER_STATUS.get(f.status), 'value': value(f.reference_price or f.amount),
        'procurementMethod': method.get('ocds_method'), 'procurementMethodDetails': method.get('title', f.method),
        'mainProcurementCategory': kind.get('ocds_category'), 'awardCriteria': 'priceOnly',
        'awardCriteriaDetails': 'ราคาต่ำสุดของผู้เสนอราคาที่ถูกต้องตามเงื่อนไข (เกณฑ์ราคา)',
        'numberOfTenderers': len(bids), 'tenderers': tenderers,
    }
    if f.condition:
        ground = rules.conditions(on).get(f.condition, {})
        tender['procurementMethodRationale'] = f'{ground.get("title", f.condition)} ({ground.get("clause", "")})'
    if f.egp_project_no:
        tender['identifiers'] = [{'scheme': 'TH-EGP', 'id': f.egp_project_no}]
    if invited:
        tender['tenderPeriod'] = {'startDate': iso(invited)}
    release = {
        'ocid': ocid, 'id': f'{ocid}-{(f.updated_at or f.created_at):%Y%m%d%H%M%S}',
        'date': iso(f.updated_at or f.created_at), 'tag': ['compiled'], 'initiationType': 'tender', 'language': 'th',
        'buyer': buyer,
        'planning': {'budget': {
            'id': line.code if line else str(f.budget_line_id), 'description': line.label if line else '',
            'amount': value(item.amount if item else f.amount),
            **({'projectID': str(line.project_id)} if line and line.project_id else {})}},
        'tender': tender,
    }
    if item is not None:
        release['planning']['rationale'] = f'แผนการจัดซื้อจัดจ้างปีงบประมาณ {item.fiscal_year}: {item.description}'
    if f.vendor_id:
        award = {'id': f'{ocid}-award-1', 'status': 'active' if f.status != 'cancelled' else 'cancelled',
                 'date': iso(f.awarded_on), 'value': value(f.award_price),
                 'suppliers': [party(f.vendor_id, 'supplier')], 'description': f.award_reason or None}
        release['awards'] = [award]
        if contract is not None:
            payee = party(contract.vendor_id, 'payee')
            transactions = [{
                'id': paid[i.voucher_id].number_text or f'voucher{i.voucher_id}', 'source': None,
                'date': iso(paid[i.voucher_id].paid_on), 'value': value(paid[i.voucher_id].gross),
                'payer': buyer, 'payee': payee} for i in installments.get(contract.id, []) if i.voucher_id in paid]
            release['contracts'] = [{
                'id': f'{ocid}-contract-{contract.id}', 'awardID': award['id'], 'title': contract.number_text,
                'status': CONTRACT_STATUS.get(contract.status), 'value': value(contract.amount),
                'period': {'startDate': iso(contract.start_on), 'endDate': iso(contract.end_on)},
                'dateSigned': iso(contract.signed_on),
                **({'implementation': {'transactions': transactions}} if transactions else {}),
            }]
    release['parties'] = list(parties.values())
    return release


def _clean(data):
    """Without the empty fields (None, empty lists and objects): the schema's objects may not be null."""
    if isinstance(data, dict):
        cleaned = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def to_json(package: dict) -> bytes:
    """The package as UTF-8 JSON (Thai kept readable)."""
    return json.dumps(package, ensure_ascii=False, indent=2).encode('utf-8')


@cache
def _validator():
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schemas = {name: json.loads((SCHEMA_DIR / name).read_text(encoding='utf-8'))
               for name in ('release-package-schema.json', 'release-schema.json')}
    registry = Registry().with_resources(
        (schema['id'], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in schemas.values())
    return Draft4Validator(schemas['release-package-schema.json'], registry=registry, format_checker=FormatChecker())


def schema_errors(package: dict) -> list[str]:
    """What the package breaks of the vendored OCDS 1.1 release package schema (path: message), none when valid."""
    return [f'{"/".join(str(p) for p in error.absolute_path)}: {error.message}'
            for error in _validator().iter_errors(package)]
