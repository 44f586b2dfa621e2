"""e-Plan rules: plan editions (versions) and their approval, the diff between editions, the action plan, progress,
and the data the standard forms are shaped from (ผ.01, ผ.02, ผ.03, ผด.02, monitoring and evaluation: reports.py).
No UI here."""

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from sqlmodel import Session, col, select

from apps.eplan.links import ProjectMoney, edition_in_force, project_money
from core import audit, db
from core.access import Principal, require
from core.dated import in_force
from core.errors import NotFound, Refusal
from core.resource import REGISTRY, create
from core.settings import asset
from core.thai import fiscal_year, format_date, today
from models.codes import FundSource, ProgramCode
from models.info import Village
from models.org import Division
from models.plan import (
    PLAN_YEARS,
    ActionPlanItem,
    PlanCycle,
    PlanEdition,
    PlanEquipment,
    PlanNode,
    PlanProject,
    ProjectProgress,
)


@dataclass(frozen=True)
class EditionKind:
    kind: str
    name: str
    effective_from: date
    clause: str


@dataclass(frozen=True)
class Deadline:
    key: str
    name: str
    month: int
    day: int
    effective_from: date
    clause: str


def _rows(name: str) -> list[dict[str, str]]:
    with asset('eplan', name).open(encoding='utf-8') as handle:
        return list(csv.DictReader(handle))


@cache
def edition_kinds() -> tuple[EditionKind, ...]:
    """The kinds of edition with the clause each is made under (assets/eplan/edition_kinds.csv)."""
    return tuple(EditionKind(r['kind'], r['name'], date.fromisoformat(r['effective_from']), r['clause'])
                 for r in _rows('edition_kinds.csv'))


def edition_kind(kind: str, on: date) -> EditionKind:
    """The kind as in force on a date; a kind without a rule then refuses, naming it."""
    return in_force((k for k in edition_kinds() if k.kind == kind), on,
                    f'ไม่พบระเบียบที่รองรับการจัดทำแผน "{kind}" ณ วันที่ {format_date(on, "long")} '
                    '(assets/eplan/edition_kinds.csv)')


EDITION_KINDS = {k.kind: k.name for k in edition_kinds()}  # the form's choices, in the file's order


@cache
def deadlines() -> tuple[Deadline, ...]:
    return tuple(Deadline(r['key'], r['name'], int(r['month']), int(r['day']), date.fromisoformat(r['effective_from']),
                          r['clause']) for r in _rows('deadlines.csv'))


def monitoring_due(fy: int) -> tuple[date, Deadline]:
    """When the monitoring report of fiscal year `fy` (BE) is due, by the deadline rule in force after the year:
    the given month and day following the year's end (31 December after a year ending 30 September)."""
    end = date(fy - 543, 9, 30)
    rule = in_force((d for d in deadlines() if d.key == 'monitoring_report'), end,
                    'ไม่พบกำหนดเวลารายงานผลการติดตามและประเมินผลแผน (assets/eplan/deadlines.csv)')
    due = date(end.year + (1 if rule.month <= 9 else 0), rule.month, rule.day)
    return due, rule
OPEN_STATES = ('draft', 'submitted', 'reviewed')
EDITION_STATES = {'draft': 'ร่าง', 'submitted': 'เสนอพิจารณา', 'reviewed': 'ผ่านการพิจารณา',
                  'approved': 'ผู้บริหารอนุมัติแล้ว', 'announced': 'ประกาศใช้แล้ว'}
STRUCTURES = {'strategy': 'ยุทธศาสตร์ → กลยุทธ์ (แผน 2566–2570)', 'issue': 'ประเด็นการพัฒนาท้องถิ่น (แผน 2571–2575)'}
NODE_KINDS = {'strategy': 'ยุทธศาสตร์', 'tactic': 'กลยุทธ์', 'issue': 'ประเด็นการพัฒนา'}
PROJECT_FORMS = {'p02': 'ผ.02', 'p02_1': 'ผ.02/1 (จากแผนชุมชน)', 'p02_2': 'ผ.02/2 (ประสานโครงการพัฒนาจังหวัด)'}
PROGRESS_STATES = {'not_started': 'ยังไม่ดำเนินการ', 'procuring': 'อยู่ระหว่างจัดซื้อจัดจ้าง',
                   'in_progress': 'อยู่ระหว่างดำเนินการ', 'done': 'ดำเนินการแล้วเสร็จ', 'cancelled': 'ยกเลิก'}
EQUIPMENT_CATEGORIES = {name: name for name in (
    'ครุภัณฑ์สำนักงาน', 'ครุภัณฑ์การศึกษา', 'ครุภัณฑ์ยานพาหนะและขนส่ง', 'ครุภัณฑ์การเกษตร', 'ครุภัณฑ์ก่อสร้าง',
    'ครุภัณฑ์ไฟฟ้าและวิทยุ', 'ครุภัณฑ์โฆษณาและเผยแพร่', 'ครุภัณฑ์วิทยาศาสตร์หรือการแพทย์', 'ครุภัณฑ์งานบ้านงานครัว',
    'ครุภัณฑ์กีฬา', 'ครุภัณฑ์คอมพิวเตอร์', 'ครุภัณฑ์อื่น')}
FISCAL_MONTHS = ('ต.ค.', 'พ.ย.', 'ธ.ค.', 'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.')
# Fields compared between editions, with their Thai names (the readable diff)
COMPARED = {
    'name': 'ชื่อโครงการ', 'objective': 'วัตถุประสงค์', 'target': 'เป้าหมาย', 'kpi': 'ตัวชี้วัด',
    'expected_result': 'ผลที่คาดว่าจะได้รับ', 'node_id': 'ยุทธศาสตร์/กลยุทธ์', 'program_code_id': 'แผนงาน',
    'division_id': 'หน่วยงานรับผิดชอบ', 'village_id': 'พื้นที่', 'fund_source_id': 'แหล่งเงิน', 'form': 'แบบ',
    **{f'budget_y{n}': f'งบประมาณปีที่ {n}' for n in range(1, PLAN_YEARS + 1)},
}


# --- cycles, editions -------------------------------------------------------------------------------------------

def current_cycle(session: Session, org_id: int) -> PlanCycle | None:
    return session.exec(select(PlanCycle).where(PlanCycle.org_id == org_id)
                        .order_by(PlanCycle.start_year.desc(), PlanCycle.id.desc())).first()


def open_edition(session: Session, org_id: int, cycle_id: int | None = None) -> PlanEdition | None:
    """The edition being prepared (draft, or on its way to approval), if any: the latest started, or the one of the
    plan cycle `cycle_id` (a new plan may be drafted while the one in force is amended)."""
    query = select(PlanEdition).where(PlanEdition.org_id == org_id, col(PlanEdition.status).in_(OPEN_STATES))
    if cycle_id is not None:
        query = query.where(PlanEdition.cycle_id == cycle_id)
    return session.exec(query.order_by(PlanEdition.id.desc())).first()


def edition_title(cycle: PlanCycle, kind: str, number: int, year: int) -> str:
    base = f'{cycle.title}'
    if kind == 'first':
        return base
    return f'{base} {EDITION_KINDS[kind]} ครั้งที่ {number}/{year}'


def new_edition(session: Session, actor: Principal, values: dict[str, Any]) -> PlanEdition:
    """A new draft edition copying every project and equipment row of the edition now in force (the kit's create
    hook). A first edition starts the newest plan cycle; a review, correction or amendment changes the plan in force
    (which stays in force while the next five-year plan is drafted)."""
    kind, year = values['kind'], values['year']
    edition_kind(kind, today())  # made under a clause in force today
    base = edition_in_force(session, actor.org_id)
    newest = current_cycle(session, actor.org_id)
    cycle = session.get(PlanCycle, base.cycle_id) if kind != 'first' and base is not None else newest
    if cycle is None:
        raise Refusal('ยังไม่มีแผนพัฒนาท้องถิ่น: เพิ่มรอบแผน (5 ปี) ก่อน')
    if (pending := open_edition(session, actor.org_id, cycle.id)) is not None:
        raise Refusal(f'มี "{pending.title}" ที่ยังไม่อนุมัติอยู่แล้ว ทำต่อในฉบับนั้น')
    if base is not None and base.cycle_id != cycle.id:
        base = None
    if kind != 'first' and base is None:
        raise Refusal('ยังไม่มีแผนฉบับที่อนุมัติแล้ว: เริ่มจาก "ฉบับแรก"')
    if kind == 'first' and base is not None:
        raise Refusal('แผนรอบนี้มีฉบับที่อนุมัติแล้ว: เลือก ทบทวน แก้ไข หรือ เพิ่มเติม/เปลี่ยนแปลง')
    number = 1 + len(session.exec(select(PlanEdition.id).where(
        PlanEdition.cycle_id == cycle.id, PlanEdition.kind == kind)).all())
    edition = PlanEdition(org_id=actor.org_id, cycle_id=cycle.id, kind=kind, number=number, year=year,
                          title=edition_title(cycle, kind, number, year), reason=values.get('reason') or '',
                          based_on_id=base.id if base else None, created_by=actor.user_id)
    session.add(edition)
    session.flush()
    values.update(title=edition.title, copied=copy_rows(session, base, edition) if base else 0)
    return edition


def start_edition(actor: Principal, values: dict[str, Any], key: str | None = None) -> int:
    """Start a new draft edition through the editions register's rules (service callers and the demo)."""
    return create(REGISTRY['eplan/editions'], actor, values, key=key)


def copy_rows(session: Session, source: PlanEdition, target: PlanEdition) -> int:
    """Copy the projects and equipment of `source` into `target`, keeping each row's lineage."""
    copied = 0
    for model in (PlanProject, PlanEquipment):
        for row in session.exec(select(model).where(model.edition_id == source.id).order_by(model.id)).all():
            data = row.model_dump(exclude={'id', 'edition_id', 'created_at', 'updated_at', 'updated_by'})
            session.add(model(**data, edition_id=target.id))
            copied += 1
    session.flush()
    return copied


def stamp_approved(session: Session, edition: PlanEdition, actor: Principal) -> None:
    edition.approved_on = today()
    session.add(edition)


def stamp_announced(session: Session, edition: PlanEdition, actor: Principal) -> None:
    edition.announced_on = today()
    session.add(edition)


def edition_locked(session: Session, row: PlanProject | PlanEquipment) -> str | None:
    """Rows of an edition change only while it is a draft; older editions stay as approved."""
    edition = session.get(PlanEdition, row.edition_id) if row.edition_id else None
    if edition is None or edition.org_id != row.org_id:
        return 'ฉบับของแผน: ไม่พบฉบับนี้'
    if edition.status != 'draft':
        state = EDITION_STATES.get(edition.status, edition.status)
        return (f'"{edition.title}" อยู่ในสถานะ {state} จึงแก้ไขไม่ได้ '
                '— เพิ่มหรือแก้ไขโครงการในฉบับร่าง (ทบทวน/แก้ไข/เพิ่มเติม/เปลี่ยนแปลง) ฉบับใหม่')
    return None


def draft_edition_id(actor: Principal) -> int | None:
    """The form's default edition for a new project: the draft being prepared."""
    with db.session_scope() as session:
        edition = open_edition(session, actor.org_id)
        return edition.id if edition is not None and edition.status == 'draft' else None


def in_force_filter(actor: Principal) -> dict[str, Any]:
    """Registers of plan rows open on the edition in force (or the one being drafted before any is approved)."""
    with db.session_scope() as session:
        edition = edition_in_force(session, actor.org_id) or open_edition(session, actor.org_id)
        return {'edition_id': edition.id} if edition else {}


def check_project(actor: Principal, values: dict[str, Any]) -> dict[str, str]:
    """Cross-field rules of a ผ.02/ผ.03 row: whole baht, at least one year with a budget, a node of the plan."""
    errors: dict[str, str] = {}
    for n in range(1, PLAN_YEARS + 1):
        amount = values.get(f'budget_y{n}')
        if amount is not None and amount != amount.to_integral_value():
            errors[f'budget_y{n}'] = f'งบประมาณปีที่ {n}: แผนพัฒนาใช้จำนวนเต็มบาท (ไม่มีสตางค์)'
    if not errors and not any(values.get(f'budget_y{n}') for n in range(1, PLAN_YEARS + 1)):
        errors['budget_y1'] = 'งบประมาณ: ต้องมีงบประมาณอย่างน้อยหนึ่งปี'
    if values.get('node_id') and values.get('edition_id'):
        with db.session_scope() as session:
            node, edition = session.get(PlanNode, values['node_id']), session.get(PlanEdition, values['edition_id'])
            if node and edition and node.cycle_id != edition.cycle_id:
                errors['node_id'] = 'ยุทธศาสตร์/กลยุทธ์: ไม่ได้อยู่ในแผนรอบเดียวกับฉบับที่เลือก'
    return errors


# --- choices for forms ------------------------------------------------------------------------------------------

def edition_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(PlanEdition).where(PlanEdition.org_id == actor.org_id)
                            .order_by(PlanEdition.id.desc())).all()
        return {e.id: f'{e.title} ({EDITION_STATES.get(e.status, e.status)})' for e in rows}


def node_choices(actor: Principal) -> dict[int, str]:
    """The plans' nodes: the plan in force first (its amendments are the usual work), then the newest first."""
    with db.session_scope() as session:
        rows = session.exec(select(PlanNode).where(PlanNode.org_id == actor.org_id)
                            .order_by(PlanNode.cycle_id.desc(), PlanNode.sort_order, PlanNode.code)).all()
        edition = edition_in_force(session, actor.org_id)
        in_force = edition.cycle_id if edition is not None else None
        rows = sorted(rows, key=lambda n: n.cycle_id != in_force)  # stable: the order above within each group
        return {n.id: f'{NODE_KINDS.get(n.kind, n.kind)} {n.code} {n.name}' for n in rows}


def node_codes(actor: Principal) -> dict[int, str]:
    """Each strategy's and tactic's code ("1", "1.2"), for an import that writes the code alone."""
    with db.session_scope() as session:
        return dict(session.exec(select(PlanNode.id, PlanNode.code).where(PlanNode.org_id == actor.org_id)).all())


def program_choices(actor: Principal) -> dict[int, str]:
    with db.session_scope() as session:
        rows = session.exec(select(ProgramCode).where(ProgramCode.org_id == actor.org_id,
                                                      ProgramCode.level == 'program', ProgramCode.is_active)
                            .order_by(ProgramCode.sort_order)).all()
        return {p.id: p.name for p in rows}


def in_force_project_choices(actor: Principal) -> dict[int, str]:
    """Projects of the edition in force (for the action plan and progress entries)."""
    with db.session_scope() as session:
        edition = edition_in_force(session, actor.org_id)
        if edition is None:
            return {}
        rows = session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)
                            .order_by(PlanProject.node_id, PlanProject.seq, PlanProject.id)).all()
        return {p.id: p.name for p in rows}


# --- the readable diff between two editions ---------------------------------------------------------------------

@dataclass
class Change:
    name: str
    fields: list[tuple[str, str, str]]  # (Thai field name, before, after)


@dataclass
class EditionDiff:
    older: str
    newer: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _labels(session: Session, org_id: int) -> dict[str, dict]:
    def named(model, attr='name'):
        return {r.id: getattr(r, attr) for r in session.exec(select(model).where(model.org_id == org_id)).all()}
    nodes = {n.id: f'{n.code} {n.name}' for n in session.exec(select(PlanNode).where(PlanNode.org_id == org_id))}
    return {'node_id': nodes, 'program_code_id': named(ProgramCode), 'division_id': named(Division),
            'village_id': named(Village), 'fund_source_id': named(FundSource), 'form': PROJECT_FORMS}


def _shown(name: str, value: Any, labels: dict[str, dict]) -> str:
    if value is None or value == '':
        return '—'
    if name in labels:
        return str(labels[name].get(value, value))
    if isinstance(value, Decimal):
        return f'{value:,.0f}'
    return str(value)


def diff(actor: Principal, older_id: int, newer_id: int) -> EditionDiff:
    """Projects added, removed and changed (field by field, in Thai) from one edition to another."""
    require(actor, 'eplan.plan.view', where='eplan/diff')
    with db.session_scope() as session:
        older, newer = session.get(PlanEdition, older_id), session.get(PlanEdition, newer_id)
        if older is None or newer is None or actor.org_id not in (older.org_id, newer.org_id) \
                or older.org_id != newer.org_id:
            raise NotFound('ไม่พบฉบับของแผนที่จะเปรียบเทียบ')
        labels = _labels(session, actor.org_id)
        before = {p.lineage_id: p for p in session.exec(select(PlanProject).where(PlanProject.edition_id == older_id))}
        after = {p.lineage_id: p for p in session.exec(select(PlanProject).where(PlanProject.edition_id == newer_id))}
        result = EditionDiff(older.title, newer.title)
        result.added = [after[k].name for k in after if k not in before]
        result.removed = [before[k].name for k in before if k not in after]
        for key in after.keys() & before.keys():
            old, new = before[key], after[key]
            fields = [(title, _shown(name, getattr(old, name), labels), _shown(name, getattr(new, name), labels))
                      for name, title in COMPARED.items() if getattr(old, name) != getattr(new, name)]
            if fields:
                result.changed.append(Change(new.name, fields))
        result.changed.sort(key=lambda c: c.name)
        return result


# --- the data of the reports ------------------------------------------------------------------------------------

def _top_nodes(nodes: dict[int, PlanNode]) -> dict[int, PlanNode]:
    """Each node's top-level ancestor (its ยุทธศาสตร์ / ประเด็นการพัฒนา)."""
    top = {}
    for node_id, node in nodes.items():
        while node.parent_id is not None and node.parent_id in nodes:
            node = nodes[node.parent_id]
        top[node_id] = node
    return top


@dataclass
class PlanData:
    """One edition's rows with the names the forms print."""

    edition: PlanEdition
    cycle: PlanCycle
    projects: list[PlanProject]
    equipment: list[PlanEquipment]
    top: dict[int, PlanNode]  # node id -> its top-level node (ยุทธศาสตร์ / ประเด็นการพัฒนา)
    nodes: dict[int, PlanNode]
    labels: dict[str, dict]

    def year_label(self, n: int) -> str:
        return str(self.cycle.start_year + n - 1)


def plan_data(actor: Principal, edition_id: int | None = None) -> PlanData | None:
    """The rows of an edition (default: the one in force) for the standard forms."""
    require(actor, 'eplan.plan.view', where='eplan/reports')
    with db.session_scope() as session:
        edition = (session.get(PlanEdition, edition_id) if edition_id
                   else edition_in_force(session, actor.org_id) or open_edition(session, actor.org_id))
        if edition is None or edition.org_id != actor.org_id:
            return None
        cycle = session.get(PlanCycle, edition.cycle_id)
        nodes = {n.id: n for n in session.exec(select(PlanNode).where(PlanNode.cycle_id == cycle.id)).all()}
        top = _top_nodes(nodes)
        projects = list(session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)).all())
        equipment = list(session.exec(select(PlanEquipment).where(PlanEquipment.edition_id == edition.id)).all())
        projects.sort(key=lambda p: (top[p.node_id].sort_order, top[p.node_id].code, p.program_code_id, p.seq, p.id))
        equipment.sort(key=lambda e: (e.program_code_id, e.seq, e.id))
        return PlanData(edition, cycle, projects, equipment, top, nodes, _labels(session, actor.org_id))


# --- action plan ------------------------------------------------------------------------------------------------

def schedule_year(actor: Principal, year: int) -> int:
    """Put every in-force project with a budget in fiscal `year` into that year's action plan (once); how many."""
    require(actor, 'eplan.plan.edit', where='eplan/action-plan')
    with db.session_scope(write=True) as session:
        edition = edition_in_force(session, actor.org_id)
        if edition is None:
            raise Refusal('ยังไม่มีแผนพัฒนาฉบับที่อนุมัติแล้ว')
        cycle = session.get(PlanCycle, edition.cycle_id)
        if year not in cycle.years:
            raise Refusal(f'ปีงบประมาณ: {year} ไม่อยู่ในแผน {cycle.start_year}–{cycle.end_year}')
        n = year - cycle.start_year + 1
        scheduled = set(session.exec(select(PlanProject.lineage_id).join(
            ActionPlanItem, ActionPlanItem.project_id == PlanProject.id).where(
            ActionPlanItem.org_id == actor.org_id, ActionPlanItem.fiscal_year == year)).all())
        added = 0
        for project in session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)).all():
            if project.budget_for(n) and project.lineage_id not in scheduled:
                session.add(ActionPlanItem(org_id=actor.org_id, fiscal_year=year, project_id=project.id,
                                           budget=project.budget_for(n), created_by=actor.user_id))
                added += 1
        audit.record_by(session, actor, 'schedule_year', object_type='ActionPlanItem', object_id=year,
                        data={'fiscal_year': year, 'added': added})
        return added


# --- monitoring and evaluation ----------------------------------------------------------------------------------

def latest_progress(session: Session, org_id: int, year: int) -> dict[int, ProjectProgress]:
    """The newest progress entry of each project lineage in a fiscal year."""
    rows = session.exec(select(ProjectProgress, PlanProject.lineage_id).join(
        PlanProject, PlanProject.id == ProjectProgress.project_id).where(
        ProjectProgress.org_id == org_id, ProjectProgress.fiscal_year == year).order_by(
        ProjectProgress.report_date, ProjectProgress.id)).all()
    return {lineage: entry for entry, lineage in rows}


@dataclass
class MonitoredProject:
    """A project of the plan in force with a budget in the fiscal year: what e-LAAS and its progress say of it."""

    project: PlanProject
    top: PlanNode  # its ยุทธศาสตร์ / ประเด็นการพัฒนา
    planned: Decimal  # the plan's budget for the year
    money: ProjectMoney | None  # budgeted, committed, disbursed (e-LAAS), if any
    progress: ProjectProgress | None  # the newest progress entry of the year, if any


def scheduled_projects(actor: Principal, year: int) -> tuple[list[tuple[ActionPlanItem, PlanProject]], dict]:
    """The action plan of fiscal `year` (its items with their projects) and the names the forms print (with each
    plan node's top strategy or development issue: `strategy_of`)."""
    require(actor, 'eplan.plan.view', where='eplan/reports')
    with db.session_scope() as session:
        rows = session.exec(select(ActionPlanItem, PlanProject).join(
            PlanProject, PlanProject.id == ActionPlanItem.project_id).where(
            ActionPlanItem.org_id == actor.org_id, ActionPlanItem.fiscal_year == year).order_by(
            PlanProject.program_code_id, PlanProject.seq, PlanProject.id)).all()
        labels = _labels(session, actor.org_id)
        cycles = {node.cycle_id for node in session.exec(select(PlanNode).where(
            PlanNode.id.in_({project.node_id for _, project in rows})))}
        nodes = {n.id: n for n in session.exec(select(PlanNode).where(PlanNode.cycle_id.in_(cycles)))}
        labels['strategy_of'] = {node_id: f'{top.code}. {top.name}' for node_id, top in _top_nodes(nodes).items()}
        return [tuple(row) for row in rows], labels


def monitored_projects(actor: Principal, year: int) -> tuple[list[MonitoredProject], dict]:
    """Every project of the plan in force with a budget in fiscal `year`, in plan order, and the names the forms
    print; none when no edition is in force or the year is outside its plan."""
    require(actor, 'eplan.plan.view', where='eplan/reports')
    with db.session_scope() as session:
        edition = edition_in_force(session, actor.org_id)
        cycle = session.get(PlanCycle, edition.cycle_id) if edition is not None else None
        if cycle is None or year not in cycle.years:
            return [], {}
        n = year - cycle.start_year + 1
        top_of = _top_nodes({x.id: x for x in session.exec(select(PlanNode).where(PlanNode.cycle_id == cycle.id))})
        money = project_money(session, actor.org_id, year)
        progress = latest_progress(session, actor.org_id, year)
        projects = session.exec(select(PlanProject).where(PlanProject.edition_id == edition.id)
                                .order_by(PlanProject.node_id, PlanProject.seq, PlanProject.id)).all()
        return [MonitoredProject(p, top_of[p.node_id], p.budget_for(n), money.get(p.lineage_id),
                                 progress.get(p.lineage_id)) for p in projects if p.budget_for(n)], \
            _labels(session, actor.org_id)


def current_fiscal_year() -> int:
    return fiscal_year(today())


@dataclass
class ProjectSummary:
    year: int
    planned: Decimal
    money: ProjectMoney
    status: str
    editions: list[str]


def project_summary(actor: Principal, project_id: int, year: int | None = None) -> ProjectSummary:
    """A project's money (from e-LAAS) and latest progress in a fiscal year (default: its latest active year)."""
    require(actor, 'eplan.plan.view', where='eplan/projects')
    with db.session_scope() as session:
        project = session.get(PlanProject, project_id)
        if project is None or project.org_id != actor.org_id:
            raise NotFound('ไม่พบโครงการนี้')
        rows = select(PlanProject.id).where(PlanProject.lineage_id == project.lineage_id)
        if year is None:
            active = session.exec(select(ProjectProgress.fiscal_year).where(
                col(ProjectProgress.project_id).in_(rows)).order_by(ProjectProgress.fiscal_year.desc())).first()
            year = active or current_fiscal_year()
        cycle = session.get(PlanCycle, session.get(PlanEdition, project.edition_id).cycle_id)
        planned = project.budget_for(year - cycle.start_year + 1) if year in cycle.years else Decimal('0')
        money = project_money(session, actor.org_id, year).get(project.lineage_id, ProjectMoney())
        entry = latest_progress(session, actor.org_id, year).get(project.lineage_id)
        editions = session.exec(select(PlanEdition.title).join(PlanProject, PlanProject.edition_id == PlanEdition.id)
                                .where(PlanProject.lineage_id == project.lineage_id).order_by(PlanEdition.id)).all()
        status = (f'{PROGRESS_STATES[entry.status]} ({entry.physical_pct}%)' if entry
                  else PROGRESS_STATES['not_started'])
        return ProjectSummary(year, planned, money, status, list(editions))


def active_year(actor: Principal) -> int:
    """The fiscal year the monitoring pages open on: the latest with an action plan, else the current one."""
    with db.session_scope() as session:
        latest = session.exec(select(ActionPlanItem.fiscal_year).where(ActionPlanItem.org_id == actor.org_id)
                              .order_by(ActionPlanItem.fiscal_year.desc())).first()
    return latest or current_fiscal_year()
