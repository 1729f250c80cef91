# make run: start the app.  make test: lint and test.  Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SECOND := .venv-second

.PHONY: run test bench screenshots lint package test-package install-desktop clean system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "hostdesk needs Python 3.11 or newer; $(PYTHON) is older."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

# The soak test's second Python (3.12+); tools/second-venv.sh says so where there is none.
$(SECOND)/.installed: pyproject.toml
	@tools/second-venv.sh $(SECOND)
	@mkdir -p $(SECOND) && touch $@

run: $(STAMP)
	$(BIN)/hostdesk

system-deps:
	@tools/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks packaging tools
	$(BIN)/lint-imports
	$(BIN)/mypy src

test: $(STAMP) $(SECOND)/.installed system-deps lint
	QT_QPA_PLATFORM=offscreen HOSTDESK_SECOND_PYTHON=$(if $(wildcard $(SECOND)/bin/python),$(CURDIR)/$(SECOND)/bin/python) \
		tools/with-keyring.sh $(BIN)/pytest -q

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs

# A one-folder frozen app in dist/hostdesk, from packaging/hostdesk.spec.
package: $(STAMP) system-deps
	$(BIN)/pip install -q -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/hostdesk.spec
	@du -sm dist/hostdesk | awk '{ print "Frozen app: dist/hostdesk is " $$1 " MB (limit 150 MB)"; exit ($$1 >= 150) }'

# Starts the frozen app offscreen (--self-test), publishes with it, checks its version and size.
test-package: package
	QT_QPA_PLATFORM=offscreen tools/with-keyring.sh $(BIN)/pytest -q -p no:cacheprovider packaging/tests

install-desktop: $(STAMP)
	tools/install-desktop.sh

clean:
	rm -rf $(VENV) $(SECOND) build dist *.egg-info
