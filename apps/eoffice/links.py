"""Letters linked to records of any app (a voucher's letters, a letter's references) and the picker that finds
letters to link: the contract other apps use for "หนังสือที่เกี่ยวข้อง"."""

from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, col, select

from apps.eoffice.registers import REGISTER, REGISTERS, VIEW, OfficeError, path_of, visibility, visible_document
from core import audit, db
from core.access import PermissionDenied, Principal, require
from core.errors import NotFound
from core.resource import REGISTRY
from core.thai import search_terms
from models.office import Document, DocumentLink


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


def letters_of(actor: Principal, object_type: str, object_id: int) -> list[Document]:
    """The letters linked to a record, limited to the ones the user may see."""
    if not actor.can(VIEW):
        return []
    with db.session_scope() as session:
        query = select(Document).join(DocumentLink, DocumentLink.document_id == Document.id).where(
            DocumentLink.org_id == actor.org_id, DocumentLink.object_type == object_type,
            DocumentLink.object_id == object_id, visibility(actor)).order_by(Document.doc_date, Document.id)
        return list(session.exec(query).all())


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


def records_of(actor: Principal, document_id: int) -> list[LinkedRecord]:
    """The other side: records (of any app) the letter is linked to, those the user may open."""
    found = []
    with db.session_scope() as session:
        visible_document(session, actor, document_id)
        rows = session.exec(select(DocumentLink).where(DocumentLink.document_id == document_id)
                            .order_by(DocumentLink.id)).all()
        for row in rows:
            if row.object_type == 'Document':
                other = session.exec(select(Document).where(Document.id == row.object_id, visibility(actor))).first()
                if other is not None:
                    found.append(LinkedRecord('Document', other.id, REGISTERS[other.register_key],
                                              f'{other.number_text} {other.subject}', path_of(other)))
                continue
            resource = owner_resource(row.object_type, actor)
            record = session.get(resource.model, row.object_id) if resource else None
            if record is not None and record.org_id == actor.org_id:
                found.append(LinkedRecord(row.object_type, row.object_id, resource.title,
                                          str(getattr(record, resource.label, row.object_id)),
                                          f'{resource.path}/{row.object_id}'))
    return found


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


