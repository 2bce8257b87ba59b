"""The one place that decides where every generated page lives, and how pages link.

Paths are MkDocs source paths (Markdown, relative to docs_dir); links between
generated pages are relative `.md` links, so MkDocs validates them and their
anchors in a strict build.
"""
from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from .model import Cable, Edition

HOME = "index.md"
CABLES = "cables/index.md"
METHOD = "about/editorial-method.md"
EDITING = "about/editing.md"
INTRODUCTION = "commentary/introduction.md"     # hand-written, in docs/
INDEXES = "indexes/index.md"
GLOSSARY = "glossary.md"
REGISTER_TITLES = {"persons": "Persons", "places": "Places", "organisations": "Organisations",
                   "subjects": "Subjects"}


def index(register: str) -> str:
    return f"indexes/{register}.md"


def map_page(number: str) -> str:
    return f"cables/{number}/map.md"
CITING = "about/citing.md"
CHANGELOG = "about/changelog.md"
DOWNLOADS = "downloads/index.md"
JSON_SCHEMA = "downloads/telegram.schema.json"


def reading(number: str) -> str:
    return f"cables/{number}/index.md"


def release(number: str) -> str:
    return f"cables/{number}/release.md"


def collation(number: str) -> str:
    return f"cables/{number}/collation.md"


# ---------------------------------------------------------------- downloads
# Every download of a telegram is named after it: downloads/beijing-13790.xml, ...

def download(number: str, kind: str) -> str:
    """The path of one download of a telegram: kind is tei, json, txt, ocr, bib, ris or csl."""
    names = {"tei": f"beijing-{number}.tei.xml", "json": f"beijing-{number}.json",
             "txt": f"beijing-{number}.reading.txt", "ocr": f"beijing-{number}-release.ocr.txt",
             "bib": f"beijing-{number}.bib", "ris": f"beijing-{number}.ris", "csl": f"beijing-{number}.csl.json"}
    return "downloads/" + names[kind]


def edition_slug(edition: Edition) -> str:
    return re.sub(r"[^a-z0-9]+", "-", edition.meta["short_title"].lower()).strip("-")


def offline_zip(edition: Edition, version: str) -> str:
    """The zip of the edition for reading offline, one per released version."""
    return f"downloads/{edition_slug(edition)}-{version}-offline.zip"


_CABLE_URL = re.compile(r"cables/([^/]+)/")


def cable_of_url(page_url: str) -> str | None:
    """The telegram whose pages a published URL (as in the anchor manifest) belongs to, if any."""
    m = _CABLE_URL.match(page_url)
    return m.group(1) if m else None


def url(path: str) -> str:
    """The published URL path (directory URLs) of a Markdown source path; any other file
    (a download) is published at its own path."""
    if not path.endswith(".md"):
        return path
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def url_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative URL from one published page to another, for raw HTML (an SVG link), which
    MkDocs does not rewrite: directory URLs, as the site is built."""
    here, there = url(from_path), url(to_path)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative Markdown link target from one page to another (or to an anchor)."""
    if from_path == to_path:
        return f"#{anchor}" if anchor else "#"
    rel = _relpath(to_path, posixpath.dirname(from_path))
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relpath(to_path: str, from_dir: str) -> str:
    """posixpath.relpath for the clean relative paths of this module, without asking the
    file system for the working directory on every link."""
    to = [p for p in to_path.split("/") if p not in ("", ".")]
    start = [p for p in from_dir.split("/") if p not in ("", ".")]
    i = 0
    while i < len(to) and i < len(start) and to[i] == start[i]:
        i += 1
    parts = [".."] * (len(start) - i) + to[i:]
    return "/".join(parts) if parts else "."


def absolute(edition: Edition, path: str, anchor: str = "") -> str:
    """The canonical, absolute URL of a page (or a download), as cited."""
    return edition.meta["site_url"] + url(path) + (f"#{anchor}" if anchor else "")


def generate(edition: Edition, offline: bool = False) -> dict[str, str | bytes]:
    """All generated files: path -> Markdown page (str) or download (bytes), in a stable order.
    `offline`: for the build that is zipped for reading from disk (it does not list the zips)."""
    from . import (render_about, render_citation, render_collation, render_downloads, render_indexes,
                   render_json, render_map, render_reading, render_release, render_tei, render_text,
                   render_versions)
    from .errors import Progress
    Progress.at("rendering the pages")
    pages: dict[str, str | bytes] = {}
    pages[HOME] = render_about.home(edition)
    pages[CABLES] = render_about.cables(edition)
    pages[METHOD] = render_about.method(edition)
    pages[CITING] = render_citation.citing_page(edition)
    pages[CHANGELOG] = render_versions.changelog_page(edition)
    pages[DOWNLOADS] = render_downloads.downloads_page(edition, offline=offline)
    pages[JSON_SCHEMA] = render_json.schema_bytes()
    for cable in edition.cables.values():
        if cable.has_transcription:
            pages[reading(cable.number)] = render_reading.reading_page(edition, cable)
            pages[release(cable.number)] = render_release.release_page(edition, cable)
            pages[collation(cable.number)] = render_collation.collation_page(edition, cable)
            pages[map_page(cable.number)] = render_map.map_page(edition, cable)
            Progress.at(f"writing the TEI of {cable.number}")
            pages[download(cable.number, "tei")] = render_tei.tei(edition, cable).encode("utf-8")
            pages[download(cable.number, "txt")] = render_text.reading_file(edition, cable).encode("utf-8")
            pages[download(cable.number, "ocr")] = render_text.ocr_file(cable).encode("utf-8")
        else:
            pages[reading(cable.number)] = render_reading.witnessed_page(edition, cable)
        Progress.at(f"writing the data downloads of {cable.number}")
        pages[download(cable.number, "json")] = render_json.telegram_json(edition, cable).encode("utf-8")
        pages[download(cable.number, "bib")] = render_citation.bibtex_file(edition, cable).encode("utf-8")
        pages[download(cable.number, "ris")] = render_citation.ris_file(edition, cable).encode("utf-8")
        pages[download(cable.number, "csl")] = render_citation.csl_file(edition, cable).encode("utf-8")
    if not offline:
        for version, data in render_versions.archived_zips(edition).items():
            pages[offline_zip(edition, version)] = data
    pages[INDEXES] = render_indexes.landing(edition)
    for register in REGISTER_TITLES:
        pages[index(register)] = render_indexes.register_page(edition, register)
    pages[GLOSSARY] = render_indexes.glossary_page(edition)
    return dict(sorted(pages.items()))


def markdown_pages(files: dict[str, str | bytes]) -> dict[str, str]:
    """Only the Markdown pages of `generate`'s output."""
    return {p: c for p, c in files.items() if p.endswith(".md")}


def write_folder(pages: dict[str, str | bytes], out: Path) -> None:
    """Write the pages into `out`, replacing it only once everything is written."""
    out = Path(out)
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gen-", dir=parent))
    try:
        for path, text in pages.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                with open(target, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
