# `make demo` and `make test` set everything up themselves (venv, packages, system libraries).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SOURCES := setup.cfg pyproject.toml $(shell find generator templates responsibilities checks -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: demo test test-fast golden setup system-deps browser bench lint format clean

demo: setup
	$(BIN)/jdgen coo --company acme --format docx,pdf

# The whole suite, two workers (CI runs this). `make test-fast` leaves out the slow tests.
test: setup $(VENV)/.test-deps browser
	$(BIN)/pytest -q -n 2

test-fast: setup $(VENV)/.test-deps
	$(BIN)/pytest -q -n 2 -m "not slow"

# Refresh tests/golden from the source tree (reinstalled first), then review the diff.
golden: setup $(VENV)/.test-deps
	$(BIN)/pytest -q --update-golden tests/test_formats.py

setup: system-deps $(VENV)/.installed

system-deps:
	@PYTHON=$(PYTHON) scripts/system-deps.sh

# The studio's browser test: Debian's Chromium and its chromedriver (never a downloaded browser).
browser:
	@SYSTEM_EXTRA="chromium chromium-driver" PYTHON=$(PYTHON) scripts/system-deps.sh

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jdgen needs Python 3.11 or newer: set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# A real (non-editable) install, redone whenever the code, templates or library change.
$(VENV)/.installed: $(VENV)/bin/python $(SOURCES)
	$(BIN)/python -m pip install -q --no-cache-dir .
	@rm -rf build *.egg-info
	@touch $@

$(VENV)/.test-deps: $(VENV)/bin/python setup.cfg
	$(BIN)/python -m pip install -q ".[test,dev]"
	@rm -rf build *.egg-info
	@touch $@

bench: setup $(VENV)/.test-deps
	@SYSTEM_EXTRA="libreoffice-writer-nogui" scripts/system-deps.sh
	$(BIN)/python bench/run.py

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

format: $(VENV)/.test-deps
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

clean:
	rm -rf $(VENV) build *.egg-info output/*/
