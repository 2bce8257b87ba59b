"""Whole builds: byte-identical output whatever the process, and hostile source text that
never becomes markup."""
from __future__ import annotations

import hashlib
from pathlib import Path


from conftest import make_project


def digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


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


def test_a_site_built_by_two_processes_is_the_site_built_by_one(tmp_path):
    """With two processors, the telegrams are read and rendered in a pool and MkDocs shares the
    generated pages with a second process (at least 100 of them; the first builds the others
    first, and the two take generated pages from either end): the site is the same, byte for
    byte, as one process builds it, and as with the theme's own navigation on every page."""
    from bench.corpus import write_corpus
    from conftest import build_site, publish_anchors
    write_corpus(tmp_path / "corpus", 30)
    project = make_project(tmp_path / "project", tmp_path / "corpus")
    publish_anchors(project)
    sites = {}
    for jobs in ("1", "2"):
        r = build_site(project, tmp_path / f"site-{jobs}", extra_env={"EDITION_JOBS": jobs})
        assert r.returncode == 0, r.stdout + r.stderr
        sites[jobs] = digest_tree(tmp_path / f"site-{jobs}")
    assert len([p for p in sites["2"] if p.startswith("cables/") and p.endswith("/index.html")]) >= 100
    assert sites["2"] == sites["1"]
    # Material's navigation, made once per shape of links and shared (overrides/partials/nav.html),
    # is the theme's own on every page, in the navigation or not
    (project / "overrides" / "partials" / "nav.html").unlink()
    r = build_site(project, tmp_path / "site-theme", extra_env={"EDITION_JOBS": "2"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert digest_tree(tmp_path / "site-theme") == sites["2"]
