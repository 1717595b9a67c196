# `make demo` and `make test` set everything up themselves (venv, packages, system libraries).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
# Every install goes through the lock: the same versions on every machine (see README, "Dependencies").
PIP := $(BIN)/python -m pip install -q --no-cache-dir -c $(LOCK)
SOURCES := setup.cfg pyproject.toml $(LOCK) $(shell find generator templates responsibilities checks -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: demo test test-fast test-latest fuzz lock golden setup system-deps browser bench corpus lint format clean

demo: setup
	$(BIN)/jdgen coo --company acme --format docx,pdf

# The whole suite, two workers (CI runs this). `make test-fast` leaves out the slow tests.
test: setup $(VENV)/.test-deps browser
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -n 2

test-fast: setup $(VENV)/.test-deps
	$(BIN)/pytest -q -n 2 -m "not slow"

# The fuzzing harness (tests/fuzz/) at length: 2,000 new examples per kind of input file instead of
# `make test`'s 30 fixed ones; failures are kept in tests/.hypothesis and replayed first next time.
# JDGEN_FUZZ_EXAMPLES=N sets the count, JDGEN_FUZZ_SHRINK=1 shrinks each failure to a minimal file.
fuzz: setup $(VENV)/.test-deps
	JDGEN_FUZZ=long $(BIN)/pytest -q -n 2 tests/fuzz

# Refresh tests/golden from the source tree (reinstalled first), then review the diff.
golden: setup $(VENV)/.test-deps
	$(BIN)/pytest -q --update-golden tests/render/test_formats.py

setup: system-deps $(VENV)/.installed

system-deps:
	@PYTHON=$(PYTHON) scripts/system-deps.sh

# The studio's browser test: Debian's Chromium and its chromedriver (never a downloaded browser).
browser:
	@SYSTEM_EXTRA="chromium chromium-driver" PYTHON=$(PYTHON) scripts/system-deps.sh

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jdgen needs Python 3.11 or newer: set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)

# pip, setuptools and wheel at the lock's versions; jdgen is then built with them (no isolated build).
$(VENV)/.tools: $(VENV)/bin/python $(LOCK)
	$(PIP) pip setuptools wheel
	@touch $@

# A real (non-editable) install, redone whenever the code, templates or library change.
$(VENV)/.installed: $(VENV)/.tools $(SOURCES)
	$(PIP) --no-build-isolation .
	@rm -rf build *.egg-info
	@touch $@

# The test and dev tools: everything the lock pins (it is resolved from setup.cfg's extras too).
$(VENV)/.test-deps: $(VENV)/.tools $(LOCK)
	$(PIP) -r $(LOCK)
	@touch $@

# Refresh the lock from setup.cfg's ranges (and requirements/tools.in), then run `make test`.
lock: $(VENV)/.tools
	$(PIP) uv
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 --all-extras --allow-unsafe --no-header \
		--upgrade setup.cfg requirements/tools.in -o $(LOCK)

# The suite against the newest releases setup.cfg allows, in a venv of its own: breakage found on purpose.
test-latest: system-deps browser
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -q --upgrade pip setuptools wheel
	.venv-latest/bin/python -m pip install -q --upgrade --no-cache-dir --no-build-isolation ".[test,dev]"
	@rm -rf build *.egg-info
	.venv-latest/bin/pytest -q -n 2

bench: setup $(VENV)/.test-deps
	@SYSTEM_EXTRA="libreoffice-writer-nogui" scripts/system-deps.sh
	$(BIN)/python bench/run.py

# The labelled corpus (corpus/README.md): jdgen vs genderdecoder3, joblint and alex, precision and recall per
# category, written to corpus/results.md. The npm peers go into bench/node_modules (git-ignored). npm may not
# serve joblint: JOBLINT_SRC=<checkout of github.com/rowanmanning/joblint> make corpus copies it from source.
corpus: setup $(VENV)/.test-deps
	@command -v npm >/dev/null || { echo "make corpus needs node and npm (apt-get install nodejs npm)"; exit 1; }
	npm install --prefix bench --no-package-lock --no-audit --no-fund --loglevel=error
	@if [ ! -e bench/node_modules/joblint ] && [ -n "$(JOBLINT_SRC)" ]; then \
		mkdir -p bench/node_modules/joblint && cp -r $(JOBLINT_SRC)/lib $(JOBLINT_SRC)/package.json bench/node_modules/joblint/; fi
	@[ -e bench/node_modules/joblint ] || echo "joblint was not installed (npm did not serve it; see JOBLINT_SRC above): left out"
	$(BIN)/python bench/corpus_score.py --out corpus/results.md --readme README.md

lint: setup $(VENV)/.test-deps
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

format: $(VENV)/.test-deps
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

clean:
	rm -rf $(VENV) .venv-latest build *.egg-info output/*/
