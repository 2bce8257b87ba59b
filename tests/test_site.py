"""The built site: paragraph anchors and their blocks, footnoted corrections, redactions,
the release view, links and anchors, and the anchor manifest."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT
from generator.errors import Problems
from generator.render import anchors
from generator.site import linkcheck


def page(site: Path, url: str):
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def text(el) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def reading(built_site):
    return page(built_site, "cables/13790")


@pytest.fixture(scope="module")
def release(built_site):
    return page(built_site, "cables/13790/release")


def test_each_paragraph_is_one_element_with_its_anchor(reading):
    for n in range(1, 55):
        found = reading.xpath(f'//*[@id="p{n}"]')
        assert len(found) == 1, n
        el = found[0]
        assert "ed-para" in el.get("class")
        num = el.xpath('.//a[contains(@class, "ed-pnum")]')[0]
        assert num.get("href") == f"#p{n}" and num.text_content().strip() in (f"{n}.",)


def test_paragraphs_of_several_blocks_hold_all_their_blocks(reading):
    p37 = reading.xpath('//*[@id="p37"]')[0]
    blocks = [text(p) for p in p37.xpath("./p") if not {"ed-witness", "ed-index"} & set((p.get("class") or "").split())]
    assert len(blocks) == 4
    assert blocks[1].startswith("-- PEOPLE CONVICTED") and blocks[2].startswith("-- PEOPLE CURRENTLY")
    assert "355 INDIVIDUALS" in blocks[3]
    p47 = reading.xpath('//*[@id="p47"]')[0]
    assert len([p for p in p47.xpath("./p") if not {"ed-witness", "ed-index"} & set((p.get("class") or "").split())]) == 6


def test_the_repeated_line_is_given_once(reading):
    assert text(reading).count("THOSE INDIVIDUALS UNDER DETENTION FOR ACTIVITY") == 1


def test_missing_and_withheld_paragraphs_keep_their_anchor_with_a_note(reading):
    p9 = reading.xpath('//*[@id="p9"]')[0]
    assert "Missing." in text(p9) and "Section 02 pages 03-04" in text(p9)
    p29 = reading.xpath('//*[@id="p29"]')[0]
    assert "drafter skipped it" in text(p29) and "without a marker" in text(p29)


def test_corrections_are_footnotes_with_named_labels(reading):
    ref = reading.xpath('//*[@id="fnref:agnesty"]')
    note = reading.xpath('//*[@id="fn:agnesty"]')
    assert ref and note
    t = text(note[0])
    assert "Printed AGNESTY; read AMNESTY" in t and "OCR error (misread letter)" in t and "LENIENCY OR AMNESTY" in t
    assert "AMNESTY" in text(reading.xpath('//*[@id="p2"]')[0])
    assert "AGNESTY" not in text(reading.xpath('//*[@id="p2"]')[0])


def test_header_corrections_are_shown_in_the_release_view_only(reading, release):
    assert not reading.xpath('//*[@id="fn:tags-01-snar"]')
    note = release.xpath('//*[@id="fn:tags-01-snar"]')[0]
    assert "Printed SHAR; read SNAR" in text(note)


def test_redactions_are_visible_labelled_markers(reading):
    p19 = reading.xpath('//*[@id="p19"]')[0]
    marks = p19.xpath('.//*[contains(@class, "ed-redaction")]')
    assert len(marks) == 1                      # two printed markers, one excision
    assert text(marks[0]) == "Redaction: text withheld under FOIA exemption (B1)"
    p21 = reading.xpath('//*[@id="p21"]')[0]
    assert len(p21.xpath('.//*[contains(@class, "ed-redaction")]')) == 2


def test_each_paragraph_shows_its_witness_and_pages(reading):
    w = text(reading.xpath('//*[@id="p34"]//p[contains(@class, "ed-witness")]')[0])
    assert w.startswith("Witness: Beijing 13462 (13462 s07 p03)")
    links = reading.xpath('//*[@id="p37"]//p[contains(@class, "ed-witness")]//a/@href')
    assert "release/#page-13462-07-04" in links and "release/#page-13790-08-02" in links
    assert "../13462/#p37" in links


def test_run_in_headings_are_kept(reading):
    assert text(reading.xpath('//*[@id="h-trade-matters"]')[0]).startswith("TRADE MATTERS")
    struck = reading.xpath('//*[@id="h-mechanics-of-mfn"]//del')
    assert text(struck[0]) == "KIMMITT: THE MECHANICS OF MFN"


def test_the_release_view_has_every_page_line_and_named_matter(release):
    assert len(release.xpath('//*[starts-with(@id, "page-")]')) == 31
    assert len(release.xpath('//*[contains(@class, "ed-line")]')) == 1113
    for mid in ("routing-01", "review-stamp", "release-stamp", "note-13462", "subject", "signature"):
        assert release.xpath(f'//*[@id="{mid}"]'), mid
    line = release.xpath('//*[@id="l129"]')[0]
    assert "AGNESTY" in text(line)


def test_the_13462_page_links_both_ways(built_site, reading):
    p = page(built_site, "cables/13462")
    for n in range(33, 38):
        el = p.xpath(f'//*[@id="p{n}"]')[0]
        assert el.xpath('.//a[contains(@class,"ed-pnum")]/@href')[0] == f"../13790/#p{n}"
    p34 = text(p.xpath('//*[@id="p34"]')[0])
    assert "INTERNAL AFFAIRS," in p34 and "AFFAIRS." not in p34


def test_the_method_page_reconciles_its_counts(built_site, edition):
    from generator.edition import stats
    t = text(page(built_site, "about/editorial-method"))
    for cable in edition.cables.values():
        if not cable.has_transcription:
            continue
        c = stats.cable_counts(cable)
        ocr_errors = sum(1 for iv in cable.interventions.values() if iv.record.get("decision") == "ocr-error")
        assert c["corrections_reading"] + c["corrections_diplomatic"] == ocr_errors
        assert f"Corrections of the OCR: {c['corrections_reading']} in the reading text" in t
        assert f"plus {c['corrections_diplomatic']} in page heads, routing sheets and stamps" in t
        assert f"= {ocr_errors}" in t


def test_every_internal_link_and_fragment_resolves(built_site):
    assert linkcheck.check_site(built_site, "https://beijing-telegrams.example.org/") == []


def test_the_link_checker_finds_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#x">x</a><a href="b/">b</a><img src="https://cdn.example/x.png">'
                                         '<a href="javascript:alert(1)">j</a><svg><a href="#nope"></a></svg>')
    (tmp_path / "a" / "index.html").write_text('<p id="y"></p>')
    found = linkcheck.check_site(tmp_path)
    assert any("no element with id 'x' in a/index.html" in f for f in found)
    assert any("no such file b/index.html" in f for f in found)
    assert any("loaded from another host" in f for f in found)
    assert any("script URL in a link" in f for f in found)
    assert any("no element with id 'nope'" in f for f in found)


def test_links_to_one_page_are_checked_fragment_by_fragment(tmp_path):
    # the check resolves a link's path once per folder and looks its fragment up every time
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="p1"></p><p id="p 2"></p>')
    (tmp_path / "index.html").write_text(
        '<a href="a/#p1">1</a>\n<a href="a/#p3">3</a>\n<a href="a/?q=1#p%202">2</a>\n<a href="a/?q=1#p4">4</a>\n'
        '<a href="https://ed.example.org/a/#p5">5</a>\n<a href="https://ed.example.org/a/#p1">1</a>\n'
        '<a href="a/#">top</a>\n<a href="#p1">here</a>')
    found = linkcheck.check_site(tmp_path, "https://ed.example.org/")
    assert found == ["index.html:2: <a> 'a/#p3': no element with id 'p3' in a/index.html",
                     "index.html:4: <a> 'a/?q=1#p4': no element with id 'p4' in a/index.html",
                     "index.html:5: <a> 'https://ed.example.org/a/#p5': no element with id 'p5' in a/index.html",
                     "index.html:8: <a> '#p1': no element with id 'p1' in index.html"]


def test_a_link_that_climbs_to_the_root_resolves_alike_only_from_folders_as_deep(tmp_path):
    # "../../x/" from any folder two deep is the root's x/, resolved once for all of them; from a
    # folder three deep it is another x/, which must be looked for on its own
    for folder in ("x", "a/b", "c/d", "e/f/g"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "x" / "index.html").write_text('<p id="here"></p>')
    for folder in ("a/b", "c/d", "e/f/g"):
        (tmp_path / folder / "index.html").write_text('<a href="../../x/#here">x</a>\n<a href="../../x/#gone">x</a>')
    found = linkcheck.check_site(tmp_path)
    assert found == ["a/b/index.html:2: <a> '../../x/#gone': no element with id 'gone' in x/index.html",
                     "c/d/index.html:2: <a> '../../x/#gone': no element with id 'gone' in x/index.html",
                     "e/f/g/index.html:1: <a> '../../x/#here': no such file e/x/index.html",
                     "e/f/g/index.html:2: <a> '../../x/#gone': no such file e/x/index.html"], found


def test_the_link_check_reads_past_plain_tags_comments_and_scripts(tmp_path):
    """Tags with nothing to check are passed over inside the regular expression: what follows
    them, on the line where it stands, is still checked, and nothing in a comment or a script."""
    (tmp_path / "index.html").write_text(
        '<div class="a" data-md-x="1 > 0" aria-hidden="true"><span class="b">x < y</span>\n'
        "<p class='q'>a</p><!-- <a href=\"gone-in-comment.html\"> --><br/>\n"
        '<script>var s = "<a href=gone-in-script.html>";</script>\n'
        '<span class="c"><a href="gone.html">x</a>\n'
        '<i title="it\'s > 1"><a title="a>b" href="also-gone.html">y</a></i>\n'
        '<SPAN CLASS="C"><A HREF="GONE.html">x</A>\n', encoding="utf-8")
    found = linkcheck.check_site(tmp_path)
    assert found == ["index.html:4: <a> 'gone.html': no such file gone.html",
                     "index.html:5: <a> 'also-gone.html': no such file also-gone.html",
                     "index.html:6: <a> 'GONE.html': no such file GONE.html"], found


def test_the_fast_link_collector_finds_what_an_html_parser_finds(built_site):
    """linkcheck._collect (regular expressions) against lxml's HTML parser, on every page of
    the built site: the same ids, the same link targets."""
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        ids, links = linkcheck._collect(text)
        doc = lxml.html.fromstring(text.encode("utf-8"))
        assert ids == {v for v in doc.xpath("//@id | //@name") if v}, path
        found = {u for _, _, u, _ in links}
        parsed = {v for v in doc.xpath("//@href | //@src | //@data | //@action | //@poster") if v}
        assert parsed <= found, (path, parsed - found)


def test_every_manifest_anchor_exists_in_the_built_pages(built_site):
    manifest = anchors.read_manifest(ROOT / "site_src" / "anchors.tsv", Problems())
    ids: dict[str, set] = {}
    for (url, anchor), row in manifest.items():
        if url not in ids:
            ids[url] = set(page(built_site, url.rstrip("/")).xpath("//@id"))
        assert anchor in ids[url], (url, anchor)


def test_an_anchor_that_disappears_or_changes_fails(edition, tmp_path):
    from test_preview import notes_of
    notes = notes_of(edition)
    good = (ROOT / "site_src" / "anchors.tsv").read_text(encoding="utf-8")
    m = tmp_path / "anchors.tsv"

    def compare():
        return anchors.compare(edition, notes, anchors.read_manifest(m, Problems()), str(m))
    m.write_text(good + "cables/13790/\tp55\ttelegram 13790, paragraph 55 (present)\n", encoding="utf-8")
    assert "published anchor cables/13790/#p55 has disappeared" in compare()[0].message
    m.write_text(good.replace("paragraph 14 (present)", "paragraph 14 (missing)"), encoding="utf-8")
    assert "anchor cables/13790/#p14 changed what it denotes" in compare()[0].message
    m.write_text("\n".join(l for l in good.splitlines() if "\tp14\t" not in l) + "\n", encoding="utf-8")
    msg = compare()[0]
    assert "1 anchor(s) not in the manifest: cables/13790/#p14" in msg.message
    assert msg.hint == "run `make anchors` to publish them (python -m generator anchors --add)"


def test_no_page_loads_anything_from_another_host(built_site):
    for f in built_site.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, f
        assert not re.search(r'<script[^>]+src="https?://', html), f
        assert not re.search(r'<link[^>]+rel="stylesheet"[^>]+href="https?://', html), f


def test_each_paragraph_is_its_own_search_entry(built_site):
    import json
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_loc = {d["location"]: d for d in docs}
    for n in range(1, 55):
        assert f"cables/13790/#p{n}" in by_loc, n
        assert by_loc[f"cables/13790/#p{n}"]["title"] == f"Beijing 13790 ¶{n}"
    assert "CATHOLIC" in by_loc["cables/13790/#p39"]["text"]
    assert "Witness" not in by_loc["cables/13790/#p39"]["text"]
    # the run-in heading keeps its title but no longer repeats the paragraphs
    assert by_loc["cables/13790/#h-religious-freedom"]["text"] == ""
    assert [f"cables/13462/#p{n}" in by_loc for n in range(33, 38)] == [True] * 5
    assert not any(re.search(r"#p[0-9]+$", d["location"]) for d in docs if d["location"].startswith("about/"))
    # no headings were added to the page for it
    html = (built_site / "cables/13790/index.html").read_text(encoding="utf-8")
    assert "<h2 id=\"p" not in html and "<h3 id=\"p" not in html and "<h4 id=\"p" not in html


def test_no_markdown_syntax_leaks_into_any_page(built_site):
    """An attribute list or footnote marker that Markdown did not apply would show as text."""
    leaks = []
    for f in sorted(built_site.rglob("*.html")):
        body = lxml.html.parse(str(f)).getroot().xpath("//article")
        if not body:
            continue
        text = body[0].text_content()
        for token in ("{: .", "{: #", "{#", "[^", "]("):
            if token in text:
                leaks.append(f"{f.relative_to(built_site)}: {token!r}")
    assert leaks == []
