"""Import a plan from Excel into the draft edition: one row per project with five year columns — the layout LAOs keep
today and the layout of our own ผ.02 export, so an export imports back unchanged.

A project is known by its strategy/tactic, its name and the years it has a budget in: the same name under another
tactic or in other years is another project, and only a row repeating all three in the file is a duplicate (named
with the first row's number). A row updates the draft's project so known, or adds one; a project the base edition
already had keeps its identity (lineage), so budget links and progress still follow it. A strategy or tactic the plan
does not have is refused with the value and the plan's choices, never attached elsewhere. Division, แผนงาน and fund
source are matched as every kit import matches them (core/lookups.py), the officer's saved choices included. Every
row is checked first; nothing is written while any row has an error unless the user chooses to import the valid rows.
"""

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlmodel import select

from apps.eplan.resources import PROJECTS
from apps.eplan.service import NODE_KINDS, PROJECT_FORMS, open_edition
from core import audit, db
from core.access import Principal, require
from core.errors import Refusal, ValidationFailed
from core.lookups import EXACT, Lookup, loose, saved_choices
from core.resource import ImportReport, ImportRow, choices_for, read_sheet, validate
from core.thai import to_arabic_digits
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
        base = list(session.exec(select(PlanProject).where(PlanProject.edition_id == edition.based_on_id))) \
            if edition.based_on_id else []
        current = list(session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)))
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
    report, seen = ImportReport([], headings=list(df.columns), choices=choices), {}
    _note_lookups(df, lookups, report)
    for number, row in df.iterrows():
        values: dict[str, Any] = {'edition_id': edition.id}
        for heading, name in TEXT_COLUMNS.items():
            if heading in df.columns and pd.notna(row[heading]):
                values.setdefault(name, row[heading])
        if 'name' in values:  # a name is one line: the line breaks of a wrapped cell become spaces
            values['name'] = _key(values['name'])
        for n in range(1, PLAN_YEARS + 1):
            values[f'budget_y{n}'] = _money(row[year_columns[n]]) if n in year_columns else '0'
        refused = _resolve(values, row, df.columns, lookups)
        clean = {}
        try:
            clean = validate(PROJECTS, actor, values, choices)
        except ValidationFailed as failed:
            refused = {**failed.errors, **refused}  # one message a field: "ไม่พบ …" rather than also "กรุณากรอก"
        errors = list(refused.values())
        if clean and not errors:
            known = _identity(clean)
            if known in seen:
                errors.append(f'โครงการ: "{clean["name"]}" ซ้ำกับแถวที่ {seen[known]} ในไฟล์ '
                              '(ยุทธศาสตร์/กลยุทธ์ ชื่อ และปีที่มีงบประมาณเดียวกัน)')
            else:
                seen[known] = number
        report.rows.append(ImportRow(int(number), clean or values, errors, cells=row.to_dict()))
    _match(report, current)
    if commit and report.valid:
        _write(actor, edition, report, base)
    return report


def _identity(values: dict[str, Any]) -> tuple:
    """What names one project of a plan: its strategy/tactic, its name, and the years it has a budget in."""
    years = tuple(n for n in range(1, PLAN_YEARS + 1) if values.get(f'budget_y{n}'))
    return values.get('node_id'), _key(values.get('name')), years


def _same_project(projects: list[PlanProject], values: dict[str, Any]) -> PlanProject | None:
    """The project of `projects` the row names: the one under the same node with the same name, or among several
    such the one budgeted in the same years."""
    named = [p for p in projects if (p.node_id, _key(p.name)) == (values.get('node_id'), _key(values.get('name')))]
    if len(named) == 1:
        return named[0]
    return next((p for p in named if _identity(p.model_dump()) == _identity(values)), None)


def _match(report: ImportReport, current: list[PlanProject]) -> None:
    """Each valid row: a new project, or changes to the draft's project it names (unchanged when none)."""
    left = list(current)
    for row in report.valid:
        existing = _same_project(left, row.values)
        if existing is None:
            continue
        left.remove(existing)
        row.record_id = existing.id  # 'ที่' is the printed running number: it does not reorder existing projects
        row.changes = {k: [getattr(existing, k), v] for k, v in row.values.items()
                       if k != 'seq' and getattr(existing, k) != v}
        row.action = 'changed' if row.changes else 'unchanged'


@dataclass(frozen=True)
class Nodes:
    """The plan's strategies (or development issues) and tactics."""

    all: list[PlanNode]

    def children(self, node: PlanNode) -> list[PlanNode]:
        return [n for n in self.all if n.parent_id == node.id]

    def find(self, text: str, pool: list[PlanNode]) -> PlanNode | None:
        """The node of `pool` a cell names: by code ("1.2", "1.2."), "code name", or name; a leading ยุทธศาสตร์ที่ /
        กลยุทธ์ที่ is not part of it."""
        text = re.sub(r'^(ยุทธศาสตร์|กลยุทธ์|ประเด็นการพัฒนา)(ที่)?\s*', '', _key(text))
        code = to_arabic_digits(text.split(' ')[0]).rstrip('.')
        by_code = next((n for n in pool if n.code == code), None)
        return by_code or next((n for n in pool if loose(n.name) == loose(text)), None)

    @staticmethod
    def listed(pool: list[PlanNode]) -> str:
        shown = ', '.join(f'"{n.code} {n.name}"' for n in pool[:12])
        return shown + (f' และอีก {len(pool) - 12} รายการ' if len(pool) > 12 else '') if pool else 'ไม่มี'


def _node(row: pd.Series, columns, nodes: Nodes) -> tuple[int | None, str | None]:
    """The row's strategy/tactic, or why it is refused: a value the plan does not have is refused with the plan's
    choices, and a strategy that has tactics is not taken for one of its tactics."""
    def cell(heading: str) -> str:
        return _key(row[heading]) if heading in columns and pd.notna(row[heading]) else ''

    strategy_text, tactic_text, either = cell('ยุทธศาสตร์'), cell('กลยุทธ์'), cell('ยุทธศาสตร์/กลยุทธ์')
    tops = [n for n in nodes.all if n.parent_id is None]
    strategy = nodes.find(strategy_text, tops) if strategy_text else None
    if strategy_text and strategy is None:
        return None, f'ยุทธศาสตร์: ไม่พบ "{strategy_text}" ในแผน (ที่มี: {nodes.listed(tops)})'
    if tactic_text or either:
        heading, text = ('กลยุทธ์', tactic_text) if tactic_text else ('ยุทธศาสตร์/กลยุทธ์', either)
        pool = ([strategy, *nodes.children(strategy)] if strategy else nodes.all) if not tactic_text else \
            (nodes.children(strategy) if strategy else [n for n in nodes.all if n.parent_id is not None])
        found = nodes.find(text, pool)
        tactics = [n for n in pool if n.parent_id is not None]
        if found is None:
            return None, f'{heading}: ไม่พบ "{text}" ในแผน{_under(strategy)} (ที่มี: {nodes.listed(tactics or pool)})'
        if nodes.children(found):
            return None, (f'{heading}: "{text}" เป็น{NODE_KINDS.get(found.kind, found.kind)}ที่มีกลยุทธ์ '
                          f'กรุณาระบุกลยุทธ์ (ที่มี: {nodes.listed(nodes.children(found))})')
        return found.id, None
    if strategy is not None:
        if nodes.children(strategy):
            return None, (f'กลยุทธ์: กรุณากรอก (ยุทธศาสตร์ "{strategy_text}" มีกลยุทธ์: '
                          f'{nodes.listed(nodes.children(strategy))})')
        return strategy.id, None
    return None, 'ยุทธศาสตร์/กลยุทธ์: กรุณากรอก'


def _under(strategy: PlanNode | None) -> str:
    return f' ภายใต้ยุทธศาสตร์ {strategy.code} {strategy.name}' if strategy else ''


LOOKUP_COLUMNS = {  # field -> the headings a file may give it under, its Thai label
    'program_code_id': (('แผนงาน',), 'แผนงาน'),
    'division_id': (('หน่วยงานรับผิดชอบหลัก', 'หน่วยงานรับผิดชอบ'), 'หน่วยงานรับผิดชอบหลัก'),
    'fund_source_id': (('แหล่งเงิน',), 'แหล่งเงิน'),
}


def _lookups(session, org_id: int, cycle_id: int) -> dict[str, Any]:
    nodes = Nodes(list(session.exec(select(PlanNode).where(PlanNode.cycle_id == cycle_id).order_by(
        PlanNode.sort_order, PlanNode.code))))
    saved = saved_choices(session, org_id, PROJECTS.ident)
    programs = list(session.exec(select(ProgramCode).where(ProgramCode.org_id == org_id,
                                                           ProgramCode.level == 'program')))
    divisions = list(session.exec(select(Division).where(Division.org_id == org_id)))
    funds = list(session.exec(select(FundSource).where(FundSource.org_id == org_id).order_by(FundSource.sort_order)))
    villages = {}
    for v in session.exec(select(Village).where(Village.org_id == org_id)):
        for key in (v.name, f'หมู่ที่ {v.number}', f'หมู่ที่ {v.number} {v.name}', str(v.number)):
            villages[_key(key)] = v.id
    forms = {_key(label): key for key, label in PROJECT_FORMS.items()} | {'ผ.02/1': 'p02_1', 'ผ.02/2': 'p02_2'}
    return {
        'node': nodes, 'village': villages, 'form': forms, 'default_fund': funds[0].id if funds else None,
        'program_code_id': Lookup({p.id: p.name for p in programs}, {p.id: p.code for p in programs},
                                  saved.get('program_code_id')),
        'division_id': Lookup({d.id: d.name for d in divisions}, {d.id: d.code for d in divisions},
                              saved.get('division_id')),
        'fund_source_id': Lookup({f.id: f.name for f in funds}, {f.id: f.code for f in funds},
                                 saved.get('fund_source_id')),
    }


def _heading(columns, headings: tuple[str, ...]) -> str | None:
    return next((h for h in headings if h in columns), None)


def _note_lookups(df: pd.DataFrame, lookups: dict, report: ImportReport) -> None:
    """For the preview: each distinct value of a lookup column matched other than exactly, and those matched by
    nothing with the closest names (the officer maps them once, for this and the next files)."""
    for name, (headings, _) in LOOKUP_COLUMNS.items():
        heading = _heading(df.columns, headings)
        if heading is None:
            continue
        lookup: Lookup = lookups[name]
        for text in {_key(v) for v in df[heading] if pd.notna(v) and _key(v)}:
            match = lookup.find(text)
            if match is None:
                report.unmatched.setdefault(name, {})[text] = lookup.closest(text)
                report.options[name] = lookup.options
            elif match.rule not in EXACT:
                report.matched.setdefault(name, {})[text] = match


def _resolve(values: dict[str, Any], row: pd.Series, columns, lookups: dict) -> dict[str, str]:
    """Names in the sheet -> ids; a name we cannot place is an error naming the column and the value (one per
    field)."""
    errors = {}
    node, error = _node(row, columns, lookups['node'])
    if error:
        errors['node_id'] = error
    else:
        values['node_id'] = node
    for name, (headings, label) in LOOKUP_COLUMNS.items():
        heading = next((h for h in headings if h in columns and pd.notna(row[h]) and _key(row[h])), None)
        if heading is None:
            continue  # a required one is asked for by the form's own check
        match = lookups[name].find(_key(row[heading]))
        if match is None:
            errors[name] = lookups[name].refusal(label, row[heading])
        else:
            values[name] = match.key
    for field, heading, table in (('village_id', 'พื้นที่', 'village'), ('form', 'แบบ', 'form')):
        if heading in columns and pd.notna(row[heading]) and _key(row[heading]):
            found = lookups[table].get(_key(row[heading]))
            if found is None:
                errors[field] = f'{heading}: ไม่พบ "{_key(row[heading])}" ในรายการ'
            else:
                values[field] = found
    values.setdefault('fund_source_id', lookups['default_fund'])
    values.setdefault('form', 'p02')
    return errors


def _write(actor: Principal, edition: PlanEdition, report: ImportReport, base: list[PlanProject]) -> None:
    with db.session_scope(write=True) as session:
        added = updated = 0
        left = list(base)
        for row in report.valid:
            clean = row.values
            if row.action == 'unchanged':
                continue
            if row.action == 'changed':
                existing = session.get(PlanProject, row.record_id)
                for k, (_, v) in row.changes.items():
                    setattr(existing, k, v)
                existing.updated_by = actor.user_id
                session.add(existing)
                updated += 1
                continue
            before = _same_project(left, clean)  # the project of the base edition this row carries on
            if before is None:  # moved to another tactic: still the same project when its name is unique there
                named = [p for p in left if _key(p.name) == _key(clean['name'])]
                before = named[0] if len(named) == 1 else None
            if before is not None:
                left.remove(before)
            session.add(PlanProject(org_id=actor.org_id, created_by=actor.user_id,
                                    lineage_id=before.lineage_id if before else 0, **clean))
            added += 1
        session.flush()
        report.imported = added + updated
        audit.record_by(session, actor, 'import', object_type='PlanEdition', object_id=edition.id,
                        data={'rows': len(report.rows), 'added': added, 'updated': updated,
                              'invalid': len(report.invalid)})
