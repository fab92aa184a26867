# make run: set up .venv and serve on http://127.0.0.1:$(PORT); make test: set up .venv with the test extras, lint and run every test, on SQLite then on PostgreSQL.
PYTHON ?= python3
VENV := .venv
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-postgresql lint messages clean system-packages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	EXPLORER_ENV=$${EXPLORER_ENV:-dev} $(VENV)/bin/explorer serve --create-database --host $(HOST) --port $(PORT)

# What the tests need from the machine (Chromium, PostgreSQL, buildah: scripts/install-system-packages), first: when
# something is missing it is installed if this is root with apt-get; otherwise make stops here, naming the command.
# EXPLORER_TEST_SKIP=browser,image,postgresql,nginx (any of them) leaves those tests out by choice; nothing else skips them.
system-packages:
	@scripts/install-system-packages

# ruff and the import contracts (pyproject.toml), then the whole suite on SQLite, then again on a throwaway PostgreSQL server; fails if any of them failed.
# The tests that need no browser run in $(TEST_WORKERS) processes (pytest-xdist); the browser tests and the
# container image run once, on SQLite, one at a time.
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) -m "not e2e and not slow"

test: system-packages $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	status=0; \
	$(VENV)/bin/python -m pytest $(PARALLEL) || status=1; \
	$(VENV)/bin/python -m pytest -m "e2e or slow" || status=1; \
	case ",$$(echo "$${EXPLORER_TEST_SKIP:-}" | tr -d ' ')," in \
	*,postgresql,*) echo "The PostgreSQL pass is left out by choice (EXPLORER_TEST_SKIP=$$EXPLORER_TEST_SKIP)." ;; \
	*) $(VENV)/bin/python -m pytest --database=postgresql $(PARALLEL) || status=1 ;; \
	esac; \
	exit $$status

# The PostgreSQL pass alone.
test-postgresql: $(VENV)/.test-deps
	$(VENV)/bin/python -m pytest --database=postgresql $(PARALLEL)

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# The UI's strings: extract them from the templates and app/ (babel.cfg) and bring both catalogs up to date. New
# strings arrive untranslated, changed ones fuzzy, and removed ones are dropped: tests/i18n fails until each
# language has a reviewed translation of every string.
LOCALE_DIR := app/i18n/locale

messages: $(VENV)/.run-deps
	pot=$$(mktemp --suffix=.pot) && \
	$(VENV)/bin/pybabel -q extract -F babel.cfg --no-wrap --add-location=file --sort-by-file \
		--project=docker-k8s-explorer --copyright-holder="the docker-k8s-explorer authors" -o $$pot . && \
	$(VENV)/bin/pybabel -q update -i $$pot -d $(LOCALE_DIR) -D messages --no-wrap --previous --ignore-obsolete \
		--ignore-pot-creation-date; \
	status=$$?; rm -f $$pot; exit $$status

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
