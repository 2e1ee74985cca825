# Two entry points for a fresh machine with only Python 3.11 and make:
#   make bench   set up .venv and run the default suite on the built-in corpus
#   make test    set up .venv with the test extras and run the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: bench test lint format bench-speed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml tests/plugins/example_plugin/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet -e tests/plugins/example_plugin
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/boilerbench run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench-speed: $(STAMP)
	$(BIN)/python -m pytest benchmarks --benchmark-only -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) runs .pytest_cache .ruff_cache .benchmarks
