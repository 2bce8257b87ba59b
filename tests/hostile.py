"""Hostile source text: one table of (source field, payload) that grows with the source format.

FIELDS names every free-text field of every source file (its YAML path, `*` for an id or a list
item) with the payload written into it; CONSTRAINED names the free-text fields that cannot hold
arbitrary text (they must match the transcription or be found in it) and says where they are
probed instead. `test_trust.py` checks that together they cover every free-text field the schemas
declare, so that a new field cannot be added without being probed.
"""
from __future__ import annotations

import json
from pathlib import Path

# Markup, a broken-out attribute, a closed <title>, Markdown and Jinja syntax, entities.
LINE = ('pwned "><svg onload=alert(1)></title><script>alert("pwned-script")</script>'
        '<img src=x onerror=alert(2) class=pwned> [x](javascript:alert(3)) {{ 7*7 }} *em* &amp; &lt;')
# ... and, where the field may hold several lines, a front matter and a Markdown block of its own.
TEXT = LINE + "\n\n---\ntitle: pwned-front-matter\n---\n\n<div class=pwned-div>\n\n1. item {: #pwned-attr }"

FIELDS = {
    "edition.yaml": ["title", "short_title", "editors.*.name", "editors.*.role", "publisher", "licence", "contact"],
    "versions.yaml": ["versions.*.summary"],
    "cable.yaml": ["post", "title", "from", "to", "dtg", "precedence", "classification", "caveat", "subject",
                   "signer", "summary", "release.status", "release.review_authority", "release.case_id",
                   "release.office", "witness.description", "relations.*.relation", "commentary.*.link",
                   "commentary.*.about", "pages.*.section", "pages.*.page", "pages.*.time", "pages.*.label",
                   "pages.*.note", "paragraphs.*.reason", "matter.*.label", "matter.*.description",
                   "embedded.*.title", "embedded.*.participants.*", "embedded.*.note"],
    "collation.yaml": ["editors_note", "entries.*.evidence", "entries.*.second_reading.proposed",
                       "entries.*.second_reading.settled", "discussions.*.title", "discussions.*.text",
                       "discussions.*.decision"],
    "apparatus.yaml": ["redactions.*.extent", "redactions.*.note", "lacunae.*.reason", "insertions.*.hand",
                       "insertions.*.note", "deletions.*.hand", "deletions.*.note", "duplicates.*.of",
                       "duplicates.*.note", "notes.*.text", "notes.*.source"],
    "persons.yaml": ["entries.*.name", "entries.*.sort", "entries.*.description", "entries.*.source",
                     "entries.*.note", "entries.*.offices.*.title", "entries.*.authority.*.id",
                     "entries.*.authority.*.source", "entries.*.exceptions.*.reason"],
    "places.yaml": ["entries.*.name", "entries.*.sort", "entries.*.description", "entries.*.source",
                    "entries.*.note", "entries.*.authority.*.id", "entries.*.authority.*.source",
                    "entries.*.exceptions.*.reason"],
    "organisations.yaml": ["entries.*.name", "entries.*.sort", "entries.*.description", "entries.*.source",
                           "entries.*.note", "entries.*.authority.*.id", "entries.*.authority.*.source",
                           "entries.*.exceptions.*.reason"],
    "subjects.yaml": ["entries.*.name", "entries.*.sort", "entries.*.description", "entries.*.source",
                      "entries.*.note", "entries.*.authority.*.id", "entries.*.authority.*.source",
                      "entries.*.exceptions.*.reason"],
    "glossary.yaml": ["terms.*.expansion", "terms.*.gloss", "terms.*.note", "terms.*.source", "terms.*.exceptions.*.reason",
                      "not_abbreviations.*.reason"],
}
# a field of the head or a page's identity may be given with its basis: every part is probed
IDENTITIES = ["from", "to", "date", "dtg", "precedence", "classification", "caveat", "subject", "signer", "sections",
              "pages.*.section", "pages.*.page", "pages.*.time"]
FIELDS["cable.yaml"] += [f"{i}.{part}" for i in IDENTITIES for part in ("value", "printed", "evidence")
                         if (i, part) not in (("date", "value"), ("sections", "value"))]
CONSTRAINED = {
    "collation.yaml": {"entries.*.printed": "the transcription's printed form: probed as OCR text",
                       "entries.*.reading": "the transcription's reading: probed in a correction's reading"},
    "persons.yaml": {"entries.*.forms.*": "found in the text: probed as OCR text",
                     "entries.*.forms.*.form": "as above", "entries.*.exceptions.*.form": "as above"},
    "places.yaml": {"entries.*.forms.*": "as above", "entries.*.forms.*.form": "as above",
                    "entries.*.exceptions.*.form": "as above"},
    "organisations.yaml": {"entries.*.forms.*": "as above", "entries.*.forms.*.form": "as above",
                           "entries.*.exceptions.*.form": "as above"},
    "subjects.yaml": {"entries.*.forms.*": "as above", "entries.*.forms.*.form": "as above",
                      "entries.*.exceptions.*.form": "as above"},
    "glossary.yaml": {"terms.*.term": "the heading of the entry: found in the text (its default form)",
                      "terms.*.forms.*": "found in the text", "terms.*.exceptions.*.form": "found in the text",
                      "not_abbreviations.*.tokens.*": "words of the text"},
}
# Fields whose value must keep some of its form (a gloss names the groups of its pattern): the
# payload is added to what they hold.
KEEP = {("glossary.yaml", "terms.*.gloss"): lambda old: old + " " + LINE}
# OCR lines put into the witness and the transcription (a paragraph's text)
OCR = [LINE, "13. UNDER SECRETARY <a href=javascript:alert(1)>pwned-a</a>", "<!-- pwned comment"]


def _set(data, path: list[str], value_for) -> int:
    """Set every string at `path` (with * for any key or item); returns how many were set."""
    if not path:
        return 0
    head, rest = path[0], path[1:]
    items = (list(data.items()) if isinstance(data, dict) else list(enumerate(data))) if head == "*" else \
        ([(head, data[head])] if isinstance(data, dict) and head in data else [])
    n = 0
    for key, value in items:
        if not rest:
            if isinstance(value, str):
                data[key] = value_for(value)
                n += 1
        elif isinstance(value, (dict, list)):
            n += _set(value, rest, value_for)
    return n


def write_hostile(src: Path, plain_load) -> dict[str, int]:
    """Put the payload in every field of FIELDS that the edition at `src` holds (files rewritten
    as JSON, which is YAML); returns how many values each file received."""
    counts = {}
    files = {"edition.yaml": [src / "edition.yaml"], "versions.yaml": [src / "versions.yaml"],
             "cable.yaml": sorted(src.glob("cables/*/cable.yaml")),
             "collation.yaml": sorted(src.glob("cables/*/collation.yaml")),
             "apparatus.yaml": sorted(src.glob("cables/*/apparatus.yaml"))}
    for name in ("persons", "places", "organisations", "subjects", "glossary"):
        files[f"{name}.yaml"] = [src / "registers" / f"{name}.yaml"]
    for kind, fields in FIELDS.items():
        for path in files[kind]:
            if not path.exists():
                continue
            data = plain_load(path)
            n = 0
            for f in fields:
                n += _set(data, f.split("."), lambda old, f=f: (KEEP[kind, f](old) if (kind, f) in KEEP else
                                                                LINE if _is_line(kind, f) else TEXT))
            counts[f"{path.relative_to(src)}"] = n
            # YAML with each top-level value in flow style (JSON): the keys stay plain words
            path.write_text("".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in data.items()),
                            encoding="utf-8")
    return counts


def _is_line(kind: str, field: str) -> bool:
    return free_text_fields().get((kind, field)) == "line"


def free_text_fields() -> dict[tuple[str, str], str]:
    """Every free-text field the schemas declare: (file, path) -> "line" or "text"."""
    from generator.sources import formats
    from generator.sources.schema import List, Map, Opt, Str
    out: dict[tuple[str, str], str] = {}

    def walk(kind, schema, path):
        if isinstance(schema, Opt):
            schema = schema.schema
        if isinstance(schema, formats.Either):
            walk(kind, schema.short, path)
            walk(kind, schema.long, path)
            return
        if isinstance(schema, Map):
            if schema.values is not None:
                walk(kind, schema.values, path + ["*"])
            for k, sub in schema.keys.items():
                walk(kind, sub, path + [k])
            return
        if isinstance(schema, List):
            walk(kind, schema.item, path + ["*"])
            return
        if isinstance(schema, Str):
            key = ".".join(path)
            if schema.pattern is None:
                out[(kind, key)] = "text"
            elif schema.pattern == formats.LINE.pattern:
                out[(kind, key)] = "line"
            elif schema.pattern == formats.FORM_TEXT.pattern:
                out[(kind, key)] = "form"
    walk("edition.yaml", formats.EDITION, [])
    walk("versions.yaml", formats.VERSIONS, [])
    walk("cable.yaml", formats.CABLE, [])
    walk("collation.yaml", formats.COLLATION, [])
    walk("apparatus.yaml", formats.APPARATUS, [])
    for register in ("persons", "places", "organisations", "subjects"):
        walk(f"{register}.yaml", formats.register_file(register), [])
    walk("glossary.yaml", formats.GLOSSARY, [])
    return out
