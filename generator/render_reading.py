"""The reading text of a telegram (cables/<n>/) and the page of a telegram known only
from another release (cables/13462/)."""
from __future__ import annotations

from markupsafe import Markup

from . import outputs
from .escape import md
from .model import Cable, Edition, Paragraph
from .render_citation import cite_control, page_meta
from .render_inline import GlossaryLinks, Inline, Notes, paragraph_blocks
from .templates import render

STATUS_WORDS = {
    "present": "Present",
    "partial": "Partial",
    "withheld-in-part": "Withheld in part",
    "withheld": "Withheld",
    "missing": "Missing",
}


def page_ref(cable: Cable, pid: str) -> str:
    page = cable.page(pid)
    return f"{page.telegram} s{page.section.value or '?'} p{page.page.value or '?'}"


def witness_line(edition: Edition, cable: Cable, para: Paragraph, here: str) -> Markup:
    """'Witness: Beijing 13790, section 03, pages 03-04' with a link to each page of the release."""
    if not para.has_text:
        return Markup("*Witness:* none; not in the release.")
    groups: list[tuple[str, list[str]]] = []
    for pid in para.pages:
        t = cable.page(pid).telegram
        if groups and groups[-1][0] == t:
            groups[-1][1].append(pid)
        else:
            groups.append((t, [pid]))
    parts = []
    for telegram, pids in groups:
        links = Markup(", ").join(
            Markup(f"[") + md(page_ref(cable, pid)) + Markup(f"]({outputs.link(here, outputs.release(cable.number), 'page-' + pid)})")
            for pid in pids)
        text = Markup("Beijing ") + md(telegram) + Markup(" (") + links + Markup(")")
        if telegram != cable.number and telegram in edition.cables:
            text += Markup(f"; see [its page](") + Markup(outputs.link(here, outputs.reading(telegram), f"p{para.n}")) + Markup(")")
        parts.append(text)
    return Markup("*Witness:* ") + Markup("; ").join(parts)


def block_text(inline: Inline, blocks, n: int, shown: set[str], keep=lambda piece: True) -> list[Markup]:
    """Each block of a paragraph as one line of Markdown in its reading form."""
    return [Markup(" ").join(bits) for bits in
            paragraph_blocks(blocks, n, lambda items: inline.reading(items, shown), inline.lacuna, keep)]


def glossary_links(edition: Edition, here: str) -> GlossaryLinks | None:
    regs = edition.registers
    if not regs.glossary:
        return None
    return GlossaryLinks(regs, lambda tid: outputs.link(here, outputs.GLOSSARY, tid))


def reading_page(edition: Edition, cable: Cable) -> str:
    from .render_indexes import paragraph_entries, tag_links
    here = outputs.reading(cable.number)
    notes = Notes()
    collation = outputs.collation(cable.number)
    inline = Inline(cable, edition.meta, notes, lambda i: outputs.link(here, collation, i),
                    glossary_links(edition, here))
    shown: set[str] = set()
    headings_before: dict[int, list] = {}
    for h in cable.headings:
        headings_before.setdefault(h.before, []).append(h)
    lacuna_of = {}
    for lac in cable.lacunae.values():
        for n in lac.paragraphs:
            lacuna_of.setdefault(n, []).append(lac)
    def heads_at(n: int) -> list[dict]:
        out = []
        for h in headings_before.pop(n, []):
            inline.scope, inline.anchor = None, h.id      # no links inside headings: they enter the contents
            text = Markup(" ").join(inline.reading(p.items, shown).strip() for p in h.pieces if p.printed.strip())
            out.append({"id": h.id, "text": _heading_text(text), "notes": _heading_notes(text)})
        return out

    paragraphs = []
    for n, para in cable.paragraphs.items():
        heads = heads_at(n)
        inline.scope = inline.anchor = f"p{n}"
        blocks = block_text(inline, para.blocks, n, shown)
        status_note = None
        if para.status != "present":
            status_note = Markup(f"*{STATUS_WORDS[para.status]}.* ") + md(para.reason)
        paragraphs.append({
            "n": n, "status": para.status, "status_word": STATUS_WORDS[para.status],
            "blocks": blocks, "status_note": status_note,
            "witness": witness_line(edition, cable, para, here),
            "lacuna_refs": Markup("").join(Markup(" ") + inline.lacuna_note(l)
                                           for l in lacuna_of.get(n, []) if l.within is None),
            "heads": heads,
            # further lines under the paragraph (index entries, citation tools), each a Markdown fragment
            "extras": paragraph_entries(edition, cable, n, here) + [cite_control(edition, cable, n)],
        })
    trailing = [h for n in sorted(headings_before) for h in heads_at(n)]
    signature = None
    inline.scope = inline.anchor = "signature"
    if "signature" in cable.matter:
        signature = Markup(" ").join(inline.reading(p.items, shown).strip()
                                     for p in cable.matter["signature"].pieces if p.printed.strip())
    return render("reading.md.j2", edition=edition, cable=cable, meta=cable.meta, paragraphs=paragraphs,
                  trailing=trailing, notes=notes.markdown(), signature=signature,
                  release=outputs.link(here, outputs.release(cable.number)),
                  collation=outputs.link(here, outputs.collation(cable.number)),
                  method=outputs.link(here, outputs.METHOD), here=here,
                  map=outputs.link(here, outputs.map_page(cable.number)),
                  introduction=outputs.link(here, outputs.INTRODUCTION),
                  tags=tag_links(edition, cable, here),
                  head=page_meta(edition, cable), downloads=download_links(here, cable),
                  related=[(r, outputs.link(here, outputs.reading(r["telegram"])))
                           for r in cable.meta.get("relations") or []])


def download_links(here: str, cable: Cable) -> Markup:
    """'Downloads: TEI · JSON · ...' for a telegram's page."""
    from .render_downloads import links
    return Markup(" · ").join(Markup("[") + md(f["label"]) + Markup("](") + Markup(f["href"]) + Markup(")")
                              for f in links(here, cable))


def _heading_text(text: Markup) -> Markup:
    """Footnote references and screen-reader glosses stay out of headings (they would enter
    the table of contents); the note after the heading explains its marks."""
    import re
    text = re.sub(r'<span class="ed-sr">[^<]*</span>', "", str(text))
    return Markup(re.sub(r"\[\^[a-z0-9-]+\]", "", text))


def _heading_notes(text: Markup) -> Markup:
    import re
    return Markup("".join(re.findall(r"\[\^[a-z0-9-]+\]", str(text))))


def witnessed_page(edition: Edition, cable: Cable) -> str:
    """A telegram known only from pages that stand in another telegram's release."""
    from .render_release import page_block
    here = outputs.reading(cable.number)
    notes = Notes()
    carried = []
    pages = []
    for host, page in edition.witness_pages_of(cable.number):
        collation = outputs.collation(host.number)
        inline = Inline(host, edition.meta, notes, lambda i, c=collation: outputs.link(here, c, i),
                        glossary_links(edition, here))
        pages.append(page_block(edition, host, page, inline, here))
    for host in {h.number: h for h, _ in edition.witness_pages_of(cable.number)}.values():
        collation = outputs.collation(host.number)
        inline = Inline(host, edition.meta, notes, lambda i, c=collation: outputs.link(here, c, i),
                        glossary_links(edition, here))
        shown: set[str] = set()
        ours = {p.id for p in host.pages if p.telegram == cable.number}
        for n, para in host.paragraphs.items():
            if not any(pid in ours for pid in para.pages):
                continue
            inline.scope = inline.anchor = f"p{n}"
            blocks = block_text(inline, para.blocks, n, shown,
                                keep=lambda piece: piece.page in ours)
            dups = [d for d in host.duplicates.values() if any(p.page in ours for p in d.pieces)
                    and d.of and f"¶{n}" in d.of]
            carried.append({
                "n": n, "blocks": blocks, "host": host.number,
                "link": outputs.link(here, outputs.reading(host.number), f"p{n}"),
                "pages": [page_ref(host, pid) for pid in para.pages if pid in ours],
                "whole": all(pid in ours for pid in para.pages),
                "status": STATUS_WORDS[para.status].lower(),
                "dups": [{"text": Markup(" ").join(inline.diplomatic(p.items) for p in d.pieces if p.printed.strip()),
                          "note": d.note} for d in dups],
                "cite": cite_control(edition, cable, n),
            })
    return render("witnessed.md.j2", edition=edition, cable=cable, meta=cable.meta, carried=carried,
                  head=page_meta(edition, cable), downloads=download_links(here, cable),
                  pages=pages, notes=notes.markdown(),
                  related=[(r, outputs.link(here, outputs.reading(r["telegram"])))
                           for r in cable.meta.get("relations") or []])
