"""Names in the downloads: the TEI's name elements and the JSON's entities agree, place by place,
with the occurrences the indexes count; the TEI lists every entry it points to; the rule for
where a name may stand holds (across line and page breaks, around or inside the reading side of
a mark, never in the printed side, never in withheld text); a name that would cut a mark in two
is an error with its position. Run on the real edition and on the fictional fixture with
registers written for its traps."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import jsonschema
import pytest
from lxml import etree

from conftest import FIXTURE, PY, ROOT, all_places, dl, env, generated_files
from generator.errors import EditionError
from generator.pipeline import load as load_edition

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAMES = {TEI + "persName", TEI + "placeName", TEI + "orgName", TEI + "rs"}
PREFIXES = {"person": "persons", "place": "places", "org": "organisations", "subject": "subjects"}
SKIP = {TEI + "fw", TEI + "surplus", TEI + "note", TEI + "desc", TEI + "sic", TEI + "orig"}


# ---------------------------------------------------------------- reading the TEI

def names_in(e) -> list:
    return [x for x in e.iter() if x.tag in NAMES and x.get("ref")]


def entry_of(name) -> tuple[str, str]:
    prefix, _, entry = name.get("ref")[1:].partition("-")
    return PREFIXES[prefix], entry


def reading(e) -> str:
    """The reading side of an element: corrections and preferred readings taken, the printed
    side of choices, page furniture and repeated text left out, a line break read as a space."""
    out: list[str] = []

    def walk(x, top=False):
        if x.tag == TEI + "lb":
            out.append(" ")
        elif x.tag == TEI + "unclear" and x.get("ana") == "#reading-alternative":
            pass
        elif x.tag in SKIP and not (top or (x.tag == TEI + "sic" and x.getparent().tag != TEI + "choice")):
            pass
        else:
            out.append(x.text or "")
            for child in x:
                walk(child)
                out.append(child.tail or "")
    walk(e, top=True)
    return "".join(out)


def norm(text: str) -> str:
    """Words only: white space collapsed, punctuation at either end dropped (a name that ends
    inside a mark changing only punctuation takes the mark's punctuation in)."""
    return re.sub(r"^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "", " ".join(text.split()))


def places_of(doc) -> dict[str, list]:
    """anchor -> the parts of each paragraph, heading and item of matter in the body."""
    body = doc.find(f".//{TEI}body")
    places: dict[str, list] = {}
    owner: dict[str, str] = {}
    for e in body.iter(TEI + "p", TEI + "head", TEI + "note"):
        x = e.get(XML_ID)
        if x and not e.get("prev"):
            anchor = x[len("matter-"):] if x.startswith("matter-") else x
        elif e.get("prev"):
            anchor = owner[e.get("prev")[1:]]
        else:
            continue
        if x:
            owner[x] = anchor
        places.setdefault(anchor, []).append(e)
    return places


def tagged(parts) -> Counter:
    return Counter((*entry_of(n), norm(reading(n))) for part in parts for n in names_in(part))


def counted(edition, cable: str, anchor: str) -> Counter:
    return Counter((o.register, o.entry, norm(o.text)) for o in edition.registers.occurrences
                   if o.place.cable == cable and o.place.anchor == anchor and o.basis == "form")


# ---------------------------------------------------------------- the real edition

@pytest.fixture(scope="module")
def real(built_site, edition):
    return etree.parse(str(built_site / dl(edition, "13790", "tei")))


def test_every_mention_the_index_counts_is_tagged_where_it_stands(real, edition, cable):
    places = places_of(real)
    kinds = Counter()
    for place in all_places(edition):
        if place.cable != "13790":
            continue
        kinds[place.kind] += 1
        assert tagged(places.get(place.anchor, [])) == counted(edition, "13790", place.anchor), place.anchor
    assert kinds["paragraph"] == len(cable.paragraphs) and kinds["heading"] == len(cable.headings) > 0
    assert kinds["matter"] == len(cable.matter)
    # per register, over the paragraphs: as many name elements as the index has occurrences
    paragraphs = [p for anchor, parts in places.items() if re.fullmatch(r"p[0-9]+", anchor) for p in parts]
    elements = Counter(entry_of(n)[0] for p in paragraphs for n in names_in(p))
    index = Counter(o.register for o in edition.registers.occurrences
                    if o.place.cable == "13790" and o.place.kind == "paragraph" and o.basis == "form")
    assert elements == index
    assert set(index) == {"places", "persons", "subjects", "organisations"}
    # and nowhere else: every name stands in a paragraph, heading or item of matter
    parts = {part for ps in places.values() for part in ps}
    assert all(any(a in parts for a in n.iterancestors()) for n in names_in(real.find(f".//{TEI}body")))


def test_known_names_are_tagged(real):
    def named(anchor, ref):
        p = real.find(f".//{TEI}p[@{XML_ID}='{anchor}']")
        return [" ".join(reading(n).split()) for n in names_in(p) if n.get("ref") == ref]
    assert "MR. KIMMITT" in named("p46", "#person-kimmitt")
    assert named("p46", "#person-wei-jingsheng") == ["WEI JINGSHENG", "WEI"]     # across a line break
    assert named("p20", "#person-bartholomew") == ["U/S BARTHOLOMEW"]
    assert "PAKISTAN" in named("p24", "#place-pakistan")
    mtcr = real.findall(f".//{TEI}p[@{XML_ID}='p18']//{TEI}rs[@ref='#org-mtcr']")
    assert [(m.get("type"), m.text) for m in mtcr] == [("regime", "MTCR")] * 3
    # the U/S of U/S BARTHOLOMEW is no mention of Kimmitt
    (bart,) = real.findall(f".//{TEI}p[@{XML_ID}='p20']//{TEI}persName[@ref='#person-bartholomew']")
    assert names_in(bart) == [bart]


def test_a_name_runs_across_a_page_break(real):
    (baker,) = real.findall(f".//{TEI}p[@{XML_ID}='p7']//{TEI}persName[@ref='#person-baker']")
    assert baker.find(f"{TEI}pb").get(XML_ID) == "page-13790-02-02"
    assert [fw.get("type") for fw in baker.findall(f"{TEI}fw")] == ["stamp", "stamp", "running-head",
                                                                          "message-head"]
    assert " ".join(reading(baker).split()) == "SECRETARY BAKER"


def test_names_stand_around_or_inside_the_reading_side_of_a_mark(real):
    choice = real.find(f".//{TEI}choice[@{XML_ID}='chinaomfwm']")
    sic, corr = choice
    assert sic.text == "CHINAOMFWM" and len(sic) == 0
    assert [(n.tag, n.get("ref"), n.text) for n in corr] == [
        (TEI + "placeName", "#place-china", "CHINA"), (TEI + "rs", "#subject-mfn", "MFN")]
    # HUMAN RIGHTS ends inside a correction of the comma after it: the name takes the mark in
    rights = real.find(f".//{TEI}choice[@{XML_ID}='comma-p34-rights']")
    (rs,) = [n for n in real.iter(TEI + "rs") if rights in list(n)]
    assert rs.get("ref") == "#subject-human-rights" and rs.text == "HUMAN "
    # never in the printed side of a choice, never in page furniture, repeated text or withheld text
    for n in names_in(real.find(f".//{TEI}body")):
        for anc in n.iterancestors():
            assert anc.tag not in (TEI + "orig", TEI + "fw", TEI + "surplus", TEI + "gap"), (n.get("ref"), anc.tag)
            assert not (anc.tag == TEI + "sic" and anc.getparent().tag == TEI + "choice"), n.get("ref")
            assert not (anc.tag == TEI + "choice" and anc.find(f"{TEI}reg/{TEI}gap") is not None)


def test_nothing_is_tagged_in_withheld_paragraph_1(real, cable):
    p1 = real.find(f".//{TEI}p[@{XML_ID}='p1']")
    assert cable.paragraphs[1].status == "withheld"
    assert names_in(p1) == [] and not any(e.get("ref") for e in p1.iter())
    assert p1.get("ana") == "#status-withheld"


def test_the_tei_lists_every_entry_it_points_to(real, edition):
    so = real.find(f"{TEI}standOff")
    regs = edition.registers
    present = {(o.register, o.entry) for o in regs.occurrences if o.place.cable == "13790"}
    for register, lst, item in (("persons", "listPerson", "person"), ("places", "listPlace", "place"),
                                ("organisations", "listOrg", "org")):
        ids = [e.get(XML_ID) for e in so.findall(f"{TEI}{lst}/{TEI}{item}")]
        assert ids == [f"{item}-{eid}" for eid in regs.entries[register] if (register, eid) in present]
        assert ids                                  # an entry of another telegram only is not listed
    cats = real.findall(f".//{TEI}classDecl/{TEI}taxonomy[@{XML_ID}='subjects']/{TEI}category")
    assert [c.get(XML_ID) for c in cats] == [f"subject-{eid}" for eid in regs.entries["subjects"]
                                             if ("subjects", eid) in present]
    (cat_ref,) = real.findall(f".//{TEI}textClass/{TEI}catRef")
    assert cat_ref.get("scheme") == "#subjects" and cat_ref.get("target").split() == [f"#{c.get(XML_ID)}" for c in cats]
    # each pointer reaches the kind of thing its element names
    targets = {e.get(XML_ID): e.tag for e in real.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    wanted = {TEI + "persName": TEI + "person", TEI + "placeName": TEI + "place", TEI + "orgName": TEI + "org"}
    for n in names_in(real.find(f".//{TEI}body")):
        got = targets[n.get("ref")[1:]]
        if n.tag == TEI + "rs":
            assert (n.get("type"), got) in {("subject", TEI + "category"), ("regime", TEI + "org"),
                                            ("treaty", TEI + "org"), ("law", TEI + "org")}, n.get("ref")
        else:
            assert got == wanted[n.tag], n.get("ref")
    kimmitt = so.find(f".//{TEI}person[@{XML_ID}='person-kimmitt']")
    assert kimmitt.find(f"{TEI}persName").text == "Kimmitt, Robert M."
    assert kimmitt.find(f"{TEI}occupation").text == "Under Secretary of State for Political Affairs"
    assert kimmitt.find(f"{TEI}note[@type='description']").get("cert") == "high"
    assert "MR. KIMMITT" in [i.text for i in kimmitt.findall(f"{TEI}note[@type='forms']/{TEI}list/{TEI}item")]
    assert so.find(f".//{TEI}org[@{XML_ID}='org-jackson-vanik']").get("type") == "law"


def test_every_place_lists_its_subjects_in_ana(real, edition):
    places = places_of(real)
    want: dict[str, set] = {}
    for o in edition.registers.occurrences:
        if o.register == "subjects" and o.place.cable == "13790":
            want.setdefault(o.place.anchor, set()).add(f"#subject-{o.entry}")
    for anchor, parts in places.items():
        ana = (parts[0].get("ana") or "").split()
        assert {a for a in ana if a.startswith("#subject-")} == want.get(anchor, set()), anchor
    p44 = places["p44"][0].get("ana").split()
    assert p44[0] == "#status-present" and "#subject-emigration" in p44       # under the heading EMIGRATION
    assert "#subject-trade" in places["h-trade-matters"][0].get("ana").split()


# ---------------------------------------------------------------- JSON entities

def _entity_counter(entities, with_text=True) -> Counter:
    return Counter((e["register"], e["id"], e["basis"]) + ((norm(e["text"] or ""),) if with_text else ())
                   for e in entities)


def test_json_entities_agree_with_the_index(built_site, edition):
    data = json.loads((built_site / dl(edition, "13790", "json")).read_text(encoding="utf-8"))
    regs = edition.registers
    objects = [(f"p{p['n']}", p) for p in data["paragraphs"]] + [(h["id"], h) for h in data["headings"]]
    for anchor, obj in objects:
        assert _entity_counter(obj["entities"]) == +_occurrences(regs, "13790", anchor), anchor
        for e in obj["entities"]:
            assert e["name"] == regs.entries[e["register"]][e["id"]].name
            assert e["url"] == f"https://beijing-telegrams.example.org/indexes/{e['register']}/#{e['id']}"
            if e["basis"] == "form":
                assert obj["reading"][e["start"]:e["end"]] == e["text"]
            else:
                assert e["start"] is e["end"] is e["text"] is None
    p46 = next(p for p in data["paragraphs"] if p["n"] == 46)
    kimmitt = [e for e in p46["entities"] if e["id"] == "kimmitt"]
    assert [e["text"] for e in kimmitt] == ["MR. KIMMITT", "THE U/S"]
    assert p46["reading"][kimmitt[0]["start"]:].startswith("MR. KIMMITT CLAIMED")
    assert {(e["id"], e["basis"]) for e in p46["entities"] if e["register"] == "subjects"} >= \
        {("political-prisoners", "heading")}
    assert next(p for p in data["paragraphs"] if p["n"] == 1)["entities"] == []


def _occurrences(regs, cable, anchor) -> Counter:
    out = Counter()
    for o in regs.occurrences:
        if o.place.cable == cable and o.place.anchor == anchor:
            key = (o.register, o.entry, o.basis) + (norm(o.text),)
            if o.basis == "form":
                out[key] += 1
            else:
                out[key] = 1           # a subject is indexed at a place once per basis
    return out


def test_json_entities_of_the_carried_telegram(built_site, edition):
    """13462's paragraphs are cut to its own pages: their entities are found in that text."""
    data = json.loads((built_site / dl(edition, "13462", "json")).read_text(encoding="utf-8"))
    full = {p["n"]: p for p in json.loads((built_site / dl(edition, "13790", "json"))
                                          .read_text(encoding="utf-8"))["paragraphs"]}
    for p in data["paragraphs"]:
        for e in p["entities"]:
            if e["basis"] == "form":
                assert p["reading"][e["start"]:e["end"]] == e["text"]
        if p["reading"] == full[p["n"]]["reading"]:
            assert p["entities"] == full[p["n"]]["entities"], p["n"]
    p37 = next(p for p in data["paragraphs"] if p["n"] == 37)
    assert len(p37["entities"]) < len(full[37]["entities"])     # its last dash item is on 13790's page


# ---------------------------------------------------------------- the rule, in isolation

def _p(xml: str):
    from generator.render import tei_names
    root = ET.fromstring(f'<p xmlns="http://www.tei-c.org/ns/1.0">{xml}</p>')
    marks = {}
    for choice in root.iter(TEI + "choice"):
        inner = choice.find(f"{TEI}corr")
        marks[choice] = tei_names.MarkElement(None, inner.text, inner)
    return root, tei_names.Tagger(marks)


def _make():
    return ET.Element(TEI + "rs", {"ref": "#x"})


def test_the_rule_takes_in_punctuation_but_never_cuts_a_word_of_a_mark():
    root, tagger = _p("HUMAN <choice><sic>RIGHTS.</sic><corr>RIGHTS,</corr></choice> AND")
    assert tagger.wrap(root, 0, len("HUMAN RIGHTS"), _make) is None
    assert len(root.findall(f".//{TEI}rs")) == 1
    assert root.find(f"{TEI}rs/{TEI}choice") is not None and root.find(f"{TEI}rs").text == "HUMAN "
    root, tagger = _p("THE <choice><sic>OLDHEADING</sic><corr>OLD HEADING</corr></choice> TODAY")
    start = len("THE OLD ")
    blocker = tagger.wrap(root, start, start + len("HEADING TODAY"), _make)
    assert blocker is root[0] and root.find(f".//{TEI}rs") is None
    assert tagger.wrap(root, start, start + len("HEADING"), _make) is None      # wholly inside: in corr
    assert root.find(f"{TEI}choice/{TEI}corr/{TEI}rs").text == "HEADING"
    assert root.find(f"{TEI}choice/{TEI}sic").text == "OLDHEADING"


def test_a_name_that_would_cut_a_mark_is_an_error_with_its_position(tmp_path):
    src = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", src)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    p = src / "registers" / "subjects.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace('forms: ["MFN"]', 'forms: ["MFN STATUS", "MFN"]', 1),
                 encoding="utf-8")
    edition = load_edition(src)                     # the index is content: MFN STATUS is a whole phrase
    from generator.render import tei as render_tei
    with pytest.raises(EditionError) as e:
        render_tei.tei(edition, edition.cables["13790"])
    lines = (src / "cables/13790/transcription.txt").read_text(encoding="utf-8").split("\n")
    line = next(i for i, l in enumerate(lines, 1) if "⟦corr chinaomfwm|" in l)
    col = lines[line - 1].index("⟦corr chinaomfwm|") + 1
    where = f"{src / 'cables/13790/transcription.txt'}:{line}:{col}"
    (problem,) = [x.format() for x in e.value.problems]
    assert problem.startswith(f"{where}: 13790#p7: the name 'MFN STATUS' (subjects#mfn) cannot be tagged in the TEI")
    assert "hint: declare a form that covers the whole marked word" in problem
    r = subprocess.run([PY, "-m", "generator", "--src", str(src), "check"], cwd=ROOT, env=env(),
                       capture_output=True, text=True)
    assert r.returncode == 1 and where in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- the fictional fixture's traps

REGISTERS = {
    "persons.yaml": """entries:
  minister:
    name: "Minister, The"
    description: "A minister."
    offices: [{title: "Minister"}]
    forms: ["THE MINISTER"]
    authority: [{scheme: wikidata, id: "Q0", source: "A test fixture: an identifier of nobody."}]
  ambassador:
    name: "Ambassador, The"
    description: "Named with the telegram's slip (a sic)."
    forms: ["THE AMBASADOR"]
  doe:
    name: "Doe"
    description: "The signer, an uncertain reading."
    certainty: low
    forms: ["DOE"]
""",
    "places.yaml": """entries:
  ottawa:
    name: "Ottawa"
    kind: city
    description: "Named on the routing sheet."
    forms: ["OTTAWA"]
""",
    "organisations.yaml": """entries:
  delegations:
    name: "The delegations"
    kind: group
    description: "Their number is a correction."
    forms: ["250 DELEGATES"]
  lists:
    name: "A list"
    kind: treaty
    description: "A dash item, also in repeated text."
    forms: ["DASH ITEM"]
""",
    "subjects.yaml": """entries:
  telegrams:
    name: "Telegrams"
    description: "Across two telegrams' pages, and a considered token."
    forms: ["OTHER TELEGRAM", "SEPTEL"]
  headings:
    name: "Headings"
    description: "Inside a struck heading; and a paragraph under it."
    forms: ["HEADING"]
    headings:
      - {at: "99001#h-old-heading", paragraphs: "3"}
    at: ["99001#p6"]
""",
}


@pytest.fixture(scope="module")
def fiction(tmp_path_factory):
    src = tmp_path_factory.mktemp("fiction") / "edition"
    shutil.copytree(FIXTURE, src)
    shutil.rmtree(src / "registers")                 # registers of its own: the traps
    (src / "registers").mkdir()
    for name, text in REGISTERS.items():
        (src / "registers" / name).write_text(text, encoding="utf-8")
    edition = load_edition(src)
    files = generated_files(edition)
    return edition, files, etree.ElementTree(etree.fromstring(files[dl(edition, "99001", "tei")]))


def test_the_fixture_traps_are_tagged_by_the_rule(fiction, tei_schema):
    from test_tei import printed_side
    edition, files, doc = fiction
    assert tei_schema.validate(doc), [f"{e.line}: {e.message}" for e in list(tei_schema.error_log)[:10]]
    witness = (FIXTURE / "cables/99001/witness.ocr.txt").read_bytes()
    assert printed_side(doc).encode("utf-8") == witness
    places = places_of(doc)
    for place in all_places(edition):
        assert tagged(places.get(place.anchor, [])) == counted(edition, "99001", place.anchor), place.anchor
    body = doc.find(f".//{TEI}body")
    refs = lambda e: [n.get("ref") for n in names_in(e)]
    # across the page break from 99001's page to 99002's
    (other,) = [n for n in names_in(body) if reading(n).split() == ["OTHER", "TELEGRAM"]]
    assert other.find(f"{TEI}pb").get("source") == "#w99002"
    # around a whole correction, a [sic], a considered token, an uncertain reading
    assert [c.tag for c in body.find(f".//{TEI}orgName[@ref='#org-delegations']")] == [TEI + "choice"]
    assert body.find(f".//{TEI}persName[@ref='#person-ambassador']/{TEI}sic").text == "AMBASADOR"
    assert body.find(f".//{TEI}rs[@ref='#subject-telegrams']/{TEI}seg").text == "SEPTEL"
    assert body.find(f".//{TEI}note[@type='signature']/{TEI}persName/{TEI}choice/{TEI}orig").text == "DOE"
    # inside the reading side of a struck heading, not in its printed side
    head = body.find(f".//{TEI}head")
    assert head.find(f"{TEI}choice/{TEI}reg/{TEI}del/{TEI}rs").text == "HEADING"
    assert head.find(f"{TEI}choice/{TEI}orig").text == "~~OLD HEADING~~"
    # the repeated dash item is not indexed; the one in the reading text is, as a treaty (an instrument)
    assert all(refs(s) == [] for s in body.iter(TEI + "surplus"))
    assert body.find(f".//{TEI}p[@{XML_ID}='p6']//{TEI}rs[@type='treaty']").get("ref") == "#org-lists"
    assert refs(body.find(f".//{TEI}p[@{XML_ID}='p1']")) == []
    assert refs(body.find(f".//{TEI}note[@type='routing-sheet']")) == ["#place-ottawa"]
    # subjects at whole places
    assert "#subject-headings" in body.find(f".//{TEI}p[@{XML_ID}='p3']").get("ana").split()
    assert "#subject-headings" in body.find(f".//{TEI}p[@{XML_ID}='p6']").get("ana").split()
    # the authority identifier, in the list
    minister = doc.find(f".//{TEI}person[@{XML_ID}='person-minister']")
    assert minister.find(f"{TEI}idno").get("type") == "wikidata"


def test_the_fixture_json_entities(fiction):
    from generator.render.json_out import schema
    edition, files, _ = fiction
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for number in ("99001", "99002"):
        data = json.loads(files[dl(edition, number, "json")])
        assert list(validator.iter_errors(data)) == []
    data = json.loads(files[dl(edition, "99001", "json")])
    for p in data["paragraphs"]:
        assert _entity_counter(p["entities"]) == +_occurrences(edition.registers, "99001", f"p{p['n']}"), p["n"]
    p2 = next(p for p in data["paragraphs"] if p["n"] == 2)
    # the reading text of the download flags the slip: "THE AMBASADOR [sic] MET"
    assert [(e["id"], e["text"]) for e in p2["entities"]] == [
        ("ambassador", "THE AMBASADOR"), ("minister", "THE MINISTER"), ("telegrams", "SEPTEL"),
        ("delegations", "250 DELEGATES")]
    assert p2["reading"][p2["entities"][0]["end"]:].startswith(" [sic] MET THE MINISTER")
    p5 = next(p for p in data["paragraphs"] if p["n"] == 5)
    assert [e["text"] for e in p5["entities"]] == ["OTHER TELEGRAM"]
    (h,) = data["headings"]
    assert [(e["id"], e["basis"]) for e in h["entities"]] == [("headings", "form"), ("headings", "heading")]
