"""HR pages: the registers (from their declarations) with the leave cards on their detail pages, my leave, the
division leave calendar, the 1 October rollover (preview, then commit) and HR's ledger adjustments."""

from datetime import date, timedelta

from fastapi.responses import RedirectResponse
from nicegui import ui
from sqlmodel import select

from apps.hr import leave, rollover
from apps.hr.resources import (
    DECORATIONS,
    DISCIPLINE,
    EDUCATION,
    HOLIDAYS,
    LEAVE_REQUESTS,
    LEAVE_WORKFLOW,
    PERSONS,
    SALARIES,
    TRAININGS,
)
from apps.hr.rules import (
    days_text,
    holiday_warnings,
    holidays_between,
    is_working_day,
    leave_types,
    offered_holiday_years,
)
from core import db
from core.access import require
from core.thai import be_year, fiscal_year, format_date, today
from models.hr import LeaveRequest, Person
from models.org import Division, Position
from pages.kit import Section, new_key, register_resource
from pages.layout import Viewer, act, frame, page
from pages.reports import register_reports

MONTHS = ('มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน',
          'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม')


def _table(rows: list[dict], columns: tuple, marker: str) -> None:
    ui.table(columns=[{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in columns],
             rows=rows, row_key='key', pagination=50).classes('w-full').props('flat bordered dense wrap-cells').mark(
        marker)


def _balance_rows(balances: list[leave.Balance]) -> list[dict]:
    return [{'key': b.leave_type, 'type': b.title, 'entitled': b.entitled, 'used': days_text(b.used),
             'left': '-' if b.left is None else days_text(b.left)} for b in balances]


BALANCE_COLUMNS = (('type', 'ประเภทการลา'), ('entitled', 'สิทธิในปีนี้'), ('used', 'ลาแล้ว (วัน)'), ('left', 'คงเหลือ (วัน)'))


def _ledger_rows(entries) -> list[dict]:
    titles = leave_types()
    return [{'key': e.id, 'date': format_date(e.entry_date), 'fy': e.fiscal_year, 'type': titles.get(e.leave_type, ''),
             'kind': leave.KINDS.get(e.kind, e.kind), 'days': ('+' if e.halves > 0 else '-') + days_text(abs(e.halves)),
             'reason': e.reason} for e in entries]


LEDGER_COLUMNS = (('date', 'วันที่'), ('fy', 'ปีงบประมาณ'), ('type', 'ประเภท'), ('kind', 'รายการ'), ('days', 'วัน'),
                  ('reason', 'รายละเอียด'))


# --- detail sections ---------------------------------------------------------------------------------------------

def _person_read(actor, person) -> tuple:
    fy = fiscal_year(today())
    with db.session_scope() as session:
        return fy, leave.balances(session, person, fy), leave.ledger(session, person.id)


def _person_leave(viewer: Viewer, person, read: tuple) -> None:
    fy, balances, entries = read
    with ui.card().classes('w-full max-w-4xl').mark('person-leave'):
        ui.label(f'วันลา ปีงบประมาณ {fy}').classes('font-bold')
        _table(_balance_rows(balances), BALANCE_COLUMNS, 'balance-table')
        ui.label('บัญชีวันลา (ทุกรายการ ยอดคงเหลือ = ผลรวม)').classes('font-bold mt-2')
        _table(_ledger_rows(entries), LEDGER_COLUMNS, 'ledger-table')


def _request_read(actor, record) -> tuple:
    with db.session_scope() as session:
        person = session.get(Person, record.person_id)
        entries = [e for e in leave.ledger(session, record.person_id, record.fiscal_year)
                   if e.request_id == record.id]
        left = leave.balance(session, person.id, record.leave_type, record.fiscal_year)
        warnings = holiday_warnings(session, record.org_id, record.start_date, record.end_date)
        return person.full_name, leave.waiting_for(session, record), entries, left, warnings


def _warnings(warnings: list[str]) -> None:
    for text in warnings:
        ui.label(text).classes('text-amber-800 bg-amber-50 p-2 rounded').mark('holiday-warning')


def _request_card(viewer: Viewer, record, read: tuple) -> None:
    name, waiting, entries, left, warnings = read
    with ui.card().classes('w-full max-w-3xl').mark('leave-request-card'):
        ui.label(f'{name}: {leave_types().get(record.leave_type, "")} {record.days or days_text(record.halves)} วัน '
                 f'({format_date(record.start_date, "long")} – {format_date(record.end_date, "long")})').classes(
            'font-bold')
        if waiting:
            ui.label(f'รอ: {waiting}').mark('leave-waiting')
        if record.leave_type == 'vacation':
            ui.label(f'วันลาพักผ่อนคงเหลือ ปีงบประมาณ {record.fiscal_year}: {days_text(left)} วัน').mark(
                'leave-balance')
        _warnings(warnings)
        if entries:
            _table(_ledger_rows(entries), LEDGER_COLUMNS, 'request-ledger')


person_sections = (Section(_person_leave, _person_read),)
request_sections = (Section(_request_card, _request_read),)


# --- page reads ----------------------------------------------------------------------------------------------------

def _calendar_read(actor, query: dict) -> tuple:
    """The month shown, the divisions, the chosen division's leave in that month and the holidays."""
    require(actor, leave.REQUEST, where='hr/calendar')
    now = today()
    try:  # the year as the page shows it, in BE
        year, month = int(query.get('year', be_year(now))) - 543, int(query.get('month', now.month))
        first = date(year, month, 1) if abs(year - now.year) <= 100 else date(now.year, now.month, 1)
    except ValueError:
        first = date(now.year, now.month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    with db.session_scope() as session:
        divisions = dict(session.exec(select(Division.id, Division.name).where(
            Division.org_id == actor.org_id, Division.kind != 'political').order_by(Division.sort_order)).all())
        try:
            chosen = int(query['division']) if query.get('division') else (actor.division_ids or (None,))[0]
        except ValueError:
            chosen = None
        if chosen not in divisions:
            chosen = next(iter(divisions), None)
        rows = session.exec(select(LeaveRequest, Person.full_name).join(Person, Person.id == LeaveRequest.person_id)
                            .where(LeaveRequest.org_id == actor.org_id, LeaveRequest.division_id == chosen,
                                   LeaveRequest.status.in_(('submitted', 'endorsed', 'approved')),
                                   LeaveRequest.start_date <= last, LeaveRequest.end_date >= first)
                            .order_by(Person.full_name, LeaveRequest.start_date)).all()
        holidays = holidays_between(session, actor.org_id, first, last)
        warnings = holiday_warnings(session, actor.org_id, first, last, holidays)
        offered = offered_holiday_years(session, actor.org_id) if actor.can(leave.MANAGE) else []
    return first, last, divisions, chosen, list(rows), holidays, warnings, offered


def _rollover_read(actor, query: dict) -> tuple:
    """The year rolled into: this fiscal year (1 October has passed) unless the address asks for another."""
    fy = fiscal_year(today())
    try:
        fy = int(query.get('fy', fy))
    except ValueError:
        pass
    return fy, rollover.preview(actor, fy)


def _adjust_read(actor) -> tuple:
    require(actor, leave.MANAGE, where='hr/adjustments')
    with db.session_scope() as session:
        people = dict(session.exec(select(Person.id, Person.full_name).where(
            Person.org_id == actor.org_id, Person.is_active).order_by(Person.full_name)).all())
    return people, leave.holiday_discrepancies(actor)


def _directory_read(actor) -> list[tuple]:
    """The LAO's staff directory: every active person with their seat, division and phone (work contact)."""
    require(actor, 'hr.person.view', where='hr/directory')
    with db.session_scope() as session:
        return list(session.exec(
            select(Person.full_name, Position.title, Division.name, Person.phone, Division.sort_order)
            .join(Position, Position.id == Person.position_id, isouter=True)
            .join(Division, Division.id == Person.division_id, isouter=True)
            .where(Person.org_id == actor.org_id, Person.is_active)
            .order_by(Division.sort_order, Position.sort_order, Person.full_name)).all())


def register() -> None:
    register_resource(PERSONS, person_sections)
    register_resource(SALARIES)
    register_resource(HOLIDAYS)
    register_resource(LEAVE_REQUESTS, request_sections)
    for resource in (TRAININGS, EDUCATION, DECORATIONS, DISCIPLINE):
        register_resource(resource)
    register_reports('hr', 'hr.report.view', 'รายงานงานบุคคล')

    @page('/hr', leave.REQUEST, 'บริหารงานบุคคล')
    def home(viewer: Viewer):
        return RedirectResponse('/hr/my-leave')

    @page('/hr/directory', 'hr.person.view', 'ทำเนียบบุคลากร', load=_directory_read)
    async def directory(viewer: Viewer, rows: list):
        with frame(viewer, 'ทำเนียบบุคลากร'):
            _table([{'key': n, 'name': name, 'position': title or '-', 'division': division or '-', 'phone': phone}
                    for n, (name, title, division, phone, _) in enumerate(rows)],
                   (('name', 'ชื่อ-สกุล'), ('position', 'ตำแหน่ง'), ('division', 'ส่วนราชการ'), ('phone', 'โทรศัพท์')),
                   'directory-table')

    @page('/hr/my-leave', leave.REQUEST, 'การลาของฉัน', load=leave.my_leave)
    async def my_leave(viewer: Viewer, read: tuple):
        person, fy, balances, entries, requests = read
        with frame(viewer, 'การลาของฉัน'):
            if person is None:
                ui.label('ยังไม่มีทะเบียนประวัติที่เชื่อมกับบัญชีของท่าน กรุณาติดต่อเจ้าหน้าที่บริหารงานบุคคล').mark(
                    'no-person')
                return
            ui.label(f'{person.full_name} · ปีงบประมาณ {fy}').classes('text-slate-600 -mt-3')
            ui.button('ยื่นใบลา', icon='add', on_click=lambda: ui.navigate.to('/hr/leave-requests/new')).mark(
                'new-leave')
            _table(_balance_rows(balances), BALANCE_COLUMNS, 'my-balances')
            ui.label('ใบลาของฉัน').classes('font-bold')
            titles = leave_types()
            rows = [{'key': r.id, 'path': f'/hr/leave-requests/{r.id}', 'type': titles.get(r.leave_type, ''),
                     'from': format_date(r.start_date), 'to': format_date(r.end_date), 'days': r.days,
                     'status': LEAVE_WORKFLOW.states.get(r.status, r.status)} for r in requests]
            table = ui.table(columns=[{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in (
                ('type', 'ประเภท'), ('from', 'ตั้งแต่'), ('to', 'ถึง'), ('days', 'วัน'), ('status', 'สถานะ'))],
                rows=rows, row_key='key', pagination=20).classes('w-full').props('flat bordered dense').mark(
                'my-requests')
            table.on('row-click', lambda e: ui.navigate.to(e.args[1]['path']))
            ui.label('บัญชีวันลาปีนี้').classes('font-bold')
            _table(_ledger_rows(entries), LEDGER_COLUMNS, 'my-ledger')

    @page('/hr/calendar', leave.REQUEST, 'ปฏิทินการลาของส่วนราชการ', load=_calendar_read)
    async def calendar(viewer: Viewer, read: tuple, query: dict):
        first, last, divisions, chosen, rows, holidays, warnings, offered = read
        with frame(viewer, 'ปฏิทินการลาของส่วนราชการ'):
            for fy in offered:  # an LAO set up before the suite's holiday data reached the year
                with ui.row().classes('items-center gap-2 bg-sky-50 p-2 rounded').mark('holiday-offer'):
                    ui.label(f'ข้อมูลวันหยุดราชการปีงบประมาณ {fy} มีในระบบแล้ว แต่ยังไม่อยู่ในปฏิทินของ อปท.')
                    ui.button(f'เพิ่มวันหยุดปีงบประมาณ {fy}', icon='event', on_click=lambda fy=fy, key=new_key(): act(
                        viewer, leave.add_offered_holidays, fy, key=key,
                        success=f'เพิ่มวันหยุดราชการปีงบประมาณ {fy} แล้ว')).props('outline').mark(f'holiday-add-{fy}')
            with ui.row().classes('items-end gap-2'):
                division = ui.select(divisions, value=chosen, label='ส่วนราชการ').props('outlined dense').classes(
                    'w-72').mark('calendar-division')
                month = ui.select({n + 1: m for n, m in enumerate(MONTHS)}, value=first.month, label='เดือน').props(
                    'outlined dense').mark('calendar-month')
                year = ui.number('ปี พ.ศ.', value=be_year(first), precision=0).props('outlined dense').classes(
                    'w-28').mark('calendar-year')
                shown_year = be_year(first)
                ui.button('แสดง', on_click=lambda: ui.navigate.to(
                    f'/hr/calendar?division={division.value}&month={month.value}&year={int(year.value or shown_year)}'))
            ui.label(f'{MONTHS[first.month - 1]} {be_year(first)}').classes('font-bold')
            _warnings(warnings)
            days = [first + timedelta(n) for n in range((last - first).days + 1)]
            people = list(dict.fromkeys(name for _, name in rows))
            with ui.element('div').classes('overflow-x-auto w-full'):
                with ui.grid(columns=len(days) + 1).classes('gap-0 text-xs').mark('leave-calendar'):
                    ui.label('ชื่อ').classes('font-bold p-1 min-w-40')
                    for d in days:
                        ui.label(str(d.day)).classes('p-1 text-center ' + (
                            'bg-slate-200' if not is_working_day(d, holidays) else ''))
                    titles = leave_types()
                    for name in people:
                        ui.label(name).classes('p-1')
                        mine = [r for r, n in rows if n == name]
                        for d in days:
                            on = next((r for r in mine if r.start_date <= d <= r.end_date), None)
                            mark = titles.get(on.leave_type, '')[2:5] if on else ''
                            colour = ('bg-green-200' if on.status == 'approved' else 'bg-amber-100') if on else (
                                'bg-slate-200' if not is_working_day(d, holidays) else '')
                            ui.label(mark).classes(f'p-1 text-center {colour}')
            if not people:
                ui.label('ไม่มีผู้ลาในเดือนนี้').mark('calendar-empty')
            ui.label('เขียว: อนุญาตแล้ว · เหลือง: รอพิจารณา · เทา: วันหยุด').classes('text-sm text-slate-600')

    @page('/hr/rollover', leave.MANAGE, 'ยกยอดวันลาพักผ่อน 1 ตุลาคม', load=_rollover_read)
    async def rollover_page(viewer: Viewer, read: tuple, query: dict):
        fy, lines = read
        with frame(viewer, f'ยกยอดวันลาพักผ่อนเข้าปีงบประมาณ {fy}'):
            ui.label('ตรวจรายการก่อนยืนยัน: ยกมาไม่เกินเพดานสะสม (20 วัน, รับราชการครบ 10 ปี 30 วัน) '
                     'รวมสิทธิปีใหม่ 10 วัน').classes('text-sm text-slate-600 -mt-3')
            with ui.row().classes('items-end gap-2'):
                chosen = ui.number('ปีงบประมาณ', value=fy, precision=0).props('outlined dense').mark('rollover-fy')
                ui.button('แสดงตัวอย่าง', on_click=lambda: ui.navigate.to(
                    f'/hr/rollover?fy={int(chosen.value or fy)}')).props('outline')
            rows = [{'key': line.person_id, 'name': line.name, 'years': line.service_years,
                     'old': days_text(line.old_balance), 'cap': line.cap, 'carry': days_text(line.carry),
                     'alloc': days_text(line.allocation), 'new': days_text(line.new_balance),
                     'state': 'บันทึกแล้ว' if line.done else 'รอยืนยัน', 'note': line.note} for line in lines]
            _table(rows, (('name', 'ชื่อ-สกุล'), ('years', 'อายุราชการ (ปี)'), ('old', f'คงเหลือปี {fy - 1}'),
                          ('cap', 'เพดาน'), ('carry', 'ยกมา'), ('alloc', 'สิทธิปีใหม่'), ('new', f'รวมปี {fy}'),
                          ('state', 'สถานะ'), ('note', 'หมายเหตุ')), 'rollover-table')
            waiting = sum(1 for line in lines if not line.done)
            key = new_key()
            ui.label(f'รอยืนยัน {waiting:,} คน').mark('rollover-waiting')
            if waiting:
                ui.button('ยืนยันยกยอด', icon='done_all', on_click=lambda: act(
                    viewer, rollover.commit, fy, key=key, success='ยกยอดวันลาแล้ว')).mark('rollover-commit')

    @page('/hr/adjustments', leave.MANAGE, 'ปรับปรุงบัญชีวันลา', load=_adjust_read)
    async def adjustments(viewer: Viewer, read: tuple):
        people, found = read
        with frame(viewer, 'ปรับปรุงบัญชีวันลา'):
            with ui.card().classes('w-full max-w-4xl').mark('holiday-discrepancies'):
                ui.label('ใบลาที่วันหยุดราชการเปลี่ยนหลังอนุญาต (ระบบไม่เปลี่ยนยอดเอง)').classes('font-bold')
                if not found:
                    ui.label('ไม่มีรายการ').mark('no-discrepancy')
                titles = leave_types()
                for item in found:
                    with ui.row().classes('items-center gap-2 w-full').mark('discrepancy'):
                        ui.label(f'{item.person_name}: {titles.get(item.leave_type, "")} ใบลาเลขที่ {item.request_id} '
                                 f'บัญชีนับ {days_text(item.counted)} วัน ปฏิทินปัจจุบันนับ {days_text(item.now)} วัน '
                                 f'({item.holidays or "ไม่มีวันหยุด"})').classes('grow')
                        key = new_key()
                        ui.button('ปรับปรุงตามปฏิทิน', on_click=lambda item=item, key=key: act(
                            viewer, leave.settle_discrepancy, item.request_id, key=key)).props('outline').mark(
                            'settle-discrepancy')
            with ui.card().classes('w-full max-w-4xl').mark('manual-adjustment'):
                ui.label('ปรับปรุงวันลาด้วยตนเอง (ต้องระบุเหตุผล)').classes('font-bold')
                person = ui.select(people, label='บุคลากร').props('outlined dense').classes('w-72').mark(
                    'adjust-person')
                kind = ui.select(leave_types(), value='vacation', label='ประเภทการลา').props('outlined dense').mark(
                    'adjust-type')
                fy = ui.number('ปีงบประมาณ', value=fiscal_year(today()), precision=0).props('outlined dense').mark(
                    'adjust-fy')
                days = ui.input('จำนวนวัน (+ เพิ่ม / - ลด, ครึ่งวัน 0.5)').props('outlined dense').mark('adjust-days')
                reason = ui.input('เหตุผล').props('outlined dense').classes('w-full').mark('adjust-reason')
                key = new_key()

                async def save() -> None:
                    if person.value is None:
                        ui.notify('บุคลากร: กรุณาเลือก', type='negative')
                        return
                    await act(viewer, leave.adjust, person.value, kind.value, int(fy.value or 0), days.value or '',
                              reason.value or '', key=key)
                ui.button('บันทึกการปรับปรุง', on_click=save).mark('adjust-save')
