"""The registers (persons, places, organisations, subjects): loading, checking, and finding
where each entry occurs.

Sources: `site_src/registers/{persons,places,organisations,subjects}.yaml` (the editing guide
describes them). Every occurrence is decided by the editor and can be checked: it is either

* a *form* declared in the entry and found in the text (case-sensitive, whole words, the
  longest form winning where two overlap), less the *exceptions* declared for a place; a form
  may be limited to telegrams of a period or to named telegrams ("THE MINISTER" names one
  person before an election and another after it); or
* *tagged*: a place named in the entry's `at:` list; or
* for subjects, a run-in *heading* and the paragraphs the editor declared under it.

Nothing is guessed: pronouns and unnamed references are not indexed unless tagged. Forms are
matched once, in the resolved text of each place (edition/resolve.py: corrections applied,
insertions of later hands included), never inside withheld text: a redaction is a barrier
that no form can match across, and missing paragraphs have no text. The mentions found are
kept on each place (`Place.mentions`): the indexes, the TEI and the JSON all read them.

Persons hold offices with dates; a page shows the office held at each telegram's date.
"""
from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path

from ..errors import Pos, Problems
from ..model import (Cable, Edition, Entry, FormException, Form, HeadingScope, Mention, Occurrence, Office,
                     PlaceRef, Registers)
from ..sources import formats
from ..sources.schema import load_checked
from .resolve import has_readable_text

REGISTERS = ("persons", "places", "organisations", "subjects")
_WORD = "A-Za-z0-9"


# ------------------------------------------------------------------ matching

class Matcher:
    """Finds declared forms in a text: whole words, case-sensitive, runs of spaces in a form
    matching any white space; per register the leftmost, then longest match wins, and
    matches of one register never overlap."""

    def __init__(self):
        # (register, entry, form, regex, needle, Form or None): a form matches only where its first
        # word stands, so a text without that word is passed over without running the regex (most
        # texts name few of the entries: this keeps matching linear in the size of the edition).
        self.rules: list = []
        self._any = None

    def add(self, register: str, entry: str, form: str, pattern: str | None = None, limit: Form | None = None):
        body = pattern if pattern is not None else r"\s+".join(re.escape(w) for w in form.split())
        regex = re.compile(rf"(?<![{_WORD}])(?:{body})(?![{_WORD}])")
        self.rules.append((register, entry, form, regex, form.split()[0] if pattern is None else "", limit))
        self._any = None

    def _holds_no_form(self, text: str) -> bool:
        """True when `text` holds no first word of any form, so no form at all: most texts are
        answered by one regex. Never when a rule is a pattern (it has no first word)."""
        if self._any is None:
            needles = {r[4] for r in self.rules}
            self._any = not needles or "" in needles or re.compile(
                "|".join(re.escape(n) for n in sorted(needles, key=lambda n: (-len(n), n))))
        return self._any is not True and self._any.search(text) is None

    def find(self, text: str, registers=None, allow=None, where: tuple | None = None) -> list[Mention]:
        """`allow(register, entry, text)` drops a match before the longest is chosen (exceptions);
        `where` (telegram id, date) leaves out the forms limited to other telegrams or periods."""
        found: dict[str, list] = {}
        if self._holds_no_form(text):
            return []
        for register, entry, form, regex, needle, limit in self.rules:
            if registers is not None and register not in registers:
                continue
            if needle not in text:
                continue
            if limit is not None and where is not None and not limit.applies(*where):
                continue
            for m in _matches(regex, needle, text):
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


def _matches(regex: re.Pattern, needle: str, text: str):
    """regex.finditer(text), for a form's regex whose every match begins with `needle` (its first
    word): tried only where the needle stands (the expression opens with a look-behind, which
    keeps Python's engine from skipping ahead to its first word by itself)."""
    if not needle:
        yield from regex.finditer(text)
        return
    i = text.find(needle)
    while i >= 0:
        m = regex.match(text, i)
        if m is not None:
            yield m
            i = text.find(needle, m.end() if m.end() > i else i + 1)
        else:
            i = text.find(needle, i + 1)


def find_mentions(text: str, registers: Registers, *, cable: Cable | None = None, anchor: str | None = None,
                  kinds=REGISTERS) -> list[Mention]:
    """Every mention of a register entry in `text` (any text in the reading form of the
    edition), with character offsets: `text[m.start:m.end] == m.text`. With `cable` and
    `anchor` (where the text stands) the exceptions declared for that place apply, and the
    forms limited to other telegrams or periods are left out. Within one register mentions never
    overlap; mentions of different registers nest or stand apart (checked for the edition's text)."""
    matcher = registers.matchers.get("registers")
    if matcher is None:
        return []
    if cable is None:
        return matcher.find(text, set(kinds))
    where = (cable.id, cable.date)
    excluded = registers.matchers.get("exceptions", {}).get((cable.id, anchor), set()) if anchor else set()
    return matcher.find(text, set(kinds), lambda r, e, t: (r, e, " ".join(t.split())) not in excluded, where)


# ------------------------------------------------------------------ loading

def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _check_date(value: str, pos: Pos, problems: Problems) -> bool:
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        problems.add(pos, f"{value!r} is not a date of the calendar", hint="write a real date, YYYY-MM-DD")
        return False


def load_registers(root: Path, edition: Edition, problems: Problems, regs: Registers | None = None) -> Registers:
    """Read and check the registers; find every occurrence (the glossary is edition/glossary.py,
    read into `regs` before the telegrams)."""
    regs = regs if regs is not None else Registers()
    folder = Path(root) / "registers"
    regs.entries = {r: {} for r in REGISTERS}
    if not folder.is_dir():
        return regs
    local = Problems()
    for register in REGISTERS:
        regs.entries[register] = _load_register(folder / f"{register}.yaml", register, edition, local)
    if local:
        problems.extend(local)
        return regs
    _resolve(regs, edition, local)
    problems.extend(local)
    return regs


def place_of(edition: Edition, cable: str, anchor: str):
    c = edition.cables.get(cable)
    return c.places.get(anchor) if c is not None else None


def check_place(edition: Edition, cable: str, anchor: str, pos: Pos, problems: Problems) -> bool:
    c = edition.cables.get(cable)
    if c is None and edition.preview is not None:
        return False        # a telegram the preview did not read: checked by `make site`
    if c is None or not c.has_transcription:
        problems.add(pos, f"{cable}#{anchor}: telegram {cable} has no text in the edition",
                     hint="name a telegram with a transcription, by its folder"
                          + next((f", e.g. {t.id}" for t in edition.cables.values() if t.has_transcription), ""))
        return False
    place = c.places.get(anchor)
    if place is None:
        problems.add(pos, f"{cable}#{anchor}: no such paragraph, heading or matter",
                     hint="name a paragraph (p46), a run-in heading (h-...) or an item of matter from cable.yaml")
        return False
    if place.kind == "paragraph" and not has_readable_text(place):
        para = c.paragraphs[int(anchor[1:])]
        problems.add(pos, f"{cable}#{anchor}: paragraph {para.n} is {para.status}: nothing of it is in "
                     "the release to index", hint="occurrences are only indexed in text the release gives")
        return False
    return True


def refs(values, positions, edition: Edition, problems: Problems, allow_range=True) -> list[PlaceRef]:
    out = []
    for value, pos in zip(values, positions):
        cable, anchor = value.split("#", 1)
        m = re.fullmatch(r"p([0-9]+)-([0-9]+)", anchor)
        anchors = [f"p{n}" for n in range(int(m.group(1)), int(m.group(2)) + 1)] if (m and allow_range) else [anchor]
        if m and int(m.group(1)) >= int(m.group(2)):
            problems.add(pos, f"{value!r}: a range runs from the lower paragraph to the higher")
            continue
        for a in anchors:
            if check_place(edition, cable, a, pos, problems):
                out.append(PlaceRef(cable, a, pos))
    return out


def exceptions(raw, edition: Edition, problems: Problems) -> tuple[FormException, ...]:
    out = []
    for i, x in enumerate(raw or []):
        pos = raw.item_pos[i]
        cable, anchor = x["at"].split("#", 1)
        if check_place(edition, cable, anchor, pos, problems):
            out.append(FormException(PlaceRef(cable, anchor, pos), x["form"], x["reason"], pos))
    return tuple(out)


def _forms(raw, eid: str, edition: Edition, problems: Problems) -> tuple[Form, ...]:
    out: list[Form] = []
    items = raw.get("forms") or []
    seen: set = set()
    for i, f in enumerate(items):
        pos = items.item_pos[i]
        if isinstance(f, str):
            form = Form(f, pos)
        else:
            ok = all(_check_date(f[k], f.val_pos[k], problems) for k in ("from", "to") if f.get(k))
            if not ok:
                continue
            for j, t in enumerate(f.get("telegrams") or []):
                if t not in edition.cables and edition.preview is None:
                    problems.add(f["telegrams"].item_pos[j], f"entry {eid!r}: form {f['form']!r} is limited to "
                                 f"telegram {t!r}, which is not in the edition", hint="name telegrams by their folder")
            form = Form(f["form"], pos, _date(f.get("from")), _date(f.get("to")), tuple(f.get("telegrams") or ()))
            if form.start and form.end and form.start > form.end:
                problems.add(pos, f"entry {eid!r}: form {form.text!r} runs from {form.start} to an earlier {form.end}")
        key = (form.text, form.start, form.end, form.telegrams)
        if key in seen:
            problems.add(pos, f"entry {eid!r}: form {form.text!r} is listed twice")
        seen.add(key)
        out.append(form)
    return tuple(out)


def _office_bound(value: str | None, last: bool) -> datetime.date | None:
    """A bound of an office: a day, or a month (its first day to begin, its last day to end)."""
    if not value:
        return None
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return datetime.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return datetime.date.fromisoformat(value)


def _check_office_bound(value: str, pos: Pos, problems: Problems) -> bool:
    try:
        _office_bound(value, False)
        return True
    except ValueError:
        problems.add(pos, f"{value!r} is not a date of the calendar",
                     hint="write a real date, YYYY-MM-DD, or YYYY-MM where only the month is known")
        return False


def _offices(raw, eid: str, problems: Problems) -> tuple[Office, ...]:
    out = []
    items = raw.get("offices") or []
    for i, o in enumerate(items):
        pos = items.item_pos[i]
        if not all(_check_office_bound(o[k], o.val_pos[k], problems) for k in ("from", "to") if o.get(k)):
            continue
        office = Office(o["title"], _office_bound(o.get("from"), False), _office_bound(o.get("to"), True), pos,
                        o.get("from") or "", o.get("to") or "")
        if office.start and office.end and office.start > office.end:
            problems.add(pos, f"entry {eid!r}: office {office.title!r} runs from {office.start} to an earlier "
                         f"{office.end}", hint="give from and to in that order")
        out.append(office)
    return tuple(out)


def _load_register(path: Path, register: str, edition: Edition, problems: Problems) -> dict:
    if not path.exists():
        return {}
    data = load_checked(path, formats.register_file(register), problems)
    if data is None:
        return {}
    entries = {}
    raw_entries = data["entries"]
    for eid, raw in raw_entries.items():
        pos = raw_entries.key_pos[eid]
        at = raw.get("at") or []
        tagged = refs(at, getattr(at, "item_pos", []), edition, problems)
        heads = []
        for i, h in enumerate(raw.get("headings") or []):
            heads.extend(_heading_scope(h, raw["headings"].item_pos[i], edition, problems))
        entries[eid] = Entry(
            register=register, id=eid, name=raw["name"], sort=raw.get("sort") or raw["name"],
            description=raw["description"], pos=pos, kind=raw.get("kind") or "",
            offices=_offices(raw, eid, problems),
            certainty=raw.get("certainty") or "", source=raw.get("source") or "",
            authority=tuple((a["scheme"], a["id"], a["source"]) for a in raw.get("authority") or []),
            forms=_forms(raw, eid, edition, problems), exceptions=exceptions(raw.get("exceptions"), edition, problems),
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


def sort_key(name: str) -> str:
    """Alphabetical order for index entries: letters and digits only, case-folded."""
    return re.sub(r"[^a-z0-9 ]", "", name.casefold()).strip()


# ------------------------------------------------------------------ resolving occurrences

def _resolve(regs: Registers, edition: Edition, problems: Problems) -> None:
    # A preview reads some telegrams only: an entry may occur in the others alone.
    complete = edition.preview is None
    matcher = Matcher()
    owner: dict = {}
    for register, entries in regs.entries.items():
        for e in entries.values():
            for form in e.forms:
                key = (form.text, form.start, form.end, form.telegrams)
                other = owner.get(key)
                if other is not None and other[0] == register and other[1] != e.id:
                    problems.add(form.pos, f"{register}: form {form.text!r} is declared by both {register}#{other[1]} "
                                 f"and {register}#{e.id}", hint="a form names one entry; limit one of them to a period "
                                                               "or to telegrams, use an exception, or a longer form")
                owner[key] = (register, e.id)
                limited = form if (form.start or form.end or form.telegrams) else None
                matcher.add(register, e.id, form.text, limit=limited)
    regs.matchers["registers"] = matcher
    excs: dict[tuple[str, str], set] = {}
    for register, entries in regs.entries.items():
        for e in entries.values():
            for x in e.exceptions:
                excs.setdefault((x.place.cable, x.place.anchor), set()).add((register, e.id, x.form))
    regs.matchers["exceptions"] = excs
    occ: list[Occurrence] = []
    used_forms: set = set()
    used_exceptions: set = set()
    for cable in edition.cables.values():
        where = (cable.id, cable.date)
        for place in cable.places.values():
            excluded = excs.get((cable.id, place.anchor), set())
            if excluded:
                for m in matcher.find(place.text, None, lambda r, e, t: (r, e, " ".join(t.split())) in excluded, where):
                    used_exceptions.add((cable.id, place.anchor, m.register, m.entry))
            kept = matcher.find(place.text, None, lambda r, e, t: (r, e, " ".join(t.split())) not in excluded, where)
            place.mentions = kept
            for m in kept:
                used_forms.add((m.register, m.entry, " ".join(m.text.split())))
                occ.append(Occurrence(m.register, m.entry, place, "form", m.text, m.start, m.end))
            _check_nesting(place, kept, problems)
    for register, entries in regs.entries.items():
        for e in entries.values():
            for ref in e.tagged:
                occ.append(Occurrence(register, e.id, place_of(edition, ref.cable, ref.anchor), "tagged"))
            for scope in e.headings:
                occ.append(Occurrence(register, e.id, place_of(edition, scope.heading.cable, scope.heading.anchor),
                                      "heading"))
                for n in range(scope.first, scope.last + 1):
                    p = place_of(edition, scope.heading.cable, f"p{n}")
                    if p is not None and has_readable_text(p):
                        occ.append(Occurrence(register, e.id, p, "heading"))
            for form in e.forms:
                if complete and (register, e.id, " ".join(form.text.split())) not in used_forms:
                    problems.add(form.pos, f"{register}#{e.id}: the form {form.text!r} occurs nowhere in the text"
                                 + (" of the telegrams it is limited to" if form.start or form.end or form.telegrams
                                    else ""),
                                 hint="forms are case-sensitive whole words as the reading text has them; "
                                      "correct or remove the form")
            for x in e.exceptions:
                if complete and (x.place.cable, x.place.anchor, register, e.id) not in used_exceptions:
                    problems.add(x.pos, f"{register}#{e.id}: the exception for {x.form!r} at {x.place} applies "
                                 "to nothing", hint="the form does not occur there; remove the exception")
    order = {cid: i for i, cid in enumerate(edition.cables)}
    regs.occurrences = sorted(occ, key=lambda o: (order[o.place.cable], o.place.order, o.register, o.entry, o.start))
    occurring = {(o.register, o.entry) for o in regs.occurrences}
    for register, entries in regs.entries.items():
        for e in entries.values():
            if complete and (register, e.id) not in occurring:
                problems.add(e.pos, f"{register}#{e.id} has no occurrence",
                             hint="give it forms that occur in the text, or places in `at:`")


def _check_nesting(place, mentions: list[Mention], problems: Problems) -> None:
    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if b.start >= a.end:
                break
            if b.end > a.end:
                problems.add(None, f"{place.cable}#{place.anchor}: the mentions {a.text!r} ({a.register}#{a.entry}) "
                             f"and {b.text!r} ({b.register}#{b.entry}) cross",
                             hint="mentions of different registers must nest or stand apart; adjust the forms")
