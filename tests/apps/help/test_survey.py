"""The feedback survey: at most once a quarter of the fiscal year per user and system (answering or declining),
again the next quarter; the administrator's summary."""

from datetime import date, datetime

import pytest

from apps.help import survey
from core.errors import Denied, ValidationFailed
from core.thai import frozen_clock, local_zone
from helpers import principal


def test_quarters_follow_the_fiscal_year() -> None:
    assert survey.quarter(date(2025, 10, 1)) == '2569-Q1'
    assert survey.quarter(date(2025, 12, 31)) == '2569-Q1'
    assert survey.quarter(date(2026, 1, 1)) == '2569-Q2'
    assert survey.quarter(date(2026, 7, 1)) == '2569-Q4'
    assert survey.quarter(date(2026, 9, 30)) == '2569-Q4'
    assert survey.quarter(date(2026, 10, 1)) == '2570-Q1'


def test_once_a_quarter_per_user_and_system() -> None:
    clerk, cashier = principal('clerk'), principal('cashier')
    day = date(2026, 2, 10)
    assert survey.due(clerk, 'eoffice', day)
    assert survey.respond(clerk, 'eoffice', 4, 'อยากให้ค้นหาเร็วขึ้น', day)
    assert not survey.due(clerk, 'eoffice', day)
    assert not survey.due(clerk, 'eoffice', date(2026, 3, 31))  # the same quarter (Q2 ม.ค.–มี.ค.)
    assert not survey.respond(clerk, 'eoffice', 5, '', date(2026, 3, 1))  # a second answer is not kept
    assert survey.due(clerk, 'elaas', day)  # another system
    assert survey.due(cashier, 'eoffice', day)  # another user
    assert survey.due(clerk, 'eoffice', date(2026, 4, 1))  # the next quarter
    assert survey.respond(cashier, 'eoffice', None, '', day)  # declined: counts for the quarter too
    assert not survey.due(cashier, 'eoffice', day)


def test_offered_only_for_the_users_systems() -> None:
    with frozen_clock(datetime(2026, 2, 10, 10, tzinfo=local_zone())):
        offered = dict(survey.offered(principal('clerk')))
        assert 'eoffice' in offered and 'admin' not in offered
        survey.respond(principal('clerk'), 'eoffice', 3)
        assert 'eoffice' not in dict(survey.offered(principal('clerk')))


def test_bad_answers_are_refused() -> None:
    clerk = principal('clerk')
    for score in (0, 6, 3.5):
        with pytest.raises(ValidationFailed):
            survey.respond(clerk, 'eoffice', score)
    with pytest.raises(ValidationFailed):
        survey.respond(clerk, 'nope', 3)


def test_summary_for_the_administrator_only() -> None:
    with frozen_clock(datetime(2026, 2, 10, 10, tzinfo=local_zone())):
        survey.respond(principal('clerk'), 'eoffice', 4, 'ค้นหาช้า')
        survey.respond(principal('palad'), 'eoffice', 2)
        survey.respond(principal('cashier'), 'eoffice', None)
        with pytest.raises(Denied):
            survey.summary(principal('clerk'))
        rows = {r.app: r for r in survey.summary(principal('admin'))}
    office = rows['eoffice']
    assert (office.quarter, office.answers, office.declined, office.average) == ('2569-Q2', 2, 1, 3.0)
    assert office.by_score == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0} and office.comments == ['ค้นหาช้า']
    assert rows['elaas'].answers == 0 and rows['elaas'].average is None
