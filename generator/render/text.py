"""The telegram as plain text: the reading text paragraph by paragraph, and the OCR layer of
its release. The reading text comes from the resolved places (edition/versions.plain_blocks,
which the snapshots of a version compare too), so "the text of paragraph 14" means one thing
in every format; the conventions are stated at the head of the download."""
from __future__ import annotations

import textwrap

from ..edition.versions import plain_blocks, plain_of_blocks
from ..model import Cable, Edition
from . import paths
from .reading import STATUS_WORDS
from .templates import render


def heading_plain(cable: Cable, h) -> str:
    return " ".join(plain_of_blocks(cable.places[h.id].blocks))


def witness_note(edition: Edition, cable: Cable, para) -> str:
    """[Text from the pages of <post> <number>.] for a paragraph carried by another telegram's pages."""
    others = [t for t in dict.fromkeys(cable.page(pid).telegram for pid in para.pages) if t != cable.id]
    if not others:
        return ""
    labels = [edition.cables[t].label if t in edition.cables else t for t in others]
    only = all(cable.page(pid).telegram != cable.id for pid in para.pages)
    return (f"[Text from the pages of {', '.join(labels)}" + ("" if only else ", in part") +
            ", standing in the release of this telegram.]")


def reading_file(edition: Edition, cable: Cable) -> str:
    """The reading text of a telegram as a plain-text download."""
    em = edition.meta
    sections = []
    headings: dict[int, list] = {}
    for h in cable.headings:
        headings.setdefault(h.before, []).append(h)
    for n, para in cable.paragraphs.items():
        for h in headings.pop(n, []):
            sections.append(heading_plain(cable, h))
        text = plain_blocks(cable, para)
        status = "" if para.status == "present" and not para.reason else \
            f"[{STATUS_WORDS[para.status]}: {para.reason}]"
        body = [f"{n}. " + (text[0] if text else status)] + text[1:]
        if text and status:
            body.append(status)
        note = witness_note(edition, cable, para)
        if note:
            body.append(note)
        sections.append("\n".join(textwrap.fill(b, 100, break_long_words=False, break_on_hyphens=False)
                                  for b in body))
    for n in sorted(headings):
        for h in headings[n]:
            sections.append(heading_plain(cable, h))
    if "signature" in cable.places:
        sections.append(" ".join(plain_of_blocks(cable.places["signature"].blocks)))
    url = paths.absolute(em["site_url"], paths.reading(cable.id))
    out = render("reading.txt.j2", label=cable.label, date=cable.iso_date, title=cable.meta["title"],
                 sender=cable.head_value("from"), recipient=cable.head_value("to"), dtg=cable.head_value("dtg"),
                 subject=cable.head_value("subject"), edition=em, url=url,
                 exemption=", ".join(cable.meta["release"]["exemptions"]) or "EXEMPTION",
                 example=14 if 14 in cable.paragraphs else next(iter(cable.paragraphs), 1), sections=sections)
    return out


def ocr_file(cable: Cable) -> str:
    """The OCR layer of the whole release: the witness, byte for byte (the checks proved that the
    transcription without its marks gives it back)."""
    return cable.witness_text or ""
