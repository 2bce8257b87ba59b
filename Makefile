# The edition's commands. On a fresh machine with python3 and make:
#   make site    build the edition into site/
#   make test    run every test
# Also: make serve (preview on http://127.0.0.1:8000; ONLY="13790 ..." previews those telegrams
# and the ones bound to them), make check, make anchors, make markdown, make release, make bench.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
NODE_STAMP := tests/browser/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site serve test check anchors markdown release offline bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -c "import mkdocs, material, markdown, jinja2, yaml, pytest, playwright"
	rm -f $(VENV)/.installed-*
	touch $@

$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed for the accessibility tests; see the README's list of system packages" >&2; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# One build at a time (a lock); MkDocs builds into a scratch folder, the link check reads it,
# and only then does it take the place of site/, in one atomic exchange: a failed or
# interrupted build leaves the previous site/ as it was (generator/site/build.py).
site: $(STAMP)
	$(PY) -m generator site site

# ONLY: a preview of some telegrams (and those bound to them), for large editions: a rebuild
# after an edit then takes as long as for those telegrams alone. Empty: the whole edition.
ONLY ?=
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	EDITION_ONLY="$(ONLY)" $(PY) -m mkdocs serve --strict --livereload --dev-addr $(SERVE_ADDR)

# Every check `make site` makes of the sources, without MkDocs; prints the counts.
check: $(STAMP)
	$(PY) -m generator check

anchors: $(STAMP)
	$(PY) -m generator anchors --add

markdown: $(STAMP)
	$(PY) -m generator build build/markdown

# Release the changes made since the newest version, in one step (see "How to edit a cable"):
#   make release SUMMARY="Corrections of ..."  [VERSION=1.2]  [DATE=2027-01-15]
SUMMARY ?=
VERSION ?=
DATE ?=
release: $(STAMP)
	$(PY) -m generator release --summary "$(SUMMARY)" $(if $(VERSION),--version $(VERSION)) $(if $(DATE),--date $(DATE))

# The offline edition of what site/ holds now (a draft's too), zipped into build/ (make release
# keeps the zip of each released version in site_src/releases/).
offline: $(STAMP)
	$(PY) -m generator offline site build/offline.zip

test: $(STAMP) $(NODE_STAMP)
	@$(PY) tests/requirements_check.py
	$(PY) -m pytest -n 2

# The benchmark (not part of `make test`): synthetic corpora of N telegrams built with
# `make site`, against plain MkDocs pages; writes bench-output/ and docs/about/performance.md.
# BENCH_ARGS, e.g. "--sizes 10 100" for a quick run; see `python -m bench --help`.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf site build .pytest_cache
