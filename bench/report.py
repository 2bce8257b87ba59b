"""The page about/performance/ (docs/about/performance.md), written from the benchmark's results.

    python -m bench.report [bench-output/results.json]   rewrite the page from saved results

Everything on the page that is a measurement comes from the results; the reasoning around the
numbers is written here, so that a new run updates the page whole.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

GIB = 2 ** 30
TARGETS = {
    "time": 60.0,          # seconds for 3,000 telegrams
    "naive": 5.0,          # times faster than the naive configuration at 3,000
    "scaling": 11.0,       # t(3000) / t(300)
    "generator": 0.15,     # share of the time
    "memory": 1024.0,      # MB of peak memory
    "preview": 3.0,        # seconds from edit to page, one telegram of 1,000
    "weight": 400_000,     # bytes, gzip, the 13790 reading page with all it loads
}


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f} s"
    return f"{x:.1f} s" if x >= 10 else f"{x:.2f} s"


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


def naive_extra_fit(results: dict) -> tuple[float, float] | None:
    """The naive configuration's extra time, naive - ours, as a N^2 + b N (least squares over the
    sizes from 100 up where both were measured): the navigation written into each of the ~4N
    pages has N entries."""
    pts = [(r["n"], r["naive"]["wall"] - r["site"]["wall"]) for r in results.get("sizes", [])
           if "naive" in r and r["n"] >= 100]
    if len(pts) < 2:
        return None
    s4 = sum(n ** 4 for n, _ in pts)
    s3 = sum(n ** 3 for n, _ in pts)
    s2 = sum(n ** 2 for n, _ in pts)
    y2 = sum(y * n ** 2 for n, y in pts)
    y1 = sum(y * n for n, y in pts)
    det = s4 * s2 - s3 * s3
    if det == 0:
        return None
    return (y2 * s2 - y1 * s3) / det, (s4 * y1 - s3 * y2) / det


def naive_estimate(results: dict, n: int) -> float | None:
    """The naive configuration's time at n, extrapolated (None if it cannot be)."""
    f = naive_extra_fit(results)
    ours = by_n(results).get(n)
    if not f or not ours:
        return None
    return ours["site"]["wall"] + f[0] * n * n + f[1] * n


def verdicts(results: dict) -> list[dict]:
    """Each target: what was measured, and whether it is met or by how much it is missed."""
    s = by_n(results)
    out = []

    def add(name, target_text, value, shown, ok, gap):
        out.append({"name": name, "target": target_text, "value": value, "shown": shown, "met": ok, "gap": gap})

    big, mid = s.get(3000), s.get(300)
    if big:
        t = big["site"]["wall"]
        add("time", "3,000 telegrams in at most 60 s", t,
            f"{_s(t)} ({_s(big['site']['cpu'])} CPU; load {max(big['site']['load']):.1f})", t <= TARGETS["time"],
            f"{t - TARGETS['time']:.0f} s over ({t / TARGETS['time']:.1f} times the target)")
        share = big["site"]["generator"]["wall"] / t
        add("generator", "the generator at most 15 % of the time", share, f"{share:.0%} ({_s(big['site']['generator']['wall'])})",
            share <= TARGETS["generator"], f"{(share - TARGETS['generator']) * 100:.0f} points over")
        if "naive" in big:
            r = big["naive_ratio"]
            add("naive", "at least 5 times faster than the naive configuration at 3,000", r, f"{r:.1f}×",
                r >= TARGETS["naive"], f"{TARGETS['naive'] - r:.1f}× short")
        elif naive_estimate(results, 3000):
            r = naive_estimate(results, 3000) / t
            add("naive", "at least 5 times faster than the naive configuration at 3,000", r,
                f"{r:.1f}× (naive extrapolated, [see below](#table))", r >= TARGETS["naive"],
                f"{TARGETS['naive'] - r:.1f}× short")
    if big and mid:
        r = big["site"]["wall"] / mid["site"]["wall"]
        rc = big["site"]["cpu"] / mid["site"]["cpu"]
        add("scaling", "t(3,000) / t(300) at most 11", r,
            f"{r:.1f} ({_s(big['site']['wall'])} / {_s(mid['site']['wall'])}; in CPU time {rc:.1f})",
            r <= TARGETS["scaling"], f"{r - TARGETS['scaling']:.1f} over")
    if s:
        peak = max(r["site"]["peak_rss_mb"] for r in s.values())
        at = max(s.values(), key=lambda r: r["site"]["peak_rss_mb"])["n"]
        add("memory", "peak memory at most 1 GiB", peak, f"{peak:,.0f} MiB (at N = {_n(at)})",
            peak <= TARGETS["memory"], f"{peak - TARGETS['memory']:,.0f} MiB over ({peak / TARGETS['memory']:.2f} times)")
    pv = results.get("preview")
    if pv:
        m = pv["one"]["median"]
        add("preview", f"an edit seen within 3 s when previewing one telegram of {_n(pv['n'])}", m,
            f"{_s(m)} (median of {len(pv['one']['edit_to_page'])} edits)", m <= TARGETS["preview"],
            f"{m - TARGETS['preview']:.1f} s over")
        wm = pv["whole"]["median"]
        add("preview-whole", f"the preview of the whole {_n(pv['n'])}-telegram corpus (reported)", wm,
            f"{_s(wm)} from edit to page", None, "")
    real = results.get("real", {})
    w = real.get("page_weight", {})
    if w.get("gzip_bytes"):
        g = w["gzip_bytes"]
        add("weight", "the 13790 reading page transfers at most 400 KB compressed", g,
            f"{g / 1000:.0f} KB in {w['requests']} requests", g <= TARGETS["weight"],
            f"{(g - TARGETS['weight']) / 1000:.0f} KB over")
    return out


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
      "as it grows, measured by `make bench` on synthetic corpora of 10 to 3,000 telegrams, against the "
      "targets the project set itself. It is written by the benchmark from its results, published "
      "beside it as [performance-results.json](performance-results.json); every number below is a "
      "measurement unless it says otherwise.\n")
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
        w("Why each missed target is missed, and what it would take, is explained [below](#misses).\n")

    # ---- the table
    w("## The build as the corpus grows {#table}\n")
    w("Each row is one run of `make site` on a fresh synthetic corpus of N telegrams: the whole pipeline "
      "as this branch builds it (the generator, MkDocs with Material, every page and download, the link "
      "check of the built site; the offline edition is built and zipped at the same time, in a second "
      "process on the second processor, so `make site` waits for the slower of the two builds). *Naive* is the same corpus with every telegram in the site's navigation, "
      "the configuration this edition avoids: Material writes the whole navigation into every page.\n")
    w("| N | pages | `make site` | CPU | generator | link check | peak memory | output | search index (gzip) "
      "| naive | naive ÷ ours |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    extrapolated = []
    for n, r in sorted(s.items()):
        site = r["site"]
        gen = site["generator"]["wall"]
        naive = r.get("naive")
        if naive:
            nv, ratio = _s(naive["wall"]), f"{r['naive_ratio']:.1f}×"
        elif naive_estimate(results, n) and n > max((x for x in s if "naive" in s[x]), default=0):
            est = naive_estimate(results, n)
            nv, ratio = f"*≈ {_s(est)}*", f"*≈ {est / site['wall']:.1f}×*"
            extrapolated.append(n)
        else:
            nv, ratio = "–", "–"
        w(f"| {_n(n)} | {_n(site['output']['html_pages'])} | {_s(site['wall'])} | {_s(site['cpu'])} "
          f"| {_s(gen)} ({gen / site['wall']:.0%}) | {_s(site['linkcheck']['wall'])} "
          f"| {site['peak_rss_mb']:,.0f} MiB | {_mb(site['output']['bytes'])} "
          f"| {_mb(site['output']['search_index_bytes'])} ({_mb(site['output']['search_index_gzip_bytes'])}) "
          f"| {nv} | {ratio} |")
    w("")
    if extrapolated:
        f = naive_extra_fit(results)
        measured = ", ".join(_n(x) for x in sorted(s) if "naive" in s[x])
        longest = max(naive_estimate(results, x) for x in extrapolated)
        w(f"*In italics: extrapolated, not measured.* The naive configuration was built at N = {measured}; "
          f"at N = {', '.join(_n(x) for x in extrapolated)} it would take about {longest / 60:.0f} minutes, "
          f"more than this benchmark's time allows (`make bench BENCH_ARGS=\"--sizes 3000 "
          f"--naive-sizes 3000 --preview 0 --huge 0 --no-real --merge\"` measures it). The estimate is "
          f"our measured time at that N plus the naive configuration's extra time, fitted by least squares "
          f"over the measured sizes from 100 up as a·N² + b·N (a = {f[0] * 1e6:.2f} µs, b = {f[1] * 1e3:.1f} ms): "
          f"each of the ~4N pages carries a navigation of N entries.\n")
    if s:
        loads = [x for r in s.values() for x in r["site"]["load"]]
        w(f"*CPU* is the processor time of the build and all its processes; where it is well below the "
          f"elapsed time, other work on the machine took its share (the load average ranged from "
          f"{min(loads):.1f} to {max(loads):.1f} during these builds; the machine is shared). *Peak memory* is the "
          f"largest resident set of any one process of the build. *Output* is the size of `site/`.\n")
    off = [(n, r["offline_zip"]) for n, r in sorted(s.items()) if "offline_zip" in r]
    if off:
        w("The offline zip, built on its own by `make " + off[0][1]["target"] + "` (the offline edition of every "
          "page, zipped): " + ", ".join(f"N = {_n(n)}: {_s(z['wall'])}" for n, z in off) + ". Within `make site` "
          "it runs beside the main build and adds only what it takes beyond it.")
        alone = {n for n, _ in off}
        inside = [(n, r["site"]["offline_build"]) for n, r in sorted(s.items())
                  if n not in alone and (r["site"].get("offline_build") or {}).get("mkdocs")]
        if inside:
            w(" At " + ", ".join(f"N = {_n(n)}" for n, _ in inside) + " it was not timed on its own, to keep the "
              "run within the session's time; there the offline process of `make site` took "
              + ", ".join(f"{_s(o['generator'] + sum(o['mkdocs'].values()))} before zipping" for _, o in inside)
              + " (its generator and MkDocs), beside the main build.")
        w("\n")
    else:
        w("The offline zip of the edition is not yet built by this branch's Makefile; when a target `offline`, "
          "`zip`, `offline-zip` or `site-zip` exists, the benchmark times it on its own for every N.\n")

    # ---- shares
    big = s.get(max(s)) if s else None
    if big:
        site = big["site"]
        gen = site["generator"]
        lc = site["linkcheck"]["wall"] or 0
        rest = site["wall"] - gen["wall"] - lc
        w(f"### Where the time goes at N = {_n(big['n'])} {{#shares}}\n")
        w("| Stage | Time | Share |")
        w("|---|---:|---:|")
        stages = gen.get("stages", {})
        for name, label in (("load", "generator: read and check the sources"),
                            ("render", "generator: write the pages and downloads (Markdown, TEI, JSON, "
                                       "text, citations)"),
                            ("anchors", "generator: check the anchor manifest")):
            if name in stages:
                w(f"| {label} | {_s(stages[name])} | {stages[name] / site['wall']:.0%} |")
        phases = (site.get("mkdocs") or {}).get("wall") or {}
        if "markdown" in phases and "pages" in phases:
            other = rest - phases["markdown"] - phases["pages"]
            w(f"| MkDocs: Markdown to HTML, every page (Python-Markdown) | {_s(phases['markdown'])} "
              f"| {phases['markdown'] / site['wall']:.0%} |")
            w(f"| MkDocs: Material's template, the search index, writing every page | {_s(phases['pages'])} "
              f"| {phases['pages'] / site['wall']:.0%} |")
            w(f"| MkDocs: starting, reading the configuration and the theme; `make`; waiting for the offline "
              f"build | {_s(other)} | {other / site['wall']:.0%} |")
        else:
            w(f"| MkDocs and Material: Markdown to HTML, the theme, the search index, writing the files "
              f"| {_s(rest)} | {rest / site['wall']:.0%} |")
        w(f"| the link check of the built site | {_s(lc)} | {lc / site['wall']:.0%} |")
        ob = site.get("offline_build") or {}
        if ob.get("mkdocs"):
            ot = ob["generator"] + sum(ob["mkdocs"].values())
            w(f"| *beside it, in a second process:* the offline edition (generator {_s(ob['generator'])}, "
              f"MkDocs {_s(sum(ob['mkdocs'].values()))}) and its zip | *{_s(ot)} and more* | *(in parallel)* |")
        w("")
        w(f"Outside `make site`: writing the corpus took {_s(big['corpus']['seconds_to_write'])}, publishing its "
          f"anchors (`python -m generator anchors --add`) {_s(big['anchors_add']['wall'])} and checking it "
          f"(`python -m generator check`) {_s(big['check']['wall'])}.\n")

    # ---- before and after
    b = results.get("baseline")
    if b and s.get(b["n"]):
        before, after = b["site"], s[b["n"]]["site"]
        w("### Before and after the optimisations {#before-after}\n")
        w(f"The same corpus of {_n(b['n'])} telegrams built by `make site` of commit `{b['rev']}` (before the work "
          f"reported here) and of this one, in the same run:\n")
        w("| | `make site` | CPU | link check | peak memory |")
        w("|---|---:|---:|---:|---:|")
        w(f"| commit `{b['rev']}` | {_s(before['wall'])} | {_s(before['cpu'])} | – | {before['peak_rss_mb']:,.0f} MB |")
        w(f"| this commit | {_s(after['wall'])} | {_s(after['cpu'])} | {_s(after['linkcheck']['wall'])} "
          f"| {after['peak_rss_mb']:,.0f} MB |")
        w("")

    # ---- the corpus
    w("## The synthetic corpus {#corpus}\n")
    w("`bench/corpus.py` writes N telegrams in the edition's source format from a fixed seed (the same N gives "
      "the same bytes, and a smaller corpus is the beginning of a larger one): the witness (its SHA-256 and "
      "line count recorded), the transcription with its directives and marks, `cable.yaml`, `collation.yaml` "
      "and `apparatus.yaml`. Every corpus passes `python -m generator check` before it is built. Its shape "
      "follows the real releases: a median of 10 paragraphs of about 60 words, one telegram in ten as long as "
      "Beijing 13790 (54 paragraphs); sections of up to three text pages, each after its routing sheet, with "
      "the stamps, running heads and message heads of the release; paragraphs that run on across page breaks; "
      "about one suspect token per 150 words (corrections, slips, considered tokens, uncertain readings, "
      "each with its collation entry), one redaction per five paragraphs, three index mentions per paragraph "
      "(names of persons, places and organisations, listed in `bench-output/*.mentions.tsv` and declared in "
      "the corpus's registers, with five subjects and ten glossary terms, so that every corpus is indexed and "
      "glossed as the real edition is), and now and then a run-in heading, a note, a handwritten "
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
      "telegrams they work on: `make serve ONLY=13790` (or `ONLY=\"13790 13462\"`) generates only those "
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
        w(f"`make site` of the edition itself (Beijing 13790 and 13462): {_s(real['wall'])} "
          f"({_s(real['cpu'])} CPU), peak memory {real['peak_rss_mb']:,.0f} MB, output {_mb(real['output']['bytes'])}.\n")
        pw = real.get("page_weight", {})
        if pw.get("resources"):
            w(f"What the reading page `cables/13790/` transfers when opened in Debian's chromium, every resource "
              f"counted gzip-compressed (level 6) as a web server would send it: **{pw['gzip_bytes'] / 1000:.0f} KB** "
              f"({pw['bytes'] / 1000:.0f} KB uncompressed) in {pw['requests']} requests.\n")
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
          f"{hs['peak_rss_mb']:,.0f} MB. Its pages: "
          + ", ".join(f"`{k}` {_mb(v)}" for k, v in sorted(huge["pages"].items())) + ".\n")

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
    w("```text\nmake bench                                    # everything: about 80 minutes on 2 CPUs\n"
      "make bench BENCH_ARGS=\"--sizes 10 100 --no-naive --preview 100 --huge 1\"   # a quick run\n"
      "python -m bench.corpus 300 /tmp/corpus              # just a corpus (then: python -m generator --src /tmp/corpus check)\n"
      "python -m bench.report                              # rewrite this page from bench-output/results.json\n```\n")
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
    s = by_n(results)
    out = []
    big = s.get(3000) or (s.get(max(s)) if s else None)
    names = {v["name"] for v in missed}
    if big and "time" in names:
        site = big["site"]
        n = big["n"]
        pages = site["output"]["html_pages"]
        gen = site["generator"]["wall"]
        lc = site["linkcheck"]["wall"] or 0
        ph = (site.get("mkdocs") or {}).get("wall") or {}
        md, pg = ph.get("markdown", 0), ph.get("pages", 0)
        mb = big["corpus"]["witness_bytes"] / 1e6
        out.append(
            f"**Time.** Each telegram is four pages (its reading text, its release page by page, its "
            f"collation table, its map) and seven downloads (TEI, JSON, plain text, OCR, BibTeX, RIS, "
            f"CSL-JSON), so {_n(n)} telegrams are {_n(pages)} pages, made from {mb:.0f} MB of OCR. "
            f"The project's own code is the small part: the generator takes {_s(gen)} and the link check "
            f"{_s(lc)}. The rest is MkDocs: Python-Markdown converting the generated Markdown of every page "
            f"({_s(md)}, {md / site['wall']:.0%}), and Material's template, the search plugin's indexing of "
            f"every page and the writing of {_mb(site['output']['bytes'])} ({_s(pg)}, "
            f"{pg / site['wall']:.0%}), both single-threaded and written in Python, at about "
            f"{(md + pg) / pages * 1000:.0f} ms per page. A release view is a page of a thousand small "
            f"HTML elements for a long telegram, and a reading text carries its footnotes, so these are "
            f"heavy pages for Python-Markdown; the benchmark's \"3,000 small pages in 13 s\" of the issue "
            f"was about 4 ms per page.\n")
        out.append(
            "What was done, without changing what the site shows (the tests build the edition and compare): "
            "the generator reads YAML with libyaml and parses OCR lines without a per-character loop, "
            "finds pages by index instead of scanning the edition (the home page and the list of "
            "telegrams made that quadratic), computes links without asking the file system, and pauses "
            "the garbage collector while it builds its model; the release view writes lines that hold no "
            "note or link as the HTML Python-Markdown would make of them (a third off converting a "
            "release); the link check finds ids and links with regular expressions instead of "
            "html.parser (four times faster). Then, with the indexes and downloads in place: the "
            "occurrences of the index are looked up by telegram, entry and place instead of scanned per "
            "paragraph (that had made the generator grow with the square of the edition), the name matcher "
            "skips texts that hold none of the names, the search index is rewritten in one pass, Markdown "
            "escaping leaves alone the punctuation that means nothing inside a line (each escaped full stop "
            "or comma had cost Python-Markdown an inline match), and `make site` builds the offline edition "
            "beside the site on the second processor instead of after it. " + _baseline_sentence(results) + "\n")
        out.append(
            "What meeting 60 s would take, in the order of what it saves: (1) the generator writing the "
            "HTML of the four views itself, not Markdown for Python-Markdown, for everything but the "
            "headings and the table of contents, as the release view now does for its plain lines (a "
            "second renderer, kept identical to the first by the same byte-for-byte test); (2) converting "
            "the pages of one build on both processors (MkDocs converts them one after the other; here the "
            "second processor already builds the offline edition), or building the edition in parts, as "
            "[below](#split) for editions past one machine; (3) leaving the release and collation views out of the "
            "search index (a change of what readers can search, for the editors to decide; the index is "
            "also what makes a large edition's pages heavy, see [below](#beyond)).\n")
    if "memory" in names and big:
        site = big["site"]
        gpeak = site["generator"].get("peak_rss_mb")
        per = (site["peak_rss_mb"] - 45) / big["n"]
        out.append(
            f"**Memory.** The peak, {site['peak_rss_mb']:,.0f} MB at {_n(big['n'])} telegrams (about "
            f"{per * 1000:.0f} KB per telegram), is reached "
            + (f"while the generator holds the model of the whole edition and all its generated pages "
               f"(the generator's peak is {gpeak:,.0f} MB). " if gpeak and gpeak >= site["peak_rss_mb"] * 0.9 else
               "while MkDocs converts the pages. ")
            + "It is the model (every line, mark and position of every telegram, kept so that the checks and "
              "the pages that span telegrams, the lists, the counts and the indexes, can be made from it) and "
              "the generated pages and downloads of every telegram, held until MkDocs takes them. MkDocs itself no longer grows with the edition: the hook keeps each converted page "
              "compressed until it is written (measured at 300 telegrams: 293 MiB before, 174 MiB after). "
              "Bounding the generator's memory means building the edition in parts, each with its own model "
              "([below](#split)), or a generator that writes each telegram's pages and lets its lines go "
              "before reading the next, which the indexes that span telegrams make harder.\n")
    if "generator" in names and big:
        out.append(
            "**The generator's share.** The generator reads and checks every source and writes every page "
            "and download on each build; most of its time is the writing (see [the shares](#shares)): four pages "
            "and seven downloads per telegram, the TEI with every indexed name tagged among them. Its share rose "
            "as the rest of the pipeline got faster.\n")
    if "preview" in names:
        out.append("**Preview.** A rebuild in `mkdocs serve` also reloads MkDocs' configuration and compiles "
                   "Material's templates anew, about a second before any page of the edition is generated.\n")
    if "naive" in names and big:
        t = big["site"]["wall"]
        naive = big["naive"]["wall"] if "naive" in big else naive_estimate(results, big["n"])
        if naive:
            extra = naive - t
            out.append(
                f"**The naive ratio.** The naive configuration costs what ours costs plus the navigation "
                f"written into every page: {_s(extra)} more at {_n(big['n'])} telegrams"
                + ("" if "naive" in big else " (extrapolated)") + f", growing with the square of N. The ratio is "
                f"1 + {_s(extra)} / {_s(t)}: it is low because our own build is slow (the pages are heavy, "
                f"above), not because the navigation is cheap. With the issue's small pages (about 4 ms each) "
                f"the same navigation made the naive build eleven times slower; for ours to be five times "
                f"faster at 3,000 telegrams, our build would have to take under {_s(extra / 4)}.\n")
    if "scaling" in names:
        out.append("**Scaling.** The build grows faster than the corpus; the table shows from which size.\n")
    return "\n".join(out)


def _baseline_sentence(results: dict) -> str:
    b = results.get("baseline")
    if not b:
        return ""
    now = by_n(results).get(b["n"])
    if not now:
        return ""
    before, after = b["site"], now["site"]
    return (f"Measured on the same {_n(b['n'])}-telegram corpus, `make site` of commit `{b['rev']}` (before this "
            f"work) took {_s(before['wall'])} ({_s(before['cpu'])} CPU) and {before['peak_rss_mb']:,.0f} MB; now "
            f"{_s(after['wall'])} ({_s(after['cpu'])} CPU) and {after['peak_rss_mb']:,.0f} MB "
            f"(see [before and after](#before-after)).")


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
    w(f"- **Memory.** One build holds the model of the whole edition and every generated page in memory: "
      f"{m100k / 1024:.0f} GB is more than a build machine should need, and more than this one has.")
    w(f"- **The search index.** Material's search downloads the whole index into the reader's browser when a "
      f"page opens: {_mb(ig100k)} compressed is unusable long before 100,000 documents (at "
      f"{_n(big['n'])} it is already {_mb(big['site']['output']['search_index_gzip_bytes'])}). Past a few "
      f"thousand documents, search has to be split (an index per part, searched on demand) or served (a "
      f"search service over the TEI or JSON downloads), and the pages of one part must stop loading the "
      f"index of all.")
    w("- **The navigation** is already kept out of the pages (the list of telegrams is a page of its own); "
      "at 100,000 that list itself must be paged (by year, archive series or collection), as the naive "
      "column shows what a list in every page costs.")
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
    w(f"The unit of work is the telegram: its four pages and seven downloads depend only on its own sources and, through "
      f"relations and pages held in another release, on a few neighbours (the same closure `make serve ONLY=` "
      f"computes). So the edition splits into **parts** of a few thousand telegrams, by collection or archive "
      f"series (a FRUS volume, a FOIA case, a year of a post), with bound telegrams kept in one part:\n")
    w(f"1. Each part is built on its own, with the same generator and theme, into its own folder of the site "
      f"(`cables/<number>/` keeps its URL: parts share one URL space), with its own search index and its own "
      f"anchor manifests. A part of {_n(part)} telegrams takes about {_s(tp)} and {mp:,.0f} MB on a machine like "
      f"this one (measured above at N = 3,000); 100,000 telegrams are {parts} parts.")
    w(f"2. The parts are independent, so they build in parallel. The `make site` of a part already keeps two "
      f"processors busy (the site and, beside it, its offline edition), so it takes a machine like this one: "
      f"{parts} parts on {parts} such machines take about {tp / 60:.0f} minutes, on 8 of them about "
      f"{math.ceil(parts / 8) * tp / 3600:.1f} hours, and on this one machine, one part after another, about "
      f"{parts * tp / 3600:.1f} hours (one build of the whole, were memory no limit, about {t100k / 3600:.1f}).")
    w("3. A small top-level build writes what spans the parts: the home page, the catalogue of parts and their "
      "telegram lists, the editorial method with its counts, and a table from telegram number to part, from "
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
