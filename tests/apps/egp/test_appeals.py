"""Announcements and appeals: the invitation and the result announcement as dated steps of a file (with e-GP's
number), the appeal window counted in working days from the result announcement on the LAO's HR holiday calendar
(its own extra holidays included), appeals recorded with their decision, and a contract refused while the window is
open or an appeal undecided — the refusal naming the day the window closes."""

from datetime import date, datetime, timedelta

import pytest
from egp_helpers import awarded_file, contract_for, move, roomy_line, vendor
from sqlmodel import select

from apps.egp import service
from apps.egp.resources import ANNOUNCEMENTS, APPEALS, CONTRACTS
from apps.hr import links as hr
from apps.hr.resources import HOLIDAYS
from core import db, resource
from core.errors import Denied, ValidationFailed
from core.thai import format_date, frozen_clock, local_zone, today
from helpers import principal
from models.procurement import Appeal, Contract, Procurement


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time().replace(hour=10), local_zone())


def _bidding_file(n: int) -> int:
    line = roomy_line(principal('procurement').org_id)
    return awarded_file(line.id, '600000', '590000', vendor(n), method='e_bidding')


def _ends(file_id: int) -> date:
    with db.session_scope() as session:
        return service.appeal_ends(session, session.get(Procurement, file_id))


def _seventh_working_day(start: date) -> date:
    with db.session_scope() as session:
        off = hr.holidays_between(session, principal('procurement').org_id, start, start + timedelta(days=60))
    day, left = start, 7
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5 and day not in off
    return day


def _announce(file_id: int, kind: str, on: date, number: str = '') -> int:
    return resource.create(ANNOUNCEMENTS, principal('procurement'), {
        'procurement_id': file_id, 'kind': kind, 'announced_on': on, 'egp_no': number, 'note': ''})


def test_the_window_counts_seven_working_days_from_the_result_announcement() -> None:
    file_id = _bidding_file(11)
    _announce(file_id, 'invitation', today(), '69129000001')
    _announce(file_id, 'result', today(), '69129000002')
    ends = _ends(file_id)
    assert ends == _seventh_working_day(today())
    assert (ends - today()).days >= 9  # seven working days cross at least one weekend
    # the LAO's own extra holiday (HR's calendar) on the first working day after the announcement: one day later
    first = next(today() + timedelta(days=n) for n in range(1, 5) if (today() + timedelta(days=n)).weekday() < 5
                 and today() + timedelta(days=n) not in _calendar())
    resource.create(HOLIDAYS, principal('hr'), {'holiday_date': first, 'name': 'วันหยุดพิเศษของ อปท. (ทดสอบ)'})
    later = _ends(file_id)
    assert later > ends and later == _seventh_working_day(today())


def _calendar() -> dict:
    with db.session_scope() as session:
        return hr.holidays_between(session, principal('procurement').org_id, today(), today() + timedelta(days=30))


def test_signing_waits_for_the_window_and_names_its_last_day() -> None:
    file_id = _bidding_file(12)
    _announce(file_id, 'result', today())
    ends = _ends(file_id)
    contract_id = contract_for(file_id, '590000', [('590000', today() + timedelta(days=60))])
    with frozen_clock(_at(ends)), pytest.raises(Denied) as refused:  # the last day of the window
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert f'ครบกำหนดวันที่ {format_date(ends)}' in str(refused.value)
    with frozen_clock(_at(ends + timedelta(days=1))):  # the day after
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    with db.session_scope() as session:
        assert session.get(Contract, contract_id).status == 'signed'


def test_an_undecided_appeal_holds_the_contract_until_it_is_decided() -> None:
    file_id = _bidding_file(13)
    _announce(file_id, 'result', today())
    ends = _ends(file_id)
    officer = principal('procurement')
    with pytest.raises(ValidationFailed) as refused:  # filed after the window
        resource.create(APPEALS, officer, {'procurement_id': file_id, 'appellant': 'บริษัท ผู้แพ้ จำกัด',
                                           'filed_on': ends + timedelta(days=1), 'decision': 'pending'})
    assert format_date(ends) in refused.value.errors['filed_on']
    with pytest.raises(ValidationFailed) as refused:  # a decision needs its date
        resource.create(APPEALS, officer, {'procurement_id': file_id, 'appellant': 'บริษัท ผู้แพ้ จำกัด',
                                           'filed_on': ends, 'decision': 'dismissed'})
    assert 'decided_on' in refused.value.errors
    appeal_id = resource.create(APPEALS, officer, {
        'procurement_id': file_id, 'appellant': 'บริษัท ผู้แพ้ จำกัด', 'filed_on': ends,
        'grounds': 'คุณสมบัติของผู้ชนะไม่ถูกต้อง', 'decision': 'pending'})  # on the window's last day: in time
    contract_id = contract_for(file_id, '590000', [('590000', today() + timedelta(days=60))])
    after = ends + timedelta(days=3)
    with frozen_clock(_at(after)), pytest.raises(Denied) as refused:
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert 'บริษัท ผู้แพ้ จำกัด' in str(refused.value) and 'ยังไม่ได้วินิจฉัย' in str(refused.value)
    assert format_date(ends) in str(refused.value)
    resource.update(APPEALS, officer, appeal_id, {
        'procurement_id': file_id, 'appellant': 'บริษัท ผู้แพ้ จำกัด', 'filed_on': ends,
        'grounds': 'คุณสมบัติของผู้ชนะไม่ถูกต้อง', 'decision': 'dismissed', 'decided_on': ends + timedelta(days=2),
        'decision_note': 'อุทธรณ์ฟังไม่ขึ้น'})
    with frozen_clock(_at(after)):
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    with db.session_scope() as session:
        assert session.get(Contract, contract_id).status == 'signed'
        assert session.exec(select(Appeal.decision).where(Appeal.id == appeal_id)).one() == 'dismissed'


def test_an_upheld_appeal_refuses_the_contract() -> None:
    file_id = _bidding_file(14)
    _announce(file_id, 'result', today())
    ends = _ends(file_id)
    resource.create(APPEALS, principal('procurement'), {
        'procurement_id': file_id, 'appellant': 'ห้างหุ้นส่วนจำกัด ผู้อุทธรณ์', 'filed_on': today(),
        'decision': 'upheld', 'decided_on': today() + timedelta(days=1)})
    contract_id = contract_for(file_id, '590000', [('590000', today() + timedelta(days=60))])
    with frozen_clock(_at(ends + timedelta(days=5))), pytest.raises(Denied) as refused:
        move(CONTRACTS, contract_id, 'sign', 'procurement')
    assert 'ฟังขึ้น' in str(refused.value)


def test_announcements_follow_the_file() -> None:
    line = roomy_line(principal('procurement').org_id)
    file_id = awarded_file(line.id, '80000', '79000', vendor(15))  # เฉพาะเจาะจง: no appeal window
    with pytest.raises(ValidationFailed) as refused:
        resource.create(APPEALS, principal('procurement'), {'procurement_id': file_id, 'appellant': 'ผู้ใด',
                                                            'filed_on': today(), 'decision': 'pending'})
    assert 'ไม่มีระยะเวลาอุทธรณ์' in refused.value.errors['procurement_id']
    with pytest.raises(ValidationFailed) as refused:  # before the file's request
        _announce(file_id, 'invitation', today() - timedelta(days=400))
    assert 'announced_on' in refused.value.errors
    _announce(file_id, 'invitation', today() + timedelta(days=2), '69129000009')
    with pytest.raises(ValidationFailed) as refused:  # the result before the invitation
        _announce(file_id, 'result', today() + timedelta(days=1))
    assert 'ประกาศเชิญชวน' in refused.value.errors['announced_on']
    with pytest.raises(ValidationFailed):  # once a kind per file
        _announce(file_id, 'invitation', today())


async def test_the_demo_file_shows_its_window_and_pending_appeal(user) -> None:
    from helpers import sign_in
    with db.session_scope() as session:
        works = session.exec(select(Procurement).where(Procurement.method == 'e_bidding',
                                                       Procurement.status == 'awarded')).one()
        ends = service.appeal_ends(session, works)
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open(f'/egp/files/{works.id}')
    await user.should_see(marker='file-appeal-window', retries=100)
    await user.should_see(f'ครบกำหนดวันที่ {format_date(ends)}')
    await user.should_see(marker='file-appeals-pending')


def test_a_year_without_holiday_data_is_counted_with_weekends_and_says_so() -> None:
    from sqlalchemy import delete

    from core.thai import fiscal_year, fiscal_year_range
    from models.hr import Holiday
    file_id = _bidding_file(19)
    _announce(file_id, 'result', today(), '69129000009')
    with db.session_scope() as session:
        record = session.get(Procurement, file_id)
        assert not any('ยังไม่มีข้อมูลวันหยุดราชการ' in n for n in service.appeal_window_notes(session, record))
    first, last = fiscal_year_range(fiscal_year(today()))
    with db.session_scope(write=True) as session:  # the LAO's calendar for this year emptied
        session.exec(delete(Holiday).where(Holiday.org_id == principal('procurement').org_id,
                                           Holiday.holiday_date >= first, Holiday.holiday_date <= last))
    with db.session_scope() as session:
        record = session.get(Procurement, file_id)
        ends = service.appeal_ends(session, record)  # still counted: weekends only
        notes = service.appeal_window_notes(session, record)
    assert ends == _seventh_working_day(today())
    assert any(f'ยังไม่มีข้อมูลวันหยุดราชการของปีงบประมาณ {fiscal_year(today())}' in n for n in notes)
