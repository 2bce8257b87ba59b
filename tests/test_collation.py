"""The collation table and the transcription agree entry for entry; the counts reconcile."""
from __future__ import annotations

from conftest import ROOT
from generator.sources.strict_yaml import load_yaml
from generator.errors import Problems
from generator.edition import stats

COLLATED = ("corr", "sic", "ok", "unclear")


def test_every_collation_entry_has_its_mark_and_every_mark_its_entry(cable):
    table = load_yaml(ROOT / "site_src/cables/13790/collation.yaml", Problems())["entries"]
    marks = {iv.id: iv for iv in cable.interventions.values() if iv.kind in COLLATED}
    assert set(table) == set(marks)
    for eid, entry in table.items():
        mark = marks[eid].marks[0][0]
        assert entry["printed"] == mark.printed, eid
        if mark.kind in ("corr", "unclear"):
            assert entry["reading"] == mark.reading, eid
        assert entry["decision"] == {"corr": "ocr-error", "sic": "telegram-slip", "ok": "not-an-error",
                                     "unclear": "uncertain"}[mark.kind], eid


def test_reading_and_release_corrections_add_up_to_the_table(cable):
    c = stats.cable_counts(cable)
    table = load_yaml(ROOT / "site_src/cables/13790/collation.yaml", Problems())["entries"]
    ocr_errors = sum(1 for e in table.values() if e["decision"] == "ocr-error")
    assert c["corrections_reading"] + c["corrections_diplomatic"] == ocr_errors
    in_reading = {iv.id for iv in cable.interventions.values() if iv.kind == "corr" and iv.in_reading}
    assert c["corrections_reading"] == len(in_reading) and {"agnesty", "huadu", "yfm"} <= in_reading


def test_the_known_body_corrections_are_there(cable):
    iv = cable.interventions
    assert (iv["agnesty"].record["printed"], iv["agnesty"].record["reading"]) == ("AGNESTY", "AMNESTY")
    assert iv["huadu"].record["reading"] == "HUAQIU" and iv["yfm"].record["reading"] == "VFM"
    commas = [i for i in iv.values() if i.id.startswith("comma-")]
    assert len(commas) == 7 and all(cable.page(i.first.page).telegram == "13462" for i in commas)
    assert all(i.in_reading for i in (iv["agnesty"], iv["huadu"], *commas))
    assert not iv["tags-01-snar"].in_reading


def test_every_paragraph_is_accounted_for(cable):
    assert sorted(cable.paragraphs) == list(range(1, 55))
    status = {n: p.status for n, p in cable.paragraphs.items()}
    assert [n for n, s in status.items() if s == "missing"] == [9, 10, 11, 12, 26, 29, 31, 32, 48, 49, 50, 51, 52]
    assert status[1] == "withheld" and status[19] == status[21] == "withheld-in-part"
    assert [n for n, s in status.items() if s == "partial"] == [3, 17, 33]
    assert cable.paragraphs[37].pages == ["13462-07-04", "13790-08-02"]
    assert len(cable.paragraphs[37].blocks) == 4 and len(cable.paragraphs[47].blocks) == 6


def test_the_larger_decisions_are_argued(cable):
    ids = {d["id"] for d in cable.discussions}
    assert {"same-report", "note-43-44", "concern", "struck-heading", "p29", "figures-250-255", "udhr"} <= ids


def test_disagreements_with_the_second_reading_are_settled(cable):
    for iv in cable.interventions.values():
        if iv.kind in COLLATED and not iv.record["second_reading"]["agrees"]:
            assert iv.record["second_reading"].get("proposed") and iv.record["second_reading"].get("settled"), iv.id
