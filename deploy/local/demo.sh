#!/usr/bin/env bash
# Runs Patchserve with a generated SMCEFR demo collection on http://localhost:8080 (PATCHSERVE_PORT to change).
# Installs PostGIS when missing, starts the local PostGIS and S3 server, builds, ingests, serves. Ctrl-C stops
# the service; `deploy/local/stack.sh stop` stops PostGIS and S3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PATCHSERVE_ROOT"

PORT="${PATCHSERVE_PORT:-8080}"
DEMO_DIR="$PATCHSERVE_ROOT/.state/demo-release"
DEMO_COUNT="${PATCHSERVE_DEMO_COUNT:-24}"
COLLECTION=smcefr-demo

use_java
deploy/local/stack.sh start
set -a; eval "$(deploy/local/stack.sh env)"; set +a

log "building (first build downloads dependencies through Maven) ..."
./mvnw -q -B package -DskipTests
APP=(java -XX:+UseG1GC -jar target/quarkus-app/quarkus-run.jar)

MARKER="$PATCHSERVE_ROOT/.state/demo-release-$DEMO_COUNT.complete"
if [ ! -f "$MARKER" ]; then
  log "generating $DEMO_COUNT demo patches in $DEMO_DIR ..."
  rm -rf "$DEMO_DIR"
  QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" demo-data "$DEMO_DIR" "$DEMO_COUNT"
  touch "$MARKER"
fi

log "ingesting the demo release into collection $COLLECTION (rerunning is safe: unchanged items are skipped) ..."
QUARKUS_HTTP_HOST_ENABLED=false "${APP[@]}" ingest --format smcefr --collection "$COLLECTION" \
  --title "SMCEFR demo (generated)" --license CC0-1.0 \
  --description "Generated SMCEFR-like patches: synthetic RGB scenes named by Sentinel-3 OLCI product names." \
  "$DEMO_DIR"

FIRST_ITEM="$(ls "$DEMO_DIR" | grep -m1 '\.png$' | sed 's/\.png$//')"
BASE="http://localhost:$PORT"
cat <<URLS

  Patchserve is starting on $BASE  (Ctrl-C to stop)
  Try:
    curl $BASE/
    curl $BASE/collections/$COLLECTION
    curl '$BASE/collections/$COLLECTION/items?limit=5'
    curl $BASE/collections/$COLLECTION/items/$FIRST_ITEM
    curl -OJ $BASE/collections/$COLLECTION/items/$FIRST_ITEM/assets/image
    curl $BASE/q/health/ready

URLS
QUARKUS_HTTP_PORT="$PORT" exec "${APP[@]}"
