"""MkDocs glue: the only module that imports MkDocs, kept small; it calls `glue`.

on_config       checks site_url against edition.yaml and gives the theme the edition's version
                (config.extra.edition); under `mkdocs serve`, re-imports the generator first if
                its code changed (hooks are not reloaded by serve);
on_files        runs the generator's passes, which write the pages (packed by telegram) and the
                downloads into a folder of this build's own, and adds them as files (the
                downloads are moved into the site, not copied);
on_pre_page     gives a generated page its front matter as the generator made it (no YAML to
                parse) and a renderer that only reads what the generator made: its body is
                already HTML, so there is no Markdown pass;
on_env          gives the theme Material's navigation made once per shape (_Navigation); under
                `mkdocs build`, forks a second process (it shares everything MkDocs has
                gathered) that writes the generated pages' search entries and then builds
                generated pages from the last, while this one builds the others at once, then
                takes generated pages from the first, until they meet;
on_page_context hands the theme the page's body (kept on disk until then, so memory does not
                grow with the edition): after the search plugin when the page has search
                entries of its own, before it when the plugin indexes it;
on_post_page    lets a written page's body go, takes out the two attributes of Material's
                template that make every page invalid HTML, and takes the next page to build
                (or leaves it to the second process);
on_post_build   waits for that process, adds the generated pages' own search entries to
                Material's index after the search plugin has written it, and removes this
                build's folder.
"""
from __future__ import annotations

import errno
import importlib
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import traceback
import types
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, normalize_url

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"
log = logging.getLogger("mkdocs.hooks.edition")
_STATE: dict = {"glue": None, "stamp": None, "command": None, "pages": {}, "out": None}


def _code_stamp() -> tuple:
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.j2"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


def _glue(reload: bool = False):
    """The generator, imported once, and again when its code changed (`mkdocs serve`: hooks are
    not reloaded); `reload` looks for a change, once at the start of each build."""
    if _STATE["glue"] is None or reload:
        stamp = _code_stamp()
        if _STATE["glue"] is None or stamp != _STATE["stamp"]:
            if str(ROOT) not in sys.path:
                sys.path.insert(0, str(ROOT))
            for name in [n for n in sys.modules if n == "generator" or n.startswith("generator.")]:
                if not name.endswith("mkdocs_hook"):
                    del sys.modules[name]
            _STATE["glue"] = importlib.import_module("generator.site.glue")
            _STATE["stamp"] = stamp
    return _STATE["glue"]


def on_startup(command, dirty):
    _STATE["command"] = command


def on_config(config):
    glue = _glue(reload=True)
    glue.thaw()                 # what the last build of `mkdocs serve` left (glue.generate)
    try:
        site_url = None if _STATE["command"] == "serve" else config.site_url
        config.extra["edition"] = glue.edition_config(Path(config.config_file_path).parent, site_url)
    except glue.SiteError as e:
        raise PluginError(str(e)) from None
    os.environ["SOURCE_DATE_EPOCH"] = config.extra["edition"]["epoch"]   # reproducible sitemaps
    return config


def on_files(files, config):
    glue = _glue()
    _cleanup()
    try:
        out, generated, line = glue.generate(Path(config.config_file_path).parent, Path(config.docs_dir))
    except glue.SiteError as e:
        raise PluginError(str(e)) from None
    log.info(line)
    _STATE["out"] = out
    _STATE["pages"] = {w.path: w for w in generated.pages}
    for path in generated.files:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        page = _STATE["pages"].get(path)
        # a page's source is its pack (which only this hook reads: see on_pre_page)
        file = File.generated(config, path, abs_src_path=str(out / (page.body[0] if page else path)))
        if page is None:
            file.copy_file = types.MethodType(_move_file, file)
        files.append(file)
    return files


def _move_file(file, dirty=False):
    """File.copy_file for a generated download: moved into the site rather than copied, since
    the generator's folder is removed after the build (copied where it is on another disk)."""
    dest = file.abs_dest_path
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.replace(file.abs_src_path, dest)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        shutil.copyfile(file.abs_src_path, dest)


def _read_source(page, config):
    """Page.read_source for a generated page: its front matter's values as the generator made them."""
    page.markdown = ""
    page.meta = dict(_STATE["pages"][page.file.src_uri].front)


def _render(page, config, files):
    """Page.render for a generated page: its body is HTML already."""
    written = _STATE["pages"][page.file.src_uri]
    page.content = ""
    page.toc = get_toc(_glue().toc_tokens(written.toc))
    page.present_anchor_ids = set(written.ids)
    page.links_to_anchors = None


def on_pre_page(page, config, files):
    if page.file.src_uri in _STATE["pages"]:
        page.read_source = types.MethodType(_read_source, page)
        page.render = types.MethodType(_render, page)
    return page


def on_nav(nav, config, files):
    _STATE["nav"] = nav
    _glue().settle()                    # the files and the navigation live to the end of the build
    return nav


# A page the other process builds is given this template, which renders as nothing: MkDocs
# then writes nothing for it here (and says so at level INFO, which the filter below keeps quiet).
_ELSEWHERE = "edition-built-elsewhere.html"


class _Quiet(logging.Filter):
    def filter(self, record):
        return not (record.getMessage().startswith("Page skipped") and _STATE.get("child"))


logging.getLogger("mkdocs.commands.build").addFilter(_Quiet())


class _Navigation:
    """Material's navigation (partials/nav.html), made once per shape for the pages outside it
    (overrides/partials/nav.html): for such a page no item is active, and the navigation depends
    on nothing but the URLs, relative to the page, of what it links to (its items, the home page,
    the logo), so pages whose URLs are alike share it. It was a third of a page's template."""

    def __init__(self, env, config, nav):
        found = [d for d in config.theme.dirs if os.path.isfile(os.path.join(d, "partials", "nav.html"))]
        with open(os.path.join(found[-1], "partials", "nav.html"), encoding="utf-8") as f:
            self.material = env.from_string(f.read())          # the theme's own, which ours wraps
        self.inside = {id(p) for p in nav.pages}
        self.urls = [config.extra.get("homepage"), nav.homepage.url if nav.homepage else None,
                     config.theme.get("logo")]
        stack = list(nav.items)
        while stack:
            item = stack.pop(0)
            self.urls.append(getattr(item, "url", None))
            stack.extend(getattr(item, "children", None) or ())
        self.urls = [str(u) for u in self.urls if u is not None]
        self.made: dict = {}

    def shape(self, page):
        """What the navigation of `page` depends on, or None for a page in it (or no page)."""
        if page is None or id(page) in self.inside:
            return None
        return tuple(normalize_url(u, page=page) for u in self.urls)

    def keep(self, shape, html: str) -> str:
        self.made[shape] = html
        return html


@event_priority(-100)                   # after every other plugin's on_env
def on_env(env, config, files):
    env.globals["edition_nav"] = _Navigation(env, config, _STATE["nav"])
    _glue().settle()                    # the pages' tables of contents live to the end of the build
    pages = [f.page for f in files.documentation_pages() if f.page]
    # only pages with their own search entries: Material's search plugin indexes the others as it
    # builds them, and what it gathers in the second process would be lost
    movable = [p for p in pages if p.file.src_uri in _STATE["pages"] and _STATE["pages"][p.file.src_uri].search]
    if _STATE["command"] != "build" or _glue().jobs() < 2 or len(movable) < 100 or not hasattr(os, "fork"):
        return env
    share = _Share(movable)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pid = os.fork()
    if pid == 0:                                          # the second process
        code = 1
        try:
            code = _build_share(share, env, config, doc_files)
        except BaseException:  # noqa: BLE001 - reported, then the parent fails the build
            traceback.print_exc()
        finally:
            os._exit(code)
    _STATE["child"] = pid
    # This process first builds the pages only it can build (MkDocs' loop, coming to them, then
    # writes nothing more for them, and the search plugin does not index them twice), then takes
    # the movable pages from the first as the loop comes to them (each just before it is built:
    # see on_post_page), the second process from the last: they meet wherever both have had as
    # much to do, whatever a page costs.
    for page in pages:
        if page.file.src_uri not in share.index:
            mkdocs_build._build_page(page, config, doc_files, _STATE["nav"], env)
            page.meta["template"] = _ELSEWHERE
            page.meta["search"] = {"exclude": True}
            page.content = ""
    before = {}
    for previous, page in zip([None] + pages, pages):
        if page.file.src_uri in share.index:
            before[previous.file.src_uri if previous is not None else None] = page
    _STATE["share"], _STATE["claim_after"] = share, before
    _claim_after(None)
    return env


class _Share:
    """The movable pages, and which of them each process has taken: the first process takes them
    in order from the first (`take_first`, page by page as MkDocs builds them), the second from
    the last (`take_last`); a lock in memory both share keeps them from taking the same page."""

    def __init__(self, pages: list):
        ctx = multiprocessing.get_context("fork")
        self.pages = pages
        self.index = {p.file.src_uri: i for i, p in enumerate(pages)}
        self._lock = ctx.Lock()
        self._ends = ctx.RawArray("q", [0, len(pages)])    # [first not yet taken, after the last]

    def take_first(self, page) -> bool:
        with self._lock:
            if self._ends[0] < self._ends[1]:
                assert self._ends[0] == self.index[page.file.src_uri]
                self._ends[0] += 1
                return True
            return False

    def take_last(self):
        with self._lock:
            if self._ends[1] > self._ends[0]:
                self._ends[1] -= 1
                return self.pages[self._ends[1]]
            return None


def _claim_after(src_uri) -> None:
    """In the first process, once the page `src_uri` is built: the movable page that MkDocs builds
    next, taken, or left to the second process (then given the template that writes nothing)."""
    page = _STATE.get("claim_after", {}).get(src_uri)
    if page is not None and not _STATE["share"].take_first(page):
        page.meta["template"] = _ELSEWHERE


def _build_share(share: _Share, env, config, doc_files) -> int:
    """In the second process: the generated pages' search entries, for on_post_build (while the
    first process builds pages), then movable pages from the last, as MkDocs' own loop builds any
    page (the same function, so the output is the same byte for byte: MkDocs is pinned at 1.6,
    the last 1.x); 0 if no warning or error was logged."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    _glue().write_search_entries(_STATE["out"], list(_STATE["pages"].values()))
    while (page := share.take_last()) is not None:
        mkdocs_build._build_page(page, config, doc_files, _STATE["nav"], env)
    return 1 if counter.get_counts() else 0


def _wait_for_child(kill: bool = False) -> bool:
    """Wait for the second process, if there is one (True), ended first with `kill`."""
    _STATE.pop("share", None)
    _STATE.pop("claim_after", None)
    pid = _STATE.pop("child", None)
    if not pid:
        return False
    if kill:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    if not kill and os.waitstatus_to_exitcode(status) != 0:
        raise PluginError("the second process building the generated pages failed (see above)")
    return True


def _give_body(page, own_entries: bool) -> None:
    written = _STATE["pages"].get(page.file.src_uri)
    if written is not None and bool(written.search) == own_entries and page.meta.get("template") != _ELSEWHERE:
        page.content = _glue().take_body(_STATE["out"], written)


@event_priority(100)                    # before every other plugin's on_page_context
def _page_context_first(context, page, config, nav):
    _give_body(page, own_entries=False)     # Material's search indexes these pages from their body
    return context


@event_priority(-100)                   # after every other plugin's on_page_context
def _page_context_last(context, page, config, nav):
    # Pages with search entries of their own: the search plugin, which leaves them out, would
    # still scan their whole body for attributes that only a hand-written page may hold
    _give_body(page, own_entries=True)
    return context


on_page_context = CombinedEvent(_page_context_first, _page_context_last)


# Material puts autocomplete="off" on its two hidden checkboxes (drawer, search), which HTML
# allows on text inputs only; the Nu Html Checker reports it on every page. Taken out here.
_TOGGLES = ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__search" autocomplete="off"')


def _valid(output: str) -> str:
    for toggle in _TOGGLES:
        output = output.replace(toggle, toggle.replace(' autocomplete="off"', ""))
    return output


@event_priority(-100)
def on_post_page(output, page, config):
    if page.file.src_uri in _STATE["pages"]:
        page.content = None             # written: let it go
    if "child" in _STATE:
        _claim_after(page.file.src_uri)
    return _valid(output)


def on_post_template(output_content, template_name, config):
    return _valid(output_content)      # the 404 page


@event_priority(-50)                    # after Material's search plugin has written its index
def on_post_build(config):
    forked = _wait_for_child()
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists() and _STATE["out"] is not None:
        # (written by the second process while this one built pages, if there was one)
        part = _glue().search_part(_STATE["out"]) if forked else \
            _glue().write_search_entries(_STATE["out"], list(_STATE["pages"].values()))
        _glue().add_search_entries(index, part)
    _cleanup()


def on_build_error(error):
    _wait_for_child(kill=True)
    _cleanup()


def on_shutdown():
    _cleanup()


def _cleanup():
    if _STATE.get("out") is not None:
        _glue().remove(_STATE["out"])
        _STATE["out"] = None
