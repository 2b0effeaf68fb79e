# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DIR := var/demo
DEMO_REGION := 澜溪县

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

## Set up, generate the demo county, import it, review it and allocate under its ceilings.
demo: $(VENV)/.installed
	$(BIN)/lingji init
	$(BIN)/lingji demo-data --out $(DEMO_DIR)
	$(BIN)/lingji import $(DEMO_DIR)/$(DEMO_REGION)-2027.xlsx --region $(DEMO_REGION) --replace
	$(BIN)/lingji review --round 2027 --region $(DEMO_REGION) --out $(DEMO_DIR)/review
	$(BIN)/lingji allocate --round 2027 --region $(DEMO_REGION) --out $(DEMO_DIR)/review

## Run the whole test suite (SQLite always; PostgreSQL too when LINGJI_TEST_DATABASE_URL is set).
test: $(VENV)/.test-installed
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## Benchmarks (not part of the suite): import and review of 100k projects, duplicate search, 智慧问数 latency.
bench: $(VENV)/.installed
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_review.py
	$(BIN)/python bench/bench_duplicates.py
	$(BIN)/python bench/bench_ask.py

clean:
	rm -rf $(VENV) var .pytest_cache
