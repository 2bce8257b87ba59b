"""The edition to take away: a second MkDocs build for reading from disk, zipped.

`python -m generator offline SITE` (run by `make site` after the main build) builds the site
again with `mkdocs.offline.yml` (Material's offline plugin: no directory URLs, the search index
inlined as a script, the search worker run through the vendored iframe-worker shim), checks that
the inlined index is the one the hook rewrote (each paragraph its own entry), and zips it
into SITE/downloads/<slug>-<version>-offline.zip. The zip is reproducible: its entries are
sorted, every entry carries the edition's date as its time and the same permissions, and
nothing else of the build machine.

`python -m generator archive SITE` keeps the current version's zip in
site_src/releases/<version>/, to be committed when the version is superseded (a released
version's zip stays a download). Only `outputs` decides the names.
"""
from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from . import outputs
from .errors import EditionError, Pos, Problem
from .model import Edition
from .versions import snapshot_path


def zip_tree(folder: Path, target: Path, prefix: str, date: datetime.date) -> int:
    """Zip every file under `folder` into `target`, under `prefix/`, reproducibly."""
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.create_system = 3
            info.external_attr = (0o100644 << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    os.replace(tmp, target)
    return len(files)


def offline_cli(edition: Edition, site: Path, config: Path, standalone: bool = False) -> int:
    """Build the offline edition and zip it into `site`/downloads/. `standalone`: `site` is
    only the folder for the zip (the site is being built meanwhile, by another process)."""
    if standalone:
        site.mkdir(parents=True, exist_ok=True)
    elif not (site / "index.html").exists():
        raise EditionError([Problem(Pos(str(site), 1, 1), "no built site here",
                                    hint="build the site first (make site does both)")])
    version = edition.meta["version"]
    target = site / outputs.offline_zip(edition, version)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix=".offline-", dir=site.resolve().parent))
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "--config-file", str(config), "--site-dir", str(work / "site")],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout + r.stderr, file=sys.stderr)
            print(f"the offline build with {config} failed", file=sys.stderr)
            return 1
        from .search_index import offline_problem
        problem = offline_problem(work / "site", any(c.has_transcription for c in edition.cables.values()))
        if problem:
            print(f"the offline build's search is wrong: {problem}", file=sys.stderr)
            return 1
        built = time.monotonic()
        prefix = f"{outputs.edition_slug(edition)}-{version}"
        n = zip_tree(work / "site", target, prefix, datetime.date.fromisoformat(edition.meta["date"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    done = time.monotonic()
    print(f"offline edition: built in {built - started:.1f} s, zipped {n} files in {done - built:.1f} s "
          f"into {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


def archive_cli(edition: Edition, site: Path, root: Path) -> int:
    version = edition.meta["version"]
    built = site / outputs.offline_zip(edition, version)
    if not built.exists():
        raise EditionError([Problem(Pos(str(built), 1, 1), "the offline zip of the current version is not built",
                                    hint="run `make site` first")])
    keep = snapshot_path(root, version).parent / built.name
    keep.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, keep)
    print(f"kept {keep}: commit it when version {version} is superseded")
    return 0
