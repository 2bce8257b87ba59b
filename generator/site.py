"""What the MkDocs hook calls: sources -> checked model -> generated pages, or one clear error."""
from __future__ import annotations

import os
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
    from .load import _yaml
    from . import metadata, outputs
    problems = Problems()
    try:
        meta = _yaml(root / "site_src" / "edition.yaml", metadata.EDITION, problems)
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


def generated_pages(root: Path, offline: bool = False) -> dict[str, str | bytes]:
    """Every generated file: Markdown pages (str) and downloads (bytes)."""
    from . import anchors, outputs
    from .load import load_edition
    try:
        edition = load_edition(root / "site_src")
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(edition)
        pages = outputs.generate(edition, offline=offline)
        anchors.check(edition, outputs.markdown_pages(pages), root / "site_src" / "anchors.tsv")
        return pages
    except EditionError as e:
        raise SiteError("the edition's sources have problems:\n" + e.format()) from None
    except Exception as e:  # noqa: BLE001 - never a traceback for editors
        raise SiteError(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}") from None
