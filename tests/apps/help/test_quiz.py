"""The skills quiz: scored on the server, the right answers never in what the page is sent before submitting, each
attempt stored, the retake rules (wait days, tries a quarter) as data, and the results for the trainer/HR only."""

import dataclasses
from datetime import date, datetime

import pytest
from nicegui import ui
from nicegui.testing import User

from apps.help import quiz
from core.errors import Denied, Refusal, ValidationFailed
from core.thai import frozen_clock, local_zone
from helpers import principal, sign_in


def _right(app: str) -> dict[str, int]:
    return {q.id: q.answer for q in quiz.questions(app)}


def _wrong(app: str, how_many: int) -> dict[str, int]:
    given = _right(app)
    for q in quiz.questions(app)[:how_many]:
        given[q.id] = q.answer % len(q.choices) + 1
    return given


def _at(day: date):
    return frozen_clock(datetime(day.year, day.month, day.day, 10, tzinfo=local_zone()))


def test_every_system_has_ten_real_questions_with_a_source() -> None:
    for app in ('eplan', 'elaas', 'eoffice', 'hr', 'egp'):
        asked = quiz.questions(app)
        assert len(asked) >= 10, app
        assert len({q.id for q in asked}) == len(asked)
        for q in asked:
            assert len(q.choices) >= 3 and 1 <= q.answer <= len(q.choices) and q.source, q.id
            assert len(set(q.choices)) == len(q.choices), q.id
        assert len({q.answer for q in asked}) > 1, f'{app}: the right answer is always the same choice'


def test_scoring_and_the_pass_mark() -> None:
    clerk = principal('edu_officer')  # the demo's own attempts are the cashier's and the clerk's
    with _at(date(2026, 2, 10)):
        total = len(quiz.questions('hr'))
        first = quiz.review(clerk, quiz.submit(clerk, 'hr', _wrong('hr', 3)))
        assert (first.score, first.total, first.passed) == (total - 3, total, False)  # 9/12 = 75 % < 80 %
        assert [i.right for i in first.items][:4] == [False, False, False, True]
        assert first.items[0].source
    with _at(date(2026, 2, 11)):
        second = quiz.review(clerk, quiz.submit(clerk, 'hr', _wrong('hr', 2)))
        assert (second.score, second.passed) == (total - 2, True)  # 10/12 ≥ 80 %
        standing = quiz.status(clerk, 'hr')
        assert (standing.attempts, standing.best, standing.passed) == (2, total - 2, True)


def test_every_question_must_be_answered() -> None:
    clerk = principal('edu_officer')  # the demo's own attempts are the cashier's and the clerk's
    given = _right('egp')
    del given['egp-03']
    given['egp-04'] = 9  # not a choice
    with pytest.raises(ValidationFailed) as refused:
        quiz.submit(clerk, 'egp', given)
    assert set(refused.value.errors) == {'egp-03', 'egp-04'}
    assert 'ข้อ 3, 4' in str(refused.value)
    assert quiz.status(clerk, 'egp').attempts == 0  # nothing stored


def test_retake_rules_wait_a_day_and_three_tries_a_quarter() -> None:
    clerk = principal('edu_officer')  # the demo's own attempts are the cashier's and the clerk's
    with _at(date(2026, 1, 5)):
        quiz.submit(clerk, 'eplan', _wrong('eplan', 5))
        assert not quiz.status(clerk, 'eplan').may_take
        with pytest.raises(Refusal, match='สอบใหม่ได้ตั้งแต่วันที่'):
            quiz.submit(clerk, 'eplan', _right('eplan'))
        assert quiz.status(clerk, 'elaas').may_take  # another system
        assert quiz.status(principal('cashier'), 'eplan').may_take  # another person
    for day in (date(2026, 1, 6), date(2026, 2, 1)):
        with _at(day):
            quiz.submit(clerk, 'eplan', _wrong('eplan', 5))
    with _at(date(2026, 3, 31)):
        standing = quiz.status(clerk, 'eplan')
        assert standing.attempts == 3 and not standing.may_take and 'ไตรมาสถัดไป' in standing.reason
        with pytest.raises(Refusal, match='ครบ 3 ครั้ง'):
            quiz.submit(clerk, 'eplan', _right('eplan'))
    with _at(date(2026, 4, 1)):  # the next quarter of the fiscal year
        assert quiz.status(clerk, 'eplan').may_take
        assert quiz.review(clerk, quiz.submit(clerk, 'eplan', _right('eplan'))).passed


def test_a_double_click_stores_one_attempt() -> None:
    clerk = principal('edu_officer')  # the demo's own attempts are the cashier's and the clerk's
    with _at(date(2026, 2, 10)):
        first = quiz.submit(clerk, 'egp', _right('egp'), key='k1')
        assert quiz.submit(clerk, 'egp', _right('egp'), key='k1') == first
        assert quiz.status(clerk, 'egp').attempts == 1


def test_the_paper_holds_no_answer() -> None:
    paper = quiz.paper(principal('clerk'), 'elaas')
    assert {f.name for f in dataclasses.fields(paper[0])} == {'id', 'text', 'choices'}
    sources = {q.source for q in quiz.questions('elaas')}
    assert not any(s in repr(paper) for s in sources)


async def test_the_quiz_page_sends_no_answer_and_scores_on_submit(user: User) -> None:
    await sign_in(user, 'driver', expect='นายสมปอง โพธิ์ศรี')
    await user.open('/help/quiz/eoffice')
    await user.should_see(marker='quiz-q-1')
    sent = repr([(e.props, getattr(e, '_props', None)) for e in user.find(ui.radio).elements])
    for q in quiz.questions('eoffice'):
        assert q.source not in sent
    assert "'answer'" not in sent
    for n, q in enumerate(quiz.questions('eoffice'), start=1):
        user.find(marker=f'quiz-choice-{n}').elements.pop().value = q.answer
    user.find(marker='quiz-submit').click()
    await user.should_see(marker='quiz-score')
    await user.should_see(f'ได้ {len(quiz.questions("eoffice"))} จาก')
    await user.should_see(marker='quiz-review-1')


def test_results_for_the_trainer_and_hr_only() -> None:
    with _at(date(2026, 2, 10)):
        quiz.submit(principal('teacher'), 'hr', _right('hr'))
    with pytest.raises(Denied):
        quiz.results(principal('clerk'))
    rows = quiz.results(principal('hr'))
    mine = [r for r in rows if r.name == 'นางมณี ศรีประเสริฐ']
    assert [(r.app, r.attempts, r.passed) for r in mine] == [('hr', 1, True)]
    teacher_id = mine[0].user_id
    assert {r.user_id for r in quiz.results(principal('admin'), teacher_id)} == {teacher_id}
    with pytest.raises(Refusal):  # another's attempt is not reviewed by a colleague
        quiz.review(principal('clerk'), mine[0].last_attempt_id)
    assert quiz.review(principal('hr'), mine[0].last_attempt_id).passed


async def test_results_page_refuses_staff(user: User) -> None:
    await sign_in(user, 'clerk', expect='นางสาวสายใจ บุญมา')
    await user.open('/help/quiz/results')
    await user.should_see(marker='no-access')
