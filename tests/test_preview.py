"""`make serve ONLY=...`: a preview generates the chosen telegrams and every telegram bound to
them, checks the anchor manifest for their pages only, and never reaches `make site`."""
from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT, build, env, make_project
from generator.errors import EditionError, Problems
from generator.pipeline import load as load_edition
from generator.render.anchors import compare, read_manifest


def notes_of(edition) -> dict:
    from generator.render.page import PageOut
    from generator.render.pages import edition_outputs, telegram_outputs
    items = [x for c in edition.cables.values() for x in telegram_outputs(edition, c)] + edition_outputs(edition)
    return {x.path: x.notes for x in items if isinstance(x, PageOut)}


def check(edition, manifest, only=None):
    rows = read_manifest(manifest, Problems())
    return compare(edition, notes_of(edition), rows, str(manifest), only)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """25 synthetic telegrams (bench/corpus.py): 100020 relates to 100019, nothing else is bound."""
    from bench.corpus import write_corpus
    src = tmp_path_factory.mktemp("corpus") / "site_src"
    write_corpus(src, 25)
    r = subprocess.run([__import__("sys").executable, "-m", "generator", "--src", str(src), "anchors", "--add"],
                       cwd=ROOT, env=env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return src


def test_previewing_13790_brings_13462_whose_pages_it_holds():
    assert set(load_edition(ROOT / "site_src", {"13790"}).cables) == {"13790", "13462"}


def test_previewing_13462_brings_the_release_that_holds_its_pages():
    assert set(load_edition(ROOT / "site_src", {"13462"}).cables) == {"13790", "13462"}


def test_relations_are_followed_both_ways_and_no_further(corpus):
    assert set(load_edition(corpus, {"100020"}).cables) == {"100019", "100020"}
    assert set(load_edition(corpus, {"100019"}).cables) == {"100019", "100020"}
    assert set(load_edition(corpus, {"100003"}).cables) == {"100003"}
    assert set(load_edition(corpus, {"100003", "100007"}).cables) == {"100003", "100007"}
    assert len(load_edition(corpus).cables) == 25


def test_an_unknown_telegram_is_an_error_with_a_hint(corpus):
    with pytest.raises(EditionError) as e:
        load_edition(corpus, {"100003", "4711"})
    assert e.value.problems[0].message.startswith("preview of telegram '4711', which has no folder")
    assert 'ONLY=100001 or ONLY="100001 100002"' in e.value.problems[0].hint     # the corpus's own folders


def test_the_manifest_is_checked_for_the_previewed_pages_only(corpus, tmp_path):
    manifest = tmp_path / "anchors.tsv"
    rows = (corpus / "anchors.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    # the manifest loses the anchors of telegram 100003's paragraph 2
    manifest.write_text("".join(r for r in rows if not r.startswith("cables/100003/\tp2\t")), encoding="utf-8")
    other = load_edition(corpus, {"100005"})
    assert check(other, manifest, set(other.cables)) == []
    same = load_edition(corpus, {"100003"})
    problems = check(same, manifest, set(same.cables))
    assert [p.message for p in problems] == ["1 anchor(s) not in the manifest: cables/100003/#p2"]
    whole = load_edition(corpus)
    assert [p.message for p in check(whole, manifest)] == \
        ["1 anchor(s) not in the manifest: cables/100003/#p2"]


def test_a_preview_builds_strictly_with_its_pages_only(tmp_path):
    project = make_project(tmp_path / "project")
    r = build(project, tmp_path / "site", extra_env={"EDITION_ONLY": "13462"})
    assert r.returncode == 0, r.stderr
    cables = sorted(p.name for p in (tmp_path / "site" / "cables").iterdir() if p.is_dir())
    assert cables == ["13462", "13790"]


def test_a_preview_of_an_unknown_telegram_stops_the_build_with_the_message(tmp_path):
    project = make_project(tmp_path / "project")
    r = build(project, tmp_path / "site", extra_env={"EDITION_ONLY": "4711"})
    assert r.returncode != 0
    assert "preview of telegram '4711', which has no folder" in r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr


def test_make_site_never_previews():
    from generator.site import build as site_build
    import inspect
    # `make site` runs python -m generator site, which removes EDITION_ONLY before MkDocs runs
    assert 'env.pop("EDITION_ONLY", None)' in inspect.getsource(site_build.build_site)
    serve = subprocess.run(["make", "-n", "serve", "ONLY=13790"], cwd=ROOT, env=env(), capture_output=True, text=True)
    assert 'EDITION_ONLY="13790"' in serve.stdout
