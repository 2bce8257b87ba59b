"""The reading text of a telegram (cables/<id>/), and the page of a telegram known only from
pages in another telegram's release."""
from __future__ import annotations

import re

from markupsafe import Markup

from ..edition.resolve import paragraph_bits, spans_of
from ..edition.versions import plain_blocks
from ..model import Cable, Edition, Paragraph
from . import paths
from .citation import cite_controls, page_meta
from .downloads import links as download_links, data_downloads
from .indexes import REGISTER_WORDS, tag_links
from .inline import GlossaryLinks, Inline, Notes
from .page import PageOut, finish, slugify
from .release import page_block
from .search import reading_entries, witnessed_entries
from .templates import macros, render

STATUS_WORDS = {
    "present": "Present",
    "partial": "Partial",
    "withheld-in-part": "Withheld in part",
    "withheld": "Withheld",
    "missing": "Missing",
}
BASIS_NOTE = {"inferred": "inferred", "corrected": "corrected", "unknown": "not printed"}


def page_ref(cable: Cable, pid: str) -> str:
    page = cable.page(pid)
    return f"{page.telegram} s{page.section.value or '?'} p{page.page.value or '?'}"


def witness_line(edition: Edition, cable: Cable, para: Paragraph, here: str) -> Markup:
    """'Witness: <post> <number> (<id> s03 p03, ...)', with a link to each page of the release."""
    b = macros("base.html.j2")
    h = macros("head.html.j2")
    if not para.has_text:
        return h.witness([])
    groups: list[tuple[str, list[str]]] = []
    for pid in para.pages:
        t = cable.page(pid).telegram
        if groups and groups[-1][0] == t:
            groups[-1][1].append(pid)
        else:
            groups.append((t, [pid]))
    parts = []
    for telegram, pids in groups:
        links = b.links([(paths.link(here, paths.release(cable.id), "page-" + pid), page_ref(cable, pid))
                         for pid in pids])
        other = edition.cables.get(telegram)
        label = other.label if other is not None else telegram
        see = b.link(paths.link(here, paths.reading(telegram), f"p{para.n}"), "its page") \
            if telegram != cable.id and other is not None else None
        parts.append(h.witness_part(label, links, see))
    return h.witness(parts)


def glossary_links(edition: Edition, here: str) -> GlossaryLinks | None:
    regs = edition.registers
    if not regs.glossary:
        return None
    return GlossaryLinks(regs, lambda tid: paths.link(here, paths.GLOSSARY, tid))


def paragraph_entries(edition: Edition, cable: Cable, n: int, here: str) -> list:
    """The index entries named in a paragraph: [(register word, [(href, name)])]."""
    regs = edition.registers
    out = []
    here_occs = regs.at(cable.id, f"p{n}")
    for register, word in REGISTER_WORDS.items():
        ids = list(dict.fromkeys(o.entry for o in here_occs if o.register == register))
        if not ids:
            continue
        entries = regs.entries[register]
        order = {eid: i for i, eid in enumerate(entries)}
        ids.sort(key=order.__getitem__)
        out.append((word, [(paths.link(here, paths.index(register), i), entries[i].name) for i in ids]))
    return out


_SR = re.compile(r'<span class="ed-sr">[^<]*</span>')
_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>')
_SEP = re.compile(r'<span class="ed-notesep">,</span>')


def heading_parts(html: Markup) -> tuple[Markup, Markup]:
    """A heading's text without its note references and screen-reader glosses (they would
    enter the table of contents), and the references, which stand after the heading."""
    s = str(html)
    refs = "".join(_REF.findall(s))
    text = _REF.sub("", _SEP.sub("", _SR.sub("", s)))
    return Markup(text), Markup(refs)


def head_rows(edition: Edition, cable: Cable, here: str) -> list:
    """The document head as a table: each field as printed, or marked as the editors' inference."""
    h = macros("head.html.j2")

    def value(name: str) -> Markup:
        v = cable.head.get(name)
        shown = v.value if v.value is not None else "not printed"
        return h.value(shown, BASIS_NOTE.get(v.basis, ""), v.evidence if v.basis != "printed" else "")

    m = cable.meta
    rows = [("From", value("from")), ("To", value("to"))]
    if "dtg" in cable.head:
        rows.append(("Date-time group", value("dtg")))
    if "dtg" not in cable.head or cable.head["date"].basis != "printed":
        rows.append(("Date", value("date")))
    if "precedence" in cable.head:
        rows.append(("Precedence", value("precedence")))
    classification = value("classification")
    if "caveat" in cable.head:
        classification += Markup("; caveat ") + value("caveat")
    rows.append(("Classification", classification))
    if m.get("tags"):
        rows.append(("TAGS", tag_links(edition, cable, here)))
    if "subject" in cable.head:
        rows.append(("Subject", h.subject(value("subject"))))
    if "signer" in cable.head:
        rows.append(("Signed", value("signer")))
    rows.append(("Sections", value("sections")))
    rel = m["release"]
    text = Markup.escape(rel["status"])
    if rel.get("exemptions"):
        text += Markup("; exemption ") + Markup.escape(", ".join(rel["exemptions"]))
    if rel.get("review_date"):
        text += Markup("; reviewed ") + Markup.escape(rel["review_date"])
    if rel.get("case_id"):
        text += Markup("; case ") + Markup.escape(rel["case_id"])
    rows.append(("Release", text))
    return rows


def related(edition: Edition, cable: Cable, here: str) -> list:
    out = []
    for r in cable.meta.get("relations") or []:
        other = edition.cables.get(r["telegram"])
        out.append((other.label if other else r["telegram"], paths.link(here, paths.reading(r["telegram"])),
                    r["relation"]))
    return out


def draft_note(edition: Edition, cable: Cable, n: int) -> str:
    draft = edition.draft
    if not edition.releases:
        return ""
    version = edition.releases[0].version
    if (cable.id, n) in draft.changed:
        return f"the text of this paragraph has changed since version {version}; the change will be part of the next version."
    if (cable.id, n) in draft.added:
        return f"this paragraph is new since version {version}; it will be part of the next version."
    return ""


def reading_page(edition: Edition, cable: Cable) -> PageOut:
    here = paths.reading(cable.id)
    notes = Notes()
    collation = paths.collation(cable.id)
    inline = Inline(cable, edition.meta, notes, lambda i: paths.link(here, collation, i),
                    glossary_links(edition, here))
    headings_before: dict[int, list] = {}
    for h in cable.headings:
        headings_before.setdefault(h.before, []).append(h)
    lacuna_of: dict[int, list] = {}
    for lac in cable.lacunae.values():
        for n in lac.paragraphs:
            lacuna_of.setdefault(n, []).append(lac)

    def heads_at(n: int) -> list[dict]:
        out = []
        for h in headings_before.pop(n, []):
            place = cable.places[h.id]
            # no glossary links inside headings: they enter the table of contents
            inline.scope, inline.anchor = None, h.id
            text = Markup(" ").join(x for x in (Markup(str(inline.reading(b.spans)).strip())
                                                for b in place.blocks[0]) if x)
            text, refs = heading_parts(text)
            out.append({"id": h.id, "text": text, "notes": refs})
        return out

    starts = {d.first: d for d in cable.embedded}
    ends = {d.last: d for d in cable.embedded}
    cite_control = cite_controls(edition, cable)
    paragraphs = []
    for n, para in cable.paragraphs.items():
        heads = heads_at(n)
        blocks = inline.bits(cable.places[f"p{n}"].blocks, f"p{n}")
        paragraphs.append({
            "n": n, "status": para.status, "status_word": STATUS_WORDS[para.status], "reason": para.reason,
            "blocks": blocks,
            "witness": witness_line(edition, cable, para, here),
            "lacuna_refs": Markup("").join(Markup(" ") + inline.lacuna_note(lac)
                                           for lac in lacuna_of.get(n, []) if lac.within is None),
            "heads": heads,
            "entries": paragraph_entries(edition, cable, n, here),
            "cite": cite_control(n),
            "draft": draft_note(edition, cable, n),
            "doc_start": starts.get(n), "doc_end": ends.get(n),
        })
    trailing = [h for n in sorted(headings_before) for h in heads_at(n)]
    signature = None
    if "signature" in cable.places:
        inline.scope = inline.anchor = "signature"
        signature = Markup(" ").join(x for x in (Markup(str(inline.reading(b.spans)).strip())
                                                 for b in cable.places["signature"].blocks[0]) if x)
    views = [(paths.link(here, paths.release(cable.id)), "the release page by page"),
             (paths.link(here, paths.map_page(cable.id)), "a map of the release"),
             (paths.link(here, collation), "the collation table"),
             (paths.link(here, paths.METHOD), "how this text was made")]
    views += [(paths.link(here, c.page), c.link) for c in cable.commentary]
    title = f"{cable.label}, {cable.iso_date}: {cable.meta['title']}"
    unreleased = [n for n in cable.paragraphs if draft_note(edition, cable, n)]
    draft = ""
    if unreleased:
        draft = (f"This text differs from version {edition.releases[0].version} of the edition as released: "
                 f"{len(unreleased)} paragraph(s) changed or new, each marked below. They will be part of the "
                 f"next version.")
    body = render("reading.html.j2", cable=cable, meta=cable.meta, title=title, title_id=slugify(title),
                  head_rows=head_rows(edition, cable, here), views=views,
                  downloads=download_links(here, cable), related=related(edition, cable, here),
                  exemptions=", ".join(cable.meta["release"]["exemptions"]),
                  example=14 if 14 in cable.paragraphs else next(iter(cable.paragraphs), 1),
                  paragraphs=paragraphs, trailing=trailing, signature=signature, notes=notes.html(), draft=draft)
    head = page_meta(edition, cable, data_downloads(cable))
    page = PageOut(here, f"{cable.label}: reading text",
                   f"Reading text of {cable.post} telegram {cable.number}, {cable.iso_date}", "reading",
                   body=body, telegram=cable.id, meta=head["meta"], jsonld=head["jsonld"], notes=notes.labels())
    page.search = reading_entries(edition, cable, page.title)
    return finish(page)


def witnessed_page(edition: Edition, cable: Cable) -> PageOut:
    """A telegram known only from pages that stand in another telegram's release."""
    here = paths.reading(cable.id)
    notes = Notes()
    carried = []
    cite_control = cite_controls(edition, cable)
    pages = []
    hosts = {}
    for host, page in edition.witness_pages_of(cable.id):
        hosts.setdefault(host.id, host)
        collation = paths.collation(host.id)
        inline = Inline(host, edition.meta, notes, lambda i, c=collation: paths.link(here, c, i),
                        glossary_links(edition, here))
        pages.append(page_block(edition, host, page, inline, here))
    for host in hosts.values():
        collation = paths.collation(host.id)
        inline = Inline(host, edition.meta, notes, lambda i, c=collation: paths.link(here, c, i),
                        glossary_links(edition, here))
        ours = {p.id for p in host.pages if p.telegram == cable.id}
        for n, para in host.paragraphs.items():
            if not any(pid in ours for pid in para.pages):
                continue
            blocks = inline.bits(paragraph_bits(host, para, keep=lambda piece: piece.page in ours), f"p{n}")
            dups = [d for d in host.duplicates.values() if any(p.page in ours for p in d.pieces)
                    and d.of and f"¶{n}" in d.of]
            carried.append({
                "n": n, "blocks": blocks, "host": host.label,
                "link": paths.link(here, paths.reading(host.id), f"p{n}"),
                "pages": [page_ref(host, pid) for pid in para.pages if pid in ours],
                "whole": all(pid in ours for pid in para.pages),
                "status": STATUS_WORDS[para.status].lower(),
                "dups": [{"text": Markup(" ").join(inline.diplomatic(s) for p, s in _dup_pieces(host, d)),
                          "note": d.note} for d in dups],
                "cite": cite_control(n),
                "plain": "\n".join(plain_blocks(host, para, keep=lambda piece: piece.page in ours)),
            })
    known = edition.cables.get(cable.meta.get("known_from") or "")
    body = render("witnessed.html.j2", cable=cable, meta=cable.meta,
                  title=f"{cable.label}, {cable.iso_date}: {cable.meta['title']}",
                  title_id=slugify(f"{cable.label}, {cable.iso_date}: {cable.meta['title']}"),
                  head_rows=head_rows(edition, cable, here), carried=carried, pages=pages, notes=notes.html(),
                  downloads=download_links(here, cable), related=related(edition, cable, here),
                  known=known.label if known else None)
    head = page_meta(edition, cable, data_downloads(cable))
    page = PageOut(here, cable.label, f"What the release holds of {cable.post} telegram {cable.number}, "
                                      f"{cable.iso_date}", "witnessed",
                   body=body, telegram=cable.id, meta=head["meta"], jsonld=head["jsonld"], notes=notes.labels())
    page.search = witnessed_entries(edition, cable, page.title, [(p["n"], p["plain"]) for p in carried])
    return finish(page)


def _dup_pieces(host: Cable, dup):
    return [(p, spans_of(host, p.items)) for p in dup.pieces if p.printed.strip()]
