# Samverkan: `make demo` runs the whole system, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# The demo's web port: PORT=8001 make demo; its partner receiver's port
PORT ?= 8000
RECEIVER_PORT ?= 8079
# Python writes the bytecode of what it imports (the install compiles
# nothing, scripts/bootstrap-venv.sh). With PYTHONDONTWRITEBYTECODE set, as
# on this machine, every process compiled Django, Wagtail and ours again:
# 4.8 s instead of 2.3 s to start Django, in each of the suite's many
# processes (measured 2026-12-05).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test test-fast lint audit docs audit-refresh lock messages format bench backup restore clean

$(STAMP): pyproject.toml requirements.lock
	scripts/bootstrap-venv.sh "$(PYTHON)" "$(VENV)"
	touch $(STAMP)

var:
	mkdir -p var/broker/queue var/broker/processed var/mail var/cache var/media var/static

## demo: install, migrate, load demo data and run web, worker, beat and a demo partner receiver (Ctrl-C stops all)
demo: $(STAMP) var
	$(BIN)/python manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://localhost:$(PORT)}" \
		$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_newsletter_demo
	$(BIN)/python manage.py sync_demo --port $(RECEIVER_PORT)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo
	@$(BIN)/python manage.py demo_accounts
	@echo "  public: http://localhost:$(PORT)/  (the demo region's website)"
	@echo "  admin:  http://localhost:$(PORT)/admin/"
	@echo "  health: http://localhost:$(PORT)/health/"
	@echo "  e-mail: written as .eml files to var/mail/ (open them in a mail program)"
	@echo
	RECEIVER_PORT=$(RECEIVER_PORT) \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://localhost:$(PORT)}" \
		$(BIN)/honcho --procfile Procfile.demo start --port $(PORT)

## test: lint, audit and docs, then the whole suite against real PostgreSQL, Redis and a Celery worker
# The Debian packages the suite needs install meanwhile (on a fresh machine:
# downloads and dpkg, half a minute on one core, while the checks use the
# other); their output is shown if they fail.
test: $(STAMP) var
	@scripts/install-test-tools.sh >var/install-test-tools.log 2>&1 & tools=$$!; \
	$(MAKE) --no-print-directory lint audit docs; checks=$$?; \
	wait $$tools || { cat var/install-test-tools.log >&2; exit 1; }; \
	exit $$checks
	SAMVERKAN_REQUIRE_SERVICES=1 PYTEST=$(BIN)/pytest scripts/with-services.sh scripts/run-tests.sh $(PYTEST_ARGS)

## test-fast: the suite on SQLite without services (integration tests skipped)
test-fast: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff, the layer contracts (import-linter), no import cycles, no missing migration
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/import_cycles.py
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 1

## docs: the manual (docs/, mkdocs-material) built with --strict into var/site: a broken link, anchor or a page left out of the nav fails
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir var/site

## audit: the locked dependencies against known vulnerabilities (scripts/audit_deps.py)
audit: $(STAMP)
	$(BIN)/python scripts/audit_deps.py

## audit-refresh: the advisory snapshot again from the newest PyPA advisory database (ADVISORY_DB=<a clone you have> to skip the download)
ADVISORY_DB ?=
audit-refresh: $(STAMP)
	@db="$(ADVISORY_DB)"; \
	if [ -z "$$db" ]; then \
	  db=var/advisory-database; \
	  if [ -d "$$db/.git" ]; then git -C "$$db" pull --ff-only --depth 1; \
	  else git clone --depth 1 https://github.com/pypa/advisory-database "$$db"; fi; \
	fi; \
	gitdir="$$db"; [ -d "$$db/.git" ] && gitdir="$$db/.git"; \
	$(BIN)/python scripts/audit_deps.py snapshot --git-dir "$$gitdir" && \
	$(BIN)/python scripts/audit_deps.py --offline

## lock: pin every dependency with hashes again after changing pyproject.toml (UPGRADE=1: newest allowed)
lock:
	scripts/lock-deps.sh "$(PYTHON)"

## messages: update the Swedish .po files from the code and compile them (needs gettext)
messages: $(STAMP)
	for app in cms delivery demo newsletter sync web; do (cd $$app && ../$(BIN)/django-admin makemessages -l sv --no-obsolete); done
	$(BIN)/python manage.py compilemessages -l sv --ignore=.venv

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: every benchmark script, ours and the peer side by side
bench: $(STAMP)
	@for script in benchmarks/*.py; do [ -e "$$script" ] || continue; $(BIN)/python "$$script"; done

## backup: dump the database (PostgreSQL, DATABASE_URL) and media into BACKUP_DIR
BACKUP_DIR ?= var/backups/$(shell date +%Y%m%d-%H%M%S)
backup: $(STAMP)
	$(BIN)/python manage.py backup_create "$(BACKUP_DIR)"

## restore: restore BACKUP_DIR into the (empty) database of DATABASE_URL and MEDIA_ROOT
restore: $(STAMP)
	@[ "$(origin BACKUP_DIR)" != file ] || { echo "usage: make restore BACKUP_DIR=<folder made by make backup>" >&2; exit 2; }
	$(BIN)/python manage.py backup_restore "$(BACKUP_DIR)"

clean:
	rm -rf var .pytest_cache .ruff_cache
