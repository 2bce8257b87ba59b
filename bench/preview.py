"""How long an editor waits, in `make serve`, between saving an edit and seeing it.

In a benchmark project (a corpus of N telegrams), `make serve` is started on a free port,
once with ONLY=<the first telegram> and once for the whole corpus. When the first build is
served, the summary of that telegram in its cable.yaml is changed to a new word, the time is
taken, and the reading page is fetched every 50 ms until it carries the word: that interval
is what the editor waits (MkDocs notices the change, rebuilds, serves the new page).
"""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def session(project: Path, only: str, number: str, edits: int, logfile: Path, first_timeout: float) -> dict:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cables/{number}/"
    cable = project / "site_src" / "cables" / number / "cable.yaml"
    original = cable.read_text(encoding="utf-8")
    with open(logfile, "w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(["make", "serve", f"ONLY={only}", f"SERVE_ADDR=127.0.0.1:{port}"], cwd=project,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        waits: list[float] = []
        try:
            while _fetch(url) is None:
                if proc.poll() is not None or time.perf_counter() - start > first_timeout:
                    raise RuntimeError(f"`make serve ONLY={only}` did not serve {url} (see {logfile})")
                time.sleep(0.2)
            first = time.perf_counter() - start
            time.sleep(2)
            for i in range(edits):
                word = f"BENCHEDIT{i}X{int(time.time())}"
                text = original.replace("A synthetic telegram", f"A synthetic {word} telegram", 1)
                assert text != original, "the corpus summary has changed; update bench/preview.py"
                t0 = time.perf_counter()
                cable.write_text(text, encoding="utf-8")
                while True:
                    page = _fetch(url)
                    if page and word in page:
                        break
                    if time.perf_counter() - t0 > max(first_timeout, 120):
                        raise RuntimeError(f"the edit did not appear at {url} (see {logfile})")
                    time.sleep(0.05)
                waits.append(time.perf_counter() - t0)
                time.sleep(1.5)
        finally:
            cable.write_text(original, encoding="utf-8")
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)
    return {"only": only or None, "first_build_served": round(first, 2), "edit_to_page": [round(w, 2) for w in waits],
            "median": round(statistics.median(waits), 2)}


def run(project: Path, log) -> dict:
    numbers = sorted((p.name for p in (project / "site_src" / "cables").iterdir()), key=lambda x: (len(x), x))
    number = numbers[0]
    log(f"preview of telegram {number} of {len(numbers)}: make serve ONLY={number}")
    one = session(project, number, number, 5, project.parent / "serve-only.log", 300)
    log(f"preview of one telegram: {one['median']} s from edit to page")
    log(f"preview of all {len(numbers)} telegrams: make serve")
    whole = session(project, "", number, 1, project.parent / "serve-all.log", 1800)
    log(f"preview of the whole corpus: {whole['median']} s from edit to page")
    return {"n": len(numbers), "telegram": number, "one": one, "whole": whole}
