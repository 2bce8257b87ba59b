"""Trust: no source text becomes live markup, no published anchor can vanish, no build can break
site/, and what the sources hold cannot hang, crash or reach outside the repository."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import FIXTURE, PY, ROOT, env, make_project
from hostile import CONSTRAINED, FIELDS, LINE, OCR, free_text_fields, write_hostile


def gen(project: Path, *args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "generator", "--src", "site_src", *args], cwd=project,
                          env=env(PYTHONPATH=str(project)), capture_output=True, text=True, timeout=timeout)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- hostile text

def test_every_free_text_field_of_the_sources_is_probed():
    """FIELDS and CONSTRAINED (tests/hostile.py) cover every free-text field the schemas declare:
    a field added to the source format fails here until it is probed."""
    declared = set(free_text_fields())
    probed = {(k, f) for k, fs in FIELDS.items() for f in fs} | {(k, f) for k, d in CONSTRAINED.items() for f in d}
    assert declared - probed == set(), "probe these fields in tests/hostile.py"
    assert probed - declared == set(), "these fields are no longer in the schemas"


def _plain_load(path: Path):
    from generator.errors import Problems
    from generator.sources.strict_yaml import load_yaml
    data = load_yaml(path, Problems())

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return plain(data)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The fixture edition with the payload in every field it holds, in OCR lines of a
    paragraph and in a correction's reading; released (site/ and the offline zip)."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "project", FIXTURE)
    src = project / "site_src"
    # a version to release: versions.yaml exists with a hostile summary once released
    c = src / "cables/99001"
    witness = (c / "witness.ocr.txt").read_text(encoding="utf-8").split("\n")
    witness[4:4] = OCR
    (c / "witness.ocr.txt").write_text("\n".join(witness), encoding="utf-8", newline="")
    edit(c / "transcription.txt", "⟦@head h-old-heading⟧", "\n".join(OCR) + "\n⟦@head h-old-heading⟧")
    edit(c / "transcription.txt", "⟦corr delegates-250|25O|250⟧", "⟦corr delegates-250|25O|<script>pwned()</script>⟧")
    edit(c / "collation.yaml", 'reading: "250"', 'reading: "<script>pwned()</script>"')
    import hashlib
    y = c / "cable.yaml"
    edit(y, "3b92fef83bea2769eab722a96af8888756233441f535878c666889dd3956631c",
         hashlib.sha256((c / "witness.ocr.txt").read_bytes()).hexdigest())
    edit(y, "lines: 21", f"lines: {21 + len(OCR)}")
    counts = write_hostile(src, _plain_load)
    assert all(n > 0 for n in counts.values()), counts
    (src / "anchors.tsv").unlink()
    r = gen(project, "anchors", "--add")
    assert r.returncode == 0, r.stderr
    r = gen(project, "release", "--summary", LINE, "--version", "0.1", "--date", "2001-02-03")
    assert r.returncode == 0, r.stdout + r.stderr
    return project


def _documents(project: Path):
    """Every HTML page of site/ and of the released zip: (name, text)."""
    for f in sorted((project / "site").rglob("*.html")):
        yield str(f.relative_to(project)), f.read_text(encoding="utf-8")
    with zipfile.ZipFile(project / "site_src/releases/0.1/" / next(
            p.name for p in (project / "site_src/releases/0.1").glob("*.zip"))) as z:
        for name in z.namelist():
            if name.endswith(".html"):
                yield name, z.read(name).decode("utf-8")


def test_hostile_source_text_never_becomes_markup(hostile):
    seen = ""
    pages = 0
    for name, text in _documents(hostile):
        pages += 1
        doc = lxml.html.fromstring(text.encode("utf-8"))
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                assert not attr.lower().startswith("on"), (name, el.tag, attr)
                assert not value.strip().lower().startswith("javascript:"), (name, el.tag, attr)
                if el.tag == "img":
                    assert value != "x", (name, el.tag, attr)
            if el.tag == "script":
                body = el.text or ""
                if el.get("type") == "application/ld+json":
                    assert "<" not in body and json.loads(body)["@type"] == "Message", name
                else:
                    assert "pwned" not in body, (name, body[:80])
            assert el.tag != "svg" or el.get("onload") is None, name
            assert not (el.tag == "div" and "pwned" in (el.get("class") or "")), name
            assert "pwned" not in (el.get("id") or "") or el.tag in ("h1", "h2", "h3"), (name, el.tag, el.get("id"))
        seen += doc.text_content()
    assert pages > 20
    # the payloads arrive as text, visibly, and Jinja did not evaluate them
    assert '"><svg onload=alert(1)></title><script>alert("pwned-script")</script>' in seen
    assert "{{ 7*7 }}" in seen and "13. UNDER SECRETARY <a href=javascript:alert(1)>pwned-a</a>" in seen


def test_what_reaches_the_theme_through_front_matter_is_escaped(hostile):
    """Material prints a page's title and description unescaped: the generator escapes them."""
    home = (hostile / "site/index.html").read_text(encoding="utf-8")
    title = home[home.index("<title>"):home.index("</title>")]
    assert "<svg" not in title and "&lt;svg onload=alert(1)&gt;" in title
    doc = lxml.html.fromstring(home.encode("utf-8"))
    description = doc.xpath('//meta[@name="description"]/@content')[0]
    assert description.startswith(LINE[:40])            # one escaping: the reader sees the text
    header = doc.xpath('//*[contains(@class, "md-header__topic")]')[-1].text_content()
    assert '"><svg onload=alert(1)>' in header
    reading = lxml.html.parse(str(hostile / "site/cables/99001/index.html")).getroot()
    (title,) = reading.xpath('//meta[@name="citation_title"]/@content')
    assert title == LINE                                  # escaped once, not twice: the text as written


def test_the_downloads_of_hostile_text_are_well_formed(hostile):
    for f in sorted((hostile / "site/downloads").glob("*.xml")):
        lxml.etree.parse(str(f))
    for f in sorted((hostile / "site/downloads").glob("*.json")):
        json.loads(f.read_text(encoding="utf-8"))


def test_an_aria_label_shows_a_label_as_written(hostile):
    page = (hostile / "site/cables/99001/release/index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(page.encode("utf-8"))
    labels = doc.xpath('//*[contains(@class, "ed-page")]/@aria-label')
    assert any("&amp;" in label for label in labels)       # the source's "&amp;", decoded once only


# ---------------------------------------------------------------- links and files outside

def test_a_symbolic_link_in_the_sources_is_refused_and_not_read(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    secret = tmp_path / "secret.yaml"
    secret.write_text('title: "top secret content"\n', encoding="utf-8")
    cable = project / "site_src/cables/99001/apparatus.yaml"
    cable.unlink()
    os.symlink(secret, cable)
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "site_src/cables/99001/apparatus.yaml:1:1: symbolic link in the sources: it is not read" in r.stderr
    assert "top secret" not in r.stdout + r.stderr


# ---------------------------------------------------------------- anchors

def test_an_alias_keeps_a_renamed_heading_findable(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    src = project / "site_src"
    for p in (src / "cables/99001/transcription.txt",):
        edit(p, "⟦@head h-old-heading⟧", "⟦@head h-struck-heading⟧")
    manifest = src / "anchors.tsv"
    edit(manifest, "cables/99001/\th-old-heading\ttelegram 99001: run-in heading",
         "cables/99001/\th-old-heading\talias of #h-struck-heading\ncables/99001/\th-struck-heading\t"
         "telegram 99001: run-in heading")
    r = gen(project, "site", "site")
    assert r.returncode == 0, r.stdout + r.stderr
    doc = lxml.html.parse(str(project / "site/cables/99001/index.html")).getroot()
    (old,) = doc.xpath('//*[@id="h-old-heading"]')
    assert old.getparent().get("id") == "h-struck-heading" and old.text_content() == ""


def test_an_alias_to_nothing_or_of_a_living_anchor_is_refused(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    manifest = project / "site_src/anchors.tsv"
    with open(manifest, "a", encoding="utf-8") as f:
        f.write("cables/99001/\th-gone\talias of #h-nowhere\n")
    edit(manifest, "cables/99001/\tp2\ttelegram 99001, paragraph 2 (present)", "cables/99001/\tp2\talias of #p3")
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "alias cables/99001/#h-gone: the target #h-nowhere is not an anchor of cables/99001/" in r.stderr
    assert "alias cables/99001/#p2 names an anchor the page publishes itself" in r.stderr


def test_check_runs_every_check_the_build_runs(tmp_path):
    """`make check` refuses what `make site` would refuse: an anchor missing from the manifest,
    a paragraph whose published anchor would disappear."""
    project = make_project(tmp_path / "project", FIXTURE)
    src = project / "site_src"
    manifest = src / "anchors.tsv"
    good = manifest.read_text(encoding="utf-8")
    manifest.write_text("\n".join(l for l in good.splitlines() if not l.startswith("cables/99001/\tp5\t")) + "\n",
                        encoding="utf-8")
    r = gen(project, "check")
    assert r.returncode == 1 and "1 anchor(s) not in the manifest: cables/99001/#p5" in r.stderr
    manifest.write_text(good + "cables/99001/\tp7\ttelegram 99001, paragraph 7 (present)\n", encoding="utf-8")
    r = gen(project, "check")
    assert r.returncode == 1 and "published anchor cables/99001/#p7 has disappeared" in r.stderr


# ---------------------------------------------------------------- site/ is never broken

def _slow_mkdocs(project: Path, seconds: float) -> None:
    """Make the project's MkDocs build take a while (a hook that sleeps), for the races below."""
    (project / "slow_hook.py").write_text(f"import time\n\ndef on_post_build(config):\n    time.sleep({seconds})\n",
                                          encoding="utf-8")
    edit(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - slow_hook.py\n")


def test_two_builds_at_once_wait_for_each_other(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    _slow_mkdocs(project, 3)
    cmd = [PY, "-m", "generator", "--src", "site_src", "site", "site"]
    first = subprocess.Popen(cmd, cwd=project, env=env(PYTHONPATH=str(project)), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    second = subprocess.run(cmd, cwd=project, env=env(PYTHONPATH=str(project)), capture_output=True, text=True,
                            timeout=300)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "another build of site/ is running" in second.stderr and "waiting" in second.stderr
    assert (project / "site/index.html").exists()
    assert not list((project / "build").glob("site-*")) and not list((project / "build").glob("pages-*"))


def test_site_is_never_missing_and_a_killed_build_leaves_it_intact(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    assert gen(project, "site", "site").returncode == 0
    before = (project / "site/index.html").read_bytes()
    # site/ is made in a private scratch folder, then readable as mkdir would have made it
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((project / "site").stat().st_mode) == 0o777 & ~mask
    _slow_mkdocs(project, 5)
    seen_missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (project / "site/index.html").exists():
                seen_missing.append(time.monotonic())
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        # a build that completes: site/ is switched while the watcher looks
        assert gen(project, "site", "site").returncode == 0
        # a build killed while MkDocs runs
        proc = subprocess.Popen([PY, "-m", "generator", "--src", "site_src", "site", "site"], cwd=project,
                                env=env(PYTHONPATH=str(project)), start_new_session=True)
        time.sleep(2.5)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        stop.set()
        watcher.join()
    assert seen_missing == []
    assert (project / "site/index.html").read_bytes() == before
    # the leftovers of the killed build go with the next build
    assert gen(project, "site", "site").returncode == 0
    assert not list((project / "build").glob("site-*")) and not list((project / "build").glob("pages-*"))


def test_an_interrupted_build_removes_its_scratch_folders(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    _slow_mkdocs(project, 5)
    proc = subprocess.Popen([PY, "-m", "generator", "--src", "site_src", "site", "site"], cwd=project,
                            env=env(PYTHONPATH=str(project)))
    time.sleep(2.5)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) != 0
    assert not (project / "site").exists()
    assert not list((project / "build").glob("site-*"))


def test_a_forked_worker_ended_by_its_pool_leaves_the_build_alone(tmp_path):
    """A pool of the build ends its workers with SIGTERM; a worker inherits the build's handler of
    SIGTERM, which must remove the scratch folders only in the build's own process (a worker that
    removed them made a build of 300 telegrams fail now and then, its stylesheet gone)."""
    from generator.site.build import on_interrupt
    scratch = tmp_path / "build" / "site-x"
    (scratch / "assets").mkdir(parents=True)
    (scratch / "assets" / "edition.css").write_text("p {}\n")
    previous = signal.signal(signal.SIGTERM, on_interrupt(scratch, tmp_path / "build"))
    try:
        pid = os.fork()
        if pid == 0:                          # the worker, ended as Pool.terminate() ends it
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            finally:
                os._exit(0)                   # never back into pytest
        _, status = os.waitpid(pid, 0)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    assert (scratch / "assets" / "edition.css").exists()


# ---------------------------------------------------------------- what cannot hang or crash

def test_a_pool_whose_worker_is_killed_from_outside_says_so_instead_of_waiting_for_ever():
    """A worker ended by the system (the OOM killer sends SIGKILL) takes the items it held with
    it; multiprocessing.Pool starts another worker and would wait for those items for ever. The
    pool sees the worker gone and raises WorkerLost, which the build reports without a traceback."""
    script = (
        "import os, signal, sys\n"
        "from generator import pipeline\n"
        "def work(i):\n"
        "    if i == 7:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return i\n"
        "try:\n"
        "    list(pipeline.pool_map(work, range(40), 2))\n"
        "except pipeline.WorkerLost as e:\n"
        "    print('lost:', e)\n"
        "    sys.exit(3)\n")
    r = subprocess.run([PY, "-c", script], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "ended from outside" in r.stdout and "EDITION_JOBS=1" in r.stdout


def test_a_telegram_related_to_itself_is_a_positioned_error(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    edit(project / "site_src/cables/99001/cable.yaml", '  - telegram: "99002"', '  - telegram: "99001"')
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert "site_src/cables/99001/cable.yaml:" in r.stderr and "relation of telegram 99001 to itself" in r.stderr


def test_two_telegrams_may_not_share_the_name_of_their_downloads(tmp_path):
    """A folder that names its post is its downloads' name (lisbon-4417.tei.xml); a folder
    named as another telegram's downloads (ottawa-99001 beside Ottawa's 99001) is refused."""
    project = make_project(tmp_path / "project", FIXTURE)
    cables = project / "site_src/cables"
    shutil.copytree(cables / "99001", cables / "ottawa-99001")
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert "site_src/cables/ottawa-99001/cable.yaml:1:1: telegrams 99001 and ottawa-99001 would both publish " \
           "their downloads as ottawa-99001.*" in r.stderr, r.stderr


@pytest.mark.parametrize("pattern, message", [
    ("([A-Z ]+)+0", "a quantifier applies to a group"),
    ("(?s).*", "inline flags such as (?s) or (?i) are not allowed"),
    ("(?=)", "it can match without taking a character"),
    ("[0-9", "not a valid regular expression"),
    ("x{1,999}", "a quantifier bound of 999"),
    ("[A-Z ]{0,50}[A-Z ]{0,50}[A-Z ]{0,50}[A-Z ]{0,50}[A-Z ]{0,50}0", "345,025,251 ways through its bounded"),
    ("[A-Z ]+[A-Z ]+0", "2 open-ended quantifiers"),
    ("[A-Z ]{0,20}[A-Z ]+0", "at most 16 beside an open-ended quantifier"),
])
def test_a_glossary_pattern_is_checked_when_loaded(tmp_path, pattern, message):
    project = make_project(tmp_path / "project", FIXTURE)
    g = project / "site_src/registers/glossary.yaml"
    edit(g, "    gloss: \"day {1:number} of the month, {2}:{3} Greenwich Mean Time\"\n", "")
    edit(g, "patterns: ['([0-9]{2})([0-9]{2})([0-9]{2})Z']", "patterns: " + json.dumps([pattern]))
    r = gen(project, "check", timeout=60)          # a pattern that backtracks would not end
    assert r.returncode == 1 and "Traceback" not in r.stderr
    line = next(i for i, l in enumerate(g.read_text(encoding="utf-8").splitlines(), 1) if "patterns:" in l)
    assert f"site_src/registers/glossary.yaml:{line}:" in r.stderr and message in r.stderr


@pytest.mark.parametrize("old, new, message", [
    ("    patterns: ['([0-9]{2})([0-9]{2})([0-9]{2})Z']\n", "",
     "a gloss is computed from the groups of the term's patterns, and it has no patterns"),
    ("{3} Greenwich", "{4} Greenwich", "gloss names group 4, but pattern"),
    ("{3} Greenwich", "{3 Greenwich", "has a brace that is not a field"),
    ("{1:number} of the month, {2}:{3}", "the time", "names no group of the pattern"),
    ('term: "010930Z"', 'term: "0109Z"', "the form '0109Z' is not matched whole by any of the term's patterns"),
])
def test_a_gloss_is_checked_when_loaded(tmp_path, old, new, message):
    project = make_project(tmp_path / "project", FIXTURE)
    edit(project / "site_src/registers/glossary.yaml", old, new)
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "site_src/registers/glossary.yaml:" in r.stderr and message in r.stderr, r.stderr


def test_a_problem_of_edition_yaml_is_reported_alone(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    edit(project / "site_src/edition.yaml", "editors:\n  - id: ed\n", "editors:\n  - id: Ed\n")
    r = gen(project, "check")
    assert r.returncode == 1
    assert r.stderr.rstrip().endswith("1 problem found.") and "edition.yaml" in r.stderr


def test_a_line_too_long_for_a_one_line_field_is_refused(tmp_path):
    project = make_project(tmp_path / "project", FIXTURE)
    edit(project / "site_src/cables/99001/cable.yaml", 'title: "A fictional telegram with every mark"',
         'title: "' + "TITLE " * 1000 + '"')
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "site_src/cables/99001/cable.yaml:" in r.stderr and "at most 1,000 characters" in r.stderr


def test_a_hand_written_page_with_a_link_or_a_line_too_long_is_refused(tmp_path):
    """The commentary and the other pages in docs/ are converted by Python-Markdown, which
    slows down more than linearly on one very long line; and a link could publish a file from
    outside the repository."""
    project = make_project(tmp_path / "project", FIXTURE)
    outside = tmp_path / "hostname"
    outside.write_text("a file outside the repository\n", encoding="utf-8")
    os.symlink(outside, project / "docs/leak.md")
    intro = project / "docs/commentary/introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n" + "WORD " * 3000 + "\n", encoding="utf-8")
    r = gen(project, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "docs/leak.md:1:1: symbolic link in the sources: it is not read" in r.stderr
    assert "docs/commentary/introduction.md:5:10001: a line of 15,000 characters; a page's line may have at most " \
           "10,000" in r.stderr, r.stderr
    assert "outside the repository" not in r.stdout + r.stderr


def test_a_hand_written_page_is_read_as_mkdocs_reads_it(tmp_path):
    """A byte-order mark and CRLF line ends are fine in docs/ (MkDocs accepts them), and every
    suffix MkDocs converts is checked for its line length."""
    project = make_project(tmp_path / "project", FIXTURE)
    intro = project / "docs/commentary/introduction.md"
    intro.write_bytes(b"\xef\xbb\xbf" + intro.read_bytes().replace(b"\n", b"\r\n"))
    assert gen(project, "check").returncode == 0
    (project / "docs/long.markdown").write_text("# Long\n\n" + "WORD " * 3000 + "\n", encoding="utf-8")
    r = gen(project, "check")
    assert r.returncode == 1 and "docs/long.markdown:3:10001: a line of 15,000 characters" in r.stderr, r.stderr


# ---------------------------------------------------------------- the link check sees every load

def test_the_link_check_sees_every_way_a_page_loads_from_elsewhere(tmp_path):
    from generator.site import linkcheck
    (tmp_path / "index.html").write_text(
        '<img srcset="a.png 1x, https://cdn.example/b.png 2x">'
        '<p style="background: url(https://cdn.example/c.png)">x</p>'
        '<style>@import "https://cdn.example/d.css"; p { background: url(//cdn.example/e.png) }</style>'
        '<video poster="https://cdn.example/f.png"></video>'
        '<form action="https://collect.example/g"></form>'
        '<meta http-equiv="refresh" content="0; url=https://elsewhere.example/h">'
        '<meta http-equiv="refresh" content="1; https://elsewhere.example/j">'
        '<iframe srcdoc="&lt;img src=&quot;https://cdn.example/i.png&quot;&gt;"></iframe>', encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"")
    found = "\n".join(linkcheck.check_site(tmp_path))
    for url in ("https://cdn.example/b.png", "https://cdn.example/c.png", "https://cdn.example/d.css",
                "//cdn.example/e.png", "https://cdn.example/f.png", "https://collect.example/g",
                "https://elsewhere.example/h", "https://elsewhere.example/j", "https://cdn.example/i.png"):
        assert url in found, url


# ---------------------------------------------------------------- the clock

CLOCK = '''"""Installed by a test: every clock this process reads says 2031-07-01 12:00 UTC."""
import datetime as _d, time as _t
_T = 1940673600.0
_t.time = lambda: _T
_t.time_ns = lambda: int(_T * 1e9)
class _DT(_d.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_T, tz)
    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_T)
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_T)
class _D(_d.date):
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_T)
_d.datetime = _DT
_d.date = _D
'''


def digest_tree(root: Path) -> dict[str, str]:
    import hashlib
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_whatever_the_clock_and_the_machine(tmp_path):
    """Separate processes with another hash seed, time zone, locale, working directory and clock
    (a sitecustomize that moves every clock of the build's processes to 2031)."""
    project = make_project(tmp_path / "project")
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(CLOCK, encoding="utf-8")
    cmd = [PY, "-m", "generator", "--src", str(project / "site_src"), "site"]
    a = subprocess.run(cmd + [str(tmp_path / "a"), "--config", str(project / "mkdocs.yml")], cwd=project,
                       env=env(PYTHONPATH=str(project), PYTHONHASHSEED="1", TZ="UTC"), capture_output=True, text=True)
    assert a.returncode == 0, a.stderr
    b = subprocess.run(cmd + [str(tmp_path / "b"), "--config", str(project / "mkdocs.yml")], cwd=project,
                       env=env(PYTHONPATH=f"{clock}:{project}", PYTHONHASHSEED="4242", TZ="Pacific/Kiritimati",
                               LC_ALL="C.UTF-8"), capture_output=True, text=True)
    assert b.returncode == 0, b.stderr
    probe = subprocess.run([PY, "-c", "import datetime, time; print(time.time(), datetime.date.today())"],
                           env=env(PYTHONPATH=str(clock)), capture_output=True, text=True)
    assert probe.stdout.split() == ["1940673600.0", "2031-07-01"]     # the clock really was moved
    da, db = digest_tree(tmp_path / "a"), digest_tree(tmp_path / "b")
    assert list(da) == list(db)
    assert [k for k in da if da[k] != db[k]] == []
    assert "sitemap.xml.gz" in da and "search/search_index.json" in da
