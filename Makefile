# Heard: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export FLASK_APP := app
# `make run HOST=0.0.0.0 PORT=5101`: where `make run` serves. Every command it runs is told, so
# the sign-ins it prints and the links in messages (HEARD_BASE_URL's default) use that address.
HOST = 127.0.0.1
PORT = 5000
PYTEST = $(BIN)/python -m pytest

.PHONY: run serve test test-fast test-sqlite test-postgres test-deps bench install translations translations-extract translations-update lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(STAMP) translations

# Compile the catalogues (.mo files are build output, never committed).
translations: $(STAMP)
	$(BIN)/python scripts/translations.py compile

translations-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output --project=Heard .

translations-update: translations-extract
	$(BIN)/python scripts/translations.py update

instance/config.py:
	@mkdir -p instance
	@$(BIN)/python -c "import secrets; print('SECRET_KEY = %r' % secrets.token_hex(32))" > $@
	@echo "Wrote a new random SECRET_KEY to instance/config.py"

run: export FLASK_RUN_HOST = $(HOST)
run: export FLASK_RUN_PORT = $(PORT)
run: install instance/config.py
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	$(BIN)/flask run --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py "app:create_app()"

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# axe-core for the accessibility tests, from the npm registry (nothing here is served).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --silent

# Every test on SQLite (test-sqlite), then every database-backed test (app and browser) again on a
# throwaway PostgreSQL cluster that scripts/with-postgres.sh starts and removes (test-postgres; it
# says so and skips when it cannot). The analysis library's tests touch no database and run once.
SQLITE_PASS = $(PYTEST)
POSTGRES_PASS = bash scripts/with-postgres.sh $(PYTEST) tests/app tests/browser -m "not own_database" -p no:cacheprovider

test: test-deps lint
	$(SQLITE_PASS)
	$(POSTGRES_PASS)

# Style and common mistakes (ruff, its rules in pyproject.toml), security (bandit), then the
# layering (import-linter's contracts in pyproject.toml; docs/architecture.md).
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/bandit -r app analysis -q
	$(BIN)/lint-imports --no-cache

test-sqlite: test-deps
	$(SQLITE_PASS)

test-postgres: test-deps
	$(POSTGRES_PASS)

# What the tests need: Python packages, axe-core, and (scripts/test-deps.sh) Debian's Chromium,
# PostgreSQL and Redis.
test-deps: $(TEST_STAMP) translations node_modules/.package-lock.json
	bash scripts/test-deps.sh

# The inner loop: everything but the browser and slow tests, on SQLite.
test-fast: $(TEST_STAMP) translations
	$(PYTEST) -m "not browser and not slow"

# SQLite (writes docs/benchmarks.md), then the fair yardsticks and open loop on PostgreSQL, then two
# servers on one PostgreSQL and one Redis with an RQ worker (both printed; throwaway clusters), then an
# analysis run over 2,000 stored vectors and the review pages at size (docs/benchmarks.md records both).
# BENCH_OPEN_SECONDS=10 for a short open loop while developing (the record is 60 s).
BENCH_OPEN_SECONDS = 60
bench: $(TEST_STAMP) translations
	$(BIN)/python benchmarks/run.py --open-duration $(BENCH_OPEN_SECONDS)
	bash scripts/with-postgres.sh $(BIN)/python benchmarks/run.py --postgres --open-duration $(BENCH_OPEN_SECONDS) \
		--only register_post,note_post,open_register,open_note
	bash scripts/with-postgres.sh $(BIN)/python benchmarks/scale_out.py --open-duration $(BENCH_OPEN_SECONDS)
	$(BIN)/python benchmarks/bench_runs.py
	$(BIN)/python benchmarks/review_pages.py

clean:
	rm -rf $(VENV) instance/heard.sqlite3* .pytest_cache
