"""A map of a release (cables/<id>/map/), drawn at build time as inline SVG: its sections and
pages in logical order, and its paragraphs by status, each a link to its anchor. Status is
shown by pattern and by a written label as well as by colour; the page also gives the same
facts as text. The geometry is computed here; templates/map.html.j2 draws it (every string
escaped there); the links are checked by the link checker of the built site."""
from __future__ import annotations

from ..model import Cable, Edition
from . import paths
from .page import PageOut, finish, slugify
from .search import map_entries
from .templates import render

STATUS_LABEL = {"present": "", "partial": "partial", "withheld-in-part": "in part", "withheld": "withheld",
                "missing": "missing"}
STATUS_WORDS = {"present": "present", "partial": "partial", "withheld-in-part": "withheld in part",
                "withheld": "withheld", "missing": "missing"}
COL, BOX_W, BOX_H, ROW = 104, 96, 46, 52
CELL_W, CELL_H, CELL_GAP, PER_ROW = 58, 52, 6, 9
PER_BAND = 6          # sections side by side: the drawing keeps to the width of the text column


def _ranges(ns: list[int]) -> str:
    runs: list[list[int]] = []
    for n in ns:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"¶{a}" if a == b else f"¶{a}-{b}" for a, b in runs)


def _para_word(ns: list[int]) -> str:
    return "paragraph" if len(ns) == 1 else "paragraphs"


def _num(x: float) -> str:
    return f"{x:g}"


def page_paragraphs(cable: Cable) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {p.id: [] for p in cable.pages}
    for n, para in cable.paragraphs.items():
        for pid in para.pages:
            out[pid].append(n)
    return out


def carried_by_other(cable: Cable) -> dict[int, list[str]]:
    out = {}
    for n, para in cable.paragraphs.items():
        others = sorted({cable.page(pid).telegram for pid in para.pages} - {cable.id})
        if others:
            out[n] = others
    return out


def pages_svg(edition: Edition, cable: Cable, here: str) -> dict:
    paras = page_paragraphs(cable)
    sections: dict[str, list] = {}
    for page in sorted(cable.pages, key=lambda p: p.order):
        sections.setdefault(page.section.value or "?", []).append(page)
    total = int(cable.head_value("sections") or 0) or len(sections)
    names = [f"{i:02d}" for i in range(1, total + 1)]
    rows = max(len(v) for v in sections.values())
    band_h = 40 + ROW * rows + 10
    bands = (len(names) + PER_BAND - 1) // PER_BAND
    width = 20 + COL * min(PER_BAND, len(names))
    items = []
    for i, name in enumerate(names):
        x = 20 + (i % PER_BAND) * COL
        top = (i // PER_BAND) * band_h
        items.append({"shape": "head", "x": _num(x + BOX_W / 2), "y": top + 24, "text": f"Section {name}"})
        pages = sections.get(name, [])
        if not pages:
            items.append({"shape": "none", "x": x, "y": top + 40, "w": BOX_W, "h": BOX_H,
                          "tx": _num(x + BOX_W / 2), "ty": top + 67})
        for j, page in enumerate(pages):
            y = top + 40 + j * ROW
            ns = paras[page.id]
            other = page.telegram != cable.id
            kind = "routing" if page.kind == "routing" else ("text" if ns else "empty")
            what = "routing sheet" if page.kind == "routing" else (_ranges(ns) if ns else "no text")
            items.append({
                "shape": "page", "x": x, "y": y, "w": BOX_W, "h": BOX_H,
                "href": paths.link(here, paths.release(cable.id), f"page-{page.id}"),
                "title": f"{page.label}: " + ("routing sheet" if page.kind == "routing" else
                                              (f"{_para_word(ns)} {_ranges(ns)}" if ns else "no text")),
                "cls": f"ed-m-page ed-m-{kind}" + (" ed-m-other" if other else ""),
                "line1": (f"{page.telegram} " if other else "") + f"p{page.page.value or '?'}", "line2": what})
    return {"cls": "ed-map-svg", "width": width, "height": band_h * bands, "role": "group",
            "title_id": "map-pages-title", "text_id": "map-pages-text",
            "title": f"The release of {cable.label}: sections and pages", "items": items}


def paragraphs_svg(edition: Edition, cable: Cable, here: str) -> dict:
    carried = carried_by_other(cable)
    ns = list(cable.paragraphs)
    rows = (len(ns) + PER_ROW - 1) // PER_ROW
    items = []
    for k, n in enumerate(ns):
        para = cable.paragraphs[n]
        x = 20 + (k % PER_ROW) * (CELL_W + CELL_GAP)
        y = 10 + (k // PER_ROW) * (CELL_H + CELL_GAP)
        other = carried.get(n)
        withheld = para.status == "withheld"
        labels = []
        if STATUS_LABEL[para.status]:
            labels.append((STATUS_LABEL[para.status], 33))
        if other:
            labels.append((", ".join(other), 46))
        items.append({
            "shape": "cell", "x": x, "y": y, "w": CELL_W, "h": CELL_H, "cx": _num(x + CELL_W / 2), "n": n,
            "href": paths.link(here, paths.reading(cable.id), f"p{n}"),
            "title": f"¶{n}: {STATUS_WORDS[para.status]}" + (
                f"; carried by {', '.join(_label(edition, t) for t in other)}" if other else ""),
            "cls": f"ed-m-cell ed-m-{para.status}" + (" ed-m-other" if other else ""),
            "num_cls": "ed-m-num ed-m-inv" if withheld else "ed-m-num",
            "small_cls": "ed-m-small ed-m-inv" if withheld else "ed-m-small", "labels": labels})
    return {"cls": "ed-map-svg", "width": 20 + PER_ROW * (CELL_W + CELL_GAP),
            "height": 10 + rows * (CELL_H + CELL_GAP) + 10, "role": "group",
            "title_id": "map-paras-title", "text_id": "map-paras-text",
            "title": f"The {len(ns)} paragraphs of {cable.label} by status", "items": items}


def legend_svg(carriers: list[str]) -> dict:
    keys = [("present", "present", ""), ("partial", "partial", "partial"),
            ("withheld-in-part", "withheld in part", "in part"), ("withheld", "withheld", "withheld"),
            ("missing", "missing", "missing")]
    items = []
    for i, (status, words, label) in enumerate(keys):
        items.append({"shape": "key", "x": 20 + (i % 3) * 200, "y": 10 + (i // 3) * 50,
                      "cls": f"ed-m-cell ed-m-{status}", "label": label, "words": words,
                      "small_cls": "ed-m-small ed-m-inv" if status == "withheld" else "ed-m-small"})
    if carriers:
        items.append({"shape": "key", "x": 20 + 2 * 200, "y": 60, "cls": "ed-m-cell ed-m-present ed-m-other",
                      "label": "", "words": "carried by " + ", ".join(carriers), "small_cls": "ed-m-small"})
    return {"cls": "ed-map-svg ed-map-legend", "width": 20 + 3 * 200, "height": 110, "role": "img",
            "title_id": "map-legend-title", "text_id": "",
            "title": "Legend: present (plain), partial (hatched, labelled partial), withheld in part "
                     "(cross-hatched, labelled in part), withheld (solid, labelled withheld), missing (dotted "
                     "outline, labelled missing), carried by another telegram (thick dashed outline, labelled "
                     "with its number)", "items": items}


def _label(edition: Edition, tid: str) -> str:
    c = edition.cables.get(tid)
    return c.label if c is not None else tid


def map_page(edition: Edition, cable: Cable) -> PageOut:
    here = paths.map_page(cable.id)
    reading = paths.reading(cable.id)
    by_status: dict[str, list[int]] = {}
    for n, p in cable.paragraphs.items():
        by_status.setdefault(p.status, []).append(n)
    status_lines = [(STATUS_WORDS[status], len(ns), [(paths.link(here, reading, f"p{n}"), f"¶{n}") for n in ns])
                    for status, ns in by_status.items()]
    carried = carried_by_other(cable)
    carriers = sorted({t for v in carried.values() for t in v})
    paras = page_paragraphs(cable)
    page_lines = []
    for page in sorted(cable.pages, key=lambda p: p.order):
        ns = paras[page.id]
        what = "routing sheet" if page.kind == "routing" else (f"{_para_word(ns)} {_ranges(ns)}" if ns else "no text")
        page_lines.append((paths.link(here, paths.release(cable.id), "page-" + page.id), page.label, what))
    title = f"{cable.label}: a map of the release"
    body = render("map.html.j2", title=title, title_id=slugify(title),
                  sections=cable.head_value("sections"), paragraph_count=len(cable.paragraphs),
                  pages_svg=pages_svg(edition, cable, here), paras_svg=paragraphs_svg(edition, cable, here),
                  legend=legend_svg(carriers), status_lines=status_lines,
                  carried=[(paths.link(here, reading, f"p{n}"), f"¶{n}") for n in carried],
                  carriers=", ".join(_label(edition, t) for t in carriers), page_lines=page_lines,
                  reading=paths.link(here, reading), release=paths.link(here, paths.release(cable.id)))
    page = PageOut(here, f"{cable.label}: a map of the release",
                   f"Sections, pages and paragraphs of the release of {cable.post} telegram {cable.number} at a glance",
                   "map", body=body)
    page.search = map_entries(cable, title, [(label, what) for _, label, what in page_lines],
                              [(words, [text for _, text in links]) for words, _, links in status_lines])
    return finish(page)
