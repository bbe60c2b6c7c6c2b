#!/usr/bin/env bash
# make stack: PostgreSQL and Redis (started if installed and not answering), then every process of the Procfile,
# started together, their output in one stream (and var/stack/<name>.log), stopped together on Ctrl-C or when one
# dies. `scripts/stack.sh check` starts it, drives one request from submission to notification through the real
# workers and beat (scripts/stack_check.py), and stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
bash scripts/ensure-services.sh >/dev/null

export DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/chenghua_stack}
export REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/10}
export CACHE_URL=${STACK_CACHE_URL:-redis://127.0.0.1:6379/11}
export CELERY_QUEUE=${CELERY_QUEUE:-stack}
export PORT=${PORT:-8000} DEBUG=false LANG=C.UTF-8 PYTHONUNBUFFERED=1
export SMS_BACKEND=${SMS_BACKEND:-governance.core.sms.ConsoleSMSBackend}
mkdir -p var/stack
[ -s var/stack/secret_key ] || "$VENV/bin/python" -c "import secrets; print(secrets.token_urlsafe(50))" > var/stack/secret_key
SECRET_KEY=$(cat var/stack/secret_key)
export SECRET_KEY

db=${DATABASE_URL##*/}
psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE \"$db\""
"$VENV/bin/python" manage.py migrate --noinput -v0
"$VENV/bin/python" manage.py collectstatic --noinput -v0
"$VENV/bin/python" manage.py seed_demo >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "stack: stopped"
}
trap stop INT TERM EXIT

while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  name=${line%%:*}; command=$(eval echo "${line#*: }")
  # shellcheck disable=SC2086 # the Procfile's words are the command's words
  ( exec $command ) > >(while IFS= read -r out; do printf '%-13s| %s\n' "$name" "$out"; done | tee -a "var/stack/$name.log") 2>&1 &
  pids+=($!)
done < Procfile
echo "stack: ${#pids[@]} processes; http://127.0.0.1:$PORT/ ; logs in var/stack/"

for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
if [ "${1:-}" = check ]; then
  "$VENV/bin/python" scripts/stack_check.py "http://127.0.0.1:$PORT"
  exit $?
fi
wait -n "${pids[@]}"  # one process died: stop the others rather than run half a portal
echo "stack: a process stopped; stopping the rest" >&2
