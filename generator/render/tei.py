"""A telegram's whole release as TEI P5 (downloads/<post>-<id>.tei.xml), valid against tei_all.

The body follows the release in the order of the file, OCR line by OCR line (`<lb n="…"/>`
carries the witness's line number), so that taking the printed side of every choice gives
back the OCR exactly. The encoding, also stated in the header's editorial declaration:

* `<pb n="<id> 03/02" xml:id="page-<id>-03-02" source="#w<id>"/>` for each printed page: its
  identity and its witness (the telegram whose page it is); the full identity (printed or
  corrected, time) is listed in the source description.
* `<p n="14" xml:id="p14" source="#w<id>" ana="#status-present">` for each paragraph, `@source`
  naming the witnesses whose pages carry it, `@ana` its status; a missing paragraph is an empty
  `<p>` after the lacuna that explains it (`@corresp`). A run-in heading opens a
  `<div type="section">` with its `<head>`. Further blocks of a paragraph (dash items) begin at
  `<milestone unit="block"/>`.
* Corrections: `<choice><sic>`/`<corr type cert resp>`; slips of the telegram: `<sic>`;
  uncertain readings: `<choice><orig>`/`<unclear cert resp ana="#reading-preferred">` and one
  `<unclear ana="#reading-alternative">` per alternative;
  tokens considered and kept: `<seg type="considered">`.
* The OCR's own notations stand in `<orig>`, their meaning in `<reg>`: a redaction
  `<choice><orig>[REDACTED]</orig><reg><gap reason="withheld" agent extent cert/></reg></choice>`,
  an insertion `<orig>^(…)</orig><reg><add hand/></reg>`, a strike-through `<orig>~~…~~</orig>
  <reg><del hand/></reg>`. Lacunae: `<gap reason="<kind>" extent>` with the reason in `<desc>`.
* Page heads and stamps: `<fw type>`; routing sheets, stamps, handwritten notes, the subject line
  and the signature: `<note type="<kind>" xml:id="matter-<id>">` (matter ids have their own
  namespace in the sources, hence the prefix; a matter printed in several parts continues with
  `@prev`); text the release repeats: `<surplus reason="repeated">`.
* The collation (decision, type, evidence, second reading), explanatory notes, redaction and
  duplicate notes, matter descriptions and the editors' discussions are in `<back>`, each
  pointing to its place (`@target`, `@corresp`).

Names (`register_lists`, `tei_names`): the registers' entries that the telegram names stand in
`<standOff>` after the header (`<listPerson>`, `<listPlace>`, `<listOrg>`; xml:ids `person-…`,
`place-…`, `org-…`), the subjects as `<taxonomy xml:id="subjects">` in `<classDecl>` (`subject-…`,
listed for the whole telegram by `<catRef>`). Every mention the registers' forms find is tagged
in the text: `<persName ref>`, `<placeName ref>`, `<orgName ref>`, `<rs type="regime|treaty|law"
ref>` for instruments and `<rs type="subject" ref>` for subjects; each paragraph, heading and item
of matter lists in `@ana` (after its status) the subjects the index names there. The rule for
where a name may stand:

* a name may run across line breaks, page breaks and the page furniture between them
  (`<lb/>`, `<pb/>`, `<fw>` inside the name), as the reading text runs across them;
* a name wraps a whole `<choice>`, `<sic>` or `<seg>`, or stands wholly inside the reading side
  of one (`<corr>`, the preferred `<unclear>`, `<add>`, or `<del>` where the reading text keeps
  the struck words), never in `<sic>`/`<orig>` of a choice, so the printed side still gives
  back the OCR; where a name ends (or begins) inside a mark that only changes punctuation next
  to it, the name takes the whole mark in;
* nothing is tagged in withheld text, and no name runs across a redaction or a lacuna.
A mention that cannot be tagged by this rule stops the build with its position.

Built with the standard library's ElementTree, which escapes all text and attribute values.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..edition.views import VIEWS, reading_of
from ..model import Cable, Directive, Edition, Mark, Text
from . import paths, tei_names, tei_xml

TEI_NS, XML_NS = tei_xml.TEI_NS, tei_xml.XML_NS
ET.register_namespace("", TEI_NS)
XML_CHARS = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

STATUS_DESC = {
    "present": "The paragraph is in the release whole.",
    "partial": "Only part of the paragraph is in the release.",
    "withheld-in-part": "The release withholds part of the paragraph.",
    "withheld": "The release withholds the paragraph.",
    "missing": "The paragraph is not in the release.",
}


def t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def xid(value: str) -> str:
    """An edition id as an xml:id (an NCName cannot begin with a digit)."""
    return value if re.match(r"[A-Za-z_]", value) else f"id-{value}"


def _clean(text: str) -> str:
    if XML_CHARS.search(text):
        raise ValueError(f"text holds a character XML cannot represent: {XML_CHARS.search(text).group()!r}")
    return text


def el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    e = ET.SubElement(parent, t(tag), {(f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml_") else k): _clean(str(v))
                                       for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = _clean(text)
    return e


def _el(tag: str, text: str) -> ET.Element:
    e = ET.Element(t(tag))
    e.text = _clean(text)
    return e


def add_text(parent: ET.Element, text: str) -> None:
    """Append text at the end of `parent` (after its last child, if any)."""
    if not text:
        return
    text = _clean(text)
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


# ---------------------------------------------------------------- the body


class Body:
    """Walks the transcription in file order and builds the body. A paragraph or heading stays
    open across page furniture and page breaks until its last piece of text, so a page break
    falls inside a paragraph only where the paragraph runs on."""

    def __init__(self, edition: Edition, cable: Cable, div: ET.Element):
        self.edition, self.cable = edition, cable
        self.outer = self.div = div
        self.container: ET.Element | None = None       # open <p> or <head>
        self.container_ref: str | None = None
        self.zone_el: ET.Element | None = None          # open <fw>, <note> or <surplus>
        self.zone = None                                 # (kind, ref)
        self.text_ref: str | None = None                 # paragraph/heading the text zone feeds
        self.seen_ids: set[str] = set()
        self.emitted_paras: set[int] = set()
        self.parts: dict[str, list[str]] = {}            # matter/redaction id -> xml:ids of its parts
        self.witness_of_page = {p.id: p.telegram for p in cable.pages}
        self.places: dict[str, list[ET.Element]] = {}     # anchor -> its parts (p, head, note), for names
        self.marks: dict[ET.Element, tei_names.MarkElement] = {}
        self.last_event = self._last_events()
        self.lacuna_of: dict[int, list[str]] = {}
        for lac in cable.lacunae.values():
            if lac.within is None:
                for n in lac.paragraphs:
                    self.lacuna_of.setdefault(n, []).append(lac.id)

    # -- the stream of events: the walker's, in file order (parse/assemble.py records it)
    def events(self):
        for ev in self.cable.events:
            if ev.kind == "directive":
                yield ("dir", ev.directive, None, None)
            else:
                p = ev.piece
                yield ("run", p.line, p.items, p.line_start)

    def _last_events(self) -> dict[str, int]:
        """For each paragraph and heading, the index of the last event that feeds it something
        other than blank lines (blank lines after it go with the page furniture)."""
        last: dict[str, int] = {}
        ref = None
        zone = None
        for i, (kind, item, run, start) in enumerate(self.events()):
            if kind == "dir":
                d = item
                if d.name in ("p", "head"):
                    ref, zone = (f"p{d.args[0]}" if d.name == "p" else d.args[0]), "text"
                    last[ref] = i
                elif d.name == "block":
                    zone = "text"
                    if ref:
                        last[ref] = i
                elif d.name == "text":
                    zone = "text"
                elif d.name in ("fw", "matter", "dup"):
                    zone = d.name
                elif d.name == "gap":
                    lac = self.cable.lacunae[d.args[0]]
                    if lac.within is not None:
                        last[f"p{lac.within}"] = i
            elif zone in ("text", "dup") and ref and not _blank(run):
                last[ref] = i
        return last

    # -- ids
    def claim(self, value: str) -> str:
        x = xid(value)
        if x in self.seen_ids:
            raise ValueError(f"xml:id {x!r} would be used twice in the TEI of {self.cable.id}")
        self.seen_ids.add(x)
        return x

    def part_id(self, base: str) -> tuple[str, str | None]:
        """xml:id of the next part of something printed in several parts, and its predecessor."""
        parts = self.parts.setdefault(base, [])
        x = self.claim(base if not parts else f"{base}-part{len(parts) + 1}")
        prev = f"#{parts[-1]}" if parts else None
        parts.append(x)
        return x, prev

    # -- structure
    def close_zone(self):
        self.zone_el = None

    def close_container(self):
        self.close_zone()
        self.container = None
        self.container_ref = None

    def where(self) -> ET.Element:
        """Where structural items (page breaks, furniture) go: into the open container or the div."""
        return self.container if self.container is not None else self.div

    def open_paragraph(self, n: int) -> ET.Element:
        self.close_zone()
        para = self.cable.paragraphs[n]
        first = n not in self.emitted_paras
        witnesses = []
        for pid in para.pages:
            w = self.witness_of_page[pid]
            if w not in witnesses:
                witnesses.append(w)
        attrs = {"n": str(n), "ana": f"#status-{para.status}"}
        if first:
            attrs["xml_id"] = self.claim(f"p{n}")
        else:
            attrs["prev"] = f"#p{n}"
        if witnesses:
            attrs["source"] = " ".join(f"#w{w}" for w in witnesses)
        if self.lacuna_of.get(n):
            attrs["corresp"] = " ".join(f"#{xid(g)}" for g in self.lacuna_of[n])
        self.emitted_paras.add(n)
        p = el(self.div, "p", **attrs)
        p.tail = "\n"
        self.places.setdefault(f"p{n}", []).append(p)
        self.container, self.container_ref = p, f"p{n}"
        return p

    def target(self, blank: bool = False) -> ET.Element:
        """The element that receives the next run of content, opened when first needed. Blank
        lines of a paragraph or heading that has ended go with the page furniture."""
        kind, ref = self.zone
        if kind == "text" and blank and (self.container is None or self.container_ref != self.text_ref):
            kind, ref = "fw", "blank"
            if self.zone_el is not None and self.zone_el.get("type") != "blank":
                self.close_zone()
        if kind == "text":
            if self.container is None or self.container_ref != self.text_ref:
                if self.text_ref.startswith("h-"):
                    self.open_heading(self.text_ref)
                else:
                    self.open_paragraph(int(self.text_ref[1:]))
            return self.container
        if self.zone_el is not None:
            return self.zone_el
        parent = self.where()
        if kind == "fw":
            self.zone_el = el(parent, "fw", type=ref)
        elif kind == "matter":
            m = self.cable.matter[ref]
            x, prev = self.part_id(f"matter-{ref}")
            self.zone_el = el(parent, "note", type=m.kind, xml_id=x, prev=prev)
            self.places.setdefault(ref, []).append(self.zone_el)
        elif kind == "dup":
            if parent is self.div:
                parent = el(self.div, "ab", type="duplicate")
                parent.tail = "\n"
            x, prev = self.part_id(ref)
            self.zone_el = el(parent, "surplus", reason="repeated", xml_id=x, prev=prev)
        if parent is self.div:
            self.zone_el.tail = "\n"
        return self.zone_el

    def open_heading(self, hid: str):
        self.close_container()
        section = el(self.outer, "div", type="section")
        section.text = "\n"
        section.tail = "\n"
        self.div = section
        head = el(section, "head", xml_id=self.claim(hid))
        head.tail = "\n"
        self.places.setdefault(hid, []).append(head)
        self.container, self.container_ref = head, hid

    # -- directives
    def directive(self, d: Directive):
        name = d.name
        if name == "page":
            self.close_zone()
            page = self.cable.page(d.args[0])
            parent = self.where()
            pb = el(parent, "pb", n=f"{page.telegram} {page.section.value or '?'}/{page.page.value or '?'}",
                    xml_id=self.claim(f"page-{page.id}"), source=f"#w{page.telegram}")
            if parent is self.div:
                pb.tail = "\n"
        elif name in ("fw", "matter", "dup"):
            self.close_zone()
            self.zone = (name, d.args[0])
        elif name == "p":
            self.close_container()
            self.text_ref = f"p{d.args[0]}"
            self.zone = ("text", self.text_ref)
            self.open_paragraph(d.args[0])
        elif name == "head":
            self.text_ref = d.args[0]
            self.zone = ("text", self.text_ref)
            self.open_heading(d.args[0])
        elif name == "text":
            self.close_zone()
            self.zone = ("text", self.text_ref)
        elif name == "block":
            self.close_zone()
            self.zone = ("text", self.text_ref)
            el(self.target(), "milestone", unit="block")
        elif name == "gap":
            self.lacuna(self.cable.lacunae[d.args[0]])

    def lacuna(self, lac):
        extent = (f"paragraph {lac.paragraphs[0]}" if len(lac.paragraphs) == 1 else
                  f"paragraphs {lac.paragraphs[0]}-{lac.paragraphs[-1]}" if lac.paragraphs else "unknown")
        if lac.within is not None:
            self.close_zone()
            self.zone = ("text", f"p{lac.within}")
            self.text_ref = f"p{lac.within}"
            parent = self.target()
        else:
            self.close_container()
            parent = self.div
        gap = el(parent, "gap", xml_id=self.claim(lac.id), reason=lac.kind, extent=extent)
        el(gap, "desc", lac.reason)
        if parent is self.div:
            gap.tail = "\n"
            for n in lac.paragraphs:
                para = self.cable.paragraphs.get(n)
                if para is not None and not para.has_text and n not in self.emitted_paras:
                    self.open_paragraph(n)
                    self.close_container()

    # -- content
    def run(self, line: int, items: tuple, start: bool):
        if not items and not start:
            return
        target = self.target(blank=_blank(items))
        if start:
            el(target, "lb", n=str(line))
        for item in items:
            if isinstance(item, Text):
                add_text(target, item.text)
            else:
                self.mark(target, item)

    def mark(self, parent: ET.Element, m: Mark):
        """Encode a mark as the views table says (edition/views.py: its `tei`)."""
        iv = self.cable.interventions[m.id]
        build = getattr(self, "tei_" + VIEWS[m.kind].tei.replace("-", "_"))
        made = build(parent, m, iv.record)
        if made is not None:
            c, inner = made
            self.marks[c] = tei_names.MarkElement(m, reading_of(m, iv.record), inner)

    # one builder per encoding; each returns (the element, where a name inside its reading goes)
    def tei_choice_sic_corr(self, parent, m, r):
        c = el(parent, "choice", xml_id=self.claim(m.id))
        el(c, "sic", m.printed)
        return c, el(c, "corr", m.reading, type=r["type"], cert=r["certainty"], resp=_resp(r))

    def tei_sic(self, parent, m, r):
        c = el(parent, "sic", m.printed, xml_id=self.claim(m.id))
        return c, c

    def tei_seg_considered(self, parent, m, r):
        c = el(parent, "seg", m.printed, type="considered", xml_id=self.claim(m.id))
        return c, c

    def tei_choice_orig_unclear(self, parent, m, r):
        c = el(parent, "choice", xml_id=self.claim(m.id))
        el(c, "orig", m.printed)
        inner = el(c, "unclear", m.reading, cert=r["certainty"], resp=_resp(r), ana="#reading-preferred")
        for alt in m.alternatives[1:]:
            el(c, "unclear", alt, cert="low", resp=_resp(r), ana="#reading-alternative")
        return c, inner

    def tei_choice_orig_gap(self, parent, m, r):
        x, prev = self.part_id(m.id)
        c = el(parent, "choice", xml_id=x, prev=prev)
        el(c, "orig", m.printed)
        gap = el(el(c, "reg"), "gap", reason="withheld", agent=f"FOIA-exemption-{r['exemption']}", extent=r["extent"],
                 cert=r["certainty"])
        if r.get("note"):
            el(gap, "desc", r["note"])
        return c, None

    def _hand(self, parent, m, r, tag):
        c = el(parent, "choice", xml_id=self.claim(m.id))
        el(c, "orig", m.printed)
        added = el(el(c, "reg"), tag, m.content, hand=f"#hand-{m.id}", rend="strikethrough" if tag == "del" else None)
        return c, (added if r.get("in_reading") else None)

    def tei_choice_orig_add(self, parent, m, r):
        return self._hand(parent, m, r, "add")

    def tei_choice_orig_del(self, parent, m, r):
        return self._hand(parent, m, r, "del")

    def tei_anchor(self, parent, m, r):
        el(parent, "anchor", xml_id=self.claim(f"at-{m.id}"))     # a note: a point, no text
        return None

    def positions(self) -> dict:
        """anchor -> where the place stands in the sources (for errors about its names)."""
        out = {f"p{n}": p.text_pos or p.pos for n, p in self.cable.paragraphs.items()}
        out.update({h.id: h.pos for h in self.cable.headings})
        out.update({m.id: m.pos for m in self.cable.matter.values()})
        return out

    def build(self):
        events = list(self.events())
        for i, (kind, item, run, start) in enumerate(events):
            if kind == "dir":
                self.directive(item)
            else:
                self.run(item, run, start)
            if self.container_ref is not None and self.last_event.get(self.container_ref) == i:
                self.close_container()
        # every paragraph has its element, even one no lacuna placed
        for n, para in self.cable.paragraphs.items():
            if n not in self.emitted_paras:
                self.open_paragraph(n)
                self.close_container()


def _resp(r: dict) -> str | None:
    return f"#{xid(r['resp'])}" if "resp" in r else None


def _blank(items) -> bool:
    return all(isinstance(x, Text) and not x.text.strip() for x in items)


# ---------------------------------------------------------------- the header


def header(edition: Edition, cable: Cable, root: ET.Element) -> None:
    em, m = edition.meta, cable.meta
    h = el(root, "teiHeader")
    fd = el(h, "fileDesc")
    ts = el(fd, "titleStmt")
    el(ts, "title", f"{cable.label}, {cable.iso_date}: {m['title']}", type="main")
    el(ts, "title", f"A digital edition from the OCR of its release ({m['release']['status']})", type="sub")
    el(ts, "author", cable.head_value("from"))
    for e in em["editors"]:
        if e.get("in_citation") is not False:
            el(ts, "editor", e["name"])
    for e in em["editors"]:
        rs = el(ts, "respStmt", xml_id=xid(e["id"]))
        el(rs, "resp", e["role"])
        el(rs, "name", e["name"])
    es = el(fd, "editionStmt")
    ed = el(es, "edition", n=em["version"])
    ed.text = f"Version {em['version']}, "
    el(ed, "date", em["date"], when=em["date"])
    ps = el(fd, "publicationStmt")
    el(ps, "publisher", em["publisher"])
    el(ps, "date", em["date"], when=em["date"])
    el(ps, "idno", paths.absolute(em["site_url"], paths.reading(cable.id)), type="URI")
    el(ps, "idno", paths.absolute(em["site_url"], paths.download(cable, "tei")), type="download")
    el(ps, "idno", cable.document_number, type="document-number")
    av = el(ps, "availability")
    el(av, "licence", em["licence"])
    el(av, "p", "The telegram is a work of the United States Government and is in the public domain.")
    ss = el(fd, "seriesStmt")
    el(ss, "title", em["title"])
    el(ss, "idno", em["site_url"], type="URI")
    sd = el(fd, "sourceDesc")
    source_desc(edition, cable, sd)
    enc = el(h, "encodingDesc")
    pd = el(enc, "projectDesc")
    el(pd, "p", f"{em['title']}: a scholarly digital edition reconstructing declassified telegrams from the OCR "
               "of their release, with every editorial intervention typed, evidenced and attributed.")
    editorial_decl(enc)
    cd = el(enc, "classDecl")
    tax = el(cd, "taxonomy", xml_id="status")
    el(tax, "desc", "The status of a paragraph in the release.")
    for s, desc in STATUS_DESC.items():
        cat = el(tax, "category", xml_id=f"status-{s}")
        el(cat, "catDesc", desc)
    tax = el(cd, "taxonomy", xml_id="readings")
    el(tax, "desc", "The readings of an uncertain passage (unclear within choice).")
    for key, desc in (("preferred", "The reading the editors prefer."), ("alternative", "An alternative reading.")):
        el(el(tax, "category", xml_id=f"reading-{key}"), "catDesc", desc)
    prof = el(h, "profileDesc")
    cs = el(prof, "correspDesc")
    sent = el(cs, "correspAction", type="sent")
    el(sent, "orgName", cable.head_value("from"))
    el(sent, "date", cable.iso_date, when=cable.iso_date)
    el(el(cs, "correspAction", type="received"), "orgName", cable.head_value("to"))
    lu = el(prof, "langUsage")
    el(lu, "language", "English", ident="en")
    tc = el(prof, "textClass")
    kw = el(tc, "keywords", n="TAGS")
    for tag in m.get("tags") or []:
        el(kw, "term", tag)
    rd = el(h, "revisionDesc")
    releases = edition.releases or []
    if releases:
        for r in releases:
            el(rd, "change", f"Version {r.version}: {r.summary}", when=r.date, n=r.version)
    else:
        el(rd, "change", f"Version {em['version']}", when=em["date"], n=em["version"])


def source_desc(edition: Edition, cable: Cable, sd: ET.Element) -> None:
    m = cable.meta
    rel = m["release"]
    ms = el(sd, "msDesc")
    ident = el(ms, "msIdentifier")
    if rel.get("office"):
        el(ident, "repository", rel["office"])
    else:
        el(ident, "repository", "United States Department of State")
    if rel.get("case_id"):
        el(ident, "idno", rel["case_id"], type="FOIA-case")
    el(ident, "idno", cable.label, type="telegram")
    el(ident, "idno", cable.document_number, type="document-number")
    contents = el(ms, "msContents")
    el(contents, "summary", " ".join(m["summary"].split()))
    item = el(contents, "msItem")
    h = cable.head_value
    el(item, "author", h("from"))
    if h("subject"):
        el(item, "title", h("subject"), type="subject")
    el(item, "note", f"To: {h('to')}. Date: {cable.iso_date}"
                     + (f"; date-time group {h('dtg')}" if h("dtg") else "")
                     + (f". Precedence: {h('precedence')}" if h("precedence") else "")
                     + f". Classification: {h('classification')}"
                     + (f"; caveat {h('caveat')}" if h("caveat") else "")
                     + (f". Signed {h('signer')}" if h("signer") else "")
                     + f". Sections: {h('sections')}."
                     + "".join(f" The {k} is not printed on the pages: {v.basis}"
                               + (f" ({v.evidence})" if v.evidence else "") + "."
                               for k, v in cable.head.items() if v.basis in ("inferred", "unknown")))
    for d in cable.embedded:
        # a document the telegram carries: its own title, date and participants, and its paragraphs
        sub = el(item, "msItem", xml_id=f"doc-{d.id}", type=d.kind,
                 corresp=" ".join(f"#p{n}" for n in range(d.first, d.last + 1)))
        el(sub, "title", d.title)
        if d.date:
            el(sub, "docDate", d.date, when=d.date)
        for person in d.participants:
            el(sub, "respStmt").extend([_el("resp", "participant"), _el("name", person)])
        if d.note:
            el(sub, "note", " ".join(d.note.split()))
    hands = [iv for iv in cable.interventions.values() if VIEWS[iv.kind].adoptable]
    if hands:
        phys = el(ms, "physDesc")
        hd = el(phys, "handDesc")
        for iv in hands:
            hn = el(hd, "handNote", xml_id=f"hand-{iv.id}")
            hn.text = iv.record["hand"]
    hist = el(ms, "history")
    origin = el(hist, "origin")
    el(origin, "origDate", cable.iso_date, when=cable.iso_date)
    acq = f"Release: {rel['status']}"
    if rel.get("exemptions"):
        acq += f"; withheld under FOIA exemption {', '.join(rel['exemptions'])}"
    if rel.get("review_date"):
        acq += f"; reviewed {rel['review_date']}"
    if rel.get("review_authority"):
        acq += f" by {rel['review_authority']}"
    el(hist, "acquisition", acq + ".")
    lw = el(sd, "listWit")
    witnesses: list[str] = []
    for p in cable.pages:
        if p.telegram not in witnesses:
            witnesses.append(p.telegram)
    w = m["witness"]
    for tel in witnesses:
        pages = [p for p in cable.pages if p.telegram == tel]
        wit = el(lw, "witness", xml_id=f"w{tel}")
        other = edition.cables.get(tel)
        if tel == cable.id:
            wit.text = (f"The OCR text of the release of {cable.label} ({w['file']}, {w['lines']} lines, "
                        f"SHA-256 {w['sha256']}): {len(pages)} of its pages. {' '.join(w['description'].split())}")
        else:
            title = other.meta["title"] if other else ""
            date = other.iso_date if other else ""
            wit.text = (f"{other.label if other else tel} ({date}; {title}): {len(pages)} page(s) standing in "
                        f"the release of {cable.label}, in the same OCR file: "
                        + ", ".join(p.label for p in pages) + ".")
    lst = el(sd, "list", type="pages")
    for p in cable.pages:
        it = el(lst, "item", corresp=f"#page-{p.id}", n=str(p.seq))
        it.text = (f"{p.label}. Telegram {p.telegram}; section {_ident(p.section)}; page {_ident(p.page)}; "
                   f"time {_ident(p.time)}; {p.kind} page; position {p.order} in the logical order."
                   + (f" {p.note}" if p.note else ""))


def _ident(i) -> str:
    s = (i.value or "unknown") + f" ({i.basis}"
    if i.basis == "corrected" and i.printed:
        s += f", printed {i.printed}"
    s += ")"
    if i.evidence:
        s += f" [{i.evidence}]"
    return s


def editorial_decl(enc: ET.Element) -> None:
    d = el(enc, "editorialDecl")
    el(el(d, "correction"), "p",
       "Errors of the OCR are corrected in choice/sic+corr, with the type of error (@type), the editors' "
       "certainty (@cert) and the editor responsible (@resp); the evidence is in the collation in the back. "
       "Slips of the telegram itself are marked sic and not corrected. Uncertain readings give the OCR's "
       "form (orig), the preferred reading and the alternatives (unclear). Tokens considered and judged "
       "right are seg type=\"considered\".")
    el(el(d, "normalization"), "p",
       "The OCR's own notations stand in orig with their meaning in reg: [REDACTED] is a redaction of the "
       "release (gap reason=\"withheld\", the FOIA exemption in @agent); ^(...) is a handwritten insertion "
       "(add); ~~...~~ is a strike-through (del). Nothing else is normalised.")
    el(el(d, "segmentation"), "p",
       "The body follows the release in the order of the file: lb n=\"N\" begins line N of the OCR witness; "
       "taking sic and orig in every choice and the text outside the back gives the OCR back exactly. pb "
       "marks each printed page with its identity (@n: telegram, section/page) and its witness (@source). "
       "Each paragraph of the telegram is p n=\"N\" xml:id=\"pN\"; its @source names the witnesses "
       "(listWit) whose pages carry its text, its @ana its status; a paragraph interrupted by something "
       "other than page furniture continues in a p with @prev. Missing paragraphs are empty p elements "
       "after the lacuna (gap) that explains them. Further blocks of a paragraph begin at milestone "
       "unit=\"block\". Run-in headings open div type=\"section\". Page heads and stamps are fw; routing "
       "sheets, stamps, handwritten notes, the subject line and the signature are note with the kind of "
       "matter as @type; text the release repeats is surplus reason=\"repeated\".")
    el(el(d, "interpretation"), "p",
       "Names: every mention that a form declared in the edition's registers finds in the reading text is "
       "tagged, persName, placeName and orgName pointing (@ref) to the person, place and org of standOff; "
       "regimes, treaties and laws are rs with that @type, subjects rs type=\"subject\" pointing to the "
       "taxonomy \"subjects\". A name may run across lb, pb and fw, as the reading text runs across them; it "
       "wraps a whole choice, sic or seg, or stands wholly inside the reading side of one (corr, the "
       "preferred unclear, add, or del where the reading text keeps the struck words), never inside sic or "
       "orig of a choice, so the printed side still gives back the OCR; a name that ends or begins inside a "
       "mark changing only the punctuation next to it takes the whole mark in. Nothing is tagged in withheld "
       "text, and no name runs across a redaction or a lacuna. "
       "Each paragraph, heading and item of matter lists in @ana, after its status, the subjects under which "
       "the index names it (by a form, by the run-in heading it stands under, or by the editors' decision).")
    el(d, "p", "The text carried by the pages of another telegram (listWit) is marked by the @source of its "
               "pb and of its paragraphs.")


# ---------------------------------------------------------------- the back


def back(edition: Edition, cable: Cable, text: ET.Element) -> None:
    b = el(text, "back")
    b.text = "\n"
    coll = el(b, "div", type="collation")
    coll.tail = "\n"
    el(coll, "head", "Collation")
    for iv in cable.interventions.values():
        r = iv.record
        if VIEWS[iv.kind].collated:
            n = el(coll, "note", type="collation", subtype=r["decision"], target=f"#{xid(iv.id)}",
                   resp=f"#{xid(r['resp'])}", cert=r["certainty"])
            n.text = f"Printed {r['printed']}; reading {r['reading']}; {r['decision']} ({r['type']}). {r['evidence']}"
            sr = r["second_reading"]
            second = "The second reading agrees." if sr["agrees"] else \
                f"The second reading proposed: {sr.get('proposed') or ''}. Settled: {sr.get('settled') or ''}"
            el(n, "note", second, type="second-reading", resp="#second" if any(
                e["id"] == "second" for e in edition.meta["editors"]) else None)
    notes = el(b, "div", type="notes")
    notes.tail = "\n"
    el(notes, "head", "Notes")
    for iv in cable.interventions.values():
        r = iv.record
        if iv.kind == "note":
            n = el(notes, "note", r["text"], type="explanatory", xml_id=xid(iv.id), target=f"#at-{iv.id}")
            if r.get("source"):
                el(n, "bibl", r["source"])
        elif iv.kind in ("add", "del"):
            el(notes, "note", r["note"], type="insertion" if iv.kind == "add" else "deletion",
               target=f"#{xid(iv.id)}")
        elif iv.kind == "redact":
            el(notes, "note", f"Withheld under FOIA exemption {r['exemption']}: {r['extent']}.",
               type="redaction", target=f"#{xid(iv.id)}")
    for d in cable.duplicates.values():
        el(notes, "note", f"Repeats {d.of}. {d.note}", type="duplicate", target=f"#{xid(d.id)}")
    matter = el(b, "div", type="matter")
    matter.tail = "\n"
    el(matter, "head", "Non-text matter")
    lst = el(matter, "list")
    for mi in cable.matter.values():
        el(lst, "item", f"{mi.label}: {mi.description}", corresp=f"#matter-{mi.id}", n=mi.kind)
    if cable.discussions:
        disc = el(b, "div", type="discussions")
        disc.tail = "\n"
        el(disc, "head", "Discussions")
        for d in cable.discussions:
            dv = el(disc, "div", type="discussion", xml_id=f"discussion-{d['id']}")
            el(dv, "head", d["title"])
            el(dv, "p", " ".join(d["text"].split()))
            el(dv, "p", "Decision: " + " ".join(d["decision"].split()))


LISTS = (("persons", "listPerson", "person", "persName", "Persons"),
         ("places", "listPlace", "place", "placeName", "Places"),
         ("organisations", "listOrg", "org", "orgName", "Organisations, regimes, treaties and laws"))


def register_lists(edition: Edition, cable: Cable, root: ET.Element) -> None:
    """The registers as far as this telegram names them: persons, places and organisations in
    `<standOff>` (after the header: the TEI's container for contextual data such as named
    entities), the subjects as a taxonomy in the header's `<classDecl>` (they classify the
    text; `<catRef>` in `<textClass>` lists those of the telegram). Each entry keeps the
    edition's id with the register's prefix (tei_names.ref_id), its name, kind, office,
    description (with its certainty and source), authority identifiers and the forms by which
    the text names it. The names in the text point here with @ref, places with @ana."""
    regs = edition.registers
    present: dict[str, set] = {}
    for o in regs.in_cable(cable.id):
        present.setdefault(o.register, set()).add(o.entry)
    lists = [(spec, [e for eid, e in regs.entries.get(spec[0], {}).items() if eid in present.get(spec[0], ())])
             for spec in LISTS]
    if any(entries for _, entries in lists):
        so = el(root, "standOff")
        for (register, list_tag, item_tag, name_tag, head), entries in lists:
            if not entries:
                continue
            lst = el(so, list_tag)
            el(lst, "head", head)
            for e in entries:
                item = el(lst, item_tag, xml_id=tei_names.ref_id(register, e.id), type=e.kind or None)
                el(item, name_tag, e.name)
                for o in e.offices:
                    el(item, "occupation", o.title, notBefore=o.start_text or None, notAfter=o.end_text or None)
                for scheme, ident, _ in e.authority:
                    el(item, "idno", ident, type=scheme)
                _entry_notes(item, e)
        ET.indent(so, space=" ", level=1)
        so.tail = "\n"
    subjects = [e for eid, e in regs.entries.get("subjects", {}).items() if eid in present.get("subjects", ())]
    if subjects:
        header = root.find(t("teiHeader"))
        cd = header.find(f"{t('encodingDesc')}/{t('classDecl')}")
        tax = el(cd, "taxonomy", xml_id="subjects")
        el(tax, "desc", "The subjects of the edition's index. A paragraph, heading or item of matter lists in "
                        "@ana the subjects under which the index names it; the words that name a subject in the "
                        "text are rs type=\"subject\".")
        for e in subjects:
            cat = el(tax, "category", xml_id=tei_names.ref_id("subjects", e.id))
            el(cat, "gloss", e.name)
            el(cat, "desc", " ".join(e.description.split()), type="description", cert=e.certainty or None)
            if e.source:
                el(el(cat, "desc", type="source"), "bibl", e.source)
            if e.forms:
                _forms(el(cat, "desc", type="forms"), e.forms)
        tc = header.find(f"{t('profileDesc')}/{t('textClass')}")
        el(tc, "catRef", scheme="#subjects", target=" ".join(f"#{tei_names.ref_id('subjects', e.id)}"
                                                             for e in subjects))


def _entry_notes(item: ET.Element, e) -> None:
    el(item, "note", " ".join(e.description.split()), type="description", cert=e.certainty or None)
    if e.source:
        el(el(item, "note", type="source"), "bibl", e.source)
    for _, ident, source in e.authority:
        el(el(item, "note", type="authority", n=ident), "bibl", source)
    if e.forms:
        _forms(el(item, "note", type="forms"), e.forms)
    if e.note:
        el(item, "note", " ".join(e.note.split()), type="editorial")


def _forms(parent: ET.Element, forms) -> None:
    """The forms by which the text names an entry, as the reading text prints them."""
    lst = el(parent, "list", type="forms")
    for f in forms:
        item = el(lst, "item", f.text)
        if f.start or f.end or f.telegrams:
            item.set("n", " ".join(filter(None, [f"from {f.start}" if f.start else "", f"to {f.end}" if f.end else "",
                                                 " ".join(f.telegrams)])))


# ---------------------------------------------------------------- the document


def tei(edition: Edition, cable: Cable) -> str:
    root = ET.Element(t("TEI"), {f"{{{XML_NS}}}lang": "en"})
    header(edition, cable, root)
    register_lists(edition, cable, root)
    text = el(root, "text")
    body = el(text, "body")
    div = el(body, "div", type="telegram", n=cable.number)
    div.text = "\n"
    built = Body(edition, cable, div)
    built.build()
    tei_names.tag(edition, cable, built.places, built.marks, built.positions())
    tei_names.analyse(edition, cable, built.places)
    back(edition, cable, text)
    _indent_header(root[0])
    root[0].tail = "\n"
    root.text = "\n"
    text.text = "\n"
    body.text = "\n"
    body.tail = "\n"
    div.tail = "\n"
    text.tail = "\n"
    xml = tei_xml.to_text(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
            'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
            + xml.replace("\r", "&#13;") + "\n")


def _indent_header(h: ET.Element) -> None:
    """The header has element content only (apart from a few phrases): indent it for reading."""
    ET.indent(h, space=" ", level=1)
