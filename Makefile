# `make brief` builds every outline into build/; `make test` runs the tests. Both set up what
# they need first (system packages, fonts, .venv), once: stamps in .venv/ remember it.
#
# Builds are incremental: build/.deps.mk (written by `brief deps` from the outlines) has a
# check stamp per outline and a target per edition and format. Nothing changed: nothing runs.
# One outline edited: only its outputs. A seed, the facts, a template or the code: all.
# `make -j2 brief` builds editions and formats in parallel.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-ok
SYSTEM := $(VENV)/.system-ok
TEST_SYSTEM := $(VENV)/.test-system-ok
COMMON := $(wildcard seeds/*) $(shell find templates pipeline -type f -name '*.*' ! -name '*.pyc') pyproject.toml

.PHONY: brief outputs test check setup bench dist watch clean
.DEFAULT_GOAL := brief

brief: setup
	@$(MAKE) --no-print-directory outputs

outputs: build/.deps.mk
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) -f build/.deps.mk all-outputs

build/.deps.mk: $(wildcard outlines/*.yaml) $(COMMON)
	@mkdir -p build
	@$(BIN)/brief deps > $@.tmp && mv $@.tmp $@

check: setup
	$(BIN)/brief check

dist: brief
	$(BIN)/brief dist

watch: setup
	$(BIN)/brief watch

test: setup $(TEST_SYSTEM)
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/build_times.py
	$(BIN)/python bench/extract_scale.py
	$(BIN)/python bench/editor_loop.py

setup: $(SYSTEM) $(DEPS)

$(DEPS): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

$(SYSTEM): setup/system.sh | $(DEPS)
	bash setup/system.sh
	@touch $@

$(TEST_SYSTEM): setup/system.sh | $(DEPS)
	bash setup/system.sh libreoffice-writer-nogui
	@touch $@

clean:
	rm -rf build
