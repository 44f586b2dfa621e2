"""One submit, one record: a write that carries a submission key runs once per key.

The key is claimed by inserting it in the same transaction as the work. A second arrival with the same key finds
the first one's result (SQLite: the write transaction serialises them; PostgreSQL: the unique index makes the second
insert wait for the first transaction, then fail) and returns it instead of doing the work again.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core import db
from models.submission import Submission


def _done(session: Session, org_id: int, key: str) -> Submission | None:
    return session.exec(select(Submission).where(Submission.org_id == org_id, Submission.key == key)).first()


def once(actor: Any, key: str | None, action: str, work: Callable[[Session], Any]) -> Any:
    """Run `work(session)` in one write transaction, at most once per (organisation, key); a repeat returns the
    object id the first run returned. Without a key the work simply runs."""
    if not key:
        with db.session_scope(write=True) as session:
            return work(session)
    try:
        with db.session_scope(write=True) as session:
            if (done := _done(session, actor.org_id, key)) is not None:
                return done.object_id
            claim = Submission(org_id=actor.org_id, key=key[:64], user_id=actor.user_id, action=action[:80])
            session.add(claim)
            session.flush()  # PostgreSQL: waits here while another transaction holds the same key
            result = work(session)
            claim.object_id = result if isinstance(result, int) else None
            session.add(claim)
            return result
    except IntegrityError:
        with db.session_scope() as session:
            done = _done(session, actor.org_id, key)
        if done is None:
            raise
        return done.object_id
