"""The access matrix as a test: assets/access_matrix.yaml declares who of the demo LAO may open each page and take
each action; the running app must give exactly that.

- The matrix names every registered page, every register's actions and every power of roles.yaml, and nothing
  that is gone (a new page, register or transition without a line fails).
- The rights the roles and the delegation orders in force give each demo persona are the declared ones.
- Every refused action, called on the service as each persona the matrix refuses, raises Denied for the action's
  permission and changes nothing, whatever a page shows (the page smoke test opens every page as every persona
  and checks the buttons against the same matrix).
"""

import functools

import pytest
import yaml
from nicegui.testing import User
from sqlmodel import select

import matrix
from core import db
from core import resource as kit
from core.errors import Denied
from core.thai import today
from helpers import principal
from matrix import PERSONAS, holders, names
from models.finance import BudgetLine
from pages.layout import registered_pages

ROLES = matrix.FILE.with_name('roles.yaml')
REGISTERS = {resource.ident: resource for resource in matrix.registers()}


def _actors() -> dict:
    return {name: principal(name) for name in PERSONAS}


def _role_permissions() -> set[str]:
    roles = yaml.safe_load(ROLES.read_text(encoding='utf-8'))['roles']
    return {p for role in roles for p in role['permissions'] if '*' not in p}


async def test_the_matrix_names_every_page_and_action_and_nothing_else(user: User) -> None:
    declared = matrix.load()
    specs = registered_pages()
    assert len(specs) > 100, 'the page registry looks empty'
    missing = [spec.path for spec in specs if declared.page(spec) is None]
    assert not missing, 'pages without a line in access_matrix.yaml:\n' + '\n'.join(missing)
    routes = {spec.path for spec in specs}
    register_routes = {path for r in REGISTERS.values() for path in matrix.register_pages(r)}
    assert not set(declared.pages) & register_routes, 'a register page is declared by its register, not under pages'
    assert not set(declared.pages) - routes, f'stale pages: {sorted(set(declared.pages) - routes)}'
    assert not set(declared.registers) - set(REGISTERS), \
        f'stale registers: {sorted(set(declared.registers) - set(REGISTERS))}'
    problems = []
    for ident, resource in REGISTERS.items():
        wanted = set(matrix.actions(resource)) - {'overwrite'}
        have = set(declared.registers.get(ident, {}))
        problems += [f'{ident}: no line for {a}' for a in sorted(wanted - have)]
        problems += [f'{ident}: stale line {a}' for a in sorted(have - wanted - {'overwrite'})]
    assert not problems, '\n'.join(problems)
    carried = {spec.permission for spec in specs} | {p for r in REGISTERS.values() for p in matrix.actions(r).values()}
    powers = _role_permissions() - carried
    assert set(declared.powers) == powers, (f'powers to declare: {sorted(powers - set(declared.powers))}; '
                                            f'stale: {sorted(set(declared.powers) - powers)}')


async def test_each_persona_holds_exactly_the_declared_rights(user: User) -> None:
    declared, actors = matrix.load(), _actors()
    wrong = []

    def compare(what: str, expected: frozenset[str], permission: str | None, reading: bool = True) -> None:
        given = holders(actors, permission, reading)
        if given != expected:
            wrong.append(f'{what} ({permission}): declared {names(expected)}, the roles and orders give '
                         f'{names(given)}')

    for spec in registered_pages():
        if (expected := declared.page(spec)) is not None:
            compare(spec.path, expected, spec.permission)
    for ident, resource in REGISTERS.items():
        for action, permission in matrix.actions(resource).items():
            compare(f'{ident} {action}', declared.action(resource, action), permission, reading=action == 'view')
    for permission, expected in declared.powers.items():
        compare('power', expected, permission)
    assert not wrong, f'{len(wrong)} differences from access_matrix.yaml:\n' + '\n'.join(wrong)


def _a_record(resource: kit.Resource) -> int:
    """A record of the register in the demo LAO; a register the demo leaves empty gets one made here."""
    org_id = principal('admin').org_id
    model = resource.model
    query = select(model.id).where(model.org_id == org_id, *[getattr(model, n) == v for n, v in resource.fixed.items()])
    with db.session_scope() as session:
        found = session.exec(query.order_by(model.id).limit(1)).first()
    if found is not None:
        return found
    assert resource.ident == 'elaas/transfers', f'the demo has no {resource.title}: add one to the demo data'
    with db.session_scope() as session:  # the demo has no transfer (the first of the year is numbered 1 in a test)
        source, target = session.exec(select(BudgetLine).where(BudgetLine.org_id == org_id)
                                      .order_by(BudgetLine.id).limit(2)).all()
    return kit.create(resource, principal('finance_dir'), {
        'transfer_date': today(), 'from_line_id': source.id, 'to_line_id': target.id, 'amount': '1.00',
        'reason': 'ทดสอบสิทธิ์'})


def _snapshot(resource: kit.Resource, record_id: int) -> dict:
    with db.session_scope() as session:
        record = session.get(resource.model, record_id)
        return record.model_dump()


def _refused(call, permission: str, out_of_reach: str | None = None) -> str | None:
    """None when the call raised Denied for `permission` (or for `out_of_reach`: the record is beyond the
    persona's reach for it); what happened otherwise."""
    try:
        call()
    except Denied as denial:
        if denial.permission in (permission, out_of_reach):
            return None
        return f'refused for {denial.permission}, not {permission}'
    except Exception as error:  # noqa: BLE001 - any other outcome is reported
        return f'{type(error).__name__}: {error}'
    return 'it went through'


def _in_state(resource: kit.Resource, record_id: int, state: str) -> dict:
    """Put the record in a transition's source state (so only the permission can refuse the move); its fields."""
    with db.session_scope(write=True) as session:
        record = session.get(resource.model, record_id)
        setattr(record, resource.workflow.field, state)
        session.add(record)
    return _snapshot(resource, record_id)


@pytest.mark.parametrize('ident', sorted(REGISTERS))
def test_every_refused_action_raises_on_the_service_and_changes_nothing(ident: str) -> None:
    resource, declared = REGISTERS[ident], matrix.load()
    record_id = _a_record(resource)
    actors = _actors()
    calls = {  # action -> (the call, the permission whose refusal is expected from a persona without the action)
        'view': (lambda actor: kit.get(resource, actor, record_id), lambda actor: resource.view),
        'list': (lambda actor: kit.query(resource, actor), lambda actor: resource.view),
        'export': (lambda actor: kit.export_xlsx(resource, actor), lambda actor: resource.view),
        'edit': (lambda actor: kit.update(resource, actor, record_id, {}), lambda actor: resource.edit),
        'create': (lambda actor: kit.create(resource, actor, {}), lambda actor: resource.edit),
        'delete': (lambda actor: kit.delete(resource, actor, record_id), lambda actor: resource.delete),
        'overwrite': (lambda actor: kit.update(resource, actor, record_id, {}, overwrite=True),
                      lambda actor: resource.overwrite_permission if actor.can(resource.edit) else resource.edit),
    }
    as_declared = {'list': 'view', 'export': 'view', 'create': 'edit'}
    problems, tried = [], 0
    before = _snapshot(resource, record_id)
    for action, (call, needed) in calls.items():
        if action == 'delete' and not resource.delete:
            continue
        for name in set(PERSONAS) - declared.action(resource, as_declared.get(action, action)):
            tried += 1
            actor = actors[name]
            if (outcome := _refused(functools.partial(call, actor), needed(actor))) is not None:
                problems.append(f'{name} {action}: {outcome}')
    assert _snapshot(resource, record_id) == before
    for move in resource.workflow.transitions if resource.workflow else ():
        before = _in_state(resource, record_id, move.source[0])
        for name in set(PERSONAS) - declared.action(resource, move.name):
            actor, tried = actors[name], tried + 1
            needed = move.permission if actor.can(resource.view) else resource.view  # not even loaded without it
            take = functools.partial(kit.transition, resource, actor, record_id, move.name, 'ทดสอบ')
            outcome = _refused(take, needed, out_of_reach=resource.view)
            if outcome is not None:
                problems.append(f'{name} {move.name}: {outcome}')
        assert _snapshot(resource, record_id) == before, f'{move.name} changed the record'
    assert not problems, f'{ident}: refused actions that were not refused:\n' + '\n'.join(problems)
    assert tried > 0


def test_the_matrix_says_the_leaks_are_closed() -> None:
    """The four leaks found when every persona opened every page (issue 12), as the matrix declares them; the test
    above proves the service refuses each."""
    declared = matrix.load()
    editions, vouchers = REGISTERS['eplan/editions'], REGISTERS['elaas/vouchers']
    assert 'planner' not in declared.action(editions, 'review') | declared.action(editions, 'approve')
    money = [(REGISTERS[i], a) for i, a in (('elaas/vouchers', 'approve'), ('elaas/budgets', 'approve'),
                                            ('elaas/transfers', 'approve'))]
    for resource, action in money:
        assert not {'deputy1', 'deputy2', 'deputy_palad'} & declared.action(resource, action)
    for ident in ('elaas/receipts', 'elaas/journals'):
        assert 'edu_dir' not in declared.action(REGISTERS[ident], 'view')
    assert 'edu_dir' in declared.action(vouchers, 'view')  # their own division's, by the register's reach
    assert 'clerk' not in declared.powers['eoffice.doc.secret']  # the registrar reaches a secret letter by route only
