"""Pages of a Resource (core/resource.py): list, form (create/edit with autosave), detail. Built from the declaration;
the app adds only its detail-page sections when it registers the pages.

Every handler that writes acts as the user signed in now (`acting`), carries the record's version and a submission
key, and keeps the button disabled while it runs: a stale tab cannot act, a double-click makes one record."""

import asyncio
import functools
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import Response
from nicegui import events, run, ui

from core import drafts
from core import resource as service
from core.errors import Conflict, Refusal, SignedOut
from core.lookups import RULES
from core.resource import FormField, Resource, display
from core.thai import format_date, format_datetime, format_money, parse_be_date, today
from pages.layout import Viewer, acting, attempt, frame, page, refused, signed_in_file, signed_out
from pages.selects import LongSelect
from pages.uploads import LimitedUpload


@dataclass(frozen=True)
class Section:
    """An app's extra card on a detail page. `load(principal, record)` reads what it shows, in the page's one trip
    off the event loop (with the record itself and the other sections' reads); `show(viewer, record, loaded)` draws
    it on the event loop and goes to the database only for what the user does next."""

    show: Callable[[Viewer, Any, Any], Any]  # may be async (a card that waits for a first answer of its own)
    load: Callable[[Any, Any], Any] | None = None


CARDS: dict[str, Callable[[Resource, str], Section]] = {}  # card name -> (register, title) -> its section


def offer_card(name: str, card: Callable[[Resource, str], Section]) -> None:
    """An app offers a card for other registers' detail pages (those whose declaration names it in `cards`)."""
    CARDS[name] = card


TYPED_KINDS = ('text', 'textarea', 'int', 'money', 'date', 'citizen_id')  # mirrored in the browser as typed

# While the connection is down the server hears nothing, so the browser keeps its own copy of what is typed
# (localStorage, per form); the form takes it back when it opens again and it is newer than the server draft.
MIRROR_JS = '''
(() => {
  const key = %s;
  if (window.__laoMirror === key) return;
  window.__laoMirror = key;
  document.addEventListener('input', (event) => {
    if (!event.target.closest || !event.target.closest('[data-field]')) return;
    const values = {};
    document.querySelectorAll('[data-field]').forEach((el) => {
      const input = el.matches('input, textarea') ? el : el.querySelector('input, textarea');
      if (input) values[el.dataset.field] = input.value;
    });
    localStorage.setItem(key, JSON.stringify({at: Date.now(), values}));
  }, true);
})();
'''


def _local_key(form_key: str) -> str:
    return json.dumps(f'lao-draft:{form_key}')


def new_key() -> str:
    """A submission key: one per rendered form or button, so its repeats are recognised on the server."""
    return uuid.uuid4().hex


def register_resource(resource: Resource, sections: Sequence[Section] = ()) -> None:
    """Register the list, new, detail and edit pages of one Resource (and the app's cards on its detail page)."""

    @page(resource.path, resource.view, resource.title_plural, load=lambda actor: _opening(resource, actor))
    async def list_page(viewer: Viewer, opening: tuple):
        await _list(viewer, resource, opening)

    @page(f'{resource.path}/new', resource.edit, f'เพิ่ม{resource.title}',
          load=lambda actor: _starting(resource, actor, None))
    async def new_page(viewer: Viewer, start: 'tuple | Refusal'):
        await _form(viewer, resource, None, start)

    @functools.cache
    def cards() -> list[Section]:
        # resolved at the first opening, not at registration: the app offering a card may register after this one
        return [*sections, *(CARDS[name](resource, title) for name, title in resource.cards.items() if name in CARDS)]

    @page(f'{resource.path}/{{record_id}}', resource.view, resource.title,
          load=lambda actor, record_id: _reading(resource, cards(), actor, record_id))
    async def detail_page(viewer: Viewer, read: 'tuple[service.Detail, list] | Refusal', record_id: int):
        await _detail(viewer, resource, record_id, read, cards())

    @page(f'{resource.path}/{{record_id}}/edit', resource.edit, f'แก้ไข{resource.title}',
          load=lambda actor, record_id: _starting(resource, actor, record_id))
    async def edit_page(viewer: Viewer, start: 'tuple | Refusal', record_id: int):
        await _form(viewer, resource, record_id, start)


def register_file_route() -> None:
    """Attachments are served only here, after a permission check on the record they belong to."""

    @signed_in_file('/files/{attachment_id}')
    def download(actor, attachment_id: str) -> Response:
        attachment, content = service.open_attachment(actor, int(attachment_id))
        return Response(content, media_type=attachment.content_type, headers={
            'Content-Disposition': f"inline; filename*=UTF-8''{quote(attachment.filename)}",
            'X-Content-Type-Options': 'nosniff'})


def _opening(resource: Resource, actor: Any) -> tuple[dict, dict, dict, service.Page]:
    """What a list page needs before it draws, in one trip off the event loop: the choices, the filter options,
    the filters it opens with and its first page."""
    choices = service.choices_for(resource, actor)
    options = service.filter_choices(resource, actor, choices) if resource.filters else {}
    initial = resource.default_filters(actor) if resource.default_filters else {}
    first = service.query(resource, actor, filters=initial, sort=resource.sort, descending=resource.sort_descending)
    return choices, options, initial, first


async def _list(viewer: Viewer, resource: Resource, opening: tuple) -> None:
    actor = viewer.principal
    choices, options, initial, first = opening
    state: dict[str, Any] = {'search': '', 'filters': dict(initial)}
    with frame(viewer, resource.title_plural):
        if resource.help:
            ui.label(resource.help).classes('text-sm text-slate-600 -mt-3')
        with ui.row().classes('w-full items-center gap-2'):
            search = ui.input(placeholder='ค้นหา').props('dense outlined clearable debounce=400').classes(
                'w-64').mark('list-search')
            filter_inputs = {}
            for name in resource.filters:
                f = resource.field(name)
                filter_inputs[name] = ui.select({'': f'{f.label}: ทั้งหมด', **options[name]},
                                                value=initial.get(name, '')).props(
                    'dense outlined options-dense').classes('w-48').mark(f'filter-{name}')
            date_inputs = {}
            if resource.date_filter:
                label = resource.field(resource.date_filter).label
                for end, word in (('from', 'ตั้งแต่'), ('to', 'ถึง')):
                    date_inputs[f'{resource.date_filter}__{end}'] = ui.input(
                        f'{label}{word}', placeholder='วว/ดด/ปปปป').props(
                        'dense outlined clearable debounce=600').classes('w-40').mark(
                        f'filter-{resource.date_filter}-{end}')
            ui.space()
            if actor.can(resource.edit):
                ui.button(f'เพิ่ม{resource.title}', icon='add',
                          on_click=lambda: ui.navigate.to(f'{resource.path}/new')).mark('list-add')
            ui.button('Excel', icon='download', on_click=lambda: _export(viewer, resource, state)).props(
                'outline').mark('list-export')
            if actor.can(resource.edit) and resource.importable:
                ui.button('นำเข้า Excel', icon='upload', on_click=lambda: _import_dialog(viewer, resource)).props(
                    'outline').mark('list-import')
            if resource.pdf:
                ui.button('PDF', icon='picture_as_pdf', on_click=lambda: _export_pdf(viewer, resource, state)).props(
                    'outline').mark('list-pdf')
        with ui.row().classes('items-center gap-2'):
            count = ui.label('').classes('text-sm text-slate-600').mark('list-count')
            count_all = ui.button('นับทั้งหมด').props('flat dense size=sm').mark('list-count-all')
            count_all.visible = False
        columns = [{'name': f.name, 'label': f.label, 'field': f.name, 'sortable': True,
                    'align': 'right' if f.kind in ('int', 'money') else 'left'} for f in resource.column_fields()]
        table = ui.table(columns=columns, rows=[], row_key='id', pagination={
            'rowsPerPage': 25, 'page': 1, 'sortBy': resource.sort, 'descending': resource.sort_descending,
            'rowsNumber': 0,
        }).classes('w-full').props('flat bordered wrap-cells').mark('list-table')
        # a list, not the text "[25,50,100]" a props string would give (Quasar maps over it: a console error)
        table.props['rows-per-page-options'] = [25, 50, 100]

        async def load(result: service.Page | None = None) -> None:
            p = table.pagination
            result = result or await run.io_bound(
                service.query, resource, actor, search=state['search'], filters=state['filters'],
                sort=p.get('sortBy'), descending=bool(p.get('descending')), page=p.get('page', 1),
                per_page=p.get('rowsPerPage') or 25)
            table.rows = [{'id': r.id, **{f.name: display(f, getattr(r, f.name), choices.get(f.name))
                                          for f in resource.column_fields()}} for r in result.rows]
            more = result.more and state.get('exact') is None  # counted on request: kept until the search changes
            total = result.total if not result.more else state.get('exact') or result.total
            table.pagination = {**p, 'rowsNumber': total}
            count.text = f'มากกว่า {total:,} รายการ' if more else f'ทั้งหมด {total:,} รายการ'
            count_all.visible = more

        async def on_count_all() -> None:
            count_all.disable()
            try:
                done, exact = await attempt(viewer, lambda a: service.count(resource, a, search=state['search'],
                                                                            filters=state['filters']))
            finally:
                count_all.enable()
            if done:
                state['exact'] = exact
                table.pagination = {**table.pagination, 'rowsNumber': exact}
                count.text = f'ทั้งหมด {exact:,} รายการ'
                count_all.visible = False

        async def on_request(e: events.GenericEventArguments) -> None:
            table.pagination = {**table.pagination, **e.args['pagination']}
            await load()

        async def on_search() -> None:
            state['search'] = search.value or ''
            state['filters'] = {n: i.value for n, i in filter_inputs.items()}
            for name, element in date_inputs.items():
                element.error = None
                if (element.value or '').strip():
                    try:
                        state['filters'][name] = parse_be_date(element.value)
                    except ValueError as error:
                        element.error = str(error)
            table.pagination = {**table.pagination, 'page': 1}
            state['exact'] = None
            await load()

        table.on('request', on_request)
        count_all.on_click(on_count_all)
        search.on_value_change(on_search)
        for select in [*filter_inputs.values(), *date_inputs.values()]:
            select.on_value_change(on_search)
        table.on('row-click', lambda e: ui.navigate.to(f'{resource.path}/{e.args[1]["id"]}'))
        await load(first)


async def _export(viewer: Viewer, resource: Resource, state: dict) -> None:
    content = await run.io_bound(service.export_xlsx, resource, viewer.principal, search=state['search'],
                                 filters=state['filters'])
    ui.download.content(content, f'{resource.key}-{today().isoformat()}.xlsx')


async def _export_pdf(viewer: Viewer, resource: Resource, state: dict) -> None:
    content = await run.io_bound(service.export_pdf, resource, viewer.principal, search=state['search'],
                                 filters=state['filters'], subtitle=viewer.org_name)
    ui.download.content(content, f'{resource.key}-{today().isoformat()}.pdf', 'application/pdf')


def _import_dialog(viewer: Viewer, resource: Resource) -> None:
    """Upload -> value mapping of lookup columns -> preview (new / changed / unchanged / refused) -> commit the new
    and changed rows in one transaction."""
    uploaded: dict[str, Any] = {'key': new_key()}
    with ui.dialog() as dialog, ui.card().classes('w-[56rem] max-w-full').mark('import-dialog'):
        ui.label(f'นำเข้า{resource.title_plural}จาก Excel').classes('text-lg font-bold')
        ui.label('ใช้หัวคอลัมน์ภาษาไทยแบบเดียวกับไฟล์ที่ส่งออก ระบบจะตรวจทุกแถวก่อน แถวที่มีอยู่แล้วในทะเบียน'
                 'จะแก้ไขเฉพาะช่องที่เปลี่ยน แถวใหม่จะเพิ่ม แถวที่ผิดจะแจ้งเหตุผล').classes('text-sm')
        columns_box = ui.column().classes('w-full')
        busy = ui.column().classes('w-full').mark('import-busy')
        with busy:
            busy_text = ui.label('').classes('text-sm text-slate-600')
            ui.linear_progress(show_value=False).props('indeterminate')
        busy.set_visibility(False)
        report_box = ui.column().classes('w-full')
        confirm = ui.button('บันทึกแถวใหม่และแถวที่แก้ไข', icon='check').mark('import-confirm')
        confirm.disable()

        async def working(text: str, work: Callable[[Any], Any]) -> tuple[bool, Any]:
            """A long file (100,000 rows take about half a minute) shows that it is being worked on."""
            busy_text.text = text
            busy.set_visibility(True)
            try:
                return await attempt(viewer, work)
            finally:
                busy.set_visibility(False)

        async def check() -> None:
            report_box.clear()
            confirm.disable()
            done, found = await attempt(viewer, lambda actor: service.column_mapping(
                resource, actor, uploaded['content']))
            if not done:
                return
            _column_mapping(columns_box, *found, save_columns)
            done, report = await working('กำลังตรวจทุกแถวในไฟล์…', lambda actor: service.import_xlsx(
                resource, actor, uploaded['content']))
            if done:
                uploaded['versions'] = report.versions  # the commit refuses a row whose record changed since
                import_report(report_box, report, resource, remember)
                confirm.set_enabled(bool(report.of('new') or report.of('changed')))

        async def save_columns(chosen: dict[str, str]) -> None:
            confirm.disable()  # the rows are read again under the new mapping before anything is written
            done, _ = await attempt(viewer, lambda actor: service.remember_columns(resource, actor, chosen))
            if done:
                ui.notify('บันทึกการจับคู่คอลัมน์แล้ว ใช้กับการนำเข้าครั้งต่อไปด้วย', type='positive')
                await check()

        async def preview(e: events.UploadEventArguments) -> None:
            uploaded['content'] = await e.file.read()
            await check()

        remember = remembering(viewer, resource, check)

        async def commit() -> None:
            confirm.disable()
            done, report = await working('กำลังบันทึก…', lambda actor: service.import_xlsx(
                resource, actor, uploaded['content'], True, uploaded['key'], uploaded.get('versions')))
            if not done:
                confirm.enable()
                return
            import_report(report_box, report, resource, remember)
            confirm.disable()
            ui.notify(f'บันทึกแล้ว {report.imported:,} แถว', type='positive')

        ui.upload(on_upload=preview, auto_upload=True, max_file_size=20_000_000).props(
            'accept=.xlsx,.csv label="เลือกไฟล์ .xlsx หรือ .csv"').classes('w-full').mark('import-upload')
        confirm.on_click(commit)
        with ui.row():
            ui.button('ปิด', on_click=lambda: ui.navigate.reload()).props('flat')
    dialog.open()


def remembering(viewer: Viewer, resource: Resource, then: Callable) -> Callable:
    """The dialog's "save the mapping": keep the officer's choices for the register's lookup columns, then `then()`
    (check the file again)."""
    async def remember(chosen: dict[str, dict[str, Any]]) -> None:
        for name, values in chosen.items():
            done, _ = await attempt(viewer, lambda actor, name=name, values=values: service.remember_choices(
                resource, actor, name, values))
            if not done:
                return
        ui.notify('บันทึกการจับคู่แล้ว ใช้กับการนำเข้าครั้งต่อไปด้วย', type='positive')
        await then()
    return remember


def import_report(box: ui.column, report: service.ImportReport, resource: Resource, remember: Callable) -> None:
    """An import's preview or result in `box`: the counts, the values to map (`remember(field -> {value: key})`),
    the values matched other than exactly, each change field by field, each refused row and its workbook."""
    box.clear()
    counts = report.counts
    with box:
        ui.label(f'ใหม่ {counts["new"]:,} แถว · แก้ไข {counts["changed"]:,} แถว · ไม่เปลี่ยนแปลง {counts["unchanged"]:,} แถว'
                 f' · ไม่ผ่าน {counts["refused"]:,} แถว'
                 + (f' · บันทึกแล้ว {report.imported:,} แถว' if report.imported else '')).mark('import-summary')
        _value_mapping(report, resource, remember)
        for name, found in report.matched.items():
            label = resource.field(name).label
            for text, match in list(found.items())[:SHOWN_VALUES]:
                ui.label(f'{label}: "{text}" → "{match.label}" '
                         f'({RULES[match.rule]}{" " + match.note if match.note else ""})').classes(
                    'text-sm text-gray-700').mark('import-matched')
        for row in report.of('changed')[:200]:
            ui.label(f'แถวที่ {row.number} แก้ไข: ' + '; '.join(
                f'{label} "{old or "—"}" → "{new or "—"}"' for label, old, new in report.shown_changes(resource, row))
            ).classes('text-sm text-blue-800').mark('import-change')
        for row in report.invalid[:200]:
            ui.label(f'แถวที่ {row.number}: ' + '; '.join(row.errors)).classes('text-sm text-red-700').mark(
                'import-error')
        if report.invalid:
            async def download() -> None:
                content = await run.io_bound(service.refused_xlsx, resource, report)
                ui.download.content(content, f'{resource.key}-refused-{today().isoformat()}.xlsx')

            ui.label('แก้ไขแถวที่ไม่ผ่านในไฟล์นี้ (มีคอลัมน์เหตุที่ไม่ผ่าน) แล้วนำเข้าไฟล์นั้นอีกครั้งได้').classes('text-sm')
            ui.button(f'ดาวน์โหลดแถวที่ไม่ผ่าน {len(report.invalid):,} แถว (.xlsx)', icon='download',
                      on_click=download).props('outline').mark('import-refused-download')


SHOWN_VALUES = 50  # values of one lookup column the dialog lists at once


def _column_mapping(box: ui.column, columns: dict[str, str | None], fields: dict[str, str],
                    save: Callable) -> None:
    """Each heading of the file and the field it fills (matched by heading, or as chosen before), changeable."""
    box.clear()
    unused = [h for h, n in columns.items() if not n]
    with box, ui.expansion(f'คอลัมน์ในไฟล์ {len(columns):,} คอลัมน์' + (f' (ไม่ได้ใช้ {len(unused):,})' if unused else ''),
                           value=bool(unused)).classes('w-full').mark('import-columns'):
        options = {'': '(ไม่ใช้คอลัมน์นี้)', **fields}
        selects = {heading: ui.select(options, label=f'"{heading}" คือ', value=name or '').props(
            'outlined dense options-dense').classes('w-full').mark('import-column')
            for heading, name in columns.items()}

        async def apply() -> None:
            await save({heading: s.value or '' for heading, s in selects.items()
                        if (s.value or None) != columns[heading]})

        ui.button('บันทึกการจับคู่คอลัมน์และตรวจใหม่', icon='view_column', on_click=apply).props('outline').mark(
            'import-columns-save')


def _value_mapping(report: service.ImportReport, resource: Resource, remember: Callable) -> None:
    """For each value of a lookup column matched by no option: a select of the options (closest first); the
    choices are kept for this LAO's next imports of the register."""
    if not report.unmatched:
        return
    selects: dict[str, dict[str, ui.select]] = {}
    with ui.card().classes('w-full bg-amber-50').mark('import-mapping'):
        ui.label('จับคู่ค่าที่ไม่พบในรายการ (ระบบจะจำไว้ใช้ครั้งต่อไป)').classes('font-bold')
        for name, values in report.unmatched.items():
            options = report.options[name]
            label = resource.field(name).label
            if len(values) > SHOWN_VALUES:
                ui.label(f'{label}: {len(values):,} ค่าไม่พบในรายการ แสดง {SHOWN_VALUES} ค่าแรก '
                         '(บันทึกแล้วตรวจใหม่เพื่อจับคู่ค่าถัดไป)').classes('text-sm')
            for text, near in list(values.items())[:SHOWN_VALUES]:
                first = {k: v for k, v in options.items() if v in near}
                ordered = {**dict(sorted(first.items(), key=lambda kv: near.index(kv[1]))), **options}
                selects.setdefault(name, {})[text] = LongSelect(
                    ordered, label=f'{label}: "{text}" หมายถึง', searchable=True, clearable=True).props(
                    'outlined options-dense').classes('w-full').mark(f'import-map-{name}')

        async def save() -> None:
            chosen = {name: {text: s.value for text, s in found.items() if s.value is not None}
                      for name, found in selects.items()}
            await remember({name: values for name, values in chosen.items() if values})

        ui.button('บันทึกการจับคู่และตรวจใหม่', icon='link', on_click=save).mark('import-map-save')


def _field_input(f: FormField, value: Any, choices: dict | None):
    """One input per field kind; every input carries the marker field-<name>."""
    label = f'{f.label}{" *" if f.required else ""}'
    if f.kind == 'textarea':
        element = ui.textarea(label, value=value or '').props('outlined autogrow')
    elif f.kind in ('select', 'ref'):
        element = LongSelect(choices or {}, label=label, value=value, searchable=True,
                             clearable=not f.required).props('outlined options-dense')
    elif f.kind == 'bool':
        element = ui.checkbox(f.label, value=bool(value))
    elif f.kind == 'date':
        element = ui.input(label, value=value or '', placeholder='วว/ดด/ปปปป (พ.ศ.)').props('outlined')
        with element.add_slot('append'):
            ui.icon('event').classes('cursor-pointer').mark(f'date-picker-{f.name}')
            with ui.menu() as menu:
                def picked(e, target=element, close=menu) -> None:
                    if e.value:
                        year, month, day = (int(x) for x in e.value.split('-'))
                        target.value = f'{day:02d}/{month:02d}/{year + 543}'
                        close.close()
                ui.date(on_change=picked).props('minimal')
    elif f.kind == 'password':
        element = ui.input(label, password=True, password_toggle_button=True).props(
            'outlined autocomplete=new-password')
    elif f.kind == 'citizen_id':
        element = ui.input(label, value=value or '').props('outlined mask="#-####-#####-##-#" unmasked-value')
    else:
        numeric = f.kind in ('int', 'money')
        element = ui.input(label, value='' if value is None else str(value)).props(
            'outlined' + (' inputmode=decimal input-class=text-right' if numeric else ''))
    if f.help:
        element.props(f'hint="{f.help}"')
    if f.kind in TYPED_KINDS:
        element.props(f'data-field={f.name}')
    return element.classes('w-full').mark(f'field-{f.name}')


def _raw(f: FormField, value: Any) -> Any:
    """A stored value as the form shows it for editing."""
    if value is None:
        return None
    if f.kind == 'date' and isinstance(value, date):  # a default may already be typed text
        return format_date(value, 'numeric')
    if f.kind == 'money' and isinstance(value, Decimal | int | float):
        return format_money(value)
    return value


def _form_key(resource: Resource, record_id: int | None) -> str:
    return f'{resource.path}/{record_id or "new"}'


def _starting(resource: Resource, actor: Any, record_id: int | None) -> 'tuple | Refusal':
    """Everything a form starts from, in the page's one trip: the choices, the record, its values (or the
    defaults) and the draft kept for this user; or the refusal to show instead."""
    fields = resource.form_fields(creating=record_id is None)
    try:
        record = service.get(resource, actor, record_id) if record_id is not None else None
    except Refusal as error:
        return error
    values = {f.name: _raw(f, getattr(record, f.name)) for f in fields} if record is not None else {
        f.name: _raw(f, service.default_of(f, actor)) for f in fields}  # a default as the form shows a value
    return (service.choices_for(resource, actor), record, values,
            drafts.load(actor, _form_key(resource, record_id)))


async def _form(viewer: Viewer, resource: Resource, record_id: int | None, start: 'tuple | Refusal') -> None:
    actor = viewer.principal
    form_key = _form_key(resource, record_id)
    fields = resource.form_fields(creating=record_id is None)
    if isinstance(start, Refusal):
        with frame(viewer, resource.title):
            ui.label(str(start)).mark('not-found')
        return
    choices, record, values, draft = start
    # the version this form started from; this form's submission
    opened = {'version': record.version if record is not None else None, 'key': new_key()}
    title = f'แก้ไข{resource.title}' if record_id else f'เพิ่ม{resource.title}'
    state = {'dirty': False, 'saved': False, 'busy': False, 'noted': True}  # noted: the notes need a new look
    lock = asyncio.Lock()  # a draft write in flight must finish before the record's save clears it

    async def discard_typing() -> None:
        """Drop what this form kept of the typing (server draft and the browser's copy) and open it afresh."""
        async with lock:
            state['saved'] = True  # no late autosave brings the draft back
            await run.io_bound(drafts.discard, actor, form_key)
        ui.run_javascript(f'localStorage.removeItem({_local_key(form_key)})')
        ui.navigate.reload()

    with frame(viewer, title):
        if draft:
            values.update(draft[0])
            with ui.row().classes('items-center gap-2 bg-amber-50 border border-amber-300 rounded px-3 py-1').mark(
                    'draft-notice') as notice:
                ui.icon('restore', color='orange')
                ui.label(f'กู้คืนข้อมูลที่พิมพ์ค้างไว้เมื่อ {format_datetime(draft[1])} (ยังไม่ได้บันทึก)')
                ui.button('ทิ้งร่างนี้', on_click=discard_typing).props('flat dense color=orange').mark('draft-discard')
        inputs = {}
        with ui.card().classes('w-full max-w-3xl'):
            for f in fields:
                inputs[f.name] = _field_input(f, values.get(f.name), choices.get(f.name))
            notes_box = ui.column().classes('w-full gap-1').mark('form-notes')
            errors_box = ui.label('').classes('text-red-700 whitespace-pre-line').mark('form-errors')
            conflict_box = ui.column().classes('w-full gap-1').mark('form-conflict')
            saved_label = ui.label('').classes('text-xs text-slate-500').mark('autosave-status')
            def collect() -> dict[str, Any]:
                return {name: element.value for name, element in inputs.items()}

            def draft_values() -> dict[str, Any]:  # passwords are never written to a draft
                return {f.name: inputs[f.name].value for f in fields if f.kind != 'password'}

            def mark_dirty() -> None:
                state['dirty'] = state['noted'] = True

            async def show_notes() -> None:
                state['noted'] = False
                notes = await run.io_bound(service.form_notes, resource, actor, collect(), record_id is None)
                notes_box.clear()
                with notes_box:
                    for text in notes:
                        ui.label(text).classes('text-amber-800 bg-amber-50 p-2 rounded').mark('form-note')

            async def autosave() -> None:
                if state['noted'] and resource.rules.has_notes:
                    await show_notes()
                async with lock:
                    if state['dirty'] and not state['saved']:
                        state['dirty'] = False
                        await run.io_bound(drafts.save, actor, form_key, draft_values())
                        saved_label.text = 'บันทึกร่างอัตโนมัติแล้ว'

            for element in inputs.values():
                element.on_value_change(mark_dirty)
            ui.timer(1.0, autosave)

            async def take_back_local_copy() -> None:
                ui.run_javascript(MIRROR_JS % _local_key(form_key))
                try:
                    stored = await ui.run_javascript(f'localStorage.getItem({_local_key(form_key)})', timeout=5)
                except TimeoutError:
                    return
                local = json.loads(stored) if stored else None
                if not local or local['at'] <= (draft[1].timestamp() * 1000 if draft else 0):
                    return
                changed = {n: v for n, v in local['values'].items() if n in inputs and inputs[n].value != v}
                for name, value in changed.items():
                    inputs[name].value = value
                if changed:
                    ui.notify('กู้คืนข้อมูลที่พิมพ์ไว้ในเครื่องนี้ระหว่างที่การเชื่อมต่อขาดหาย', type='info')
            ui.timer(0.1, take_back_local_copy, once=True)

            def show_conflict(conflict: Conflict) -> None:
                """Someone saved first: say who changed what; offer the newer version, or (if allowed) overwrite."""
                conflict_box.clear()
                with conflict_box:
                    with ui.row().classes('gap-2'):
                        ui.button('โหลดข้อมูลล่าสุด', icon='refresh', on_click=discard_typing).props(
                            'outline').mark('form-reload')
                        if actor.can(resource.overwrite_permission):
                            ui.button('บันทึกทับ', icon='warning', color='negative',
                                      on_click=lambda: save(overwrite=True)).props('outline').mark('form-overwrite')

            async def save(overwrite: bool = False) -> None:
                if state['busy']:  # a repeated click or websocket event while the first is running
                    return
                state['busy'] = True
                save_button.disable()
                try:
                    await _save(overwrite)
                finally:
                    state['busy'] = False
                    if not state['saved']:
                        save_button.enable()

            async def _save(overwrite: bool) -> None:
                for element in inputs.values():
                    if hasattr(element, 'error'):
                        element.error = None
                errors_box.text = ''
                async with lock:
                    try:
                        current = await acting(viewer)
                        if record_id is None:
                            new_id = await run.io_bound(service.create, resource, current, collect(),
                                                        key=opened['key'])
                        else:
                            await run.io_bound(lambda: service.update(
                                resource, current, record_id, collect(), version=opened['version'],
                                key=opened['key'], overwrite=overwrite))
                            new_id = record_id
                    except SignedOut:
                        await run.io_bound(drafts.save, actor, form_key, draft_values())
                        signed_out()
                        return
                    except Refusal as refusal:
                        for name, message in refusal.errors.items():
                            if name in inputs and hasattr(inputs[name], 'error'):
                                inputs[name].error = message
                        errors_box.text = 'บันทึกไม่ได้ กรุณาแก้ไข:\n' + str(refusal) if refusal.errors else str(refusal)
                        if isinstance(refusal, Conflict):
                            show_conflict(refusal)
                        elif not refusal.errors:
                            refused(refusal)
                        opened['key'] = new_key()  # nothing was written: the next press is a new submission
                        return
                    state['saved'] = True
                    await run.io_bound(drafts.discard, actor, form_key)
                ui.run_javascript(f'localStorage.removeItem({_local_key(form_key)})')
                ui.notify('บันทึกแล้ว', type='positive')
                ui.navigate.to(f'{resource.path}/{new_id}')

            with ui.row():
                save_button = ui.button('บันทึก', icon='save', on_click=lambda: save()).mark('form-save')
                ui.button('ยกเลิก', on_click=lambda: ui.navigate.to(
                    f'{resource.path}/{record_id}' if record_id else resource.path)).props('flat').mark('form-cancel')
        if draft:
            notice.move(target_index=1)


def _reading(resource: Resource, sections: Sequence[Section], actor: Any,
             record_id: int) -> 'tuple[service.Detail, list] | Refusal':
    """What a detail page shows, in its one trip: the record with its history, links and moves, and what each
    section reads (`Section.load`); or the refusal (no such record, not the actor's) to show instead."""
    try:
        shown = service.detail(resource, actor, record_id)
    except Refusal as error:
        return error
    return shown, [section.load(actor, shown.record) if section.load else None for section in sections]


async def _detail(viewer: Viewer, resource: Resource, record_id: int, read: 'tuple[service.Detail, list] | Refusal',
                  sections: Sequence[Section]) -> None:
    actor = viewer.principal
    if isinstance(read, Refusal):
        with frame(viewer, resource.title):
            ui.label(str(read)).mark('not-found')
            ui.link(f'← {resource.title_plural}', resource.path)
        return
    shown, loaded = read
    record, choices = shown.record, shown.choices
    with frame(viewer, f'{resource.title}: {getattr(record, resource.label, record_id)}'):
        ui.link(f'← {resource.title_plural}', resource.path)
        with ui.card().classes('w-full max-w-3xl').mark('detail-fields'):
            ui.html(_fields_html(resource, record, choices), sanitize=False)
            if resource.workflow is not None:
                state = getattr(record, resource.workflow.field)
                with ui.row().classes('items-center gap-2'):
                    ui.label('สถานะ').classes('text-slate-600')
                    ui.badge(resource.workflow.states.get(state, state)).props('outline').mark('workflow-state')
            with ui.row():
                for move in [m for m in shown.transitions if m.button]:
                    button = ui.button(move.title).mark(f'transition-{move.name}')
                    button.on_click(lambda m=move, b=button: _transition(viewer, resource, record, m, b))
                if resource.print_form is not None:
                    async def print_pdf() -> None:
                        content = await run.io_bound(service.print_record, resource, actor, record_id)
                        ui.download.content(content, f'{resource.key}-{record_id}.pdf', 'application/pdf')
                    ui.button('พิมพ์', icon='print', on_click=print_pdf).props('outline').mark('detail-print')
                if shown.lock:
                    ui.label(shown.lock).classes('text-sm text-amber-800 self-center').mark('detail-locked')
                elif shown.can_edit:
                    ui.button('แก้ไข', icon='edit', on_click=lambda: ui.navigate.to(
                        f'{resource.path}/{record_id}/edit')).mark('detail-edit')
                if shown.can_delete:
                    async def remove() -> None:
                        done, _ = await attempt(viewer, lambda actor: service.delete(
                            resource, actor, record_id, version=record.version))
                        if not done:
                            return
                        ui.notify('ลบแล้ว', type='positive')
                        ui.navigate.to(resource.path)
                    with ui.dialog() as ask, ui.card():
                        ui.label(f'ลบ{resource.title}นี้? การลบจะถูกบันทึกไว้ในประวัติ')
                        with ui.row():
                            ui.button('ลบ', color='negative', on_click=remove).mark('confirm-delete')
                            ui.button('ยกเลิก', on_click=ask.close).props('flat')
                    ui.button('ลบ', icon='delete', color='negative', on_click=ask.open).props('outline').mark(
                        'detail-delete')
        for section, data in zip(sections, loaded, strict=True):
            result = section.show(viewer, record, data)
            if asyncio.iscoroutine(result):
                await result
        if resource.attachments:
            await _attachments_card(viewer, resource, shown, record_id)
        for other, rows in shown.links:
            with ui.card().classes('w-full max-w-3xl').mark(f'links-{other.key}'):
                ui.label(f'{other.title_plural} ที่เชื่อมโยง ({len(rows)})').classes('font-bold')
                for row in rows:
                    ui.link(str(getattr(row, other.label, row.id)), f'{other.path}/{row.id}')
        with ui.expansion(f'ประวัติการแก้ไข ({len(shown.history)})', icon='history').classes(
                'w-full max-w-3xl bg-white').mark('detail-history'):
            ui.html(''.join(f'<div>{escape(format_datetime(event.at))} · {escape(event.actor_name)} · '
                            f'{escape(event.action)} · {escape(event.data[:300])}</div>' for event in shown.history),
                    sanitize=False).classes('text-xs font-mono')


def _fields_html(resource: Resource, record: Any, choices: dict) -> str:
    """The record's fields as label and value, in one element (a page of 120 elements spent a third of its server
    time and its garbage on them): every text escaped, so the HTML needs no sanitizing."""
    cells = ''.join(
        f'<div class="text-slate-600">{escape(f.label)}</div><div class="whitespace-pre-line" data-value-of="{f.name}">'
        f'{escape(display(f, getattr(record, f.name), choices.get(f.name)) or "—")}</div>'
        for f in resource.stored_fields)
    return f'<div class="grid gap-x-6 gap-y-1" style="grid-template-columns: auto 1fr">{cells}</div>'


async def _attachments_card(viewer: Viewer, resource: Resource, shown: service.Detail, record_id: int) -> None:
    with ui.card().classes('w-full max-w-3xl').mark('attachments'):
        ui.label(f'ไฟล์แนบ ({len(shown.attachments)})').classes('font-bold')
        for attachment in shown.attachments:
            with ui.row().classes('items-center gap-2'):
                ui.icon('attach_file')
                ui.link(attachment.filename, f'/files/{attachment.id}', new_tab=True).mark('attachment-link')
                ui.label(f'{attachment.size / 1024:,.0f} KB · {format_datetime(attachment.uploaded_at)}').classes(
                    'text-xs text-slate-500')
        if shown.can_attach:
            async def upload(e: events.UploadEventArguments) -> None:
                content = await e.file.read()
                done, _ = await attempt(viewer, lambda actor: service.attach(resource, actor, record_id, e.file.name,
                                                                             content))
                if done:
                    ui.navigate.reload()
            LimitedUpload(shown.attach_limit, on_upload=upload, auto_upload=True).props(
                'label="แนบไฟล์"').classes('w-full').mark('attachment-upload')


async def _transition(viewer: Viewer, resource: Resource, record: Any, move, button: ui.button) -> None:
    """Press a workflow button; a transition that needs a reason asks for it first. The button stays disabled
    while the move runs; the move carries the version shown and one submission key."""
    key = new_key()

    async def go(note: str = '') -> None:
        button.disable()
        done, _ = await attempt(viewer, lambda actor: service.transition(
            resource, actor, record.id, move.name, note, version=record.version, key=key))
        if not done:
            button.enable()
            return
        ui.notify(f'{move.title}แล้ว', type='positive')
        ui.navigate.reload()
    if not move.needs_note:
        await go()
        return
    with ui.dialog() as ask, ui.card().classes('w-96'):
        ui.label(move.title).classes('font-bold')
        note = ui.textarea('เหตุผล/หมายเหตุ').props('outlined').classes('w-full').mark('transition-note')
        with ui.row():
            ui.button('ยืนยัน', on_click=lambda: go(note.value or '')).mark('transition-confirm')
            ui.button('ยกเลิก', on_click=ask.close).props('flat')
    ask.open()
