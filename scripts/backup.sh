#!/usr/bin/env bash
# A full backup of the portal's database: pg_dump's custom format (compressed, restorable table by table).
#   DATABASE_URL=postgres://... scripts/backup.sh [FILE]
# Without FILE it writes $BACKUP_DIR/portal-<UTC time>.dump (BACKUP_DIR defaults to var/backups) and then
# deletes that directory's dumps older than BACKUP_KEEP_DAYS (default 35). Prints the file it wrote.
# Media files (photos, report files) are not in the database: back up MEDIA_ROOT beside it (docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
dir=${BACKUP_DIR:-var/backups}
keep_days=${BACKUP_KEEP_DAYS:-35}
[[ "$keep_days" =~ ^[0-9]+$ ]] || { echo "BACKUP_KEEP_DAYS must be a whole number of days, not '$keep_days'" >&2; exit 2; }
out=${1:-$dir/portal-$(date -u +%Y%m%dT%H%M%SZ).dump}
[ -e "$out" ] && { echo "$out exists already: not overwriting a backup" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
# Written under a temporary name, so a dump cut short by a full disk or a dropped connection never looks complete.
pg_dump --format=custom --no-owner --no-privileges --file="$out.partial" "$DATABASE_URL"
mv "$out.partial" "$out"
if [ $# -eq 0 ]; then
  find "$dir" -maxdepth 1 -name 'portal-*.dump' -mtime +"$keep_days" -print -delete >&2
fi
echo "$out"
