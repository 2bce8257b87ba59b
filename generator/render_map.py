"""A map of a release (cables/<n>/map/), drawn at build time as inline SVG: its sections and
pages in logical order, and its paragraphs by status, each a link to its anchor. Status is
shown by pattern and by a written label as well as by colour; the page also gives the same
facts as text. Every string in the SVG is escaped for XML; links are relative URLs (raw HTML
is not rewritten by MkDocs) and are checked by the link checker of the built site."""
from __future__ import annotations

from markupsafe import Markup, escape

from . import outputs
from .escape import md
from .model import Cable, Edition
from .templates import render

STATUS_LABEL = {"present": "", "partial": "partial", "withheld-in-part": "in part", "withheld": "withheld",
                "missing": "missing"}
STATUS_WORDS = {"present": "present", "partial": "partial", "withheld-in-part": "withheld in part",
                "withheld": "withheld", "missing": "missing"}
COL, BOX_W, BOX_H, ROW = 104, 96, 46, 52
CELL_W, CELL_H, CELL_GAP, PER_ROW = 58, 52, 6, 9
PER_BAND = 6          # sections side by side: the drawing keeps to the width of the text column


def _x(s) -> Markup:
    return Markup(escape(str(s)))


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


def page_paragraphs(cable: Cable) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {p.id: [] for p in cable.pages}
    for n, para in cable.paragraphs.items():
        for pid in para.pages:
            out[pid].append(n)
    return out


def carried_by_other(cable: Cable) -> dict[int, list[str]]:
    out = {}
    for n, para in cable.paragraphs.items():
        others = sorted({cable.page(pid).telegram for pid in para.pages} - {cable.number})
        if others:
            out[n] = others
    return out


def _defs() -> Markup:
    """The fill patterns, defined once per page (ids must be unique in the document) in a
    hidden drawing of their own; the stylesheet refers to them by id."""
    return Markup(
        '<svg class="ed-map-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
        '<pattern id="ed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="ed-m-bg" width="6" height="6"/><line class="ed-m-line" x1="0" y1="0" x2="0" y2="6"/></pattern>'
        '<pattern id="ed-cross" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="ed-m-bg" width="6" height="6"/><line class="ed-m-line" x1="0" y1="0" x2="0" y2="6"/>'
        '<line class="ed-m-line" x1="0" y1="0" x2="6" y2="0"/></pattern>'
        '</defs></svg>')


def pages_svg(cable: Cable, here: str) -> Markup:
    paras = page_paragraphs(cable)
    sections: dict[str, list] = {}
    for page in sorted(cable.pages, key=lambda p: p.order):
        sections.setdefault(page.section.value or "?", []).append(page)
    total = cable.meta.get("sections") or len(sections)
    names = [f"{i:02d}" for i in range(1, total + 1)]
    rows = max(len(v) for v in sections.values())
    band_h = 40 + ROW * rows + 10
    bands = (len(names) + PER_BAND - 1) // PER_BAND
    width = 20 + COL * min(PER_BAND, len(names))
    height = band_h * bands
    out = [Markup(f'<svg class="ed-map-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'role="group" aria-labelledby="map-pages-title" aria-describedby="map-pages-text">'),
           Markup('<title id="map-pages-title">') + _x(f"The release of Beijing {cable.number}: sections and pages")
           + Markup("</title>")]
    for i, name in enumerate(names):
        x = 20 + (i % PER_BAND) * COL
        top = (i // PER_BAND) * band_h
        out.append(Markup(f'<text class="ed-m-head" x="{x + BOX_W / 2:g}" y="{top + 24}" text-anchor="middle">')
                   + _x(f"Section {name}") + Markup("</text>"))
        pages = sections.get(name, [])
        if not pages:
            out.append(Markup(f'<rect class="ed-m-none" x="{x}" y="{top + 40}" width="{BOX_W}" height="{BOX_H}" rx="3"/>'
                              f'<text class="ed-m-small" x="{x + BOX_W / 2:g}" y="{top + 67}" text-anchor="middle">'
                              'not in release</text>'))
        for j, page in enumerate(pages):
            y = top + 40 + j * ROW
            ns = paras[page.id]
            other = page.telegram != cable.number
            kind = "routing" if page.kind == "routing" else ("text" if ns else "empty")
            line1 = (f"{page.telegram} " if other else "") + f"p{page.page.value or '?'}"
            line2 = "routing sheet" if page.kind == "routing" else (_ranges(ns) if ns else "no text")
            title = f"{page.label}: " + ("routing sheet" if page.kind == "routing" else
                                         (f"{_para_word(ns)} {_ranges(ns)}" if ns else "no text"))
            href = outputs.url_link(here, outputs.release(cable.number), f"page-{page.id}")
            cls = f"ed-m-page ed-m-{kind}" + (" ed-m-other" if other else "")
            out.append(Markup(f'<a href="{_x(href)}"><title>') + _x(title) + Markup("</title>")
                       + Markup(f'<rect class="{cls}" x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="3"/>')
                       + Markup(f'<text class="ed-m-label" x="{x + 6}" y="{y + 18}">') + _x(line1) + Markup("</text>")
                       + Markup(f'<text class="ed-m-small" x="{x + 6}" y="{y + 36}">') + _x(line2) + Markup("</text>")
                       + Markup("</a>"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def paragraphs_svg(cable: Cable, here: str) -> Markup:
    carried = carried_by_other(cable)
    ns = list(cable.paragraphs)
    rows = (len(ns) + PER_ROW - 1) // PER_ROW
    width = 20 + PER_ROW * (CELL_W + CELL_GAP)
    height = 10 + rows * (CELL_H + CELL_GAP) + 10
    out = [Markup(f'<svg class="ed-map-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'role="group" aria-labelledby="map-paras-title" aria-describedby="map-paras-text">'),
           Markup('<title id="map-paras-title">') + _x(f"The {len(ns)} paragraphs of Beijing {cable.number} by status")
           + Markup("</title>")]
    for k, n in enumerate(ns):
        para = cable.paragraphs[n]
        x = 20 + (k % PER_ROW) * (CELL_W + CELL_GAP)
        y = 10 + (k // PER_ROW) * (CELL_H + CELL_GAP)
        other = carried.get(n)
        title = f"¶{n}: {STATUS_WORDS[para.status]}" + (f"; carried by Beijing {', '.join(other)}" if other else "")
        href = outputs.url_link(here, outputs.reading(cable.number), f"p{n}")
        cls = f"ed-m-cell ed-m-{para.status}" + (" ed-m-other" if other else "")
        text_cls = "ed-m-num ed-m-inv" if para.status == "withheld" else "ed-m-num"
        small_cls = "ed-m-small ed-m-inv" if para.status == "withheld" else "ed-m-small"
        cell = [Markup(f'<a href="{_x(href)}"><title>') + _x(title) + Markup("</title>"),
                Markup(f'<rect class="{cls}" x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" rx="3"/>'),
                Markup(f'<text class="{text_cls}" x="{x + CELL_W / 2:g}" y="{y + 19}" text-anchor="middle">')
                + _x(n) + Markup("</text>")]
        if STATUS_LABEL[para.status]:
            cell.append(Markup(f'<text class="{small_cls}" x="{x + CELL_W / 2:g}" y="{y + 33}" text-anchor="middle">')
                        + _x(STATUS_LABEL[para.status]) + Markup("</text>"))
        if other:
            cell.append(Markup(f'<text class="{small_cls}" x="{x + CELL_W / 2:g}" y="{y + 46}" text-anchor="middle">')
                        + _x(", ".join(other)) + Markup("</text>"))
        cell.append(Markup("</a>"))
        out.extend(cell)
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def legend_svg(carriers: list[str]) -> Markup:
    items = [("present", "present", ""), ("partial", "partial", "partial"),
             ("withheld-in-part", "withheld in part", "in part"), ("withheld", "withheld", "withheld"),
             ("missing", "missing", "missing")]
    width = 20 + 3 * 200
    out = [Markup(f'<svg class="ed-map-svg ed-map-legend" viewBox="0 0 {width} 110" width="{width}" height="110" '
                  'role="img" aria-labelledby="map-legend-title">'),
           Markup('<title id="map-legend-title">Legend: present (plain), partial (hatched, labelled partial), '
                  'withheld in part (cross-hatched, labelled in part), withheld (solid, labelled withheld), '
                  'missing (dotted outline, labelled missing), carried by another telegram (thick dashed '
                  'outline, labelled with its number)</title>')]
    for i, (status, words, label) in enumerate(items):
        x, y = 20 + (i % 3) * 200, 10 + (i // 3) * 50
        out.append(Markup(f'<rect class="ed-m-cell ed-m-{status}" x="{x}" y="{y}" width="40" height="40" rx="3"/>'))
        if label:
            cls = "ed-m-small ed-m-inv" if status == "withheld" else "ed-m-small"
            out.append(Markup(f'<text class="{cls}" x="{x + 20}" y="{y + 24}" text-anchor="middle">') + _x(label)
                       + Markup("</text>"))
        out.append(Markup(f'<text class="ed-m-label" x="{x + 48}" y="{y + 25}">') + _x(words) + Markup("</text>"))
    if carriers:
        x, y = 20 + 2 * 200, 60
        out.append(Markup(f'<rect class="ed-m-cell ed-m-present ed-m-other" x="{x}" y="{y}" width="40" height="40" '
                          f'rx="3"/><text class="ed-m-label" x="{x + 48}" y="{y + 25}">')
                   + _x("carried by " + ", ".join(carriers)) + Markup("</text>"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def map_page(edition: Edition, cable: Cable) -> str:
    here = outputs.map_page(cable.number)
    reading = outputs.reading(cable.number)
    by_status: dict[str, list[int]] = {}
    for n, p in cable.paragraphs.items():
        by_status.setdefault(p.status, []).append(n)
    status_lines = []
    for status, ns in by_status.items():
        links = Markup(", ").join(Markup(f"[¶{n}]({outputs.link(here, reading, f'p{n}')})") for n in ns)
        status_lines.append({"words": STATUS_WORDS[status], "count": len(ns), "links": links})
    carried = carried_by_other(cable)
    carried_links = Markup(", ").join(Markup(f"[¶{n}]({outputs.link(here, reading, f'p{n}')})") for n in carried)
    paras = page_paragraphs(cable)
    page_lines = []
    for page in sorted(cable.pages, key=lambda p: p.order):
        ns = paras[page.id]
        what = "routing sheet" if page.kind == "routing" else (
            f"{_para_word(ns)} {_ranges(ns)}" if ns else "no text")
        page_lines.append(Markup("[") + md(page.label) + Markup(
            f"]({outputs.link(here, outputs.release(cable.number), 'page-' + page.id)}): ") + md(what))
    return render("map.md.j2", cable=cable, meta=cable.meta, pages_svg=_defs() + pages_svg(cable, here),
                  paras_svg=paragraphs_svg(cable, here),
                  legend=legend_svg(sorted({t for v in carried_by_other(cable).values() for t in v})), status_lines=status_lines,
                  carried=carried_links, carried_telegrams=sorted({t for v in carried.values() for t in v}),
                  page_lines=page_lines, reading=outputs.link(here, reading),
                  release=outputs.link(here, outputs.release(cable.number)))
