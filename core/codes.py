"""The shared code lists (รหัสแผนงาน/งาน, แหล่งเงิน): seeded for each new LAO from assets/codes/, then the LAO's own."""

import csv
from collections.abc import Callable

from sqlmodel import Session, SQLModel, select

from core import db
from core.access import Principal
from core.settings import asset
from models.codes import FundSource, ProgramCode


def _rows(name: str) -> list[dict[str, str]]:
    with asset('codes', name).open(encoding='utf-8') as handle:
        return list(csv.DictReader(handle))


def seed_codes(session: Session, org) -> None:
    """Starter code lists for a new LAO (caller's write transaction)."""
    for n, row in enumerate(_rows('program_codes.csv')):
        session.add(ProgramCode(org_id=org.id, code=row['code'], name=row['name'], level=row['level'],
                                parent_code=row['parent_code'], sort_order=n))
    for n, row in enumerate(_rows('fund_sources.csv')):
        session.add(FundSource(org_id=org.id, code=row['code'], name=row['name'],
                               in_budget=row['in_budget'] == 'true', sort_order=n))


def code_choices(model: type[SQLModel], level: str | None = None,
                 active_only: bool = True) -> Callable[[Principal], dict[str, str]]:
    """Choices for a select over a code list keyed by code (`{'00111': '00111 งานบริหารทั่วไป'}`), one level or all."""
    def choices(actor: Principal) -> dict[str, str]:
        query = select(model).where(model.org_id == actor.org_id)
        if level is not None:
            query = query.where(model.level == level)
        if active_only:
            query = query.where(model.is_active)
        with db.session_scope() as session:
            rows = session.exec(query.order_by(model.code)).all()
        return {r.code: f'{r.code} {r.name}' for r in rows}
    return choices
