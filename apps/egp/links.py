"""The e-GP side for other apps, read-only: the fiscal year's procurement board (files per status and method) as the
e-GP front page shows it (for the executive board); for the public site, the published lines of the annual
procurement plan and the monthly แบบ สขร.1 (both forms the law has published)."""

from dataclasses import dataclass

from sqlmodel import Session, func, select

from core.access import Principal
from models.procurement import PlanItem, Procurement


def procurement_board(actor: Principal, fy: int) -> dict:
    """{'status': [(title, count, amount)], 'method': [...], 'warned': [...]} of the fiscal year's files."""
    from apps.egp import reports
    return reports.board(actor, fy)


@dataclass(frozen=True)
class PublicProcurement:
    fiscal_year: int
    plan: object  # DataFrame: the published lines of the annual plan (แผนการจัดซื้อจัดจ้างประจำปี)
    months: tuple[tuple[int, object], ...]  # (month, แบบ สขร.1 DataFrame) for each month of the year up to now
    updated: object


def public_procurement(session: Session, org_id: int, fy: int, months: tuple[int, ...]) -> PublicProcurement:
    """Read-only: the plan's lines published (published_on set; a line not yet published stays inside) and the
    สขร.1 of each month asked, as the e-GP reports give them."""
    from apps.egp.reports import plan_frame, skr1_frame
    plan = plan_frame(session, org_id, fy, PlanItem.published_on.is_not(None))
    updated = [session.exec(select(func.max(PlanItem.updated_at)).where(PlanItem.org_id == org_id,
                                                                        PlanItem.fiscal_year == fy)).one(),
               session.exec(select(func.max(PlanItem.published_on)).where(PlanItem.org_id == org_id,
                                                                          PlanItem.fiscal_year == fy)).one(),
               session.exec(select(func.max(Procurement.awarded_on)).where(Procurement.org_id == org_id,
                                                                           Procurement.fiscal_year == fy)).one()]
    return PublicProcurement(fy, plan, tuple((m, skr1_frame(session, org_id, fy, m)) for m in months),
                             [u for u in updated if u is not None])


__all__ = ['PublicProcurement', 'procurement_board', 'public_procurement']
