"""The skills quiz before duty (แบบทดสอบความรู้ก่อนปฏิบัติงาน, approach 1.7): per system, questions as data
(assets/help/quiz/<app>.csv: question, choices, the right choice, the clause or manual section it rests on), a pass
mark and retake rules as dated data (assets/help/quiz/rules.yaml). Scored here, on the server: the paper a page shows
holds no answers, and an attempt's review (right answers and sources) is given only after it is stored. Trainers and
HR (`help.quiz.results`) read every person's results."""

import csv
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import yaml
from sqlmodel import col, select

from apps.help.survey import quarter
from core import db, submissions
from core.access import Principal, require
from core.dated import in_force
from core.errors import NotFound, Refusal, ValidationFailed
from core.settings import ROOT
from core.thai import format_date, local_zone, now, today
from models.help import QuizAttempt
from models.org import User

TAKE = 'help.view'
RESULTS = 'help.quiz.results'
FOLDER = ROOT / 'assets' / 'help' / 'quiz'
SYSTEMS = {'eplan': 'แผนพัฒนาท้องถิ่น', 'elaas': 'บัญชีและงบประมาณ', 'eoffice': 'สารบรรณอิเล็กทรอนิกส์',
           'hr': 'บริหารงานบุคคล', 'egp': 'จัดซื้อจัดจ้าง'}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[str, ...]
    answer: int  # 1-based number of the right choice: never leaves the server before an attempt is stored
    source: str


@dataclass(frozen=True)
class PaperQuestion:
    """What the page shows: the question and its choices, nothing that tells the right one."""
    id: str
    text: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class QuizRules:
    effective_from: date
    pass_percent: int
    wait_days: int
    max_per_quarter: int
    basis: str


@dataclass(frozen=True)
class Status:
    app: str
    title: str
    attempts: int  # this quarter
    best: int | None  # best score this quarter, of `total`
    total: int
    passed: bool  # passed in any attempt
    may_take: bool
    reason: str  # why not, in Thai ('' when it may be taken)


@dataclass(frozen=True)
class Reviewed:
    question: str
    choices: tuple[str, ...]
    given: int | None
    answer: int
    source: str

    @property
    def right(self) -> bool:
        return self.given == self.answer


@dataclass(frozen=True)
class Review:
    attempt_id: int
    app: str
    score: int
    total: int
    passed: bool
    pass_percent: int
    items: tuple[Reviewed, ...]


@cache
def questions(app: str) -> tuple[Question, ...]:
    if app not in SYSTEMS:
        return ()
    with (FOLDER / f'{app}.csv').open(encoding='utf-8') as stream:
        return tuple(Question(row['id'], row['question'], tuple(row['choices'].split('|')), int(row['answer']),
                              row['source']) for row in csv.DictReader(stream))


@cache
def _rule_versions() -> tuple[QuizRules, ...]:
    rows = yaml.safe_load((FOLDER / 'rules.yaml').read_text(encoding='utf-8'))
    return tuple(QuizRules(**row) for row in rows)


def rules(day: date) -> QuizRules:
    return in_force(_rule_versions(), day, 'ยังไม่มีเกณฑ์แบบทดสอบความรู้ที่ใช้ในวันนี้')


def paper(actor: Principal, app: str) -> list[PaperQuestion]:
    """The questions of a system's quiz as the page shows them."""
    require(actor, TAKE)
    if app not in SYSTEMS:
        raise NotFound('ไม่พบแบบทดสอบของระบบนี้')
    return [PaperQuestion(q.id, q.text, q.choices) for q in questions(app)]


def _local_day(moment) -> date:
    return moment.astimezone(local_zone()).date()


def _attempts(session, actor: Principal, app: str) -> list[QuizAttempt]:
    return list(session.exec(select(QuizAttempt).where(
        QuizAttempt.org_id == actor.org_id, QuizAttempt.user_id == actor.user_id, QuizAttempt.app == app)
        .order_by(col(QuizAttempt.id))).all())


def _refusal(attempts: list[QuizAttempt], day: date) -> str:
    """Why a new attempt may not start on `day` ('' when it may)."""
    rule = rules(day)
    this_quarter = [a for a in attempts if quarter(_local_day(a.created_at)) == quarter(day)]
    if len(this_quarter) >= rule.max_per_quarter:
        return f'สอบครบ {rule.max_per_quarter} ครั้งในไตรมาสนี้แล้ว สอบใหม่ได้ในไตรมาสถัดไป'
    if attempts:
        ready = _local_day(attempts[-1].created_at) + timedelta(days=rule.wait_days)
        if day < ready:
            return f'สอบใหม่ได้ตั้งแต่วันที่ {format_date(ready)}'
    return ''


def status(actor: Principal, app: str, day: date | None = None) -> Status:
    require(actor, TAKE)
    day = day or today()
    with db.session_scope() as session:
        attempts = _attempts(session, actor, app)
    this_quarter = [a for a in attempts if quarter(_local_day(a.created_at)) == quarter(day)]
    reason = _refusal(attempts, day)
    return Status(app, SYSTEMS[app], len(this_quarter), max((a.score for a in this_quarter), default=None),
                  len(questions(app)), any(a.passed for a in attempts), not reason, reason)


def statuses(actor: Principal) -> list[Status]:
    return [status(actor, app) for app in SYSTEMS]


def submit(actor: Principal, app: str, given: dict[str, int | None], key: str | None = None) -> int:
    """Score one attempt and store it (once per submission key); the retake rules are checked in the same
    transaction. Every question must be answered; the refusal names the unanswered ones."""
    require(actor, TAKE)
    asked = questions(app)
    if not asked:
        raise NotFound('ไม่พบแบบทดสอบของระบบนี้')
    errors = {}
    clean: dict[str, int] = {}
    for n, q in enumerate(asked, start=1):
        value = (given or {}).get(q.id)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= len(q.choices):
            errors[q.id] = f'กรุณาเลือกคำตอบข้อ {n}'
        else:
            clean[q.id] = value
    if errors:
        refusal = ValidationFailed(errors)
        refusal.message = 'กรุณาตอบให้ครบทุกข้อ ยังไม่ได้ตอบข้อ ' + ', '.join(
            str(n) for n, q in enumerate(asked, start=1) if q.id in errors)
        raise refusal
    moment = now()
    day = moment.date()
    rule = rules(day)
    score = sum(1 for q in asked if clean[q.id] == q.answer)

    def work(session) -> int:
        session.exec(select(User.id).where(User.id == actor.user_id).with_for_update()).first()  # one at a time
        reason = _refusal(_attempts(session, actor, app), day)
        if reason:
            raise Refusal(reason)
        attempt = QuizAttempt(org_id=actor.org_id, user_id=actor.user_id, app=app, score=score, total=len(asked),
                              passed=score * 100 >= rule.pass_percent * len(asked),
                              answers=json.dumps(clean, ensure_ascii=False), created_at=moment)
        session.add(attempt)
        session.flush()
        return attempt.id

    return submissions.once(actor, key, f'quiz {app}', work)


def review(actor: Principal, attempt_id: int) -> Review:
    """A stored attempt with the right answers and their sources: for the one who sat it, or a results reader."""
    require(actor, TAKE)
    with db.session_scope() as session:
        attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.org_id != actor.org_id or (
            attempt.user_id != actor.user_id and not actor.can(RESULTS)):
        raise NotFound('ไม่พบผลการทดสอบนี้')
    given = json.loads(attempt.answers or '{}')
    items = tuple(Reviewed(q.text, q.choices, given.get(q.id), q.answer, q.source) for q in questions(attempt.app))
    return Review(attempt.id, attempt.app, attempt.score, attempt.total, attempt.passed,
                  rules(_local_day(attempt.created_at)).pass_percent, items)


@dataclass(frozen=True)
class ResultRow:
    user_id: int
    name: str
    app: str
    title: str
    attempts: int
    best: int
    total: int
    passed: bool
    last: date
    last_attempt_id: int


def results(actor: Principal, user_id: int | None = None) -> list[ResultRow]:
    """For the trainer and HR: per person and system, the attempts, the best score, passed or not, the last day."""
    require(actor, RESULTS)
    with db.session_scope() as session:
        statement = (select(QuizAttempt, User.full_name).join(User, User.id == QuizAttempt.user_id)
                     .where(QuizAttempt.org_id == actor.org_id))
        if user_id is not None:
            statement = statement.where(QuizAttempt.user_id == user_id)
        rows = session.exec(statement.order_by(col(QuizAttempt.id))).all()
    grouped: dict[tuple[int, str], list] = {}
    names = {}
    for attempt, name in rows:
        grouped.setdefault((attempt.user_id, attempt.app), []).append(attempt)
        names[attempt.user_id] = name
    out = [ResultRow(uid, names[uid], app, SYSTEMS.get(app, app), len(found), max(a.score for a in found),
                     found[-1].total, any(a.passed for a in found), _local_day(found[-1].created_at), found[-1].id)
           for (uid, app), found in grouped.items()]
    return sorted(out, key=lambda r: (r.name, list(SYSTEMS).index(r.app) if r.app in SYSTEMS else 99))


def result_addresses() -> list[str]:
    """For the page smoke test: the results page, also for one person."""
    with db.session_scope() as session:
        first = session.exec(select(QuizAttempt.user_id).order_by(col(QuizAttempt.id))).first()
    return ['/help/quiz/results'] + ([f'/help/quiz/results?user={first}'] if first else [])


def seed_demo(ctx) -> None:
    """Two demo staff have sat a quiz: the cashier passed e-LAAS's, the clerk failed e-Office's once."""
    for username, app, right in (('cashier', 'elaas', None), ('clerk', 'eoffice', 6)):
        asked = questions(app)
        given = {q.id: (q.answer if right is None or n < right else q.answer % len(q.choices) + 1)
                 for n, q in enumerate(asked)}
        score = sum(1 for q in asked if given[q.id] == q.answer)
        ctx.session.add(QuizAttempt(org_id=ctx.org.id, user_id=ctx.users[username].id, app=app, score=score,
                                    total=len(asked), passed=score * 100 >= 80 * len(asked),
                                    answers=json.dumps(given, ensure_ascii=False)))
