# Quick start: `make serve` (live preview) and `make test` (the whole suite).
# The first Python that is 3.11.5 or newer (pymdown-extensions 13 needs it; Debian 12 ships 3.11.2).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1*/bin/python3); do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null \
  && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-sv build test test-fast bench pdf clean lokal-klausul

$(BIN)/mkdocs: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11.5 or newer is needed (python3 --version); set PYTHON=/path/to/python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/pytest: requirements-test.txt $(BIN)/mkdocs
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

serve: $(BIN)/mkdocs  ## Preview with live reload on http://127.0.0.1:8000 (no search index: see hooks/reading.py)
	IOP_PREVIEW=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

serve-sv: $(BIN)/mkdocs  ## The same with the Swedish pages only: the quickest preview
	IOP_PREVIEW=1 IOP_PREVIEW_SV_ONLY=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs  ## Strict build into site/
	$(BIN)/mkdocs build --strict

test: $(BIN)/pytest  ## Every test: build, HTML, agreements, fork kit, browser, accessibility, PDF
	$(BIN)/pytest

test-fast: $(BIN)/pytest  ## Everything except the browser tests
	$(BIN)/pytest -m "not browser"

bench: $(BIN)/pytest  ## Build time with and without the project's hooks; writes tests/tools/bench-results.md
	$(BIN)/python tests/tools/bench.py

pdf: build  ## Alias of build: it writes every document (PDF/A and Word) into site/dokument/

lokal-klausul: $(BIN)/mkdocs  ## Copy an upstream clause to docs/lokalt/klausuler/ to edit: make lokal-klausul ID=tvist
	cd hooks && ../$(BIN)/python -m iopkit.local_clause "$(ID)"

clean:
	rm -rf site build .pytest_cache
