"""e-Plan rules as dated data: the edition kinds with their clauses, and the monitoring report's December deadline
shown on the monitoring and evaluation reports."""

from datetime import date

import pytest

from apps.eplan import service
from core.errors import Refusal
from core.report import REPORTS, report_table
from helpers import principal


def test_each_edition_kind_cites_its_clause_from_its_effective_date() -> None:
    assert service.EDITION_KINDS == {'first': 'ฉบับแรก', 'review': 'ทบทวน', 'correction': 'แก้ไข',
                                     'amendment': 'เพิ่มเติม/เปลี่ยนแปลง'}
    assert 'ข้อ 21' in service.edition_kind('correction', date(2018, 4, 30)).clause
    assert 'ข้อ 22 ' in service.edition_kind('amendment', date(2026, 12, 1)).clause
    with pytest.raises(Refusal, match='ไม่พบระเบียบที่รองรับการจัดทำแผน "amendment"'):
        service.edition_kind('amendment', date(2018, 4, 29))


def test_the_monitoring_report_is_due_in_december_after_its_fiscal_year() -> None:
    due, rule = service.monitoring_due(2569)
    assert due == date(2026, 12, 31) and 'ข้อ 29 (3)' in rule.clause
    table = report_table(REPORTS['eplan/monitoring'], principal('planner'), {'year': 2569})
    assert 'ประกาศภายใน 31 ธันวาคม 2569' in table.subtitle


def test_the_planner_is_reminded_of_the_monitoring_report_until_its_deadline() -> None:
    from datetime import datetime, time

    from apps.eplan import notices
    from core.thai import frozen_clock, local_zone
    with frozen_clock(datetime.combine(date(2026, 12, 1), time(9), local_zone())):
        [notice] = notices(principal('planner'))
        assert notice.title.endswith('ปีงบประมาณ 2569') and '31 ธันวาคม 2569 (อีก 30 วัน)' in notice.lines[0]
        assert notices(principal('engineer')) == []  # not who draws up the plan
    with frozen_clock(datetime.combine(date(2027, 1, 1), time(9), local_zone())):
        assert notices(principal('planner')) == []  # past its deadline: the year's report is history
