"""The shared code lists (รหัสแผนงาน/งาน, แหล่งเงิน): seeded for each new LAO from assets/codes/, then the LAO's own."""

import csv

from sqlmodel import Session

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
