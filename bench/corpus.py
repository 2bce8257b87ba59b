"""A synthetic corpus for the benchmark: N telegrams in the edition's source format.

    python -m bench.corpus N DEST [--seed 1991]

writes DEST/edition.yaml and DEST/cables/<number>/ for N telegrams, each with its witness
(the OCR, recorded by SHA-256 and line count), its transcription (the witness plus
directives and marks), cable.yaml, collation.yaml and apparatus.yaml, and DEST/mentions.tsv
(outside the edition's sources: which index names stand in which paragraph). The anchor
manifest is not written here: `python -m generator --src DEST anchors --add` publishes it,
timed on its own by the benchmark.

The shape follows the real releases (see docs/about/editing.md):
* length: a median of 10 paragraphs of about 60 words (about 4 KB of OCR); one telegram in
  ten is as long as Beijing 13790 (54 paragraphs, about 5,000 words, 30 pages);
* sections of at most three text pages, each preceded by its routing sheet (page 01); every
  text page has its stamps and running head, the first of a section its message head;
  paragraphs run on across page breaks (⟦@text⟧);
* about one suspect token per 150 words (corr, sic, ok or unclear, with its collation entry),
  one redaction per five paragraphs (a paragraph withheld in part, now and then in full),
  three index mentions per paragraph (names of persons, places and organisations, written as
  plain text: the registers of the indexes can declare ENTITIES below as they are);
* now and then a run-in heading, an explanatory note, a handwritten insertion, a missing
  paragraph (a lacuna) and a relation to the previous telegram.

Everything is drawn from one `random.Random(seed)`: the same N and seed give the same bytes.
The N-telegram corpus is the first N telegrams of any larger one with the same seed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

FIRST_NUMBER = 100001          # telegram numbers 100001, 100002, ... (six digits, as the schema allows)
WRAP = 62                      # characters per OCR line of telegram text
LINES_PER_PAGE = 24            # text lines on a printed page before it breaks
TEXT_PAGES_PER_SECTION = 3     # a section: routing sheet (page 01) and up to three text pages

# The index names the telegrams mention, as a register would declare them: kind, id, the
# normalised name, and the form the text prints. Kept as data so that the registers of the
# indexes can be written from it (register_files, below).
ENTITIES: list[tuple[str, str, str, str]] = [
    ("person", "liu-huaqiu", "Liu Huaqiu", "LIU HUAQIU"),
    ("person", "kimmitt", "Robert M. Kimmitt", "KIMMITT"),
    ("person", "baker", "James A. Baker III", "BAKER"),
    ("person", "qian-qichen", "Qian Qichen", "QIAN QICHEN"),
    ("person", "li-peng", "Li Peng", "LI PENG"),
    ("person", "lilley", "James R. Lilley", "LILLEY"),
    ("person", "pascoe", "B. Lynn Pascoe", "PASCOE"),
    ("person", "solomon", "Richard H. Solomon", "SOLOMON"),
    ("person", "schifter", "Richard Schifter", "SCHIFTER"),
    ("person", "bush", "George H. W. Bush", "PRESIDENT BUSH"),
    ("person", "jiang-zemin", "Jiang Zemin", "JIANG ZEMIN"),
    ("person", "zhu-qizhen", "Zhu Qizhen", "ZHU QIZHEN"),
    ("person", "fang-lizhi", "Fang Lizhi", "FANG LIZHI"),
    ("person", "wang-dan", "Wang Dan", "WANG DAN"),
    ("person", "tian-zengpei", "Tian Zengpei", "TIAN ZENGPEI"),
    ("person", "zhang-wenpu", "Zhang Wenpu", "ZHANG WENPU"),
    ("place", "beijing", "Beijing", "BEIJING"),
    ("place", "shanghai", "Shanghai", "SHANGHAI"),
    ("place", "hong-kong", "Hong Kong", "HONG KONG"),
    ("place", "taiwan", "Taiwan", "TAIWAN"),
    ("place", "tibet", "Tibet", "TIBET"),
    ("place", "guangzhou", "Guangzhou", "GUANGZHOU"),
    ("place", "pakistan", "Pakistan", "PAKISTAN"),
    ("place", "syria", "Syria", "SYRIA"),
    ("place", "iran", "Iran", "IRAN"),
    ("place", "algeria", "Algeria", "ALGERIA"),
    ("place", "washington", "Washington", "WASHINGTON"),
    ("place", "moscow", "Moscow", "MOSCOW"),
    ("place", "tokyo", "Tokyo", "TOKYO"),
    ("place", "south-asia", "South Asia", "SOUTH ASIA"),
    ("organisation", "mfa", "Ministry of Foreign Affairs (PRC)", "MFA"),
    ("organisation", "mtcr", "Missile Technology Control Regime", "MTCR"),
    ("organisation", "npt", "Treaty on the Non-Proliferation of Nuclear Weapons", "NPT"),
    ("organisation", "iaea", "International Atomic Energy Agency", "IAEA"),
    ("organisation", "congress", "United States Congress", "CONGRESS"),
    ("organisation", "ustr", "Office of the US Trade Representative", "USTR"),
    ("organisation", "un", "United Nations", "UNITED NATIONS"),
    ("organisation", "icrc", "International Committee of the Red Cross", "ICRC"),
    ("organisation", "gatt", "General Agreement on Tariffs and Trade", "GATT"),
    ("organisation", "npc", "National People's Congress", "NPC"),
    ("organisation", "cofcom", "Coordinating Committee for Multilateral Export Controls", "COCOM"),
    ("organisation", "state", "Department of State", "DEPARTMENT"),
]

# How the registers classify the names above (the schema asks a kind of places and organisations).
KINDS = {
    "beijing": "city", "shanghai": "city", "guangzhou": "city", "washington": "city", "moscow": "city",
    "tokyo": "city", "hong-kong": "region", "tibet": "region", "south-asia": "region",
    "mfa": "ministry", "state": "ministry", "mtcr": "regime", "cofcom": "regime", "npt": "treaty",
    "gatt": "treaty", "iaea": "international", "un": "international", "icrc": "group",
    "congress": "legislature", "npc": "legislature", "ustr": "office",
}

# Subjects found by their words in the text, and glossary terms of the text and its page
# furniture: every corpus is indexed and glossed as the real edition is.
SUBJECTS = [("emigration", "Emigration", "EMIGRATION"), ("proliferation", "Proliferation", "PROLIFERATION"),
            ("trade", "Trade", "TRADE"), ("textiles", "Textiles", "TEXTILES"), ("nuclear", "Nuclear matters", "NUCLEAR")]
GLOSSARY = [("mfn", "MFN", "most-favoured-nation (status)", "term-of-art"),
            ("prc", "PRC", "People's Republic of China", "abbreviation"),
            ("usg", "USG", "United States Government", "abbreviation"),
            ("secstate", "SECSTATE", "Secretary of State", "office-symbol"),
            ("washdc", "WASHDC", "Washington, D.C.", "abbreviation"),
            ("amembassy", "AMEMBASSY", "American Embassy", "abbreviation"),
            ("oadr", "OADR", "Originating Agency's Determination Required", "handling"),
            ("decl", "DECL", "declassify", "handling"),
            ("prel", "PREL", "External political relations", "tag"),
            ("phum", "PHUM", "Human rights", "tag")]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def register_files(mentioned: set[str], witnesses: list[str]) -> dict[str, str]:
    """site_src/registers/: persons, places and organisations from ENTITIES, the subjects and
    the glossary above. A register lists no entry without an occurrence (the loader checks),
    so only the names the telegrams mention and the words their witnesses print are entered."""
    printed = set()
    for text in witnesses:
        printed.update(re.findall(r"[A-Z]+", text))
    heads = {"person": "persons", "place": "places", "organisation": "organisations"}
    out = {name: "# A register of the synthetic benchmark corpus.\nentries:\n" for name in heads.values()}
    for kind, eid, name, form in ENTITIES:
        if eid not in mentioned:
            continue
        entry = (f"  {eid}:\n    name: {_q(name)}\n"
                 f"    description: {_q(f'{name}, as named in the synthetic telegrams.')}\n")
        if kind != "person":
            entry += f"    kind: {KINDS.get(eid, 'country' if kind == 'place' else 'government')}\n"
        out[heads[kind]] += entry + f"    forms: [{_q(form)}]\n"
    subjects = "# The subjects of the synthetic benchmark corpus.\nentries:\n"
    for sid, name, form in SUBJECTS:
        if form in printed:
            subjects += (f"  {sid}:\n    name: {_q(name)}\n"
                         f"    description: {_q(name + ' in the synthetic telegrams.')}\n    forms: [{_q(form)}]\n")
    out["subjects"] = subjects
    glossary = "# The glossary of the synthetic benchmark corpus.\nterms:\n"
    for tid, term, expansion, kind in GLOSSARY:
        if term in printed:
            glossary += f"  {tid}:\n    term: {_q(term)}\n    expansion: {_q(expansion)}\n    kind: {kind}\n"
    out["glossary"] = glossary + "not_abbreviations: []\n"
    # an empty mapping is written as such
    return {f"{name}.yaml": re.sub(r"(entries|terms):\n(?!  )", r"\1: {}\n", text) for name, text in out.items()}


def write_registers(dest: Path, mentioned: set[str], witnesses: list[str]) -> None:
    folder = Path(dest) / "registers"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in register_files(mentioned, witnesses).items():
        (folder / name).write_text(text, encoding="utf-8")


VOCAB = """
THE THE THE THE OF OF OF AND AND AND TO TO TO IN IN A A THAT THAT WAS WAS WOULD WOULD
SAID NOTED ADDED STRESSED REPLIED ASKED POINTED OUT CONTINUED AGREED UNDERLINED ARGUED
SIDE SIDES GOVERNMENT RELATIONSHIP BILATERAL QUESTION QUESTIONS ISSUE ISSUES PROGRESS
TRADE HUMAN RIGHTS EMIGRATION PROLIFERATION MISSILE MISSILES NUCLEAR EXPORT EXPORTS
COOPERATION POLICY POLICIES DECISION DECISIONS PRESIDENT SECRETARY MINISTER VICE FOREIGN
DELEGATION DISCUSSION DISCUSSIONS MEETING MEETINGS TALKS VISIT STEPS STEP CONCERN
CONCERNS POSITION POSITIONS VIEW VIEWS ASSURANCES ASSURANCE COMMITMENT COMMITMENTS
CHINESE PRC U.S. USG AMERICAN EMBASSY AMBASSADOR UNDER ECONOMIC POLITICAL STABILITY
REFORM MARKET ACCESS DEFICIT TEXTILES INTELLECTUAL PROPERTY PRISONERS RELEASE LIST NAMES
CASES DETAINEES LENIENCY AMNESTY REGIME GUIDELINES PARAMETERS SALES TRANSFERS WEAPONS
CHEMICAL CONVENTION TREATY SAFEGUARDS INSPECTION REACTOR RESEARCH TECHNOLOGY LICENSE
CONGRESSIONAL DEBATE EXTENSION STATUS MOST FAVORED NATION DIFFICULT IMPORTANT SERIOUS
CLEAR FURTHER FULL GENERAL SPECIFIC CURRENT RECENT PAST FUTURE NEXT LAST WEEK MONTH YEAR
BOTH EACH ANY ALL SOME NO NOT ONLY ALSO HOWEVER THEREFORE WHILE SINCE BEFORE AFTER DURING
WITH WITHOUT FROM FOR ON AT BY AS IF BUT OR ITS THEIR THIS THESE THOSE WHICH WHO WHAT HAD
HAS HAVE BEEN BE COULD SHOULD MIGHT MUST WILL CAN MADE TAKEN GIVEN RAISED RESPONDED
UNDERSTOOD CONSIDER CONSIDERED EXPLAINED INDICATED SUGGESTED PROPOSED PROMISED REVIEW
""".split()

SIMILAR = {"O": "0", "I": "1", "S": "5", "B": "8", "E": "F", "M": "N", "C": "G", "L": "I", "A": "4",
           "G": "C", "N": "M", "U": "V", "V": "Y", "T": "I", "H": "N", "D": "O", "R": "P"}
CORRECTION_KINDS = ["corr"] * 7 + ["sic", "ok", "unclear"]
HEADINGS = ["HUMAN RIGHTS", "NON-PROLIFERATION", "TRADE MATTERS", "EMIGRATION", "NEXT STEPS",
            "MFN", "MISSILE SALES", "PRISONER RELEASES", "TEXTILES", "NUCLEAR COOPERATION"]
SIGNERS = ["LILLEY", "PASCOE", "WHITE", "MOELLER", "SMITH", "DUNN", "CLARK"]


@dataclass
class Telegram:
    """One synthetic telegram as it is being written: the transcription and the witness in step."""
    number: str
    rng: random.Random
    long: bool
    words_mean: int = 60                               # words per paragraph (mean)
    lines_per_page: int = LINES_PER_PAGE
    transcription: list[tuple[str, str | None]] = field(default_factory=list)   # (marked, printed or None)
    pages: list[dict] = field(default_factory=list)
    paragraphs: dict = field(default_factory=dict)
    matter: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)        # collation.yaml
    redactions: dict = field(default_factory=dict)
    lacunae: dict = field(default_factory=dict)
    insertions: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    mentions: list = field(default_factory=list)       # (paragraph, entity id)
    words: int = 0
    lines_on_page: int = 0
    section: int = 0
    text_pages_in_section: int = 0
    sections_total: int = 0
    counter: int = 0

    # -- writing: a directive line goes into the transcription only; an OCR line into both
    def directive(self, text: str) -> None:
        self.transcription.append((text, None))

    def ocr(self, marked: str, printed: str) -> None:
        self.transcription.append((marked, printed))

    def plain(self, text: str) -> None:
        self.ocr(text, text)

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"


def esc(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def corrupt(word: str, rng: random.Random) -> tuple[str, str]:
    """A plausible OCR misreading of `word` and its type."""
    spots = [i for i, c in enumerate(word) if c in SIMILAR]
    if spots:
        i = rng.choice(spots)
        kind = "misread-digit" if SIMILAR[word[i]].isdigit() else "misread-letter"
        return word[:i] + SIMILAR[word[i]] + word[i + 1:], kind
    return word + word[-1], "spelling"


def paragraph_words(t: Telegram, n: int) -> list[tuple[str, str]]:
    """The words of paragraph n as (marked, printed) pairs: vocabulary, three index names,
    about one suspect token per 150 words, sentence ends."""
    rng = t.rng
    count = max(12, int(rng.gauss(t.words_mean, t.words_mean / 3)))
    words: list[tuple[str, str]] = []
    for _ in range(count):
        w = rng.choice(VOCAB)
        words.append((w, w))
    for _ in range(3):
        kind, eid, _name, form = rng.choice(ENTITIES)
        at = rng.randrange(1, len(words) + 1)
        words.insert(at, (form, form))
        t.mentions.append((n, eid))
    for i in range(1, len(words)):
        marked, printed = words[i]
        if marked != printed or not marked.isalpha() or len(marked) < 4 or rng.random() >= 1 / 150:
            continue
        words[i] = suspect(t, marked)
    # sentences of 8 to 20 words
    i = rng.randint(8, 20)
    while i < len(words) - 1:
        m, p = words[i]
        words[i] = (m + ".", p + ".")
        i += rng.randint(8, 20)
    m, p = words[-1]
    words[-1] = (m + ".", p + ".")
    t.words += len(words)
    return words


def suspect(t: Telegram, word: str) -> tuple[str, str]:
    rng = t.rng
    kind = rng.choice(CORRECTION_KINDS)
    eid = t.new_id({"corr": "c", "sic": "s", "ok": "k", "unclear": "u"}[kind])
    entry = {"certainty": "high", "resp": "ed", "second_reading": "{agrees: true}"}
    if kind == "corr":
        printed, typ = corrupt(word, rng)
        marked = f"⟦corr {eid}|{printed}|{word}⟧"
        entry.update(printed=printed, reading=word, decision="ocr-error", type=typ,
                     evidence=f"The word is {word} in the context; the OCR misread it.")
    elif kind == "sic":
        printed = word[:-1] + word[-1] + word[-1]
        marked = f"⟦sic {eid}|{printed}⟧"
        entry.update(printed=printed, reading=word, decision="telegram-slip", type="spelling",
                     evidence="A typing slip of the telegram, kept as printed.")
    elif kind == "ok":
        printed = word
        marked = f"⟦ok {eid}|{printed}⟧"
        entry.update(printed=printed, reading=word, decision="not-an-error", type="other",
                     evidence="Considered and judged correct as printed.")
    else:
        printed, _ = corrupt(word, rng)
        marked = f"⟦unclear {eid}|{printed}|{word}|{printed}⟧"
        entry.update(printed=printed, reading=word, decision="uncertain", type="misread-letter",
                     certainty="low", evidence=f"Either {word} or {printed}; the context favours {word}.")
    t.entries[eid] = entry
    return marked, printed


def wrap(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Break a paragraph into OCR lines by the printed width; marks stay on their line."""
    lines, cur_m, cur_p = [], [], []
    width = 0
    for m, p in words:
        if cur_p and width + 1 + len(p) > WRAP:
            lines.append((" ".join(cur_m), " ".join(cur_p)))
            cur_m, cur_p, width = [], [], 0
        width += (1 if cur_p else 0) + len(p)
        cur_m.append(m)
        cur_p.append(p)
    if cur_p:
        lines.append((" ".join(cur_m), " ".join(cur_p)))
    return lines


def page_id(t: Telegram, section: int, page: int) -> str:
    return f"{t.number}-{section:02d}-{page:02d}"


def begin_section(t: Telegram, subject: str) -> None:
    t.section += 1
    t.text_pages_in_section = 0
    s = t.section
    pid = page_id(t, s, 1)
    t.pages.append({"id": pid, "section": s, "page": 1, "kind": "routing"})
    t.directive(f"⟦@page {pid}⟧")
    rid = f"routing-{s:02d}"
    t.matter[rid] = ("routing-sheet", f"Routing sheet of section {s:02d}",
                     "The Executive Secretariat's routing form: page head, info line, copy count, short subject.")
    t.directive(f"⟦@matter {rid}⟧")
    t.plain(f"PAGE 01 OF {{pages}} BEIJING {t.number} {s:02d}")
    t.plain("")
    t.plain("INFO: SS (10) P (01)")
    t.plain(f"----- 13/0605Z (TOTAL COPIES: 0{t.rng.randint(10, 40)})")
    t.plain(f"SUB: {subject[:48]}")
    if s == 1:
        t.matter["review-stamp"] = ("review-stamp", "FOIA review stamp",
                                    "Office of FOI, Privacy, & Classification Review; review date and case.")
        t.directive("⟦@matter review-stamp⟧")
        t.plain("United States Department of State")
        t.plain("Review Authority: MILLER, ROBERT")
        t.plain("Date: 06/12/96")
    t.directive("⟦@fw stamp⟧")
    t.plain("UNCLASSIFIED")
    begin_text_page(t, subject, resume=False)


def begin_text_page(t: Telegram, subject: str, resume: bool) -> None:
    """A new text page; the page number of "OF {pages}" is filled in once the section is done."""
    if t.text_pages_in_section == TEXT_PAGES_PER_SECTION:
        end_page(t)
        begin_section(t, subject)      # begins its first text page itself
        if resume:
            t.directive("⟦@text⟧")
        return
    if t.text_pages_in_section:
        end_page(t)
    t.text_pages_in_section += 1
    s, p = t.section, t.text_pages_in_section + 1
    pid = page_id(t, s, p)
    t.pages.append({"id": pid, "section": s, "page": p, "kind": "text"})
    t.directive(f"⟦@page {pid}⟧")
    t.directive("⟦@fw stamp⟧")
    t.plain("IMMEDIATE")
    t.plain("")
    t.plain("UNCLASSIFIED")
    t.directive("⟦@fw running-head⟧")
    head = f"PAGE {p:02d} OF {{pages}} BEIJING {t.number} {s:02d} OF {{sections}} 130559Z"
    if t.rng.random() < 0.15:                      # a garbled page head, corrected in the release view
        eid = t.new_id("head")
        t.entries[eid] = {"printed": "BEIJIN", "reading": "BEIJING", "decision": "ocr-error",
                          "type": "garbled-header", "certainty": "high", "resp": "ed",
                          "evidence": "The other page heads read BEIJING.", "second_reading": "{agrees: true}"}
        t.ocr(head.replace("BEIJING", f"⟦corr {eid}|BEIJIN|BEIJING⟧"), head.replace("BEIJING", "BEIJIN"))
    else:
        t.plain(head)
    t.lines_on_page = 0
    if p == 2:
        t.directive("⟦@fw message-head⟧")
        for line in ("ACTION EAP-00", "", "INFO LOG-00 ADS-00 /000W", "", "O 130535Z MAY 91",
                     "FM AMEMBASSY BEIJING", "TO SECSTATE WASHDC IMMEDIATE 5882",
                     f"SECTION {s:02d} OF {{sections}} BEIJING {t.number}", "", "E.O. 12356: DECL: OADR",
                     "TAGS: PREL, PHUM, CH"):
            t.plain(line)
        if s == 1:
            t.directive("⟦@matter subject⟧")
            t.matter["subject"] = ("subject", "Subject line", "The subject line as printed in section 01.")
        t.plain(f"SUBJECT: {subject}")
        t.plain("")
        t.lines_on_page = 6
    if resume:
        t.directive("⟦@text⟧")


def end_page(t: Telegram) -> None:
    t.directive("⟦@fw stamp⟧")
    t.plain("UNCLASSIFIED")


def write_paragraph(t: Telegram, n: int, subject: str) -> None:
    rng = t.rng
    redacted, full = rng.random() < 0.2, False      # one redaction per five paragraphs
    if redacted:
        full = rng.random() < 0.1                    # now and then the whole paragraph
    rid = f"r-p{n}"
    if full:
        words = [(f"⟦redact {rid}|[REDACTED]⟧", "[REDACTED]")]
        t.redactions[rid] = ("the whole paragraph after its number",)
        t.paragraphs[n] = ("withheld", "Withheld in full under exemption B1.")
    else:
        words = paragraph_words(t, n)
        if redacted:
            words.insert(rng.randrange(1, len(words)), (f"⟦redact {rid}|[REDACTED]⟧", "[REDACTED]"))
            t.redactions[rid] = ("one passage (length not stated)",)
            t.paragraphs[n] = ("withheld-in-part", "A passage is withheld under exemption B1.")
        else:
            t.paragraphs[n] = ("present", "")
    if not full and rng.random() < 0.02:             # an explanatory note
        nid = t.new_id("n")
        at = rng.randrange(1, len(words))
        m, p = words[at]
        words[at] = (m + f"⟦note {nid}⟧", p)
        t.notes[nid] = "An explanatory note of the editors on this point."
    if not full and rng.random() < 0.01:             # a handwritten insertion
        iid = t.new_id("ins")
        at = rng.randrange(1, len(words))
        words.insert(at, (f"⟦add {iid}|^(ALSO)⟧", "^(ALSO)"))
        t.insertions[iid] = "a later hand on the received copy"
    words[0] = (f"{n}. {words[0][0]}", f"{n}. {words[0][1]}")
    lines = wrap(words)
    if t.lines_on_page + 1 >= t.lines_per_page:
        begin_text_page(t, subject, resume=False)
    t.directive(f"⟦@p {n}⟧")
    for marked, printed in lines:
        if t.lines_on_page >= t.lines_per_page:
            begin_text_page(t, subject, resume=True)
        t.ocr(marked, printed)
        t.lines_on_page += 1
    t.plain("")
    t.lines_on_page += 1


def telegram(number: str, rng: random.Random, long: bool, previous: str | None,
             huge_bytes: int = 0) -> tuple[dict[str, str], Telegram]:
    """One telegram's five files. `long`: as long as Beijing 13790; `huge_bytes`: a witness
    of about that size, within the schema's limits (999 paragraphs, 99 sections)."""
    t = Telegram(number=number, rng=rng, long=long)
    if huge_bytes:
        n_paras = 999
        t.words_mean = max(60, huge_bytes // (n_paras * 7))
        lines = huge_bytes // (WRAP - 8) + 2 * n_paras            # text lines and blank lines, roughly
        t.lines_per_page = max(LINES_PER_PAGE, lines // (80 * TEXT_PAGES_PER_SECTION))   # about 80 sections
    elif long:
        n_paras, t.words_mean = 54, 75
    else:
        n_paras = max(3, round(rng.gauss(10, 3)))
    subject = " ".join(rng.choice(VOCAB) for _ in range(5)) + ": " + rng.choice(HEADINGS)
    missing = rng.randrange(2, n_paras) if rng.random() < 0.05 else None
    headings = rng.random() < 0.33
    begin_section(t, subject)
    for n in range(1, n_paras + 1):
        if n == missing:
            gid = f"gap-p{n}"
            t.directive("⟦@fw blank⟧")
            t.directive(f"⟦@gap {gid}⟧")
            t.lacunae[gid] = n
            t.paragraphs[n] = ("missing", "Not in the release; no marker is printed.")
            continue
        if headings and n > 1 and rng.random() < 0.15:
            hid = t.new_id("h")
            if t.lines_on_page + 2 >= t.lines_per_page:
                begin_text_page(t, subject, resume=False)
            t.directive(f"⟦@head {hid}⟧")
            t.plain(f"{rng.choice(['KIMMITT', 'LIU', 'THE SIDES'])}: {rng.choice(HEADINGS)}")
            t.lines_on_page += 1
        write_paragraph(t, n, subject)
    signer = rng.choice(SIGNERS)
    t.directive("⟦@matter signature⟧")
    t.matter["signature"] = ("signature", "Signature", f"Signed {signer}.")
    t.plain(signer)
    end_page(t)
    return finish(t, subject, signer, previous), t


def finish(t: Telegram, subject: str, signer: str, previous: str | None) -> dict[str, str]:
    """Fill in page counts, then write the five files."""
    sections = t.section
    per_section = {}
    for p in t.pages:
        per_section[p["section"]] = per_section.get(p["section"], 0) + 1
    out_t, out_w = [], []
    section = 0
    for marked, printed in t.transcription:
        if marked.startswith("⟦@page "):
            section = int(marked.split("-")[1])
        fill = lambda s: s.replace("{pages}", f"{per_section[section]:02d}").replace("{sections}", f"{sections:02d}")
        out_t.append(fill(marked))
        if printed is not None:
            out_w.append(fill(printed))
    witness = "\n".join(out_w)              # no newline after the last line, as in the releases
    transcription = "\n".join(out_t) + "\n"
    wbytes = witness.encode("utf-8")
    n = t.number
    y = ['post: "Beijing"', 'post_code: "BEIJIN"', f'number: "{n}"',
         f"title: {esc(subject.title())}",
         'from: "American Embassy Beijing (AMEMBASSY BEIJING)"',
         'to: "Secretary of State, Washington (SECSTATE WASHDC)"',
         'date: "1991-05-13"',
         'dtg: "130535Z MAY 91"',
         'precedence: "IMMEDIATE"',
         'classification: "SECRET (declassified; released in part 1996)"',
         "tags: [PREL, PHUM, CH]",
         f"subject: {esc(subject)}",
         f"signer: {esc(signer)}",
         f"sections: {sections}",
         f"paragraph_count: {len(t.paragraphs)}",
         f"summary: {esc('A synthetic telegram of the benchmark corpus: ' + subject.lower() + '.')}",
         "release:",
         '  status: "Released in part"',
         "  exemptions: [B1]",
         '  review_date: "1996-06-12"',
         "witness:",
         f"  file: {witness_name(n)}",
         "  transcription: transcription.txt",
         f"  sha256: {hashlib.sha256(wbytes).hexdigest()}",
         f"  lines: {len(out_w)}",
         '  description: "OCR text of the synthetic release."']
    if previous:
        y += ["relations:", f'  - telegram: "{previous}"',
              '    relation: "An earlier telegram on the same talks."']
    y.append("pages:")
    for p in t.pages:
        y += [f"  - id: {p['id']}", f'    telegram: "{n}"', f"    kind: {p['kind']}",
              f'    section: "{p["section"]:02d}"', f'    page: "{p["page"]:02d}"',
              '    time: "130559Z"' if p["kind"] == "text" else
              '    time: {basis: unknown, evidence: "The routing sheet prints no time."}',
              f'    label: "Section {p["section"]:02d}, page {p["page"]:02d}"']
    y.append("paragraphs:")
    for k, (status, reason) in sorted(t.paragraphs.items()):
        y.append(f"  {k}: {{status: {status}" + (f", reason: {esc(reason)}}}" if reason else "}"))
    y.append("matter:")
    for mid, (kind, label, desc) in t.matter.items():
        y += [f"  {mid}:", f"    kind: {kind}", f"    label: {esc(label)}", f"    description: {esc(desc)}"]
    c = ["entries:"]
    for eid, e in t.entries.items():
        c.append(f"  {eid}:")
        for k in ("printed", "reading", "decision", "type", "certainty", "resp", "evidence"):
            v = e[k]
            c.append(f"    {k}: {esc(v) if k in ('printed', 'reading', 'evidence') else v}")
        c.append(f"    second_reading: {e['second_reading']}")
    if not t.entries:
        c = ["entries: {}"]
    c.append("discussions: []")
    a = []
    if t.redactions:
        a.append("redactions:")
        for rid, (extent,) in t.redactions.items():
            a.append(f"  {rid}: {{exemption: B1, extent: {esc(extent)}, certainty: high}}")
    if t.lacunae:
        a.append("lacunae:")
        for gid, para in t.lacunae.items():
            a.append(f"  {gid}: {{paragraphs: [{para}], kind: unmarked-excision, "
                     f"reason: \"Paragraph {para} is absent without a marker.\"}}")
    if t.insertions:
        a.append("insertions:")
        for iid, hand in t.insertions.items():
            a.append(f"  {iid}: {{hand: {esc(hand)}, in_reading: true, note: \"Supplied word.\"}}")
    if t.notes:
        a.append("notes:")
        for nid, text in t.notes.items():
            a.append(f"  {nid}: {{text: {esc(text)}}}")
    return {
        witness_name(n): witness,
        "transcription.txt": transcription,
        "cable.yaml": "\n".join(y) + "\n",
        "collation.yaml": "\n".join(c) + "\n",
        "apparatus.yaml": ("\n".join(a) + "\n") if a else "{}\n",
    }


EDITION_YAML = """\
# A synthetic edition for the benchmark (bench/corpus.py); not part of the edition.
title: "Benchmark corpus: synthetic telegrams"
short_title: "Benchmark corpus"
version: "1.0"
date: "2026-11-28"
editors:
  - id: ed
    name: "The benchmark"
    role: "everything"
publisher: "The Beijing Telegrams 1991 project"
licence: "CC0"
site_url: "https://beijing-telegrams.example.org/"
contact: "Nowhere."
"""


@dataclass
class CorpusStats:
    telegrams: int = 0
    long: int = 0
    words: int = 0
    paragraphs: int = 0
    pages: int = 0
    suspects: int = 0
    redactions: int = 0
    mentions: int = 0
    witness_bytes: int = 0
    source_bytes: int = 0
    words_per_telegram: list = field(default_factory=list)
    witness_sizes: list = field(default_factory=list)


def write_corpus(dest: Path, n: int, seed: int = 1991) -> CorpusStats:
    """Write N telegrams under dest (which must not exist or be empty)."""
    dest = _start_edition(dest)
    stats = CorpusStats()
    mentioned: set[str] = set()
    witnesses: list[str] = []
    mentions = ["telegram\tparagraph\tentity"]
    for i in range(n):
        number = str(FIRST_NUMBER + i)
        rng = random.Random(f"{seed}-{number}")   # per telegram: a smaller corpus is a prefix of a larger
        long = i % 10 == 5
        previous = str(FIRST_NUMBER + i - 1) if i % 20 == 19 else None
        files, t = telegram(number, rng, long, previous)
        _write_telegram(dest, number, files)
        stats.telegrams += 1
        stats.long += long
        stats.words += t.words
        stats.paragraphs += len(t.paragraphs)
        stats.pages += len(t.pages)
        stats.suspects += len(t.entries)
        stats.redactions += len(t.redactions)
        stats.mentions += len(t.mentions)
        witness = files[witness_name(number)]
        w = len(witness.encode("utf-8"))
        stats.witness_bytes += w
        stats.witness_sizes.append(w)
        stats.words_per_telegram.append(t.words)
        stats.source_bytes += sum(len(x.encode("utf-8")) for x in files.values())
        mentions += [f"{number}\t{p}\t{e}" for p, e in t.mentions]
        mentioned.update(e for _, e in t.mentions)
        witnesses.append(witness)
    write_registers(dest, mentioned, witnesses)
    (dest.parent / f"{dest.name}.mentions.tsv").write_text("\n".join(mentions) + "\n", encoding="utf-8")
    return stats


def write_huge(dest: Path, megabytes: float, seed: int = 1991) -> int:
    """An edition of one telegram whose witness is about `megabytes` MB; its size in bytes."""
    dest = _start_edition(dest)
    number = str(FIRST_NUMBER)
    files, t = telegram(number, random.Random(f"{seed}-huge"), False, None, huge_bytes=int(megabytes * 1e6))
    _write_telegram(dest, number, files)
    witness = files[witness_name(number)]
    write_registers(dest, {e for _, e in t.mentions}, [witness])
    return len(witness.encode("utf-8"))


def witness_name(number: str) -> str:
    return f"beijing-{number}-release.ocr.txt"


def _start_edition(dest) -> Path:
    dest = Path(dest)
    (dest / "cables").mkdir(parents=True, exist_ok=True)
    (dest / "edition.yaml").write_text(EDITION_YAML, encoding="utf-8")
    return dest


def _write_telegram(dest: Path, number: str, files: dict[str, str]) -> None:
    folder = dest / "cables" / number
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as f:   # the bytes as made
            f.write(text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("dest")
    ap.add_argument("--seed", type=int, default=1991)
    ap.add_argument("--huge", type=float, metavar="MB", help="instead: one telegram of about MB megabytes")
    args = ap.parse_args(argv)
    if args.huge:
        size = write_huge(Path(args.dest), args.huge, args.seed)
        print(f"wrote one telegram of {size / 1e6:.1f} MB to {args.dest}")
        return 0
    s = write_corpus(Path(args.dest), args.n, args.seed)
    sizes = sorted(s.witness_sizes)
    print(f"wrote {s.telegrams} telegrams ({s.long} long) to {args.dest}: {s.paragraphs} paragraphs, "
          f"{s.words} words, {s.pages} pages, {s.suspects} suspect tokens, {s.redactions} redactions, "
          f"{s.mentions} index mentions; witness median {sizes[len(sizes) // 2]} bytes, "
          f"total {s.witness_bytes / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
