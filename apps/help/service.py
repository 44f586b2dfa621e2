"""The manual: Markdown pages under docs/<app>/, titled by their first heading."""

from dataclasses import dataclass
from functools import cache

from core.settings import ROOT

DOCS = ROOT / 'docs'


@dataclass(frozen=True)
class ManualPage:
    app: str
    slug: str
    title: str
    body: str


@cache
def manual() -> list[ManualPage]:
    pages = []
    for path in sorted(DOCS.glob('*/*.md')):
        body = path.read_text(encoding='utf-8')
        title = next((line.lstrip('# ').strip() for line in body.splitlines() if line.startswith('#')), path.stem)
        pages.append(ManualPage(path.parent.name, path.stem, title, body))
    return pages


def find(app: str, slug: str) -> ManualPage | None:
    return next((p for p in manual() if p.app == app and p.slug == slug), None)
