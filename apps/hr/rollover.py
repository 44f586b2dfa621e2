"""The 1 October rollover of vacation leave (ยกยอดวันลาพักผ่อนสะสม): a preview of what each person carries into the
new fiscal year and is allocated, then the commit, which posts those ledger entries once.

Carried = the old year's balance, capped so that carried + the new year's allocation stays within the cap in
force on 1 October (20 working days; 30 once the person has ten years of service on that day); nothing for a
category without carry-over. An entry already posted (a repeated commit, an allocation made when the person was
registered) is shown as done and never posted twice (the ledger's once-only keys)."""

from dataclasses import dataclass

from sqlmodel import Session, select

from apps.hr import leave
from apps.hr.rules import CATEGORIES, add_months, days_text, rule_for, years_between
from core import audit, db, submissions
from core.access import Principal, require
from core.errors import Refusal
from core.thai import fiscal_year_range, format_date
from models.hr import Person


@dataclass(frozen=True)
class Line:
    person_id: int
    name: str
    category: str
    service_years: int
    old_balance: int  # half days left in the old year
    cap: int  # days
    carry: int  # half days carried
    allocation: int  # half days allocated
    done: bool  # already posted
    note: str

    @property
    def new_balance(self) -> int:
        return self.carry + self.allocation


def _lines(session: Session, org_id: int, fy: int) -> list[Line]:
    start, _ = fiscal_year_range(fy)
    found = []
    people = session.exec(select(Person).where(Person.org_id == org_id, Person.is_active)
                          .order_by(Person.full_name)).all()
    for person in people:
        rule = rule_for('vacation', person.category, start)
        if rule is None or not rule.allocation_days:
            continue
        old = leave.balance(session, person.id, 'vacation', fy - 1)
        cap = rule.cap(person.service_start, start)
        allocation = 2 * rule.allocation_days
        carry = max(0, min(old, 2 * cap - allocation)) if rule.carry else 0
        done = leave.has_entry(session, org_id, f'alloc:{person.id}:vacation:{fy}') and (
            not carry or leave.has_entry(session, org_id, f'carry:{person.id}:vacation:{fy}'))
        notes = []
        if not rule.carry:
            notes.append(f'{CATEGORIES.get(person.category, person.category)} ไม่มีการสะสมวันลาพักผ่อน')
        elif carry < old:
            notes.append(f'เกินเพดานสะสม {cap} วัน ตัด {days_text(old - carry)} วัน')
        years = years_between(person.service_start, start)
        if rule.carry and rule.cap_long_days != rule.cap_days and years < rule.long_service_years:
            tenth = add_months(person.service_start, 12 * rule.long_service_years)
            notes.append(f'ครบ {rule.long_service_years} ปี: {format_date(tenth, "long")}')
        found.append(Line(person.id, person.full_name, person.category, years, old, cap, carry, allocation, done,
                          ' · '.join(notes)))
    return found


def preview(actor: Principal, fy: int) -> list[Line]:
    """What the rollover into fiscal year `fy` would post (nothing is written)."""
    require(actor, leave.MANAGE, where='hr/rollover')
    with db.session_scope() as session:
        return _lines(session, actor.org_id, fy)


def commit(actor: Principal, fy: int, *, key: str | None = None) -> int:
    """Post the carry-forward and allocation of every line not yet done; the number of people posted."""
    require(actor, leave.MANAGE, where='hr/rollover')
    if fy < 2500:
        raise Refusal('ปีงบประมาณ: ไม่ถูกต้อง', {'fy': 'ปีงบประมาณ: ไม่ถูกต้อง'})

    def work(session: Session) -> int:
        start, _ = fiscal_year_range(fy)
        posted = 0
        for line in _lines(session, actor.org_id, fy):
            if line.done:
                continue
            if line.carry and not leave.has_entry(session, actor.org_id, f'carry:{line.person_id}:vacation:{fy}'):
                leave.post(session, actor, line.person_id, 'vacation', fy, 'carry_forward', line.carry,
                           f'ยกมาจากปีงบประมาณ {fy - 1} (คงเหลือ {days_text(line.old_balance)} วัน '
                           f'เพดาน {line.cap} วัน)', key=f'carry:{line.person_id}:vacation:{fy}', on=start)
            person = session.get(Person, line.person_id)
            leave.allocate(session, actor, person, fy)
            posted += 1
        audit.record_by(session, actor, 'leave_rollover', object_type='Organization', object_id=actor.org_id,
                        data={'fiscal_year': fy, 'people': posted})
        return posted

    return submissions.once(actor, key, f'rollover hr/leave {fy}', work)
