# Two entry points for a fresh machine with only Python 3.11 and make:
#   make bench   set up .venv with what running needs, run the default suite on the built-in corpus
#   make test    add the test extras, every optional extractor, the example plugin and
#                Readability.js, then run ruff and the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Two install stamps: `make bench` needs only the first; `make test` adds the second on top,
# so `make bench` after `make test` installs nothing and `make test` after `make bench` only
# adds the rest.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: bench test lint format bench-speed clean chromium js

# pip >= 23.3 is needed: 23.2 (Python 3.11's bundled pip) crashes on justext's
# `lxml[html_clean]` beside readability-lxml's `lxml[html-clean]`.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What `boilerbench run` needs: boilerbench and the default extractors' libraries.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

# Everything the tests use: test tools, every optional extractor, the example plugin.
$(STAMP): $(RUN_STAMP) pyproject.toml tests/plugins/example_plugin/pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,all]'
	$(BIN)/python -m pip install --quiet -e tests/plugins/example_plugin
	touch $(STAMP)

bench: $(RUN_STAMP)
	$(BIN)/boilerbench run

# Two pytest-xdist workers (one per core here): while one runs a long CLI run, the other runs
# the rest. worksteal: an idle worker takes half of what the other has left.
TEST_WORKERS ?= 2

test: $(STAMP) chromium js
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

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
