# The two front-door commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Builds (or refreshes) the demo workspace from agendas/ and opens the planner on it.
run: $(STAMP)
	$(BIN)/planner demo --open

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check planner tests
	$(BIN)/ruff format --check planner tests

clean:
	rm -rf $(VENV) build dist .pytest_cache
