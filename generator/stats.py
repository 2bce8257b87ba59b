"""Counts over the model, shown by `python -m generator check` and on the method page."""
from __future__ import annotations

from collections import Counter

from .model import Cable, Edition
from .metadata import PARAGRAPH_STATUSES


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
            pages = edition.witness_pages_of(cable.number)
            out.append(f"telegram {cable.number}: no transcription of its own; "
                       f"{len(pages)} page(s) in other releases")
            continue
        c = cable_counts(cable)
        out.append(f"telegram {cable.number}: {c['pages']} pages ("
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
    return "\n".join(out)
