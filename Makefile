# The README's two commands: `make run` and `make test`. Both need only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast ci lint format migrations-check clean bench lighthouse backup translations messages lock docs

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements-dev.txt pins every package with its hashes, so pip checks each download
# (--require-hashes is implied); pip itself is upgraded before, outside the lock.
$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The lock, from pyproject.toml: requirements.txt (the runtime dependencies, what production
# installs) and requirements-dev.txt (those plus the dev, test and browser groups, held to
# the same versions), every package pinned with its hashes, resolved by uv for Python 3.11.
# It keeps today's pins; UPGRADE="django boto3" lets those move to their newest allowed
# release. Run it after editing the dependencies in pyproject.toml, and commit all three.
UPGRADE ?=
LOCK := $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --no-strip-markers \
	--generate-hashes --custom-compile-command "make lock" --quiet $(addprefix --upgrade-package ,$(UPGRADE))
lock: $(STAMP)
	$(LOCK) -o requirements.txt
	$(LOCK) --group dev --group test --group browser -c requirements.txt -o requirements-dev.txt

# The translations (docs/translators.md): each locale/<language>/LC_MESSAGES/django.po
# compiled into the .mo Django reads (not tracked), again whenever the .po changes. polib
# compiles them: GNU gettext's msgfmt is not needed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
$(MO_FILES): %.mo: %.po | $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compile_translations
translations: $(MO_FILES)

# The catalogues brought in step with the code and templates (for translators; needs GNU
# gettext: apt-get install gettext). New strings arrive untranslated, for translating. The
# committed catalogue is in the form this writes (one line a string), so on an unchanged
# tree it changes nothing (tests/clinic/test_translations.py checks it).
messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --all

# The development server and, beside it, the task worker (the emails); Ctrl-C stops both.
# The worker does not reload on code changes (a reload would cut a task short): after
# changing a task, stop and start `make run` again. RUN_PORT: another port when 8000 is
# taken (make run RUN_PORT=8001).
RUN_PORT ?= 8000
run: $(STAMP) $(MO_FILES)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo_content --publish-unreviewed
	@echo ""
	@echo "Sign in at http://127.0.0.1:$(RUN_PORT)/admin/ (first, in another terminal, make an account):"
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py create_staff_user maria --group \"Care coordinators\""
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py create_staff_user ed --group Editors"
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py create_staff_user doc --group \"Medical reviewers\" --display-name \"Dr. Your Name\" --credentials \"MD, your specialty\""
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser    # an administrator"
	@echo ""
	@DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'trap - EXIT INT TERM; kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(RUN_PORT)

# The browser tests' checkers (axe-core, the Nu HTML Checker) from the npm registry, into
# node_modules/. Without npm the tests that need them are skipped, saying so.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the accessibility and HTML checks will be skipped."; fi

# The whole suite: what CI runs and what a change must pass before it is merged.
test: $(STAMP) $(NODE_STAMP) $(MO_FILES)
	$(BIN)/python -m pytest

# The inner loop while you work: the suite without the browser tests (tests/browser) and
# without the fault tests that start their own PostgreSQL, Redis or gunicorn servers
# (marked servers, tests/reliability): 868 tests, 4 min of CPU (13 min on a machine
# shared with other jobs). Then `make test`
# before you commit. A failure found here runs again alone with
# `.venv/bin/python -m pytest --lf` (pytest keeps the last failures in .pytest_cache/).
test-fast: $(STAMP) $(MO_FILES)
	$(BIN)/python -m pytest -m "not browser and not servers"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

# The documentation (docs/, mkdocs.yml) built into site/ (not tracked), strictly: a broken
# link, a missing anchor or a page left out of the navigation fails (CI runs it).
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

# A consistent backup of the database and the media (docs/operators/backups.md), with the same
# environment as the site (DATABASE_URL, DJANGO_MEDIA_ROOT...). It holds patients' data:
# keep BACKUP_DIR outside the repository and off the web server's paths.
BACKUP_DIR ?= backups
backup: $(STAMP)
	@if [ -z "$${DJANGO_SECRET_KEY:-}" ] && [ -z "$${DJANGO_DEBUG:-}" ]; then \
		echo "make backup runs with the site's environment: set DATABASE_URL, DJANGO_MEDIA_ROOT"; \
		echo "and DJANGO_SECRET_KEY as the site has them (or DJANGO_DEBUG=1 for a development"; \
		echo "copy), and BACKUP_DIR outside the repository. See docs/operators/backups.md."; \
		exit 2; \
	fi
	$(BIN)/python manage.py backup_site --output $(BACKUP_DIR)

clean:
	rm -rf $(VENV) staticfiles site .pytest_cache .ruff_cache $(MO_FILES)

# Where `make bench` and `make lighthouse` write their results: results/ is not tracked.
# RESULTS_DIR=docs updates the committed figures (docs/benchmarks/, docs/lighthouse/).
RESULTS_DIR ?= results

# Load benchmark (tests/benchmarks/matrix.py, each cell tests/benchmarks/run.py): gunicorn
# under wrk at 100, 1,000 and 10,000 articles on SQLite and on PostgreSQL + Redis, one
# table; about 25 minutes. Not part of `make test`. Options: make bench
# BENCH_ARGS="--sizes 1000 --dbs postgres --repeat 3 --duration 8";
# BENCH_ARGS=--quick for a small corpus and 1 s a row (what CI runs). Where it works:
# --postgres-url postgres://user@host:5432 --database clinic_bench (dropped and made anew),
# --redis-url redis://127.0.0.1:6379/12 (emptied, only if it holds an earlier run's keys
# alone), --ports 8101 8102 (free ones by default).
BENCH_ARGS ?=
bench: $(STAMP) $(MO_FILES)
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian's package)"; apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m tests.benchmarks.matrix --output $(RESULTS_DIR)/benchmarks $(BENCH_ARGS)

# Lighthouse (mobile) on the home page and an article against the production server;
# reports in $(RESULTS_DIR)/lighthouse/, the median of LIGHTHOUSE_RUNS runs a page.
# Needs Debian's chromium and npm.
LIGHTHOUSE_RUNS ?= 3
lighthouse: $(STAMP) $(MO_FILES)
	$(BIN)/python -m tests.benchmarks.lighthouse --runs $(LIGHTHOUSE_RUNS) --output $(RESULTS_DIR)/lighthouse
