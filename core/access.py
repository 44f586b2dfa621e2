"""Permissions, roles and the one guard (`can` / `require`) used by services and pages alike.

A permission is a string "<app>.<object>.<action>" (e.g. "elaas.voucher.approve"). A role is a named set of
permission patterns ("eplan.*", "*.view") with a record scope. A user's roles are those of the positions held
plus extra grants. The scope of a permission is the widest scope among the roles that grant it.

Beyond the roles, a position may exercise a permission by a dated delegation order of the นายก (คำสั่งมอบอำนาจ /
มอบหมาย, `DelegationOrder`): while the order is in force (`core.thai.today()` between its dates, not revoked) the
holder of the position has the permission organisation-wide, up to the order's amount where it names one, and acts
"ปฏิบัติราชการแทน". The orders are loaded with the principal; an order that has ended is kept to name it in a refusal.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fnmatch import fnmatchcase
from functools import cache
from typing import Any

import yaml
from sqlalchemy import and_, event, false, inspect, or_, union, update
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from core import audit, db
from core.errors import Denied
from core.settings import asset
from core.thai import format_date, format_money, today
from models.org import (
    Assignment,
    DelegationOrder,
    Division,
    Organization,
    Position,
    PositionRole,
    Role,
    RoleGrant,
    User,
)

SCOPES = ('own', 'division', 'org')
SCOPE_TITLES = {'own': 'เฉพาะของตนเอง', 'division': 'ภายในกอง', 'org': 'ทั้งองค์กร'}


PermissionDenied = Denied  # the user lacks a permission; the message is Thai and safe to show


@cache
def delegable() -> dict[str, tuple[str, bool]]:
    """What a delegation order may hand over (assets/roles.yaml `delegable`): permission -> (Thai title, whether
    the order carries an amount limit)."""
    data = yaml.safe_load(asset('roles.yaml').read_text(encoding='utf-8'))
    return {kind['permission']: (kind['title'], bool(kind.get('amount'))) for kind in data.get('delegable', ())}


@dataclass(frozen=True)
class Delegation:
    """One delegation order of a position the user holds, as loaded with the principal."""

    order_id: int
    number: str
    order_date: date
    position_id: int
    permission: str
    limit: Decimal | None
    valid_from: date
    valid_to: date | None
    division_id: int | None = None  # the matters of this division only; None: the whole LAO
    division_name: str = ''

    @property
    def name(self) -> str:
        return f'คำสั่งที่ {self.number} ลงวันที่ {format_date(self.order_date, "long")}'

    @property
    def what(self) -> str:
        title = delegable().get(self.permission, (self.permission, False))[0]
        return (title + (f' เฉพาะเรื่องของ{self.division_name}' if self.division_id is not None else '')
                + (f' วงเงินไม่เกิน {format_money(self.limit)} บาท' if self.limit is not None else ''))

    def covers(self, amount: Decimal | None, record: Any = None) -> bool:
        """Whether the order reaches `amount` and `record` (an order for a division: that division's records only;
        without a record, any)."""
        return (self.limit is None or amount is None or amount <= self.limit) and (
            record is None or self.division_id is None or getattr(record, 'division_id', None) == self.division_id)


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
    delegations: tuple[Delegation, ...] = ()  # orders for the positions held that are in force today
    lapsed: tuple[Delegation, ...] = ()  # orders for them that have ended (the latest first), to name in a refusal
    install_admin: bool = False  # the install's administrator: the only holder of the install.* permissions
    reads_across: str = ''  # a cross-LAO reader ('province' / 'install'): read permissions only, in every LAO it reads
    home_org_id: int | None = None  # a reader acting in another LAO (reading_in): the LAO its account belongs to
    org_ids: tuple[int, ...] = ()  # a reader of several LAOs (e.g. provincial): every one; empty: org_id only
    _cache: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def read_only(self) -> bool:
        return bool(self.reads_across)

    @property
    def tenant(self) -> tuple[int, ...]:
        """The organisations this principal acts for: the fence's tenant set (core/db.py)."""
        return self.org_ids or (self.org_id,)

    def role_scope(self, permission: str) -> str | None:
        """The widest scope in which a role (not an order) gives `permission`. No role gives an install.*
        permission, and a reader holds its read permissions only, whatever a grant says."""
        if permission.startswith(INSTALL) or (self.read_only and not is_read(permission)):
            return None
        found = [scope for pattern, scope in self.grants if fnmatchcase(permission, pattern)]
        return max(found, key=SCOPES.index) if found else None

    def scope(self, permission: str) -> str | None:
        """The widest scope in which this user holds `permission`: by role, or by an order in force ('org', or
        'division' for an order over one division's matters)."""
        if permission.startswith(INSTALL):
            return 'org' if self.install_admin else None
        if permission not in self._cache:
            found = [self.role_scope(permission)]
            orders = self.orders(permission)
            if orders:
                found.append('org' if any(d.division_id is None for d in orders) else 'division')
            found = [scope for scope in found if scope]
            self._cache[permission] = max(found, key=SCOPES.index) if found else None
        return self._cache[permission]

    def by_role(self, permission: str) -> bool:
        """Whether a role (not an order) gives `permission`."""
        return self.role_scope(permission) is not None

    def orders(self, permission: str) -> list[Delegation]:
        """The orders in force that give `permission` (none for a reader: it acts in no one's place)."""
        return [] if self.read_only else [d for d in self.delegations if d.permission == permission]

    def delegation(self, permission: str, amount: Decimal | None = None, record: Any = None) -> Delegation | None:
        """The order in force that gives `permission` (covering `amount` and reaching `record`), the widest limit
        first; None: none."""
        found = [d for d in self.orders(permission) if d.covers(amount, record)]
        return max(found, key=lambda d: (d.limit is None, d.limit or 0), default=None)

    def acting_for(self, permission: str, amount: Decimal | None = None, record: Any = None) -> Delegation | None:
        """The order this user acts under when exercising `permission` now (None: in their own right)."""
        if (scope := self.role_scope(permission)) is not None and (record is None or in_scope(self, scope, record)):
            return None
        return self.delegation(permission, amount, record)

    def can(self, permission: str, record: Any = None) -> bool:
        """Whether this user holds `permission`, on `record` when given: within a role's scope, or within what an
        order in force reaches (its division, or the whole LAO). A service's check also makes its context act for
        this principal's organisations (the fence's tenant, core/db.py)."""
        db.set_tenant(self.tenant)
        if permission.startswith(INSTALL):
            return self.install_admin
        if self.read_only and not is_read(permission):
            return False  # a cross-LAO reader writes nothing, by role or by order
        if record is None:
            return self.scope(permission) is not None
        if getattr(record, 'org_id', self.org_id) != self.org_id:
            return False
        if (scope := self.role_scope(permission)) is not None and in_scope(self, scope, record):
            return True
        return self.delegation(permission, record=record) is not None


INSTALL = 'install.'  # the install's own permissions (install.lao.manage, install.admin.grant): no LAO role has them
READER_SCOPES = {'province': 'ผู้ตรวจสอบระดับจังหวัด (อปท. ในจังหวัด)', 'install': 'ผู้ตรวจสอบทุก อปท. ในระบบนี้'}


@cache
def _cross_reader() -> dict:
    return yaml.safe_load(asset('roles.yaml').read_text(encoding='utf-8'))['cross_reader']


def reader_permissions() -> tuple[str, ...]:
    """What a cross-LAO reader holds in each LAO it reads (assets/roles.yaml `cross_reader`): reads only."""
    return tuple(_cross_reader()['permissions'])


def is_read(permission: str) -> bool:
    """Whether `permission` is one a cross-LAO reader may exercise."""
    return permission in reader_permissions()


def readable_orgs(session: Session, principal: Principal) -> list[int]:
    """The organisations `principal` may read, in id order: its own LAO; for a cross-LAO reader, every LAO of its
    home LAO's province (or of the install). The one answer for services, benchmarking and (later) the database's
    row-level security."""
    home = principal.home_org_id or principal.org_id
    if not principal.read_only:
        return [home]
    statement = select(Organization.id).order_by(Organization.id)
    if principal.reads_across != 'install':
        province = select(Organization.province_code).where(Organization.id == home).scalar_subquery()
        statement = statement.where(Organization.province_code == province)
    return list(session.exec(statement).all())


def reading_in(session: Session, principal: Principal, org_id: int) -> Principal:
    """The principal as it reads another LAO (a cross-LAO reader): the same reads, that LAO's records; refused
    for an LAO outside readable_orgs."""
    if org_id == principal.org_id:
        return principal
    if org_id not in readable_orgs(session, principal):
        raise deny(principal, 'org.read', where=f'org:{org_id}', message='ท่านไม่มีสิทธิ์อ่านข้อมูลของ อปท. นี้')
    return Principal(user_id=principal.user_id, org_id=org_id, username=principal.username,
                     full_name=principal.full_name, role_keys=principal.role_keys, grants=principal.grants,
                     session_version=principal.session_version, reads_across=principal.reads_across,
                     home_org_id=principal.home_org_id or principal.org_id)


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
        why = delegation_refusal(principal, permission, record=record)
        raise deny(principal, permission, record, where=where,
                   message=f'ท่านไม่มีสิทธิ์ดำเนินการนี้ ({permission}): {why}' if why else None)


def delegation_refusal(principal: Principal | None, permission: str, amount: Decimal | None = None,
                       record: Any = None) -> str | None:
    """Why no delegation order lets `principal` exercise a delegable `permission` (for `amount`, on `record`)
    today, in Thai: the order for another division, the order that ended, the order whose amount is too small, or
    that there is none. None for a permission no order can give, or one the principal holds (the plain refusal says
    why)."""
    if principal is None or permission not in delegable():
        return None
    if amount is None and principal.scope(permission) is not None and (
            record is None or principal.can(permission, record)):
        return None  # held (by role or order): a refusal for another reason, e.g. the record's reach
    title = delegable()[permission][0]
    held = principal.orders(permission)
    elsewhere = [d for d in held if not d.covers(None, record)]
    if elsewhere and len(elsewhere) == len(held):
        return (f'{title}: ' + ', '.join(f'{d.name} มอบเฉพาะเรื่องของ{d.division_name}' for d in elsewhere)
                + ' รายการนี้ไม่ใช่เรื่องของส่วนราชการดังกล่าว ต้องเสนอนายกหรือผู้ได้รับมอบอำนาจ')
    held = [d for d in held if d.covers(None, record)]
    if held:
        widest = max(held, key=lambda d: (d.limit is None, d.limit or 0))
        return (f'{title}: จำนวน {format_money(amount)} บาท เกินวงเงินอนุมัติตาม{widest.name} '
                f'({format_money(widest.limit)} บาท) ต้องเสนอผู้มีอำนาจอนุมัติในวงเงินที่สูงกว่า')
    ended = next((d for d in principal.lapsed if d.permission == permission), None)
    if ended is not None:
        return (f'คำสั่งมอบอำนาจที่ {ended.number} ลงวันที่ {format_date(ended.order_date, "long")} ({ended.what}) '
                f'สิ้นสุดเมื่อ {format_date(ended.valid_to, "long")} ท่านจึง{title}ไม่ได้ '
                f'จนกว่าจะมีคำสั่งมอบอำนาจใหม่')
    return f'ไม่มีคำสั่งมอบอำนาจให้ตำแหน่งของท่าน{title} (ผู้มีอำนาจโดยตำแหน่งคือนายก)'


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
    scope, orders = principal.role_scope(permission), principal.orders(permission)
    if scope == 'org' or any(d.division_id is None for d in orders):
        return None
    reach = []
    if scope is not None:
        reach = [getattr(model, name) == principal.user_id for name in ('created_by', 'owner_id')
                 if hasattr(model, name)]
    if scope == 'division' and hasattr(model, 'division_id'):
        reach.append(col(model.division_id).in_(principal.division_ids))
    if orders and hasattr(model, 'division_id'):  # orders over divisions' matters
        reach.append(col(model.division_id).in_([d.division_id for d in orders]))
    return or_(*reach) if reach else false()


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
    """Build the Principal of an active user from positions held (with their delegation orders), their roles and
    extra grants (three queries).
    With `position_id` (one of the positions held) the user acts in that position only: its division, its roles,
    their own grants."""
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    on = today()
    rows = session.exec(select(Position, DelegationOrder, Division.name)
                        .join(Assignment, Assignment.position_id == Position.id)
                        .join(DelegationOrder, and_(DelegationOrder.position_id == Position.id,
                                                    DelegationOrder.org_id == user.org_id,
                                                    ~col(DelegationOrder.revoked), DelegationOrder.valid_from <= on),
                              isouter=True)
                        .join(Division, Division.id == DelegationOrder.division_id, isouter=True)
                        .where(Assignment.user_id == user_id, Position.is_active)
                        .order_by(Assignment.is_primary.desc(), Position.sort_order,
                                  col(DelegationOrder.valid_to).desc())).all()
    held = list({position.id: position for position, _, _ in rows}.values())
    acting = next((p for p in held if p.id == position_id), None)
    if acting is not None:
        held = [acting]
    held_ids = {p.id for p in held}
    orders = [_delegation(order, division) for position, order, division in rows
              if order is not None and position.id in held_ids]
    current = tuple(d for d in orders if d.valid_to is None or d.valid_to >= on)
    lapsed = tuple(sorted((d for d in orders if d not in current), key=lambda d: d.valid_to, reverse=True))
    roles = session.exec(select(Role).where(Role.org_id == user.org_id, col(Role.key).in_(
        _role_keys_of(user_id, [acting.id] if acting else None)))).all()
    grants = tuple((pattern, role.scope) for role in roles for pattern in parse_permissions(role.permissions))
    keys = frozenset(r.key for r in roles)
    if user.reads_across:  # a cross-LAO reader: the reader's reads in the whole LAO, whatever its roles say
        grants, keys, current, lapsed = tuple((p, 'org') for p in reader_permissions()), frozenset(), (), ()
    return Principal(user_id=user.id, org_id=user.org_id, username=user.username, full_name=user.full_name,
                     position_ids=tuple(p.id for p in held), division_ids=tuple(sorted({p.division_id for p in held})),
                     role_keys=keys, grants=grants, session_version=user.session_version,
                     position_id=acting.id if acting else None, delegations=current, lapsed=lapsed,
                     install_admin=user.install_admin, reads_across=user.reads_across)


def _delegation(order: DelegationOrder, division_name: str | None = None) -> Delegation:
    return Delegation(order_id=order.id, number=order.number, order_date=order.order_date,
                      position_id=order.position_id, permission=order.permission, limit=order.limit_amount,
                      valid_from=order.valid_from, valid_to=order.valid_to, division_id=order.division_id,
                      division_name=division_name or '')


def in_force(model=DelegationOrder, on: date | None = None):
    """The SQL condition of a delegation order in force on a day (today by default)."""
    on = on or today()
    return and_(~col(model.revoked), model.valid_from <= on, or_(col(model.valid_to).is_(None), model.valid_to >= on))


def users_with(session: Session, org_id: int, permission: str) -> dict[int, str]:
    """The active users of an organisation who hold `permission` (in any scope), id -> full name, in one query
    over the roles their positions carry, their extra grants and the delegation orders in force for their
    positions: the same answer as load_principal(...).can() for every account but a cross-LAO reader's (it is handed
    nothing: it holds no role of the LAO and acts on nothing)."""
    by_position = select(Assignment.user_id.label('user_id'), PositionRole.role_key.label('role_key')).join(
        PositionRole, PositionRole.position_id == Assignment.position_id)
    granted = select(RoleGrant.user_id.label('user_id'), RoleGrant.role_key.label('role_key'))
    held = union(by_position, granted).subquery()
    by_role = select(User.id, User.full_name, Role.permissions).join(held, held.c.user_id == User.id) \
        .join(Role, and_(Role.key == held.c.role_key, Role.org_id == User.org_id)) \
        .where(User.org_id == org_id, User.is_active, User.reads_across == '')
    by_order = select(User.id, User.full_name, DelegationOrder.permission) \
        .join(Assignment, Assignment.user_id == User.id) \
        .join(Position, and_(Position.id == Assignment.position_id, Position.is_active)) \
        .join(DelegationOrder, DelegationOrder.position_id == Position.id) \
        .where(User.org_id == org_id, User.is_active, DelegationOrder.org_id == org_id, in_force())
    both = union(by_role, by_order).subquery()
    rows = session.exec(select(both.c.id, both.c.full_name, both.c.permissions).order_by(both.c.id)).all()
    found = {}
    for user_id, full_name, permissions in rows:
        if user_id not in found and any(fnmatchcase(permission, p) for p in parse_permissions(permissions)):
            found[user_id] = full_name
    return found


# What decides who may do what in an LAO: a change to any of these renews the LAO's access_version in the same
# transaction, and the shell re-reads a signed-in user's rights when it sees a new version (pages/layout.py).
ACCESS_MODELS = (Organization, Division, Position, Assignment, PositionRole, Role, RoleGrant, DelegationOrder, User)
# a user's own bookkeeping does not change anyone's rights
_NOT_ACCESS = {User: {'last_login_at', 'password_hash', 'email', 'phone'}, Organization: {'access_version'}}


def _changes_access(obj: Any) -> bool:
    ignored = _NOT_ACCESS.get(type(obj), set())
    return any(attr.history.has_changes() for attr in inspect(obj).attrs if attr.key not in ignored)


@event.listens_for(OrmSession, 'before_flush')
def _raise_access_version(session: OrmSession, flush_context, instances) -> None:
    added_or_removed = (obj for obj in (*session.new, *session.deleted) if isinstance(obj, ACCESS_MODELS))
    edited = (obj for obj in session.dirty if isinstance(obj, ACCESS_MODELS) and _changes_access(obj))
    renew_access(session, {obj.id if isinstance(obj, Organization) else obj.org_id
                           for obj in (*added_or_removed, *edited)})


def renew_access(session: OrmSession, orgs: set[int | None]) -> None:
    """The LAOs' rights changed: a new access_version for each (rows written without the ORM call it themselves)."""
    orgs = orgs - {None}
    if orgs:
        # a fresh random value, not a counter: a database restored from a backup never meets a version seen before
        session.execute(update(Organization).where(col(Organization.id).in_(orgs))
                        .values(access_version=secrets.randbelow(2**31 - 1) + 1)
                        .execution_options(synchronize_session=False))


def access_stamp(session: Session, user_id: int) -> tuple | None:
    """What a cached principal of this user is valid for, in one query: the user's session version and active flag,
    the LAO's access_version and the day (delegation orders begin and end by date). None: no such user."""
    row = session.exec(select(User.session_version, User.is_active, Organization.access_version)
                       .join(Organization, Organization.id == User.org_id).where(User.id == user_id)).first()
    return None if row is None else (*row, today())
