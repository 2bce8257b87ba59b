"""The glossary's patterns: a restricted syntax of regular expressions that runs in bounded
time on any text and cannot match nothing.

A pattern (a glossary term's `patterns:`) finds a family of codes, such as a date-time group
or a control number. Allowed: literal characters, escaped characters, character classes
(`[0-9A-Z]`, `\\d`, `\\s`, `\\w` and their negations), groups `( )` and `(?: )` holding
alternatives `|`, lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`: what must or must not stand next to
the match) under the same rules, and quantifiers (`?`, `*`, `+`, `{m}`, `{m,n}`) on a single
character or class only. Not allowed: `.`, anchors (`^ $ \\b`), back-references, inline flags
(`(?s)`), quantifiers on groups, more than one open-ended quantifier (`*`, `+`, `{m,}`), a
bounded quantifier above 50, too many ways through the pattern's bounded quantifiers of
variable length and its alternatives taken together (`[A-Z]{2,3}/[a-z]{1,3}` has 2 x 3 = 6 ways,
`(JAN|FEB)X?` 2 x 2 = 4; at most 2,601, two `{0,50}`, or 16 beside an open-ended quantifier), and
any pattern that can match without taking a character (`a*`, `(?=X)`, `(?:A|)`). The matcher
tries each way at each position of the text, and an open-ended quantifier each length up to the
text's end; so a search costs at most 2,601 times the text's length (times the pattern's), or 16
times the square of the text's length with an open-ended quantifier: never the exponential
blow-up of nested or repeated quantifiers (`([A-Z ]+)+0`, or five `[A-Z ]{0,50}` in a row, which
take hours on one paragraph).
"""
from __future__ import annotations

import re

try:                                   # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:                    # pragma: no cover - older Pythons
    import sre_constants as C          # type: ignore
    import sre_parse as P              # type: ignore

MAX_BOUND = 50
MAX_OPEN = 1
MAX_WAYS = 51 * 51           # two {0,50}: linear in the text, a bounded factor
MAX_WAYS_OPEN = 16          # beside an open-ended quantifier, whose cost is already the text's length
MAX_LENGTH = 200
SINGLE = {C.LITERAL, C.NOT_LITERAL, C.IN, C.CATEGORY}
HINT = ("patterns allow literal characters, classes such as [0-9] or \\d, groups with alternatives, and "
        "quantifiers on one character or class (one open-ended at most, bounds up to 50, at most 2,601 ways "
        "through the bounded ones and the alternatives, 16 beside an open-ended one); see the editing guide")


def problem(pattern: str) -> str | None:
    """What is wrong with a pattern, or None if it may be used."""
    if len(pattern) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    try:
        tree = P.parse(pattern)
    except re.error as e:
        return f"not a valid regular expression ({e})"
    if tree.state.flags & ~int(re.UNICODE):
        return "inline flags such as (?s) or (?i) are not allowed"
    counts = {"open": 0, "ways": 1}
    bad = _walk(tree, counts)
    if bad:
        return bad
    if counts["open"] > MAX_OPEN:
        return f"{counts['open']} open-ended quantifiers (*, + or {{m,}}); at most {MAX_OPEN}"
    most = MAX_WAYS_OPEN if counts["open"] else MAX_WAYS
    if counts["ways"] > most:
        return (f"{counts['ways']:,} ways through its bounded quantifiers and alternatives (each {{m,n}} or ? "
                f"multiplies by its number of lengths, each group by its number of alternatives); at most {most:,}"
                + (" beside an open-ended quantifier" if counts["open"] else ""))
    if tree.getwidth()[0] < 1:
        return "it can match without taking a character: every match must take at least one character"
    return None


def _walk(items, counts) -> str | None:
    for op, arg in items:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, body = arg
            if len(body) != 1 or body[0][0] not in SINGLE:
                return "a quantifier applies to a group; quantifiers may follow one character or class only"
            if high == C.MAXREPEAT:
                counts["open"] += 1
            elif high > MAX_BOUND:
                return f"a quantifier bound of {high}; at most {MAX_BOUND}"
            else:
                counts["ways"] *= high - low + 1
            continue
        if op == C.SUBPATTERN:
            group, add_flags, del_flags, body = arg
            if add_flags or del_flags:
                return "inline flags such as (?i:...) are not allowed"
            bad = _walk(body, counts)
            if bad:
                return bad
            continue
        if op == C.BRANCH:
            counts["ways"] *= len(arg[1])
            for alternative in arg[1]:
                bad = _walk(alternative, counts)
                if bad:
                    return bad
            continue
        if op in SINGLE:
            continue
        if op == C.ANY:
            return "'.' matches any character; name the characters with a class such as [A-Z0-9]"
        if op == C.AT:
            return "anchors (^, $, \\b, \\A, \\Z) are not allowed: a pattern matches whole words already"
        if op in (C.ASSERT, C.ASSERT_NOT):
            bad = _walk(arg[1], counts)
            if bad:
                return bad
            continue
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "back-references are not allowed"
        return f"this construct is not allowed ({str(op).lower()})"
    return None
