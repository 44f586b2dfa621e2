"""Autosave: a form's raw values are saved as the user types and restored when the form is opened again.

Drafts live in the database (one per user and form), so they survive a browser close, a network drop and a
server restart; saving the record clears its draft.
"""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import select

from core import db
from core.access import Principal
from models.base import utcnow
from models.drafts import FormDraft


def save(actor: Principal, form_key: str, values: dict[str, Any]) -> None:
    data = json.dumps(values, ensure_ascii=False, default=str)
    with db.session_scope(write=True) as session:
        draft = session.exec(select(FormDraft).where(FormDraft.user_id == actor.user_id,
                                                     FormDraft.form_key == form_key)).first()
        if draft is None:
            draft = FormDraft(org_id=actor.org_id, user_id=actor.user_id, form_key=form_key)
        draft.data, draft.updated_at = data, utcnow()
        session.add(draft)


def load(actor: Principal, form_key: str) -> tuple[dict[str, Any], datetime] | None:
    with db.session_scope() as session:
        draft = session.exec(select(FormDraft).where(FormDraft.user_id == actor.user_id,
                                                     FormDraft.form_key == form_key)).first()
    return (json.loads(draft.data), draft.updated_at) if draft else None


def discard(actor: Principal, form_key: str) -> None:
    with db.session_scope(write=True) as session:
        session.exec(delete(FormDraft).where(FormDraft.user_id == actor.user_id, FormDraft.form_key == form_key))


def mine(actor: Principal) -> list[FormDraft]:
    """The user's unsaved drafts (the home page lists them so nothing typed is forgotten)."""
    with db.session_scope() as session:
        return list(session.exec(select(FormDraft).where(FormDraft.user_id == actor.user_id)
                                 .order_by(FormDraft.updated_at.desc())).all())
