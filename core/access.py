"""Permissions, roles and the one guard (`can` / `require`) used by services and pages alike.

A permission is a string "<app>.<object>.<action>" (e.g. "elaas.voucher.approve"). A role is a named set of
permission patterns ("eplan.*", "*.view") with a record scope. A user's roles are those of the positions held
plus extra grants. The scope of a permission is the widest scope among the roles that grant it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from sqlalchemy import and_, false, or_, union
from sqlmodel import Session, col, select

from core import audit, db
from core.errors import Denied
from models.org import Assignment, Position, PositionRole, Role, RoleGrant, User

SCOPES = ('own', 'division', 'org')
SCOPE_TITLES = {'own': 'เฉพาะของตนเอง', 'division': 'ภายในกอง', 'org': 'ทั้งองค์กร'}


PermissionDenied = Denied  # the user lacks a permission; the message is Thai and safe to show


@dataclass(frozen=True)
class Principal:
    """Who is acting: the user, the positions held and what their roles allow."""

    user_id: int
    org_id: int
    username: str
    full_name: str
    position_ids: tuple[int, ...] = ()
    division_ids: tuple[int, ...] = ()
    role_keys: frozenset[str] = frozenset()
    grants: tuple[tuple[str, str], ...] = ()  # (permission pattern, scope)
    session_version: int = 1
    position_id: int | None = None  # the position the user acts in now (the header's switcher); None: all held
    _cache: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def scope(self, permission: str) -> str | None:
        """The widest scope in which this user holds `permission`, or None."""
        if permission not in self._cache:
            found = [scope for pattern, scope in self.grants if fnmatchcase(permission, pattern)]
            self._cache[permission] = max(found, key=SCOPES.index) if found else None
        return self._cache[permission]

    def can(self, permission: str, record: Any = None) -> bool:
        scope = self.scope(permission)
        if scope is None:
            return False
        return record is None or in_scope(self, scope, record)


def in_scope(principal: Principal, scope: str, record: Any) -> bool:
    """Whether a record (with org_id, and optionally division_id / created_by / owner_id) is within reach."""
    if getattr(record, 'org_id', principal.org_id) != principal.org_id:
        return False
    if scope == 'org':
        return True
    own = principal.user_id in (getattr(record, 'created_by', None), getattr(record, 'owner_id', None))
    if scope == 'division':
        return own or getattr(record, 'division_id', None) in principal.division_ids
    return own


def can(principal: Principal | None, permission: str, record: Any = None) -> bool:
    return principal is not None and principal.can(permission, record)


def require(principal: Principal | None, permission: str, record: Any = None, *, where: str = '') -> None:
    """Raise PermissionDenied (and audit the denial in its own transaction) unless allowed."""
    if not can(principal, permission, record):
        raise deny(principal, permission, record, where=where)


def deny(principal: Principal | None, permission: str, record: Any = None, *, where: str = '',
         message: str | None = None) -> PermissionDenied:
    """The refusal to raise; the denial is audited in its own transaction once the caller's ends."""
    fields = dict(org_id=principal.org_id if principal else None, actor_id=principal.user_id if principal else None,
                  actor_name=principal.full_name if principal else '',
                  object_type=type(record).__name__ if record is not None else '',
                  object_id=getattr(record, 'id', '') if record is not None else '',
                  data={'permission': permission, 'where': where})
    db.after_write(lambda: audit.record_now('access_denied', **fields))
    return PermissionDenied(permission, message)


def scope_condition(model, principal: Principal, permission: str):
    """The SQL condition on `model` for the records `principal` may reach with `permission` inside their
    organisation (None: all of them)."""
    scope = principal.scope(permission)
    if scope == 'org':
        return None
    own = [getattr(model, name) == principal.user_id for name in ('created_by', 'owner_id') if hasattr(model, name)]
    if scope == 'division' and hasattr(model, 'division_id'):
        own.append(col(model.division_id).in_(principal.division_ids))
    if scope is None or not own:
        return false()
    return or_(*own)


def scope_filter(statement, model, principal: Principal, permission: str):
    """Narrow a SELECT on `model` to the records `principal` may see with `permission`."""
    statement = statement.where(model.org_id == principal.org_id)
    condition = scope_condition(model, principal, permission)
    return statement if condition is None else statement.where(condition)


def parse_permissions(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _role_keys_of(user_id: int, position_ids: Sequence[int] | None = None):
    """The keys of the roles a user holds, as a subquery: those of the positions held (or of those of them named),
    and the extra grants."""
    by_position = select(PositionRole.role_key).join(Assignment, Assignment.position_id == PositionRole.position_id) \
        .where(Assignment.user_id == user_id)
    if position_ids is not None:
        by_position = by_position.where(col(PositionRole.position_id).in_(position_ids))
    return union(by_position, select(RoleGrant.role_key).where(RoleGrant.user_id == user_id))


def user_role_keys(session: Session, user_id: int) -> set[str]:
    return set(session.exec(select(_role_keys_of(user_id).subquery().c.role_key)).all())


def load_principal(session: Session, user_id: int, position_id: int | None = None) -> Principal | None:
    """Build the Principal of an active user from positions held, their roles and extra grants (three queries).
    With `position_id` (one of the positions held) the user acts in that position only: its division, its roles,
    their own grants."""
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    held = session.exec(select(Position).join(Assignment, Assignment.position_id == Position.id)
                        .where(Assignment.user_id == user_id, Position.is_active)
                        .order_by(Assignment.is_primary.desc(), Position.sort_order)).all()
    acting = next((p for p in held if p.id == position_id), None)
    if acting is not None:
        held = [acting]
    roles = session.exec(select(Role).where(Role.org_id == user.org_id, col(Role.key).in_(
        _role_keys_of(user_id, [acting.id] if acting else None)))).all()
    grants = tuple((pattern, role.scope) for role in roles for pattern in parse_permissions(role.permissions))
    return Principal(user_id=user.id, org_id=user.org_id, username=user.username, full_name=user.full_name,
                     position_ids=tuple(p.id for p in held), division_ids=tuple(sorted({p.division_id for p in held})),
                     role_keys=frozenset(r.key for r in roles), grants=grants, session_version=user.session_version,
                     position_id=acting.id if acting else None)


def users_with(session: Session, org_id: int, permission: str) -> dict[int, str]:
    """The active users of an organisation who hold `permission` (in any scope), id -> full name, in one query
    over the roles their positions carry and their extra grants: the same answer as load_principal(...).can()."""
    by_position = select(Assignment.user_id.label('user_id'), PositionRole.role_key.label('role_key')).join(
        PositionRole, PositionRole.position_id == Assignment.position_id)
    granted = select(RoleGrant.user_id.label('user_id'), RoleGrant.role_key.label('role_key'))
    held = union(by_position, granted).subquery()
    rows = session.exec(select(User.id, User.full_name, Role.permissions)
                        .join(held, held.c.user_id == User.id)
                        .join(Role, and_(Role.key == held.c.role_key, Role.org_id == User.org_id))
                        .where(User.org_id == org_id, User.is_active).order_by(User.id)).all()
    found = {}
    for user_id, full_name, permissions in rows:
        if user_id not in found and any(fnmatchcase(permission, p) for p in parse_permissions(permissions)):
            found[user_id] = full_name
    return found
