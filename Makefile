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
# recount.sphinx_deps.SOURCE_DATE_EPOCH (tests/test_build_deps.py checks).
export SOURCE_DATE_EPOCH := 1767225600
export TZ                := UTC
export LC_ALL            := C.UTF-8

JB_FLAGS ?= -W -n --keep-going

.PHONY: .venv venv book test bench clean lock

# `make .venv` (or `make venv`): create the venv if missing and (re)install it
# whenever requirements.txt or pyproject.toml is newer than the stamp.
.venv venv: $(STAMP)

$(PY):
	$(PYTHON_SYS) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check --no-input --require-hashes -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check --no-input --no-deps --no-build-isolation -e .
	touch $@

book: $(STAMP)
	$(VENV)/bin/jupyter-book build . $(JB_FLAGS)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m recount.bench

clean:
	rm -rf _build

lock:
	uv pip compile requirements.in --generate-hashes --python-version 3.11 -o requirements.txt
