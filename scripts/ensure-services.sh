#!/usr/bin/env bash
# Starts PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) only if they are not answering;
# installs them with apt-get only if absent (needs root). Idempotent; leaves running services alone.
set -euo pipefail
export LANG=C.UTF-8 LC_ALL=C.UTF-8   # else a new cluster is SQL_ASCII with collation C
export DEBIAN_FRONTEND=noninteractive

_apt_updated=0
apt_install() {
  if [ "$_apt_updated" = 0 ]; then apt-get update -qq; _apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h 127.0.0.1 -p 5432
  else tcp_open 127.0.0.1 5432; fi
}
redis_up() {  # PING over bash's /dev/tcp, in a subshell: needs no redis-cli
  ( exec 3<>/dev/tcp/127.0.0.1/6379 || exit 1
    printf 'PING\r\n' >&3; IFS= read -r -t 2 reply <&3 || exit 1
    [[ "$reply" == +PONG* ]] ) 2>/dev/null
}
wait_for() { local i; for i in $(seq 1 "$2"); do "$1" && return 0; sleep 0.5; done; echo "$1: timed out" >&2; return 1; }

ensure_postgres() {
  if pg_up; then
    echo "postgres: already answering"
  else
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
      echo "postgres: installing"; apt_install postgresql postgresql-contrib
    fi
    local ver; ver=$(ls /etc/postgresql | sort -V | tail -1)
    [ -d "/etc/postgresql/$ver/main" ] || pg_createcluster --locale C.UTF-8 -e UTF8 "$ver" main
    pg_up || pg_ctlcluster --skip-systemctl-redirect "$ver" main start
    wait_for pg_up 60
    echo "postgres: started $ver/main"
  fi
  # Trust auth on loopback, as on the developer machines (only if a password is being asked for).
  if ! psql -w -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    local ver hba; ver=$(ls /etc/postgresql | sort -V | tail -1); hba=/etc/postgresql/$ver/main/pg_hba.conf
    { echo 'local all all trust'; echo 'host all all 127.0.0.1/32 trust'; echo 'host all all ::1/128 trust'; cat "$hba"; } > "$hba.ci" \
      && mv "$hba.ci" "$hba" && chown postgres:postgres "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main reload
    sleep 1
  fi
  local q="psql -w -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc"
  [ "$($q "select 1 from pg_roles where rolname='root'")" = 1 ] || $q "create role root superuser login"
  local db
  for db in root test; do
    [ "$($q "select 1 from pg_database where datname='$db'")" = 1 ] \
      || $q "create database $db owner root encoding 'UTF8' template template0 lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'"
  done
}

ensure_redis() {
  if redis_up; then echo "redis: already answering"; return; fi
  command -v redis-server >/dev/null || { echo "redis: installing"; apt_install redis-server; }
  mkdir -p /var/lib/redis /var/log/redis
  redis_up || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for redis_up 40
  echo "redis: started"
}

ensure_postgres
ensure_redis
