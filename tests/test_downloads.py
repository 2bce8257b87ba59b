"""The other downloads and citation tools: JSON against its schema, the text downloads against
the witness, the citation files in real readers, CITATION.cff, the page metadata, the cite
control, the offline zip, and the versions with their changelog."""
from __future__ import annotations

import datetime
import json
import re
import zipfile
from pathlib import Path

import jsonschema
import lxml.html
import pytest
import yaml

from conftest import download_of, ROOT
from generator.render import citation as render_citation


def edition_title(tid: str) -> str:
    return yaml.safe_load((ROOT / "site_src/cables" / tid / "cable.yaml").read_text(encoding="utf-8"))["title"]


def edition_version() -> str:
    return yaml.safe_load((ROOT / "site_src/edition.yaml").read_text(encoding="utf-8"))["version"]


def edition_date() -> str:
    return yaml.safe_load((ROOT / "site_src/edition.yaml").read_text(encoding="utf-8"))["date"]


def html_page(site: Path, url: str):
    return lxml.html.parse(str(site / url / "index.html")).getroot()


# ---------------------------------------------------------------- JSON

@pytest.fixture(scope="module")
def validator():
    from generator.render.json_out import schema
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("number", ["13790", "13462"])
def test_json_is_valid_against_its_schema(built_site, validator, number):
    data = json.loads((built_site / download_of(number, "json")).read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(data), key=str)
    assert errors == []
    assert json.loads((built_site / "downloads/telegram.schema.json").read_text()) == validator.schema


def test_json_of_the_fixture_is_valid(fixture_files, validator):
    for number in ("99001", "99002"):
        assert list(validator.iter_errors(json.loads(fixture_files[download_of(number, "json")]))) == []


def test_json_holds_the_model(built_site, cable):
    data = json.loads((built_site / download_of("13790", "json")).read_text(encoding="utf-8"))
    paras = {p["n"]: p for p in data["paragraphs"]}
    assert list(paras) == list(cable.paragraphs)
    assert [p["id"] for p in data["pages"]] == [p.id for p in cable.pages]
    assert [iv["id"] for iv in data["interventions"]] == list(cable.interventions)
    p2 = paras[2]
    assert "AMNESTY/LENIENCY" in p2["reading"] and "AGNESTY/LENIENCY" in p2["diplomatic"]
    assert not p2["reading"].startswith("2.") and p2["diplomatic"].startswith("2. SUMMARY")
    assert "agnesty" in p2["interventions"]
    persons = [e for e in p2["entities"] if e["register"] == "persons"]
    assert [(e["id"], e["text"]) for e in persons[:2]] == [("liu-huaqiu", "VICE FOREIGN MINISTER LIU HUAQIU"),
                                                           ("kimmitt", "U/S KIMMITT")]
    assert paras[37]["witnesses"] == ["13462", "13790"] and len(paras[37]["blocks"]) == 4
    assert paras[9]["status"] == "missing" and paras[9]["reading"] == "" and paras[9]["lacunae"] == ["gap-p9-12"]
    assert paras[14]["url"] == "https://beijing-telegrams.example.org/cables/13790/#p14"
    assert data["edition"]["version"] == edition_version() and data["witness"]["sha256"] == cable.meta["witness"]["sha256"]
    carried = json.loads((built_site / download_of("13462", "json")).read_text(encoding="utf-8"))
    assert [p["n"] for p in carried["paragraphs"]] == [33, 34, 35, 36, 37]
    assert carried["paragraphs"][4]["pages"] == ["13462-07-04"]
    assert "355 INDIVIDUALS" not in carried["paragraphs"][4]["reading"]     # that part is on 13790's page


# ---------------------------------------------------------------- text

def test_the_ocr_download_is_the_witness_byte_for_byte(built_site):
    witness = (ROOT / "site_src/cables/13790/beijing-13790-release.ocr.txt").read_bytes()
    assert (built_site / download_of("13790", "ocr")).read_bytes() == witness


def test_the_reading_text_download(built_site, cable):
    text = (built_site / download_of("13790", "txt")).read_text(encoding="utf-8")
    assert "AMNESTY/LENIENCY" in text and "AGNESTY" not in text
    assert "\n\n14. " in text and "\n\n9. [Missing: " in text
    assert "https://beijing-telegrams.example.org/cables/13790/#p14" in text
    assert "SEPTTEL [sic]" in text and "⟨CONCERN⟩" in text and "[withheld (B1)]" in text
    for h in ("KIMMITT: SETTING THE SCENE", "TRADE MATTERS"):
        assert f"\n\n{h}\n\n" in text


# ---------------------------------------------------------------- citations

def test_bibtex_parses_and_says_the_right_thing(built_site):
    from pybtex.database import parse_string
    db = parse_string((built_site / download_of("13790", "bib")).read_text(encoding="utf-8"), "bibtex")
    e = db.entries["beijing13790"]
    assert e.type == "misc"
    assert e.fields["title"] == "{U/S Kimmitt's Meetings with Liu Huaqiu: Bilateral Issues}"
    assert e.fields["url"] == "https://beijing-telegrams.example.org/cables/13790/"
    assert e.fields["year"] == "1991" and e.fields["version"] == edition_version()


def test_bibtex_escapes_what_latex_would_read():
    from pybtex.database import parse_string
    from generator.render.citation import Ref, bibtex
    hostile = "50% {of} #1 & $2 _x_ ~y^ \\end} {"
    r = Ref(key="k", number="1", title=hostile, sender=hostile, recipient=hostile,
            date=datetime.date(1991, 5, 13), paragraph=3, url="https://e.org/a}b{c/#p3", edition_title=hostile,
            editors=(hostile,), publisher=hostile, version="1.0", edition_date=datetime.date(2026, 1, 1),
            licence=hostile)
    entry = parse_string(bibtex(r), "bibtex").entries["k"]
    for field in ("author", "title", "howpublished", "note"):
        value = entry.fields[field] if field != "author" else str(entry.persons["author"][0])
        assert not re.search(r"(?<!\\)[%#&$_~^]", value.replace("\\textasciitilde{}", "").replace(
            "\\textasciicircum{}", "")), (field, value)
    assert entry.fields["url"] == "https://e.org/a%7Db%7Bc/#p3"


def test_ris_parses(built_site):
    import rispy
    entries = rispy.loads((built_site / download_of("13790", "ris")).read_text(encoding="utf-8"))
    assert len(entries) == 1
    e = entries[0]
    assert e["type_of_reference"] == "GOVDOC"
    assert e["title"] == "U/S Kimmitt's meetings with Liu Huaqiu: bilateral issues"
    assert e["authors"] == ["American Embassy Beijing"]
    assert e["urls"] == ["https://beijing-telegrams.example.org/cables/13790/"]


def test_csl_json_is_read_by_a_csl_processor(built_site):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    data = json.loads((built_site / download_of("13790", "csl")).read_text(encoding="utf-8"))
    assert data[0]["type"] == "document" and data[0]["issued"] == {"date-parts": [[1991, 5, 13]]}
    source = CiteProcJSON(data)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem("beijing13790")]))
    text = str(bib.bibliography()[0])
    assert "American Embassy Beijing" in text and "1991" in text
    assert "U/S Kimmitt" in text and "beijing-telegrams.example.org/cables/13790/" in text


def test_the_citation_policy_page(built_site):
    doc = html_page(built_site, "about/citing")
    text = " ".join(doc.xpath("//article")[0].text_content().split())
    assert "https://beijing-telegrams.example.org/cables/<telegram>/#p<paragraph>" in text
    assert "is https://beijing-telegrams.example.org/cables/13790/#p14. Missing" in text
    assert "“U/S Kimmitt's Meetings with Liu Huaqiu: Bilateral Issues,” para. 14, in Beijing Telegrams" in text
    assert "@misc{beijing13790p14," in text and "TY - GOVDOC" in text and '"id": "beijing13790p14"' in text
    assert "public domain" in text and "CC BY 4.0" in text and f"version {edition_version()}" in text
    for a in ("paragraphs", "anchors", "chicago", "formats", "versions", "editors", "licences", "corrections"):
        assert doc.xpath(f'//*[@id="{a}"]'), a


def test_the_chicago_note_for_paragraph_14(edition, cable):
    r = render_citation.ref(edition, cable, 14)
    assert render_citation.plain(render_citation.chicago_note(r)) == (
        "American Embassy Beijing to Secretary of State, Washington, telegram 13790, May 13, 1991, "
        "“U/S Kimmitt's Meetings with Liu Huaqiu: Bilateral Issues,” para. 14, in Beijing Telegrams, 1991: "
        f"A Scholarly Edition of Declassified Embassy Reporting, version {edition_version()}, ed. The editors of Beijing "
        "Telegrams 1991 (The Beijing Telegrams 1991 project, 2026), "
        "https://beijing-telegrams.example.org/cables/13790/#p14.")


def test_headline_style():
    from generator.render.citation import headline
    assert headline("talks on trade: a view from the top of the list") == \
        "Talks on Trade: A View from the Top of the List"
    assert headline("U/S meets VFM in Beijing") == "U/S Meets VFM in Beijing"


def test_every_paragraph_has_a_cite_control_with_its_own_citation(built_site, cable):
    from pybtex.database import parse_string
    doc = html_page(built_site, "cables/13790")
    for n in cable.paragraphs:
        details = doc.xpath(f'//*[@id="p{n}"]//details[contains(@class, "ed-cite")]')
        assert len(details) == 1, n
        d = details[0]
        assert d.xpath("./summary")[0].text_content() == f"Cite ¶{n}"
        chicago, bib = d.xpath('.//*[contains(@class, "ed-cite-text")]')
        assert f"para. {n}, in " in chicago.text_content()
        assert chicago.text_content().endswith(f"/cables/13790/#p{n}.")
        assert chicago.xpath(".//em")[0].text_content().startswith("Beijing Telegrams, 1991")
        entry = parse_string(bib.text_content(), "bibtex").entries[f"beijing13790p{n}"]
        assert entry.fields["url"].endswith(f"#p{n}")
    # 54 citations would swamp the search results: they are kept out of the index
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    ours = " ".join(d["text"] for d in docs if d["location"].startswith("cables/13790/"))
    assert "Cite ¶" not in ours and "Chicago (note)" not in ours and "AMNESTY" in ours


def test_citation_file_format(built_site):
    schema = json.loads((ROOT / "tests/schemas/citation-cff-1.2.0.schema.json").read_text())
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(cff)
    edition = yaml.safe_load((ROOT / "site_src/edition.yaml").read_text(encoding="utf-8"))
    assert cff["version"] == edition["version"] and cff["date-released"] == edition["date"]
    assert cff["title"] == edition["title"] and cff["url"] == edition["site_url"]


# ---------------------------------------------------------------- page metadata and footer

def test_telegram_pages_carry_citation_metadata(built_site):
    doc = html_page(built_site, "cables/13790")
    meta = {}
    for m in doc.xpath("//head/meta[@name]"):
        meta.setdefault(m.get("name"), []).append(m.get("content"))
    assert meta["citation_title"] == ["U/S Kimmitt's meetings with Liu Huaqiu: bilateral issues"]
    assert meta["citation_author"] == ["American Embassy Beijing"]
    assert meta["citation_date"] == ["1991/05/13"] and meta["citation_publisher"] == ["The Beijing Telegrams 1991 project"]
    assert meta["citation_abstract_html_url"] == ["https://beijing-telegrams.example.org/cables/13790/"]
    assert meta["DC.identifier"] == meta["citation_abstract_html_url"] and meta["DC.date"] == ["1991-05-13"]
    assert "PHUM" in meta["DC.subject"]
    assert doc.xpath('//head/link[@rel="schema.DC"]')
    (ld,) = doc.xpath('//head/script[@type="application/ld+json"]')
    data = json.loads(ld.text)
    assert data["@type"] == "Message" and data["dateSent"] == "1991-05-13"
    assert data["isPartOf"]["version"] == edition_version()
    # each encoding names a file the site serves
    urls = [e["contentUrl"] for e in data["encoding"]]
    assert "https://beijing-telegrams.example.org/downloads/beijing-13790.tei.xml" in urls
    for u in urls:
        assert (built_site / u.removeprefix("https://beijing-telegrams.example.org/")).is_file(), u
    assert doc.xpath('//head/link[@rel="canonical"]')[0].get("href") == "https://beijing-telegrams.example.org/cables/13790/"
    other = html_page(built_site, "cables/13462")
    assert other.xpath('//head/meta[@name="citation_title"]')[0].get("content") == edition_title("13462")
    assert not html_page(built_site, "about/citing").xpath('//head/meta[@name="citation_title"]')


def test_every_page_shows_the_version(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 12
    for f in pages:
        footer = lxml.html.parse(str(f)).getroot().xpath('//*[contains(@class, "ed-version")]')
        assert footer and f"version {edition_version()} ({edition_date()})" in footer[0].text_content(), f


def test_site_url_agrees_with_the_edition():
    from generator.site.linkcheck import site_url_of
    edition = yaml.safe_load((ROOT / "site_src/edition.yaml").read_text(encoding="utf-8"))
    assert site_url_of(ROOT / "mkdocs.yml") == edition["site_url"]


def test_a_site_url_that_disagrees_is_refused(tmp_path):
    from conftest import build, make_project
    project = make_project(tmp_path / "p")
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("site_url: https://beijing-telegrams.example.org/",
                                           "site_url: https://elsewhere.example.org/"))
    r = build(project, tmp_path / "site")
    assert r.returncode == 1
    assert ("mkdocs.yml has site_url 'https://elsewhere.example.org/' but site_src/edition.yaml has "
            "'https://beijing-telegrams.example.org/': citations and canonical URLs must agree; make them the same") \
        in r.stderr


def test_the_pages_link_their_downloads(built_site):
    doc = html_page(built_site, "cables/13790")
    hrefs = [a.get("href") for a in doc.xpath('//*[contains(@class, "ed-downloads")]//a')]
    assert hrefs == ["../../downloads/" + download_of("13790", k).split("/")[-1]
                     for k in ("tei", "json", "txt", "ocr", "bib", "ris", "csl")]
    page = html_page(built_site, "downloads")
    links = {a.get("href") for a in page.xpath("//article//a")}
    assert "beijing-telegrams-1991-1.0-offline.zip" in links and "telegram.schema.json" in links


# ---------------------------------------------------------------- the offline zip

def test_the_offline_zip_is_reproducible_and_reads_offline(built_site):
    path = built_site / download_of("13790", "tei").rsplit("/", 1)[0] / "beijing-telegrams-1991-1.0-offline.zip"
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2026, 11, 28, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        prefix = "beijing-telegrams-1991-1.0/"
        assert all(n.startswith(prefix) for n in names)
        for needed in ("index.html", "search/search_index.js", "cables/13790/index.html",
                       "downloads/beijing-13790.tei.xml", "assets/vendor/iframe-worker-shim.js"):
            assert prefix + needed in names, needed
        assert not any(n.endswith(".zip") for n in names)
        home = z.read(prefix + "index.html").decode()
        assert 'href="cables/13790/index.html"' in home
        assert "unpkg.com" not in home and "iframe-worker-shim.js" in home
        reading = z.read(prefix + "cables/13790/index.html").decode()
        assert 'href="#p14"' in reading and 'id="p14"' in reading
        assert '../../about/citing.html' in reading
        # the index read from disk is the one the hook rewrote: each paragraph its own entry
        script = z.read(prefix + "search/search_index.js").decode("utf-8")
        assert script == "var __index = " + z.read(prefix + "search/search_index.json").decode("utf-8")
        docs = json.loads(script[len("var __index = "):])["docs"]
        p39 = [d for d in docs if d["location"] == "cables/13790/index.html#p39"]
        assert [d["title"] for d in p39] == ["Beijing 13790 ¶39"] and "CATHOLIC PRIESTS" in p39[0]["text"]
        assert sum(d["title"].startswith("Beijing 13790 ¶") for d in docs) == 54
        heads = [d for d in docs if d["location"].startswith("cables/13790/index.html#h-")]
        assert heads and all(d["text"] == "" for d in heads)      # headings no longer repeat the paragraphs


# ---------------------------------------------------------------- versions and the changelog



def test_the_json_downloads_are_written_as_the_standard_library_writes_them():
    # json_text.dumps stands in for json.dumps(value, ensure_ascii=False, indent=2)
    import json

    from hypothesis import given, settings, strategies as st

    from generator.render import json_text

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=8))
    keys = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
    values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4), st.tuples(kids, kids),
                                                          st.dictionaries(keys, kids, max_size=4)), max_leaves=20)

    @settings(max_examples=400, deadline=None, derandomize=True, database=None)
    @given(values)
    def same(value):
        assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    same()
    with pytest.raises(TypeError):
        json_text.dumps({"a": object()})
