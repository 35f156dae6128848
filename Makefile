# monograph extraction: `make extract` then `make test` on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## venv: create .venv and install the pinned dependencies
venv: $(STAMP)

## extract: run every document in raw/ through the pipeline into output/
extract: $(STAMP)
	$(PY) -m pipeline extract

## test: run the test suite (full-book tests included)
test: $(STAMP)
	$(PY) -m pytest -q

## eval: score output/ against ../shared/eval (needs ../shared)
eval: $(STAMP)
	$(PY) ../shared/eval/score.py output/

## bench: time a cold and a warm extract of the bundled book
bench: $(STAMP)
	$(PY) -m pipeline.bench --tenfold

## clean: remove the interim cache and output/
clean:
	rm -rf interim/*.pkl interim/*/ output/

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

.PHONY: venv extract test eval bench clean help
