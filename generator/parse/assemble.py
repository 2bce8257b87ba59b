"""Build the model of one cable from its parsed transcription and its YAML.

The transcription is walked once, in file order, with a small state machine:
the current page, the current zone (telegram text, page furniture, named matter,
duplicate) and the current text container (paragraph or heading). Every OCR
line is cut into pieces at inline directives; each piece lands on its page and
in its zone's container. Problems are reported with the position of the
directive or line concerned.
"""
from __future__ import annotations

import re

from ..errors import Pos, Problems
from ..model import (Block, Cable, Directive, Duplicate, Event, Heading, Intervention, Lacuna, Mark,
                    MatterItem, OcrLine, Page, PageIdentity, Paragraph, Piece, Zone)

OPEN, CLOSE = "\u27e6", "\u27e7"


def identity(value) -> PageIdentity:
    """A value of the sources as printed (a plain value) or with its basis (a mapping)."""
    if isinstance(value, dict):
        return PageIdentity(value.get("value"), value.get("printed"), value["basis"], value.get("evidence") or "")
    return PageIdentity(value, value, "printed")


HEAD_FIELDS = ("from", "to", "date", "dtg", "precedence", "classification", "caveat", "subject", "signer",
               "sections")


def build_head(meta: dict) -> dict:
    """The telegram's head: each field as printed, or inferred (with its evidence); absent
    fields are left out."""
    return {k: identity(meta[k]) for k in HEAD_FIELDS if meta.get(k) is not None}


def build_pages(cable: Cable, problems: Problems) -> None:
    meta = cable.meta
    pages = meta.get("pages") or []
    seen: dict[str, Pos] = {}
    for i, raw in enumerate(pages):
        pos = pages.item_pos[i]
        pid = raw["id"]
        if pid in seen:
            problems.add(pos, f"page id {pid!r} declared twice (first at line {seen[pid].line})",
                         hint="give every page its own id")
            continue
        seen[pid] = pos
        cable.pages.append(Page(
            id=pid, seq=i + 1, order=0, telegram=raw["telegram"], kind=raw["kind"],
            section=identity(raw["section"]), page=identity(raw["page"]), time=identity(raw["time"]),
            label=raw["label"], note=raw.get("note") or "", pos=pos))
    order = meta.get("order")
    if order is None:
        for p in cable.pages:
            p.order = p.seq
        return
    by_id = {p.id: p for p in cable.pages}
    for i, pid in enumerate(order):
        if pid not in by_id:
            problems.add(order.item_pos[i], f"order: unknown page {pid!r}", hint="list ids from `pages`")
        elif by_id[pid].order:
            problems.add(order.item_pos[i], f"order: page {pid!r} listed twice")
        else:
            by_id[pid].order = i + 1
    for p in cable.pages:
        if not p.order:
            problems.add(order.pos, f"order: page {p.id!r} is missing from the logical order",
                         hint="list every page once")


def build_paragraphs(cable: Cable, problems: Problems) -> None:
    paras = cable.meta.get("paragraphs") or {}
    for key, raw in paras.items():
        n = int(key)
        cable.paragraphs[n] = Paragraph(n=n, status=raw["status"], reason=raw.get("reason") or "",
                                        pos=paras.key_pos[key])
    total = cable.meta.get("paragraph_count")
    if total:
        missing = [n for n in range(1, total + 1) if n not in cable.paragraphs]
        extra = [n for n in cable.paragraphs if n > total]
        if missing:
            problems.add(paras.pos if paras else None,
                         f"paragraphs: no entry for paragraph(s) {', '.join(map(str, missing))}",
                         hint=f"account for every paragraph 1-{total}, with its status")
        if extra:
            problems.add(paras.pos, f"paragraphs: {extra} beyond paragraph_count {total}")
    cable.paragraphs = dict(sorted(cable.paragraphs.items()))


def build_matter(cable: Cable) -> None:
    matter = cable.meta.get("matter") or {}
    for mid, raw in matter.items():
        cable.matter[mid] = MatterItem(id=mid, kind=raw["kind"], label=raw["label"],
                                       description=raw["description"], pos=matter.key_pos[mid])


class Walker:
    """The state machine over the transcription."""

    def __init__(self, cable: Cable, apparatus: dict, problems: Problems):
        self.cable, self.apparatus, self.problems = cable, apparatus, problems
        self.pages = {p.id: p for p in cable.pages}
        self.page: Page | None = None
        self.zone: Zone | None = None
        self.container = None            # Paragraph | Heading
        self.last_para = 0               # the last paragraph seen, started or named by a lacuna
        self.last_started = 0            # the last paragraph begun with ⟦@p N⟧
        self.started: dict[int, Pos] = {}
        self.ids: dict[str, Pos] = {}
        self.pages_seen: dict[str, Pos] = {}

    # -- directives
    def directive(self, d: Directive) -> None:
        self.cable.events.append(Event("directive", directive=d))
        handler = getattr(self, "d_" + d.name)
        handler(d)

    def d_page(self, d):
        pid = d.args[0]
        if pid not in self.pages:
            self.problems.add(d.pos, f"page {pid!r} is not declared in cable.yaml",
                              quote=f"{OPEN}@page {pid}{CLOSE}", hint="add it to `pages` with its identity")
            self.page = None
            return
        if pid in self.pages_seen:
            self.problems.add(d.pos, f"page {pid!r} begins twice (first at line {self.pages_seen[pid].line})")
        self.pages_seen[pid] = d.pos
        expected = len(self.pages_seen)
        if self.pages[pid].seq != expected:
            self.problems.add(d.pos, f"page {pid!r} is page {expected} in file order, but cable.yaml lists it "
                              f"as number {self.pages[pid].seq}", hint="list `pages` in the file order of the witness")
        self.page = self.pages[pid]
        self.zone = None

    def d_fw(self, d):
        self.zone = Zone("fw", d.args[0])

    def d_matter(self, d):
        mid = d.args[0]
        if mid not in self.cable.matter:
            self.problems.add(d.pos, f"matter {mid!r} is not declared in cable.yaml",
                              hint="add it under `matter` with kind, label and description")
            self.zone = Zone("fw", "blank")
            return
        self.zone = Zone("matter", mid)

    def d_p(self, d):
        n = d.args[0]
        para = self.cable.paragraphs.get(n)
        if para is None:
            self.problems.add(d.pos, f"paragraph {n} is not declared in cable.yaml",
                              hint="add it under `paragraphs` with its status")
            self.zone = Zone("fw", "blank")
            return
        if n in self.started:
            self.problems.add(d.pos, f"paragraph {n} begins twice (first at line {self.started[n].line})",
                              hint=f"use {OPEN}@text{CLOSE} to resume a paragraph after page furniture")
        if n <= self.last_started and n not in self.started:
            self.problems.add(d.pos, f"paragraph {n} comes after paragraph {self.last_started}",
                              hint="paragraphs must follow in numerical order")
        self.started[n] = d.pos
        para.text_pos = d.pos
        para.blocks.append(Block())
        self.container = para
        self.last_para = max(self.last_para, n)
        self.last_started = max(self.last_started, n)
        self.zone = Zone("text", f"p{n}")

    def d_block(self, d):
        if not isinstance(self.container, Paragraph):
            self.problems.add(d.pos, f"{OPEN}@block{CLOSE} outside a paragraph",
                              hint=f"begin the paragraph with {OPEN}@p N{CLOSE} first")
            return
        self.container.blocks.append(Block())
        self.zone = Zone("text", f"p{self.container.n}")

    def d_head(self, d):
        hid = d.args[0]
        if not hid.startswith("h-"):
            self.problems.add(d.pos, f"heading id {hid!r} must start with 'h-'",
                              hint=f"e.g. {OPEN}@head h-proliferation{CLOSE}")
        self._claim(hid, d.pos)
        heading = Heading(id=hid, pos=d.pos, before=self.last_para + 1)
        self.cable.headings.append(heading)
        self.container = heading
        self.zone = Zone("text", hid)

    def d_text(self, d):
        if self.container is None:
            self.problems.add(d.pos, f"{OPEN}@text{CLOSE} with no paragraph or heading to resume",
                              hint=f"begin one with {OPEN}@p N{CLOSE} or {OPEN}@head ID{CLOSE}")
            return
        ref = f"p{self.container.n}" if isinstance(self.container, Paragraph) else self.container.id
        self.zone = Zone("text", ref)

    def d_dup(self, d):
        did = d.args[0]
        record = (self.apparatus.get("duplicates") or {}).get(did)
        if record is None:
            self.problems.add(d.pos, f"duplicate {did!r} is not described in apparatus.yaml",
                              hint="add it under `duplicates` with `of` and `note`")
            self.zone = Zone("fw", "blank")
            return
        self._claim(did, d.pos)
        self.cable.duplicates[did] = Duplicate(did, record["of"], record["note"], d.pos)
        self.zone = Zone("dup", did)

    def d_gap(self, d):
        gid = d.args[0]
        record = (self.apparatus.get("lacunae") or {}).get(gid)
        if record is None:
            self.problems.add(d.pos, f"lacuna {gid!r} is not described in apparatus.yaml",
                              hint="add it under `lacunae` with paragraphs, kind and reason")
            return
        self._claim(gid, d.pos)
        within = self.container.n if (isinstance(self.container, Paragraph) and self.zone
                                      and self.zone.kind == "text"
                                      and self.container.n in record["paragraphs"]) else None
        lacuna = Lacuna(gid, tuple(record["paragraphs"]), record["kind"], record["reason"],
                        d.pos, self.page.id if self.page else None, within)
        self.cable.lacunae[gid] = lacuna
        if within is not None:
            self.container.blocks[-1].pieces.append(lacuna)
        if record["paragraphs"]:
            self.last_para = max(self.last_para, max(record["paragraphs"]))

    def _claim(self, xid: str, pos: Pos) -> None:
        if xid in self.ids:
            self.problems.add(pos, f"id {xid!r} is used twice (first at line {self.ids[xid].line})",
                              hint="every id in a transcription is unique")
        self.ids[xid] = pos

    # -- OCR lines
    def line(self, line: OcrLine) -> None:
        run: list = []
        run_start = True
        for item in line.items:
            if isinstance(item, Directive):
                self.flush(line, run, run_start)
                run, run_start = [], False
                self.directive(item)
                continue
            run.append(item)
        self.flush(line, run, run_start)

    def flush(self, line: OcrLine, items: list, line_start: bool) -> None:
        if not items and not line_start:
            return
        if self.page is None:
            self.problems.add(line.pos, "OCR text before the first page marker",
                              quote=line.printed[:60], hint=f"begin the transcription with {OPEN}@page ID{CLOSE}")
            return
        if self.zone is None:
            self.problems.add(line.pos, "OCR line in no zone: say what it is",
                              quote=line.printed[:60],
                              hint=f"put {OPEN}@fw KIND{CLOSE}, {OPEN}@matter ID{CLOSE}, {OPEN}@p N{CLOSE} "
                                   f"or {OPEN}@text{CLOSE} before it")
            return
        piece = Piece(line=line.number, pos=line.pos if line_start else items[0].pos if items else line.pos,
                      items=tuple(items), page=self.page.id, zone=self.zone, line_start=line_start)
        self.page.pieces.append(piece)
        self.cable.events.append(Event("piece", piece=piece))
        kind = self.zone.kind
        if kind == "text":
            if isinstance(self.container, Paragraph):
                self.container.blocks[-1].pieces.append(piece)
            else:
                self.container.pieces.append(piece)
        elif kind == "matter":
            self.cable.matter[self.zone.ref].pieces.append(piece)
        elif kind == "dup":
            self.cable.duplicates[self.zone.ref].pieces.append(piece)
        for item in items:
            if isinstance(item, Mark):
                self.mark(item, piece)

    def mark(self, mark: Mark, piece: Piece) -> None:
        existing = self.cable.interventions.get(mark.id)
        if existing is not None:
            if mark.kind == "redact" and existing.kind == "redact":
                existing.marks.append((mark, piece))   # one redaction printed in several markers
                return
            first = existing.marks[0][0].pos
            self.problems.add(mark.pos, f"id {mark.id!r} is used twice (first at {first.line}:{first.col})",
                              hint="every mark has its own id (only a redaction printed in several "
                                   "markers repeats its id)")
            return
        if mark.id in self.ids:
            self.problems.add(mark.pos, f"id {mark.id!r} is already used by a directive at line "
                              f"{self.ids[mark.id].line}")
        self.cable.interventions[mark.id] = Intervention(mark.id, mark.kind, [(mark, piece)], {}, None)


def walk(cable: Cable, apparatus: dict, problems: Problems) -> None:
    walker = Walker(cable, apparatus, problems)
    for item in cable.lines:
        if isinstance(item, Directive):
            walker.directive(item)
        else:
            walker.line(item)
    for pid, page in walker.pages.items():
        if pid not in walker.pages_seen:
            problems.add(page.pos, f"page {pid!r} is declared but never begins in the transcription",
                         hint=f"add {OPEN}@page {pid}{CLOSE} where it begins, or remove the declaration")


NUMBER_RE = re.compile(r"\s*([0-9]+)\.")


def leading_number(para: Paragraph) -> int | None:
    """The paragraph number printed at the start of its text, if any."""
    for block in para.blocks[:1]:
        for piece in block.pieces:
            if not isinstance(piece, Piece):
                continue
            text = piece.printed
            if not text.strip():
                continue
            m = NUMBER_RE.match(text)
            return int(m.group(1)) if m else None
    return None
