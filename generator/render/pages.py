"""Every output of the edition: which renderer makes which page or download, telegram by
telegram (`telegram_outputs`, independent of the other telegrams once the registers are
resolved, so that a process pool can render them side by side) and for the edition as a whole
(`edition_outputs`)."""
from __future__ import annotations

import re

from ..model import Cable, Edition
from . import paths
from .about import cables, home, method
from .changelog import changelog_page
from .citation import bibtex_file, csl_file, ris_file
from .citing import citing_page
from .collation import collation_page
from .downloads import downloads_page, released_files
from .indexes import glossary_page, landing, register_page
from .json_out import schema_bytes, telegram_json
from .map import map_page
from .page import PageOut
from .reading import reading_page, witnessed_page
from .release import release_page
from .templates import macros
from .tei import tei
from .text import ocr_file, reading_file


def telegram_outputs(edition: Edition, cable: Cable) -> list:
    """The pages (PageOut) and downloads ((path, bytes)) of one telegram."""
    out: list = []
    if cable.has_transcription:
        out += [reading_page(edition, cable), release_page(edition, cable), collation_page(edition, cable),
                map_page(edition, cable)]
        out.append((paths.download(cable, "tei"), tei(edition, cable).encode("utf-8")))
        out.append((paths.download(cable, "txt"), reading_file(edition, cable).encode("utf-8")))
        out.append((paths.download(cable, "ocr"), ocr_file(cable).encode("utf-8")))
    else:
        out.append(witnessed_page(edition, cable))
    out.append((paths.download(cable, "json"), telegram_json(edition, cable).encode("utf-8")))
    out.append((paths.download(cable, "bib"), bibtex_file(edition, cable).encode("utf-8")))
    out.append((paths.download(cable, "ris"), ris_file(edition, cable).encode("utf-8")))
    out.append((paths.download(cable, "csl"), csl_file(edition, cable).encode("utf-8")))
    return out


def read_whole(edition: Edition) -> list[str]:
    """The telegrams the edition's pages read whole (the others they read light, as
    edition/lighten.py keeps them): the featured one (home, citing) and the first with a
    transcription (the method's examples, the citing page without a featured telegram)."""
    first = next((c.id for c in edition.cables.values() if c.has_transcription), None)
    featured = edition.featured.id if edition.featured is not None else None
    return list(dict.fromkeys(c for c in (featured, first) if c is not None))


def edition_outputs(edition: Edition) -> list:
    """The pages and downloads that span the edition."""
    out: list = [home(edition), cables(edition), method(edition), citing_page(edition), changelog_page(edition),
                 downloads_page(edition), (paths.JSON_SCHEMA, schema_bytes()), landing(edition)]
    out += [register_page(edition, register) for register in paths.REGISTER_PAGES]
    out.append(glossary_page(edition))
    for r in edition.releases:
        out += released_files(r).values()
    return out


_OPEN_TAG = re.compile(r'<[a-zA-Z][^<>]*\sid="([^"]+)"[^<>]*>')


def apply_aliases(page: PageOut, rows: list) -> None:
    """Give the page an empty element for each alias of its anchors, first thing inside the
    element it aliases (so that #OLD scrolls to the same place as #NEW). The manifest's check
    has made sure that every target exists and no alias is an anchor of its own."""
    if not rows:
        return
    by_target: dict[str, list[str]] = {}
    for row in rows:
        by_target.setdefault(row.alias_of, []).append(row.anchor)

    labelled = macros("base.html.j2").labelled

    def insert(m: re.Match) -> str:
        olds = by_target.get(m.group(1))
        if not olds:
            return m.group(0)
        return m.group(0) + "".join(str(labelled(old, "ed-alias", "")) for old in olds)
    page.body = _OPEN_TAG.sub(insert, page.body)
    page.ids.extend(a for olds in by_target.values() for a in olds)
