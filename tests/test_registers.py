"""The registers and the glossary: which (entry, paragraph) pairs are indexed and which must
not be, the function that finds mentions, errors in the register sources, and the coverage
of the witness's abbreviations by the glossary."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, PY, ROOT, env
from generator.errors import EditionError
from generator.pipeline import load as load_edition
from generator.edition.glossary import abbreviation_like, uncovered_tokens
from generator.edition.registers import find_mentions


def all_places(edition) -> list:
    return [p for c in edition.cables.values() for p in c.places.values()]


def places_of(edition, register, entry) -> set[str]:
    return {o.place.anchor for o in edition.registers.of(register, entry)}


MUST = [
    ("persons", "kimmitt", "p46"),          # via MR. KIMMITT
    ("persons", "kimmitt", "p23"),          # via THE U/S, beside U/S BARTHOLOMEW
    ("persons", "kimmitt", "p34"),          # a paragraph carried by 13462 counts
    ("persons", "bartholomew", "p16"),
    ("persons", "bartholomew", "p20"),
    ("persons", "bartholomew", "p23"),
    ("persons", "smith", "p39"), ("persons", "smith", "p47"),
    ("persons", "wolf", "p39"), ("persons", "wolf", "p47"),
    ("persons", "baker", "p7"),             # SECRETARY / BAKER across a page break
    ("persons", "baker", "p22"),
    ("persons", "liu-huaqiu", "p4"),        # VFM LIU HUAQIU, both words corrected from the OCR
    ("persons", "wei-jingsheng", "p46"),
    ("persons", "han-dongfang", "p34"),
    ("persons", "pascoe", "signature"),     # names outside the paragraphs
    ("persons", "miller-robert", "review-stamp"),
    ("persons", "ross", "distribution-01"),
    ("persons", "kimmitt", "routing-01"),
    ("places", "pakistan", "p24"),
    ("places", "united-states", "p43"),     # U. S. as printed, with a space
    ("organisations", "government-of-pakistan", "p24"),
    ("organisations", "jackson-vanik", "p36"),   # JACKSON-VANIK / AMENDMENT across pages of 13462
    ("organisations", "mtcr", "p18"),
    ("organisations", "udhr", "p39"),
    ("subjects", "trade", "h-trade-matters"),    # the heading over the missing ¶48-52
    ("subjects", "non-proliferation", "p19"),    # under the heading PROLIFERATION
    ("subjects", "human-rights", "p33"),         # tagged: only the end of ¶33 survives
    ("subjects", "religious-freedom", "p47"),
]

MUST_NOT = [
    ("persons", "kimmitt", "p1"),           # withheld in full
    ("persons", "bartholomew", "p22"),
    ("subjects", "religious-freedom", "p40"),    # under the heading, declared out of its reach
    ("subjects", "non-proliferation", "p33"),    # the heading's reach stops at the lost ¶31-33
    ("subjects", "trade", "p48"),                # missing: nothing to index
    ("subjects", "non-proliferation", "p26"),    # missing inside the heading's reach
]


@pytest.mark.parametrize("register,entry,anchor", MUST)
def test_indexed(edition, register, entry, anchor):
    assert anchor in places_of(edition, register, entry)


@pytest.mark.parametrize("register,entry,anchor", MUST_NOT)
def test_not_indexed(edition, register, entry, anchor):
    assert anchor not in places_of(edition, register, entry)


def test_nothing_is_indexed_in_withheld_or_missing_paragraphs(edition, cable):
    empty = {f"p{n}" for n, p in cable.paragraphs.items() if p.status in ("withheld", "missing")}
    assert {"p1", "p9", "p29", "p48", "p52"} <= empty
    hits = [(o.register, o.entry, o.place.anchor) for o in edition.registers.occurrences
            if o.place.cable == cable.id and o.place.anchor in empty]
    assert hits == []


def test_u_s_bartholomew_is_never_kimmitt(edition):
    for o in edition.registers.occurrences:
        if o.entry == "kimmitt" and o.basis == "form":
            after = o.place.text[o.end:].lstrip()
            assert "BARTHOLOMEW" not in o.text and not after.startswith("BARTHOLOMEW"), (o.place.anchor, o.text)
    p23 = next(p for p in all_places(edition) if p.anchor == "p23")
    kimmitt = [m for m in find_mentions(p23.text, edition.registers) if m.entry == "kimmitt"]
    bart = [m for m in find_mentions(p23.text, edition.registers) if m.entry == "bartholomew"]
    assert [m.text for m in kimmitt] == ["THE U/S"] and [m.text for m in bart] == ["U/S BARTHOLOMEW"]
    assert kimmitt[0].end <= bart[0].start


def test_find_mentions_gives_exact_offsets_and_nested_registers(edition):
    text = "THE U.S. CONGRESS HAD SINGLED OUT, MR.\nKIMMITT SAID."
    ms = find_mentions(text, edition.registers)
    assert all(text[m.start:m.end] == m.text for m in ms)
    got = [(m.register, m.entry, m.text) for m in ms]
    assert ("organisations", "congress", "U.S. CONGRESS") in got
    assert ("places", "united-states", "U.S.") in got          # nested inside the organisation
    assert ("persons", "kimmitt", "MR.\nKIMMITT") in got        # a form matches across a line break
    assert find_mentions(text, edition.registers, kinds=["persons"]) == \
        [m for m in ms if m.register == "persons"]


def test_mentions_of_one_register_never_overlap_and_registers_nest(edition):
    for p in all_places(edition):
        ms = find_mentions(p.text, edition.registers, cable=edition.cables[p.cable], anchor=p.anchor)
        assert ms == p.mentions          # the mentions are found once, when the edition is loaded
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.start < a.end:
                    assert a.register != b.register, (p.anchor, a, b)
                    assert b.end <= a.end, (p.anchor, a, b)


def test_every_entry_has_occurrences_and_the_counts(edition):
    """Every entry of each register's file is loaded, and each occurs somewhere."""
    regs = edition.registers
    for register, entries in regs.entries.items():
        raw = yaml.safe_load((ROOT / "site_src" / "registers" / f"{register}.yaml").read_text(encoding="utf-8"))
        assert sorted(entries) == sorted(raw["entries"]), register
    for register, entries in regs.entries.items():
        for eid in entries:
            assert regs.of(register, eid), (register, eid)


# ------------------------------------------------------------------ the glossary

def test_every_abbreviation_like_token_is_covered(edition):
    assert uncovered_tokens(edition) == []


def test_the_declared_exclusions_are_abbreviation_like_and_occur(edition):
    """No stale exclusion: each is abbreviation-like and stands in a witness's reading form."""
    from generator.edition.glossary import TOKEN
    reading = "\n".join("".join(s.text for s in spans) for c in edition.cables.values()
                        for line in c.release for _, spans in line.pieces)
    words = {re.sub(r"'S$", "", w) for w in TOKEN.findall(reading)}
    for tokens, reason, pos in edition.registers.exclusions:
        for t in tokens:
            assert abbreviation_like(t), (t, reason)
            assert t in words, t


def test_abbreviation_like_tokens():
    assert all(abbreviation_like(t) for t in ["U/S", "A/S", "E.O", "U.S", "NOD388", "G-7", "ZFF6", "MFN", "GOP",
                                              "NFZ'S", "S/S-I", "W/", "CSS-2S"])
    assert not any(abbreviation_like(t) for t in ["KIMMITT", "Schifter", "1991", "06/12/96", "PROLIFERATION"])


def test_every_glossary_term_occurs_in_the_witness(edition):
    have = {o.term for o in edition.registers.glossary_occurrences}
    assert set(edition.registers.glossary) == have
    for tid in ("u-s", "vfm", "a-s", "mfn", "mtcr", "npt", "cw", "nfz", "gop", "prc", "usg", "mfa", "septel",
                "nodis", "decl-oadr", "e-o-12356", "dtg", "s-s", "exsec", "nods", "tag-mnuc"):
        assert tid in have, tid


def test_declared_forms_catch_what_a_word_match_misses(edition):
    occ = edition.registers.glossary_occurrences
    texts = lambda tid: {o.text for o in occ if o.term == tid}
    assert texts("nfz") == {"NFZ'S"}
    assert texts("e-o-12356") == {"E.O. 12356", "E. O. 12356"}
    assert "130535Z MAY 91" in texts("dtg") and "130535 MAY 91" in texts("dtg")
    eyes = [o for o in occ if o.term == "eyes-only"]
    assert {o.anchor for o in eyes} == {"distribution-01"} and len(eyes) == 2
    # IMMEDIATE is a precedence everywhere but in ¶37, where it is an ordinary word
    assert "p37" not in {o.anchor for o in occ if o.term == "immediate"}
    assert any(o.view == "release" for o in occ if o.term == "immediate")


# ------------------------------------------------------------------ errors in the sources

@pytest.fixture
def src(tmp_path):
    dest = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", dest)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")     # the commentary the telegrams name
    return dest


def problems_of(src) -> list[str]:
    with pytest.raises(EditionError) as e:
        load_edition(src)
    return [p.format() for p in e.value.problems]


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_form_that_occurs_nowhere_is_an_error(src):
    p = src / "registers" / "persons.yaml"
    _edit(p, 'forms: ["SADDAM HUSSEIN"]', 'forms: ["SADDAM HUSSEIN", "SADDAM"]')
    lines = p.read_text().splitlines()
    start = next(i for i, l in enumerate(lines, 1) if l.startswith("  saddam-hussein:"))
    line = next(i for i, l in enumerate(lines, 1) if i > start and "SADDAM" in l and "forms:" in l)
    col = lines[line - 1].index('"SADDAM"') + 1
    msgs = problems_of(src)
    assert msgs == [f"{p}:{line}:{col}: persons#saddam-hussein: the form 'SADDAM' occurs nowhere in the text\n"
                    "    hint: forms are case-sensitive whole words as the reading text has them; "
                    "correct or remove the form"]


def test_a_place_in_a_missing_paragraph_cannot_be_tagged(src):
    p = src / "registers" / "subjects.yaml"
    _edit(p, 'at: ["13790#p40"]', 'at: ["13790#p40", "13790#p49"]')
    line, col = next((i, l.index('"13790#p49"') + 1) for i, l in enumerate(p.read_text().splitlines(), 1)
                     if "13790#p49" in l)
    msgs = problems_of(src)
    assert msgs == [f"{p}:{line}:{col}: 13790#p49: paragraph 49 is missing: nothing of it is in the release "
                    "to index\n    hint: occurrences are only indexed in text the release gives"]


def test_a_heading_cannot_reach_past_the_next(src):
    p = src / "registers" / "subjects.yaml"
    _edit(p, '{at: "13790#h-chinese-response-proliferation", paragraphs: "25-30"}',
          '{at: "13790#h-chinese-response-proliferation", paragraphs: "25-40"}')
    msgs = problems_of(src)
    assert len(msgs) == 1
    assert ("13790#h-chinese-response-proliferation: paragraphs 25-40 are not under this heading, which stands "
            "before paragraph 25 and is followed by the next heading before paragraph 39") in msgs[0]
    assert "hint: a heading covers paragraphs from 25 up to 38 at most" in msgs[0]


def test_an_exception_that_applies_to_nothing_is_an_error(src):
    p = src / "registers" / "glossary.yaml"
    _edit(p, '{at: "13790#p37", form: "IMMEDIATE"', '{at: "13790#p36", form: "IMMEDIATE"')
    msgs = problems_of(src)
    assert len(msgs) == 1 and "glossary term 'immediate': the exception for 'IMMEDIATE' at 13790#p36 applies " \
                               "to nothing" in msgs[0]


def test_an_unknown_key_is_reported_with_its_position(src):
    p = src / "registers" / "places.yaml"
    _edit(p, "  china:\n", "  china:\n    colour: red\n")
    line = p.read_text(encoding="utf-8").splitlines().index("    colour: red") + 1
    msgs = problems_of(src)
    assert msgs == [f"{p}:{line}:5: entries.china: unknown key 'colour'\n    hint: allowed keys: name, sort, "
                    "description, certainty, source, authority, forms, exceptions, at, note, kind"]


def test_a_glossary_term_that_occurs_nowhere_is_an_error(src):
    p = src / "registers" / "glossary.yaml"
    _edit(p, "terms:\n", 'terms:\n  xyz:\n    term: "XYZ"\n    expansion: "nothing"\n    kind: abbreviation\n')
    msgs = problems_of(src)
    assert msgs == [f"{p}:9:3: glossary term 'xyz' (XYZ) occurs nowhere in the witness\n"
                    "    hint: check its forms against the text, or remove the term"]


def test_without_registers_the_edition_still_loads(src):
    shutil.rmtree(src / "registers")
    edition = load_edition(src)
    assert edition.registers.occurrences == [] and edition.registers.glossary == {}


def test_check_notes_an_entry_named_outside_its_offices(tmp_path):
    """Not an error (a former official may be named), but an editor learns of it: THE PRESIDENT
    of a telegram of 1985 indexed under the President of 1991 would show up here."""
    src = tmp_path / "site_src"
    shutil.copytree(FIXTURE, src)
    p = src / "registers/persons.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace('{title: "Ambassador (again)", from: "1999-01-01"}',
                                                       '{title: "Ambassador (again)", from: "2005-01-01"}'),
                 encoding="utf-8")
    r = subprocess.run([PY, "-m", "generator", "--src", str(src), "check"], cwd=ROOT, env=env(),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    notices = [line for line in r.stdout.splitlines() if line.startswith("notice:")]
    assert notices == ["notice: persons entry ambassador is named in Ottawa 99001, dated 2001-01-01, outside every "
                       "office it records (its index entry says so; if the form names an office rather than the "
                       "person, limit the form to a period or to telegrams: see the editing guide)"]


@given(words=st.lists(st.sampled_from(["U.S.", "U.S.-China", "Li", "Liu", "Li Peng", "Peng", "li", "-", ".", " ",
                                       "\n", "Liu Huaqiu", "Huaqiu", "1991", "U.S.S.R."]), max_size=40),
       form=st.sampled_from(["U.S.", "Li", "Li Peng", "Liu Huaqiu", "Peng", "U.S.-China"]))
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
def test_a_form_is_looked_for_only_where_its_first_word_stands_and_found_as_everywhere(words, form):
    """Matcher tries a form's expression only where its first word stands: the same matches as
    trying it at every character."""
    from generator.edition.registers import Matcher, _matches
    text = "".join(w if w in (" ", "\n", "-", ".") else f" {w}" for w in words)
    matcher = Matcher()
    matcher.add("persons", "x", form)
    _, _, _, regex, needle, _ = matcher.rules[0]
    assert needle == form.split()[0]
    assert [m.span() for m in _matches(regex, needle, text)] == [m.span() for m in regex.finditer(text)]
