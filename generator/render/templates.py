"""The Jinja environment of the generator's templates (render/templates/).

HTML templates (`*.html.j2`) autoescape every `{{ expression }}`: source text cannot become
markup unless a renderer made it a `Markup` fragment from escaped parts. Undefined names are
errors. Plain-text templates (`*.txt.j2`) do not escape: they are not HTML.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .escape import href, ident

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # A template is not looked at again before each use (a stat of its file each time): the
        # templates change only with the code, and `mkdocs serve` imports a changed generator
        # anew (site/mkdocs_hook.py), this environment with it.
        auto_reload=False,
    )
    env.filters["href"] = href
    env.filters["ident"] = ident
    env.filters["paragraphs"] = paragraphs
    return env


def paragraphs(text: str) -> list[str]:
    """A text of the sources as paragraphs: blank lines separate them."""
    return [" ".join(p.split()) for p in str(text).split("\n\n") if p.strip()]


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


@lru_cache(maxsize=None)
def macros(name: str):
    """The macros of a template, to call from Python (they return escaped Markup)."""
    return environment().get_template(name).module
