# The two front-door commands: `make run` and `make test`. Both set everything up first.
# `make bench` runs the benchmarks and writes BENCHMARKS.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup lock clean

setup: $(STAMP)

# Installs exactly the versions in constraints.txt, the ones CI last tested: a fresh clone next
# month gets the same packages. `make lock` refreshes them on purpose.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The newest versions pyproject.toml allows, installed into a scratch environment and written
# to constraints.txt. Run the tests after it, and commit both together.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[dev]'
	{ echo "# Exact versions installed by make run, make test and .ci/run; refreshed by make lock."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude planner --exclude-editable; } > constraints.txt
	rm -rf .lock-venv build

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
