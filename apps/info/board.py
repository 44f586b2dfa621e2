"""The executive board (M-R4): one read of every app's own figures for the นายก and the ปลัด — budget execution per
แผนงาน (e-LAAS), progress and money per project (e-Plan's monitoring report), procurement files per status (e-GP),
overdue letters per urgency (e-Office) and who is away today (HR). Each figure is the app's own report, read through
its links.py (never recomputed here), so the board equals the reports; a panel appears only to a user who may read
that app's report."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from apps.egp import links as egp
from apps.elaas import links as elaas
from apps.eoffice import links as eoffice
from apps.eplan import links as eplan
from apps.hr import links as hr
from core.access import Principal, require
from core.thai import fiscal_year, today

VIEW = 'info.board.view'
ZERO = Decimal('0')


@dataclass
class Board:
    fy: int
    years: list[int]
    execution: pd.DataFrame | None = None  # แผนงาน, งบประมาณ, ก่อหนี้ผูกพัน, เบิกจ่าย
    projects: pd.DataFrame | None = None  # e-Plan's monitoring rows
    procurement: list[tuple] | None = None  # (status title, count, amount)
    overdue: list[tuple] | None = None  # (urgency title, count)
    overdue_letters: list[tuple] = field(default_factory=list)  # (number, subject, urgency title, due, path)
    away: list[tuple] | None = None  # (name, leave title, until)

    def totals(self) -> dict[str, Decimal]:
        if self.execution is None:
            return {}
        return {c: sum(self.execution[c], ZERO) for c in ('งบประมาณ', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย')}


def read(actor: Principal, fy: int | None = None) -> Board:
    """Every panel the user may see, in the page's one trip."""
    require(actor, VIEW, where='info/board')
    years = elaas.budget_years(actor) if actor.can('elaas.report.view') else []
    fy = int(fy) if fy else (years[0] if years else fiscal_year(today()))
    board = Board(fy, sorted(set(years) | {fy}, reverse=True))
    if actor.can('elaas.report.view'):
        board.execution = elaas.execution_by_program(actor, fy)
    if actor.can('eplan.plan.view'):
        board.projects = eplan.monitoring(actor, fy)
    if actor.can('egp.procurement.view'):
        board.procurement = egp.procurement_board(actor, fy)['status']
    if actor.can('eoffice.doc.view'):
        letters = eoffice.overdue(actor)
        titles = eoffice.urgency_titles()
        counts = Counter(d.urgency for d in letters)
        board.overdue = [(titles.get(u, u), counts[u]) for u in titles if counts[u]]
        board.overdue_letters = [(d.number_text, d.subject, titles.get(d.urgency, d.urgency), d.due_date,
                                  eoffice.document_path(d)) for d in letters[:20]]
    if actor.can('hr.leave.request'):
        board.away = [(name, title, r.end_date) for name, _, title, r in hr.away_on(actor)]
    return board
