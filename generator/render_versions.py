"""The changelog page (about/changelog/) and the kept zips of superseded versions."""
from __future__ import annotations

from . import outputs
from .model import Edition
from .templates import render
from .versions import diff


def archived_zips(edition: Edition) -> dict[str, bytes]:
    """version -> the offline zip of each superseded version, as it was published."""
    return {r.version: r.zip for r in edition.releases[1:] if r.zip is not None}


def changelog_page(edition: Edition) -> str:
    here = outputs.CHANGELOG
    rows = []
    for i, r in enumerate(edition.releases):
        older = edition.releases[i + 1] if i + 1 < len(edition.releases) else None
        changes = None
        if older is not None and older.snapshot is not None and r.snapshot is not None:
            d = diff(older.snapshot, r.snapshot)
            changes = {k: [_para(edition, here, t, n) for t, n in v] for k, v in d.items()}
        rows.append({"r": r, "anchor": "v" + r.version.replace(".", "-"), "older": older, "changes": changes,
                     "first": older is None,
                     "paragraphs": len(r.snapshot) if r.snapshot else 0,
                     "zip": outputs.link(here, outputs.offline_zip(edition, r.version))})
    return render("changelog.md.j2", edition=edition, meta=edition.meta, rows=rows,
                  citing=outputs.link(here, outputs.CITING), downloads=outputs.link(here, outputs.DOWNLOADS))


def _para(edition: Edition, here: str, telegram: str, n: int) -> dict:
    cable = edition.cables.get(telegram)
    exists = cable is not None and n in cable.paragraphs
    return {"telegram": telegram, "n": n,
            "href": outputs.link(here, outputs.reading(telegram), f"p{n}") if exists else None}
