"""The Nu Html Checker (vnu-jar from npm, run on Debian's Java) finds no error in site/.
No message is filtered out: Material's autocomplete="off" on its hidden checkboxes is taken out
by the edition's hook."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

def test_the_whole_site_is_valid_html(built_site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is not installed: the Nu Html Checker needs it (apt-get install default-jre-headless; "
                    ".ci/run does it)")
    if not VNU.exists():
        pytest.fail(f"vnu-jar is missing at {VNU}: run `make test` (it runs npm ci in tests/browser)")
    r = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--format", "json", str(built_site)],
                       capture_output=True, text=True, timeout=600)
    messages = json.loads(r.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    assert errors == [], "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in errors[:20])
    assert r.returncode in (0, 1)   # vnu exits 1 when it reports any message (warnings included)
