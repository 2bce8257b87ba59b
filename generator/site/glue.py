"""What the MkDocs hook calls, without importing MkDocs: the edition's settings for the theme,
and the generated pages and downloads, or one clear error.

Environment:
EDITION_ONLY    a preview of some telegrams (`make serve ONLY=<folder>`): folder names separated by
                spaces or commas. Only those telegrams and the ones bound to them (relations,
                pages held in another release) are read, checked and generated, and the anchor
                manifest is checked for their pages only. Never set for `make site`.
EDITION_JOBS    how many processes render the telegrams (default: every processor).
EDITION_TIMINGS a file to which the time spent here is appended as one JSON line (timings.py).
"""
from __future__ import annotations

import datetime
import functools
import gc
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from .. import pipeline
from ..errors import EditionError, Problems, Progress
from ..render import paths
from ..sources import formats
from ..sources.schema import load_checked
from .timings import record


class SiteError(Exception):
    pass


def source_date_epoch(date: str) -> str:
    """The edition's date as a timestamp: sitemaps and archives carry it, not the build time."""
    d = datetime.date.fromisoformat(date)
    return str(int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc).timestamp()))


def edition_config(root: Path, site_url: str | None) -> dict:
    """What the theme needs from edition.yaml (`config.extra.edition`): the version on every
    page and the links of the footer. Also checks that mkdocs.yml's site_url is the edition's
    (`site_url` None: not checked, as under `mkdocs serve`, which serves at its own address)."""
    problems = Problems()
    try:
        meta = load_checked(root / "site_src" / "edition.yaml", formats.EDITION, problems)
    except Exception as e:  # noqa: BLE001 - never a traceback for editors
        raise SiteError(f"internal error while reading edition.yaml: {type(e).__name__}: {e}") from None
    if meta is None:
        raise SiteError("the edition's sources have problems:\n" + EditionError(problems.items).format())
    if site_url is not None and site_url != meta["site_url"]:
        raise SiteError(f"mkdocs.yml has site_url {site_url!r} but site_src/edition.yaml has {meta['site_url']!r}: "
                        "citations and canonical URLs must agree; make them the same")
    return {"short_title": meta["short_title"], "version": meta["version"], "date": meta["date"],
            "citing": paths.url(paths.CITING), "changelog": paths.url(paths.CHANGELOG),
            "downloads": paths.url(paths.DOWNLOADS), "epoch": source_date_epoch(meta["date"])}


def jobs() -> int:
    """How many processes a build may use (EDITION_JOBS, or every processor)."""
    return pipeline.default_jobs()


def preview_only() -> set[str] | None:
    """The telegrams named by EDITION_ONLY, or None for the whole edition."""
    value = os.environ.get("EDITION_ONLY", "").replace(",", " ").split()
    return set(value) or None


def scratch(root: Path) -> Path:
    """A folder of its own for one build's generated files (two builds never share one)."""
    base = root / "build"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="pages-", dir=base))


def generate(root: Path, docs: Path) -> tuple[Path, pipeline.Generated, str]:
    """The generated pages and downloads in a scratch folder of their own, what MkDocs needs of
    them, and a line for the build log."""
    only = preview_only()
    out_parent = scratch(root)
    out = out_parent / "out"
    clock = (time.perf_counter(), time.process_time())
    try:
        with pipeline.uncollected():
            generated = pipeline.generate(root / "site_src", out, only, docs, jobs=pipeline.default_jobs(),
                                          packed=True)
            settle()
    except EditionError as e:
        shutil.rmtree(out_parent, ignore_errors=True)
        raise SiteError("the edition's sources have problems:\n" + e.format()) from None
    except pipeline.WorkerLost as e:
        shutil.rmtree(out_parent, ignore_errors=True)
        raise SiteError(str(e)) from None
    except Exception as e:  # noqa: BLE001 - never a traceback for editors
        shutil.rmtree(out_parent, ignore_errors=True)
        raise SiteError(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}\n"
                        "This is a bug in the generator, not in your sources; please report it with this message.") \
            from None
    record("generator", cables=generated.cables, pages=len(generated.pages), stages=generated.stages,
           peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           wall=round(time.perf_counter() - clock[0], 4), cpu=round(time.process_time() - clock[1], 4),
           cpu_children=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, 4))
    if only:
        line = f"preview of {generated.cables} telegram(s) only (EDITION_ONLY)"
    else:
        line = f"generated {len(generated.pages)} pages and {len(generated.downloads)} downloads from " \
               f"{generated.cables} telegram(s)" + (" (draft: changes not yet released)" if generated.draft else "")
    return out, generated, line


def take_body(out: Path, written) -> str:
    """A generated page's HTML body, read from its pack (pipeline.PACK_DIR) when MkDocs builds
    the page: until then, no process holds it."""
    return pipeline.read_packed(out, *written.body).decode("utf-8")


def toc_tokens(items) -> list[dict]:
    """A page's table of contents as MkDocs' toc tokens."""
    return [{"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)} for i in items]


_DUMP = functools.partial(json.dumps, separators=(",", ":"), ensure_ascii=False)


def search_part(out: Path) -> Path:
    """Where write_search_entries puts the generated pages' entries in `out`."""
    return out / "_search_entries.part"


def write_search_entries(out: Path, written: list) -> Path:
    """The generated pages' own search entries, in the order of their paths, as the part of
    Material's index they will be (entries joined by commas), in a file of `out`: written entry
    by entry, so no process holds all of them; `mkdocs build` writes it in its second process
    while the first builds pages (mkdocs_hook.py)."""
    part = search_part(out)
    with open(part, "w", encoding="utf-8") as f:
        entries = (entry for w in sorted((w for w in written if w.search), key=lambda w: w.path)
                   for entry in _entries_of(out, w.search, *w.search_at)[w.path])
        for i, entry in enumerate(entries):
            f.write(("," if i else "") + _DUMP(entry))
    _entries_of.cache_clear()
    return part


def add_search_entries(index_path: Path, part: Path) -> None:
    """Add the generated pages' own entries (`part`, from write_search_entries) to Material's
    search index, which has left the pages out (their front matter says `search: exclude`)."""
    data = json.loads(index_path.read_text(encoding="utf-8"))
    if set(data) != {"config", "docs"}:
        raise SiteError(f"unexpected keys in Material's search index: {sorted(data)}")
    tmp = index_path.with_name(index_path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f, open(part, encoding="utf-8") as ours:
        f.write('{"config":' + _DUMP(data["config"]) + ',"docs":[' + ",".join(_DUMP(d) for d in data["docs"]))
        first = ours.read(1)
        if first:
            f.write(("," if data["docs"] else "") + first)
            shutil.copyfileobj(ours, f)
        f.write("]}")
    os.replace(tmp, index_path)


@functools.lru_cache(maxsize=1)
def _entries_of(out: Path, pack: str, offset: int, length: int) -> dict:
    """The search entries of the pages written together (a telegram's, or the edition's), which
    mostly follow one another in the order of paths, read with one reading of their pack."""
    return json.loads(pipeline.read_packed(out, pack, offset, length))


def remove(folder: Path) -> None:
    shutil.rmtree(folder.parent if folder.name == "out" else folder, ignore_errors=True)


def settle() -> None:
    """What the build holds now lives to its end (the generator's records of every page, ids and
    tables of contents: millions of objects at 3,000 telegrams; MkDocs' files, pages and
    navigation): out of the collector's reach, or each of its full collections walks all of it
    again (`thaw` gives it back before the next build)."""
    gc.freeze()


def thaw() -> None:
    """What `generate` put out of the collector's reach in it again, before the next build of
    `mkdocs serve` (which builds again and again in one process)."""
    gc.unfreeze()
