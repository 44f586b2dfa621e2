"""Help: the web board (กระดานถาม-ตอบ) and the feedback survey (แบบสอบถามความพึงพอใจ)."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from models.base import OrgScoped, Tracked, utcnow


class BoardQuestion(OrgScoped, table=True):
    """A question one member of staff asks the others; one of its answers may be accepted (คำตอบที่ยอมรับ)."""

    __tablename__ = 'board_question'

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    body: str = Field(default='', max_length=4000)
    app: str = Field(default='general', max_length=20)
    author_id: int = Field(foreign_key='app_user.id', index=True)
    author_name: str = Field(default='', max_length=200)
    accepted_answer_id: int | None = Field(default=None)
    hidden: bool = False  # moderation (ซ่อน): kept, shown to nobody but moderators
    hidden_reason: str = Field(default='', max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class BoardAnswer(OrgScoped, table=True):
    __tablename__ = 'board_answer'

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key='board_question.id', index=True)
    body: str = Field(max_length=4000)
    author_id: int = Field(foreign_key='app_user.id')
    author_name: str = Field(default='', max_length=200)
    hidden: bool = False
    hidden_reason: str = Field(default='', max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class SurveyResponse(OrgScoped, table=True):
    """One user's answer to one system's survey in one quarter of the fiscal year (at most one: the unique key)."""

    __tablename__ = 'survey_response'
    __table_args__ = (UniqueConstraint('org_id', 'user_id', 'app', 'quarter', name='uq_survey_response'),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id')
    app: str = Field(max_length=20)
    quarter: str = Field(max_length=8)  # fiscal year and quarter, e.g. '2569-Q2'
    score: int | None = None  # 1–5; None: the user declined (ไม่ตอบ), which also counts for the quarter
    comment: str = Field(default='', max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)


class LibraryEntry(OrgScoped, Tracked, table=True):
    """One entry of the knowledge library (คลังความรู้): a document, research, a good practice, a regulation or a
    download, by its category (assets/help/library_categories.csv), with tags and files attached by the kit."""

    __tablename__ = 'library_entry'

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)
    category: str = Field(max_length=20)
    summary: str = Field(default='', max_length=2000)
    tags: str = Field(default='', max_length=300)  # comma-separated
    issuer: str = Field(default='', max_length=200)  # who issued or wrote it (หน่วยงานที่ออก / ผู้จัดทำ)
    year: int | None = None  # Buddhist-era year it was issued
    reference: str = Field(default='', max_length=300)  # where the original is (ราชกิจจานุเบกษา, a web address)


class QuizAttempt(OrgScoped, table=True):
    """One sitting of one system's skills quiz (แบบทดสอบความรู้ก่อนปฏิบัติงาน), scored on the server."""

    __tablename__ = 'quiz_attempt'

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='app_user.id', index=True)
    app: str = Field(max_length=20)
    score: int = 0  # right answers
    total: int = 0  # questions asked
    passed: bool = False
    answers: str = Field(default='{}', max_length=8000)  # JSON: question id -> the choice given
    created_at: datetime = Field(default_factory=utcnow)
