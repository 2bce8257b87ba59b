"""Odd input through the whole loader and the command line (`python -m generator check`):
an empty telegram, CRLF line endings, a byte-order mark, names in Chinese characters, tabs,
a large telegram. Each is handled or refused with the file, line, column, a message and a
hint; the command exits 1 and prints no traceback."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE, PY, ROOT, build, env, make_project, publish_anchors

FIXTURE_SHA = "3b92fef83bea2769eab722a96af8888756233441f535878c666889dd3956631c"


def source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    return src


def check(src: Path) -> subprocess.CompletedProcess:
    r = subprocess.run([PY, "-m", "generator", "--src", str(src), "check"], cwd=ROOT, env=env(),
                       capture_output=True, text=True)
    assert "Traceback" not in r.stderr
    return r


def refused(src: Path, where: str, message: str, hint: str = "") -> str:
    """The check fails, and its first problem is `message` at `where` (relative to the cable)."""
    r = check(src)
    assert r.returncode == 1, r.stdout
    first = r.stderr.split("\n")[0]
    assert first == f"{src / 'cables' / '99001' / where}: {message}", r.stderr
    if hint:
        assert hint in r.stderr.split("hint: ", 1)[-1], r.stderr
    assert r.stdout == ""
    return r.stderr


def rewrite_witness(cable: Path, witness: bytes) -> None:
    """Write a new witness and record its checksum and line count, as an editor would."""
    (cable / "witness.ocr.txt").write_bytes(witness)
    y = (cable / "cable.yaml").read_text(encoding="utf-8")
    y = y.replace(FIXTURE_SHA, hashlib.sha256(witness).hexdigest())
    lines = witness.count(b"\n") + 1
    y = y.replace("lines: 21", f"lines: {lines}")
    (cable / "cable.yaml").write_text(y, encoding="utf-8")


# ---------------------------------------------------------------- empty

def test_an_empty_transcription_is_refused_in_one_clear_message(tmp_path):
    src = source(tmp_path)
    (src / "cables/99001/transcription.txt").write_text("", encoding="utf-8")
    err = refused(src, "transcription.txt:1:1", "the transcription is empty",
                  "copy the witness (witness.ocr.txt) to transcription.txt and add the directives and marks")
    assert err.rstrip().endswith("1 problem found.")


def test_a_transcription_of_blank_lines_is_empty_too(tmp_path):
    src = source(tmp_path)
    (src / "cables/99001/transcription.txt").write_text("\n \n\n", encoding="utf-8")
    refused(src, "transcription.txt:1:1", "the transcription is empty")


def test_an_empty_witness_is_refused(tmp_path):
    src = source(tmp_path)
    (src / "cables/99001/witness.ocr.txt").write_bytes(b"")
    refused(src, "witness.ocr.txt:1:1", "the witness file is empty",
            "a telegram known only from pages in another release has no `witness:`")


def test_an_empty_cable_yaml_is_refused(tmp_path):
    src = source(tmp_path)
    (src / "cables/99001/cable.yaml").write_text("", encoding="utf-8")
    refused(src, "cable.yaml:1:1", "the file is empty")


def test_a_cable_yaml_holding_only_null_is_refused_not_skipped(tmp_path):
    """It used to be read as no data and no problem: the telegram silently left the edition."""
    src = source(tmp_path)
    (src / "cables/99001/cable.yaml").write_text("~\n", encoding="utf-8")
    refused(src, "cable.yaml:1:1", "the file holds no data (only null)")


def test_a_null_register_is_refused_after_another_files_problem_too(tmp_path):
    """The registers' problems are gathered in one list: an earlier file's problem must not
    hide that a later register holds no data."""
    src = source(tmp_path)
    (src / "registers").mkdir(exist_ok=True)
    for name in ("persons", "places"):
        (src / "registers" / f"{name}.yaml").write_text("~\n", encoding="utf-8")
    err = check(src).stderr
    for name in ("persons", "places"):
        assert f"{src / 'registers' / name}.yaml:1:1: the file holds no data (only null)" in err, err


def publish_anchors_of(src):
    r = subprocess.run([PY, "-m", "generator", "--src", str(src), "anchors", "--add"], cwd=ROOT, env=env(),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_a_control_character_in_yaml_is_refused_where_it_stands(tmp_path):
    src = source(tmp_path)
    y = src / "cables/99001/cable.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace('"A fictional telegram', '"A fic\x01tional telegram'),
                 encoding="utf-8")
    refused(src, "cable.yaml:4:14", "control character U+0001 is not allowed in YAML")


def test_an_empty_telegram_folder_is_refused(tmp_path):
    src = source(tmp_path)
    (src / "cables/99003").mkdir()
    r = check(src)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{src / 'cables/99003/cable.yaml'}:1:1: file not found\n")


# ---------------------------------------------------------------- line endings, BOM

def test_crlf_in_the_transcription_is_refused_at_the_first_cr(tmp_path):
    src = source(tmp_path)
    t = src / "cables/99001/transcription.txt"
    t.write_bytes(t.read_bytes().replace(b"\n", b"\r\n"))
    # the first line, "⟦@page 99001-01-02⟧", is 19 characters: the CR is in column 20
    refused(src, "transcription.txt:1:20", "carriage return (CR) found: the sources use LF line endings",
            "convert the file to LF line endings (e.g. `dos2unix`)")


def test_crlf_in_a_yaml_file_is_refused(tmp_path):
    src = source(tmp_path)
    y = src / "cables/99001/collation.yaml"
    y.write_bytes(y.read_bytes().replace(b"\n", b"\r\n"))
    refused(src, "collation.yaml:1:9", "carriage return (CR) found: the sources use LF line endings")


def test_a_witness_converted_to_crlf_is_caught_by_its_checksum_with_a_hint(tmp_path):
    src = source(tmp_path)
    w = src / "cables/99001/witness.ocr.txt"
    w.write_bytes(w.read_bytes().replace(b"\n", b"\r\n"))
    err = refused(src, "cable.yaml:23:3", "the witness file witness.ocr.txt has SHA-256 "
                  f"{hashlib.sha256(w.read_bytes()).hexdigest()}, not the {FIXTURE_SHA} recorded")
    assert "it has CRLF line endings" in err


def test_carriage_returns_that_are_the_witness_own_bytes_are_kept(tmp_path):
    """A CR inside an OCR line is witness text: the transcription cannot hold it (sources are LF),
    so the check names the line and column where the two differ."""
    src = source(tmp_path)
    cable = src / "cables/99001"
    w = (cable / "witness.ocr.txt").read_bytes()
    rewrite_witness(cable, w.replace(b"SEPTEL WILL", b"SEPTEL\rWILL"))
    refused(src, "transcription.txt:7:51", "the OCR layer differs from the witness at witness line 3, column 51")


@pytest.mark.parametrize("name", ["transcription.txt", "cable.yaml", "apparatus.yaml"])
def test_a_byte_order_mark_is_refused(tmp_path, name):
    src = source(tmp_path)
    f = src / "cables/99001" / name
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    refused(src, f"{name}:1:1", "the file starts with a byte-order mark (U+FEFF)", "save the file as UTF-8 without BOM")


def test_a_byte_order_mark_in_the_witness_gets_a_witness_hint(tmp_path):
    src = source(tmp_path)
    cable = src / "cables/99001"
    rewrite_witness(cable, b"\xef\xbb\xbf" + (cable / "witness.ocr.txt").read_bytes())
    refused(src, "witness.ocr.txt:1:1", "the file starts with a byte-order mark (U+FEFF)",
            "keep a copy without it as the witness, say so in `witness.description`")


def test_invalid_utf8_is_refused_at_its_character_column(tmp_path):
    src = source(tmp_path)
    t = src / "cables/99001/transcription.txt"
    lines = t.read_bytes().split(b"\n")
    lines[5] = "刘华秋 ".encode() + b"\xff" + lines[5]
    t.write_bytes(b"\n".join(lines))
    refused(src, "transcription.txt:6:5", "not valid UTF-8 (byte 0xff)", "save the file as UTF-8")


# ---------------------------------------------------------------- Chinese names, tabs

def chinese_and_tabs(tmp_path: Path) -> Path:
    """The fixture with a name in Chinese characters and a tab in the OCR, in a correction,
    in cable.yaml and in collation.yaml."""
    src = source(tmp_path)
    cable = src / "cables/99001"
    w = (cable / "witness.ocr.txt").read_bytes().decode()
    w = w.replace("THE MINISTER ON MAY 1.", "THE MINISTER 刘华秋\tON MAY 1.")
    w = w.replace("THE 25O DELEGATES", "THE 25O 刘华秋 DELEGATES")
    rewrite_witness(cable, w.encode())
    t = (cable / "transcription.txt").read_text(encoding="utf-8")
    t = t.replace("THE MINISTER ON MAY 1.", "THE MINISTER 刘华秋\tON MAY 1.")
    t = t.replace("⟦corr delegates-250|25O|250⟧ DELEGATES", "⟦corr delegates-250|25O|250⟧ ⟦ok liu|刘华秋⟧ DELEGATES")
    (cable / "transcription.txt").write_text(t, encoding="utf-8")
    y = (cable / "cable.yaml").read_text(encoding="utf-8")
    (cable / "cable.yaml").write_text(y.replace('title: "A fictional telegram with every mark"',
                                                'title: "Talks with 刘华秋 (Liu Huaqiu)"'), encoding="utf-8")
    c = (cable / "collation.yaml").read_text(encoding="utf-8")
    c = c.replace("entries:\n", 'entries:\n  liu:\n    printed: "刘华秋"\n    reading: "刘华秋"\n    decision: not-an-error\n'
                  '    type: garbled-name\n    certainty: high\n    resp: ed\n    evidence: "Liu\\tHuaqiu, as printed."\n'
                  '    second_reading: {agrees: true}\n', 1)
    (cable / "collation.yaml").write_text(c, encoding="utf-8")
    return src


def test_chinese_names_and_tabs_are_text(tmp_path):
    src = chinese_and_tabs(tmp_path)
    publish_anchors_of(src)          # the new collation entry is a new anchor
    r = check(src)
    assert r.returncode == 0, r.stderr
    from generator.pipeline import load as load_edition
    from generator.parse.markup import strip_to_ocr
    cable = load_edition(src).cables["99001"]
    assert strip_to_ocr(cable.lines).encode() == (src / "cables/99001/witness.ocr.txt").read_bytes()
    assert cable.interventions["liu"].marks[0][0].printed == "刘华秋"


def test_chinese_names_and_tabs_reach_the_built_pages(tmp_path):
    project = make_project(tmp_path / "project", chinese_and_tabs(tmp_path))
    publish_anchors(project)
    r = build(project, tmp_path / "site")
    assert r.returncode == 0, r.stderr
    import lxml.html
    reading = lxml.html.parse(str(tmp_path / "site/cables/99001/index.html")).getroot().text_content()
    release = lxml.html.parse(str(tmp_path / "site/cables/99001/release/index.html")).getroot().text_content()
    assert "THE MINISTER 刘华秋\tON MAY 1." in reading and "THE MINISTER 刘华秋\tON MAY 1." in release
    assert "Talks with 刘华秋 (Liu Huaqiu)" in reading


def test_a_problem_after_a_chinese_name_counts_characters_not_bytes(tmp_path):
    src = source(tmp_path)
    t = src / "cables/99001/transcription.txt"
    text = t.read_text(encoding="utf-8").replace("2. THE ⟦sic", "2. 刘华秋 ⟦zork a|B⟧ THE ⟦sic")
    t.write_text(text, encoding="utf-8")
    refused(src, "transcription.txt:7:8", "unknown mark 'zork'")


def test_a_tab_indenting_yaml_is_refused_with_a_hint(tmp_path):
    src = source(tmp_path)
    a = src / "cables/99001/apparatus.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("\n  r1:", "\n\tr1:"), encoding="utf-8")
    refused(src, "apparatus.yaml:2:1", "YAML syntax error: found character '\\t' that cannot start any token",
            "check indentation (spaces, not tabs) and quoting")


def test_a_tab_in_a_mark_head_is_an_unknown_mark_not_silence(tmp_path):
    src = source(tmp_path)
    t = src / "cables/99001/transcription.txt"
    t.write_text(t.read_text(encoding="utf-8").replace("⟦sic ambasador|", "⟦sic\tambasador|"), encoding="utf-8")
    refused(src, "transcription.txt:7:8", "unknown mark 'sic\\tambasador'")


# ---------------------------------------------------------------- large

def test_a_large_telegram_loads_and_round_trips(tmp_path):
    """Two megabytes of OCR in one telegram, 999 paragraphs (the most the schema allows); the
    benchmark builds one of 10 MB (about/performance/)."""
    from bench.corpus import write_huge
    src = tmp_path / "huge"
    size = write_huge(src, 2.0)
    assert size > 1.9e6
    publish_anchors_of(src)           # a corpus is written without its manifest
    r = check(src)
    assert r.returncode == 0, r.stderr
    assert "999 in all" in r.stdout
