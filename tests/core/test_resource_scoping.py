"""Kit options, on throw-away declarations over the villages table: display_only fields, fixed values as a
filter, the rules' visible and before_write hooks, thai_search, date_filter and audit_reads."""

import pytest
from sqlmodel import func, select

from core import db, resource
from core.access import PermissionDenied
from core.errors import Refusal
from core.resource import FormField, Resource, Rules, Shared
from helpers import principal
from models.audit import AuditEvent
from models.info import Village

FIELDS = [FormField('number', 'หมู่ที่', 'int', required=True), FormField('name', 'ชื่อหมู่บ้าน', required=True),
          FormField('head_name', 'ผู้ใหญ่บ้าน', display_only=True), FormField('households', 'ครัวเรือน', 'int', default='0')]
BASE = dict(app='test', model=Village, title='หมู่บ้าน', title_plural='หมู่บ้าน', fields=FIELDS,
            columns=['number', 'name'], view='info.village.view', edit='info.village.edit', search=['name'],
            rules=Shared())


def _named(name: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(Village.id).where(Village.name == name)).one()


def test_display_only_fields_are_shown_but_not_asked() -> None:
    villages = Resource(key='opt-form', **BASE)
    assert [f.name for f in villages.form_fields(creating=True)] == ['number', 'name', 'households']
    assert 'head_name' in [f.name for f in villages.stored_fields]
    new_id = resource.create(villages, principal('planner'), {'number': '40', 'name': 'บ้านใหม่',
                                                              'head_name': 'ไม่ควรถูกบันทึก'})
    assert resource.get(villages, principal('planner'), new_id).head_name == ''


def test_fixed_values_make_a_register_over_part_of_a_table() -> None:
    small = Resource(key='opt-fixed', fixed={'households': 98}, **BASE)
    assert [v.name for v in resource.query(small, principal('planner')).rows] == ['บ้านหัวสะพาน']
    with pytest.raises(Refusal):
        resource.get(small, principal('planner'), _named('บ้านท่าน้ำ'))


def test_visibility_narrows_lists_and_refuses_opening_by_id() -> None:
    class BigOnly(Rules):
        def visible(self, actor, model, permission):
            return Village.households >= 200

    big_only = Resource(key='opt-visible', **{**BASE, 'rules': BigOnly()})
    planner = principal('planner')
    assert resource.query(big_only, planner).total == 3
    with pytest.raises(PermissionDenied):
        resource.get(big_only, planner, _named('บ้านหัวสะพาน'))
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == 'access_denied', AuditEvent.object_type == 'Village')).one() == 1


def test_thai_search_splits_an_unspaced_query_into_words() -> None:
    plain = Resource(key='opt-plain', **BASE)
    thai = Resource(key='opt-thai', thai_search=True, **BASE)
    planner = principal('planner')
    assert resource.query(plain, planner, search='บ้านพัฒนา').total == 0  # not one substring
    assert [v.name for v in resource.query(thai, planner, search='บ้านพัฒนา').rows] == ['บ้านหนองไผ่พัฒนา']


def test_date_filter_takes_a_range_and_before_write_sees_every_save() -> None:
    seen = []
    class Derive(Shared):
        def before_write(self, session, actor, values, record):
            seen.append(values['name'])
            return values

    villages = Resource(key='opt-derive', date_filter='number', **{**BASE, 'rules': Derive()})
    planner = principal('planner')
    ranged = resource.query(villages, planner, filters={'number__from': 3, 'number__to': 5})
    assert sorted(v.number for v in ranged.rows) == [3, 4, 5]
    resource.create(villages, planner, {'number': '41', 'name': 'บ้านคำนวณ'})
    resource.update(villages, planner, _named('บ้านคำนวณ'), {'number': '41', 'name': 'บ้านคำนวณใหม่'})
    assert seen == ['บ้านคำนวณ', 'บ้านคำนวณใหม่']


def test_audit_reads_records_views_of_the_records_it_names() -> None:
    villages = Resource(key='opt-audit', audit_reads=lambda v: v.households > 250, **BASE)
    planner = principal('planner')
    for name in ('บ้านท่าน้ำ', 'บ้านหัวสะพาน'):
        resource.audit_read(villages, planner, resource.get(villages, planner, _named(name)))
    with db.session_scope() as session:
        viewed = session.exec(select(AuditEvent.object_id).where(AuditEvent.action == 'view')).all()
    assert viewed == [str(_named('บ้านท่าน้ำ'))]
