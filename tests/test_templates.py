"""Guards on the generator's templates and renderers: HTML is escaped by default, and its
shape lives in the templates, not in Python strings."""
from __future__ import annotations

import re

from conftest import ROOT

TEMPLATES = ROOT / "generator" / "render" / "templates"
RENDER = ROOT / "generator" / "render"


def test_html_templates_autoescape_and_never_turn_it_off():
    from generator.render.templates import environment
    env = environment()
    names = sorted(p.name for p in TEMPLATES.glob("*.html.j2"))
    assert len(names) >= 15
    for name in names:
        assert env.get_template(name).environment.autoescape(name) is True, name
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, name


def test_a_source_value_is_escaped_by_a_template():
    from generator.render.templates import macros
    html = str(macros("base.html.j2").link("#x", "<script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_no_html_is_built_in_python_strings():
    """The renderers compose escaped fragments the templates made; they write no tags themselves
    (a Markup made from a literal tag would bypass the templates' escaping and shapes)."""
    offenders = []
    for path in sorted(RENDER.glob("*.py")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"""Markup\(\s*f?["'][^"']*<[a-zA-Z/]""", line):
                offenders.append(f"{path.name}:{i}: {line.strip()}")
    assert offenders == []
