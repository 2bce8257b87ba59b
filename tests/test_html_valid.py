"""The Nu Html Checker (vnu-jar from npm, run on Debian's Java) finds no error in site/.
Messages filtered out are listed in VNU_FILTERS, each with its reason (tests/browser/README.md)."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Each filter: (start of the message, reason). Keep this list short and argued.
VNU_FILTERS = [
    ("Attribute “autocomplete” is only allowed when the input type is",
     "Material's base template puts autocomplete=off on its two hidden drawer/search checkboxes (outside any "
     "overridable block) so that Firefox does not restore their state; harmless, and overriding base.html "
     "would copy the whole theme template"),
]


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
    errors = [m for m in messages if m["type"] == "error"
              and not any(m["message"].startswith(prefix) for prefix, _ in VNU_FILTERS)]
    assert errors == [], "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in errors[:20])
    assert r.returncode in (0, 1)   # vnu exits 1 when it reports any message, filtered ones included
