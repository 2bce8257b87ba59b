"""The typed model of the edition. Every node keeps its source position.

Parse level (markup.py produces these): Text, Mark, Directive, OcrLine.
Edition level (assemble.py builds these): Piece, Page, Paragraph, Heading,
MatterItem, Duplicate, Lacuna, Intervention, Cable, Edition.
Registers level (registers.py builds these): Entry, GlossaryTerm, PlaceRef, FormException,
HeadingScope, TextPlace, Mention, Occurrence, Registers.

Source text is carried as plain strings; renderers escape it for their target.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Pos

# ------------------------------------------------------------------ parse level


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    pos: Pos

    @property
    def printed(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Mark:
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
        """What the reading text shows for this mark (before apparatus decisions)."""
        if self.kind in ("corr", "unclear"):
            return self.fields[1]
        return self.printed

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.fields[1:] if self.kind == "unclear" else ()


@dataclass(frozen=True, slots=True)
class Directive:
    name: str
    args: tuple
    pos: Pos

    @property
    def printed(self) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class OcrLine:
    number: int                 # 1-based line number in the OCR witness
    pos: Pos                    # where it stands in the transcription
    items: tuple                # Text | Mark | Directive

    @property
    def printed(self) -> str:
        return "".join(i.printed for i in self.items)


# ------------------------------------------------------------------ edition level


@dataclass(frozen=True, slots=True)
class Zone:
    """What a stretch of OCR text is: telegram text (kind 'text', ref = 'p14' or a heading id),
    page furniture ('fw', ref = its kind), named matter ('matter', ref = id), a duplicate ('dup')."""
    kind: str
    ref: str


@dataclass(frozen=True, slots=True)
class Piece:
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
class PageIdentity:
    value: str | None      # as read by the editor
    printed: str | None    # as printed (None: not printed)
    basis: str             # printed | corrected | inferred | unknown
    evidence: str = ""


@dataclass
class Page:
    id: str
    seq: int               # file order, 1-based
    order: int             # logical order, 1-based
    telegram: str
    kind: str              # text | routing
    section: PageIdentity
    page: PageIdentity
    time: PageIdentity
    label: str
    note: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass
class Block:
    pieces: list = field(default_factory=list)   # Piece, or Lacuna where text is lost inside


@dataclass
class Paragraph:
    n: int
    status: str            # present | partial | withheld | missing
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


@dataclass
class Heading:
    id: str
    pos: Pos
    before: int            # the paragraph it stands before in the reading text
    pieces: list = field(default_factory=list)


@dataclass
class MatterItem:
    id: str
    kind: str
    label: str
    description: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass
class Duplicate:
    id: str
    of: str
    note: str
    pos: Pos
    pieces: list = field(default_factory=list)


@dataclass
class Lacuna:
    id: str
    paragraphs: tuple[int, ...]
    kind: str
    reason: str
    pos: Pos | None = None          # of its ⟦@gap⟧ in the transcription
    page: str | None = None
    within: int | None = None       # paragraph it falls inside, if any


@dataclass
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


@dataclass
class Cable:
    number: str
    folder: str
    meta: dict
    meta_pos: dict
    pages: list = field(default_factory=list)           # list[Page], file order
    paragraphs: dict = field(default_factory=dict)      # n -> Paragraph
    headings: list = field(default_factory=list)        # list[Heading], text order
    matter: dict = field(default_factory=dict)          # id -> MatterItem
    duplicates: dict = field(default_factory=dict)
    lacunae: dict = field(default_factory=dict)
    interventions: dict = field(default_factory=dict)   # id -> Intervention, text order
    discussions: list = field(default_factory=list)
    lines: list = field(default_factory=list)           # parsed transcription (OcrLine | Directive)
    witness_path: str | None = None
    witness_text: str | None = None

    @property
    def has_transcription(self) -> bool:
        return bool(self.lines)

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
    zip_path: str = ""                  # the kept offline zip of a superseded version
    zip: bytes | None = None


@dataclass
class Edition:
    meta: dict
    cables: dict = field(default_factory=dict)          # number -> Cable, sorted by number
    registers: "Registers" = field(default_factory=lambda: Registers())
    releases: list = field(default_factory=list)        # list[Release], newest first
    releases_pos: Pos | None = None
    # A preview (`make serve ONLY=...`) reads some telegrams only: the numbers it read. What
    # spans the edition (the registers, the released snapshot) is then checked for those only.
    preview: frozenset | None = None

    def witness_pages_of(self, number: str) -> list[tuple[Cable, Page]]:
        """Pages of telegram `number` wherever they stand (its own release or another's)."""
        # One pass over every page, not one per telegram asked about (that would be quadratic
        # in the size of the edition); redone if cables were added since (a cable enters the
        # edition with all its pages).
        key = len(self.cables)
        cached = self.__dict__.get("_pages_by_telegram")
        if cached is None or cached[0] != key:
            index: dict[str, list] = {}
            for cable in self.cables.values():
                for page in cable.pages:
                    index.setdefault(page.telegram, []).append((cable, page))
            cached = self.__dict__["_pages_by_telegram"] = (key, index)
        return list(cached[1].get(number, ()))


# ------------------------------------------------------------------ registers and glossary


@dataclass(frozen=True)
class PlaceRef:
    """A place of occurrence named by an editor: `13790#p46`, `13790#h-trade-matters`,
    `13790#routing-01`."""
    cable: str
    anchor: str
    pos: Pos

    def __str__(self) -> str:
        return f"{self.cable}#{self.anchor}"


@dataclass(frozen=True)
class FormException:
    """A declared form that, at one place, does not denote its entry."""
    place: PlaceRef
    form: str
    reason: str
    pos: Pos


@dataclass(frozen=True)
class HeadingScope:
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
    office: str = ""                     # persons: office in May 1991
    certainty: str = ""                  # of what goes beyond the text
    source: str = ""
    authority: tuple = ()                # tuple[tuple[scheme, id, source]]
    forms: tuple[str, ...] = ()
    exceptions: tuple[FormException, ...] = ()
    tagged: tuple[PlaceRef, ...] = ()    # occurrences named by the editor
    headings: tuple[HeadingScope, ...] = ()
    note: str = ""


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
    exceptions: tuple[FormException, ...] = ()
    certainty: str = "high"
    source: str = ""
    see: tuple = ()                      # tuple[tuple[register, entry id]]
    only_at: tuple = ()                  # tuple[PlaceRef]: the term is marked only at these places


@dataclass(frozen=True)
class Mention:
    """A stretch of a text that a declared form matched: text[start:end] == form."""
    register: str                        # persons | places | organisations | subjects | glossary
    entry: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextPlace:
    """A stretch of telegram text or matter that has an anchor: a paragraph, a run-in heading
    (on the reading page) or a named item of matter (on the release page). `text` is its
    reading form, the same words the reading text shows."""
    cable: str
    kind: str                            # paragraph | heading | matter
    anchor: str                          # p46 | h-trade-matters | routing-01
    label: str
    text: str
    order: int
    witnesses: tuple[str, ...] = ()      # telegrams whose pages carry it


@dataclass(frozen=True)
class Occurrence:
    register: str
    entry: str
    place: TextPlace
    basis: str                           # form | tagged | heading
    text: str = ""                       # the words matched (basis form)
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class GlossaryOccurrence:
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
    exclusions: list = field(default_factory=list)     # list[tuple[tokens, reason]]
    occurrences: list = field(default_factory=list)    # list[Occurrence], in text order
    places: list = field(default_factory=list)         # list[TextPlace]
    glossary_occurrences: list = field(default_factory=list)  # list[GlossaryOccurrence]
    matchers: dict = field(default_factory=dict, repr=False)  # name -> registers.Matcher

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
