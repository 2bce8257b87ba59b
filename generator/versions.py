"""Released versions of the edition, and the promise that goes with them.

`site_src/versions.yaml` lists the released versions, newest first. Each has a snapshot of the
reading text of every paragraph as released, `site_src/releases/<version>/reading.tsv`, made
by `python -m generator snapshot` (`make snapshot`) when the version is released. A
superseded version also keeps the zip of the edition as it was published,
`site_src/releases/<version>/<slug>-<version>-offline.zip` (put there by `make archive` while
that version was current), so that it stays a download.

The checks:
* the newest version is the one edition.yaml names, with the same date;
* every version has its snapshot, and every superseded version its zip;
* the reading text being built is the newest version's snapshot, paragraph for paragraph:
  a published version's text never changes. Changing it means releasing a new version.

The changelog page compares consecutive snapshots and names the paragraphs whose text changed.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Pos, Problems
from .model import Edition, Release

HEADER = "telegram\tparagraph\treading"
RELEASES = "releases"


def snapshot_path(root: Path, version: str) -> Path:
    return Path(root) / RELEASES / version / "reading.tsv"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append({"\\": "\\", "t": "\t", "n": "\n"}.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def format_snapshot(snapshot: dict[tuple[str, int], str]) -> str:
    rows = [HEADER] + [f"{t}\t{n}\t{_escape(text)}" for (t, n), text in snapshot.items()]
    return "\n".join(rows) + "\n"


def parse_snapshot(text: str, path: str, problems: Problems) -> dict[tuple[str, int], str] | None:
    out: dict[tuple[str, int], str] = {}
    lines = text.split("\n")
    if not lines or lines[0] != HEADER:
        problems.add(Pos(path, 1, 1), "a snapshot begins with the header line", quote=lines[0] if lines else "",
                     hint=HEADER.replace("\t", "<tab>"))
        return None
    for i, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit():
            problems.add(Pos(path, i, 1), "a snapshot row is telegram<tab>paragraph<tab>reading text", quote=line[:60])
            return None
        out[(parts[0], int(parts[1]))] = _unescape(parts[2])
    return out


def diff(older: dict, newer: dict) -> dict[str, list[tuple[str, int]]]:
    """Which paragraphs changed their text, appeared or went between two snapshots."""
    return {
        "changed": [k for k in newer if k in older and older[k] != newer[k]],
        "added": [k for k in newer if k not in older],
        "removed": [k for k in older if k not in newer],
    }


def check(edition: Edition, problems: Problems, snapshot_needed: bool = True) -> None:
    """The promises above; `snapshot_needed=False` lets `make snapshot` run before the
    newest version has its snapshot."""
    from .render_text import paragraph_snapshot
    if not edition.releases:
        return
    meta = edition.meta
    newest: Release = edition.releases[0]
    if newest.version != meta["version"] or newest.date != meta["date"]:
        problems.add(newest.pos, f"the newest version in versions.yaml is {newest.version} of {newest.date}, "
                     f"but edition.yaml says {meta['version']} of {meta['date']}",
                     hint="a new version goes at the top of versions.yaml and into edition.yaml, with the same date")
    seen: dict[str, Pos] = {}
    for i, r in enumerate(edition.releases):
        if r.version in seen:
            problems.add(r.pos, f"version {r.version} is listed twice (first at line {seen[r.version].line})")
        seen[r.version] = r.pos
        if i + 1 < len(edition.releases):
            older = edition.releases[i + 1]
            if _key(older.version) >= _key(r.version) or older.date > r.date:
                problems.add(older.pos, f"version {older.version} ({older.date}) is listed after "
                             f"{r.version} ({r.date})", hint="list the versions newest first")
        if r.snapshot is None and (i > 0 or snapshot_needed):
            problems.add(r.pos, f"version {r.version} has no snapshot of its reading text ({r.snapshot_path})",
                         hint="run `make snapshot` when a version is released" if i == 0 else
                         "restore the snapshot from the version's git tag")
        if i > 0 and r.zip is None:
            problems.add(r.pos, f"version {r.version} is superseded but its offline zip is not kept ({r.zip_path})",
                         hint="`make archive` copies the zip of the current version into site_src/releases/ "
                              "before the next version changes the text; or rebuild it from the version's git tag")
    if newest.snapshot is not None and snapshot_needed:
        current = paragraph_snapshot(edition)
        released = newest.snapshot
        if edition.preview is not None:     # a preview compares the telegrams it read
            released = {k: v for k, v in released.items() if k[0] in edition.preview}
        d = diff(released, current)
        touched = d["changed"] + d["added"] + d["removed"]
        if touched:
            shown = ", ".join(f"{t} ¶{n}" for t, n in touched[:8]) + (" ..." if len(touched) > 8 else "")
            problems.add(Pos(newest.snapshot_path, 1, 1),
                         f"the reading text differs from version {newest.version} as released: {shown}",
                         hint="a released version's text never changes: add a new version at the top of "
                              "site_src/versions.yaml, set it in edition.yaml, then run `make snapshot`")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def snapshot_cli(edition: Edition, root: Path) -> int:
    """Record the reading text of the current version, once: a released snapshot never changes."""
    from .errors import EditionError, Problem
    from .render_text import paragraph_snapshot
    if not edition.releases:
        raise EditionError([Problem(Pos(str(Path(root) / "versions.yaml"), 1, 1), "no versions.yaml",
                                    hint="list the released versions in site_src/versions.yaml")])
    newest = edition.releases[0]
    text = format_snapshot(paragraph_snapshot(edition))
    path = snapshot_path(root, newest.version)
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            print(f"{path}: the snapshot of version {newest.version} is up to date")
            return 0
        raise EditionError([Problem(Pos(str(path), 1, 1),
                                    f"version {newest.version} already has a snapshot, and the text differs",
                                    hint="a released version's snapshot never changes: release a new version")])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: the reading text of {len(text.splitlines()) - 1} paragraphs as version {newest.version}")
    return 0
