"""The downloads page (downloads/): every telegram's data and citation files, the JSON Schema,
and the edition to read offline, one zip per released version, as published."""
from __future__ import annotations

from ..edition.versions import release_file
from ..model import Cable, Edition
from . import paths
from .page import PageOut, finish
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
MEDIA = {"tei": "application/tei+xml", "json": "application/json", "txt": "text/plain"}


def available(cable: Cable) -> list[str]:
    """The downloads a telegram has: the text downloads need a transcription of its own."""
    return [k for k, _, _ in KINDS if cable.has_transcription or k in ("json", "bib", "ris", "csl")]


def links(here: str, cable: Cable) -> list[tuple[str, str]]:
    """(href, label) of each download of a telegram."""
    names = {k: label for k, label, _ in KINDS}
    return [(paths.link(here, paths.download(cable, k)), names[k]) for k in available(cable)]


def data_downloads(cable: Cable) -> list[tuple[str, str]]:
    """(path, media type) of the data downloads, for the page's metadata."""
    return [(paths.download(cable, k), MEDIA[k]) for k in available(cable) if k in MEDIA]


def released_files(release) -> dict[str, tuple[str, str | bytes]]:
    """kind (zip, text, notes) -> (path, content) of what a released version publishes, as kept."""
    kept = {"zip": release.zip, "text": release.snapshot_text, "notes": release.notes_text}
    return {kind: (paths.released(release_file(release.name, kind)), content)
            for kind, content in kept.items() if content}


def downloads_page(edition: Edition) -> PageOut:
    here = paths.DOWNLOADS
    what = {k: (label, desc) for k, label, desc in KINDS}
    telegrams = []
    for cable in edition.cables.values():
        known = edition.cables.get(cable.meta.get("known_from") or "")
        telegrams.append({
            "anchor": paths.download_stem(cable), "label": cable.label, "date": cable.iso_date,
            "title": cable.meta["title"], "reading": paths.link(here, paths.reading(cable.id)),
            "host": known.label if known else None,
            "files": [(paths.link(here, paths.download(cable, k)), paths.download(cable, k).split("/")[-1],
                       what[k][0], what[k][1]) for k in available(cable)]})
    versions = [{"r": r, "current": i == 0,
                 "files": {kind: (paths.link(here, path), path.split("/")[-1])
                           for kind, (path, _) in released_files(r).items()}}
                for i, r in enumerate(edition.releases)]
    versions = [v for v in versions if v["files"]]
    body = render("downloads.html.j2", meta=edition.meta, telegrams=telegrams, versions=versions,
                  draft=bool(edition.draft), schema=paths.link(here, paths.JSON_SCHEMA),
                  changelog=paths.link(here, paths.CHANGELOG), indexes=paths.link(here, paths.INDEXES))
    return finish(PageOut(here, "Downloads", f"The data of {edition.meta['title']}: TEI, JSON, plain text, "
                                             "citations, and the edition to read offline", "downloads", body=body))
