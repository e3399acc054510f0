# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3

.PHONY: run test setup system-packages lint typecheck contracts pytest bench clean

run: setup
	$(BIN)/kiosk run --windowed

test: setup lint typecheck contracts pytest

setup: system-packages $(STAMP)

system-packages:
	@sh packaging/linux/install-system-packages.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	@touch $@

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: setup
	$(BIN)/python -m bench

# The council hub on a throwaway SQLite database of synthetic contacts (docs/hub.md): open
# http://127.0.0.1:8450/ and sign in as demo with the password it prints. Ctrl+C forgets it all.
.PHONY: hub
hub: setup
	$(BIN)/kiosk hub serve --demo

# Re-read every self.tr() string in ui/ into each assets/translations/kiosk_<lang>.ts (new
# ones arrive unfinished, vanished ones go), then compile each .ts into the .qm the kiosk loads.
# Only finished translations reach the .qm. The .qm files are committed, so `make run` needs
# no build step; tests/ui/test_translations.py fails when either file is behind ui/.
# kiosk_en.ts holds only the English plural forms of %n strings (lupdate -pluralonly).
TS_FILES := $(filter-out %/kiosk_en.ts,$(wildcard assets/translations/kiosk_*.ts))
ENGLISH_TS := assets/translations/kiosk_en.ts

.PHONY: translations
translations:
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations relative ui -ts $(TS_FILES)
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations relative -pluralonly \
		-target-language en_GB ui -ts $(ENGLISH_TS)
	$(BIN)/pyside6-lrelease -nounfinished $(TS_FILES) $(ENGLISH_TS)

# Pictures of every screen for the README (docs/screenshots/*.png): the real window on the demo
# catalog, walked as staff would tap it, drawn without a display. See tools/screenshots.py.
.PHONY: screenshots
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots docs/screenshots

# The PyInstaller one-folder build in dist/kiosk/ (packaging/kiosk.spec), and its headless smoke
# test. Not part of `make test`: the build takes about a minute. packaging/README.md has more.
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: package package-smoke package-times
package: setup $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/kiosk.spec
	@du -sh dist/kiosk

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	@touch $@

package-smoke:
	$(BIN)/python packaging/smoke_test.py dist/kiosk

# Start-up times of the build against the installed app (median of several runs).
package-times:
	$(BIN)/python packaging/startup_times.py dist/kiosk

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build dist

# Pictures of the hub's pages for the README (docs/screenshots/hub-*.png): the demo hub in
# Debian's headless Chromium, 1280 wide at full height. See tools/hub_screenshots.py.
.PHONY: hub-screenshots
hub-screenshots: setup
	$(BIN)/python -m tools.hub_screenshots docs/screenshots
