"""The downloads page (downloads/): every telegram's data and citation files, the JSON Schema,
and the edition as a zip for reading offline, one per released version."""
from __future__ import annotations

from markupsafe import Markup

from . import outputs
from .model import Cable, Edition
from .templates import render

KINDS = (
    ("tei", "TEI P5 XML", "the whole release encoded in TEI: header, pages, paragraphs, every intervention, "
                          "the names of the indexes"),
    ("json", "JSON", "metadata, pages, paragraphs (reading and diplomatic text, interventions, entities); "
                     "see the schema"),
    ("txt", "Plain text", "the reading text, paragraph by paragraph"),
    ("ocr", "OCR text", "the OCR layer of the whole release, byte for byte the witness"),
    ("bib", "BibTeX", "citation"),
    ("ris", "RIS", "citation"),
    ("csl", "CSL-JSON", "citation"),
)


def available(cable: Cable) -> list[str]:
    """The downloads a telegram has: the text downloads need a transcription of its own."""
    return [k for k, _, _ in KINDS if cable.has_transcription or k in ("json", "bib", "ris", "csl")]


def links(here: str, cable: Cable) -> list[dict]:
    names = {k: (label, what) for k, label, what in KINDS}
    return [{"kind": k, "label": names[k][0], "what": names[k][1],
             "href": outputs.link(here, outputs.download(cable.number, k)),
             "file": outputs.download(cable.number, k).split("/")[-1]} for k in available(cable)]


def downloads_page(edition: Edition, offline: bool = False) -> str:
    here = outputs.DOWNLOADS
    telegrams = []
    for cable in edition.cables.values():
        telegrams.append({"cable": cable, "meta": cable.meta, "files": links(here, cable),
                          "reading": outputs.link(here, outputs.reading(cable.number)),
                          "host": cable.meta.get("known_from")})
    current = outputs.offline_zip(edition, edition.meta["version"])
    # The current version's zip is made after this build (it zips the offline build) and put
    # beside it by `make site`; MkDocs cannot see it, so it is linked in raw HTML and the
    # site's link check verifies it.
    current_link = Markup('<a href="') + Markup(outputs.link(here, current)) + Markup('">') \
        + Markup(current.split("/")[-1]) + Markup("</a>")
    older = [{"r": r, "href": outputs.link(here, outputs.offline_zip(edition, r.version)),
              "file": outputs.offline_zip(edition, r.version).split("/")[-1]}
             for r in edition.releases[1:] if r.zip is not None]
    return render("downloads.md.j2", edition=edition, meta=edition.meta, telegrams=telegrams, offline=offline,
                  current_link=current_link, older=older,
                  schema=outputs.link(here, outputs.JSON_SCHEMA),
                  citing=outputs.link(here, outputs.CITING), changelog=outputs.link(here, outputs.CHANGELOG),
                  method=outputs.link(here, outputs.METHOD), indexes=outputs.link(here, outputs.INDEXES),
                  site_url=edition.meta["site_url"])
