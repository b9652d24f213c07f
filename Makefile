# Tianping — set-up, run and test. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test setup venv assets db messages lint pytest system-packages system-packages-run clean

run: setup system-packages-run db ## set up, migrate, load the demo province if empty, serve on :8000
	$(BIN)/python -m tianping serve --host $(HOST) --port $(PORT)

test: setup system-packages lint pytest ## set up and run every check and the whole suite

setup: venv assets

venv: $(VENV)/.synced

$(VENV)/.synced: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --inexact --extra dev --python $(BIN)/python --quiet
	touch $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

db: venv assets messages
	$(BIN)/python -m tianping migrate --no-input
	$(BIN)/python -m tianping demo --if-empty --cases 2000
	$(BIN)/python -m tianping collectstatic --no-input --verbosity 0

system-packages: ## Debian packages for the tests: gettext, fonts-noto-cjk, chromium
	scripts/system-packages.sh test

system-packages-run:
	scripts/system-packages.sh run

messages: venv
	cd src/tianping && ../../$(BIN)/python -m tianping compilemessages --verbosity 0

lint: venv
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	PYTHONPATH=tools $(BIN)/lint-imports
	$(BIN)/python -m tianping makemigrations --check --dry-run

pytest: venv assets messages
	$(BIN)/python -m tianping collectstatic --no-input --verbosity 0
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) node_modules var/static
