# argmap: `make demo` renders the seed article's map, `make test` runs the tests.
# Both set everything up first: a .venv with argmap installed editable with its
# extras, and Graphviz's `dot` (installed with apt-get where it is missing).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup graphviz demo test bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[strategies,test]'
	touch $(STAMP)

graphviz:
	@command -v dot >/dev/null 2>&1 || sh .ci/install-graphviz

setup: $(STAMP) graphviz

demo: setup
	$(BIN)/python examples/syria_airstrikes.py

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/run.py --out docs/benchmarks.md

clean:
	rm -rf build .pytest_cache .hypothesis
