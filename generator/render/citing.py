"""The citation policy (about/citing/), with examples drawn from the edition's own telegrams."""
from __future__ import annotations

import json

from markupsafe import Markup

from ..model import Edition
from . import paths
from .citation import _editors, bibtex, chicago_bibliography, chicago_note, csl, ref, ris, runs_html
from .page import PageOut, finish
from .templates import macros, render

# The sections of the citation policy (about/citing/), citable in their own right.
SECTIONS = {
    "paragraphs": "citing a paragraph",
    "anchors": "anchors and what they identify",
    "chicago": "recommended citation",
    "formats": "other citation formats",
    "versions": "version",
    "editors": "editors and publisher",
    "licences": "licences",
    "corrections": "reporting an error",
}


def anchor_rows(edition: Edition, main) -> list:
    b = macros("base.html.j2")

    def c(text: str) -> Markup:
        return b.code(text)
    t = "<telegram>"
    rows = [(c(f"cables/{t}/#p14"), "paragraph 14 of the telegram in the reading text (present, partial, "
                                    "withheld or missing: its status is shown)"),
            (c(f"cables/{t}/#head"), "the document head: from, to, date-time group, precedence, classification, "
                                     "TAGS, subject"),
            (c(f"cables/{t}/#subject"), "the subject line"),
            (c(f"cables/{t}/#text"), "the start of the telegram's text")]
    if main is not None and main.headings:
        rows.append((c(f"cables/{t}/#{main.headings[0].id}"), "a run-in heading of the telegram (ids begin h-)"))
    rows.append((c(f"cables/{t}/#signature"), "the signature"))
    notes = [iv.id for iv in main.interventions.values() if iv.in_reading] if main else []
    if notes:
        rows.append((c(f"cables/{t}/#fn:{notes[0]}"), "a note of the reading text: a correction, a redaction, a "
                                                     "lacuna or an explanatory note (named after its entry)"))
    if main is not None and main.pages:
        rows.append((c(f"cables/{t}/release/#page-{main.pages[0].id}"),
                     "a printed page of the release, in the order of the file"))
    if main is not None and main.matter:
        rows.append((c(f"cables/{t}/release/#{next(iter(main.matter))}"),
                     "non-text matter of the release: a routing sheet, a stamp, a handwritten note"))
    collated = [iv.id for iv in main.interventions.values() if iv.kind == "corr"] if main else []
    if collated:
        rows.append((c(f"cables/{t}/collation/#{collated[0]}"),
                     "an entry of the collation table: a suspect token and the decision on it"))
    if main is not None and main.discussions:
        rows.append((c(f"cables/{t}/collation/#discussion-{main.discussions[0]['id']}"),
                     "a discussion of a larger editorial decision"))
    witnessed = next((x for x in edition.cables.values() if not x.has_transcription), None)
    if witnessed is not None:
        rows.append((c(f"cables/{witnessed.id}/#p…"), "a paragraph as carried by the pages of another "
                                                      "telegram's release"))
    if edition.releases:
        rows.append((c("about/changelog/#v" + edition.releases[-1].version.replace(".", "-")),
                     "the changes made in one version"))
    return rows


def citing_page(edition: Edition) -> PageOut:
    here = paths.CITING
    main = edition.featured or next((c for c in edition.cables.values() if c.has_transcription), None)
    examples = None
    if main is not None and main.paragraphs:
        n = 14 if 14 in main.paragraphs else next(iter(main.paragraphs))
        pr, tr = ref(edition, main, n), ref(edition, main)
        examples = {
            "n": n, "label": main.label,
            "note": runs_html(chicago_note(pr)),
            "bibliography": runs_html(chicago_bibliography(tr)),
            "bibtex": bibtex(pr).rstrip("\n"),
            "ris": ris(pr).rstrip("\n"),
            "csl": json.dumps([csl(pr)], ensure_ascii=False, indent=2),
            "url": pr.url,
            "reading": paths.link(here, paths.reading(main.id), f"p{n}"),
        }
    m = edition.meta
    body = render("citing.html.j2", meta=m, ex=examples, anchors=anchor_rows(edition, main),
                  editors=[(e["name"], e["role"]) for e in m["editors"]],
                  cited_editors=_editors(ref(edition, main)) if main else "",
                  changelog=paths.link(here, paths.CHANGELOG), downloads=paths.link(here, paths.DOWNLOADS),
                  draft=bool(edition.draft))
    return finish(PageOut(here, "How to cite this edition",
                          f"Citation policy of {m['title']}: anchors, versions, licences, recommended citation",
                          "citing", body=body))
