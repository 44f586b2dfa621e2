"""Import a plan from Excel into the draft edition: one row per project with five year columns — the layout LAOs keep
today and the layout of our own ผ.02 export, so an export imports back unchanged.

A row updates the draft's project of the same name, or adds a project; a project the base edition already had keeps
its identity (lineage), so budget links and progress still follow it. Every row is checked first; nothing is written
while any row has an error unless the user chooses to import the valid rows.
"""

import re
from typing import Any

import pandas as pd
from sqlmodel import select

from apps.eplan.resources import PROJECTS
from apps.eplan.service import PROJECT_FORMS, open_edition
from core import audit, db
from core.access import Principal, require
from core.errors import Refusal, ValidationFailed
from core.resource import ImportReport, ImportRow, choices_for, read_sheet, validate
from models.codes import FundSource, ProgramCode
from models.info import Village
from models.org import Division
from models.plan import PLAN_YEARS, PlanCycle, PlanEdition, PlanNode, PlanProject

TEXT_COLUMNS = {  # heading in the sheet -> field
    'โครงการ': 'name', 'วัตถุประสงค์': 'objective', 'เป้าหมาย (ผลผลิตของโครงการ)': 'target', 'เป้าหมาย': 'target',
    'ตัวชี้วัด (KPI)': 'kpi', 'ตัวชี้วัด': 'kpi', 'ค่าเป้าหมาย': 'kpi_target', 'ผลที่คาดว่าจะได้รับ': 'expected_result', 'ที่': 'seq',
    'เหตุผลความจำเป็น': 'reason',
}


def _money(value: Any) -> str:
    """'-' and blanks are zero in the sheets LAOs keep."""
    text = '' if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    return '0' if text in ('', '-', '–') else text


def _key(text: Any) -> str:
    return re.sub(r'\s+', ' ', str(text or '')).strip()


def import_plan(actor: Principal, content: bytes, commit: bool = False) -> ImportReport:
    """Check (preview) or import the rows of a plan workbook into the draft edition."""
    require(actor, 'eplan.project.edit', where='eplan/import')
    df = read_sheet(content, heading='โครงการ')
    with db.session_scope() as session:
        edition = open_edition(session, actor.org_id)
        if edition is None or edition.status != 'draft':
            raise Refusal('ยังไม่มีฉบับร่างของแผน: เริ่มฉบับใหม่ (ทบทวน/แก้ไข/เพิ่มเติม) ก่อนนำเข้า')
        cycle = session.get(PlanCycle, edition.cycle_id)
        lookups = _lookups(session, actor.org_id, cycle.id)
        base_lineage = {p.name: p.lineage_id for p in session.exec(
            select(PlanProject).where(PlanProject.edition_id == edition.based_on_id))} if edition.based_on_id else {}
    year_columns = {}
    for n, year in enumerate(cycle.years, start=1):
        found = [c for c in df.columns if str(year) in c]
        if found:
            year_columns[n] = found[0]
    missing = [name for name in ('โครงการ',) if name not in df.columns]
    if not year_columns:
        missing.append(f'งบประมาณรายปี ({cycle.start_year}–{cycle.end_year})')
    if missing:
        raise ValidationFailed({'file': 'ไฟล์: ไม่มีคอลัมน์ ' + ', '.join(missing)})
    choices = choices_for(PROJECTS, actor)
    report, seen = ImportReport([]), {}
    for number, row in df.iterrows():
        values: dict[str, Any] = {'edition_id': edition.id}
        for heading, name in TEXT_COLUMNS.items():
            if heading in df.columns and pd.notna(row[heading]):
                values.setdefault(name, row[heading])
        for n in range(1, PLAN_YEARS + 1):
            values[f'budget_y{n}'] = _money(row[year_columns[n]]) if n in year_columns else '0'
        errors = _resolve(values, row, df.columns, lookups)
        try:
            clean = validate(PROJECTS, actor, values, choices)
        except ValidationFailed as failed:
            clean, errors = {}, errors + list(failed.errors.values())
        name = _key(values.get('name'))
        if name and name in seen:
            errors.append(f'โครงการ: ชื่อซ้ำกับแถวที่ {seen[name]} ในไฟล์')
        seen.setdefault(name, number)
        report.rows.append(ImportRow(int(number), clean or values, errors))
    if commit and report.valid:
        _write(actor, edition, report, base_lineage)
    return report


def _lookups(session, org_id: int, cycle_id: int) -> dict[str, dict[str, int]]:
    nodes: dict[str, int] = {}
    for node in session.exec(select(PlanNode).where(PlanNode.cycle_id == cycle_id)):
        for key in (node.code, f'{node.code} {node.name}', f'{node.code}. {node.name}', node.name):
            nodes.setdefault(_key(key), node.id)
    programs = {}
    for p in session.exec(select(ProgramCode).where(ProgramCode.org_id == org_id, ProgramCode.level == 'program')):
        for key in (p.code, p.name, p.name.removeprefix('แผนงาน'), f'{p.code} {p.name}'):
            programs[_key(key)] = p.id
    divisions = {}
    for d in session.exec(select(Division).where(Division.org_id == org_id)):
        divisions.update({_key(d.name): d.id, _key(d.code): d.id})
    villages = {}
    for v in session.exec(select(Village).where(Village.org_id == org_id)):
        for key in (v.name, f'หมู่ที่ {v.number}', f'หมู่ที่ {v.number} {v.name}', str(v.number)):
            villages[_key(key)] = v.id
    funds, default_fund = {}, None
    for f in session.exec(select(FundSource).where(FundSource.org_id == org_id).order_by(FundSource.sort_order)):
        funds.update({_key(f.name): f.id, _key(f.code): f.id})
        default_fund = default_fund or f.id  # the first: เงินงบประมาณ
    forms = {_key(label): key for key, label in PROJECT_FORMS.items()} | {'ผ.02/1': 'p02_1', 'ผ.02/2': 'p02_2'}
    return {'node': nodes, 'program': programs, 'division': divisions, 'village': villages, 'fund': funds,
            'form': forms, 'default_fund': default_fund}


def _resolve(values: dict[str, Any], row: pd.Series, columns, lookups: dict) -> list[str]:
    """Names in the sheet -> ids; a name we cannot place is an error naming the column and the value."""
    errors = []

    def pick(field: str, headings: tuple[str, ...], table: str, label: str, required: bool = True) -> None:
        heading = next((h for h in headings if h in columns and pd.notna(row[h]) and _key(row[h])), None)
        if heading is None:
            if required:
                errors.append(f'{label}: กรุณากรอก')
            return
        text = _key(row[heading])
        found = lookups[table].get(text)
        if found is None and table == 'node':  # "1.2 ชื่อกลยุทธ์" → by its code
            found = lookups[table].get(text.split(' ')[0].rstrip('.'))
        if found is None:
            errors.append(f'{label}: ไม่พบ "{text}" ในรายการ')
        else:
            values[field] = found

    pick('node_id', ('ยุทธศาสตร์/กลยุทธ์', 'กลยุทธ์', 'ยุทธศาสตร์'), 'node', 'ยุทธศาสตร์/กลยุทธ์')
    pick('program_code_id', ('แผนงาน',), 'program', 'แผนงาน')
    pick('division_id', ('หน่วยงานรับผิดชอบหลัก', 'หน่วยงานรับผิดชอบ'), 'division', 'หน่วยงานรับผิดชอบหลัก')
    pick('village_id', ('พื้นที่',), 'village', 'พื้นที่', required=False)
    pick('fund_source_id', ('แหล่งเงิน',), 'fund', 'แหล่งเงิน', required=False)
    pick('form', ('แบบ',), 'form', 'แบบ', required=False)
    values.setdefault('fund_source_id', lookups['default_fund'])
    values.setdefault('form', 'p02')
    return errors


def _write(actor: Principal, edition: PlanEdition, report: ImportReport, base_lineage: dict[str, int]) -> None:
    with db.session_scope(write=True) as session:
        current = {p.name: p for p in session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id))}
        added = updated = 0
        for row in report.valid:
            clean = row.values
            existing = current.get(clean['name'])
            if existing is not None:  # 'ที่' is the printed running number: it does not reorder existing projects
                changed = {k: v for k, v in clean.items() if k != 'seq' and getattr(existing, k) != v}
                if changed:
                    for k, v in changed.items():
                        setattr(existing, k, v)
                    existing.updated_by = actor.user_id
                    session.add(existing)
                    updated += 1
                continue
            session.add(PlanProject(org_id=actor.org_id, created_by=actor.user_id,
                                    lineage_id=base_lineage.get(clean['name'], 0), **clean))
            added += 1
        session.flush()
        report.imported = added + updated
        audit.record_by(session, actor, 'import', object_type='PlanEdition', object_id=edition.id,
                        data={'rows': len(report.rows), 'added': added, 'updated': updated,
                              'invalid': len(report.invalid)})

