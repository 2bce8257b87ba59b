"""A MkDocs hook the benchmark adds to its copies of the project (never to the edition's own
mkdocs.yml): it appends the time of each phase of the build to EDITION_TIMINGS, so that the
page can say where MkDocs' share of the time goes. It does nothing else and costs nothing
measurable. The edition's own hook runs first, so on_files here ends the generator's work:
"markdown" is then the hand-written pages' Markdown (the generated pages come as HTML), and
"pages" Material's template, the search index and the writing of every page."""
from __future__ import annotations

import json
import os
import time

_marks: list[tuple[str, float, float]] = []


def _mark(name: str) -> None:
    _marks.append((name, time.perf_counter(), time.process_time()))


def on_config(config):
    _marks.clear()
    _mark("config")
    return config


def on_files(files, config):
    _mark("files")
    return files


def on_env(env, config, files):
    _mark("env")
    return env


def on_post_build(config):
    _mark("post_build")
    path = os.environ.get("EDITION_TIMINGS")
    if not path:
        return
    t = {name: (wall, cpu) for name, wall, cpu in _marks}
    phases = {"markdown": ("files", "env"), "pages": ("env", "post_build")}
    record = {"stage": "mkdocs-phases",
              "wall": {k: round(t[b][0] - t[a][0], 3) for k, (a, b) in phases.items() if a in t and b in t},
              "cpu": {k: round(t[b][1] - t[a][1], 3) for k, (a, b) in phases.items() if a in t and b in t}}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
