# Build, test and lock. Every tool is called from .venv/bin; nothing is activated.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON_SYS ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
STAMP      := $(VENV)/.installed

# Byte-reproducible output. A constant, not the commit time, so that a build of
# uncommitted work and a clean build of the same tree agree; keep it equal to
# recount.sphinx.build.SOURCE_DATE_EPOCH (tests/test_build_deps.py checks).
export SOURCE_DATE_EPOCH := 1767225600
export TZ                := UTC
export LC_ALL            := C.UTF-8

JB_FLAGS ?= -W -n --keep-going

# `make book` is two stages in one command (python -m recount.sphinx.build): execute
# the notebooks whose inputs changed (each in its own kernel, this many at once:
# "auto" = one per usable CPU; 1 = one by one, e.g. `make book
# RECOUNT_BUILD_JOBS=1`), caching them in _build/.recount/notebooks/; then
# `jupyter-book build` with execution off renders the executed copies. Output is
# byte-identical either way. See docs/architecture.md.
export RECOUNT_BUILD_JOBS ?= auto

.PHONY: .venv venv output book test bench bench-scan clean lock

# `make .venv` (or `make venv`): create the venv if missing and (re)install it
# whenever requirements.txt or pyproject.toml is newer than the stamp.
.venv venv: $(STAMP)

$(PY):
	$(PYTHON_SYS) -m venv $(VENV)

# Installer of the hashed pins: uv (pinned in requirements-uv.txt, installed
# into .venv by pip first, a few seconds), then uv installs requirements.txt:
# every hash checked, the same packages pip would install, but downloaded and
# unpacked in parallel (fresh venv, empty cache: about 1 min against about
# 5 min for pip alone on a loaded 2-core machine). --compile-bytecode writes the
# .pyc files pip writes: without them, and with PYTHONDONTWRITEBYTECODE set,
# every kernel of the book build recompiles pandas and matplotlib (imports ~3x
# slower). uv reads no pip.conf (index, certificates): if you rely on one,
# `make venv INSTALLER=pip`.
INSTALLER ?= uv
PIP := $(PY) -m pip install --disable-pip-version-check --no-input

$(STAMP): requirements.txt requirements-uv.txt pyproject.toml | $(PY)
ifeq ($(INSTALLER),uv)
	$(PIP) --require-hashes -r requirements-uv.txt
	$(VENV)/bin/uv pip install --python $(PY) --compile-bytecode --require-hashes -r requirements.txt
else
	$(PIP) --require-hashes -r requirements.txt
endif
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# The output tier, committed in data/output/ (verdicts.csv, claimreview.json, and the data
# behind every chart, linked under each chart): rewritten, only the files that change, by
# `make book` whenever a ledger table or the library changed since the last time, so a
# changed verdict shows in the diff. tests/test_output.py fails when a committed file is out
# of date. `make output` forces it.
OUTPUT_STAMP := _build/.output
$(OUTPUT_STAMP): $(wildcard data/*.csv data/*.json data/source/*.txt src/recount/*.py src/recount/*/*.py) | $(STAMP)
	$(PY) -m recount.publish.output
	@mkdir -p $(@D) && touch $@

output: $(STAMP)
	$(PY) -m recount.publish.output
	@mkdir -p _build && touch $(OUTPUT_STAMP)

# `make book DATA=DIR [OUT=HTML_DIR]`: the book of another article's folder (made by
# `python -m recount new ARTICLE.txt DIR`), built in DIR/_build/ by `python -m recount book`;
# nothing of this repository's book or data/output/ is touched.
ifdef DATA
book: $(STAMP)
	$(PY) -m recount book "$(DATA)" $(if $(OUT),--out "$(OUT)")
else
book: $(STAMP) $(OUTPUT_STAMP)
	$(PY) -m recount.sphinx.build . $(JB_FLAGS)
endif

test: $(STAMP)
	$(PY) -m pytest

# `make bench BENCH_ARGS="--runs 3 --only clean,floor"`: see python benchmarks/bench.py --help.
# The benchmarks live outside the package: editing one never re-executes a notebook.
bench: $(STAMP)
	$(PY) benchmarks/bench.py $(BENCH_ARGS)
	$(PY) benchmarks/scan.py $(BENCH_SCAN_ARGS)

# `make bench-scan BENCH_SCAN_ARGS="--sizes 1000 --runs 1"`: see benchmarks/scan.py --help.
bench-scan: $(STAMP)
	$(PY) benchmarks/scan.py $(BENCH_SCAN_ARGS)

clean:
	rm -rf _build

lock: $(STAMP)
	$(VENV)/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11 -o requirements.txt
