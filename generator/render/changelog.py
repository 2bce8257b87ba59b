"""The changelog (about/changelog/): every released version with what changed from the one
before, paragraph by paragraph and note by note; and, while the sources differ from the newest
release, what the draft of the next version changes."""
from __future__ import annotations

from ..edition.versions import diff, notes_snapshot, paragraph_snapshot
from ..model import Edition
from . import paths
from .page import PageOut, finish
from .templates import render

KIND_WORDS = {"telegram": "head and summary", "relation": "relation", "status": "status", "collation": "collation entry",
              "redact": "redaction", "add": "insertion", "del": "strike-through", "note": "explanatory note",
              "lacuna": "lacuna", "duplicate": "repeated text", "discussion": "discussion", "matter": "matter",
              "page": "page", "entry": "entry", "term": "term"}
REGISTER_SCOPES = {"persons": "Index of persons", "places": "Index of places",
                   "organisations": "Index of organisations", "subjects": "Index of subjects", "glossary": "Glossary"}


def _para(edition: Edition, here: str, telegram: str, n: int) -> tuple[str | None, str]:
    cable = edition.cables.get(telegram)
    label = f"{cable.label if cable else telegram} ¶{n}"
    exists = cable is not None and n in cable.paragraphs
    return (paths.link(here, paths.reading(telegram), f"p{n}") if exists else None), label


def _note_target(edition: Edition, here: str, scope: str, kind: str, xid: str) -> str | None:
    cable = edition.cables.get(scope)
    if cable is not None:
        if kind in ("collation",) and xid in cable.interventions:
            return paths.link(here, paths.collation(scope), xid)
        if kind == "discussion":
            return paths.link(here, paths.collation(scope), f"discussion-{xid}")
        if kind in ("redact", "add", "del", "note", "lacuna") and cable.has_transcription:
            in_reading = kind == "lacuna" or (xid in cable.interventions and cable.interventions[xid].in_reading)
            return paths.link(here, paths.reading(scope) if in_reading else paths.release(scope), f"fn:{xid}")
        if kind == "status":
            return paths.link(here, paths.reading(scope), xid)
        if kind in ("telegram", "relation"):
            return paths.link(here, paths.reading(scope), "head" if cable.has_transcription else "")
        if kind in ("matter", "duplicate") and cable.has_transcription:
            return paths.link(here, paths.release(scope), xid if kind == "matter" else "")
        if kind == "page" and cable.has_transcription:
            return paths.link(here, paths.release(scope), f"page-{xid}")
        return None
    if scope == "glossary" and xid in edition.registers.glossary:
        return paths.link(here, paths.GLOSSARY, xid)
    if scope in edition.registers.entries and xid in edition.registers.entries[scope]:
        return paths.link(here, paths.index(scope), xid)
    return None


def _notes(edition: Edition, here: str, d: dict) -> list:
    groups: dict[str, list] = {}
    for how, keys in (("changed", d["changed"]), ("added", d["added"]), ("removed", d["removed"])):
        for scope, kind, xid in keys:
            cable = edition.cables.get(scope)
            title = cable.label if cable else REGISTER_SCOPES.get(scope, scope)
            text = KIND_WORDS.get(kind, kind) + ("" if kind == "telegram" else f" {xid}")
            target = _note_target(edition, here, scope, kind, xid) if how != "removed" else None
            groups.setdefault(title, []).append((target, text, how))
    return list(groups.items())


def _changes(edition: Edition, here: str, older: str, paras: dict, notes: dict | None) -> dict:
    return {"older": older,
            "paragraphs": [_para(edition, here, t, n) for t, n in paras["changed"]],
            "added": [_para(edition, here, t, n) for t, n in paras["added"]],
            "removed": [_para(edition, here, t, n) for t, n in paras["removed"]],
            "notes": _notes(edition, here, notes) if notes else []}


def changelog_page(edition: Edition) -> PageOut:
    here = paths.CHANGELOG
    rows = []
    for i, r in enumerate(edition.releases):
        older = edition.releases[i + 1] if i + 1 < len(edition.releases) else None
        changes = None
        if older is not None and older.snapshot is not None and r.snapshot is not None:
            notes = diff(older.notes, r.notes) if older.notes is not None and r.notes is not None else None
            changes = _changes(edition, here, older.version, diff(older.snapshot, r.snapshot), notes)
        rows.append({"r": r, "anchor": "v" + r.version.replace(".", "-"), "changes": changes,
                     "first": older is None, "paragraphs": len(r.snapshot) if r.snapshot else 0})
    draft = None
    if edition.draft and edition.releases:
        newest = edition.releases[0]
        paras = {"changed": edition.draft.changed, "added": edition.draft.added, "removed": edition.draft.removed}
        notes = {"changed": edition.draft.notes_changed, "added": edition.draft.notes_added,
                 "removed": edition.draft.notes_removed}
        draft = _changes(edition, here, newest.version, paras, notes)
    body = render("changelog.html.j2", rows=rows, draft=draft, citing=paths.link(here, paths.CITING),
                  downloads=paths.link(here, paths.DOWNLOADS))
    return finish(PageOut(here, "Changelog",
                          f"Versions of {edition.meta['title']} and the paragraphs and notes that changed",
                          "changelog", body=body))


__all__ = ["changelog_page", "paragraph_snapshot", "notes_snapshot"]
