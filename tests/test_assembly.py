"""Cable-level checks: the model is built with positions and every inconsistency between
the transcription, the witness and the YAML tables is reported where it stands."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE
from generator.errors import EditionError
from generator.pipeline import load as load_edition

T = "cables/99001/transcription.txt"
C = "cables/99001/cable.yaml"
COLL = "cables/99001/collation.yaml"
APP = "cables/99001/apparatus.yaml"


@pytest.fixture
def src(tmp_path) -> Path:
    dest = tmp_path / "src"
    shutil.copytree(FIXTURE, dest)
    return dest


def edit(src: Path, name: str, old: str, new: str) -> None:
    p = src / name
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(src: Path) -> list[str]:
    with pytest.raises(EditionError) as e:
        load_edition(src)
    return [p.format() for p in e.value.problems]


def one(src: Path) -> str:
    found = problems_of(src)
    assert len(found) >= 1
    return found[0]


def test_the_fixture_builds_a_full_model():
    ed = load_edition(FIXTURE)
    c = ed.cables["99001"]
    assert [p.id for p in c.pages] == ["99001-01-02", "99001-01-03", "99002-01-02", "99001-01-04", "99001-01-01"]
    assert [p.id for p in sorted(c.pages, key=lambda p: p.order)][0] == "99001-01-01"
    assert {iv.kind for iv in c.interventions.values()} == {"corr", "sic", "ok", "unclear", "redact", "add", "del", "note"}
    assert len(c.interventions["r3"].marks) == 2                       # one excision, two markers
    assert {c.page(p.page).id for _, p in c.interventions["r3"].marks} == {"99001-01-02", "99001-01-03"}
    assert c.paragraphs[5].pages == ["99001-01-03", "99002-01-02"]    # a paragraph across two telegrams' pages
    assert len(c.paragraphs[6].blocks) == 2                           # a dash item in a second block
    assert c.headings[0].id == "h-old-heading" and c.headings[0].before == 3
    assert c.lacunae["g4"].paragraphs == (4,)
    assert c.duplicates["d6"].pieces[0].printed == "-- A DASH ITEM THAT"
    assert c.matter["signature"].pieces[0].printed == "DOE"
    mark = c.interventions["delegates-250"].marks[0][0]
    assert (mark.pos.line, mark.pos.col) == (8, 51)                    # every node keeps its position
    assert ed.cables["99002"].has_transcription is False
    assert [p.id for _, p in ed.witness_pages_of("99002")] == ["99002-01-02"]


def test_a_changed_ocr_character_is_found_at_its_place(src):
    edit(src, T, "THE TALKS WERE", "THE TALK WERE")
    msg = one(src)
    assert f"{T}:8:9: the OCR layer differs from the witness at witness line 4, column 9" in msg
    assert "hint: the OCR text must stay exactly as in the witness; put changes in marks" in msg


def test_a_changed_witness_is_caught_by_its_checksum(src):
    edit(src, C, "sha256: 3b92", "sha256: 0b92")
    assert f"{C}:23:3: the witness file witness.ocr.txt has SHA-256 3b92" in one(src)


def test_a_mark_without_collation_entry(src):
    edit(src, COLL, "  doe:\n", "  doe-renamed:\n")
    found = problems_of(src)
    assert any(f"{T}:41:1: ⟦unclear doe⟧ has no entry in collation.yaml `entries`" in m for m in found)
    assert any(f"{COLL}:38:3: collation.yaml `entries`: 'doe-renamed' is not used in the transcription" in m
               for m in found)


def test_collation_and_transcription_must_agree_on_the_printed_form(src):
    edit(src, COLL, 'printed: "25O"', 'printed: "25o"')
    assert (f"{COLL}:21:5: entry 'delegates-250': printed form '25o' does not match the transcription's '25O' "
            "at 8:51") in one(src)


def test_collation_and_transcription_must_agree_on_the_reading(src):
    edit(src, COLL, 'reading: "250"', 'reading: "25"')
    assert "entry 'delegates-250': reading '25' does not match the transcription's '250' at 8:51" in one(src)


def test_the_decision_must_fit_the_mark(src):
    edit(src, COLL, "decision: not-an-error", "decision: ocr-error")
    assert ("entry 'septel': decision 'ocr-error' does not fit the mark ⟦ok⟧ at 7:61\n"
            "    hint: a ok mark records the decision 'not-an-error'") in one(src)


def test_a_paragraph_declared_missing_must_have_no_text(src):
    edit(src, C, "5: {status: present}", "5: {status: missing, reason: x}")
    found = problems_of(src)
    assert any(f"{T}:24:1: paragraph 5 is declared missing but has text in the transcription" in m for m in found)


def test_a_withheld_paragraph_needs_its_redaction(src):
    edit(src, C, "2: {status: present}", "2: {status: withheld-in-part, reason: x}")
    assert "paragraph 2 is declared withheld-in-part but holds no redaction mark" in one(src)


def test_an_undeclared_paragraph(src):
    edit(src, T, "⟦@p 6⟧", "⟦@p 7⟧")
    found = problems_of(src)
    assert any(f"{T}:31:1: paragraph 7 is not declared in cable.yaml" in m for m in found)


def test_paragraphs_must_come_in_order(src):
    edit(src, T, "⟦@p 3⟧", "⟦@p 6⟧")
    assert any(f"{T}:31:1: paragraph 6 begins twice (first at line 11)" in m for m in problems_of(src))


def test_an_ocr_line_must_be_in_a_zone(src):
    edit(src, T, "⟦@page 99001-01-02⟧\n⟦@fw running-head⟧\n", "⟦@page 99001-01-02⟧\n")
    assert one(src).endswith(f"{T}:2:1: OCR line in no zone: say what it is\n"
                             "    PAGE 02 OF 04 OTTAWA 99001 01 OF 01 010930Z\n"
                             "    hint: put ⟦@fw KIND⟧, ⟦@matter ID⟧, ⟦@p N⟧ or ⟦@text⟧ before it")


def test_pages_follow_the_declared_file_order(src):
    edit(src, C, "order: [99001-01-01, 99001-01-02", "order: [99001-01-02, 99001-01-02")
    found = problems_of(src)
    assert any("order: page '99001-01-02' listed twice" in m for m in found)
    assert any("order: page '99001-01-01' is missing from the logical order" in m for m in found)


def test_an_undeclared_page(src):
    edit(src, T, "⟦@page 99001-01-03⟧", "⟦@page 99001-01-09⟧")
    found = problems_of(src)
    assert any(f"{T}:16:1: page '99001-01-09' is not declared in cable.yaml" in m for m in found)


def test_a_lacuna_must_be_placed(src):
    edit(src, T, "⟦@gap g4⟧\n", "")
    found = problems_of(src)
    assert any("apparatus.yaml `lacunae`: 'g4' is not placed in the transcription\n    hint: put ⟦@gap g4⟧ where it belongs"
               in m for m in found)


def test_a_mark_id_is_used_once(src):
    edit(src, T, "⟦sic ambasador|AMBASADOR⟧", "⟦sic septel|AMBASADOR⟧")
    assert any("id 'septel' is used twice (first at 7:8)" in m for m in problems_of(src))


def test_a_missing_related_telegram(src):
    shutil.rmtree(src / "cables" / "99002")
    found = problems_of(src)
    assert any("page '99002-01-02' belongs to telegram 99002, which has no folder in site_src/cables/" in m
               for m in found)
    assert any("relation to telegram 99002 which has no folder in site_src/cables/" in m for m in found)


def test_a_broken_cable_does_not_make_its_neighbours_complain(src):
    edit(src, COLL, "  doe:\n", "  doe-renamed:\n")
    assert not any("99002" in m for m in problems_of(src))


def test_yaml_errors_of_several_files_are_reported_together(src):
    edit(src, C, "sections: 1", "sections: 01x")
    edit(src, APP, "kind: unmarked-excision", "kind: unmarked-excisions")
    found = problems_of(src)
    assert any(f"{C}:15:11: sections: expected an integer, found the string '01x'" in m for m in found)
    assert any("lacunae.g4.kind: the string 'unmarked-excisions' is not one of the allowed values\n"
               "    hint: did you mean 'unmarked-excision'?" in m for m in found)
