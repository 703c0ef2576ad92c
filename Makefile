# The README's quickstart: `make demo` and `make test` must work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make test` also installs the notebooks extra: tests/test_notebooks.py executes the notebooks.
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test bench bench-large bench-sweep serve lint clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test,notebooks,cluster]"
	touch $(TEST_STAMP)

demo: $(STAMP)
	$(VENV)/bin/genhus validate data/example/households.csv data/example/vacancies.csv
	$(VENV)/bin/genhus allocate data/example/households.csv data/example/vacancies.csv \
		--out demo-out/offers.xlsx --json demo-out/result.json
	$(VENV)/bin/genhus allocate data/example-phased/households.csv data/example-phased/vacancies.csv \
		--phases data/example-phased/phases.csv --out demo-out/phased.xlsx --json demo-out/phased.json

test: $(TEST_STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/schedule.py
	$(PY) benchmarks/web.py

# The web page on http://127.0.0.1:8765 (see "I browseren" in the README).
serve: $(STAMP)
	$(VENV)/bin/genhus serve

# 50,000 households x 65,000 vacancies: a few minutes with the case generation.
bench-large: $(STAMP)
	$(PY) benchmarks/run.py --large

# 200 runs of the example on one process, a local pool and a Dask LocalCluster: a few minutes.
bench-sweep: $(TEST_STAMP)
	$(PY) benchmarks/sweep.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
