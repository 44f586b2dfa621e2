"""The knowledge library (คลังความรู้, M-P4/M-P6): documents, research, good practices, regulations and downloads,
each in a category (assets/help/library_categories.csv), with tags, Thai search and attached files (the kit's).
Everyone reads; the administrator or a librarian (`help.library.edit`) adds and changes entries. The entries' titles
and summaries are also sources of the assistant (they say what a document is and where it is, never a rule)."""

import csv
from functools import cache
from typing import Any

from sqlmodel import col, select

from core import db
from core.access import Principal
from core.resource import FormField, Resource, Shared
from core.settings import ROOT
from models.help import LibraryEntry

READ = 'help.view'
EDIT = 'help.library.edit'
CATEGORIES_FILE = ROOT / 'assets' / 'help' / 'library_categories.csv'
DEMO_FILE = ROOT / 'assets' / 'help' / 'library_demo.csv'


@cache
def categories() -> dict[str, str]:
    """Category code -> Thai name, from the data file."""
    with CATEGORIES_FILE.open(encoding='utf-8') as stream:
        return {row['code']: row['name'] for row in csv.DictReader(stream)}


def _tags(value: str) -> str:
    """Tags typed with commas, spaces after commas or '|' -> 'a, b, c' (no empty or repeated tag)."""
    seen: list[str] = []
    for tag in (value or '').replace('|', ',').split(','):
        tag = tag.strip()
        if tag and tag not in seen:
            seen.append(tag)
    return ', '.join(seen)


class LibraryRules(Shared):
    """Everyone who reads the library sees every entry; tags are kept in one spelling."""

    def validate(self, actor: Principal, values: dict[str, Any], record) -> dict[str, str]:
        if 'tags' in values and len(_tags(values.get('tags') or '')) > 300:
            return {'tags': 'คำสำคัญยาวเกิน 300 ตัวอักษร'}
        return {}

    def before_write(self, session, actor: Principal, values: dict[str, Any], record) -> dict[str, Any]:
        if 'tags' in values:
            values = {**values, 'tags': _tags(values.get('tags') or '')}
        return values


LIBRARY = Resource(
    app='help', key='library', model=LibraryEntry, title='เอกสารในคลังความรู้', title_plural='คลังความรู้',
    fields=[
        FormField('title', 'ชื่อเรื่อง', required=True, max_length=300),
        FormField('category', 'หมวดหมู่', 'select', required=True, choices=lambda actor: categories()),
        FormField('summary', 'สาระสำคัญโดยย่อ', 'textarea', max_length=2000),
        FormField('tags', 'คำสำคัญ', max_length=300, help='คั่นแต่ละคำด้วยเครื่องหมายจุลภาค เช่น ฎีกา, เบิกจ่าย'),
        FormField('issuer', 'หน่วยงานที่ออก/ผู้จัดทำ', max_length=200),
        FormField('year', 'ปี พ.ศ.', 'int', min=2475, max=2700, thousands=False),
        FormField('reference', 'แหล่งที่มา', max_length=300, help='เช่น ราชกิจจานุเบกษา หรือที่อยู่เว็บไซต์'),
    ],
    columns=['title', 'category', 'issuer', 'year', 'tags'],
    search=['title', 'summary', 'tags', 'issuer'], thai_search=True, filters=['category'],
    sort='id', sort_descending=True, unique=[('title',)], natural_key=('title',),
    view=READ, edit=EDIT, delete=EDIT, rules=LibraryRules(), attachments=True, label='title',
    help='ระเบียบ กฎหมาย เอกสารวิชาการ งานวิจัย แนวปฏิบัติที่ดี และแบบฟอร์ม ค้นหาได้ด้วยคำภาษาไทย',
)


def sources(org_id: int) -> tuple:
    """The library's entries as sources of the assistant: the title, the summary and the tags (what the document
    is about), linked to the entry's page. The key carries the version, so an edited entry renews the index."""
    from apps.help.assistant import Source
    with db.session_scope() as session:
        rows = session.exec(select(LibraryEntry).where(LibraryEntry.org_id == org_id)
                            .order_by(col(LibraryEntry.id))).all()
    names = categories()
    return tuple(Source(f'library:{e.id}:{e.version}', 'library', 'help', e.title,
                        e.summary or names.get(e.category, ''), f'/help/library/{e.id}',
                        ' '.join(x for x in (names.get(e.category, ''), e.issuer,
                                             f'พ.ศ. {e.year}' if e.year else '') if x),
                        e.tags.replace(',', ' '))
                 for e in rows)


def seed_demo(ctx) -> None:
    """The demo LAO's library: titles and metadata of real regulations (no copied text) and two local entries."""
    with DEMO_FILE.open(encoding='utf-8') as stream:
        for row in csv.DictReader(stream):
            ctx.session.add(LibraryEntry(
                org_id=ctx.org.id, title=row['title'], category=row['category'], summary=row['summary'],
                tags=_tags(row['tags']), issuer=row['issuer'], year=int(row['year']) if row['year'] else None,
                reference=row['reference'], created_by=ctx.users['admin'].id))
