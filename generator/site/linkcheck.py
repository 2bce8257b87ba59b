"""Check every internal link and fragment of a built site, and that nothing is loaded
from another host.

Reads every .html, .svg and .xml file of the site (raw HTML, theme templates and inline
SVG included, since it parses the output, not the sources). A link resolves if its file
exists (directory URLs end in index.html) and, with a fragment, the target file has an
element with that id (or name). Links under the site's own `site_url` are checked as
internal. Scripts, stylesheets, images (`src`, `srcset`, `poster`), fonts, frames, form
targets (`action`, `formaction`), a refresh's target (`<meta http-equiv="refresh">`), what a
frame's `srcdoc` loads, and the URLs of styles (`url(...)` and `@import` in style attributes,
style elements and the site's stylesheets) must come from the site itself.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..pipeline import default_jobs, pool_map, uncollected
from .timings import record

RESOURCE_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                  ("audio", "src"), ("video", "src"), ("embed", "src"), ("object", "data"),
                  ("image", "href"), ("use", "href"), ("track", "src"), ("input", "src"),
                  ("video", "poster"), ("form", "action"), ("button", "formaction"), ("input", "formaction")}
LINK_ATTRS = ("href", "src", "data", "xlink:href", "poster", "action", "formaction")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def css_urls(text: str) -> list[str]:
    """The URLs a piece of CSS loads: url(...) and @import."""
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(text)]


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


# Ids and links found by regular expressions (an HTML parser is ten times slower, which matters
# for sites of thousands of pages). A token is a comment, a script or style element (its content
# is not markup; a style's URLs are read as CSS), or a start tag with its attributes.
_RAW_ATTRS = r"""(?:[^>"']+|"[^"]*"|'[^']*')*"""
# Attributes none of which can be an id or load anything (most tags: a class, aria-*, data-*),
# in the plainest syntax: a start tag with only these is passed over inside the expression, with
# the text between tags and the end tags (most of a page, which Python then never sees). A tag
# that has anything else is a token, read attribute by attribute.
_SIGNIFICANT = "id|name|href|src|srcset|srcdoc|data|poster|action|formaction|style|content|xlink:href"
# (a class first, the commonest; possessive: what is passed over is never tried another way)
_PLAIN_ATTRS = rf"""(?:\s+class="[^"]*+"|\s++(?!(?:{_SIGNIFICANT})\s*=)[^\s/>="']++(?:="[^"]*+")?)*+\s*+/?"""
_PASSED_OVER = (r"(?:[^<]++"
                rf"|<(?!(?:script|style)\b)[a-zA-Z][^\s/>]*+{_PLAIN_ATTRS}>"
                r"|<(?![a-zA-Z]|!--))*+")
_TOKEN = re.compile(
    _PASSED_OVER +
    r"(?P<tok><!--.*?-->"
    rf"|<(?P<raw>script|style)\b(?P<rawattrs>{_RAW_ATTRS})>.*?</(?P=raw)\s*>"
    rf"|<(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>{_RAW_ATTRS})>"
    r"|<|\Z)",                 # a "<" that begins none of these (passed over), or the end
    re.S | re.I)
_ATTR = re.compile(r"""([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# <meta http-equiv="refresh" content="0; url=...">: a page that sends its reader elsewhere
# (the delay, a separator, then the URL, with or without "url=": browsers follow both)
_REFRESH_URL = re.compile(r"""^\s*[0-9.]*\s*[;,]\s*(?:url\s*=\s*)?['"]?([^'"\s]+)""", re.I)
# The commonest case, an element with a class and an id (every line of a release view).
_CLASS_ID = re.compile(r'\s+(?:class="[^"&]*"\s+)?id="([^"&]+)"\s*')
# The next commonest, a link and nothing else (every paragraph's entry in a table of contents).
_HREF_ONLY = re.compile(r'\s+href="([^"&]*)"\s*')
_PLAIN = re.compile(_PLAIN_ATTRS, re.I)


def _collect(text: str) -> tuple[set[str], list[tuple[str, str, str, int]]]:
    """(ids, links) of an HTML, SVG or XML text, as _Collector gives them (links with the
    offset of their tag rather than its line: lines are counted only for a problem)."""
    ids: set[str] = set()
    found: list[tuple[str, str, str, int]] = []
    plain, class_id, href_only = _PLAIN.fullmatch, _CLASS_ID.fullmatch, _HREF_ONLY.fullmatch
    for m in _TOKEN.finditer(text):
        tag = m.group("tag")
        if tag is not None:
            attrs = m.group("attrs")
        else:
            raw, attrs = m.group("raw", "rawattrs")
            if not raw:                                 # a comment, a lone "<", the end
                continue
            if raw.lower() == "style":
                found.extend(("style", "resource", u, m.start("tok")) for u in css_urls(m.group("tok")))
            tag = raw
            if plain(attrs):
                continue
        simple = class_id(attrs)
        if simple:
            ids.add(simple.group(1))
            continue
        if tag == "a":
            simple = href_only(attrs)
            if simple:
                found.append(("a", "link", simple.group(1), m.start("tok")))
                continue
        tag = tag.lower()
        a: dict[str, str | None] = {}
        for name, dq, sq, bare in _ATTR.findall(attrs):
            value = dq or sq or bare
            if "&" in value:
                value = html.unescape(value)
            a[name.lower()] = value
        for key in ("id", "name"):
            if a.get(key):
                ids.add(a[key])
        offset = m.start("tok")
        if tag == "link":
            if a.get("href"):
                rel = (a.get("rel") or "").lower()
                kind = "resource" if any(r in rel for r in ("stylesheet", "icon", "preload", "modulepreload",
                                                            "manifest", "prefetch", "preconnect")) else "link"
                found.append((tag, kind, a["href"], offset))
            continue
        for attr in LINK_ATTRS:
            if a.get(attr):
                kind = "resource" if (tag, attr.split(":")[-1]) in RESOURCE_ATTRS else "link"
                found.append((tag, kind, a[attr], offset))
        if a.get("srcset"):
            found.extend((tag, "resource", u, offset) for u in srcset_urls(a["srcset"]))
        if a.get("style"):
            found.extend((tag, "resource", u, offset) for u in css_urls(a["style"]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh" and a.get("content"):
            m_url = _REFRESH_URL.search(a["content"])
            if m_url:
                found.append((tag, "resource", m_url.group(1), offset))
        if a.get("srcdoc"):                     # a document inside the attribute, loaded with the page
            found.extend((f"{tag} srcdoc <{t}>", kind, u, offset) for t, kind, u, _ in _collect(a["srcdoc"])[1])
    return ids, found


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# What every worker of the check knows (set before the pool forks): the site, its files and folders.
_SITE: dict = {}


def _scan(rel: str, detailed: bool = False) -> tuple[str, list, list]:
    """Check one page on its own: its ids (joined, cheap to send), its problems (offset, message)
    and the fragments it links to in other pages, as (target, fragments joined) (with `detailed`,
    each link as (tag, url, offset, target, fragment), to say where a missing one is)."""
    site, existing, dirs, marked, site_url, resolved = (
        _SITE[k] for k in ("site", "existing", "dirs", "marked", "url", "resolved"))
    ids, links = _collect((site / rel).read_text(encoding="utf-8", errors="replace"))
    problems, deferred = [], []
    elsewhere: dict[str, set[str]] = {}
    folder = posixpath.dirname(rel)
    depth = folder.count("/") + 1 if folder else 0
    for tag, kind, url, offset in links:
        # The theme repeats the same links on every page, and a page its own: a link resolves
        # the same from every page of a folder, unless it has no path (then it is to the page),
        # and whatever its fragment (links to the places of one page differ only there). One
        # that climbs to the site's root and no further resolves the same from every folder.
        base, _, frag = url.partition("#")
        if base[:1] in ("", "?"):
            key = (rel, base, kind)
        elif base.startswith("../") and _climbs(base) == depth:
            key = ("", base, kind)
        else:
            key = (folder, base, kind)
        if key not in resolved:
            resolved[key] = _resolve(rel, base, kind, existing, dirs, site_url)
        problem, target = resolved[key]
        frag = unquote(frag) if "%" in frag else frag
        if problem:
            problems.append((offset, f"<{tag}> {url!r}: {problem}"))
        elif frag and target in marked:
            if target == rel:
                if frag not in ids and frag not in _ALWAYS:
                    problems.append((offset, _no_id(tag, url, frag, target)))
            elif detailed:
                deferred.append((tag, url, offset, target, frag))
            else:
                elsewhere.setdefault(target, set()).add(frag)
    if not detailed:
        # (a page links to hundreds of places in others: one string each, not a record per link)
        deferred = [(target, "\x00".join(frags)) for target, frags in elsewhere.items()]
    return "\x00".join(ids), problems, deferred


def _climbs(base: str) -> int:
    """How many folders a relative URL climbs, if it then only goes down (else -1)."""
    parts = base.split("/")
    k = 0
    while k < len(parts) and parts[k] == "..":
        k += 1
    return -1 if ".." in parts[k:] else k


_ALWAYS = ("", "top", "__skip")


def _no_id(tag: str, url: str, frag: str, target: str) -> str:
    return f"<{tag}> {url!r}: no element with id {frag!r} in {target}"


def check_site(site: Path, site_url: str | None = None) -> list[str]:
    with uncollected():             # (every page's ids and links: many objects, no cycles)
        return _check_site(Path(site), site_url)


def _listing(site: Path) -> tuple[list[str], list[str], dict[str, int]]:
    """The site's files and folders (relative, in the order of their paths' parts) and the size
    of each file the check reads, from one walk of the tree (no file is asked for twice)."""
    files, dirs, sizes = [], [], {}
    stack = [("", str(site))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for e in entries:
                rel = prefix + e.name
                if e.is_dir():
                    dirs.append(rel)
                    stack.append((rel + "/", e.path))
                elif e.is_file():
                    files.append(rel)
                    if rel.endswith((".html", ".svg", ".xml")):
                        sizes[rel] = e.stat().st_size
    files.sort(key=lambda r: r.split("/"))
    return files, dirs, sizes


def _check_site(site: Path, site_url: str | None) -> list[str]:
    rels, dirs, sizes = _listing(site)
    # the largest pages first, a few at a time: when the pages run out, no worker is left with a
    # long queue (the problems are sorted by file and place at the end)
    marked = [r for _, r in sorted((-size, r) for r, size in sizes.items())]
    _SITE.update(site=site, existing=set(rels), marked=set(marked), url=site_url, resolved={}, dirs=set(dirs))
    try:
        # reading the pages is most of the work, and each page is read on its own (a small site
        # is not worth the processes)
        scanned = list(pool_map(_scan, marked, default_jobs() if len(marked) > 200 else 1))
        joined = {rel: s[0] for rel, s in zip(marked, scanned)}
        ids: dict[str, set[str]] = {}
        found: list[tuple[str, int, str]] = []
        for rel, (_, problems, deferred) in zip(marked, scanned):
            found.extend((rel, offset, message) for offset, message in problems)
            for target, frags in deferred:
                if target not in ids:
                    ids[target] = set(joined[target].split("\x00"))
                have = ids[target]
                if any(f not in have and f not in _ALWAYS for f in frags.split("\x00")):
                    # a fragment missing: the page read again, to say which of its links
                    found.extend((rel, offset, _no_id(tag, url, frag, target))
                                 for tag, url, offset, t, frag in _scan(rel, detailed=True)[2]
                                 if t == target and frag not in have and frag not in _ALWAYS)
    finally:
        _SITE.clear()
    out = []
    texts: dict[str, str] = {}
    for rel, offset, message in sorted(found, key=lambda f: (f[0], f[1])):
        if rel not in texts:
            texts[rel] = (site / rel).read_text(encoding="utf-8", errors="replace")
        out.append(f"{rel}:{_line_of(texts[rel], offset)}: {message}")
    for rel in rels:
        if rel.endswith(".css"):
            for url in css_urls((site / rel).read_text(encoding="utf-8", errors="replace")):
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                    out.append(f"{rel}: url({url}) loads from another host")
    return out


def _resolve(rel, url, kind, existing, dirs, site_url) -> tuple[str | None, str | None]:
    """(problem, target file) of a link from page `rel`, without its fragment (which the caller
    looks up among the target's ids)."""
    parts = urlsplit(url)
    if parts.scheme in ("javascript", "vbscript"):
        return "script URL in a link", None
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url):]
        parts = urlsplit(url)
    elif parts.scheme in ("http", "https") or url.startswith("//"):
        return ("loaded from another host" if kind == "resource" else None), None
    elif parts.scheme in ("mailto", "data", "blob", "tel"):
        return None, None
    elif parts.scheme:
        return f"unexpected URL scheme {parts.scheme!r}", None
    path = unquote(parts.path)
    base = urlsplit(site_url).path if site_url else "/"
    if path.startswith("/"):
        # a path from the server's root (the 404 page's links): the site lives under site_url's path
        target = path[len(base):] if path.startswith(base) else path.lstrip("/")
    elif path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    else:
        target = rel
    if target in ("", "."):
        target = "index.html"
    if target in dirs or path.endswith("/"):
        target = posixpath.join(target, "index.html") if target not in ("index.html",) else target
    if target.startswith(".."):
        return "points outside the site", None
    if target not in existing:
        return f"no such file {target}", None
    return None, target


def site_url_of(mkdocs_yml: Path) -> str | None:
    """The `site_url` of mkdocs.yml (read as text: the file has MkDocs-specific YAML tags)."""
    if not mkdocs_yml.exists():
        return None
    m = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text(encoding="utf-8"), flags=re.M)
    return m.group(1) if m else None


def main(site: str, site_url: str | None = None) -> int:
    start = (time.perf_counter(), time.process_time())
    problems = check_site(Path(site), site_url)
    record("linkcheck", wall=round(time.perf_counter() - start[0], 4), cpu=round(time.process_time() - start[1], 4))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} broken link(s) or third-party load(s) in {site}")
        return 1
    n = sum(1 for _ in Path(site).rglob("*.html"))
    print(f"links: every internal link and fragment of {n} HTML pages resolves; nothing loads from another host")
    return 0
