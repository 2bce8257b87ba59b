"""Load the whole edition: sources -> parse -> model -> checks.

`load_edition(root)` returns a checked `Edition` or raises `EditionError` with
every problem found (all files are read before giving up, so an editor sees all
their mistakes at once).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import assemble, checks, metadata
from .errors import Pos, Problems, Progress
from .markup import parse_transcription
from .model import Cable, Edition, Release
from .registers import load_registers
from .schema import load_checked
from .sources import load_yaml, peek_text, read_text, rel


WITNESS_BOM_HINT = ("the witness keeps the bytes of the release's OCR, but the transcription cannot give back a "
                    "byte-order mark: keep a copy without it as the witness, say so in `witness.description`, "
                    "and record that copy's SHA-256")


def load_edition(root: Path, only: set[str] | None = None, snapshot_needed: bool = True) -> Edition:
    """The whole edition; or, with `only`, a preview of those telegrams and of every telegram
    they are bound to (see `preview_selection`), read and checked exactly as in a full build
    except for what spans the edition (see `Edition.preview`). `snapshot_needed=False`: for
    `python -m generator snapshot`, which makes the snapshot that the checks otherwise require."""
    problems = Problems()
    root = Path(root)
    meta = load_checked(root / "edition.yaml", metadata.EDITION, problems)
    editors = {e["id"] for e in meta["editors"]} if meta else set()
    edition = Edition(meta=meta or {})
    cables_dir = root / "cables"
    folders = sorted((p for p in cables_dir.iterdir() if p.is_dir()), key=lambda p: (len(p.name), p.name)) \
        if cables_dir.is_dir() else []
    if not folders:
        problems.add(Pos(rel(cables_dir), 1, 1), "no cables found", hint="add a folder site_src/cables/<number>/")
    with_yaml = {f.name for f in folders if (f / "cable.yaml").exists()}
    if only is not None:
        chosen = preview_selection(cables_dir, only, with_yaml, problems)
        folders = [f for f in folders if f.name in chosen]
    for folder in folders:
        cable = load_cable(folder, problems, editors)
        if cable is not None:
            edition.cables[cable.number] = cable
    check_relations(edition, with_yaml, problems)
    if only is not None:
        edition.preview = frozenset(edition.cables)
    if meta:
        load_releases(root, edition, problems)
    problems.raise_if_any()
    from . import versions
    versions.check(edition, problems, snapshot_needed)
    problems.raise_if_any()
    # The registers refer to the cables' paragraphs, headings and matter: read them once those are sound.
    edition.registers = load_registers(root, edition, problems)
    problems.raise_if_any()
    return edition


def load_releases(root: Path, edition: Edition, problems: Problems) -> None:
    """site_src/versions.yaml and, per version, its snapshot and (once superseded) its zip."""
    from . import versions
    from .outputs import offline_zip
    path = root / "versions.yaml"
    if not path.exists():
        return
    data = load_checked(path, metadata.VERSIONS, problems)
    if data is None:
        return
    edition.releases_pos = data.pos
    for i, raw in enumerate(data["versions"]):
        spath = versions.snapshot_path(root, raw["version"])
        zpath = spath.parent / offline_zip(edition, raw["version"]).rsplit("/", 1)[1]
        release = Release(version=raw["version"], date=raw["date"], summary=raw["summary"],
                          pos=data["versions"].item_pos[i], snapshot_path=rel(spath), zip_path=rel(zpath))
        if spath.exists():
            text = read_text(spath, problems)
            if text is not None:
                release.snapshot = versions.parse_snapshot(text, rel(spath), problems)
        if i > 0 and zpath.exists():
            Progress.at(rel(zpath))
            release.zip = zpath.read_bytes()
        edition.releases.append(release)


def preview_selection(cables_dir: Path, only: set[str], folders: set[str], problems: Problems) -> set[str]:
    """The telegrams a preview of `only` needs: those named, and, transitively, every telegram
    one of them relates to, holds pages of, or is named by (a relation or a page) in another's
    cable.yaml, so that every link between the previewed pages resolves. Only the cable.yaml
    files that name a telegram of the selection are parsed; the others are merely scanned."""
    for number in sorted(only - folders, key=lambda n: (len(n), n)):
        problems.add(Pos(rel(cables_dir), 1, 1), f"preview of telegram {number!r}, which has no folder "
                     f"with a cable.yaml in {rel(cables_dir)}", hint="name telegrams as their folders are named, "
                     "e.g. ONLY=13790 or ONLY=\"13790 13462\"")
    texts = {name: peek_text(cables_dir / name / "cable.yaml") for name in folders}
    parsed: dict[str, set[str]] = {}

    def named_by(name: str) -> set[str]:
        """The telegrams a cable.yaml names in its relations and pages."""
        if name not in parsed:
            local = Problems()           # its problems are reported when it is loaded
            data = load_yaml(cables_dir / name / "cable.yaml", local)
            out: set[str] = set()
            if isinstance(data, dict):
                for key in ("relations", "pages"):
                    for item in data.get(key) or []:
                        if isinstance(item, dict) and isinstance(item.get("telegram"), str):
                            out.add(item["telegram"])
            parsed[name] = out
        return parsed[name]

    chosen: set[str] = set()
    todo = [n for n in only if n in folders]
    while todo:
        number = todo.pop()
        if number in chosen:
            continue
        chosen.add(number)
        todo.extend(n for n in named_by(number) if n in folders and n not in chosen)
        quoted = re.compile(rf"""["']{re.escape(number)}["']""")
        for name, text in texts.items():
            if name not in chosen and quoted.search(text) and number in named_by(name):
                todo.append(name)
    return chosen


def load_cable(folder: Path, problems: Problems, editors: set[str]) -> Cable | None:
    local = Problems()
    meta = load_checked(folder / "cable.yaml", metadata.CABLE, local)
    # The tables are read even when cable.yaml has problems: an editor sees them all at once.
    tables = {
        "collation": load_checked(folder / "collation.yaml", metadata.COLLATION, local, required=False),
        "apparatus": load_checked(folder / "apparatus.yaml", metadata.APPARATUS, local, required=False),
    }
    if meta is None:
        problems.extend(local)
        return None
    if meta["telegram"] != folder.name:
        local.add(meta.val_pos["telegram"], f"telegram {meta['telegram']!r} does not match its folder {folder.name!r}",
                  hint="the folder is named after the telegram number")
    cable = Cable(number=meta["telegram"], folder=rel(folder), meta=meta, meta_pos=meta.val_pos)
    assemble.build_pages(cable, local)
    assemble.build_paragraphs(cable, local)
    assemble.build_matter(cable)
    witness = meta.get("witness")
    if witness:
        wpath = folder / witness["file"]
        Progress.at(rel(wpath))
        try:
            wbytes = wpath.read_bytes()
        except FileNotFoundError:
            local.add(meta.val_pos["witness"], f"witness file {witness['file']} not found in {rel(folder)}")
            problems.extend(local)
            return None
        cable.witness_path = rel(wpath)
        cable.witness_text = read_text(wpath, local, allow_cr=True, bom_hint=WITNESS_BOM_HINT)
        if not wbytes:
            local.add(Pos(rel(wpath), 1, 1), "the witness file is empty",
                      hint="copy the OCR of the release here, unchanged; a telegram known only from pages "
                           "in another release has no `witness:` in its cable.yaml")
        tpath = folder / witness["transcription"]
        Progress.at(rel(tpath))
        text = read_text(tpath, local)
        if text is not None and not text.strip():
            local.add(Pos(rel(tpath), 1, 1), "the transcription is empty",
                      hint=f"copy the witness ({witness['file']}) to {witness['transcription']} and add the "
                           "directives and marks, page by page (see the editing guide)")
            text = None
        if text is not None and cable.witness_text is not None and None not in tables.values():
            cable.lines = parse_transcription(text, rel(tpath), local)
            if not local:
                assemble.walk(cable, tables["apparatus"], local)
            if not local:
                checks.check_witness(cable, wbytes, local)
                checks.attach_records(cable, tables, local, editors)
                checks.check_paragraphs(cable, local)
                cable.discussions = list(tables["collation"].get("discussions") or [])
    elif meta.get("pages") or meta.get("paragraphs"):
        local.add(meta.pos, "pages and paragraphs need a witness transcription",
                  hint="add `witness:` with the OCR file and its transcription")
    problems.extend(local)
    return cable if not local else None


def check_relations(edition: Edition, folders: set[str], problems: Problems) -> None:
    """Every telegram named by a relation or a page has a folder (whether or not it loaded cleanly)."""
    for cable in edition.cables.values():
        for i, rel_ in enumerate(cable.meta.get("relations") or []):
            if rel_["telegram"] not in folders:
                pos = cable.meta["relations"].item_pos[i]
                problems.add(pos, f"relation to telegram {rel_['telegram']} which has no folder in site_src/cables/",
                             hint=f"add site_src/cables/{rel_['telegram']}/cable.yaml")
        for page in cable.pages:
            if page.telegram != cable.number and page.telegram not in folders:
                problems.add(page.pos, f"page {page.id!r} belongs to telegram {page.telegram}, "
                             "which has no folder in site_src/cables/",
                             hint=f"add site_src/cables/{page.telegram}/cable.yaml")
