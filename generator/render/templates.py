"""The Jinja environment of the generator's templates (render/templates/).

HTML templates (`*.html.j2`) autoescape every `{{ expression }}`: source text cannot become
markup unless a renderer made it a `Markup` fragment from escaped parts. Undefined names are
errors. Plain-text templates (`*.txt.j2`) do not escape: they are not HTML.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.compiler import CodeGenerator

from .escape import href, ident, text_html

TEMPLATES = Path(__file__).parent / "templates"


class _Code(CodeGenerator):
    """Compiles `{{ expression }}` in an HTML template to `text_html`, which escapes as Jinja's
    autoescape does but gives plain text, not a Markup object: the output of an expression is
    only ever joined into the page, and making a Markup of each cost a twentieth of a render."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.text_html(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class _Environment(jinja2.Environment):
    code_generator_class = _Code
    text_html = staticmethod(text_html)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = _Environment(
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
