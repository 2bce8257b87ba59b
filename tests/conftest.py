"""Shared fixtures: the repository, the loaded edition, a built site, a project copy."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "edition"
PY = sys.executable
WITNESS_SHA256 = "0e48dfbbd15fa90567a1c85702f7c5acb390fec4a62477b4d0b28ba5655c9176"

sys.path.insert(0, str(ROOT))


def env(**extra) -> dict:
    e = dict(os.environ)
    e["NO_MKDOCS_2_WARNING"] = "1"
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    e.update(extra)
    return e


def make_project(dest: Path, src: Path | None = None) -> Path:
    """A copy of the project (config, hook, generator, docs) with `src` as its site_src; its
    mkdocs.yml takes the site_url of that edition (the build checks that the two agree)."""
    import re
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CITATION.cff"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("generator", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(src or ROOT / "site_src", dest / "site_src")
    if src is not None and Path(src).resolve() != (ROOT / "site_src").resolve():
        # the real introduction discusses the real telegrams and links to them
        (dest / "docs/commentary/introduction.md").write_text(
            "# Introduction\n\nAn edition made for the tests.\n", encoding="utf-8")
    edition = (dest / "site_src" / "edition.yaml").read_text(encoding="utf-8")
    url = re.search(r'^site_url: "([^"]+)"', edition, flags=re.M).group(1)
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(re.sub(r"^site_url: .*$", f"site_url: {url}", config, flags=re.M),
                                     encoding="utf-8")
    return dest


def build(project: Path, out: Path, cwd: Path | None = None, extra_env: dict | None = None,
          prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    cmd = (prefix or []) + [PY, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(out)]
    return subprocess.run(cmd, cwd=str(cwd or project), env=env(**(extra_env or {})),
                          capture_output=True, text=True, timeout=600)


def build_site(project: Path, out: Path, cwd: Path | None = None, extra_env: dict | None = None,
               prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """The whole of `make site` (python -m generator site): MkDocs, the link check, the switch."""
    cmd = (prefix or []) + [PY, "-m", "generator", "--src", str(project / "site_src"), "site", str(out),
                            "--config", str(project / "mkdocs.yml")]
    return subprocess.run(cmd, cwd=str(cwd or project), env=env(PYTHONPATH=str(project), **(extra_env or {})),
                          capture_output=True, text=True, timeout=900)


def publish_anchors(project: Path) -> None:
    r = subprocess.run([PY, "-m", "generator", "--src", "site_src", "anchors", "--add"], cwd=project,
                       env=env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="session")
def edition():
    from generator.pipeline import load
    return load(ROOT / "site_src")


@pytest.fixture(scope="session")
def cable(edition):
    return edition.cables["13790"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real edition, built once for the session exactly as `make site` builds it."""
    out = tmp_path_factory.mktemp("site") / "site"
    r = build_site(ROOT, out)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.fixture(scope="session")
def tei_schema():
    """tei_all 4.3.0 (a copy kept in tests/schemas/), loaded once: it takes seconds."""
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(ROOT / "tests" / "schemas" / "tei_all-4.3.0.rng")))


@pytest.fixture(scope="session")
def fixture_edition():
    from generator.pipeline import load
    return load(FIXTURE)


def generated_files(edition) -> dict[str, str | bytes]:
    """Every generated file of an edition, in memory (no MkDocs): path -> the page as a Markdown
    file (front matter and HTML body) or the download's bytes."""
    from generator.render.page import PageOut
    from generator.render.pages import edition_outputs, telegram_outputs
    out: dict[str, str | bytes] = {}
    items = [x for c in edition.cables.values() for x in telegram_outputs(edition, c)] + edition_outputs(edition)
    for item in items:
        if isinstance(item, PageOut):
            out[item.path] = item.markdown()
        else:
            out[item[0]] = item[1]
    return dict(sorted(out.items()))


@pytest.fixture(scope="session")
def fixture_files(fixture_edition):
    """Every generated file of the fictional fixture edition (no MkDocs needed)."""
    return generated_files(fixture_edition)


def dl(edition, tid: str, kind: str) -> str:
    """The path of a telegram's download (tei, json, txt, ocr, bib, ris, csl)."""
    from generator.render import paths
    return paths.download(edition.cables[tid], kind)


def all_places(edition) -> list:
    """Every anchored place of every telegram, resolved."""
    return [p for c in edition.cables.values() for p in c.places.values()]


def download_of(tid: str, kind: str) -> str:
    """A download's path in the real edition (Beijing) or the fixture (Ottawa, State), by id."""
    from generator.render.paths import DOWNLOAD_NAMES
    post = {"99001": "ottawa", "99002": "state"}.get(tid, "beijing")
    return "downloads/" + DOWNLOAD_NAMES[kind].format(f"{post}-{tid}")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the fixture edition (review the diff before committing)")
