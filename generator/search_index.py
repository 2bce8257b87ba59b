"""Make each paragraph of a telegram its own search result.

Material's search indexes a page by sections (headings), so a phrase from ¶14 would land
on the run-in heading above it. After the build, the index entries of every page that
holds telegram paragraphs are replaced: the page entry and the document head stay, each
paragraph becomes an entry of its own (location `cables/13790/#p14`, title "Beijing 13790
¶14", its reading text), and the run-in headings keep their titles but no longer repeat
the paragraphs' text. No heading is added to the pages themselves.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import lxml.html

SKIP_CLASSES = ("ed-witness", "ed-entries", "ed-cite", "ed-notesep", "ed-status")


def paragraph_entries(page_html: str, url: str, telegram: str) -> list[dict]:
    """The search entries of the paragraphs (`div.ed-para[id^=p]`) of one rendered page."""
    if "ed-para" not in page_html:
        return []
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    entries = []
    for div in root.xpath('//div[contains(concat(" ", @class, " "), " ed-para ")][starts-with(@id, "p")]'):
        n = div.get("id")[1:]
        for el in div.xpath('.//sup[starts-with(@id, "fnref")] | .//*[@class]'):
            classes = (el.get("class") or "").split()
            if el.tag == "sup" or any(c in SKIP_CLASSES for c in classes):
                el.drop_tree()
        text = " ".join(div.text_content().split())
        entries.append({"location": f"{url}#p{n}", "title": f"Beijing {telegram} ¶{n}", "text": html.escape(text)})
    return entries


def rewrite(index_path: Path, paragraphs: dict[str, list[dict]]) -> dict[str, int]:
    """Put the paragraph entries in place of the section text of their pages.
    Returns the size in bytes of each page's entries (for the page-weight budget)."""
    data = json.loads(index_path.read_text(encoding="utf-8"))
    docs, sizes = [], {}
    locations = {d["location"] for d in data["docs"]}
    for doc in data["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if page not in paragraphs:
            docs.append(doc)
            continue
        if anchor in ("", "head"):
            docs.append(doc)
        elif anchor:
            docs.append({**doc, "text": ""})          # a run-in heading: found by its title
        if anchor == "head" or (anchor == "" and f"{page}#head" not in locations):
            docs.extend(paragraphs[page])
    for page, entries in paragraphs.items():
        sizes[page] = sum(len(json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode()) for e in entries)
    data["docs"] = docs
    index_path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
    return sizes


def offline_problem(site: Path, expect_paragraphs: bool) -> str | None:
    """What is wrong with an offline build's search index, if anything. Material's offline plugin
    inlines search_index.json into search/search_index.js (`var __index = …`), which is what the
    browser reads from disk; it must be the rewritten index, with the paragraph entries."""
    folder = Path(site) / "search"
    index, script = folder / "search_index.json", folder / "search_index.js"
    if not script.exists() or not index.exists():
        return f"{script}: the offline build has no inlined search index"
    text = index.read_text(encoding="utf-8")
    if script.read_text(encoding="utf-8") != "var __index = " + text:
        return f"{script}: not the same index as search_index.json (did the offline plugin run before the hook?)"
    docs = json.loads(text)["docs"]
    if expect_paragraphs and not any(d["location"].rpartition("#")[2].startswith("p")
                                     and d["title"].startswith("Beijing ") for d in docs):
        return f"{script}: no paragraph has a search entry of its own"
    return None
