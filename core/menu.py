"""Apps register an AppSpec; the menu shows each app's entries the user's roles allow."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.access import Principal


@dataclass(frozen=True)
class MenuEntry:
    title: str
    path: str
    permission: str | None = None  # None: any signed-in user
    icon: str = 'chevron_right'


@dataclass(frozen=True)
class PendingWork:
    """Work waiting for the user, shown on the home page (e.g. 'ฎีการอตรวจ 3')."""

    title: str
    count: int
    path: str


@dataclass(frozen=True)
class Notice:
    """A home-page card that is not work waiting (it adds nothing to the pending count): e.g. who is away today."""

    title: str
    lines: tuple[str, ...]
    path: str
    marker: str


@dataclass(frozen=True)
class AppSpec:
    key: str
    title: str
    icon: str
    description: str = ''
    entries: tuple[MenuEntry, ...] = ()
    permissions: dict[str, str] = field(default_factory=dict)  # permission -> Thai description
    pending: Callable[[Principal], list[PendingWork]] | None = None
    notices: Callable[[Principal], list[Notice]] | None = None  # home-page cards beside the pending work
    seed_org: Callable[[Any, Any], None] | None = None  # (session, organization): an app's starter data for a new LAO
    seed_demo: Callable[[Any], None] | None = None  # receives core.demo.DemoContext
    # after the demo LAO is built and committed: (the demo LAO, whether to add its province's other demo LAOs), built
    # through the services
    seed_demo_after: Callable[[Any, bool], None] | None = None
    order: int = 100

    @property
    def path(self) -> str:
        return f'/{self.key}'

    def entries_for(self, principal: Principal) -> list[MenuEntry]:
        return [e for e in self.entries if e.permission is None or principal.can(e.permission)]

    def visible_to(self, principal: Principal) -> bool:
        return bool(self.entries_for(principal))

    def pending_for(self, principal: Principal) -> list[PendingWork]:
        return [w for w in self.pending(principal) if w.count] if self.pending else []

    def notices_for(self, principal: Principal) -> list[Notice]:
        return [n for n in self.notices(principal) if n.lines] if self.notices else []


APPS: list[AppSpec] = []  # filled at start by apps/__init__.py: core knows the apps only through this registry


def register_app(spec: AppSpec) -> None:
    if all(existing.key != spec.key for existing in APPS):
        APPS.append(spec)


def all_apps() -> list[AppSpec]:
    return sorted(APPS, key=lambda a: a.order)


def menu_for(principal: Principal) -> list[tuple[AppSpec, list[MenuEntry]]]:
    """The apps and entries this user may open, in menu order (several positions: the union)."""
    return [(app, entries) for app in all_apps() if (entries := app.entries_for(principal))]


def permission_catalogue() -> dict[str, str]:
    """Every permission an app declares, with its Thai description."""
    return {perm: text for app in all_apps() for perm, text in app.permissions.items()}
