# her2batch developer commands. `make install` then `make test` or `make run`.
PYTHON ?= python3
VENV ?= .venv
# Use the active virtual environment when there is one, else create .venv.
ifdef VIRTUAL_ENV
BIN := $(VIRTUAL_ENV)/bin/
else
BIN := $(VENV)/bin/
endif

.PHONY: install test lint run bench clean

install:
	@if [ -z "$(VIRTUAL_ENV)" ] && [ ! -x "$(VENV)/bin/python" ]; then $(PYTHON) -m venv $(VENV); fi
	$(BIN)python -m pip install --upgrade pip >/dev/null
	$(BIN)python -m pip install -e ".[dev]"

test:
	$(BIN)python -m pytest

lint:
	$(BIN)ruff check her2batch tests samples bench

run:
	$(BIN)her2batch run samples -o her2batch-out
	@echo "Workbook: her2batch-out/her2_summary.xlsx (also cases.csv, rejects.csv, run.json)"

bench:
	$(BIN)python -m bench.run
	$(BIN)python -m bench.narrative
	$(BIN)python -m bench.history

clean:
	rm -rf her2batch-out build *.egg-info .pytest_cache
