"""The telegram as plain text: the reading text of each paragraph and heading, the printed
(diplomatic) text, and the whole OCR layer of a release.

The reading text here follows the reading view (render_reading) piece for piece, with plain
conventions instead of markup (they are stated at the head of the text download):

    SALUTORY [sic]         a slip of the telegram, kept as printed
    ⟨CONCERN⟩              inserted by a later hand (and adopted in the reading text)
    [struck through: X]    struck through by a later hand
    [withheld (B1)]        a passage withheld in the release, with its FOIA exemption
    […]                    text lost without a redaction marker (a lacuna)

The JSON download, the changelog snapshots and the citation tools use the same functions, so
"the text of paragraph 14" means one thing everywhere.
"""
from __future__ import annotations

import re
import textwrap

from .markup import strip_to_ocr
from .model import Cable, Edition, Paragraph, Piece, Text
from .render_inline import paragraph_blocks

SIC = " [sic]"
GAP = "[…]"


def redaction(exemption: str) -> str:
    return f"[withheld ({exemption})]"


def reading_items(cable: Cable, items, shown: set[str]) -> str:
    """The reading form of the items of one piece (no note references, no markup)."""
    out = []
    for item in items:
        if isinstance(item, Text):
            out.append(item.text)
            continue
        iv = cable.interventions[item.id]
        k = item.kind
        if k in ("corr", "unclear"):
            out.append(item.reading)
        elif k == "sic":
            out.append(item.printed + SIC)
        elif k == "ok":
            out.append(item.printed)
        elif k == "redact":
            if item.id not in shown:
                shown.add(item.id)
                out.append(redaction(iv.record["exemption"]))
        elif k == "add":
            if iv.record["in_reading"]:
                out.append("⟨" + re.fullmatch(r"\^\((.+)\)", item.printed).group(1) + "⟩")
        elif k == "del":
            if iv.record["in_reading"]:
                out.append("[struck through: " + re.fullmatch(r"~~(.+)~~", item.printed).group(1) + "]")
        # a note has no text of its own
    return "".join(out)


def blocks(cable: Cable, para: Paragraph, shown: set[str] | None = None,
           keep=lambda piece: True) -> list[str]:
    """The reading text of each block of a paragraph, without its printed number
    (the same walk as the reading view's `block_text`: render_inline.paragraph_blocks)."""
    shown = set() if shown is None else shown
    return [" ".join(bits) for bits in
            paragraph_blocks(para.blocks, para.n, lambda items: reading_items(cable, items, shown), lambda _: GAP, keep)]


def paragraph_reading(cable: Cable, para: Paragraph, keep=lambda piece: True) -> str:
    """The reading text of a paragraph: its blocks, one per line."""
    return "\n".join(blocks(cable, para, keep=keep))


def heading_reading(cable: Cable, heading) -> str:
    shown: set[str] = set()
    return " ".join(reading_items(cable, p.items, shown).strip() for p in heading.pieces if p.printed.strip())


def diplomatic(pieces) -> str:
    """The printed (OCR) text of some pieces, one line per OCR line, outer blank lines dropped."""
    lines: list[str] = []
    last = None
    for piece in pieces:
        if not isinstance(piece, Piece):
            continue
        if piece.line == last and lines:
            lines[-1] += piece.printed
        else:
            lines.append(piece.printed)
        last = piece.line
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def paragraph_pieces(para: Paragraph, keep=lambda piece: True) -> list[Piece]:
    return [p for b in para.blocks for p in b.pieces if isinstance(p, Piece) and keep(p)]


def paragraph_snapshot(edition: Edition) -> dict[tuple[str, int], str]:
    """The reading text of every paragraph of every transcribed telegram: what a version's
    changelog compares."""
    out = {}
    for cable in edition.cables.values():
        if cable.has_transcription:
            for n, para in cable.paragraphs.items():
                out[(cable.number, n)] = paragraph_reading(cable, para)
    return out


def ocr_file(cable: Cable) -> str:
    """The OCR layer of the whole release: the witness, byte for byte."""
    return strip_to_ocr(cable.lines)


def reading_file(edition: Edition, cable: Cable) -> str:
    """The reading text of a telegram as a plain-text download."""
    from . import outputs
    from .render_reading import STATUS_WORDS
    meta, em = cable.meta, edition.meta
    head = [
        f"Beijing {cable.number}, {meta['date']}: {meta['title']}",
        f"{meta['from']} to {meta['to']}" + (f", {meta['dtg']}" if meta.get("dtg") else ""),
        f"Subject: {meta['subject']}",
        "",
        f"Reading text from {em['title']}, version {em['version']} ({em['date']}).",
        f"Online, with notes and evidence: {outputs.absolute(edition, outputs.reading(cable.number))}",
        f"Cite a paragraph by its anchor: {outputs.absolute(edition, outputs.reading(cable.number), 'p14')}",
        f"Licence: {em['licence']}",
        "",
        "Conventions: SALUTORY [sic] a slip of the telegram, kept as printed; ⟨WORD⟩ inserted by a later",
        "hand; [struck through: X] struck through by a later hand; [withheld (B1)] withheld in the release",
        "under the FOIA exemption named; […] text lost without a redaction marker. Paragraphs the",
        "release does not give whole carry their status in brackets.",
    ]
    out = ["\n".join(head), "=" * 72]
    headings: dict[int, list] = {}
    for h in cable.headings:
        headings.setdefault(h.before, []).append(h)
    for n, para in cable.paragraphs.items():
        for h in headings.pop(n, []):
            out.append(heading_reading(cable, h))
        text = blocks(cable, para)
        status = "" if para.status == "present" else f"[{STATUS_WORDS[para.status]}: {para.reason}]"
        body = [f"{n}. " + (text[0] if text else status)] + text[1:]
        if text and status:
            body.append(status)
        out.append("\n".join(textwrap.fill(b, 100, break_long_words=False, break_on_hyphens=False)
                             for b in body))
    for n in sorted(headings):
        for h in headings[n]:
            out.append(heading_reading(cable, h))
    if "signature" in cable.matter:
        shown: set[str] = set()
        out.append(" ".join(reading_items(cable, p.items, shown).strip()
                            for p in cable.matter["signature"].pieces if p.printed.strip()))
    return "\n\n".join(out) + "\n"
