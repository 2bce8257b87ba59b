"""The benchmark: `make bench` (python -m bench).

For each size N it writes a synthetic corpus (bench/corpus.py), copies the project around it
(everything git knows in the worktree except site_src/ and tests/, with the worktree's .venv),
publishes its anchors and checks it, then times `make site` there, exactly as an editor runs it:
whatever `make site` builds on this branch (pages, downloads, link check) is measured. The
generator's and the link check's shares come from EDITION_TIMINGS (generator/site.py). The same
corpus is then built in the naive configuration: every telegram in the navigation.

It also measures: a preview of one telegram of the 1,000-telegram corpus (`make serve ONLY=...`)
and of the whole of it, from saving an edit to the page served with it; the real edition
(`make site`, and the bytes the 13790 reading page transfers, gzip-compressed, with everything
it loads, in Debian's chromium); one telegram of 10 MB; and, where the Makefile has a target
for the offline zip, that target on its own.

Results: bench-output/results.json and the page docs/about/performance.md (bench/report.py).
Corpora, copies and sites stay in bench-output/ (ignored by git); built sites are deleted once
measured, except the last ones.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-output"
PY = sys.executable
SIZES = (10, 100, 300, 1000, 3000)
PREVIEW_N = 1000
ZIP_TARGETS = ("offline", "zip", "offline-zip", "site-zip")
# Copied into each benchmark project: everything git knows in the worktree except these.
NOT_COPIED = ("site_src/", "tests/", "bench-output/", "site/", "build/")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- the project copies

def project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    return [f for f in out if f and not f.startswith(NOT_COPIED) and (ROOT / f).is_file()]


def make_project(dest: Path, src: Path | None) -> Path:
    """A copy of the project with `src` as its site_src (moved in), or the real sources."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for f in project_files():
        target = dest / f
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, target)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    # the benchmark's own hook, after the edition's: the time of each phase of MkDocs
    cfg = dest / "mkdocs.yml"
    text = cfg.read_text()
    m = re.search(r"^hooks:\n((?:[ \t]+- .*\n)+)", text, flags=re.M)
    if m:
        indent = re.match(r"[ \t]+", m.group(1)).group(0)
        text = text[:m.end()] + f"{indent}- {ROOT / 'bench' / 'phases_hook.py'}\n" + text[m.end():]
        cfg.write_text(text)
    if src is None:
        shutil.copytree(ROOT / "site_src", dest / "site_src")
    else:
        shutil.move(str(src), dest / "site_src")
        # The introduction is hand-written commentary on Beijing 13790, with links into its
        # reading page; a synthetic corpus gets a page of its own at the same place.
        (dest / "docs" / "commentary" / "introduction.md").write_text(
            "# Introduction\n\nThe synthetic corpus of the benchmark (bench/corpus.py) has no commentary.\n",
            encoding="utf-8")
    return dest


def naive_config(text: str, numbers: list[str]) -> str:
    """mkdocs.yml with every telegram's reading page in the navigation, under Telegrams."""
    m = re.search(r"^(?P<indent>[ \t]*)- Telegrams: cables/index\.md[ \t]*$", text, flags=re.M)
    if not m:
        raise SystemExit("bench: mkdocs.yml has no nav line '- Telegrams: cables/index.md' to make the "
                         "naive configuration from; update naive_config() in bench/run.py")
    ind = m.group("indent")
    lines = [f"{ind}- Telegrams:", f"{ind}    - cables/index.md"]
    lines += [f"{ind}    - Beijing {n}: cables/{n}/index.md" for n in numbers]
    return text[:m.start()] + "\n".join(lines) + text[m.end():]


# ---------------------------------------------------------------- measuring

def measure(cwd: Path, command: list[str], logfile: Path, env: dict | None = None) -> dict:
    args = [PY, "-m", "bench.measure", "--cwd", str(cwd), "--log", str(logfile)]
    for k, v in (env or {}).items():
        args += ["--env", f"{k}={v}"]
    proc = subprocess.run(args + ["--"] + command, cwd=ROOT, capture_output=True, text=True)
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"bench: could not measure {' '.join(command)}: {proc.stderr}") from None
    if result["returncode"] != 0:
        tail = logfile.read_text(errors="replace")[-3000:] if logfile.exists() else ""
        raise SystemExit(f"bench: `{' '.join(command)}` failed in {cwd} (see {logfile}):\n{tail}")
    return result


def timings(path: Path) -> dict:
    """The generator's and the link check's times, from EDITION_TIMINGS."""
    out: dict = {}
    if path.exists():
        for line in path.read_text().splitlines():
            rec = json.loads(line)
            out[rec["stage"]] = rec
    return out


def tree_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    index = site / "search" / "search_index.json"
    data = index.read_bytes() if index.exists() else b""
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html_pages": len(html),
        "html_bytes": sum(p.stat().st_size for p in html),
        "search_index_bytes": len(data),
        "search_index_gzip_bytes": len(gzip.compress(data, 6)) if data else 0,
    }


def makefile_target(project: Path, names) -> str | None:
    text = (project / "Makefile").read_text()
    for name in names:
        if re.search(rf"^{re.escape(name)}\s*:", text, flags=re.M):
            return name
    return None


def build(project: Path, tag: str, work: Path) -> dict:
    """`make site` in the project: cost, shares, output size."""
    tfile = work / f"timings-{tag}.jsonl"
    tfile.unlink(missing_ok=True)
    if (project / "site").exists():
        shutil.rmtree(project / "site")
    r = measure(project, ["make", "site"], work / f"make-site-{tag}.log", {"EDITION_TIMINGS": str(tfile)})
    t = timings(tfile)
    gen = t.get("generator", {})
    r["generator"] = {"wall": round(sum(gen.get("wall", {}).values()), 3),
                      "cpu": round(sum(gen.get("cpu", {}).values()), 3), "stages": gen.get("wall", {}),
                      "peak_rss_mb": gen.get("peak_rss_mb")}
    r["linkcheck"] = {"wall": t.get("linkcheck", {}).get("wall"), "cpu": t.get("linkcheck", {}).get("cpu")}
    r["mkdocs"] = {"wall": t.get("mkdocs", {}).get("wall", {}), "cpu": t.get("mkdocs", {}).get("cpu", {})}
    # make site builds the offline edition at the same time, in a second process
    off_gen, off_mk = t.get("generator-offline", {}), t.get("mkdocs-offline", {})
    r["offline_build"] = {"generator": round(sum(off_gen.get("wall", {}).values()), 3),
                          "mkdocs": off_mk.get("wall", {})}
    r["output"] = tree_size(project / "site")
    return r


# ---------------------------------------------------------------- one size

def run_size(n: int, naive: bool, keep_site: bool) -> dict:
    work = OUT / f"n{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    log(f"N={n}: writing the corpus")
    t0 = time.perf_counter()
    stats = corpus.write_corpus(work / "site_src", n)
    corpus_s = time.perf_counter() - t0
    project = make_project(work / "project", work / "site_src")
    anchors = measure(project, [PY, "-m", "generator", "anchors", "--add"], work / "anchors.log")
    check = measure(project, [PY, "-m", "generator", "check"], work / "check.log")
    log(f"N={n}: make site")
    ours = build(project, "ours", work)
    log(f"N={n}: {ours['wall']:.1f} s, peak {ours['peak_rss_mb']:.0f} MB, "
        f"generator {ours['generator']['wall']:.1f} s")
    result = {
        "n": n,
        "corpus": {"seconds_to_write": round(corpus_s, 2), "telegrams": stats.telegrams, "long": stats.long,
                   "paragraphs": stats.paragraphs, "words": stats.words, "pages": stats.pages,
                   "suspect_tokens": stats.suspects, "redactions": stats.redactions,
                   "index_mentions": stats.mentions, "witness_bytes": stats.witness_bytes,
                   "witness_median_bytes": sorted(stats.witness_sizes)[len(stats.witness_sizes) // 2],
                   "source_bytes": stats.source_bytes},
        "anchors_add": anchors, "check": check, "site": ours,
    }
    target = makefile_target(project, ZIP_TARGETS)
    if target:
        log(f"N={n}: make {target} (the offline zip) on its own")
        result["offline_zip"] = dict(measure(project, ["make", target], work / f"make-{target}.log"), target=target)
    if naive:
        if not keep_site:
            shutil.rmtree(project / "site", ignore_errors=True)
        cfg = project / "mkdocs.yml"
        original = cfg.read_text()
        numbers = sorted((p.name for p in (project / "site_src" / "cables").iterdir()), key=lambda x: (len(x), x))
        cfg.write_text(naive_config(original, numbers))
        log(f"N={n}: make site, naive configuration")
        try:
            result["naive"] = build(project, "naive", work)
        finally:
            cfg.write_text(original)
        shutil.rmtree(project / "site", ignore_errors=True)
        result["naive_ratio"] = round(result["naive"]["wall"] / ours["wall"], 2)
        log(f"N={n}: naive {result['naive']['wall']:.1f} s = {result['naive_ratio']}x")
    if not keep_site:
        shutil.rmtree(project / "site", ignore_errors=True)
    return result


# ---------------------------------------------------------------- before and after

def run_baseline(rev: str, n: int) -> dict:
    """The same N-telegram corpus built by `make site` of an earlier commit (e.g. the one before
    this work on speed), to show what the optimisations changed; the project at `rev` comes from
    `git archive`, with this worktree's .venv."""
    work = OUT / f"baseline-{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    full = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()
    project = work / "project"
    project.mkdir()
    archive = subprocess.run(["git", "archive", full], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
    for name in ("site_src", "tests"):
        shutil.rmtree(project / name, ignore_errors=True)
    (project / ".venv").symlink_to(ROOT / ".venv")
    corpus.write_corpus(project / "site_src", n)
    measure(project, [PY, "-m", "generator", "anchors", "--add"], work / "anchors.log")
    log(f"N={n} built by commit {full}: make site")
    r = build(project, "baseline", work)
    shutil.rmtree(project / "site", ignore_errors=True)
    return {"rev": full, "n": n, "site": r}


# ---------------------------------------------------------------- the real edition, 10 MB

def run_real() -> dict:
    work = OUT / "real"
    work.mkdir(parents=True, exist_ok=True)
    project = make_project(work / "project", None)
    log("the real edition: make site")
    r = build(project, "real", work)
    from . import weight
    log("the real edition: what the 13790 reading page transfers")
    r["page_weight"] = weight.measure_site(project / "site", "cables/13790/")
    return r


def run_huge(megabytes: float) -> dict:
    work = OUT / "huge"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    size = corpus.write_huge(work / "site_src", megabytes)
    project = make_project(work / "project", work / "site_src")
    anchors = measure(project, [PY, "-m", "generator", "anchors", "--add"], work / "anchors.log")
    log(f"one telegram of {size / 1e6:.1f} MB: make site")
    r = build(project, "huge", work)
    pages = {p.relative_to(project / "site").as_posix(): p.stat().st_size
             for p in (project / "site" / "cables").rglob("index.html")}
    shutil.rmtree(project / "site", ignore_errors=True)
    return {"witness_bytes": size, "anchors_add": anchors, "site": r, "pages": pages}


# ---------------------------------------------------------------- the machine

def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) * 1024
    except (OSError, AttributeError):
        pass
    versions = {}
    for pkg in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pyyaml"):
        try:
            from importlib.metadata import version
            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001
            versions[pkg] = "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip())
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(), "packages": versions,
            "commit": commit + ("+uncommitted changes" if dirty else ""),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description="The benchmark of the edition's build.")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes N (default: %(default)s)")
    ap.add_argument("--naive-sizes", type=int, nargs="*", default=[10, 100, 300, 1000],
                    help="sizes also built in the naive configuration (default: %(default)s; at 3,000 it "
                         "takes about half an hour, and the page extrapolates it)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the results of an earlier run for what this run does not measure")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive configuration")
    ap.add_argument("--preview", type=int, default=PREVIEW_N, help="corpus size for the preview (0: skip)")
    ap.add_argument("--huge", type=float, default=10.0, help="size in MB of the one-telegram build (0: skip)")
    ap.add_argument("--no-real", action="store_true", help="skip the real edition and its page weight")
    ap.add_argument("--baseline", metavar="REV", help="also build one corpus with the project at commit REV "
                    "(the page then compares before and after)")
    ap.add_argument("--baseline-size", type=int, default=300, help="corpus size for --baseline (default: %(default)s)")
    ap.add_argument("--results", default=str(OUT / "results.json"))
    ap.add_argument("--page", default=str(ROOT / "docs" / "about" / "performance.md"),
                    help="the page to write ('' for none)")
    args = ap.parse_args(argv)
    naive_sizes = set([] if args.no_naive else args.naive_sizes)
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    given = " ".join(argv if argv is not None else sys.argv[1:])
    results: dict = {"machine": machine(), "sizes": [],
                     "command": f'make bench BENCH_ARGS="{given}"' if given else "make bench"}
    if args.merge and Path(args.results).exists():
        # Keep what an earlier run measured and this one does not measure again.
        old = json.loads(Path(args.results).read_text())
        keep = {k: v for k, v in old.items() if k not in ("machine", "command", "sizes", "seconds")}
        results.update(keep)
        results["sizes"] = [r for r in old.get("sizes", []) if r["n"] not in args.sizes]
        results["merged_from"] = old.get("command")
    log(f"machine: {results['machine']['cpus']} CPUs, {results['machine']['memory_gib']} GiB; "
        f"load {os.getloadavg()[0]:.2f}")
    if not args.no_real:
        results["real"] = run_real()
        save(results, args)
    for n in args.sizes:
        results["sizes"].append(run_size(n, n in naive_sizes, keep_site=False))
        results["sizes"].sort(key=lambda r: r["n"])
        save(results, args)
    if args.baseline:
        results["baseline"] = run_baseline(args.baseline, args.baseline_size)
        save(results, args)
    if args.preview:
        from . import preview
        results["preview"] = preview.run(OUT / f"n{args.preview}" / "project", log)
        save(results, args)
    if args.huge:
        results["huge"] = run_huge(args.huge)
        save(results, args)
    results["seconds"] = round(time.perf_counter() - started, 1)
    save(results, args, final=True)
    log(f"done in {results['seconds'] / 60:.1f} min: {args.results}" + (f", {args.page}" if args.page else ""))
    return 0


def save(results: dict, args, final: bool = False) -> None:
    """The results after each step; the page once, at the end (the project copies made during
    the run copy docs/, and a page of half the results would be half a page)."""
    Path(args.results).write_text(json.dumps(results, indent=1) + "\n")
    if args.page and final:
        from . import report
        report.write(results, Path(args.page))


if __name__ == "__main__":
    sys.exit(main())
