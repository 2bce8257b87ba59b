"""The edition to take away: the built site turned into one that reads from disk, zipped.

Derived from the pages already built, not built a second time: every file of the site is
copied, and in its HTML pages each link to a folder (a directory URL, `../release/`) names the
folder's `index.html`, which a browser opening files needs; links to files the zip leaves out
(the zips of the versions) become links to the online edition. Material's search reads its index
from `search/search_index.js` when the site is opened from disk (and its search worker through
the iframe-worker shim the edition ships in docs/assets/vendor/), so both are added. The zip is
reproducible: its entries are sorted, every entry carries the edition's date as its time and the
same permissions, and nothing else of the build machine.
"""
from __future__ import annotations

import datetime
import json
import os
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

SHIM = "assets/vendor/iframe-worker-shim.js"
_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def _fix(url: str, page: str, files: set[str], dirs: set[str], site_url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme or url.startswith(("#", "//")) or not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    target = "" if target == "." else target
    frag = f"#{parts.fragment}" if parts.fragment else ""
    is_dir = parts.path.endswith("/") or target == "" or target in dirs
    if is_dir:
        if (f"{target}/index.html" if target else "index.html") in files:
            path = parts.path if parts.path.endswith("/") else parts.path + "/"
            return ("" if path == "./" else path) + "index.html" + frag
    elif target in files:
        return url
    if target.startswith(".."):
        return url
    return site_url + target + ("/" if is_dir and target else "") + frag     # left out of the zip: online


def offline_html(text: str, page: str, files: set[str], dirs: set[str], site_url: str) -> str:
    text = _ATTR.sub(lambda m: m.group(1) + _fix(m.group(2), page, files, dirs, site_url) + m.group(3), text)
    depth = page.count("/")
    shim = "../" * depth + SHIM
    return text.replace("</head>", f'<script src="{shim}"></script>\n</head>', 1) if "</head>" in text else text


def offline_index(data: str) -> str:
    """Material's search index as a script (it cannot fetch the JSON from disk), every location
    naming its page's index.html."""
    index = json.loads(data)
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if page == "" or page.endswith("/"):
            page += "index.html"
        doc["location"] = page + (f"#{anchor}" if anchor else "")
    return "var __index = " + json.dumps(index, separators=(",", ":"), ensure_ascii=False)


def make_zip(site: Path, target: Path, prefix: str, date: str, site_url: str) -> int:
    """Zip the built `site` as the offline edition into `target` (entries under `prefix/`)."""
    site = Path(site)
    stamp = datetime.date.fromisoformat(date)
    stamp = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    all_files = sorted(p for p in site.rglob("*") if p.is_file())
    keep = [p for p in all_files if p.suffix != ".zip" and p.name not in ("sitemap.xml", "sitemap.xml.gz")]
    rel = {p: p.relative_to(site).as_posix() for p in keep}
    files = set(rel.values()) | {"search/search_index.js"}
    dirs = {posixpath.dirname(f) for f in files}
    dirs |= {d for f in list(dirs) for d in _parents(f)}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    entries: dict[str, bytes] = {}
    for p in keep:
        name = rel[p]
        data = p.read_bytes()
        if p.suffix == ".html":
            data = offline_html(data.decode("utf-8"), name, files, dirs, site_url).encode("utf-8")
        entries[name] = data
        if name == "search/search_index.json":
            entries["search/search_index.js"] = offline_index(data.decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    os.replace(tmp, target)
    return len(entries)


def _parents(path: str):
    while path:
        path = posixpath.dirname(path)
        yield path
