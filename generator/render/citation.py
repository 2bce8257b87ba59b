"""Citations of a telegram or of one of its paragraphs: Chicago (note and bibliography),
BibTeX, RIS and CSL-JSON; the per-paragraph "Cite" control; the page's metadata for
reference managers.

Every format is built from one `Ref`, so the forms agree. Each format escapes for itself:
BibTeX escapes LaTeX's special characters and protects capitals with braces; RIS keeps every
value on its one line; CSL-JSON is JSON; the Chicago form is a list of (text, italic) runs that
becomes plain text (for copying) or escaped HTML (templates/cite.html.j2).

Titles: the sources give telegram titles in sentence case. Chicago and BibTeX get them in
headline style (`headline`); RIS and CSL-JSON keep them as given, since reference managers and
CSL styles apply the style's own casing.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..model import Cable, Edition
from . import json_text, paths
from .escape import json_script
from .templates import macros

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SMALL_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
               "off", "on", "per", "to", "up", "via", "with", "from", "into", "onto", "over", "than", "vs"}


@dataclass(frozen=True)
class Ref:
    """What a citation says, whatever its format."""
    key: str                 # e.g. ottawa99001p14
    number: str
    title: str               # as the sources give it
    sender: str
    recipient: str
    date: datetime.date
    paragraph: int | None
    url: str
    edition_title: str
    editors: tuple[str, ...]
    publisher: str
    version: str
    edition_date: datetime.date
    licence: str


def _short(name: str) -> str:
    """'American Embassy Lisbon (AMEMBASSY LISBON)' -> 'American Embassy Lisbon'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()


def key_of(cable: Cable) -> str:
    """A citation key from the telegram's post and id: ottawa99001."""
    return re.sub(r"[^a-z0-9]", "", paths.download_stem(cable))


def ref(edition: Edition, cable: Cable, paragraph: int | None = None) -> Ref:
    em = edition.meta
    whole = Ref(
        key=key_of(cable), number=cable.number, title=cable.meta["title"], sender=_short(cable.head_value("from")),
        recipient=_short(cable.head_value("to")), date=cable.date, paragraph=None,
        url=paths.absolute(em["site_url"], paths.reading(cable.id), ""),
        edition_title=em["title"],
        editors=tuple(e["name"] for e in em["editors"] if e.get("in_citation") is not False),
        publisher=em["publisher"], version=em["version"],
        edition_date=datetime.date.fromisoformat(em["date"]), licence=em["licence"])
    return at_paragraph(edition, cable, whole, paragraph) if paragraph else whole


def at_paragraph(edition: Edition, cable: Cable, whole: Ref, paragraph: int) -> Ref:
    """The reference to one paragraph, from the telegram's (`ref(edition, cable)`)."""
    return dataclasses.replace(whole, key=f"{whole.key}p{paragraph}", paragraph=paragraph,
                               url=paths.absolute(edition.meta["site_url"], paths.reading(cable.id),
                                                  f"p{paragraph}"))


@lru_cache(maxsize=1024)       # (a page cites every paragraph of one telegram: one title, many calls)
def headline(title: str) -> str:
    """Chicago headline style: capitalise every word but short function words (unless first,
    last or after a colon); words already holding capitals are left alone."""
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        first = i == 0 or out[-1].endswith((":", "—", "?", "!"))
        last = i == len(words) - 1
        bare = w.strip("\"'“‘(").lower()
        if w[:1].islower() and (first or last or bare not in SMALL_WORDS):
            w = w[0].upper() + w[1:]
        out.append(w)
    return " ".join(out)


def us_date(d: datetime.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _editors(r: Ref) -> str:
    names = list(r.editors)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


# ---------------------------------------------------------------- Chicago

Runs = list[tuple[str, bool]]     # (text, italic)


def chicago_note(r: Ref) -> Runs:
    """Chicago notes style, 17th ed. (14.233-14.234 and 14.169 for an online edition)."""
    para = f" para. {r.paragraph}," if r.paragraph else ""
    eds = f", ed. {_editors(r)}" if r.editors else ""
    return [
        (f"{r.sender} to {r.recipient}, telegram {r.number}, {us_date(r.date)}, “{headline(r.title)},”"
         f"{para} in ", False),
        (r.edition_title, True),
        (f", version {r.version}{eds} ({r.publisher}, {r.edition_date.year}), {r.url}.", False),
    ]


def chicago_bibliography(r: Ref) -> Runs:
    eds = f", edited by {_editors(r)}" if r.editors else ""
    return [
        (f"{r.sender}. Telegram {r.number} to {r.recipient}. “{headline(r.title)}.” {us_date(r.date)}. In ", False),
        (r.edition_title, True),
        (f", version {r.version}{eds}. {r.publisher}, {r.edition_date.year}. {r.url}.", False),
    ]


def plain(runs: Runs) -> str:
    return "".join(t for t, _ in runs)


def runs_html(runs: Runs) -> Markup:
    return macros("cite.html.j2").runs(runs)


# ---------------------------------------------------------------- BibTeX

_BIB = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
        "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


_BIB_TABLE = str.maketrans(_BIB)
_BIB_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


@lru_cache(maxsize=1024)       # (the same few values in every paragraph's entry)
def bib_escape(text: str) -> str:
    """Plain text as a BibTeX/LaTeX field value: special characters escaped, braces balanced."""
    return " ".join(text.split()).translate(_BIB_TABLE)


def bib_url(url: str) -> str:
    """A URL for BibTeX's verbatim url field: only what could unbalance the field is encoded."""
    return url.translate(_BIB_URL)


def bibtex(r: Ref) -> str:
    what = f"Telegram {r.number} to {r.recipient}" + (f", paragraph {r.paragraph}" if r.paragraph else "")
    eds = f", edited by {_editors(r)}" if r.editors else ""
    fields = [
        ("author", "{" + bib_escape(r.sender) + "}"),
        ("title", "{" + bib_escape(headline(r.title)) + "}"),
        ("howpublished", bib_escape(what)),
        ("date", r.date.isoformat()),
        ("year", str(r.date.year)),
        ("month", None),
        ("note", "In \\emph{" + bib_escape(r.edition_title) + "}, version " + bib_escape(r.version)
         + bib_escape(eds) + " (" + bib_escape(r.publisher) + ", " + str(r.edition_date.year) + ")"),
        ("publisher", "{" + bib_escape(r.publisher) + "}"),
        ("version", bib_escape(r.version)),
        ("url", bib_url(r.url)),
    ]
    width = max(len(k) for k, _ in fields)
    lines = [f"@misc{{{r.key},"]
    for k, v in fields:
        value = BIB_MONTHS[r.date.month - 1] if k == "month" else "{" + v + "}"
        lines.append(f"  {k.ljust(width)} = {value},")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- RIS

def _ris_value(text: str) -> str:
    return " ".join(str(text).split())


def ris(r: Ref) -> str:
    eds = [("A2", e) for e in r.editors]
    rows = [
        ("TY", "GOVDOC"),
        ("AU", r.sender),
        ("TI", r.title),
        ("T2", r.edition_title),
        *eds,
        ("DA", f"{r.date.year:04d}/{r.date.month:02d}/{r.date.day:02d}/"),
        ("PY", str(r.date.year)),
        ("M1", r.number),
        ("M3", "Telegram"),
        ("ET", f"Version {r.version}"),
        ("PB", r.publisher),
        ("LA", "en"),
        ("UR", r.url),
        ("N1", f"Telegram {r.number} from {r.sender} to {r.recipient}"
               + (f"; cited at paragraph {r.paragraph}" if r.paragraph else "") + f". {r.licence}"),
        ("ER", ""),
    ]
    return "".join(f"{k}  - {_ris_value(v)}".rstrip() + "\n" if k == "ER" else f"{k}  - {_ris_value(v)}\n"
                   for k, v in rows)


# ---------------------------------------------------------------- CSL-JSON

def csl(r: Ref) -> dict:
    item = {
        "id": r.key,
        "type": "document",
        "genre": "Telegram",
        "title": r.title,
        "author": [{"literal": r.sender}],
        "recipient": [{"literal": r.recipient}],
        "issued": {"date-parts": [[r.date.year, r.date.month, r.date.day]]},
        "number": r.number,
        "container-title": r.edition_title,
        "editor": [{"literal": e} for e in r.editors],
        "publisher": r.publisher,
        "version": r.version,
        "language": "en",
        "URL": r.url,
    }
    if r.paragraph:
        item["note"] = f"Paragraph {r.paragraph}"
    return item


# ---------------------------------------------------------------- files and page parts

def bibtex_file(edition: Edition, cable: Cable) -> str:
    return bibtex(ref(edition, cable))


def ris_file(edition: Edition, cable: Cable) -> str:
    return ris(ref(edition, cable))


def csl_file(edition: Edition, cable: Cable) -> str:
    return json_text.dumps([csl(ref(edition, cable))]) + "\n"


def cite_controls(edition: Edition, cable: Cable):
    """The "Cite ¶n" control under each paragraph n of a telegram (a function of n): a <details>
    element (keyboard accessible and working without JavaScript) holding the Chicago note and
    the BibTeX entry for the paragraph; docs/assets/cite.js adds the copy buttons."""
    whole = ref(edition, cable)
    cite = macros("cite.html.j2").cite

    def control(n: int) -> Markup:
        r = at_paragraph(edition, cable, whole, n)
        return cite(n, chicago_note(r), bibtex(r).rstrip("\n"))
    return control


def page_meta(edition: Edition, cable: Cable, downloads: list[tuple[str, str]]) -> dict:
    """Metadata for a telegram's page, for reference managers and search engines: Highwire
    Press `citation_*` and Dublin Core meta tags, and a schema.org description as JSON-LD.
    They reach the page's <head> through its front matter and overrides/main.html, which
    escapes the meta values; the JSON-LD is escaped here so no text can close its script.
    `downloads`: (path, media type) of the telegram's data downloads."""
    r = ref(edition, cable)
    m, em = cable.meta, edition.meta
    tags = list(m.get("tags") or ())
    slash = r.date.strftime("%Y/%m/%d")
    meta: list[tuple[str, str]] = [
        ("citation_title", r.title),
        ("citation_author", r.sender),
        ("citation_date", slash),
        ("citation_publication_date", slash),
        ("citation_online_date", r.edition_date.strftime("%Y/%m/%d")),
        ("citation_publisher", r.publisher),
        ("citation_technical_report_institution", r.sender),
        ("citation_technical_report_number", f"Telegram {r.number}"),
        ("citation_inbook_title", r.edition_title),
    ]
    meta += [("citation_editor", e) for e in r.editors]
    meta += [("citation_language", "en")]
    if tags:
        meta += [("citation_keywords", "; ".join(tags))]
    meta += [
        ("citation_abstract_html_url", r.url),
        ("citation_fulltext_html_url", r.url),
        ("DC.title", r.title),
        ("DC.creator", r.sender),
        ("DC.date", r.date.isoformat()),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.identifier", r.url),
        ("DC.language", "en"),
        ("DC.publisher", r.publisher),
        ("DC.relation.ispartof", r.edition_title),
        ("DC.rights", "The telegram is a US Government work in the public domain. " + r.licence),
        ("DC.description", " ".join(m["summary"].split())),
    ]
    meta += [("DC.contributor", e) for e in r.editors]
    meta += [("DC.subject", tag) for tag in tags]
    ld = {
        "@context": "https://schema.org",
        "@type": "Message",
        "@id": r.url,
        "url": r.url,
        "name": f"{cable.label}: {r.title}",
        "identifier": cable.label,
        "headline": cable.head_value("subject") or r.title,
        "abstract": " ".join(m["summary"].split()),
        "sender": {"@type": "Organization", "name": r.sender},
        "recipient": {"@type": "Organization", "name": r.recipient},
        "dateSent": r.date.isoformat(),
        "inLanguage": "en",
        "keywords": tags,
        "copyrightNotice": "Work of the US Government, in the public domain",
        "isPartOf": {
            "@type": "CreativeWork",
            "name": r.edition_title,
            "url": em["site_url"],
            "version": r.version,
            "datePublished": r.edition_date.isoformat(),
            "publisher": {"@type": "Organization", "name": r.publisher},
            "editor": [{"@type": "Organization", "name": e} for e in r.editors],
            "license": r.licence,
        },
        "encoding": [{"@type": "MediaObject", "encodingFormat": fmt,
                      "contentUrl": paths.absolute(em["site_url"], path)} for path, fmt in downloads],
    }
    return {"meta": meta, "jsonld": json_script(json.dumps(ld, ensure_ascii=False, sort_keys=False))}
