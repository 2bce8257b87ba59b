"""The schemas of the YAML sources, declared as data.

edition.yaml (site_src/): the edition as a publication.
versions.yaml (site_src/): the released versions.
cable.yaml (site_src/cables/<id>/): one telegram: its identity, head, pages, paragraphs, matter.
collation.yaml: every suspect token considered, with its decision and evidence.
apparatus.yaml: redactions, lacunae, insertions, strike-throughs, duplicates, notes.
registers/*.yaml and registers/glossary.yaml: the indexes and the glossary.
"""
from __future__ import annotations

from .schema import Bool, Enum, Int, List, Map, Opt, Schema, Str

ID = r"[a-z0-9][a-z0-9-]*"
TELEGRAM_ID = Str(ID, "a telegram's folder name under site_src/cables/, in quotes")
NUMBER = Str(r"[0-9]{1,6}[A-Z]?", "a telegram number as printed, in quotes, e.g. \"04417\"")
DATE = Str(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date written YYYY-MM-DD in quotes")
CERTAINTY = Enum(("high", "medium", "low"))
TEXT = Str()
# One line of text: labels, titles, names. Text fields may hold several lines (YAML folds them).
LINE = Str(r"[^\n]{1,1000}", "text on one line of at most 1,000 characters")
BASES = ("printed", "corrected", "inferred", "unknown")


class Either(Schema):
    """A short form (a string) or a long form (a mapping)."""

    def __init__(self, short: Schema, long: Map):
        self.short, self.long = short, long

    def check(self, value, pos, problems, where):
        if isinstance(value, dict):
            return self.long.check(value, pos, problems, where)
        return self.short.check(value, pos, problems, where)


def identity(short: Schema = Str()) -> Either:
    """A value as printed (short form), or with what the editors know of it: corrected from the
    printed form, inferred from elsewhere, or unknown, with the evidence."""
    return Either(short, Map({
        "value": Opt(short),
        "printed": Opt(Str()),
        "basis": Enum(BASES),
        "evidence": TEXT,
    }))


EDITION = Map({
    "title": LINE,
    "short_title": LINE,
    "version": Str(r"[0-9]+\.[0-9]+(\.[0-9]+)?", "a version such as 1.0"),
    "date": DATE,
    # the telegram the home page presents (its folder name)
    "featured": Opt(TELEGRAM_ID),
    # in_citation: false keeps an editor out of the "edited by" of citations (default: named)
    "editors": List(Map({"id": Str(ID), "name": LINE, "role": TEXT, "in_citation": Opt(Bool())}), 1),
    "publisher": LINE,
    "licence": TEXT,
    "site_url": Str(r"https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?/",
                    "an absolute https URL ending in /"),
    "contact": TEXT,
})

VERSION = Str(r"[0-9]+\.[0-9]+(\.[0-9]+)?", "a version such as 1.0")
VERSIONS = Map({
    "versions": List(Map({
        "version": VERSION,
        "date": DATE,
        "summary": TEXT,
        # the name of the version's published files (<name>-offline.zip, <name>-reading.tsv,
        # <name>-notes.tsv), fixed when it was released, so that a later short_title renames none
        "name": Opt(Str(r"[a-z0-9][a-z0-9.-]{0,200}", "the version's file name, e.g. fictional-telegrams-0.1")),
        # the SHA-256 of the version's offline zip as published (`make release` records it)
        "zip_sha256": Opt(Str(r"[0-9a-f]{64}", "a SHA-256 checksum in hex")),
    }), 1),
})

PAGE = Map({
    "id": Str(ID, "a page id such as <telegram>-01-02"),
    "telegram": TELEGRAM_ID,
    "kind": Enum(("text", "routing")),
    "section": identity(),
    "page": identity(),
    "time": identity(),
    "label": LINE,
    "note": Opt(TEXT),
})

PARAGRAPH_STATUSES = ("present", "partial", "withheld-in-part", "withheld", "missing")
PARAGRAPH = Map({
    "status": Enum(PARAGRAPH_STATUSES),
    "reason": Opt(TEXT),
})

MATTER_KINDS = ("routing-sheet", "distribution", "handwritten-note", "stamp", "review-stamp", "release-stamp",
                "classification-stamp", "repeat-note", "caption-note", "subject", "signature", "warning",
                "control-number", "marginalia", "memorandum-head")
MATTER = Map({
    "kind": Enum(MATTER_KINDS),
    "label": LINE,
    "description": TEXT,
})

EXEMPTION = Str(r"B[1-9]|B[1-9]\([A-Za-z0-9]+\)", "a FOIA exemption such as B1 or B7(C)")

CABLE = Map({
    # identity: the post and number under which the Department filed it (year from `date`)
    "post": LINE,
    "post_code": Str(r"[A-Z]{3,6}", "the Department's code of the post, e.g. BEIJIN, MOSCOW"),
    "number": NUMBER,
    "title": LINE,
    # the head, as printed; a field the pages do not print is given with basis inferred (and why)
    "from": identity(LINE),
    "to": identity(LINE),
    "date": identity(DATE),
    "dtg": Opt(identity(LINE)),
    "precedence": Opt(identity(LINE)),
    "classification": identity(LINE),
    "caveat": Opt(identity(LINE)),
    "tags": Opt(List(Str(r"[A-Z]{2,4}", "a TAGS code"), 1)),
    "subject": Opt(identity(TEXT)),
    "signer": Opt(identity(LINE)),
    "sections": identity(Int(1, 99)),
    "paragraph_count": Opt(Int(1, 999)),
    "summary": TEXT,
    "release": Map({
        "status": LINE,
        "exemptions": List(EXEMPTION),
        "review_date": Opt(DATE),
        "review_authority": Opt(LINE),
        "case_id": Opt(LINE),
        "office": Opt(LINE),
    }),
    "witness": Opt(Map({
        "file": Str(r"[A-Za-z0-9._-]+", "a file name in this folder"),
        "transcription": Str(r"[A-Za-z0-9._-]+", "a file name in this folder"),
        "sha256": Str(r"[0-9a-f]{64}", "a SHA-256 checksum in hex"),
        "lines": Int(1),
        "description": TEXT,
    })),
    "known_from": Opt(TELEGRAM_ID),
    "relations": Opt(List(Map({"telegram": TELEGRAM_ID, "relation": TEXT}))),
    # hand-written commentary in docs/ that discusses this telegram
    "commentary": Opt(List(Map({
        "page": Str(r"commentary/[a-z0-9][a-z0-9-]*\.md", "a page in docs/commentary/, e.g. commentary/introduction.md"),
        "link": LINE,          # how the telegram's pages name it: "an introduction to the telegram"
        "about": TEXT,         # what it discusses, after its link on the home page
    }))),
    # documents the telegram carries within its text (a memorandum of conversation, a letter):
    # each with its own title, date and participants, over a run of the telegram's paragraphs
    "embedded": Opt(List(Map({
        "id": Str(ID, "an id such as memcon"),
        "kind": Enum(("memorandum-of-conversation", "memorandum", "letter", "message", "statement", "text")),
        "title": LINE,
        "date": Opt(DATE),
        "participants": Opt(List(LINE, 1)),
        "paragraphs": Str(r"[1-9][0-9]*(-[1-9][0-9]*)?", "a paragraph or range such as 2-5, in quotes"),
        "note": Opt(TEXT),
    }))),
    "pages": Opt(List(PAGE)),
    "order": Opt(List(Str(ID))),
    "paragraphs": Opt(Map(values=PARAGRAPH, key_pattern=r"[1-9][0-9]*")),
    "matter": Opt(Map(values=MATTER, key_pattern=ID)),
})

DECISIONS = ("ocr-error", "telegram-slip", "not-an-error", "uncertain")
CORRECTION_TYPES = ("misread-letter", "misread-digit", "punctuation", "split-word", "joined-word",
                    "garbled-header", "garbled-name", "spelling", "grammar", "spacing", "other")

COLLATION = Map({
    "editors_note": Opt(TEXT),
    "entries": Map(values=Map({
        "printed": TEXT,
        "reading": TEXT,
        "decision": Enum(DECISIONS),
        "type": Enum(CORRECTION_TYPES),
        "certainty": CERTAINTY,
        "resp": Str(ID, "an editor id from edition.yaml"),
        "evidence": TEXT,
        "second_reading": Map({
            "agrees": Bool(),
            "proposed": Opt(TEXT),
            "settled": Opt(TEXT),
        }),
    }), key_pattern=ID),
    "discussions": List(Map({"id": Str(ID), "title": LINE, "text": TEXT, "decision": TEXT})),
})

APPARATUS = Map({
    "redactions": Opt(Map(values=Map({
        "exemption": EXEMPTION,
        "extent": TEXT,
        "certainty": CERTAINTY,
        "note": Opt(TEXT),
    }), key_pattern=ID)),
    "lacunae": Opt(Map(values=Map({
        "paragraphs": List(Int(1), 0),
        "kind": Enum(("missing-pages", "unmarked-excision", "numbering-slip", "not-in-release")),
        "reason": TEXT,
    }), key_pattern=ID)),
    "insertions": Opt(Map(values=Map({
        "hand": TEXT, "in_reading": Bool(), "note": TEXT}), key_pattern=ID)),
    "deletions": Opt(Map(values=Map({
        "hand": TEXT, "in_reading": Bool(), "note": TEXT}), key_pattern=ID)),
    "duplicates": Opt(Map(values=Map({"of": TEXT, "note": TEXT}), key_pattern=ID)),
    # an explanatory note: what it says beyond the telegram has a source and a certainty
    "notes": Opt(Map(values=Map({"text": TEXT, "source": Opt(TEXT), "certainty": Opt(CERTAINTY)}),
                     key_pattern=ID)),
})

# which YAML table describes each mark kind
RECORD_TABLE = {
    "corr": ("collation", "entries"),
    "sic": ("collation", "entries"),
    "ok": ("collation", "entries"),
    "unclear": ("collation", "entries"),
    "redact": ("apparatus", "redactions"),
    "add": ("apparatus", "insertions"),
    "del": ("apparatus", "deletions"),
    "note": ("apparatus", "notes"),
}
# the collation decision each mark kind must carry
DECISION_OF = {"corr": ("ocr-error",), "sic": ("telegram-slip",), "ok": ("not-an-error",),
               "unclear": ("uncertain",)}

# ------------------------------------------------------------------ registers and glossary
# site_src/registers/{persons,places,organisations,subjects}.yaml and glossary.yaml

PLACE_REF = Str(r"[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*",
                "a place such as <telegram>#p46, <telegram>#h-<heading> or <telegram>#routing-01")
PLACE_REFS = Str(r"[a-z0-9][a-z0-9-]*#(p[1-9][0-9]*(-[1-9][0-9]*)?|[a-z][a-z0-9-]*)",
                 "a place such as <telegram>#p46, a range of paragraphs such as <telegram>#p14-15, or <telegram>#routing-01")
FORM_TEXT = Str(r"\S(.*\S)?", "a form as printed, without leading or trailing spaces")
# A form, or a form limited to telegrams dated within a period, or to named telegrams.
FORM = Either(FORM_TEXT, Map({
    "form": FORM_TEXT,
    "from": Opt(DATE),
    "to": Opt(DATE),
    "telegrams": Opt(List(TELEGRAM_ID, 1)),
}))
EXCEPTION = Map({"at": PLACE_REF, "form": FORM_TEXT, "reason": TEXT})
AUTHORITY = Map({"scheme": Enum(("viaf", "wikidata", "lcnaf", "gnd", "geonames")), "id": LINE, "source": TEXT})
# an office's bounds: a day, or a month where the sources give only the month
OFFICE_DATE = Str(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", "a date written YYYY-MM-DD, or YYYY-MM where only the month is known, in quotes")
OFFICE = Map({"title": LINE, "from": Opt(OFFICE_DATE), "to": Opt(OFFICE_DATE)})


def _entry(**extra) -> Map:
    keys = {
        "name": LINE,
        "sort": Opt(LINE),
        "description": TEXT,
        "certainty": Opt(CERTAINTY),
        "source": Opt(TEXT),
        "authority": Opt(List(AUTHORITY)),
        "forms": Opt(List(FORM)),
        "exceptions": Opt(List(EXCEPTION)),
        "at": Opt(List(PLACE_REFS)),
        "note": Opt(TEXT),
    }
    keys.update(extra)
    return Map(keys)


REGISTER_SCHEMAS = {
    "persons": _entry(offices=Opt(List(OFFICE, 1))),
    "places": _entry(kind=Enum(("country", "city", "region", "site", "body-of-water"))),
    "organisations": _entry(kind=Enum(("government", "ministry", "office", "legislature", "post",
                                       "party", "international", "regime", "treaty", "law", "group"))),
    "subjects": _entry(headings=Opt(List(Map({
        "at": PLACE_REF,
        "paragraphs": Str(r"[1-9][0-9]*(-[1-9][0-9]*)?", "a paragraph or range such as 16-24, in quotes"),
    })))),
}


def register_file(register: str) -> Map:
    return Map({"entries": Map(values=REGISTER_SCHEMAS[register], key_pattern=ID)})


GLOSSARY_KINDS = ("abbreviation", "office-symbol", "term-of-art", "tag", "handling", "code", "date-time")
GLOSSARY = Map({
    "terms": Map(values=Map({
        "term": FORM_TEXT,
        "expansion": TEXT,
        # for a family of codes: what each occurrence means, computed from the pattern's groups,
        # e.g. "section {1:number} of {2:number}" (see the editing guide)
        "gloss": Opt(LINE),
        "kind": Enum(GLOSSARY_KINDS),
        "note": Opt(TEXT),
        "forms": Opt(List(FORM_TEXT)),
        # patterns in the restricted syntax of edition/patterns.py (checked when loaded)
        "patterns": Opt(List(Str(r"[^\n]{1,200}", "a pattern of at most 200 characters on one line"))),
        "exceptions": Opt(List(EXCEPTION)),
        "only_at": Opt(List(PLACE_REF)),
        "certainty": Opt(CERTAINTY),
        "source": Opt(TEXT),
        "see": Opt(List(Str(r"(persons|places|organisations|subjects)#[a-z0-9][a-z0-9-]*",
                            "a register entry such as subjects#human-rights"))),
    }), key_pattern=ID),
    "not_abbreviations": List(Map({"reason": TEXT, "tokens": List(FORM_TEXT, 1)})),
})
