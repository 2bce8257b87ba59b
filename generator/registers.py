"""The registers (persons, places, organisations, subjects) and the glossary: loading,
checking, and finding where each entry occurs.

Sources: `site_src/registers/{persons,places,organisations,subjects,glossary}.yaml`
(the editing guide describes them). Every occurrence is decided by the editor and can be
checked: it is either

* a *form* declared in the entry and found in the text (case-sensitive, whole words,
  the longest form winning where two overlap), less the *exceptions* declared for
  a place; or
* *tagged*: a place named in the entry's `at:` list; or
* for subjects, a run-in *heading* and the paragraphs the editor declared under it.

Nothing is guessed: pronouns and unnamed references are not indexed unless tagged.
Forms are matched in the reading form of the text (corrections applied, insertions of
later hands included), never inside withheld text: a redaction is a barrier that no
form can match across, and missing paragraphs have no text.

The places of occurrence are paragraphs (`cables/N/#pN`) and run-in headings of the
reading text, and the named matter of the release (routing sheets, stamps, signature,
`cables/N/release/#routing-01`). Page furniture repeated on every page (running heads,
message heads, stamps) is not indexed; the glossary covers it.

Other renderers find names in their own text with `find_mentions`.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import metadata
from .errors import Pos, Problems
from .model import (Cable, Edition, Entry, FormException, GlossaryOccurrence, GlossaryTerm,
                    HeadingScope, Mark, Mention, Occurrence, PlaceRef, Piece, Registers,
                    Text, TextPlace)
from .schema import Map, load_checked

REGISTERS = ("persons", "places", "organisations", "subjects")
WITHHELD = "\u2588"      # stands for withheld text in a reading: no form matches across it
_WORD = "A-Za-z0-9"


# ------------------------------------------------------------------ reading text of places

def plain(items, cable: Cable) -> str:
    """The reading form of a run of items as plain text: what the reading text shows,
    without notes; a redaction becomes WITHHELD."""
    out = []
    for item in items:
        if isinstance(item, Text):
            out.append(item.text)
            continue
        k = item.kind
        if k in ("corr", "unclear"):
            out.append(item.reading)
        elif k in ("sic", "ok"):
            out.append(item.printed)
        elif k == "redact":
            out.append(WITHHELD)
        elif k in ("add", "del"):
            iv = cable.interventions[item.id]
            if iv.record.get("in_reading"):
                m = re.fullmatch(r"\^\((.+)\)|~~(.+)~~", item.printed)
                out.append(m.group(1) or m.group(2))
    return "".join(out)


def paragraph_text(cable: Cable, para) -> str:
    """A paragraph's reading text, as the reading page shows it: blocks on lines of their
    own, the printed paragraph number left out."""
    from .render_inline import paragraph_blocks
    return "\n".join(" ".join(bits) for bits in
                     paragraph_blocks(para.blocks, para.n, lambda items: plain(items, cable), lambda _: "[\u2026]"))


def text_places(cable: Cable) -> list[TextPlace]:
    """Every anchored place of a cable that can hold an occurrence, in reading order:
    paragraphs and run-in headings, then the named matter of the release."""
    from .checks import paragraph_witnesses
    places: list[TextPlace] = []
    heads: dict[int, list] = {}
    for h in cable.headings:
        heads.setdefault(h.before, []).append(h)
    order = 0

    def heading(h):
        nonlocal order
        order += 1
        text = " ".join(plain(p.items, cable).strip() for p in h.pieces if p.printed.strip())
        places.append(TextPlace(cable.number, "heading", h.id, f"heading \u201c{text}\u201d", text, order,
                                tuple(dict.fromkeys(cable.page(p.page).telegram for p in h.pieces))))

    for n, para in cable.paragraphs.items():
        for h in heads.pop(n, []):
            heading(h)
        order += 1
        places.append(TextPlace(cable.number, "paragraph", f"p{n}", f"\u00b6{n}", paragraph_text(cable, para),
                                order, tuple(paragraph_witnesses(cable, para))))
    for n in sorted(heads):
        for h in heads[n]:
            heading(h)
    for m in cable.matter.values():
        order += 1
        text = "\n".join(plain(p.items, cable) for p in m.pieces)
        places.append(TextPlace(cable.number, "matter", m.id, m.label, text, order + 10000,
                                tuple(dict.fromkeys(cable.page(p.page).telegram for p in m.pieces))))
    return places


# ------------------------------------------------------------------ matching

class Matcher:
    """Finds declared forms in a text: whole words, case-sensitive, runs of spaces in a form
    matching any white space; per register the leftmost, then longest match wins, and
    matches of one register never overlap."""

    def __init__(self):
        # (register, entry, form, regex, needle): a form matches only where its first word
        # stands, so a text without that word is passed over without running the regex (most
        # texts name few of the entries: this keeps matching linear in the size of the edition).
        self.rules: list[tuple[str, str, str, re.Pattern, str]] = []
        self._any: re.Pattern | bool | None = None   # made from the rules when first needed

    def add(self, register: str, entry: str, form: str, pattern: str | None = None) -> None:
        body = pattern if pattern is not None else r"\s+".join(re.escape(w) for w in form.split())
        regex = re.compile(rf"(?<![{_WORD}])(?:{body})(?![{_WORD}])")
        self.rules.append((register, entry, form, regex, form.split()[0] if pattern is None else ""))
        self._any = None

    def _holds_no_form(self, text: str) -> bool:
        """True when `text` holds no first word of any form, so no form at all: most texts are
        answered by one regex. Never when a rule is a pattern (it has no first word)."""
        if self._any is None:
            needles = {r[4] for r in self.rules}
            self._any = not needles or "" in needles or re.compile(
                "|".join(re.escape(n) for n in sorted(needles, key=lambda n: (-len(n), n))))
        return self._any is not True and self._any.search(text) is None

    def find(self, text: str, registers=None, allow=None) -> list[Mention]:
        """`allow(register, entry, text)` drops a match before the longest is chosen (exceptions)."""
        found: dict[str, list] = {}
        if self._holds_no_form(text):
            return []
        for register, entry, form, regex, needle in self.rules:
            if registers is not None and register not in registers:
                continue
            if needle not in text:
                continue
            for m in regex.finditer(text):
                if m.end() > m.start() and (allow is None or allow(register, entry, m.group(0))):
                    found.setdefault(register, []).append((m.start(), -(m.end() - m.start()), entry, form, m))
        out: list[Mention] = []
        for register in sorted(found):
            end = -1
            for start, neglen, entry, form, m in sorted(found[register], key=lambda x: (x[0], x[1], x[2])):
                if start >= end:
                    out.append(Mention(register, entry, start, m.end(), m.group(0)))
                    end = m.end()
        return sorted(out, key=lambda x: (x.start, -x.end, x.register))


def find_mentions(text: str, registers: Registers, *, cable: str | None = None, anchor: str | None = None,
                  kinds=REGISTERS) -> list[Mention]:
    """Every mention of a register entry in `text`, with character offsets.

    text      any text in the reading form of the edition (corrections applied), e.g. the
              text of one paragraph as a TEI renderer holds it; matching is by the declared
              forms of the entries (see the module docstring), so offsets are exact:
              `text[m.start:m.end] == m.text`.
    registers the loaded registers (`edition.registers`).
    cable, anchor
              where the text stands (`"13790"`, `"p46"`): the exceptions declared for that
              place are applied. Without them no exception applies.
    kinds     the registers to search (default: persons, places, organisations, subjects).

    Returns `Mention(register, entry, start, end, text)` sorted by start (then the longer
    first). Within one register mentions never overlap; mentions of different registers
    either nest or are disjoint (the loader checks this for the edition's own text), so
    they can be tagged as nested elements.
    """
    matcher = registers.matchers.get("registers")
    if matcher is None:
        return []
    if cable is None or anchor is None:
        return matcher.find(text, set(kinds))
    excluded = registers.matchers.get("exceptions", {}).get((cable, anchor), set())
    return matcher.find(text, set(kinds), lambda r, e, t: (r, e, " ".join(t.split())) not in excluded)


# ------------------------------------------------------------------ loading

def load_registers(root: Path, edition: Edition, problems: Problems) -> Registers:
    """Read, check and resolve the registers and the glossary; compute every occurrence."""
    regs = Registers()
    folder = Path(root) / "registers"
    places = [p for c in edition.cables.values() if c.has_transcription for p in text_places(c)]
    regs.places = places
    by_ref = {(p.cable, p.anchor): p for p in places}
    if not folder.is_dir():
        regs.entries = {r: {} for r in REGISTERS}
        return regs
    local = Problems()
    for register in REGISTERS:
        regs.entries[register] = _load_register(folder / f"{register}.yaml", register, edition, by_ref, local)
    gpath = folder / "glossary.yaml"
    if gpath.exists():
        _load_glossary(gpath, regs, edition, by_ref, local)
    if local:
        problems.extend(local)
        return regs
    _resolve(regs, edition, by_ref, local)
    problems.extend(local)
    return regs


def _ref(value: str, pos: Pos) -> PlaceRef:
    cable, anchor = value.split("#", 1)
    return PlaceRef(cable, anchor, pos)


def _refs(values, positions, edition: Edition, by_ref: dict, problems: Problems, allow_range=True) -> list[PlaceRef]:
    out = []
    for value, pos in zip(values, positions):
        cable, anchor = value.split("#", 1)
        m = re.fullmatch(r"p([0-9]+)-([0-9]+)", anchor)
        anchors = [f"p{n}" for n in range(int(m.group(1)), int(m.group(2)) + 1)] if (m and allow_range) else [anchor]
        if m and int(m.group(1)) >= int(m.group(2)):
            problems.add(pos, f"{value!r}: a range runs from the lower paragraph to the higher")
            continue
        for a in anchors:
            if _check_place(cable, a, pos, edition, by_ref, problems):
                out.append(PlaceRef(cable, a, pos))
    return out


def _check_place(cable: str, anchor: str, pos: Pos, edition: Edition, by_ref: dict, problems: Problems) -> bool:
    c = edition.cables.get(cable)
    if c is None and edition.preview is not None:
        return False        # a telegram the preview did not read: checked by `make site`
    if c is None or not c.has_transcription:
        problems.add(pos, f"{cable}#{anchor}: telegram {cable} has no text in the edition",
                     hint="name a telegram with a transcription, e.g. 13790")
        return False
    place = by_ref.get((cable, anchor))
    if place is None:
        problems.add(pos, f"{cable}#{anchor}: no such paragraph, heading or matter",
                     hint="name a paragraph (p46), a run-in heading (h-...) or an item of matter from cable.yaml")
        return False
    if place.kind == "paragraph" and not place.text.strip(WITHHELD + " \n[\u2026]"):
        para = c.paragraphs[int(anchor[1:])]
        problems.add(pos, f"{cable}#{anchor}: paragraph {para.n} is {para.status}: nothing of it is in "
                     "the release to index", hint="occurrences are only indexed in text the release gives")
        return False
    return True


def _exceptions(raw, edition, by_ref, problems) -> tuple[FormException, ...]:
    out = []
    for i, x in enumerate(raw or []):
        pos = raw.item_pos[i]
        if _check_place(*x["at"].split("#", 1), pos, edition, by_ref, problems):
            out.append(FormException(_ref(x["at"], pos), x["form"], x["reason"], pos))
    return tuple(out)


def _load_register(path: Path, register: str, edition: Edition, by_ref: dict, problems: Problems) -> dict:
    if not path.exists():
        return {}
    data = load_checked(path, Map({"entries": Map(values=metadata.REGISTER_SCHEMAS[register], key_pattern=metadata.ID)}),
                 problems)
    if data is None:
        return {}
    entries = {}
    raw_entries = data["entries"]
    for eid, raw in raw_entries.items():
        pos = raw_entries.key_pos[eid]
        at = raw.get("at") or []
        tagged = _refs(at, getattr(at, "item_pos", []), edition, by_ref, problems)
        heads = []
        for i, h in enumerate(raw.get("headings") or []):
            hpos = raw["headings"].item_pos[i]
            heads.extend(_heading_scope(h, hpos, edition, problems))
        forms = tuple(raw.get("forms") or ())
        for i, f in enumerate(forms):
            if f in forms[:i]:
                problems.add(raw["forms"].item_pos[i], f"entry {eid!r}: form {f!r} is listed twice")
        entries[eid] = Entry(
            register=register, id=eid, name=raw["name"], sort=raw.get("sort") or raw["name"],
            description=raw["description"], pos=pos, kind=raw.get("kind") or "", office=raw.get("office") or "",
            certainty=raw.get("certainty") or "", source=raw.get("source") or "",
            authority=tuple((a["scheme"], a["id"], a["source"]) for a in raw.get("authority") or []),
            forms=forms, exceptions=_exceptions(raw.get("exceptions"), edition, by_ref, problems),
            tagged=tuple(tagged), headings=tuple(heads), note=raw.get("note") or "")
    return dict(sorted(entries.items(), key=lambda kv: (sort_key(kv[1].sort), kv[0])))


def _heading_scope(h, pos: Pos, edition: Edition, problems: Problems) -> list[HeadingScope]:
    cable, anchor = h["at"].split("#", 1)
    c = edition.cables.get(cable)
    if c is None and edition.preview is not None:
        return []           # a telegram the preview did not read: checked by `make site`
    heading = next((x for x in c.headings if x.id == anchor), None) if c else None
    if heading is None:
        problems.add(pos, f"{h['at']}: no such run-in heading", hint="name a heading id (h-...) of the telegram")
        return []
    first, _, last = h["paragraphs"].partition("-")
    first, last = int(first), int(last or first)
    later = [x.before for x in c.headings if x.before > heading.before]
    limit = (min(later) - 1) if later else max(c.paragraphs)
    if first != heading.before or last < first or last > limit:
        problems.add(pos, f"{h['at']}: paragraphs {h['paragraphs']} are not under this heading, which stands "
                     f"before paragraph {heading.before}" + (f" and is followed by the next heading before "
                                                            f"paragraph {limit + 1}" if later else ""),
                     hint=f"a heading covers paragraphs from {heading.before} up to {limit} at most")
        return []
    return [HeadingScope(PlaceRef(cable, anchor, pos), first, last, pos)]


def _load_glossary(path: Path, regs: Registers, edition: Edition, by_ref: dict, problems: Problems) -> None:
    data = load_checked(path, metadata.GLOSSARY, problems)
    if data is None:
        return
    terms = {}
    for tid, raw in data["terms"].items():
        pos = data["terms"].key_pos[tid]
        patterns = tuple(raw.get("patterns") or ())
        for i, pat in enumerate(patterns):
            try:
                re.compile(pat)
            except re.error as e:
                problems.add(raw["patterns"].item_pos[i], f"term {tid!r}: pattern {pat!r} is not a valid "
                             f"regular expression ({e})")
        see = []
        for i, s in enumerate(raw.get("see") or []):
            see.append((tuple(s.split("#", 1)), raw["see"].item_pos[i]))
        terms[tid] = GlossaryTerm(
            id=tid, term=raw["term"], expansion=raw["expansion"], kind=raw["kind"], pos=pos,
            note=raw.get("note") or "", forms=tuple(raw.get("forms") or (raw["term"],)), patterns=patterns,
            exceptions=_exceptions(raw.get("exceptions"), edition, by_ref, problems),
            certainty=raw.get("certainty") or "high", source=raw.get("source") or "",
            see=tuple(see),
            only_at=tuple(_refs(raw["only_at"], raw["only_at"].item_pos, edition, by_ref, problems, False)
                          if raw.get("only_at") else ()))
    regs.glossary = dict(sorted(terms.items(), key=lambda kv: (sort_key(kv[1].term), kv[0])))
    regs.exclusions = [(tuple(x["tokens"]), x["reason"], data["not_abbreviations"].item_pos[i])
                       for i, x in enumerate(data["not_abbreviations"])]


def sort_key(name: str) -> str:
    """Alphabetical order for index entries: letters and digits only, case-folded."""
    return re.sub(r"[^a-z0-9 ]", "", name.casefold()).strip()


# ------------------------------------------------------------------ resolving occurrences

def _resolve(regs: Registers, edition: Edition, by_ref: dict, problems: Problems) -> None:
    # A preview reads some telegrams only: an entry may occur in the others alone.
    complete = edition.preview is None
    matcher = Matcher()
    owner: dict[str, tuple[str, Pos]] = {}
    for register, entries in regs.entries.items():
        for e in entries.values():
            for form in e.forms:
                if form in owner and owner[form][0] != f"{register}#{e.id}" and \
                        owner[form][0].split("#")[0] == register:
                    problems.add(e.pos, f"{register}: form {form!r} is declared by both {owner[form][0]} and "
                                 f"{register}#{e.id}", hint="a form names one entry; use an exception "
                                                           "or a longer form to tell them apart")
                owner[form] = (f"{register}#{e.id}", e.pos)
                matcher.add(register, e.id, form)
    regs.matchers["registers"] = matcher
    exceptions: dict[tuple[str, str], set] = {}
    for register, entries in regs.entries.items():
        for e in entries.values():
            for x in e.exceptions:
                exceptions.setdefault((x.place.cable, x.place.anchor), set()).add((register, e.id, x.form))
    regs.matchers["exceptions"] = exceptions
    occ: list[Occurrence] = []
    used_forms: set[tuple[str, str, str]] = set()
    used_exceptions: set = set()
    for place in regs.places:
        excluded = exceptions.get((place.cable, place.anchor), set())
        for m in matcher.find(place.text, None, lambda r, e, t: (r, e, " ".join(t.split())) in excluded):
            used_exceptions.add((place.cable, place.anchor, m.register, m.entry))
        kept = find_mentions(place.text, regs, cable=place.cable, anchor=place.anchor)
        for m in kept:
            used_forms.add((m.register, m.entry, " ".join(m.text.split())))
            occ.append(Occurrence(m.register, m.entry, place, "form", m.text, m.start, m.end))
        _check_nesting(place, kept, problems)
    for register, entries in regs.entries.items():
        for e in entries.values():
            for ref in e.tagged:
                occ.append(Occurrence(register, e.id, by_ref[(ref.cable, ref.anchor)], "tagged"))
            for scope in e.headings:
                occ.append(Occurrence(register, e.id, by_ref[(scope.heading.cable, scope.heading.anchor)], "heading"))
                for n in range(scope.first, scope.last + 1):
                    p = by_ref.get((scope.heading.cable, f"p{n}"))
                    if p is not None and p.text.strip(WITHHELD + " \n[\u2026]"):
                        occ.append(Occurrence(register, e.id, p, "heading"))
            for form in e.forms:
                if complete and (register, e.id, " ".join(form.split())) not in used_forms:
                    problems.add(e.pos, f"{register}#{e.id}: the form {form!r} occurs nowhere in the text",
                                 hint="forms are case-sensitive whole words as the reading text has them; "
                                      "correct or remove the form")
            for x in e.exceptions:
                if complete and (x.place.cable, x.place.anchor, register, e.id) not in used_exceptions:
                    problems.add(x.pos, f"{register}#{e.id}: the exception for {x.form!r} at {x.place} applies "
                                 "to nothing", hint="the form does not occur there; remove the exception")
    regs.occurrences = sorted(occ, key=lambda o: (o.place.cable, o.place.order, o.register, o.entry, o.start))
    occurring = {(o.register, o.entry) for o in regs.occurrences}
    for register, entries in regs.entries.items():
        for e in entries.values():
            if complete and (register, e.id) not in occurring:
                problems.add(e.pos, f"{register}#{e.id} has no occurrence",
                             hint="give it forms that occur in the text, or places in `at:`")
    if regs.glossary:
        _resolve_glossary(regs, edition, problems)


def _check_nesting(place: TextPlace, mentions: list[Mention], problems: Problems) -> None:
    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if b.start >= a.end:
                break
            if b.end > a.end:
                problems.add(None, f"{place.cable}#{place.anchor}: the mentions {a.text!r} ({a.register}#{a.entry}) "
                             f"and {b.text!r} ({b.register}#{b.entry}) cross",
                             hint="mentions of different registers must nest or stand apart; adjust the forms")


# ------------------------------------------------------------------ glossary

def glossary_matcher(regs: Registers) -> Matcher:
    m = regs.matchers.get("glossary")
    if m is None:
        m = Matcher()
        for t in regs.glossary.values():
            for form in t.forms:
                m.add("glossary", t.id, form)
            for pat in t.patterns:
                m.add("glossary", t.id, pat, pattern=pat)
        regs.matchers["glossary"] = m
    return m


def glossary_exceptions(regs: Registers) -> dict:
    """(cable, anchor) -> {(term id, form)} of declared exceptions."""
    m = regs.matchers.get("glossary-exceptions")
    if m is None:
        m = {}
        for t in regs.glossary.values():
            for x in t.exceptions:
                m.setdefault((x.place.cable, x.place.anchor), set()).add((t.id, x.form))
        regs.matchers["glossary-exceptions"] = m
    return m


def glossary_allowed(regs: Registers, cable: str, anchor: str | None):
    """The filter of glossary matches at a place: declared exceptions and `only_at` places."""
    excs = glossary_exceptions(regs).get((cable, anchor), set()) if anchor else set()

    def allow(register, tid, text):
        t = regs.glossary[tid]
        if t.only_at and (cable, anchor) not in {(r.cable, r.anchor) for r in t.only_at}:
            return False
        return (tid, " ".join(text.split())) not in excs
    return allow


def _resolve_glossary(regs: Registers, edition: Edition, problems: Problems) -> None:
    from .render_inline import segments_of, glossary_spans
    found: list[GlossaryOccurrence] = []
    used_exc: set = set()
    dropped: list = []
    seq = 0
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        for page in sorted(cable.pages, key=lambda p: p.order):
            for piece in page.pieces:
                zone = piece.zone
                seq += 1
                if zone.kind == "text":
                    view, anchor = "reading", zone.ref
                    label = f"\u00b6{zone.ref[1:]}" if zone.ref.startswith("p") else "heading"
                elif zone.kind == "matter":
                    view, anchor, label = "release", zone.ref, cable.matter[zone.ref].label
                else:
                    view, anchor, label = "release", f"page-{page.id}", page.label
                segs = segments_of(piece.items, cable, view)
                for start, end, tid, text in glossary_spans(segs, regs, cable.number, anchor, used_exc, dropped):
                    found.append(GlossaryOccurrence(tid, cable.number, view, anchor, label, seq, text))
    regs.glossary_occurrences = found
    for cable_no, anchor, tid, text in dict.fromkeys(dropped):
        problems.add(regs.glossary[tid].pos, f"glossary term {tid!r}: {text!r} at {cable_no}#{anchor} cannot be "
                     "marked: it runs across a note, a [sic] or an editorial mark",
                     hint="declare a shorter form, or an exception for that place")
    have = {o.term for o in found}
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
    from .render_inline import glossary_spans, segments_of
    regs = edition.registers
    excluded = {t for tokens, _, _ in regs.exclusions for t in tokens}
    # a name broken across lines is found in its place's whole text, not in one line
    named: dict = {}
    for o in regs.occurrences:
        if o.basis == "form":
            named.setdefault((o.place.cable, o.place.anchor), set()).update(TOKEN.findall(o.text))
    out = []
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        for page in cable.pages:
            for piece in page.pieces:
                z = piece.zone
                anchor = z.ref if z.kind in ("text", "matter") else f"page-{page.id}"
                segs = segments_of(piece.items, cable, "reading")
                text = "".join(s.text for s in segs)
                spans = [(a, b) for a, b, _, _ in glossary_spans(segs, regs, cable.number, anchor)]
                spans += [(m.start, m.end) for m in find_mentions(text, regs, cable=cable.number, anchor=anchor)]
                for m in TOKEN.finditer(text):
                    tok = re.sub(r"'S\Z", "", m.group(0))
                    if not abbreviation_like(tok) or tok in excluded or tok in named.get((cable.number, z.ref), ()):
                        continue
                    if any(a < m.end() and m.start() < b for a, b in spans):
                        continue
                    out.append((tok, cable.number, anchor))
    return out
