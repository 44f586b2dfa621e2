"""e-GP's contract export in: a CSV or XLSX with Thai headings (เลขที่โครงการ, เลขคุมสัญญา, วันที่ลงนามสัญญา, …),
dates as short Thai dates with two-digit BE years ("29 พ.ย. 67") and "-" for a blank, matched to the LAO's files by
e-GP project number. The result is the kit's import report (core/resource.py `ImportReport`, shown by the kit's
preview `pages.kit.import_report`: changed / unchanged / refused rows, each change field by field, each refusal naming
its row and column, the refused rows as a workbook to fix and import again); the commit writes the changes in one
transaction (each audited, the record's version stepped), once per submission key; a re-import changes nothing."""

import re
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlmodel import Session, col, select

from core import audit, db, submissions
from core.access import Principal, require
from core.errors import ValidationFailed
from core.lookups import loose
from core.resource import VERSION_KEY, WHAT_KEY, ImportReport, ImportRow, read_sheet, stamp
from core.thai import format_date, parse_money, to_arabic_digits
from models.procurement import Contract, Procurement

PERMISSION = 'egp.contract.edit'
MONTHS = {'ม.ค.': 1, 'ก.พ.': 2, 'มี.ค.': 3, 'เม.ย.': 4, 'พ.ค.': 5, 'มิ.ย.': 6, 'ก.ค.': 7, 'ส.ค.': 8, 'ก.ย.': 9,
          'ต.ค.': 10, 'พ.ย.': 11, 'ธ.ค.': 12, 'มกราคม': 1, 'กุมภาพันธ์': 2, 'มีนาคม': 3, 'เมษายน': 4, 'พฤษภาคม': 5,
          'มิถุนายน': 6, 'กรกฎาคม': 7, 'สิงหาคม': 8, 'กันยายน': 9, 'ตุลาคม': 10, 'พฤศจิกายน': 11, 'ธันวาคม': 12}
BLANKS = {'', '-', '–', '—', 'nan', 'none'}
# Each field and the headings e-GP (and LAOs' re-typed copies of its export) give it.
HEADINGS = {
    'project_no': ('เลขที่โครงการ', 'เลขที่โครงการ e-GP', 'รหัสโครงการ'),
    'contract_no': ('เลขคุมสัญญา', 'เลขที่คุมสัญญา', 'เลขคุมสัญญา e-GP'),
    'number': ('เลขที่สัญญา', 'เลขที่สัญญา/ใบสั่ง'),
    'signed_on': ('วันที่ลงนามสัญญา', 'วันที่ลงนามในสัญญา', 'วันที่ทำสัญญา'),
    'amount': ('จำนวนเงินตามสัญญา', 'วงเงินตามสัญญา', 'ราคาตามสัญญา'),
    'vendor': ('ชื่อผู้ประกอบการ', 'ผู้ขาย/ผู้รับจ้าง', 'ชื่อผู้ขาย'),
}


def parse_short_date(value: Any) -> date | None:
    """"29 พ.ย. 67" (a two-digit BE year), "29 พ.ย. 2567", "29 พฤศจิกายน 2567", "29/11/2567" or a date cell;
    "-" and blanks are None. ValueError with a Thai reason otherwise."""
    if isinstance(value, datetime):  # a date cell (pandas' Timestamp included)
        return value.date()
    if isinstance(value, date):
        return value
    text = to_arabic_digits(str(value if value is not None else '')).strip()
    if text.lower() in BLANKS:
        return None
    found = re.fullmatch(r'(\d{1,2})\s*([^\d\s/]+)\s*(\d{2}|\d{4})', text)
    if found:
        day, month_name, year = found.groups()
        month = MONTHS.get(month_name.replace(' ', ''))
        if month is None:
            raise ValueError(f'ไม่รู้จักชื่อเดือน "{month_name}"')
    elif found := re.fullmatch(r'(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})', text):
        day, month, year = found.groups()
        month = int(month)
    else:
        raise ValueError(f'"{text}" ไม่ใช่วันที่ (ตัวอย่าง 29 พ.ย. 67)')
    be = int(year) + (2500 if len(year) == 2 else 0)
    try:
        return date(be - 543, int(month), int(day))
    except ValueError:
        raise ValueError(f'"{text}" ไม่มีวันนี้ในปฏิทิน') from None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip().lower() in BLANKS


def _digits(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r'[\s-]', '', to_arabic_digits('' if _blank(value) else str(value)))


def _columns(df: pd.DataFrame) -> dict[str, str]:
    by_loose = {loose(h): h for h in df.columns}
    found = {}
    for name, headings in HEADINGS.items():
        heading = next((by_loose[loose(h)] for h in headings if loose(h) in by_loose), None)
        if heading is not None:
            found[name] = heading
    if 'project_no' not in found:
        raise ValidationFailed({'file': 'ไฟล์: ไม่มีคอลัมน์ เลขที่โครงการ (ส่งออกรายการสัญญาจากระบบ e-GP)'})
    return found


def _cells(cells: pd.Series) -> dict[str, Any]:
    return {h: (None if _blank(v) else v) for h, v in cells.items() if h}


def _plan(session: Session, actor: Principal, df: pd.DataFrame,
          columns: dict[str, str]) -> list[tuple[ImportRow, dict]]:
    """Each row of the file: its refusals (naming the column as the file heads it), or the contract it matches by
    e-GP project number and what would change on it."""
    numbers = {_digits(v) for v in df[columns['project_no']]}
    files = {f.egp_project_no: f for f in session.exec(select(Procurement).where(
        Procurement.org_id == actor.org_id, col(Procurement.egp_project_no).in_(numbers or {''}))).all()}
    contracts = {c.procurement_id: c for c in session.exec(select(Contract).where(
        Contract.org_id == actor.org_id, col(Contract.procurement_id).in_([f.id for f in files.values()] or [0]))
        .with_for_update()).all()}
    planned = []
    for number, cells in df.iterrows():
        project_no = _digits(cells[columns['project_no']])
        row = ImportRow(int(number), {'project_no': project_no}, [], 'unchanged', cells=_cells(cells))
        values: dict[str, Any] = {}
        heading = columns.get
        if not re.fullmatch(r'[0-9]{11}', project_no):
            row.errors.append(f'คอลัมน์ "{heading("project_no")}": "{project_no}" ต้องเป็นตัวเลข 11 หลัก')
            planned.append((row, values))
            continue
        try:
            if 'signed_on' in columns:
                values['signed_on'] = parse_short_date(cells[columns['signed_on']])
        except ValueError as error:
            row.errors.append(f'คอลัมน์ "{heading("signed_on")}": {error}')
        if 'contract_no' in columns and not _blank(cells[columns['contract_no']]):
            values['egp_contract_no'] = _digits(cells[columns['contract_no']])
            if not re.fullmatch(r'[0-9]{12}', values['egp_contract_no']):
                row.errors.append(f'คอลัมน์ "{heading("contract_no")}": "{values["egp_contract_no"]}" '
                                  'ต้องเป็นตัวเลข 12 หลัก')
        if 'amount' in columns and not _blank(cells[columns['amount']]):
            try:
                values['amount'] = parse_money(str(cells[columns['amount']]))
            except ValueError as error:
                row.errors.append(f'คอลัมน์ "{heading("amount")}": {error}')
        found = files.get(project_no)
        if row.errors:
            pass
        elif found is None:
            row.errors.append(f'คอลัมน์ "{heading("project_no")}": ไม่พบแฟ้มที่มีเลขที่โครงการ e-GP {project_no}')
        elif (contract := contracts.get(found.id)) is None:
            row.errors.append(f'คอลัมน์ "{heading("project_no")}": แฟ้ม {found.number_text} ยังไม่มีสัญญาในระบบ')
        elif values.get('amount') is not None and values['amount'] != contract.amount:
            row.errors.append(f'คอลัมน์ "{heading("amount")}": {values["amount"]:,.2f} บาท ไม่ตรงกับสัญญา '
                              f'{contract.number_text} {contract.amount:,.2f} บาท (ตรวจสอบก่อน)')
        else:
            wanted = {k: v for k, v in values.items() if k in ('egp_contract_no', 'signed_on')
                      and v not in (None, '') and v != getattr(contract, k)}
            row.record_id, row.version = contract.id, contract.version
            row.changes = {k: [getattr(contract, k), v] for k, v in wanted.items()}
            row.action = 'changed' if wanted else 'unchanged'
            values = {'contract': contract, **wanted}
        planned.append((row, values))
    return planned


def import_egp(actor: Principal, content: bytes, commit: bool = False, key: str | None = None) -> ImportReport:
    """Preview (or, with commit, write) the e-GP contract export against the LAO's files and contracts."""
    require(actor, PERMISSION, where='egp/import')
    df = read_sheet(content)
    columns = _columns(df)
    report = ImportReport([], headings=[h for h in df.columns if h])

    def work(session: Session) -> int:
        planned = _plan(session, actor, df, columns)
        report.rows = [row for row, _ in planned]
        for row, values in planned:
            if row.outcome != 'changed':
                continue
            contract = values.pop('contract')
            for name, value in values.items():
                setattr(contract, name, value)
            stamp(contract, actor)
            session.add(contract)
            shown = {k: [format_date(v) if isinstance(v, date) else v for v in pair] for k, pair in row.changes.items()}
            audit.record_by(session, actor, 'update', 'Contract', contract.id, {
                **{k: [str(a) if a is not None else None, str(b)] for k, (a, b) in row.changes.items()},
                WHAT_KEY: f'นำเข้าจาก e-GP แถวที่ {row.number}', VERSION_KEY: contract.version, 'shown': shown})
        report.imported = len(report.of('changed'))
        return report.imported

    if commit:
        report.imported = submissions.once(actor, key, 'import egp/contracts', work) or 0
    else:
        with db.session_scope() as session:
            work(session)
            session.rollback()
    return report
