"""Attachments on disk under the data dir, within the LAO's size and type rules, served only after a
permission check on the record they belong to (no guessable public URLs)."""

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from core import audit, db
from core.access import Principal
from core.errors import Refusal
from core.settings import get_settings, private_file
from models.base import utcnow
from models.files import Attachment
from models.org import Organization

# What the first bytes of each allowed type look like; the extension alone is not trusted.
SIGNATURES = {
    'pdf': ([b'%PDF-'], 'application/pdf'),
    'png': ([b'\x89PNG\r\n\x1a\n'], 'image/png'),
    'jpg': ([b'\xff\xd8\xff'], 'image/jpeg'),
    'jpeg': ([b'\xff\xd8\xff'], 'image/jpeg'),
    'gif': ([b'GIF87a', b'GIF89a'], 'image/gif'),
    'docx': ([b'PK\x03\x04'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    'xlsx': ([b'PK\x03\x04'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    'doc': ([b'\xd0\xcf\x11\xe0'], 'application/msword'),
    'xls': ([b'\xd0\xcf\x11\xe0'], 'application/vnd.ms-excel'),
    'txt': ([b''], 'text/plain'),
    'svg': ([b'<'], 'image/svg+xml'),  # only where a caller allows it (the LAO's ครุฑ)
}


class FileRefused(Refusal):
    """A Thai message naming what is wrong with the file."""


@dataclass(frozen=True)
class Rules:
    max_bytes: int
    types: tuple[str, ...]


def rules_for(org_id: int) -> Rules:
    with db.session_scope() as session:
        org = session.get(Organization, org_id)
    return Rules(org.attachment_max_mb * 1024 * 1024, tuple(t for t in org.attachment_types.split(',') if t))


def check(filename: str, content: bytes, rules: Rules) -> str:
    """Return the content type, or raise FileRefused with the reason in Thai."""
    extension = Path(filename).suffix.lower().lstrip('.')
    if extension not in rules.types:
        raise FileRefused(f'ไฟล์ {filename}: ชนิด .{extension or "?"} ไม่อนุญาต (อนุญาต: {", ".join(rules.types)})')
    if len(content) > rules.max_bytes:
        raise FileRefused(f'ไฟล์ {filename}: ขนาด {len(content) / 1048576:.1f} MB เกินกำหนด '
                          f'{rules.max_bytes // 1048576} MB')
    if not content:
        raise FileRefused(f'ไฟล์ {filename}: ไม่มีข้อมูล')
    signatures, content_type = SIGNATURES.get(extension, ([], 'application/octet-stream'))
    if signatures and not any(content.startswith(s) for s in signatures):
        raise FileRefused(f'ไฟล์ {filename}: เนื้อไฟล์ไม่ใช่ .{extension} ตามนามสกุล')
    return content_type


def save(actor: Principal, object_type: str, object_id: int, filename: str, content: bytes,
         rules: Rules | None = None) -> Attachment:
    """Check (against the LAO's rules, or the caller's own `rules` for a file of one purpose), store on disk,
    record; the caller has already checked the right to change the owning record."""
    name = Path(filename).name[:255] or 'file'
    content_type = check(name, content, rules or rules_for(actor.org_id))
    relative = Path(str(actor.org_id)) / str(utcnow().year) / uuid.uuid4().hex
    target = get_settings().files_dir / relative
    private_file(target, content)  # owner-only, written whole and flushed before the row that points to it
    with db.session_scope(write=True) as session:
        attachment = Attachment(org_id=actor.org_id, object_type=object_type, object_id=object_id, filename=name,
                                content_type=content_type, size=len(content),
                                sha256=hashlib.sha256(content).hexdigest(), stored_as=str(relative),
                                uploaded_by=actor.user_id)
        session.add(attachment)
        session.flush()
        audit.record_by(session, actor, 'attach', object_type, object_id,
                        {'file': name, 'size': len(content), 'attachment_id': attachment.id})
    return attachment


def attachments_of(org_id: int, object_type: str, object_id: int) -> list[Attachment]:
    with db.session_scope() as session:
        return list(session.exec(select(Attachment).where(
            Attachment.org_id == org_id, Attachment.object_type == object_type,
            Attachment.object_id == object_id).order_by(Attachment.id)).all())


def get(org_id: int, attachment_id: int) -> Attachment | None:
    with db.session_scope() as session:
        attachment = session.get(Attachment, attachment_id)
    return attachment if attachment is not None and attachment.org_id == org_id else None


def read(attachment: Attachment) -> bytes:
    return (get_settings().files_dir / attachment.stored_as).read_bytes()
