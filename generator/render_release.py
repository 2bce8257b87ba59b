"""The release as printed (cables/<n>/release/): page by page in file order, every OCR
line with its witness line number, page furniture, routing sheets and marginalia,
with the editor's interventions marked and footnoted."""
from __future__ import annotations

import os

from markupsafe import Markup

from . import outputs
from .escape import md
from .model import Cable, Edition, Page
from .render_inline import Inline, Notes
from .templates import render

# EDITION_FASTPATH=0 writes every OCR line as Markdown for Python-Markdown to convert, as the
# release view did before the fast path below; the test that compares the two builds sets it.
RAW_LINES = os.environ.get("EDITION_FASTPATH", "1") != "0"

BASIS_WORDS = {"printed": "as printed", "corrected": "corrected", "inferred": "inferred", "unknown": "unknown"}


def identity_text(ident) -> Markup:
    value = md(ident.value) if ident.value else Markup("unknown")
    text = value + Markup(" (") + md(BASIS_WORDS[ident.basis])
    if ident.basis == "corrected" and ident.printed:
        text += Markup("; printed ") + md(ident.printed)
    text += Markup(")")
    if ident.evidence:
        text += Markup(": ") + md(ident.evidence)
    return text


def page_block(edition: Edition, cable: Cable, page: Page, inline: Inline, here: str) -> dict:
    """One printed page: its identity and its lines, as Markdown fragments."""
    reading = outputs.reading(cable.number)
    lines: list[dict] = []
    by_line: dict[int, list] = {}
    for piece in page.pieces:
        by_line.setdefault(piece.line, []).append(piece)
    started_paragraphs: set[str] = set()
    started_matter: set[str] = set()
    for number, pieces in by_line.items():
        marks = []
        for piece in pieces:
            zone = piece.zone
            if zone.kind == "text" and zone.ref not in started_paragraphs and piece.printed.strip():
                started_paragraphs.add(zone.ref)
                label = f"¶{zone.ref[1:]}" if zone.ref.startswith("p") else "heading"
                marks.append(Markup("[") + md(label) + Markup(f"]({outputs.link(here, reading, zone.ref)})"))
            if zone.kind == "matter" and zone.ref not in started_matter and _first_of_matter(cable, zone.ref, piece):
                started_matter.add(zone.ref)
                marks.append(Markup(f'<span id="{zone.ref}" class="ed-matter-label">') + md(cable.matter[zone.ref].label)
                             + Markup("</span>"))
        parts = []
        for p in pieces:
            # the first glossary term of each page links to the glossary; exceptions apply by place
            inline.scope = page.id
            inline.anchor = p.zone.ref if p.zone.kind in ("text", "matter") else None
            parts.append(inline.diplomatic(p.items))
        content = Markup("").join(parts)
        zones = " ".join(sorted({f"ed-z-{p.zone.kind}" for p in pieces}))
        lines.append({"n": number, "content": content, "zones": zones, "marks": marks})
    return {
        "lines_markdown": Markup("".join([_line_markdown(line) for line in lines])),
        "page": page,
        "anchor": f"page-{page.id}",
        "title": page.label,
        "telegram": page.telegram,
        "section": identity_text(page.section),
        "page_no": identity_text(page.page),
        "time": identity_text(page.time),
        "lines": lines,
        "first": lines[0]["n"] if lines else None,
        "last": lines[-1]["n"] if lines else None,
    }


def _line_markdown(line: dict) -> str:
    """One OCR line of the release view. Written here rather than as a loop in the template:
    a release of a thousand lines would otherwise cost a thousand template iterations."""
    marks = "".join(f'<span class="ed-lmark">{m}</span>' for m in line["marks"])
    body = f'<span class="ed-ln">{line["n"]}</span>{marks}<span class="ed-lt">{line["content"]}</span>'
    # No footnote reference and no link: nothing for Python-Markdown to do, so the line is
    # written as the HTML it would produce (its text is already escaped, its classes are fixed
    # words), and Python-Markdown passes it through. Most lines of a release are such lines;
    # this saves about a third of the conversion of a release view. The output is byte-identical
    # (tests/test_build.py builds the edition both ways and compares).
    convert = "" if RAW_LINES and "[" not in body else ' markdown="span"'
    return f'<div class="ed-line {line["zones"]}" id="l{line["n"]}"{convert}>{body}</div>\n'


def _first_of_matter(cable: Cable, mid: str, piece) -> bool:
    return cable.matter[mid].pieces[0] is piece


def release_page(edition: Edition, cable: Cable) -> str:
    here = outputs.release(cable.number)
    notes = Notes()
    collation = outputs.collation(cable.number)
    from .render_reading import glossary_links
    inline = Inline(cable, edition.meta, notes, lambda i: outputs.link(here, collation, i),
                    glossary_links(edition, here))
    blocks = [page_block(edition, cable, page, inline, here) for page in cable.pages]
    logical = sorted(cable.pages, key=lambda p: p.order)
    return render("release.md.j2", edition=edition, cable=cable, meta=cable.meta, pages=blocks, notes=notes.markdown(),
                  logical=logical, reading=outputs.link(here, outputs.reading(cable.number)),
                  collation=outputs.link(here, collation),
                  map=outputs.link(here, outputs.map_page(cable.number)),
                  glossary=outputs.link(here, outputs.GLOSSARY),
                  matter=list(cable.matter.values()))
