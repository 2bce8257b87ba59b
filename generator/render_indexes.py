"""The index pages (indexes/, indexes/<register>/), the glossary (glossary/), and the
lines under each paragraph of the reading text that lead to its index entries."""
from __future__ import annotations

from markupsafe import Markup

from . import outputs
from .escape import md
from .model import Cable, Edition, Occurrence
from .registers import REGISTERS
from .templates import render

REGISTER_WORDS = {"persons": "Persons", "places": "Places", "organisations": "Organisations",
                  "subjects": "Subjects"}
KIND_WORDS = {"abbreviation": "abbreviation", "office-symbol": "office symbol", "term-of-art": "term of art",
              "tag": "TAGS code", "handling": "handling mark", "code": "transmission code",
              "date-time": "date and time"}


def occurrence_link(here: str, occ: Occurrence) -> Markup:
    """A link to one place of occurrence, labelled as a reader cites it."""
    p = occ.place
    if p.kind == "matter":
        target = outputs.link(here, outputs.release(p.cable), p.anchor)
        label = md(p.label) + Markup(" (release)")
    else:
        target = outputs.link(here, outputs.reading(p.cable), p.anchor)
        label = md(p.label)
        others = [w for w in p.witnesses if w != p.cable]
        if others:
            label += Markup(" (in ") + md(", ".join(others)) + Markup(")")
    return Markup("[") + label + Markup(f"]({target})")


def _places(occs: list[Occurrence]) -> list[Occurrence]:
    """One occurrence per place, in text order."""
    seen, out = set(), []
    for o in occs:
        key = (o.place.cable, o.place.anchor)
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _entry_view(edition: Edition, register: str, e, here: str) -> dict:
    regs = edition.registers
    occs = _places(regs.of(register, e.id))
    forms = sorted({o.text and " ".join(o.text.split()) for o in regs.of(register, e.id) if o.basis == "form"})
    heads = []
    for scope in e.headings:
        h = next(p for p in regs.places if p.cable == scope.heading.cable and p.anchor == scope.heading.anchor)
        have = [n for n in range(scope.first, scope.last + 1)
                if any(o.place.anchor == f"p{n}" for o in occs if o.place.cable == h.cable)]
        lost = [n for n in range(scope.first, scope.last + 1) if n not in have]
        text = Markup("the run-in heading [") + md(h.text) + Markup(
            f"]({outputs.link(here, outputs.reading(h.cable), h.anchor)}) stands over ") + md(
            _range_words(scope.first, scope.last))
        if lost:
            text += Markup("; ") + md(_list_words(lost)) + Markup(
                " of these " + ("is" if len(lost) == 1 else "are") + " not in the release and "
                + ("is" if len(lost) == 1 else "are") + " not counted")
        heads.append(text)
    return {
        "e": e, "count": len(occs),
        "links": Markup(", ").join(occurrence_link(here, o) for o in occs),
        "forms": forms, "heads": heads,
        "tagged": [occurrence_link(here, o) for o in _places([o for o in regs.of(register, e.id)
                                                               if o.basis == "tagged"])],
        "certainty": e.certainty,
    }


def _range_words(a: int, b: int) -> str:
    return f"\u00b6{a}" if a == b else f"\u00b6{a}-{b}"


def _list_words(ns: list[int]) -> str:
    runs = []
    for n in ns:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(_range_words(a, b) for a, b in runs)


def _letter(name: str) -> str:
    """The alphabetical section of a name: its first letter A-Z, or "0-9" for anything else
    (a digit, a symbol, a letter outside A-Z), so the section anchor is always a plain id."""
    first = name[:1].upper()
    return first if "A" <= first <= "Z" else "0-9"


def register_page(edition: Edition, register: str) -> str:
    here = outputs.index(register)
    regs = edition.registers
    entries = [_entry_view(edition, register, e, here) for e in regs.entries.get(register, {}).values()]
    letters: dict[str, list] = {}
    for v in entries:
        letters.setdefault(_letter(v["e"].sort), []).append(v)
    tags = _tags(edition, here) if register == "subjects" else []
    return render("register.md.j2", register=register, title=REGISTER_WORDS[register], letters=letters,
                  entries=entries, tags=tags, landing=outputs.link(here, outputs.INDEXES),
                  glossary=outputs.link(here, outputs.GLOSSARY),
                  method=outputs.link(here, outputs.METHOD))


def landing(edition: Edition) -> str:
    here = outputs.INDEXES
    regs = edition.registers
    rows = []
    for register in REGISTERS:
        entries = regs.entries.get(register, {})
        places = {(o.place.cable, o.place.anchor) for o in regs.occurrences if o.register == register}
        rows.append({"title": REGISTER_WORDS[register], "href": outputs.link(here, outputs.index(register)),
                     "entries": len(entries), "places": len(places)})
    return render("indexes.md.j2", rows=rows, glossary=outputs.link(here, outputs.GLOSSARY),
                  terms=len(regs.glossary), editing=outputs.link(here, outputs.EDITING),
                  cables=[(c, outputs.link(here, outputs.map_page(c.number)))
                          for c in edition.cables.values() if c.has_transcription])


def _tags(edition: Edition, here: str) -> list[dict]:
    """The TAGS of each telegram, explained by their glossary entries."""
    regs = edition.registers
    out = []
    by_term = {t.term: t for t in regs.glossary.values() if t.kind == "tag"}
    seen = set()
    for cable in edition.cables.values():
        for code in cable.meta.get("tags") or []:
            if code in seen:
                continue
            seen.add(code)
            t = by_term.get(code)
            out.append({
                "code": code,
                "term": Markup(f"[") + md(code) + Markup(f"]({outputs.link(here, outputs.GLOSSARY, t.id)})") if t else md(code),
                "meaning": md(t.expansion) if t else Markup("not in the glossary"),
                "certainty": t.certainty if t else "",
                "see": _see_links(edition, t, here) if t else Markup(""),
                "note": md(t.note) if t and t.note else Markup(""),
            })
    return out


def _see_links(edition: Edition, t, here: str) -> Markup:
    regs = edition.registers
    links = []
    for (register, eid), _ in t.see:
        e = regs.entries[register][eid]
        links.append(Markup("[") + md(e.name) + Markup(f"]({outputs.link(here, outputs.index(register), eid)})"))
    return Markup(", ").join(links)


def glossary_page(edition: Edition) -> str:
    here = outputs.GLOSSARY
    regs = edition.registers
    terms = []
    for t in regs.glossary.values():
        occs = [o for o in regs.glossary_occurrences if o.term == t.id]
        reading, release, seen = [], [], set()
        for o in occs:
            key = (o.cable, o.view, o.anchor)
            if key in seen:
                continue
            seen.add(key)
            target = outputs.reading(o.cable) if o.view == "reading" else outputs.release(o.cable)
            link = Markup("[") + md(o.label) + Markup(f"]({outputs.link(here, target, o.anchor)})")
            (reading if o.view == "reading" else release).append(link)
        forms = sorted({" ".join(o.text.split()) for o in occs})
        terms.append({"t": t, "kind": KIND_WORDS[t.kind], "count": len(occs), "forms": forms,
                      "reading": Markup(", ").join(reading), "release": Markup("; ").join(release),
                      "see": _see_links(edition, t, here)})
    letters: dict[str, list] = {}
    for v in terms:
        letters.setdefault(_letter(v["t"].term.lstrip("/")), []).append(v)
    exclusions = [{"tokens": tokens, "reason": reason} for tokens, reason, _ in regs.exclusions]
    return render("glossary.md.j2", letters=letters, terms=terms, exclusions=exclusions,
                  indexes=outputs.link(here, outputs.INDEXES), subjects=outputs.link(here, outputs.index("subjects")),
                  editing=outputs.link(here, outputs.EDITING))


def paragraph_entries(edition: Edition, cable: Cable, n: int, here: str) -> list[Markup]:
    """The line under a paragraph of the reading text that leads to its index entries."""
    regs = edition.registers
    parts = []
    here_occs = regs.at(cable.number, f"p{n}")
    for register in REGISTERS:
        ids = []
        for o in here_occs:
            if o.register == register and o.entry not in ids:
                ids.append(o.entry)
        if not ids:
            continue
        entries = regs.entries[register]
        ids.sort(key=lambda i: list(entries).index(i))
        links = Markup(", ").join(Markup("[") + md(entries[i].name) + Markup(
            f"]({outputs.link(here, outputs.index(register), i)})") for i in ids)
        parts.append(Markup("*") + md(REGISTER_WORDS[register]) + Markup(":* ") + links)
    if not parts:
        return []
    return [Markup('<span class="ed-sr">Index entries of this paragraph. </span>') + Markup("; ").join(parts)
            + Markup("\n{: .ed-index }")]


def tag_links(edition: Edition, cable: Cable, here: str) -> Markup:
    """The TAGS of a telegram's head, each linked to its glossary entry."""
    by_term = {t.term: t for t in edition.registers.glossary.values() if t.kind == "tag"}
    out = []
    for code in cable.meta.get("tags") or []:
        t = by_term.get(code)
        if t:
            out.append(Markup("[") + md(code) + Markup(f"]({outputs.link(here, outputs.GLOSSARY, t.id)})"))
        else:
            out.append(md(code))
    return Markup(", ").join(out)
