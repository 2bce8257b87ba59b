"""The benchmark: `make bench` (python -m bench).

For each size N it writes a synthetic corpus (bench/corpus.py), copies the project around it
(everything git knows in the worktree except site_src/ and tests/, with the worktree's .venv),
publishes its anchors and checks it, then times `make site` there, exactly as an editor runs it:
whatever `make site` builds on this branch (pages, downloads, link check) is measured. The
generator's passes, MkDocs' phases and the link check's share come from EDITION_TIMINGS
(generator/site/timings.py, bench/phases_hook.py). In the same run, the yardstick: MkDocs with
Material building as many plain pages as the edition's build wrote (bench/plain.py).

It also measures: a preview of one telegram of the 1,000-telegram corpus (`make serve ONLY=...`)
and of the whole of it, from saving an edit to the page served with it; the real edition
(`make site`, and the bytes the featured reading page transfers, gzip-compressed, with everything
it loads, in Debian's chromium); one telegram of 10 MB; the offline zip
(`make offline`) on its own; and, with --baseline REV, one corpus built by an earlier commit.

Results: bench-output/results.json and the page docs/about/performance.md (bench/report.py).
Corpora, copies and sites stay in bench-output/ (ignored by git); built sites are set aside once
measured and deleted when the run is done (`set_aside`: a deletion slows the builds after it).
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
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-output"
PY = sys.executable
SIZES = (10, 100, 300, 1000, 3000)
# Builds of each side for the cost per page, interleaved (ours, the yardstick, ours, ...): one
# build of each moved the ratio by a tenth from run to run on this machine, and single builds of
# the same code at 3,000 telegrams by up to 13% within one run; the median of five of each does
# not hang on one or two of them.
REPEATS = 5
PREVIEW_N = 1000
ZIP_TARGETS = ("offline", "zip", "offline-zip", "site-zip")
# Copied into each benchmark project: everything git knows in the worktree except these.
NOT_COPIED = ("site_src/", "tests/", "bench-output/", "site/", "build/")


# Trees the run no longer needs are moved here, not deleted, until it is done: on a file system
# like this machine's (ext4 without a journal, which passes over every inode freed in the last
# minutes when it makes a file), making files just after tens of thousands were deleted is up to
# twenty times slower, and a build measured after a deletion ran by up to half slower than the
# same build after none.
ASIDE = OUT / ".aside"
_aside = iter(range(10 ** 9))


def set_aside(path: Path) -> None:
    if path.exists() or path.is_symlink():
        ASIDE.mkdir(parents=True, exist_ok=True)
        os.replace(path, ASIDE / f"{next(_aside)}-{path.name}")


def discard_aside() -> None:
    shutil.rmtree(ASIDE, ignore_errors=True)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- the project copies

def project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    return [f for f in out if f and not f.startswith(NOT_COPIED) and (ROOT / f).is_file()]


def make_project(dest: Path, src: Path | None) -> Path:
    """A copy of the project with `src` as its site_src (moved in), or the real sources."""
    set_aside(dest)
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
        no_commentary(dest)
    return dest


def no_commentary(project: Path) -> None:
    """The introduction is hand-written commentary on Beijing 13790, with links into its reading
    page; a synthetic corpus gets a page of its own at the same place."""
    (project / "docs" / "commentary" / "introduction.md").write_text(
        "# Introduction\n\nThe synthetic corpus of the benchmark (bench/corpus.py) has no commentary.\n",
        encoding="utf-8")


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


def settle() -> None:
    """What earlier steps wrote is flushed to the disk before a build is timed: the system writes
    its dirty pages back lazily (a build of 3,000 telegrams leaves hundreds of megabytes of
    them), so that the build after a large one would otherwise share the machine with that
    writing. Both sides of the comparison start alike."""
    os.sync()


def build(project: Path, tag: str, work: Path) -> dict:
    """`make site` in the project: cost, the passes and phases, output size."""
    tfile = work / f"timings-{tag}.jsonl"
    tfile.unlink(missing_ok=True)
    set_aside(project / "site")
    settle()
    r = measure(project, ["make", "site"], work / f"make-site-{tag}.log", {"EDITION_TIMINGS": str(tfile)})
    t = timings(tfile)
    gen = t.get("generator", {})
    wall = gen.get("wall", {})
    cpu = gen.get("cpu", {})
    # an older generator recorded its passes as dicts of wall and cpu times
    r["generator"] = {"wall": round(sum(wall.values()) if isinstance(wall, dict) else wall or 0, 3),
                      "cpu": round(sum(cpu.values()) if isinstance(cpu, dict) else cpu or 0, 3),
                      "stages": gen.get("stages") or (wall if isinstance(wall, dict) else {}),
                      "peak_rss_mb": gen.get("peak_rss_mb"), "cpu_children": gen.get("cpu_children")}
    r["linkcheck"] = {"wall": t.get("linkcheck", {}).get("wall"), "cpu": t.get("linkcheck", {}).get("cpu")}
    phases = t.get("mkdocs-phases") or {}
    r["mkdocs"] = {"total": (t.get("mkdocs") or {}).get("wall"), "wall": phases.get("wall", {}),
                   "cpu": phases.get("cpu", {})}
    r["output"] = tree_size(project / "site")
    return r


def build_plain(pages: int, work: Path) -> dict:
    """The yardstick: `mkdocs build` of as many plain pages (bench/plain.py)."""
    from . import plain
    project = plain.write(work / "plain", pages)
    settle()
    r = measure(project, [PY, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
                work / "plain.log", {"NO_MKDOCS_2_WARNING": "1"})
    r["pages"] = pages
    r["output"] = tree_size(project / "site")
    set_aside(project)
    return r


# ---------------------------------------------------------------- one size

def run_size(n: int, plain: bool) -> dict:
    work = OUT / f"n{n}"
    set_aside(work)
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
    log(f"N={n}: {ours['wall']:.1f} s, {ours['cpu']:.1f} s CPU, peak {ours['peak_rss_mb']:.0f} MB, "
        f"generator {ours['generator']['wall']:.1f} s, {ours['output']['html_pages']} pages")
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
    set_aside(project / "site")
    if plain:
        pages = ours["output"]["html_pages"]
        log(f"N={n}: the yardstick, {pages} plain pages built by MkDocs and Material")
        result["plain"] = build_plain(pages, work)
        walls, plains = [ours["wall"]], [result["plain"]["wall"]]
        for i in range(2, REPEATS + 1):
            log(f"N={n}: make site and the yardstick again ({i} of {REPEATS}), for the cost per page")
            walls.append(build(project, f"ours-{i}", work)["wall"])
            set_aside(project / "site")
            plains.append(build_plain(pages, work)["wall"])
        ours["walls"], result["plain"]["walls"] = walls, plains
        ratio = statistics.median(walls) / statistics.median(plains)
        result["per_page_ratio"] = round(ratio, 2)
        log(f"N={n}: make site {', '.join(f'{w:.1f}' for w in walls)} s; plain {', '.join(f'{w:.1f}' for w in plains)} s; "
            f"ours per page = {ratio:.2f} x plain (medians)")
    return result


# ---------------------------------------------------------------- before and after

def run_baseline(rev: str, n: int) -> dict:
    """The same N-telegram corpus built by `make site` of an earlier commit (e.g. the one before
    this work on speed), to show what the optimisations changed; the project at `rev` comes from
    `git archive`, with this worktree's .venv."""
    work = OUT / f"baseline-{n}"
    set_aside(work)
    work.mkdir(parents=True)
    full = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()
    project = work / "project"
    project.mkdir()
    archive = subprocess.run(["git", "archive", full], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
    for name in ("site_src", "tests"):
        set_aside(project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    # the archive dates its files at the commit, maybe after this .venv was made: the Makefile
    # would then make the shared .venv anew (its requirements are the same, or the run is moot)
    os.utime(project / "requirements.txt", (0, 0))
    corpus.write_corpus(project / "site_src", n)
    legacy_sources(project / "site_src")
    no_commentary(project)
    measure(project, [PY, "-m", "generator", "anchors", "--add"], work / "anchors.log")
    log(f"N={n} built by commit {full}: make site")
    r = build(project, "baseline", work)
    set_aside(project / "site")
    return {"rev": full, "n": n, "site": r}


def legacy_sources(src: Path) -> None:
    """The corpus in the source format of the generator before the multi-telegram work (commits up
    to 5e15eb1): a telegram was known by its number alone (`telegram:` in cable.yaml)."""
    pattern = re.compile(r'^post: "[^"]*"\npost_code: "[^"]*"\nnumber: ("[^"]*")\n', re.M)
    for cable in (src / "cables").glob("*/cable.yaml"):
        text = cable.read_text(encoding="utf-8")
        cable.write_text(pattern.sub(r"telegram: \1\n", text, count=1), encoding="utf-8")


# ---------------------------------------------------------------- the real edition, 10 MB

def run_real() -> dict:
    work = OUT / "real"
    work.mkdir(parents=True, exist_ok=True)
    project = make_project(work / "project", None)
    log("the real edition: make site")
    r = build(project, "real", work)
    from . import weight
    featured = re.search(r'^featured: "?([^"\n]+)"?', (project / "site_src" / "edition.yaml").read_text(),
                         flags=re.M)
    page = f"cables/{featured.group(1)}/" if featured else ""
    log(f"the real edition: what the reading page {page} transfers")
    r["page_weight"] = weight.measure_site(project / "site", page)
    return r


def run_huge(megabytes: float) -> dict:
    work = OUT / "huge"
    set_aside(work)
    work.mkdir(parents=True)
    size = corpus.write_huge(work / "site_src", megabytes)
    project = make_project(work / "project", work / "site_src")
    anchors = measure(project, [PY, "-m", "generator", "anchors", "--add"], work / "anchors.log")
    log(f"one telegram of {size / 1e6:.1f} MB: make site")
    r = build(project, "huge", work)
    pages = {p.relative_to(project / "site").as_posix(): p.stat().st_size
             for p in (project / "site" / "cables").rglob("index.html")}
    set_aside(project / "site")
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
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                    help="corpus sizes N (default: %(default)s; none with --merge: keep the earlier run's)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the results of an earlier run for what this run does not measure")
    ap.add_argument("--no-plain", action="store_true", help="skip the yardstick (plain MkDocs pages)")
    ap.add_argument("--preview", type=int, default=PREVIEW_N, help="corpus size for the preview (0: skip)")
    ap.add_argument("--huge", type=float, default=10.0, help="size in MB of the one-telegram build (0: skip)")
    ap.add_argument("--no-real", action="store_true", help="skip the real edition and its page weight")
    ap.add_argument("--baseline", metavar="REV", help="also build one corpus with the project at commit REV "
                    "(the page then compares before and after)")
    ap.add_argument("--baseline-size", type=int, default=3000,
                    help="corpus size for --baseline (default: %(default)s)")
    ap.add_argument("--results", default=str(OUT / "results.json"))
    ap.add_argument("--page", default=str(ROOT / "docs" / "about" / "performance.md"),
                    help="the page to write ('' for none)")
    args = ap.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    discard_aside()                             # what an interrupted run left, before anything is timed
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
        results["sizes"].append(run_size(n, not args.no_plain))
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
    discard_aside()
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
