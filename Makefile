# Everything a fresh machine with Python 3.10+ and make needs: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The demo needs the library alone: its own environment, quick to make, with no
# system package and none of the extras the suite needs.
DEMO_VENV := .venv-demo
DEMO_STAMP := $(DEMO_VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint typecheck docs bench clean system

$(STAMP): pyproject.toml examples/extending/pyproject.toml | system
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet -e examples/extending
	touch $(STAMP)

$(DEMO_STAMP): pyproject.toml
	rm -rf $(DEMO_VENV)
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DEMO_VENV)/bin/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

## The main job: load the example record, validate it and print its summary.
demo: $(DEMO_STAMP)
	$(DEMO_VENV)/bin/communique show examples/sco_aies_roundtable/record.yaml

## The whole suite: lint, strict type check, documentation build, tests.
test: lint typecheck docs
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks docs fuzz

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/sphinx-build --quiet -W --keep-going -b html docs docs/_build/html

## System packages the dev extra needs, installed only when missing: ICU to build PyICU (a
## dependency of followthemoney), a headless Java runtime for Spark (the Parquet tests), and
## Chromium with its WebDriver for the browser tests of the rendered site.
system:
	@if ! command -v java >/dev/null 2>&1 || ! pkg-config --exists icu-i18n 2>/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends \
			default-jre-headless libicu-dev pkg-config; \
	fi
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update && apt-get install -y chromium chromium-driver; \
	fi

## The benchmarks against msgspec and pydantic, at their default size (a few minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO_VENV) docs/_build .mypy_cache .pytest_cache .ruff_cache
