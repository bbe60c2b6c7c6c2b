#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into an EMPTY database, then check the result.
#   scripts/restore.sh FILE postgres://.../new_database
# The target must exist (createdb) and hold no tables: restoring over a live database would mix two
# histories, so a non-empty one is refused. After pg_restore, the smoke test runs the portal against the
# restored database: `manage.py check` and `manage.py restore_check` (migrations applied, row counts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 FILE TARGET_DATABASE_URL" >&2; exit 2; }
dump=$1 target=$2
PY=${PY:-.venv/bin/python}
[ -r "$dump" ] || { echo "cannot read $dump" >&2; exit 2; }
pg_restore --list "$dump" >/dev/null || { echo "$dump is not a pg_dump custom-format file" >&2; exit 2; }
tables=$(psql "$target" -XAtq -v ON_ERROR_STOP=1 -c \
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
if [ "$tables" != 0 ]; then
  echo "refusing to restore: the target database is not empty ($tables tables, views or sequences)" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$dump"
echo "restored $dump; smoke test:" >&2
DATABASE_URL=$target "$PY" manage.py check --database default
DATABASE_URL=$target "$PY" manage.py restore_check
