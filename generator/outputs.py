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


def reading(number: str) -> str:
    return f"cables/{number}/index.md"


def release(number: str) -> str:
    return f"cables/{number}/release.md"


def collation(number: str) -> str:
    return f"cables/{number}/collation.md"


_CABLE_URL = re.compile(r"cables/([^/]+)/")


def cable_of_url(page_url: str) -> str | None:
    """The telegram whose pages a published URL (as in the anchor manifest) belongs to, if any."""
    m = _CABLE_URL.match(page_url)
    return m.group(1) if m else None


def url(path: str) -> str:
    """The published URL path (directory URLs) of a Markdown source path."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


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


def generate(edition: Edition) -> dict[str, str]:
    """All generated pages: path -> Markdown, in a stable order."""
    from . import render_about, render_collation, render_reading, render_release
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
        else:
            pages[reading(cable.number)] = render_reading.witnessed_page(edition, cable)
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
