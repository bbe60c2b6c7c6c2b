#!/usr/bin/env bash
# Regenerate every translation catalogue, then compile them. Each app keeps its own
# (<app>/locale/zh_Hans/LC_MESSAGES/django.po); the project's templates/ and governance/core
# share locale/ at the top. Translate what is new (empty msgstr), then run this again and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
export DEBUG=${DEBUG:-true}  # a development command: runs without a SECRET_KEY of its own
apps=$(find governance courtyards associations committees -name apps.py -not -path "governance/core/*" -printf '%h\n' | sort)
ignores=(--ignore=.venv --ignore=var --ignore=tests --ignore=bench)
for app in $apps; do
  ignores+=(--ignore="$app/*")
  mkdir -p "$app/locale"
  (cd "$app" && "$PY" "$ROOT/manage.py" makemessages -l zh_Hans --no-location --no-obsolete -v0)
done
mkdir -p locale
"$PY" manage.py makemessages -l zh_Hans --no-location --no-obsolete -v0 "${ignores[@]}"
"$PY" manage.py compilemessages -l zh_Hans --ignore=.venv -v0
echo "catalogues: $(find . -path ./.venv -prune -o -name django.po -print | wc -l); untranslated or fuzzy entries:"
for po in $(find . -path ./.venv -prune -o -name django.po -print); do
  n=$("$PY" -c "import polib,sys; p=polib.pofile(sys.argv[1]); print(len(p.untranslated_entries())+len(p.fuzzy_entries()))" "$po")
  [ "$n" = 0 ] || echo "  $po: $n"
done
