"""The search entries of the pages the generator makes, from the resolved edition, not from
their HTML.

Material's search indexes a page by its sections; the telegram pages instead have an entry per
paragraph (location `cables/<id>/#p14`, title "<post> <number> ¶14", its reading text), per
run-in heading, per printed page of a release, per collation entry and discussion, per index
entry and glossary term. The hook adds them to Material's index; the pages themselves are kept
out of Material's own indexing (their front matter says `search: exclude`). The texts are plain
text escaped for HTML, as Material's index holds them.
"""
from __future__ import annotations

import html

from ..edition.versions import plain_of_blocks
from ..model import Cable, Edition
from . import paths


def _entry(path: str, anchor: str, title: str, text: str) -> dict:
    location = paths.url(path) + (f"#{anchor}" if anchor else "")
    return {"location": location, "title": html.escape(" ".join(title.split()), quote=False),
            "text": html.escape(" ".join(text.split()), quote=False)}


def reading_entries(edition: Edition, cable: Cable, title: str) -> list[dict]:
    here = paths.reading(cable.id)
    out = [_entry(here, "", title, cable.meta["summary"]),
           _entry(here, "head", "Document head", " ".join(
               f"{k}: {v.value}" for k, v in cable.head.items() if v.value is not None))]
    for place in cable.places.values():
        if place.kind == "heading":
            out.append(_entry(here, place.anchor, " ".join(plain_of_blocks(place.blocks)), ""))
        elif place.kind == "paragraph":
            para = cable.paragraphs[int(place.anchor[1:])]
            text = "\n".join(plain_of_blocks(place.blocks)) or f"{para.status}: {para.reason}"
            out.append(_entry(here, place.anchor, f"{cable.label} ¶{para.n}", text + names(edition, cable, place)))
    return out


def names(edition: Edition, cable: Cable, place) -> str:
    """The index entries named at a place, by their names: a search for a person finds the
    paragraphs that name them, whatever form the telegram uses ("THE MINISTER" for the minister of the day)."""
    regs = edition.registers
    seen = dict.fromkeys((o.register, o.entry) for o in regs.at(cable.id, place.anchor))
    return "".join(f" \u2014 {regs.entries[r][e].name}" for r, e in seen)


def map_entries(cable: Cable, title: str, pages: list[tuple[str, str]],
                statuses: list[tuple[str, list[str]]]) -> list[dict]:
    """The map of a release, as the text its drawings are given as: its pages and what each
    holds, its paragraphs by status."""
    here = paths.map_page(cable.id)
    return [_entry(here, "", title, f"What the release holds of {cable.label} at a glance."),
            _entry(here, "pages", "Sections and pages", "; ".join(f"{label}: {what}" for label, what in pages)),
            _entry(here, "paragraphs", "Paragraphs by status",
                   "; ".join(f"{words}: {', '.join(ns)}" for words, ns in statuses))]


def witnessed_entries(edition: Edition, cable: Cable, title: str, carried: list[tuple[int, str]]) -> list[dict]:
    here = paths.reading(cable.id)
    return [_entry(here, "", title, cable.meta["summary"])] + [
        _entry(here, f"p{n}", f"{cable.label} ¶{n}", text) for n, text in carried]


def release_entries(edition: Edition, cable: Cable, title: str) -> list[dict]:
    here = paths.release(cable.id)
    out = [_entry(here, "", title, cable.meta["witness"]["description"])]
    text: dict[str, list[str]] = {}
    for line in cable.release:
        text.setdefault(line.page, []).append("".join(s.printed for _, spans in line.pieces for s in spans))
    for page in cable.pages:
        out.append(_entry(here, f"page-{page.id}", f"{cable.label}: {page.label}",
                          " ".join(t for t in text.get(page.id, []) if t.strip())))
    for m in cable.matter.values():
        out.append(_entry(here, m.id, f"{cable.label}: {m.label}", m.description))
    return out


def collation_entries(edition: Edition, cable: Cable, title: str) -> list[dict]:
    here = paths.collation(cable.id)
    out = [_entry(here, "", title, "")]
    for row in cable.interventions.values():
        r = row.record
        if "decision" in r:
            out.append(_entry(here, row.id, f"{cable.label}: collation entry {row.id}",
                              f"{r['printed']} {r['reading']} {r['decision']} {r['evidence']}"))
    for d in cable.discussions:
        out.append(_entry(here, f"discussion-{d['id']}", d["title"], f"{d['text']} {d['decision']}"))
    return out


def register_entries(edition: Edition, register: str, title: str) -> list[dict]:
    here = paths.index(register)
    out = [_entry(here, "", title, "")]
    for e in edition.registers.entries.get(register, {}).values():
        forms = " ".join(f.text for f in e.forms)
        offices = " ".join(o.title for o in e.offices)
        out.append(_entry(here, e.id, e.name, f"{e.description} {offices} {forms}"))
    return out


def glossary_entries(edition: Edition, title: str) -> list[dict]:
    here = paths.GLOSSARY
    out = [_entry(here, "", title, "")]
    for t in edition.registers.glossary.values():
        out.append(_entry(here, t.id, t.term, f"{t.expansion} {t.note}"))
    return out
