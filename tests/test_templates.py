"""Guards on the Markdown templates: where escaped text would show its entities."""
from __future__ import annotations

import re

from conftest import ROOT

TEMPLATES = sorted((ROOT / "generator" / "templates").glob("*.md.j2"))


def test_no_expression_inside_a_code_span():
    """Markdown code spans show character references literally, and every expression is
    entity-escaped: inside backticks a reader would see `&#46;`. Use <code> instead."""
    offenders = []
    for path in TEMPLATES:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for span in re.findall(r"`[^`]*`", line):
                if "{{" in span or "{%" in span:
                    offenders.append(f"{path.name}:{i}: {span}")
    assert offenders == []


def test_templates_exist():
    assert len(TEMPLATES) >= 6
