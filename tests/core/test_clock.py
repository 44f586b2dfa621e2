"""One clock: core.thai.today()/now() on the LAO's zone (settings.timezone), whatever the server's own zone.

On a UTC server, 23:30 UTC on 30 September is already 06:30 on 1 October in Bangkok: a new fiscal year. A record
made then belongs to the new year and takes its numbers; so does one made at 06:00 Bangkok time on 1 October.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from nicegui.testing import User
from sqlmodel import Field

from apps.eoffice.registers import URGENCY_DAYS
from apps.eoffice.resources import INCOMING
from apps.eplan.resources import ACTION_PLAN
from core import db, resource, settings
from core.numbering import Series
from core.resource import FormField, Resource
from core.thai import BANGKOK, fiscal_year, frozen_clock, now, today
from helpers import principal, sign_in
from models.base import OrgScoped, Tracked

LATE_ON_30_SEPTEMBER_UTC = datetime(2026, 9, 30, 23, 30, tzinfo=UTC)  # 06:30 on 1 October 2026 in Bangkok
DAWN_ON_1_OCTOBER_BANGKOK = datetime(2026, 10, 1, 6, 0, tzinfo=BANGKOK)  # 23:00 UTC on 30 September
LAST_MINUTE_OF_FY_2569 = datetime(2026, 9, 30, 23, 59, tzinfo=BANGKOK)
NEW_YEAR = (LATE_ON_30_SEPTEMBER_UTC, DAWN_ON_1_OCTOBER_BANGKOK)


class ProbeSlip(OrgScoped, Tracked, table=True):
    """A stand-in numbered record for these tests only (created in each test database)."""

    __tablename__ = 'test_probe_slip'
    id: int | None = Field(default=None, primary_key=True)
    number_text: str = ''
    subject: str = Field(max_length=200)


SLIPS = Resource(  # numbered by the day it is made (no date field of its own): the kit asks the clock
    app='test', key='slips', model=ProbeSlip, title='ใบทดสอบ', title_plural='ทะเบียนใบทดสอบ', label='subject',
    fields=[FormField('subject', 'เรื่อง', required=True)], columns=['subject'],
    view='info.village.view', edit='info.village.edit',
    numbering=Series('test.slip', 'ใบทดสอบ', 'fiscal', 'ใบ {n}/{year}'),
)


@pytest.fixture
def slips():
    ProbeSlip.__table__.create(db.engine())


@pytest.mark.parametrize('moment', NEW_YEAR, ids=['23:30 UTC 30 Sep', '06:00 Bangkok 1 Oct'])
def test_the_new_fiscal_year_starts_at_midnight_in_bangkok(moment: datetime) -> None:
    with frozen_clock(moment):
        assert today() == date(2026, 10, 1)
        assert fiscal_year(today()) == 2570
        assert now().utcoffset() == timedelta(hours=7) and now() == moment
    with frozen_clock(LAST_MINUTE_OF_FY_2569):
        assert today() == date(2026, 9, 30) and fiscal_year(today()) == 2569


def test_the_zone_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('LAO_TIMEZONE', 'UTC')
    settings.configure()
    with frozen_clock(LATE_ON_30_SEPTEMBER_UTC):
        assert today() == date(2026, 9, 30)
        assert now().utcoffset() == timedelta(0)


def test_the_clock_is_frozen_only_inside_the_block() -> None:
    with pytest.raises(ValueError, match='aware'):
        with frozen_clock(datetime(2026, 10, 1, 6, 0)):
            pass
    with frozen_clock(LATE_ON_30_SEPTEMBER_UTC):
        with frozen_clock(LAST_MINUTE_OF_FY_2569):
            assert today() == date(2026, 9, 30)
        assert today() == date(2026, 10, 1)
    assert abs(now() - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.parametrize('moment', NEW_YEAR, ids=['23:30 UTC 30 Sep', '06:00 Bangkok 1 Oct'])
def test_a_record_made_then_takes_the_new_fiscal_years_number(slips, moment: datetime) -> None:
    planner = principal('planner')
    with frozen_clock(LAST_MINUTE_OF_FY_2569):
        before = resource.create(SLIPS, planner, {'subject': 'ก่อนเที่ยงคืน'})
    with frozen_clock(moment):
        first = resource.create(SLIPS, planner, {'subject': 'วันแรกของปีงบประมาณ'})
        second = resource.create(SLIPS, planner, {'subject': 'ใบที่สอง'})
    numbers = [resource.get(SLIPS, planner, i).number_text for i in (before, first, second)]
    assert numbers == ['ใบ 1/2569', 'ใบ 1/2570', 'ใบ 2/2570']


@pytest.mark.parametrize('moment', NEW_YEAR, ids=['23:30 UTC 30 Sep', '06:00 Bangkok 1 Oct'])
def test_a_new_action_plan_item_opens_on_the_new_fiscal_year(moment: datetime) -> None:
    planner, year = principal('planner'), ACTION_PLAN.field('fiscal_year')
    with frozen_clock(LAST_MINUTE_OF_FY_2569):
        assert resource.default_of(year, planner) == 2569
    with frozen_clock(moment):
        assert resource.default_of(year, planner) == 2570


def test_a_letter_received_at_dawn_on_1_october_is_due_from_1_october() -> None:
    clerk = principal('clerk')
    letter = {'kind': 'external', 'ref_no': 'นม 0023/ว 1', 'doc_date': '29/9/2569', 'sender': 'อำเภอเมือง',
              'recipient': 'นายก', 'subject': 'แจ้งเวียนปีงบประมาณใหม่', 'urgency': 'normal', 'secrecy': 'normal'}
    with frozen_clock(DAWN_ON_1_OCTOBER_BANGKOK):
        record = resource.get(INCOMING, clerk, resource.create(INCOMING, clerk, letter))
    assert record.due_date == date(2026, 10, 1) + timedelta(days=URGENCY_DAYS['normal'])


def test_a_letter_received_after_midnight_on_new_years_eve_takes_the_new_years_number() -> None:
    clerk = principal('clerk')
    letter = {'kind': 'external', 'ref_no': 'นม 0023/ว 2', 'doc_date': '30/12/2569', 'sender': 'อำเภอเมือง',
              'recipient': 'นายก', 'subject': 'สวัสดีปีใหม่', 'urgency': 'normal', 'secrecy': 'normal'}
    with frozen_clock(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)):  # 00:30 on 1 January 2027 in Bangkok
        record = resource.get(INCOMING, clerk, resource.create(INCOMING, clerk, letter))
    assert (record.year, record.number_text) == (2570, '1/2570')


async def test_pages_open_on_the_new_fiscal_year(user: User) -> None:
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    for moment, year in ((LAST_MINUTE_OF_FY_2569, 2569), (LATE_ON_30_SEPTEMBER_UTC, 2570)):
        with frozen_clock(moment):
            await user.open('/elaas/periods')
            await user.should_see(f'ปีงบประมาณ {year}')
