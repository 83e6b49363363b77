#!/usr/bin/env bash
# Local PostGIS and S3 server (S3Proxy, filesystem backend) for the demo and the tests.
#
#   deploy/local/stack.sh start|stop|status|env        (both)
#   deploy/local/stack.sh start-pg|stop-pg|start-s3|stop-s3   (one of them, for outage tests)
#
# Settings (environment):
#   PATCHSERVE_STATE     state folder (default: <checkout>/.state/local)
#   PATCHSERVE_PG_PORT   PostGIS port (default 55432)
#   PATCHSERVE_S3_PORT   S3 port (default 59000)
# Database, user and password are "patchserve"; S3 keys are patchserve / patchserve-secret,
# bucket "patchserve". Starting twice is fine; stop leaves no process behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE="${PATCHSERVE_STATE:-$PATCHSERVE_ROOT/.state/local}"
PG_PORT="${PATCHSERVE_PG_PORT:-55432}"
S3_PORT="${PATCHSERVE_S3_PORT:-59000}"
DB_NAME=patchserve DB_USER=patchserve DB_PASSWORD=patchserve
S3_ACCESS_KEY=patchserve S3_SECRET_KEY=patchserve-secret S3_BUCKET=patchserve
S3PROXY_VERSION=4.1.0
S3PROXY_JAR="$PATCHSERVE_ROOT/.state/lib/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"

mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"

# ---------- PostGIS ----------

pg_bin_dir() {
  local dir
  for dir in ${PATCHSERVE_PG_BIN:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    local version; version="$(basename "$(dirname "$dir")")"
    [ -x "$dir/pg_ctl" ] && [ -f "/usr/share/postgresql/$version/extension/postgis.control" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgis_installed() {
  pg_bin_dir >/dev/null && return 0
  log "installing PostGIS (postgresql-15-postgis-3) ..."
  as_root_or_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-postgis-3 >/dev/null 2>&1 \
    || { as_root_or_sudo apt-get update -q >/dev/null && as_root_or_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-postgis-3 >/dev/null; } \
    || die "could not install postgresql-15-postgis-3"
  pg_bin_dir >/dev/null || die "PostGIS installed but not found under /usr/lib/postgresql"
}

# PostgreSQL refuses to run as root: as root, its files belong to (and it runs as) the postgres user.
pg_data_root() {
  local root="$STATE/pg"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$root"
    chown postgres:postgres "$root"
    # The checkout may sit below a folder postgres cannot enter (e.g. /root): then keep the data in /var/tmp.
    if ! runuser -u postgres -- test -w "$root"; then
      root="/var/tmp/patchserve-$(printf '%s' "$STATE" | sha256sum | cut -c1-12)/pg"
      mkdir -p "$root"; chown -R postgres:postgres "$(dirname "$root")" "$root"
    fi
  fi
  echo "$root"
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PGROOT=""
pg_paths() {
  PGROOT="$(pg_data_root)"
  PGDATA="$PGROOT/data"; PGSOCK="$PGROOT/run"; PGLOG="$PGROOT/postgres.log"
}

pg_running() { [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

psql_admin() { as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PG_PORT" -U postgres "$@"; }

start_pg() {
  ensure_postgis_installed
  PGBIN="$(pg_bin_dir)"; pg_paths
  as_pg mkdir -p "$PGSOCK"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initialising PostGIS data directory in $PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PGROOT/initdb.log" 2>&1 \
      || { cat "$PGROOT/initdb.log" >&2; die "initdb failed"; }
  fi
  if pg_running; then
    log "PostGIS already running on port $PG_PORT"
  else
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGLOG" -w -t 60 \
      -o "-p $PG_PORT -k $PGSOCK -c listen_addresses=127.0.0.1 ${PATCHSERVE_PG_OPTIONS:-}" start >/dev/null \
      || { tail -20 "$PGLOG" >&2; die "PostGIS did not start (log: $PGLOG)"; }
    log "PostGIS started on port $PG_PORT"
  fi
  psql_admin -d postgres <<SQL
SELECT 'CREATE ROLE $DB_USER LOGIN PASSWORD ''$DB_PASSWORD'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') \gexec
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
  # PostGIS is not a trusted extension: the superuser creates it, the migrations only use it.
  psql_admin -d "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS postgis' 2>&1 | grep -v 'already exists' || true
}

stop_pg() {
  PGBIN="$(pg_bin_dir 2>/dev/null)" || return 0
  pg_paths
  if pg_running; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; log "PostGIS stopped"; fi
}

# ---------- S3 (S3Proxy) ----------

S3DIR="$STATE/s3"; S3PID="$STATE/s3proxy.pid"; S3LOG="$STATE/s3proxy.log"

s3_running() { [ -f "$S3PID" ] && kill -0 "$(cat "$S3PID")" 2>/dev/null; }

fetch_s3proxy() {
  [ -f "$S3PROXY_JAR" ] && return 0
  use_java
  log "fetching S3Proxy $S3PROXY_VERSION through Maven ..."
  "$PATCHSERVE_ROOT/mvnw" -q -B -f "$PATCHSERVE_ROOT/pom.xml" dependency:copy \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$(dirname "$S3PROXY_JAR")" >/dev/null || die "could not fetch S3Proxy"
}

wait_for_port() {
  local port="$1" what="$2" i
  for i in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  die "$what did not open port $port"
}

start_s3() {
  fetch_s3proxy
  mkdir -p "$S3DIR/data/$S3_BUCKET"   # with the filesystem backend a bucket is a folder
  if s3_running; then log "S3 server already running on port $S3_PORT"; return 0; fi
  cat >"$S3DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3DIR/data
CONF
  use_java
  nohup "$JAVA_HOME/bin/java" -Xmx256m -jar "$S3PROXY_JAR" --properties "$S3DIR/s3proxy.conf" >"$S3LOG" 2>&1 &
  echo $! >"$S3PID"
  wait_for_port "$S3_PORT" "S3Proxy (log: $S3LOG)"
  log "S3 server started on port $S3_PORT"
}

stop_s3() {
  s3_running || { rm -f "$S3PID"; return 0; }
  local pid; pid="$(cat "$S3PID")"
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$S3PID"
  log "S3 server stopped"
}

print_env() {
  cat <<ENV
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME
QUARKUS_DATASOURCE_USERNAME=$DB_USER
QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD
PATCHSERVE_STORAGE_ENDPOINT=http://127.0.0.1:$S3_PORT
PATCHSERVE_STORAGE_ACCESS_KEY=$S3_ACCESS_KEY
PATCHSERVE_STORAGE_SECRET_KEY=$S3_SECRET_KEY
PATCHSERVE_STORAGE_BUCKET=$S3_BUCKET
ENV
}

status() {
  local rc=0
  PGBIN="$(pg_bin_dir 2>/dev/null)" && pg_paths && pg_running && echo "postgis: running on 127.0.0.1:$PG_PORT ($PGDATA)" \
    || { echo "postgis: stopped"; rc=3; }
  s3_running && echo "s3: running on 127.0.0.1:$S3_PORT (pid $(cat "$S3PID"), data $S3DIR/data)" || { echo "s3: stopped"; rc=3; }
  return $rc
}

case "${1:-}" in
  start) start_pg; start_s3 ;;
  stop) stop_s3; stop_pg ;;
  status) status ;;
  env) print_env ;;
  # one of the two, for tests of an outage and its end
  start-pg) start_pg ;;
  stop-pg) stop_pg ;;
  start-s3) start_s3 ;;
  stop-s3) stop_s3 ;;
  *) echo "usage: $0 start|stop|status|env|start-pg|stop-pg|start-s3|stop-s3" >&2; exit 2 ;;
esac
