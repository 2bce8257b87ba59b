"""What the MkDocs hook calls: sources -> checked model -> generated pages, or one clear error.

Two environment variables change what it does:

EDITION_ONLY    a preview of some telegrams (`make serve ONLY=13790`): numbers separated by
                spaces or commas. Only those telegrams and the ones bound to them (relations,
                pages held in another release) are read, checked and generated, and the anchor
                manifest is checked for their pages only. Never set for `make site`.
EDITION_TIMINGS a file to which the time spent here is appended as one JSON line (the benchmark
                reads it to tell the generator's share of a build; see timings.py).
"""
from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from .errors import EditionError, Progress


class SiteError(Exception):
    pass


def source_date_epoch(edition) -> str:
    """The edition's date as a timestamp: sitemaps and archives carry it, not the build time."""
    import datetime
    d = datetime.date.fromisoformat(edition.meta["date"])
    return str(int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc).timestamp()))


def edition_config(root: Path, site_url: str | None, directory_urls: bool) -> dict:
    """What the theme needs from edition.yaml (`config.extra.edition`): the version on every
    page and the links of the footer. Also checks that mkdocs.yml's site_url is the edition's
    (`site_url` None: not checked, as under `mkdocs serve`, which serves at its own address)."""
    from .errors import Problems
    from .schema import load_checked
    from . import metadata, outputs
    problems = Problems()
    try:
        meta = load_checked(root / "site_src" / "edition.yaml", metadata.EDITION, problems)
    except Exception as e:  # noqa: BLE001
        raise SiteError(f"internal error while reading edition.yaml: {type(e).__name__}: {e}") from None
    if meta is None:
        raise SiteError("the edition's sources have problems:\n" + EditionError(problems.items).format())
    if site_url is not None and site_url != meta["site_url"]:
        raise SiteError(f"mkdocs.yml has site_url {site_url!r} but site_src/edition.yaml has {meta['site_url']!r}: "
                        "citations and canonical URLs must agree; make them the same")

    def page(path: str) -> str:
        return outputs.url(path) if directory_urls else path[:-len(".md")] + ".html"
    return {"short_title": meta["short_title"], "version": meta["version"], "date": meta["date"],
            "citing": page(outputs.CITING), "changelog": page(outputs.CHANGELOG),
            "downloads": page(outputs.DOWNLOADS)}


def preview_only() -> set[str] | None:
    """The telegrams named by EDITION_ONLY, or None for the whole edition."""
    value = os.environ.get("EDITION_ONLY", "").replace(",", " ").split()
    return set(value) or None


def generated_pages(root: Path, offline: bool = False) -> dict[str, str | bytes]:
    """Every generated file: Markdown pages (str) and downloads (bytes)."""
    return generate(root, offline)[0]


def generate(root: Path, offline: bool = False) -> tuple[dict[str, str | bytes], str]:
    """The generated pages and downloads (`offline`: for the zipped edition), and a line saying
    what was generated (for the build log)."""
    from . import anchors, outputs
    from .load import load_edition
    only = preview_only()
    clock = [(time.perf_counter(), time.process_time())]
    # The model is a tree of many small objects without cycles: the cyclic garbage collector
    # would only scan it again and again as it grows (a quarter of the time at 300 telegrams).
    collecting = gc.isenabled()
    gc.disable()
    try:
        edition = load_edition(root / "site_src", only)
        clock.append((time.perf_counter(), time.process_time()))
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(edition)
        pages = outputs.generate(edition, offline=offline)
        clock.append((time.perf_counter(), time.process_time()))
        anchors.check(edition, outputs.markdown_pages(pages), root / "site_src" / "anchors.tsv",
                      set(edition.cables) if only else None)
        clock.append((time.perf_counter(), time.process_time()))
    except EditionError as e:
        raise SiteError("the edition's sources have problems:\n" + e.format()) from None
    except Exception as e:  # noqa: BLE001 - never a traceback for editors
        raise SiteError(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}") from None
    finally:
        if collecting:
            gc.enable()
    _record_timings(clock, len(edition.cables), len(pages), offline)
    if only:
        shown = " ".join(sorted(edition.cables, key=lambda n: (len(n), n)))
        return pages, f"preview of {len(edition.cables)} telegram(s) only (EDITION_ONLY): {shown}"
    return pages, f"generated {len(pages)} pages and downloads from {len(edition.cables)} telegram(s)"


def _record_timings(clock, cables: int, pages: int, offline: bool = False) -> None:
    import resource
    from .timings import record
    names = ("load", "render", "anchors")
    record("generator-offline" if offline else "generator", cables=cables, pages=pages,
           # the process's peak memory so far: the generator's, unless MkDocs later needs more
           peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           wall={n: round(clock[i + 1][0] - clock[i][0], 4) for i, n in enumerate(names)},
           cpu={n: round(clock[i + 1][1] - clock[i][1], 4) for i, n in enumerate(names)})
