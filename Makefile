# Two commands do everything on a fresh machine:
#   make build   virtualenv + pinned dependencies, the warehouse on the bundled demo exports, the docs
#   make test    every check: dbt build (data and unit tests), docs and test coverage of the marts
#                (dbt-coverage, fails below the thresholds), pytest, sqlfluff lint
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)/profiles

.PHONY: build test docs coverage lint clean

# Coverage floors of the marts (dbt-coverage): every column documented; the share of columns with
# a data test may only go up (raise the floor when tests are added). Every mart has a test.
COVERAGE_DOC_MIN := 1.0
COVERAGE_TEST_MIN := 0.14
COVERAGE := $(BIN)/dbt-coverage compute --run-artifacts-dir target --model-path-filter models/marts

build: $(VENV)/.installed
	$(DBT) build
	$(DBT) docs generate --static
	$(BIN)/support-kpis report --warehouse target/support_kpis.duckdb --out target/report.html
	@echo "Warehouse: target/support_kpis.duckdb (schema marts). Docs: target/static_index.html"
	@echo "Report: target/report.html (open from disk; its numbers: target/report.json)"

test: $(VENV)/.installed
	$(BIN)/support-kpis validate data/demo --quiet
	$(DBT) build
	$(BIN)/support-kpis check-marts target/support_kpis.duckdb
	$(DBT) docs generate --static
	$(MAKE) --no-print-directory coverage
	$(BIN)/pytest
	$(BIN)/sqlfluff lint models tests/singular analyses

coverage: $(VENV)/.installed
	$(COVERAGE) doc --cov-report target/coverage-doc.json --cov-fail-under $(COVERAGE_DOC_MIN)
	$(COVERAGE) test --cov-report target/coverage-test.json --cov-fail-under $(COVERAGE_TEST_MIN)
	$(BIN)/python scripts/every_mart_tested.py target/coverage-test.json

docs: $(VENV)/.installed
	$(DBT) docs generate --static

lint: $(VENV)/.installed
	$(BIN)/sqlfluff lint models tests/singular analyses

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

clean:
	rm -rf target logs $(VENV)
