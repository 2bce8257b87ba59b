"""The transcription syntax: each markup rule, each error with its exact message and position."""
from __future__ import annotations

import pytest

from generator.errors import Problems
from generator.parse.markup import parse_transcription, strip_to_ocr
from generator.model import Directive, Mark, OcrLine


def parse(text: str):
    problems = Problems()
    items = parse_transcription(text, "t.txt", problems)
    return items, problems


def errors(text: str) -> list[str]:
    items, problems = parse(text)
    assert problems, "expected an error"
    return [p.format() for p in problems.items]


def test_plain_text_is_one_ocr_line_per_line():
    items, problems = parse("A\nB C\n")
    assert not problems
    assert [type(i) for i in items] == [OcrLine, OcrLine]
    assert [i.printed for i in items] == ["A", "B C"]
    assert [i.number for i in items] == [1, 2]


def test_one_final_newline_belongs_to_the_file_not_the_ocr():
    assert strip_to_ocr(parse("A\nB")[0]) == "A\nB"
    assert strip_to_ocr(parse("A\nB\n")[0]) == "A\nB"
    assert strip_to_ocr(parse("A\nB\n\n")[0]) == "A\nB\n"


def test_single_space_lines_and_empty_lines_survive():
    text = "A\n \n\nB"
    assert strip_to_ocr(parse(text)[0]) == text


def test_directive_lines_are_not_ocr_lines():
    items, _ = parse("⟦@page x-1⟧\n⟦@fw stamp⟧\nUNCLASSIFIED\n⟦@p 3⟧⟦@block⟧\n3. TEXT")
    assert [type(i) for i in items] == [Directive, Directive, OcrLine, Directive, Directive, OcrLine]
    assert items[3].name == "p" and items[3].args == (3,)
    assert strip_to_ocr(items) == "UNCLASSIFIED\n3. TEXT"
    assert [i.number for i in items if isinstance(i, OcrLine)] == [1, 2]


def test_inline_directive_keeps_the_line_an_ocr_line():
    items, _ = parse("END.⟦@p 4⟧ 4. NEXT")
    assert len(items) == 1 and isinstance(items[0], OcrLine)
    assert items[0].printed == "END. 4. NEXT"
    assert isinstance(items[0].items[1], Directive)


def test_correction_keeps_printed_form_and_reading():
    items, problems = parse("ASKED FOR ⟦corr agnesty|AGNESTY|AMNESTY⟧/LENIENCY")
    assert not problems
    mark = items[0].items[1]
    assert isinstance(mark, Mark)
    assert (mark.kind, mark.id, mark.printed, mark.reading) == ("corr", "agnesty", "AGNESTY", "AMNESTY")
    assert mark.pos.col == 11
    assert items[0].printed == "ASKED FOR AGNESTY/LENIENCY"


def test_uncertain_reading_has_alternatives():
    mark = parse("⟦unclear x|250|250|255|25O⟧")[0][0].items[0]
    assert mark.reading == "250"
    assert mark.alternatives == ("250", "255", "25O")


def test_zero_width_note_prints_nothing():
    items, problems = parse("SEPTEL⟦note n-septel⟧ WILL")
    assert not problems
    assert items[0].printed == "SEPTEL WILL"


def test_the_ocr_conventions_are_data_inside_their_marks():
    items, problems = parse("A ⟦redact r|[REDACTED]⟧ ⟦add c|^(CONCERN)⟧ ⟦del d|~~OLD~~⟧")
    assert not problems
    assert items[0].printed == "A [REDACTED] ^(CONCERN) ~~OLD~~"


def test_doubled_brackets_and_pipes_are_literal():
    items, problems = parse("A ⟦⟦X⟧⟧ | B ⟦corr c|P||Q|R⟧")
    assert not problems
    assert items[0].printed == "A ⟦X⟧ | B P|Q"
    assert items[0].items[1].fields == ("P|Q", "R")


@pytest.mark.parametrize("text, expected", [
    ("A ⟦corx x|A|B⟧", "t.txt:1:3: unknown mark 'corx'\n    ⟦corx x|A|B⟧\n    hint: did you mean 'corr'?"),
    ("A ⟦corr x|A", "t.txt:1:3: mark opened here is not closed on the same line\n    ⟦corr x|A\n"
                    "    hint: close it with ⟧; marks cannot span lines"),
    ("A ⟧ B", "t.txt:1:3: stray ⟧ without an opening ⟦\n    A ⟧ B\n"
              "    hint: write ⟧⟧ for a literal ⟧ in the OCR text"),
    ("X ⟦corr a|⟦ok b|Y⟧|Z⟧", "t.txt:1:11: marks cannot nest\n    ⟦corr a|⟦ok b|Y⟧|Z⟧\n"
                             "    hint: close the first mark before opening another, or write ⟦⟦ for a literal ⟦"),
    ("⟦corr|A|B⟧", "t.txt:1:1: mark 'corr' needs one id after its name (lower-case letters, digits, hyphens)\n"
                   "    ⟦corr|A|B⟧\n    hint: write ⟦corr some-id|...⟧"),
    ("⟦corr Bad|A|B⟧", "t.txt:1:1: mark 'corr' needs one id after its name (lower-case letters, digits, hyphens)\n"
                       "    ⟦corr Bad|A|B⟧\n    hint: write ⟦corr some-id|...⟧"),
    ("Q ⟦corr a|A⟧", "t.txt:1:3: mark 'corr' takes 2 field(s) after its head, found 1\n    ⟦corr a|A⟧\n"
                     "    hint: write ⟦corr ID|printed|reading⟧"),
    ("⟦corr a|A|⟧", "t.txt:1:1: empty field in mark 'corr'\n    ⟦corr a|A|⟧\n"
                    "    hint: every field needs text; a literal | is written ||"),
    ("⟦@para 3⟧", "t.txt:1:1: unknown directive '@para'\n    ⟦@para 3⟧\n    hint: did you mean '@page'?"),
    ("⟦@p 03⟧", "t.txt:1:1: directive '@p' needs a paragraph number, found '03'\n    ⟦@p 03⟧\n"
                "    hint: write the number without leading zeros, e.g. ⟦@p 14⟧"),
    ("⟦@fw stmp⟧", "t.txt:1:1: unknown page-furniture kind 'stmp'\n    ⟦@fw stmp⟧\n    hint: did you mean 'stamp'?"),
    ("⟦@page⟧", "t.txt:1:1: directive '@page' takes 1 argument(s), found 0\n    ⟦@page⟧\n    hint: write ⟦@page ID⟧"),
    ("⟦@text|x⟧", "t.txt:1:1: directive '@text' takes no '|' fields\n    ⟦@text|x⟧"),
    ("OK\nA [REDACTED] B", "t.txt:2:3: the OCR's redaction marker [REDACTED] stands outside a ⟦redact⟧ mark\n"
                           "    A [REDACTED] B\n    hint: wrap it as ⟦redact some-id|[REDACTED]...⟧ and describe it in apparatus.yaml"),
    ("GLOBAL ^(CONCERN) X", "t.txt:1:8: the OCR's handwritten insertion ^(...) stands outside a ⟦add⟧ mark\n"
                            "    GLOBAL ^(CONCERN) X\n    hint: wrap it as ⟦add some-id|^(...⟧ and describe it in apparatus.yaml"),
    ("~~OLD~~", "t.txt:1:1: the OCR's strike-through ~~...~~ stands outside a ⟦del⟧ mark\n"
                "    ~~OLD~~\n    hint: wrap it as ⟦del some-id|~~...⟧ and describe it in apparatus.yaml"),
    ("⟦add a|CONCERN⟧", "t.txt:1:1: mark 'add' must enclose the OCR's own notation (handwritten insertion, printed ^(...) by the OCR)\n"
                        "    ⟦add a|CONCERN⟧\n    hint: the printed form must match \\^\\((.+)\\)"),
])
def test_errors_are_exact_and_positioned(text, expected):
    assert errors(text)[0] == expected


def test_all_errors_of_a_file_are_reported_together():
    found = errors("⟦corx a|B⟧\nOK\n⟦@p 0⟧\nA ⟧")
    assert [e.split(":")[1] for e in found] == ["1", "3", "4"]


def test_strip_gives_back_text_with_every_kind_of_mark():
    text = ("⟦@page p-1⟧\n⟦@fw stamp⟧\nUNCLASSIFIED\n⟦@p 2⟧\n2. A ⟦corr a|B|C⟧ ⟦sic b|D⟧ ⟦ok c|E⟧ "
            "⟦unclear d|F|F|G⟧ ⟦redact e|[REDACTED]⟧ ⟦add f|^(H)⟧ ⟦del g|~~I~~⟧⟦note h⟧ ⟦⟦J⟧⟧\n"
            "⟦@gap k⟧\n⟦@dup l⟧\n \n⟦@text⟧⟦@block⟧\nEND")
    items, problems = parse(text)
    assert not problems
    assert strip_to_ocr(items) == ("UNCLASSIFIED\n2. A B D E F [REDACTED] ^(H) ~~I~~ ⟦J⟧\n \nEND")


def test_the_ocr_notation_is_interpreted_when_parsed():
    items, _ = parse("⟦add a|^(CONCERN)⟧ ⟦del b|~~OLD HEADING~~⟧ ⟦corr c|X|Y⟧")
    marks = [i for i in items[0].items if isinstance(i, Mark)]
    assert [m.content for m in marks] == ["CONCERN", "OLD HEADING", "X"]


@pytest.mark.parametrize("text, col", [("⟦⟦X⟧⟧ [REDACTED]", 7), ("AB ⟦⟦ [REDACTED]", 7), ("⟦ok a|B⟧ ~~C~~", 10)])
def test_positions_count_source_columns_after_escapes(text, col):
    """A doubled bracket is two source characters but one OCR character: positions are the editor's."""
    assert errors(text)[0].startswith(f"t.txt:1:{col}: ")
