"""The e-GP side for other apps, read-only: the fiscal year's procurement board (files per status and method) as the
e-GP front page shows it (for the executive board)."""

from core.access import Principal


def procurement_board(actor: Principal, fy: int) -> dict:
    """{'status': [(title, count, amount)], 'method': [...], 'warned': [...]} of the fiscal year's files."""
    from apps.egp import reports
    return reports.board(actor, fy)


__all__ = ['procurement_board']
