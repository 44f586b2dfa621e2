"""/info/benchmark: the LAOs the user may read side by side (the kit's report page: screen, Excel and PDF)."""

from apps.info.benchmark import BENCHMARK, VIEW
from pages.layout import Viewer, page
from pages.reports import _opening, _report_page  # noqa: PLC2701 - the kit's report page, drawn at this address


def register() -> None:
    @page('/info/benchmark', VIEW, BENCHMARK.title, load=lambda principal, query: _opening(BENCHMARK, principal, query))
    async def benchmark(viewer: Viewer, opened, query: dict[str, str]) -> None:
        await _report_page(viewer, BENCHMARK, *opened)
