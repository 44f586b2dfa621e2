"""A Resource with a workflow, a numbering series and a print form: the kit wires them together."""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Field

from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal
from core.numbering import Series
from core.pdf import thai_pdf
from core.resource import FormField, Resource, Rules
from core.workflow import Transition, Workflow
from helpers import principal
from models.base import OrgScoped, Tracked


class ProbeRequest(OrgScoped, Tracked, table=True):
    """A stand-in document for these tests only (created in each test database)."""

    __tablename__ = 'test_probe_request'
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = ''
    subject: str = Field(max_length=200)
    amount: Decimal = Field(max_digits=14, decimal_places=2)
    asked_on: date
    status: str = 'draft'


def _print(record: ProbeRequest, actor) -> bytes:
    pdf = thai_pdf()
    pdf.add_page()
    pdf.cell(text=f'{record.number_text} {record.subject}')
    return bytes(pdf.output())


class DraftOnly(Rules):
    editable = ('draft',)


REQUESTS = Resource(
    app='test', key='requests', model=ProbeRequest, title='คำขอ', title_plural='ทะเบียนคำขอ', label='subject',
    fields=[FormField('subject', 'เรื่อง', required=True), FormField('amount', 'จำนวนเงิน', 'money', required=True),
            FormField('asked_on', 'วันที่', 'date', required=True)],
    columns=['subject', 'amount'], view='info.village.view', edit='info.village.edit',
    workflow=Workflow({'draft': 'ร่าง', 'submitted': 'เสนอแล้ว', 'approved': 'อนุมัติ'}, 'draft', [
        Transition('submit', 'เสนอ', ('draft',), 'submitted', 'info.village.edit'),
        Transition('approve', 'อนุมัติ', ('submitted',), 'approved', 'elaas.voucher.approve', no_self_approval=True),
    ]),
    rules=DraftOnly(), numbering=Series('test.request', 'คำขอ', 'fiscal', 'ค.{n}/{year}'),
    number_date='asked_on', print_form=_print,
)


@pytest.fixture(autouse=True)
def probe_table():
    ProbeRequest.__table__.create(db.engine())


def test_create_numbers_by_the_documents_fiscal_year() -> None:
    planner = principal('planner')
    first = resource.create(REQUESTS, planner, {'subject': 'ซ่อมถนน', 'amount': '12,500', 'asked_on': '30/09/2568'})
    second = resource.create(REQUESTS, planner, {'subject': 'ซื้อโต๊ะ', 'amount': '900', 'asked_on': '1/10/2568'})
    assert resource.get(REQUESTS, planner, first).number_text == 'ค.1/2568'
    assert resource.get(REQUESTS, planner, second).number_text == 'ค.1/2569'
    assert resource.get(REQUESTS, planner, first).amount == Decimal('12500.00')


def test_workflow_buttons_edit_lock_pending_and_print() -> None:
    planner, palad = principal('planner'), principal('palad')
    record_id = resource.create(REQUESTS, planner, {'subject': 'ซ่อมถนน', 'amount': '500', 'asked_on': '5/1/2569'})
    assert [t.name for t in resource.transitions(REQUESTS, planner, record_id)] == ['submit']
    resource.transition(REQUESTS, planner, record_id, 'submit')
    with pytest.raises(Refusal, match='แก้ไขไม่ได้ในสถานะ "เสนอแล้ว"'):
        resource.update(REQUESTS, planner, record_id, {'subject': 'แก้', 'amount': '1', 'asked_on': '5/1/2569'})
    assert resource.pending(REQUESTS, palad) == 1 and resource.pending(REQUESTS, planner) == 0
    with pytest.raises(PermissionDenied):
        resource.transition(REQUESTS, planner, record_id, 'approve')
    resource.transition(REQUESTS, palad, record_id, 'approve')
    assert resource.get(REQUESTS, planner, record_id).status == 'approved'
    assert resource.print_record(REQUESTS, planner, record_id).startswith(b'%PDF')
