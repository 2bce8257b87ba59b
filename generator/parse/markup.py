"""Parse a transcription: the OCR text, verbatim, with the editorial layer in ⟦ ⟧ marks.

Syntax (the editing guide explains it for editors):

* `⟦` and `⟧` (U+27E6, U+27E7) delimit every editorial mark; the OCR never gets
  a meaning from them. A literal one in the OCR is written twice: `⟦⟦`, `⟧⟧`.
* Inside a mark, fields are separated by `|`; a literal `|` there is written `||`.
  The first field is the head: a tag name and, for most tags, an id.
* A mark whose tag starts with `@` is a *directive* (page break, paragraph,
  zone). A line holding nothing but directives is not an OCR line.
* Every other mark stands on an OCR line. Its first field after the head is the
  *printed* form: what the OCR shows at that place.
* A mark opens and closes on one line; marks do not nest.

Stripping the editorial layer (directive lines dropped, marks replaced by their
printed form, doubled brackets undoubled) gives back the OCR exactly.

Tags are declared as data in TAGS and DIRECTIVES below, not as parser branches.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import Pos, Problems
from ..model import Directive, Mark, OcrLine, Text

OPEN, CLOSE, SEP = "\u27e6", "\u27e7", "|"
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


@dataclass(frozen=True)
class TagSpec:
    """An inline mark: which fields it takes after the head."""
    fields: tuple[str, ...]          # names of the required fields; the first is 'printed' if present
    extra: str | None = None         # name of a repeatable trailing field (alternatives)
    printed_form: str | None = None  # regex the printed form must match (OCR conventions)
    meaning: str = ""


# The editorial marks, in the order the editing guide presents them.
TAGS: dict[str, TagSpec] = {
    "corr": TagSpec(("printed", "reading"), meaning="correction of an OCR error"),
    "sic": TagSpec(("printed",), meaning="slip of the telegram itself, flagged, not corrected"),
    "ok": TagSpec(("printed",), meaning="suspect token considered and judged not an error"),
    "unclear": TagSpec(("printed", "reading"), extra="alternative", meaning="uncertain reading with alternatives"),
    "redact": TagSpec(("printed",), meaning="redaction marker printed by the release"),
    "add": TagSpec(("printed",), printed_form=r"\^\((.+)\)", meaning="handwritten insertion, printed ^(...) by the OCR"),
    "del": TagSpec(("printed",), printed_form=r"~~(.+)~~", meaning="strike-through, printed ~~...~~ by the OCR"),
    "note": TagSpec((), meaning="explanatory note anchored at this point (zero width)"),
}


@dataclass(frozen=True)
class DirectiveSpec:
    args: tuple[str, ...]   # 'id', 'int' or 'kind'
    meaning: str = ""


DIRECTIVES: dict[str, DirectiveSpec] = {
    "@page": DirectiveSpec(("id",), "a printed page of the release begins (file order)"),
    "@fw": DirectiveSpec(("kind",), "page furniture follows: running head, message head, stamps"),
    "@matter": DirectiveSpec(("id",), "named non-text matter follows (routing sheet, stamp, note, subject, signature)"),
    "@p": DirectiveSpec(("int",), "paragraph N of the telegram begins"),
    "@block": DirectiveSpec((), "a further block (e.g. a dash item) of the current paragraph begins"),
    "@head": DirectiveSpec(("id",), "a run-in heading of the telegram follows"),
    "@text": DirectiveSpec((), "the telegram text resumes where it was interrupted"),
    "@dup": DirectiveSpec(("id",), "text repeated from elsewhere follows; it is kept out of the reading text"),
    "@gap": DirectiveSpec(("id",), "a lacuna in the telegram text stands here"),
}

FW_KINDS = ("running-head", "message-head", "stamp", "caveat", "blank")

# The OCR's own conventions: they must sit inside the mark that interprets them.
OCR_CONVENTIONS = (
    (re.compile(r"\[REDACTED\]"), "redact", "redaction marker [REDACTED]"),
    (re.compile(r"\^\("), "add", "handwritten insertion ^(...)"),
    (re.compile(r"~~"), "del", "strike-through ~~...~~"),
)


def split_lines(text: str) -> list[str]:
    """The source's lines. One final newline belongs to the file, not to the OCR."""
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def parse_transcription(text: str, path: str, problems: Problems) -> list[OcrLine | Directive]:
    """Parse the whole transcription into OCR lines and stand-alone directives, in order."""
    out: list[OcrLine | Directive] = []
    ocr_no = 0
    for i, raw in enumerate(split_lines(text), start=1):
        pos = Pos(path, i, 1)            # shared by the line and its text when it has no mark
        items = _parse_line(raw, path, i, problems, pos)
        if items is None:
            ocr_no += 1  # keep counting so later positions stay right
            continue
        if items and all(isinstance(x, Directive) for x in items):
            out.extend(items)
            continue
        ocr_no += 1
        out.append(OcrLine(number=ocr_no, pos=pos, items=tuple(items)))
    return out


_BRACKET = re.compile(f"[{OPEN}{CLOSE}]")


def _parse_line(raw: str, path: str, lineno: int, problems: Problems, line_pos: Pos | None = None):
    if OPEN not in raw and CLOSE not in raw:
        # Most OCR lines carry no mark: one text item (the loop below would give the same).
        if not raw:
            return []
        _check_conventions(raw, path, lineno, range(1, len(raw) + 1), problems)
        return [Text(raw, line_pos or Pos(path, lineno, 1))]
    items: list = []
    buf: list[str] = []
    cols: list[int] = []     # the source column of each character of buf (escapes take two)
    i, n = 0, len(raw)
    ok = True

    def flush():
        nonlocal buf, cols
        if buf:
            t = "".join(buf)
            _check_conventions(t, path, lineno, cols, problems)
            items.append(Text(t, Pos(path, lineno, cols[0])))
        buf, cols = [], []

    while i < n:
        m = _BRACKET.search(raw, i)
        j = m.start() if m else n
        if j > i:                       # plain text up to the next bracket
            buf.append(raw[i:j])
            cols.extend(range(i + 1, j + 1))
            i = j
            continue
        ch = raw[i]
        if ch in (OPEN, CLOSE) and raw.startswith(ch * 2, i):
            buf.append(ch)
            cols.append(i + 1)
            i += 2
            continue
        if ch == CLOSE:
            problems.add(Pos(path, lineno, i + 1), f"stray {CLOSE} without an opening {OPEN}",
                         quote=raw, hint=f"write {CLOSE}{CLOSE} for a literal {CLOSE} in the OCR text")
            ok = False
            i += 1
            continue
        if ch == OPEN:
            flush()
            end, fields = _scan_mark(raw, i + 1)
            start = Pos(path, lineno, i + 1)
            if end is not None and fields is None:
                problems.add(Pos(path, lineno, end + 1), "marks cannot nest", quote=raw[i:end + 20],
                             hint=f"close the first mark before opening another, or write {OPEN}{OPEN} for a literal {OPEN}")
                return None
            if end is None:
                problems.add(start, "mark opened here is not closed on the same line",
                             quote=raw[i:i + 60], hint=f"close it with {CLOSE}; marks cannot span lines")
                return None
            item = _make_item(fields, start, raw[i:end], problems)
            if item is None:
                ok = False
            else:
                items.append(item)
            i = end
            continue
    flush()
    return items if ok else None


def _scan_mark(raw: str, i: int):
    """From just after ⟦, find the closing ⟧: (index after it, fields); (index, None) if
    another mark opens inside; (None, None) if the line ends first."""
    fields: list[str] = []
    cur: list[str] = []
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch in (OPEN, CLOSE, SEP) and raw.startswith(ch * 2, i):
            cur.append(ch)
            i += 2
            continue
        if ch == CLOSE:
            fields.append("".join(cur))
            return i + 1, fields
        if ch == OPEN:
            return i, None  # a mark opened inside a mark
        if ch == SEP:
            fields.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    return None, None


def _make_item(fields: list[str], pos: Pos, quote: str, problems: Problems):
    head = fields[0].split(" ")
    name = head[0]
    if name.startswith("@"):
        return _make_directive(name, head[1:], fields[1:], pos, quote, problems)
    spec = TAGS.get(name)
    if spec is None:
        near = difflib.get_close_matches(name, list(TAGS) + list(DIRECTIVES), n=1)
        hint = f"did you mean {near[0]!r}?" if near else "known marks: " + ", ".join(TAGS)
        problems.add(pos, f"unknown mark {name!r}", quote=quote, hint=hint)
        return None
    if len(head) != 2 or not ID_RE.match(head[1]):
        problems.add(pos, f"mark {name!r} needs one id after its name (lower-case letters, digits, hyphens)",
                     quote=quote, hint=f"write {OPEN}{name} some-id|...{CLOSE}")
        return None
    values = fields[1:]
    want = len(spec.fields)
    if len(values) < want or (spec.extra is None and len(values) > want):
        shape = "|".join([f"{name} ID"] + list(spec.fields) + ([f"{spec.extra}..."] if spec.extra else []))
        problems.add(pos, f"mark {name!r} takes {want} field(s) after its head, found {len(values)}",
                     quote=quote, hint=f"write {OPEN}{shape}{CLOSE}")
        return None
    for k, v in enumerate(values):
        if v == "":
            problems.add(pos, f"empty field in mark {name!r}", quote=quote,
                         hint="every field needs text; a literal | is written ||")
            return None
    content = values[0] if values else ""
    if spec.printed_form:
        m = re.fullmatch(spec.printed_form, values[0])
        if not m:
            problems.add(pos, f"mark {name!r} must enclose the OCR's own notation ({spec.meaning})", quote=quote,
                         hint=f"the printed form must match {spec.printed_form}")
            return None
        content = m.group(1)   # the OCR's notation interpreted as data
    return Mark(kind=name, id=head[1], fields=tuple(values), pos=pos, content=content)


def _make_directive(name, args, rest, pos, quote, problems):
    spec = DIRECTIVES.get(name)
    if spec is None:
        near = difflib.get_close_matches(name, list(DIRECTIVES), n=1)
        hint = f"did you mean {near[0]!r}?" if near else "known directives: " + ", ".join(DIRECTIVES)
        problems.add(pos, f"unknown directive {name!r}", quote=quote, hint=hint)
        return None
    if rest:
        problems.add(pos, f"directive {name!r} takes no '|' fields", quote=quote)
        return None
    if len(args) != len(spec.args):
        shape = " ".join([name] + [a.upper() for a in spec.args])
        problems.add(pos, f"directive {name!r} takes {len(spec.args)} argument(s), found {len(args)}",
                     quote=quote, hint=f"write {OPEN}{shape}{CLOSE}")
        return None
    values: list = []
    for kind, a in zip(spec.args, args):
        if kind == "int":
            if not re.fullmatch(r"[1-9][0-9]*", a):
                problems.add(pos, f"directive {name!r} needs a paragraph number, found {a!r}", quote=quote,
                             hint="write the number without leading zeros, e.g. ⟦@p 14⟧")
                return None
            values.append(int(a))
        elif kind == "kind":
            if a not in FW_KINDS:
                near = difflib.get_close_matches(a, FW_KINDS, n=1)
                hint = f"did you mean {near[0]!r}?" if near else "kinds: " + ", ".join(FW_KINDS)
                problems.add(pos, f"unknown page-furniture kind {a!r}", quote=quote, hint=hint)
                return None
            values.append(a)
        else:
            if not ID_RE.match(a):
                problems.add(pos, f"{a!r} is not a valid id", quote=quote,
                             hint="ids use lower-case letters, digits and hyphens, e.g. <telegram>-01-02")
                return None
            values.append(a)
    return Directive(name=name[1:], args=tuple(values), pos=pos)


def _check_conventions(text: str, path: str, lineno: int, cols, problems: Problems) -> None:
    for rx, tag, what in OCR_CONVENTIONS:
        m = rx.search(text)
        if m:
            problems.add(Pos(path, lineno, cols[m.start()]),
                         f"the OCR's {what} stands outside a {OPEN}{tag}{CLOSE} mark",
                         quote=text.strip(),
                         hint=f"wrap it as {OPEN}{tag} some-id|{m.group(0)}...{CLOSE} and describe it in apparatus.yaml")


def strip_to_ocr(items: list[OcrLine | Directive]) -> str:
    """Remove the editorial layer: the OCR text, byte for byte."""
    return "\n".join(line.printed for line in items if isinstance(line, OcrLine))
