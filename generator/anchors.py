"""The anchor manifest: every published anchor and what it denotes.

`site_src/anchors.tsv` lists page URL, anchor and denotation, one per line. The build
fails when a listed anchor disappears or changes what it denotes, or when an anchor
appears that the manifest lacks; `python -m generator anchors --add` appends new ones.
An alias row (denotation "alias of #target") keeps an old anchor alive; the page then
carries it as an empty element next to its target.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import outputs
from .errors import EditionError, Pos, Problem
from .model import Edition

HEADER = "page\tanchor\tdenotes"


def published(edition: Edition, pages: dict[str, str]) -> dict[tuple[str, str], str]:
    """Every anchor the edition publishes, with what it denotes, in a stable order."""
    out: dict[tuple[str, str], str] = {}
    for cable in edition.cables.values():
        reading = outputs.url(outputs.reading(cable.number))
        if cable.has_transcription:
            release = outputs.url(outputs.release(cable.number))
            collation = outputs.url(outputs.collation(cable.number))
            t = f"telegram {cable.number}"
            for a, what in (("head", "document head"), ("subject", "subject line"), ("text", "start of the text")):
                out[(reading, a)] = f"{t}: {what}"
            if "signature" in cable.matter:
                out[(reading, "signature")] = f"{t}: signature"
            for n, p in cable.paragraphs.items():
                out[(reading, f"p{n}")] = f"{t}, paragraph {n} ({p.status})"
            for h in cable.headings:
                out[(reading, h.id)] = f"{t}: run-in heading"
            for page in cable.pages:
                out[(release, f"page-{page.id}")] = f"release of {cable.number}: printed page {page.id}"
            for m in cable.matter.values():
                out[(release, m.id)] = f"release of {cable.number}: {m.kind} {m.id}"
            for iv in cable.interventions.values():
                if iv.kind in ("corr", "sic", "ok", "unclear"):
                    out[(collation, iv.id)] = f"collation of {cable.number}: entry {iv.id}"
            for d in cable.discussions:
                out[(collation, f"discussion-{d['id']}")] = f"collation of {cable.number}: discussion {d['id']}"
            for path, view in ((outputs.reading(cable.number), reading), (outputs.release(cable.number), release)):
                for label in _footnote_labels(pages.get(path, "")):
                    out[(view, f"fn:{label}")] = f"{t}: note {label}"
        else:
            for host, page in edition.witness_pages_of(cable.number):
                out[(reading, f"page-{page.id}")] = f"telegram {cable.number}: printed page {page.id}"
            for host in edition.cables.values():
                ours = {p.id for p in host.pages if p.telegram == cable.number}
                for n, para in host.paragraphs.items():
                    if any(pid in ours for pid in para.pages):
                        out[(reading, f"p{n}")] = f"telegram {cable.number}, paragraph {n} as carried by its pages"
    regs = edition.registers
    for register, entries in regs.entries.items():
        url = outputs.url(outputs.index(register))
        for eid in entries:
            out[(url, eid)] = f"{register[:-1]} {eid}"
    for tid, t in regs.glossary.items():
        out[(outputs.url(outputs.GLOSSARY), tid)] = f"glossary term {t.term}"
    citing = outputs.url(outputs.CITING)
    for a, what in CITING_SECTIONS.items():
        out[(citing, a)] = f"citation policy: {what}"
    changelog = outputs.url(outputs.CHANGELOG)
    for r in edition.releases:
        out[(changelog, "v" + r.version.replace(".", "-"))] = f"changelog: version {r.version}"
    downloads = outputs.url(outputs.DOWNLOADS)
    for cable in edition.cables.values():
        out[(downloads, f"beijing-{cable.number}")] = f"downloads: telegram {cable.number}"
    return dict(sorted(out.items()))


# The sections of the citation policy (about/citing/), citable in their own right.
CITING_SECTIONS = {
    "paragraphs": "citing a paragraph",
    "anchors": "anchors and what they identify",
    "chicago": "recommended citation",
    "formats": "other citation formats",
    "versions": "version",
    "editors": "editors and publisher",
    "licences": "licences",
    "corrections": "reporting an error",
}


def _footnote_labels(markdown: str) -> list[str]:
    return sorted(set(re.findall(r"^\[\^([a-z0-9-]+)\]:", markdown, flags=re.M)))


def read_manifest(path: Path) -> dict[tuple[str, str], tuple[str, int]]:
    rows: dict[tuple[str, str], tuple[str, int]] = {}
    if not path.exists():
        return rows
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if i == 1 or not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise EditionError([Problem(Pos(str(path), i, 1), "a manifest row needs three tab-separated fields",
                                        quote=line, hint=HEADER)])
        rows[(parts[0], parts[1])] = (parts[2], i)
    return rows


def compare(edition: Edition, pages: dict[str, str], manifest: Path, only: set[str] | None = None) -> list[Problem]:
    """Problems of the manifest against what the edition publishes. With `only` (a preview of
    some telegrams), rows of the pages of other telegrams are not looked at, and the pages that
    span telegrams (downloads, indexes) may lack the anchors of the telegrams not previewed."""
    have = published(edition, pages)
    listed = read_manifest(manifest)
    if only is not None:
        listed = {k: v for k, v in listed.items() if outputs.cable_of_url(k[0]) in only or
                  outputs.cable_of_url(k[0]) is None}
    shown = str(manifest)
    problems = []
    for (page, anchor), (denotes, line) in listed.items():
        if denotes.startswith("alias of #"):
            continue
        if (page, anchor) not in have:
            if only is not None and outputs.cable_of_url(page) is None:
                continue
            problems.append(Problem(Pos(shown, line, 1), f"published anchor {page}#{anchor} has disappeared",
                                    quote=denotes,
                                    hint="citations rely on it: restore it, or keep it alive with an alias row "
                                         f"'{page}\t{anchor}\talias of #NEW'"))
        elif have[(page, anchor)] != denotes:
            problems.append(Problem(Pos(shown, line, 1), f"anchor {page}#{anchor} changed what it denotes",
                                    quote=f"manifest: {denotes}\n    now:      {have[(page, anchor)]}",
                                    hint="a published anchor keeps its meaning; if the change is a deliberate "
                                         "editorial correction (e.g. a paragraph's status), edit this row by hand"))
    new = [k for k in have if k not in listed]
    if new:
        sample = ", ".join(f"{p}#{a}" for p, a in new[:5])
        problems.append(Problem(Pos(shown, 1, 1), f"{len(new)} anchor(s) not in the manifest: {sample}"
                                + (" ..." if len(new) > 5 else ""),
                                hint="run `python -m generator anchors --add` to publish them"))
    return problems


def check(edition: Edition, pages: dict[str, str], manifest: Path, only: set[str] | None = None) -> None:
    problems = compare(edition, pages, manifest, only)
    if problems:
        raise EditionError(problems)


def add_new(edition: Edition, pages: dict[str, str], manifest: Path) -> int:
    have = published(edition, pages)
    listed = read_manifest(manifest)
    new = [(k, v) for k, v in have.items() if k not in listed]
    text = manifest.read_text(encoding="utf-8") if manifest.exists() else HEADER + "\n"
    if not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{p}\t{a}\t{d}\n" for (p, a), d in new)
    manifest.write_text(text, encoding="utf-8")
    return len(new)


def cli(edition: Edition, pages: dict[str, str], manifest: Path, add: bool) -> int:
    if add:
        n = add_new(edition, pages, manifest)
        print(f"added {n} anchor(s) to {manifest}")
    problems = compare(edition, pages, manifest)
    if problems:
        raise EditionError(problems)
    print(f"{len(read_manifest(manifest))} anchors in {manifest}: all published, none changed")
    return 0
