# Quick start: `make serve` (live preview) and `make test` (the whole suite). `make help` lists the rest.

# One Python for the venv, the lock and CI (.github/workflows set PYTHON_VERSION to the same).
# Packages come from requirements.lock (exact versions and hashes), made by `make lock` from the
# human-edited requirements*.txt.
PYTHON_VERSION := 3.11
# pymdown-extensions 13 needs 3.11.5+ (Debian 12's python3 is 3.11.2). CI passes PYTHON explicitly.
PYTHON ?= $(shell for p in python3.11 $(wildcard $(HOME)/.pyenv/versions/3.11.*/bin/python3) python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not (3, 11, 5) <= sys.version_info < (3, 12))' \
  2>/dev/null && { echo $$p; break; }; done)
# The site engine: mkdocs (MkDocs 1.6) or properdocs (its maintained 1.x fork). Both are in the lock.
ENGINE ?= mkdocs
export SITE_ENGINE := $(ENGINE)
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := $(BIN)/python -m $(ENGINE)

.PHONY: help install serve serve-sv build test test-fast bench pdf lock engine-check clean lokal-klausul

help:
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) (3.11.5 or newer) is needed; set PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { echo "$(PYTHON) is older than 3.11.5"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || echo "note: $(PYTHON) is not Python $(PYTHON_VERSION), which CI uses"
	@$(PYTHON) tests/tools/lockcheck.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed  ## Create .venv with exactly the locked packages (both engines, tests)

$(BIN)/pytest $(BIN)/mkdocs: $(VENV)/.installed
	@touch $@

serve: $(VENV)/.installed  ## Preview with live reload on http://127.0.0.1:8000 (no search index or documents; edits show in ~1 s: hooks/preview.py)
	IOP_PREVIEW=1 $(SITE) serve --dirty -f mkdocs.yml --dev-addr 127.0.0.1:8000

serve-sv: $(VENV)/.installed  ## The same with the Swedish pages only (a full rebuild takes half the time)
	IOP_PREVIEW=1 IOP_PREVIEW_SV_ONLY=1 $(SITE) serve --dirty -f mkdocs.yml --dev-addr 127.0.0.1:8000


build: $(VENV)/.installed  ## Strict build into site/
	$(SITE) build -f mkdocs.yml --strict

test: $(VENV)/.installed  ## Every test: build, HTML, agreements, fork kit, browser, accessibility, PDF
	$(BIN)/pytest

test-fast: $(VENV)/.installed  ## Everything except the browser tests
	$(BIN)/pytest -m "not browser"

bench: $(VENV)/.installed  ## Build cost at 300 and 1,000 pages per language; writes build/bench/results.md
	$(BIN)/python tests/tools/bench.py

pdf: build  ## Alias of build: it writes every document (PDF/A and Word) into site/dokument/

lokal-klausul: $(VENV)/.installed  ## Copy an upstream clause to docs/lokalt/klausuler/ to edit: make lokal-klausul ID=tvist
	cd hooks && ../$(BIN)/python -m iopkit.local_clause "$(ID)"

lock:  ## Regenerate requirements.lock from requirements*.txt (needs PyPI)
	$(PYTHON) -m venv build/lock-tools
	build/lock-tools/bin/python -m pip install --quiet --require-hashes -r tests/tools/lock-tools.txt
	build/lock-tools/bin/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	  --custom-compile-command "make lock" $(sort $(wildcard requirements*.txt)) -o requirements.lock

engine-check: $(VENV)/.installed  ## Try the newest Zensical in a throwaway venv; writes tests/tools/engine-check.md (never fails)
	-$(BIN)/python tests/tools/engine_check.py

clean:
	rm -rf site build .pytest_cache
