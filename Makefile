# Autoencoder Lab: `make run` serves the app, `make test` runs every test.
# Both create the virtual environment and install what is needed on a fresh machine.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8501
# Two workers, each with one app server and one Chromium for its group of browser tests, the unit and
# AppTest tests beside them (tests/e2e/conftest.py groups them): on two cores, two thirds of the time.
PYTEST_WORKERS ?= -n 2 --dist loadgroup
# Streamlit runs each rerun in a new thread, and glibc keeps freed memory in an arena per thread
# (up to 8 per core): two arenas keep the server about 50 MB smaller (benchmarks/server.py).
export MALLOC_ARENA_MAX ?= 2

.PHONY: run test mnist lint unit train benchmarks screenshots readme-screenshots translations clean

$(INSTALLED): requirements.txt requirements-train.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(INSTALLED)
	$(BIN)/python -m serve --server.port $(PORT)

# MNIST first: without it the tests cannot pass, so say so before installing or running anything.
test: mnist $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHON=$(BIN)/python scripts/install_browser.sh
	scripts/install_servers.sh
	$(BIN)/python -m pytest $(PYTEST_WORKERS)

mnist:
	@$(PYTHON) scripts/check_mnist.py

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(INSTALLED)
	$(BIN)/python -m pytest tests/unit

train: $(INSTALLED)
	$(BIN)/python -m training --variant all --resume

benchmarks: $(INSTALLED)
	$(BIN)/python -m benchmarks.decode
	$(BIN)/python -m benchmarks.train

# The catalog's strings from the code (i18n/babel.cfg), merged into each language's .po file, whose
# new entries then need a translation (tests/unit/test_translations.py fails until they have one).
translations: $(INSTALLED)
	PYTHONPATH=. $(BIN)/pybabel --quiet extract -F i18n/babel.cfg --add-location=file --sort-by-file \
		--project="Autoencoder Lab" -o i18n/messages.pot .
	$(BIN)/pybabel --quiet update -i i18n/messages.pot -d i18n/locales -l ru --no-fuzzy-matching --ignore-obsolete

# Every page at 1400x1000, 1280x720 and 390x844, normal and big, into artifacts/screenshots/.
screenshots: $(INSTALLED)
	$(BIN)/python -m scripts.screenshots

# The README's pictures (docs/screenshots/, tracked): only this target rewrites them.
readme-screenshots: $(INSTALLED)
	$(BIN)/python -m scripts.screenshots --readme

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
