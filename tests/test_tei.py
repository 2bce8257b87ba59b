"""The TEI download: valid against tei_all 4.3.0, its element counts agree with the model,
every pointer resolves, and taking the printed side of every choice gives back the OCR exactly.
Run on the real edition (as built) and on the fictional fixture (which has a paragraph running
across pages of two telegrams, a page in a paragraph and a duplicate inside a paragraph)."""
from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from conftest import ROOT

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTERS = ("target", "corresp", "prev", "next", "hand", "resp", "source", "ana", "ref", "scheme")


@pytest.fixture(scope="module")
def real(built_site):
    return etree.parse(str(built_site / "downloads/beijing-13790.tei.xml"))


@pytest.fixture(scope="module")
def fictional(fixture_files):
    return etree.ElementTree(etree.fromstring(fixture_files["downloads/ottawa-99001.tei.xml"]))


def printed_side(doc) -> str:
    """The OCR as the TEI gives it: the body's text in document order, taking sic/orig of every
    choice (never corr, reg, unclear), a newline at every lb but the first, nothing from desc,
    and no text standing directly in div or body (indentation between blocks)."""
    out: list[str] = []
    first = [True]
    skip = {TEI + "corr", TEI + "reg", TEI + "unclear", TEI + "desc"}
    structural = {TEI + "div", TEI + "body"}

    def walk(e):
        if e.tag == TEI + "lb":
            if not first[0]:
                out.append("\n")
            first[0] = False
            return
        if e.tag in skip:
            return
        if e.text and e.tag not in structural:
            out.append(e.text)
        for child in e:
            walk(child)
            if child.tail and e.tag not in structural:
                out.append(child.tail)
    walk(doc.find(f".//{TEI}body"))
    return "".join(out)


def test_the_tei_is_valid_tei_all(real, fictional, tei_schema):
    for doc in (real, fictional):
        ok = tei_schema.validate(doc)
        assert ok, [f"{e.line}: {e.message}" for e in list(tei_schema.error_log)[:10]]


@pytest.mark.parametrize("which", ["real", "fictional"])
def test_the_printed_side_gives_back_the_ocr_exactly(which, real, fictional):
    doc = real if which == "real" else fictional
    witness = (ROOT / "site_src/cables/13790/beijing-13790-release.ocr.txt" if which == "real"
               else ROOT / "tests/fixtures/edition/cables/99001/witness.ocr.txt").read_bytes()
    assert printed_side(doc).encode("utf-8") == witness


def _counts(doc):
    return Counter(e.tag[len(TEI):] for e in doc.find(f".//{TEI}body").iter() if isinstance(e.tag, str))


@pytest.mark.parametrize("which", ["real", "fictional"])
def test_element_counts_agree_with_the_model(which, real, fictional, cable, fixture_edition):
    doc = real if which == "real" else fictional
    c = cable if which == "real" else fixture_edition.cables["99001"]
    body = doc.find(f".//{TEI}body")
    kinds = Counter(iv.kind for iv in c.interventions.values())
    occurrences = Counter(iv.kind for iv in c.interventions.values() for _ in iv.marks)
    paras = body.findall(f".//{TEI}p[@{XML_ID}]")
    assert [int(p.get("n")) for p in paras] == list(c.paragraphs)
    assert [p.get(XML_ID) for p in paras] == [f"p{n}" for n in c.paragraphs]
    for p in paras:
        assert p.get("ana").split()[0] == f"#status-{c.paragraphs[int(p.get('n'))].status}"
    assert [pb.get(XML_ID) for pb in body.iter(f"{TEI}pb")] == [f"page-{p.id}" for p in c.pages]
    assert [h.get(XML_ID) for h in body.iter(f"{TEI}head")] == [h.id for h in c.headings]
    choices = list(body.iter(f"{TEI}choice"))
    assert sum(1 for ch in choices if ch.find(f"{TEI}corr") is not None) == kinds["corr"]
    assert sum(1 for ch in choices if ch.find(f"{TEI}unclear") is not None) == kinds["unclear"]
    assert sum(1 for s in body.iter(f"{TEI}sic") if s.getparent().tag != f"{TEI}choice") == kinds["sic"]
    assert len(body.findall(f".//{TEI}seg[@type='considered']")) == kinds["ok"]
    assert len(body.findall(f".//{TEI}gap[@reason='withheld']")) == occurrences["redact"]
    lacunae = [g for g in body.iter(f"{TEI}gap") if g.get("reason") != "withheld"]
    assert [g.get(XML_ID) for g in lacunae] == list(c.lacunae)
    assert [g.get("reason") for g in lacunae] == [l.kind for l in c.lacunae.values()]
    assert len(list(body.iter(f"{TEI}add"))) == kinds["add"]
    assert len(list(body.iter(f"{TEI}del"))) == kinds["del"]
    assert len(list(body.iter(f"{TEI}anchor"))) == kinds["note"]
    surplus = [s for s in body.iter(f"{TEI}surplus") if not s.get("prev")]
    assert [s.get(XML_ID) for s in surplus] == list(c.duplicates)
    matter = [n.get(XML_ID) for n in body.iter(f"{TEI}note") if not n.get("prev")]
    assert sorted(matter) == sorted(f"matter-{m}" for m in c.matter)
    assert len(list(body.iter(f"{TEI}lb"))) == len(c.witness_text.split("\n"))
    lbs = [int(lb.get("n")) for lb in body.iter(f"{TEI}lb")]
    assert lbs == list(range(1, len(lbs) + 1))
    back = doc.find(f".//{TEI}back")
    assert len(back.findall(f".//{TEI}note[@type='collation']")) == sum(kinds[k] for k in ("corr", "sic", "ok", "unclear"))
    assert len(back.findall(f".//{TEI}note[@type='explanatory']")) == kinds["note"]


@pytest.mark.parametrize("which", ["real", "fictional"])
def test_every_pointer_resolves(which, real, fictional):
    doc = real if which == "real" else fictional
    ids = {e.get(XML_ID) for e in doc.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    seen = 0
    for e in doc.iter():
        if not isinstance(e.tag, str):
            continue
        for attr in POINTERS:
            for ptr in (e.get(attr) or "").split():
                assert ptr.startswith("#") and ptr[1:] in ids, (e.tag, attr, ptr)
                seen += 1
    assert seen > 100 if which == "real" else seen > 20
    if which == "real":
        refs = [e.get("ref") for e in doc.iter() if isinstance(e.tag, str) and e.get("ref")]
        assert len(refs) > 400


def test_the_text_of_13462_is_marked_with_its_witness(real, edition):
    body = real.find(f".//{TEI}body")
    wits = {w.get(XML_ID) for w in real.iter(f"{TEI}witness")}
    assert wits == {"w13790", "w13462"}
    for pb in body.iter(f"{TEI}pb"):
        assert pb.get("source") == "#w" + pb.get("n").split()[0]
        assert pb.get("n").startswith(("13790 ", "13462 "))
    carried = {int(p.get("n")): p.get("source").split() for p in body.findall(f".//{TEI}p[@source]")}
    for n in (33, 34, 35, 36):
        assert carried[n] == ["#w13462"]
    assert carried[37] == ["#w13462", "#w13790"]      # its last dash item is on 13790's section 08
    assert carried[14] == ["#w13790"]


def test_corrections_and_gaps_carry_their_record(real, cable):
    agnesty = real.find(f".//{TEI}choice[@{XML_ID}='agnesty']")
    assert agnesty.find(f"{TEI}sic").text == "AGNESTY"
    corr = agnesty.find(f"{TEI}corr")
    assert (corr.text, corr.get("type"), corr.get("cert"), corr.get("resp")) == \
        ("AMNESTY", "misread-letter", "high", "#ed")
    r1 = real.find(f".//{TEI}choice[@{XML_ID}='r-p1']")
    assert r1.find(f"{TEI}orig").text == "[REDACTED]"
    gap = r1.find(f"{TEI}reg/{TEI}gap")
    assert gap.get("agent") == "FOIA-exemption-B1" and gap.get("extent") == cable.interventions["r-p1"].record["extent"]
    p9 = real.find(f".//{TEI}p[@{XML_ID}='p9']")
    assert len(p9) == 0 and not (p9.text or "").strip() and p9.get("corresp") == "#gap-p9-12"
    add = real.find(f".//{TEI}add")
    assert add.text == "CONCERN" and add.get("hand") == "#hand-concern"


def test_the_tei_is_written_as_elementtree_writes_it():
    # tei_xml.to_text stands in for ElementTree.tostring: on any tree of TEI elements, with any
    # text, tails and plain or xml: attributes, the same text
    import xml.etree.ElementTree as ET

    from hypothesis import given, settings, strategies as st

    from generator.render import tei, tei_xml   # (tei makes the TEI namespace ElementTree's default)

    assert tei.TEI_NS == tei_xml.TEI_NS
    text = st.one_of(st.none(), st.text(alphabet="ab &<>\"'\r\n\t\u00e9\u4e2d", max_size=6))
    names = st.sampled_from(["n", "type", "ref", f"{{{tei_xml.XML_NS}}}id", f"{{{tei_xml.XML_NS}}}lang"])
    attrs = st.dictionaries(names, st.text(alphabet="ab &<>\"'\r\n\t", max_size=5), max_size=3)

    def build(tag, attributes, text_, tail, children):
        e = ET.Element(f"{{{tei_xml.TEI_NS}}}{tag}", attributes)
        e.text, e.tail = text_, tail
        e.extend(children)
        return e
    tree = st.recursive(
        st.builds(build, st.sampled_from(["p", "hi", "lb"]), attrs, text, text, st.just([])),
        lambda kids: st.builds(build, st.sampled_from(["div", "p", "note"]), attrs, text, text,
                               st.lists(kids, max_size=3)),
        max_leaves=12)

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(tree)
    def same(root):
        assert tei_xml.to_text(root) == ET.tostring(root, encoding="unicode")
    same()
    # a document long enough to be written in chunks
    wide = build("div", {"n": "1"}, "\n", None, [build("p", {f"{{{tei_xml.XML_NS}}}id": f"p{i}"}, f"a & {i}",
                                                       "\n", [build("lb", {}, None, "b", [])]) for i in range(3000)])
    assert tei_xml.to_text(wide) == ET.tostring(wide, encoding="unicode")
