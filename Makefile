# The two front-door commands: `make run` and `make test`. Both set everything up first.
# `make bench` runs the benchmarks and writes BENCHMARKS.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup clean

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

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --output BENCHMARKS.md

lint: $(STAMP)
	$(BIN)/ruff check planner tests benchmarks
	$(BIN)/ruff format --check planner tests benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
