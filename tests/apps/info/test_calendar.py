"""The reporting calendar: deadlines as dated data, each period's status (done, done late, due soon, late), the
reminder to the responsible seat only, the LAO's own dated version of a deadline, and the status board."""

from datetime import date, timedelta

import pytest
from nicegui.testing import User

from apps.info import deadlines
from apps.info.resources import DEADLINE_OVERRIDES, FILINGS
from core import db, resource
from core.errors import Denied, ValidationFailed
from core.thai import fiscal_year, format_date, today
from helpers import principal, sign_in


def _be(d: date) -> str:
    return f'{d.day:02d}/{d.month:02d}/{d.year + 543}'


def _late_skr1() -> deadlines.Occurrence:
    """The demo leaves its latest สขร.1 unreported."""
    fy = fiscal_year(today())
    _, rows, _ = deadlines.calendar(principal('palad'), fy)
    _, before, _ = deadlines.calendar(principal('palad'), fy - 1)
    late = [o for o in before + rows if o.key == 'skr1_monthly' and o.status == 'late']
    assert len(late) == 1
    return late[0]


def test_due_days_follow_the_rule_of_each_period() -> None:
    assert deadlines.period_end('month', 2569, 1) == date(2025, 10, 31)
    assert deadlines.period_end('quarter', 2569, 2) == date(2026, 3, 31)
    with db.session_scope() as session:
        org_id = principal('palad').org_id
        rows = {(o.key, o.period): o for o in deadlines.occurrences(session, org_id, 2569, date(2025, 10, 1))}
    assert rows['skr1_monthly', 1].due == date(2025, 11, 10)  # the 10th of the month after
    assert rows['withholding_monthly', 12].due == date(2026, 10, 7)  # ประมวลรัษฎากร มาตรา 59
    assert rows['budget_quarterly', 1].due == date(2025, 12, 31) + timedelta(days=30)
    assert rows['info_dla_yearly', 1].due == date(2026, 10, 31)  # after the year it reports on
    assert rows['lpa_self_assessment', 1].due == date(2026, 3, 31)  # within the year assessed
    assert rows['monitoring_report', 1].due == date(2026, 12, 31)  # e-Plan's own rule (ข้อ 29 (3))
    assert all(o.clause for o in rows.values())


def test_a_late_report_is_flagged_and_only_its_seat_is_reminded() -> None:
    late = _late_skr1()
    assert late.due < today() and late.filing is None and late.status_title == 'เกินกำหนด'
    assert late.seat == 'PROCUREMENT_OFFICER'
    procurement = principal('procurement')
    assert late.key in {o.key for o in deadlines.reminders(procurement)}
    notice = deadlines.notices(procurement)[0]
    assert notice.path == '/info/calendar' and notice.title == f'กำหนดส่งรายงาน {len(notice.lines):,} เรื่อง'
    assert any('สขร.1' in line and 'เกินกำหนด' in line for line in notice.lines)
    for other in ('planner', 'accountant', 'finance_dir', 'palad'):
        assert 'skr1_monthly' not in {o.key for o in deadlines.reminders(principal(other))}, other
    for outsider in ('mayor', 'clerk', 'driver'):  # no reporting duty: no card at all
        assert deadlines.notices(principal(outsider)) == []


def test_reporting_with_evidence_clears_the_reminder_and_a_late_one_says_so() -> None:
    late = _late_skr1()
    procurement = principal('procurement')
    resource.create(FILINGS, procurement, {'deadline_key': late.key, 'fiscal_year': str(late.fy),
                                           'period': str(late.period), 'filed_on': _be(today()),
                                           'reference': 'สขร.1 ประกาศบนเว็บไซต์ อบต.'})
    _, rows, _ = deadlines.calendar(principal('mayor'), late.fy)
    done = next(o for o in rows if o.key == late.key and o.period == late.period)
    assert done.status == 'done_late' and done.filing.reference == 'สขร.1 ประกาศบนเว็บไซต์ อบต.'
    assert (late.key, late.fy, late.period) not in {(o.key, o.fy, o.period) for o in deadlines.reminders(procurement)}


def test_a_filing_names_a_period_the_deadline_has_and_no_day_to_come() -> None:
    with pytest.raises(ValidationFailed) as refused:
        resource.create(FILINGS, principal('planner'), {
            'deadline_key': 'lpa_self_assessment', 'fiscal_year': '2569', 'period': '3',
            'filed_on': _be(today() + timedelta(days=2)), 'reference': 'แบบประเมินตนเอง'})
    assert set(refused.value.errors) == {'period', 'filed_on'}
    assert refused.value.errors['period'].startswith('งวด:')
    with pytest.raises(Denied):
        resource.create(FILINGS, principal('clerk'), {'deadline_key': 'lpa_self_assessment', 'fiscal_year': '2569',
                                                      'period': '1', 'filed_on': _be(today()), 'reference': 'x'})


def test_the_lao_moves_a_deadline_to_another_seat_from_a_day() -> None:
    late = _late_skr1()
    resource.create(DEADLINE_OVERRIDES, principal('palad'), {
        'deadline_key': 'skr1_monthly', 'effective_from': _be(date(2020, 1, 1)), 'seat': 'FIN_DIRECTOR',
        'active': True, 'note': 'คำสั่ง อบต. ที่ 12/2568 มอบหมายผู้อำนวยการกองคลัง'})
    assert late.key in {o.key for o in deadlines.reminders(principal('finance_dir'))}
    assert late.key not in {o.key for o in deadlines.reminders(principal('procurement'))}  # every period moved
    with pytest.raises(Denied):
        resource.create(DEADLINE_OVERRIDES, principal('planner'), {
            'deadline_key': 'skr1_monthly', 'effective_from': _be(date(2021, 1, 1)), 'seat': 'PLANNER'})


async def test_home_page_reminds_the_seat_and_the_board_shows_who_reported(user: User) -> None:
    late = _late_skr1()
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.should_see(marker='report-reminders', retries=50)
    await user.should_see(f'กำหนด {format_date(late.due)} · เกินกำหนด')
    await user.open('/info/calendar')
    await user.should_see(marker='calendar-table', retries=50)
    rows = user.find(marker='calendar-table').elements.pop().rows
    assert any(r['key'] == 'skr1_monthly' and r['status'] == 'เกินกำหนด' for r in rows)
    assert any(r['status'] == 'รายงานแล้ว' and r['path'].startswith('/info/filings/') for r in rows)


async def test_other_seats_get_no_skr1_reminder(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.should_not_see('สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน', retries=5)
