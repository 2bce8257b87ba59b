"""Counts over the model, shown by `python -m generator check` and on the method page."""
from __future__ import annotations

from collections import Counter

from ..model import Cable, Edition
from ..sources.formats import PARAGRAPH_STATUSES


def cable_counts(cable: Cable) -> dict:
    by_kind = Counter(iv.kind for iv in cable.interventions.values())
    corr = [iv for iv in cable.interventions.values() if iv.kind == "corr"]
    decisions = Counter(iv.record.get("decision") for iv in cable.interventions.values()
                        if iv.kind in ("corr", "sic", "ok", "unclear"))
    return {
        "pages": len(cable.pages),
        "pages_by_telegram": Counter(p.telegram for p in cable.pages),
        "paragraphs": Counter(p.status for p in cable.paragraphs.values()),
        "interventions": by_kind,
        "lacunae": len(cable.lacunae),
        "duplicates": len(cable.duplicates),
        "matter": len(cable.matter),
        "headings": len(cable.headings),
        "corrections_reading": sum(1 for iv in corr if iv.in_reading),
        "corrections_diplomatic": sum(1 for iv in corr if not iv.in_reading),
        "decisions": decisions,
        "collation_entries": sum(decisions.values()),
    }


def report(edition: Edition) -> str:
    out = []
    for cable in edition.cables.values():
        if not cable.has_transcription:
            pages = edition.witness_pages_of(cable.id)
            out.append(f"telegram {cable.label} ({cable.id}): no transcription of its own; "
                       f"{len(pages)} page(s) in other releases")
            continue
        c = cable_counts(cable)
        out.append(f"telegram {cable.label} ({cable.id}): {c['pages']} pages ("
                   + ", ".join(f"{n} of {t}" for t, n in sorted(c["pages_by_telegram"].items())) + ")")
        out.append("  paragraphs: " + ", ".join(f"{c['paragraphs'].get(s, 0)} {s}" for s in PARAGRAPH_STATUSES)
                   + f" ({sum(c['paragraphs'].values())} in all)")
        out.append("  interventions: " + ", ".join(f"{n} {k}" for k, n in sorted(c["interventions"].items()))
                   + f"; {c['lacunae']} lacunae, {c['duplicates']} duplicate(s)")
        out.append(f"  corrections: {c['corrections_reading']} in the reading text + "
                   f"{c['corrections_diplomatic']} in headers and routing sheets = "
                   f"{c['corrections_reading'] + c['corrections_diplomatic']}")
        out.append("  collation decisions: " + ", ".join(f"{n} {k}" for k, n in sorted(c["decisions"].items()))
                   + f" ({c['collation_entries']} entries)")
        out.append(f"  non-text matter: {c['matter']} items; run-in headings: {c['headings']}")
    out.extend(register_report(edition))
    return "\n".join(out)


def register_counts(edition: Edition) -> dict:
    regs = edition.registers
    counts = {}
    for register, entries in regs.entries.items():
        places = {(o.place.cable, o.place.anchor) for o in regs.occurrences if o.register == register}
        counts[register] = (len(entries), len(places))
    return counts


def register_report(edition: Edition) -> list[str]:
    regs = edition.registers
    out = []
    counts = register_counts(edition)
    if counts:
        out.append("registers: " + ", ".join(f"{n} {r} ({p} places)" for r, (n, p) in counts.items())
                   + f"; {len(regs.occurrences)} occurrences")
    out.append(f"glossary: {len(regs.glossary)} terms, {len(regs.glossary_occurrences)} occurrences; "
               f"{sum(len(t) for t, _, _ in regs.exclusions)} tokens declared not abbreviations")
    out.extend(f"notice: {register} entry {eid} is named in {label}, dated {date}, outside every office it "
               "records (its index entry says so; if the form names an office rather than the person, limit the "
               "form to a period or to telegrams: see the editing guide)"
               for register, eid, label, date in out_of_office(edition))
    return out


def out_of_office(edition: Edition) -> list[tuple[str, str, str, str]]:
    """(register, entry, telegram label, date) where an entry with dated offices is named in a
    telegram dated outside all of them: not an error (a former official may be named), but
    where a form such as THE PRESIDENT names the office, an editor will want to know."""
    regs = edition.registers
    seen = []
    for o in regs.occurrences:
        entry = regs.entries.get(o.register, {}).get(o.entry)
        cable = edition.cables.get(o.place.cable)
        if entry is None or cable is None or not entry.offices or entry.offices_on(cable.date):
            continue
        row = (o.register, o.entry, cable.label, cable.iso_date)
        if row not in seen:
            seen.append(row)
    return seen
