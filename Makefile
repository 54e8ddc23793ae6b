# Madoguchi: `make run` serves the platform with demo data, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
# The demo mode (config/settings.py): DEBUG, the published development key and logins, the mail viewer
# at /outbox/, answering this machine only. Anything else is production and needs its settings.
DEMO := MADOGUCHI_MODE=demo MADOGUCHI_SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: install run demo test lint types pytest messages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	@echo "== モード: デモ（MADOGUCHI_MODE=demo: DEBUG 有効、公開の開発用の鍵とログイン、127.0.0.1 のみ）"
	@echo "== mode: demo (MADOGUCHI_MODE=demo: DEBUG on, published development key and logins, 127.0.0.1 only)"
	$(DEMO) $(BIN)/madoguchi migrate --noinput
	$(DEMO) $(BIN)/madoguchi demo
	@echo "窓口 Madoguchi: http://127.0.0.1:$(PORT)/  (logins: README.md; mail: http://127.0.0.1:$(PORT)/outbox/)"
	@# --nostatic: WhiteNoise serves static files in every mode (runserver's own handler answers /static/../ with a 500)
	$(DEMO) $(BIN)/madoguchi runserver --nostatic 127.0.0.1:$(PORT)

demo: install
	@echo "== モード: デモ / mode: demo (MADOGUCHI_MODE=demo)"
	$(DEMO) $(BIN)/madoguchi migrate --noinput
	$(DEMO) $(BIN)/madoguchi demo

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
	cd src/madoguchi && export MADOGUCHI_MODE=test && ../../$(BIN)/madoguchi makemessages -l en --no-obsolete && ../../$(BIN)/madoguchi compilemessages

bench: install
	MADOGUCHI_MODE=test $(BIN)/python bench/registry_import.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
