"""The directory of ปลัด across the LAOs of one install (ทำเนียบปลัด อปท.): for each organisation its chief
administrator's seat (position code CHIEF, the structure templates' ปลัด) and who holds it, acting or not, from the
positions; read-only. The suite has no role that reads across LAOs yet, so no role grants ACROSS: the
administrator of an install holding several organisations grants it to whom it may concern (an extra grant), and the
page is theirs to add."""

from dataclasses import dataclass

from sqlmodel import col, select

from core import audit, db
from core.access import Principal, require
from models.hr import Person
from models.org import Assignment, Organization, Position, User

ACROSS = 'hr.palad.across'
CHIEF_SEAT = 'CHIEF'


@dataclass(frozen=True)
class PaladLine:
    org_id: int
    org_name: str
    province: str
    district: str
    seat: str  # the seat's title in that LAO's structure ('' when it has none)
    holder: str  # '' when vacant
    acting: bool  # รักษาราชการแทน
    phone: str  # from the HR register, when the holder is registered


def palad_directory(actor: Principal) -> list[PaladLine]:
    """Every organisation of the install with its ปลัด, by province, district and name: a vacant seat says so (no
    holder), and a seat held by an acting officer says it (the holder's own seat elsewhere stays theirs). The read is
    audited in the reader's chain."""
    require(actor, ACROSS, where='hr/palad-directory')
    with db.session_scope(write=True) as session:
        orgs = session.exec(select(Organization).order_by(
            Organization.province_name, Organization.district_name, Organization.name)).all()
        seats = {s.org_id: s for s in session.exec(select(Position).where(
            col(Position.code).in_((CHIEF_SEAT, f'{CHIEF_SEAT}-1')), Position.is_active).order_by(Position.code))
            .all()[::-1]}  # the seat itself (CHIEF) wins over a second one (CHIEF-1)
        holders: dict[int, tuple] = {}
        for assignment, user in session.exec(
                select(Assignment, User).join(User, User.id == Assignment.user_id)
                .where(col(Assignment.position_id).in_([s.id for s in seats.values()] or [-1]), User.is_active)
                .order_by(col(Assignment.acting).desc(), col(Assignment.id).desc())).all():
            holders[assignment.position_id] = (user, assignment.acting)  # a substantive holder wins over an acting
        phones = dict(session.exec(select(Person.owner_id, Person.phone).where(
            col(Person.owner_id).in_([u.id for u, _ in holders.values()] or [-1]), Person.is_active)).all())
        lines = []
        for org in orgs:
            seat = seats.get(org.id)
            user, acting = holders.get(seat.id, (None, False)) if seat else (None, False)
            lines.append(PaladLine(org.id, org.name, org.province_name, org.district_name, seat.title if seat else '',
                                   user.full_name if user else '', acting, phones.get(user.id, '') if user else ''))
        audit.record_by(session, actor, 'palad_directory_read', object_type='Organization', object_id='*',
                        data={'organisations': len(lines)})
    return lines
