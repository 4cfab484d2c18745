# Heard: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export FLASK_APP := app

.PHONY: run serve test test-sqlite test-postgres bench install translations translations-extract translations-update lint clean

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

run: install instance/config.py
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	$(BIN)/flask run --host 127.0.0.1 --port 5000

serve: install
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py "app:create_app()"

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# axe-core for the accessibility tests, from the npm registry (nothing here is served).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --silent

# Every test on SQLite, then every database-backed test (app and browser) again on a throwaway
# PostgreSQL cluster. The analysis library's tests touch no database and run once.
test: $(TEST_STAMP) translations node_modules/.package-lock.json
	bash scripts/test-deps.sh
	$(BIN)/bandit -r app analysis -q
	$(BIN)/python -m pytest
	bash scripts/with-postgres.sh $(BIN)/python -m pytest tests/app tests/browser -m "not own_database" -p no:cacheprovider

bench: $(TEST_STAMP) translations
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) instance/heard.sqlite3* .pytest_cache
