"""The built index pages, glossary, map and introduction: every entry and term has its
anchor, every occurrence its link, the reading text leads to the entries and back, and the
map links every paragraph and page."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from generator.site import linkcheck


def page(site: Path, url: str):
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def text(el) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def reading(built_site):
    return page(built_site, "cables/13790")


@pytest.mark.parametrize("register", ["persons", "places", "organisations", "subjects"])
def test_every_entry_has_its_anchor_and_links_to_every_place(built_site, edition, register):
    doc = page(built_site, f"indexes/{register}")
    for eid, entry in edition.registers.entries[register].items():
        head = doc.xpath(f'//*[@id="{eid}"]')
        assert len(head) == 1, eid
        occ = head[0].xpath('following-sibling::p[contains(@class, "ed-occurrences")][1]')[0]
        links = occ.xpath(".//a/@href")
        places = {(o.place.cable, o.place.kind, o.place.anchor) for o in edition.registers.of(register, eid)}
        assert len(links) == len(places), eid
        assert text(occ).startswith(f"{len(places)} place")
        for cable, kind, anchor in places:
            want = f"../../cables/{cable}/{'release/' if kind == 'matter' else ''}#{anchor}"
            assert want in links, (eid, want)


def test_entries_are_alphabetical(built_site, edition):
    doc = page(built_site, "indexes/persons")
    ids = [h.get("id") for h in doc.xpath('//h3[@id]')]
    names = [edition.registers.entries["persons"][i].sort.casefold() for i in ids]
    assert names == sorted(names)
    assert ids.index("bartholomew") < ids.index("kimmitt") < ids.index("wolf")


def test_an_entry_shows_description_office_certainty_and_source(built_site):
    doc = page(built_site, "indexes/persons")
    h = doc.xpath('//*[@id="smith"]')[0]
    block = " ".join(text(e) for e in h.xpath("following-sibling::*[position() <= 5]"))
    assert "Office at the date of Beijing 13790 (13 May 1991): Member of the US House of Representatives" in block
    assert "Certainty: medium" in block and "Source:" in block
    kimmitt = page(built_site, "indexes/persons").xpath('//*[@id="kimmitt"]/following-sibling::p'
                                                         '[contains(@class,"ed-occurrences")][1]')[0]
    assert "¶34 (in 13462)" in text(kimmitt)
    assert "Routing sheet of section 01 (release)" in text(kimmitt)


def test_the_trade_heading_is_indexed_and_the_missing_paragraphs_are_named_not_counted(built_site):
    doc = page(built_site, "indexes/subjects")
    block = " ".join(text(e) for e in doc.xpath('//*[@id="trade"]/following-sibling::*[position() <= 6]'))
    assert "the run-in heading TRADE MATTERS of Beijing 13790 stands over ¶48-52; ¶48-52 of these are not in " \
           "the release and are not counted" in block
    links = doc.xpath('//*[@id="trade"]/following-sibling::p[contains(@class,"ed-occurrences")][1]//a/@href')
    assert "../../cables/13790/#h-trade-matters" in links
    assert not any(re.search(r"#p(4[89]|5[0-2])$", l) for l in links)


def test_the_tags_are_explained_and_linked(built_site, reading):
    doc = page(built_site, "indexes/subjects")
    table = text(doc.xpath('//*[@id="tags"]/following-sibling::table[1]')[0])
    assert "MNUC military nuclear applications (meaning not verified)" in table and " low " in f" {table} "
    assert "SNAR narcotics" in table and "none: see the glossary" in table
    head = reading.xpath('//td[text()="TAGS"]/following-sibling::td')[0]
    assert [a.get("href") for a in head.xpath(".//a")] == [
        f"../../glossary/#tag-{t}" for t in ("prel", "parm", "mnuc", "phum", "snar", "ch")]


def test_each_paragraph_leads_to_its_entries_and_the_index_leads_back(built_site, reading):
    line = reading.xpath('//*[@id="p46"]//p[contains(@class, "ed-index")]')[0]
    hrefs = line.xpath(".//a/@href")
    assert "../../indexes/persons/#kimmitt" in hrefs and "../../indexes/persons/#wei-jingsheng" in hrefs
    assert "../../indexes/subjects/#political-prisoners" in hrefs
    assert not reading.xpath('//*[@id="p1"]//p[contains(@class, "ed-index")]')    # withheld: nothing
    back = page(built_site, "indexes/persons").xpath('//*[@id="kimmitt"]/following-sibling::p[1]')
    assert back is not None


def test_every_glossary_occurrence_in_the_reading_text_is_an_abbr(built_site, edition, reading):
    occ = [o for o in edition.registers.glossary_occurrences if o.view == "reading" and o.cable == "13790"]
    body = reading.xpath('//article')[0]
    abbrs = body.xpath('.//abbr[@title]')
    assert len(abbrs) == len(occ)
    gop = [a for a in abbrs if a.text_content() == "GOP"]
    assert gop and gop[0].get("title") == "Government of Pakistan"


def test_the_first_term_of_each_paragraph_links_to_the_glossary(reading):
    for n in (2, 20, 24, 46):
        para = reading.xpath(f'//*[@id="p{n}"]')[0]
        seen = set()
        for abbr in para.xpath(".//abbr"):
            term = abbr.text_content()
            linked = abbr.getparent().tag == "a" and "ed-gl" in abbr.getparent().get("class", "")
            assert linked == (term not in seen), (n, term)
            if linked:
                sr = abbr.getparent().xpath('.//span[contains(@class, "ed-gl-x")]')[0]
                assert sr.text_content() == abbr.get("title")
            seen.add(term)


def test_the_release_view_marks_terms_of_headers_and_routing_sheets(built_site):
    doc = page(built_site, "cables/13790/release")
    titles = {a.text_content(): a.get("title") for a in doc.xpath("//abbr[@title]")}
    assert titles["EXSEC"] == "Executive Secretary (of the Department of State)"
    assert titles["NODIS"].startswith("no distribution")
    assert titles["SIP"] == "Policy Planning Staff of the Department of State"   # corrected S/P, shown as printed
    assert "130535Z MAY 91" in titles


def test_the_glossary_lists_every_term_with_its_places(built_site, edition):
    doc = page(built_site, "glossary")
    for tid in edition.registers.glossary:
        assert len(doc.xpath(f'//*[@id="{tid}"]')) == 1, tid
    gop = " ".join(text(e) for e in doc.xpath('//*[@id="gop"]/following-sibling::*[position() <= 3]'))
    assert "Government of Pakistan" in gop and "¶24" in gop
    assert "AMNESTY/LENIENCY" in text(doc.xpath('//*[@id="not-in-the-glossary"]/following-sibling::ul[1]')[0])


def test_the_map_links_every_paragraph_and_page_with_a_text_alternative(built_site, edition, cable):
    doc = page(built_site, "cables/13790/map")
    svgs = doc.xpath('//svg[contains(@class, "ed-map-svg")]')
    assert len(svgs) == 3
    paras = [a.get("href") for a in doc.xpath('//svg//a') if re.search(r"#p[0-9]+$", a.get("href"))]
    assert paras == [f"../#p{n}" for n in range(1, 55)]
    pages = {a.get("href") for a in doc.xpath('//svg//a') if "#page-" in a.get("href")}
    assert pages == {f"../release/#page-{p.id}" for p in cable.pages}
    for svg in svgs:
        assert svg.get("aria-labelledby") and svg.xpath(".//title")
    for a in doc.xpath("//svg//a"):
        assert a.xpath("./title")[0].text_content()
    alt = text(doc.xpath('//*[@id="map-paras-text"]')[0])
    assert "Withheld (1): ¶1" in alt and "Missing (13):" in alt
    assert "Carried by the pages of Beijing 13462: ¶33, ¶34, ¶35, ¶36, ¶37" in alt
    cell = doc.xpath('//svg//a[@href="../#p19"]')[0]
    assert "in part" in text(cell) and "withheld in part" in cell.xpath("./title")[0].text_content()
    assert "13462" in text(doc.xpath('//svg//a[@href="../#p34"]')[0])


def test_the_map_and_index_links_resolve(built_site):
    problems = linkcheck.check_site(built_site, "https://beijing-telegrams.example.org/")
    assert problems == []
    # the checker reads SVG links: break one and it is found
    html = (built_site / "cables/13790/map/index.html").read_text(encoding="utf-8")
    assert 'href="../#p34"' in html


def test_the_introduction_cites_its_sources_and_links_the_paragraphs(built_site):
    doc = page(built_site, "commentary/introduction")
    t = text(doc)
    assert "5 and 6 May 1991" in t and "3 June" in t and "released in part on 12 June 1996" in t
    notes = doc.xpath('//div[contains(@class, "footnote")]//li')
    assert len(notes) >= 5 and all(len(text(li)) > 40 for li in notes)
    hrefs = doc.xpath("//article//a/@href")
    assert "../../cables/13790/#p14" in hrefs and "../../cables/13790/map/" in hrefs


def test_explanatory_notes_are_told_apart_from_textual_notes(reading):
    note = reading.xpath('//*[@id="fn:n-sea-bed"]')[0]
    assert text(note).startswith("Explanatory note.") and "28 February 1991" in text(note)
    assert "Source:" in text(note)
    textual = reading.xpath('//*[@id="fn:agnesty"]')[0]
    assert not text(textual).startswith("Explanatory note.")
