# reportlib — the study's commands. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := reportlib
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help study test lint lab bench clean

help:  ## list every command
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "reportlib (.venv)"
	touch $(STAMP)

study: $(STAMP)  ## create .venv if needed, then regenerate the whole study into outputs/
	$(BIN)/reportlib study --jobs $(JOBS)

test: $(STAMP)  ## create .venv if needed, then lint and run the tests
	$(BIN)/ruff check reportlib tests benchmarks
	$(BIN)/python -m pytest

lab: $(STAMP)  ## JupyterLab on the project kernel with notebooks/ open (as root too)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)  ## speed and memory benchmarks → benchmarks/RESULTS.md (not part of test)
	$(BIN)/python benchmarks/run_all.py

clean:  ## remove generated outputs and caches (keeps .venv and data/raw)
	rm -rf outputs/notebooks outputs/html outputs/figures outputs/tables outputs/.state
	rm -rf data/processed/cache data/processed/*.csv data/processed/*.parquet
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
