"""The executive board: its figures are each app's own reports for the demo, number for number; it opens for the
นายก and the ปลัด only, every figure a link to the records behind it."""

from collections import Counter
from decimal import Decimal

import pytest
from nicegui.testing import User

from apps.egp import reports as egp_reports
from apps.elaas import reports as elaas_reports
from apps.eoffice import registers, routing
from apps.eplan import reports as eplan_reports
from apps.hr import leave
from apps.info import board
from core.errors import Denied
from helpers import principal, sign_in


@pytest.mark.parametrize('username', ['mayor', 'palad'])
def test_board_equals_each_apps_report(username: str) -> None:
    actor = principal(username)
    read = board.read(actor)
    fy = read.fy
    assert fy == elaas_reports.budget_years(actor)[0]
    # e-LAAS: budget execution by แผนงาน, and the remaining-budget report's totals
    execution = elaas_reports.execution_by_program(actor, fy)
    assert read.execution.equals(execution)
    remaining = elaas_reports.remaining_budget(actor, fy)
    totals = read.totals()
    assert totals['งบประมาณ'] == sum(remaining['อนุมัติ'] + remaining['โอนเพิ่ม'] - remaining['โอนลด'], Decimal(0))
    assert totals['เบิกจ่าย'] == sum(remaining['เบิกจ่าย'], Decimal(0)) > 0
    assert totals['ก่อหนี้ผูกพัน'] == sum(remaining['ก่อหนี้ผูกพัน'], Decimal(0))
    # e-Plan: the monitoring report's projects, progress and money
    monitoring = eplan_reports.monitoring(actor, fy)
    assert not monitoring.empty
    assert read.projects.equals(monitoring)
    counts = eplan_reports.progress_counts(actor, fy)
    assert {s: c for s, c in read.projects['สถานะ'].value_counts().items()} == {
        r['สถานะ']: r['จำนวนโครงการ'] for _, r in counts.iterrows() if r['จำนวนโครงการ']}
    # e-GP: files per status
    assert read.procurement == egp_reports.board(actor, fy)['status']
    assert sum(n for _, n, _ in read.procurement) > 0
    # e-Office: overdue letters per urgency
    overdue = routing.overdue(actor)
    per_urgency = Counter(registers.URGENCY[d.urgency] for d in overdue)
    assert dict(read.overdue) == dict(per_urgency) and per_urgency
    # HR: who is away today
    assert [name for name, _, _ in read.away] == [name for name, *_ in leave.away_on(actor)]
    assert read.away


@pytest.mark.parametrize('username', ['planner', 'finance_dir', 'deputy1', 'clerk'])
def test_only_the_executive_and_the_palad_read_the_board(username: str) -> None:
    with pytest.raises(Denied):
        board.read(principal(username))


async def test_board_page_links_each_figure_to_its_records(user: User) -> None:
    await sign_in(user, 'mayor', expect='สวัสดี')
    await user.open('/info/board')
    await user.should_see(marker='board-execution', retries=50)
    for marker in ('board-projects', 'board-procurement', 'board-overdue', 'board-away'):
        await user.should_see(marker=marker)
    fy = board.read(principal('mayor')).fy
    link = user.find(marker='board-total-เบิกจ่าย').elements.pop()
    assert link.props['href'] == f'/elaas/reports/remaining?fy={fy}'
    assert user.find(marker='board-away-count').elements.pop().props['href'] == '/hr/calendar'
    await user.should_see(marker='board-projects-disbursed')
    assert user.find(marker='board-projects-disbursed').elements.pop().props['href'] == \
        f'/eplan/reports/monitoring?year={fy}'
