"""Golden outputs of the fixture edition: every page (as handed to MkDocs: front matter and HTML
body) and every download, one folder per kind, compared byte for byte. A change of the output is
a change of these files, seen in review: `pytest tests/test_golden.py --update-golden` rewrites
them (as pymdown-extensions' tests do)."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
KINDS = {".tei.xml": "tei", ".reading.txt": "text", "-release.ocr.txt": "ocr", ".csl.json": "csl", ".json": "json",
         ".bib": "bibtex", ".ris": "ris", ".zip": "zip"}


def kind_of(path: str, content) -> str:
    if path.endswith(".md"):
        front = content.split("\n---\n", 1)[0]
        return next(line.split(": ", 1)[1] for line in front.splitlines() if line.startswith("ed_kind: "))
    return "download-" + next(k for suffix, k in KINDS.items() if path.endswith(suffix))


def outputs(edition) -> dict[str, bytes]:
    from conftest import generated_files
    out = {}
    for path, content in generated_files(edition).items():
        if path.endswith(".zip"):
            continue                         # kept as released, not generated
        name = path.replace("/", "__")
        out[f"{kind_of(path, content)}/{name}"] = content.encode("utf-8") if isinstance(content, str) else content
    return out


@pytest.fixture(scope="module")
def produced(fixture_edition):
    return outputs(fixture_edition)


def test_golden_files(produced, request):
    if request.config.getoption("--update-golden"):
        if GOLDEN.exists():
            for p in sorted(GOLDEN.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
        for name, data in produced.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    have = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(have) == sorted(produced), "a page or download came or went: run with --update-golden"
    for name, data in produced.items():
        if have[name] != data:
            diff = "\n".join(difflib.unified_diff(have[name].decode("utf-8", "replace").splitlines(),
                                                  data.decode("utf-8", "replace").splitlines(), "golden", "now",
                                                  n=1, lineterm=""))
            pytest.fail(f"{name} differs from its golden file:\n{diff[:3000]}")


def test_every_kind_of_page_and_download_has_golden_files():
    kinds = {p.name for p in GOLDEN.iterdir() if p.is_dir()}
    assert {"reading", "witnessed", "release", "collation", "map", "home", "list", "method", "citing", "changelog",
            "downloads", "indexes", "index", "glossary", "download-tei", "download-json", "download-text",
            "download-ocr", "download-bibtex", "download-ris", "download-csl"} <= kinds
