#!/usr/bin/env bash
# The whole suite on PostgreSQL and Redis: services, browser, lint, import contracts, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

need_root() { [ "$(id -u)" = 0 ] || { echo "ERROR: $1 is missing and installing it needs root (apt-get)." >&2; exit 1; }; }

if ! bash scripts/ensure-services.sh; then
  echo "ERROR: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are needed and could not be started." >&2
  exit 1
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v pg_dump >/dev/null || missing+=(postgresql-client)  # the backup and restore test
if [ ${#missing[@]} -gt 0 ]; then
  need_root "${missing[*]}"
  echo "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/chenghua}
export REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/3}
export CACHE_URL=${TEST_CACHE_URL:-redis://127.0.0.1:6379/4}
export SECRET_KEY=test-only-secret DEBUG=false LANG=C.UTF-8

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check . >/dev/null || { echo "ruff format: run '$VENV/bin/ruff format .'" >&2; "$VENV/bin/ruff" format --check . ; }
"$VENV/bin/lint-imports"
env -u DATABASE_URL -u REDIS_URL -u CACHE_URL "$VENV/bin/python" manage.py makemigrations --check --dry-run >/dev/null || { echo "A model change has no migration." >&2; exit 1; }
exec "$VENV/bin/python" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
