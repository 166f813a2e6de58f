# Two commands do everything on a fresh machine:
#   make build   virtualenv + pinned dependencies, the warehouse on the bundled demo exports, the docs
#   make test    every check: ruff; then, two at a time, the engine comparison (with the whole
#                build and its tests on Postgres), the dbt build (data and unit tests), pytest (in
#                two parts), validate on the demo, and on the build sqlfluff lint, check-marts,
#                docs and test coverage of the marts (dbt-coverage, fails below the thresholds)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)/profiles

.PHONY: build test test-engines test-postgres test-compare pytest pytest-builds pytest-rest \
	validate-demo checks-of-the-build test-warehouse test-checks test-lint docs coverage lint clean

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

# Each step prints its wall time (scripts/step); the summary at the end lists them all.
STEP_TIMES := $(CURDIR)/target/step-times.tsv
STEP := STEP_TIMES=$(STEP_TIMES) scripts/step

# Jobs at a time after ruff: one per core. Each is mostly one Python process (dbt, pytest,
# sqlfluff); three at a time took as long (1,301 s against 1,317 s in two runs of one hour).
TEST_JOBS ?= 2

test: $(VENV)/.installed
	@mkdir -p target && rm -f $(STEP_TIMES) && date +%s > target/test-started
	$(STEP) "ruff (lint and format)" sh -c '$(BIN)/ruff check --quiet . && $(BIN)/ruff format --check --quiet .'
	@# make starts the steps in this order as a slot frees up: the comparison (Spark is the
	@# longest single run) beside the build and then the suites that build their own warehouses,
	@# the rest of pytest after the comparison, and what reads the build in the slot free first
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-compare \
		test-warehouse pytest-builds pytest-rest test-lint test-checks validate-demo
	@echo; echo "make test: every step passed (after ruff, $(TEST_JOBS) at a time)"
	@awk -F'\t' '{ printf "  %5d s %6d CPU-s  %s\n", $$2, $$4, $$1; cpu += $$4 } \
		END { printf "  %13d CPU-s  in all the steps\n", cpu }' $(STEP_TIMES)
	@echo "  $$(( $$(date +%s) - $$(cat target/test-started) )) s  in all (wall clock)"

# inside `make test`: the build on the demo (data and unit tests), and what reads it after it
test-warehouse: $(VENV)/.installed
	$(STEP) "dbt build (DuckDB, data and unit tests)" $(DBT) build

test-checks: test-warehouse
	$(MAKE) --no-print-directory checks-of-the-build

test-lint: test-warehouse
	$(MAKE) --no-print-directory lint

# pytest in two parts of about the same length, so that `make test` can run them side by side:
# the suites whose tests each build a warehouse of their own, and the rest
PYTEST_BUILDS := tests/python/adversarial tests/python/property tests/python/integration/test_incremental_builds.py

pytest: $(VENV)/.installed
	$(STEP) "pytest" $(BIN)/pytest

pytest-builds: $(VENV)/.installed
	$(STEP) "pytest: adversarial, property and incremental" $(BIN)/pytest --durations=10 $(PYTEST_BUILDS)

# the docs page in Chromium: in `make test` it opens the docs of the build (test-checks), so
# pytest-rest leaves it out
DOCS_SITE_TEST := tests/python/integration/test_docs_site.py

pytest-rest: $(VENV)/.installed
	$(STEP) "pytest: the rest" $(BIN)/pytest --durations=10 \
		$(addprefix --ignore=,$(PYTEST_BUILDS) $(DOCS_SITE_TEST))

validate-demo: $(VENV)/.installed
	$(STEP) "validate the demo exports" $(BIN)/support-kpis validate data/demo --quiet

# what reads the DuckDB build in target/, one after another (docs generate writes the page
# Chromium opens and the catalog that coverage reads)
checks-of-the-build: $(VENV)/.installed
	$(STEP) "check-marts" $(BIN)/support-kpis check-marts target/support_kpis.duckdb
	$(STEP) "dbt docs generate" $(DBT) docs generate --static
	SUPPORT_KPIS_DOCS_PAGE=target/static_index.html \
		$(STEP) "the docs page in Chromium" $(BIN)/pytest -q $(DOCS_SITE_TEST)
	$(STEP) "coverage of the marts" $(MAKE) --no-print-directory coverage

# Postgres and Spark, each started here for the step and stopped after (nothing need be running).
# test-compare (in `make test`): a small generated folder built on all three engines, the data and
# unit tests run on Postgres too, and every mart compared cell for cell. test-postgres (not in
# `make test`: the comparison's Postgres build covers it): the demo loaded into a local Postgres,
# built and tested there. Each step prints its time.
ENGINES_DIR := target/engines
ENGINES_COMPARE ?= duckdb,postgres,spark
# the data and unit tests run on Postgres when the comparison builds it
COMPARE_TESTED = $(findstring postgres,$(ENGINES_COMPARE))

test-engines: test-postgres test-compare

test-postgres: $(VENV)/.installed
	$(STEP) "postgres: load data/demo + dbt build" $(BIN)/python scripts/with_local_postgres.py \
		sh -c '$(BIN)/support-kpis load data/demo --target postgres --quiet && \
		$(DBT) build --target postgres --target-path $(ENGINES_DIR)/postgres-target --quiet'

test-compare: $(VENV)/.installed
	rm -rf $(ENGINES_DIR)/small
	$(BIN)/support-kpis generate $(ENGINES_DIR)/small --tickets 2000 --days 60 --seed 3 --quiet
	$(STEP) "compare $(ENGINES_COMPARE) on $(ENGINES_DIR)/small$(if $(COMPARE_TESTED), (tests on postgres))" \
		$(BIN)/python scripts/compare_engines.py $(ENGINES_DIR)/small \
		--engines $(ENGINES_COMPARE) $(if $(COMPARE_TESTED),--with-tests postgres)

coverage: $(VENV)/.installed
	$(COVERAGE) doc --cov-report target/coverage-doc.json --cov-fail-under $(COVERAGE_DOC_MIN)
	$(COVERAGE) test --cov-report target/coverage-test.json --cov-fail-under $(COVERAGE_TEST_MIN)
	$(BIN)/python scripts/every_mart_tested.py target/coverage-test.json

docs: $(VENV)/.installed
	$(DBT) docs generate --static

# its own dbt target path and its own copy of the warehouse (the templater opens it for writing,
# which would lock out the checks of the build running beside it)
lint: $(VENV)/.installed
	rm -rf target/lint && mkdir -p target/lint
	if [ -f target/support_kpis.duckdb ]; then cp target/support_kpis.duckdb target/lint/; fi
	DBT_TARGET_PATH=target/lint SUPPORT_KPIS_DUCKDB_PATH=target/lint/support_kpis.duckdb \
		$(STEP) "sqlfluff lint" $(BIN)/sqlfluff lint models tests/singular analyses

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

clean:
	rm -rf target logs $(VENV)
