"""Kit options: `check` (rules across fields), `locked` (a record that may not change now), `display_only` fields,
callable defaults, `default_filters`, and a workflow transition's `effect`."""

from datetime import date

import pytest
from sqlmodel import Field

from core import db, resource
from core.errors import Refusal, ValidationFailed
from core.resource import FormField, Resource, Rules
from core.workflow import Transition, Workflow
from helpers import principal
from models.base import OrgScoped, Tracked


class ProbeBooking(OrgScoped, Tracked, table=True):
    """A stand-in record for these tests only (created in each test database)."""

    __tablename__ = 'test_probe_booking'
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    first_day: int = 1
    last_day: int = 1
    frozen: bool = False
    stamped_on: date | None = None
    status: str = 'draft'


def _stamp(session, record, actor) -> None:
    record.stamped_on = date(2026, 1, 2)
    session.add(record)


class BookingRules(Rules):
    def validate(self, actor, values, record):
        return {'last_day': 'วันสุดท้าย: ต้องไม่ก่อนวันแรก'} if values['last_day'] < values['first_day'] else {}

    def locked(self, session, record):
        return 'รายการนี้ถูกล็อก' if record.frozen else None


BOOKINGS = Resource(
    app='test', key='bookings', model=ProbeBooking, title='การจอง', title_plural='การจอง',
    fields=[FormField('name', 'ชื่อ', required=True, default=lambda actor: f'จองโดย {actor.user_id}'),
            FormField('first_day', 'วันแรก', 'int', min=1, max=31), FormField('last_day', 'วันสุดท้าย', 'int'),
            FormField('frozen', 'ล็อก', 'bool'), FormField('stamped_on', 'วันที่ประทับ', 'date', display_only=True)],
    columns=['name'], view='info.village.view', edit='info.village.edit', delete='info.village.edit',
    rules=BookingRules(),
    default_filters=lambda actor: {'frozen': False},
    workflow=Workflow({'draft': 'ร่าง', 'done': 'เสร็จ'}, 'draft',
                      [Transition('finish', 'เสร็จ', ('draft',), 'done', 'info.village.edit', effect=_stamp)]),
)


@pytest.fixture(autouse=True)
def probe_table():
    ProbeBooking.__table__.create(db.engine())


def test_check_reports_a_rule_across_fields_by_field() -> None:
    with pytest.raises(ValidationFailed) as failed:
        resource.create(BOOKINGS, principal('planner'), {'name': 'ห้องประชุม', 'first_day': '5', 'last_day': '3'})
    assert failed.value.errors == {'last_day': 'วันสุดท้าย: ต้องไม่ก่อนวันแรก'}


def test_a_locked_record_refuses_create_update_delete_and_attach() -> None:
    planner = principal('planner')
    with pytest.raises(Refusal, match='ถูกล็อก'):
        resource.create(BOOKINGS, planner, {'name': 'ก', 'first_day': '1', 'last_day': '2', 'frozen': True})
    open_id = resource.create(BOOKINGS, planner, {'name': 'ข', 'first_day': '1', 'last_day': '2'})
    resource.update(BOOKINGS, planner, open_id, {'name': 'ข', 'first_day': '1', 'last_day': '2', 'frozen': True})
    shown = resource.detail(BOOKINGS, planner, open_id)
    assert shown.lock == 'รายการนี้ถูกล็อก' and not shown.can_edit and not shown.can_delete
    with pytest.raises(Refusal, match='ถูกล็อก'):
        resource.update(BOOKINGS, planner, open_id, {'name': 'ค', 'first_day': '1', 'last_day': '2'})
    with pytest.raises(Refusal, match='ถูกล็อก'):
        resource.delete(BOOKINGS, planner, open_id)


def test_display_only_fields_stay_out_of_forms_and_a_transition_effect_sets_them() -> None:
    planner = principal('planner')
    assert 'stamped_on' not in {f.name for f in BOOKINGS.form_fields(creating=True)}
    assert 'stamped_on' not in {f.name for f in BOOKINGS.form_fields(creating=False)}
    booking = resource.create(BOOKINGS, planner, {'name': 'ง', 'first_day': '1', 'last_day': '1',
                                                  'stamped_on': '1/1/2500'})
    assert resource.get(BOOKINGS, planner, booking).stamped_on is None
    resource.transition(BOOKINGS, planner, booking, 'finish')
    assert resource.get(BOOKINGS, planner, booking).stamped_on == date(2026, 1, 2)


def test_callable_defaults_and_default_filters_follow_the_user() -> None:
    planner = principal('planner')
    assert resource.default_of(BOOKINGS.field('name'), planner) == f'จองโดย {planner.user_id}'
    resource.create(BOOKINGS, planner, {'name': 'จ', 'first_day': '1', 'last_day': '1'})
    with db.session_scope(write=True) as session:
        session.add(ProbeBooking(org_id=planner.org_id, name='ล็อกไว้', frozen=True))
    page = resource.query(BOOKINGS, planner, filters=BOOKINGS.default_filters(planner))
    assert [row.name for row in page.rows] == ['จ']


UNIQUE_BOOKINGS = Resource(
    app='test', key='bookings-unique', model=ProbeBooking, title='การจอง', title_plural='การจอง',
    fields=[FormField('name', 'ชื่อ', required=True), FormField('first_day', 'วันแรก', 'int', readonly_on_edit=True),
            FormField('last_day', 'วันสุดท้าย', 'int')],
    columns=['name'], view='info.village.view', edit='info.village.edit', unique=[('name', 'first_day')],
)


def test_uniqueness_on_edit_keeps_a_field_set_once_at_creation() -> None:
    planner = principal('planner')
    resource.create(UNIQUE_BOOKINGS, planner, {'name': 'ห้องประชุมใหญ่', 'first_day': '3', 'last_day': '4'})
    other = resource.create(UNIQUE_BOOKINGS, planner, {'name': 'ห้องประชุมเล็ก', 'first_day': '3', 'last_day': '4'})
    with pytest.raises(ValidationFailed, match='"ห้องประชุมใหญ่ / 3" มีอยู่แล้ว'):  # the edit form has no first_day
        resource.update(UNIQUE_BOOKINGS, planner, other, {'name': 'ห้องประชุมใหญ่', 'last_day': '5'})
    resource.update(UNIQUE_BOOKINGS, planner, other, {'name': 'ห้องประชุมกลาง', 'last_day': '5'})
    assert resource.get(UNIQUE_BOOKINGS, planner, other).name == 'ห้องประชุมกลาง'
