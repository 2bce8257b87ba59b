"""The typed model of the edition. Every node keeps its source position.

Parse level (parse/markup.py): Text, Mark, Directive, OcrLine.
Edition level (parse/assemble.py): Piece, Page, Paragraph, Heading, MatterItem, Duplicate,
Lacuna, Intervention, Event, Cable, Edition.
Resolved level (edition/resolve.py): Span, Place, Line: each anchored place and each line of
a release, read once into the spans every view formats.
Registers level (edition/registers.py): Entry, Office, Form, GlossaryTerm, PlaceRef,
FormException, HeadingScope, Mention, Occurrence, GlossaryOccurrence, Registers.

Source text is carried as plain strings; renderers escape it for their target.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .errors import Frozen, Pos

# ------------------------------------------------------------------ parse level


@dataclass(frozen=True, slots=True)
class Text(Frozen):
    text: str
    pos: Pos

    @property
    def printed(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Mark(Frozen):
    """An inline editorial mark. fields[0] is the printed form (none for zero-width marks)."""
    kind: str
    id: str
    fields: tuple[str, ...]
    pos: Pos
    content: str = ""      # what the OCR's own notation encloses: CONCERN in ^(CONCERN)

    @property
    def printed(self) -> str:
        return self.fields[0] if self.fields else ""

    @property
    def reading(self) -> str:
        """The editors' reading of the printed form (a correction's or an uncertain reading's
        second field; otherwise the printed form itself)."""
        if self.kind in ("corr", "unclear"):
            return self.fields[1]
        return self.printed

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.fields[1:] if self.kind == "unclear" else ()


@dataclass(frozen=True, slots=True)
class Directive(Frozen):
    name: str
    args: tuple
    pos: Pos

    @property
    def printed(self) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class OcrLine(Frozen):
    number: int                 # 1-based line number in the OCR witness
    pos: Pos                    # where it stands in the transcription
    items: tuple                # Text | Mark | Directive

    @property
    def printed(self) -> str:
        return "".join(i.printed for i in self.items)


# ------------------------------------------------------------------ edition level


@dataclass(frozen=True, slots=True)
class Zone(Frozen):
    """What a stretch of OCR text is: telegram text (kind 'text', ref = 'p14' or a heading id),
    page furniture ('fw', ref = its kind), named matter ('matter', ref = id), a duplicate ('dup')."""
    kind: str
    ref: str


@dataclass(frozen=True, slots=True)
class Piece(Frozen):
    """The part of one OCR line that falls in one zone on one page."""
    line: int
    pos: Pos
    items: tuple           # Text | Mark (directives removed)
    page: str
    zone: Zone
    line_start: bool       # does the piece begin its OCR line?

    @property
    def printed(self) -> str:
        return "".join(i.printed for i in self.items)


@dataclass(frozen=True, slots=True)
class Event(Frozen):
    """One step of a transcription in file order, as the walker met it: a directive that
    changes the structure (page, p, head, block, text, fw, matter, dup, gap) or a piece of text.
    Every view that follows the release in file order (the TEI) reads these, not the lines."""
    kind: str              # "directive" | "piece"
    directive: Directive | None = None
    piece: Piece | None = None


@dataclass(frozen=True, slots=True)
class PageIdentity(Frozen):
    value: str | None      # as read by the editor
    printed: str | None    # as printed (None: not printed)
    basis: str             # printed | corrected | inferred | unknown
    evidence: str = ""


@dataclass(slots=True)
class Page:
    id: str
    seq: int               # file order, 1-based
    order: int             # logical order, 1-based
    telegram: str          # the id (folder) of the telegram whose page it is
    kind: str              # text | routing
    section: PageIdentity
    page: PageIdentity
    time: PageIdentity
    label: str
    note: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass(slots=True)
class Block:
    pieces: list = field(default_factory=list)   # Piece, or Lacuna where text is lost inside


@dataclass(slots=True)
class Paragraph:
    n: int
    status: str            # present | partial | withheld-in-part | withheld | missing
    reason: str
    pos: Pos               # of its declaration in cable.yaml
    blocks: list = field(default_factory=list)   # list[Block]
    text_pos: Pos | None = None                  # of its ⟦@p N⟧ directive

    @property
    def pages(self) -> list[str]:
        seen: list[str] = []
        for b in self.blocks:
            for p in b.pieces:
                if isinstance(p, Piece) and p.page not in seen:
                    seen.append(p.page)
        return seen

    @property
    def has_text(self) -> bool:
        return any(isinstance(p, Piece) for b in self.blocks for p in b.pieces)


@dataclass(slots=True)
class Heading:
    id: str
    pos: Pos
    before: int            # the paragraph it stands before in the reading text
    pieces: list = field(default_factory=list)


@dataclass(slots=True)
class MatterItem:
    id: str
    kind: str
    label: str
    description: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass(slots=True)
class Duplicate:
    id: str
    of: str
    note: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass(slots=True)
class Lacuna:
    id: str
    paragraphs: tuple[int, ...]
    kind: str
    reason: str
    pos: Pos | None = None          # of its ⟦@gap⟧ in the transcription
    page: str | None = None
    within: int | None = None       # paragraph it falls inside, if any


@dataclass(slots=True)
class Intervention:
    """One editorial decision. kind is the mark's tag (corr, sic, ok, unclear, redact, add, del, note)."""
    id: str
    kind: str
    marks: list                     # list[tuple[Mark, Piece]]
    record: dict                    # its entry in collation.yaml or apparatus.yaml
    record_pos: Pos | None

    @property
    def first(self):
        return self.marks[0][1]

    @property
    def in_reading(self) -> bool:
        """Does it stand in the reading text (a paragraph or heading)?"""
        return any(p.zone.kind == "text" for _, p in self.marks)


@dataclass(frozen=True)
class Commentary:
    """A hand-written page of commentary (in docs/) that discusses a telegram."""
    page: str                       # its path in docs/, e.g. commentary/introduction.md
    link: str                       # how a telegram's pages name it: "an introduction to the telegram"
    about: str                      # what it discusses, after its link on the home page
    pos: Pos


@dataclass(frozen=True)
class Embedded:
    """A document the telegram carries within its text, over paragraphs first..last."""
    id: str
    kind: str
    title: str
    date: str | None
    participants: tuple[str, ...]
    first: int
    last: int
    note: str
    pos: Pos

    @property
    def kind_words(self) -> str:
        return self.kind.replace("-", " ")


@dataclass
class Cable:
    """One telegram. `id` is its folder in site_src/cables/: the stable id of its URLs
    (cables/<id>/) and of every reference to it in the sources. `post` and `number` are what
    the Department filed it under; `label` is how the edition names it (post and number, "Lisbon 04417")."""
    id: str
    number: str
    post: str
    post_code: str
    folder: str
    meta: dict
    meta_pos: dict
    head: dict = field(default_factory=dict)            # field -> PageIdentity: the head as printed or inferred
    pages: list = field(default_factory=list)           # list[Page], file order
    paragraphs: dict = field(default_factory=dict)      # n -> Paragraph
    headings: list = field(default_factory=list)        # list[Heading], text order
    matter: dict = field(default_factory=dict)          # id -> MatterItem
    duplicates: dict = field(default_factory=dict)
    lacunae: dict = field(default_factory=dict)
    interventions: dict = field(default_factory=dict)   # id -> Intervention, text order
    discussions: list = field(default_factory=list)
    commentary: tuple = ()                              # tuple[Commentary]
    embedded: tuple = ()                                # tuple[Embedded], text order
    lines: list = field(default_factory=list)           # parsed transcription (OcrLine | Directive)
    events: list = field(default_factory=list)          # list[Event]: the transcription in file order
    witness_path: str | None = None
    witness_text: str | None = None
    transcribed: bool = False           # its transcription was read (`lines` may be let go after)
    # resolved once after the checks (edition/resolve.py)
    places: dict = field(default_factory=dict)          # anchor -> Place, reading order
    release: list = field(default_factory=list)         # list[Line], file order
    plain: dict = field(default_factory=dict)           # n -> the paragraph's reading text, plain (versions)
    terms: object = None                                # what the glossary found in it as it was read
    sources: dict = field(default_factory=dict)         # file name -> digest of the bytes read

    @property
    def label(self) -> str:
        return f"{self.post} {self.number}"

    @property
    def iso_date(self) -> str:
        return self.head["date"].value

    @property
    def date(self) -> datetime.date:
        return datetime.date.fromisoformat(self.iso_date)

    def head_value(self, name: str) -> str | None:
        """A field of the head as the editors read it (printed or inferred), or None."""
        value = self.head.get(name)
        return None if value is None or value.value is None else str(value.value)

    @property
    def document_number(self) -> str:
        """The Department's own file number: year, post code, number, run together (1985LISBON04417)."""
        return f"{self.iso_date[:4]}{self.post_code}{self.number}"

    @property
    def has_transcription(self) -> bool:
        return self.transcribed

    def page(self, pid: str) -> Page:
        index = self.__dict__.get("_page_index")
        if index is None or len(index) != len(self.pages):   # built once the pages are read
            index = self.__dict__["_page_index"] = {p.id: p for p in self.pages}
        return index[pid]


@dataclass
class Release:
    """A released version of the edition (site_src/versions.yaml), newest first."""
    version: str
    date: str
    summary: str
    pos: Pos
    snapshot_path: str                  # site_src/releases/<version>/reading.tsv
    snapshot: dict | None = None        # (telegram, paragraph) -> reading text, as released
    notes_path: str = ""                # site_src/releases/<version>/notes.tsv
    notes: dict | None = None           # (telegram or register, kind, id) -> text, as released
    snapshot_text: str = ""             # the two files as kept, published beside the zip
    notes_text: str = ""
    name: str = ""                      # of its published files: <name>-offline.zip, <name>-reading.tsv
    zip_path: str = ""                  # the kept offline zip of the version
    zip: bytes | None = None


@dataclass
class Draft:
    """What the sources change since the newest release: the next version, not yet released.
    Keys as in Release.snapshot and Release.notes."""
    changed: list = field(default_factory=list)
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    notes_changed: list = field(default_factory=list)
    notes_added: list = field(default_factory=list)
    notes_removed: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.changed, self.added, self.removed, self.notes_changed, self.notes_added,
                    self.notes_removed))

    @property
    def paragraphs(self) -> set:
        return set(self.changed) | set(self.added)


@dataclass
class Edition:
    meta: dict
    cables: dict = field(default_factory=dict)          # id -> Cable, sorted by id
    registers: "Registers" = field(default_factory=lambda: Registers())
    releases: list = field(default_factory=list)        # list[Release], newest first
    releases_pos: Pos | None = None
    draft: Draft = field(default_factory=Draft)
    # A preview (`make serve ONLY=...`) reads some telegrams only: the ids it read. What
    # spans the edition (the registers, the released snapshot) is then checked for those only.
    preview: frozenset | None = None

    @property
    def featured(self) -> "Cable | None":
        """The telegram the home page presents (edition.yaml `featured`)."""
        return self.cables.get(self.meta.get("featured") or "")

    def witness_pages_of(self, tid: str) -> list[tuple[Cable, Page]]:
        """Pages of telegram `tid` wherever they stand (its own release or another's)."""
        key = len(self.cables)
        cached = self.__dict__.get("_pages_by_telegram")
        if cached is None or cached[0] != key:
            index: dict[str, list] = {}
            for cable in self.cables.values():
                for page in cable.pages:
                    index.setdefault(page.telegram, []).append((cable, page.id))
            cached = self.__dict__["_pages_by_telegram"] = (key, index)
        # the page objects as the telegram holds them now (light or whole: edition/lighten.py)
        return [(cable, cable.page(pid)) for cable, pid in cached[1].get(tid, ())]


# ------------------------------------------------------------------ resolved: spans and places


@dataclass(frozen=True, slots=True)
class Span(Frozen):
    """One item of a piece as every view reads it: plain text (kind "text") or an editorial
    mark. `text` is what the reading text reads there (edition/views.py decides it from the
    mark's kind); `mark` and `iv` carry everything else a view may show."""
    kind: str
    text: str
    mark: Mark | None = None
    iv: Intervention | None = None

    @property
    def printed(self) -> str:
        return self.mark.printed if self.mark is not None else self.text


@dataclass(frozen=True, slots=True)
class Bit(Frozen):
    """What a place's reading is made of: the spans of one piece (a line's share of the
    place), the paragraph number cut from the first; or a lacuna inside it."""
    spans: tuple = ()          # tuple[Span]
    piece: Piece | None = None
    lacuna: Lacuna | None = None


@dataclass(slots=True)
class Place:
    """An anchored stretch of telegram text or matter: a paragraph (anchor pN), a run-in
    heading (h-...) or an item of named matter (its id), resolved once. `blocks` are its
    reading, block by block; `text` the same as plain text for matching names and terms
    (blocks on lines of their own, a redaction the WITHHELD barrier, a lacuna […]).
    `mentions` are the register entries named in `text`."""
    cable: str
    kind: str                            # paragraph | heading | matter
    anchor: str                          # p46 | h-trade-matters | routing-01
    label: str
    order: int
    blocks: list                         # list[list[Bit]]
    text: str
    witnesses: tuple[str, ...] = ()      # telegrams whose pages carry it
    mentions: list = field(default_factory=list)   # list[Mention]


@dataclass(frozen=True, slots=True)
class Line(Frozen):
    """One OCR line of a release, as the release view shows it: its pieces (a line may fall in
    several zones) with their spans."""
    number: int
    page: str
    pieces: tuple              # tuple[tuple[Piece, tuple[Span]]]


# ------------------------------------------------------------------ registers and glossary


@dataclass(frozen=True, slots=True)
class PlaceRef(Frozen):
    """A place of occurrence named by an editor: `<telegram>#p46`, `<telegram>#h-<heading>`,
    `<telegram>#routing-01`."""
    cable: str
    anchor: str
    pos: Pos

    def __str__(self) -> str:
        return f"{self.cable}#{self.anchor}"


@dataclass(frozen=True, slots=True)
class FormException(Frozen):
    """A declared form that, at one place, does not denote its entry."""
    place: PlaceRef
    form: str
    reason: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Form(Frozen):
    """A form by which the telegrams name an entry; limited, if the editor says so, to
    telegrams dated within a period or to named telegrams."""
    text: str
    pos: Pos
    start: datetime.date | None = None
    end: datetime.date | None = None
    telegrams: tuple[str, ...] = ()

    def applies(self, cable_id: str, date: datetime.date) -> bool:
        if self.telegrams and cable_id not in self.telegrams:
            return False
        if self.start and date < self.start:
            return False
        if self.end and date > self.end:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Office(Frozen):
    """An office a person held, from one date to another (either may be open)."""
    title: str
    start: datetime.date | None          # a bound known to the month only: its first or last day
    end: datetime.date | None
    pos: Pos
    start_text: str = ""                 # the bounds as the register writes them (YYYY-MM-DD or YYYY-MM)
    end_text: str = ""

    def held_on(self, date: datetime.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class HeadingScope(Frozen):
    """A run-in heading and the paragraphs it stands over, as the editor decided them."""
    heading: PlaceRef
    first: int
    last: int
    pos: Pos


@dataclass
class Entry:
    """One entry of a register (persons, places, organisations, subjects)."""
    register: str
    id: str
    name: str
    sort: str
    description: str
    pos: Pos
    kind: str = ""                       # places: country, city...; organisations: body, regime, treaty...
    offices: tuple = ()                  # persons: tuple[Office]
    certainty: str = ""                  # of what goes beyond the text
    source: str = ""
    authority: tuple = ()                # tuple[tuple[scheme, id, source]]
    forms: tuple = ()                    # tuple[Form]
    exceptions: tuple = ()               # tuple[FormException]
    tagged: tuple = ()                   # tuple[PlaceRef]: occurrences named by the editor
    headings: tuple = ()                 # tuple[HeadingScope]
    note: str = ""

    def offices_on(self, date: datetime.date) -> list:
        return [o for o in self.offices if o.held_on(date)]


@dataclass
class GlossaryTerm:
    id: str
    term: str
    expansion: str
    kind: str
    pos: Pos
    note: str = ""
    forms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exceptions: tuple = ()
    certainty: str = "high"
    source: str = ""
    see: tuple = ()                      # tuple[tuple[tuple[register, entry id], Pos]]
    only_at: tuple = ()                  # tuple[PlaceRef]: the term is marked only at these places
    gloss: str = ""                      # for a family of codes: the expansion of each occurrence,
                                         # with {1}, {2:number} ... standing for the pattern's groups

    def expansion_at(self, text: str) -> str:
        """What the term means where it stands as `text`: its gloss filled in from the groups of
        the first pattern that matches the whole of `text`, else its expansion."""
        if not self.gloss:
            return self.expansion
        words = " ".join(text.split())
        for pattern in self.patterns:
            m = re.fullmatch(pattern, words)
            if m:
                return fill_gloss(self.gloss, m.groups())
        return self.expansion


# In a gloss, {n} is the n-th group as printed, {n:number} the same read as a number (01 -> 1),
# and {{ and }} are literal braces.
GLOSS_FIELD = re.compile(r"\{\{|\}\}|\{([1-9])(?::(number))?\}")


def fill_gloss(gloss: str, groups: tuple) -> str:
    def one(m):
        if m.group(1) is None:
            return m.group(0)[0]
        value = groups[int(m.group(1)) - 1] or ""
        return str(int(value)) if m.group(2) and value.isdigit() else value
    return GLOSS_FIELD.sub(one, gloss)


@dataclass(frozen=True, slots=True)
class Mention(Frozen):
    """A stretch of a text that a declared form matched: text[start:end] == form."""
    register: str                        # persons | places | organisations | subjects | glossary
    entry: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Occurrence(Frozen):
    register: str
    entry: str
    place: Place
    basis: str                           # form | tagged | heading
    text: str = ""                       # the words matched (basis form)
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class GlossaryOccurrence(Frozen):
    """Where a glossary term stands: in the reading text (view 'reading', anchor pN or a
    heading id) or elsewhere in the release (view 'release', anchor a matter id or a page)."""
    term: str
    cable: str
    view: str
    anchor: str
    label: str
    order: int
    text: str


@dataclass
class Registers:
    entries: dict = field(default_factory=dict)        # register -> {id: Entry}, sorted
    glossary: dict = field(default_factory=dict)       # id -> GlossaryTerm, sorted
    exclusions: list = field(default_factory=list)     # list[tuple[tokens, reason, Pos]]
    occurrences: list = field(default_factory=list)    # list[Occurrence], in text order
    glossary_occurrences: list = field(default_factory=list)  # list[GlossaryOccurrence]
    matchers: dict = field(default_factory=dict, repr=False)
    pending_places: dict = field(default_factory=dict, repr=False)   # glossary term -> its places as written,
                                                                     # until the telegrams are read

    # Views of the occurrences by entry, by telegram and by place, each made in one pass: the
    # pages of every telegram and entry ask for theirs, and a scan of all occurrences per
    # question would grow with the square of the edition.
    def _index(self, name: str, key) -> dict:
        cached = self.__dict__.get(name)
        if cached is None or cached[0] is not self.occurrences or cached[1] != len(self.occurrences):
            index: dict = {}
            for o in self.occurrences:
                index.setdefault(key(o), []).append(o)
            cached = self.__dict__[name] = (self.occurrences, len(self.occurrences), index)
        return cached[2]

    def of(self, register: str, entry: str) -> list:
        """The occurrences of one entry, in text order."""
        return list(self._index("_by_entry", lambda o: (o.register, o.entry)).get((register, entry), ()))

    def in_cable(self, cable: str) -> list:
        """The occurrences in one telegram, in text order."""
        return list(self._index("_by_cable", lambda o: o.place.cable).get(cable, ()))

    def at(self, cable: str, anchor: str) -> list:
        """The occurrences at one place (a paragraph, a heading, an item of matter)."""
        return list(self._index("_by_place", lambda o: (o.place.cable, o.place.anchor)).get((cable, anchor), ()))

    def glossary_of(self, term: str) -> list:
        index = self.__dict__.get("_glossary_by_term")
        if index is None or index[0] != len(self.glossary_occurrences):
            by: dict = {}
            for o in self.glossary_occurrences:
                by.setdefault(o.term, []).append(o)
            index = self.__dict__["_glossary_by_term"] = (len(self.glossary_occurrences), by)
        return list(index[1].get(term, ()))
