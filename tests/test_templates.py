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


def test_joining_html_escapes_what_is_text_and_keeps_what_is_markup_as_markups_own_join_does():
    # escape.join skips escaping (and copying) parts that are Markup already; text must still
    # be escaped, whatever it holds
    from hypothesis import given, settings, strategies as st
    from markupsafe import Markup

    from generator.render.escape import join

    class Html:                          # anything with __html__ is markup to Jinja and to Markup
        def __init__(self, s):
            self.s = s

        def __html__(self):
            return f"<b>{self.s}</b>"

    part = st.text(alphabet="<>&\"' ab").flatmap(
        lambda s: st.sampled_from([s, Markup(s), Html(s)]))

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(st.lists(part), st.sampled_from(["", " ", ", "]))
    def same(parts, sep):
        ours = join(parts, sep)
        assert type(ours) is Markup and str(ours) == str(Markup(sep).join(parts))
    same()
    assert join(["<script>", Markup("<i>x</i>")]) == "&lt;script&gt;<i>x</i>"


def test_an_expression_writes_what_jinjas_own_autoescape_writes():
    # {{ value }} in an HTML template compiles to escape.text_html (templates.py), which gives
    # plain text instead of a Markup object: the same text for any value, text escaped
    from hypothesis import given, settings, strategies as st
    from jinja2 import Environment
    from markupsafe import Markup

    from generator.render.escape import text_html
    from generator.render.templates import environment

    class Html:
        def __init__(self, s):
            self.s = s

        def __html__(self):
            return f"<b>{self.s}</b>"

    value = st.one_of(st.text(alphabet="<>&\"' ab\u2028"), st.integers(), st.none(), st.floats(allow_nan=False),
                      st.text(alphabet="<>&\"' ab").map(Markup), st.text(alphabet="<>&\"' ab").map(Html))
    ours = environment().from_string("<p title=\"{{ v }}\">{{ v }}{% set s %}[{{ v }}]{% endset %}{{ s }}</p>")
    jinja = Environment(autoescape=True).from_string(
        "<p title=\"{{ v }}\">{{ v }}{% set s %}[{{ v }}]{% endset %}{{ s }}</p>")
    assert "text_html" in environment().compile("{{ v }}", raw=True)

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(value)
    def same(v):
        assert type(text_html(v)) is str or isinstance(v, (Markup, Html))
        assert ours.render(v=v) == jinja.render(v=v)
    same()
    assert ours.render(v="<script>") == "<p title=\"&lt;script&gt;\">&lt;script&gt;[&lt;script&gt;]</p>"
