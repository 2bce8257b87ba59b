"""The page about/performance/ (docs/about/performance.md), written from the benchmark's results.

    python -m bench.report [bench-output/results.json]   rewrite the page from saved results

Everything on the page that is a measurement comes from the results; the reasoning around the
numbers is written here, so that a new run updates the page whole.
"""
from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

TARGETS = {
    "per_page": 3.0,       # cost of a page of make site, at most this many times a plain Material page
    "memory": 1024.0,      # MiB of peak memory at 3,000 telegrams
    "speedup": 5.0,        # make site at 3,000 at least this many times faster than the baseline commit
    "scaling": 10.5,       # t(3000) / t(300)
    "parallel": 1.6,       # CPU time / elapsed time of make site, on 2 cores
    "preview": 2.0,        # seconds from edit to page, one telegram of 1,000
    "weight": 400_000,     # bytes, gzip, the featured reading page with all it loads
}
# What these targets replace, measured before the redesign of the pipeline (the issue that set
# them): 27 times a plain page, 2.1 GiB, 1,331 s at 3,000, 2.55 s for the preview.
BEFORE = {"per_page": 27.0, "memory": 2127.0, "preview": 2.55}


def _list(walls: list) -> str:
    """Times in order: "60.7, 67.8 and 68.4 s"."""
    shown = [f"{w:.1f}" for w in walls]
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + " s"


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f} s"
    return f"{x:.1f} s" if x >= 10 else f"{x:.2f} s"


def _duration(x: float) -> str:
    """A time at the scale a reader thinks of it: seconds, minutes or hours."""
    if x < 120:
        return f"{x:.0f} s"
    if x < 7200:
        return f"{x / 60:.0f} minutes"
    return f"{x / 3600:.1f} hours"


def _mb(b: float | None) -> str:
    if b is None:
        return "–"
    if b >= 10e9:
        return f"{b / 1e9:,.0f} GB"
    if b >= 1e9:
        return f"{b / 1e9:.1f} GB"
    if b >= 1e6:
        return f"{b / 1e6:,.0f} MB" if b >= 100e6 else f"{b / 1e6:.1f} MB"
    return f"{b / 1e3:,.0f} KB"


def _n(x: int) -> str:
    return f"{x:,}"


def by_n(results: dict) -> dict[int, dict]:
    return {r["n"]: r for r in results.get("sizes", [])}


def fit(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Least-squares line y = a + b x through the points (None if fewer than two)."""
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    return my - b * mx, b


def wall(build: dict) -> float:
    """A build's elapsed time: the median of its repeated builds, where it was built more than once."""
    return statistics.median(build.get("walls") or [build["wall"]])


def per_page(r: dict) -> tuple[float, float, float] | None:
    """Milliseconds per page of `make site` and of the plain pages, and their ratio."""
    site, plain = r["site"], r.get("plain")
    if not plain or not site["output"]["html_pages"] or not plain["pages"]:
        return None
    ours = wall(site) / site["output"]["html_pages"] * 1000
    theirs = wall(plain) / plain["pages"] * 1000
    return ours, theirs, ours / theirs


def verdicts(results: dict) -> list[dict]:
    """Each target: what was measured, and whether it is met or by how much it is missed."""
    s = by_n(results)
    out = []

    def add(name, target_text, shown, ok, gap):
        out.append({"name": name, "target": target_text, "shown": shown, "met": ok, "gap": gap})

    big, mid = (s.get(max(s)) if s else None), s.get(300)
    if big and per_page(big):
        ours, plain, ratio = per_page(big)
        add("per_page", f"a page of `make site` costs at most {TARGETS['per_page']:.0f}× a plain Material page "
            f"(before: {BEFORE['per_page']:.0f}×)",
            f"{ratio:.2f}× at N = {_n(big['n'])} ({ours:.2f} ms against {plain:.2f} ms)",
            ratio <= TARGETS["per_page"], f"{ratio - TARGETS['per_page']:.2f}× over")
    if big:
        peak = big["site"]["peak_rss_mb"]
        add("memory", f"peak memory at {_n(big['n'])} telegrams at most 1 GiB (before: 2.1 GiB)",
            f"{peak:,.0f} MiB", peak <= TARGETS["memory"], f"{peak - TARGETS['memory']:,.0f} MiB over")
    b = results.get("baseline")
    if b and s.get(b["n"]):
        before, after = b["site"]["wall"], s[b["n"]]["site"]["wall"]
        r = before / after
        add("speedup", f"`make site` of {_n(b['n'])} telegrams at least {TARGETS['speedup']:.0f}× faster than "
            f"before (commit `{b['rev']}`, same run)", f"{r:.1f}× ({_s(before)} before, {_s(after)} now)",
            r >= TARGETS["speedup"], f"{TARGETS['speedup'] - r:.1f}× short")
    if big and mid and big is not mid:
        r = big["site"]["wall"] / mid["site"]["wall"]
        add("scaling", f"t({_n(big['n'])}) / t(300) at most {TARGETS['scaling']}",
            f"{r:.1f} ({_s(big['site']['wall'])} / {_s(mid['site']['wall'])})",
            r <= TARGETS["scaling"], f"{r - TARGETS['scaling']:.1f} over")
    if big:
        cpus = results.get("machine", {}).get("cpus")
        r = big["site"]["cpu"] / big["site"]["wall"]
        add("parallel", f"CPU time ÷ elapsed time of `make site` at least {TARGETS['parallel']} on {cpus} cores",
            f"{r:.2f} at N = {_n(big['n'])} ({_s(big['site']['cpu'])} ÷ {_s(big['site']['wall'])})",
            r >= TARGETS["parallel"], f"{TARGETS['parallel'] - r:.2f} short")
    pv = results.get("preview")
    if pv:
        m = pv["one"]["median"]
        add("preview", f"an edit seen within {TARGETS['preview']:.0f} s when previewing one telegram of "
            f"{_n(pv['n'])} (before: {BEFORE['preview']} s)",
            f"{_s(m)} (median of {len(pv['one']['edit_to_page'])} edits)", m <= TARGETS["preview"],
            f"{m - TARGETS['preview']:.1f} s over")
        wm = pv["whole"]["median"]
        add("preview-whole", f"the preview of the whole {_n(pv['n'])}-telegram corpus (reported)",
            f"{_s(wm)} from edit to page", None, "")
    w = results.get("real", {}).get("page_weight", {})
    if w.get("gzip_bytes"):
        g = w["gzip_bytes"]
        add("weight", f"the featured reading page (`{w['page']}`) transfers at most 400 KB compressed",
            f"{g / 1000:.0f} KB in {w['requests']} requests", g <= TARGETS["weight"],
            f"{(g - TARGETS['weight']) / 1000:.0f} KB over")
    return out


STAGES = (
    ("read", "generator: read the sources; parse each telegram, check it against its witness and tables, "
             "resolve its places into spans, find its glossary terms, let its text go (in a pool of processes)"),
    ("resolve", "generator: resolve every place into spans, once"),
    ("registers", "generator: the registers and their occurrences"),
    ("glossary", "generator: the glossary"),
    ("versions", "generator: the released versions and the draft"),
    ("render", "generator: every page and download, telegram by telegram (each read again), in a pool of "
               "processes"),
    ("anchors", "generator: the anchor manifest"),
)


def shares(r: dict) -> list[tuple[str, float | None]]:
    """Where the elapsed time of one `make site` went, stage by stage."""
    site = r["site"]
    gen = site["generator"]
    rows: list[tuple[str, float | None]] = []
    stages = gen.get("stages") or {}
    for key, label in STAGES:
        if key in stages:
            rows.append((label, stages[key]))
    mk = site.get("mkdocs") or {}
    phases = mk.get("wall") or {}
    total = mk.get("total")
    if "markdown" in phases:
        rows.append(("MkDocs: the hand-written pages' Markdown; the generated pages handed over as HTML",
                     phases["markdown"]))
    if "pages" in phases:
        rows.append(("MkDocs: Material's template, the search index, writing every page", phases["pages"]))
    if total is not None and phases:
        other = total - gen["wall"] - phases.get("markdown", 0) - phases.get("pages", 0)
        rows.append(("MkDocs: starting, the configuration, the theme, the list of files; at the end, the "
                     "generated pages' search entries and the removal of the generator's folder", max(other, 0.0)))
    lc = site["linkcheck"]["wall"] or 0
    rows.append(("the link check of the built site", lc))
    if total is not None:
        rows.append(("`make`, Python starting, the lock, the switch of `site/`", max(site["wall"] - total - lc, 0.0)))
    return rows


def page(results: dict) -> str:
    s = by_n(results)
    m = results.get("machine", {})
    L: list[str] = []
    w = L.append
    w("---\ntitle: Performance\ndescription: How fast the edition builds at archive scale, and how it would be "
      "split past one machine\n---\n")
    w("# Performance at archive scale\n")
    w("An edition of declassified telegrams grows by hundreds of documents: a FRUS volume holds several "
      "hundred, a declassified collection thousands. This page reports what building this edition costs "
      "as it grows, measured by `make bench` on synthetic corpora of telegrams, against the targets the "
      "project set itself. Because absolute times move from machine to machine, the targets are ratios "
      "measured in the same run: against MkDocs with Material building plain pages, and against the "
      "build before the pipeline was redesigned. The page is written by the benchmark from its results, "
      "published beside it as [performance-results.json](performance-results.json); every number below "
      "is a measurement unless it says otherwise.\n")
    w(f"Measured on {m.get('date', '?')} at commit `{m.get('commit', '?')}`, on {m.get('cpus', '?')} CPUs "
      f"({m.get('cpu') or 'unknown model'}) with {m.get('memory_gib', '?')} GiB of memory.\n")

    # ---- targets
    w("## The targets {#targets}\n")
    vs = verdicts(results)
    if vs:
        w("| Target | Measured | |")
        w("|---|---|---|")
        for v in vs:
            verdict = "reported" if v["met"] is None else "**met**" if v["met"] else "**missed**: " + v["gap"]
            w(f"| {v['target']} | {v['shown']} | {verdict} |")
        w("")
    missed = [v for v in vs if v["met"] is False]
    if missed:
        w("Why each missed target is missed is explained [below](#misses).\n")

    # ---- the table
    w("## The build as the corpus grows {#table}\n")
    repeats = max((len(r.get("plain", {}).get("walls") or [1]) for r in s.values()), default=1)
    w("Each row is one run of `make site` on a fresh synthetic corpus of N telegrams: the whole pipeline, "
      "as an editor runs it (the generator, MkDocs with Material, every page and download, the link check "
      "of the built site, the switch of `site/`). *Plain* is MkDocs with Material building, in the same run "
      "and the same virtual environment, as many plain pages as the edition's build wrote: each a title and "
      "eight paragraphs of about sixty words, out of the navigation (`bench/plain.py`). *Per page* divides "
      "each build's elapsed time by its pages" + (
          f": the median of {repeats} builds of each, one after the other in turn (`make site`, the plain "
          f"pages, `make site`, ...), since one build of each moved their ratio by a tenth from run to run; "
          f"before each, what earlier steps wrote is flushed to the disk, so that no build shares the machine "
          f"with the writing back of the one before. "
          f"Nothing is deleted between them (what the run no longer needs is set aside until it is done): on "
          f"this machine's file system, a build that follows the deletion of tens of thousands of files makes "
          f"its own files up to twenty times slower. The other columns are those of the first build.\n"
          if repeats > 1 else ".\n"))
    w("| N | pages | `make site` | CPU | CPU ÷ elapsed | per page | plain | plain per page | ours ÷ plain "
      "| peak memory | output | search index (gzip) |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in sorted(s.items()):
        site = r["site"]
        pp = per_page(r)
        plain = r.get("plain")
        w(f"| {_n(n)} | {_n(site['output']['html_pages'])} | {_s(site['wall'])} | {_s(site['cpu'])} "
          f"| {site['cpu'] / site['wall']:.2f} "
          f"| {f'{pp[0]:.1f} ms' if pp else '–'} "
          f"| {_s(wall(plain)) if plain else '–'} | {f'{pp[1]:.1f} ms' if pp else '–'} "
          f"| {f'{pp[2]:.2f}×' if pp else '–'} "
          f"| {site['peak_rss_mb']:,.0f} MiB | {_mb(site['output']['bytes'])} "
          f"| {_mb(site['output']['search_index_bytes'])} ({_mb(site['output']['search_index_gzip_bytes'])}) |")
    w("")
    if repeats > 1 and s:
        n, r = max(s.items())
        if r.get("plain") and r["site"].get("walls") and r["plain"].get("walls"):
            w(f"At N = {_n(n)}, the builds of `make site` took {_list(r['site']['walls'])}, those of the plain "
              f"pages {_list(r['plain']['walls'])}, in that order.\n")
    if s:
        loads = [x for r in s.values() for x in r["site"]["load"]]
        w(f"*CPU* is the processor time of the build and all its processes: above 1, the build kept more than "
          f"one processor busy (the generator renders telegrams in a pool of processes, one per processor). "
          f"The load average ranged from {min(loads):.1f} to {max(loads):.1f} during these builds. "
          f"*Peak memory* is the largest resident set of any one process of the build. *Output* is the size "
          f"of `site/`. A small corpus is dominated by starting MkDocs and Material, which costs the plain "
          f"build as much, so the ratio means most at the larger sizes.\n")
    off = [(n, r["offline_zip"]) for n, r in sorted(s.items()) if "offline_zip" in r]
    if off:
        w("The offline edition is no longer a second build: it is derived from the pages of the built site "
          "(links made relative, the search index turned into a script) and zipped. `make "
          + off[0][1]["target"] + "` on its own, from the built site: "
          + ", ".join(f"N = {_n(n)}: {_s(z['wall'])}" for n, z in off)
          + ". `make site` does not make it; `make release` does, once per version.\n")

    # ---- shares
    big = s.get(max(s)) if s else None
    if big:
        site = big["site"]
        w(f"### Where the time goes at N = {_n(big['n'])} {{#shares}}\n")
        w("The generator runs inside MkDocs (the edition's hook calls it when MkDocs lists its files); its "
          "passes are listed in the order `generator/pipeline.py` runs them.\n")
        w("| Stage | Time | Share |")
        w("|---|---:|---:|")
        for label, t in shares(big):
            w(f"| {label} | {_s(t)} | {t / site['wall']:.0%} |")
        w(f"| **`make site`** | **{_s(site['wall'])}** | |")
        w("")
        gen = site["generator"]
        pool = ""
        if gen.get("cpu_children"):
            pool = (f"The render pass's pool of processes used {_s(gen['cpu_children'])} of CPU for "
                    f"{_s((gen.get('stages') or {}).get('render'))} of elapsed time. ")
        w(pool + f"Outside `make site`: writing the corpus took {_s(big['corpus']['seconds_to_write'])}, publishing its "
          f"anchors (`python -m generator anchors --add`) {_s(big['anchors_add']['wall'])} and checking it "
          f"(`python -m generator check`) {_s(big['check']['wall'])}.\n")

    # ---- before and after
    b = results.get("baseline")
    if b and s.get(b["n"]):
        before, after = b["site"], s[b["n"]]["site"]
        w("### Before and after the redesign {#before-after}\n")
        w(f"The same corpus of {_n(b['n'])} telegrams built by `make site` of commit `{b['rev']}` (the last before "
          f"the pipeline was redesigned: the generator then wrote Markdown for Python-Markdown to convert, and "
          f"built the offline edition a second time beside the site) and of this one, in the same run:\n")
        w("| | `make site` | CPU | generator | peak memory |")
        w("|---|---:|---:|---:|---:|")
        for label, x in ((f"commit `{b['rev']}`", before), ("this commit", after)):
            w(f"| {label} | {_s(x['wall'])} | {_s(x['cpu'])} | {_s(x['generator']['wall'])} "
              f"| {x['peak_rss_mb']:,.0f} MiB |")
        w("")
        w(f"{before['wall'] / after['wall']:.1f} times faster, with {after['peak_rss_mb'] / before['peak_rss_mb']:.0%} "
          f"of the memory. What changed: each place of a telegram is resolved once into spans that every view "
          f"reads; the generator writes the HTML of its pages from templates and hands it to MkDocs without a "
          f"Python-Markdown pass; the telegrams are read and rendered in pools of processes and each "
          f"telegram's pages are written and let go as soon as they are made; each telegram, once read and "
          f"checked, keeps only what the indexes and the edition's pages read of it, and the render pool reads "
          f"it again for its own pages; the search entries come from the spans instead of parsing the HTML "
          f"back; a telegram's pages wait for MkDocs in one file, not a file and a folder each; what the build "
          f"keeps to its end is out of the garbage collector's reach; the render pool does not check again "
          f"a telegram whose files it reads again unchanged; MkDocs' two processes take the generated pages "
          f"from either end of one list, and Material's navigation is made once for all pages outside it "
          f"whose links to it are alike; the link check passes over the tags that hold nothing to check "
          f"inside its regular expression and sends back one string of fragments per linked page; and the "
          f"offline edition is derived from the built pages.\n")

    # ---- the corpus
    w("## The synthetic corpus {#corpus}\n")
    w("`bench/corpus.py` writes N telegrams in the edition's source format from a fixed seed (the same N gives "
      "the same bytes, and a smaller corpus is the beginning of a larger one): the witness (its SHA-256 and "
      "line count recorded), the transcription with its directives and marks, `cable.yaml`, `collation.yaml` "
      "and `apparatus.yaml`. Every corpus passes `python -m generator check` before it is built. Its shape "
      "follows the real releases: a median of 10 paragraphs of about 60 words, one telegram in ten as long as "
      "the edition's longest (54 paragraphs); sections of up to three text pages, each after its routing sheet, "
      "with the stamps, running heads and message heads of a release; paragraphs that run on across page "
      "breaks; about one suspect token per 150 words (corrections, slips, considered tokens, uncertain "
      "readings, each with its collation entry), one redaction per five paragraphs, three index mentions per "
      "paragraph (names of persons, places and organisations, listed in `bench-output/*.mentions.tsv` and "
      "declared in the corpus's registers, with five subjects and ten glossary terms, so that every corpus is "
      "indexed and glossed as the real edition is), and now and then a run-in heading, a note, a handwritten "
      "insertion, a missing paragraph and a relation to another telegram.\n")
    if s:
        w("| N | paragraphs | words | printed pages | suspect tokens | redactions | index mentions | witness, median | witnesses, total |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in sorted(s.items()):
            c = r["corpus"]
            w(f"| {_n(n)} | {_n(c['paragraphs'])} | {_n(c['words'])} | {_n(c['pages'])} | {_n(c['suspect_tokens'])} "
              f"| {_n(c['redactions'])} | {_n(c['index_mentions'])} | {_mb(c['witness_median_bytes'])} "
              f"| {_mb(c['witness_bytes'])} |")
        w("")
        w("A median witness is larger than the 4 KB of its 600 words because a release carries its page "
          "furniture: routing sheets, stamps, running heads and message heads.\n")

    # ---- preview
    pv = results.get("preview")
    w("## Previewing while editing {#preview}\n")
    w("`make serve` rebuilds the site whenever a source changes. In a large edition an editor previews the "
      "telegrams they work on: `make serve ONLY=<folder>` (or `ONLY=\"<folder> <folder>\"`) generates only those "
      "telegrams and every telegram bound to them (by a relation, or by pages one holds of the other), so "
      "that their links resolve, and checks the anchor manifest for their pages only. `make site` always "
      "builds the whole edition.\n")
    if pv:
        w(f"Measured from saving a change to `cable.yaml` of telegram {pv['telegram']} to the reading page "
          f"served with the change, in the {_n(pv['n'])}-telegram corpus:\n")
        w("| Preview | First build served | Edit to page (median) | Each edit |")
        w("|---|---:|---:|---|")
        for key, label in (("one", f"`make serve ONLY={pv['telegram']}`"), ("whole", "`make serve` (the whole corpus)")):
            x = pv[key]
            w(f"| {label} | {_s(x['first_build_served'])} | {_s(x['median'])} | "
              + ", ".join(_s(v) for v in x["edit_to_page"]) + " |")
        w("")

    # ---- the real edition
    real = results.get("real")
    if real:
        w("## The real edition {#real}\n")
        w(f"`make site` of the edition itself: {_s(real['wall'])} ({_s(real['cpu'])} CPU), peak memory "
          f"{real['peak_rss_mb']:,.0f} MiB, output {_mb(real['output']['bytes'])}.\n")
        pw = real.get("page_weight", {})
        if pw.get("resources"):
            w(f"What the featured reading page `{pw['page']}` transfers when opened in Debian's chromium, every "
              f"resource counted gzip-compressed (level 6) as a web server would send it: "
              f"**{pw['gzip_bytes'] / 1000:.0f} KB** ({pw['bytes'] / 1000:.0f} KB uncompressed) in "
              f"{pw['requests']} requests.\n")
            w("| Resource | Uncompressed | gzip |")
            w("|---|---:|---:|")
            for x in pw["resources"]:
                w(f"| `{x['url']}` | {x['bytes'] / 1000:.1f} KB | {x['gzip'] / 1000:.1f} KB |")
            w("")
            w("Material's search loads the whole search index as soon as a page opens. For this edition it is "
              "small; the table above shows how it grows with the corpus, which is one of the limits discussed "
              "[below](#beyond).\n")
        elif pw.get("error"):
            w(f"The page weight was not measured: {pw['error']}.\n")

    # ---- 10 MB
    huge = results.get("huge")
    if huge:
        hs = huge["site"]
        w("## One very large telegram {#large}\n")
        w(f"A single synthetic telegram of {huge['witness_bytes'] / 1e6:.1f} MB of OCR (999 paragraphs, the most the "
          f"schema allows, on 99 sections) builds with `make site` in **{_s(hs['wall'])}** ({_s(hs['cpu'])} CPU; "
          f"generator {_s(hs['generator']['wall'])}, link check {_s(hs['linkcheck']['wall'])}), peak memory "
          f"{hs['peak_rss_mb']:,.0f} MiB. Its pages: "
          + ", ".join(f"`{k}` {_mb(v)}" for k, v in sorted(huge["pages"].items())) + ". "
          "The generated pages are not converted by Python-Markdown, so a long text of the sources renders in "
          "time linear in its length; the check refuses a one-line field past 1,000 characters and a line of a "
          "hand-written page past 10,000, where Python-Markdown's conversion would grow faster than the line.\n")

    # ---- misses
    if missed:
        w("## Why the missed targets are missed {#misses}\n")
        w(explain_misses(results, missed))

    # ---- beyond
    w(beyond(results))

    # ---- reproduce
    w("## How to reproduce {#reproduce}\n")
    w("On a machine with `python3`, `make`, Debian's `chromium` (for the page weight) and about "
      "10 GB of free disk:\n")
    w("```text\nmake bench                                                    # everything\n"
      "make bench BENCH_ARGS=\"--baseline 5e15eb1\"                     # and the build before the redesign\n"
      "make bench BENCH_ARGS=\"--sizes 10 100 --preview 100 --huge 1\"  # a quick run\n"
      "python -m bench.corpus 300 /tmp/corpus        # just a corpus (then: python -m generator --src /tmp/corpus check)\n"
      "python -m bench.report                        # rewrite this page from bench-output/results.json\n```\n")
    w("The benchmark copies the project (every file git knows, except `site_src/` and `tests/`) around each "
      "corpus in `bench-output/`, so it measures whatever `make site` builds on the branch at hand, downloads "
      "included. Corpora and builds stay in `bench-output/`, which git ignores. "
      f"This run: `{results.get('command', 'make bench')}`"
      + (f", {results['seconds'] / 60:.0f} minutes" if results.get("seconds") else "")
      + (f", merged with the results of an earlier `{results['merged_from']}` for what it did not measure again"
         if results.get("merged_from") else "") + ".\n")
    if m:
        pk = m.get("packages", {})
        w(f"Software: Python {m.get('python')}, " + ", ".join(f"{k} {v}" for k, v in pk.items())
          + f"; {m.get('platform')}.\n")
    return "\n".join(L).rstrip() + "\n"


def explain_misses(results: dict, missed: list[dict]) -> str:
    """Why each missed target is missed, from what the run measured, and what would meet it."""
    s = by_n(results)
    big = s.get(max(s)) if s else None
    names = {v["name"] for v in missed}
    out = []
    stages = (big["site"]["generator"].get("stages") or {}) if big else {}
    serial = sum(stages.get(k, 0) for k in ("read", "resolve", "registers", "glossary", "versions", "anchors"))
    if big and "per_page" in names:
        ours, plain, _ = per_page(big)
        site, pl = big["site"], big["plain"]
        pages = site["output"]["html_pages"]
        lc = site["linkcheck"]["wall"] or 0
        no_check = (wall(site) - lc) / pages * 1000
        ours_kb = site["output"]["html_bytes"] / pages / 1000
        plain_kb = pl["output"]["html_bytes"] / max(pl["output"]["html_pages"], 1) / 1000
        others = site["output"]["files"] - pages
        out.append(
            f"**Cost per page.** A page of `make site` costs {ours:.1f} ms against {plain:.1f} ms for a plain "
            f"page. Three things the plain build does not do make up the difference. The link check of every "
            f"link, fragment and resource of the built site takes {_s(lc)}; without it a page costs "
            f"{no_check:.1f} ms ({no_check / plain:.1f}×). Each telegram's seven downloads (TEI, JSON, plain "
            f"text, OCR text and three citation formats) are written beside its pages but not counted as "
            f"pages: {_n(others)} files besides the {_n(pages)} pages. And the pages are heavier: "
            f"{ours_kb:.0f} KB of HTML on average against {plain_kb:.0f} KB for a plain page (a reading text "
            f"carries its notes and index entries, a release view is a thousand small elements for a long "
            f"telegram). The sources are also read and checked against their witnesses on every build "
            f"({_s(stages.get('read', 0))}, in a pool of processes), and each telegram is read a second time by "
            f"the render pool for its own pages, so that the build holds only a light copy of each.\n")
    if big and "memory" in names:
        gen = big["site"]["generator"]
        small = s.get(300) or s.get(min(s))
        per = (big["site"]["peak_rss_mb"] - small["site"]["peak_rss_mb"]) / max(big["n"] - small["n"], 1)
        holds = gen.get("peak_rss_mb") and gen["peak_rss_mb"] >= big["site"]["peak_rss_mb"] * 0.9
        out.append(
            f"**Memory.** The peak, {big['site']['peak_rss_mb']:,.0f} MiB at {_n(big['n'])} telegrams, is reached "
            + (f"while the generator holds the model of the whole edition (its own peak is "
               f"{gen['peak_rss_mb']:,.0f} MiB)" if holds else "while MkDocs writes the pages")
            + f", about {per * 1024:,.0f} KB per telegram. A telegram keeps, once read and resolved, only what "
            "the indexes and the edition's pages read of it (its head and declarations with their "
            "positions, its notes' records, its places' plain text and the names found there); its parsed "
            "lines, pieces and spans are let go, and each worker of the render pool reads its telegram "
            "again from its sources. What remains still grows with the edition: the YAML of every "
            "telegram's head and notes, and every occurrence of the registers. Building the edition in "
            "parts ([below](#split)) bounds it.\n")
    b = results.get("baseline")
    if "speedup" in names and b and big:
        bg = b["site"]["generator"]
        out.append(
            f"**Speed against the build before.** {_s(b['site']['wall'])} before, {_s(big['site']['wall'])} now. "
            f"The generator went from {_s(bg['wall'])} (run twice, for the site and for the offline edition) "
            f"to {_s(big['site']['generator']['wall'])} (once), and MkDocs no longer converts its pages. What "
            f"remains is the generator's serial passes ({_s(serial)}: reading and checking the sources, "
            f"the registers, the glossary, the manifest), its render pool ({_s(stages.get('render', 0))} on "
            f"{results.get('machine', {}).get('cpus')} processors) and the link check "
            f"({_s(big['site']['linkcheck']['wall'] or 0)}). The render pool reads each telegram a second "
            "time, which is what keeps memory bounded; the first read, in a pool too, sends each light "
            "telegram back through a pipe.\n")
    if big and "parallel" in names:
        site = big["site"]
        mk = site.get("mkdocs") or {}
        start = max((mk.get("total") or 0) - site["generator"]["wall"] - sum((mk.get("wall") or {}).values()), 0)
        gcpu = site["generator"].get("cpu_children")
        out.append(
            f"**Use of the processors.** {site['cpu'] / site['wall']:.2f} at N = {_n(big['n'])}. The generator's "
            f"render pool keeps the processors busy"
            + (f" ({_s(gcpu)} of CPU in {_s(stages.get('render', 0))})" if gcpu else "")
            + ", the telegrams are read in a pool, MkDocs builds the pages in two processes and the link check "
            f"reads them in a pool; but the generator's passes over the whole edition ({_s(serial)} with the "
            f"read) and MkDocs' start ({_s(start)}: its configuration, the theme, the list of files, and at "
            "the end the search index and the removal of the generator's folder) run in one process.\n")
    if "scaling" in names:
        out.append("**Scaling.** The build grows faster than the corpus; the table shows from which size.\n")
    if "preview" in names:
        out.append("**Preview.** A rebuild in `mkdocs serve` reloads MkDocs' configuration and compiles "
                   "Material's templates anew before any page of the edition is generated.\n")
    return "\n".join(out)


def beyond(results: dict) -> str:
    """The section on editions past about 100,000 documents, with the numbers behind it."""
    s = by_n(results)
    L: list[str] = []
    w = L.append
    w("## Beyond one machine {#beyond}\n")
    if len(s) < 2:
        w("(The projection needs measurements at two sizes at least.)\n")
        w("### How the edition would be split {#split}\n")
        w("(See a complete run of `make bench`.)\n")
        return "\n".join(L)
    pts_t = [(n, r["site"]["wall"]) for n, r in s.items() if n >= 100]
    pts_c = [(n, r["site"]["cpu"]) for n, r in s.items() if n >= 100]
    pts_m = [(n, r["site"]["peak_rss_mb"]) for n, r in s.items() if n >= 100]
    pts_o = [(n, r["site"]["output"]["bytes"]) for n, r in s.items() if n >= 100]
    pts_i = [(n, r["site"]["output"]["search_index_bytes"]) for n, r in s.items() if n >= 100]
    pts_ig = [(n, r["site"]["output"]["search_index_gzip_bytes"]) for n, r in s.items() if n >= 100]
    ft, fc, fm, fo, fi, fig = (fit(p) for p in (pts_t, pts_c, pts_m, pts_o, pts_i, pts_ig))
    if not all((ft, fc, fm, fo, fi, fig)):
        w("(The projection needs measurements at two sizes of 100 telegrams or more.)\n")
        w("### How the edition would be split {#split}\n")
        w("(See a complete run of `make bench`.)\n")
        return "\n".join(L)
    N = 100_000
    big = s[max(s)]
    t100k, c100k, m100k = ft[0] + ft[1] * N, fc[0] + fc[1] * N, fm[0] + fm[1] * N
    o100k, i100k, ig100k = fo[0] + fo[1] * N, fi[0] + fi[1] * N, fig[0] + fig[1] * N
    w(f"The measurements above are close to linear in N (a straight line through the sizes from 100 up "
      f"gives {ft[1] * 1000:.0f} ms of elapsed time, {fc[1] * 1000:.0f} ms of CPU, {fm[1] * 1000:.0f} KB of peak "
      f"memory, {_mb(fo[1])} of output and {_mb(fi[1])} of search index per telegram). Extrapolated along those "
      f"lines, **not measured**, one build of 100,000 telegrams on one machine like this one would take about "
      f"{t100k / 3600:.1f} hours ({c100k / 3600:.1f} CPU hours), need {m100k / 1024:.0f} GB of memory in one "
      f"process, and write {_mb(o100k)} of site with a search index of {_mb(i100k)} ({_mb(ig100k)} compressed). "
      f"Several things break before the build time does:\n")
    w(f"- **Memory.** One build holds a light copy of every telegram (its head and declarations, its notes, the "
      f"text of its places and the names found there; its parsed text is read again when its pages are made), "
      f"every occurrence of the indexes, and what MkDocs keeps of every generated page (its table of contents "
      f"and ids; the pages themselves are written as they are made and let go): "
      f"{m100k / 1024:.0f} GB is more than a build machine should need, and more than this one has.")
    w(f"- **The search index.** Material's search downloads the whole index into the reader's browser when a "
      f"page opens: {_mb(ig100k)} compressed is unusable long before 100,000 documents (at "
      f"{_n(big['n'])} it is already {_mb(big['site']['output']['search_index_gzip_bytes'])}). Past a few "
      f"thousand documents, search has to be split (an index per part, searched on demand) or served (a "
      f"search service over the TEI or JSON downloads), and the pages of one part must stop loading the "
      f"index of all.")
    w("- **The navigation** is already kept out of the pages (the list of telegrams is a page of its own; "
      "with every telegram in the navigation, Material would write a list of N entries into each of the "
      "~4N pages); at 100,000 that list itself must be paged (by year, post, archive series or collection).")
    w("- **The anchor manifest** (`site_src/anchors.tsv`) gains some fifty rows per telegram; at 100,000 "
      "it is millions of rows, read and compared on every build. It should be one file per telegram folder, "
      "so that a build reads the manifests of the telegrams it builds.")
    w("- **Every build rebuilds everything.** A correction to one telegram should rebuild that telegram's "
      "pages and the lists that name it, not 300,000 pages.\n")
    part = 3000
    tp = ft[0] + ft[1] * part
    mp = fm[0] + fm[1] * part
    parts = math.ceil(N / part)
    w("### How the edition would be split {#split}\n")
    w("The unit of work is the telegram: its four pages and seven downloads depend only on its own sources and, through "
      "relations and pages held in another release, on a few neighbours (the same closure `make serve ONLY=` "
      "computes). So the edition splits into **parts** of a few thousand telegrams, by collection or archive "
      "series (a FRUS volume, a FOIA case, a year of a post), with bound telegrams kept in one part:\n")
    w(f"1. Each part is built on its own, with the same generator and theme, into its own folder of the site "
      f"(`cables/<folder>/` keeps its URL: parts share one URL space), with its own search index and its own "
      f"anchor manifests. A part of {_n(part)} telegrams takes about {_s(tp)} and {mp:,.0f} MB on a machine like "
      f"this one (measured above at N = 3,000); 100,000 telegrams are {parts} parts.")
    w(f"2. The parts are independent, so they build in parallel. The `make site` of a part already keeps the "
      f"processors of its machine busy (the generator renders its telegrams in a pool), so it takes a machine "
      f"like this one: "
      f"{parts} parts on {parts} such machines take about {_duration(tp)}, on 8 of them about "
      f"{_duration(math.ceil(parts / 8) * tp)}, and on this one machine, one part after another, about "
      f"{_duration(parts * tp)} (one build of the whole, were memory no limit, about {_duration(t100k)}).")
    w("3. A small top-level build writes what spans the parts: the home page, the catalogue of parts and their "
      "telegram lists, the editorial method with its counts, and a table from telegram to part, from "
      "which links between parts are written (a link to a telegram of another part is a link to its URL, "
      "checked against that part's published anchor manifest instead of its pages).")
    w("4. A change rebuilds only its part and the top level: the build of the edition becomes the build of "
      "one part, a few minutes, whatever the size of the whole. The link check runs per part, plus a check of "
      "the links between parts against the manifests.")
    w("5. Search becomes per part (or a server-side service over the JSON downloads), and the offline zip is "
      "made per part: an offline copy of 100,000 documents is no longer one file.\n")
    w("What the split costs: the parts must agree on one version of the generator and the theme (a change to "
      "either rebuilds every part), counts across the edition come from the parts' own reports rather than "
      "one model, and bound telegrams must be kept in one part (or the binding expressed as a link between "
      "parts).\n")
    return "\n".join(L)


def write(results: dict, dest: Path) -> Path:
    """The page, and beside it the results it is written from (the page links to them)."""
    dest.write_text(page(results), encoding="utf-8")
    (dest.parent / "performance-results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return dest


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    root = Path(__file__).resolve().parent.parent
    src = Path(argv[0]) if argv else root / "bench-output" / "results.json"
    results = json.loads(src.read_text())
    dest = write(results, root / "docs" / "about" / "performance.md")
    print(f"wrote {dest} and its results beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
