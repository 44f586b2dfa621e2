"""The low-code kit: one `Resource` declaration gives a register its rules (this module) and its pages
(core/resource_ui.py): list with paging, sorting, search and filters; form with Thai validation and autosave;
detail page with audit history and links; Excel export and import.

A declaration names fields by the model's attribute names. Values from forms and spreadsheets arrive as text
and are cleaned here, so both paths share one set of rules and one set of Thai error messages.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any, Literal

import pandas as pd
from sqlalchemy import BigInteger, Integer, SmallInteger, func, or_
from sqlmodel import Session, SQLModel, col, select

from core import audit, db
from core.access import Principal, deny, require, scope_filter
from core.errors import Refusal
from core.numbering import Series, next_number
from core.thai import (
    clean_citizen_id,
    format_date,
    format_money,
    parse_be_date,
    parse_money,
    search_terms,
    to_arabic_digits,
)
from core.workflow import Workflow
from models.audit import AuditEvent
from models.base import utcnow
from models.types import CENT, MoneyError, to_money

Kind = Literal['text', 'textarea', 'int', 'money', 'date', 'select', 'ref', 'citizen_id', 'bool', 'password']
Choices = dict[Any, str] | Callable[[Principal], dict[Any, str]]


@dataclass(frozen=True)
class Ref:
    """A link to a row of another table, chosen from a searchable list."""

    model: type[SQLModel]
    label: str = 'name'  # attribute shown
    active_only: bool = True


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: Kind = 'text'
    required: bool = False
    choices: Choices | None = None  # for 'select'
    ref: Ref | None = None  # for 'ref'
    min: int | Decimal | None = None
    max: int | Decimal | None = None
    max_length: int | None = None
    help: str = ''
    default: Any = None  # a value, or a function of the user (e.g. the plan edition now being drafted)
    on_create_only: bool = False  # asked when creating (e.g. an initial password), never stored by the kit
    readonly_on_edit: bool = False  # set once at creation (e.g. a username)
    display_only: bool = False  # set by the service (e.g. an approval date): shown, filtered, exported, never asked
    thousands: bool = True  # group an int's digits (1,234); off for years (2569)


@dataclass(frozen=True)
class Link:
    """Records of another Resource that point at this one (shown on the detail page)."""

    resource: str  # key of the other Resource ('app/key')
    field: str  # the other model's attribute holding this record's id


REGISTRY: dict[str, 'Resource'] = {}


@dataclass
class Resource:
    app: str
    key: str
    model: type[SQLModel]
    title: str  # one record, e.g. 'หมู่บ้าน'
    title_plural: str  # the register, e.g. 'ทะเบียนหมู่บ้าน'
    fields: Sequence[FormField]
    columns: Sequence[str]
    view: str  # permission to see
    edit: str  # permission to add and change
    delete: str | None = None  # permission to delete (None: deleting is not offered)
    search: Sequence[str] = ()
    filters: Sequence[str] = ()
    sort: str = 'id'
    sort_descending: bool = False  # the list opens newest first
    unique: Sequence[tuple[str, ...]] = ()
    label: str = 'name'  # attribute naming a record
    links: Sequence[Link] = ()
    help: str = ''
    pdf: bool = False  # offer a PDF of the list
    fixed: dict[str, Any] = field(default_factory=dict)  # values set on create, not in the form
    record_scope: bool = True  # False for organisation-wide reference data (villages, divisions): no own/division
    attachments: bool = False  # files attached to each record (size and type rules from the LAO's settings)
    workflow: Workflow | None = None  # states and approval transitions, kept in the model's `status`
    editable_states: tuple[str, ...] = ()  # with a workflow: the states in which the form may change the record
    numbering: Series | None = None  # running number given when a record is created
    number_field: str = 'number_text'  # the model attribute receiving the formatted number
    number_date: str | None = None  # the date field deciding the number's year (default: today)
    print_form: Callable[[SQLModel, Principal], bytes] | None = None  # the record's official print-out (PDF)
    create_with: Callable[[Principal, dict[str, Any]], int] | None = None  # an app service that creates the record
    importable: bool = True  # offer Excel import
    detail_sections: Sequence[Callable[..., Any]] = ()  # extra cards on the detail page: fn(viewer, record)
    check: Callable[[Principal, dict[str, Any]], dict[str, str]] | None = None  # rules across fields -> errors
    locked: Callable[[Session, SQLModel], str | None] | None = None  # why a record may not change now (e.g. its
    #   plan edition is approved), or None; checked on create, update, delete and attach
    default_filters: Callable[[Principal], dict[str, Any]] | None = None  # the list's filters when it opens
    # Rows the user may see, as a SQL condition (replaces the role scope; e.g. routed-to or cleared users only).
    visibility: Callable[[Principal], Any] | None = None
    thai_search: bool = False  # split the search text into Thai words (pythainlp) instead of at spaces
    audit_reads: Callable[[Any], bool] | None = None  # records whose every view, print and download is audited
    date_filter: str | None = None  # a date field the list filters by range (from / to)
    before_save: Callable[[SQLModel], None] | None = None  # derive stored columns (e.g. a search index) on save
    # An app rule run inside the write transaction of create, update and import: (session, actor, clean values,
    # record or None when creating) -> the values to store (may add derived fields); raises ValidationFailed.
    save_check: Callable[[Session, Principal, dict[str, Any], SQLModel | None], dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        REGISTRY[self.ident] = self  # declaring a register makes it known to links and attachments

    @property
    def path(self) -> str:
        return f'/{self.app}/{self.key}'

    @property
    def ident(self) -> str:
        return f'{self.app}/{self.key}'

    def field(self, name: str) -> FormField:
        return next(f for f in self.fields if f.name == name)

    @property
    def stored_fields(self) -> list[FormField]:
        """The fields kept on the record (shown on detail pages, exported, audited)."""
        return [f for f in self.fields if not f.on_create_only]

    def form_fields(self, creating: bool) -> list[FormField]:
        """The fields of the create form, or of the edit form."""
        if creating:
            return [f for f in self.fields if not f.display_only]
        return [f for f in self.fields if not (f.on_create_only or f.readonly_on_edit or f.display_only)]

    def column_fields(self) -> list[FormField]:
        return [self.field(n) for n in self.columns]


class ValidationFailed(Refusal):
    """Field name -> Thai message; the form shows each next to its field and keeps every value typed."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__('', errors)


def choices_of(f: FormField, actor: Principal) -> dict[Any, str]:
    if f.kind == 'ref':
        with db.session_scope() as session:
            query = select(f.ref.model).where(f.ref.model.org_id == actor.org_id)
            if f.ref.active_only and hasattr(f.ref.model, 'is_active'):
                query = query.where(f.ref.model.is_active)
            if hasattr(f.ref.model, 'sort_order'):
                query = query.order_by(f.ref.model.sort_order)
            return {row.id: getattr(row, f.ref.label) for row in session.exec(query).all()}
    if callable(f.choices):
        return f.choices(actor)
    return dict(f.choices or {})


def choices_for(resource: Resource, actor: Principal, fields: Sequence[FormField] | None = None) -> dict[str, dict]:
    """The options of every select and reference field (field name -> {value: label})."""
    return {f.name: choices_of(f, actor) for f in (resource.fields if fields is None else fields)
            if f.kind in ('select', 'ref')}


def _max_length(resource: Resource, f: FormField) -> int | None:
    if f.max_length:
        return f.max_length
    column = resource.model.__table__.columns.get(f.name)
    return getattr(column.type, 'length', None) if column is not None else None


def _int_bounds(resource: Resource, f: FormField) -> tuple[int, int]:
    """The integers the field's column holds on both databases (PostgreSQL's INTEGER is 32-bit)."""
    column = resource.model.__table__.columns.get(f.name)
    kind = column.type if column is not None else None
    bits = 16 if isinstance(kind, SmallInteger) else 32 if isinstance(kind, Integer) and not isinstance(
        kind, BigInteger) else 64
    return -2 ** (bits - 1), 2 ** (bits - 1) - 1


def _is_blank(raw: Any) -> bool:
    """No value: None, an empty cell (NaN, NaT) or only spaces."""
    if raw is None or isinstance(raw, str):
        return raw is None or not raw.strip()
    return isinstance(raw, float | type(pd.NaT)) and pd.isna(raw)


def _clean_text(text: str, limit: int | None, multiline: bool) -> str:
    """Printable text only: a NUL or other control character is refused (PostgreSQL cannot store NUL), and so is
    a lone surrogate (not UTF-8)."""
    allowed = '\n\r\t' if multiline else '\t'
    for ch in text:
        if (ord(ch) < 32 and ch not in allowed) or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValueError(f'มีอักขระที่ใช้ไม่ได้ (รหัส U+{ord(ch):04X}) กรุณาลบออก')
    if limit and len(text) > limit:
        raise ValueError(f'ยาวเกิน {limit:,} ตัวอักษร (กรอกมา {len(text):,})')
    return text


def _clean_int(raw: Any, text: str, bounds: tuple[int, int]) -> int:
    if isinstance(raw, float) and raw.is_integer():  # a spreadsheet cell 12.0
        text = str(int(raw))
    digits = to_arabic_digits(text).replace(',', '').replace(' ', '')
    if digits.endswith('.0'):
        digits = digits[:-2]
    if not re.fullmatch(r'[+-]?[0-9]+', digits):
        raise ValueError('ต้องเป็นจำนวนเต็ม')
    # Far beyond any column, whatever its length (int() refuses 5,000 digits with an English message).
    value = int(digits) if len(digits.lstrip('+-').lstrip('0')) <= 20 else (-1 if digits[0] == '-' else 1) * 10 ** 20
    if value > bounds[1]:
        raise ValueError(f'ต้องไม่เกิน {bounds[1]:,}')
    if value < bounds[0]:
        raise ValueError(f'ต้องไม่น้อยกว่า {bounds[0]:,}')
    return value


def _clean_money(raw: Any, text: str) -> Decimal:
    """An amount typed (Thai digits, commas, spaces) or a spreadsheet number, exact, within the money range."""
    if isinstance(raw, bool):
        raise ValueError('ต้องเป็นตัวเลขจำนวนเงิน')
    if isinstance(raw, float) and math.isfinite(raw) and abs(raw) < 1e15:
        # A computed spreadsheet cell (=A1*0.07) keeps binary residue (12.340000000000002): take the amount the
        # sheet shows when the residue is far below a satang; a real third place (12.345) is still refused.
        exact = Decimal(repr(raw))
        if abs(exact - exact.quantize(CENT)) < Decimal('0.000001'):
            raw = exact.quantize(CENT)
    if isinstance(raw, float | int | Decimal):
        try:
            return to_money(raw)
        except MoneyError as error:
            raise ValueError(str(error)) from None
    return parse_money(text)


def _clean_date(raw: Any, text: str) -> date:
    if isinstance(raw, date):  # a spreadsheet date cell (datetime and pandas Timestamp included)
        value = raw.date() if isinstance(raw, datetime) else raw
        if value.year >= 2400:
            raise ValueError(f'ปี ค.ศ. {value.year} ในเซลล์วันที่ดูเป็นปี พ.ศ. กรุณาตรวจสอบ (พิมพ์เช่น 5/1/2569)')
        if value.year < 1857:
            raise ValueError(f'ปี ค.ศ. {value.year} เก่าเกินไป กรุณาตรวจสอบ')
        return value
    return parse_be_date(text)


def _choice(raw: Any, text: str, options: dict[Any, str]) -> Any:
    """The option's key, whether given as its key (or the key as text, as in a spreadsheet) or as its label."""
    try:
        if raw in options:
            return next(k for k in options if k == raw)
    except TypeError:  # an unhashable value (a list) is no option
        pass
    key = next((k for k, v in options.items() if str(k) == text or v == text), None)
    if key is None:
        raise ValueError('ไม่มีในรายการให้เลือก')
    return key


def clean_value(resource: Resource, f: FormField, raw: Any, choices: dict[Any, str] | None = None) -> Any:
    """Text (or a spreadsheet cell) -> typed value; raise ValueError with a Thai reason.

    Whatever arrives (any text, a number of any size, NaN, a date cell) ends in a value or a Thai reason: the
    integer, money and text checks hold what both databases store, so a write never fails on the value."""
    text = '' if _is_blank(raw) else str(raw).strip()
    if f.kind == 'bool':
        return text.lower() in {'1', 'true', 'yes', 'ใช่', 'x', '✓'} if not isinstance(raw, bool) else raw
    if text == '':
        if f.required:
            raise ValueError('กรุณากรอก')
        if f.default not in (None, '') and not callable(f.default):
            return clean_value(resource, f, f.default, choices)
        return None if f.kind not in ('text', 'textarea', 'password') else ''
    if f.kind in ('text', 'textarea', 'password'):
        return _clean_text(text, _max_length(resource, f), multiline=f.kind == 'textarea')
    if f.kind == 'int':
        low, high = _int_bounds(resource, f)  # the field's own bounds, when narrower, give the message
        value = _clean_int(raw, text, (max(low, f.min) if f.min is not None else low,
                                       min(high, f.max) if f.max is not None else high))
    elif f.kind == 'money':
        value = _clean_money(raw, text)
    elif f.kind == 'date':
        return _clean_date(raw, text)
    elif f.kind == 'citizen_id':
        return clean_citizen_id(text)
    elif f.kind in ('select', 'ref'):
        return _choice(raw, text, choices if choices is not None else {})
    else:
        raise ValueError(f'unknown field kind {f.kind}')
    if f.min is not None and value < f.min:
        raise ValueError(f'ต้องไม่น้อยกว่า {f.min:,}')
    if f.max is not None and value > f.max:
        raise ValueError(f'ต้องไม่เกิน {f.max:,}')
    return value


def validate(resource: Resource, actor: Principal, values: dict[str, Any],
             choices: dict[str, dict] | None = None, creating: bool = True) -> dict[str, Any]:
    """Clean every field of the form; collect every error (not just the first) with the field's Thai label."""
    fields = resource.form_fields(creating)
    choices = choices if choices is not None else choices_for(resource, actor, fields)
    clean, errors = {}, {}
    for f in fields:
        try:
            clean[f.name] = clean_value(resource, f, values.get(f.name), choices.get(f.name))
        except ValueError as error:
            errors[f.name] = f'{f.label}: {error}'
    if not errors and resource.check is not None:
        errors = resource.check(actor, clean)
    if errors:
        raise ValidationFailed(errors)
    return clean


def default_of(f: FormField, actor: Principal) -> Any:
    """The value a new form starts with."""
    return f.default(actor) if callable(f.default) else f.default


def _check_lock(session: Session, resource: Resource, record: SQLModel) -> None:
    if resource.locked is not None and (reason := resource.locked(session, record)):
        raise PermissionError(reason)


def lock_reason(resource: Resource, record: SQLModel) -> str | None:
    """Why the record may not change now (for the page to hide its edit buttons), or None."""
    if resource.locked is None:
        return None
    with db.session_scope() as session:
        return resource.locked(session, record)


def _check_unique(session: Session, resource: Resource, actor: Principal, clean: dict, record_id: int | None) -> None:
    model = resource.model
    for names in resource.unique:
        query = select(model.id).where(model.org_id == actor.org_id, *[getattr(model, n) == clean[n] for n in names])
        if record_id is not None:
            query = query.where(model.id != record_id)
        if session.exec(query).first() is not None:
            labels = ' และ '.join(resource.field(n).label for n in names)
            shown = ' / '.join(str(clean[n]) for n in names)
            raise ValidationFailed({names[0]: f'{labels}: "{shown}" มีอยู่แล้วในทะเบียน'})


def _new(resource: Resource, actor: Principal, clean: dict[str, Any]) -> SQLModel:
    tracked = {'created_by': actor.user_id} if 'created_by' in resource.model.model_fields else {}
    if resource.workflow is not None:
        tracked[resource.workflow.field] = resource.workflow.initial
    record = resource.model(org_id=actor.org_id, **tracked, **resource.fixed, **clean)
    if resource.before_save is not None:
        resource.before_save(record)
    return record


def _snapshot(record: SQLModel, resource: Resource) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in resource.stored_fields}


def _load(session: Session, resource: Resource, actor: Principal, record_id: int, permission: str) -> SQLModel:
    record = session.get(resource.model, record_id)
    if record is None or record.org_id != actor.org_id or any(
            getattr(record, name) != value for name, value in resource.fixed.items()):
        raise LookupError(f'ไม่พบ{resource.title}นี้')
    if resource.visibility is not None:
        require(actor, permission, where=resource.ident)
        model = resource.model
        if session.exec(select(model.id).where(model.id == record_id, resource.visibility(actor))).first() is None:
            raise deny(actor, permission, record, where=resource.ident,
                       message=f'ท่านไม่มีสิทธิ์เข้าถึง{resource.title}นี้')
        return record
    require(actor, permission, record if resource.record_scope else None, where=resource.ident)
    return record


def allowed(resource: Resource, actor: Principal, permission: str, record: SQLModel | None = None) -> bool:
    """What the page may offer (the service checks again when the button is pressed)."""
    return actor.can(permission, record if resource.record_scope and resource.visibility is None else None)


def audit_read(resource: Resource, actor: Principal, record: SQLModel, action: str = 'view') -> None:
    """Record a view, print or download of a record whose reads the declaration asks to audit."""
    if resource.audit_reads is not None and resource.audit_reads(record):
        audit.record_now(action, org_id=actor.org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                         object_type=resource.model.__name__, object_id=record.id, data={'where': resource.ident})


def editable(resource: Resource, record: SQLModel) -> bool:
    """Whether the record's workflow state lets the form change it."""
    return (resource.workflow is None or not resource.editable_states
            or getattr(record, resource.workflow.field) in resource.editable_states)


def transitions(resource: Resource, actor: Principal, record_id: int) -> list:
    """The workflow buttons this user may press on this record now."""
    with db.session_scope() as session:
        record = _load(session, resource, actor, record_id, resource.view)
        return resource.workflow.available(session, record, actor) if resource.workflow else []


def transition(resource: Resource, actor: Principal, record_id: int, name: str, note: str = '') -> None:
    with db.session_scope(write=True) as session:
        record = _load(session, resource, actor, record_id, resource.view)
        resource.workflow.apply(session, record, name, actor, note)


def pending(resource: Resource, actor: Principal) -> int:
    """Records of this register waiting for the user's action (for AppSpec.pending)."""
    if resource.workflow is None or not actor.can(resource.view):
        return 0
    with db.session_scope() as session:
        return resource.workflow.pending_count(session, resource.model, actor)


def print_record(resource: Resource, actor: Principal, record_id: int) -> bytes:
    record = get(resource, actor, record_id)
    audit_read(resource, actor, record, 'print')
    return resource.print_form(record, actor)


def get(resource: Resource, actor: Principal, record_id: int) -> SQLModel:
    require(actor, resource.view, where=resource.ident)
    with db.session_scope() as session:
        return _load(session, resource, actor, record_id, resource.view)


def create(resource: Resource, actor: Principal, values: dict[str, Any]) -> int:
    require(actor, resource.edit, where=resource.ident)
    clean = validate(resource, actor, values)
    if resource.create_with is not None:
        return resource.create_with(actor, clean)
    with db.session_scope(write=True) as session:
        if resource.save_check is not None:
            clean = resource.save_check(session, actor, clean, None)
        _check_unique(session, resource, actor, clean, None)
        record = _new(resource, actor, clean)
        _check_lock(session, resource, record)
        if resource.numbering is not None:
            on = clean.get(resource.number_date) if resource.number_date else None
            allocated = next_number(session, actor.org_id, resource.numbering, on or date.today())
            setattr(record, resource.number_field, allocated.text)
            clean = {**clean, resource.number_field: allocated.text}
        session.add(record)
        session.flush()
        audit.record_by(session, actor, 'create', object_type=resource.model.__name__, object_id=record.id, data=clean)
        return record.id


def update(resource: Resource, actor: Principal, record_id: int, values: dict[str, Any]) -> None:
    require(actor, resource.edit, where=resource.ident)
    clean = validate(resource, actor, values, creating=False)
    with db.session_scope(write=True) as session:
        record = _load(session, resource, actor, record_id, resource.edit)
        if not editable(resource, record):
            state = getattr(record, resource.workflow.field)
            raise PermissionError(f'แก้ไขไม่ได้ในสถานะ "{resource.workflow.states.get(state, state)}"')
        _check_lock(session, resource, record)
        if resource.save_check is not None:
            clean = resource.save_check(session, actor, clean, record)
        _check_unique(session, resource, actor, clean, record_id)
        before = _snapshot(record, resource)
        changed = audit.changes(before, clean)
        if not changed:
            return
        for name, value in clean.items():
            setattr(record, name, value)
        if resource.before_save is not None:
            resource.before_save(record)
        if hasattr(record, 'updated_by'):
            record.updated_by, record.updated_at = actor.user_id, utcnow()
        session.add(record)
        audit.record_by(session, actor, 'update', object_type=resource.model.__name__, object_id=record_id,
                        data=changed)


def delete(resource: Resource, actor: Principal, record_id: int) -> None:
    if resource.delete is None:
        raise PermissionError('ทะเบียนนี้ไม่อนุญาตให้ลบ')
    require(actor, resource.delete, where=resource.ident)
    with db.session_scope(write=True) as session:
        record = _load(session, resource, actor, record_id, resource.delete)
        _check_lock(session, resource, record)
        data = _snapshot(record, resource)
        session.delete(record)
        session.flush()
        audit.record_by(session, actor, 'delete', object_type=resource.model.__name__, object_id=record_id, data=data)


@dataclass
class Page:
    rows: list[SQLModel]
    total: int


def _filtered(resource: Resource, actor: Principal, search: str = '', filters: dict[str, Any] | None = None):
    model = resource.model
    if resource.visibility is not None:
        query = select(model).where(model.org_id == actor.org_id, resource.visibility(actor))
    elif resource.record_scope:
        query = scope_filter(select(model), model, actor, resource.view)
    else:
        query = select(model).where(model.org_id == actor.org_id)
    for name, value in resource.fixed.items():  # a register over part of a table lists only its part
        query = query.where(getattr(model, name) == value)
    terms = (search_terms(search or '') if resource.thai_search else search or '').split()
    for term in terms:  # every word must match some search field; Thai compounds match by substring
        query = query.where(or_(*[col(getattr(model, n)).contains(term, autoescape=True) for n in resource.search]))
    for name, value in (filters or {}).items():
        if value in (None, ''):
            continue
        if resource.date_filter and name == f'{resource.date_filter}__from':
            query = query.where(getattr(model, resource.date_filter) >= value)
        elif resource.date_filter and name == f'{resource.date_filter}__to':
            query = query.where(getattr(model, resource.date_filter) <= value)
        else:
            query = query.where(getattr(model, name) == value)
    return query


def query(resource: Resource, actor: Principal, *, search: str = '', filters: dict[str, Any] | None = None,
          sort: str | None = None, descending: bool = False, page: int = 1, per_page: int = 25) -> Page:
    """One page of the register, with the total count, sorted and filtered on the server."""
    require(actor, resource.view, where=resource.ident)
    model = resource.model
    base = _filtered(resource, actor, search, filters)
    order = getattr(model, sort if sort in {f.name for f in resource.fields} | {'id'} else resource.sort)
    with db.session_scope() as session:
        total = session.exec(select(func.count()).select_from(base.subquery())).one()
        rows = session.exec(base.order_by(order.desc() if descending else order, model.id)
                            .offset(max(page - 1, 0) * per_page).limit(per_page)).all()
    return Page(list(rows), total)


def display(f: FormField, value: Any, choices: dict[Any, str] | None = None) -> str:
    """A value as the user reads it (Thai dates, money with separators, choice labels)."""
    if value is None or value == '':
        return ''
    if f.kind == 'money':
        return format_money(value)
    if f.kind == 'date':
        return format_date(value)
    if f.kind == 'int':
        return f'{value:,}' if f.thousands else str(value)
    if f.kind == 'bool':
        return 'ใช่' if value else 'ไม่ใช่'
    if f.kind in ('select', 'ref') and choices is not None:
        return choices.get(value, str(value))
    return str(value)


def frame(resource: Resource, actor: Principal, rows: Sequence[SQLModel], for_excel: bool = True) -> pd.DataFrame:
    """Rows -> a DataFrame with Thai column headings (values typed for Excel, or as shown for print)."""
    choices = choices_for(resource, actor, resource.stored_fields)
    data = []
    for row in rows:
        item = {}
        for f in resource.stored_fields:
            value = getattr(row, f.name)
            if f.kind in ('select', 'ref'):
                value = choices[f.name].get(value, value)
            elif f.kind == 'date' and value is not None:
                value = format_date(value, 'numeric')
            elif not for_excel:
                value = display(f, value)
            item[f.label] = value
        data.append(item)
    return pd.DataFrame(data, columns=[f.label for f in resource.stored_fields])


def export_xlsx(resource: Resource, actor: Principal, *, search: str = '', filters: dict | None = None) -> bytes:
    """The current list (filters applied), every field, Thai headings; re-importable as it is."""
    from core.reports import to_xlsx
    require(actor, resource.view, where=resource.ident)
    with db.session_scope() as session:
        rows = session.exec(_filtered(resource, actor, search, filters).order_by(
            getattr(resource.model, resource.sort), resource.model.id)).all()
    return to_xlsx(frame(resource, actor, rows))


def export_pdf(resource: Resource, actor: Principal, *, search: str = '', filters: dict | None = None,
               thai_digits: bool = False, subtitle: str | None = None) -> bytes:
    from core.reports import to_pdf
    require(actor, resource.view, where=resource.ident)
    with db.session_scope() as session:
        rows = session.exec(_filtered(resource, actor, search, filters).order_by(
            getattr(resource.model, resource.sort), resource.model.id)).all()
    df = frame(resource, actor, rows)[[resource.field(n).label for n in resource.columns]]
    kinds = {'int': 'int', 'money': 'money'}
    columns = [{'key': f.label, 'label': f.label, 'kind': kinds.get(f.kind, 'text'),
                'align': 'R' if f.kind in kinds else 'L'} for f in resource.column_fields()]
    return to_pdf(df, resource.title_plural, subtitle=subtitle, thai_digits=thai_digits, columns=columns)


@dataclass
class ImportRow:
    number: int  # the spreadsheet row number (heading = 1)
    values: dict[str, Any]
    errors: list[str]


@dataclass
class ImportReport:
    rows: list[ImportRow]
    imported: int = 0

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def invalid(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]


def read_sheet(content: bytes, heading: str | None = None) -> pd.DataFrame:
    """The rows of an uploaded workbook's first sheet, indexed by spreadsheet row number, under its heading row:
    the row holding the cell `heading`, or else the first row with more than one value (a title row is skipped).
    An unreadable file is the user's, not our bug: a Thai message naming the file."""
    try:
        raw = pd.read_excel(BytesIO(content), header=None, dtype=object)
    except Exception as error:
        raise ValidationFailed({'file': f'ไฟล์: อ่านไม่ได้ ต้องเป็นไฟล์ Excel (.xlsx) ({type(error).__name__})'}) from error
    if heading is None:
        header_row = next((index for index, row in raw.iterrows() if row.notna().sum() > 1), 0)
    else:
        header_row = next((index for index, row in raw.iterrows()
                           if any(str(v).strip() == heading for v in row if pd.notna(v))), None)
        if header_row is None:
            raise ValidationFailed({'file': f'ไฟล์: ไม่พบแถวหัวตารางที่มีคอลัมน์ "{heading}"'})
    df = raw.iloc[header_row + 1:].copy()
    df.columns = [str(c).strip() if pd.notna(c) else '' for c in raw.iloc[header_row]]
    df.index = [header_row + 2 + i for i in range(len(df))]  # spreadsheet row numbers
    return df.dropna(how='all')


def import_xlsx(resource: Resource, actor: Principal, content: bytes, commit: bool = False) -> ImportReport:
    """Check every row (preview); with commit, write all valid rows in one transaction and report the rest."""
    require(actor, resource.edit, where=resource.ident)
    if not resource.importable or resource.create_with is not None:
        raise PermissionError(f'{resource.title_plural}: นำเข้าจาก Excel ไม่ได้')
    df = read_sheet(content)
    by_label = {f.label: f for f in resource.fields}
    missing = [f.label for f in resource.fields if f.required and f.label not in df.columns]
    if missing:
        raise ValidationFailed({'file': 'ไฟล์: ไม่มีคอลัมน์ ' + ', '.join(missing)})
    choices = choices_for(resource, actor)
    report, seen = ImportReport([]), {names: {} for names in resource.unique}
    for number, row in df.iterrows():
        values = {by_label[c].name: row[c] for c in df.columns if c in by_label}
        errors, clean = [], {}
        try:
            clean = validate(resource, actor, values, choices)
        except ValidationFailed as failed:
            errors = list(failed.errors.values())
        for names in resource.unique:  # duplicates inside the file itself
            if clean and (key := tuple(clean[n] for n in names)) in seen[names]:
                errors.append(f'{resource.field(names[0]).label}: ซ้ำกับแถวที่ {seen[names][key]} ในไฟล์')
            elif clean:
                seen[names][key] = number
        report.rows.append(ImportRow(int(number), clean or values, errors))
    with db.session_scope(write=True) as session:
        for row in report.valid:
            try:
                if resource.save_check is not None:
                    row.values = resource.save_check(session, actor, row.values, None)
                _check_unique(session, resource, actor, row.values, None)
            except ValidationFailed as failed:
                row.errors.extend(failed.errors.values())
        if commit and report.valid:
            for row in report.valid:
                record = _new(resource, actor, row.values)
                _check_lock(session, resource, record)
                session.add(record)
                session.flush()
                audit.record_by(session, actor, 'create', object_type=resource.model.__name__, object_id=record.id,
                             data={**row.values, 'imported_row': row.number})
            report.imported = len(report.valid)
    return report


def history(resource: Resource, actor: Principal, record_id: int) -> list[AuditEvent]:
    """The record's audit trail, newest first."""
    get(resource, actor, record_id)
    with db.session_scope() as session:
        return list(session.exec(select(AuditEvent).where(
            AuditEvent.org_id == actor.org_id, AuditEvent.object_type == resource.model.__name__,
            AuditEvent.object_id == str(record_id)).order_by(AuditEvent.id.desc())).all())


def linked(resource: Resource, actor: Principal, record_id: int) -> list[tuple[Resource, list[SQLModel]]]:
    """Records of other registers pointing at this one, each list limited to what the user may see."""
    found = []
    for link in resource.links:
        other = REGISTRY.get(link.resource)
        if other is None or not actor.can(other.view):
            continue
        query = scope_filter(select(other.model), other.model, actor, other.view)
        with db.session_scope() as session:
            rows = session.exec(query.where(getattr(other.model, link.field) == record_id).limit(200)).all()
        found.append((other, list(rows)))
    return found


def attach(resource: Resource, actor: Principal, record_id: int, filename: str, content: bytes):
    """Attach a file to a record the user may change."""
    from core import files
    if not resource.attachments:
        raise PermissionError('ทะเบียนนี้ไม่มีไฟล์แนบ')
    require(actor, resource.edit, where=resource.ident)
    with db.session_scope() as session:
        _check_lock(session, resource, _load(session, resource, actor, record_id, resource.edit))
    return files.save(actor, resource.model.__name__, record_id, filename, content)


def attachments(resource: Resource, actor: Principal, record_id: int) -> list:
    from core import files
    get(resource, actor, record_id)
    return files.attachments_of(actor.org_id, resource.model.__name__, record_id)


def open_attachment(actor: Principal, attachment_id: int) -> tuple[Any, bytes]:
    """The file and its bytes, only if the user may see the record it is attached to."""
    from core import files
    attachment = files.get(actor.org_id, attachment_id)
    owners = [r for r in REGISTRY.values() if attachment and r.attachments
              and r.model.__name__ == attachment.object_type]
    if attachment is None or not owners:
        raise LookupError('ไม่พบไฟล์แนบนี้')
    record, refusal = None, None
    for owner in owners:  # one table may be several registers (fixed values); the record belongs to one
        try:
            record = get(owner, actor, attachment.object_id)  # raises PermissionDenied / LookupError
            break
        except LookupError as error:
            refusal = error
    if record is None:
        raise refusal
    audit_read(owner, actor, record, 'download')
    return attachment, files.read(attachment)
