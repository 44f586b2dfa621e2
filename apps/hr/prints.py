"""The leave form (แบบใบลา) printed from a request, in the layout of the forms attached to ระเบียบสำนักนายกรัฐมนตรี
ว่าด้วยการลาของข้าราชการ พ.ศ. 2555: แบบใบลาป่วย ลาคลอดบุตร ลากิจส่วนตัว, or แบบใบลาพักผ่อน (with the days
carried and this year's), then the year's leave statistics checked by the HR officer, the superior's opinion and
the order (อนุญาต / ไม่อนุญาต). Every signature prints who signed it and when, from the request's audited moves;
a step not yet taken leaves dotted lines to fill in by hand."""

import json
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from apps.hr import leave
from apps.hr.rules import CATEGORIES, days_text, leave_types
from core import db
from core.access import Principal, load_principal
from core.pdf import FONT_FAMILY, thai_pdf
from core.reports import breakable
from core.signers import Signer, printed_title, seat_signer, user_signer
from core.thai import format_citizen_id, format_date, format_money, local_zone
from models.audit import AuditEvent
from models.hr import Decoration, Education, LeaveLedgerEntry, LeaveRequest, Person, SalaryRecord, Training
from models.org import Division, Organization, Position

DOTS = '.' * 30
SICK_FORM = ('sick', 'personal', 'maternity')  # แบบใบลาป่วย ลาคลอดบุตร ลากิจส่วนตัว
BOX, TICK = '(  )', '(/)'  # the form's tick boxes, in characters the bundled font has


def _local(moment: datetime) -> date:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(local_zone()).date()


def _moves(session: Session, record: LeaveRequest) -> dict[str, AuditEvent]:
    events = session.exec(select(AuditEvent).where(
        AuditEvent.org_id == record.org_id, AuditEvent.object_type == 'LeaveRequest',
        AuditEvent.object_id == str(record.id), AuditEvent.action == 'transition').order_by(AuditEvent.id)).all()
    return {json.loads(event.data).get('transition'): event for event in events}


def _signer(session: Session, event: AuditEvent | None) -> Signer | None:
    if event is None:
        return None
    actor = load_principal(session, event.actor_id) if event.actor_id else None
    if actor is None:
        return Signer(event.actor_name, '')
    delegated = bool(json.loads(event.data).get('delegation'))
    return user_signer(session, actor, leave.APPROVE, delegated=delegated)


def _sign(pdf, role: str, signer: Signer | None, on: date | None, statement: str = '') -> None:
    """A signature block in the right half: what is said, the signature line, name, position and day."""
    width = pdf.epw * 0.62
    lines = ([statement] if statement else []) + [f'(ลงชื่อ) {DOTS} {role}']
    lines += [line for line in signer.lines() if line] if signer else [f'({DOTS})', f'ตำแหน่ง {DOTS}']
    lines.append(f'วันที่ {format_date(on, "long")}' if on else f'วันที่ {DOTS}')
    if pdf.get_y() + 6 * len(lines) > pdf.page_break_trigger:
        pdf.add_page()
    for line in lines:
        pdf.set_x(pdf.l_margin + pdf.epw - width)
        pdf.multi_cell(width, 6, breakable(line), align='C', new_x='LEFT', new_y='NEXT')
    pdf.ln(2)


def _line(pdf, text: str, indent: float = 0) -> None:
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, 7, breakable(text), align='L', new_x='LMARGIN', new_y='NEXT')


def leave_form(record: LeaveRequest, actor: Principal) -> bytes:
    titles = leave_types()
    with db.session_scope() as session:
        org = session.get(Organization, record.org_id)
        person = session.get(Person, record.person_id)
        position = session.get(Position, person.position_id) if person.position_id else None
        division = session.get(Division, record.division_id) if record.division_id else None
        moves = _moves(session, record)
        applicant = Signer(person.full_name, printed_title(position.title, org) if position else '')
        endorse, decide = moves.get('endorse'), moves.get('approve') or moves.get('reject')
        endorser, decider = _signer(session, endorse), _signer(session, decide)
        if decider is None and record.route:
            last = record.route.split(',')[-1]
            decider = seat_signer(session, record.org_id, 'MAYOR' if last == 'mayor' else 'CHIEF')
        hr_seat = seat_signer(session, record.org_id, 'HR_OFFICER')
        fy = record.fiscal_year
        earlier = session.exec(select(LeaveRequest).where(
            LeaveRequest.person_id == person.id, LeaveRequest.status == 'approved', LeaveRequest.id != record.id,
            LeaveRequest.leave_type == record.leave_type, LeaveRequest.start_date < record.start_date)
            .order_by(LeaveRequest.start_date.desc())).first()
        taken = {code: leave.used(session, person.id, code, fy) for code in ('sick', 'personal', 'maternity',
                                                                              'vacation')}
        entries = session.exec(select(LeaveLedgerEntry).where(
            LeaveLedgerEntry.person_id == person.id, LeaveLedgerEntry.leave_type == 'vacation',
            LeaveLedgerEntry.fiscal_year == fy)).all()
    if record.status == 'approved':  # its own taking is in the ledger already: count it as this leave
        taken[record.leave_type] = taken.get(record.leave_type, 0) - record.halves
    carried = sum(e.halves for e in entries if e.kind == 'carry_forward')
    allocated = sum(e.halves for e in entries if e.kind == 'allocation')
    vacation = record.leave_type == 'vacation'
    title = ('แบบใบลาพักผ่อน' if vacation else 'แบบใบลาป่วย ลาคลอดบุตร ลากิจส่วนตัว' if record.leave_type in SICK_FORM
             else f'ใบลา ({titles.get(record.leave_type, "")})')

    pdf = thai_pdf(page_numbers=False)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, 'B', 18)
    pdf.cell(0, 9, title, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 15)
    pdf.ln(2)
    for text in (f'เขียนที่ {org.name}', f'วันที่ {format_date(_local(record.created_at), "long")}'):
        pdf.set_x(pdf.l_margin + pdf.epw * 0.45)
        pdf.multi_cell(pdf.epw * 0.55, 7, breakable(text), align='L', new_x='LMARGIN', new_y='NEXT')
    _line(pdf, f'เรื่อง  ขอ{titles.get(record.leave_type, "ลา")}')
    _line(pdf, f'เรียน  {decider.position if decider and decider.position else "ผู้มีอำนาจอนุญาต"}')
    _line(pdf, f'ข้าพเจ้า {person.full_name}  ตำแหน่ง {applicant.position or "-"}  สังกัด '
               f'{division.name if division else org.name} {org.name}', indent=15)
    period = (f'ตั้งแต่วันที่ {format_date(record.start_date, "long")}{" (ครึ่งวันบ่าย)" if record.start_half else ""} '
              f'ถึงวันที่ {format_date(record.end_date, "long")}{" (ครึ่งวันเช้า)" if record.end_half else ""} '
              f'มีกำหนด {days_text(record.halves)} วัน')
    if vacation:
        _line(pdf, f'มีวันลาพักผ่อนสะสม {days_text(carried)} วันทำการ มีสิทธิลาพักผ่อนประจำปีนี้อีก '
                   f'{days_text(allocated)} วันทำการ รวมเป็น {days_text(carried + allocated)} วันทำการ '
                   f'ขอลาพักผ่อน{period}')
    else:
        boxes = '  '.join(f'{TICK if record.leave_type == code else BOX} {titles[code].removeprefix("ลา")}'
                          for code in SICK_FORM)
        _line(pdf, f'ขอลา {boxes}  เนื่องจาก {record.reason or DOTS}')
        _line(pdf, period)
        if earlier is not None:
            _line(pdf, f'ข้าพเจ้าได้{titles[record.leave_type]}ครั้งสุดท้ายตั้งแต่วันที่ '
                       f'{format_date(earlier.start_date, "long")} ถึงวันที่ {format_date(earlier.end_date, "long")} '
                       f'มีกำหนด {days_text(earlier.halves)} วัน')
    _line(pdf, f'ในระหว่างลาจะติดต่อข้าพเจ้าได้ที่ {record.contact or DOTS}')
    pdf.ln(2)
    _sign(pdf, '', applicant, _local(record.created_at), 'ขอแสดงความนับถือ')

    pdf.set_font(FONT_FAMILY, 'B', 14)
    pdf.cell(0, 7, f'สถิติการลาในปีงบประมาณ {fy}', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 13)
    kinds = ('vacation',) if vacation else SICK_FORM
    with pdf.table(col_widths=(45, 30, 30, 30), width=135, align='L', text_align=('L', 'C', 'C', 'C'),
                   line_height=6, first_row_as_headings=True) as table:
        table.row(['ประเภทการลา', 'ลามาแล้ว (วัน)', 'ลาครั้งนี้ (วัน)', 'รวมเป็น (วัน)'])
        for code in kinds:
            now = record.halves if code == record.leave_type else 0
            table.row([titles[code], days_text(max(taken.get(code, 0), 0)), days_text(now),
                       days_text(max(taken.get(code, 0), 0) + now)])
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, '', 14)
    _sign(pdf, 'ผู้ตรวจสอบ', hr_seat, None)
    if endorse is not None or (record.route and len(record.route.split(',')) > 1):
        _sign(pdf, 'ผู้บังคับบัญชา', endorser, _local(endorse.at) if endorse else None,
              'ความเห็นผู้บังคับบัญชา: ' + ('เห็นควรอนุญาต' if endorse else DOTS))
    decided = moves.get('approve') is not None or record.status in ('approved', 'cancelled')
    refused = moves.get('reject') is not None or record.status == 'rejected'
    order = f'คำสั่ง  {TICK if decided else BOX} อนุญาต  {TICK if refused else BOX} ไม่อนุญาต'
    if refused and record.note:
        order += f' ({record.note})'
    _sign(pdf, 'ผู้มีอำนาจอนุญาต', decider, _local(decide.at) if decide else record.decided_on, order)
    if record.status == 'cancelled':
        _line(pdf, f'ยกเลิกวันลาแล้ว: {record.note}')
    return bytes(pdf.output())


def person_history(record: Person, actor: Principal) -> bytes:
    """ทะเบียนประวัติ in the order of the ก.พ.7 record: identity, the seat held and the dates that count, education,
    salary history, decorations and training (discipline stays on its restricted register)."""
    with db.session_scope() as session:
        org = session.get(Organization, record.org_id)
        position = session.get(Position, record.position_id) if record.position_id else None
        division = session.get(Division, record.division_id) if record.division_id else None

        def rows(model, order):
            return session.exec(select(model).where(model.person_id == record.id).order_by(order)).all()
        education = rows(Education, Education.graduated_year)
        salaries = rows(SalaryRecord, SalaryRecord.effective_date)
        decorations = rows(Decoration, Decoration.received_on)
        trainings = rows(Training, Training.start_date)
        hr_seat = seat_signer(session, record.org_id, 'HR_OFFICER')
    pdf = thai_pdf(page_numbers=True)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, 'B', 18)
    pdf.cell(0, 9, 'ทะเบียนประวัติ', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font(FONT_FAMILY, '', 14)
    pdf.cell(0, 7, org.name, align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(2)
    for text in (
            f'ชื่อ-สกุล {record.full_name}' + (f'  (ชื่อเดิม {record.former_names})' if record.former_names else ''),
            f'เลขประจำตัวประชาชน {format_citizen_id(record.citizen_id)}  วันเกิด {format_date(record.birth_date, "long")}',
            f'ประเภทบุคลากร {CATEGORIES.get(record.category, record.category)}',
            f'ตำแหน่ง {position.title if position else "-"}  เลขที่ตำแหน่ง {record.position_number or "-"}  '
            f'ระดับ {position.level if position and position.level else "-"}  สังกัด {division.name if division else "-"}',
            f'วันเริ่มรับราชการ {format_date(record.service_start, "long")}  วันที่เริ่มปฏิบัติงานที่ อปท. นี้ '
            f'{format_date(record.lao_start, "long") or "-"}  วันที่ดำรงตำแหน่งปัจจุบัน '
            f'{format_date(record.position_start, "long") or "-"}',
            f'ที่อยู่ {record.address or "-"}  โทรศัพท์ {record.phone or "-"}'):
        _line(pdf, text)

    def table(heading: str, widths: tuple, header: list[str], lines: list[list[str]]) -> None:
        pdf.ln(2)
        pdf.set_font(FONT_FAMILY, 'B', 14)
        pdf.cell(0, 7, heading, new_x='LMARGIN', new_y='NEXT')
        pdf.set_font(FONT_FAMILY, '', 13)
        if not lines:
            _line(pdf, '-')
            return
        with pdf.table(col_widths=widths, line_height=6, first_row_as_headings=True, text_align='LEFT') as grid:
            grid.row(header)
            for line in lines:
                grid.row([breakable(cell) for cell in line])

    table('ประวัติการศึกษา', (50, 50, 40, 20), ['วุฒิการศึกษา', 'สาขาวิชา', 'สถาบัน', 'ปีที่จบ'],
          [[e.degree, e.major, e.institution, str(e.graduated_year or '')] for e in education])
    table('ประวัติการรับเงินเดือน', (30, 30, 30, 70), ['วันที่', 'อัตราเงินเดือน', 'ระดับ', 'คำสั่ง/หมายเหตุ'],
          [[format_date(s.effective_date), format_money(s.salary), s.level, f'{s.order_ref} {s.note}'.strip()]
           for s in salaries])
    table('เครื่องราชอิสริยาภรณ์', (70, 30, 60), ['ชั้น', 'วันที่ได้รับ', 'ราชกิจจานุเบกษา'],
          [[d.decoration, format_date(d.received_on), d.gazette_ref] for d in decorations])
    table('ประวัติการฝึกอบรม', (70, 45, 30, 15), ['หลักสูตร', 'ผู้จัด', 'วันที่', 'ชั่วโมง'],
          [[t.course, t.organiser, f'{format_date(t.start_date)} - {format_date(t.end_date)}', str(t.hours)]
           for t in trainings])
    pdf.ln(4)
    _sign(pdf, 'ผู้รับรองข้อมูล', hr_seat, None)
    return bytes(pdf.output())
