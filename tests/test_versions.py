"""Versions: the draft of the next version, released in one step by `make release`
(python -m generator release); a released version's text, notes and zip never change."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest

from conftest import FIXTURE, PY, env, make_project
from generator.edition.versions import format_notes, format_snapshot, notes_snapshot, paragraph_snapshot
from generator.errors import EditionError
from generator.pipeline import load


def gen(project: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "generator", "--src", "site_src", *args], cwd=project,
                          env=env(PYTHONPATH=str(project)), capture_output=True, text=True, timeout=900)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(site: Path, url: str):
    return lxml.html.parse(str(site / url / "index.html")).getroot()


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """The fixture edition released as 0.1, then corrected (a paragraph's text and a note),
    not yet released: a draft."""
    project = make_project(tmp_path_factory.mktemp("versions") / "project", FIXTURE)
    r = gen(project, "release", "--summary", "First release.", "--version", "0.1", "--date", "2001-02-03")
    assert r.returncode == 0, r.stdout + r.stderr
    return project


def test_a_release_records_the_version_in_one_step(released):
    src = released / "site_src"
    folder = src / "releases/0.1"
    edition = load(src)
    assert not edition.draft
    assert (folder / "reading.tsv").read_text(encoding="utf-8") == format_snapshot(paragraph_snapshot(edition))
    assert (folder / "notes.tsv").read_text(encoding="utf-8") == format_notes(notes_snapshot(edition))
    zip_path = folder / "fictional-telegrams-0.1-offline.zip"
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    versions = (src / "versions.yaml").read_text(encoding="utf-8")
    assert 'version: "0.1"' in versions and 'date: "2001-02-03"' in versions and digest in versions
    assert 'name: "fictional-telegrams-0.1"' in versions
    assert 'version: "0.1"' in (src / "edition.yaml").read_text(encoding="utf-8")
    cff = (released / "CITATION.cff").read_text(encoding="utf-8")
    assert 'version: "0.1"' in cff and 'date-released: "2001-02-03"' in cff
    # the site of the version offers the very zip that was kept
    assert (released / "site/downloads/fictional-telegrams-0.1-offline.zip").read_bytes() == zip_path.read_bytes()


def test_the_offline_edition_is_derived_from_the_built_pages(released):
    with zipfile.ZipFile(released / "site_src/releases/0.1/fictional-telegrams-0.1-offline.zip") as z:
        names = z.namelist()
        prefix = "fictional-telegrams-0.1/"
        assert names == sorted(names) and all(n.startswith(prefix) for n in names)
        assert {i.date_time for i in z.infolist()} == {(2001, 2, 3, 0, 0, 0)}
        for needed in ("index.html", "search/search_index.js", "cables/99001/index.html",
                       "downloads/ottawa-99001.tei.xml", "assets/vendor/iframe-worker-shim.js"):
            assert prefix + needed in names, needed
        assert not any(n.endswith(".zip") for n in names)
        home = z.read(prefix + "index.html").decode()
        assert 'href="cables/99001/index.html"' in home and "iframe-worker-shim.js" in home
        reading = z.read(prefix + "cables/99001/index.html").decode()
        assert 'href="../../about/citing/index.html"' in reading
        script = z.read(prefix + "search/search_index.js").decode()
        docs = json.loads(script[len("var __index = "):])["docs"]
        assert any(d["location"] == "cables/99001/index.html#p2" for d in docs)


@pytest.fixture(scope="module")
def draft(released, tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("draft") / "project"
    subprocess.run(["cp", "-a", str(released), str(project)], check=True)
    c = project / "site_src/cables/99001"
    edit(c / "transcription.txt", "⟦corr delegates-250|25O|250⟧", "⟦corr delegates-250|25O|205⟧")
    edit(c / "collation.yaml", 'reading: "250"', 'reading: "205"')
    edit(c / "apparatus.yaml", 'text: "A separate telegram."', 'text: "A separate telegram, sent the same day."')
    r = gen(project, "site", "site")
    assert r.returncode == 0, r.stdout + r.stderr
    return project


def test_a_changed_text_is_a_draft_marked_where_it_stands(draft):
    edition = load(draft / "site_src")
    assert edition.draft.changed == [("99001", 2)]
    assert any(kind == "note" for _, kind, _ in edition.draft.notes_changed)
    p2 = page(draft / "site", "cables/99001").xpath('//*[@id="p2"]')[0]
    assert "ed-unreleased" in p2.get("class")
    assert "Not yet released." in p2.text_content() and "version 0.1" in p2.text_content()
    assert "ed-unreleased" not in page(draft / "site", "cables/99001").xpath('//*[@id="p3"]')[0].get("class")
    log = page(draft / "site", "about/changelog")
    unreleased = log.xpath('//*[@id="unreleased"]/following-sibling::*')
    text = " ".join(e.text_content() for e in unreleased[:6])
    assert "Ottawa 99001 ¶2" in text and "collation entry delegates-250" in text
    # the released zip is still the one published
    kept = draft / "site_src/releases/0.1/fictional-telegrams-0.1-offline.zip"
    assert (draft / "site/downloads/fictional-telegrams-0.1-offline.zip").read_bytes() == kept.read_bytes()
    # and so are its reading text and notes, as released, not as the draft has them, linked by version
    for kind in ("reading", "notes"):
        kept = (draft / f"site_src/releases/0.1/{kind}.tsv").read_bytes()
        assert (draft / f"site/downloads/fictional-telegrams-0.1-{kind}.tsv").read_bytes() == kept
    downloads = page(draft / "site", "downloads")
    row = downloads.xpath('//tr[td[1][starts-with(normalize-space(.), "0.1")]]')[0]
    assert [a.get("href") for a in row.xpath(".//a")] == [
        "fictional-telegrams-0.1-offline.zip", "fictional-telegrams-0.1-reading.tsv", "fictional-telegrams-0.1-notes.tsv"]


def test_releasing_the_draft_lists_its_changes_paragraph_by_paragraph_and_note_by_note(draft):
    r = gen(draft, "release", "--summary", "Corrections.", "--date", "2001-03-04")
    assert r.returncode == 0, r.stdout + r.stderr
    edition = load(draft / "site_src")
    assert [x.version for x in edition.releases] == ["0.2", "0.1"] and not edition.draft
    log = page(draft / "site", "about/changelog")
    section = " ".join(e.text_content() for e in log.xpath('//*[@id="v0-2"]/following-sibling::*')[:5])
    assert "Ottawa 99001 ¶2" in section
    assert "collation entry delegates-250 (changed)" in section
    links = {a.get("href") for a in log.xpath('//*[@id="v0-2"]/following-sibling::*//a')}
    assert "../../cables/99001/#p2" in links and "../../cables/99001/collation/#delegates-250" in links
    assert not log.xpath('//*[@id="unreleased"]')
    downloads = {a.get("href") for a in page(draft / "site", "downloads").xpath("//article//a")}
    assert {"fictional-telegrams-0.1-offline.zip", "fictional-telegrams-0.2-offline.zip"} <= downloads
    with zipfile.ZipFile(draft / "site_src/releases/0.2/fictional-telegrams-0.2-offline.zip") as z:
        listing = z.read("fictional-telegrams-0.2/downloads/index.html").decode()
    # a zip is not in the zip: its link leads to the online edition
    assert 'href="https://example.org/test/downloads/fictional-telegrams-0.1-offline.zip"' in listing
    # nothing to release now
    r = gen(draft, "release", "--summary", "Again.")
    assert r.returncode == 1 and "nothing to release" in r.stderr and "Traceback" not in r.stderr


def test_a_kept_zip_must_be_the_edition_as_released(released, tmp_path):
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", str(released), str(project)], check=True)
    kept = project / "site_src/releases/0.1/fictional-telegrams-0.1-offline.zip"
    kept.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(EditionError) as e:
        load(project / "site_src")
    assert "the kept zip of version 0.1" in e.value.format() and "recorded when it was released" in e.value.format()


def test_a_symlinked_zip_is_never_published(released, tmp_path):
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", str(released), str(project)], check=True)
    kept = project / "site_src/releases/0.1/fictional-telegrams-0.1-offline.zip"
    kept.unlink()
    os.symlink("/etc/passwd", kept)
    r = gen(project, "site", "site")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"{kept.relative_to(project)}:1:1: symbolic link in the sources" in r.stderr
    assert "root:" not in r.stdout + r.stderr


def test_a_new_title_renames_no_file_of_a_released_version(released, tmp_path):
    """The files of a released version keep the name they were published under: a short title
    changed after the release names the next version's files only."""
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", str(released), str(project)], check=True)
    edit(project / "site_src/edition.yaml", 'short_title: "Fictional Telegrams"', 'short_title: "Invented Cables"')
    r = gen(project, "build", "out")
    assert r.returncode == 0, r.stderr
    for kind in ("offline.zip", "reading.tsv", "notes.tsv"):
        assert (project / f"out/downloads/fictional-telegrams-0.1-{kind}").is_file()
    assert not list((project / "out/downloads").glob("invented-cables-*"))


def test_a_recorded_name_too_long_for_a_file_is_a_positioned_error(released, tmp_path):
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", str(released), str(project)], check=True)
    edit(project / "site_src/versions.yaml", 'name: "fictional-telegrams-0.1"', 'name: "' + "a" * 300 + '"')
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert "site_src/versions.yaml:" in r.stderr and "versions[1].name" in r.stderr, r.stderr


def test_the_real_edition_keeps_every_released_version(edition):
    for r in edition.releases:
        assert r.snapshot is not None and r.zip is not None, r.version
    assert edition.releases[0].version == edition.meta["version"]
