"""Pages about the edition: home, the list of telegrams, the editorial method (with counts)."""
from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from ..edition import stats
from ..model import Cable, Edition
from ..sources.formats import PARAGRAPH_STATUSES
from . import paths
from .page import PageOut, finish, slugify
from .reading import STATUS_WORDS
from .templates import macros, render

OTHER_WORDS = {"redact": "redactions", "add": "handwritten insertions", "del": "strike-throughs",
               "note": "explanatory notes"}


def telegram_rows(edition: Edition, here: str) -> list[dict]:
    rows = []
    for cable in edition.cables.values():
        classification = cable.head_value("classification") or ""
        if cable.head_value("caveat"):
            classification += f"; {cable.head_value('caveat')}"
        status = cable.meta["release"]["status"]
        if cable.has_transcription:
            counts = Counter(p.status for p in cable.paragraphs.values())
            status += f" ({len(cable.paragraphs)} paragraphs: " + ", ".join(
                f"{counts[s]} {STATUS_WORDS[s].lower()}" for s in PARAGRAPH_STATUSES if counts[s]) + ")"
        else:
            status += f" ({len(edition.witness_pages_of(cable.id))} page(s) in another release)"
        rows.append({"href": paths.link(here, paths.reading(cable.id)), "label": cable.label,
                     "key": f"{cable.post} {int(''.join(c for c in cable.number if c.isdigit()) or 0):08d}",
                     "release": paths.link(here, paths.release(cable.id)) if cable.has_transcription else None,
                     "post": cable.post, "date": cable.iso_date,
                     "subject": cable.head_value("subject") or cable.meta["title"],
                     "classification": classification, "status": status})
    return rows


def most_common_exemption(edition: Edition) -> str:
    counts = Counter(iv.record.get("exemption") for c in edition.cables.values()
                     for iv in c.interventions.values() if iv.kind == "redact")
    return counts.most_common(1)[0][0] if counts else "exemption"


def home(edition: Edition) -> PageOut:
    here = paths.HOME
    main: Cable | None = edition.featured
    context = {}
    if main is not None:
        counts = stats.cable_counts(main)
        rel = main.meta["release"]
        date = main.iso_date + (f" ({main.head_value('dtg')})" if main.head_value("dtg") else "")
        classification = main.head_value("classification") + (f"; {main.head_value('caveat')}"
                                                               if main.head_value("caveat") else "")
        release = rel["status"] + (f", {rel['review_date']}" if rel.get("review_date") else "") + (
            f"; exemption {', '.join(rel['exemptions'])}" if rel.get("exemptions") else "")
        paragraphs = f"{len(main.paragraphs)}: " + ", ".join(
            f"{counts['paragraphs'].get(s, 0)} {STATUS_WORDS[s].lower()}" for s in PARAGRAPH_STATUSES)
        context = {
            "glance": [("Telegram", f"{main.label} ({main.document_number})"), ("Date", date),
                       ("From / to", f"{main.head_value('from')} / {main.head_value('to')}"),
                       ("Subject", main.head_value("subject") or main.meta["title"]),
                       ("Classification", classification), ("Release", release), ("Paragraphs", paragraphs)],
            "commentary": [(paths.link(here, c.page), c.link, c.about) for c in main.commentary],
            "reading": paths.link(here, paths.reading(main.id)), "release": paths.link(here, paths.release(main.id)),
            "collation": paths.link(here, paths.collation(main.id)), "map": paths.link(here, paths.map_page(main.id)),
        }
    body = render("home.html.j2", meta=edition.meta, main=main, title_id=slugify(edition.meta["title"]),
                  rows=telegram_rows(edition, here), list_link=paths.link(here, paths.CABLES),
                  method=paths.link(here, paths.METHOD), editing=paths.link(here, paths.EDITING),
                  indexes=paths.link(here, paths.INDEXES), glossary=paths.link(here, paths.GLOSSARY),
                  changelog=paths.link(here, paths.CHANGELOG), draft=bool(edition.draft), **context)
    return finish(PageOut(here, edition.meta["short_title"], edition.meta["title"], "home", body=body))


def cables(edition: Edition) -> PageOut:
    posts = sorted({c.post for c in edition.cables.values()})
    body = render("cables.html.j2", rows=telegram_rows(edition, paths.CABLES), count=len(edition.cables),
                  posts=", ".join(posts[:-1]) + (" and " if len(posts) > 1 else "") + posts[-1] if posts else "")
    return finish(PageOut(paths.CABLES, "Telegrams", "The telegrams of the edition", "list", body=body))


def anchor_rows(edition: Edition) -> list:
    """The anchors of the edition, with examples drawn from its own telegrams."""
    b = macros("base.html.j2")
    ex = next((c for c in edition.cables.values() if c.has_transcription), None)
    head = ex.headings[0].id if ex and ex.headings else "h-…"
    page = ex.pages[0].id if ex and ex.pages else "…"
    matter = list(ex.matter)[:3] if ex else []
    line = ex.release[len(ex.release) // 2].number if ex and ex.release else 1
    rows = [
        (b.code("#pN") + Markup(" (e.g. ") + b.code("#p14") + Markup(")"), b.code("cables/<telegram>/"),
         "paragraph N, whatever its status (a missing paragraph keeps its anchor)"),
        (b.codes(["#head", "#subject", "#text", "#signature"]), b.code("cables/<telegram>/"),
         "the document head, the subject line, the start of the text, the signature"),
        (b.code("#h-…") + Markup(" (e.g. ") + b.code(f"#{head}") + Markup(")"), b.code("cables/<telegram>/"),
         "a run-in heading of the telegram"),
        (b.codes(["#fn:ID", "#fnref:ID"]), b.codes(["cables/<telegram>/", "…/release/"]),
         "the note of intervention ID, and its reference in the text"),
        (b.code("#page-ID") + Markup(" (e.g. ") + b.code(f"#page-{page}") + Markup(")"),
         b.code("cables/<telegram>/release/"), "a printed page of the release"),
        (b.code("#lN") + Markup(" (e.g. ") + b.code(f"#l{line}") + Markup(")"), b.code("cables/<telegram>/release/"),
         "line N of the OCR witness"),
        (b.codes([f"#{m}" for m in matter] + ["…"]), b.code("cables/<telegram>/release/"),
         "named non-text matter: routing and distribution sheets, stamps, handwritten notes"),
        (b.code("#ID"), b.code("cables/<telegram>/collation/"),
         Markup("the collation entry ID; ") + b.code("#discussion-ID") + Markup(" a larger decision")),
    ]
    return rows


def method(edition: Edition) -> PageOut:
    here = paths.METHOD
    per_cable = []
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        per_cable.append({"cable": cable, "c": stats.cable_counts(cable),
                          "collation": paths.link(here, paths.collation(cable.id)),
                          "reading": paths.link(here, paths.reading(cable.id)),
                          "release": paths.link(here, paths.release(cable.id))})
    body = render("method.html.j2", per_cable=per_cable, statuses=PARAGRAPH_STATUSES, status_words=STATUS_WORDS,
                  editing=paths.link(here, paths.EDITING), anchors=anchor_rows(edition),
                  exemption=most_common_exemption(edition), other_words=OTHER_WORDS,
                  labels={c.id: c.label for c in edition.cables.values()})
    return finish(PageOut(here, "Editorial method", "Principles, conventions and counts of the edition",
                          "method", body=body))
