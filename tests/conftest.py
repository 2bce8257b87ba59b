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
    """A copy of the project (config, hook, generator, docs) with `src` as its site_src."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, dest / name)
    for name in ("generator", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(src or ROOT / "site_src", dest / "site_src")
    return dest


def build(project: Path, out: Path, cwd: Path | None = None, extra_env: dict | None = None,
          prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    cmd = (prefix or []) + [PY, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(out)]
    return subprocess.run(cmd, cwd=str(cwd or project), env=env(**(extra_env or {})),
                          capture_output=True, text=True, timeout=600)


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
    r = build(ROOT, out)
    assert r.returncode == 0, r.stdout + r.stderr
    return out
