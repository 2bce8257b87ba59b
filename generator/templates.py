"""Jinja2 environment for the Markdown templates in generator/templates/.

Every `{{ expression }}` is escaped for Markdown by `finalize` unless it is a
`Markup` fragment made by a renderer: safe by default, not by discipline.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .escape import href, ident, md, md_finalize, yaml_string

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,
        finalize=md_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # "{#" starts Markdown attribute lists ({#p14}); Jinja comments use other delimiters.
        comment_start_string="<#--",
        comment_end_string="--#>",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["href"] = href
    env.filters["ident"] = ident
    env.filters["yaml"] = yaml_string
    return env


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
