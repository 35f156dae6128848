# monograph extraction: `make extract` then `make test` on a fresh clone.
# Python 3.11, 3.12 or 3.13: the first found, or `make PYTHON=/path/to/python3.x extract`.
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do command -v $$p >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PYVERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# one stamp per interpreter version: a .venv made by another Python is rebuilt
STAMP := $(VENV)/.installed-py$(PYVERSION)

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml
	@test -n "$(PYVERSION)" || { echo "$(PYTHON) not found: install Python 3.11 to 3.13 or run make PYTHON=/path/to/python3.x"; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || { echo "$(PYTHON) is Python $(PYVERSION): 3.11 to 3.13 needed (make PYTHON=/path/to/python3.x)"; exit 2; }
	@if [ -d $(VENV) ] && [ "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(PYVERSION)" ]; then \
		echo "$(VENV) was made by another interpreter: rebuilding it with $(PYTHON) ($(PYVERSION))"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install --quiet --upgrade pip || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install --quiet -e '.[test]' || { echo "installing the dependencies failed: $(VENV) removed, fix and rerun"; rm -rf $(VENV); exit 1; }
	@rm -f $(VENV)/.installed*
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

## bench: speed and memory: the bundled book cold and warm, both PDF readers, four books on 1 and 2 workers
bench: $(STAMP)
	$(PY) -m tools.bench --tenfold

## clean: remove the interim cache and output/
clean:
	rm -rf interim/*.pkl interim/*/ output/

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

.PHONY: venv extract test eval bench clean help
