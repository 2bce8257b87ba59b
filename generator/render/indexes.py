"""The index pages (indexes/, indexes/<register>/), the glossary (glossary/), and the links of
a telegram's head to the glossary.

Occurrences are grouped by telegram and labelled with it ("Ottawa 99001: ¶2, ¶4; Lisbon 04417:
¶1"); a person's office is given as held at the date of each telegram that names them."""
from __future__ import annotations

import datetime

from markupsafe import Markup

from ..model import Edition, Occurrence
from . import paths
from .page import PageOut, finish
from .search import glossary_entries, register_entries
from .templates import macros, render

REGISTER_WORDS = {"persons": "Persons", "places": "Places", "organisations": "Organisations",
                  "subjects": "Subjects"}
KIND_WORDS = {"abbreviation": "abbreviation", "office-symbol": "office symbol", "term-of-art": "term of art",
              "tag": "TAGS code", "handling": "handling mark", "code": "transmission code",
              "date-time": "date and time"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day(d: datetime.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _label(edition: Edition, tid: str) -> str:
    c = edition.cables.get(tid)
    return c.label if c is not None else tid


def occurrence_link(edition: Edition, here: str, occ: Occurrence) -> tuple[str, str]:
    """A link to one place of occurrence, labelled as a reader cites it within its telegram."""
    p = occ.place
    if p.kind == "matter":
        return paths.link(here, paths.release(p.cable), p.anchor), f"{p.label} (release)"
    label = p.label
    others = [w for w in p.witnesses if w != p.cable]
    if others:
        label += f" (in {', '.join(others)})"
    return paths.link(here, paths.reading(p.cable), p.anchor), label


def _places(occs: list[Occurrence]) -> list[Occurrence]:
    """One occurrence per place, in text order."""
    seen, out = set(), []
    for o in occs:
        key = (o.place.cable, o.place.anchor)
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def by_telegram(edition: Edition, here: str, occs: list[Occurrence]) -> list[tuple[str, list]]:
    """[(telegram label, [(href, label)])], telegrams in the edition's order."""
    groups: dict[str, list] = {}
    for o in occs:
        groups.setdefault(o.place.cable, []).append(occurrence_link(edition, here, o))
    return [(_label(edition, t), links) for t, links in groups.items()]


def _range_words(a: int, b: int) -> str:
    return f"\u00b6{a}" if a == b else f"\u00b6{a}-{b}"


def _list_words(ns: list[int]) -> str:
    runs: list[list[int]] = []
    for n in ns:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(_range_words(a, b) for a, b in runs)


def offices_at(edition: Edition, e, occs: list[Occurrence]) -> list[tuple[str, str]]:
    """[(the telegrams' labels and dates, the offices held then)] for the telegrams naming the
    person, telegrams holding the same offices together."""
    if not e.offices:
        return []
    groups: dict[str, list] = {}
    for tid in dict.fromkeys(o.place.cable for o in occs):
        cable = edition.cables[tid]
        held = "; ".join(o.title for o in e.offices_on(cable.date)) or "no office recorded for this date"
        groups.setdefault(held, []).append(f"{cable.label} ({day(cable.date)})")
    return [(", ".join(ts), held) for held, ts in groups.items()]


def bound(text: str) -> str:
    """An office's bound as the register gives it: a day, or a month where only the month is known."""
    if not text:
        return "?"
    if len(text) == 7:
        return f"{MONTHS[int(text[5:]) - 1]} {text[:4]}"
    return day(datetime.date.fromisoformat(text))


def office_span(o) -> str:
    return f"{o.title}, {bound(o.start_text)} to {bound(o.end_text)}" if (o.start or o.end) else o.title


def _entry_view(edition: Edition, register: str, e, here: str) -> dict:
    regs = edition.registers
    all_occs = regs.of(register, e.id)
    occs = _places(all_occs)
    forms = sorted({" ".join(o.text.split()) for o in all_occs if o.basis == "form"})
    heads = []
    for scope in e.headings:
        h = edition.cables[scope.heading.cable].places[scope.heading.anchor]
        have = [n for n in range(scope.first, scope.last + 1)
                if any(o.place.anchor == f"p{n}" for o in occs if o.place.cable == h.cable)]
        lost = [n for n in range(scope.first, scope.last + 1) if n not in have]
        heads.append({"href": paths.link(here, paths.reading(h.cable), h.anchor), "text": h.text,
                      "telegram": _label(edition, h.cable), "range": _range_words(scope.first, scope.last),
                      "lost": _list_words(lost), "verb": "is" if len(lost) == 1 else "are"})
    return {
        "e": e, "count": len(occs), "groups": by_telegram(edition, here, occs), "forms": forms, "heads": heads,
        "offices_at": offices_at(edition, e, occs), "offices": [office_span(o) for o in e.offices],
        "limits": [{"text": f.text, "start": f.start and day(f.start), "end": f.end and day(f.end),
                    "telegrams": [_label(edition, t) for t in f.telegrams]}
                   for f in e.forms if f.start or f.end or f.telegrams],
    }


def _letter(name: str) -> str:
    """The alphabetical section of a name: its first letter A-Z, or "0-9" for anything else."""
    first = name[:1].upper()
    return first if "A" <= first <= "Z" else "0-9"


def register_page(edition: Edition, register: str) -> PageOut:
    here = paths.index(register)
    regs = edition.registers
    entries = [_entry_view(edition, register, e, here) for e in regs.entries.get(register, {}).values()]
    letters: dict[str, list] = {}
    for v in entries:
        letters.setdefault(_letter(v["e"].sort), []).append(v)
    title = REGISTER_WORDS[register]
    body = render("register.html.j2", register=register, title=title, letters=letters, entries=entries,
                  tags=_tags(edition, here) if register == "subjects" else [],
                  landing=paths.link(here, paths.INDEXES), glossary=paths.link(here, paths.GLOSSARY),
                  several=len(edition.cables) > 1)
    page = PageOut(here, f"Index of {title.lower()}",
                   f"Index of {title.lower()} named in the telegrams of the edition, with every place of occurrence",
                   "index", body=body)
    page.search = register_entries(edition, register, page.title)
    return finish(page)


def landing(edition: Edition) -> PageOut:
    here = paths.INDEXES
    regs = edition.registers
    rows = []
    for register, word in REGISTER_WORDS.items():
        entries = regs.entries.get(register, {})
        places = {(o.place.cable, o.place.anchor) for o in regs.occurrences if o.register == register}
        rows.append({"title": word, "href": paths.link(here, paths.index(register)), "entries": len(entries),
                     "places": len(places)})
    body = render("indexes.html.j2", rows=rows, glossary=paths.link(here, paths.GLOSSARY), terms=len(regs.glossary),
                  editing=paths.link(here, paths.EDITING),
                  maps=[(paths.link(here, paths.map_page(c.id)), c.label) for c in edition.cables.values()
                        if c.has_transcription])
    return finish(PageOut(here, "Indexes", "Indexes of persons, places, organisations and subjects, and the glossary",
                          "indexes", body=body))


def _tags(edition: Edition, here: str) -> list[dict]:
    """The TAGS of each telegram, explained by their glossary entries."""
    regs = edition.registers
    by_term = {t.term: t for t in regs.glossary.values() if t.kind == "tag"}
    out = []
    seen = set()
    for cable in edition.cables.values():
        for code in cable.meta.get("tags") or []:
            if code in seen:
                continue
            seen.add(code)
            t = by_term.get(code)
            out.append({"code": code, "href": paths.link(here, paths.GLOSSARY, t.id) if t else None,
                        "meaning": t.expansion if t else "not in the glossary", "note": t.note if t else "",
                        "certainty": t.certainty if t else "", "see": _see_links(edition, t, here) if t else []})
    return out


def _see_links(edition: Edition, t, here: str) -> list:
    regs = edition.registers
    return [(paths.link(here, paths.index(register), eid), regs.entries[register][eid].name)
            for (register, eid), _ in t.see]


def glossary_page(edition: Edition) -> PageOut:
    here = paths.GLOSSARY
    regs = edition.registers
    terms = []
    for t in regs.glossary.values():
        occs = regs.glossary_of(t.id)
        reading: dict[str, list] = {}
        release: dict[str, list] = {}
        seen = set()
        for o in occs:
            key = (o.cable, o.view, o.anchor)
            if key in seen:
                continue
            seen.add(key)
            target = paths.reading(o.cable) if o.view == "reading" else paths.release(o.cable)
            (reading if o.view == "reading" else release).setdefault(o.cable, []).append(
                (paths.link(here, target, o.anchor), o.label))
        terms.append({"t": t, "kind": KIND_WORDS[t.kind], "count": len(occs),
                      "forms": sorted({" ".join(o.text.split()) for o in occs}),
                      "reading": [(_label(edition, c), links) for c, links in reading.items()],
                      "release": [(_label(edition, c), links) for c, links in release.items()],
                      "see": _see_links(edition, t, here)})
    letters: dict[str, list] = {}
    for v in terms:
        letters.setdefault(_letter(v["t"].term.lstrip("/")), []).append(v)
    exclusions = [{"tokens": tokens, "reason": reason} for tokens, reason, _ in regs.exclusions]
    body = render("glossary.html.j2", letters=letters, terms=terms, exclusions=exclusions,
                  indexes=paths.link(here, paths.INDEXES), subjects=paths.link(here, paths.index("subjects")),
                  editing=paths.link(here, paths.EDITING))
    page = PageOut(here, "Glossary", "Abbreviations, office symbols and terms of art of the telegrams and their "
                                     "release", "glossary", body=body)
    page.search = glossary_entries(edition, page.title)
    return finish(page)


def tag_links(edition: Edition, cable, here: str):
    """The TAGS of a telegram's head, each linked to its glossary entry."""
    by_term = {t.term: t for t in edition.registers.glossary.values() if t.kind == "tag"}
    b = macros("base.html.j2")
    out = []
    for code in cable.meta.get("tags") or []:
        t = by_term.get(code)
        out.append(b.link(paths.link(here, paths.GLOSSARY, t.id), code) if t else Markup.escape(code))
    return Markup(", ").join(out)
