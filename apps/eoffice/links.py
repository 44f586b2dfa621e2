"""Letters linked to records of any app (a voucher's letters, a letter's references) and the picker that finds
letters to link: the contract other apps use for "หนังสือที่เกี่ยวข้อง"; read-only, the overdue letters (for the
executive board) and a letter's address; for the public site, the announcements marked public and the statistics of
citizens' requests and complaints (counts only: no name, contact or text of a request)."""

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import case, func, or_
from sqlmodel import Session, col, select

from apps.eoffice import routing
from apps.eoffice.eservice import REQUEST_TYPES
from apps.eoffice.registers import (
    REGISTER,
    REGISTERS,
    URGENCY,
    VIEW,
    OfficeError,
    path_of,
    visibility,
    visible_document,
)
from core import audit, db
from core.access import PermissionDenied, Principal, require
from core.errors import NotFound
from core.resource import REGISTRY
from core.thai import local_zone, search_terms
from models.office import CitizenRequest, Document, DocumentLink


def owner_resource(object_type: str, actor: Principal):
    """The register showing records of this model that the user may open (several may share one model)."""
    candidates = [r for r in REGISTRY.values() if r.model.__name__ == object_type and not r.fixed]
    candidates += [r for r in REGISTRY.values() if r.model.__name__ == object_type and r.fixed]
    return next((r for r in candidates if actor.can(r.view)), None)


def _check_object(session: Session, actor: Principal, object_type: str, object_id: int, change: bool) -> None:
    if object_type == 'Document':
        visible_document(session, actor, object_id)
        if change:
            require(actor, REGISTER, where='eoffice/links')
        return
    resource = owner_resource(object_type, actor)
    if resource is None:
        raise PermissionDenied(VIEW, 'ท่านไม่มีสิทธิ์ดูรายการนี้')
    record = session.get(resource.model, object_id)
    if record is None or getattr(record, 'org_id', None) != actor.org_id:
        raise NotFound('ไม่พบรายการนี้')
    require(actor, resource.edit if change else resource.view, where='eoffice/links')


def letters_in(session: Session, actor: Principal, object_type: str, object_id: int) -> list[Document]:
    """The letters linked to a record, limited to the ones the user may see (one query)."""
    if not actor.can(VIEW):
        return []
    return list(session.exec(select(Document).join(DocumentLink, DocumentLink.document_id == Document.id).where(
        DocumentLink.org_id == actor.org_id, DocumentLink.object_type == object_type,
        DocumentLink.object_id == object_id, visibility(actor)).order_by(Document.doc_date, Document.id)).all())


def letters_of(actor: Principal, object_type: str, object_id: int) -> list[Document]:
    """The letters linked to a record, limited to the ones the user may see."""
    with db.session_scope() as session:
        return letters_in(session, actor, object_type, object_id)


def link(actor: Principal, document_id: int, object_type: str, object_id: int) -> None:
    with db.session_scope(write=True) as session:
        visible_document(session, actor, document_id)
        _check_object(session, actor, object_type, object_id, change=True)
        if object_type == 'Document' and object_id == document_id:
            raise OfficeError('หนังสืออ้างถึงตัวเองไม่ได้')
        if session.exec(select(DocumentLink.id).where(
                DocumentLink.document_id == document_id, DocumentLink.object_type == object_type,
                DocumentLink.object_id == object_id)).first() is not None:
            raise OfficeError('หนังสือนี้เชื่อมโยงไว้แล้ว')
        session.add(DocumentLink(org_id=actor.org_id, document_id=document_id, object_type=object_type,
                                 object_id=object_id, created_by=actor.user_id))
        audit.record_by(session, actor, 'link', 'Document', document_id, {'object': f'{object_type}:{object_id}'})


def unlink(actor: Principal, document_id: int, object_type: str, object_id: int) -> None:
    with db.session_scope(write=True) as session:
        visible_document(session, actor, document_id)
        _check_object(session, actor, object_type, object_id, change=True)
        row = session.exec(select(DocumentLink).where(
            DocumentLink.document_id == document_id, DocumentLink.object_type == object_type,
            DocumentLink.object_id == object_id)).first()
        if row is not None:
            session.delete(row)
            audit.record_by(session, actor, 'unlink', 'Document', document_id,
                            {'object': f'{object_type}:{object_id}'})


@dataclass(frozen=True)
class LinkedRecord:
    object_type: str
    object_id: int
    title: str  # the register's title
    label: str
    path: str


def records_in(session: Session, actor: Principal, document_id: int) -> list[LinkedRecord]:
    """The records (of any app) a letter the user may see is linked to, those the user may open: one query for the
    links and one per kind of record linked."""
    rows = [(object_type, object_id) for object_type, object_id in session.exec(
        select(DocumentLink.object_type, DocumentLink.object_id).where(DocumentLink.document_id == document_id)
        .order_by(DocumentLink.id)).all()]
    ids_by_type: dict[str, list[int]] = {}
    for object_type, object_id in rows:
        ids_by_type.setdefault(object_type, []).append(object_id)
    found: dict[tuple[str, int], LinkedRecord] = {}
    for object_type, ids in ids_by_type.items():
        if object_type == 'Document':
            for other in session.exec(select(Document).where(col(Document.id).in_(ids), visibility(actor))).all():
                found[object_type, other.id] = LinkedRecord('Document', other.id, REGISTERS[other.register_key],
                                                            f'{other.number_text} {other.subject}', path_of(other))
            continue
        resource = owner_resource(object_type, actor)
        if resource is None:
            continue
        model = resource.model
        for record in session.exec(select(model).where(col(model.id).in_(ids), model.org_id == actor.org_id)).all():
            found[object_type, record.id] = LinkedRecord(object_type, record.id, resource.title,
                                                         str(getattr(record, resource.label, record.id)),
                                                         f'{resource.path}/{record.id}')
    return [found[key] for key in rows if key in found]


def records_of(actor: Principal, document_id: int) -> list[LinkedRecord]:
    """The other side: records (of any app) the letter is linked to, those the user may open."""
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        return records_in(session, actor, document_id)


def find_documents(actor: Principal, text_: str, limit: int = 15) -> list[Document]:
    """Documents by number or words, for the 'add a letter' picker (only what the user may see)."""
    require(actor, VIEW, where='eoffice')
    terms = search_terms(text_ or '').split()
    if not terms:
        return []
    with db.session_scope() as session:
        query = select(Document).where(Document.org_id == actor.org_id, visibility(actor),
                                       Document.status != 'reserved')
        for term in terms:
            query = query.where(or_(col(Document.search_text).contains(term, autoescape=True),
                                    col(Document.number_text).contains(term, autoescape=True)))
        return list(session.exec(query.order_by(Document.id.desc()).limit(limit)).all())




def overdue(actor: Principal) -> list[Document]:
    """Read-only: the open letters past their due date the user may see, most urgent first (e-Office's own list)."""
    return routing.overdue(actor)


def urgency_titles() -> dict[str, str]:
    return dict(URGENCY)


def document_path(document: Document) -> str:
    return path_of(document)


PUBLIC_REGISTER = 'announcement'
PUBLIC_STATES = ('issued', 'sent', 'done')  # numbered and issued: never a draft, one awaiting signature or cancelled


@dataclass(frozen=True)
class PublicNotice:
    id: int
    number_text: str
    doc_date: object
    subject: str
    body: str
    secrecy: str
    is_public: bool
    status: str
    updated: object


def public_announcements(session: Session, org_id: int, limit: int = 100) -> list[PublicNotice]:
    """Read-only: the LAO's announcements (ประกาศ) marked public, issued and not secret, the newest first."""
    rows = session.exec(select(Document).where(
        Document.org_id == org_id, Document.register_key == PUBLIC_REGISTER, Document.is_public,
        Document.secrecy == 'normal', col(Document.status).in_(PUBLIC_STATES))
        .order_by(Document.doc_date.desc(), Document.id.desc()).limit(limit)).all()
    return [PublicNotice(d.id, d.number_text, d.doc_date, d.subject, d.body, d.secrecy, d.is_public, d.status,
                         d.updated_at or d.created_at) for d in rows]


@dataclass(frozen=True)
class RequestStatistics:
    by_type: tuple[tuple[str, int, int], ...]  # (type title, filed, finished)
    updated: object  # the newest request's day, or None


def request_statistics(session: Session, org_id: int, start, end) -> RequestStatistics:
    """Read-only: the citizens' e-service requests filed from `start` to `end` (dates) per type, and how many are
    finished (answered or their letter done). Counts only."""
    since = datetime.combine(start, time.min, local_zone())
    until = datetime.combine(end, time.max, local_zone())
    finished = case((or_(CitizenRequest.answered_at.is_not(None), Document.status == 'done'), 1), else_=0)
    rows = session.exec(select(CitizenRequest.request_type, func.count(), func.sum(finished), func.max(
        CitizenRequest.created_at)).join(Document, Document.id == CitizenRequest.document_id).where(
        CitizenRequest.org_id == org_id, CitizenRequest.created_at >= since, CitizenRequest.created_at <= until)
        .group_by(CitizenRequest.request_type)).all()
    counts = {kind: (n, int(done or 0), last) for kind, n, done, last in rows}
    latest = [last for _n, _d, last in counts.values() if last is not None]
    return RequestStatistics(tuple((title, counts.get(kind, (0, 0, None))[0], counts.get(kind, (0, 0, None))[1])
                                   for kind, title in REQUEST_TYPES.items()), max(latest) if latest else None)
