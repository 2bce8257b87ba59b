"""The URL scheme: where every page and download of the edition lives, and how pages link.

Imports only the model. Paths are MkDocs source paths (`cables/<id>/index.md`); the site is
built with directory URLs (`cables/<id>/`). A telegram's pages and downloads are named from
its folder (its id), the stable part of every URL: `cables/<id>/`, and, for downloads,
`downloads/<post>-<id>.<ext>` (`downloads/ottawa-99001.tei.xml`).
"""
from __future__ import annotations

import re
from functools import lru_cache

HOME = "index.md"
CABLES = "cables/index.md"
METHOD = "about/editorial-method.md"
EDITING = "about/editing.md"
CITING = "about/citing.md"
CHANGELOG = "about/changelog.md"
DOWNLOADS = "downloads/index.md"
JSON_SCHEMA = "downloads/telegram.schema.json"
INDEXES = "indexes/index.md"
GLOSSARY = "glossary.md"
REGISTER_PAGES = ("persons", "places", "organisations", "subjects")


def index(register: str) -> str:
    return f"indexes/{register}.md"


def reading(tid: str) -> str:
    return f"cables/{tid}/index.md"


def release(tid: str) -> str:
    return f"cables/{tid}/release.md"


def collation(tid: str) -> str:
    return f"cables/{tid}/collation.md"


def map_page(tid: str) -> str:
    return f"cables/{tid}/map.md"


def post_slug(post: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", post.lower()).strip("-") or "post"


def download_stem(cable) -> str:
    """The name of a telegram's downloads: its post and its id (`ottawa-99001`), or its id alone
    where the id names the post already (`1985lisbon04417`, `lisbon-4417`), not `lisbon-lisbon-4417`."""
    slug = post_slug(cable.post)
    if slug.replace("-", "") in cable.id.replace("-", ""):
        return cable.id
    return f"{slug}-{cable.id}"


def download_clashes(cables) -> list[tuple]:
    """Pairs of telegrams whose downloads would have the same name (`99001` of Ottawa and a
    folder named `ottawa-99001`), the later one first."""
    seen: dict = {}
    clashes = []
    for cable in cables:
        stem = download_stem(cable)
        if stem in seen:
            clashes.append((cable, seen[stem], stem))
        else:
            seen[stem] = cable
    return clashes


DOWNLOAD_NAMES = {"tei": "{}.tei.xml", "json": "{}.json", "txt": "{}.reading.txt", "ocr": "{}-release.ocr.txt",
                  "bib": "{}.bib", "ris": "{}.ris", "csl": "{}.csl.json"}


def download(cable, kind: str) -> str:
    """One download of a telegram: kind is tei, json, txt, ocr, bib, ris or csl."""
    return "downloads/" + DOWNLOAD_NAMES[kind].format(download_stem(cable))


def released(name: str) -> str:
    """A file of a released version, published as kept (its offline zip, reading text, notes)."""
    return f"downloads/{name}"


def commentary(page: str) -> str:
    return page


_CABLE_URL = re.compile(r"cables/([^/]+)/")


def cable_of_url(page_url: str) -> str | None:
    """The telegram whose pages a published URL (as in the anchor manifest) belongs to, if any."""
    m = _CABLE_URL.match(page_url)
    return m.group(1) if m else None


def url(path: str) -> str:
    """The published URL path of a source path (directory URLs); any other file (a download)
    is published at its own path."""
    if not path.endswith(".md"):
        return path
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative URL from one published page to another page or file (or an anchor in it),
    as the browser resolves it from the page's directory URL."""
    if from_path == to_path:
        return f"#{anchor}" if anchor else "./"
    rel = _relative(url(to_path), url(from_path))
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    """The relative URL of `target` seen from the page at URL `here` (a folder URL, '' for
    the home page)."""
    base = here.rstrip("/")
    start = [p for p in base.split("/") if p] if base else []
    is_dir = target == "" or target.endswith("/")
    to = [p for p in target.rstrip("/").split("/") if p]
    i = 0
    while i < len(to) and i < len(start) and to[i] == start[i]:
        i += 1
    parts = [".."] * (len(start) - i) + to[i:]
    rel = "/".join(parts) if parts else "."
    if is_dir:
        return "./" if rel == "." else rel + "/"
    return rel


def absolute(site_url: str, path: str, anchor: str = "") -> str:
    """The canonical, absolute URL of a page (or a download), as cited."""
    return site_url + url(path) + (f"#{anchor}" if anchor else "")
