"""`make release`: release the draft as a new version, in one step.

1. The sources are loaded and checked as for a build; their text must differ from the newest
   release (or no version is released yet).
2. The version's record is written: `site_src/releases/<version>/reading.tsv` (the reading text
   of every paragraph) and `notes.tsv` (every note and fact beside it), a new entry at the top of
   `site_src/versions.yaml`, the version and date in `site_src/edition.yaml` and in
   `CITATION.cff`.
3. The site is built, its offline edition zipped into `site_src/releases/<version>/` (the very
   file that will be published) and its SHA-256 recorded in versions.yaml; then site/ is built
   again, now offering that zip.

The new anchors (the version's section of the changelog, and any the draft added) are published
in `site_src/anchors.tsv`. If anything fails, every source file written is put back as it was.
Commit `site_src/versions.yaml`, `site_src/edition.yaml`, `site_src/anchors.tsv`, `CITATION.cff`
and `site_src/releases/<version>/`.
"""
from __future__ import annotations

import datetime
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import pipeline
from ..edition import versions
from ..errors import EditionError, Pos, Problem
from .build import Lock, build_site
from .linkcheck import site_url_of
from .offline import make_zip


def _problem(path: Path, message: str, hint: str = "") -> EditionError:
    return EditionError([Problem(Pos(str(path), 1, 1), message, hint=hint)])


def _replace_line(text: str, key: str, value: str, path: Path) -> str:
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.M)
    if not pattern.search(text):
        raise _problem(path, f"no `{key}:` line to update", hint=f"add `{key}: ...` at the top level")
    return pattern.sub(lambda m: f"{key}: {value}", text, count=1)


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def release(root: Path, version: str | None, summary: str, date: str | None, config: Path) -> int:
    root = Path(root)
    src = root / "site_src"
    edition = pipeline.load(src)
    newest = edition.releases[0] if edition.releases else None
    version = version or (versions.next_version(newest.version) if newest else "1.0")
    date = date or datetime.date.today().isoformat()
    vpath, epath, cpath = src / "versions.yaml", src / "edition.yaml", root / "CITATION.cff"
    apath = src / "anchors.tsv"
    if newest is not None and not edition.draft:
        raise _problem(vpath, f"nothing to release: the sources are version {newest.version} as released",
                       hint="make the changes first; the site marks them until they are released")
    if not re.fullmatch(r"[0-9]+\.[0-9]+(\.[0-9]+)?", version):
        raise _problem(vpath, f"{version!r} is not a version such as 1.1")
    if newest is not None and tuple(map(int, version.split("."))) <= tuple(map(int, newest.version.split("."))):
        raise _problem(vpath, f"version {version} does not come after {newest.version}",
                       hint=f"e.g. {versions.next_version(newest.version)}")
    if newest is not None and date < newest.date:
        raise _problem(vpath, f"the date {date} comes before version {newest.version}'s {newest.date}")
    if not summary.strip():
        raise _problem(vpath, "a version needs a summary of what it changes",
                       hint='make release SUMMARY="Corrections of ..."')
    folder = versions.snapshot_path(src, version).parent
    if folder.exists():
        raise _problem(folder, f"version {version} already has a record in {folder}",
                       hint="a released version's record never changes: choose the next version number")
    old = {p: p.read_bytes() for p in (vpath, epath, cpath, apath) if p.exists()}
    written: list[Path] = []
    try:
        folder.mkdir(parents=True)
        written.append(folder)
        (folder / "reading.tsv").write_text(versions.format_snapshot(versions.paragraph_snapshot(edition)),
                                            encoding="utf-8")
        (folder / "notes.tsv").write_text(versions.format_notes(versions.notes_snapshot(edition)), encoding="utf-8")
        name = versions.zip_prefix(edition.meta, version)       # the version's files keep this name
        entry = (f"  - version: {_yaml_string(version)}\n    date: {_yaml_string(date)}\n"
                 f"    summary: {_yaml_string(' '.join(summary.split()))}\n    name: {_yaml_string(name)}\n")
        vtext = old[vpath].decode("utf-8") if vpath in old else "versions:\n"
        m = re.search(r"^versions:[ \t]*\n", vtext, re.M)
        if m is None:
            raise _problem(vpath, "no `versions:` list to add the version to")
        vpath.write_text(vtext[:m.end()] + entry + vtext[m.end():], encoding="utf-8")
        etext = old[epath].decode("utf-8")
        etext = _replace_line(etext, "version", _yaml_string(version), epath)
        epath.write_text(_replace_line(etext, "date", _yaml_string(date), epath), encoding="utf-8")
        if cpath in old:
            ctext = old[cpath].decode("utf-8")
            ctext = _replace_line(ctext, "version", _yaml_string(version), cpath)
            cpath.write_text(_replace_line(ctext, "date-released", _yaml_string(date), cpath), encoding="utf-8")
        # build the version, keep its offline edition as published, then build site/ with it
        with Lock(root / "build" / "site.lock"):
            work = Path(tempfile.mkdtemp(prefix="release-", dir=root / "build"))
            try:
                # a release publishes the version's anchors (its changelog section, and whatever
                # the draft added), after every check of the sources
                pipeline.generate(src, work / "check", add_anchors=True)
                r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                                    str(config), "--site-dir", str(work / "site")], cwd=root)
                if r.returncode != 0:
                    raise _problem(config, "the build of the new version failed; nothing was released")
                meta = pipeline.load(src).meta
                target = folder / versions.release_file(name, "zip")
                make_zip(work / "site", target, name, date, site_url_of(config) or meta["site_url"])
            finally:
                shutil.rmtree(work, ignore_errors=True)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        vtext = vpath.read_text(encoding="utf-8")
        vpath.write_text(vtext.replace(entry, entry + f"    zip_sha256: {_yaml_string(digest)}\n", 1),
                         encoding="utf-8")
        if build_site(root, root / "site", config) != 0:
            raise _problem(config, "the site of the new version did not build; nothing was released")
    except BaseException:
        for p, data in old.items():
            p.write_bytes(data)
        for p in written:
            shutil.rmtree(p, ignore_errors=True)
        raise
    print(f"released version {version} of {date}: commit site_src/versions.yaml, site_src/edition.yaml, "
          f"site_src/anchors.tsv, CITATION.cff and {folder.relative_to(root)}/")
    return 0
