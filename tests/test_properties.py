"""Property-based tests of the transcription parser (hypothesis).

1. Any valid transcription, generated piece by piece together with the OCR it must give
   back, parses without a problem and strips back to exactly that OCR.
2. Any text at all (brackets, pipes, directives, CJK, tabs, blank lines) either parses, and
   then writing the parse back out gives the text again, or yields problems that each name
   the file and a line and column inside the text; never an exception.
3. One error put at a known place in a valid transcription is reported at that file, line
   and column, with its message.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Pos, Problems
from generator.parse.markup import CLOSE, OPEN, SEP, parse_transcription, strip_to_ocr
from generator.model import Directive, Mark, OcrLine, Text

PATH = "cables/1/transcription.txt"
# A few seconds in all for `make test`; EDITION_HYPOTHESIS_SCALE=50 searches fifty times harder.
SCALE = int(os.environ.get("EDITION_HYPOTHESIS_SCALE", "1"))
# At the default scale the examples are drawn from a fixed seed, so that CI runs the same
# inputs every time (a failure found by a deeper search is then added to these tests).
FIXED = SCALE == 1
SETTINGS = settings(max_examples=50 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=FIXED, database=None if FIXED else settings.default.database)
FUZZ = settings(max_examples=300 * SCALE, deadline=None, derandomize=FIXED,
                database=None if FIXED else settings.default.database)

# OCR text: letters, digits, punctuation, a pipe, CJK names, tabs; no brackets (added below,
# doubled) and none of the OCR notations that must stand inside a mark.
OCR_CHARS = st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'\"/-()[]*_#&<>{}|\t") +
                            ["刘", "华", "秋", "é", "—", "¶"])
plain = st.text(OCR_CHARS, min_size=1, max_size=12).filter(
    lambda t: "^(" not in t and "~~" not in t and "[REDACTED]" not in t)
ident = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)


def esc_field(text: str) -> str:
    """A field inside a mark: its brackets and pipes doubled."""
    return text.replace(OPEN, OPEN * 2).replace(CLOSE, CLOSE * 2).replace(SEP, SEP * 2)


@st.composite
def segment(draw):
    """(transcription text, OCR text) of one piece of an OCR line."""
    kind = draw(st.sampled_from(["text", "text", "open", "close", "corr", "sic", "ok", "unclear",
                                 "redact", "add", "del", "note", "inline"]))
    if kind == "text":
        t = draw(plain)
        return t, t
    if kind == "open":
        return OPEN * 2, OPEN
    if kind == "close":
        return CLOSE * 2, CLOSE
    if kind == "inline":
        return draw(st.sampled_from([f"{OPEN}@text{CLOSE}", f"{OPEN}@block{CLOSE}", f"{OPEN}@p 7{CLOSE}"])), ""
    mid = draw(ident)
    if kind == "note":
        return f"{OPEN}note {mid}{CLOSE}", ""
    printed = draw(st.text(OCR_CHARS | st.sampled_from([OPEN, CLOSE]), min_size=1, max_size=10).filter(
        lambda t: "^(" not in t and "~~" not in t and "[REDACTED]" not in t))
    if kind == "redact":
        printed = "[REDACTED]"
    elif kind == "add":
        printed = f"^({printed})"
    elif kind == "del":
        printed = f"~~{printed}~~"
    fields = [printed]
    if kind in ("corr", "unclear"):
        fields.append(draw(plain))
    if kind == "unclear":
        fields += draw(st.lists(plain, max_size=2))
    if any(f.startswith(SEP) for f in fields):
        # `|||` reads as a literal | then a separator: a field cannot begin with a literal |
        # (the editing guide says so); take the pipe off.
        fields = [f.lstrip(SEP) or "X" for f in fields]
        printed = fields[0]
    return f"{OPEN}{kind} {mid}|" + "|".join(esc_field(f) for f in fields) + CLOSE, printed


DIRECTIVE_LINES = [f"{OPEN}@page 1-01-02{CLOSE}", f"{OPEN}@fw stamp{CLOSE}", f"{OPEN}@p 12{CLOSE}",
                   f"{OPEN}@text{CLOSE}{OPEN}@block{CLOSE}", f"{OPEN}@matter routing-01{CLOSE}",
                   f"{OPEN}@head h-trade{CLOSE}", f"{OPEN}@gap gap-p3{CLOSE}", f"{OPEN}@dup d1{CLOSE}"]


def _unambiguous(segs) -> bool:
    """Inside a mark ⟧⟧ is a literal ⟧, so a literal ⟧ cannot directly follow a mark (it would
    be read as the end of the mark's last field; the editing guide says so)."""
    return not any(a[0].startswith(OPEN) and not a[0].startswith(OPEN * 2) and b[0] == CLOSE * 2
                   for a, b in zip(segs, segs[1:]))


@st.composite
def ocr_line(draw):
    segs = draw(st.lists(segment(), max_size=5).filter(_unambiguous))
    marked = "".join(m for m, _ in segs)
    if marked and all(m.startswith(f"{OPEN}@") for m, _ in segs):
        segs.append(("X", "X"))     # a line of directives only is no OCR line
    return "".join(m for m, _ in segs), "".join(p for _, p in segs)


@st.composite
def transcription(draw):
    """(transcription, OCR, the transcription's lines with whether each is an OCR line)."""
    lines = draw(st.lists(st.one_of(ocr_line(), st.sampled_from(DIRECTIVE_LINES).map(lambda d: (d, None))),
                          min_size=1, max_size=8))
    text = "\n".join(m for m, _ in lines) + "\n"
    ocr = "\n".join(p for _, p in lines if p is not None)
    return text, ocr, lines


def parse(text: str):
    problems = Problems()
    return parse_transcription(text, PATH, problems), problems


@SETTINGS
@given(transcription())
def test_a_valid_transcription_strips_back_to_its_ocr(case):
    text, ocr, lines = case
    items, problems = parse(text)
    assert not problems, [p.format() for p in problems.items]
    assert strip_to_ocr(items) == ocr
    n_ocr = sum(1 for _, printed in lines if printed is not None)
    assert [i.number for i in items if isinstance(i, OcrLine)] == list(range(1, n_ocr + 1))


def unparse(items) -> str:
    """Write a parse back out as a transcription."""
    lines: dict[int, str] = {}
    for item in items:
        if isinstance(item, Directive):
            lines[item.pos.line] = lines.get(item.pos.line, "") + _directive(item)
            continue
        out = []
        for x in item.items:
            if isinstance(x, Text):
                out.append(x.text.replace(OPEN, OPEN * 2).replace(CLOSE, CLOSE * 2))
            elif isinstance(x, Mark):
                out.append(f"{OPEN}{x.kind} {x.id}" + "".join("|" + esc_field(f) for f in x.fields) + CLOSE)
            else:
                out.append(_directive(x))
        lines[item.pos.line] = "".join(out)
    return "\n".join(lines[k] for k in sorted(lines))


def _directive(d: Directive) -> str:
    return f"{OPEN}@{d.name}" + "".join(f" {a}" for a in d.args) + CLOSE


ANY = st.lists(st.sampled_from(list("⟦⟦⟧⟧||@ \n\tAZaz09-.[]^()~") +
                               ["corr ", "sic ", "@p ", "@page ", "@fw ", "stamp", "note ", "redact ", "[REDACTED]",
                                "刘华秋", "x1", "^(A)", "~~B~~"]),
               max_size=40).map("".join)


@FUZZ
@given(ANY)
def test_any_text_parses_back_to_itself_or_gives_positioned_problems(text):
    items, problems = parse(text)            # never raises
    lines = (text[:-1] if text.endswith("\n") else text).split("\n")
    if problems:
        for p in problems.items:
            assert p.pos is not None and p.pos.path == PATH, p.format()
            assert 1 <= p.pos.line <= len(lines), p.format()
            assert 1 <= p.pos.col <= len(lines[p.pos.line - 1]) + 1, p.format()
            assert p.format().startswith(f"{PATH}:{p.pos.line}:{p.pos.col}: ")
        return
    assert unparse(items) == "\n".join(lines)
    ocr_lines = [i for i in items if isinstance(i, OcrLine)]
    assert strip_to_ocr(items).split("\n") == [i.printed for i in ocr_lines]


# Each error, put at column c of line n, is reported there: (token, message start, column offset).
ERRORS = [
    (f" {CLOSE} ", f"stray {CLOSE} without an opening {OPEN}", 1),
    (f" {OPEN}zork a|B{CLOSE} ", "unknown mark 'zork'", 1),
    (f" {OPEN}corr a|B{CLOSE} ", "mark 'corr' takes 2 field(s) after its head, found 1", 1),
    (f" {OPEN}corr A|B|C{CLOSE} ", "mark 'corr' needs one id after its name", 1),
    (f" {OPEN}@p 0{CLOSE} ", "directive '@p' needs a paragraph number, found '0'", 1),
    (" [REDACTED] ", f"the OCR's redaction marker [REDACTED] stands outside a {OPEN}redact{CLOSE} mark", 1),
    (f" {OPEN}add a|SUPPLIED{CLOSE} ", "mark 'add' must enclose the OCR's own notation", 1),
]


@SETTINGS
@given(transcription(), st.data())
def test_an_error_is_reported_at_its_line_and_column(case, data):
    _, _, lines = case
    n = data.draw(st.integers(1, len(lines)), label="line")
    token, message, offset = data.draw(st.sampled_from(ERRORS), label="error")
    marked = [m for m, _ in lines]
    line = marked[n - 1]
    # put the error between two pieces of the line (not inside a mark), or at its end
    cuts = _cuts(line)
    cut = data.draw(st.sampled_from(cuts), label="cut")
    marked[n - 1] = line[:cut] + token + line[cut:]
    items, problems = parse("\n".join(marked) + "\n")
    want = Pos(PATH, n, cut + 1 + offset)
    found = [p for p in problems.items if p.pos == want and p.message.startswith(message)]
    assert found, (want, message, [p.format() for p in problems.items])
    assert len(problems.items) == 1, [p.format() for p in problems.items]


def _cuts(line: str) -> list[int]:
    """The places in a transcription line outside any mark and outside a doubled bracket."""
    cuts, i, depth = [0], 0, False
    while i < len(line):
        if line.startswith(OPEN * 2, i) and not depth or line.startswith(CLOSE * 2, i):
            i += 2
        elif line[i] == OPEN:
            depth = True
            i += 1
        elif line[i] == CLOSE and depth:
            depth = False
            i += 1
        elif line[i] == SEP and depth and line.startswith(SEP * 2, i):
            i += 2
        else:
            i += 1
        if not depth:
            cuts.append(i)
    return sorted(set(cuts))


YAML_TEXT = st.lists(st.sampled_from(["a", "b", ":", ": ", "- ", "\n", "  ", "\t", "'", '"', "&x ", "*x", "[", "]",
                                      "{", "}", ",", "#", "08", "true", "~", "!!python/name:os.system", "<<",
                                      "刘华秋", "|", ">", "\x01", "\\", "?", "%YAML 1.1\n", "---\n", "...\n"]),
                      max_size=30).map("".join)


@FUZZ
@given(YAML_TEXT)
def test_any_yaml_loads_or_gives_positioned_problems(tmp_path_factory, text):
    from generator.sources.strict_yaml import load_yaml
    path = tmp_path_factory.mktemp("y") / "c.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    problems = Problems()
    data = load_yaml(path, problems)        # never raises
    lines = text.split("\n")
    if data is None:
        assert problems.items
    for p in problems.items:
        assert p.pos is not None and p.pos.path.endswith("c.yaml"), p.format()
        assert 1 <= p.pos.line <= len(lines), (p.format(), text)
        assert 1 <= p.pos.col <= len(lines[p.pos.line - 1]) + 1, (p.format(), text)
