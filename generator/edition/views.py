"""What each editorial mark means in each view, declared once, beside the tag table of
parse/markup.py (a new mark is a row there and a row here; tests check both tables agree).

The views:
  reading     the reconstructed telegram (the reading page): what the text reads at the mark,
              whether a note reference follows it, and a flag shown after it;
  release     the release as printed (the release page): what the page shows of the mark;
  plain       the reading text as plain text (downloads, snapshots, changelog): a format;
  names       the text in which names and glossary terms are found (its reading, with a
              redaction as a barrier no form can cross);
  terms       how a glossary term may meet the mark in the reading and the release views;
  tei         how the TEI encodes it (render/tei.py has one builder per encoding).

Values, not markup: every renderer turns them into its own format.
"""
from __future__ import annotations

from dataclasses import dataclass

WITHHELD = "\u2588"     # stands for withheld text where names are found: no form matches across it


@dataclass(frozen=True)
class MarkView:
    # reading view
    reading: str            # "reading" | "printed" | "content" | "withheld" | ""
    reading_note: bool      # a note reference follows it
    reading_flag: str = ""  # "sic": [sic] follows it
    # when the record says the reading text does not adopt it (in_reading: false), it reads as nothing
    adoptable: bool = False
    # release view: what the page shows
    release: str = "printed"            # "printed" | "content"
    release_note: bool = True
    # plain text: a format of {reading}, {printed}, {content}, {exemption}; shown once per id if `once`
    plain: str = "{reading}"
    once: bool = False
    # glossary terms in the reading view: "text" (found in its text), "noted" (found in its text,
    # but none runs past the note after it), "opaque" (none crosses it)
    reading_terms: str = "text"
    # ... in the release view: "atomic" (a term covers it whole or lies within it), "atomic-reading"
    # (as atomic, found in the editors' reading while the printed form is shown), "noted", "opaque"
    release_terms: str = "atomic"
    tei: str = ""           # the TEI encoding: see render/tei.py
    collated: bool = False  # decided in the collation table (collation.yaml)
    style: str = ""         # its class in the views (ed-<style>)
    # how the views show it: a macro of render/templates/inline.html.j2 each ("text" shows the
    # text; "flagged" adds a flag; "withheld", "inserted", "struck" and "wrapped" say so)
    look_reading: str = "text"
    look_release: str = "wrapped"


VIEWS: dict[str, MarkView] = {
    "corr": MarkView(reading="reading", reading_note=True, plain="{reading}", reading_terms="noted",
                     release_terms="atomic-reading", tei="choice-sic-corr", collated=True, style="corr"),
    "sic": MarkView(reading="printed", reading_note=True, reading_flag="sic", plain="{printed} [sic]",
                    reading_terms="noted", release_terms="atomic-printed", tei="sic", collated=True, style="sic",
                    look_reading="flagged"),
    "ok": MarkView(reading="printed", reading_note=False, release_note=False, plain="{printed}",
                   reading_terms="text", release_terms="atomic", tei="seg-considered", collated=True, style="ok"),
    "unclear": MarkView(reading="reading", reading_note=True, plain="{reading}", reading_terms="noted",
                        release_terms="atomic-reading", tei="choice-orig-unclear", collated=True, style="unclear"),
    "redact": MarkView(reading="withheld", reading_note=True, plain="[withheld ({exemption})]", once=True,
                       reading_terms="opaque", release_terms="opaque", tei="choice-orig-gap", style="redaction",
                       look_reading="withheld", look_release="withheld"),
    "add": MarkView(reading="content", reading_note=True, adoptable=True, plain="\u27e8{content}\u27e9",
                    reading_terms="opaque", release_terms="opaque", tei="choice-orig-add", style="add",
                    look_reading="inserted"),
    "del": MarkView(reading="content", reading_note=True, adoptable=True, release="content",
                    plain="[struck through: {content}]", reading_terms="opaque", release_terms="opaque",
                    tei="choice-orig-del", style="del", look_reading="struck", look_release="struck"),
    "note": MarkView(reading="", reading_note=True, plain="", reading_terms="noted", release_terms="noted",
                     tei="anchor", style="note", look_release="text"),
}


def adopted(kind: str, record: dict) -> bool:
    """Does the reading text adopt the mark? (Later hands only where the editors say so.)"""
    return not VIEWS[kind].adoptable or bool(record.get("in_reading"))


def reading_of(mark, record: dict) -> str:
    """What the reading text reads at a mark, as text: the form in which names are found."""
    v = VIEWS[mark.kind]
    if not adopted(mark.kind, record):
        return ""
    if v.reading == "reading":
        return mark.reading
    if v.reading == "printed":
        return mark.printed
    if v.reading == "content":
        return mark.content
    if v.reading == "withheld":
        return WITHHELD
    return ""


def plain_of(mark, record: dict) -> str:
    """The plain-text form of a mark (downloads and snapshots)."""
    v = VIEWS[mark.kind]
    if not adopted(mark.kind, record):
        return ""
    return v.plain.format(reading=mark.reading, printed=mark.printed, content=mark.content,
                          exemption=record.get("exemption", ""))
