"""The generator's passes, in order, in one place (as Python-Markdown lists its processors).

    read      sources -> model: edition.yaml, versions.yaml, the glossary's terms; then telegram
              by telegram (for a build, in a pool of processes): parsed, assembled, checked
              against its witness and its tables (edition/load.py), every place and release
              line read once into spans (edition/resolve.py), the glossary's terms found in it
              (edition/glossary.py), its paragraphs' plain text kept (edition/versions.py); for
              a build, its text then let go (edition/lighten.py)
    registers the indexes' occurrences, found once in the places      (edition/registers.py)
    glossary  the places the glossary names checked; its occurrences (edition/glossary.py)
    versions  the released versions checked; the draft of the next    (edition/versions.py)
    render    every page and download, telegram by telegram in a pool of processes (each telegram
              read whole again for its own pages), and meanwhile the pages that span the
              edition                                                  (render/pages.py)
    anchors   the published anchors against the manifest; aliases     (render/anchors.py)

`load` runs the passes up to `versions`; `generate` runs them all and writes the outputs into
a folder (Markdown pages whose bodies are the generator's HTML, or for the site's build the
bodies packed by telegram, and the downloads), returning
what MkDocs needs besides the files: each page's table of contents, ids and search entries.
Each telegram's pages are written as soon as they are made and let go.
"""
from __future__ import annotations

import functools
import gc
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .edition import glossary, registers, resolve, versions
from .edition.load import read_edition
from .errors import EditionError, Pos, Problem, Problems, Progress
from .edition.lighten import bound, hydrated, lighten
from .model import Edition, Registers
from .render import anchors, pages
from .render.page import PageOut
from .render.paths import download_clashes, url as _url
from .sources.files import scratch_folder


class Clock:
    """The elapsed time of each pass (`make bench` reports them through EDITION_TIMINGS)."""

    def __init__(self):
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = round(self.stages.get(stage, 0.0) + now - self._last, 4)
        self._last = now


def load(root: Path, only: set[str] | None = None, docs: Path | None = None,
         clock: Clock | None = None, light: bool = False, jobs: int = 1) -> Edition:
    """The checked, resolved edition (every pass up to `versions`), or EditionError. Each
    telegram is resolved, and the glossary's terms found in it, as soon as it is read; with
    `light`, it then lets go of its text (edition/lighten.py), and a renderer of its own pages
    reads it whole again (`hydrated`), so that the edition's memory does not grow with its text.
    Light telegrams are read in a pool of `jobs` processes (a light telegram is small enough to
    send back cheaply; a whole one is not)."""
    root = Path(root)
    clock = clock or Clock()
    regs = Registers()
    gproblems = Problems()
    terms = False                                           # the glossary read without problems

    def ready():                                            # the edition's own files are sound
        nonlocal terms
        terms = glossary.read_glossary(root, regs, gproblems)

    def each(cable):                                        # resolve, glossary, versions: per telegram
        Progress.at(f"resolving {cable.folder}")
        if cable.has_transcription:
            resolve.resolve(cable)
            if terms:
                cable.terms = glossary.cable_occurrences(regs, cable)
            cable.plain = versions.paragraph_texts(cable)
        if light:
            lighten(cable)

    read_all = functools.partial(pool_map, jobs=jobs) if light and jobs > 1 else None
    edition = read_edition(root, only, docs, ready, each, read_all)   # read and resolve
    _check_download_names(edition)
    clock.mark("read")
    problems = Problems()
    Progress.at("the registers")
    edition.registers = registers.load_registers(root, edition, problems, regs)   # registers
    problems.raise_if_any()
    clock.mark("registers")
    Progress.at("the glossary")
    gproblems.raise_if_any()
    glossary.check_glossary(regs, edition, problems)                            # glossary
    problems.raise_if_any()
    clock.mark("glossary")
    versions.check(edition, problems)                                           # versions
    problems.raise_if_any()
    clock.mark("versions")
    return edition


def _check_download_names(edition: Edition) -> None:
    """Two telegrams must not share the name of their downloads (see render/paths.py)."""
    problems = Problems()
    for cable, other, stem in download_clashes(edition.cables.values()):
        problems.add(cable.meta.pos, f"telegrams {other.id} and {cable.id} would both publish their downloads "
                     f"as {stem}.*", hint=f"rename the folder {cable.folder}: the folder is the telegram's id, and the "
                     f"Department's identity in lower case ({cable.document_number.lower()}) is unique")
    problems.raise_if_any()


@dataclass
class Written:
    """What remains of a generated page once written: what MkDocs needs besides its file."""
    path: str
    title: str
    toc: list
    ids: list
    notes: list
    search: str                       # its search entries' file in the output folder ("" if none)
    telegram: str = ""
    front: dict = field(default_factory=dict)     # the values of its front matter
    body: tuple = ()                  # packed: (pack, offset, length) of its body; () for a page file
    search_at: tuple = ()             # packed: (offset, length) of the entries in `search`


@dataclass
class Generated:
    edition_meta: dict
    cables: int
    pages: list = field(default_factory=list)          # list[Written]
    downloads: list = field(default_factory=list)      # list[str]: paths of the downloads
    draft: bool = False
    stages: dict = field(default_factory=dict)         # pass -> seconds (Clock)

    @property
    def files(self) -> list[str]:
        return sorted([p.path for p in self.pages] + self.downloads)


# The folders made so far by this process (a build writes tens of thousands of files into a few
# thousand folders: each is made once, not asked for again before every file).
_MADE: set[str] = set()


def write_file(out: Path, path: str, content) -> None:
    target = out / path
    folder = str(target.parent)
    if folder not in _MADE:
        target.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(target, "wb") as f:
        f.write(data)


# The search entries of generated pages, as JSON beside the pages (read by the site's build when it
# writes the search index, so that no process holds the entries of the whole edition): one file
# for the pages written together (a telegram's, or the edition's), an object by page path.
SEARCH_DIR = "_search"
# Packed pages (for the site's build, which hands MkDocs the bodies itself): the pages written
# together, their bodies one after the other and then their search entries, in one file. A
# telegram then costs the file system one file instead of a page file and a folder for each of
# its pages and a file of entries, all made and removed again within the build.
PACK_DIR = "_packed"


def _write(out: Path, outputs: list, alias_rows: dict, packed: bool = False) -> tuple[list[Written], list[str]]:
    written, downloads = [], []
    entries: dict[str, list] = {}
    search = ""
    pack_path, pack, size = "", [], 0           # packed: the pack, its pieces, its size so far
    for item in outputs:
        if isinstance(item, PageOut):
            pages.apply_aliases(item, alias_rows.get(_url(item.path), []))
            page = Written(item.path, item.title, item.toc, item.ids, item.notes, "", item.telegram, item.front())
            if packed:
                pack_path = pack_path or f"{PACK_DIR}/{quote(item.path, safe='')}"
                data = item.body.encode("utf-8")
                page.body = (pack_path, size, len(data))
                pack.append(data)
                size += len(data)
            else:
                write_file(out, item.path, item.markdown())
            if item.search:
                search = search or pack_path or f"{SEARCH_DIR}/{item.path}.json"
                entries[item.path] = item.search
                page.search = search
            written.append(page)
        else:
            path, data = item
            write_file(out, path, data)
            downloads.append(path)
    if entries:
        data = json.dumps(entries, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if packed:
            for page in written:
                if page.search:
                    page.search_at = (size, len(data))
            pack.append(data)
        else:
            write_file(out, search, data)
    if pack:
        write_file(out, pack_path, b"".join(pack))
    return written, downloads


def read_packed(out: Path, pack: str, offset: int, length: int) -> bytes:
    """What a pack holds at `offset` (a page's body, or the entries of its pages)."""
    with open(out / pack, "rb") as f:
        f.seek(offset)
        return f.read(length)


@contextmanager
def uncollected():
    """The cyclic garbage collector off for a block that makes many objects without cycles
    (records of pages, links and ids): it would only walk them again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class WorkerError(Exception):
    """An unexpected failure in a worker of a pool (a bug), raised again in the parent."""


class WorkerLost(Exception):
    """A worker of a pool ended before its work was done, ended from outside (not a bug)."""

    def __str__(self) -> str:
        return ("a process of the build's pool was ended from outside before its work was done (by the system "
                "when memory runs out, or by a signal): nothing was written. Build again; with less memory, "
                "set EDITION_JOBS=1 to use one process")


# How often the parent, waiting for a pool's next result, looks whether a worker has died (the pool
# would start another and wait for ever for the work the dead one had taken).
_WATCH_SECONDS = 1.0


# The state a worker of a pool works from: set before the pool forks, so that every worker
# shares the loaded edition instead of receiving a copy through a pipe.
_STATE: dict = {}


def _pool_call(item):
    """In a worker: `fn(item)`, or its failure as a value: the problems it raised, or an
    unexpected failure with where it happened."""
    try:
        return ("ok", _STATE["fn"](item))
    except EditionError as e:
        return ("problems", e.problems)
    except Exception as e:  # noqa: BLE001 - reported by the parent, with its place
        return ("error", Progress.where, f"{type(e).__name__}: {e}")


def _pool_calls(items: list) -> list:
    """In a worker: `_pool_call` of each of a few items (a chunk), stopping at a failure."""
    out = []
    for item in items:
        out.append(_pool_call(item))
        if out[-1][0] != "ok":
            break
    return out


def _worker_start() -> None:
    """A worker's signals as the system has them: the pool ends its workers with SIGTERM when the
    work stops early (a problem, an interrupt), and a handler inherited from the parent (`make
    site` removes its scratch folders on SIGTERM) can miss a signal that arrives just before the
    worker waits for its next item, so that it waits for ever and the build with it. An interrupt is for the
    parent to handle: it ends the pool."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunk(n: int, jobs: int) -> int:
    """How many items a worker of a pool takes at a time: few, so that when the items run out no
    worker is left with a long queue."""
    return max(1, min(8, n // (jobs * 8)))


def pool_map(fn, items, jobs: int, meanwhile=None):
    """`fn` of each item in a pool of `jobs` forked processes, in the items' order (one after the
    other where there are few items or no fork), a failure raised here as if `fn` had run here.
    `meanwhile()` runs in this process once the workers have started (after the items, without
    a pool)."""
    items = list(items)
    if jobs < 2 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        if meanwhile is not None:
            meanwhile()
        return
    _STATE.update(fn=fn)
    # What the workers inherit is moved out of reach of the cyclic garbage collector while they
    # run: they only read it, and each of their collections would otherwise walk all of it (a
    # sixth of a worker's time) and copy every page of memory it touches.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start) as pool:
            # the items in chunks, each one task (Pool's own chunks would hide its iterator, whose
            # wait for the next result can time out: see _watched)
            size = _chunk(len(items), jobs)
            results = pool.imap(_pool_calls, [items[i:i + size] for i in range(0, len(items), size)])
            workers = _workers(pool)
            if meanwhile is not None:
                meanwhile()
            for result in (r for chunk in _watched(results, pool, workers) for r in chunk):
                if result[0] == "problems":
                    raise EditionError(result[1])
                if result[0] == "error":
                    Progress.at(result[1])
                    raise WorkerError(result[2])
                yield result[1]
            # Every result is in: the workers are told to stop and stop by themselves. Ending them
            # with SIGTERM (what leaving the block does) could kill one while it holds the lock of
            # the queue of items, and the other would wait for that lock for ever.
            pool.close()
            pool.join()
    finally:
        gc.unfreeze()
        _STATE.clear()


def _workers(pool) -> set[int]:
    """The process ids of a pool's workers (a worker that dies is replaced: the set changes)."""
    return {p.pid for p in getattr(pool, "_pool", ())}


def _watched(results, pool, workers: set[int]):
    """A pool's results as they come, or WorkerLost as soon as one of its workers has died."""
    while True:
        try:
            yield results.next(timeout=_WATCH_SECONDS)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            if _workers(pool) != workers or any(p.exitcode is not None for p in getattr(pool, "_pool", ())):
                raise WorkerLost() from None


def _telegram(edition: Edition, write, whole, cid: str) -> tuple[list[Written], list[str]]:
    """Render one telegram's outputs, with it (and the telegrams bound to it) read whole again."""
    with whole(bound(edition, cid)):                        # (reading names its files as it goes)
        Progress.at(f"rendering {edition.cables[cid].folder}")
        return write(pages.telegram_outputs(edition, edition.cables[cid]))


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("EDITION_JOBS", "0") or 0) or (os.cpu_count() or 1)))


def render(edition: Edition, out: Path, alias_rows: dict, jobs: int = 1, whole=None,
           packed: bool = False) -> tuple[list[Written], list[str]]:
    """Render every output into `out`: the telegrams in a pool of `jobs` processes (each
    telegram's outputs written and let go as soon as made) and, meanwhile, the pages of the
    edition; listed telegrams first, as without a pool. `whole(ids)` makes light telegrams
    whole for the time of a block (edition/lighten.py; by default they are whole already).
    `packed`: the pages written together go into one file (PACK_DIR), not a tree of pages."""
    whole = whole or _already_whole
    write = functools.partial(_write, out, alias_rows=alias_rows, packed=packed)
    _MADE.clear()
    written: list[Written] = []
    downloads: list[str] = []
    edition_written: list = []

    def meanwhile():
        # This process, otherwise idle while the workers render the telegrams, makes the pages of
        # the edition (they read the model only, never a telegram's outputs).
        edition_written.append(_edition_outputs(edition, write, whole))
    telegram = functools.partial(_telegram, edition, write, whole)
    for w, d in pool_map(telegram, edition.cables, jobs, meanwhile):
        written += w
        downloads += d
    w, d = edition_written[0]
    return written + w, downloads + d


def _edition_outputs(edition: Edition, write, whole) -> tuple[list[Written], list[str]]:
    with whole(pages.read_whole(edition)):
        Progress.at("rendering the pages of the edition")
        return write(pages.edition_outputs(edition))


@contextmanager
def _already_whole(ids):
    yield


def _whole(edition: Edition, docs: Path):
    """Light telegrams made whole again by reading their sources (edition/lighten.py)."""
    return lambda ids: hydrated(edition, ids, docs)


def generate(root: Path, out: Path, only: set[str] | None = None, docs: Path | None = None,
             jobs: int = 1, add_anchors: bool = False, packed: bool = False) -> Generated:
    """Every pass: the outputs written into `out` (created; replaced only when everything
    succeeded), the anchor manifest checked (with `add_anchors`, new anchors published first).
    `packed` (the site's build): pages packed by telegram (PACK_DIR), not Markdown files."""
    root, out = Path(root), Path(out)
    clock = Clock()
    docs = Path(docs) if docs is not None else root.parent / "docs"
    edition = load(root, only, docs, clock, light=True, jobs=jobs)
    manifest = root / "anchors.tsv"
    problems = Problems()
    rows = anchors.read_manifest(manifest, problems)
    problems.raise_if_any()
    alias_rows = anchors.aliases(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = scratch_folder(f".{out.name}-", out.parent)
    try:
        written, downloads = render(edition, scratch, alias_rows, jobs, _whole(edition, docs), packed)   # render
        clock.mark("render")
        notes = {w.path: w.notes for w in written}
        if add_anchors:
            anchors.add_new(edition, notes, manifest, rows)
            rows = anchors.read_manifest(manifest, problems)
            problems.raise_if_any()
        anchors.check(edition, notes, rows, str(manifest), set(edition.cables) if only else None)   # anchors
        _check_alias_ids(written, alias_rows, str(manifest))
        clock.mark("anchors")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            os.replace(out, old / "x")
            os.replace(scratch, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(scratch, out)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return Generated(edition.meta, len(edition.cables), written, downloads, bool(edition.draft), clock.stages)


def _check_alias_ids(written: list[Written], alias_rows: dict, shown: str) -> None:
    """An alias's old id must not be taken on its page by anything else."""
    problems = []
    for w in written:
        rows = alias_rows.get(_url(w.path), [])
        for row in rows:
            if w.ids.count(row.anchor) > 1:
                problems.append(Problem(Pos(shown, row.line, 1), f"alias {row.page}#{row.anchor}: the page already "
                                        f"has an element with the id {row.anchor!r}",
                                        hint="an alias keeps an anchor that no longer exists: remove the row"))
    if problems:
        raise EditionError(problems)
