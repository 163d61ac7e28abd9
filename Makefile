# simdesk — the two commands: `make run` and `make test`. Everything else is a building block.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
# The machine's pip config lists local mirror folders that lack some packages; pip says so per package.
QUIET_PIP := sed '/is ignored: it is neither/d'
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck pytest seed lock clean

run: install ## Start every service (embedded where missing), the API and a worker
	$(BIN)/python -m devstack run

test: lint typecheck pytest ## Lint, type-check and run the whole suite against real services

install: $(STAMP)

# Reinstall only when the declared or locked dependencies change.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "simdesk needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>&1 | $(QUIET_PIP)
	@touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

seed: install ## e.g. make seed ORDERS=1000000
	$(BIN)/simdesk seed --orders $(or $(ORDERS),100000)

lock: ## Re-resolve requirements.lock from pyproject.toml
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra local --extra dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
