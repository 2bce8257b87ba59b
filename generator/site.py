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


def generated_pages(root: Path) -> dict[str, str]:
    from . import anchors, outputs
    from .load import load_edition
    try:
        edition = load_edition(root / "site_src")
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(edition)
        pages = outputs.generate(edition)
        anchors.check(edition, pages, root / "site_src" / "anchors.tsv")
        return pages
    except EditionError as e:
        raise SiteError("the edition's sources have problems:\n" + e.format()) from None
    except Exception as e:  # noqa: BLE001 - never a traceback for editors
        raise SiteError(f"internal error while processing {Progress.where}: {type(e).__name__}: {e}") from None
