"""The spans of a piece as HTML, in the reading view and in the release view.

The shapes are the macros of templates/inline.html.j2, chosen by the table of edition/views.py
(a mark's look in each view); every text is escaped there. Footnote labels are the
intervention ids, so note anchors are stable: `#fn:agnesty`, `#fnref:agnesty`. The glossary's
terms are marked on the segments of edition/glossary.py, the same segments from which the
glossary page counts them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..edition.glossary import segments, term_spans
from ..edition.views import VIEWS, adopted
from ..model import Cable, Intervention, Lacuna
from .escape import html, join
from .templates import macros

TYPE_WORDS = {
    "misread-letter": "misread letter", "misread-digit": "misread digit", "punctuation": "punctuation",
    "split-word": "split word", "joined-word": "joined word", "garbled-header": "garbled header",
    "garbled-name": "garbled name", "spelling": "spelling", "grammar": "grammar", "spacing": "spacing",
    "other": "other",
}
DECISION_WORDS = {
    "ocr-error": "OCR error", "telegram-slip": "slip of the telegram", "not-an-error": "not an error",
    "uncertain": "uncertain",
}
COLLATION_HEADS = {"corr": ("Correction", "read"), "sic": ("[sic]", "kept as printed, intended"),
                   "ok": ("Considered", None), "unclear": ("Uncertain reading", "read")}
NOTE_LOOKS = {"redact": "redaction", "add": "hand", "del": "hand", "note": "explanatory"}

M = None


def _m():
    global M
    if M is None:
        M = macros("inline.html.j2")
    return M


@dataclass
class _Note:
    label: str
    text: Markup
    number: int
    explanatory: bool
    refs: list = field(default_factory=list)


class Notes:
    """The footnotes of one page, numbered in order of first reference; a note referred to
    again gets a further back-reference (`fnref2:…`), as Python-Markdown numbers them."""

    def __init__(self) -> None:
        self.notes: dict[str, _Note] = {}

    def ref(self, label: str, text, explanatory: bool = False) -> Markup:
        """A reference to note `label`; `text` (a function) makes its text the first time."""
        note = self.notes.get(label)
        if note is None:
            note = self.notes[label] = _Note(label, text(), len(self.notes) + 1, explanatory)
        ref_id = f"fnref:{label}" if not note.refs else f"fnref{len(note.refs) + 1}:{label}"
        note.refs.append(ref_id)
        return _m().note_ref(ref_id, label, note.number, note.explanatory)

    def labels(self) -> list[str]:
        return list(self.notes)

    def html(self) -> Markup:
        return _m().footnotes(list(self.notes.values())) if self.notes else Markup("")


def editor_name(edition_meta: dict, resp: str) -> str:
    for e in edition_meta.get("editors", []):
        if e["id"] == resp:
            return e["name"]
    return resp


def note_text(iv: Intervention, edition_meta: dict, collation_link: str | None) -> Markup:
    """The text of an intervention's note: printed form, reading, type, evidence."""
    r = iv.record
    m = _m()
    if VIEWS[iv.kind].collated:
        head, verb = COLLATION_HEADS[iv.kind]
        mark = iv.marks[0][0]
        decision = DECISION_WORDS[r["decision"]]
        return m.note_collation(head, r, verb, r["reading"], list(mark.alternatives[1:]),
                                decision[:1].upper() + decision[1:], TYPE_WORDS[r["type"]],
                                editor_name(edition_meta, r["resp"]), collation_link)
    look = NOTE_LOOKS[iv.kind]
    if look == "redaction":
        return m.note_redaction(r)
    if look == "hand":
        return m.note_hand("Insertion" if iv.kind == "add" else "Struck through", r, iv.marks[0][0].printed)
    return m.note_explanatory(r)


class GlossaryLinks:
    """How a page marks glossary terms: every occurrence an <abbr> with the expansion as its
    title (a tooltip); the first in each scope (a paragraph, a page) also a link to the
    glossary entry carrying the expansion for screen readers."""

    def __init__(self, regs, href):
        self.regs, self.href = regs, href
        self.seen: set = set()

    def mark(self, tid: str, inner: Markup, scope, text: str) -> Markup:
        """`text`: the words the term stands as here (a family of codes glosses each one)."""
        term = self.regs.glossary[tid]
        expansion = term.expansion_at(text)
        if scope is None or (scope, tid) in self.seen or 'class="footnote-ref' in inner:
            # (a term holding a note reference cannot be a link: links do not nest)
            return _m().term(expansion, inner)
        self.seen.add((scope, tid))
        return _m().term_link(expansion, inner, self.href(tid))


class Inline:
    """Renders spans for one page, collecting its footnotes. With `glossary`, terms are
    marked; `scope` (a paragraph, a page) decides which occurrence is the first, and `anchor`
    which exceptions apply."""

    def __init__(self, cable: Cable, edition_meta: dict, notes: Notes, collation_href, glossary=None):
        self.cable, self.meta, self.notes = cable, edition_meta, notes
        self.collation_href = collation_href     # function id -> link, or None
        self.glossary: GlossaryLinks | None = glossary
        self.scope = None
        self.anchor: str | None = None
        self.shown_redactions: set[str] = set()

    def note(self, iv: Intervention) -> Markup:
        link = self.collation_href(iv.id) if (self.collation_href and VIEWS[iv.kind].collated) else None
        return self.notes.ref(iv.id, lambda: note_text(iv, self.meta, link), explanatory=iv.kind == "note")

    def lacuna(self, lac: Lacuna) -> Markup:
        return _m().lacuna() + self.lacuna_note(lac)

    def lacuna_note(self, lac: Lacuna) -> Markup:
        """A note reference only, for a lacuna that takes whole paragraphs."""
        return self.notes.ref(lac.id, lambda: _m().note_lacuna(lac.reason))

    # -- a span's whole rendering (opaque marks) and its parts (the others)
    def _opaque(self, span, view: str) -> Markup:
        m = _m()
        v = VIEWS[span.kind]
        r = span.iv.record
        if view == "reading":
            if not adopted(span.kind, r):
                return Markup("")
            look = v.look_reading
            if look == "withheld":
                if span.mark.id in self.shown_redactions:
                    return Markup("")      # one excision printed as several markers is shown once
                self.shown_redactions.add(span.mark.id)
                return m.withheld(r["exemption"]) + self.note(span.iv)
            if look == "inserted":
                return m.inserted(span.mark.content) + self.note(span.iv)
            if look == "struck":
                return m.struck(span.mark.content) + self.note(span.iv)
        else:
            look = v.look_release
            if look == "withheld":
                return m.withheld_printed(span.printed, r["exemption"]) + self.note(span.iv)
            if look == "struck":
                return m.struck(span.mark.content, False) + self.note(span.iv)
            if look == "wrapped":
                return m.open_wrapped(v.style) + span.printed + m.close_wrapped() + self.note(span.iv)
        raise ValueError(f"{span.kind} has no opaque look {look!r} in the {view} view")  # pragma: no cover

    def _suffix(self, span, view: str) -> Markup:
        v = VIEWS[span.kind]
        out = Markup("")
        if view == "reading" and v.look_reading == "flagged":
            out += _m().flagged("sic")
        if (v.reading_note if view == "reading" else v.release_note):
            out += self.note(span.iv)
        return out

    def render(self, spans, view: str) -> Markup:
        segs = segments(spans, view)
        spans_ = (term_spans(segs, self.glossary.regs, self.cable, self.anchor) if self.glossary else [])
        return _separate_refs(self._segments(segs, spans_, view))

    def _segments(self, segs, terms, view: str) -> Markup:
        """Render segments with the glossary's terms (GlossaryLinks). A term covers whole atomic
        segments (their wrapper inside the term) or lies within one (the term inside the
        wrapper); term_spans guarantees it crosses nothing else."""
        m = _m()
        out: list = []
        if not terms:                   # the commonest case, in short: what the loop below does without terms
            for s in segs:
                span = s.span
                if s.opaque:
                    out.append(self._opaque(span, view))
                    continue
                if s.atomic:
                    out.append(m.open_wrapped(VIEWS[span.kind].style))
                out.append(html(s.text if s.display is None else s.display))
                if s.atomic:
                    out.append(m.close_wrapped())
                if span.kind != "text":
                    out.append(self._suffix(span, view))
            return join(out)
        terms = sorted(terms)
        state = {"i": 0, "current": None, "span": None}

        def emit(frag):
            (state["current"] if state["current"] is not None else out).append(frag)

        def open_next():
            state["span"], state["current"] = terms[state["i"]], []

        def close():
            frags = state["current"]
            state["current"] = None
            _, _, tid, text = state["span"]
            out.append(self.glossary.mark(tid, join(frags), self.scope, text))
            state["span"] = None
            state["i"] += 1

        def next_start():
            return terms[state["i"]][0] if state["i"] < len(terms) else None

        pos = 0
        for s in segs:
            a, b = pos, pos + len(s.text)
            pos = b
            span = s.span
            if s.opaque:
                emit(self._opaque(span, view))
                continue
            covering = False
            if s.atomic:
                if state["current"] is None and next_start() == a and terms[state["i"]][1] >= b > a:
                    open_next()
                covering = state["current"] is not None
                emit(m.open_wrapped(VIEWS[span.kind].style))
            if covering or s.display is not None:
                emit(html(s.text if s.display is None else s.display))
            else:
                k = a
                while k < b:
                    ns = next_start()
                    if state["current"] is None and ns is not None and k <= ns < b:
                        if ns > k:
                            emit(html(s.text[k - a:ns - a]))
                        k = ns
                        open_next()
                        continue
                    if state["current"] is not None:
                        stop = min(state["span"][1], b)
                        emit(html(s.text[k - a:stop - a]))
                        k = stop
                        if stop == state["span"][1]:
                            close()
                        continue
                    emit(html(s.text[k - a:]))
                    k = b
            if s.atomic:
                emit(m.close_wrapped())
                if covering and state["span"][1] == b:
                    close()
            if span.kind != "text":
                emit(self._suffix(span, view))
        if state["current"] is not None:   # pragma: no cover - term_spans never lets a term run off the end
            out.extend(state["current"])
        return join(out)

    # -- the two views
    def reading(self, spans) -> Markup:
        return self.render(spans, "reading")

    def diplomatic(self, spans) -> Markup:
        return self.render(spans, "release")

    def bits(self, blocks, scope) -> list[Markup]:
        """A place's blocks in the reading view, one Markup per block (its bits joined by a
        space, each stripped; bits and blocks that show nothing are left out)."""
        self.scope = self.anchor = scope
        out = []
        for bits in blocks:
            parts = []
            for bit in bits:
                html = self.lacuna(bit.lacuna) if bit.lacuna is not None else _strip(self.reading(bit.spans))
                if html:
                    parts.append(html)
            if parts:
                out.append(join(parts, " "))
        return out


def _strip(html: Markup) -> Markup:
    return Markup(str(html).strip())


def _separate_refs(text: Markup) -> Markup:
    """Two note references in a row read as "6,7", not "67". (Source text cannot hold
    "</sup><sup": its angle brackets are escaped.)"""
    s = str(text)
    if "</sup><sup" not in s:
        return text
    return Markup(s.replace("</sup><sup", "</sup>" + str(_m().note_separator()) + "<sup"))
