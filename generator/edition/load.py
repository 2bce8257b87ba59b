"""Reading the edition's sources into the model: edition.yaml, versions.yaml and each
telegram's folder, parsed, assembled and checked against its witness and its tables.

Every file is read before giving up, so that an editor sees all their mistakes at once; but a
problem of edition.yaml is reported alone (every telegram's checks depend on it).
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
import zipfile
from pathlib import Path

from ..errors import Pos, Problems, Progress
from ..model import Cable, Commentary, Edition, Embedded, Release
from ..parse import assemble
from ..parse.markup import parse_transcription
from ..sources import formats
from ..sources.files import check_pages, folders, peek_text, read_bytes, read_text, refuse_links, rel
from ..sources.schema import load_checked, load_sound
from ..sources.strict_yaml import load_yaml
from . import checks
from .versions import notes_path, parse_notes, parse_snapshot, snapshot_path, release_file, zip_prefix

WITNESS_BOM_HINT = ("the witness keeps the bytes of the release's OCR, but the transcription cannot give back a "
                    "byte-order mark: keep a copy without it as the witness, say so in `witness.description`, "
                    "and record that copy's SHA-256")
FOLDER_ID = re.compile(formats.ID + r"\Z")


def read_edition(root: Path, only: set[str] | None = None, docs: Path | None = None,
                 ready=None, each=None, read_all=None) -> Edition:
    """edition.yaml, versions.yaml and every telegram (with `only`: those named and the ones
    bound to them), each checked on its own. Raises EditionError with every problem found.
    `ready()` is called once the edition's own files are found sound, before any telegram is
    read; `each(cable)` as soon as a telegram has been read without problems (pipeline.py), so
    that what it holds can be let go before the next is read. `read_all(read, folders)` gives
    what `read(folder)` gives for each folder, in their order (by default one after the other;
    pipeline.py may spread them over processes: telegrams are read independently)."""
    problems = Problems()
    root = Path(root)
    refuse_links(root, problems)
    meta = load_checked(root / "edition.yaml", formats.EDITION, problems)
    if meta is None or problems:
        problems.raise_if_any()          # alone: everything else depends on it
    editors = editor_ids(meta)
    edition = Edition(meta=meta)
    cables_dir = root / "cables"
    found = folders(cables_dir)
    if not found:
        problems.add(Pos(rel(cables_dir), 1, 1), "no cables found",
                     hint="add a folder site_src/cables/<id>/ with its cable.yaml (see the editing guide)")
    for f in found:
        if not FOLDER_ID.match(f.name):
            problems.add(Pos(rel(f), 1, 1), f"the folder name {f.name!r} cannot be a telegram's id",
                         hint="name it with lower-case letters, digits and hyphens: it becomes the telegram's URL, "
                              "e.g. cables/1985moscow03137/")
    found = [f for f in found if FOLDER_ID.match(f.name)]
    with_yaml = {f.name for f in found if (f / "cable.yaml").is_file()}
    if only is not None:
        chosen = preview_selection(cables_dir, only, with_yaml, problems)
        found = [f for f in found if f.name in chosen]
    docs = Path(docs) if docs is not None else root.parent / "docs"
    check_pages(docs, problems)                 # the commentary and the other hand-written pages
    if ready is not None:
        ready()
    cables = []
    read = functools.partial(read_one, editors=editors, docs=docs, each=each)
    for cable, found_problems in (read_all or map)(read, found):
        problems.extend(found_problems)
        if cable is not None:
            cables.append(cable)
    # the edition's order of telegrams: by date, then post and number
    for cable in sorted(cables, key=lambda c: (c.iso_date, c.post, _numeric(c.number), c.id)):
        edition.cables[cable.id] = cable
    check_relations(edition, with_yaml, problems)
    featured = meta.get("featured")
    if featured and featured not in with_yaml:
        problems.add(meta.val_pos["featured"], f"featured: no telegram {featured!r} in {rel(cables_dir)}",
                     hint="name the folder of the telegram the home page presents")
    elif featured and featured in edition.cables and not edition.cables[featured].has_transcription:
        problems.add(meta.val_pos["featured"], f"featured: telegram {featured!r} has no transcription of its own",
                     hint="the home page presents a telegram with a reading text")
    if only is not None:
        edition.preview = frozenset(edition.cables)
    read_releases(root, edition, problems)
    problems.raise_if_any()
    return edition


def read_one(folder: Path, editors: set[str], docs: Path, each=None) -> tuple[Cable | None, Problems]:
    """One telegram read and checked on its own, with `each` done to it if it has no problems."""
    problems = Problems()
    cable = load_cable(folder, problems, editors, docs)
    if cable is not None and each is not None:
        each(cable)
    return cable, problems


def editor_ids(meta) -> set[str]:
    """The editors edition.yaml names: a note's `resp` must be one of them."""
    return {e["id"] for e in meta["editors"]}


def _numeric(number: str) -> tuple:
    digits = re.match(r"[0-9]*", number).group(0)
    return (int(digits) if digits else 0, number)


def read_releases(root: Path, edition: Edition, problems: Problems) -> None:
    """site_src/versions.yaml and, per version, its snapshots and its zip as published."""
    path = root / "versions.yaml"
    if not path.exists():
        return
    data = load_checked(path, formats.VERSIONS, problems)
    if data is None:
        return
    edition.releases_pos = data.pos
    for i, raw in enumerate(data["versions"]):
        spath = snapshot_path(root, raw["version"])
        npath = notes_path(root, raw["version"])
        name = raw.get("name") or zip_prefix(edition.meta, raw["version"])
        zpath = spath.parent / release_file(name, "zip")
        release = Release(version=raw["version"], date=raw["date"], summary=raw["summary"],
                          pos=data["versions"].item_pos[i], snapshot_path=rel(spath), notes_path=rel(npath),
                          zip_path=rel(zpath), name=name)
        if spath.exists():
            text = read_text(spath, problems)
            if text is not None:
                release.snapshot = parse_snapshot(text, rel(spath), problems)
                release.snapshot_text = text
        if npath.exists():
            text = read_text(npath, problems)
            if text is not None:
                release.notes = parse_notes(text, rel(npath), problems)
                release.notes_text = text
        if zpath.exists() or zpath.is_symlink():
            Progress.at(rel(zpath))
            release.zip = read_bytes(zpath, problems)
            if release.zip is not None:
                _check_zip(release, raw, data["versions"][i], edition, problems)
        edition.releases.append(release)


def _check_zip(release: Release, raw, item, edition: Edition, problems: Problems) -> None:
    """A kept zip is published as the version's edition: it must be one, as recorded."""
    digest = hashlib.sha256(release.zip).hexdigest()
    want = raw.get("zip_sha256")
    pos = Pos(release.zip_path, 1, 1)
    if want and digest != want:
        problems.add(item.val_pos["zip_sha256"], f"the kept zip of version {release.version} ({release.zip_path}) "
                     f"has SHA-256 {digest}, not the {want} recorded when it was released",
                     hint="restore the file from the commit that released the version")
        release.zip = None
        return
    try:
        names = zipfile.ZipFile(io.BytesIO(release.zip)).namelist()
    except zipfile.BadZipFile:
        problems.add(pos, f"the kept offline edition of version {release.version} is not a zip file",
                     hint="restore it from the commit that released the version")
        release.zip = None
        return
    prefix = release.name + "/"
    if not names or any(not n.startswith(prefix) for n in names) or prefix + "index.html" not in names:
        problems.add(pos, f"the kept zip of version {release.version} is not this edition's offline edition "
                     f"(every entry under {prefix}, with {prefix}index.html)",
                     hint="restore it from the commit that released the version")
        release.zip = None


def preview_selection(cables_dir: Path, only: set[str], with_yaml: set[str], problems: Problems) -> set[str]:
    """The telegrams a preview of `only` needs: those named, and, transitively, every telegram
    one of them relates to, holds pages of, or is named by (a relation or a page) in another's
    cable.yaml, so that every link between the previewed pages resolves. Only the cable.yaml
    files that name a telegram of the selection are parsed; the others are merely scanned."""
    examples = sorted(with_yaml)[:2]
    for tid in sorted(only - with_yaml):
        problems.add(Pos(rel(cables_dir), 1, 1), f"preview of telegram {tid!r}, which has no folder "
                     f"with a cable.yaml in {rel(cables_dir)}", hint="name telegrams as their folders are named"
                     + (f", e.g. ONLY={examples[0]}" if examples else "")
                     + (f" or ONLY=\"{' '.join(examples)}\"" if len(examples) > 1 else ""))
    texts = {name: peek_text(cables_dir / name / "cable.yaml") for name in with_yaml}
    parsed: dict[str, set[str]] = {}

    def named_by(name: str) -> set[str]:
        if name not in parsed:
            local = Problems()           # its problems are reported when it is loaded
            data = load_yaml(cables_dir / name / "cable.yaml", local)
            out: set[str] = set()
            if isinstance(data, dict):
                for key in ("relations", "pages"):
                    for item in data.get(key) or []:
                        if isinstance(item, dict) and isinstance(item.get("telegram"), str):
                            out.add(item["telegram"])
                if isinstance(data.get("known_from"), str):
                    out.add(data["known_from"])
            parsed[name] = out
        return parsed[name]

    chosen: set[str] = set()
    todo = [n for n in only if n in with_yaml]
    while todo:
        tid = todo.pop()
        if tid in chosen:
            continue
        chosen.add(tid)
        todo.extend(n for n in named_by(tid) if n in with_yaml and n not in chosen)
        quoted = re.compile(rf"""["']{re.escape(tid)}["']""")
        for name, text in texts.items():
            if name not in chosen and quoted.search(text) and tid in named_by(name):
                todo.append(name)
    return chosen


def digest(path: Path, data: bytes | None = None) -> bytes:
    """What a source file held when it was read (`data`, if its bytes are read already; b"" if
    it could not be read)."""
    try:
        return hashlib.blake2b(path.read_bytes() if data is None else data, digest_size=16).digest()
    except OSError:
        return b""


def load_cable(folder: Path, problems: Problems, editors: set[str], docs: Path, meta=None,
               sound: dict | None = None) -> Cable | None:
    """One telegram's folder read, assembled and checked (None after reporting its problems).
    `meta`: its cable.yaml as already read, when its bytes are known to be the same. `sound`:
    the digests of its sources as a reading that found no problem left them (lighten.reread):
    a file with the same bytes is not checked again, only read."""
    local = Problems()
    sources = {"cable.yaml": digest(folder / "cable.yaml")}
    if meta is None:
        meta = load_checked(folder / "cable.yaml", formats.CABLE, local)
    sources.update((name, digest(folder / name)) for name in ("collation.yaml", "apparatus.yaml"))

    def unchanged(name: str) -> bool:               # the bytes a sound reading found
        return sound is not None and sound.get(name) == sources[name]
    # The tables are read even when cable.yaml has problems: an editor sees them all at once.
    tables = {
        "collation": _table(folder / "collation.yaml", formats.COLLATION, local, unchanged("collation.yaml")),
        "apparatus": _table(folder / "apparatus.yaml", formats.APPARATUS, local, unchanged("apparatus.yaml")),
    }
    if meta is None:
        problems.extend(local)
        return None
    cable = Cable(id=folder.name, number=meta["number"], post=meta["post"], post_code=meta["post_code"],
                  folder=rel(folder), meta=meta, meta_pos=meta.val_pos, sources=sources)
    cable.head = assemble.build_head(meta)
    cable.commentary = tuple(_commentary(meta, docs, local))
    assemble.build_pages(cable, local)
    assemble.build_paragraphs(cable, local)
    cable.embedded = tuple(_embedded(cable, local))
    assemble.build_matter(cable)
    witness = meta.get("witness")
    if witness:
        wpath = folder / witness["file"]
        Progress.at(rel(wpath))
        sources[witness["transcription"]] = digest(folder / witness["transcription"])
        wbytes = read_bytes(wpath, local)
        if wbytes is None:
            problems.extend(local)
            return None
        sources[witness["file"]] = digest(wpath, wbytes)
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
        if text is not None and not text.endswith("\n"):
            lines = text.split("\n")
            local.add(Pos(rel(tpath), len(lines), len(lines[-1]) + 1),
                      "the transcription does not end with a newline",
                      hint="end the file with a newline (it belongs to the file, not to the OCR; editors add "
                           "one by themselves, and .editorconfig asks for it)")
            text = None
        if text is not None and cable.witness_text is not None and wbytes and None not in tables.values():
            cable.lines = parse_transcription(text, rel(tpath), local)
            cable.transcribed = bool(cable.lines)
            if not local:
                assemble.walk(cable, tables["apparatus"], local)
            # every source as a reading found it sound: its checks would find nothing again
            checked = all(unchanged(name) for name in sources)
            if not local and not checked:
                checks.check_witness(cable, wbytes, local)
            if not local:
                checks.attach_records(cable, tables, local, editors)
            if not local and not checked:
                checks.check_paragraphs(cable, local)
            if not local:
                cable.discussions = list(tables["collation"].get("discussions") or [])
    elif meta.get("pages") or meta.get("paragraphs"):
        local.add(meta.pos, "pages and paragraphs need a witness transcription",
                  hint="add `witness:` with the OCR file and its transcription")
    problems.extend(local)
    return cable if not local else None


def _table(path: Path, schema, problems: Problems, sound: bool):
    """A telegram's optional table, checked against its schema unless its bytes are those of a
    reading that found them sound."""
    return load_sound(path, schema, problems) if sound else load_checked(path, schema, problems, required=False)


def _embedded(cable: Cable, problems: Problems) -> list[Embedded]:
    """The documents a telegram carries: over paragraphs it declares, in order, never overlapping."""
    out: list[Embedded] = []
    items = cable.meta.get("embedded") or []
    ids: set[str] = set()
    for i, e in enumerate(items):
        pos = items.item_pos[i]
        first, _, last = e["paragraphs"].partition("-")
        first, last = int(first), int(last or first)
        if e["id"] in ids:
            problems.add(pos, f"embedded: the id {e['id']!r} is used twice", hint="give each document its own id")
        ids.add(e["id"])
        if last < first:
            problems.add(e.val_pos["paragraphs"], f"embedded {e['id']!r}: paragraphs {e['paragraphs']} run backwards",
                         hint="write the lower paragraph first, e.g. 2-5")
            continue
        missing = [n for n in (first, last) if n not in cable.paragraphs]
        if missing:
            problems.add(e.val_pos["paragraphs"], f"embedded {e['id']!r}: paragraph {missing[0]} is not declared",
                         hint="name paragraphs listed under `paragraphs`")
            continue
        if out and first <= out[-1].last:
            problems.add(e.val_pos["paragraphs"], f"embedded {e['id']!r}: paragraphs {e['paragraphs']} overlap "
                         f"{out[-1].id!r} (¶{out[-1].first}-{out[-1].last})",
                         hint="list the documents in text order; one paragraph belongs to one document at most")
            continue
        out.append(Embedded(e["id"], e["kind"], e["title"], e.get("date"), tuple(e.get("participants") or ()),
                            first, last, e.get("note") or "", pos))
    return out


def _commentary(meta, docs: Path, problems: Problems) -> list[Commentary]:
    out = []
    items = meta.get("commentary") or []
    for i, c in enumerate(items):
        pos = items.item_pos[i]
        if not (docs / c["page"]).is_file():
            problems.add(pos, f"commentary: no page {c['page']} in {rel(docs)}",
                         hint="write the commentary as a Markdown page in docs/commentary/, or remove the entry")
        out.append(Commentary(page=c["page"], link=c["link"], about=c["about"], pos=pos))
    return out


def check_relations(edition: Edition, folders_: set[str], problems: Problems) -> None:
    """Every telegram named by a relation or a page has a folder (whether or not it loaded
    cleanly); no telegram is related to itself."""
    for cable in edition.cables.values():
        relations = cable.meta.get("relations") or []
        for i, rel_ in enumerate(relations):
            pos = relations.item_pos[i]
            if rel_["telegram"] == cable.id:
                problems.add(pos, f"relation of telegram {cable.id} to itself",
                             hint="a relation names another telegram of the edition")
            elif rel_["telegram"] not in folders_:
                problems.add(pos, f"relation to telegram {rel_['telegram']} which has no folder in site_src/cables/",
                             hint=f"add site_src/cables/{rel_['telegram']}/cable.yaml")
        for page in cable.pages:
            if page.telegram != cable.id and page.telegram not in folders_:
                problems.add(page.pos, f"page {page.id!r} belongs to telegram {page.telegram}, "
                             "which has no folder in site_src/cables/",
                             hint=f"add site_src/cables/{page.telegram}/cable.yaml")
        known = cable.meta.get("known_from")
        if known is not None:
            pos = cable.meta.val_pos["known_from"]
            if known == cable.id:
                problems.add(pos, "known_from names the telegram itself", hint="name the telegram whose release holds its pages")
            elif known not in folders_:
                problems.add(pos, f"known_from: telegram {known} has no folder in site_src/cables/")
            elif known in edition.cables and not any(p.telegram == cable.id for p in edition.cables[known].pages):
                problems.add(pos, f"known_from: the release of {known} holds no page of telegram {cable.id}",
                             hint=f"declare the pages in site_src/cables/{known}/cable.yaml with `telegram: \"{cable.id}\"`")
