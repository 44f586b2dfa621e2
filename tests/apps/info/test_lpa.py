"""The LPA self-assessment: the year's checklist as dated data, each indicator scored from the suite's records (or
the LAO's own score with its evidence), and the summary per dimension and in total."""

import pytest
from nicegui.testing import User

from apps.info import deadlines, lpa
from apps.info.resources import LPA_SCORES
from core import resource
from core.errors import Denied, Refusal, ValidationFailed
from core.thai import fiscal_year, today
from helpers import principal, sign_in


def _items() -> tuple[int, dict[str, lpa.Item]]:
    fy, items = lpa.assessment(principal('planner'))
    return fy, {item.indicator.code: item for item in items}


def test_the_checklist_is_the_set_in_force_for_the_year() -> None:
    assert [i.code for i in lpa.checklist(2569)][:3] == ['1.1', '1.2', '1.3']
    assert all(i.clause and i.points > 0 for i in lpa.checklist(2569))
    with pytest.raises(Refusal, match='ไม่พบตัวชี้วัด LPA ของปีงบประมาณ 2560'):
        lpa.checklist(2560)


def test_scores_come_from_the_records_and_the_summary_adds_them_up() -> None:
    fy, items = _items()
    assert fy == fiscal_year(today()) - 1
    assert items['1.1'].met and items['1.1'].score == 4  # the demo's plan is in force
    assert items['4.1'].met and items['4.1'].found == 'ทะเบียนหมู่บ้าน 10 หมู่บ้าน'
    # the demo made one quarterly report a week late: the indicator "on time, every quarter" is not met
    late = [o for o in deadlines.calendar(principal('palad'), fy)[1]
            if o.key == 'budget_quarterly' and o.status == 'done_late']
    assert late and items['3.2'].met is False and items['3.2'].score == 0 and late[0].title in items['3.2'].found
    assert items['3.3'].met and items['3.3'].score == 3  # สขร.1 every month (made, on time or not)
    # manual indicators: the LAO's own score with its evidence
    assert items['2.1'].met is None and items['2.1'].score == 3 and items['2.1'].own.evidence
    lines = lpa.summary(list(items.values()))
    total = lines[-1]
    assert total.dimension == 'รวมทั้งสิ้น'
    assert total.points == sum(i.indicator.points for i in items.values()) == 35
    assert total.score == sum(i.score for i in items.values())
    assert sum(line.score for line in lines[:-1]) == total.score
    finance = next(line for line in lines if line.dimension.startswith('ด้านที่ 3'))
    assert finance.points == 12 and finance.score == sum(items[c].score for c in ('3.1', '3.2', '3.3', '3.4'))
    assert finance.percent == round(finance.score * 100 / 12, 2)


def test_the_lao_scores_an_indicator_within_its_points_with_evidence() -> None:
    fy, before = _items()
    planner = principal('planner')
    with pytest.raises(ValidationFailed) as refused:
        resource.create(LPA_SCORES, planner, {'fiscal_year': str(fy), 'code': '3.2', 'score': '4',
                                              'evidence': 'รายงานไตรมาส'})
    assert refused.value.errors == {'score': 'คะแนน: ตัวชี้วัด 3.2 มีคะแนนเต็ม 3'}
    resource.create(LPA_SCORES, planner, {'fiscal_year': str(fy), 'code': '3.2', 'score': '2',
                                          'evidence': 'ประกาศรายงานไตรมาส 1 ล่าช้า 7 วัน ไตรมาสอื่นตรงเวลา'})
    _, after = _items()
    assert after['3.2'].score == 2
    assert lpa.summary(list(after.values()))[-1].score == lpa.summary(list(before.values()))[-1].score + 2
    with pytest.raises(Denied):
        resource.create(LPA_SCORES, principal('accountant'), {'fiscal_year': str(fy), 'code': '3.4', 'score': '1',
                                                              'evidence': 'x'})
    with pytest.raises(Denied):
        lpa.assessment(principal('clerk'))


async def test_lpa_page_shows_the_summary_and_links_each_indicator_to_its_records(user: User) -> None:
    await sign_in(user, 'mayor', expect='สวัสดี')
    await user.open('/info/lpa')
    await user.should_see(marker='lpa-summary', retries=50)
    fy, items = _items()
    total = lpa.summary(list(items.values()))[-1]
    await user.should_see(f'{total.score:,}/{total.points:,} คะแนน')
    await user.should_see(marker='lpa-item-1.2')
