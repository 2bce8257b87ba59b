"""Resolve once: every anchored place of a telegram (paragraph, run-in heading, item of named
matter) and every line of its release, read into the spans that every view formats.

A span is an item of a piece with what the reading text reads there (edition/views.py decides
it from the mark's kind and its record). A place is made of bits: the spans of each piece that
falls in it (a line's share of it), the printed paragraph number cut from the first piece that
prints anything, and the lacunae inside it. Nothing after this stage walks the transcription
or switches on a mark's kind to find a text: registers, versions, checks, every renderer and the
search index read the places and lines made here.
"""
from __future__ import annotations

import re

from ..model import Bit, Cable, Lacuna, Line, Piece, Place, Span, Text
from .views import WITHHELD, reading_of

LACUNA_TEXT = "[\u2026]"
LEADING_NUMBER = re.compile(r"\s*([0-9]+)\.\s*")


def spans_of(cable: Cable, items) -> tuple[Span, ...]:
    """The spans of a run of items (Text and Mark)."""
    out = []
    for item in items:
        if isinstance(item, Text):
            out.append(Span("text", item.text))
        else:
            iv = cable.interventions[item.id]
            out.append(Span(item.kind, reading_of(item, iv.record), item, iv))
    return tuple(out)


def strip_number(items: tuple, n: int) -> tuple:
    """The items of a paragraph's first piece without its printed number, if it is there."""
    if items and isinstance(items[0], Text):
        m = LEADING_NUMBER.match(items[0].text)
        if m and int(m.group(1)) == n:
            rest = items[0].text[m.end():]
            return ((Text(rest, items[0].pos),) if rest else ()) + tuple(items[1:])
    return items


def text_of(spans) -> str:
    """What the reading text reads in some spans, as plain text."""
    return "".join(s.text for s in spans)


def bit_text(bit: Bit) -> str:
    return LACUNA_TEXT if bit.lacuna is not None else text_of(bit.spans).strip()


def piece_spans(cable: Cable, piece: Piece, memo: dict | None) -> tuple[Span, ...]:
    """The spans of a piece, made once per piece (its paragraph and its line of the release share
    them) when a `memo` is given."""
    if memo is None:
        return spans_of(cable, piece.items)
    spans = memo.get(id(piece))
    if spans is None:
        spans = memo[id(piece)] = spans_of(cable, piece.items)
    return spans


def paragraph_bits(cable: Cable, para, keep=lambda piece: True, memo: dict | None = None) -> list[list[Bit]]:
    """A paragraph's reading, block by block: the spans of each piece (the printed number cut
    from the first that prints anything) and its lacunae. Pieces `keep` refuses are left out
    (a telegram known from another's release keeps its own pages only), as are pieces and
    blocks that read as nothing."""
    out = []
    first = True
    for block in para.blocks:
        bits = []
        for piece in block.pieces:
            if isinstance(piece, Lacuna):
                bits.append(Bit(lacuna=piece))
                continue
            if not keep(piece):
                continue
            items = piece.items
            if first:
                items = strip_number(items, para.n)
                if piece.printed.strip():
                    first = False
            spans = piece_spans(cable, piece, memo) if items is piece.items else spans_of(cable, items)
            if text_of(spans).strip() or _shows_something(spans):
                bits.append(Bit(spans=spans, piece=piece))
        if bits:
            out.append(bits)
    return out


def _shows_something(spans) -> bool:
    """A piece that reads as no text may still show a mark (a redaction, a note reference)."""
    return any(s.kind != "text" for s in spans)


def blocks_text(blocks: list[list[Bit]]) -> str:
    """A place's reading as plain text: blocks on lines of their own."""
    return "\n".join(" ".join(t for t in (bit_text(b) for b in bits) if t) for bits in blocks)


def heading_bits(cable: Cable, heading, memo: dict | None = None) -> list[list[Bit]]:
    return [[Bit(spans=piece_spans(cable, p, memo), piece=p) for p in heading.pieces if p.printed.strip()]]


def witnesses(cable: Cable, pieces) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cable.page(p.page).telegram for p in pieces if isinstance(p, Piece)))


def resolve(cable: Cable) -> None:
    """Fill `cable.places` (reading order: headings and paragraphs, then matter) and
    `cable.release` (every OCR line, file order)."""
    places: dict[str, Place] = {}
    memo: dict = {}                      # id(piece) -> its spans, shared by places and lines
    heads: dict[int, list] = {}
    for h in cable.headings:
        heads.setdefault(h.before, []).append(h)
    order = 0

    def heading(h):
        nonlocal order
        order += 1
        blocks = heading_bits(cable, h, memo)
        text = " ".join(bit_text(b) for b in blocks[0])
        places[h.id] = Place(cable.id, "heading", h.id, f"heading \u201c{text}\u201d", order, blocks, text,
                             witnesses(cable, h.pieces))

    for n, para in cable.paragraphs.items():
        for h in heads.pop(n, []):
            heading(h)
        order += 1
        blocks = paragraph_bits(cable, para, memo=memo)
        pieces = [p for b in para.blocks for p in b.pieces]
        places[f"p{n}"] = Place(cable.id, "paragraph", f"p{n}", f"\u00b6{n}", order, blocks, blocks_text(blocks),
                                witnesses(cable, pieces))
    for n in sorted(heads):
        for h in heads[n]:
            heading(h)
    for m in cable.matter.values():
        order += 1
        blocks = [[Bit(spans=piece_spans(cable, p, memo), piece=p) for p in m.pieces]]
        text = "\n".join(text_of(b.spans) for b in blocks[0])
        places[m.id] = Place(cable.id, "matter", m.id, m.label, order + 10000, blocks, text,
                             witnesses(cable, m.pieces))
    cable.places = places
    lines: list[Line] = []
    for page in cable.pages:
        by_line: dict[int, list] = {}
        for piece in page.pieces:
            by_line.setdefault(piece.line, []).append((piece, piece_spans(cable, piece, memo)))
        lines.extend(Line(number, page.id, tuple(pieces)) for number, pieces in by_line.items())
    cable.release = lines


def has_readable_text(place: Place) -> bool:
    """Does a place hold text the release gives (not only withheld or lost text)?"""
    return bool(place.text.strip(WITHHELD + " \n" + LACUNA_TEXT))
