# simdesk — the two commands: `make run` and `make test`. Everything else is a building block.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
# The machine's pip config lists local mirror folders that lack some packages; pip says so per package.
QUIET_PIP := sed '/is ignored: it is neither/d'
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck pytest seed lock clean panel panel-deps panel-test e2e chromium

PANEL := admin-panel
# npm ci again only when the lock changes (or node_modules went missing).
PANEL_DEPS := $(PANEL)/node_modules/.simdesk-installed
CHROMIUM := /usr/bin/chromium

run: install panel ## Start every service (embedded where missing), the API (serving the panel) and a worker
	$(BIN)/python -m devstack run

test: lint typecheck panel-test chromium pytest ## Lint, type-check, the panel's checks, then the whole suite (e2e included)

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

panel-deps: $(PANEL_DEPS)

$(PANEL_DEPS): $(PANEL)/package.json $(PANEL)/package-lock.json
	@command -v npm >/dev/null || { echo "the admin panel needs Node.js 20.19+ and npm"; exit 1; }
	@# The registry here lacks some other platforms' optional binaries (rollup, oxide…), which
	@# `npm ci` insists on finding in the lock; `npm install` then installs the same locked tree.
	cd $(PANEL) && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }
	@touch $@

panel: panel-deps ## Build the admin panel into admin-panel/dist (served by the API at /)
	cd $(PANEL) && npm run build

panel-test: panel ## The panel's unit tests, type check and bundle-size budget
	cd $(PANEL) && npx vitest run
	cd $(PANEL) && npx tsc --noEmit
	cd $(PANEL) && npm run check:size

# The end-to-end tests drive Debian's chromium; nothing downloads a browser of its own.
chromium:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

e2e: install panel chromium ## Only the end-to-end tests (real API, built panel, headless chromium)
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

seed: install ## e.g. make seed ORDERS=1000000
	$(BIN)/simdesk seed --orders $(or $(ORDERS),100000)

lock: ## Re-resolve requirements.lock from pyproject.toml
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra local --extra dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
