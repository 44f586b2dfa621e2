"""The feedback survey (M-R18): one short survey per system — satisfaction 1–5 and one open question — offered to a
user at most once a quarter of the fiscal year per system; answering or declining both count for the quarter."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from core import db
from core.access import Principal, require
from core.errors import ValidationFailed
from core.thai import fiscal_year, today
from models.help import SurveyResponse

ANSWER = 'help.view'
READ = 'help.survey.read'
APPS = {'eplan': 'แผนพัฒนาท้องถิ่น', 'elaas': 'บัญชีและงบประมาณ', 'egp': 'จัดซื้อจัดจ้าง',
        'eoffice': 'สารบรรณอิเล็กทรอนิกส์', 'hr': 'บริหารงานบุคคล', 'info': 'ข้อมูลพื้นฐานและผู้บริหาร',
        'help': 'คู่มือและผู้ช่วย', 'admin': 'ผู้ดูแลระบบ'}
QUESTION = 'ท่านอยากให้ระบบนี้ปรับปรุงเรื่องใด'


def quarter(day: date) -> str:
    """'2569-Q1' for 1 Oct 2568 – 31 Dec 2568: fiscal quarters (Q1 ต.ค.–ธ.ค. … Q4 ก.ค.–ก.ย.)."""
    return f'{fiscal_year(day)}-Q{(day.month - 10) % 12 // 3 + 1}'


def due(actor: Principal, app: str, day: date | None = None) -> bool:
    """Whether to offer this system's survey to the user now: not yet answered or declined this quarter."""
    if app not in APPS or not actor.can(ANSWER):
        return False
    with db.session_scope() as session:
        return session.exec(select(SurveyResponse.id).where(
            SurveyResponse.org_id == actor.org_id, SurveyResponse.user_id == actor.user_id,
            SurveyResponse.app == app, SurveyResponse.quarter == quarter(day or today()))).first() is None


def offered(actor: Principal) -> list[tuple[str, str]]:
    """The systems of the user's menu whose survey is due this quarter: (app key, Thai title)."""
    from core.menu import menu_for
    used = {spec.key for spec, _ in menu_for(actor)}
    return [(app, title) for app, title in APPS.items() if app in used and due(actor, app)]


def respond(actor: Principal, app: str, score: int | None, comment: str = '', day: date | None = None) -> bool:
    """Record the answer (score None: declined). False when this quarter's answer is already on file."""
    require(actor, ANSWER)
    errors = {}
    if app not in APPS:
        errors['app'] = 'ไม่พบระบบที่ประเมิน'
    if score is not None and (not isinstance(score, int) or not 1 <= score <= 5):
        errors['score'] = 'ความพึงพอใจต้องเป็น 1 ถึง 5'
    comment = (comment or '').strip()
    if len(comment) > 1000:
        errors['comment'] = 'ข้อเสนอแนะยาวเกิน 1,000 ตัวอักษร'
    if errors:
        raise ValidationFailed(errors)
    try:
        with db.session_scope(write=True) as session:
            session.add(SurveyResponse(org_id=actor.org_id, user_id=actor.user_id, app=app,
                                       quarter=quarter(day or today()), score=score, comment=comment))
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class Summary:
    app: str
    title: str
    quarter: str
    answers: int
    declined: int
    average: float | None
    by_score: dict[int, int]
    comments: list[str]


def summary(actor: Principal, period: str | None = None) -> list[Summary]:
    """For the administrator: per system, this quarter's (or `period`'s) answers, average, spread and comments."""
    require(actor, READ)
    period = period or quarter(today())
    with db.session_scope() as session:
        rows = session.exec(select(SurveyResponse.app, SurveyResponse.score, func.count(SurveyResponse.id))
                            .where(SurveyResponse.org_id == actor.org_id, SurveyResponse.quarter == period)
                            .group_by(SurveyResponse.app, SurveyResponse.score)).all()
        comments = session.exec(select(SurveyResponse.app, SurveyResponse.comment).where(
            SurveyResponse.org_id == actor.org_id, SurveyResponse.quarter == period, SurveyResponse.comment != '')
            .order_by(SurveyResponse.id.desc())).all()
    out = []
    for app, title in APPS.items():
        by_score = {s: n for a, s, n in rows if a == app and s is not None}
        declined = sum(n for a, s, n in rows if a == app and s is None)
        answers = sum(by_score.values())
        average = sum(s * n for s, n in by_score.items()) / answers if answers else None
        out.append(Summary(app, title, period, answers, declined, average,
                           {s: by_score.get(s, 0) for s in range(1, 6)}, [c for a, c in comments if a == app][:50]))
    return out
