# govkg: the two commands of the README are `make run` and `make test`; everything else is set-up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
PYTEST_ARGS ?=

.PHONY: run test test-all setup browser-deps lint bench lab clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed  ## create .venv and install govkg with its test extras

run: setup  ## build the graph of the bundled sample into out/
	$(BIN)/govkg build -o $(OUT)

test: setup  ## the test suite (browser and server tests run when chromium / oxigraph are present)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

test-all: setup browser-deps  ## also install Debian chromium + CJK fonts first (needs root)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

browser-deps:  ## Debian packages for the browser tests and screenshots
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

lint: setup  ## ruff with its default rules (the version pinned in the dev extra)
	$(BIN)/python -m ruff check kg tests benchmarks scripts

bench: setup  ## the benchmarks (ratios against baselines in the same run)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lab: setup  ## JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache
