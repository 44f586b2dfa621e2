"""The low-code kit: one `Resource` declaration gives a register its rules (this module) and its pages
(pages/kit.py): list with paging, sorting, search and filters; form with Thai validation and autosave;
detail page with audit history and links; Excel export and import.

A declaration names fields by the model's attribute names and one `Rules` object whose hooks every path runs —
form, Excel import, service call, demo builder:

- `validate(actor, values, record)`: rules across fields -> {field: Thai error} (before any transaction);
- `before_write(session, actor, values, record)`: inside the write transaction; may add derived values or refuse;
- `editable` (class value: ALWAYS, NEVER or a tuple of workflow states) and `locked(session, record)`: why a
  record may not change now (checked on create, update, delete and attach);
- `visible(actor, model, permission)`: the rows a user may reach, as a SQL condition (default: the role's scope);
- `create(session, actor, values)`: build the new record inside the kit's transaction (default: the model from
  the values), so numbering, uniqueness, audit, locking and the submission key still apply;
- `notes(session, actor, values)`: Thai warnings about what is typed that refuse nothing (e.g. a holiday in the
  range not yet announced), shown under the form as the user types.

Values from forms and spreadsheets arrive as text and are cleaned here, so both paths share one set of Thai
error messages. Every write is one transaction that checks the record's version (a stale save is refused with
who changed what) and runs once per submission key (a double-click makes one record).
"""

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any, Literal

import pandas as pd
from sqlalchemy import BigInteger, Integer, SmallInteger, case, func, literal, or_, text
from sqlalchemy import insert as sa_insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from core import audit, db, files, submissions
from core.access import ACCESS_MODELS, Principal, deny, renew_access, require, scope_condition
from core.errors import Conflict, Denied, NotFound, Refusal, ValidationFailed
from core.lookups import EXACT, Lookup, Match, loose, remember, saved_choices
from core.numbering import Series, next_number
from core.thai import (
    clean_citizen_id,
    format_date,
    format_datetime,
    format_money,
    parse_be_date,
    parse_money,
    search_terms,
    to_arabic_digits,
    today,
)
from core.workflow import Transition, Workflow
from models.audit import AuditEvent
from models.base import utcnow
from models.types import CENT, MoneyError, to_money

Kind = Literal['text', 'textarea', 'int', 'money', 'date', 'select', 'ref', 'citizen_id', 'bool', 'password']
Choices = dict[Any, str] | Callable[[Principal], dict[Any, str]]
ALWAYS, NEVER = 'always', 'never'
VERSION_KEY = '@version'  # in the audit data of a change: the version the change produced
IMPORT_KEY = '@import'  # in the audit data of a record an import wrote: the id of the import's own event
WHAT_KEY = '@what'  # in the audit data of a service's own change: what was done, in Thai


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
    blank: str = ''  # what an empty value means, as the user reads it (e.g. 'ไม่จำกัด' for a limit left blank)
    # for a 'select' over records: their codes (option key -> code, e.g. a tactic's "1.2"), so an import matches a
    # file that writes the code alone (a 'ref' to a model with a code column has them without this)
    codes: Callable[[Principal], dict[Any, str]] | None = None


@dataclass(frozen=True)
class Link:
    """Records of another Resource that point at this one (shown on the detail page)."""

    resource: str  # key of the other Resource ('app/key')
    field: str  # the other model's attribute holding this record's id


class Rules:
    """A register's rules, one object whose hooks every write path runs (see the module's docstring).

    The base class is the plain register: no cross-field rules, always editable, rows scoped by the user's role
    (own / division / organisation). Subclass it and override what the register needs."""

    editable: str | tuple[str, ...] = ALWAYS  # ALWAYS, NEVER (only through its workflow and services), or states
    # an import checks all its rows before it writes any (False: before_write reads rows written earlier in the same
    # import, e.g. numbers a record from the records on file; each row is then checked and written in turn)
    import_by_set: bool = True

    def validate(self, actor: Principal, values: dict[str, Any], record: SQLModel | None) -> dict[str, str]:
        return {}

    def before_write(self, session: Session, actor: Principal, values: dict[str, Any],
                     record: SQLModel | None) -> dict[str, Any]:
        return values

    def locked(self, session: Session, record: SQLModel) -> str | None:
        return None

    def visible(self, actor: Principal, model: type[SQLModel], permission: str):
        return scope_condition(model, actor, permission)

    def create(self, session: Session, actor: Principal, values: dict[str, Any]) -> SQLModel | None:
        return None

    def notes(self, session: Session, actor: Principal, values: dict[str, Any]) -> list[str]:
        return []

    @property
    def has_notes(self) -> bool:
        return type(self).notes is not Rules.notes


class Shared(Rules):
    """Organisation-wide reference data (villages, divisions, code lists): everyone allowed to view sees all rows."""

    def visible(self, actor: Principal, model: type[SQLModel], permission: str):
        return None


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
    rules: Rules = field(default_factory=Rules)
    search: Sequence[str] = ()
    filters: Sequence[str] = ()
    sort: str = 'id'
    sort_descending: bool = False  # the list opens newest first
    unique: Sequence[tuple[str, ...]] = ()
    label: str = 'name'  # attribute naming a record
    links: Sequence[Link] = ()
    # cards other apps offer on the detail page, by name -> Thai title ('' for the card's own), e.g. {'letters': ''}
    # for e-Office's related letters: the register names the card, the app that offers it is never imported
    cards: dict[str, str] = field(default_factory=dict)
    help: str = ''
    pdf: bool = False  # offer a PDF of the list
    fixed: dict[str, Any] = field(default_factory=dict)  # values set on create, not in the form
    attachments: bool = False  # files attached to each record (size and type rules from the LAO's settings)
    workflow: Workflow | None = None  # states and approval transitions, kept in the model's `status`
    numbering: Series | None = None  # running number given when a record is created
    number_field: str = 'number_text'  # the model attribute receiving the formatted number
    number_date: str | None = None  # the date field deciding the number's year (default: today)
    print_form: Callable[[SQLModel, Principal], bytes] | None = None  # the record's official print-out (PDF)
    importable: bool = True  # offer Excel import
    # the fields naming one record in a spreadsheet (หมู่ที่; a username; a budget line's year and code): a row whose
    # key is on file updates that record (changed fields only, audited as an update), an unchanged row is left alone
    natural_key: Sequence[str] = ()
    default_filters: Callable[[Principal], dict[str, Any]] | None = None  # the list's filters when it opens
    thai_search: bool = False  # split the search text into Thai words (pythainlp) instead of at spaces
    audit_reads: Callable[[Any], bool] | None = None  # records whose every view, print and download is audited
    date_filter: str | None = None  # a date field the list filters by range (from / to)
    overwrite: str | None = None  # permission to save over a newer version (default '<app>.<key>.overwrite')
    grows: bool = False  # thousands of records a year (vouchers, letters): every column the list sorts by has an
    #   index (org_id, <fixed columns>, column, id), made by a migration (tests/core/test_list_indexes.py names any
    #   missing), so that any page, first or deep, reads 25 entries of an index

    def __post_init__(self) -> None:
        REGISTRY[self.ident] = self  # declaring a register makes it known to links and attachments

    @property
    def path(self) -> str:
        return f'/{self.app}/{self.key}'

    @property
    def ident(self) -> str:
        return f'{self.app}/{self.key}'

    @property
    def overwrite_permission(self) -> str:
        return self.overwrite or f'{self.app}.{self.key}.overwrite'

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


def choices_of(f: FormField, actor: Principal) -> dict[Any, str]:
    if f.kind == 'ref':
        with db.session_scope() as session:
            query = select(f.ref.model).where(f.ref.model.org_id == actor.org_id)
            if f.ref.active_only and hasattr(f.ref.model, 'is_active'):
                query = query.where(f.ref.model.is_active)
            if hasattr(f.ref.model, 'sort_order'):
                query = query.order_by(f.ref.model.sort_order)
            rows = session.exec(query).all()
        labels = [getattr(row, f.ref.label) for row in rows]
        twice = {label for label, n in Counter(labels).items() if n > 1}  # two deputy mayors: say which one
        labels = [f'{label} ({getattr(row, "code", None) or row.id})' if label in twice else label
                  for row, label in zip(rows, labels, strict=True)]
        again = {label for label, n in Counter(labels).items() if n > 1}  # the same code in two plans: the record
        return {row.id: f'{label} [{row.id}]' if label in again else label for row, label in zip(rows, labels,
                                                                                               strict=True)}
    if callable(f.choices):
        return f.choices(actor)
    return dict(f.choices or {})


def choices_for(resource: Resource, actor: Principal, fields: Sequence[FormField] | None = None) -> dict[str, dict]:
    """The options of every select and reference field (field name -> {value: label})."""
    return {f.name: choices_of(f, actor) for f in (resource.fields if fields is None else fields)
            if f.kind in ('select', 'ref')}


def filter_choices(resource: Resource, actor: Principal, known: dict[str, dict] | None = None) -> dict[str, dict]:
    """The options of each list filter: a select's or reference's choices (taken from `known` when the caller has
    them); for any other field (a fiscal year, a number) the distinct values present in the rows this user sees."""
    fields = [resource.field(name) for name in resource.filters]
    options = {name: known[name] for name in resource.filters if known and name in known}
    options |= choices_for(resource, actor, [f for f in fields if f.name not in options])
    for name in resource.filters:
        if name not in options:
            f, column = resource.field(name), getattr(resource.model, name)
            present = _filtered(resource, actor).with_only_columns(column).where(column.is_not(None)).distinct()
            with db.session_scope() as session:
                options[name] = {value: display(f, value) for value in sorted(session.exec(present).all())}
    return options


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
    if f.blank and text == f.blank:  # an exported sheet writes what a blank means; it reads back as blank
        text = ''
    if f.kind == 'bool':
        return text.lower() in {'1', 'true', 'yes', 'ใช่', 'x', '✓'} if not isinstance(raw, bool) else raw
    if text == '':
        if f.required:
            raise ValueError('กรุณากรอก')
        if f.default not in (None, '') and not callable(f.default):
            return clean_value(resource, f, f.default, choices)
        return None if f.kind not in ('text', 'textarea', 'password') else ''
    if f.kind == 'text':  # one line: a wrapped spreadsheet cell's line breaks become spaces
        text = re.sub(r'\s*[\r\n]+\s*', ' ', text)
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
             choices: dict[str, dict] | None = None, creating: bool = True,
             record: SQLModel | None = None) -> dict[str, Any]:
    """Clean every field of the form; collect every error (not just the first) with the field's Thai label."""
    fields = resource.form_fields(creating)
    choices = choices if choices is not None else choices_for(resource, actor, fields)
    clean, errors = {}, {}
    for f in fields:
        # a new record's field the caller leaves out takes its default (a service's call, not only the form's)
        raw = values.get(f.name) if f.name in values or not creating else default_of(f, actor)
        try:
            clean[f.name] = clean_value(resource, f, raw, choices.get(f.name))
        except ValueError as error:
            errors[f.name] = f'{f.label}: {error}'
    if not errors:
        errors = resource.rules.validate(actor, clean, record)
    if errors:
        raise ValidationFailed(errors)
    return clean


def form_notes(resource: Resource, actor: Principal, values: dict[str, Any], creating: bool = True) -> list[str]:
    """The register's warnings about a form as typed so far: the fields that clean are given, the others are left
    out (their errors are the save's to tell)."""
    if not resource.rules.has_notes:
        return []
    require(actor, resource.edit, where=resource.ident)
    fields = resource.form_fields(creating)
    choices = choices_for(resource, actor, fields)
    clean = {}
    for f in fields:
        try:
            clean[f.name] = clean_value(resource, f, values.get(f.name), choices.get(f.name))
        except ValueError:
            continue
    with db.session_scope() as session:
        return resource.rules.notes(session, actor, clean)


def default_of(f: FormField, actor: Principal) -> Any:
    """The value a new form starts with."""
    return f.default(actor) if callable(f.default) else f.default


def state_refusal(resource: Resource, record: SQLModel) -> str | None:
    """Why the declaration's `editable` value forbids changing the record in its present state, or None."""
    editable = resource.rules.editable
    if editable == ALWAYS:
        return None
    if editable == NEVER:
        return f'{resource.title}เปลี่ยนแปลงได้เฉพาะตามขั้นตอนของรายการ แก้ไขโดยตรงไม่ได้'
    state = getattr(record, resource.workflow.field) if resource.workflow else None
    if state in editable:
        return None
    title = resource.workflow.states.get(state, state) if resource.workflow else state
    return f'แก้ไขไม่ได้ในสถานะ "{title}"'


def change_refusal(session: Session, resource: Resource, record: SQLModel) -> str | None:
    """Why the record may not change now (its state, or the register's rule), or None."""
    return state_refusal(resource, record) or resource.rules.locked(session, record)


def _check_unique(session: Session, resource: Resource, actor: Principal, clean: dict,
                  record: SQLModel | None) -> None:
    """No other record of the LAO holds the same values of a `unique` tuple; on an edit, a field the form does not
    carry (set once at creation) keeps the record's value."""
    model = resource.model
    for names in resource.unique:
        values = {n: clean[n] if n in clean else getattr(record, n) for n in names}
        query = select(model.id).where(model.org_id == actor.org_id, *[getattr(model, n) == values[n] for n in names])
        if record is not None:
            query = query.where(model.id != record.id)
        if session.exec(query).first() is not None:
            raise ValidationFailed({names[0]: _taken(resource, names, values)})


def _taken(resource: Resource, names: Sequence[str], values: dict[str, Any]) -> str:
    labels = ' และ '.join(resource.field(n).label for n in names)
    return f'{labels}: "{" / ".join(str(values[n]) for n in names)}" มีอยู่แล้วในทะเบียน'


def _audited(resource: Resource, values: dict[str, Any]) -> dict[str, Any]:
    """What the audit keeps of a write: the declared fields (not derived search indexes and the like)."""
    names = {f.name for f in resource.fields if f.kind != 'password'} | {resource.number_field}
    return {k: v for k, v in values.items() if k in names}


def _snapshot(record: SQLModel, resource: Resource) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in resource.stored_fields}


def _load(session: Session, resource: Resource, actor: Principal, record_id: int, permission: str,
          for_update: bool = False) -> SQLModel:
    """The record, if it is in the user's organisation, this register's part of the table and the user's reach
    (the rules' `visible`); a write loads it FOR UPDATE (SQLite: the write transaction already serialises)."""
    return _load_reaching(session, resource, actor, record_id, permission, for_update)[0]


def _reach(resource: Resource, actor: Principal, permission: str):
    """1 when the row is within the user's reach for `permission` (the rules' `visible`), as a column to select."""
    condition = resource.rules.visible(actor, resource.model, permission)
    return literal(1) if condition is None else case((condition, 1), else_=0)


def _load_reaching(session: Session, resource: Resource, actor: Principal, record_id: int, permission: str,
                   for_update: bool = False, also: Sequence[str] = ()) -> tuple[SQLModel, dict[str, bool]]:
    """`_load`, and in the same query whether the record is within reach for each permission of `also` the user
    holds (what the page may offer: edit, delete)."""
    model = resource.model
    require(actor, permission, where=resource.ident)
    others = [p for p in dict.fromkeys(also) if p and actor.can(p)]
    query = select(model, _reach(resource, actor, permission), *[_reach(resource, actor, p) for p in others]).where(
        model.id == record_id, model.org_id == actor.org_id,
        *[getattr(model, name) == value for name, value in resource.fixed.items()])
    found = session.exec(query.with_for_update() if for_update else query).first()
    if found is None:
        raise NotFound(f'ไม่พบ{resource.title}นี้')
    record, visible, *reach = found
    if not visible:
        raise deny(actor, permission, record, where=resource.ident, message=f'ท่านไม่มีสิทธิ์เข้าถึง{resource.title}นี้')
    return record, {p: bool(r) for p, r in zip(others, reach, strict=True)}


def audit_read(resource: Resource, actor: Principal, record: SQLModel, action: str = 'view') -> None:
    """Record a view, print or download of a record whose reads the declaration asks to audit."""
    if resource.audit_reads is not None and resource.audit_reads(record):
        audit.record_now(action, org_id=actor.org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                         object_type=resource.model.__name__, object_id=record.id, data={'where': resource.ident})


def stamp(record: SQLModel, actor: Principal) -> None:
    """A change made: the record's next version, who and when (services that change a record outside the kit
    call it too, and audit the change with `VERSION_KEY: record.version`)."""
    record.version = (record.version or 1) + 1
    if hasattr(record, 'updated_by'):
        record.updated_by, record.updated_at = actor.user_id, utcnow()


def changes_since(session: Session, resource: Resource, record_id: int, version: int) -> list[dict[str, Any]]:
    """Who changed which field of the record after `version` (from the audit trail): old, new, by, at."""
    events = session.exec(select(AuditEvent).where(  # every change that made a version says so in its data
        AuditEvent.object_type == resource.model.__name__, AuditEvent.object_id == str(record_id),
        col(AuditEvent.data).contains(f'"{VERSION_KEY}"')).order_by(AuditEvent.id)).all()
    labels = {f.name: f.label for f in resource.fields}
    found = []
    for event in events:
        data = json.loads(event.data or '{}')
        if int(data.get(VERSION_KEY, 0)) <= version:
            continue
        if 'from' in data and 'to' in data:  # a move between states (a workflow transition, a letter's routing)
            found.append({'field': 'status', 'label': 'สถานะ', 'old': data.get('from'), 'new': data.get('to'),
                          'by': event.actor_name, 'at': event.at})
            continue
        pairs = [(name, pair) for name, pair in data.items()
                 if name in labels and isinstance(pair, list) and len(pair) == 2]
        for name, pair in pairs:
            found.append({'field': name, 'label': labels[name], 'old': pair[0], 'new': pair[1],
                          'by': event.actor_name, 'at': event.at})
        if not pairs:  # a service's own change (a voucher's line added, a letter routed): what, not which field
            found.append({'field': '', 'label': data.get(WHAT_KEY, event.action), 'old': None, 'new': None,
                          'by': event.actor_name, 'at': event.at})
    return found


def check_version(session: Session, resource: Resource, record: SQLModel, version: int | None) -> None:
    """Refuse a change made from a page that showed an older version of the record (None: not checked)."""
    if version is not None and record.version != version:
        raise stale(session, resource, record, version)


def stale(session: Session, resource: Resource, record: SQLModel, version: int) -> Conflict:
    """The refusal of a change made from an older version of the record, naming who changed what since."""
    found = changes_since(session, resource, record.id, version)
    lines = [f'• {c["label"]}' + (f': "{c["old"] if c["old"] not in (None, "") else "—"}" → "{c["new"]}"'
                                  if c['field'] else '') + f' โดย {c["by"]} เมื่อ {format_datetime(c["at"])}'
             for c in found]
    message = (f'{resource.title}นี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดไว้ บันทึกของท่านยังไม่ถูกบันทึก '
               '(ข้อมูลที่ท่านพิมพ์ยังอยู่ครบ)' + ('\n' + '\n'.join(lines) if lines else ''))
    return Conflict(message, found,
                    {c['field']: f'{c["label"]}: ผู้อื่นเปลี่ยนเป็น "{c["new"]}"' for c in found if c['field']})


def _integrity(resource: Resource, error: IntegrityError) -> Refusal:
    """A constraint the database holds fired (two users at once): a Thai refusal, never a traceback."""
    return Refusal(f'บันทึก{resource.title}ไม่ได้ เพราะข้อมูลซ้ำหรือขัดกับรายการที่มีอยู่แล้ว '
                   '(อาจมีผู้อื่นบันทึกรายการเดียวกันพร้อมกัน) กรุณาโหลดข้อมูลล่าสุดแล้วลองอีกครั้ง')


def insert(session: Session, resource: Resource, actor: Principal, clean: dict[str, Any],
           audit_data: dict[str, Any] | None = None) -> SQLModel:
    """Write one new record from clean values inside the caller's transaction: the rules' before_write,
    uniqueness, numbering, the rules' create (or the model from the values), locking and audit."""
    stored = resource.rules.before_write(session, actor, dict(clean), None)
    _check_unique(session, resource, actor, stored, None)
    if resource.numbering is not None and not stored.get(resource.number_field):
        on = stored.get(resource.number_date) if resource.number_date else None
        stored[resource.number_field] = next_number(session, actor.org_id, resource.numbering, on or today()).text
    record = resource.rules.create(session, actor, stored)
    if record is None:
        tracked = {'created_by': actor.user_id} if 'created_by' in resource.model.model_fields else {}
        if resource.workflow is not None:
            tracked[resource.workflow.field] = resource.workflow.initial
        names = set(resource.model.model_fields)
        record = resource.model(org_id=actor.org_id, **tracked, **resource.fixed,
                                **{k: v for k, v in stored.items() if k in names})
    if reason := resource.rules.locked(session, record):
        raise Refusal(reason)
    session.add(record)
    session.flush()
    audit.record_by(session, actor, 'create', object_type=resource.model.__name__, object_id=record.id,
                    data={**_audited(resource, stored), VERSION_KEY: record.version, **(audit_data or {})})
    return record


def create(resource: Resource, actor: Principal, values: dict[str, Any], *, key: str | None = None) -> int:
    """Validate, then in one transaction: the rules' before_write, uniqueness, the rules' create (or the model
    from the values), locking, numbering and audit. A repeated submission key returns the first record's id."""
    require(actor, resource.edit, where=resource.ident)
    clean = validate(resource, actor, values)

    def work(session: Session) -> int:
        return insert(session, resource, actor, clean).id

    try:
        return submissions.once(actor, key, f'create {resource.ident}', work)
    except IntegrityError as error:
        raise _integrity(resource, error) from error


def write_changes(session: Session, resource: Resource, actor: Principal, record: SQLModel, clean: dict[str, Any],
                  overwritten: list | None = None, audit_data: dict[str, Any] | None = None) -> dict[str, list]:
    """Change a record loaded for update inside the caller's transaction: the rules' before_write, uniqueness, the
    changed fields set, the next version and one audit event listing them (nothing when nothing changed)."""
    stored = resource.rules.before_write(session, actor, clean, record)
    _check_unique(session, resource, actor, stored, record)
    changed = audit.changes(_snapshot(record, resource), _audited(resource, stored))
    if not changed and not overwritten:
        return {}
    for name, value in stored.items():
        setattr(record, name, value)
    stamp(record, actor)
    session.add(record)
    data = {**changed, VERSION_KEY: record.version, **(audit_data or {})}
    if overwritten:
        data['overwritten'] = [{k: str(v) for k, v in c.items()} for c in overwritten]
    audit.record_by(session, actor, 'overwrite' if overwritten else 'update',
                    object_type=resource.model.__name__, object_id=record.id, data=data)
    return changed


def update(resource: Resource, actor: Principal, record_id: int, values: dict[str, Any], *,
           version: int | None = None, key: str | None = None, overwrite: bool = False) -> None:
    """Save the edit form. `version` is the record's version when the form opened: a newer one is refused
    (Conflict: who changed what), unless `overwrite` and the user holds the register's overwrite permission
    (audited as an overwrite, listing what was overwritten)."""
    require(actor, resource.edit, where=resource.ident)
    if overwrite:
        require(actor, resource.overwrite_permission, where=resource.ident)

    clean = validate(resource, actor, values, creating=False, record=get(resource, actor, record_id))

    def work(session: Session) -> int:  # the write lock is held only for this, not for the form's checks
        record = _load(session, resource, actor, record_id, resource.edit, for_update=True)
        if reason := change_refusal(session, resource, record):
            raise Refusal(reason)
        overwritten = []
        if version is not None and record.version != version:
            if not overwrite:
                raise stale(session, resource, record, version)
            overwritten = changes_since(session, resource, record_id, version)
        write_changes(session, resource, actor, record, clean, overwritten)
        return record_id

    try:
        submissions.once(actor, key, f'update {resource.ident}', work)
    except IntegrityError as error:
        raise _integrity(resource, error) from error


def delete(resource: Resource, actor: Principal, record_id: int, *, version: int | None = None) -> None:
    if resource.delete is None:
        raise Refusal('ทะเบียนนี้ไม่อนุญาตให้ลบ')
    require(actor, resource.delete, where=resource.ident)
    with db.session_scope(write=True) as session:
        record = _load(session, resource, actor, record_id, resource.delete, for_update=True)
        if reason := resource.rules.locked(session, record):
            raise Refusal(reason)
        check_version(session, resource, record, version)
        data = _snapshot(record, resource)
        session.delete(record)
        try:
            session.flush()
        except IntegrityError as error:
            raise Refusal(f'ลบ{resource.title}นี้ไม่ได้ เพราะมีรายการอื่นอ้างถึงอยู่') from error
        audit.record_by(session, actor, 'delete', object_type=resource.model.__name__, object_id=record_id, data=data)


def transitions(resource: Resource, actor: Principal, record_id: int) -> list[Transition]:
    """The workflow buttons this user may press on this record now."""
    with db.session_scope() as session:
        record = _load(session, resource, actor, record_id, resource.view)
        return resource.workflow.available(session, record, actor) if resource.workflow else []


def transition(resource: Resource, actor: Principal, record_id: int, name: str, note: str = '', *,
               version: int | None = None, key: str | None = None) -> None:
    """Take a workflow move on the record, loaded FOR UPDATE: two clicks at once make one move (the second finds
    the new state, or its submission key), a move from a page showing an older version is refused."""
    def work(session: Session) -> int:
        record = _load(session, resource, actor, record_id, resource.view, for_update=True)
        check_version(session, resource, record, version)
        resource.workflow.apply(session, record, name, actor, note)
        return record_id

    try:
        submissions.once(actor, key, f'{name} {resource.ident}', work)
    except IntegrityError as error:
        raise _integrity(resource, error) from error


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
    with db.session_scope() as session:
        return _load(session, resource, actor, record_id, resource.view)


@dataclass
class Detail:
    """Everything a detail page shows of one record, read in one transaction."""

    record: SQLModel
    choices: dict[str, dict]
    history: list[AuditEvent]
    links: list[tuple['Resource', list[SQLModel]]]
    transitions: list[Transition]
    lock: str | None  # why it may not change now
    can_edit: bool
    can_delete: bool
    can_attach: bool
    attachments: list
    attach_limit: int = 0  # bytes, when the user may attach


def detail(resource: Resource, actor: Principal, record_id: int) -> Detail:
    """The record and all its detail page needs (the read is audited when the declaration asks)."""
    with db.session_scope() as session:
        record, reach = _load_reaching(session, resource, actor, record_id, resource.view,
                                       also=(resource.edit, resource.delete or ''))
        lock = resource.rules.locked(session, record)
        may_edit = not lock and reach.get(resource.edit, False)
        result = Detail(
            record=record, choices=choices_for(resource, actor, resource.stored_fields),
            history=_history(session, resource, actor, record_id),
            links=_linked(session, resource, actor, record_id),
            transitions=resource.workflow.available(session, record, actor) if resource.workflow else [],
            lock=lock, can_edit=may_edit and state_refusal(resource, record) is None,
            can_delete=bool(resource.delete) and not lock and reach.get(resource.delete, False),
            can_attach=resource.attachments and may_edit, attachments=[])
    if resource.attachments:
        result.attachments = files.attachments_of(actor.org_id, resource.model.__name__, record_id)
        if result.can_attach:
            result.attach_limit = files.rules_for(actor.org_id).max_bytes
    audit_read(resource, actor, record)
    return result


COUNT_BOUND = 1_000  # a list counts its rows exactly up to this many, then says "more than" (exact on request)


@dataclass
class Page:
    rows: list[SQLModel]
    total: int
    more: bool = False  # there are more than `total` rows (the count stopped at COUNT_BOUND)


def _filtered(resource: Resource, actor: Principal, search: str = '', filters: dict[str, Any] | None = None,
              what: Any = None):
    """The register's rows (or `what`, e.g. their ids) this user may see, searched and filtered."""
    model = resource.model
    query = select(model if what is None else what).where(model.org_id == actor.org_id)
    condition = resource.rules.visible(actor, model, resource.view)
    if condition is not None:
        query = query.where(condition)
    for name, value in resource.fixed.items():  # a register over part of a table lists only its part
        query = query.where(getattr(model, name) == value)
    terms = (search_terms(search or '') if resource.thai_search else search or '').split()
    for number, term in enumerate(terms):  # every word must match some search field; Thai compounds by substring
        query = query.where(_matching(resource, term, number))
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


TRIGRAM = 3  # letters a term needs to be looked up in a trigram index
COMMON = 20_000  # a term in at least this many rows is found faster by reading the list in order


def _matching(resource: Resource, term: str, number: int):
    """The rows whose search columns contain `term`. On SQLite a growing register looks a rare term up in its FTS5
    trigram table (migration 0010f); a common one (COMMON rows or more, counted there with a limit) is found by
    reading the list in its order, where matches are dense: the page and the bounded count stop early. On
    PostgreSQL LIKE is served by pg_trgm indexes and the planner chooses; elsewhere LIKE scans."""
    model = resource.model
    scan = or_(*[col(getattr(model, n)).contains(term, autoescape=True) for n in resource.search])
    if not (resource.grows and len(term) >= TRIGRAM and db.engine().dialect.name == 'sqlite'):
        return scan
    fts, name, phrase = f'{model.__tablename__}_search', f'term_{number}', '"' + term.replace('"', '""') + '"'
    with db.session_scope() as session:
        many = session.connection().execute(text(
            f'SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH :q LIMIT :k)'),
            {'q': phrase, 'k': COMMON}).scalar_one()
    if many >= COMMON:
        return scan
    found = text(f'SELECT rowid FROM {fts} WHERE {fts} MATCH :{name}').bindparams(**{name: phrase}).columns(
        rowid=Integer)
    return col(model.id).in_(found)


def query(resource: Resource, actor: Principal, *, search: str = '', filters: dict[str, Any] | None = None,
          sort: str | None = None, descending: bool = False, page: int = 1, per_page: int = 25,
          exact: bool = False) -> Page:
    """One page of the register, sorted and filtered on the server, with its count: exact up to COUNT_BOUND rows
    (or always, with `exact`), else COUNT_BOUND and `more`. The page's ids are read first, from the index of the
    sort column when there is one ((org_id, column, id), declared for registers that grow), then their rows: a deep
    page steps through the index only."""
    require(actor, resource.view, where=resource.ident)
    model = resource.model
    ids = _filtered(resource, actor, search, filters, what=model.id)
    order = getattr(model, sort if sort in {f.name for f in resource.fields} | {'id'} else resource.sort)
    keys = (order.desc(), model.id.desc()) if descending else (order, model.id)
    with db.session_scope() as session:
        counted = ids if exact else ids.limit(COUNT_BOUND + 1)
        total = session.exec(select(func.count()).select_from(counted.subquery())).one()
        wanted = session.exec(ids.order_by(*keys).offset(max(page - 1, 0) * per_page).limit(per_page)).all()
        found = {row.id: row for row in session.exec(select(model).where(col(model.id).in_(wanted))).all()} \
            if wanted else {}
    more = not exact and total > COUNT_BOUND
    return Page([found[i] for i in wanted if i in found], COUNT_BOUND if more else total, more)


def count(resource: Resource, actor: Principal, *, search: str = '', filters: dict[str, Any] | None = None) -> int:
    """The exact number of rows the list would show (the list itself stops counting at COUNT_BOUND)."""
    require(actor, resource.view, where=resource.ident)
    ids = _filtered(resource, actor, search, filters, what=resource.model.id)
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(ids.subquery())).one()


def display(f: FormField, value: Any, choices: dict[Any, str] | None = None) -> str:
    """A value as the user reads it (Thai dates, money with separators, choice labels)."""
    if value is None or value == '':
        return f.blank
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


def to_frame(resource: Resource, actor: Principal, rows: Sequence[SQLModel], for_excel: bool = True,
             date_cells: bool = False) -> pd.DataFrame:
    """Rows -> a DataFrame with Thai column headings (values typed for Excel, or as shown for print). Dates are
    Buddhist-era text (01/10/2569), or with `date_cells` the dates themselves (the workbook shows them in BE)."""
    choices = choices_for(resource, actor, resource.stored_fields)
    data = []
    for row in rows:
        item = {}
        for f in resource.stored_fields:
            value = getattr(row, f.name)
            if f.kind in ('select', 'ref'):
                value = choices[f.name].get(value, value)
            elif f.kind == 'date' and value is not None and not date_cells:
                value = format_date(value, 'numeric')
            elif f.kind == 'bool' and value is not None:
                value = display(f, value)  # ใช่/ไม่ใช่, not TRUE/FALSE (and read back so on import)
            elif value is None and f.blank:
                value = f.blank  # what the blank means (read back as blank on import)
            elif not for_excel:
                value = display(f, value)
            item[f.label] = value
        data.append(item)
    return pd.DataFrame(data, columns=[f.label for f in resource.stored_fields])


def audit_export(resource: Resource, actor: Principal, rows: Sequence[SQLModel], kind: str) -> None:
    """An export holding records whose reads are audited (secret letters) is one audit event: the register, the
    format, how many rows and how many of them audited ones."""
    held = sum(1 for row in rows if resource.audit_reads(row)) if resource.audit_reads is not None else 0
    if held:
        audit.record_now('export', org_id=actor.org_id, actor_id=actor.user_id, actor_name=actor.full_name,
                         object_type=resource.model.__name__, object_id='',
                         data={'where': resource.ident, 'register': resource.title_plural, 'format': kind,
                               'rows': len(rows), 'audited_rows': held})


def _export_rows(resource: Resource, actor: Principal, search: str, filters: dict | None, kind: str) -> list:
    require(actor, resource.view, where=resource.ident)
    with db.session_scope() as session:
        rows = list(session.exec(_filtered(resource, actor, search, filters).order_by(
            getattr(resource.model, resource.sort), resource.model.id)).all())
    audit_export(resource, actor, rows, kind)
    return rows


def export_xlsx(resource: Resource, actor: Principal, *, search: str = '', filters: dict | None = None) -> bytes:
    """The current list (filters applied), every field, Thai headings; re-importable as it is."""
    from core.reports import to_xlsx
    plain = [f.label for f in resource.stored_fields if f.kind == 'int' and not f.thousands]  # years: 2570
    return to_xlsx(to_frame(resource, actor, _export_rows(resource, actor, search, filters, 'xlsx'), date_cells=True),
                   plain=plain, percent=())  # a register's numbers go back in as they came out


def export_pdf(resource: Resource, actor: Principal, *, search: str = '', filters: dict | None = None,
               thai_digits: bool = False, subtitle: str | None = None) -> bytes:
    """The current list as an A4 register: the LAO's name, the register, as of when (and what was searched), the
    rows, and the signature of the one who printed it (ผู้จัดทำ)."""
    from core.reports import to_pdf
    from core.signers import user_signer
    from models.org import Organization
    rows = _export_rows(resource, actor, search, filters, 'pdf')
    df = to_frame(resource, actor, rows)[[resource.field(n).label for n in resource.columns]]
    kinds = {'int': 'int', 'money': 'money'}
    columns = [{'key': f.label, 'label': f.label, 'kind': kinds.get(f.kind, 'text') if f.thousands else 'text',
                'align': 'R' if f.kind in kinds else 'L'} for f in resource.column_fields()]  # years: 2570
    with db.session_scope() as session:
        org = session.get(Organization, actor.org_id)
        org_name = org.name if org else ''
        signer = user_signer(session, actor)
    period = f'ข้อมูล ณ วันที่ {format_date(today(), "long")}' + (f' ค้นหา "{search}"' if search else '')
    return to_pdf(df, resource.title_plural, subtitle=None if subtitle == org_name else subtitle,
                  landscape=None, thai_digits=thai_digits, columns=columns, font_size=12, org_name=org_name,
                  period=period, signatures=[('ผู้จัดทำ', signer)])


ImportAction = Literal['new', 'changed', 'unchanged', 'refused']


@dataclass
class ImportRow:
    number: int  # the spreadsheet row number (heading = 1)
    values: dict[str, Any]
    errors: list[str]
    action: ImportAction = 'new'  # what the row does: a new record, changes to one on file, nothing, or refused
    record_id: int | None = None  # the record on file with the row's natural key
    changes: dict[str, list[Any]] = field(default_factory=dict)  # field -> [on file, in the row] (a changed row)
    cells: dict[str, Any] = field(default_factory=dict)  # the row as the file wrote it (heading -> cell)
    version: int | None = None  # the version of the record on file when the row was checked

    @property
    def outcome(self) -> ImportAction:
        return 'refused' if self.errors else self.action


@dataclass
class ImportReport:
    rows: list[ImportRow]
    imported: int = 0  # rows written (new and changed) by a commit
    # lookup columns: field -> {value as written: how it was matched} for values matched other than exactly
    matched: dict[str, dict[str, Match]] = field(default_factory=dict)
    # field -> {value as written: the closest option labels} for values matched by no option (their rows refused)
    unmatched: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    options: dict[str, dict[Any, str]] = field(default_factory=dict)  # the options of each field in `unmatched`
    headings: list[str] = field(default_factory=list)  # the file's column headings, in order
    choices: dict[str, dict[Any, str]] = field(default_factory=dict)  # labels of the select and reference fields

    def shown_changes(self, resource: 'Resource', row: ImportRow) -> list[tuple[str, str, str]]:
        """A changed row's changes as the officer reads them: (field label, on file, in the row)."""
        return [(resource.field(n).label, display(resource.field(n), old, self.choices.get(n)),
                 display(resource.field(n), new, self.choices.get(n))) for n, (old, new) in row.changes.items()]

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def invalid(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def versions(self) -> dict[int, int]:
        """Row number -> the version of its record on file when checked (for the commit: `import_xlsx(versions=)`)."""
        return {r.number: r.version for r in self.rows if r.version is not None}

    def of(self, outcome: ImportAction) -> list[ImportRow]:
        return [r for r in self.rows if r.outcome == outcome]

    @property
    def counts(self) -> dict[ImportAction, int]:
        """How many rows are new, changed, unchanged and refused."""
        found = dict.fromkeys(('new', 'changed', 'unchanged', 'refused'), 0)
        for row in self.rows:
            found[row.outcome] += 1
        return found


def read_workbook(content: bytes, **options: Any) -> pd.DataFrame:
    """pandas.read_excel of an upload; a file that is not a readable workbook is the user's, not our bug: one
    Thai message (no Python exception name) saying what the file must be."""
    try:  # calamine (Rust) reads a workbook about six times faster than openpyxl; openpyxl where it cannot
        try:
            return pd.read_excel(BytesIO(content), engine='calamine', **options)
        except Exception:
            return pd.read_excel(BytesIO(content), engine='openpyxl', **options)
    except Exception as error:  # any unreadable upload: a PDF renamed .xlsx, a damaged or password-protected file
        raise ValidationFailed({'file': 'ไฟล์: อ่านไม่ได้ ต้องเป็นไฟล์ Excel (.xlsx) ที่เปิดได้ตามปกติ '
                                        '(ไม่ได้ตั้งรหัสผ่าน ไม่ใช่ไฟล์ชนิดอื่นที่เปลี่ยนชื่อ)'}) from error


def _csv_text(content: bytes) -> str | None:
    """The text of an upload that is a CSV file (UTF-8, with or without BOM, or TIS-620 as older Thai Windows
    programs write it), or None for anything else (a workbook is a zip or an OLE file)."""
    if content[:4] in (b'PK\x03\x04', b'\xd0\xcf\x11\xe0') or b'\x00' in content[:4096]:
        return None
    for encoding in ('utf-8-sig', 'tis-620'):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    first = text.lstrip().split('\n', 1)[0]
    return text if any(sep in first for sep in (',', '\t', ';')) else None


def read_sheet(content: bytes, heading: str | None = None) -> pd.DataFrame:
    """The rows of an uploaded workbook's first sheet (or of a CSV file), indexed by spreadsheet row number, under
    its heading row: the row holding the cell `heading`, or else the first row with more than one value (a title
    row is skipped). An unreadable file is the user's, not our bug: a Thai message naming the file."""
    if (text := _csv_text(content)) is not None:
        try:
            raw = pd.read_csv(StringIO(text), header=None, dtype=object, sep=None, engine='python',
                              keep_default_na=False, na_values=[''])
        except Exception as error:  # a ragged or otherwise broken CSV
            raise ValidationFailed({'file': 'ไฟล์: อ่าน CSV ไม่ได้ ตรวจว่าทุกแถวมีจำนวนคอลัมน์เท่ากัน'}) from error
    else:
        raw = read_workbook(content, header=None, dtype=object)
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


class _RowRefused(Exception):
    """Rolls back one row's savepoint during an import."""


def lookups_for(resource: Resource, actor: Principal, choices: dict[str, dict]) -> dict[str, Lookup]:
    """The register's lookup columns (select and reference fields) with every way a file may name their options:
    codes of a referenced code list and the officer's saved choices, one query per column."""
    with db.session_scope() as session:
        saved = saved_choices(session, actor.org_id, resource.ident)
        found = {}
        for f in resource.form_fields(creating=True):
            if f.kind not in ('select', 'ref'):
                continue
            codes = f.codes(actor) if f.codes is not None else None
            if f.kind == 'ref' and 'code' in f.ref.model.model_fields:
                codes = dict(session.exec(select(f.ref.model.id, f.ref.model.code).where(
                    f.ref.model.org_id == actor.org_id)).all())
            found[f.name] = Lookup(choices.get(f.name, {}), codes, saved.get(f.name))
    return found


def _cell_text(raw: Any) -> str:
    """A lookup cell as text: a whole number read from a spreadsheet (411001.0) as written (411001)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return re.sub(r'\s+', ' ', str(raw)).strip()


def match_lookups(resource: Resource, df: pd.DataFrame, lookups: dict[str, Lookup],
                  report: ImportReport) -> dict[str, dict[str, Match | None]]:
    """Each distinct value of each lookup column present in the sheet, matched once; the report keeps what was
    matched other than exactly (for the preview) and what matched nothing (with the closest names)."""
    found: dict[str, dict[str, Match | None]] = {}
    for name, lookup in lookups.items():
        label = resource.field(name).label
        if label not in df.columns:
            continue
        texts = {_cell_text(v) for v in df[label] if not _is_blank(v)}  # 0 and False: two texts, one value
        found[name] = {text: lookup.find(text) for text in texts}
        if shown := {t: m for t, m in found[name].items() if m is not None and m.rule not in EXACT}:
            report.matched[name] = shown
        if missing := sorted(t for t, m in found[name].items() if m is None):
            report.unmatched[name] = {t: lookup.closest(t) for t in missing}
            report.options[name] = lookup.options
    return found


COLUMN = '@column'  # the ImportChoice "field" of a column mapping: a heading in loose form -> a field's name


def _columns(resource: Resource, actor: Principal, headings: Sequence[str]) -> dict[str, str | None]:
    """Each heading of a file -> the field it fills: the officer's saved choice for this register, else the field
    whose label it is (also with other spacing or punctuation), else none; a field is filled by one column only."""
    with db.session_scope() as session:
        saved = saved_choices(session, actor.org_id, resource.ident).get(COLUMN, {})
    fields = {f.name: f for f in resource.form_fields(creating=True)}
    by_label = {loose(f.label): f.name for f in fields.values()}
    found: dict[str, str | None] = {}
    for heading in headings:
        name = (saved[loose(heading)] or None) if loose(heading) in saved else by_label.get(loose(heading))
        found[heading] = name if name in fields and name not in found.values() else None
    return found


def column_mapping(resource: Resource, actor: Principal, content: bytes) -> tuple[dict[str, str | None],
                                                                                  dict[str, str]]:
    """What the dialog shows before the rows: each heading of the uploaded file and the field it fills (or None),
    and the fields a column may fill (name -> Thai label)."""
    require(actor, resource.edit, where=resource.ident)
    shown_only = {f.label for f in resource.fields if f.display_only}  # what the export adds for reading (โอนเพิ่ม)
    headings = [h for h in read_sheet(content).columns if h and h not in shown_only]
    return _columns(resource, actor, headings), {f.name: f.label for f in resource.form_fields(creating=True)}


def remember_columns(resource: Resource, actor: Principal, chosen: dict[str, str]) -> None:
    """Keep the officer's column mapping (heading as the file writes it -> field name, '' for a column not used)
    for this LAO's next imports of the register (audited)."""
    require(actor, resource.edit, where=resource.ident)
    fields = {f.name for f in resource.form_fields(creating=True)}
    if any(name and name not in fields for name in chosen.values()):
        raise ValidationFailed({'file': 'คอลัมน์: กรุณาเลือกช่องจากรายการ'})
    with db.session_scope(write=True) as session:
        kept = remember(session, actor.org_id, actor.user_id, resource.ident, COLUMN, chosen)
        audit.record_by(session, actor, 'import-choice', object_type='ImportChoice', object_id='',
                        data={'where': resource.ident, 'field': COLUMN, 'choices': kept})


def remember_choices(resource: Resource, actor: Principal, field_name: str, chosen: dict[str, Any]) -> None:
    """Keep the officer's choices for a lookup column (value as written -> option key) for this LAO's next imports
    of the register (audited)."""
    require(actor, resource.edit, where=resource.ident)
    f = resource.field(field_name)
    options = choices_of(f, actor) if f.kind in ('select', 'ref') else {}
    if not options or any(key not in options for key in chosen.values()):
        raise ValidationFailed({field_name: f'{f.label}: กรุณาเลือกจากรายการ'})
    with db.session_scope(write=True) as session:
        kept = remember(session, actor.org_id, actor.user_id, resource.ident, field_name, chosen)
        audit.record_by(session, actor, 'import-choice', object_type='ImportChoice', object_id='',
                        data={'where': resource.ident, 'field': field_name, 'choices': kept})


def _blank_equal(old: Any, new: Any) -> bool:
    """The same value, counting an empty text cell and no value as one (an export writes None as an empty cell)."""
    return old == new or (old in (None, '') and new in (None, ''))


def _on_file(session: Session, resource: Resource, actor: Principal, keys: set[tuple]) -> dict[tuple, Any]:
    """The records (within the user's reach, this register's part of the table) whose natural key is one of `keys`,
    one query per 500 keys by the key's first field: as rows of their id, version and stored fields (a re-import of
    100,000 unchanged rows builds no record), or as records loaded for update when a field is not a column."""
    names, model = tuple(resource.natural_key), resource.model
    wanted = ['id', 'version', *names, *(f.name for f in resource.stored_fields)]
    if resource.workflow is not None:
        wanted.append(resource.workflow.field)
    light = all(name in model.__table__.c for name in wanted)
    firsts = sorted({k[0] for k in keys}, key=str)
    found: dict[tuple, Any] = {}
    for start in range(0, len(firsts), 500):
        query = _filtered(resource, actor).where(col(getattr(model, names[0])).in_(firsts[start:start + 500]))
        query = query.with_only_columns(*(getattr(model, n) for n in dict.fromkeys(wanted))) if light \
            else query.with_for_update()
        # execute, not exec: sqlmodel's select of one entity would hand back the first column alone
        for record in (session.execute(query) if light else session.exec(query)).all():
            found.setdefault(tuple(getattr(record, n) for n in names), record)
    return {k: v for k, v in found.items() if k in keys}


def _locked(session: Session, resource: Resource, rows: dict[tuple, Any]) -> dict[tuple, SQLModel]:
    """The records behind `rows` (those an import changes) loaded for update, one query per 500."""
    model = resource.model
    ids = sorted({row.id for row in rows.values()})
    by_id: dict[int, SQLModel] = {}
    for start in range(0, len(ids), 500):
        query = select(model).where(col(model.id).in_(ids[start:start + 500])).with_for_update()
        by_id.update({record.id: record for record in session.exec(query).all()})
    return {key: by_id[row.id] for key, row in rows.items() if row.id in by_id}


def _compare(resource: Resource, row: ImportRow, record: SQLModel, read: set[str]) -> None:
    """A row whose natural key is on file: the fields it changes (edit form's fields the file has a column for: a
    file without the column of ผู้ใหญ่บ้าน leaves the names on file alone), or unchanged."""
    row.record_id, row.version = record.id, record.version
    on_file = _snapshot(record, resource)
    names = [f.name for f in resource.form_fields(creating=False) if f.name in read]
    row.changes = {n: [on_file.get(n), row.values[n]] for n in names
                   if n in row.values and not _blank_equal(on_file.get(n), row.values[n])}
    row.action = 'changed' if row.changes else 'unchanged'


def _in_sets(resource: Resource) -> bool:
    """An import into this register is checked as one set of rows and written a statement per thousand rows: the
    rules do not build the record themselves and no ORM hook must see each insert (registers that have either go
    row by row, each row in its own savepoint)."""
    mapper = sa_inspect(resource.model)
    return (resource.rules.import_by_set and type(resource.rules).create is Rules.create
            and not mapper.dispatch.before_insert
            and not mapper.dispatch.after_insert)


def _unique_in_set(session: Session, resource: Resource, actor: Principal,
                   prepared: list[tuple[ImportRow, SQLModel | None, dict]]) -> None:
    """The `unique` rule for all of an import's rows at once: a value another record holds (one query per 500
    values), or that an earlier row of the file takes, refuses the row."""
    model = resource.model
    for names in resource.unique:
        wanted: dict[tuple, list] = {}
        for entry in prepared:
            row, record, stored = entry
            if not row.errors:
                values = tuple(stored[n] if n in stored else getattr(record, n, None) for n in names)
                wanted.setdefault(values, []).append(entry)
        holders: dict[tuple, set[int]] = {}
        firsts = sorted({v[0] for v in wanted if v[0] is not None}, key=str)
        for start in range(0, len(firsts), 500):
            query = select(model.id, *(getattr(model, n) for n in names)).where(
                model.org_id == actor.org_id, col(getattr(model, names[0])).in_(firsts[start:start + 500]))
            for found_id, *values in session.exec(query).all():
                holders.setdefault(tuple(values), set()).add(found_id)
        for values, entries in wanted.items():
            if None in values:  # NULL is no value: never taken (as the database's unique index counts it)
                continue
            first_row = None
            for row, record, _ in entries:
                if holders.get(values, set()) - {record.id if record is not None else None}:
                    row.errors.append(_taken(resource, names, dict(zip(names, values, strict=True))))
                elif first_row is not None:
                    labels = ' และ '.join(resource.field(n).label for n in names)
                    row.errors.append(f'{labels}: ซ้ำกับแถวที่ {first_row} ในไฟล์')
                else:
                    first_row = row.number


def _insert_set(session: Session, resource: Resource, actor: Principal, rows: list[dict[str, Any]]) -> list[int]:
    """New records from clean (stored) values, one INSERT statement per thousand rows with the same columns; their
    ids in the rows' order."""
    model, names = resource.model, set(resource.model.model_fields)
    tracked = {'created_by': actor.user_id} if 'created_by' in names else {}
    if resource.workflow is not None:
        tracked[resource.workflow.field] = resource.workflow.initial
    values = []
    for stored in rows:
        if resource.numbering is not None and not stored.get(resource.number_field):
            on = stored.get(resource.number_date) if resource.number_date else None
            stored[resource.number_field] = next_number(session, actor.org_id, resource.numbering, on or today()).text
        values.append({'org_id': actor.org_id, **tracked, **resource.fixed,
                       **{k: v for k, v in stored.items() if k in names}})
    ids: list[int | None] = [None] * len(values)
    groups: dict[tuple, list[int]] = {}
    for index, row in enumerate(values):
        groups.setdefault(tuple(row), []).append(index)
    statement = sa_insert(model).returning(model.id, sort_by_parameter_order=True)
    for indexes in groups.values():
        for start in range(0, len(indexes), 1000):
            chunk = indexes[start:start + 1000]
            found = session.execute(statement, [values[i] for i in chunk]).scalars().all()
            for index, record_id in zip(chunk, found, strict=True):
                ids[index] = record_id
    return ids


def _write_as_set(session: Session, resource: Resource, actor: Principal, report: ImportReport,
                  records: dict[tuple, SQLModel], commit: bool) -> int:
    """An import's new and changed rows checked as one set (the rules' before_write per row, then uniqueness and
    state for all) and, with commit, written in batches: one `import` event naming the file's counts, then one
    audit event per record created or changed, each pointing at it (a record's history says it came from the
    import, and from which row)."""
    natural, editable = tuple(resource.natural_key), [f.name for f in resource.form_fields(creating=False)]
    prepared: list[tuple[ImportRow, SQLModel | None, dict]] = []
    for row in report.valid:
        if row.action == 'unchanged':
            continue
        record = records[tuple(row.values[n] for n in natural)] if row.action == 'changed' else None
        try:
            if record is not None:
                if reason := change_refusal(session, resource, record):
                    raise Refusal(reason)
                kept = {n: row.changes[n][1] if n in row.changes else getattr(record, n) for n in editable}
                stored = resource.rules.before_write(session, actor, kept, record)
            else:
                stored = resource.rules.before_write(session, actor, dict(row.values), None)
                if type(resource.rules).locked is not Rules.locked and (reason := resource.rules.locked(
                        session, resource.model(org_id=actor.org_id, **resource.fixed, **stored))):
                    raise Refusal(reason)
        except Refusal as refused:
            row.errors.extend(refused.errors.values() or [refused.message])
            continue
        prepared.append((row, record, stored))
    _unique_in_set(session, resource, actor, prepared)
    prepared = [entry for entry in prepared if not entry[0].errors]
    if not commit or not prepared:
        return 0
    name = resource.model.__name__
    summary = audit.record_by(session, actor, 'import', object_type=name, data={'where': resource.ident,
                                                                                    **report.counts})
    new = [(row, stored) for row, record, stored in prepared if record is None]
    ids = _insert_set(session, resource, actor, [stored for _, stored in new])
    audit.record_many(session, actor, 'create', name, [
        (record_id, {**_audited(resource, stored), VERSION_KEY: 1, 'imported_row': row.number, IMPORT_KEY: summary.id})
        for (row, stored), record_id in zip(new, ids, strict=True)])
    updates = []
    for row, record, stored in prepared:
        if record is None:
            continue
        changed = audit.changes(_snapshot(record, resource), _audited(resource, stored))
        for field_name, value in stored.items():
            setattr(record, field_name, value)
        stamp(record, actor)
        updates.append((record.id, {**changed, VERSION_KEY: record.version, 'imported_row': row.number,
                                    IMPORT_KEY: summary.id}))
    session.flush()
    audit.record_many(session, actor, 'update', name, updates)
    if resource.model in ACCESS_MODELS and prepared:
        renew_access(session, {actor.org_id})
    return len(prepared)


def import_xlsx(resource: Resource, actor: Principal, content: bytes, commit: bool = False,
                key: str | None = None, versions: dict[int, int] | None = None) -> ImportReport:
    """Check every row (preview) through the same rules as the form: a row whose natural key is on file changes
    that record (or is unchanged), any other row is a new record. With commit, write the new and changed rows in
    one transaction (each through the kit's create or update path, audited) and report the refused ones.

    `versions` (row number -> the record's version the preview showed, `ImportReport.versions`) holds a commit to
    the kit's version rule: a row whose record someone changed since the preview is refused, naming who changed
    what, rather than silently written over (or back)."""
    require(actor, resource.edit, where=resource.ident)
    if not resource.importable:
        raise Refusal(f'{resource.title_plural}: นำเข้าจาก Excel ไม่ได้')
    df = read_sheet(content)
    columns, labels = _columns(resource, actor, df.columns), {f.label for f in resource.fields}
    df = df.loc[:, [bool(columns.get(h)) or h not in labels for h in df.columns]]  # a column set aside: not read
    df = df.rename(columns={h: resource.field(n).label for h, n in columns.items() if n})
    by_label = {f.label: f for f in resource.fields}
    missing = [f.label for f in resource.fields if f.required and f.label not in df.columns]
    if missing:
        raise ValidationFailed({'file': 'ไฟล์: ไม่มีคอลัมน์ ' + ', '.join(missing)})
    choices = choices_for(resource, actor)
    natural = tuple(resource.natural_key)
    distinct = list(dict.fromkeys([natural, *map(tuple, resource.unique)]) if natural else resource.unique)
    report, seen = ImportReport([], headings=list(df.columns), choices=choices), {names: {} for names in distinct}
    lookups = lookups_for(resource, actor, choices)
    matched = match_lookups(resource, df, lookups, report)
    read = [c for c in df.columns if c in by_label]
    present = {by_label[c].name for c in read}
    # a new row takes a field's default when the file has no column for it (computed once, not per row)
    defaults = {f.name: default_of(f, actor) for f in resource.form_fields(creating=True) if f.name not in present}
    for number, cells in zip(df.index, df.to_dict('records'), strict=True):
        values = {**defaults, **{by_label[c].name: cells[c] for c in read}}
        refused = {}  # a lookup value matched by nothing: one message (the value and the closest names)
        for name, found in matched.items():
            if not _is_blank(values.get(name)):
                match = found[_cell_text(values[name])]
                if match is None:
                    refused[name] = lookups[name].refusal(resource.field(name).label, values[name])
                values[name] = match.key if match is not None else None
        clean = {}
        try:
            clean = validate(resource, actor, values, choices)
        except ValidationFailed as failed:
            refused = {**failed.errors, **refused}
        errors = list(refused.values())
        for names in distinct:  # duplicates inside the file itself
            found = tuple(clean.get(n) for n in names)
            if not clean or '' in found:  # an empty text key (a budget line's code): a new record, numbered
                continue
            if found in seen[names]:
                errors.append(f'{" และ ".join(resource.field(n).label for n in names)}: '
                              f'ซ้ำกับแถวที่ {seen[names][found]} ในไฟล์')
            else:
                seen[names][found] = number
        report.rows.append(ImportRow(int(number), clean or values, errors, cells=cells))

    def work(session: Session) -> int:
        keyed = {found: r for r in report.valid if natural and '' not in (found := tuple(r.values[n] for n in natural))}
        on_file = _on_file(session, resource, actor, set(keyed)) if keyed else {}
        for found, record in on_file.items():
            _compare(resource, keyed[found], record, present)
        records = _locked(session, resource, {k: v for k, v in on_file.items() if keyed[k].action == 'changed'})
        for found, record in records.items():
            row = keyed[found]
            if record.version != row.version:  # changed by someone between the first read and the lock
                _compare(resource, row, record, present)
            if versions is not None and versions.get(row.number, record.version) != record.version:
                since = changes_since(session, resource, record.id, versions[row.number])
                who = '; '.join(f'{c["label"]} โดย {c["by"]} เมื่อ {format_datetime(c["at"])}' for c in since)
                row.errors.append(f'{resource.title}นี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ตรวจไฟล์' + (f' ({who})' if who else '')
                                  + ' กรุณาตรวจไฟล์อีกครั้งก่อนบันทึก')
        if _in_sets(resource):
            report.imported = _write_as_set(session, resource, actor, report, records, commit)
            return report.imported
        for row in report.valid:
            if row.action == 'unchanged':
                continue
            try:
                with session.begin_nested():
                    if row.action == 'changed':
                        record = records[tuple(row.values[n] for n in natural)]
                        if reason := change_refusal(session, resource, record):
                            raise Refusal(reason)
                        kept = {n: row.changes[n][1] if n in row.changes else getattr(record, n)
                                for n in (f.name for f in resource.form_fields(creating=False))}
                        write_changes(session, resource, actor, record, kept, audit_data={'imported_row': row.number})
                    else:
                        insert(session, resource, actor, row.values, {'imported_row': row.number})
                    if not commit:
                        raise _RowRefused  # a preview writes nothing
            except _RowRefused:
                pass
            except Refusal as refused:
                row.errors.extend(refused.errors.values() or [refused.message])
        report.imported = sum(1 for r in report.valid if r.action != 'unchanged') if commit else 0
        return report.imported

    if commit:
        ran = []
        submissions.once(actor, key, f'import {resource.ident}', lambda session: ran.append(1) or work(session))
        if not ran:  # a repeated commit (a double-click): the first one wrote the rows; show them as they are now
            return import_xlsx(resource, actor, content)
    else:
        with db.session_scope() as session:
            work(session)
            session.rollback()
    return report


REASON = 'เหตุที่ไม่ผ่าน'  # the column of the refused rows' workbook saying why, in Thai


def refused_xlsx(resource: Resource, report: ImportReport) -> bytes:
    """The refused rows as the file wrote them, with their reasons in a Thai column: fixed in a spreadsheet, the
    workbook imports again (the reason column is not a field and is ignored)."""
    from core.reports import to_xlsx
    headings = [h for h in report.headings if h and h != REASON]
    rows = [{REASON: '; '.join(r.errors), 'แถวในไฟล์เดิม': r.number, **{h: r.cells.get(h) for h in headings}}
            for r in report.invalid]
    frame = pd.DataFrame(rows, columns=[REASON, 'แถวในไฟล์เดิม', *headings])
    plain = [f.label for f in resource.fields if f.kind == 'int' and not f.thousands] + ['แถวในไฟล์เดิม']
    return to_xlsx(frame.astype(object).where(frame.notna(), None), plain=plain, percent=())


def _history(session: Session, resource: Resource, actor: Principal, record_id: int) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(
        AuditEvent.org_id == actor.org_id, AuditEvent.object_type == resource.model.__name__,
        AuditEvent.object_id == str(record_id)).order_by(AuditEvent.id.desc())).all())


def history(resource: Resource, actor: Principal, record_id: int) -> list[AuditEvent]:
    """The record's audit trail, newest first."""
    with db.session_scope() as session:
        _load(session, resource, actor, record_id, resource.view)
        return _history(session, resource, actor, record_id)


def _linked(session: Session, resource: Resource, actor: Principal,
            record_id: int) -> list[tuple[Resource, list[SQLModel]]]:
    """Records of other registers pointing at this one, each list limited to what the user may see."""
    found = []
    for link in resource.links:
        other = REGISTRY.get(link.resource)
        if other is None or not actor.can(other.view):
            continue
        query = select(other.model).where(other.model.org_id == actor.org_id,
                                          getattr(other.model, link.field) == record_id)
        if (condition := other.rules.visible(actor, other.model, other.view)) is not None:
            query = query.where(condition)
        found.append((other, list(session.exec(query.limit(200)).all())))
    return found


def attach(resource: Resource, actor: Principal, record_id: int, filename: str, content: bytes):
    """Attach a file to a record the user may change."""
    if not resource.attachments:
        raise Refusal('ทะเบียนนี้ไม่มีไฟล์แนบ')
    require(actor, resource.edit, where=resource.ident)
    with db.session_scope() as session:
        record = _load(session, resource, actor, record_id, resource.edit)
        if reason := resource.rules.locked(session, record):
            raise Refusal(reason)
    return files.save(actor, resource.model.__name__, record_id, filename, content)


def attachments(resource: Resource, actor: Principal, record_id: int) -> list:
    get(resource, actor, record_id)
    return files.attachments_of(actor.org_id, resource.model.__name__, record_id)


def open_attachment(actor: Principal, attachment_id: int) -> tuple[Any, bytes]:
    """The file and its bytes, only if the user may see the record it is attached to."""
    attachment = files.get(actor.org_id, attachment_id)
    owners = [r for r in REGISTRY.values() if attachment and r.attachments
              and r.model.__name__ == attachment.object_type]
    if attachment is None or not owners:
        raise NotFound('ไม่พบไฟล์แนบนี้')
    record, refusal = None, None
    for owner in owners:  # one table may be several registers (fixed values); the record belongs to one
        try:
            record = get(owner, actor, attachment.object_id)
            break
        except (NotFound, Denied) as error:
            refusal = error
    if record is None:
        raise refusal
    audit_read(owner, actor, record, 'download')
    return attachment, files.read(attachment)
