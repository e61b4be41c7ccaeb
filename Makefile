# Two commands do all set-up on a fresh machine with Python and make:
#   make demo   the example site with demo content on http://127.0.0.1:8000
#   make test   lint, migration check and the whole test suite
# DATABASE_URL (for example postgres://postgres@127.0.0.1:5432/test) selects PostgreSQL.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := cd example_site && ../$(BIN)/python manage.py
TEMPLATES := $(shell find careers/templates example_site -name '*.html' -not -path '*/static/*')

.PHONY: bench demo test lint check-migrations pytest messages compilemessages check-messages wheel-check matrix audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[testing,demo]"
	touch $@

install: $(VENV)/.installed

# The network's site on :8000, an allied organisation's site that syndicates its postings on
# :8001 (its own database), and a plain HTML page with the embed on :8002 (example_site/run_demo.py).
ALLIED := --settings=example_site.settings.allied

demo: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) migrate --noinput $(ALLIED)
	$(MANAGE) load_allied_demo_data $(ALLIED)
	cd example_site && ../$(BIN)/python run_demo.py

test: lint check-migrations pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)
	$(BIN)/bandit --quiet --severity-level medium --recursive careers example_site

check-migrations: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run

# The suite runs twice: as a site with translations, then as one without (tests marked i18n need
# wagtail-localize and are deselected there).
pytest: $(VENV)/.installed node_modules/.installed
	$(BIN)/pytest
	$(BIN)/pytest --ds=tests.settings_no_i18n -m "not i18n" -p no:cacheprovider

# axe-core and the Nu HTML Checker for the browser tests (package.json); without npm those
# tests are reported as skipped, with the reason.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund && touch $@; \
	else \
		echo "npm not found: the accessibility and HTML checks will be skipped"; \
	fi

# Refresh the catalogs from the source (needs GNU gettext), then compile them.
DJANGO_ADMIN := cd careers && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=..:../example_site ../$(BIN)/django-admin

messages: $(VENV)/.installed
	$(DJANGO_ADMIN) makemessages -l es -l fr -l pt --no-obsolete --add-location=file
	$(MAKE) compilemessages

compilemessages: $(VENV)/.installed
	$(DJANGO_ADMIN) compilemessages

# Fails when a string in the code is missing from the catalogs (needs GNU gettext; CI runs it).
check-messages: $(VENV)/.installed
	$(BIN)/python tests/messages_check.py

# Known vulnerabilities in the installed test environment (needs a vulnerability service: PyPI's
# JSON API by default). --strict fails when a package could not be audited, so an unreachable
# service is never reported as "no known vulnerabilities".
audit: $(VENV)/.installed
	$(BIN)/pip freeze --exclude-editable > $(VENV)/audited-requirements.txt
	$(BIN)/pip-audit --strict --progress-spinner off --requirement $(VENV)/audited-requirements.txt --no-deps --disable-pip

wheel-check: $(VENV)/.installed
	$(BIN)/python tests/wheel_smoke.py

# pyenv's shims find python3.13 only when that version is selected. NOX_SESSION picks one cell;
# NOX_ARGS adds nox options (--install-only, --no-install).
NOX_SESSION ?=
NOX_ARGS ?=
matrix: $(VENV)/.installed
	PYENV_VERSION="$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[123]' | paste -sd: -)" \
		$(BIN)/nox $(NOX_ARGS) $(if $(NOX_SESSION),--session "$(NOX_SESSION)")

# Benchmarks on PostgreSQL; writes the tables of docs/performance.md (bench/run.py --help).
# BENCH_DATABASE_URL names a database it may empty; BENCH_REDIS_URL the Redis for cached runs.
BENCH_ARGS ?=
bench: $(VENV)/.installed
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
		{ echo "wrk is needed for the load test: apt-get install wrk"; exit 1; }
	$(BIN)/python -m pip install --quiet -e ".[testing,demo,bench]"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules build dist *.egg-info .nox .pytest_cache screenshots example_site/db.sqlite3 example_site/db_allied.sqlite3
