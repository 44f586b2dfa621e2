"""Who signs a paper: the name and position printed under a signature line, read from the organisation's seats.

Every official paper names its signers (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, ข้อ 12 and its forms: the name
in brackets under the signature, the position below it; one acting for another says so — รักษาราชการแทน for a
vacant or absent seat, ปฏิบัติราชการแทน under a delegation order). The papers ask here, never the caller's code:

- `seat_signer(session, org_id, code)`: whoever holds a seat by its template code (MAYOR, CHIEF, FIN_DIRECTOR …);
- `head_signer(session, org_id, division_id)`: the head of a division;
- `user_signer(session, principal, permission, amount, record)`: the user acting now, in their own right or under
  the delegation order that gives them `permission` (then ปฏิบัติราชการแทน the นายก).

A position's title is printed with the LAO's place name where the title names the LAO's kind ("ปลัดองค์การบริหาร
ส่วนตำบล" of องค์การบริหารส่วนตำบลบ้านตัวอย่าง prints "ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง"); a vacant seat
prints its title with an empty name, so a clerk writes the name in by hand.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from core.access import Principal
from models.org import Assignment, Organization, Position, User

MAYOR_SEAT = 'MAYOR'  # the seat that issues delegation orders (นายก)


@dataclass(frozen=True)
class Signer:
    """A signature's printed lines: the name (empty for a vacant seat), the position, and for whom it acts."""

    name: str
    position: str
    capacity: str = ''  # '', 'รักษาราชการแทน' or 'ปฏิบัติราชการแทน'
    for_position: str = ''  # the position acted for, when capacity is set

    def lines(self) -> list[str]:
        """The lines under the signature: '(name)', the position, then the capacity and the position acted for."""
        name = f'({self.name})' if self.name else '(' + '.' * 40 + ')'
        lines = [name, self.position]
        if self.capacity:
            lines += [self.capacity, self.for_position] if self.for_position else [self.capacity]
        return lines


def printed_title(title: str, org: Organization | None) -> str:
    """A position title as printed: with the LAO's place name when the title ends with the LAO's kind."""
    if org is None:
        return title
    for n in range(min(len(title), len(org.name)), 3, -1):
        if org.name.startswith(title[-n:]):
            return title + org.name[n:]
    return title


def _holder(session: Session, position: Position) -> tuple[User | None, Assignment | None]:
    """The active user holding the seat (the one who holds it as primary first, an acting holder last)."""
    row = session.exec(
        select(User, Assignment).join(Assignment, Assignment.user_id == User.id)
        .where(Assignment.position_id == position.id, User.is_active)
        .order_by(Assignment.acting, Assignment.is_primary.desc(), Assignment.id)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def _main_position(session: Session, user_id: int, exclude: int | None = None) -> Position | None:
    """The user's own seat: the primary one, else the first held in their own right."""
    query = (select(Position).join(Assignment, Assignment.position_id == Position.id)
             .where(Assignment.user_id == user_id, Position.is_active)
             .order_by(Assignment.acting, Assignment.is_primary.desc(), Position.sort_order, Position.id))
    return next((p for p in session.exec(query) if p.id != exclude), None)


def position_signer(session: Session, position: Position) -> Signer:
    """Whoever holds `position`; one acting in it signs with their own seat, รักษาราชการแทน this one."""
    org = session.get(Organization, position.org_id)
    title = printed_title(position.title, org)
    user, assignment = _holder(session, position)
    if user is None:
        return Signer('', title)
    if assignment is not None and assignment.acting:
        own = _main_position(session, user.id, exclude=position.id)
        if own is not None:
            return Signer(user.full_name, printed_title(own.title, org), 'รักษาราชการแทน', title)
    return Signer(user.full_name, title)


def seat_signer(session: Session, org_id: int, code: str) -> Signer | None:
    """The holder of the seat with template code `code` (the first of several: 'CODE' or 'CODE-1'); None: no
    such seat in this LAO."""
    position = session.exec(
        select(Position).where(Position.org_id == org_id, Position.is_active,
                               (Position.code == code) | (Position.code == f'{code}-1'))
        .order_by(Position.code)
    ).first()
    return position_signer(session, position) if position else None


def head_signer(session: Session, org_id: int, division_id: int) -> Signer | None:
    """The head of a division (its seat marked head); None: the division has no head seat."""
    position = session.exec(
        select(Position).where(Position.org_id == org_id, Position.division_id == division_id, Position.is_head,
                               Position.is_active).order_by(Position.sort_order, Position.id)
    ).first()
    return position_signer(session, position) if position else None


def user_signer(session: Session, principal: Principal, permission: str | None = None,
                amount: Decimal | None = None, record: Any = None, delegated: bool | None = None) -> Signer:
    """The user acting now, as they sign: their seat (the one chosen in the header, else their main one), and,
    when `permission` is theirs only by a delegation order, ปฏิบัติราชการแทน the นายก. `delegated` says it as the
    record kept it (an act done under an order that has since ended is still printed ปฏิบัติราชการแทน); None asks
    the orders in force today."""
    org = session.get(Organization, principal.org_id)
    position = session.get(Position, principal.position_id) if principal.position_id else None
    position = position or _main_position(session, principal.user_id)
    title = printed_title(position.title, org) if position else ''
    if delegated is None:
        delegated = permission is not None and principal.acting_for(permission, amount, record) is not None
    if delegated:
        mayor = session.exec(select(Position).where(Position.org_id == principal.org_id,
                                                    Position.code.in_((MAYOR_SEAT, f'{MAYOR_SEAT}-1')))).first()
        return Signer(principal.full_name, title, 'ปฏิบัติราชการแทน',
                      printed_title(mayor.title, org) if mayor else '')
    return Signer(principal.full_name, title)
