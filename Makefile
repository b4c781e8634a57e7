# Briefing: `make html` builds the digest, `make test` runs the tests. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelican.conf.py
PORT ?= 8000
DEVDATA ?= ../shared/devdata
STAMP := $(VENV)/.installed

.PHONY: html serve devserver test lint format clean eval bench setup help golden

help:
	@echo "make html       build $(INPUTDIR)/ into $(OUTPUTDIR)/ (sets up $(VENV) first)"
	@echo "make serve      serve $(OUTPUTDIR)/ on http://127.0.0.1:$(PORT)/"
	@echo "make devserver  rebuild on every change in $(INPUTDIR)/ or theme/, and serve"
	@echo "make test       run the test suite"
	@echo "make lint       ruff check and format check"
	@echo "make eval       score cleaner and metadata on $(DEVDATA)"
	@echo "make golden     rewrite tests/golden/cleaning/*.md with the current cleaner"
	@echo "make bench      speed and memory benchmark"
	@echo "make clean      remove $(OUTPUTDIR)/ and caches"

# The venv is (re)installed when missing or when pyproject.toml is newer than the last install.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core and vnu-jar for the browser and validator tests; without npm those tests skip.
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: browser and validator tests will skip"; fi

setup: $(STAMP)

html: $(STAMP)
	$(VENV)/bin/briefing build --settings $(CONFFILE) --content $(INPUTDIR) --output $(OUTPUTDIR)
	@echo "Built $(OUTPUTDIR)/index.html. To read it: 'make serve', then open http://127.0.0.1:$(PORT)/"
	@echo "(links are absolute to SITEURL; build with BRIEFING_SITEURL=https://your.site to publish)"

serve: $(STAMP)
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUTDIR)

devserver: $(STAMP)
	$(VENV)/bin/briefing devserver --settings $(CONFFILE) --content $(INPUTDIR) --output $(OUTPUTDIR) --port $(PORT)

test: $(STAMP) node_modules/.installed
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check plugins tests tools bench
	$(VENV)/bin/ruff format --check plugins tests tools bench

format: $(STAMP)
	$(VENV)/bin/ruff format plugins tests tools bench
	$(VENV)/bin/ruff check --fix plugins tests tools bench

golden: $(STAMP)
	$(PY) tools/golden.py

eval: $(STAMP)
	$(PY) tools/eval_body.py --devdata $(DEVDATA)
	$(PY) tools/eval_meta.py --devdata $(DEVDATA)

bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).old .briefing-cache .pytest_cache tests/artifacts
