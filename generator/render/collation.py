"""The collation table as a page (cables/<id>/collation/): every decision, in text order,
with its evidence and certainty, linked to its place in the release and reading views; then
the editors' discussions of the larger decisions."""
from __future__ import annotations

from ..edition.views import VIEWS
from ..model import Cable, Edition
from . import paths
from .inline import DECISION_WORDS, TYPE_WORDS, editor_name
from .page import PageOut, finish, slugify
from .search import collation_entries
from .templates import render


def collation_page(edition: Edition, cable: Cable) -> PageOut:
    here = paths.collation(cable.id)
    release = paths.release(cable.id)
    reading = paths.reading(cable.id)
    rows = []
    counts: dict[str, int] = {}
    first_editor = edition.meta["editors"][0]
    for iv in cable.interventions.values():
        if not VIEWS[iv.kind].collated:
            continue
        r = iv.record
        mark, piece = iv.marks[0]
        counts[r["decision"]] = counts.get(r["decision"], 0) + 1
        where = [(paths.link(here, release, f"l{piece.line}"), f"release, line {piece.line}")]
        if piece.zone.kind == "text":
            if VIEWS[iv.kind].reading_note:
                where.append((paths.link(here, reading, "fnref:" + iv.id), "reading, note"))
            else:
                label = f"¶{piece.zone.ref[1:]}" if piece.zone.ref.startswith("p") else "heading"
                where.append((paths.link(here, reading, piece.zone.ref), f"reading, {label}"))
        second = r["second_reading"]
        rows.append({
            "id": iv.id, "where": where, "printed": r["printed"],
            "reading": r["reading"] if r["reading"] != r["printed"] else None,
            "decision": DECISION_WORDS[r["decision"]], "type": TYPE_WORDS[r["type"]], "certainty": r["certainty"],
            # the first editor is the default; others are named
            "resp": editor_name(edition.meta, r["resp"]) if r["resp"] != first_editor["id"] else None,
            "evidence": r["evidence"],
            "agrees": second["agrees"], "proposed": second.get("proposed") or "", "settled": second.get("settled") or "",
            "view": "reading text" if piece.zone.kind == "text" else "release only",
        })
    title = f"{cable.label}: the collation table"
    body = render("collation.html.j2", title=title, title_id=slugify(title), rows=rows, counts=counts,
                  default_editor=first_editor["name"], discussions=cable.discussions, decision_words=DECISION_WORDS,
                  reading=paths.link(here, reading), release=paths.link(here, release),
                  method=paths.link(here, paths.METHOD))
    page = PageOut(here, f"{cable.label}: collation table",
                   f"Every suspect token of the release of {cable.label}, with the editors' decision and evidence",
                   "collation", body=body, hide=("navigation",))
    page.search = collation_entries(edition, cable, page.title)
    return finish(page)
