# One entry point for every task. `make run` and `make test` set themselves up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean help

help:
	@echo "make run    build the bundled Jakarta dataset into out/"
	@echo "make test   run every test (installs what they need)"
	@echo "make lint   ruff and mypy"
	@echo "make bench  print speed and memory figures"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/resilience-kg build --out out
	@echo
	@echo "Done. Files are in $(CURDIR)/out: graph.trig (named graphs), graph.ttl (merged), summary.md"

test: $(STAMP)
	$(PY) -m ruff check resilience_kg tests bench
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check resilience_kg tests bench
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) out bench/corpora .pytest_cache
