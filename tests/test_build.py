"""Whole builds: byte-identical output whatever the process, and hostile source text that
never becomes markup."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import lxml.html

from conftest import FIXTURE, ROOT, build, build_site, make_project, publish_anchors


def digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    """Separate processes with a different hash seed, time zone, working directory and date."""
    project = make_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    a = build_site(project, tmp_path / "a", cwd=project, extra_env={"PYTHONHASHSEED": "1", "TZ": "UTC"})
    assert a.returncode == 0, a.stderr
    b = build_site(project, tmp_path / "b", cwd=elsewhere,
              extra_env={"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
              prefix=["faketime", "2031-07-01 12:00:00"])
    assert b.returncode == 0, b.stderr
    da, db = digest_tree(tmp_path / "a"), digest_tree(tmp_path / "b")
    assert list(da) == list(db)
    differing = [k for k in da if da[k] != db[k]]
    assert differing == []
    assert "sitemap.xml.gz" in da and "search/search_index.json" in da
    assert "downloads/beijing-telegrams-1991-1.0-offline.zip" in da      # the offline zip too


HOSTILE = [
    "<script>alert('pwned-script')</script>",
    "<img src=x onerror=alert('pwned-img') class=pwned>",
    "[click](javascript:alert('pwned-link'))",
    "{: #pwned-attr onclick=\"alert(1)\" }",
    "[^pwned] and [^pwned]: injected footnote",
    "{{ 7*7 }} {% if true %}pwned-jinja{% endif %}",
    "*pwned-em* _pwned_u_ `pwned-code` <b>pwned-b</b>",
    "\" onmouseover=\"alert('pwned-attr2')\" x=\"",
    "</div></p><div class=pwned>",
    "<!-- pwned comment",
    "&lt;script&gt; &amp; &#x3C;",
]
OCR_HOSTILE = [h for h in HOSTILE]          # every payload is also OCR text
LINE_START = "13. UNDER SECRETARY <a href=javascript:alert(1)>pwned-a</a>"


def hostile_source(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    c = dest / "cables" / "99001"
    witness = (c / "witness.ocr.txt").read_text(encoding="utf-8")
    lines = witness.split("\n")
    payload = OCR_HOSTILE + [LINE_START]
    lines[4:4] = payload                                  # inside paragraph 2
    (c / "witness.ocr.txt").write_text("\n".join(lines), encoding="utf-8", newline="")
    t = (c / "transcription.txt").read_text(encoding="utf-8")
    t = t.replace("⟦@head h-old-heading⟧", "\n".join(payload) + "\n⟦@head h-old-heading⟧", 1)
    # a hostile printed form and reading inside a correction
    t = t.replace("⟦corr delegates-250|25O|250⟧", "⟦corr delegates-250|25O|<script>alert('pwned-corr')</script>⟧")
    (c / "transcription.txt").write_text(t, encoding="utf-8")
    import hashlib as h
    digest = h.sha256((c / "witness.ocr.txt").read_bytes()).hexdigest()
    y = (c / "cable.yaml").read_text(encoding="utf-8")
    y = y.replace("5f4f55473957dcc6e04307b3d20f0ebcaa851983b0fa169feea8f2138f870b43", digest)
    y = y.replace("lines: 21", f"lines: {21 + len(payload)}")

    def q(s):
        import json
        return json.dumps(s)
    every = " ".join(HOSTILE)
    for key in ("title", "summary", "subject"):
        y = y.replace(f"\n{key}: ", f"\n{key}: {q(every)}\n_old_{key}: ", 1)
    y = "\n".join(l for l in y.split("\n") if not l.startswith("_old_"))
    y = y.replace('label: "Page 02"', f"label: {q(every)}\n    note: {q(every)}")
    y = y.replace('description: "Signed DOE."', f"description: {q(every)}")
    y = y.replace('reason: "Not printed."', f"reason: {q(every)}")
    (c / "cable.yaml").write_text(y, encoding="utf-8")
    coll = (c / "collation.yaml").read_text(encoding="utf-8")
    coll = coll.replace('reading: "250"', "reading: " + q("<script>alert('pwned-corr')</script>"))
    coll = coll.replace('evidence: "A letter O read for a zero."', "evidence: " + q(every))
    coll = coll.replace('text: "No."', "text: " + q(every)).replace('title: "Is this real?"', "title: " + q(every))
    (c / "collation.yaml").write_text(coll, encoding="utf-8")
    app = (c / "apparatus.yaml").read_text(encoding="utf-8")
    app = app.replace('text: "A separate telegram."', "text: " + q(every))
    app = app.replace('extent: "the whole paragraph"', "extent: " + q(every))
    app = app.replace('reason: "Paragraph 4 is not printed."', "reason: " + q(every))
    (c / "apparatus.yaml").write_text(app, encoding="utf-8")
    # registers and glossary: names, descriptions, offices, sources, expansions (a tooltip's title)
    regs = dest / "registers"
    shutil.rmtree(regs, ignore_errors=True)      # registers of its own, and so anchors of its own
    regs.mkdir()
    (dest / "anchors.tsv").unlink()
    (regs / "persons.yaml").write_text(
        "entries:\n  minister:\n"
        f"    name: {q(every)}\n    description: {q(every)}\n    offices: [{{title: {q(every)}}}]\n"
        f"    certainty: low\n    source: {q(every)}\n    forms: [\"THE MINISTER\"]\n", encoding="utf-8")
    (regs / "glossary.yaml").write_text(
        "terms:\n  septel:\n    term: \"SEPTEL\"\n"
        f"    expansion: {q(every)}\n    kind: abbreviation\n    note: {q(every)}\n"
        "not_abbreviations:\n  - reason: \"test\"\n    tokens: [\"XX\"]\n", encoding="utf-8")
    return dest


def test_hostile_source_text_never_becomes_markup(tmp_path):
    project = make_project(tmp_path / "project", hostile_source(tmp_path / "hostile"))
    publish_anchors(project)
    r = build(project, tmp_path / "site")
    assert r.returncode == 0, r.stdout + r.stderr
    site = tmp_path / "site"
    seen_text = ""
    for f in sorted(site.rglob("*.html")):
        doc = lxml.html.parse(str(f)).getroot()
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (f, el.tag, name)
                # the payload may reach an attribute only as escaped text or as a heading's slug
                slug = name in ("id", "href") and re.fullmatch(r"#?[a-z0-9_-]+", value)
                assert "pwned" not in value or slug or name in ("content", "title", "aria-label"), \
                    (f, el.tag, name, value)
                assert not value.strip().lower().startswith("javascript:"), (f, el.tag, name)
            if el.tag == "script" and el.get("type") == "application/ld+json":
                # JSON-LD carries source text as data: it must parse whole (nothing closed the
                # element early) and hold no raw "<"
                import json
                assert "<" not in el.text, f
                ld = json.loads(el.text)
                assert ld["@type"] == "Message"
                if "pwned" in el.text:
                    assert "<script>alert('pwned-script')</script>" in json.dumps(ld, ensure_ascii=False)
                continue
            own_text = (el.text or "").strip()
            # an element that the payload itself would have created, had it become markup
            assert not (el.tag == "script" and "pwned" in el.text_content()), (f, el.tag)
            assert el.tag not in ("img", "iframe", "object", "embed") or "pwned" not in str(el.attrib), (f, el.tag)
            assert not (el.tag == "b" and own_text == "pwned-b"), f
            assert not (el.tag == "em" and own_text in ("pwned-em", "pwned_u")), f
            assert not (el.tag == "code" and own_text == "pwned-code"), f
            assert not (el.tag == "a" and own_text in ("click", "pwned-a", "pwned-src")), f
            assert not (el.tag == "sup" and "pwned" in (el.get("id") or "")), f
        seen_text += doc.text_content()
    # the payloads arrive as text, visibly, and Jinja did not evaluate them
    assert "<script>alert('pwned-script')</script>" in seen_text
    assert "{{ 7*7 }} {% if true %}pwned-jinja{% endif %}" in seen_text
    assert "[click](javascript:alert('pwned-link'))" in seen_text
    assert "13. UNDER SECRETARY <a href=javascript:alert(1)>pwned-a</a>" in seen_text
    assert "&lt;script&gt; &amp; &#x3C;" in seen_text
    persons = lxml.html.parse(str(site / "indexes/persons/index.html")).getroot().text_content()
    assert "<script>alert('pwned-script')</script>" in persons                      # it arrived, as text
    reading = (site / "cables/99001/index.html").read_text(encoding="utf-8")
    assert "pwned-attr" not in re.findall(r'id="([^"]*)"', reading)


import re  # noqa: E402  (used above)


def test_serve_rebuilds_once_after_an_edit_and_injects_live_reload(tmp_path):
    """`make serve`: live reload is on, an edit under site_src/ rebuilds once, no rebuild loop."""
    import socket
    import subprocess
    import time
    import urllib.request
    from conftest import PY, env
    project = make_project(tmp_path / "project")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        html = ""
        for _ in range(120):
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/cables/13790/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "livereload" in html
        time.sleep(2)
        (project / "site_src" / "cables" / "13790" / "apparatus.yaml").touch()
        # Counted by the serve command's own lines: MkDocs' build logger drops a message equal to
        # an earlier one, so a rebuild as fast as the first build has no "Documentation built".
        def count(line):
            log.flush()
            return (tmp_path / "serve.log").read_text().count(line)
        for _ in range(60):
            if count("Reloading browsers") >= 1:
                break
            time.sleep(0.5)
        time.sleep(4)                       # a loop would show further builds by now
        text = (tmp_path / "serve.log").read_text()
        assert count("Building documentation...") == 2 and count("Reloading browsers") == 1, text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
