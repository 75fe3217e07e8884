# ndp: two commands on a fresh machine.
#   make demo   installs what it needs, then writes the reference quarter's report under out/
#   make test   installs what it needs, then runs every check (ruff, format, mypy, imports, pytest)
# `make help` lists every target.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat uv.lock pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install system-deps demo test lint typecheck pytest bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --extra dev --extra spark --quiet --compile-bytecode
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) ## Create .venv with the locked dependencies (the dev and spark extras)

system-deps: ## Install the Debian packages the tests need (PostgreSQL, Java 17, Pango, fonts, Chromium, poppler), if missing
	@scripts/system-deps.sh

demo: install system-deps ## Load the demo data and write the 2024-25 Q1 report under out/
	$(BIN)/ndp demo

test: install system-deps lint typecheck pytest ## Run every check: ruff, format, mypy, import layers, pytest

lint: install ## ruff lint and format check
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install ## mypy and the import-layer contract
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: install system-deps ## The test suite (Spark tests in one worker: --dist loadgroup)
	$(BIN)/pytest -n 2 --dist loadgroup --durations=30 $(PYTEST_ARGS)

bench: install ## Benchmarks at scale (slow; see docs/performance.md)
	$(BIN)/python bench/load.py
	$(BIN)/python bench/pack.py
	$(BIN)/python bench/report.py

clean: ## Remove the environment and outputs
	rm -rf $(VENV) $(TOOLS) out .pytest_cache .mypy_cache .ruff_cache
