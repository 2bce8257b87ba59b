"""Citations of a telegram or of one of its paragraphs: Chicago (note and bibliography),
BibTeX, RIS and CSL-JSON; the per-paragraph "Cite" control; the citation policy page.

Every format is built from one `Ref`, so the forms agree. Each format escapes for itself:
BibTeX escapes LaTeX's special characters and protects capitals with braces; RIS keeps every
value on its one line; CSL-JSON is JSON; the Chicago form is a list of (text, italic) runs that
becomes plain text (for copying) or escaped HTML (for the page).

Titles: the sources give telegram titles in sentence case. Chicago and BibTeX get them in
headline style (`headline`); RIS and CSL-JSON keep them as given, since reference managers and
CSL styles apply the style's own casing.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from markupsafe import Markup

from . import outputs
from .escape import html
from .model import Cable, Edition
from .templates import render

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SMALL_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
               "off", "on", "per", "to", "up", "via", "with", "from", "into", "onto", "over", "than", "vs"}


@dataclass(frozen=True)
class Ref:
    """What a citation says, whatever its format."""
    key: str                 # e.g. beijing13790p14
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
    """'American Embassy Beijing (AMEMBASSY BEIJING)' -> 'American Embassy Beijing'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()


def ref(edition: Edition, cable: Cable, paragraph: int | None = None) -> Ref:
    m, em = cable.meta, edition.meta
    return Ref(
        key=f"beijing{cable.number}" + (f"p{paragraph}" if paragraph else ""),
        number=cable.number, title=m["title"], sender=_short(m["from"]), recipient=_short(m["to"]),
        date=datetime.date.fromisoformat(m["date"]), paragraph=paragraph,
        url=outputs.absolute(edition, outputs.reading(cable.number), f"p{paragraph}" if paragraph else ""),
        edition_title=em["title"],
        editors=tuple(e["name"] for e in em["editors"] if e.get("in_citation") is not False),
        publisher=em["publisher"], version=em["version"],
        edition_date=datetime.date.fromisoformat(em["date"]), licence=em["licence"])


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
    return Markup("").join(Markup("<em>") + html(t) + Markup("</em>") if it else html(t) for t, it in runs)


# ---------------------------------------------------------------- BibTeX

_BIB = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
        "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(text: str) -> str:
    """Plain text as a BibTeX/LaTeX field value: special characters escaped, braces balanced."""
    return "".join(_BIB.get(c, c) for c in " ".join(text.split()))


def bib_url(url: str) -> str:
    """A URL for BibTeX's verbatim url field: only what could unbalance the field is encoded."""
    return "".join({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}.get(c, c) for c in url)


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
    return json.dumps([csl(ref(edition, cable))], ensure_ascii=False, indent=2) + "\n"


def cite_control(edition: Edition, cable: Cable, n: int) -> Markup:
    """The "Cite ¶n" control under a paragraph: a <details> element (keyboard accessible and
    working without JavaScript) holding the Chicago note and the BibTeX entry for the paragraph;
    docs/assets/cite.js adds the copy buttons. Every text is HTML-escaped; the block is raw HTML
    inside the paragraph's Markdown, so Markdown never sees it."""
    r = ref(edition, cable, n)
    return Markup(
        f'<details class="ed-cite" data-search-exclude="true">\n'
        f'<summary>Cite ¶{n}</summary>\n'
        f'<div class="ed-cite-body">\n'
        f'<div class="ed-cite-format" data-format="chicago"><p class="ed-cite-label">Chicago (note)</p>\n'
        f'<p class="ed-cite-text">') + runs_html(chicago_note(r)) + Markup(
        '</p></div>\n'
        '<div class="ed-cite-format" data-format="bibtex"><p class="ed-cite-label">BibTeX</p>\n'
        '<pre class="ed-cite-text"><code>') + html(bibtex(r).rstrip("\n")) + Markup(
        '</code></pre></div>\n'
        '</div>\n'
        '</details>')


def citing_page(edition: Edition) -> str:
    here = outputs.CITING
    main = next((c for c in edition.cables.values() if c.has_transcription), None)
    examples = None
    if main is not None:
        n = 14 if 14 in main.paragraphs else next(iter(main.paragraphs), None)
        pr, tr = ref(edition, main, n), ref(edition, main)
        examples = {
            "n": n, "number": main.number,
            "note": runs_html(chicago_note(pr)),
            "bibliography": runs_html(chicago_bibliography(tr)),
            "bibtex": bibtex(pr).rstrip("\n"),
            "ris": ris(pr).rstrip("\n"),
            "csl": json.dumps([csl(pr)], ensure_ascii=False, indent=2),
            "url": pr.url,
            "reading": outputs.link(here, outputs.reading(main.number), f"p{n}"),
            "release": outputs.link(here, outputs.release(main.number)),
            "collation": outputs.link(here, outputs.collation(main.number)),
            "downloads": outputs.link(here, outputs.DOWNLOADS),
        }
    m = edition.meta
    return render("citing.md.j2", edition=edition, meta=m, ex=examples,
                  reading_url=outputs.absolute(edition, outputs.reading(main.number)) if main else "",
                  editors=[e for e in m["editors"]],
                  cited_editors=_editors(ref(edition, main)) if main else "",
                  changelog=outputs.link(here, outputs.CHANGELOG),
                  downloads=outputs.link(here, outputs.DOWNLOADS),
                  editing=outputs.link(here, outputs.EDITING),
                  method=outputs.link(here, outputs.METHOD))


# ---------------------------------------------------------------- page metadata

def page_meta(edition: Edition, cable: Cable) -> dict:
    """Metadata for a telegram's page, for reference managers and search engines: Highwire
    Press `citation_*` and Dublin Core meta tags, and a schema.org description as JSON-LD.
    They reach the page's <head> through its front matter and overrides/main.html; the theme
    escapes the meta values, and the JSON-LD is escaped here so no text can close its script."""
    from .escape import json_script
    r = ref(edition, cable)
    m, em = cable.meta, edition.meta
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
    meta += [
        ("citation_language", "en"),
        ("citation_keywords", "; ".join(m["tags"])),
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
    meta += [("DC.subject", tag) for tag in m["tags"]]
    ld = {
        "@context": "https://schema.org",
        "@type": "Message",
        "@id": r.url,
        "url": r.url,
        "name": f"Beijing {r.number}: {r.title}",
        "identifier": f"Beijing {r.number}",
        "headline": m["subject"],
        "abstract": " ".join(m["summary"].split()),
        "sender": {"@type": "Organization", "name": r.sender},
        "recipient": {"@type": "Organization", "name": r.recipient},
        "dateSent": r.date.isoformat(),
        "inLanguage": "en",
        "keywords": list(m["tags"]),
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
        "encoding": [
            {"@type": "MediaObject", "encodingFormat": fmt,
             "contentUrl": outputs.absolute(edition, outputs.download(cable.number, kind))}
            for kind, fmt in (("tei", "application/tei+xml"), ("json", "application/json"),
                              ("txt", "text/plain"))
            if kind == "json" or cable.has_transcription
        ],
    }
    return {"meta": meta, "jsonld": json_script(json.dumps(ld, ensure_ascii=False, sort_keys=False))}
