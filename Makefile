# Two commands do all the set-up:  make run  and  make test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
PYTEST_WORKERS ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: lint run serve test test-sqlite test-fast fuzz messages install install-test clean bench-relevance bench-load bench bench-compare

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet ".[test]"
	touch $@

$(VENV)/.installed-lint: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet ".[lint]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: migrate, load the demo content, serve on http://127.0.0.1:$(PORT) with the scheduler
## and the purge worker (idle unless FRONTEND_CACHE_PURGE_URL names a proxy to purge)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py update_index --verbosity 0
	@echo "Site:  http://127.0.0.1:$(PORT)/   English: http://127.0.0.1:$(PORT)/en/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@trap 'kill $$SCHEDULER $$PURGES 2>/dev/null; wait $$SCHEDULER $$PURGES 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py run_scheduler & SCHEDULER=$$!; \
	$(PY) manage.py db_worker --backend purges --interval 2 --verbosity 0 & PURGES=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite on a private PostgreSQL cluster, in headless Chromium where needed,
## in PYTEST_WORKERS processes (pytest-xdist; each has its own test database; 0 runs in one process)
test: install-test
	bash tests/support/system_packages.sh
	bash tests/support/run_with_postgres.sh $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## make lint: ruff's rules and formatting, then mypy with django-stubs over the product.
## mypy reads the packages through links in build/typecheck, where the folder site/ is
## named lifelong_site (see lifelong_site.py); the plugin imports the settings, hence PYTHONPATH.
TYPED_PACKAGES := news campaigns search demo bench
lint: $(VENV)/.installed-lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	rm -rf build/typecheck && mkdir -p build/typecheck
	ln -s ../../site build/typecheck/lifelong_site
	for package in $(TYPED_PACKAGES); do ln -s ../../$$package build/typecheck/$$package; done
	cd build/typecheck && PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/mypy --config-file $(CURDIR)/pyproject.toml \
		--cache-dir $(CURDIR)/build/mypy-cache -p lifelong_site $(addprefix -p ,$(TYPED_PACKAGES))

## make test-fast: the suite without what starts extra processes or loads the whole demo
## (the markers browser, demo, nginx, object_storage, redis, search_server); for a quick loop, not for CI
test-fast: install-test
	bash tests/support/run_with_postgres.sh $(PY) -m pytest -n $(PYTEST_WORKERS) \
		-m "not browser and not demo and not nginx and not search_server and not redis and not object_storage" $(PYTEST_ARGS)

## make fuzz: the property-based tests of every public URL with FUZZ_EXAMPLES generated
## inputs per endpoint (2,000 by default; make test runs a quick 60)
FUZZ_EXAMPLES ?= 2000
fuzz: install-test
	bash tests/support/system_packages.sh
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) bash tests/support/run_with_postgres.sh $(PY) -m pytest -n $(PYTEST_WORKERS) tests/security/test_public_inputs.py -p no:cacheprovider $(PYTEST_ARGS)

## make test-sqlite: the suite on SQLite (no PostgreSQL needed), without the
## accessibility module, whose own server thread cannot read SQLite's in-memory test database
test-sqlite: install-test
	DATABASE_URL=sqlite:///data/test.sqlite3 $(PY) -m pytest --ignore=tests/browser/test_accessibility.py $(PYTEST_ARGS)

## make messages: refresh and compile the zh-hans and en message catalogs
messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=bench --ignore=tests --ignore=data --ignore=build --ignore=demo/news/archive
	$(PY) manage.py compilemessages --ignore=.venv --ignore=build

clean:
	rm -rf $(VENV) data static_collected

## make bench-relevance: search relevance and latency on SQLite, PostgreSQL and a
## search server; writes bench/relevance/RESULTS.md (see bench/README.md)
bench-relevance: install-test
	$(PY) bench/relevance/run.py --backend all

## make bench-load: 60 s at 50 concurrent clients against gunicorn and PostgreSQL;
## writes bench/LOAD_RESULTS.md (see bench/README.md)
bench-load: install-test
	$(PY) bench/load_test.py --duration 60 --clients 50

## make bench: the site at archive scale (PAGES generated pages; the build is kept in
## data/bench/ for the next runs): per-page costs, load through the app, its page cache
## and nginx, memory; writes a section of bench/RESULTS.md (see bench/README.md)
PAGES ?= 10000
bench: install
	bash bench/system_packages.sh
	bench/run --pages $(PAGES)

## make bench-compare: this site beside wagtail/bakerydemo (pinned commit, cloned from
## BAKERYDEMO_SOURCE), uncached, same servers; writes bench/COMPARE.md (see bench/README.md)
BAKERYDEMO_SOURCE ?= https://github.com/wagtail/bakerydemo.git
bench-compare: install
	bash bench/system_packages.sh
	bench/compare --pages $(PAGES) --bakerydemo-source $(BAKERYDEMO_SOURCE)
