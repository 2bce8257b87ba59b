"""What a page transfers: every resource it loads, gzip-compressed as a web server would send it.

The built site is served from 127.0.0.1 by a plain static server; Debian's chromium (driven by
Playwright) opens the page and waits until the network has been idle, then a little longer
(Material's search worker fetches the search index after the page has loaded). Each response
body is counted raw and gzip-compressed (level 6, the usual server default); requests that
would leave 127.0.0.1 are refused and listed.

    python -m bench.weight SITE [PAGE]      e.g. python -m bench.weight site cables/13790/
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_site(site: Path, page: str, settle: float = 3.0) -> dict:
    if not CHROMIUM.exists():
        return {"error": "chromium is not installed at /usr/bin/chromium (apt-get install chromium)"}
    from playwright.sync_api import sync_playwright
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    resources: dict[str, dict] = {}
    refused: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            pg = context.new_page()

            def guard(route):
                url = route.request.url
                if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    refused.append(url)
                    route.abort()
            pg.route("**/*", guard)
            context.on("response", lambda r: _record(r, base, resources))
            pg.goto(base + page, wait_until="networkidle")
            time.sleep(settle)
            pg.wait_for_load_state("networkidle")
            browser.close()
    finally:
        httpd.shutdown()
    items = sorted(resources.values(), key=lambda r: -r["gzip"])
    return {
        "page": page,
        "requests": len(items),
        "bytes": sum(r["bytes"] for r in items),
        "gzip_bytes": sum(r["gzip"] for r in items),
        "resources": items,
        "refused": refused,
    }


def _record(response, base: str, out: dict) -> None:
    url = response.url
    if not url.startswith(base):
        return
    try:
        body = response.body()
    except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
        return
    out[url] = {"url": url[len(base):] or "/", "bytes": len(body), "gzip": len(gzip.compress(body, 6)),
                "type": response.request.resource_type}


if __name__ == "__main__":
    site = Path(sys.argv[1])
    r = measure_site(site, sys.argv[2] if len(sys.argv) > 2 else "cables/13790/")
    print(json.dumps(r, indent=1))
