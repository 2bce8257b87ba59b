"""Inline rendering of transcription pieces as Markdown, for the reading and release views.

Everything from the sources passes through `escape.md`; the only markup here is
the edition's own (footnote references, a few spans with fixed classes).
Footnote labels are the intervention ids, so footnote anchors are stable:
`#fn:agnesty`, `#fnref:agnesty`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from .escape import md
from .model import Cable, Intervention, Lacuna, Mark, Piece, Text

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


class Notes:
    """The footnotes of one page, in order of first reference."""

    def __init__(self) -> None:
        self.defs: dict[str, Markup] = {}

    def ref(self, label: str, text: Markup) -> Markup:
        self.defs.setdefault(label, text)
        return Markup(f"[^{label}]")

    def markdown(self) -> Markup:
        return Markup("\n\n".join(f"[^{k}]: {v}" for k, v in self.defs.items()))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def code(text: str) -> Markup:
    return Markup("<code>") + md(text) + Markup("</code>")


def editor_name(edition_meta: dict, resp: str) -> str:
    for e in edition_meta.get("editors", []):
        if e["id"] == resp:
            return e["name"]
    return resp


def note_text(iv: Intervention, edition_meta: dict, collation_link: str | None) -> Markup:
    """The footnote text of an intervention: printed form, reading, type, evidence."""
    r = iv.record
    mark = iv.marks[0][0]
    k = iv.kind
    if k in ("corr", "sic", "ok", "unclear"):
        head = {"corr": "Correction", "sic": "[sic]", "ok": "Considered", "unclear": "Uncertain reading"}[k]
        parts = [Markup(f"**{head}.** Printed ") + code(r["printed"])]
        if k == "corr":
            parts.append(Markup("; read ") + code(r["reading"]))
        elif k == "sic":
            parts.append(Markup("; kept as printed, intended ") + code(r["reading"]))
        elif k == "unclear":
            parts.append(Markup("; read ") + code(r["reading"]))
            alts = [a for a in mark.alternatives[1:]]
            if alts:
                parts.append(Markup("; alternative: ") + Markup(", ").join(code(a) for a in alts))
        parts.append(Markup(". ") + md(_sentence(DECISION_WORDS[r["decision"]])) + Markup(" (")
                     + md(TYPE_WORDS[r["type"]]) + Markup("); certainty ") + md(r["certainty"])
                     + Markup("; decided by ") + md(editor_name(edition_meta, r["resp"])) + Markup(". "))
        parts.append(md(r["evidence"]))
        if collation_link:
            parts.append(Markup(f" [Collation entry]({collation_link})."))
        return Markup("").join(parts)
    if k == "redact":
        text = Markup("**Withheld** under FOIA exemption ") + md(r["exemption"]) + Markup(": ") + md(r["extent"]) \
            + Markup(" (certainty ") + md(r["certainty"]) + Markup(").")
        if r.get("note"):
            text += Markup(" ") + md(r["note"])
        return text
    if k == "add":
        return Markup("**Insertion** by ") + md(r["hand"]) + Markup(", printed by the OCR as ") + code(mark.printed) \
            + Markup(". ") + md(r["note"])
    if k == "del":
        return Markup("**Struck through** by ") + md(r["hand"]) + Markup(", printed by the OCR as ") \
            + code(mark.printed) + Markup(". ") + md(r["note"])
    if k == "note":
        text = Markup("**Explanatory note.** ") + md(r["text"])
        if r.get("source"):
            text += Markup(" *Source:* ") + md(r["source"])
        return text
    raise ValueError(k)  # pragma: no cover - every kind is declared


def lacuna_text(lac: Lacuna) -> Markup:
    return Markup("**Lacuna.** ") + md(lac.reason)


def redaction_label(exemption: str) -> Markup:
    """A visible, labelled redaction marker that a screen reader announces as text."""
    return (Markup('<span class="ed-redaction"><span class="ed-sr">Redaction: text </span>withheld'
                   '<span class="ed-sr"> under FOIA exemption</span> (') + md(exemption)
            + Markup(")</span>"))


@dataclass
class Segment:
    """One item of a piece as a view shows it. `text` is what can carry a glossary term
    (NUL for an opaque item); `full` is the whole rendering of an opaque item; `suffix`
    follows the text (a note reference, [sic]); `wrap` surrounds an atomic item."""
    text: str
    opaque: bool = False
    atomic: bool = False
    full: Markup = Markup("")
    suffix: Markup = Markup("")
    wrap: tuple = (Markup(""), Markup(""))
    display: str | None = None      # shown instead of `text` (a correction's printed form); whole only


def segments_of(items, cable: Cable, view: str, render=None) -> list[Segment]:
    """The items of a piece as segments of the reading ('reading') or diplomatic ('release')
    view. `render(kind, item, iv)` supplies note references and markers; without it (when
    only the text is wanted) they are empty."""
    r = render or (lambda what, item, iv: Markup(""))
    out: list[Segment] = []
    for item in items:
        if isinstance(item, Text):
            out.append(Segment(item.text))
            continue
        iv = cable.interventions[item.id]
        k = item.kind
        if k == "note":
            out.append(Segment("", suffix=r("note", item, iv)))
        elif view == "reading":
            if k in ("corr", "unclear"):
                out.append(Segment(item.reading, suffix=r("note", item, iv)))
            elif k == "sic":
                out.append(Segment(item.printed, suffix=Markup(' <span class="ed-sic">[sic]</span>') + r("note", item, iv)))
            elif k == "ok":
                out.append(Segment(item.printed))
            else:
                out.append(Segment("\0", opaque=True, full=r(k, item, iv)))
        else:
            if k == "ok":
                out.append(Segment(item.printed, atomic=True,
                                   wrap=(Markup('<span class="ed-ok">'), Markup("</span>"))))
            elif k in ("corr", "unclear", "sic"):
                # the printed form is shown; a term is recognised by the editors' reading
                out.append(Segment(item.reading if k != "sic" else item.printed, atomic=True,
                                   display=item.printed, suffix=r("note", item, iv),
                                   wrap=(Markup(f'<span class="ed-{k}">'), Markup("</span>"))))
            else:
                out.append(Segment("\0", opaque=True, full=r(k, item, iv)))
    return out


def glossary_spans(segs: list[Segment], regs, cable: str, anchor: str | None, used_exceptions=None,
                   dropped=None) -> list[tuple[int, int, str, str]]:
    """The glossary terms standing in a run of segments that can be marked: (start, end,
    term id, text), offsets in the joined segment texts. A term cannot be marked across
    an opaque item, through part of an atomic one, or across a note reference or [sic];
    such matches go to `dropped`. Declared exceptions at (cable, anchor) are left out
    (and recorded in `used_exceptions`)."""
    from .registers import glossary_allowed, glossary_exceptions, glossary_matcher
    if not regs.glossary:
        return []
    text = "".join(s.text for s in segs)
    bounds = []
    pos = 0
    for s in segs:
        bounds.append((pos, pos + len(s.text), s))
        pos += len(s.text)
    allow = glossary_allowed(regs, cable, anchor)
    if used_exceptions is not None and anchor:
        excs = glossary_exceptions(regs).get((cable, anchor), set())
        for m in glossary_matcher(regs).find(text, None, lambda r, t, x: (t, " ".join(x.split())) in excs):
            used_exceptions.add((cable, anchor, m.entry))
    out = []
    for m in glossary_matcher(regs).find(text, None, allow):
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
            if m.start < b < m.end and s.suffix:
                ok = False
        if ok:
            out.append((m.start, m.end, m.entry, m.text))
        elif dropped is not None:
            dropped.append((cable, anchor, m.entry, m.text))
    return out


class GlossaryLinks:
    """How a page marks glossary terms: every occurrence an <abbr> with the expansion as its
    title (a tooltip); the first in each scope (a paragraph, a page) also a link to the
    glossary entry carrying the expansion for screen readers."""

    def __init__(self, regs, href):
        self.regs, self.href = regs, href
        self.seen: set = set()

    def mark(self, tid: str, inner: Markup, scope) -> Markup:
        term = self.regs.glossary[tid]
        abbr = Markup('<abbr title="') + md(term.expansion) + Markup('">') + inner + Markup("</abbr>")
        if scope is None or (scope, tid) in self.seen:
            return abbr
        self.seen.add((scope, tid))
        # the expansion is read by screen readers, and shown when the link has keyboard focus
        return (Markup("[") + abbr + Markup('<span class="ed-sr">, </span><span class="ed-sr ed-gl-x">')
                + md(term.expansion) + Markup("</span>](") + Markup(self.href(tid)) + Markup("){: .ed-gl }"))


def render_segments(segs: list[Segment], spans, glossary: GlossaryLinks | None, scope) -> Markup:
    """Render segments with the glossary spans as <abbr> (see GlossaryLinks). A span covers
    whole atomic segments (their wrapper inside the term) or lies within one (the term
    inside the wrapper); glossary_spans guarantees it crosses nothing else."""
    out: list = []
    spans = sorted(spans)
    state = {"i": 0, "current": None, "span": None}

    def emit(frag):
        (state["current"] if state["current"] is not None else out).append(frag)

    def open_next():
        state["span"], state["current"] = spans[state["i"]], []

    def close():
        frags = state["current"]
        state["current"] = None
        out.append(glossary.mark(state["span"][2], Markup("").join(frags), scope))
        state["span"] = None
        state["i"] += 1

    def next_start():
        return spans[state["i"]][0] if state["i"] < len(spans) else None

    pos = 0
    for s in segs:
        a, b = pos, pos + len(s.text)
        pos = b
        if s.opaque:
            emit(s.full)
            continue
        covering = False
        if s.atomic:
            if state["current"] is None and next_start() == a and spans[state["i"]][1] >= b > a:
                open_next()
            covering = state["current"] is not None
            emit(s.wrap[0])
        if covering or s.display is not None:
            emit(md(s.text if s.display is None else s.display))
        else:
            k = a
            while k < b:
                ns = next_start()
                if state["current"] is None and ns is not None and k <= ns < b:
                    if ns > k:
                        emit(md(s.text[k - a:ns - a]))
                    k = ns
                    open_next()
                    continue
                if state["current"] is not None:
                    stop = min(state["span"][1], b)
                    emit(md(s.text[k - a:stop - a]))
                    k = stop
                    if stop == state["span"][1]:
                        close()
                    continue
                emit(md(s.text[k - a:]))
                k = b
        if s.atomic:
            emit(s.wrap[1])
            if covering and state["span"][1] == b:
                close()
        emit(s.suffix)
    if state["current"] is not None:   # pragma: no cover - glossary_spans never lets a term run off the end
        out.extend(state["current"])
    return Markup("").join(out)


class Inline:
    """Renders the items of pieces for one page, collecting its footnotes. With `glossary`,
    terms of the glossary are marked; `scope` (set by the page renderer: a paragraph, a
    page) decides which occurrence is the first, and `anchor` which exceptions apply."""

    def __init__(self, cable: Cable, edition_meta: dict, notes: Notes, collation_href, glossary=None):
        self.cable, self.meta, self.notes = cable, edition_meta, notes
        self.collation_href = collation_href     # function id -> link, or None
        self.glossary: GlossaryLinks | None = glossary
        self.scope = None
        self.anchor: str | None = None

    def _note(self, iv: Intervention) -> Markup:
        link = self.collation_href(iv.id) if (self.collation_href and iv.kind in ("corr", "sic", "ok", "unclear")) \
            else None
        return self.notes.ref(iv.id, note_text(iv, self.meta, link))

    def _render(self, items, view: str, part) -> Markup:
        segs = segments_of(items, self.cable, view, part)
        spans = glossary_spans(segs, self.glossary.regs, self.cable.number, self.anchor) if self.glossary else []
        return _separate_refs(render_segments(segs, spans, self.glossary, self.scope))

    # -- reading view
    def reading(self, items, shown_redactions: set[str]) -> Markup:
        def part(what, item, iv):
            if what == "note":
                return self._note(iv)
            if what == "redact":
                if item.id in shown_redactions:
                    return Markup("")   # one excision printed as several markers is shown once
                shown_redactions.add(item.id)
                return redaction_label(iv.record["exemption"]) + self._note(iv)
            if what == "add":
                if not iv.record["in_reading"]:
                    return Markup("")
                return (Markup('<span class="ed-sr">inserted by a later hand: </span><ins class="ed-add">')
                        + md(item.content) + Markup("</ins>") + self._note(iv))
            if what == "del":
                if not iv.record["in_reading"]:
                    return Markup("")
                return (Markup('<span class="ed-sr">struck through: </span><del class="ed-del">')
                        + md(item.content) + Markup("</del>") + self._note(iv))
            raise ValueError(what)  # pragma: no cover
        return self._render(items, "reading", part)

    def lacuna(self, lac: Lacuna) -> Markup:
        return (Markup('<span class="ed-gap"><span class="ed-sr">Lacuna: text lost here. </span>[…]</span>')
                + self.notes.ref(lac.id, lacuna_text(lac)))

    def lacuna_note(self, lac: Lacuna) -> Markup:
        """A note reference only, for a lacuna that takes whole paragraphs."""
        return self.notes.ref(lac.id, lacuna_text(lac))

    # -- release (diplomatic) view
    def diplomatic(self, items) -> Markup:
        def part(what, item, iv):
            if what == "note":
                return self._note(iv)
            if what == "redact":
                return (Markup('<span class="ed-redaction-printed">') + md(item.printed)
                        + Markup('<span class="ed-sr"> (withheld under FOIA exemption ')
                        + md(iv.record["exemption"]) + Markup(")</span></span>") + self._note(iv))
            if what == "del":
                return Markup('<del class="ed-del">') + md(item.content) + Markup("</del>") + self._note(iv)
            return Markup(f'<span class="ed-{what}">') + md(item.printed) + Markup("</span>") + self._note(iv)
        return self._render(items, "release", part)


def _separate_refs(text: Markup) -> Markup:
    """Two note references in a row read as "6,7", not "67". (Source text cannot contain
    "][^": its brackets are escaped.)"""
    return Markup(str(text).replace("][^", ']<span class="ed-notesep">,</span>[^'))


LEADING_NUMBER = re.compile(r"\s*([0-9]+)\.\s*")


def paragraph_blocks(blocks, n: int, render, lacuna, keep=lambda piece: True) -> list[list]:
    """The one walk over a paragraph's blocks that every form of its text shares (the reading
    page, the index's places, the plain text and its snapshots): per block, the rendered
    pieces in order. `render(items)` gives a piece's text, the printed number cut from the
    first piece that prints anything; `lacuna(piece)` stands for a lacuna; pieces `keep`
    refuses are left out, as are empty pieces and blocks."""
    out = []
    first = True
    for block in blocks:
        bits = []
        for piece in block.pieces:
            if isinstance(piece, Lacuna):
                bits.append(lacuna(piece))
                continue
            if not keep(piece):
                continue
            items = piece.items
            if first:
                items, _ = strip_number(items, n)
                if piece.printed.strip():
                    first = False
            text = render(items).strip()
            if text:
                bits.append(text)
        if bits:
            out.append(bits)
    return out


def strip_number(items: tuple, n: int) -> tuple[tuple, bool]:
    """Remove the printed paragraph number from the first text item, if it is there."""
    if items and isinstance(items[0], Text):
        m = LEADING_NUMBER.match(items[0].text)
        if m and int(m.group(1)) == n:
            rest = items[0].text[m.end():]
            first = (Text(rest, items[0].pos),) if rest else ()
            return first + tuple(items[1:]), True
    return items, False
