"""`python -m generator`: counts on success, positioned messages and exit 1 on bad sources,
exit 2 with the position being processed on an internal error; never a traceback."""
from __future__ import annotations

import shutil
import subprocess

from conftest import FIXTURE, PY, ROOT, env


def run(*args, cwd=ROOT):
    return subprocess.run([PY, "-m", "generator", *args], cwd=cwd, env=env(), capture_output=True, text=True)


def test_check_prints_the_counts_of_the_sources():
    """The counts follow the sources: what `check` prints is what the model holds."""
    from generator.edition import stats
    from generator.pipeline import load
    r = run("check")
    assert r.returncode == 0, r.stderr
    edition = load(ROOT / "site_src")
    assert r.stdout.strip() == stats.report(edition).strip()
    for cable in edition.cables.values():
        assert f"telegram {cable.label} ({cable.id}):" in r.stdout
    assert "registers: " in r.stdout and "glossary: " in r.stdout


def test_bad_sources_exit_1_with_positions_and_no_traceback(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    t = src / "cables/99001/transcription.txt"
    t.write_text(t.read_text(encoding="utf-8").replace("⟦@p 2⟧", "⟦@q 2⟧"), encoding="utf-8")
    r = run("--src", str(src), "check")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert f"{t}:6:1: unknown directive '@q'" in r.stderr
    assert r.stderr.rstrip().endswith("problems found.") or r.stderr.rstrip().endswith("problem found.")
    assert r.stdout == ""


def test_build_writes_markdown_only_on_success(tmp_path):
    out = tmp_path / "md"
    r = run("build", str(out))
    assert r.returncode == 0, r.stderr
    assert (out / "cables/13790/index.md").is_file() and (out / "cables/13790/release.md").is_file()
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    (src / "cables/99001/cable.yaml").write_text("number: [\n", encoding="utf-8")
    bad = tmp_path / "bad"
    r = run("--src", str(src), "build", str(bad))
    assert r.returncode == 1 and not bad.exists()       # no half-written output


def test_an_internal_error_names_where_it_happened(monkeypatch, capsys):
    import generator.__main__ as main
    import generator.pipeline

    def boom(*args, **kwargs):
        from generator.errors import Progress
        Progress.at("site_src/cables/13790/transcription.txt")
        raise RuntimeError("unexpected")

    monkeypatch.setattr(generator.pipeline, "load", boom)
    code = main.main(["check"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("internal error while processing site_src/cables/13790/transcription.txt: "
                          "RuntimeError: unexpected")
    assert "Traceback" not in err


def test_the_anchor_manifest_is_complete():
    r = run("anchors")
    assert r.returncode == 0, r.stderr
    assert "all published, none changed" in r.stdout
