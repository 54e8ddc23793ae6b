# Madoguchi: `make run` serves the platform with demo data, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test lint types pytest messages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/madoguchi migrate --noinput
	$(BIN)/madoguchi demo
	@echo "窓口 Madoguchi: http://$(HOST):$(PORT)/  (logins: README.md)"
	$(BIN)/madoguchi runserver $(HOST):$(PORT)

demo: install
	$(BIN)/madoguchi migrate --noinput
	$(BIN)/madoguchi demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types: install
	$(BIN)/mypy

# The tests run on SQLite, then again on PostgreSQL when DATABASE_URL points at one.
pytest: install
	env -u DATABASE_URL MADOGUCHI_DB_LABEL=sqlite $(BIN)/pytest $(PYTEST_ARGS)
	@case "$${DATABASE_URL:-}" in \
	  postgres*) echo "== PostgreSQL pass: $${DATABASE_URL%%\?*}" && MADOGUCHI_DB_LABEL=postgresql $(BIN)/pytest $(PYTEST_ARGS) ;; \
	  *) echo "== DATABASE_URL is not a PostgreSQL URL: PostgreSQL pass skipped" ;; \
	esac

test: lint types pytest

messages: install
	cd src/madoguchi && ../../$(BIN)/madoguchi makemessages -l en --no-obsolete && ../../$(BIN)/madoguchi compilemessages

bench: install
	$(BIN)/python bench/registry_import.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
