"""The telegram as JSON (downloads/beijing-<n>.json), described by the JSON Schema in
generator/schemas/telegram.schema.json, which is published beside it.

One object per telegram: the edition it comes from, the telegram's metadata, its witnesses,
the printed pages, the paragraphs (number, status, witness and pages, reading text,
diplomatic text, interventions, entities), the headings, every intervention with its record,
the lacunae, the non-text matter, duplicated text and the editors' discussions.

`entities` (of each paragraph and heading) lists the register entries (persons, places,
organisations, subjects) the index names there, in text order. A mention found by a declared
form (`basis` "form") gives where it stands in the `reading` string of the same object:
`reading[start:end] == text`, offsets counted in Unicode code points (as Python and JSON
Schema count them; JavaScript's UTF-16 indices agree while the text has no character beyond
U+FFFF). A subject indexed at the whole place (`basis` "heading": it stands under a run-in
heading; "tagged": the editors named the place) has no offsets. The mentions are found with
`registers.find_mentions` in this very reading text, so they agree with the indexes.
A telegram known only from pages in another release has the paragraphs those pages carry,
restricted to those pages (and its entities found in that restricted text).
"""
from __future__ import annotations

import json
from pathlib import Path

from . import outputs
from .model import Cable, Edition, Piece
from .registers import find_mentions
from .render_text import diplomatic, heading_reading, paragraph_pieces, paragraph_reading

SCHEMA = Path(__file__).parent / "schemas" / "telegram.schema.json"
FORMAT = "beijing-telegrams/telegram/1"


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


def edition_part(edition: Edition) -> dict:
    m = edition.meta
    return {
        "title": m["title"], "short_title": m["short_title"], "version": m["version"], "date": m["date"],
        "editors": [{"id": e["id"], "name": e["name"], "role": e["role"]} for e in m["editors"]],
        "publisher": m["publisher"], "licence": m["licence"], "url": m["site_url"],
    }


def telegram_part(edition: Edition, cable: Cable) -> dict:
    m = cable.meta
    keys = ("title", "from", "to", "date", "dtg", "precedence", "classification", "caveat", "tags", "subject",
            "signer", "sections", "paragraph_count", "summary", "known_from")
    out = {"number": cable.number}
    for k in keys:
        out[k] = _plain(m.get(k))
    out["release"] = _plain(m["release"])
    out["relations"] = _plain(m.get("relations") or [])
    out["url"] = outputs.absolute(edition, outputs.reading(cable.number))
    return out


def page_part(edition: Edition, host: Cable, page) -> dict:
    return {
        "id": page.id, "telegram": page.telegram, "release_of": host.number, "seq": page.seq, "order": page.order,
        "kind": page.kind, "label": page.label, "note": page.note or None,
        "section": _identity(page.section), "page": _identity(page.page), "time": _identity(page.time),
        "lines": _lines(page.pieces),
        "url": outputs.absolute(edition, outputs.release(host.number), f"page-{page.id}"),
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


def entities(edition: Edition, cable: str, anchor: str, reading: str, placed: dict) -> list[dict]:
    """The register entries named at a place: the mentions in its reading text, then the
    occurrences that have no text of their own."""
    regs = edition.registers

    def entity(register, entry, basis, start=None, end=None, text=None):
        return {"register": register, "id": entry, "name": regs.entries[register][entry].name, "basis": basis,
                "start": start, "end": end, "text": text,
                "url": outputs.absolute(edition, outputs.index(register), entry)}
    out = [entity(m.register, m.entry, "form", m.start, m.end, m.text)
           for m in find_mentions(reading, regs, cable=cable, anchor=anchor)]
    out += [entity(*key) for key in placed.get(anchor, [])]
    return out


def paragraph_part(edition: Edition, cable: Cable, host: Cable, para, keep, placed: dict) -> dict:
    pieces = paragraph_pieces(para, keep)
    pages = [pid for pid in para.pages if any(p.page == pid for p in pieces)]
    witnesses: list[str] = []
    for pid in pages:
        t = host.page(pid).telegram
        if t not in witnesses:
            witnesses.append(t)
    ivs = []
    for iv in host.interventions.values():
        if any(p.zone.ref == f"p{para.n}" and keep(p) for _, p in iv.marks) and iv.id not in ivs:
            ivs.append(iv.id)
    reading = paragraph_reading(host, para, keep) if para.has_text else ""
    return {
        "n": para.n,
        "anchor": f"p{para.n}",
        "url": outputs.absolute(edition, outputs.reading(cable.number), f"p{para.n}"),
        "status": para.status,
        "reason": para.reason or None,
        "witnesses": witnesses,
        "pages": pages,
        "lines": _lines(pieces),
        "reading": reading,
        "blocks": reading.split("\n") if reading else [],
        "diplomatic": diplomatic(pieces),
        "interventions": ivs,
        "lacunae": [l.id for l in host.lacunae.values() if para.n in l.paragraphs],
        "entities": entities(edition, host.number, f"p{para.n}", reading, placed),
    }


def heading_part(edition: Edition, cable: Cable, h, placed: dict) -> dict:
    reading = heading_reading(cable, h)
    return {"id": h.id, "before": h.before, "reading": reading, "diplomatic": diplomatic(h.pieces),
            "entities": entities(edition, cable.number, h.id, reading, placed)}


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
        host, keep = cable, (lambda piece: True)
        pages = cable.pages
        paragraphs = list(cable.paragraphs.values())
    else:
        hosts = [h for h, _ in edition.witness_pages_of(cable.number)]
        host = hosts[0] if hosts else None
        ours = {p.id for _, p in edition.witness_pages_of(cable.number)}
        keep = (lambda piece: piece.page in ours)
        pages = [p for _, p in edition.witness_pages_of(cable.number)]
        paragraphs = [p for p in host.paragraphs.values() if any(pid in ours for pid in p.pages)] if host else []
    placed = _placed(edition, host.number) if host else {}
    data = {
        "format": FORMAT,
        "schema": outputs.absolute(edition, outputs.JSON_SCHEMA),
        "edition": edition_part(edition),
        "telegram": telegram_part(edition, cable),
        "witness": _plain({k: v for k, v in (cable.meta.get("witness") or {}).items() if k != "transcription"})
        if cable.has_transcription else None,
        "pages": [page_part(edition, host, p) for p in pages],
        "paragraphs": [paragraph_part(edition, cable, host, p, keep, placed) for p in paragraphs],
        "headings": [heading_part(edition, cable, h, placed) for h in cable.headings],
        "interventions": [intervention_part(cable, iv) for iv in cable.interventions.values()],
        "lacunae": [{"id": l.id, "kind": l.kind, "paragraphs": list(l.paragraphs), "reason": l.reason,
                     "page": l.page, "within": l.within} for l in cable.lacunae.values()],
        "matter": [{"id": m.id, "kind": m.kind, "label": m.label, "description": m.description,
                    "pages": sorted({p.page for p in m.pieces}, key=[pg.id for pg in cable.pages].index),
                    "diplomatic": diplomatic(m.pieces)} for m in cable.matter.values()],
        "duplicates": [{"id": d.id, "of": d.of, "note": d.note, "diplomatic": diplomatic(d.pieces)}
                       for d in cable.duplicates.values()],
        "discussions": _plain(cable.discussions),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
