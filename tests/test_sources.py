"""The witness, the OCR round trip, and the strict reading of files and YAML."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import ROOT, WITNESS_SHA256
from generator.errors import Problems
from generator.parse.markup import strip_to_ocr
from generator.sources.schema import Bool, Int, Map, Opt, Str, validate
from generator.sources.files import read_text
from generator.sources.strict_yaml import load_yaml

WITNESS = ROOT / "site_src" / "cables" / "13790" / "beijing-13790-release.ocr.txt"


def test_the_witness_copy_is_byte_identical_to_the_release_ocr():
    data = WITNESS.read_bytes()
    assert hashlib.sha256(data).hexdigest() == WITNESS_SHA256
    assert data.count(b"\n") == 1112 and not data.endswith(b"\n")   # 1,113 lines, no final newline
    assert data.split(b"\n").count(b" ") == 4                      # four single-space lines


def test_stripping_the_editorial_layer_gives_back_the_ocr_exactly(cable):
    ocr = strip_to_ocr(cable.lines)
    assert ocr.encode("utf-8") == WITNESS.read_bytes()


def test_the_fixture_round_trips_too():
    from generator.pipeline import load as load_edition
    ed = load_edition(ROOT / "tests" / "fixtures" / "edition")
    c = ed.cables["99001"]
    witness = (ROOT / "tests/fixtures/edition/cables/99001/witness.ocr.txt").read_bytes()
    assert strip_to_ocr(c.lines).encode("utf-8") == witness
    assert "⟦BRACKETS⟧ AND" in witness.decode() and " | PIPE" in witness.decode()


def test_git_is_told_not_to_touch_the_witness():
    attrs = (ROOT / ".gitattributes").read_text()
    assert "site_src/cables/*/*.ocr.txt -text" in attrs


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def messages(problems: Problems) -> list[str]:
    return [p.format() for p in problems.items]


def test_byte_order_mark_is_refused_with_a_message(tmp_path):
    problems = Problems()
    assert read_text(write(tmp_path, "t.txt", "\ufeffA".encode()), problems) is None
    assert messages(problems)[0].endswith("t.txt:1:1: the file starts with a byte-order mark (U+FEFF)\n"
                                          "    hint: save the file as UTF-8 without BOM")


def test_crlf_is_refused_with_its_position(tmp_path):
    problems = Problems()
    read_text(write(tmp_path, "t.txt", b"AB\r\nC"), problems)
    assert messages(problems)[0].endswith("t.txt:1:3: carriage return (CR) found: the sources use LF line endings\n"
                                          "    hint: convert the file to LF line endings (e.g. `dos2unix`)")


def test_invalid_utf8_is_refused_with_its_position(tmp_path):
    problems = Problems()
    read_text(write(tmp_path, "t.txt", b"OK\nA\xff"), problems)
    assert messages(problems)[0].endswith("t.txt:2:2: not valid UTF-8 (byte 0xff)\n    hint: save the file as UTF-8")


def test_non_ascii_and_tabs_are_read_as_text(tmp_path):
    problems = Problems()
    assert read_text(write(tmp_path, "t.txt", "刘华秋\tLIU".encode()), problems) == "刘华秋\tLIU"
    assert not problems


def load(tmp_path, text):
    problems = Problems()
    data = load_yaml(write(tmp_path, "c.yaml", text.encode()), problems)
    return data, problems


def test_yaml_has_no_1_1_surprises(tmp_path):
    data, problems = load(tmp_path, "a: 08\nb: NO\nc: 1991-05-13\nd: 3.5\ne: true\nf: 12\ng:\nh: on\n")
    assert not problems
    assert data == {"a": "08", "b": "NO", "c": "1991-05-13", "d": "3.5", "e": True, "f": 12, "g": None, "h": "on"}


def test_yaml_positions_are_kept_for_every_key_value_and_item(tmp_path):
    # 20 keys (past the look along the keys, an index), a nested map, a list; col and line as written
    keys = [f"k{i:02d}" for i in range(20)]
    text = "".join(f"{k}:   v{i}\n" for i, k in enumerate(keys)) + "m:\n  x: 1\n  y:\n    - a\n    -   bb\n"
    data, problems = load(tmp_path, text)
    assert not problems
    assert (data.pos.line, data.pos.col) == (1, 1) and data.pos.path.endswith("c.yaml")
    for i, k in enumerate(reversed(keys)):
        n = 20 - i
        assert (data.key_pos[k].line, data.key_pos[k].col) == (n, 1)
        assert (data.val_pos[k].line, data.val_pos[k].col) == (n, 8)
    assert data.val_pos.get("nothing") is None and "m" in data.val_pos and "nothing" not in data.key_pos
    m = data["m"]
    assert (m.pos.line, m.pos.col) == (22, 3) and (m.val_pos["x"].line, m.val_pos["x"].col) == (22, 6)
    items = m["y"].item_pos
    assert len(items) == 2 and [(p.line, p.col) for p in items] == [(24, 7), (25, 9)]
    assert items[-1] == items[1] and list(zip(m["y"], items))[1][0] == "bb"
    with pytest.raises(IndexError):
        items[2]
    data["added"] = None                # the schema reads an absent optional key as null: no position
    assert data.val_pos.get("added") is None and "added" not in data.key_pos
    with pytest.raises(KeyError):
        data.val_pos["added"]


def test_yaml_duplicate_keys_are_errors(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert messages(problems)[0].endswith("c.yaml:3:1: duplicate key 'a' (first at line 1)\n"
                                          "    hint: each key may appear once in a mapping; merge the two entries")


def test_yaml_anchors_are_errors(tmp_path):
    _, problems = load(tmp_path, "a: &x 1\nb: *x\n")
    assert "YAML anchors and aliases are not allowed" in messages(problems)[0]


def test_yaml_syntax_errors_have_positions(tmp_path):
    _, problems = load(tmp_path, "a: 1\n\tb: 2\n")
    assert ":2:1: YAML syntax error" in messages(problems)[0]


SCHEMA = Map({"section": Int(), "flag": Bool(), "name": Str(), "note": Opt(Str())})


def check(tmp_path, text):
    data, problems = load(tmp_path, text)
    validate(data, SCHEMA, data.pos, problems, "")
    return messages(problems)


def test_schema_explains_a_zero_padded_number(tmp_path):
    out = check(tmp_path, "section: 08\nflag: true\nname: x\n")
    assert out[0].endswith("c.yaml:1:10: section: expected an integer, found the string '08'\n"
                           "    hint: write 8 without leading zeros or quotes")


def test_schema_refuses_yes_no_booleans(tmp_path):
    out = check(tmp_path, "section: 8\nflag: yes\nname: x\n")
    assert out[0].endswith("c.yaml:2:7: flag: expected true or false, found the string 'yes'\n"
                           "    hint: write true or false (yes/no/on/off are not booleans here)")


def test_schema_unknown_key_suggests_the_right_one(tmp_path):
    out = check(tmp_path, "section: 8\nflag: true\nname: x\nnotes: y\n")
    assert out[0].endswith("c.yaml:4:1: unknown key 'notes'\n    hint: did you mean 'note'?")


def test_schema_missing_key(tmp_path):
    out = check(tmp_path, "section: 8\nflag: true\n")
    assert out[0].endswith("c.yaml:1:1: missing key 'name'\n    hint: add `name: ...`")
