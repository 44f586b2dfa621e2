"""HR pages (NiceGUI User, no browser): an officer files vacation leave on the form, the director and the ปลัด
approve it on the request's page, the balance drops on "my leave", the calendar shows it, cancelling returns the
days; the home page says who is away; HR's rollover page previews before it commits."""

from datetime import date, timedelta

import pytest
from hr_calendar import FY, clock_at, weeks
from nicegui.testing import User
from sqlmodel import select

from apps.hr import leave
from core import db
from core.thai import fiscal_year, frozen_clock
from helpers import sign_in
from models.hr import LeaveRequest, Person
from models.org import User as Account

START = weeks(1)  # a Monday of the demo's fiscal year clear of holidays and of the demo's own leave
END = START + timedelta(1)
STATES = {'endorse': 'รอผู้มีอำนาจอนุญาต', 'approve': 'อนุญาตแล้ว'}


@pytest.fixture(autouse=True)
def clock():
    with frozen_clock(clock_at()):
        yield


def _be(d: date) -> str:
    return f'{d.day}/{d.month}/{d.year + 543}'


def _clerk() -> Person:
    with db.session_scope() as session:
        user = session.exec(select(Account).where(Account.username == 'clerk')).one()
        return leave.person_of(session, user.org_id, user.id)


def _left(person_id: int) -> int:
    with db.session_scope() as session:
        return leave.balance(session, person_id, 'vacation', fiscal_year(START))


async def switch(user: User, username: str) -> None:
    await user.open('/logout')
    await sign_in(user, username, expect='สวัสดี')


async def test_request_director_palad_approve_balance_drops_calendar_and_cancel_return(user: User) -> None:
    person = _clerk()
    before = _left(person.id)
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/hr/leave-requests/new')
    await user.should_see(marker='field-leave_type', retries=100)
    user.find(marker='field-leave_type').elements.pop().value = 'vacation'
    user.find(marker='field-start_date').type(_be(START))
    user.find(marker='field-end_date').type(_be(END))
    user.find(marker='field-reason').type('พักผ่อนกับครอบครัว')
    user.find(marker='form-save').click()
    await user.should_see(marker='leave-request-card', retries=100)
    with db.session_scope() as session:
        record = session.exec(select(LeaveRequest).where(LeaveRequest.person_id == person.id,
                                                         LeaveRequest.start_date == START)).one()
    path = f'/hr/leave-requests/{record.id}'
    user.find(marker='transition-submit').click()
    await user.should_see('รอ: หัวหน้าส่วนราชการ', retries=100)
    for username, move in (('head_palad', 'endorse'), ('palad', 'approve')):
        await switch(user, username)
        await user.should_see(marker='pending-hr', retries=100)
        await user.open(path)
        user.find(marker=f'transition-{move}').click()
        await user.should_see(marker='workflow-state', content=STATES[move], retries=100)
    assert _left(person.id) == before - 4
    await switch(user, 'clerk')
    await user.open('/hr/my-leave')
    await user.should_see(marker='my-ledger', retries=100)
    await user.open(f'/hr/calendar?month={START.month}&year={START.year + 543}&division={person.division_id}')
    await user.should_see(marker='leave-calendar', retries=100)
    await user.should_see(person.full_name, retries=100)
    await user.open(path)
    user.find(marker='transition-cancel').click()
    await user.should_see(marker='transition-note', retries=100)
    user.find(marker='transition-note').type('ติดราชการด่วน')
    user.find(marker='transition-confirm').click()
    await user.should_see('ยกเลิกวันลาแล้ว', retries=100)
    assert _left(person.id) == before


async def test_no_self_approval_button_for_the_palad_on_her_own_leave(user: User) -> None:
    with db.session_scope() as session:
        palad = session.exec(select(Account).where(Account.username == 'palad')).one()
        person = leave.person_of(session, palad.org_id, palad.id)
        record = LeaveRequest(org_id=palad.org_id, person_id=person.id, division_id=person.division_id,
                              owner_id=palad.id, leave_type='vacation', start_date=START, end_date=START, halves=2,
                              days='1', fiscal_year=FY, status='submitted', route='mayor', created_by=palad.id)
        session.add(record)
        session.flush()
        record_id = record.id
    await sign_in(user, 'palad', expect='สวัสดี')
    await user.open(f'/hr/leave-requests/{record_id}')
    await user.should_see(marker='leave-request-card', retries=100)
    await user.should_not_see(marker='transition-approve')
    await switch(user, 'mayor')
    await user.open(f'/hr/leave-requests/{record_id}')
    await user.should_see(marker='transition-approve', retries=100)


async def test_home_shows_who_is_away_today(user: User) -> None:
    with frozen_clock(clock_at(START)):
        with db.session_scope(write=True) as session:
            person = session.exec(select(Person).where(Person.first_name == 'สายใจ')).one()
            session.add(LeaveRequest(org_id=person.org_id, person_id=person.id, division_id=person.division_id,
                                     owner_id=person.owner_id, leave_type='vacation', start_date=START, end_date=END,
                                     halves=4, days='2', fiscal_year=FY, status='approved', route='head,chief'))
        await sign_in(user, 'head_palad', expect='สวัสดี')
        await user.should_see(marker='away-today', retries=100)
        await user.should_see(person.full_name, retries=100)


async def test_rollover_page_previews_then_commits(user: User) -> None:
    await sign_in(user, 'hr', expect='สวัสดี')
    await user.open(f'/hr/rollover?fy={FY + 1}')
    await user.should_see(marker='rollover-table', retries=100)
    await user.should_see('รอยืนยัน', retries=100)
    user.find(marker='rollover-commit').click()
    await user.should_see('ยกยอดวันลาแล้ว', retries=100)
    await user.should_see('รอยืนยัน 0 คน', retries=100)
