"""Nothing lost, nothing doubled: a stale save is refused with who changed what, a repeated submission makes one
record, two clicks on one move make one journal, the schema refuses a second posting of one document."""

import threading

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from apps.admin import service as admin_service
from apps.elaas import receipts
from apps.elaas.resources import RECEIPTS, VOUCHERS
from apps.info.resources import VILLAGES
from core import db, resource
from core.errors import Conflict, Refusal
from core.resource import Resource
from core.thai import format_date, today
from helpers import principal
from models.audit import AuditEvent
from models.finance import Journal, Receipt, Voucher
from models.info import Village
from models.org import User as Account


def _village(name: str) -> Village:
    with db.session_scope() as session:
        return session.exec(select(Village).where(Village.name == name)).one()


def _values(village: Village, **changes) -> dict:
    return {'number': str(village.number), 'name': village.name, 'head_name': village.head_name or '',
            'households': str(village.households), 'population': str(village.population), **changes}


def test_a_stale_save_is_refused_naming_who_changed_which_field() -> None:
    village = _village('บ้านท่าน้ำ')
    opened = village.version  # two people open the same edit form
    clerk = principal('clerk')
    admin_service.grant_role(principal('admin'), clerk.user_id, 'planner', 'คำสั่งมอบหมายงานทดสอบ')
    planner, admin = principal('planner'), principal('clerk')
    resource.update(VILLAGES, planner, village.id, _values(village, head_name='นายสมหมาย'), version=opened)
    with pytest.raises(Conflict) as stale:
        resource.update(VILLAGES, admin, village.id, _values(village, households='999'), version=opened)
    change = stale.value.changes[0]
    assert (change['field'], change['new'], change['by']) == ('head_name', 'นายสมหมาย', planner.full_name)
    assert 'ผู้ใหญ่บ้าน' in str(stale.value) and 'head_name' in stale.value.errors
    assert _village('บ้านท่าน้ำ').head_name == 'นายสมหมาย'  # the first change stands
    assert _village('บ้านท่าน้ำ').households == village.households


def test_overwriting_a_newer_version_needs_its_permission_and_is_audited() -> None:
    village = _village('บ้านท่าน้ำ')
    planner = principal('planner')  # the planner role names info.villages.overwrite
    strict = Resource(**{**{f: getattr(VILLAGES, f) for f in ('model', 'title', 'title_plural', 'fields',
                                                              'columns', 'view', 'edit', 'rules')},
                         'app': 'test', 'key': 'villages-strict', 'overwrite': 'admin.village.overwrite'})
    resource.update(VILLAGES, planner, village.id, _values(village, head_name='นายหนึ่ง'), version=village.version)
    with pytest.raises(Refusal):
        resource.update(strict, planner, village.id, _values(village, households='1'), version=village.version,
                        overwrite=True)
    resource.update(VILLAGES, planner, village.id, _values(village, households='1'), version=village.version,
                    overwrite=True)
    assert _village('บ้านท่าน้ำ').households == 1
    with db.session_scope() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.object_type == 'Village',
                                                      AuditEvent.object_id == str(village.id))
                             .order_by(AuditEvent.id.desc())).first()
    assert event.action == 'overwrite' and 'นายหนึ่ง' in event.data


def test_a_repeated_submission_key_makes_one_receipt_and_one_number() -> None:
    revenue = principal('revenue')
    values = {'receipt_date': format_date(today(), 'numeric'), 'payer': 'นายซ้ำ กดสองที', 'revenue_code': '411001',
              'amount': '250', 'fund_source_id': None}
    with db.session_scope() as session:
        before = session.exec(select(func.count()).select_from(Receipt)).one()
        values['revenue_code'] = session.exec(select(Receipt.revenue_code)).first()
    first = resource.create(RECEIPTS, revenue, values, key='k-receipt-1')
    again = resource.create(RECEIPTS, revenue, values, key='k-receipt-1')
    assert first == again
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(Receipt)).one() == before + 1
    assert resource.create(RECEIPTS, revenue, values, key='k-receipt-2') != first  # a new form is a new receipt


def test_two_clicks_on_post_at_once_make_one_journal() -> None:
    with db.session_scope() as session:
        voucher = session.exec(select(Voucher).where(Voucher.status == 'paid')).first()
    assert voucher is not None, 'the demo has paid vouchers waiting to be posted'
    accountant = principal('accountant')
    errors: list[Exception] = []

    def post() -> None:
        try:
            resource.transition(VOUCHERS, accountant, voucher.id, 'post')
        except Refusal as error:
            errors.append(error)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with db.session_scope() as session:
        journals = session.exec(select(Journal).where(Journal.source_type == 'voucher',
                                                      Journal.source_id == voucher.id)).all()
    assert len(journals) == 1 and len(errors) == 1  # the second click finds the voucher already posted


def test_the_schema_refuses_a_second_posting_of_one_document() -> None:
    with db.session_scope() as session:
        posted = session.exec(select(Journal).where(Journal.source_type == 'receipt')).first()
    with pytest.raises(IntegrityError), db.session_scope(write=True) as session:
        session.add(Journal(org_id=posted.org_id, fiscal_year=posted.fiscal_year, entry_date=posted.entry_date,
                            book='receipts', source_type='receipt', source_id=posted.source_id))
        session.flush()


def test_a_deactivated_user_cannot_act_with_a_principal_loaded_before() -> None:
    stale = principal('revenue')
    with db.session_scope(write=True) as session:
        account = session.exec(select(Account).where(Account.username == 'revenue')).one()
        account.is_active = False
        account.session_version += 1
        session.add(account)
    assert principal('revenue') is None  # what every writing handler re-reads before it calls a service
    assert receipts.WORKFLOW is not None and stale.user_id == account.id
