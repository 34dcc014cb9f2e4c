# `make brief` builds every outline into build/; `make test` runs the tests. Both set up
# what they need first (system packages, fonts, .venv), once: stamps in .venv/ remember it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-ok
SYSTEM := $(VENV)/.system-ok
TEST_SYSTEM := $(VENV)/.test-system-ok

.PHONY: brief test check setup bench clean

brief: setup
	$(BIN)/brief build

check: setup
	$(BIN)/brief check

test: setup $(TEST_SYSTEM)
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/build_times.py
	$(BIN)/python bench/extract_scale.py

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
