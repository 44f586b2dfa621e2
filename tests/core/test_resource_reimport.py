"""Update by re-import: every importable register names its natural key; its own export re-imports with no change,
one cell edited in a spreadsheet is one audited update, and a new row beside it is one new record."""

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlmodel import func, select, update

from apps import APPS
from apps.elaas.resources import BUDGET_LINES
from apps.info.resources import VILLAGES
from core import db, resource
from core.resource import REGISTRY, FormField, Resource
from helpers import principal
from models.audit import AuditEvent
from models.finance import Budget
from models.info import Village
from models.org import User
from models.plan import PlanEdition

# the apps' registers (other test modules declare probe registers of their own, on tables of their own)
IMPORTABLE = sorted(ident for ident, r in REGISTRY.items() if r.importable and r.app in {a.key for a in APPS})


def importer(owner: Resource):
    """The first demo user who may see and change the register."""
    with db.session_scope() as session:
        names = session.exec(select(User.username).order_by(User.id)).all()
    return next(p for p in map(principal, names) if p.can(owner.view) and p.can(owner.edit))


def events() -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(AuditEvent)).one()


def open_row(owner: Resource, actor) -> tuple[bytes, int]:
    """The register's export and the spreadsheet row of the first record it lets change now. The demo's ordinance
    and plan editions are approved (read-only): the ordinance becomes a draft, and when no row may change, the
    newest plan edition too (as a new edition would be)."""
    with db.session_scope(write=True) as session:
        session.exec(update(Budget).values(status='draft'))
    for _attempt in range(2):
        content = resource.export_xlsx(owner, actor)
        report = resource.import_xlsx(owner, actor, content)
        with db.session_scope(write=True) as session:
            found = next((row.number for row in report.rows if row.record_id and resource.change_refusal(
                session, owner, session.get(owner.model, row.record_id)) is None), None)
            if found is not None:
                return content, found
            held = getattr(owner.model, 'edition_id', None)  # the newest edition holding this register's rows
            newest = session.exec(select(func.max(held if held is not None else PlanEdition.id))).one()
            session.exec(update(PlanEdition).where(PlanEdition.id == newest).values(status='draft'))
    raise AssertionError(f'{owner.ident}: no row may change')


def heading_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if sum(c.value is not None for c in row) > 1)


def editable_field(owner: Resource) -> FormField:
    """A field the edit form changes that names no record (not in its natural key or a unique set)."""
    naming = set(owner.natural_key) | {n for names in owner.unique for n in names}
    return next(f for kinds in (('text', 'textarea'), ('money', 'int')) for f in owner.form_fields(creating=False)
                if f.kind in kinds and f.name not in naming and not f.max)


def test_every_importable_register_declares_its_natural_key() -> None:
    for ident in IMPORTABLE:
        owner = REGISTRY[ident]
        assert owner.natural_key, ident
        assert set(owner.natural_key) <= {f.name for f in owner.form_fields(creating=True)}, ident


@pytest.mark.parametrize('ident', IMPORTABLE)
def test_a_registers_own_export_reimports_with_no_change(ident: str) -> None:
    owner = REGISTRY[ident]
    actor = importer(owner)
    content = resource.export_xlsx(owner, actor)
    before = events()
    report = resource.import_xlsx(owner, actor, content, commit=True)
    assert report.rows and report.counts == {'new': 0, 'changed': 0, 'unchanged': len(report.rows), 'refused': 0}
    assert report.imported == 0 and events() == before  # nothing written, nothing audited


@pytest.mark.parametrize('ident', IMPORTABLE)
def test_one_cell_edited_in_the_export_is_one_audited_update(ident: str) -> None:
    owner = REGISTRY[ident]
    actor = importer(owner)
    content, number = open_row(owner, actor)
    book = load_workbook(BytesIO(content))
    sheet = book.active
    top = heading_row(sheet)
    f = editable_field(owner)
    column = next(c.column for c in sheet[top] if c.value == f.label)
    cell = sheet.cell(row=number, column=column)
    cell.value = (f'{cell.value or ""} แก้ไข'.strip() if f.kind in ('text', 'textarea')
                  else (cell.value or 0) + 1)
    out = BytesIO()
    book.save(out)
    preview = resource.import_xlsx(owner, actor, out.getvalue())
    assert preview.counts['changed'] == 1 and preview.counts['refused'] == 0 and preview.counts['new'] == 0, \
        [r.errors for r in preview.invalid][:3]
    changed = preview.of('changed')[0]
    assert changed.number == number and list(changed.changes) == [f.name]
    with db.session_scope() as session:
        version = session.get(owner.model, changed.record_id).version
    report = resource.import_xlsx(owner, actor, out.getvalue(), commit=True)
    assert report.imported == 1 and report.counts['unchanged'] == len(report.rows) - 1
    with db.session_scope() as session:
        record = session.get(owner.model, changed.record_id)
        event = session.exec(select(AuditEvent).where(
            AuditEvent.object_type == owner.model.__name__, AuditEvent.object_id == str(record.id)).order_by(
            AuditEvent.id.desc())).first()
    assert record.version == version + 1
    data = json.loads(event.data)
    assert event.action == 'update' and len(data[f.name]) == 2  # [before, after] of the one field
    assert data['imported_row'] == number and data['@version'] == record.version
    assert [k for k in data if not k.startswith('@') and k != 'imported_row'] == [f.name]


def test_a_villages_export_edited_in_a_spreadsheet_reimports_as_updates_and_new_rows() -> None:
    planner = principal('planner')
    book = load_workbook(BytesIO(resource.export_xlsx(VILLAGES, planner)))
    sheet = book.active
    top = heading_row(sheet)
    labels = [c.value for c in sheet[top]]
    population = labels.index('จำนวนประชากร') + 1
    sheet.cell(row=top + 2, column=population).value = 1234  # the yearly population refresh
    sheet.append({1: 11, 2: 'บ้านนาดี', 4: 40, 5: 120})
    out = BytesIO()
    book.save(out)
    report = resource.import_xlsx(VILLAGES, planner, out.getvalue(), commit=True)
    assert report.counts == {'new': 1, 'changed': 1, 'unchanged': 9, 'refused': 0}
    with db.session_scope() as session:
        numbers = session.exec(select(Village.number, Village.population).order_by(Village.number)).all()
    assert len(numbers) == 11 and numbers[1][1] == 1234 and numbers[-1] == (11, 120)
    again = resource.import_xlsx(VILLAGES, planner, out.getvalue(), commit=True)
    assert again.counts['unchanged'] == 11 and again.imported == 0  # the same file twice: nothing doubled


def test_an_edit_to_a_line_of_an_approved_ordinance_is_refused_by_row() -> None:
    planner = principal('planner')
    book = load_workbook(BytesIO(resource.export_xlsx(BUDGET_LINES, planner)))
    sheet = book.active
    top = heading_row(sheet)
    item = [c.value for c in sheet[top]].index('รายการ/โครงการ') + 1
    sheet.cell(row=top + 1, column=item).value = 'รายการที่แก้ในไฟล์'
    out = BytesIO()
    book.save(out)
    report = resource.import_xlsx(BUDGET_LINES, planner, out.getvalue(), commit=True)
    assert report.counts['refused'] == 1 and report.imported == 0
    assert 'ไม่อยู่ในสถานะร่าง' in report.invalid[0].errors[0]


def test_a_row_repeating_a_natural_key_in_the_file_names_the_first_row() -> None:
    planner = principal('planner')
    book = load_workbook(BytesIO(resource.export_xlsx(VILLAGES, planner)))
    sheet = book.active
    top = heading_row(sheet)
    sheet.append([c.value for c in sheet[top + 1]])
    out = BytesIO()
    book.save(out)
    report = resource.import_xlsx(VILLAGES, planner, out.getvalue())
    assert [r.errors for r in report.invalid] == [[f'หมู่ที่: ซ้ำกับแถวที่ {top + 1} ในไฟล์']]
