# make run: set up .venv and serve on http://127.0.0.1:$(PORT); make test: set up .venv with the test extras and run every test, on SQLite then on PostgreSQL.
PYTHON ?= python3
VENV := .venv
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-postgresql lint clean

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

# The whole suite on SQLite, with the browser tests, the container image and the search tests on a throwaway
# PostgreSQL server. `make test-postgresql` runs the suite again with every test on PostgreSQL.
test: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest

test-postgresql: $(VENV)/.test-deps
	$(VENV)/bin/python -m pytest --database=postgresql -m "not e2e and not slow"

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
