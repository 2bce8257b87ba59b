"""The benchmark's synthetic corpus (bench/corpus.py) is valid, reproducible and shaped as the
issue asks; the naive configuration puts every telegram in the navigation. The benchmark itself
is `make bench`, not part of the tests."""
from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, env
from bench.corpus import write_corpus
from bench.run import naive_config


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_corpus_passes_the_check_and_is_reproducible(tmp_path):
    stats = write_corpus(tmp_path / "a", 40)
    # a corpus is written without its anchor manifest: publishing it runs every check first
    r = subprocess.run([sys.executable, "-m", "generator", "--src", str(tmp_path / "a"), "anchors", "--add"],
                       cwd=ROOT, env=env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (tmp_path / "a" / "anchors.tsv").unlink()
    write_corpus(tmp_path / "b", 40)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    write_corpus(tmp_path / "c", 12)              # a smaller corpus is the start of a larger one
    # (but for its registers, which list what the whole corpus names)
    small = {k: v for k, v in digest(tmp_path / "c").items() if not k.startswith("registers/")}
    assert small and all(digest(tmp_path / "a")[k] == v for k, v in small.items())
    assert (tmp_path / "a" / "registers" / "persons.yaml").read_text().count("forms:") >= 10
    # the shape: median 10 paragraphs, one in ten long, ~1 suspect per 150 words, ~1 redaction
    # per 5 paragraphs, 3 index mentions per paragraph with text
    assert stats.long == 4
    assert 120 <= stats.words / stats.suspects <= 200
    assert 3.5 <= stats.paragraphs / stats.redactions <= 7
    assert 2.5 <= stats.mentions / stats.paragraphs <= 3
    assert 4000 <= statistics.median(stats.witness_sizes) <= 8000
    mentions = (tmp_path / "a.mentions.tsv").read_text().splitlines()
    assert mentions[0] == "telegram\tparagraph\tentity" and len(mentions) == stats.mentions + 1


def test_the_naive_configuration_lists_every_telegram():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    naive = naive_config(text, ["100001", "100002"])
    assert "  - Telegrams:\n      - cables/index.md\n      - Beijing 100001: cables/100001/index.md\n" \
           "      - Beijing 100002: cables/100002/index.md\n" in naive
    assert naive.replace("\n      - Beijing 100001: cables/100001/index.md", "").replace(
        "\n      - Beijing 100002: cables/100002/index.md", "").replace(
        "  - Telegrams:\n      - cables/index.md", "  - Telegrams: cables/index.md") == text
