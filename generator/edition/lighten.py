"""Holding little: a telegram, once read, checked and resolved, keeps only what the pages of
the edition and the other telegrams read of it; its own pages read it whole again.

A build reads the telegrams one by one. What the passes after the read need of a telegram is
its head, its declarations (pages, paragraphs and their status, notes, matter), the plain text
of each place (the registers find their names there) and what the glossary and the versions
found in it as it was read (edition/glossary.py, edition/versions.py). Its parsed lines, its
pieces' text and its places' spans go (`lighten`): the edition's memory then grows with what
the indexes show, not with the telegrams' text. Rendering a telegram reads it again from its
sources and lends the light telegram its parts for as long as its pages are made (`hydrated`).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from ..errors import Pos, Problems
from ..model import Block, Cable, Edition, Piece
from . import resolve
from .load import digest, editor_ids, load_cable

# What `lighten` takes from a telegram and `hydrated` lends back from its full reading (its places
# keep their objects, which the registers' occurrences hold: those get their spans back instead).
_LENT = ("pages", "paragraphs", "headings", "matter", "duplicates", "interventions", "events", "witness_text",
         "release")


def _stub(piece: Piece) -> Piece:
    """A piece without its text: where it stands (its page, zone and line) is all that is kept."""
    return Piece(piece.line, piece.pos, (), piece.page, piece.zone, piece.line_start)


def lighten(cable: Cable) -> None:
    """Let go of a resolved telegram's text: its parsed lines and events, its witness, its
    release's lines, its places' spans (None, so that a page reading them from a light
    telegram fails at once) and the pieces of its pages, headings and matter. A paragraph keeps
    one textless piece per page it stands on (`pages`, `has_text`); a note, one per mark
    (`in_reading`, `first`)."""
    cable.lines = []
    cable.events = []
    cable.witness_text = None
    cable.release = []
    for place in cable.places.values():
        place.blocks = None
    for para in cable.paragraphs.values():
        by_page: dict[str, Piece] = {}
        for block in para.blocks:
            for p in block.pieces:
                if isinstance(p, Piece) and p.page not in by_page:
                    by_page[p.page] = _stub(p)
        para.blocks = [Block(list(by_page.values()))] if by_page else []
    for iv in cable.interventions.values():
        iv.marks = [(mark, _stub(piece)) for mark, piece in iv.marks]
    for page in cable.pages:
        page.pieces = []
    for item in [*cable.headings, *cable.matter.values(), *cable.duplicates.values()]:
        item.pieces = []
    cable.__dict__.pop("_page_index", None)


def bound(edition: Edition, cid: str) -> list[str]:
    """The telegrams the pages of telegram `cid` read whole: itself, the telegrams whose pages
    its release holds and those whose release holds its pages."""
    cable = edition.cables[cid]
    out = {p.telegram for p in cable.pages} | {host.id for host, _ in edition.witness_pages_of(cid)}
    return [cid] + sorted(c for c in out - {cid} if c in edition.cables)


def reread(cable: Cable, editors: set[str], docs: Path) -> Cable:
    """A telegram read whole again from its sources, as the build read it; if they changed since
    (an editor saving during a build), a problem that asks for another build. Its cable.yaml,
    the same bytes as before, is not parsed again: the light telegram keeps what it held."""
    problems = Problems()
    folder = Path(cable.folder)
    same_meta = digest(folder / "cable.yaml") == cable.sources.get("cable.yaml")
    full = load_cable(folder, problems, editors, docs, cable.meta, sound=cable.sources) if same_meta else None
    if full is not None and full.has_transcription:
        resolve.resolve(full)
    if (full is None or full.sources != cable.sources
            or [(a, p.text) for a, p in full.places.items()] != [(a, p.text) for a, p in cable.places.items()]):
        changed = Problems()
        changed.add(Pos(cable.folder, 1, 1), f"the sources of telegram {cable.id} changed while the edition was "
                    "being built", hint="build again (the build reads each telegram twice: to check it, and "
                                        "to render its pages)")
        changed.raise_if_any()
    full.lines = []
    return full


@contextmanager
def hydrated(edition: Edition, ids: list[str], docs: Path):
    """The telegrams `ids` whole, for as long as the block runs, then light again."""
    editors = editor_ids(edition.meta)
    saved = []
    try:
        for cid in ids:
            light = edition.cables[cid]
            full = reread(light, editors, docs)
            state = {k: light.__dict__[k] for k in _LENT}
            blocks = {a: p.blocks for a, p in light.places.items()}
            saved.append((light, state, blocks))
            for k in _LENT:
                setattr(light, k, getattr(full, k))
            for a, place in light.places.items():
                place.blocks = full.places[a].blocks
            light.__dict__.pop("_page_index", None)
        yield
    finally:
        for light, state, blocks in saved:
            light.__dict__.update(state)
            for a, place in light.places.items():
                place.blocks = blocks[a]
            light.__dict__.pop("_page_index", None)
