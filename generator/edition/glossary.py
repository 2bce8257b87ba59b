"""The glossary: loading and checking its terms, and finding where each stands.

A term is found by its forms (whole words, case-sensitive) or by its patterns (the restricted
syntax of edition/patterns.py, checked when loaded), in the reading view of the telegram text
and in the release view of everything else (page heads, routing sheets, stamps). Where a term
may be marked depends on the marks around it (edition/views.py): a term cannot run across an
opaque mark (a redaction, a later hand), through part of a correction shown in its printed
form, or past a note reference or [sic]. The segments made here say so, for the glossary
occurrences found below and for every page that marks terms (render/inline.py): both read the
same segments, so the glossary counts what the pages mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problems
from ..model import GLOSS_FIELD, Edition, FormException, GlossaryOccurrence, GlossaryTerm, PlaceRef, Span
from ..sources import formats
from ..sources.schema import load_checked
from . import patterns
from .registers import Matcher, exceptions, find_mentions, refs, sort_key
from .views import VIEWS


@dataclass(frozen=True, slots=True)
class Segment:
    """A span as a view shows it, for marking terms: `text` can carry a term (NUL for an opaque
    mark); an atomic segment is covered whole by a term or holds it whole; `display` is shown
    instead of the text (a correction's printed form); `barrier` says a note reference or a
    flag follows it: a term may cover the segment whole (the note then stands inside the
    term, on a word of it) but not begin inside it and run on past the note."""
    span: Span
    text: str
    opaque: bool = False
    atomic: bool = False
    display: str | None = None
    barrier: bool = False


def segments(spans, view: str) -> list[Segment]:
    """The spans of a piece as segments of the reading ('reading') or release ('release') view."""
    out = []
    for s in spans:
        if s.kind == "text":
            out.append(Segment(s, s.text))
            continue
        v = VIEWS[s.kind]
        mode = v.reading_terms if view == "reading" else v.release_terms
        if mode == "opaque":
            out.append(Segment(s, "\0", opaque=True))
        elif mode == "text":
            out.append(Segment(s, s.text))
        elif mode == "noted":
            out.append(Segment(s, s.text if view == "reading" else "", barrier=True))
        elif mode == "atomic":
            out.append(Segment(s, s.printed, atomic=True, barrier=v.release_note))
        elif mode == "atomic-reading":
            out.append(Segment(s, s.mark.reading, atomic=True, display=s.printed, barrier=v.release_note))
        elif mode == "atomic-printed":
            out.append(Segment(s, s.printed, atomic=True, display=s.printed, barrier=v.release_note))
        else:  # pragma: no cover - the table is checked by the tests
            raise ValueError(mode)
    return out


def term_spans(segs: list[Segment], regs, cable, anchor: str | None, used_exceptions=None,
               dropped=None) -> list[tuple[int, int, str, str]]:
    """The glossary terms standing in a run of segments that can be marked: (start, end, term
    id, text), offsets in the joined segment texts. Matches that cross an opaque segment, cut
    an atomic one or run past a barrier go to `dropped`. Declared exceptions at (cable, anchor)
    are left out (and recorded in `used_exceptions`)."""
    if not regs.glossary:
        return []
    text = "".join(s.text for s in segs)
    allow = allowed(regs, cable.id, anchor)
    matcher = regs.matchers["glossary"]
    where = (cable.id, cable.date)
    if used_exceptions is not None and anchor:
        excs = regs.matchers["glossary-exceptions"].get((cable.id, anchor), set())
        if excs:
            for m in matcher.find(text, None, lambda r, t, x: (t, " ".join(x.split())) in excs, where):
                used_exceptions.add((cable.id, anchor, m.entry))
    out = []
    found = matcher.find(text, None, allow, where)
    if not found:                       # most runs of text hold no term
        return out
    bounds = []
    pos = 0
    for s in segs:
        bounds.append((pos, pos + len(s.text), s))
        pos += len(s.text)
    for m in found:
        ok = True
        for a, b, s in bounds:
            if s.display is not None and a <= m.start and m.end <= b and (m.start, m.end) != (a, b):
                # a term within a correction shown in its printed form marks the whole correction
                m = type(m)(m.register, m.entry, a, b, text[a:b])
                break
        for a, b, s in bounds:
            inside = a < m.end and b > m.start
            if s.opaque and inside:
                ok = False
            whole = m.start <= a and b <= m.end
            if s.atomic and inside and not whole and (s.display is not None or not (a <= m.start and m.end <= b)):
                ok = False
            if m.start < b < m.end and s.barrier and a < m.start:
                ok = False      # a term cannot begin inside a word and run past its note
        if ok:
            out.append((m.start, m.end, m.entry, m.text))
        elif dropped is not None:
            dropped.append((cable.id, anchor, m.entry, m.text))
    return out


def allowed(regs, cable: str, anchor: str | None):
    """The filter of glossary matches at a place: declared exceptions and `only_at` places."""
    excs = regs.matchers["glossary-exceptions"].get((cable, anchor), set()) if anchor else set()

    def allow(register, tid, text):
        t = regs.glossary[tid]
        if t.only_at and (cable, anchor) not in {(r.cable, r.anchor) for r in t.only_at}:
            return False
        return (tid, " ".join(text.split())) not in excs
    return allow


# ------------------------------------------------------------------ loading

def read_glossary(root: Path, regs, problems: Problems) -> bool:
    """Read glossary.yaml into `regs` before the telegrams, so that each telegram's terms are
    found as it is read (`cable_occurrences`). The places it names (`only_at`, exceptions) are
    taken as written here and checked by `check_glossary` once every telegram is read.
    False if the glossary has problems (then no term is looked for)."""
    path = Path(root) / "registers" / "glossary.yaml"
    if not path.exists():
        return True
    data = load_checked(path, formats.GLOSSARY, problems)
    if data is None:
        return False
    local = Problems()
    terms = {}
    for tid, raw in data["terms"].items():
        pos = data["terms"].key_pos[tid]
        pats = tuple(raw.get("patterns") or ())
        for i, pat in enumerate(pats):
            bad = patterns.problem(pat)
            if bad:
                local.add(raw["patterns"].item_pos[i], f"term {tid!r}: pattern {pat!r}: {bad}", hint=patterns.HINT)
        forms = tuple(raw.get("forms") or (raw["term"],))
        if raw.get("gloss") is not None:
            _check_gloss(tid, raw["gloss"], pats, forms, raw.val_pos["gloss"], local)
        see = [(tuple(s.split("#", 1)), raw["see"].item_pos[i]) for i, s in enumerate(raw.get("see") or [])]
        excs = raw.get("exceptions") or []
        only = raw.get("only_at") or []
        terms[tid] = GlossaryTerm(
            id=tid, term=raw["term"], expansion=raw["expansion"], kind=raw["kind"], pos=pos,
            note=raw.get("note") or "", forms=forms, patterns=pats, gloss=raw.get("gloss") or "",
            exceptions=tuple(FormException(_ref(x["at"], excs.item_pos[i]), x["form"], x["reason"], excs.item_pos[i])
                             for i, x in enumerate(excs)),
            certainty=raw.get("certainty") or "high", source=raw.get("source") or "",
            see=tuple(see), only_at=tuple(_ref(v, only.item_pos[i]) for i, v in enumerate(only)))
        regs.pending_places[tid] = (excs, only)
    problems.extend(local)
    if local:
        return False
    regs.glossary = dict(sorted(terms.items(), key=lambda kv: (sort_key(kv[1].term), kv[0])))
    regs.exclusions = [(tuple(x["tokens"]), x["reason"], data["not_abbreviations"].item_pos[i])
                       for i, x in enumerate(data["not_abbreviations"])]
    matcher = Matcher()
    for t in regs.glossary.values():
        for form in t.forms:
            matcher.add("glossary", t.id, form)
        for pat in t.patterns:
            matcher.add("glossary", t.id, pat, pattern=pat)
    regs.matchers["glossary"] = matcher
    excs_at: dict = {}
    for t in regs.glossary.values():
        for x in t.exceptions:
            excs_at.setdefault((x.place.cable, x.place.anchor), set()).add((t.id, x.form))
    regs.matchers["glossary-exceptions"] = excs_at
    return True


def _check_gloss(tid: str, gloss: str, pats: tuple, forms: tuple, pos, problems: Problems) -> None:
    """A gloss is computed from the groups of the term's patterns: it needs patterns, names only
    groups every pattern has, and every declared form must be one of the family it glosses."""
    hint = ("write {1} for the first group of the pattern as printed, {1:number} for it read as a number "
            "(01 -> 1); e.g. gloss: \"section {1:number} of {2:number}\" with patterns: "
            "['SECTION ([0-9]{2}) OF ([0-9]{2})']")
    if not pats:
        problems.add(pos, f"term {tid!r}: a gloss is computed from the groups of the term's patterns, and it "
                          "has no patterns", hint="add patterns with groups ( ), or write the meaning in expansion")
        return
    rest = GLOSS_FIELD.sub("", gloss)
    if "{" in rest or "}" in rest:
        problems.add(pos, f"term {tid!r}: gloss {gloss!r} has a brace that is not a field such as {{1}} or "
                          "{1:number}", hint=hint + "; write a literal brace twice: {{ or }}")
        return
    wanted = max((int(m.group(1)) for m in GLOSS_FIELD.finditer(gloss) if m.group(1)), default=0)
    if not wanted:
        problems.add(pos, f"term {tid!r}: gloss {gloss!r} names no group of the pattern, so it would say the "
                          "same at every occurrence", hint="write it as the expansion instead, or " + hint)
        return
    for pat in pats:
        if not patterns.problem(pat) and re.compile(pat).groups < wanted:
            problems.add(pos, f"term {tid!r}: gloss names group {wanted}, but pattern {pat!r} has "
                              f"{re.compile(pat).groups} group(s)", hint=hint)
            return
    for form in forms:
        if not any(not patterns.problem(p) and re.fullmatch(p, form) for p in pats):
            problems.add(pos, f"term {tid!r}: the form {form!r} is not matched whole by any of the term's "
                              "patterns, so its gloss could not be computed there",
                         hint="give a term (or forms) that the patterns match, e.g. one code of the family")
            return


def _ref(value: str, pos) -> PlaceRef:
    cable, anchor = value.split("#", 1)
    return PlaceRef(cable, anchor, pos)


def place_of_piece(cable, page, piece) -> tuple[str, str, str]:
    """(view, anchor, label) of a piece for the glossary: telegram text is read in the reading
    view at its paragraph or heading; everything else in the release view, at its matter or page."""
    zone = piece.zone
    if zone.kind == "text":
        return "reading", zone.ref, (f"\u00b6{zone.ref[1:]}" if zone.ref.startswith("p") else "heading")
    if zone.kind == "matter":
        return "release", zone.ref, cable.matter[zone.ref].label
    return "release", f"page-{page.id}", page.label


@dataclass
class Found:
    """The glossary terms of one telegram, found as it is read: occurrences numbered from 1 in
    its release's order (`pieces` numbers used), the exceptions that applied and the matches
    that could not be marked."""
    occurrences: list
    pieces: int
    used_exceptions: set
    dropped: list


def cable_occurrences(regs, cable) -> Found:
    found: list[GlossaryOccurrence] = []
    used_exc: set = set()
    dropped: list = []
    seq = 0
    if regs.glossary and cable.has_transcription:
        by_page: dict[str, list] = {}
        for line in cable.release:
            by_page.setdefault(line.page, []).extend(line.pieces)
        for page in sorted(cable.pages, key=lambda p: p.order):
            for piece, spans in by_page.get(page.id, ()):
                seq += 1
                view, anchor, label = place_of_piece(cable, page, piece)
                segs = segments(spans, view)
                for start, end, tid, text in term_spans(segs, regs, cable, anchor, used_exc, dropped):
                    found.append(GlossaryOccurrence(tid, cable.id, view, anchor, label, seq, text))
    return Found(found, seq, used_exc, dropped)


def check_glossary(regs, edition: Edition, problems: Problems) -> None:
    """Once every telegram is read: the places the glossary names exist, and every term occurs
    (each telegram's `terms`, found as it was read); the occurrences in the edition's order."""
    local = Problems()
    for excs, only in regs.pending_places.values():     # checked as the registers check theirs
        exceptions(excs, edition, local)
        if only:
            refs(only, only.item_pos, edition, local, False)
    regs.pending_places.clear()
    problems.extend(local)
    if local or not regs.glossary:
        return
    occurrences: list[GlossaryOccurrence] = []
    used_exc: set = set()
    dropped: list = []
    seq = 0
    for cable in edition.cables.values():
        f, cable.terms = cable.terms, None          # gathered here, not held twice
        if f is None:
            continue
        occurrences += [replace(o, order=o.order + seq) for o in f.occurrences]
        seq += f.pieces
        used_exc |= f.used_exceptions
        dropped += f.dropped
    regs.glossary_occurrences = occurrences
    for cable_id, anchor, tid, text in dict.fromkeys(dropped):
        problems.add(regs.glossary[tid].pos, f"glossary term {tid!r}: {text!r} at {cable_id}#{anchor} cannot be "
                     "marked: it runs across a note, a [sic] or an editorial mark",
                     hint="declare a shorter form, or an exception for that place")
    have = {o.term for o in occurrences}
    for t in regs.glossary.values():
        if t.id not in have and edition.preview is None:
            problems.add(t.pos, f"glossary term {t.id!r} ({t.term}) occurs nowhere in the witness",
                         hint="check its forms against the text, or remove the term")
        for s, spos in t.see:
            if s[0] not in regs.entries or s[1] not in regs.entries[s[0]]:
                problems.add(spos, f"glossary term {t.id!r}: no register entry {s[0]}#{s[1]}")
        for x in t.exceptions:
            if (x.place.cable, x.place.anchor, t.id) not in used_exc and edition.preview is None:
                problems.add(x.pos, f"glossary term {t.id!r}: the exception for {x.form!r} at {x.place} applies "
                             "to nothing", hint="the form does not occur there; remove the exception")


# ------------------------------------------------------------------ abbreviation-like tokens

TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9./&'-]*[A-Za-z0-9/])?")


def abbreviation_like(token: str) -> bool:
    """A token that may be an abbreviation, office symbol or code: it has a slash next to a
    letter (U/S, S/S-I, W/), a full stop between letters (U.S, E.O), both letters and digits
    (NOD388, G-7, ZFF6), or it is a capitalised word of two to five letters (MFN, GOP, and
    every short word of a text written in capitals: those are declared as ordinary words)."""
    core = re.sub(r"'S\Z", "", token)
    return bool(re.search(r"[A-Za-z]/|/[A-Za-z]", core) or re.search(r"[A-Za-z]\.[A-Za-z]", core)
                or (re.search(r"[A-Za-z]", core) and re.search(r"[0-9]", core))
                or re.fullmatch(r"[A-Z]{2,5}", core))


def uncovered_tokens(edition: Edition) -> list[tuple[str, str, str]]:
    """Abbreviation-like tokens of the witness (in its reading form: OCR corrections applied)
    that neither a glossary term nor a register entry covers, nor the declared list of words
    that are not abbreviations: (token, cable, place)."""
    regs = edition.registers
    excluded = {t for tokens, _, _ in regs.exclusions for t in tokens}
    named: dict = {}
    for o in regs.occurrences:
        if o.basis == "form":
            named.setdefault((o.place.cable, o.place.anchor), set()).update(TOKEN.findall(o.text))
    out = []
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        pages = {p.id: p for p in cable.pages}
        for line in cable.release:
            for piece, spans in line.pieces:
                z = piece.zone
                anchor = z.ref if z.kind in ("text", "matter") else f"page-{pages[line.page].id}"
                segs = segments(spans, "reading")
                text = "".join(s.text for s in segs)
                found = [(a, b) for a, b, _, _ in term_spans(segs, regs, cable, anchor)]
                found += [(m.start, m.end) for m in find_mentions(text, regs, cable=cable, anchor=anchor)]
                for m in TOKEN.finditer(text):
                    tok = re.sub(r"'S\Z", "", m.group(0))
                    if not abbreviation_like(tok) or tok in excluded or tok in named.get((cable.id, z.ref), ()):
                        continue
                    if any(a < m.end() and m.start() < b for a, b in found):
                        continue
                    out.append((tok, cable.id, anchor))
    return out
