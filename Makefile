# argmap: `make demo` renders the seed article's map (and its report from Argdown), `make test` runs the tests.
# Both set everything up first: a .venv with argmap installed editable with its
# extras, and Graphviz's `dot` (installed with apt-get where it is missing);
# `make test` and `make bench` also install Debian's Chromium for the browser tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup graphviz chromium demo test docs bench clean

all: test

# The editable install is a plain path entry (a .pth line), not setuptools'
# import hook, which costs every Python start (and so every argmap command)
# about 15 ms.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[strategies,test,docs]' --config-settings editable_mode=compat
	touch $(STAMP)

graphviz:
	@command -v dot >/dev/null 2>&1 || sh .ci/install-graphviz

# Debian's Chromium for the browser tests (they skip without it).
chromium:
	@command -v chromium >/dev/null 2>&1 || sh .ci/install-chromium

setup: $(STAMP) graphviz

demo: setup
	$(BIN)/python examples/syria_airstrikes.py
	# the same report, read from the Argdown file (its front matter names the article)
	$(BIN)/python -m argmap report build/syria_airstrikes.argdown -o build/syria_airstrikes.argdown.html --direction left

# The whole suite on 3.11 (.venv), then the quick sessions on 3.12 and 3.13
# (noxfile.py), each skipped with a message where that Python is missing;
# each spread over the machine's cores (pytest-xdist; a module's tests stay
# in one worker, so a module-scoped fixture is built once).
test: setup chromium
	$(BIN)/python -m pytest -n auto --dist loadscope
	$(BIN)/nox --reuse-venv=yes -s quick

# The documentation site: docs/*.md (MyST) and the API reference from the
# docstrings, warnings as errors.  tests/test_docs.py builds it too.
docs: setup
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs build/docs
	@echo "open build/docs/index.html"

bench: setup chromium
	$(BIN)/python -m pip install -q -e '.[bench]' --config-settings editable_mode=compat
	# compiled as an installed package is (pip compiles a wheel's modules), so
	# whole-process times do not include compiling argmap's source
	$(BIN)/python -m compileall -q argmap
	$(BIN)/python tests/benchmarks/run.py --out docs/benchmarks.md
	# the whole processes again, best of 7 each: one run of each is 1 s against 12 s,
	# and this machine's figures move by 5 to 10 % between runs
	$(BIN)/python tests/benchmarks/run.py --whole-only --runs 7 --out docs/benchmarks.md
	$(BIN)/python tests/benchmarks/report.py --out docs/benchmarks-report.md
	$(BIN)/python tests/benchmarks/interchange.py --out docs/benchmarks-interchange.md
	# the AIF load's whole processes again, best of 7 each, for the same reason
	$(BIN)/python tests/benchmarks/interchange.py --whole-only --runs 7 --out docs/benchmarks-interchange.md
	$(BIN)/python tests/benchmarks/corpora.py --out docs/benchmarks-corpora.md
	$(BIN)/python tests/benchmarks/argdown.py --out docs/benchmarks-argdown.md
	$(BIN)/python tests/benchmarks/hostile.py --out docs/benchmarks-hostile.md
	$(BIN)/python tests/benchmarks/quotes.py --out docs/benchmarks-quotes.md
	$(BIN)/python tests/benchmarks/layout.py --out docs/benchmarks-layout.md
	$(BIN)/python -m pip install -q -e '.[clingo]' --config-settings editable_mode=compat
	$(BIN)/python tests/benchmarks/semantics.py --out docs/benchmarks-semantics.md

clean:
	rm -rf build .pytest_cache .hypothesis
