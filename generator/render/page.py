"""A generated page: its body (HTML made by the generator), its front matter, its table of
contents, the anchors it publishes and its search entries.

The page is handed to MkDocs as a Markdown file whose body is that HTML (Python-Markdown would
pass it through untouched: another MkDocs-compatible builder can take the folder written by
`python -m generator build`); the edition's hook gives MkDocs the body, the table of contents
and the anchors directly, without a Markdown pass.
"""
from __future__ import annotations

import html as htmllib
import re
import unicodedata
from dataclasses import dataclass, field

from .escape import front_matter, front_value


@dataclass
class TocItem:
    level: int
    id: str
    title: str                      # escaped HTML text, as MkDocs' table of contents holds it
    children: list = field(default_factory=list)


@dataclass
class PageOut:
    path: str                       # e.g. cables/<id>/index.md
    title: str                      # plain text
    description: str                # plain text
    kind: str                       # ed_kind: reading, release, ...
    body: str = ""                  # HTML
    telegram: str = ""              # the telegram the page presents (its id), if any
    hide: tuple = ()                # Material's `hide` (navigation, toc)
    meta: list = field(default_factory=list)     # (name, content) meta tags of the head
    jsonld: str = ""
    toc: list = field(default_factory=list)      # list[TocItem], nested
    ids: list = field(default_factory=list)      # every id of the body, in order
    notes: list = field(default_factory=list)    # footnote labels
    search: list = field(default_factory=list)   # search entries (location, title, text)

    def front(self) -> dict:
        """The front matter's values, as MkDocs reads them from `markdown()` (the edition's hook
        hands them over directly instead of parsing the YAML of every page)."""
        values: dict = {"title": front_value(self.title), "description": front_value(self.description),
                        "ed_kind": self.kind}
        if self.telegram:
            values["ed_telegram"] = self.telegram
        if self.hide:
            values["hide"] = list(self.hide)
        if self.meta:
            values["ed_meta"] = [[n, c] for n, c in self.meta]
        if self.jsonld:
            values["ed_jsonld"] = self.jsonld
        if self.search:
            # this page's search entries are made from the resolved edition (render/search.py)
            values["search"] = {"exclude": True}
        return values

    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then its HTML body."""
        return "---\n" + front_matter(self.front()) + "---\n\n" + self.body


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)
_TAG = re.compile(r"<[^>]*>")
# (an attribute `id` after a space; found by its literal text, which the expression engine looks
# for far faster than for a space followed by it)
_ID = re.compile(r'id="([^"]+)"')


def finish(page: PageOut) -> PageOut:
    """Collect the table of contents and the ids from the body (both are the generator's own
    markup: headings as templates/base.html.j2 writes them)."""
    flat = []
    for m in _HEADING.finditer(page.body):
        text = htmllib.unescape(_TAG.sub("", m.group(3))).strip()
        flat.append(TocItem(int(m.group(1)), m.group(2), str(htmllib.escape(text, quote=False))))
    page.toc = nest(flat)
    body = page.body
    page.ids = [m.group(1) for m in _ID.finditer(body) if m.start() and body[m.start() - 1].isspace()]
    return page


def nest(flat: list[TocItem]) -> list[TocItem]:
    """Nest headings by level, as Python-Markdown's table of contents does."""
    root: list[TocItem] = []
    stack: list[TocItem] = []
    for item in flat:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else root).append(item)
        stack.append(item)
    return root


def slugify(value: str, separator: str = "-") -> str:
    """The id Python-Markdown's table of contents gives a heading without one (a page's title)."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)
