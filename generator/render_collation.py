"""The collation table as a page (cables/<n>/collation/): every decision, in text order,
with its evidence and certainty, linked to its place in the release and reading views."""
from __future__ import annotations

from markupsafe import Markup

from . import outputs
from .escape import md
from .model import Cable, Edition
from .render_inline import DECISION_WORDS, TYPE_WORDS, code, editor_name
from .templates import render

COLLATED = ("corr", "sic", "ok", "unclear")


def collation_page(edition: Edition, cable: Cable) -> str:
    here = outputs.collation(cable.number)
    release = outputs.release(cable.number)
    reading = outputs.reading(cable.number)
    rows = []
    counts: dict[str, int] = {}
    for iv in cable.interventions.values():
        if iv.kind not in COLLATED:
            continue
        r = iv.record
        mark, piece = iv.marks[0]
        counts[r["decision"]] = counts.get(r["decision"], 0) + 1
        where = [Markup(f"[release, line {piece.line}]({outputs.link(here, release, f'l{piece.line}')})")]
        if piece.zone.kind == "text":
            if iv.kind == "ok":
                where.append(Markup(f"[reading, {_zone_label(piece.zone.ref)}]({outputs.link(here, reading, piece.zone.ref)})"))
            else:
                where.append(Markup(f"[reading, note]({outputs.link(here, reading, 'fnref:' + iv.id)})"))
        second = r["second_reading"]
        if second["agrees"]:
            second_text = Markup("agrees")
        else:
            second_text = Markup("**disagreed:** ") + md(second.get("proposed") or "") + Markup(". *Settled:* ") \
                + md(second.get("settled") or "")
        rows.append({
            "id": iv.id,
            "where": Markup("<br>").join(where),
            "page": piece.page,
            "printed": code(r["printed"]),
            "reading": code(r["reading"]) if r["reading"] != r["printed"] else None,
            "decision": md(DECISION_WORDS[r["decision"]]),
            "type": md(TYPE_WORDS[r["type"]]),
            "certainty": md(r["certainty"]),
            # the first editor is the default; others are named
            "resp": md(editor_name(edition.meta, r["resp"])) if r["resp"] != edition.meta["editors"][0]["id"] else None,
            "evidence": md(r["evidence"]),
            "second": second_text,
            "view": "reading text" if piece.zone.kind == "text" else "release only",
        })
    return render("collation.md.j2", edition=edition, cable=cable, rows=rows, counts=counts,
                  default_editor=edition.meta["editors"][0]["name"],
                  discussions=cable.discussions, decision_words=DECISION_WORDS,
                  reading=outputs.link(here, reading), release=outputs.link(here, release),
                  method=outputs.link(here, outputs.METHOD))


def _zone_label(ref: str) -> str:
    return f"¶{ref[1:]}" if ref.startswith("p") else "heading"
