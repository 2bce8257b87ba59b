"""Pages about the edition: home, the list of telegrams, the editorial method (with counts)."""
from __future__ import annotations

from . import outputs, stats
from .metadata import PARAGRAPH_STATUSES
from .model import Edition
from .render_reading import STATUS_WORDS
from .templates import render


def _cable_rows(edition: Edition, here: str) -> list[dict]:
    rows = []
    for cable in edition.cables.values():
        rows.append({"cable": cable, "meta": cable.meta, "href": outputs.link(here, outputs.reading(cable.number)),
                     "release": outputs.link(here, outputs.release(cable.number)) if cable.has_transcription else None,
                     "pages": len(edition.witness_pages_of(cable.number))})
    return rows


def home(edition: Edition) -> str:
    here = outputs.HOME
    main = next((c for c in edition.cables.values() if c.has_transcription), None)
    counts = stats.cable_counts(main) if main else None
    return render("home.md.j2", edition=edition, meta=edition.meta, main=main, counts=counts,
                  statuses=PARAGRAPH_STATUSES, status_words=STATUS_WORDS,
                  cables=_cable_rows(edition, here),
                  reading=outputs.link(here, outputs.reading(main.number)) if main else None,
                  release=outputs.link(here, outputs.release(main.number)) if main else None,
                  collation=outputs.link(here, outputs.collation(main.number)) if main else None,
                  list_link=outputs.link(here, outputs.CABLES), method=outputs.link(here, outputs.METHOD),
                  editing=outputs.link(here, outputs.EDITING),
                  introduction=outputs.link(here, outputs.INTRODUCTION),
                  map=outputs.link(here, outputs.map_page(main.number)) if main else None,
                  indexes=outputs.link(here, outputs.INDEXES), glossary=outputs.link(here, outputs.GLOSSARY))


def cables(edition: Edition) -> str:
    return render("cables.md.j2", edition=edition, cables=_cable_rows(edition, outputs.CABLES))


def method(edition: Edition) -> str:
    here = outputs.METHOD
    per_cable = []
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        per_cable.append({"cable": cable, "c": stats.cable_counts(cable),
                          "collation": outputs.link(here, outputs.collation(cable.number)),
                          "reading": outputs.link(here, outputs.reading(cable.number)),
                          "release": outputs.link(here, outputs.release(cable.number))})
    return render("method.md.j2", edition=edition, meta=edition.meta, per_cable=per_cable,
                  statuses=PARAGRAPH_STATUSES, status_words=STATUS_WORDS,
                  editing=outputs.link(here, outputs.EDITING))
