# Two commands do everything on a fresh machine:
#   make build   virtualenv + pinned dependencies, the warehouse on the bundled demo exports, the docs
#   make test    every check: dbt build (data and unit tests), pytest, sqlfluff lint
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)/profiles

.PHONY: build test docs lint clean

build: $(VENV)/.installed
	$(DBT) build
	$(DBT) docs generate --static
	@echo "Warehouse: target/support_kpis.duckdb (schema marts). Docs: target/static_index.html"

test: $(VENV)/.installed
	$(BIN)/support-kpis validate data/demo --quiet
	$(DBT) build
	$(BIN)/support-kpis check-marts target/support_kpis.duckdb
	$(BIN)/pytest
	$(BIN)/sqlfluff lint models tests/singular analyses

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
