"""The one place that decides where every generated page lives, and how pages link.

Paths are MkDocs source paths (Markdown, relative to docs_dir); links between
generated pages are relative `.md` links, so MkDocs validates them and their
anchors in a strict build.
"""
from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
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


def reading(number: str) -> str:
    return f"cables/{number}/index.md"


def release(number: str) -> str:
    return f"cables/{number}/release.md"


def collation(number: str) -> str:
    return f"cables/{number}/collation.md"


def url(path: str) -> str:
    """The published URL path (directory URLs) of a Markdown source path."""
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
    rel = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def generate(edition: Edition) -> dict[str, str]:
    """All generated pages: path -> Markdown, in a stable order."""
    from . import render_about, render_collation, render_indexes, render_map, render_reading, render_release
    from .errors import Progress
    Progress.at("rendering the pages")
    pages: dict[str, str] = {}
    pages[HOME] = render_about.home(edition)
    pages[CABLES] = render_about.cables(edition)
    pages[METHOD] = render_about.method(edition)
    for cable in edition.cables.values():
        if cable.has_transcription:
            pages[reading(cable.number)] = render_reading.reading_page(edition, cable)
            pages[release(cable.number)] = render_release.release_page(edition, cable)
            pages[collation(cable.number)] = render_collation.collation_page(edition, cable)
            pages[map_page(cable.number)] = render_map.map_page(edition, cable)
        else:
            pages[reading(cable.number)] = render_reading.witnessed_page(edition, cable)
    pages[INDEXES] = render_indexes.landing(edition)
    for register in REGISTER_TITLES:
        pages[index(register)] = render_indexes.register_page(edition, register)
    pages[GLOSSARY] = render_indexes.glossary_page(edition)
    return dict(sorted(pages.items()))


def write_folder(pages: dict[str, str], out: Path) -> None:
    """Write the pages into `out`, replacing it only once everything is written."""
    out = Path(out)
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gen-", dir=parent))
    try:
        for path, text in pages.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
