# Two commands on a fresh machine: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo .cache/uv/bin/uv)
# Python caches compiled modules: without that every process of the suite (three pytest passes, their workers,
# the subprocesses some tests start) compiles Django and the rest from source again, minutes over a test run.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test setup lint lock bench clean

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo --if-empty
	@echo "Mobilise is at http://127.0.0.1:$(PORT)"
	@# The task worker (it sends the mail) runs in the background and stops when the server stops.
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	scripts/system-deps.sh
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q -n 2 -m "not browser" --durations=20
	$(PY) -m pytest -q -n 2 -m browser --durations=10
	scripts/with-postgres.sh $(PY) -m pytest -q -n 2 -m "not browser and not engine_neutral" --durations=20

setup: $(VENV)/.synced node_modules/.installed

.cache/uv/bin/uv:
	$(PYTHON) -m venv .cache/uv
	.cache/uv/bin/pip install -q uv

$(VENV)/.synced: requirements.lock | $(UV)
	test -x $(PY) || $(UV) venv -q $(VENV) --python $(PYTHON)
	$(UV) pip sync -q --compile-bytecode --python $(PY) requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Refresh the lock after changing pyproject.toml.
lock:
	$(UV) pip compile -q pyproject.toml --group dev --generate-hashes --python-version 3.11 -o requirements.lock

# Not part of make test (tests/bench runs it at a small scale). DATABASE_URL=postgres://... measures PostgreSQL.
bench: setup
	$(PY) -m bench

# The same format, lint and type checks as `make test` and pre-commit.
lint: setup
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf $(VENV) node_modules .cache data
