"""The corrections of version 1.1, on the built site: glosses computed from the codes they gloss,
the relation of Beijing 13462 stated as a hypothesis, 13462's head as its pages print it, the
witness of carried paragraphs named in the plain text, every fact beyond the telegram with a
source, and the debated decisions argued in the collation. They are facts of the two telegrams
of this edition and of its editorial policy: adding telegrams leaves them true."""
from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT, dl

# what the pages said as fact in version 1.0
ASSERTED = ["of substantially the same report", "(earlier transmission)", "The later transmission of the same report",
            "an earlier transmission of the same report, Beijing 13462"]


def visible(path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module")
def release_page(built_site) -> str:
    return (built_site / "cables/13790/release/index.html").read_text(encoding="utf-8")


def test_each_section_line_is_glossed_with_its_own_numbers(release_page):
    found = re.findall(r'<abbr title="([^"]*)">SECTION ([0-9]{2}) OF ([0-9]{2})</abbr>', release_page)
    assert len({n for _, n, _ in found}) >= 5
    for title, n, m in found:
        assert title == f"section {int(n)} of a telegram sent in {int(m)} separately transmitted sections"


def test_each_copy_indicator_is_glossed_with_its_own_numbers(release_page):
    found = re.findall(r'<abbr title="([^"]*)">C([0-9]{2})/([0-9]{2})</abbr>', release_page)
    assert ("01", "05") in {(n, m) for _, n, m in found}           # the 13462 pages: five copies
    assert len({(n, m) for _, n, m in found}) >= 3
    for title, n, m in found:
        assert title == f"copy indicator (probably copy {int(n)} of {int(m)})"
    # the screen-reader text of a term's link says the same as its tooltip
    links = re.findall(r'<abbr title="([^"]*)">C[0-9]{2}/[0-9]{2}</abbr><span class="ed-sr">, </span>'
                       r'<span class="ed-sr ed-gl-x">([^<]*)</span>', release_page)
    assert links and all(title == spoken for title, spoken in links)


def test_the_relation_of_13462_is_a_hypothesis_everywhere(built_site):
    pages = ["cables/13790/index.html", "cables/13462/index.html", "commentary/introduction/index.html",
             "cables/index.html", "index.html", "cables/13790/collation/index.html"]
    for page in pages:
        text = visible(built_site / page)
        for claim in ASSERTED:
            assert claim not in text, (page, claim)
    for page in pages[:3]:
        text = visible(built_site / page)
        assert re.search(r"(very probably|appears to be|a hypothesis)", text, flags=re.I), page
    intro = (built_site / "commentary/introduction/index.html").read_text(encoding="utf-8")
    assert 'href="../../cables/13790/collation/#discussion-same-report"' in intro
    collation = (built_site / "cables/13790/collation/index.html").read_text(encoding="utf-8")
    discussion = visible_fragment(collation, "discussion-same-report", 'id="discussion-note-43-44"')
    for evidence in ("section 07 of 11", "33-37", "word for word", "43 + 44", "hypothesis"):
        assert evidence in discussion, evidence


def test_the_head_of_13462_shows_what_its_pages_print(built_site, edition):
    c = edition.cables["13462"]
    assert not c.meta.get("tags") and not c.meta.get("subject")
    for field in ("from", "to", "date", "classification", "caveat"):
        assert c.head[field].basis == "inferred" and c.head[field].evidence, field
    page = (built_site / "cables/13462/index.html").read_text(encoding="utf-8")
    head = visible_fragment(page, "head", 'id="paragraphs"')
    assert "TAGS" not in head and "PREL" not in head and "Subject" not in head
    assert head.count("(inferred:") == 5
    assert "U/S Kimmitt's meetings" not in visible(built_site / "cables/13462/index.html").split("¶")[0]


def test_the_plain_text_names_the_witness_of_every_carried_paragraph(built_site, edition):
    text = (built_site / dl(edition, "13790", "txt")).read_text(encoding="utf-8")
    paras = re.split(r"\n\n(?=[0-9]+\. )", text)
    for n in (34, 35, 36, 37):
        para = next(p for p in paras if p.startswith(f"{n}. "))
        assert "[Text from the pages of Beijing 13462" in " ".join(para.split()), n


def test_every_fact_beyond_the_telegram_has_a_source_and_a_certainty(edition):
    regs = edition.registers
    for register, entries in regs.entries.items():
        for e in entries.values():
            assert e.source.strip() and e.certainty, (register, e.id)
    for t in regs.glossary.values():
        assert t.source.strip() and t.certainty, t.id
    for cable in edition.cables.values():
        for iv in cable.interventions.values():
            if iv.kind == "note":
                assert (iv.record.get("source") or "").strip() and iv.record.get("certainty"), iv.id
    sources = [p for p in (ROOT / "site_src").rglob("*.yaml") if "releases" not in p.parts]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "General reference" not in text and "reference table" not in text, path


def test_the_corrected_facts_are_published(built_site):
    orgs = visible(built_site / "indexes/organisations/index.html")
    assert "adopted there on 3 September 1992 and opened for signature in Paris on 13 January 1993" in orgs
    persons = visible(built_site / "indexes/persons/index.html")
    assert "Acting Premier of the State Council of the PRC, 24 November 1987 to 9 April 1988" in persons
    # a source that gives months only is given as months, not as invented days
    assert "Minister of Foreign Affairs of the PRC, April 1988 to March 1998" in persons
    reading = visible(built_site / "cables/13790/index.html")
    assert "in London on 9 March 1992" in reading and "17 March 1992" in reading
    assert "Paragraph 1 is withheld in full; its content is not known." in reading


def test_the_debated_decisions_are_argued_in_the_collation(built_site):
    collation = (built_site / "cables/13790/collation/index.html").read_text(encoding="utf-8")
    for anchor in ("discussion-p41", "discussion-punctuation", "discussion-p8", "discussion-p29",
                   "discussion-same-report", "discussion-note-43-44"):
        assert f'id="{anchor}"' in collation, anchor
    text = visible(built_site / "cables/13790/collation/index.html")
    assert "cannot be excluded without the paper" in text                 # ¶29: the cause argued, not assumed
    reading = (built_site / "cables/13790/index.html").read_text(encoding="utf-8")
    p41 = visible_fragment(reading, "p41")
    assert "IT HAS [sic]" in p41 and "IT WAS" not in p41
    p8 = visible_fragment(reading, "p8")
    assert "cannot know whether the paragraph continued" in p8


def visible_fragment(page: str, pid: str, until: str = 'class="ed-witness"') -> str:
    start = page.index(f'id="{pid}"')
    end = page.index(until, start)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[start:end])).split())
