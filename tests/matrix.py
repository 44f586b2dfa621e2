"""The declared access matrix (assets/access_matrix.yaml) and the rights the running app gives: who of the demo LAO
may open each signed-in page and take each action. Read by the access-matrix test and the page smoke test."""

import functools
import importlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from apps import APPS
from core.access import Principal
from core.demo import PEOPLE
from core.resource import REGISTRY, Resource
from pages.layout import PageSpec

FILE = Path(__file__).resolve().parents[1] / 'assets' / 'access_matrix.yaml'
STAFF = tuple(person.username for person in PEOPLE)  # the demo LAO's people
READERS = ('province_reader',)  # the demo's provincial reader (apps/admin/demo_peers.py): reads, holds no seat
PERSONAS = STAFF + READERS
EVERYONE = 'everyone'  # the LAO's staff
ALL = 'all'  # the staff and the provincial reader


@functools.cache
def registers() -> list[Resource]:
    """The apps' registers (not the test modules' own), in a stable order."""
    for spec in APPS:  # declaring the registers (importing each app's pages) fills the kit's registry
        importlib.import_module(f'apps.{spec.key}.pages')
    keys = {spec.key for spec in APPS}
    return sorted((r for r in REGISTRY.values() if r.app in keys), key=lambda r: r.ident)


def actions(resource: Resource) -> dict[str, str]:
    """A register's actions, each with the permission it needs (overwrite only where someone may hold it)."""
    found = {'view': resource.view, 'edit': resource.edit}
    if resource.delete:
        found['delete'] = resource.delete
    found['overwrite'] = resource.overwrite_permission
    for move in resource.workflow.transitions if resource.workflow else ():
        found[move.name] = move.permission
    return found


def register_pages(resource: Resource) -> dict[str, str]:
    """The register's page routes, each with the action it shows."""
    base = resource.path
    return {base: 'view', f'{base}/{{record_id}}': 'view', f'{base}/new': 'edit', f'{base}/{{record_id}}/edit': 'edit'}


@dataclass(frozen=True)
class Matrix:
    registers: dict[str, dict[str, frozenset[str]]]  # register ident -> action -> personas
    pages: dict[str, frozenset[str]]  # route -> personas
    powers: dict[str, frozenset[str]]  # permission -> personas

    def page(self, spec: PageSpec) -> frozenset[str] | None:
        """Who may open this registered page (None: the matrix does not say)."""
        for resource in registers():
            if (action := register_pages(resource).get(spec.path)) is not None:
                return self.action(resource, action)
        return self.pages.get(spec.path)

    def action(self, resource: Resource, action: str) -> frozenset[str] | None:
        declared = self.registers.get(resource.ident, {})
        if action == 'overwrite' and resource.ident in self.registers:
            return declared.get(action, frozenset())  # absent: nobody
        return declared.get(action)


def _who(value, where: str) -> frozenset[str]:
    if value == EVERYONE:
        return frozenset(STAFF)
    if value == ALL:
        return frozenset(PERSONAS)
    assert isinstance(value, list), f'{where}: "{EVERYONE}", "{ALL}" or a list of personas, not {value!r}'
    unknown = set(value) - set(PERSONAS)
    assert not unknown, f'{where}: no demo persona {sorted(unknown)}'
    assert len(set(value)) == len(value), f'{where}: a persona named twice'
    return frozenset(value)


@functools.cache
def load() -> Matrix:
    data = yaml.safe_load(FILE.read_text(encoding='utf-8'))
    return Matrix(
        registers={ident: {action: _who(who, f'{ident} {action}') for action, who in declared.items()}
                   for ident, declared in data['registers'].items()},
        pages={path: _who(who, path) for path, who in data['pages'].items()},
        powers={permission: _who(who, permission) for permission, who in data['powers'].items()})


def holders(actors: dict[str, Principal], permission: str | None, reading: bool = True) -> frozenset[str]:
    """The personas the roles and the delegation orders in force today give `permission` (None: everyone); for an
    action that writes (`reading` False: a workflow move, even one carried by a view permission), not a reader."""
    return frozenset(name for name, actor in actors.items() if (permission is None or actor.can(permission))
                     and (reading or not actor.read_only))


def names(who: frozenset[str]) -> str:
    if who == frozenset(PERSONAS):
        return ALL
    if who == frozenset(STAFF):
        return EVERYONE
    return '[' + ', '.join(p for p in PERSONAS if p in who) + ']'
