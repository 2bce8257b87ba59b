"""The release as printed (cables/<id>/release/): page by page in file order, every OCR line
with its witness line number, page furniture, routing sheets and marginalia, with the
editors' interventions marked and footnoted."""
from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ..model import Cable, Edition, Page
from . import paths
from .escape import join
from .inline import GlossaryLinks, Inline, Notes
from .page import PageOut, finish, slugify
from .search import release_entries
from .templates import macros, render

BASIS_WORDS = {"printed": "as printed", "corrected": "corrected", "inferred": "inferred", "unknown": "unknown"}


def identity_text(ident) -> Markup:
    text = Markup.escape(ident.value) if ident.value else Markup("unknown")
    text += Markup(" (") + Markup.escape(BASIS_WORDS[ident.basis])
    if ident.basis == "corrected" and ident.printed:
        text += Markup("; printed ") + Markup.escape(ident.printed)
    text += Markup(")")
    if ident.evidence:
        text += Markup(": ") + Markup.escape(ident.evidence)
    return text


class ShownLine(NamedTuple):
    """A line of the release as its page shows it (a tuple, not a dict: the template reads its
    fields for every line of the edition, and Jinja finds an attribute at once, a key only
    after failing to find it as an attribute)."""
    n: int
    content: Markup
    zones: str
    marks: list


def lines_by_page(cable: Cable) -> dict[str, list]:
    out: dict[str, list] = {}
    for line in cable.release:
        out.setdefault(line.page, []).append(line)
    return out


def page_block(edition: Edition, cable: Cable, page: Page, inline: Inline, here: str, lines_of=None) -> dict:
    """One printed page: its identity and its lines."""
    b = macros("base.html.j2")
    lines_of = lines_of if lines_of is not None else lines_by_page(cable)
    reading = paths.reading(cable.id)
    lines: list[ShownLine] = []
    started: set[str] = set()
    first_piece = {m.id: m.pieces[0] for m in cable.matter.values() if m.pieces}
    for line in lines_of.get(page.id, ()):
        marks = []
        parts = []
        for piece, spans in line.pieces:
            zone = piece.zone
            if zone.kind == "text" and zone.ref not in started and piece.printed.strip():
                started.add(zone.ref)
                label = f"¶{zone.ref[1:]}" if zone.ref.startswith("p") else "heading"
                marks.append(b.link(paths.link(here, reading, zone.ref), label))
            if zone.kind == "matter" and first_piece.get(zone.ref) is piece:
                marks.append(b.labelled(zone.ref, "ed-matter-label", cable.matter[zone.ref].label))
            # the first glossary term of each page links to the glossary; exceptions apply by place
            inline.scope = page.id
            inline.anchor = zone.ref if zone.kind in ("text", "matter") else None
            parts.append(inline.diplomatic(spans))
        zones = " ".join(sorted({f"ed-z-{p.zone.kind}" for p, _ in line.pieces}))
        lines.append(ShownLine(line.number, join(parts), zones, marks))
    return {
        "page": page, "seq": page.seq,
        "anchor": f"page-{page.id}",
        "title": page.label,
        "telegram": page.telegram,
        "section": identity_text(page.section),
        "page_no": identity_text(page.page),
        "time": identity_text(page.time),
        "note": page.note,
        "lines": lines,
        "first": lines[0].n if lines else None,
        "last": lines[-1].n if lines else None,
    }


def release_page(edition: Edition, cable: Cable) -> PageOut:
    here = paths.release(cable.id)
    notes = Notes()
    collation = paths.collation(cable.id)
    glossary = GlossaryLinks(edition.registers, lambda tid: paths.link(here, paths.GLOSSARY, tid)) \
        if edition.registers.glossary else None
    inline = Inline(cable, edition.meta, notes, lambda i: paths.link(here, collation, i), glossary)
    lines_of = lines_by_page(cable)
    blocks = [page_block(edition, cable, page, inline, here, lines_of) for page in cable.pages]
    b = macros("base.html.j2")
    page_rows = [(blk["seq"], b.link("#" + blk["anchor"], blk["title"]), blk["telegram"],
                  f"{blk['first']}\u2013{blk['last']}" if blk["lines"] else "none", blk["page"].order)
                 for blk in blocks]
    title = f"{cable.label}: the release, page by page"
    body = render("release.html.j2", cable=cable, meta=cable.meta, title=title, title_id=slugify(title),
                  pages=blocks, page_rows=page_rows, notes=notes.html(),
                  reading=paths.link(here, paths.reading(cable.id)), collation=paths.link(here, collation),
                  map=paths.link(here, paths.map_page(cable.id)), glossary=paths.link(here, paths.GLOSSARY),
                  matter=list(cable.matter.values()))
    review = cable.meta["release"].get("review_date") or ""
    page = PageOut(here, f"{cable.label}: the release page by page",
                   f"Diplomatic view of the {review + ' ' if review else ''}release of {cable.post} telegram "
                   f"{cable.number}",
                   "release", body=body, hide=("navigation",), notes=notes.labels())
    page.search = release_entries(edition, cable, page.title)
    return finish(page)
