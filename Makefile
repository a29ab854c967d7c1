# Two commands from a fresh clone: `make lab` and `make test`. Each creates .venv when it is
# missing, and recreates it when a requirements file or pyproject.toml is newer than it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV := uv==0.13.9
# JupyterLab refuses to run as root unless told that it is meant.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
FIRST_NOTEBOOK := $(firstword $(sort $(wildcard notebooks/*.ipynb)))

.PHONY: lab lab-student test lint notebooks student gallery site bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	# uv installs the same pins as pip, in parallel: about 5 s instead of pip's 30, so that a
	# fresh clone's `make lab` is serving within seconds. It comes from PyPI, pinned, like the
	# rest; the README's by-hand steps use plain pip and give the same environment.
	$(BIN)/python -m pip install --quiet $(UV)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements-dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	# Silence JupyterLab's news pop-up, as binder/postBuild does on Binder.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

## lab: open the notebooks in JupyterLab, served on 127.0.0.1 only, behind a token
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG) $(FIRST_NOTEBOOK)

# tools/ and benchmarks/ are packages that import each other by name (`from tools import
# notebooks`), so they run as modules (-m) from the repository's root, this Makefile's folder.

## test: every check: lint, unit and property tests, docstring examples, notebooks, browser
test: $(STAMP) lint
	$(BIN)/python -m tools.notebooks check notebooks/*.ipynb gallery/*.ipynb
	$(BIN)/python -m tools.notebooks student  # nbval runs the student edition too
	# One worker per core (pytest-xdist), each test file, and so each notebook, on one worker.
	$(BIN)/python -m pytest -n auto --dist loadfile

## lint: ruff over the package, tests, tools, benchmarks and notebooks
lint: $(STAMP)
	$(BIN)/ruff check .

## notebooks: re-execute every notebook in a fresh kernel and normalise it (commit the result)
notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks run

## student: write the student edition (worked solutions left out) into student/
student: $(STAMP)
	$(BIN)/python -m tools.notebooks student

## lab-student: write the student edition and open it in JupyterLab, as `make lab` does
lab-student: student
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=student $(ROOT_FLAG) $(patsubst notebooks/%,student/%,$(FIRST_NOTEBOOK))

## gallery: every explorer on one page with no code, served by Voilà on 127.0.0.1 with a token
gallery: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/gallery $(BIN)/voila gallery/00_explorers.ipynb --template=gdcore --Voila.ip=127.0.0.1 --token

## site: the web book, from the notebooks as committed (never re-run) and gdcore's docstrings,
## into site/; any warning fails the build
site: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html -c book -d build/doctrees . site

## bench: print how fast the explorers, the sweep and the notebooks are
bench: $(STAMP)
	$(BIN)/python -m benchmarks.explorers
	$(BIN)/python -m benchmarks.sweep
	$(BIN)/python -m benchmarks.notebooks
	$(BIN)/python -m benchmarks.browser

clean:
	rm -rf $(VENV) .hypothesis site build book/reference
