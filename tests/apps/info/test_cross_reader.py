"""The provincial reader (ผู้ตรวจสอบระดับจังหวัด): reads the LAOs of its province (or of the install) and writes
nothing in them: every write service refuses it, whatever a page shows."""

import pytest
from sqlmodel import select

from apps import APPS
from apps.admin import install
from apps.admin import service as admin
from apps.eoffice import links as eoffice
from apps.help import board
from core import db
from core.access import PermissionDenied, readable_orgs, reading_in
from core.errors import NotFound, Refusal
from core.resource import REGISTRY, create, delete, get, transition, update
from helpers import principal
from models.org import Organization


def _install_of_three() -> dict[str, int]:
    """The demo LAO, a second of its province (นครราชสีมา) and a third of another province (กรุงเทพฯ's อบจ. list has
    none: ชลบุรี), with a reader of the province and one of the install."""
    it = principal('admin')
    second = install.create_lao(it, dla_code='6300116', size='small', admin_full_name='นายสอง', admin_username='adm2')
    third = install.create_lao(it, dla_code=_other_province_code(), size='small', admin_full_name='นายสาม',
                               admin_username='adm3')
    home = it.org_id
    install.create_reader(it, org_id=home, reach='province', full_name='นายตรวจ เขตจังหวัด', username='reader_p')
    install.create_reader(it, org_id=home, reach='install', full_name='นางตรวจ ทั้งระบบ', username='reader_all')
    return {'home': home, 'second': second.org_id, 'third': third.org_id}


def _other_province_code() -> str:
    from core.lao_directory import registered_laos
    return next(code for code, lao in registered_laos().items()
                if lao.province_code == '20' and lao.lao_type == 'subdistrict_admin_org')


def test_the_readable_organisations_are_one_function(demo_province) -> None:
    orgs = _install_of_three()
    with db.session_scope() as session:
        province = set(session.exec(select(Organization.id).where(Organization.province_code == '30')).all())
        assert len(province) == 4  # the demo LAO, its two demo peers (อบต.สีมุม, ทต.หัวทะเล) and the new one
        assert readable_orgs(session, principal('reader_p')) == sorted(province)
        assert orgs['third'] not in province
        assert readable_orgs(session, principal('reader_all')) == sorted(province | {orgs['third']})
        assert readable_orgs(session, principal('palad')) == [orgs['home']]  # an LAO's own people: their LAO
        with pytest.raises(PermissionDenied):
            reading_in(session, principal('reader_p'), orgs['third'])
        there = reading_in(session, principal('reader_p'), orgs['second'])
    assert there.org_id == orgs['second'] and there.read_only
    with db.session_scope() as session:
        assert session.get(Organization, there.org_id).dla_code == '6300116'


def _first_id(resource, org_id: int) -> int | None:
    with db.session_scope() as session:
        return session.exec(select(resource.model.id).where(
            resource.model.org_id == org_id, *[getattr(resource.model, k) == v for k, v in resource.fixed.items()])
            .order_by(resource.model.id)).first()


def test_the_reader_reads_but_every_register_refuses_its_writes() -> None:
    orgs = _install_of_three()
    reader = principal('reader_p')
    keys = {spec.key for spec in APPS}
    registers = [r for r in REGISTRY.values() if r.app in keys]
    assert {r.app for r in registers} >= {'eplan', 'elaas', 'egp', 'eoffice', 'hr', 'info', 'admin'}
    read, refused = 0, 0
    for resource in registers:
        with pytest.raises(PermissionDenied):
            create(resource, reader, {})
        refused += 1
        record_id = _first_id(resource, orgs['home'])
        if record_id is None:
            continue
        if reader.can(resource.view):
            try:
                get(resource, reader, record_id)  # a read it holds works (a secret letter stays out of reach)
                read += 1
            except NotFound:
                pass
        with pytest.raises(Refusal):
            update(resource, reader, record_id, {})
        if resource.delete:
            with pytest.raises(Refusal):
                delete(resource, reader, record_id)
        for move in resource.workflow.transitions if resource.workflow else ():
            with pytest.raises(Refusal):
                transition(resource, reader, record_id, move.name)
            refused += 1
    assert read >= 5 and refused > len(registers)


def test_named_write_services_of_every_app_refuse_the_reader() -> None:
    _install_of_three()
    reader = principal('reader_p')
    planner_id = principal('planner').user_id
    calls = {
        'admin.create_user': lambda: admin.create_user(reader, username='zz1', full_name='x', password='abcdefgh1',
                                                       confirm='abcdefgh1'),
        'admin.set_active': lambda: admin.set_active(reader, planner_id, False),
        'admin.grant_role': lambda: admin.grant_role(reader, planner_id, 'auditor', 'ลอง'),
        'install.create_lao': lambda: install.create_lao(reader, dla_code='6300119', size='small',
                                                         admin_full_name='x', admin_username='xx9'),
        'help.ask': lambda: board.ask(reader, 'ถามได้ไหม', 'ผู้ตรวจสอบไม่เขียน'),
        'eoffice.link': lambda: eoffice.link(reader, 1, 'PlanProject', 1),
    }
    for name, call in calls.items():
        with pytest.raises(Refusal):
            call()
        assert name  # each named call refused
    assert not reader.can('eplan.plan.edit') and not reader.can('elaas.voucher.approve')
    assert reader.can('elaas.report.view') and reader.can('info.benchmark.view')


def test_an_lao_role_cannot_make_a_reader_write() -> None:
    """A grant in the reader's home LAO (its administrator adds a role) gives the reader nothing more."""
    _install_of_three()
    reader = principal('reader_p')
    admin.grant_role(principal('admin'), reader.user_id, 'finance_head', 'ลองให้สิทธิ์เขียน')
    again = principal('reader_p')
    assert not again.can('elaas.voucher.approve') and not again.can('elaas.budget.edit')
