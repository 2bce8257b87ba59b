"""Escaping for each output context: source text never becomes markup.

HTML is escaped by the templates themselves (Jinja's autoescape) and by `html` here; what
reaches Material's templates through a page's front matter (its title and description, which
Material prints unescaped) is escaped for HTML by `front_value`. Link targets and ids are
not escaped but checked: `href` and `ident` refuse anything but what the generator makes.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape as _html_escape


def html(text) -> Markup:
    """Escape plain text for HTML text or a quoted attribute value."""
    return _html_escape(text)


def text_html(value) -> str:
    """What `{{ value }}` writes in an HTML template (render/templates.py): the text of
    `markupsafe.escape(value)`, a Markup's own HTML as it is."""
    if type(value) is not str:
        markup = getattr(value, "__html__", None)
        if markup is not None:
            return markup()
        value = str(value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") \
        .replace('"', "&#34;")


def join(parts, sep: str = "") -> Markup:
    """The HTML of `Markup(sep).join(parts)`: what is not Markup yet is escaped. Markup's own
    join escapes every part, which copies each part that is Markup already; the renderers join
    millions of those."""
    return Markup(sep.join(p if type(p) is Markup else _html_escape(p) for p in parts))


def front_value(value: str) -> str:
    """A title or description for a page's front matter: Material prints page.meta.title and
    description unescaped (in <title>, the header and <meta>), so the value is escaped for HTML
    here, on one line."""
    return str(_html_escape(" ".join(str(value).split())))


_WORD = re.compile(r"[a-z][a-z_]*\Z")      # the generator's own keywords (a page's kind, Material's `hide`)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    value = str(value)
    return value if _WORD.match(value) and value not in ("true", "false", "null", "yes", "no", "on", "off") \
        else json.dumps(value, ensure_ascii=False)


def front_matter(values: dict) -> str:
    """Front matter (YAML) holding `values`: every string from the sources written as a JSON
    string, which YAML reads back as it was (the theme escapes what it prints of the rest: meta
    tags, JSON-LD); the generator's own keywords bare."""
    lines = []
    for key, value in values.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, list):
                    lines.append("  - [" + ", ".join(json.dumps(str(x), ensure_ascii=False) for x in item) + "]")
                else:
                    lines.append(f"  - {_scalar(item)}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False) if key in ('title', 'description') else _scalar(value)}")
    return "\n".join(lines) + "\n"


def json_script(text: str) -> str:
    """Make JSON safe inside <script>: no text can close the element or open a comment."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_HREF = re.compile(r"(?:[A-Za-z0-9._/-]*|https://[A-Za-z0-9.:-]+/[A-Za-z0-9._~%/-]*)(#[A-Za-z0-9:._-]+)?\Z")
_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._-]*\Z")


def href(target: str) -> Markup:
    """A link target made by `paths.link` (a relative path and fragment) or an absolute URL of
    the edition, nothing else."""
    if not isinstance(target, str) or not _HREF.match(target) or target.startswith("//"):
        raise ValueError(f"refusing an unexpected link target {target!r}")
    return Markup(target)


def ident(value: str) -> Markup:
    """An HTML id or class made from a validated source id."""
    if not isinstance(value, str) or not _IDENT.match(value):
        raise ValueError(f"refusing an unexpected identifier {value!r}")
    return Markup(value)
