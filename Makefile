# The edition's commands. On a fresh machine with python3 and make:
#   make site    build the edition into site/
#   make test    run every test
# Also: make serve (preview on http://127.0.0.1:8000; ONLY="13790 ..." previews those telegrams
# and the ones bound to them), make check, make anchors, make markdown, make bench,
#       make snapshot and make archive (releasing a version).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
NODE_STAMP := tests/browser/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site offline serve test check anchors markdown snapshot archive bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -c "import mkdocs, material, markdown, jinja2, yaml, pytest, playwright" 
	rm -f $(VENV)/.installed-*
	touch $@

$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed for the accessibility tests; install nodejs and npm" >&2; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# Build into site.tmp and put it in place only when everything succeeded:
# a failed build leaves the previous site/ untouched. The edition for reading offline
# (mkdocs.offline.yml, zipped) is built at the same time, in a second process (the two builds
# are independent and each uses one core), then its zip joins site.tmp/downloads/.
site: $(STAMP)
	rm -rf site.tmp build/offline
	EDITION_ONLY= $(PY) -m generator offline --out build/offline & offline=$$!; \
	EDITION_ONLY= $(PY) -m mkdocs build --strict --quiet --site-dir site.tmp; site=$$?; \
	wait $$offline; zip=$$?; test $$site -eq 0 -a $$zip -eq 0
	cp -R build/offline/downloads/. site.tmp/downloads/
	rm -rf build/offline
	$(PY) -m generator linkcheck site.tmp
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.tmp site
	rm -rf site.old
	@echo "built site/"

# The offline zip alone, into the built site/downloads/ (make site makes it too, beside the site).
offline: $(STAMP)
	EDITION_ONLY= $(PY) -m generator offline site

# ONLY: a preview of some telegrams (and those bound to them), for large editions: a rebuild
# after an edit then takes as long as for those telegrams alone. Empty: the whole edition.
ONLY ?=
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	EDITION_ONLY="$(ONLY)" $(PY) -m mkdocs serve --strict --livereload --dev-addr $(SERVE_ADDR)

check: $(STAMP)
	$(PY) -m generator check

anchors: $(STAMP)
	$(PY) -m generator anchors --add

# Releasing a version (see site_src/versions.yaml): record its reading text...
snapshot: $(STAMP)
	$(PY) -m generator snapshot

# ...and, after `make site`, keep its offline zip for when it is superseded.
archive: $(STAMP)
	$(PY) -m generator archive site

markdown: $(STAMP)
	$(PY) -m generator build build/markdown

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest -n 2

# The benchmark (not part of `make test`): synthetic corpora of N telegrams built with
# `make site`, against the naive configuration; writes bench-output/ and docs/about/performance.md.
# BENCH_ARGS, e.g. "--sizes 10 100 --no-naive" for a quick run; see `python -m bench --help`.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf site site.tmp site.old build .pytest_cache
