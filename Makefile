# Two entry points for a fresh machine with only Python 3.11 and make:
#   make bench   set up .venv and run the default suite on the built-in corpus
#   make test    set up .venv with the test extras and run the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: bench test lint format bench-speed clean chromium js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml tests/plugins/example_plugin/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,all]'
	$(BIN)/python -m pip install --quiet -e tests/plugins/example_plugin
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/boilerbench run

test: $(STAMP) chromium js
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Readability.js (Mozilla's, with jsdom) for the `readability-js` extractor, from npm.
js: extractors/js/node_modules/.package-lock.json

extractors/js/node_modules/.package-lock.json: extractors/js/package.json extractors/js/package-lock.json
	npm ci --prefix extractors/js --no-audit --no-fund

# The HTML report's browser test needs Debian's chromium (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || command -v /usr/bin/chromium >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium could not be installed: the browser test will skip (and fail under CI=true)"

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
