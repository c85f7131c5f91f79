# Directo's tasks. Each target creates .venv when it is missing, so a fresh clone needs only Python and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-postgres check fmt bench browser clean help

help:
	@echo "make run    - install, migrate, and start Directo on SQLite with the example playbook"
	@echo "make test   - install and run the whole test suite"
	@echo "make check  - ruff, mypy (strict) and the import-linter layer contracts"
	@echo "make fmt    - format the code"
	@echo "make bench  - run the benchmarks in bench/ (figures go to stdout and bench/results/)"
	@echo "make browser - apt-install Debian's chromium (and an emoji font) for the sandbox page's browser test"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

.env:
	@cp .env.example .env
	@echo "Created .env from .env.example (development values: change the secrets before going live)."

run: $(STAMP) .env
	$(BIN)/directo run

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format bot tests bench
	$(BIN)/ruff check --fix bot tests bench

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# Debian's chromium for tests/e2e/test_sandbox_browser.py (driven over the DevTools protocol; no download
# by pip). Needs root and apt-get; the test runs this itself when it can, and skips when it cannot.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji \
		|| { apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji; }; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
