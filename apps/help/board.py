"""The web board (กระดานถาม-ตอบ, M-P5): staff ask, others answer, the asker (or a moderator) accepts one answer,
a moderator hides what should not be shown. Accepted answers join the assistant's sources."""

from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import col, select

from apps.help import assistant
from core import audit, db, submissions
from core.access import Principal, require
from core.errors import NotFound, ValidationFailed
from core.menu import PendingWork
from core.thai import thai_words
from models.help import BoardAnswer, BoardQuestion

READ = 'help.view'
POST = 'help.board.post'
MODERATE = 'help.board.moderate'
TITLE_MAX, BODY_MAX = 200, 4000


@dataclass(frozen=True)
class QuestionRow:
    id: int
    title: str
    author_name: str
    created_at: object
    answers: int
    accepted: bool
    hidden: bool


def _text(errors: dict, field: str, label: str, value: str, limit: int, required: bool = True) -> str:
    value = (value or '').strip()
    if required and not value:
        errors[field] = f'กรุณากรอก{label}'
    elif len(value) > limit:
        errors[field] = f'{label}ยาวเกิน {limit:,} ตัวอักษร'
    elif any(ord(c) < 32 and c not in '\n\t' for c in value):
        errors[field] = f'{label}มีอักขระที่ใช้ไม่ได้'
    return value


def _visible(actor: Principal, model):
    """Hidden rows are shown to moderators only."""
    return True if actor.can(MODERATE) else model.hidden == False  # noqa: E712 - SQL


def questions(actor: Principal, text: str = '', limit: int = 50, mine: bool = False) -> list[QuestionRow]:
    """The board, newest first; `text` keeps those whose title, body or an answer holds every word typed; `mine`
    the user's own questions."""
    require(actor, READ)
    with db.session_scope() as session:
        count = (select(func.count(BoardAnswer.id)).where(BoardAnswer.question_id == BoardQuestion.id,
                                                          _visible(actor, BoardAnswer)).scalar_subquery())
        statement = (select(BoardQuestion, count).where(BoardQuestion.org_id == actor.org_id,
                                                        _visible(actor, BoardQuestion)))
        if mine:
            statement = statement.where(BoardQuestion.author_id == actor.user_id)
        for word in thai_words((text or '')[:200]):
            if not word.strip():
                continue
            pattern = f'%{word.strip()}%'
            in_answer = select(BoardAnswer.id).where(BoardAnswer.question_id == BoardQuestion.id,
                                                     col(BoardAnswer.body).like(pattern), _visible(actor, BoardAnswer))
            statement = statement.where(or_(col(BoardQuestion.title).like(pattern),
                                            col(BoardQuestion.body).like(pattern), in_answer.exists()))
        rows = session.exec(statement.order_by(col(BoardQuestion.id).desc()).limit(limit)).all()
        return [QuestionRow(q.id, q.title, q.author_name, q.created_at, n, q.accepted_answer_id is not None, q.hidden)
                for q, n in rows]


def _question(session, actor: Principal, question_id: int, lock: bool = False) -> BoardQuestion:
    statement = select(BoardQuestion).where(BoardQuestion.id == question_id, BoardQuestion.org_id == actor.org_id)
    found = session.exec(statement.with_for_update() if lock else statement).first()
    if found is None or (found.hidden and not actor.can(MODERATE)):
        raise NotFound('ไม่พบคำถามนี้')
    return found


def thread(actor: Principal, question_id: int) -> tuple[BoardQuestion, list[BoardAnswer]]:
    require(actor, READ)
    with db.session_scope() as session:
        question = _question(session, actor, question_id)
        answers = session.exec(select(BoardAnswer).where(BoardAnswer.question_id == question_id,
                                                         _visible(actor, BoardAnswer))
                               .order_by(col(BoardAnswer.id))).all()
        session.expunge_all()
        return question, list(answers)


def ask(actor: Principal, title: str, body: str = '', app: str = 'general', key: str | None = None) -> int:
    require(actor, POST)
    errors: dict[str, str] = {}
    title = _text(errors, 'title', 'หัวข้อคำถาม', title, TITLE_MAX)
    body = _text(errors, 'body', 'รายละเอียด', body, BODY_MAX, required=False)
    if errors:
        raise ValidationFailed(errors)

    def work(session) -> int:
        question = BoardQuestion(org_id=actor.org_id, title=title, body=body, app=(app or 'general')[:20],
                                 author_id=actor.user_id, author_name=actor.full_name)
        session.add(question)
        session.flush()
        audit.record(session, 'help.board.ask', org_id=actor.org_id, actor_id=actor.user_id,
                     actor_name=actor.full_name, object_type='board_question', object_id=question.id)
        return question.id
    return submissions.once(actor, key, 'help.board.ask', work)


def reply(actor: Principal, question_id: int, body: str, key: str | None = None) -> int:
    require(actor, POST)
    errors: dict[str, str] = {}
    body = _text(errors, 'answer', 'คำตอบ', body, BODY_MAX)
    if errors:
        raise ValidationFailed(errors)

    def work(session) -> int:
        _question(session, actor, question_id, lock=True)
        answer = BoardAnswer(org_id=actor.org_id, question_id=question_id, body=body, author_id=actor.user_id,
                             author_name=actor.full_name)
        session.add(answer)
        session.flush()
        audit.record(session, 'help.board.answer', org_id=actor.org_id, actor_id=actor.user_id,
                     actor_name=actor.full_name, object_type='board_answer', object_id=answer.id)
        return answer.id
    return submissions.once(actor, key, 'help.board.answer', work)


def accept(actor: Principal, question_id: int, answer_id: int) -> None:
    """The asker (or a moderator) marks the answer that solved it; it then answers the assistant's questions."""
    require(actor, READ)
    with db.session_scope(write=True) as session:
        question = _question(session, actor, question_id, lock=True)
        if question.author_id != actor.user_id:
            require(actor, MODERATE)
        answer = session.get(BoardAnswer, answer_id)
        if answer is None or answer.question_id != question.id or answer.hidden:
            raise NotFound('ไม่พบคำตอบนี้')
        if question.accepted_answer_id != answer_id:
            question.accepted_answer_id = answer_id
            question.version += 1
            session.add(question)
            audit.record(session, 'help.board.accept', org_id=actor.org_id, actor_id=actor.user_id,
                         actor_name=actor.full_name, object_type='board_question', object_id=question.id,
                         data={'answer': answer_id})
    assistant.invalidate()


def hide(actor: Principal, kind: str, row_id: int, reason: str) -> None:
    """Moderation: a question or an answer is hidden (kept, with the reason, for the audit)."""
    require(actor, MODERATE)
    errors: dict[str, str] = {}
    reason = _text(errors, 'reason', 'เหตุผลที่ซ่อน', reason, 300)
    if errors:
        raise ValidationFailed(errors)
    model = {'question': BoardQuestion, 'answer': BoardAnswer}.get(kind)
    if model is None:
        raise NotFound('ไม่พบรายการนี้')
    with db.session_scope(write=True) as session:
        row = session.get(model, row_id)
        if row is None or row.org_id != actor.org_id:
            raise NotFound('ไม่พบรายการนี้')
        row.hidden, row.hidden_reason, row.version = True, reason, row.version + 1
        session.add(row)
        if kind == 'answer':
            question = session.get(BoardQuestion, row.question_id)
            if question.accepted_answer_id == row.id:
                question.accepted_answer_id = None
                session.add(question)
        audit.record(session, f'help.board.hide_{kind}', org_id=actor.org_id, actor_id=actor.user_id,
                     actor_name=actor.full_name, object_type=model.__tablename__, object_id=row_id,
                     data={'reason': reason})
    assistant.invalidate()


def accepted_sources(org_id: int) -> tuple[assistant.Source, ...]:
    """The board's accepted answers as the assistant's sources: the question as title, the answer as text."""
    with db.session_scope() as session:
        rows = session.exec(select(BoardQuestion, BoardAnswer)
                            .join(BoardAnswer, BoardAnswer.id == BoardQuestion.accepted_answer_id)
                            .where(BoardQuestion.org_id == org_id, BoardQuestion.hidden == False,  # noqa: E712
                                   BoardAnswer.hidden == False)  # noqa: E712
                            .order_by(col(BoardQuestion.id))).all()
        return tuple(assistant.Source(f'board:{q.id}', 'board', q.app, q.title, a.body, f'/help/board/{q.id}',
                                      f'กระดานถาม-ตอบ: ตอบโดย {a.author_name}', q.body) for q, a in rows)


def ask_assistant(actor: Principal, question: str) -> assistant.Answer:
    """The assistant's answer for this user's organisation (its board's accepted answers and its library's entries
    included)."""
    from apps.help import library
    require(actor, READ)
    return assistant.answer(question, accepted_sources(actor.org_id) + library.sources(actor.org_id))


def pending(actor: Principal) -> list[PendingWork]:
    """The home page: the user's own questions that have answers and none accepted yet."""
    if not actor.can(READ):
        return []
    with db.session_scope() as session:
        answered = select(BoardAnswer.id).where(BoardAnswer.question_id == BoardQuestion.id,
                                                BoardAnswer.hidden == False)  # noqa: E712
        count = session.exec(select(func.count(BoardQuestion.id)).where(
            BoardQuestion.org_id == actor.org_id, BoardQuestion.author_id == actor.user_id,
            BoardQuestion.hidden == False, col(BoardQuestion.accepted_answer_id).is_(None),  # noqa: E712
            answered.exists())).one()
    return [PendingWork('คำถามของท่านบนกระดานถาม-ตอบมีคำตอบแล้ว', count, '/help/board?mine=1')]


def sample_addresses() -> list[str]:
    """For the page smoke test: the demo board's questions."""
    with db.session_scope() as session:
        return [f'/help/board/{i}' for i in session.exec(select(BoardQuestion.id).order_by(
            col(BoardQuestion.id)).limit(2)).all()]


def seed_demo(ctx) -> None:
    """The demo LAO's board: one question answered and accepted, one waiting for its asker to accept."""
    users = ctx.users
    first = BoardQuestion(org_id=ctx.org.id, title='ฎีกาค่าน้ำประปาต้องแนบเอกสารอะไรบ้าง', app='elaas',
                          body='เพิ่งย้ายมาทำงานการเงิน ไม่แน่ใจว่าฎีกาค่าน้ำประปาต้องมีเอกสารประกอบอะไร',
                          author_id=users['cashier'].id, author_name=users['cashier'].full_name)
    second = BoardQuestion(org_id=ctx.org.id, title='หนังสือเวียนจากอำเภอ ต้องเสนอนายกทุกฉบับไหม', app='eoffice',
                           author_id=users['clerk'].id, author_name=users['clerk'].full_name)
    ctx.session.add_all([first, second])
    ctx.session.flush()
    answer = BoardAnswer(org_id=ctx.org.id, question_id=first.id,
                         body='แนบใบแจ้งหนี้ค่าน้ำประปาของเดือนนั้น และกรอกเลขที่ใบแจ้งหนี้ในเอกสารประกอบฎีกา '
                              'บรรทัดละรายการ ถ้าจ่ายหลายเดือนรวมกันให้แนบครบทุกเดือน',
                         author_id=users['accountant'].id, author_name=users['accountant'].full_name)
    ctx.session.add_all([answer, BoardAnswer(
        org_id=ctx.org.id, question_id=second.id, body='เสนอปลัดก่อน ปลัดพิจารณาว่าเรื่องใดต้องเสนอนายก',
        author_id=users['head_palad'].id, author_name=users['head_palad'].full_name)])
    ctx.session.flush()
    first.accepted_answer_id = answer.id
    ctx.session.add(first)
