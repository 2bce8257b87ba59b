"""Inline rendering of transcription pieces as Markdown, for the reading and release views.

Everything from the sources passes through `escape.md`; the only markup here is
the edition's own (footnote references, a few spans with fixed classes).
Footnote labels are the intervention ids, so footnote anchors are stable:
`#fn:agnesty`, `#fnref:agnesty`.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from .escape import md, md_str
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

    def has(self, label: str) -> bool:
        return label in self.defs

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
        text = Markup("**Note.** ") + md(r["text"])
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


class Inline:
    """Renders the items of pieces for one page, collecting its footnotes."""

    def __init__(self, cable: Cable, edition_meta: dict, notes: Notes, collation_href):
        self.cable, self.meta, self.notes = cable, edition_meta, notes
        self.collation_href = collation_href     # function id -> link, or None

    def _note(self, iv: Intervention) -> str:
        """The note reference (a plain string); the note's text is made only the first time."""
        if self.notes.has(iv.id):
            return f"[^{iv.id}]"
        link = self.collation_href(iv.id) if (self.collation_href and iv.kind in ("corr", "sic", "ok", "unclear")) \
            else None
        return str(self.notes.ref(iv.id, note_text(iv, self.meta, link)))

    # -- reading view
    def reading(self, items, shown_redactions: set[str]) -> Markup:
        out = []
        for item in items:
            if isinstance(item, Text):
                out.append(md_str(item.text))
                continue
            iv = self.cable.interventions[item.id]
            k = item.kind
            if k == "corr" or k == "unclear":
                out.append(md_str(item.reading) + self._note(iv))
            elif k == "sic":
                out.append(md_str(item.printed) + ' <span class="ed-sic">[sic]</span>' + self._note(iv))
            elif k == "ok":
                out.append(md_str(item.printed))
            elif k == "redact":
                if item.id in shown_redactions:
                    continue   # one excision printed as several markers is shown once
                shown_redactions.add(item.id)
                out.append(str(redaction_label(iv.record["exemption"])) + self._note(iv))
            elif k == "add":
                if iv.record["in_reading"]:
                    inner = re.fullmatch(r"\^\((.+)\)", item.printed).group(1)
                    out.append('<ins class="ed-add"><span class="ed-sr">inserted by a later hand: </span>'
                               + md_str(inner) + "</ins>" + self._note(iv))
            elif k == "del":
                if iv.record["in_reading"]:
                    inner = re.fullmatch(r"~~(.+)~~", item.printed).group(1)
                    out.append('<del class="ed-del"><span class="ed-sr">struck through: </span>'
                               + md_str(inner) + "</del>" + self._note(iv))
            elif k == "note":
                out.append(self._note(iv))
        return Markup(_separate_refs_str("".join(out)))

    def lacuna(self, lac: Lacuna) -> Markup:
        return (Markup('<span class="ed-gap"><span class="ed-sr">Lacuna: text lost here. </span>[…]</span>')
                + self.notes.ref(lac.id, lacuna_text(lac)))

    def lacuna_note(self, lac: Lacuna) -> Markup:
        """A note reference only, for a lacuna that takes whole paragraphs."""
        return self.notes.ref(lac.id, lacuna_text(lac))

    # -- release (diplomatic) view
    def diplomatic(self, items) -> Markup:
        return Markup(self.diplomatic_str(items))

    def diplomatic_str(self, items) -> str:
        """`diplomatic` as a plain string (the release view renders thousands of lines)."""
        out = []
        for item in items:
            if isinstance(item, Text):
                out.append(md_str(item.text))
                continue
            iv = self.cable.interventions[item.id]
            k = item.kind
            if k == "note":
                out.append(self._note(iv))
                continue
            if k == "redact":
                out.append('<span class="ed-redaction-printed">' + md_str(item.printed)
                           + '<span class="ed-sr"> (withheld under FOIA exemption '
                           + md_str(iv.record["exemption"]) + ")</span></span>" + self._note(iv))
                continue
            if k == "del":
                inner = re.fullmatch(r"~~(.+)~~", item.printed).group(1)
                out.append('<del class="ed-del">' + md_str(inner) + "</del>" + self._note(iv))
                continue
            if k == "ok":
                out.append('<span class="ed-ok">' + md_str(item.printed) + "</span>")
                continue
            out.append(f'<span class="ed-{k}">' + md_str(item.printed) + "</span>" + self._note(iv))
        return _separate_refs_str("".join(out))


def _separate_refs(text: Markup) -> Markup:
    """Two note references in a row read as "6,7", not "67". (Source text cannot contain
    "][^": its brackets are escaped.)"""
    return Markup(_separate_refs_str(str(text)))


def _separate_refs_str(text: str) -> str:
    return text.replace("][^", ']<span class="ed-notesep">,</span>[^') if "][^" in text else text


LEADING_NUMBER = re.compile(r"\s*([0-9]+)\.\s*")


def strip_number(items: tuple, n: int) -> tuple[tuple, bool]:
    """Remove the printed paragraph number from the first text item, if it is there."""
    if items and isinstance(items[0], Text):
        m = LEADING_NUMBER.match(items[0].text)
        if m and int(m.group(1)) == n:
            rest = items[0].text[m.end():]
            first = (Text(rest, items[0].pos),) if rest else ()
            return first + tuple(items[1:]), True
    return items, False
