# Tandem: `make run` serves the demo on SQLite; `make test` runs every test on SQLite and PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/tandem
HOST ?= 127.0.0.1:8000

.PHONY: install run worker test lint format migrate

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# The background worker (reminders, digests, large match runs) runs beside the web server and
# stops with it.
run: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py tandem_worker --verbosity 0 & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

worker: migrate
	$(BIN)/python manage.py tandem_worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	scripts/ensure-chromium
	@echo "== tests on SQLite =="
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 TANDEM_REQUIRE_BROWSER=1 $(BIN)/pytest
	@echo "== tests on PostgreSQL ($(PG_URL)) =="
	DATABASE_URL=$(PG_URL) TANDEM_REQUIRE_BROWSER=1 $(BIN)/pytest
