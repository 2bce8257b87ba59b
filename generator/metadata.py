"""The schemas of the YAML sources, declared as data, and their checking.

edition.yaml (site_src/): the edition as a publication.
cable.yaml (site_src/cables/<n>/): one telegram: its head, pages, paragraphs, matter.
collation.yaml: every suspect token considered, with its decision and evidence.
apparatus.yaml: redactions, lacunae, insertions, strike-throughs, duplicates, notes.
"""
from __future__ import annotations

from .schema import Bool, Enum, Int, List, Map, Opt, Str, Schema

ID = r"[a-z0-9][a-z0-9-]*"
TELEGRAM = Str(r"[0-9]{1,6}", "a telegram number in quotes, e.g. \"13790\"")
DATE = Str(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date written YYYY-MM-DD in quotes")
CERTAINTY = Enum(("high", "medium", "low"))
TEXT = Str()


class Either(Schema):
    """A short form (a string) or a long form (a mapping)."""

    def __init__(self, short: Schema, long: Map):
        self.short, self.long = short, long

    def check(self, value, pos, problems, where):
        if isinstance(value, dict):
            return self.long.check(value, pos, problems, where)
        return self.short.check(value, pos, problems, where)


IDENTITY = Either(
    Str(),
    Map({
        "value": Opt(Str()),
        "printed": Opt(Str()),
        "basis": Enum(("printed", "corrected", "inferred", "unknown")),
        "evidence": TEXT,
    }),
)

EDITION = Map({
    "title": TEXT,
    "short_title": TEXT,
    "version": Str(r"[0-9]+\.[0-9]+(\.[0-9]+)?", "a version such as 1.0"),
    "date": DATE,
    # in_citation: false keeps an editor out of the "edited by" of citations (default: named)
    "editors": List(Map({"id": Str(ID), "name": TEXT, "role": TEXT, "in_citation": Opt(Bool())}), 1),
    "publisher": TEXT,
    "licence": TEXT,
    "site_url": Str(r"https://[^\s]+/", "an absolute https URL ending in /"),
    "contact": TEXT,
})

VERSIONS = Map({
    "versions": List(Map({
        "version": Str(r"[0-9]+\.[0-9]+(\.[0-9]+)?", "a version such as 1.0"),
        "date": DATE,
        "summary": TEXT,
    }), 1),
})

PAGE = Map({
    "id": Str(ID, "a page id such as 13790-01-02"),
    "telegram": TELEGRAM,
    "kind": Enum(("text", "routing")),
    "section": IDENTITY,
    "page": IDENTITY,
    "time": IDENTITY,
    "label": TEXT,
    "note": Opt(TEXT),
})

PARAGRAPH_STATUSES = ("present", "partial", "withheld-in-part", "withheld", "missing")
PARAGRAPH = Map({
    "status": Enum(PARAGRAPH_STATUSES),
    "reason": Opt(TEXT),
})

MATTER = Map({
    "kind": Enum(("routing-sheet", "distribution", "handwritten-note", "stamp", "review-stamp",
                  "release-stamp", "classification-stamp", "repeat-note", "caption-note",
                  "subject", "signature", "warning", "control-number", "marginalia")),
    "label": TEXT,
    "description": TEXT,
})

CABLE = Map({
    "telegram": TELEGRAM,
    "title": TEXT,
    "from": TEXT,
    "to": TEXT,
    "date": DATE,
    "dtg": Opt(TEXT),
    "precedence": Opt(TEXT),
    "classification": TEXT,
    "caveat": Opt(TEXT),
    "tags": List(Str(r"[A-Z]{2,4}", "a TAGS code"), 1),
    "subject": TEXT,
    "signer": Opt(TEXT),
    "sections": Int(1, 99),
    "paragraph_count": Opt(Int(1, 999)),
    "summary": TEXT,
    "release": Map({
        "status": TEXT,
        "exemptions": List(Str(r"B[1-9]", "a FOIA exemption such as B1")),
        "review_date": Opt(DATE),
        "review_authority": Opt(TEXT),
        "case_id": Opt(TEXT),
        "office": Opt(TEXT),
    }),
    "witness": Opt(Map({
        "file": Str(r"[A-Za-z0-9._-]+", "a file name in this folder"),
        "transcription": Str(r"[A-Za-z0-9._-]+", "a file name in this folder"),
        "sha256": Str(r"[0-9a-f]{64}", "a SHA-256 checksum in hex"),
        "lines": Int(1),
        "description": TEXT,
    })),
    "known_from": Opt(TEXT),
    "relations": Opt(List(Map({"telegram": TELEGRAM, "relation": TEXT}))),
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
    "discussions": List(Map({"id": Str(ID), "title": TEXT, "text": TEXT, "decision": TEXT})),
})

APPARATUS = Map({
    "redactions": Opt(Map(values=Map({
        "exemption": Str(r"B[1-9]", "a FOIA exemption such as B1"),
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
    "notes": Opt(Map(values=Map({"text": TEXT, "source": Opt(TEXT)}), key_pattern=ID)),
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

PLACE_REF = Str(r"[0-9]{1,6}#[a-z0-9][a-z0-9-]*", "a place such as 13790#p46, 13790#h-trade-matters or 13790#routing-01")
PLACE_REFS = Str(r"[0-9]{1,6}#(p[1-9][0-9]*(-[1-9][0-9]*)?|[a-z][a-z0-9-]*)",
                 "a place such as 13790#p46, a range of paragraphs such as 13790#p14-15, or 13790#routing-01")
FORM = Str(r"\S(.*\S)?", "a form as printed, without leading or trailing spaces")
EXCEPTION = Map({"at": PLACE_REF, "form": FORM, "reason": TEXT})
AUTHORITY = Map({"scheme": Enum(("viaf", "wikidata", "lcnaf", "gnd", "geonames")), "id": TEXT, "source": TEXT})


def _entry(**extra) -> Map:
    keys = {
        "name": TEXT,
        "sort": Opt(TEXT),
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
    "persons": _entry(office=Opt(TEXT)),
    "places": _entry(kind=Enum(("country", "city", "region", "site", "body-of-water"))),
    "organisations": _entry(kind=Enum(("government", "ministry", "office", "legislature", "post",
                                       "party", "international", "regime", "treaty", "law", "group"))),
    "subjects": _entry(headings=Opt(List(Map({
        "at": PLACE_REF,
        "paragraphs": Str(r"[1-9][0-9]*(-[1-9][0-9]*)?", "a paragraph or range such as 16-24, in quotes"),
    })))),
}

GLOSSARY_KINDS = ("abbreviation", "office-symbol", "term-of-art", "tag", "handling", "code", "date-time")
GLOSSARY = Map({
    "terms": Map(values=Map({
        "term": FORM,
        "expansion": TEXT,
        "kind": Enum(GLOSSARY_KINDS),
        "note": Opt(TEXT),
        "forms": Opt(List(FORM)),
        "patterns": Opt(List(TEXT)),
        "exceptions": Opt(List(EXCEPTION)),
        "only_at": Opt(List(PLACE_REF)),
        "certainty": Opt(CERTAINTY),
        "source": Opt(TEXT),
        "see": Opt(List(Str(r"(persons|places|organisations|subjects)#[a-z0-9][a-z0-9-]*",
                            "a register entry such as subjects#human-rights"))),
    }), key_pattern=ID),
    "not_abbreviations": List(Map({"reason": TEXT, "tokens": List(FORM, 1)})),
})
