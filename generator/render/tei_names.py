"""Names in the TEI text: every mention of a register entry, tagged where it stands.

`render_tei` builds the body first; `tag` then walks every place that can hold an occurrence
(a paragraph, a run-in heading, an item of named matter), reads it in the reading form of the
edition, finds the mentions with `registers.find_mentions` (the declared forms and exceptions,
exactly as the indexes find them) and wraps each in a name element pointing into the
`<standOff>` (or, for subjects, the taxonomy of the header):

    persons                       <persName ref="#person-ambassador">
    places                        <placeName ref="#place-lisbon">
    organisations (bodies)        <orgName ref="#org-mfa">
    organisations (regimes,       <rs type="treaty" ref="#org-npt">   (an instrument is no
      treaties, laws)                                                 organisation's name)
    subjects                      <rs type="subject" ref="#subject-human-rights">

Where a name can be tagged (the rule is also stated in the TEI's editorial declaration and
on the downloads page):

* A name spans what the reader reads as one stretch of a paragraph, heading or matter:
  line breaks (`<lb/>`), page breaks (`<pb/>`) and the page furniture between them (`<fw>`)
  fall inside it where the name runs across them; TEI allows all three within names.
* A correction, uncertain reading, [sic], considered token or insertion lies wholly inside a
  name, or wholly contains it. In the first case the name wraps the whole `<choice>` (or
  `<sic>`, `<seg>`), so both sides stay together; in the second the name stands inside the
  reading side (`<corr>`, the preferred `<unclear>`, `<add>`, or `<del>` where the reading
  text keeps the struck words), never inside `<sic>`/`<orig>` of a choice. The printed side
  of every choice therefore still gives back the OCR.
* Nothing is tagged in withheld text: a redaction has no text, and no form matches across
  one (its reading is `registers.WITHHELD`); a lacuna is a barrier too. Page furniture,
  text the release repeats (`<surplus>`) and explanatory anchors are not part of any name's
  words; they are skipped as the reading text skips them.
* Mentions of different registers nest (`<orgName><placeName>U.S.</placeName> CONGRESS</orgName>`).

A mention that would cut a choice in two (begin inside a correction and end outside it), or
run from one part of a paragraph into another, cannot be tagged: that is an error with the
position of the mark, never a silent omission.

Subjects are also indexed at whole places (a run-in heading and the paragraphs under it, or
places the editors named): every place lists the subjects under which the index names it in
its `@ana`, after the paragraph's status.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..errors import EditionError, Problem
from ..model import Cable, Edition, Mark

TEI_NS = "http://www.tei-c.org/ns/1.0"
PREFIX = {"persons": "person", "places": "place", "organisations": "org", "subjects": "subject"}
ELEMENT = {"persons": "persName", "places": "placeName", "organisations": "orgName", "subjects": "rs"}
INSTRUMENTS = ("regime", "treaty", "law")        # organisations that are not bodies: rs type=kind
SEPARATORS = ("lb", "pb", "milestone", "fw", "surplus", "note")   # read as a line break
LACUNA = " [\u2026] "                               # as the reading text shows a lacuna
WORD = re.compile("[A-Za-z0-9]")                    # what a form's words are made of (registers._WORD)


def ref_id(register: str, entry: str) -> str:
    """The xml:id of a register entry (registers share the document's id space, hence the prefix)."""
    return f"{PREFIX[register]}-{entry}"


def name_element(edition: Edition, register: str, entry: str) -> tuple[str, dict]:
    """The element and attributes that tag a mention of an entry."""
    e = edition.registers.entries[register][entry]
    attrs = {"ref": f"#{ref_id(register, entry)}"}
    if register == "subjects":
        return "rs", {"type": "subject", **attrs}
    if register == "organisations" and e.kind in INSTRUMENTS:
        return "rs", {"type": e.kind, **attrs}
    return ELEMENT[register], attrs


@dataclass(frozen=True)
class MarkElement:
    """An element the body made for an editorial mark: what it reads as, and where a name
    that lies wholly inside its reading goes (None: nowhere, as in a redaction)."""
    mark: Mark
    reading: str
    inner: ET.Element | None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Tagger:
    """Reads elements of the body in the reading form and wraps stretches of that reading in
    name elements, restructuring the mixed content around them (text is never changed)."""

    def __init__(self, marks: dict):
        self.marks: dict[ET.Element, MarkElement] = marks
        self.names: set[ET.Element] = set()

    # -- reading an element as the reading text reads it
    def reading(self, e: ET.Element) -> str:
        if e in self.marks:
            return self.marks[e].reading
        if e in self.names:
            return self.text_of(e)
        tag = _local(e.tag)
        if tag in SEPARATORS:
            return "\n"
        if tag == "gap":
            return LACUNA
        if tag == "anchor":
            return ""
        raise ValueError(f"unexpected <{tag}> in the text of a place")

    def text_of(self, e: ET.Element) -> str:
        return "".join(n if isinstance(n, str) else self.reading(n) for n in _flat(e))

    # -- wrapping a stretch
    def wrap(self, elem: ET.Element, start: int, end: int, make) -> ET.Element | None:
        """Wrap [start, end) of elem's reading in make(); None if done, else the element in
        the way (a mark the stretch would cut, or elem itself)."""
        flat = _flat(elem)
        spans, pos = [], 0
        for node in flat:
            n = len(node) if isinstance(node, str) else len(self.reading(node))
            spans.append((pos, pos + n))
            pos += n
        # the first node that holds `start`, the last that holds `end - 1`: zero-width nodes
        # (anchors) at either edge stay outside the name
        i = next((k for k, (a, b) in enumerate(spans) if b > start), None)
        j = max((k for k, (a, b) in enumerate(spans) if a < end), default=None)
        if i is None or j is None or i > j:
            return elem
        first, last = flat[i], flat[j]
        if i == j and not isinstance(first, str) and spans[i] != (start, end):
            inner = first if first in self.names else self.marks[first].inner if first in self.marks else None
            if inner is None:
                return first
            return self.wrap(inner, start - spans[i][0], end - spans[i][0], make)
        if not isinstance(first, str) and spans[i][0] != start:
            if WORD.search(self.reading(first)[:start - spans[i][0]]):
                return first
            start = spans[i][0]         # the mark adds only punctuation before the name: take it in
        if not isinstance(last, str) and spans[j][1] != end:
            if WORD.search(self.reading(last)[end - spans[j][0]:]):
                return last
            end = spans[j][1]           # ... or after it (HUMAN <choice>RIGHTS. / RIGHTS,</choice>)
        middle = list(flat[i:j + 1])
        pre = post = ""
        if isinstance(middle[-1], str):
            cut = end - spans[j][0]
            middle[-1], post = middle[-1][:cut], middle[-1][cut:]
        if isinstance(middle[0], str):
            cut = start - spans[i][0]
            pre, middle[0] = middle[0][:cut], middle[0][cut:]
        new = make()
        self.names.add(new)
        _rebuild(new, middle)
        _rebuild(elem, flat[:i] + [pre, new, post] + flat[j + 1:])
        return None


def _flat(e: ET.Element) -> list:
    """An element's content as a list of strings and child elements (tails split off)."""
    out: list = [e.text] if e.text else []
    for child in e:
        out.append(child)
        if child.tail:
            out.append(child.tail)
    return out


def _rebuild(e: ET.Element, nodes: list) -> None:
    del e[:]
    e.text = None
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if len(e):
                e[-1].tail = (e[-1].tail or "") + node
            else:
                e.text = (e.text or "") + node
        else:
            node.tail = None
            e.append(node)


class _Runs:
    """The runs of characters other than white space in a text: where the k-th such character
    stands, and how many stand before one of them (by runs, not character by character)."""

    def __init__(self, text: str):
        # (in comprehensions and C loops: a TEI of a telegram makes dozens of these)
        self.starts: list[int] = [m.start() for m in _RUN.finditer(text)]
        self.before: list[int] = list(accumulate(map(len, text.split()), initial=0))[:-1]

    def offset(self, k: int) -> int:
        r = bisect_right(self.before, k) - 1
        return self.starts[r] + k - self.before[r]

    def rank(self, pos: int) -> int:
        r = bisect_right(self.starts, pos) - 1
        return self.before[r] + pos - self.starts[r]


_RUN = re.compile(r"\S+")


def carry(place_text: str, text: str, mentions) -> list:
    """The mentions found once in a place's resolved text (Place.mentions), at their offsets in
    the TEI's reading of the same place. The two texts hold the same characters but for white
    space and, in the TEI, the paragraph's printed number before its text: offsets are carried
    over by counting the other characters."""
    ours, theirs = "".join(place_text.split()), "".join(text.split())
    lead = len(theirs) - len(ours)
    if lead < 0 or not theirs.endswith(ours):
        raise ValueError("the TEI's text of a place differs from its resolved text")
    if not mentions:
        return []
    here, there = _Runs(place_text), _Runs(text)
    out = []
    for m in mentions:
        if place_text[m.start].isspace() or place_text[m.end - 1].isspace():
            raise ValueError(f"a mention at {m.start}-{m.end} begins or ends with white space")
        start = there.offset(lead + here.rank(m.start))
        end = there.offset(lead + here.rank(m.end - 1)) + 1
        out.append(type(m)(m.register, m.entry, start, end, text[start:end]))
    return out


def tag(edition: Edition, cable: Cable, places: dict, marks: dict, positions: dict) -> dict:
    """Tag every mention in the places of the body.

    places     (anchor -> [elements]) the parts of each paragraph (`p46`), heading and matter
               item, in document order;
    marks      element -> MarkElement, for every element the body made for a mark;
    positions  anchor -> Pos of the place in the sources (for errors).

    Returns anchor -> the mentions tagged there (for tests and counts)."""
    tagger = Tagger(marks)
    problems: list[Problem] = []
    tagged: dict[str, list] = {}
    for anchor, parts in places.items():
        texts = [tagger.text_of(p) for p in parts]
        text = "\n".join(texts)
        offsets, pos = [], 0
        for t in texts:
            offsets.append(pos)
            pos += len(t) + 1
        place = cable.places.get(anchor)
        for m in carry(place.text, text, place.mentions) if place is not None else ():
            k = max(n for n, off in enumerate(offsets) if off <= m.start)
            tag_name, attrs = name_element(edition, m.register, m.entry)
            make = (lambda tag_name=tag_name, attrs=attrs: ET.Element(f"{{{TEI_NS}}}{tag_name}", attrs))
            blocker = None
            if m.end > offsets[k] + len(texts[k]):
                blocker = parts[k]
            else:
                blocker = tagger.wrap(parts[k], m.start - offsets[k], m.end - offsets[k], make)
            if blocker is not None:
                where = marks[blocker].mark.pos if blocker in marks else positions.get(anchor)
                problems.append(Problem(
                    where, f"{cable.id}#{anchor}: the name {m.text!r} ({m.register}#{m.entry}) cannot be tagged "
                    "in the TEI: it would cut an editorial mark in two, or run from one part of the place into another",
                    hint="declare a form that covers the whole marked word, or an exception for this place"))
                continue
            tagged.setdefault(anchor, []).append(m)
    if problems:
        raise EditionError(problems)
    return tagged


def subjects_of_places(edition: Edition, cable: Cable) -> dict[str, list[str]]:
    """anchor -> the subject entries the index names at that place (by form, heading or tag),
    in the register's order."""
    order = {eid: i for i, eid in enumerate(edition.registers.entries.get("subjects", {}))}
    out: dict[str, set] = {}
    for o in edition.registers.in_cable(cable.id):
        if o.register == "subjects":
            out.setdefault(o.place.anchor, set()).add(o.entry)
    return {a: sorted(ids, key=order.__getitem__) for a, ids in sorted(out.items())}


def analyse(edition: Edition, cable: Cable, places: dict) -> None:
    """Add to the first part of every place the subjects under which the index names it (`@ana`)."""
    for anchor, subjects in subjects_of_places(edition, cable).items():
        parts = places.get(anchor)
        if not parts:
            continue
        first = parts[0]
        refs = [f"#{ref_id('subjects', s)}" for s in subjects]
        first.set("ana", " ".join(([first.get("ana")] if first.get("ana") else []) + refs))
