"""MkDocs glue: the only module that imports MkDocs. Kept to a few lines on purpose
(hooks are not reloaded by `mkdocs serve`; the package they call is re-imported).

on_startup       remembers the command (`mkdocs serve` replaces site_url with its own address);
on_config        pins the build date (reproducible sitemaps), checks that site_url agrees with
                 edition.yaml and gives the theme the edition's version (config.extra.edition);
on_files         loads and checks the sources, then adds the generated pages and downloads as
                 in-memory files (the offline build, with Material's offline plugin, lists no zips);
on_page_content  collects each telegram paragraph's text for the search index, then keeps the
                 page's HTML compressed until its template is rendered (below);
on_post_build    makes each paragraph its own search result: after Material's search plugin has
                 written search_index.json (priority 0) and before the offline plugin of the
                 offline build inlines that file into search_index.js (priority -100), so the
                 zipped edition searches paragraph by paragraph too (`archive` checks it).
"""
from __future__ import annotations

import importlib
import logging
import os
import sys
import zlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.edition")


def _reload():
    """`mkdocs serve` keeps the process: re-import the generator so code edits take effect too.
    MkDocs restores sys.path after loading a hook, so the project root is put back here."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Forget every generator module and import afresh: reloading one by one would leave
    # modules holding classes from before the reload.
    for name in [n for n in sys.modules if n == "generator" or n.startswith("generator.")]:
        if sys.modules[name] is not sys.modules.get(__name__):
            del sys.modules[name]
    return importlib.import_module("generator.site")


_PARAGRAPHS: dict[str, list] = {}

_COMMAND = {"name": None}


def on_startup(command, dirty):
    """Remember the command: `mkdocs serve` replaces site_url with its own address."""
    _COMMAND["name"] = command


def _offline(config) -> bool:
    return any(name in config.plugins for name in ("offline", "material/offline"))


def on_config(config):
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    _PARAGRAPHS.clear()
    site = _reload()
    try:
        site_url = None if _COMMAND["name"] == "serve" else config.site_url
        config.extra["edition"] = site.edition_config(Path(config["config_file_path"]).parent, site_url,
                                                      config.use_directory_urls)
    except site.SiteError as e:
        raise PluginError(str(e)) from None
    return config


@event_priority(-50)
def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.exists() and _PARAGRAPHS:
        from generator import search_index
        sizes = search_index.rewrite(index, dict(sorted(_PARAGRAPHS.items())))
        for url, size in sizes.items():
            log.info("search: %s: %d paragraph entries, %d bytes", url, len(_PARAGRAPHS[url]), size)


def on_files(files, config):
    site = _reload()
    try:
        pages, summary = site.generate(Path(config["config_file_path"]).parent, offline=_offline(config))
    except site.SiteError as e:
        raise PluginError(str(e)) from None
    log.info(summary)
    for path, content in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files


# MkDocs converts every page before it renders any, and keeps each page's source twice (the
# file's content and the page's Markdown) and its HTML until the end of the build: memory grows
# with the edition. Once a page is converted its sources are let go, and its HTML is kept
# compressed until its template is rendered (first of all page_context handlers, so the search
# plugin and the theme see it whole), then let go once written. The site is the same, byte for
# byte; a 3,000-telegram build needs a fraction of the memory.

@event_priority(-100)                   # after every other plugin's on_page_content
def on_page_content(html, page, config, files):
    telegram = page.meta.get("ed_telegram")
    if telegram:
        from generator import search_index
        _PARAGRAPHS[page.url] = search_index.paragraph_entries(html, page.url, str(telegram))
    if page.meta.get("title"):          # its title does not come from the Markdown
        page.markdown = ""
    if page.file.generated_by is not None:
        page.file.content_string = ""   # an in-memory source, read already
    page.edition_html = zlib.compress(html.encode("utf-8"), 1)
    return ""


@event_priority(100)                    # before every other plugin's on_page_context
def on_page_context(context, page, config, nav):
    packed = getattr(page, "edition_html", None)
    if packed is not None:
        page.content = zlib.decompress(packed).decode("utf-8")
        page.edition_html = None
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    page.content = None
    return output
