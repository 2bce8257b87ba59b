"""Escaping source text for each output context. Source text never becomes markup.

Markdown: every ASCII character that is not a letter, digit or space becomes a
numeric character reference, so Python-Markdown sees no syntax at all in it:
no list numbers ("13. UNDER"), attribute lists ("{:"), strike-through ("~~"),
emphasis ("*", "_"), links ("[", "]("), footnotes ("[^"), HTML ("<"),
entities ("&"), tables ("|") or Jinja delimiters ("{{"). The browser shows the
same characters. Non-ASCII characters have no Markdown meaning and stay as they are.

Except for the punctuation in QUIET (full stop, comma, hyphen, slash, parentheses...),
which means nothing to Python-Markdown inside a line: it is kept as it is, but for the
first character of the text (which a template may put at the start of a line, where
"-", "+" or "=" would open a list or underline a heading) and a full stop after a digit
("13."). Every reference costs Python-Markdown an inline match; an OCR line is full of
full stops, commas and slashes, and this halves the conversion of a telegram's pages.
Quotes stay escaped: the same text goes into quoted HTML attributes.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape as _html_escape

_MD_TABLE = {c: f"&#{c};" for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_MD_TABLE[0x09] = "&#9;"
_MD_TABLE[0x0A] = " "
_MD_TABLE[0x0D] = " "
# Unicode characters that HTML or Markdown could still treat specially.
_MD_TABLE[0x00A0] = "&#160;"


QUIET = ".,;:?/-%@$=+()"
_MD_TABLE_INLINE = {c: v for c, v in _MD_TABLE.items() if chr(c) not in QUIET}
_DIGIT_STOP = re.compile(r"(?<=[0-9])\.")
_LEAD = re.compile(r"\A(\s*)([" + re.escape(QUIET) + r"])")


def md_str(text: str) -> str:
    """`md` as a plain string, for renderers that assemble a fragment from many pieces and
    wrap it in `Markup` once (a `Markup` per piece costs more than the escaping)."""
    if isinstance(text, Markup):
        return str(text)
    out = str(text).translate(_MD_TABLE_INLINE)
    if "." in out:
        out = _DIGIT_STOP.sub("&#46;", out)
    return _LEAD.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", out, count=1)


def md(text: str) -> Markup:
    """Escape plain text for a Markdown (and hence HTML) context."""
    if isinstance(text, Markup):
        return text
    return Markup(md_str(text))


def html(text: str) -> Markup:
    """Escape plain text for HTML text or a quoted attribute value."""
    return _html_escape(text)


def md_finalize(value):
    """Jinja `finalize` for Markdown templates: every expression is escaped unless it is
    already a `Markup` fragment built by a renderer."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return Markup(str(value))
    return md(str(value))


def json_script(text: str) -> str:
    """Make JSON safe inside <script>: no text can close the element or open a comment."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_HREF = re.compile(r"[A-Za-z0-9._/-]*(#[A-Za-z0-9:._-]+)?\Z")
_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._-]*\Z")


def href(target: str) -> Markup:
    """A link target made by `outputs.link`: a relative path and fragment, nothing else."""
    if not _HREF.match(target) or target.startswith("//"):
        raise ValueError(f"refusing an unexpected link target {target!r}")
    return Markup(target)


def ident(value: str) -> Markup:
    """An HTML id or class made from a validated source id."""
    if not _IDENT.match(value):
        raise ValueError(f"refusing an unexpected identifier {value!r}")
    return Markup(value)


def yaml_string(value: str) -> Markup:
    """A double-quoted YAML (JSON) string for front matter; the theme escapes it for HTML."""
    return Markup(json.dumps(str(value), ensure_ascii=False))
