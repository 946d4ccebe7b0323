# Autoencoder Lab: `make run` serves the app, `make test` runs every test.
# Both create the virtual environment and install what is needed on a fresh machine.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint unit train benchmarks screenshots clean

$(INSTALLED): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(INSTALLED)
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(INSTALLED)
	$(BIN)/ruff check .
	PYTHON=$(BIN)/python scripts/install_browser.sh
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .

unit: $(INSTALLED)
	$(BIN)/python -m pytest tests/unit

train: $(INSTALLED)
	$(BIN)/python -m models.train --variant all --resume

benchmarks: $(INSTALLED)
	$(BIN)/python -m benchmarks.decode
	$(BIN)/python -m benchmarks.train

# Every page at 1400x1000, 1280x720 and 390x844, normal and big, into artifacts/screenshots/.
screenshots: $(INSTALLED)
	$(BIN)/python -m scripts.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
