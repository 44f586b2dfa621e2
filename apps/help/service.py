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


PAGE_HELP = ROOT / 'assets' / 'help' / 'page_help.csv'


@dataclass(frozen=True)
class HelpTarget:
    doc: ManualPage | None  # None: the manual's index
    section: int | None  # the section (second-level heading, from 1) of the page that explains it


@cache
def _page_map() -> tuple[tuple[str, str, int], ...]:
    import csv
    with PAGE_HELP.open(encoding='utf-8') as stream:
        rows = [(r['path'], r['doc'], int(r['section'])) for r in csv.DictReader(stream)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))  # the longest prefix first


def help_for(path: str) -> HelpTarget:
    """The manual section of a page (assets/help/page_help.csv, by the longest matching path prefix); a page with
    none opens its app's first manual page, an app with none the manual's index."""
    path = '/' + (path or '').strip('/')
    for prefix, doc, section in _page_map():
        if path == prefix or (prefix != '/' and path.startswith(prefix + '/')):
            app, slug = doc.split('/', 1)
            found = find(app, slug)
            if found:
                return HelpTarget(found, section)
    app = path.strip('/').split('/', 1)[0]
    first = next((p for p in manual() if p.app == app), None)
    return HelpTarget(first, None)


def section_text(doc: ManualPage, n: int) -> tuple[str, str] | None:
    """(heading, Markdown) of a page's nth second-level section."""
    import re
    parts = re.split(r'^## +', doc.body, flags=re.M)
    if not 1 <= n < len(parts):
        return None
    heading, _, body = parts[n].partition('\n')
    return heading.strip(), body.strip()
