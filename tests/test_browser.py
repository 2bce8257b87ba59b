"""The built site in a real browser (Debian's chromium driven by Playwright): anchors land
and are marked, footnote tooltips open on hover and focus, axe-core finds no WCAG 2.1 A/AA
violation, and no request leaves 127.0.0.1. Missing chromium or axe-core is a failure,
never a skip."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("chromium is not installed at /usr/bin/chromium: install Debian's chromium "
                    "(apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    scheme = getattr(request, "param", "light")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.outside = outside
    yield pg
    context.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def test_an_anchor_brings_its_paragraph_into_view_and_marks_it(page, server):
    page.goto(server + "cables/13790/#p37")
    page.wait_for_load_state("networkidle")
    box = page.locator("#p37").bounding_box()
    assert box is not None and 0 <= box["y"] < 900 / 2
    style = page.evaluate("() => { const s = getComputedStyle(document.getElementById('p37'));"
                          " return [s.borderLeftColor, s.backgroundColor]; }")
    other = page.evaluate("() => { const s = getComputedStyle(document.getElementById('p36'));"
                          " return [s.borderLeftColor, s.backgroundColor]; }")
    assert style != other and style[1] != "rgba(0, 0, 0, 0)"      # the target is marked visibly
    assert page.evaluate("() => document.querySelector(':target').id") == "p37"
    # marked for assistive technology too: focus has moved to the cited paragraph
    assert page.evaluate("() => document.activeElement.id") == "p37"
    page.evaluate("() => { location.hash = '#p14'; }")
    page.wait_for_function("() => document.activeElement.id === 'p14'")


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_a_footnote_reference_shows_its_correction(page, server, how):
    page.goto(server + "cables/13790/#p2")
    page.wait_for_load_state("networkidle")
    ref = page.locator("#fnref\\:agnesty a")
    getattr(ref, how)()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=5000)
    assert "Printed AGNESTY; read AMNESTY" in tip.inner_text()
    assert "misread letter" in tip.inner_text()


def test_an_abbreviation_shows_its_expansion_on_hover(page, server):
    """Every glossary term is an <abbr> whose title Material shows as a tooltip."""
    page.goto(server + "cables/13790/#p24")
    page.wait_for_load_state("networkidle")
    page.locator("#p24 abbr").filter(has_text="GOP").first.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=5000)
    assert "Government of Pakistan" in tip.inner_text()


def test_the_first_abbreviation_of_a_paragraph_shows_its_expansion_on_focus(page, server):
    """For keyboard users: the first occurrence is a link to the glossary; on focus it shows the
    expansion that screen readers read with it."""
    page.goto(server + "cables/13790/#p24")
    page.wait_for_load_state("networkidle")
    link = page.locator("#p24 a.ed-gl").filter(has_text="GOP").first
    expansion = link.locator(".ed-gl-x")
    assert expansion.bounding_box()["width"] <= 1          # hidden until focused
    link.focus()
    box = expansion.bounding_box()
    assert box["width"] > 50 and expansion.inner_text() == "Government of Pakistan"
    assert link.get_attribute("href").endswith("glossary/#gop")


def test_a_map_cell_leads_to_its_paragraph(page, server):
    page.goto(server + "cables/13790/map/")
    page.wait_for_load_state("networkidle")
    page.locator('svg a[href="../#p34"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cables/13790/#p34")
    assert page.evaluate("() => document.querySelector(':target').id") == "p34"


PAGES = ["", "cables/", "cables/13790/", "cables/13790/release/", "cables/13790/collation/", "cables/13462/",
         "cables/13790/map/", "commentary/introduction/", "indexes/", "indexes/persons/", "indexes/places/",
         "indexes/organisations/", "indexes/subjects/", "glossary/", "about/editorial-method/", "about/editing/", "about/citing/", "about/changelog/", "downloads/"]



def test_the_cite_control_works_from_the_keyboard_and_copies_the_citation(page, server):
    """Tab to "Cite ¶14", open it with Enter, Tab to the copy buttons and press them: the clipboard
    holds the paragraph's Chicago note and BibTeX entry, with the paragraph's URL."""
    from generator.render import citation as render_citation
    from generator.pipeline import load as load_edition
    edition = load_edition(ROOT / "site_src")
    r = render_citation.ref(edition, edition.cables["13790"], 14)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page.goto(server + "cables/13790/#p14")
    page.wait_for_load_state("networkidle")
    summary = page.locator("#p14 details.ed-cite > summary")
    # reach the control with the keyboard: from the paragraph's permalink, Tab until it has focus
    page.locator("#p14 a.ed-pnum").focus()
    for _ in range(40):
        if page.evaluate("() => document.activeElement.closest('details.ed-cite') !== null"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("() => document.activeElement.closest('.ed-para').id") == "p14"
    assert summary.inner_text() == "Cite ¶14"
    page.keyboard.press("Enter")
    assert page.locator("#p14 details.ed-cite").evaluate("d => d.open") is True
    chicago = page.locator('#p14 [data-format="chicago"] .ed-cite-text')
    assert chicago.is_visible()
    assert chicago.inner_text() == render_citation.plain(render_citation.chicago_note(r))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Copy Chicago (note)"
    page.keyboard.press("Enter")
    status = page.locator("#p14 .ed-cite-status")
    status.wait_for(state="attached")
    page.wait_for_function("() => document.querySelector('#p14 .ed-cite-status').textContent.includes('copied')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == render_citation.plain(render_citation.chicago_note(r))
    assert copied.endswith("https://beijing-telegrams.example.org/cables/13790/#p14.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Copy BibTeX"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#p14 .ed-cite-status').textContent.startsWith('BibTeX')")
    assert page.evaluate("() => navigator.clipboard.readText()") == render_citation.bibtex(r).rstrip("\n")
    assert status.get_attribute("role") == "status"


def test_the_offline_edition_reads_from_disk_with_working_search(browser, built_site, tmp_path):
    """Unzip the offline edition and open it from file://: pages, anchors and search work (a
    phrase lands on its paragraph, as online), and nothing is requested from anywhere but the disk."""
    import zipfile
    from generator.site.offline import make_zip
    # the offline edition as `make release` derives it from the built pages
    target = tmp_path / "offline.zip"
    make_zip(built_site, target, "edition", "2026-11-28", "https://beijing-telegrams.example.org/")
    with zipfile.ZipFile(target) as z:
        z.extractall(tmp_path)
    root = tmp_path / "edition"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    pg.route("**/*", guard)
    try:
        pg.goto(root.joinpath("index.html").as_uri())
        pg.wait_for_load_state("load")
        pg.get_by_role("link", name="Read the telegram").first.click()
        pg.wait_for_load_state("load")
        assert pg.url.endswith("cables/13790/index.html")
        # a citation opened afresh (a same-document jump to a fragment closes Material's search
        # while it is being opened, which is Material's behaviour, not the edition's)
        pg.goto("about:blank")
        pg.goto(root.joinpath("cables/13790/index.html").as_uri() + "#p37")
        assert pg.evaluate("() => document.querySelector(':target').id") == "p37"
        pg.locator("label.md-search__icon, .md-search__input").first.click()
        pg.locator("input.md-search__input").press_sequentially("amnesty", delay=50)
        # (Material folds further matches of a page under the first: the first item in the DOM may be hidden)
        results = pg.locator(".md-search-result__item >> visible=true")
        results.first.wait_for(state="visible", timeout=15000)
        assert results.count() >= 1
        assert "AMNESTY" in pg.locator(".md-search-result").inner_text().upper()
        # the index read from disk has each paragraph as its own entry: a phrase lands on its paragraph
        query = pg.locator("input.md-search__input")
        query.fill("")
        query.press_sequentially("catholic priests", delay=50)
        pg.wait_for_function("() => Array.from(document.querySelectorAll('.md-search-result__item a'))"
                             ".some(a => a.getAttribute('href').endsWith('#p39'))", timeout=15000)
        hits = pg.evaluate("() => Array.from(document.querySelectorAll('.md-search-result__item a'))"
                           ".map(a => [a.href, a.innerText])")
        href, title = next((h, t) for h, t in hits if h.endswith("#p39"))
        assert href.startswith(root.joinpath("cables/13790/index.html").as_uri()), href
        assert title.startswith("Beijing 13790 ¶39"), title
        with pg.expect_navigation():        # the result's URL carries ?h=…: a new page load
            pg.locator('.md-search-result__item a[href$="#p39"]').first.click()
        pg.wait_for_load_state("load")
        pg.wait_for_function("() => document.querySelector(':target') !== null")
        assert pg.evaluate("() => document.querySelector(':target').id") == "p39"
    finally:
        context.close()
    assert outside == [], f"the offline edition asked the network for: {outside}"


@pytest.mark.parametrize("page", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("url", PAGES)
def test_no_wcag_a_or_aa_violation(page, server, url):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make test` (it runs npm ci in tests/browser)")
    page.goto(server + url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    assert result == [], result


def search(page, server, query: str) -> list[tuple[str, str]]:
    page.goto(server)
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10000)
    page.wait_for_timeout(500)
    return page.evaluate("() => Array.from(document.querySelectorAll('.md-search-result__item a'))"
                         ".map(a => [a.getAttribute('href'), a.innerText])")


@pytest.mark.parametrize("query, anchor", [
    ("catholic priests", "cables/13790/?h=catholic+priests#p39"),     # a phrase of one paragraph
    ("jingsheng", "cables/13790/?h=jingsheng#p46"),                   # a name of one paragraph
    ("han dongfang", "cables/13790/?h=han+dongfang#p34"),             # a paragraph carried by 13462
])
def test_search_lands_on_the_paragraph(page, server, query, anchor):
    results = search(page, server, query)
    hrefs = [h.replace(server, "") for h, _ in results]
    assert anchor in hrefs, hrefs
    title = next(t for h, t in results if h.replace(server, "") == anchor)
    assert title.startswith(f"Beijing 13790 ¶{anchor.rsplit('#p', 1)[1]}")
    page.goto(server + anchor)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.querySelector(':target').id") == "p" + anchor.rsplit("#p", 1)[1]


SHOTS = ROOT / "test-output" / "screenshots"
KINDS = {"home": "", "telegrams": "cables/", "reading": "cables/13790/", "release": "cables/13790/release/",
         "collation": "cables/13790/collation/", "13462": "cables/13462/", "method": "about/editorial-method/",
         "editing": "about/editing/", "map": "cables/13790/map/", "introduction": "commentary/introduction/",
         "indexes": "indexes/", "persons": "indexes/persons/", "places": "indexes/places/",
         "organisations": "indexes/organisations/", "subjects": "indexes/subjects/", "glossary": "glossary/",
         "citing": "about/citing/", "changelog": "about/changelog/", "downloads": "downloads/"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_screenshots_and_phone_width(browser, server, kind):
    """Desktop, phone (375 px) and print screenshots of each page kind, written to test-output/
    (outside git) for people to look at; at 375 px the page must not scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = server + KINDS[kind]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.goto(url)
    pg.wait_for_load_state("networkidle")
    pg.screenshot(path=str(SHOTS / f"{kind}-desktop.png"))
    pg.emulate_media(media="print")
    pg.screenshot(path=str(SHOTS / f"{kind}-print.png"), full_page=True, timeout=60000)
    ctx.close()
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    pg.goto(url)
    pg.wait_for_load_state("networkidle")
    widths = pg.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{kind}: the page scrolls sideways at 375 px ({widths})"
    size = pg.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert size >= 12
    pg.screenshot(path=str(SHOTS / f"{kind}-phone.png"))
    ctx.close()


def test_print_hides_navigation_and_keeps_the_notes(page, server):
    page.goto(server + "cables/13790/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and all(d == "none" for d in hidden), hidden
    notes = page.locator(".footnote")
    assert notes.is_visible()
    assert "AGNESTY" in notes.inner_text()
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF" and len(pdf) > 10000


def test_an_alias_anchor_scrolls_to_its_target(browser, tmp_path):
    """A renamed heading keeps its old anchor as an alias (site_src/anchors.tsv): #old lands
    where #new does."""
    import subprocess
    from conftest import FIXTURE, PY, env, make_project
    project = make_project(tmp_path / "project", FIXTURE)
    t = project / "site_src/cables/99001/transcription.txt"
    t.write_text(t.read_text(encoding="utf-8").replace("⟦@head h-old-heading⟧", "⟦@head h-struck-heading⟧"),
                 encoding="utf-8")
    m = project / "site_src/anchors.tsv"
    m.write_text(m.read_text(encoding="utf-8").replace(
        "cables/99001/\th-old-heading\ttelegram 99001: run-in heading",
        "cables/99001/\th-old-heading\talias of #h-struck-heading\n"
        "cables/99001/\th-struck-heading\ttelegram 99001: run-in heading"), encoding="utf-8")
    r = subprocess.run([PY, "-m", "generator", "--src", "site_src", "site", "site"], cwd=project,
                       env=env(PYTHONPATH=str(project)), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    context = browser.new_context(viewport={"width": 1280, "height": 500})
    pg = context.new_page()
    try:
        url = (project / "site/cables/99001/index.html").as_uri()
        pg.goto(url + "#h-struck-heading")
        target_y = pg.locator("#h-struck-heading").bounding_box()["y"]
        pg.goto("about:blank")
        pg.goto(url + "#h-old-heading")
        pg.wait_for_load_state("load")
        assert pg.evaluate("() => document.querySelector(':target').id") == "h-old-heading"
        box = pg.locator("#h-struck-heading").bounding_box()
        assert abs(box["y"] - target_y) < 40 and 0 <= box["y"] < 500
        assert pg.evaluate("() => window.scrollY") > 0
    finally:
        context.close()
