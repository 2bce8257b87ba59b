"""The telegram as JSON (downloads/<post>-<id>.json), described by the JSON Schema in
render/schemas/telegram.schema.json, which is published beside it.

One object per telegram: the edition it comes from, the telegram's identity and head (each field
as printed or inferred), its witnesses, the printed pages, the paragraphs (number, status,
witnesses and pages, reading text, diplomatic text, interventions, entities), the headings,
every intervention with its record, the lacunae, the non-text matter, repeated text and the
editors' discussions.

`entities` (of each paragraph and heading) lists the register entries the index names there,
in text order. A mention found by a declared form (`basis` "form") gives where it stands in the
`reading` string of the same object: `reading[start:end] == text`, offsets in Unicode code
points. The mentions are those found once in the resolved place (Place.mentions), carried into
the reading string. A subject indexed at the whole place (`basis` "heading" or "tagged") has no
offsets. A telegram known only from pages in another release has the paragraphs those pages
carry, restricted to those pages (and the names found in that restricted text).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..edition.registers import find_mentions
from ..edition.resolve import blocks_text, paragraph_bits
from ..edition.versions import plain_with_offsets
from ..model import Cable, Edition, Piece
from . import json_text, paths

SCHEMA = Path(__file__).parent / "schemas" / "telegram.schema.json"
FORMAT = "telegram-edition/telegram/2"


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def schema_bytes() -> bytes:
    return SCHEMA.read_bytes()


def _plain(value):
    """YAML mappings and lists as plain JSON values (they are dict and list subclasses)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _identity(ident) -> dict:
    return {"value": ident.value, "printed": ident.printed, "basis": ident.basis, "evidence": ident.evidence}


def _lines(pieces) -> dict | None:
    nums = [p.line for p in pieces if isinstance(p, Piece)]
    return {"first": min(nums), "last": max(nums)} if nums else None


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


def edition_part(edition: Edition) -> dict:
    m = edition.meta
    return {
        "title": m["title"], "short_title": m["short_title"], "version": m["version"], "date": m["date"],
        "editors": [{"id": e["id"], "name": e["name"], "role": e["role"]} for e in m["editors"]],
        "publisher": m["publisher"], "licence": m["licence"], "url": m["site_url"],
    }


def telegram_part(edition: Edition, cable: Cable) -> dict:
    m = cable.meta
    out = {"id": cable.id, "label": cable.label, "post": cable.post, "post_code": cable.post_code,
           "number": cable.number, "document_number": cable.document_number, "title": m["title"]}
    for k in ("from", "to", "date", "dtg", "precedence", "classification", "caveat", "subject", "signer"):
        out[k] = cable.head_value(k)
    sections = cable.head_value("sections")
    out["sections"] = int(sections) if sections else None
    out["head"] = {k: _identity(v) for k, v in cable.head.items()}
    out["tags"] = list(m.get("tags") or [])
    out["paragraph_count"] = m.get("paragraph_count")
    out["summary"] = m["summary"]
    out["known_from"] = m.get("known_from")
    out["release"] = _plain(m["release"])
    out["relations"] = _plain(m.get("relations") or [])
    out["embedded"] = [{"id": d.id, "kind": d.kind, "title": d.title, "date": d.date,
                        "participants": list(d.participants), "paragraphs": [d.first, d.last],
                        "note": d.note or None} for d in cable.embedded]
    out["commentary"] = [{"title": c.link, "about": c.about,
                          "url": paths.absolute(edition.meta["site_url"], c.page)} for c in cable.commentary]
    out["url"] = paths.absolute(edition.meta["site_url"], paths.reading(cable.id))
    return out


def page_part(edition: Edition, host: Cable, page) -> dict:
    return {
        "id": page.id, "telegram": page.telegram, "release_of": host.id, "seq": page.seq, "order": page.order,
        "kind": page.kind, "label": page.label, "note": page.note or None,
        "section": _identity(page.section), "page": _identity(page.page), "time": _identity(page.time),
        "lines": _lines(page.pieces),
        "url": paths.absolute(edition.meta["site_url"], paths.release(host.id), f"page-{page.id}"),
    }


def _placed(edition: Edition, cable: str) -> dict[str, list]:
    """anchor -> the occurrences at that place of `cable` that have no text of their own
    (subjects by heading or by the editors' tag), each (register, entry, basis) once."""
    out: dict[str, list] = {}
    for o in edition.registers.in_cable(cable):
        if o.basis != "form":
            key = (o.register, o.entry, o.basis)
            if key not in out.setdefault(o.place.anchor, []):
                out[o.place.anchor].append(key)
    return out


def _entity(edition: Edition, register, entry, basis, start=None, end=None, text=None) -> dict:
    return {"register": register, "id": entry, "name": edition.registers.entries[register][entry].name,
            "basis": basis, "start": start, "end": end, "text": text,
            "url": paths.absolute(edition.meta["site_url"], paths.index(register), entry)}


def reading_and_entities(edition: Edition, host: Cable, anchor: str, blocks, mentions, placed: dict):
    """The plain reading of a place and its entities, the mentions carried into that text."""
    reading, where = plain_with_offsets(blocks)
    out = []
    for m in mentions:
        start, end = where[m.start], where[m.end - 1] + 1
        out.append(_entity(edition, m.register, m.entry, "form", start, end, reading[start:end]))
    out += [_entity(edition, *key) for key in placed.get(anchor, [])]
    return reading, out


def paragraph_part(edition: Edition, cable: Cable, host: Cable, para, keep, whole: bool, placed: dict) -> dict:
    pieces = [p for b in para.blocks for p in b.pieces if isinstance(p, Piece) and keep(p)]
    pages = [pid for pid in para.pages if any(p.page == pid for p in pieces)]
    witnesses = list(dict.fromkeys(host.page(pid).telegram for pid in pages))
    ivs = list(dict.fromkeys(iv.id for iv in host.interventions.values()
                             if any(p.zone.ref == f"p{para.n}" and keep(p) for _, p in iv.marks)))
    anchor = f"p{para.n}"
    if whole:
        place = host.places[anchor]
        blocks, mentions = place.blocks, place.mentions
    else:
        blocks = paragraph_bits(host, para, keep)
        mentions = find_mentions(blocks_text(blocks), edition.registers, cable=host, anchor=anchor)
    reading, entities = reading_and_entities(edition, host, anchor, blocks, mentions, placed) \
        if para.has_text else ("", [_entity(edition, *k) for k in placed.get(anchor, [])])
    return {
        "n": para.n,
        "anchor": anchor,
        "url": paths.absolute(edition.meta["site_url"], paths.reading(cable.id), anchor),
        "status": para.status,
        "reason": para.reason or None,
        "witnesses": witnesses,
        "pages": pages,
        "lines": _lines(pieces),
        "reading": reading,
        "blocks": reading.split("\n") if reading else [],
        "diplomatic": diplomatic(pieces),
        "interventions": ivs,
        "lacunae": [lac.id for lac in host.lacunae.values() if para.n in lac.paragraphs],
        "entities": entities,
    }


def heading_part(edition: Edition, cable: Cable, h, placed: dict) -> dict:
    place = cable.places[h.id]
    reading, entities = reading_and_entities(edition, cable, h.id, place.blocks, place.mentions, placed)
    return {"id": h.id, "before": h.before, "reading": reading, "diplomatic": diplomatic(h.pieces),
            "entities": entities}


def intervention_part(cable: Cable, iv) -> dict:
    mark, piece = iv.marks[0]
    return {
        "id": iv.id, "kind": iv.kind,
        "printed": mark.printed if mark.fields else None,
        "reading": mark.reading if iv.kind in ("corr", "unclear") else None,
        "alternatives": list(mark.alternatives[1:]),
        "in_reading_text": iv.in_reading,
        "zone": {"kind": piece.zone.kind, "ref": piece.zone.ref},
        "occurrences": [{"page": p.page, "line": p.line} for _, p in iv.marks],
        "record": _plain(iv.record),
    }


def telegram_json(edition: Edition, cable: Cable) -> str:
    if cable.has_transcription:
        host, keep, whole = cable, (lambda piece: True), True
        pages = cable.pages
        paragraphs = list(cable.paragraphs.values())
    else:
        hosts = [h for h, _ in edition.witness_pages_of(cable.id)]
        host = hosts[0] if hosts else None
        ours = {p.id for _, p in edition.witness_pages_of(cable.id)}
        keep, whole = (lambda piece: piece.page in ours), False
        pages = [p for _, p in edition.witness_pages_of(cable.id)]
        paragraphs = [p for p in host.paragraphs.values() if any(pid in ours for pid in p.pages)] if host else []
    placed = _placed(edition, host.id) if host else {}
    data = {
        "format": FORMAT,
        "schema": paths.absolute(edition.meta["site_url"], paths.JSON_SCHEMA),
        "edition": edition_part(edition),
        "telegram": telegram_part(edition, cable),
        "witness": _plain({k: v for k, v in (cable.meta.get("witness") or {}).items() if k != "transcription"})
        if cable.has_transcription else None,
        "pages": [page_part(edition, host, p) for p in pages],
        "paragraphs": [paragraph_part(edition, cable, host, p, keep, whole, placed) for p in paragraphs],
        "headings": [heading_part(edition, cable, h, placed) for h in cable.headings],
        "interventions": [intervention_part(cable, iv) for iv in cable.interventions.values()],
        "lacunae": [{"id": lac.id, "kind": lac.kind, "paragraphs": list(lac.paragraphs), "reason": lac.reason,
                     "page": lac.page, "within": lac.within} for lac in cable.lacunae.values()],
        "matter": [{"id": m.id, "kind": m.kind, "label": m.label, "description": m.description,
                    "pages": sorted({p.page for p in m.pieces}, key=[pg.id for pg in cable.pages].index),
                    "diplomatic": diplomatic(m.pieces)} for m in cable.matter.values()],
        "duplicates": [{"id": d.id, "of": d.of, "note": d.note, "diplomatic": diplomatic(d.pieces)}
                       for d in cable.duplicates.values()],
        "discussions": _plain(cable.discussions),
    }
    return json_text.dumps(data) + "\n"
