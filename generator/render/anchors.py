"""The anchor manifest: every published anchor and what it denotes.

`site_src/anchors.tsv` lists page URL, anchor and denotation, one per line. The build fails
when a listed anchor disappears or changes what it denotes, or when an anchor appears that the
manifest lacks; `python -m generator anchors --add` (`make anchors`) appends new ones.

An alias row keeps an old anchor alive when its place got another anchor (a heading renamed):
its denotation is `alias of #NEW`, and the page then carries an empty element with the old id
at the start of the element with the new one, so that `#OLD` lands where `#NEW` does. The
target must exist on that page, and the old id must not be taken by anything else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError, Pos, Problem, Problems
from ..model import Edition
from ..sources.files import read_text
from . import paths
from .citing import SECTIONS as CITING_SECTIONS

HEADER = "page\tanchor\tdenotes"
ALIAS = re.compile(r"alias of #([A-Za-z0-9][A-Za-z0-9:._-]*)\Z")


@dataclass(frozen=True, slots=True)
class Row:
    page: str
    anchor: str
    denotes: str
    line: int

    @property
    def alias_of(self) -> str | None:
        m = ALIAS.match(self.denotes)
        return m.group(1) if m else None


def published(edition: Edition, notes: dict[str, list[str]], ordered: bool = True) -> dict[tuple[str, str], str]:
    """Every anchor the edition publishes, with what it denotes, in a stable order (unless
    `ordered` is False: the check compares, and a sorted copy would double what it holds).
    `notes`: the footnote labels of each generated page (its path)."""
    out: dict[tuple[str, str], str] = {}
    for cable in edition.cables.values():
        reading = paths.url(paths.reading(cable.id))
        if cable.has_transcription:
            release = paths.url(paths.release(cable.id))
            collation = paths.url(paths.collation(cable.id))
            t = f"telegram {cable.id}"
            for a, what in (("head", "document head"), ("subject", "subject line"), ("text", "start of the text")):
                if a != "subject" or "subject" in cable.head:
                    out[(reading, a)] = f"{t}: {what}"
            if "signature" in cable.matter:
                out[(reading, "signature")] = f"{t}: signature"
            for n, p in cable.paragraphs.items():
                out[(reading, f"p{n}")] = f"{t}, paragraph {n} ({p.status})"
            for h in cable.headings:
                out[(reading, h.id)] = f"{t}: run-in heading"
            for d in cable.embedded:
                out[(reading, f"doc-{d.id}")] = f"{t}: embedded {d.kind_words}"
            for page in cable.pages:
                out[(release, f"page-{page.id}")] = f"release of {cable.id}: printed page {page.id}"
            for m in cable.matter.values():
                out[(release, m.id)] = f"release of {cable.id}: {m.kind} {m.id}"
            for iv in cable.interventions.values():
                if "decision" in iv.record:
                    out[(collation, iv.id)] = f"collation of {cable.id}: entry {iv.id}"
            for d in cable.discussions:
                out[(collation, f"discussion-{d['id']}")] = f"collation of {cable.id}: discussion {d['id']}"
            for path, view in ((paths.reading(cable.id), reading), (paths.release(cable.id), release)):
                for label in sorted(set(notes.get(path, ()))):
                    out[(view, f"fn:{label}")] = f"{t}: note {label}"
        else:
            for host, page in edition.witness_pages_of(cable.id):
                out[(reading, f"page-{page.id}")] = f"telegram {cable.id}: printed page {page.id}"
            for host in edition.cables.values():
                ours = {p.id for p in host.pages if p.telegram == cable.id}
                for n, para in host.paragraphs.items():
                    if any(pid in ours for pid in para.pages):
                        out[(reading, f"p{n}")] = f"telegram {cable.id}, paragraph {n} as carried by its pages"
    regs = edition.registers
    for register, entries in regs.entries.items():
        url = paths.url(paths.index(register))
        for eid in entries:
            out[(url, eid)] = f"{register[:-1]} {eid}"
    for tid, term in regs.glossary.items():
        out[(paths.url(paths.GLOSSARY), tid)] = f"glossary term {term.term}"
    citing = paths.url(paths.CITING)
    for a, what in CITING_SECTIONS.items():
        out[(citing, a)] = f"citation policy: {what}"
    changelog = paths.url(paths.CHANGELOG)
    for r in edition.releases:
        out[(changelog, "v" + r.version.replace(".", "-"))] = f"changelog: version {r.version}"
    downloads = paths.url(paths.DOWNLOADS)
    for cable in edition.cables.values():
        out[(downloads, paths.download_stem(cable))] = f"downloads: telegram {cable.id}"
    return dict(sorted(out.items())) if ordered else out


def read_manifest(path: Path, problems: Problems) -> dict[tuple[str, str], Row]:
    rows: dict[tuple[str, str], Row] = {}
    if not path.exists() and not path.is_symlink():
        return rows
    text = read_text(path, problems)
    if text is None:
        return rows
    shown = str(path)
    for i, line in enumerate(text.split("\n"), start=1):
        if i == 1:
            if line != HEADER:
                problems.add(Pos(shown, 1, 1), "the manifest begins with its header line", quote=line,
                             hint=HEADER.replace("\t", "<tab>"))
                return rows
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            problems.add(Pos(shown, i, 1), "a manifest row needs three tab-separated fields", quote=line,
                         hint=HEADER.replace("\t", "<tab>"))
            continue
        key = (parts[0], parts[1])
        if key in rows:
            problems.add(Pos(shown, i, 1), f"anchor {parts[0]}#{parts[1]} is listed twice (first at line "
                         f"{rows[key].line})", hint="keep one row per anchor")
            continue
        rows[key] = Row(parts[0], parts[1], parts[2], i)
        if parts[2].startswith("alias of") and rows[key].alias_of is None:
            problems.add(Pos(shown, i, len(parts[0]) + len(parts[1]) + 3), f"an alias row names its target as "
                         f"'alias of #ID', found {parts[2]!r}", hint="e.g. alias of #h-new-heading")
    return rows


def aliases(rows: dict[tuple[str, str], Row]) -> dict[str, list[Row]]:
    """page URL -> its alias rows."""
    out: dict[str, list[Row]] = {}
    for row in rows.values():
        if row.alias_of is not None:
            out.setdefault(row.page, []).append(row)
    return out


def compare(edition: Edition, notes: dict[str, list[str]], rows: dict[tuple[str, str], Row], shown: str,
            only: set[str] | None = None) -> list[Problem]:
    """Problems of the manifest against what the edition publishes. With `only` (a preview of
    some telegrams), rows of the pages of other telegrams are not looked at, and the pages that
    span telegrams (downloads, indexes) may lack the anchors of the telegrams not previewed."""
    have = published(edition, notes, ordered=False)
    listed = rows
    if only is not None:
        listed = {k: v for k, v in listed.items() if paths.cable_of_url(k[0]) in only or
                  paths.cable_of_url(k[0]) is None}
    problems = []
    for (page, anchor), row in listed.items():
        target = row.alias_of
        if target is not None:
            if (page, anchor) in have:
                problems.append(Problem(Pos(shown, row.line, 1), f"alias {page}#{anchor} names an anchor the page "
                                        "publishes itself", quote=row.denotes,
                                        hint="an alias keeps an anchor that no longer exists: remove the row"))
            elif (page, target) not in have and not (only is not None and paths.cable_of_url(page) is None):
                problems.append(Problem(Pos(shown, row.line, 1), f"alias {page}#{anchor}: the target #{target} is "
                                        f"not an anchor of {page}", quote=row.denotes,
                                        hint="name an anchor the page publishes (see the other rows of the page)"))
            continue
        if (page, anchor) not in have:
            if only is not None and paths.cable_of_url(page) is None:
                continue
            problems.append(Problem(Pos(shown, row.line, 1), f"published anchor {page}#{anchor} has disappeared",
                                    quote=row.denotes,
                                    hint="citations rely on it: restore it, or keep it alive with an alias row "
                                         f"'{page}<tab>{anchor}<tab>alias of #NEW'"))
        elif have[(page, anchor)] != row.denotes:
            problems.append(Problem(Pos(shown, row.line, 1), f"anchor {page}#{anchor} changed what it denotes",
                                    quote=f"manifest: {row.denotes}\n    now:      {have[(page, anchor)]}",
                                    hint="a published anchor keeps its meaning; if the change is a deliberate "
                                         "editorial correction (e.g. a paragraph's status), edit this row by hand"))
    new = sorted(k for k in have if k not in rows)
    if only is not None:
        new = [k for k in new if paths.cable_of_url(k[0]) in only]
    if new:
        sample = ", ".join(f"{p}#{a}" for p, a in new[:5])
        problems.append(Problem(Pos(shown, 1, 1), f"{len(new)} anchor(s) not in the manifest: {sample}"
                                + (" ..." if len(new) > 5 else ""),
                                hint="run `make anchors` to publish them (python -m generator anchors --add)"))
    return problems


def add_new(edition: Edition, notes: dict[str, list[str]], path: Path, rows: dict) -> int:
    have = published(edition, notes)
    new = [(k, v) for k, v in have.items() if k not in rows]
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER + "\n"
    if not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{p}\t{a}\t{d}\n" for (p, a), d in new)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return len(new)


def check(edition: Edition, notes: dict, rows: dict, shown: str, only: set[str] | None = None) -> None:
    problems = compare(edition, notes, rows, shown, only)
    if problems:
        raise EditionError(problems)
