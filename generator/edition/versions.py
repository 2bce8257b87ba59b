"""Released versions of the edition, the promise that goes with them, and the draft.

`site_src/versions.yaml` lists the released versions, newest first; the newest is the version
in edition.yaml. Each keeps, in `site_src/releases/<version>/`, what was published:

* `reading.tsv`: the reading text of every paragraph (telegram, paragraph, text);
* `notes.tsv`: every note and fact beside the text: the notes of the reading text and the
  release (corrections with their evidence, explanatory notes, redactions, lacunae, later
  hands, repeated text), the paragraphs' statuses and reasons, the collation's discussions,
  the telegrams' heads and summaries, the entries of the registers and the glossary;
* the offline zip of the edition as published (its SHA-256 in versions.yaml).

A released version never changes. Whatever the sources change since the newest release is the
*draft* of the next version: the site builds it, marks every paragraph whose text is new or
changed as not yet released, and the changelog lists what the draft changes, paragraph by
paragraph and note by note, until `make release` releases it (edition/../site/release.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Pos, Problems
from ..model import Draft, Edition
from .resolve import bit_text, paragraph_bits
from .views import plain_of

HEADER = "telegram\tparagraph\treading"
NOTES_HEADER = "scope\tkind\tid\ttext"
RELEASES = "releases"


def snapshot_path(root: Path, version: str) -> Path:
    return Path(root) / RELEASES / version / "reading.tsv"


def notes_path(root: Path, version: str) -> Path:
    return Path(root) / RELEASES / version / "notes.tsv"


def slug(meta: dict) -> str:
    # at most 100 characters, so that a file name stays far below the file systems' 255 bytes;
    # "edition" for a title without a Latin letter or digit (e.g. in Chinese)
    return re.sub(r"[^a-z0-9]+", "-", meta["short_title"].lower())[:100].strip("-") or "edition"


def zip_prefix(meta: dict, version: str) -> str:
    """The folder inside a version's offline zip."""
    return f"{slug(meta)}-{version}"


# What a released version publishes, as kept in releases/<version>/: its offline zip, its
# reading text (reading.tsv) and its notes (notes.tsv). The files are named from the name
# versions.yaml records for the version (its zip_prefix when it was released), never from the
# edition's title of today.
RELEASE_FILES = {"zip": "offline.zip", "text": "reading.tsv", "notes": "notes.tsv"}


def release_file(name: str, kind: str) -> str:
    return f"{name}-{RELEASE_FILES[kind]}"


# ------------------------------------------------------------------ the texts compared

def plain_bit(bit, shown: set[str]) -> str:
    """One bit of a place as plain text (the download's conventions: [sic], ⟨insertions⟩,
    [withheld (B1)] once per redaction, […] for a lacuna), stripped."""
    if bit.lacuna is not None:
        return bit_text(bit)
    text = []
    for s in bit.spans:
        if s.kind == "text":
            text.append(s.text)
        elif s.kind == "redact" and s.mark.id in shown:
            continue                    # one excision printed as several markers is named once
        else:
            if s.kind == "redact":
                shown.add(s.mark.id)
            text.append(plain_of(s.mark, s.iv.record))
    return "".join(text).strip()


def _bit_both(bit, shown: set[str]) -> tuple[str, str, list[int]]:
    """A bit's name-finding text and plain text, both stripped, and for each character of the
    first where it stands in the second."""
    if bit.lacuna is not None:
        t = bit_text(bit)
        return t, t, list(range(len(t)))
    p_parts: list[str] = []
    n_map: list[int] = []
    plen = 0
    for s in bit.spans:
        if s.kind == "text":
            n_map.extend(range(plen, plen + len(s.text)))
            p_parts.append(s.text)
            plen += len(s.text)
            continue
        if s.kind == "redact" and s.mark.id in shown:
            out, inner = "", 0
        else:
            if s.kind == "redact":
                shown.add(s.mark.id)
            out = plain_of(s.mark, s.iv.record)
            inner = max(out.find(s.text), 0) if s.text else 0
        last = plen + max(len(out) - 1, 0)
        n_map.extend(min(plen + inner + i, last) for i in range(len(s.text)))
        p_parts.append(out)
        plen += len(out)
    p_text = "".join(p_parts)
    n_text = "".join(s.text for s in bit.spans)
    ps = len(p_text) - len(p_text.lstrip())
    ns = len(n_text) - len(n_text.lstrip())
    nt, pt = n_text.strip(), p_text.strip()
    kept = n_map[ns:ns + len(nt)]
    # the map never decreases: when its ends fall inside the stripped text, so does all of it
    if not kept or (kept[0] >= ps and kept[-1] - ps <= len(pt)):
        return nt, pt, [m - ps for m in kept] if ps else kept
    return nt, pt, [min(max(m - ps, 0), len(pt)) for m in kept]


def plain_with_offsets(blocks) -> tuple[str, list[int]]:
    """A place's plain text (as `plain_of_blocks` makes it, blocks on lines of their own) and,
    for each character of its name-finding text (`resolve.blocks_text`) and one past its end,
    where it stands in the plain text: the names found once (Place.mentions) carried into the
    plain text of the downloads."""
    shown: set[str] = set()
    plain = ""
    where: list[int] = []
    names_len = 0
    for k, bits in enumerate(blocks):
        if k:                                   # the names text joins every block with a newline
            where.append(len(plain))
            names_len += 1
        plain_parts_before = len(plain)
        n_first = True
        p_first = True
        for bit in bits:
            nt, pt, local = _bit_both(bit, shown)
            if pt:
                if not p_first:
                    plain += " "
                elif plain_parts_before and plain:
                    plain += "\n"
                p_first = False
                base = len(plain)
                plain += pt
            else:
                base = len(plain)
            if nt:
                if not n_first:
                    where.append(base - 1 if pt else base)
                    names_len += 1
                n_first = False
                where.extend(base + x if pt else base for x in local)
                names_len += len(nt)
    where.append(len(plain))
    return plain, where


def plain_blocks(cable, para, keep=lambda piece: True) -> list[str]:
    """A paragraph's reading text as plain text, block by block."""
    return plain_of_blocks(paragraph_bits(cable, para, keep))


def plain_of_blocks(blocks) -> list[str]:
    shown: set[str] = set()
    out = []
    for bits in blocks:
        parts = [t for t in (plain_bit(bit, shown) for bit in bits) if t]
        if parts:
            out.append(" ".join(parts))
    return out


def paragraph_plain(cable, para, keep=lambda piece: True) -> str:
    return "\n".join(plain_blocks(cable, para, keep))


def paragraph_texts(cable) -> dict[int, str]:
    """The reading text of every paragraph of a resolved telegram, as plain text."""
    return {n: paragraph_plain(cable, para) for n, para in cable.paragraphs.items()} if cable.has_transcription else {}


def paragraph_snapshot(edition: Edition) -> dict[tuple[str, int], str]:
    """The reading text of every paragraph of every transcribed telegram (`paragraph_texts`,
    kept by each telegram as it is read)."""
    return {(cable.id, n): text for cable in edition.cables.values() for n, text in cable.plain.items()}


def _fields(record, keys) -> str:
    parts = []
    for k in keys:
        v = record.get(k) if hasattr(record, "get") else getattr(record, k, None)
        if v in (None, "", [], ()):
            continue
        if isinstance(v, dict):
            v = "; ".join(f"{a}: {b}" for a, b in v.items() if b not in (None, ""))
        elif isinstance(v, (list, tuple)):
            v = ", ".join(str(x) for x in v)
        parts.append(f"{k}: {' '.join(str(v).split())}")
    return " | ".join(parts)


def notes_snapshot(edition: Edition) -> dict[tuple[str, str, str], str]:
    """Every note and fact beside the reading text, keyed (scope, kind, id): what a version's
    changelog compares note by note."""
    out: dict[tuple[str, str, str], str] = {}
    for cable in edition.cables.values():
        t = cable.id
        out[(t, "telegram", "head")] = _fields(cable.meta, ("title", "from", "to", "date", "dtg", "precedence",
                                                            "classification", "caveat", "tags", "subject",
                                                            "signer", "sections", "summary"))
        for i, r in enumerate(cable.meta.get("relations") or []):
            out[(t, "relation", r["telegram"])] = " ".join(r["relation"].split())
        for n, para in cable.paragraphs.items():
            out[(t, "status", f"p{n}")] = _fields({"status": para.status, "reason": para.reason}, ("status", "reason"))
        for iv in cable.interventions.values():
            keys = {"corr": ("printed", "reading", "decision", "type", "certainty", "resp", "evidence",
                             "second_reading"),
                    "redact": ("exemption", "extent", "certainty", "note"), "add": ("hand", "in_reading", "note"),
                    "del": ("hand", "in_reading", "note"), "note": ("text", "source", "certainty")}
            kind = "collation" if iv.kind in ("corr", "sic", "ok", "unclear") else iv.kind
            out[(t, kind, iv.id)] = _fields(iv.record, keys.get(iv.kind, keys["corr"]))
        for lac in cable.lacunae.values():
            out[(t, "lacuna", lac.id)] = _fields({"paragraphs": list(lac.paragraphs), "kind": lac.kind,
                                                  "reason": lac.reason}, ("paragraphs", "kind", "reason"))
        for d in cable.duplicates.values():
            out[(t, "duplicate", d.id)] = _fields({"of": d.of, "note": d.note}, ("of", "note"))
        for d in cable.discussions:
            out[(t, "discussion", d["id"])] = _fields(d, ("title", "text", "decision"))
        for m in cable.matter.values():
            out[(t, "matter", m.id)] = _fields({"label": m.label, "description": m.description},
                                               ("label", "description"))
        for p in cable.pages:
            if p.note:
                out[(t, "page", p.id)] = " ".join(p.note.split())
    regs = edition.registers
    for register, entries in regs.entries.items():
        for e in entries.values():
            offices = [f"{o.title} ({o.start_text or '?'} to {o.end_text or '?'})" for o in e.offices]
            out[(register, "entry", e.id)] = _fields(
                {"name": e.name, "description": e.description, "offices": offices, "certainty": e.certainty,
                 "source": e.source, "note": e.note}, ("name", "description", "offices", "certainty", "source", "note"))
    for t in regs.glossary.values():
        out[("glossary", "term", t.id)] = _fields(
            {"term": t.term, "expansion": t.expansion, "note": t.note, "certainty": t.certainty, "source": t.source},
            ("term", "expansion", "note", "certainty", "source"))
    return out


# ------------------------------------------------------------------ files

def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append({"\\": "\\", "t": "\t", "n": "\n"}.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def format_snapshot(snapshot: dict[tuple[str, int], str]) -> str:
    rows = [HEADER] + [f"{t}\t{n}\t{_escape(text)}" for (t, n), text in snapshot.items()]
    return "\n".join(rows) + "\n"


def format_notes(notes: dict[tuple[str, str, str], str]) -> str:
    rows = [NOTES_HEADER] + [f"{s}\t{k}\t{i}\t{_escape(text)}" for (s, k, i), text in sorted(notes.items())]
    return "\n".join(rows) + "\n"


def _rows(text: str, path: str, header: str, width: int, problems: Problems):
    lines = text.split("\n")
    if not lines or lines[0] != header:
        problems.add(Pos(path, 1, 1), "a snapshot begins with its header line", quote=lines[0] if lines else "",
                     hint=header.replace("\t", "<tab>"))
        return None
    out = []
    for i, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        parts = line.split("\t")
        if len(parts) != width:
            problems.add(Pos(path, i, 1), f"a snapshot row has {width} tab-separated fields", quote=line[:60],
                         hint=header.replace("\t", "<tab>"))
            return None
        out.append((i, parts))
    return out


def parse_snapshot(text: str, path: str, problems: Problems) -> dict[tuple[str, int], str] | None:
    rows = _rows(text, path, HEADER, 3, problems)
    if rows is None:
        return None
    out = {}
    for i, (t, n, reading) in rows:
        if not n.isdigit():
            problems.add(Pos(path, i, 1), "the paragraph of a snapshot row is a number", quote=n)
            return None
        out[(t, int(n))] = _unescape(reading)
    return out


def parse_notes(text: str, path: str, problems: Problems) -> dict[tuple[str, str, str], str] | None:
    rows = _rows(text, path, NOTES_HEADER, 4, problems)
    if rows is None:
        return None
    return {(s, k, i): _unescape(v) for _, (s, k, i, v) in rows}


# ------------------------------------------------------------------ comparing

def diff(older: dict, newer: dict) -> dict[str, list]:
    """Which keys changed their text, appeared or went between two snapshots."""
    return {
        "changed": [k for k in newer if k in older and older[k] != newer[k]],
        "added": [k for k in newer if k not in older],
        "removed": [k for k in older if k not in newer],
    }


def check(edition: Edition, problems: Problems) -> None:
    """The released versions are complete and in order; what the sources change since the
    newest is the draft (`edition.draft`)."""
    if not edition.releases:
        return
    meta = edition.meta
    newest = edition.releases[0]
    if newest.version != meta["version"] or newest.date != meta["date"]:
        problems.add(newest.pos, f"the newest version in versions.yaml is {newest.version} of {newest.date}, "
                     f"but edition.yaml says {meta['version']} of {meta['date']}",
                     hint="`make release` writes both; if you edited one by hand, make them agree")
    seen: dict[str, Pos] = {}
    for i, r in enumerate(edition.releases):
        if r.version in seen:
            problems.add(r.pos, f"version {r.version} is listed twice (first at line {seen[r.version].line})")
        seen[r.version] = r.pos
        if i + 1 < len(edition.releases):
            older = edition.releases[i + 1]
            if _key(older.version) >= _key(r.version) or older.date > r.date:
                problems.add(older.pos, f"version {older.version} ({older.date}) is listed after "
                             f"{r.version} ({r.date})", hint="list the versions newest first")
        if r.snapshot is None:
            problems.add(r.pos, f"version {r.version} has no snapshot of its reading text ({r.snapshot_path})",
                         hint="restore it from the commit that released the version")
        if r.zip is None and i > 0:
            problems.add(r.pos, f"version {r.version} is superseded but its offline zip is not kept ({r.zip_path})",
                         hint="restore it from the commit that released the version (`make release` keeps it)")
    if newest.snapshot is None:
        return
    released = newest.snapshot
    notes = newest.notes
    if edition.preview is not None:     # a preview compares the telegrams it read
        released = {k: v for k, v in released.items() if k[0] in edition.preview}
        notes = {k: v for k, v in (notes or {}).items() if k[0] in edition.preview} if notes is not None else None
    d = diff(released, paragraph_snapshot(edition))
    draft = Draft(changed=d["changed"], added=d["added"], removed=d["removed"])
    if notes is not None:
        current = notes_snapshot(edition)
        if edition.preview is not None:
            current = {k: v for k, v in current.items() if k[0] in edition.preview}
        n = diff(notes, current)
        draft.notes_changed, draft.notes_added, draft.notes_removed = n["changed"], n["added"], n["removed"]
    edition.draft = draft


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def next_version(version: str) -> str:
    """The version after `version`: its minor number plus one (1.0 -> 1.1)."""
    parts = [int(x) for x in version.split(".")]
    bumped = [parts[0], parts[1] + 1] if len(parts) > 1 else [parts[0] + 1]
    return ".".join(str(x) for x in bumped)
