# make run: the portal on the embedded default (SQLite, in-process tasks, demo data) at http://127.0.0.1:$(PORT)/
# make test: the whole suite on PostgreSQL and Redis (started if installed and not answering)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test messages lock bench worker stack stack-check

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -c requirements.lock -e ".[test]"
	touch $@

# The embedded default whatever the shell exports: SQLite under var/, tasks in-process, DEBUG on
# (with DEBUG off the portal refuses the embedded SECRET_KEY), and the demo staff accounts signing in
# by password alone (the portal refuses OTP_REQUIRED_FOR_STAFF=false in production).
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u CACHE_URL DEBUG=true OTP_REQUIRED_FOR_STAFF=false
# Static files as production serves them: collected with hashed names and gzip copies, answered by whitenoise
# (runserver --nostatic) with a year's Cache-Control, so a page weighs here what it weighs in production.
STATIC := STATIC_MANIFEST=true

run: $(VENV)/.installed
	$(EMBEDDED) $(PY) manage.py migrate --noinput -v0
	$(EMBEDDED) $(PY) manage.py seed_demo
	$(EMBEDDED) $(STATIC) $(PY) manage.py collectstatic --noinput -v0
	$(EMBEDDED) $(STATIC) $(PY) manage.py runserver --nostatic 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	VENV=$(VENV) bash scripts/test.sh

# Regenerate the translation catalogues after changing user-facing strings, then translate and commit.
messages: $(VENV)/.installed
	PY=$(PY) bash scripts/messages.sh

lock: $(VENV)/.installed
	$(VENV)/bin/pip freeze --exclude-editable > requirements.lock

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A governance worker --beat -l info

# The whole portal on one machine as in production: PostgreSQL, Redis, gunicorn (gthread, whitenoise), a worker per
# kind of work and beat (Procfile), started and stopped together, logs in var/stack/. stack-check drives one request
# from submission to notification through them, then stops everything.
stack: $(VENV)/.installed
	VENV=$(VENV) bash scripts/stack.sh

stack-check: $(VENV)/.installed
	VENV=$(VENV) bash scripts/stack.sh check
