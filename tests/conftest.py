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
    for name in ("mkdocs.yml", "mkdocs.offline.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("generator", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(src or ROOT / "site_src", dest / "site_src")
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
    """The whole of `make site`: the MkDocs build, then the offline edition zipped into it."""
    r = build(project, out, cwd, extra_env, prefix)
    if r.returncode != 0:
        return r
    cmd = (prefix or []) + [PY, "-m", "generator", "--src", str(project / "site_src"), "offline", str(out),
                            "--config", str(project / "mkdocs.offline.yml")]
    r2 = subprocess.run(cmd, cwd=str(cwd or project), env=env(PYTHONPATH=str(project), **(extra_env or {})),
                        capture_output=True, text=True, timeout=600)
    return r2


def publish_anchors(project: Path) -> None:
    r = subprocess.run([PY, "-m", "generator", "--src", "site_src", "anchors", "--add"], cwd=project,
                       env=env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="session")
def edition():
    from generator.load import load_edition
    return load_edition(ROOT / "site_src")


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
    from generator.load import load_edition
    return load_edition(FIXTURE)


@pytest.fixture(scope="session")
def fixture_files(fixture_edition):
    """Every generated file of the fictional fixture edition (no MkDocs needed)."""
    from generator import outputs
    return outputs.generate(fixture_edition)
